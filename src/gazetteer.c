#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "demarche.h"
#include "embed.h"
#include "error.h"
#include "gazetteer.h"
#include "store.h"

enum gaz_field { GAZ_CODE, GAZ_NAME, GAZ_KIND, GAZ_COUNTRY, GAZ_ALIASES,
	GAZ__MAX };

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
load_line(struct store *s, char *line, int lineno, int *actors, int *aliases)
{
	char *f[GAZ__MAX];
	char *alias, *next;
	int64_t id;
	int rc, created, added;

	if (split_fields(line, f) != 0)
		return dm_error(DM_ERROR, "gazetteer line %d: expected %d "
		    "fields", lineno, GAZ__MAX);
	if ((rc = store_actor_add(s, f[GAZ_CODE], f[GAZ_NAME], f[GAZ_KIND],
	    f[GAZ_COUNTRY], &id, &created)) != 0)
		return dm_error(rc, "gazetteer line %d: %s", lineno,
		    dm_error_last());
	*actors += created;
	for (alias = f[GAZ_ALIASES]; *alias != '\0'; alias = next) {
		if ((next = strchr(alias, ';')) != NULL)
			*next++ = '\0';
		else
			next = alias + strlen(alias);
		if ((rc = store_alias_add(s, id, alias, &added)) != 0)
			return dm_error(rc, "gazetteer line %d: %s", lineno,
			    dm_error_last());
		*aliases += added;
	}
	return 0;
}

int
gazetteer_load(struct store *s, int *actors, int *aliases)
{
	char *text, *line, *next;
	int rc = 0, lineno = 0;

	*actors = *aliases = 0;
	if ((text = strdup(dm_gazetteer[0].data)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (line = text; *line != '\0' && rc == 0; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (*line != '#' && *line != '\0')
			rc = load_line(s, line, lineno, actors, aliases);
	}
	free(text);
	return rc;
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
