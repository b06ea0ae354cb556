/*
 * A reviewer's decisions on the claims the rule coder proposed (migration
 * 0012).  Accepting or editing a rule claim adds a reviewed claim, stored
 * as curated, that names the rule claim it stands for; the rule claim
 * stays, superseded, for 'eval'.  Rejecting one keeps it too, rejected.
 * Either leaves the listings and 'who'.  A decision moves the claim's
 * targets out and back in, so that the who summary sees its edges go.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archive.h"
#include "claimkind.h"
#include "db.h"
#include "error.h"
#include "ingest.h"
#include "query.h"
#include "statement.h"
#include "store.h"

enum rsql {
	R_CLAIM,
	R_TARGETS,
	R_TOPICS,
	R_TARGETS_OUT,
	R_SET_REVIEW,
	R_NEXT_SEQ,
	R_DELETE_REVIEWED,
	R_PROPOSAL,
	R__MAX
};

static const char *const review_sql[R__MAX] = {
	/* R_CLAIM */
	"SELECT statement_id, method, review, kind, by_id, cameo, summary,"
	" quote, date, cue, rule_key FROM claims WHERE id = ?1",
	/* R_TARGETS */
	"SELECT actor_id FROM claim_targets WHERE claim_id = ?1 ORDER BY seq",
	/* R_TOPICS */
	"SELECT topic FROM claim_topics WHERE claim_id = ?1 ORDER BY seq",
	/* R_TARGETS_OUT */
	"DELETE FROM claim_targets WHERE claim_id = ?1",
	/* R_SET_REVIEW */
	"UPDATE claims SET review = ?2, reviewer = ?3, reviewed_at = ?4,"
	" rule_key = coalesce(rule_key, ?5) WHERE id = ?1",
	/* R_NEXT_SEQ */
	"SELECT max(seq) + 1 FROM claims WHERE statement_id = ?1",
	/* R_DELETE_REVIEWED: only the claim a decision added */
	"DELETE FROM claims WHERE id = ?1 AND review = 'reviewed'",
	/* R_PROPOSAL */
	"SELECT c.id, s.id, i.code, i.name, s.date, s.title, s.language,"
	" b.code, b.name, c.kind, c.quote, c.cue, c.review,"
	" (SELECT group_concat(a.code, char(31)) FROM (SELECT a.code FROM"
	" claim_targets t JOIN actors a ON a.id = t.actor_id"
	" WHERE t.claim_id = c.id ORDER BY t.seq) a),"
	" (SELECT group_concat(a.name, char(31)) FROM (SELECT a.name FROM"
	" claim_targets t JOIN actors a ON a.id = t.actor_id"
	" WHERE t.claim_id = c.id ORDER BY t.seq) a)"
	" FROM claims c JOIN statements s ON s.sid = c.statement_id"
	" JOIN actors i ON i.id = s.issuer_id JOIN actors b ON b.id = c.by_id"
	" WHERE c.id = ?1",
};

/* One claim as stored, with its targets and topics. */
struct claim_row {
	int64_t  sid, by;
	char    *method, *review, *kind, *cameo, *summary, *quote, *date;
	char    *cue, *rule_key;
	int64_t *targets;
	size_t   ntargets;
	char   **topics;
	size_t   ntopics;
};

struct review {
	dm_archive     *a;
	struct store   *store;
	struct db_stmt *st[R__MAX];
};

static void
review_close(struct review *r)
{
	int i;

	for (i = 0; i < R__MAX; i++)
		db_finalize(r->st[i]);
}

static int
review_open(struct review *r, dm_archive *a)
{
	int i, rc;

	memset(r, 0, sizeof(*r));
	r->a = a;
	if ((rc = archive_store(a, &r->store)) != 0)
		return rc;
	for (i = 0; i < R__MAX; i++)
		if ((rc = db_prepare(a->db, &r->st[i], review_sql[i])) != 0) {
			review_close(r);
			return rc;
		}
	return 0;
}

static char *
column(struct db_stmt *st, int i)
{
	return db_column_is_null(st, i) ? NULL : strdup(db_column_text(st, i));
}

