#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "archive.h"
#include "db.h"
#include "error.h"
#include "names.h"
#include "fold.h"
#include "resolve.h"
#include "store.h"

const char *const actor_kind_names[] = { "state", "igo", "institution",
	"mission", "ministry", "agency", "person", "group", "media", "other",
	"unresolved", NULL };

int
actor_kind_valid(const char *kind)
{
	return names_find(actor_kind_names, kind) >= 0;
}

static int
country_valid(const char *c)
{
	return strlen(c) == 3 && c[0] >= 'A' && c[0] <= 'Z' &&
	    c[1] >= 'A' && c[1] <= 'Z' && c[2] >= 'A' && c[2] <= 'Z';
}

int
actor_add(dm_archive *a, const struct dm_actor_spec *spec, int *created)
{
	struct store *s;
	char code[DM_CODE_MAX + 1], names[256];
	const char *kind = spec->kind ? spec->kind : "other";
	int64_t id;
	size_t i;
	int rc, added;

	*created = 0;
	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	if (strlen(spec->code) > DM_CODE_MAX)
		return dm_error(DM_EINVALID, "invalid actor code '%.70s...' "
		    "(at most %d characters)", spec->code, DM_CODE_MAX);
	snprintf(code, sizeof(code), "%s", spec->code);
	if ((rc = code_normalise(code)) != 0)
		return rc;
	if (!actor_kind_valid(kind))
		return dm_error(DM_EINVALID, "unknown actor kind '%s' (%s)",
		    kind, names_join(names, sizeof(names), actor_kind_names));
	if (spec->country && *spec->country && !country_valid(spec->country))
		return dm_error(DM_EINVALID, "invalid country '%s' (an ISO "
		    "3166-1 alpha-3 code such as 'CHN')", spec->country);
	if (spec->name == NULL || *spec->name == '\0')
		return dm_error(DM_EINVALID, "actor '%s' has no name", code);
	if ((rc = store_actor_add(s, code, spec->name, kind, spec->country,
	    &id, created)) != 0)
		return rc;
	for (i = 0; i < spec->naliases; i++)
		if ((rc = store_alias_add(s, id, spec->aliases[i],
		    &added)) != 0)
			return rc;
	return 0;
}

/* Ends the transaction begun for rc's work: commit on 0, else roll back. */
static int
in_transaction(dm_archive *a, int rc)
{
	if (rc == 0)
		return db_commit(a->db);
	db_rollback(a->db);
	return rc;
}

int
dm_actor_add(dm_archive *a, const struct dm_actor_spec *spec, int *created)
{
	int rc;

	if ((rc = db_begin(a->db)) != 0)
		return rc;
	return in_transaction(a, actor_add(a, spec, created));
}

static int
alias(dm_archive *a, const char *ref, const char *name)
{
	struct store *s;
	int64_t id, holder;
	int rc, added;
	char code[DM_CODE_MAX + 1];

	if ((rc = archive_store(a, &s)) != 0 ||
	    (rc = store_actor_find(s, ref, &id)) != 0)
		return rc;
	if (store_actor_find(s, name, &holder) == 0 && holder != id) {
		if ((rc = store_actor_code(s, holder, code,
		    sizeof(code))) != 0)
			return rc;
		return dm_error(DM_ECONFLICT, "'%s' already names '%s'", name,
		    code);
	}
	return store_alias_add(s, id, name, &added);
}

int
dm_actor_alias(dm_archive *a, const char *ref, const char *name)
{
	int rc;

	if ((rc = db_begin(a->db)) != 0)
		return rc;
	return in_transaction(a, alias(a, ref, name));
}

static int
merge(dm_archive *a, const char *from, const char *into)
{
	struct store *s;
	char fcode[DM_CODE_MAX + 1], tcode[DM_CODE_MAX + 1];
	int64_t f, t;
	size_t n;
	int rc;

	if ((rc = archive_store(a, &s)) != 0 ||
	    (rc = store_actor_find(s, from, &f)) != 0 ||
	    (rc = store_actor_find(s, into, &t)) != 0 ||
	    (rc = store_actor_code(s, f, fcode, sizeof(fcode))) != 0 ||
	    (rc = store_actor_code(s, t, tcode, sizeof(tcode))) != 0)
		return rc;
	if (f == t)
		return dm_error(DM_EINVALID, "'%s' and '%s' are the same actor "
		    "('%s')", from, into, fcode);
	n = strlen(fcode);
	if (strncmp(tcode, fcode, n) == 0 && tcode[n] == '.')
		return dm_error(DM_EINVALID, "cannot merge '%s' into its own "
		    "sub-actor '%s'", fcode, tcode);
	return store_actor_merge(s, f, t);
}

