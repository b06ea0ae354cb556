#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "demarche.h"
#include "embed.h"
#include "error.h"
#include "gazetteer.h"
#include "store.h"

struct load {
	struct store *s;
	int          *actors, *aliases;
};

/* Splits line in place at tabs; 0 when it has every field. */
static int
split_fields(char *line, char *f[GAZ__MAX])
{
	int i;

	for (i = 0; i < GAZ__MAX; i++) {
		f[i] = line;
		if ((line = strchr(line, '\t')) != NULL)
			*line++ = '\0';
		else if (i + 1 < GAZ__MAX)
			return -1;
	}
	return 0;
}

static int
load_line(void *ctx, char *f[GAZ__MAX], int lineno)
{
	struct load *l = ctx;
	char *alias, *next;
	int64_t id;
	int rc, created, added;

	if ((rc = store_actor_add(l->s, f[GAZ_CODE], f[GAZ_NAME], f[GAZ_KIND],
	    f[GAZ_COUNTRY], &id, &created)) != 0)
		return dm_error(rc, "gazetteer line %d: %s", lineno,
		    dm_error_last());
	*l->actors += created;
	for (alias = f[GAZ_ALIASES]; *alias != '\0'; alias = next) {
		if ((next = strchr(alias, ';')) != NULL)
			*next++ = '\0';
		else
			next = alias + strlen(alias);
		if ((rc = store_alias_add(l->s, id, alias, &added)) != 0)
			return dm_error(rc, "gazetteer line %d: %s", lineno,
			    dm_error_last());
		*l->aliases += added;
	}
	return 0;
}

int
gazetteer_each(int (*fn)(void *ctx, char *f[GAZ__MAX], int lineno),
    void *ctx)
{
	char *text, *line, *next, *f[GAZ__MAX];
	int rc = 0, lineno = 0;

	if ((text = strdup(dm_gazetteer[0].data)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (line = text; *line != '\0' && rc == 0; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (*line == '#' || *line == '\0')
			continue;
		if (split_fields(line, f) != 0)
			rc = dm_error(DM_ERROR, "gazetteer line %d: expected "
			    "%d fields", lineno, GAZ__MAX);
		else
			rc = fn(ctx, f, lineno);
	}
	free(text);
	return rc;
}

int
gazetteer_load(struct store *s, int *actors, int *aliases)
{
	struct load l = { s, actors, aliases };

	*actors = *aliases = 0;
	return gazetteer_each(load_line, &l);
}

int
gazetteer_defines(const char *code)
{
	const char *p = dm_gazetteer[0].data;
	size_t len = strlen(code);

	if (len == 0)
		return 0;
	/* A code starts a line and ends at the first tab. */
	while ((p = strstr(p, code)) != NULL) {
		if ((p == dm_gazetteer[0].data || p[-1] == '\n') &&
		    p[len] == '\t')
			return 1;
		p += len;
	}
	return 0;
}
