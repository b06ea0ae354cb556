#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "claimkind.h"
#include "db.h"
#include "digest.h"
#include "error.h"
#include "fold.h"
#include "ingest.h"
#include "names.h"
#include "resolve.h"
#include "statement.h"
#include "store.h"

const char *const statement_kind_names[] = { "declaration",
	"press-release", "remarks", "interview", "social-media", "report",
	"news-report", "other", NULL };

struct ingest {
	struct db    *db;
	struct store *store;
	unsigned      flags;
	char        **unresolved;	/* "reference" (CODE) */
	size_t        nunresolved, cap;
};

int
statement_kind_valid(const char *kind)
{
	return names_find(statement_kind_names, kind) >= 0;
}

/* BCP 47 in outline: a 2-8 letter language, then alphanumeric subtags. */
int
statement_language_valid(const char *s)
{
	size_t n = 0;

	while (isalpha((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 8)
		return 0;
	for (s += n; *s == '-'; s += n) {
		s++;
		for (n = 0; isalnum((unsigned char)s[n]); n++)
			;
		if (n < 1 || n > 8)
			return 0;
	}
	return *s == '\0';
}

int
ingest_new(struct ingest **out, struct db *db, struct store *s,
    unsigned flags)
{
	if ((*out = calloc(1, sizeof(**out))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	(*out)->db = db;
	(*out)->store = s;
	(*out)->flags = flags;
	return 0;
}

void
ingest_free(struct ingest *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->nunresolved; i++)
		free(g->unresolved[i]);
	free(g->unresolved);
	free(g);
}

size_t
ingest_unresolved(struct ingest *g, const char *const **out)
{
	*out = (const char *const *)g->unresolved;
	return g->nunresolved;
}

static int
note_unresolved(struct ingest *g, const char *ref, int64_t id)
{
	char code[DM_CODE_MAX + 1], *s;
	size_t n;
	int rc;

	if ((rc = store_actor_code(g->store, id, code, sizeof(code))) != 0)
		return rc;
	if (g->nunresolved == g->cap) {
		char **p;

		g->cap = g->cap ? 2 * g->cap : 8;
		if ((p = realloc(g->unresolved, g->cap * sizeof(*p))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		g->unresolved = p;
	}
	n = strlen(ref) + strlen(code) + 8;
	if ((s = malloc(n)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	snprintf(s, n, "'%s' (%s)", ref, code);
	g->unresolved[g->nunresolved++] = s;
	return 0;
}

/*
 * A reference no actor holds that the patterns of resolve.c read ("Embassy
 * of Japan in Canada"): its actor, made on first use under its state or
 * organisation.  The reference becomes an alias, so the next one is found
 * at once, unless it holds a person's name, names several actors (the
 * first is the issuer for now) or is the code itself ("JPN.EMBASSY-CAN").
 */
static int
resolve_pattern(struct ingest *g, const char *ref, int64_t *id)
{
	struct resolution r;
	const struct resolved *a = &r.actors[0];
	int rc, created, added;

	if ((rc = resolve_name(ref, &r)) != 0 ||
	    (rc = store_actor_add(g->store, a->code, a->name, a->kind,
	    a->country, id, &created)) != 0)
		return rc;
	if (r.person || r.nactors > 1 || strcasecmp(ref, a->code) == 0)
		return 0;
	return store_alias_add(g->store, *id, ref, &added);
}

/*
 * Resolves a reference: a code, name or alias, else a pattern, else an
 * unresolved actor unless strict.
 */
static int
resolve(struct ingest *g, const char *ref, int64_t *id)
{
	int rc;

	if ((rc = store_actor_find(g->store, ref, id)) != DM_ENOTFOUND ||
	    (rc = resolve_pattern(g, ref, id)) != DM_ENOTFOUND)
		return rc;
	if (g->flags & INGEST_STRICT)
		return dm_error(DM_ENOTFOUND, "no actor '%s' (--strict)", ref);
	if ((rc = store_actor_unresolved(g->store, ref, id)) != 0)
		return rc;
	return note_unresolved(g, ref, *id);
}

/* Feeds one tagged, length-prefixed field, so no two contents collide. */
static void
feed(struct digest *d, char tag, const char *s)
{
	uint64_t len = s ? strlen(s) : UINT64_MAX;

	digest_update(d, &tag, 1);
	digest_update(d, &len, sizeof(len));
	if (s)
		digest_update(d, s, len);
}

struct resolved_claim {
	int64_t  by;
	int64_t *targets;
};

/*
 * The digest of a statement's content, actors as the input wrote them, so
 * a file imported again after its actors were merged or aliased is still
 * the same content.  The claims that count are the curated ones (rule
 * claims follow from the text).
 */
static void
content_digest(const struct statement_in *st, char hex[DIGEST_HEX_LEN + 1])
{
	const struct claim_in *c;
	struct digest d;
	size_t i, j;

	digest_init(&d);
	feed(&d, 'I', st->issuer);
	feed(&d, 'D', st->date);
	feed(&d, 'T', st->title);
	feed(&d, 'X', st->text);
	feed(&d, 'U', st->url);
	feed(&d, 'L', st->language);
	feed(&d, 'K', st->kind);
	feed(&d, 'S', st->source);
	for (i = 0; i < st->nresponds; i++)
		feed(&d, 'R', st->responds_to[i]);
	for (i = 0; i < st->nclaims; i++) {
		c = &st->claims[i];
		if (strcmp(c->method, "curated") != 0)
			continue;
		feed(&d, 'c', c->kind);
		feed(&d, 'm', c->cameo);
		feed(&d, 'b', c->by);
		for (j = 0; j < c->ntargets; j++)
			feed(&d, 't', c->targets[j]);
		for (j = 0; j < c->ntopics; j++)
			feed(&d, 'p', c->topics[j]);
		feed(&d, 's', c->summary);
		feed(&d, 'q', c->quote);
		feed(&d, 'd', c->date);
	}
	digest_final(&d, hex);
}

/*
 * A curated claim supersedes the rule claims it matches: the same
 * claimant and kind, and a target in common (or no targets on either).
 */
static int
superseded(const struct statement_in *st, const struct resolved_claim *rcl,
    size_t i)
{
	const struct claim_in *r = &st->claims[i], *c;
	size_t k, a, b;

	if (strcmp(r->method, "rule") != 0)
		return 0;
	for (k = 0; k < st->nclaims; k++) {
		c = &st->claims[k];
		if (strcmp(c->method, "curated") != 0 ||
		    rcl[k].by != rcl[i].by || strcmp(c->kind, r->kind) != 0)
			continue;
		if (c->ntargets == 0 && r->ntargets == 0)
			return 1;
		for (a = 0; a < c->ntargets; a++)
			for (b = 0; b < r->ntargets; b++)
				if (rcl[k].targets[a] == rcl[i].targets[b])
					return 1;
	}
	return 0;
}

static int
write_claims(struct ingest *g, int64_t sid, const struct statement_in *st,
    const struct resolved_claim *rcl)
{
	const struct claim_in *c;
	struct store_claim row;
	int64_t cid;
	size_t i, j;
	int rc;

	for (i = 0; i < st->nclaims; i++) {
		c = &st->claims[i];
		if (superseded(st, rcl, i))
			continue;
		row.seq = (int)i;
		row.by_id = rcl[i].by;
		row.kind = c->kind;
		row.cameo = c->cameo ? c->cameo : claim_kind_cameo(c->kind);
		row.summary = c->summary;
		row.quote = c->quote;
		row.date = c->date[0] ? c->date : NULL;
		row.method = c->method;
		row.cue = c->cue;
		if ((rc = store_claim_insert(g->store, sid, &row, &cid)) != 0)
			return rc;
		for (j = 0; j < c->ntargets; j++)
			if ((rc = store_target_insert(g->store, cid,
			    rcl[i].targets[j], (int)j)) != 0)
				return rc;
		for (j = 0; j < c->ntopics; j++)
			if ((rc = store_topic_insert(g->store, cid,
			    c->topics[j], (int)j)) != 0)
				return rc;
	}
	return 0;
}

static int
ingest_resolved(struct ingest *g, const struct statement_in *st,
    int64_t import_id, enum ingest_result *res, struct resolved_claim *rcl)
{
	struct store_statement row;
	char digest[DIGEST_HEX_LEN + 1], old[DIGEST_HEX_LEN + 1];
	char derived[24];
	int64_t issuer, sid, old_import = 0;
	size_t i, j;
	int rc;

	if ((rc = resolve(g, st->issuer, &issuer)) != 0)
		return rc;
	for (i = 0; i < st->nclaims; i++) {
		if (st->claims[i].by == NULL)
			rcl[i].by = issuer;
		else if ((rc = resolve(g, st->claims[i].by, &rcl[i].by)) != 0)
			return rc;
		if (st->claims[i].ntargets > 0 && (rcl[i].targets = calloc(
		    st->claims[i].ntargets, sizeof(int64_t))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		for (j = 0; j < st->claims[i].ntargets; j++)
			if ((rc = resolve(g, st->claims[i].targets[j],
			    &rcl[i].targets[j])) != 0)
				return rc;
	}
	content_digest(st, digest);
	memset(&row, 0, sizeof(row));
	row.id = st->id;
	if (row.id == NULL) {
		snprintf(derived, sizeof(derived), "s-%.16s", digest);
		row.id = derived;
	}
	rc = store_statement_find(g->store, row.id, &sid, old, &old_import);
	if (rc == 0 && strcmp(old, digest) == 0 &&
	    !(g->flags & INGEST_FORCE)) {
		*res = INGEST_UNCHANGED;
		return 0;
	}
	if (rc == 0 && !(g->flags & INGEST_UPDATE))
		return dm_error(DM_ECONFLICT, "statement '%s' is already in "
		    "the archive with different content (use --update to "
		    "replace it)", row.id);
	if (rc != 0 && rc != DM_ENOTFOUND)
		return rc;
	*res = rc == 0 ? INGEST_UPDATED : INGEST_NEW;
	/* One this import brought is indexed first, so it can leave. */
	if (rc == 0 && old_import == import_id && (rc =
	    store_index_pending(g->store, import_id, sid)) != 0)
		return rc;
	if (rc == 0 && (rc = store_statement_delete(g->store, sid)) != 0)
		return rc;
	row.issuer_id = issuer;
	row.date = st->date;
	row.date_lo = st->date_lo;
	row.date_hi = st->date_hi;
	row.title = st->title;
	row.text = st->text;
	row.url = st->url;
	row.language = st->language;
	row.kind = st->kind;
	row.source = st->source;
	row.digest = digest;
	row.import_id = import_id;
	if ((rc = store_statement_insert(g->store, &row, &sid)) != 0)
		return rc;
	for (i = 0; i < st->nresponds; i++)
		if ((rc = store_response_insert(g->store, sid,
		    st->responds_to[i], (int)i)) != 0)
			return rc;
	return write_claims(g, sid, st, rcl);
}

int
ingest_statement(struct ingest *g, const struct statement_in *st,
    int64_t import_id, enum ingest_result *res)
{
	struct resolved_claim *rcl = NULL;
	size_t mark = g->nunresolved, i;
	int rc;

	if (st->nclaims > 0 && (rcl = calloc(st->nclaims,
	    sizeof(*rcl))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if ((g->flags & INGEST_ISOLATE) && (rc = db_savepoint(g->db)) != 0)
		goto done;
	if ((rc = ingest_resolved(g, st, import_id, res, rcl)) != 0) {
		if (g->flags & INGEST_ISOLATE)
			db_rollback_to(g->db);
		while (g->nunresolved > mark)
			free(g->unresolved[--g->nunresolved]);
	} else if (g->flags & INGEST_ISOLATE)
		rc = db_release(g->db);
done:
	for (i = 0; i < st->nclaims && rcl; i++)
		free(rcl[i].targets);
	free(rcl);
	return rc;
}