static void
claim_row_free(struct claim_row *c)
{
	size_t i;

	free(c->method);
	free(c->review);
	free(c->kind);
	free(c->cameo);
	free(c->summary);
	free(c->quote);
	free(c->date);
	free(c->cue);
	free(c->rule_key);
	free(c->targets);
	for (i = 0; i < c->ntopics; i++)
		free(c->topics[i]);
	free(c->topics);
	memset(c, 0, sizeof(*c));
}

/* The rows of st (bound to id), one column each, as ids or strings. */
static int
read_list(struct db_stmt *st, int64_t id, int64_t **ids, char ***strs,
    size_t *n)
{
	size_t cap = 0;
	void *grown;
	int rc;

	*n = 0;
	db_reset(st);
	if ((rc = db_bind_int(st, 1, id)) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 4;
			grown = ids ? realloc(*ids, cap * sizeof(**ids)) :
			    realloc(*strs, cap * sizeof(**strs));
			if (grown == NULL)
				break;
			if (ids)
				*ids = grown;
			else
				*strs = grown;
		}
		if (ids)
			(*ids)[(*n)++] = db_column_int(st, 0);
		else if (((*strs)[(*n)++] = column(st, 0)) == NULL)
			break;
	}
	db_reset(st);
	if (rc == DB_ROW)
		return dm_error(DM_ERROR, "out of memory");
	return rc == DB_DONE ? 0 : rc;
}

static int
claim_read(struct review *r, int64_t id, struct claim_row *c)
{
	struct db_stmt *st = r->st[R_CLAIM];
	int rc;

	memset(c, 0, sizeof(*c));
	db_reset(st);
	if ((rc = db_bind_int(st, 1, id)) != 0)
		return rc;
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? dm_error(DM_ENOTFOUND, "no claim %lld",
		    (long long)id) : rc;
	}
	c->sid = db_column_int(st, 0);
	c->method = column(st, 1);
	c->review = column(st, 2);
	c->kind = column(st, 3);
	c->by = db_column_int(st, 4);
	c->cameo = column(st, 5);
	c->summary = column(st, 6);
	c->quote = column(st, 7);
	c->date = column(st, 8);
	c->cue = column(st, 9);
	c->rule_key = column(st, 10);
	db_reset(st);
	if ((rc = read_list(r->st[R_TARGETS], id, &c->targets, NULL,
	    &c->ntargets)) != 0)
		return rc;
	return read_list(r->st[R_TOPICS], id, NULL, &c->topics, &c->ntopics);
}

/* Sets a claim's review, its targets moved out and back in around it. */
static int
set_review(struct review *r, int64_t id, const struct claim_row *c,
    const char *review, const char *reviewer, const char *at)
{
	struct db_stmt *st;
	size_t i;
	int rc;

	st = r->st[R_TARGETS_OUT];
	db_reset(st);
	if ((rc = db_bind_int(st, 1, id)) != 0 || (rc = db_run(st)) != 0)
		return rc;
	st = r->st[R_SET_REVIEW];
	db_reset(st);
	if ((rc = db_bind_int(st, 1, id)) != 0 ||
	    (rc = db_bind_text(st, 2, review)) != 0 ||
	    (rc = db_bind_text(st, 3, reviewer)) != 0 ||
	    (rc = db_bind_text(st, 4, at)) != 0 ||
	    (rc = db_bind_text(st, 5, c->rule_key)) != 0 ||
	    (rc = db_run(st)) != 0)
		return rc;
	for (i = 0; i < c->ntargets; i++)
		if ((rc = store_target_insert(r->store, id, c->targets[i],
		    (int)i)) != 0)
			return rc;
	return 0;
}

/* The actor a reference names, never made up. */
static int
find_actor(struct review *r, const char *ref, int64_t *id)
{
	int rc = store_actor_find(r->store, ref, id);

	if (rc == DM_ENOTFOUND)
		return dm_error(rc, "no actor '%s' in the archive", ref);
	return rc;
}

