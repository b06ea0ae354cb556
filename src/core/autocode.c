#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "autocode.h"
#include "coder.h"
#include "date.h"
#include "embed.h"
#include "error.h"
#include "fold.h"
#include "resolve.h"
#include "statement.h"
#include "store.h"

struct autocode {
	struct coder *coder;
	struct store *store;
};

/* The claims being collected for one statement. */
struct collect {
	struct arena    *ar;
	struct claim_in *claims;
	size_t           n, cap;
};

static int
add_name(void *ctx, const char *name, const char *code)
{
	/* A name the coder cannot use (too long) is left out, not fatal. */
	coder_add_actor(ctx, name, code);
	return 0;
}

int
autocode_new(struct autocode **out, struct store *s)
{
	struct autocode *ac;
	int rc;

	*out = NULL;
	if ((ac = calloc(1, sizeof(*ac))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	ac->store = s;
	if ((rc = coder_new(&ac->coder, dm_coder_lexicon[0].data)) != 0 ||
	    (rc = store_names_each(s, add_name, ac->coder)) != 0) {
		autocode_free(ac);
		return rc;
	}
	*out = ac;
	return 0;
}

void
autocode_free(struct autocode *ac)
{
	if (ac == NULL)
		return;
	coder_free(ac->coder);
	free(ac);
}

/* Copies a list of strings into the arena. */
static const char *const *
copy_list(struct arena *ar, const char *const *list, size_t n)
{
	const char **out;
	size_t i;

	if (n == 0)
		return NULL;
	if ((out = arena_alloc(ar, n * sizeof(*out))) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if ((out[i] = arena_strdup(ar, list[i])) == NULL)
			return NULL;
	return out;
}

static int
collect(void *ctx, const struct coder_claim *cl)
{
	struct collect *co = ctx;
	struct claim_in *c, *grown;
	size_t cap;

	if (co->n == co->cap) {
		cap = co->cap ? 2 * co->cap : 8;
		if ((grown = arena_alloc(co->ar, cap * sizeof(*grown))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		if (co->n > 0)
			memcpy(grown, co->claims, co->n * sizeof(*grown));
		co->claims = grown;
		co->cap = cap;
	}
	c = &co->claims[co->n];
	memset(c, 0, sizeof(*c));
	c->method = "rule";
	if ((c->kind = arena_strdup(co->ar, cl->kind)) == NULL ||
	    (cl->cameo && (c->cameo = arena_strdup(co->ar, cl->cameo)) ==
	    NULL) ||
	    (cl->by && (c->by = arena_strdup(co->ar, cl->by)) == NULL) ||
	    (cl->quote && (c->quote = arena_strdup(co->ar, cl->quote)) ==
	    NULL) ||
	    (cl->cue && (c->cue = arena_strdup(co->ar, cl->cue)) == NULL) ||
	    (cl->ntargets && (c->targets = copy_list(co->ar, cl->targets,
	    cl->ntargets)) == NULL) ||
	    (cl->ntopics && (c->topics = copy_list(co->ar, cl->topics,
	    cl->ntopics)) == NULL))
		return dm_error(DM_ERROR, "out of memory");
	c->ntargets = cl->ntargets;
	c->ntopics = cl->ntopics;
	if (cl->date)
		snprintf(c->date, sizeof(c->date), "%s", cl->date);
	co->n++;
	return 0;
}

int
autocode_statement(struct autocode *ac, struct statement_in *st,
    struct arena *ar)
{
	struct collect co;
	struct dm_date d, *dp = NULL;
	struct claim_in *all;
	struct resolution r;
	char code[DM_CODE_MAX + 1];
	const char *issuer = NULL;
	int64_t id;
	size_t i;
	int rc;

	if (st->text == NULL)
		return 0;
	memset(&co, 0, sizeof(co));
	co.ar = ar;
	if (strcmp(st->kind, "news-report") != 0) {
		issuer = st->issuer;
		/* An unresolved issuer stays as written, as on its first
		 * import: its name still tells the coder whose side it is. */
		if (store_actor_find(ac->store, st->issuer, &id) == 0 &&
		    store_actor_code(ac->store, id, code, sizeof(code)) == 0 &&
		    strncmp(code, "X-", 2) != 0)
			issuer = code;
		else if (resolve_name(st->issuer, &r) == 0)
			issuer = r.actors[0].code;
	}
	if (date_parse(&d, st->date, DATE_ORDER_NONE) == 0)
		dp = &d;
	if ((rc = coder_run(ac->coder, st->text, issuer, dp, collect,
	    &co)) != 0)
		return rc;
	if (co.n == 0)
		return 0;
	/* What the issuer says ("we"), every issuer of a joint statement
	 * says: the import makes it the claim of each. */
	for (i = 0; i < co.n; i++)
		if (issuer != NULL && co.claims[i].by != NULL &&
		    strcmp(co.claims[i].by, issuer) == 0)
			co.claims[i].by = NULL;
	if ((all = arena_alloc(ar, (st->nclaims + co.n) * sizeof(*all))) ==
	    NULL)
		return dm_error(DM_ERROR, "out of memory");
	if (st->nclaims > 0)
		memcpy(all, st->claims, st->nclaims * sizeof(*all));
	memcpy(all + st->nclaims, co.claims, co.n * sizeof(*all));
	st->claims = all;
	st->nclaims += co.n;
	return 0;
}
