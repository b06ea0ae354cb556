#include <stdlib.h>
#include <string.h>

#include "db_sortset.h"
#include "error.h"

#define SEP	'\x1f'

/* The distinct values so far, kept sorted; lives in the aggregate context. */
struct sortset {
	char	**v;
	size_t	  n;
	size_t	  cap;
	int	  nomem;
};

/* The index of s in the set, or where it goes, with *found. */
static size_t
find(const struct sortset *set, const char *s, int *found)
{
	size_t lo = 0, hi = set->n, mid;
	int c;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(s, set->v[mid])) == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static void
sortset_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct sortset *set;
	const char *s;
	char **nv, *copy;
	size_t at, ncap;
	int found;

	(void)argc;
	if ((set = sqlite3_aggregate_context(ctx, sizeof(*set))) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (set->nomem ||
	    (s = (const char *)sqlite3_value_text(argv[0])) == NULL)
		return;
	at = find(set, s, &found);
	if (found)
		return;
	if (set->n == set->cap) {
		ncap = set->cap == 0 ? 8 : set->cap * 2;
		if ((nv = realloc(set->v, ncap * sizeof(*nv))) == NULL) {
			set->nomem = 1;
			return;
		}
		set->v = nv;
		set->cap = ncap;
	}
	if ((copy = strdup(s)) == NULL) {
		set->nomem = 1;
		return;
	}
	memmove(set->v + at + 1, set->v + at, (set->n - at) * sizeof(*set->v));
	set->v[at] = copy;
	set->n++;
}

/* Also called when a query stops early, so it always frees the set. */
static void
sortset_final(sqlite3_context *ctx)
{
	struct sortset *set = sqlite3_aggregate_context(ctx, 0);
	char *out = NULL, *p;
	size_t i, len = 0;

	if (set == NULL)
		return;		/* no row: NULL */
	for (i = 0; i < set->n; i++)
		len += strlen(set->v[i]) + 1;
	if (set->nomem || (set->n > 0 && (out = malloc(len)) == NULL))
		sqlite3_result_error_nomem(ctx);
	else if (set->n > 0) {
		for (p = out, i = 0; i < set->n; i++) {
			if (i > 0)
				*p++ = SEP;
			len = strlen(set->v[i]);
			memcpy(p, set->v[i], len);
			p += len;
		}
		sqlite3_result_text(ctx, out, (int)(p - out), free);
	}
	for (i = 0; i < set->n; i++)
		free(set->v[i]);
	free(set->v);
}

int
db_sortset_register(sqlite3 *db)
{
	if (sqlite3_create_function(db, "dm_sortset", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, NULL, sortset_step,
	    sortset_final) != SQLITE_OK)
		return dm_error(DM_ERROR, "cannot register dm_sortset(): %s",
		    sqlite3_errmsg(db));
	return 0;
}