int
dm_actor_merge(dm_archive *a, const char *from, const char *into)
{
	int rc;

	if ((rc = db_begin(a->db)) != 0)
		return rc;
	return in_transaction(a, merge(a, from, into));
}

static int
report(int (*fn)(void *, const struct dm_resolved_actor *), void *ctx,
    const struct resolved *r, const char *rule, int exists)
{
	struct dm_resolved_actor out = { r->code, r->name, r->kind, r->parent,
		r->country, rule, exists };

	return fn(ctx, &out);
}

int
dm_actor_resolve(dm_archive *a, const char *name,
    int (*fn)(void *ctx, const struct dm_resolved_actor *r), void *ctx)
{
	struct resolution res;
	struct resolved held;
	struct store *s;
	int64_t id;
	size_t i;
	int rc;

	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	if ((rc = store_actor_find(s, name, &id)) == 0) {
		if ((rc = store_actor_info(s, id, &held)) != 0)
			return rc;
		return report(fn, ctx, &held, "archive", 1);
	}
	if (rc != DM_ENOTFOUND || (rc = resolve_name(name, &res)) != 0)
		return rc;
	for (i = 0; i < res.nactors && rc == 0; i++) {
		rc = store_actor_find(s, res.actors[i].code, &id);
		if (rc != 0 && rc != DM_ENOTFOUND)
			return rc;
		rc = report(fn, ctx, &res.actors[i], res.rule, rc == 0);
	}
	return rc;
}

/* The archive's known names, folded, with their actors' codes. */
struct nearest {
	struct known {
		char	*folded;
		char	 code[DM_CODE_MAX + 1];
	}		*v;
	size_t		 n, cap;
	char		 answer[DM_CODE_MAX + 1];
};

static void
nearest_free(void *p)
{
	struct nearest *nr = p;
	size_t i;

	for (i = 0; i < nr->n; i++)
		free(nr->v[i].folded);
	free(nr->v);
	free(nr);
}

/* Unresolved actors ("X-...") are what is looked for, not answers. */
static int
nearest_add(void *ctx, const char *alias, const char *code)
{
	struct nearest *nr = ctx;
	struct known *k;

	if (strncmp(code, "X-", 2) == 0)
		return 0;
	if (nr->n == nr->cap) {
		nr->cap = nr->cap ? 2 * nr->cap : 256;
		if ((k = realloc(nr->v, nr->cap * sizeof(*k))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		nr->v = k;
	}
	k = &nr->v[nr->n];
	if (fold_key(&k->folded, alias) != 0)
		return 0;	/* a name that does not fold matches nothing */
	snprintf(k->code, sizeof(k->code), "%s", code);
	nr->n++;
	return 0;
}

static const char *
nearest_of(void *ctx, const char *name)
{
	struct nearest *nr = ctx;
	struct resolution r;
	char *folded;
	size_t i, d, best = NAMES_FAR, len;
	const char *code = NULL;

	if (resolve_name(name, &r) == 0)
		return snprintf(nr->answer, sizeof(nr->answer), "%s",
		    r.actors[0].code) > 0 ? nr->answer : NULL;
	if (fold_key(&folded, name) != 0)
		return NULL;
	len = strlen(folded);
	for (i = 0; i < nr->n; i++) {
		/* Lengths alone put most names out of reach. */
		if (strlen(nr->v[i].folded) + len / 3 < len ||
		    len + len / 3 < strlen(nr->v[i].folded))
			continue;
		if ((d = names_distance(folded, nr->v[i].folded)) < best) {
			best = d;
			code = nr->v[i].code;
		}
	}
	free(folded);
	if (code == NULL || best * 3 > len)
		return NULL;
	snprintf(nr->answer, sizeof(nr->answer), "%s", code);
	return nr->answer;
}

int
actors_nearest_register(dm_archive *a)
{
	struct nearest *nr;
	struct store *s;
	int rc;

	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	if ((nr = calloc(1, sizeof(*nr))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if ((rc = store_names_each(s, nearest_add, nr)) != 0) {
		nearest_free(nr);
		return rc;
	}
	return db_function(a->db, "dm_nearest", nearest_of, nr, nearest_free);
}