/* The claim a reviewer accepted or edited, beside the rule claim. */
static int
add_reviewed(struct review *r, const struct claim_row *c,
    const struct dm_decision *d, const char *at, int64_t *out)
{
	struct store_claim row;
	struct db_stmt *st = r->st[R_NEXT_SEQ];
	int64_t *targets = c->targets, by = c->by;
	size_t ntargets = c->ntargets, i;
	int rc;

	memset(&row, 0, sizeof(row));
	row.kind = d->kind ? d->kind : c->kind;
	if (claim_kind_cameo(row.kind) == NULL)
		return dm_error(DM_EINVALID, "unknown claim kind '%s'",
		    row.kind);
	row.cameo = strcmp(row.kind, c->kind) == 0 ? c->cameo :
	    claim_kind_cameo(row.kind);
	if (d->by && (rc = find_actor(r, d->by, &by)) != 0)
		return rc;
	if (d->targets) {
		ntargets = d->ntargets;
		if (ntargets > 0 && (targets = calloc(ntargets,
		    sizeof(*targets))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		for (i = 0, rc = 0; i < ntargets && rc == 0; i++)
			rc = find_actor(r, d->targets[i], &targets[i]);
		if (rc != 0)
			goto done;
	}
	db_reset(st);
	if ((rc = db_bind_int(st, 1, c->sid)) != 0 ||
	    (rc = db_step(st)) != DB_ROW)
		goto done;
	row.seq = (int)db_column_int(st, 0);
	db_reset(st);
	row.by_id = by;
	row.summary = c->summary;
	row.quote = c->quote;
	row.date = c->date;
	row.cue = c->cue;
	row.method = "curated";
	row.review = "reviewed";
	row.reviewer = d->reviewer;
	row.reviewed_at = at;
	row.rule_key = c->rule_key;
	if ((rc = store_claim_insert(r->store, c->sid, &row, out)) != 0)
		goto done;
	for (i = 0; i < ntargets && rc == 0; i++)
		rc = store_target_insert(r->store, *out, targets[i], (int)i);
	for (i = 0; i < c->ntopics && rc == 0; i++)
		rc = store_topic_insert(r->store, *out, c->topics[i], (int)i);
done:
	if (targets != c->targets)
		free(targets);
	return rc;
}

/* The rule key of a claim coded before migration 0014 stored it. */
static int
fill_key(struct review *r, struct claim_row *c)
{
	char key[DIGEST_HEX_LEN + 1];
	int rc;

	if (c->rule_key != NULL)
		return 0;
	if ((rc = claim_rule_key(r->store, c->kind, c->by, c->targets,
	    c->ntargets, c->cue, c->quote, key)) != 0)
		return rc;
	return (c->rule_key = strdup(key)) ? 0 :
	    dm_error(DM_ERROR, "out of memory");
}

static int
decide_one(struct review *r, int64_t id, const struct dm_decision *d,
    const char *at, int64_t *reviewed)
{
	struct claim_row c;
	int rc;

	*reviewed = 0;
	if ((rc = claim_read(r, id, &c)) != 0)
		goto done;
	if (strcmp(c.method, "rule") != 0 || c.review != NULL) {
		rc = dm_error(DM_EINVALID, "claim %lld is not a proposed "
		    "claim: it is %s", (long long)id, c.review ? c.review :
		    "curated");
		goto done;
	}
	if ((rc = fill_key(r, &c)) != 0)
		goto done;
	if (d->what == DM_REJECT)
		rc = set_review(r, id, &c, "rejected", d->reviewer, at);
	else if ((rc = add_reviewed(r, &c, d, at, reviewed)) == 0)
		rc = set_review(r, id, &c, "superseded", NULL, NULL);
done:
	claim_row_free(&c);
	return rc;
}

int
dm_claims_decide(dm_archive *a, const int64_t *ids, size_t n,
    const struct dm_decision *d, int64_t *reviewed)
{
	struct review r;
	char at[32];
	time_t now = time(NULL);
	struct tm tm;
	int64_t added;
	size_t i;
	int rc;

	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	if ((rc = review_open(&r, a)) != 0)
		return rc;
	if ((rc = db_begin(a->db)) != 0)
		goto done;
	for (i = 0; i < n && rc == 0; i++) {
		rc = decide_one(&r, ids[i], d, at, &added);
		if (reviewed)
			reviewed[i] = added;
	}
	rc = rc == 0 ? db_commit(a->db) : rc;
	if (rc != 0)
		db_rollback(a->db);
done:
	review_close(&r);
	return rc;
}

int
dm_claim_undecide(dm_archive *a, int64_t id, int64_t reviewed)
{
	struct review r;
	struct claim_row c;
	struct db_stmt *st;
	int rc;

	memset(&c, 0, sizeof(c));
	if ((rc = review_open(&r, a)) != 0)
		return rc;
	if ((rc = db_begin(a->db)) != 0)
		goto done;
	st = r.st[R_DELETE_REVIEWED];
	if (reviewed != 0 && ((rc = db_bind_int(st, 1, reviewed)) != 0 ||
	    (rc = db_run(st)) != 0))
		goto done;
	if ((rc = claim_read(&r, id, &c)) == 0)
		rc = set_review(&r, id, &c, NULL, NULL, NULL);
	if (rc == 0)
		rc = db_commit(a->db);
done:
	if (rc != 0)
		db_rollback(a->db);
	claim_row_free(&c);
	review_close(&r);
	return rc;
}

static char **
split(const char *s, size_t *n)
{
	char **v, *p, *copy;
	size_t k = 1;

	*n = 0;
	if (s == NULL)
		return NULL;
	for (p = (char *)s; *p; p++)
		k += *p == '\x1f';
	if ((v = calloc(k + 1, sizeof(*v))) == NULL ||
	    (copy = strdup(s)) == NULL) {
		free(v);
		return NULL;
	}
	/* v[0] owns the copy; the others point into it. */
	for (p = copy, v[(*n)++] = p; (p = strchr(p, '\x1f')) != NULL; )
		*p++ = '\0', v[(*n)++] = p;
	return v;
}

int
dm_proposal_get(dm_archive *a, int64_t id, struct dm_proposal *p)
{
	struct review r;
	struct db_stmt *st;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = review_open(&r, a)) != 0)
		return rc;
	st = r.st[R_PROPOSAL];
	if ((rc = db_bind_int(st, 1, id)) != 0)
		goto done;
	if ((rc = db_step(st)) != DB_ROW) {
		if (rc == DB_DONE)
			rc = dm_error(DM_ENOTFOUND, "no claim %lld",
			    (long long)id);
		goto done;
	}
	p->claim_id = db_column_int(st, 0);
	p->statement_id = column(st, 1);
	p->issuer_code = column(st, 2);
	p->issuer_name = column(st, 3);
	p->date = column(st, 4);
	p->title = column(st, 5);
	p->language = column(st, 6);
	p->by_code = column(st, 7);
	p->by_name = column(st, 8);
	p->kind = column(st, 9);
	p->quote = column(st, 10);
	p->cue = column(st, 11);
	p->review = column(st, 12);
	p->target_codes = split(db_column_is_null(st, 13) ? NULL :
	    db_column_text(st, 13), &p->ntargets);
	p->target_names = split(db_column_is_null(st, 14) ? NULL :
	    db_column_text(st, 14), &p->ntargets);
	rc = p->statement_id && p->kind ? 0 :
	    dm_error(DM_ERROR, "out of memory");
done:
	review_close(&r);
	if (rc != 0)
		dm_proposal_free(p);
	return rc;
}

