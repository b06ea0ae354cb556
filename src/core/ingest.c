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
#include "timeline_counts.h"
#include "who.h"

const char *const statement_kind_names[] = { "declaration",
	"press-release", "remarks", "interview", "social-media", "report",
	"news-report", "other", NULL };

struct ingest {
	struct db    *db;
	struct store *store;
	unsigned      flags;
	char        **unresolved;	/* "reference" (CODE) */
	size_t        nunresolved, cap;
	int64_t      *issuers;		/* of the statement in hand */
	size_t        nissuers, capissuers;
	/*
	 * The decisions on the rule claims of the statement being replaced,
	 * and whether its reviewed claims are carried over (the input has
	 * none of its own).
	 */
	struct store_decision *decided;
	size_t        ndecided;
	int           carry;
};

const char *
dm_claim_kind_name(size_t i)
{
	return i < CLAIM_KIND__MAX ? claim_kind_names[i] : NULL;
}

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
	free(g->issuers);
	store_decisions_free(g->decided, g->ndecided);
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
 * of Japan in Canada"): its actors, at most max, each made on first use
 * under its state or organisation.  The reference becomes an alias, so
 * the next one is found at once, unless it holds a person's name, names
 * several actors ("Foreign Ministers of Australia and Canada": a joint
 * statement's issuers, of which a claimant or target takes the first) or
 * is the code itself ("JPN.EMBASSY-CAN").
 */
static int
resolve_pattern(struct ingest *g, const char *ref, int64_t *ids, size_t max,
    size_t *n)
{
	struct resolution r;
	const struct resolved *a;
	int rc, created, added;

	if ((rc = resolve_name(ref, &r)) != 0)
		return rc;
	for (*n = 0; *n < r.nactors && *n < max; (*n)++) {
		a = &r.actors[*n];
		if ((rc = store_actor_add(g->store, a->code, a->name, a->kind,
		    a->country, &ids[*n], &created)) != 0)
			return rc;
	}
	if (r.person || r.nactors > 1 ||
	    strcasecmp(ref, r.actors[0].code) == 0)
		return 0;
	return store_alias_add(g->store, ids[0], ref, &added);
}

/*
 * Resolves a reference to at most max actors, *n of them: a code, name or
 * alias, else a pattern (which may name several), else an unresolved
 * actor unless strict.
 */
static int
resolve_some(struct ingest *g, const char *ref, int64_t *ids, size_t max,
    size_t *n)
{
	int rc;

	*n = 1;
	if ((rc = store_actor_find(g->store, ref, ids)) != DM_ENOTFOUND ||
	    (rc = resolve_pattern(g, ref, ids, max, n)) != DM_ENOTFOUND)
		return rc;
	*n = 1;
	if (g->flags & INGEST_STRICT)
		return dm_error(DM_ENOTFOUND, "no actor '%s' (--strict)", ref);
	if ((rc = store_actor_unresolved(g->store, ref, ids)) != 0)
		return rc;
	return note_unresolved(g, ref, *ids);
}

static int
resolve(struct ingest *g, const char *ref, int64_t *id)
{
	size_t n;

	return resolve_some(g, ref, id, 1, &n);
}

/*
 * The statement's issuers into g->issuers, each once, in the order
 * written: its issuer and co-issuers, each of which may name several
 * ("Joint statement by the EU and the US").
 */
static int
resolve_issuers(struct ingest *g, const struct statement_in *st)
{
	int64_t ids[RESOLVE_MAX];
	size_t i, j, k, n, need = (st->nco_issuers + 1) * RESOLVE_MAX;
	int rc;

	if (need > g->capissuers) {
		int64_t *p = realloc(g->issuers, need * sizeof(*p));

		if (p == NULL)
			return dm_error(DM_ERROR, "out of memory");
		g->issuers = p;
		g->capissuers = need;
	}
	g->nissuers = 0;
	for (i = 0; i <= st->nco_issuers; i++) {
		if ((rc = resolve_some(g, i == 0 ? st->issuer :
		    st->co_issuers[i - 1], ids, RESOLVE_MAX, &n)) != 0)
			return rc;
		for (j = 0; j < n; j++) {
			for (k = 0; k < g->nissuers; k++)
				if (g->issuers[k] == ids[j])
					break;
			if (k == g->nissuers)
				g->issuers[g->nissuers++] = ids[j];
		}
	}
	return 0;
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
	int64_t  by;		/* 0: the issuers', each one's claim */
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
	/* None for most statements, whose digests stay as they were. */
	for (i = 0; i < st->nco_issuers; i++)
		feed(&d, 'J', st->co_issuers[i]);
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

/* 1 if claim k of the statement is made by actor by. */
static int
made_by(const struct ingest *g, const struct resolved_claim *rcl, size_t k,
    int64_t by)
{
	size_t i;

	if (rcl[k].by != 0)
		return rcl[k].by == by;
	for (i = 0; i < g->nissuers; i++)
		if (g->issuers[i] == by)
			return 1;
	return 0;
}

int
claim_rule_key(struct store *s, const char *kind, int64_t by,
    const int64_t *targets, size_t ntargets, const char *cue,
    const char *quote, char hex[DIGEST_HEX_LEN + 1])
{
	char code[DM_CODE_MAX + 1];
	struct digest d;
	size_t i;
	int rc;

	digest_init(&d);
	feed(&d, 'c', kind);
	if ((rc = store_actor_code(s, by, code, sizeof(code))) != 0)
		return rc;
	feed(&d, 'b', code);
	for (i = 0; i < ntargets; i++) {
		if ((rc = store_actor_code(s, targets[i], code,
		    sizeof(code))) != 0)
			return rc;
		feed(&d, 't', code);
	}
	feed(&d, 'u', cue);
	feed(&d, 'q', quote);
	digest_final(&d, hex);
	return 0;
}

/*
 * A curated or reviewed claim supersedes the rule claims it matches, as
 * made by by: the one it says it replaces, or any of the same claimant
 * and kind with a target in common (or no targets on either).
 */
static int
superseded(const struct ingest *g, const struct statement_in *st,
    const struct resolved_claim *rcl, size_t i, int64_t by, const char *key)
{
	const struct claim_in *r = &st->claims[i], *c;
	size_t k, a, b;

	if (strcmp(r->method, "rule") != 0)
		return 0;
	for (k = 0; k < st->nclaims; k++) {
		c = &st->claims[k];
		if (c->replaces != NULL && strcmp(c->replaces, key) == 0)
			return 1;
		if (strcmp(c->method, "rule") == 0 ||
		    !made_by(g, rcl, k, by) || strcmp(c->kind, r->kind) != 0)
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

/*
 * The decision of the replaced statement on the rule claim key that
 * holds: a rejection, or a reviewed claim carried over.
 */
static const struct store_decision *
decision(const struct ingest *g, const char *key)
{
	size_t i;

	for (i = 0; i < g->ndecided; i++)
		if (strcmp(g->decided[i].key, key) == 0 &&
		    (g->decided[i].rejected || g->carry))
			return &g->decided[i];
	return NULL;
}

/*
 * The decision on claim i as made by by: as the input says, else as the
 * statement it replaces decided, else superseded by a curated or
 * reviewed claim.  A rule claim's key goes into row; a reviewed one's
 * names what it replaces.
 */
static int
decide(struct ingest *g, const struct statement_in *st,
    const struct resolved_claim *rcl, size_t i, int64_t by,
    struct store_claim *row, char key[DIGEST_HEX_LEN + 1])
{
	const struct claim_in *c = &st->claims[i];
	const struct store_decision *r;
	int rc;

	row->method = strcmp(c->method, "rule") == 0 ? "rule" : "curated";
	row->review = strcmp(c->method, "reviewed") == 0 ? "reviewed" :
	    c->review;
	row->reviewer = c->reviewer;
	row->reviewed_at = c->reviewed_at;
	row->rule_key = c->replaces;
	if (strcmp(c->method, "rule") != 0)
		return 0;
	if ((rc = claim_rule_key(g->store, c->kind, by, rcl[i].targets,
	    c->ntargets, c->cue, c->quote, key)) != 0)
		return rc;
	row->rule_key = key;
	if (row->review != NULL)
		return 0;
	if ((r = decision(g, key)) != NULL && r->rejected) {
		row->review = "rejected";
		row->reviewer = r->reviewer;
		row->reviewed_at = r->reviewed_at;
	} else if (r != NULL || superseded(g, st, rcl, i, by, key))
		row->review = "superseded";
	return 0;
}

static int
write_claim(struct ingest *g, int64_t sid, const struct statement_in *st,
    const struct resolved_claim *rcl, size_t i, int seq, int64_t by)
{
	const struct claim_in *c = &st->claims[i];
	struct store_claim row;
	char key[DIGEST_HEX_LEN + 1];
	int64_t cid;
	size_t j;
	int rc;

	if ((rc = decide(g, st, rcl, i, by, &row, key)) != 0)
		return rc;
	row.seq = seq;
	row.by_id = by;
	row.kind = c->kind;
	row.cameo = c->cameo ? c->cameo : claim_kind_cameo(c->kind);
	row.summary = c->summary;
	row.quote = c->quote;
	row.date = c->date[0] ? c->date : NULL;
	row.cue = c->cue;
	if ((rc = store_claim_insert(g->store, sid, &row, &cid)) != 0)
		return rc;
	for (j = 0; j < c->ntargets; j++)
		if ((rc = store_target_insert(g->store, cid,
		    rcl[i].targets[j], (int)j)) != 0)
			return rc;
	for (j = 0; j < c->ntopics; j++)
		if ((rc = store_topic_insert(g->store, cid, c->topics[j],
		    (int)j)) != 0)
			return rc;
	return 0;
}

/*
 * Each claim in the order given; one the issuers make together, once for
 * each of them (so that 'who' counts every co-issuer of a joint statement
 * as an accuser), the copies numbered after it.
 */
static int
write_claims(struct ingest *g, int64_t sid, const struct statement_in *st,
    const struct resolved_claim *rcl)
{
	const int64_t *by;
	size_t i, k, n;
	int rc, seq = 0;

	for (i = 0; i < st->nclaims; i++, seq++) {
		by = rcl[i].by != 0 ? &rcl[i].by : g->issuers;
		n = rcl[i].by != 0 ? 1 : g->nissuers;
		for (k = 0; k < n; k++) {
			if (k > 0)
				seq++;
			if ((rc = write_claim(g, sid, st, rcl, i, seq,
			    by[k])) != 0)
				return rc;
		}
	}
	return 0;
}

/* The archive's id for each claim's accuser and targets, into rcl. */
static int
resolve_claims(struct ingest *g, const struct statement_in *st,
    struct resolved_claim *rcl)
{
	size_t i, j;
	int rc;

	for (i = 0; i < st->nclaims; i++) {
		if (st->claims[i].by != NULL &&
		    (rc = resolve(g, st->claims[i].by, &rcl[i].by)) != 0)
			return rc;
		if (st->claims[i].ntargets > 0 && (rcl[i].targets = calloc(
		    st->claims[i].ntargets, sizeof(int64_t))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		for (j = 0; j < st->claims[i].ntargets; j++)
			if ((rc = resolve(g, st->claims[i].targets[j],
			    &rcl[i].targets[j])) != 0)
				return rc;
	}
	return 0;
}

/*
 * What the archive holds under the statement's id (its own, or else one
 * made from its content in derived): 0 with *id set to the id found,
 * DM_ENOTFOUND, or an error.
 */
static int
find_statement(struct ingest *g, const struct statement_in *st,
    const char *digest, char *derived, size_t size, const char **id,
    int64_t *sid, char *old, int64_t *old_import)
{
	int rc;

	*id = st->id;
	if (*id == NULL) {
		snprintf(derived, size, "s-%.16s", digest);
		*id = derived;
	}
	rc = store_statement_find(g->store, *id, sid, old, old_import);
	/*
	 * Archives made before texts took their ids from their headers hold
	 * a text under its content's id: the same text is that statement.
	 */
	if (rc == DM_ENOTFOUND && st->id != NULL &&
	    strncmp(st->id, "t-", 2) == 0 && strcmp(st->source, "text") == 0) {
		snprintf(derived, size, "s-%.16s", digest);
		if ((rc = store_statement_find(g->store, derived, sid, old,
		    old_import)) == 0)
			*id = derived;
	}
	return rc;
}

/*
 * Its decisions stay, whatever else changed: rejected claims stay
 * rejected, and its reviewed claims stay unless the input brings
 * its own.  A statement found is deleted here, to be written anew.
 */
static int
keep_decisions(struct ingest *g, const struct statement_in *st,
    int64_t sid, int found)
{
	size_t i;
	int rc;

	store_decisions_free(g->decided, g->ndecided);
	g->decided = NULL;
	g->ndecided = 0;
	g->carry = 0;
	if (!found)
		return 0;
	for (i = 0; i < st->nclaims; i++)
		if (strcmp(st->claims[i].method, "reviewed") == 0)
			break;
	if ((rc = store_decisions(g->store, sid, &g->decided,
	    &g->ndecided)) != 0 || (i == st->nclaims &&
	    (rc = store_reviewed_keep(g->store, sid)) != 0) ||
	    (rc = store_statement_delete(g->store, sid)) != 0)
		return rc;
	g->carry = i == st->nclaims;
	return 0;
}

/* The statement's row, what it responds to and its co-issuers. */
static int
insert_statement(struct ingest *g, const struct statement_in *st,
    struct store_statement *row, const char *digest, int64_t import_id,
    int64_t *sid)
{
	size_t i;
	int rc;

	row->issuer_id = g->issuers[0];
	row->date = st->date;
	row->date_lo = st->date_lo;
	row->date_hi = st->date_hi;
	row->title = st->title;
	row->text = st->text;
	row->url = st->url;
	row->language = st->language;
	row->kind = st->kind;
	row->source = st->source;
	row->digest = digest;
	row->import_id = import_id;
	if ((rc = store_statement_insert(g->store, row, sid)) != 0)
		return rc;
	for (i = 0; i < st->nresponds; i++)
		if ((rc = store_response_insert(g->store, *sid,
		    st->responds_to[i], (int)i)) != 0)
			return rc;
	for (i = 1; i < g->nissuers; i++)
		if ((rc = store_co_issuer_insert(g->store, *sid,
		    g->issuers[i], (int)i)) != 0)
			return rc;
	return 0;
}

static int
ingest_resolved(struct ingest *g, const struct statement_in *st,
    int64_t import_id, enum ingest_result *res, struct resolved_claim *rcl)
{
	struct store_statement row;
	char digest[DIGEST_HEX_LEN + 1], old[DIGEST_HEX_LEN + 1];
	char derived[24];
	int64_t sid, old_import = 0;
	int rc;

	if ((rc = resolve_issuers(g, st)) != 0 ||
	    (rc = resolve_claims(g, st, rcl)) != 0)
		return rc;
	content_digest(st, digest);
	memset(&row, 0, sizeof(row));
	rc = find_statement(g, st, digest, derived, sizeof(derived), &row.id,
	    &sid, old, &old_import);
	if (rc == 0 && strcmp(old, digest) == 0 &&
	    !(g->flags & INGEST_FORCE)) {
		*res = INGEST_UNCHANGED;
		return 0;
	}
	if (rc == 0 && !(g->flags & INGEST_UPDATE))
		return dm_error(DM_ECONFLICT, "statement '%s' is already in "
		    "the archive with different content (use --update to "
		    "replace it%s)", row.id, strncmp(row.id, "t-", 2) == 0 &&
		    strcmp(st->source, "text") == 0 ? ", or an 'ID:' line if "
		    "this text is another statement" : "");
	if (rc != 0 && rc != DM_ENOTFOUND)
		return rc;
	*res = rc == 0 ? INGEST_UPDATED : INGEST_NEW;
	/* One this import brought is indexed first, so it can leave. */
	if (rc == 0 && old_import == import_id && (rc =
	    ingest_sum_up(g, import_id, sid)) != 0)
		return rc;
	if ((rc = keep_decisions(g, st, sid, *res == INGEST_UPDATED)) != 0 ||
	    (rc = insert_statement(g, st, &row, digest, import_id,
	    &sid)) != 0 || (rc = write_claims(g, sid, st, rcl)) != 0)
		return rc;
	return g->carry ? store_reviewed_restore(g->store, sid) : 0;
}

int
ingest_sum_up(struct ingest *g, int64_t import_id, int64_t sid)
{
	int rc;

	if ((rc = store_index_pending(g->store, import_id, sid)) != 0 ||
	    (rc = timeline_counts_sum(g->db, import_id, sid)) != 0 ||
	    (rc = who_sum(g->db, import_id, sid)) != 0 || sid != 0)
		return rc;
	if ((rc = store_pending_set(g->store, 0)) != 0)
		return rc;
	return who_settle(g->db);
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