void
dm_proposal_free(struct dm_proposal *p)
{
	free(p->statement_id);
	free(p->issuer_code);
	free(p->issuer_name);
	free(p->date);
	free(p->title);
	free(p->language);
	free(p->by_code);
	free(p->by_name);
	free(p->kind);
	free(p->quote);
	free(p->cue);
	free(p->review);
	if (p->target_codes)
		free(p->target_codes[0]);
	free(p->target_codes);
	if (p->target_names)
		free(p->target_names[0]);
	free(p->target_names);
	memset(p, 0, sizeof(*p));
}

int
dm_proposals(dm_archive *a, const struct dm_filter *f, int64_t **ids,
    size_t *n)
{
	struct dm_filter rule = *f;
	struct db_stmt *st;
	size_t cap = 0;
	int64_t id, *grown;
	int rc;

	*ids = NULL;
	*n = 0;
	rule.method = "rule";
	if ((rc = query_prepare(a, DM_LIST_CLAIMS, &rule, &st)) != 0)
		return rc;
	/* One row per target: each claim's rows come together. */
	while ((rc = db_step(st)) == DB_ROW) {
		id = db_column_int(st, 0);
		if (*n > 0 && (*ids)[*n - 1] == id)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			if ((grown = realloc(*ids, cap * sizeof(*grown))) ==
			    NULL)
				break;
			*ids = grown;
		}
		(*ids)[(*n)++] = id;
	}
	db_finalize(st);
	if (rc == DB_ROW)
		return dm_error(DM_ERROR, "out of memory");
	return rc == DB_DONE ? 0 : rc;
}
