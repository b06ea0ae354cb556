/*
 * eval: the rule coder measured against the archive's own curated and
 * reviewed claims.  Counted as ../shared/coder-dev/score.py counts: each
 * side is a set of (statement, claimant, kind, target) with claimant and
 * target cut to their top-level code (CHN.MFA is CHN), claims without a
 * target left out; precision is the share of the proposed found in the
 * gold, recall the share of the gold proposed.  The rule claims count
 * whatever became of them: a rejected or superseded claim was proposed
 * all the same.  Only statements that have both sides count: those the
 * coder coded (plain text, or with rule claims) that hold a curated or
 * reviewed claim, or a rejection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "db.h"
#include "error.h"
#include "output.h"
#include "query.h"

/* score.py's kind classes; kinds outside them are not counted. */
#define CLASS(k)							\
	"CASE WHEN " k " IN ('accuse', 'criticize', 'condemn', 'complain',"	\
	" 'threaten') THEN 'hostile' WHEN " k " IN ('deny', 'reject',"	\
	" 'defend') THEN 'denial' WHEN " k " IN ('demand', 'appeal')"	\
	" THEN 'demand' WHEN " k " = 'support' THEN 'support'"		\
	" WHEN " k " = 'assert' THEN 'assert' END"
#define TOP(c)	"CASE WHEN instr(" c ", '.') > 0"				\
	" THEN substr(" c ", 1, instr(" c ", '.') - 1) ELSE " c " END"

/*
 * One row per distinct (statement, claimant, kind or class, target):
 * whether the coder proposed it, whether the gold holds it, and a
 * sentence of each.
 */
#define EVAL_SQL(k)							\
	"WITH e AS (SELECT s.id AS sid, s.language AS lang,"		\
	" " TOP("b.code") " AS by, " k " AS k, " TOP("t.code") " AS target,"	\
	" c.method = 'rule' AS pred, c.quote AS quote"			\
	" FROM statements s JOIN claims c ON c.statement_id = s.sid"	\
	" JOIN actors b ON b.id = c.by_id"				\
	" JOIN claim_targets ct ON ct.claim_id = c.id"			\
	" JOIN actors t ON t.id = ct.actor_id"				\
	" WHERE s.sid IN (SELECT statement_id FROM claims"		\
	" WHERE method = 'curated' OR review = 'rejected')"		\
	" AND (s.source = 'text' OR s.sid IN (SELECT statement_id"	\
	" FROM claims WHERE method = 'rule')))"				\
	" SELECT sid, lang, by, k, target, max(pred), max(NOT pred),"	\
	" min(CASE WHEN pred THEN quote END),"				\
	" min(CASE WHEN NOT pred THEN quote END)"			\
	" FROM e WHERE k IS NOT NULL GROUP BY sid, by, k, target"	\
	" ORDER BY sid, by, k, target"

static const char *const eval_sql[2] = {
	EVAL_SQL("CASE WHEN " CLASS("c.kind") " IS NOT NULL THEN c.kind END"),
	EVAL_SQL(CLASS("c.kind")),
};
static const char *const measure_names[2] = { "exact kind", "kind class" };

/* Matched, gold and proposed, for one scope. */
struct tally {
	char    lang[24], k[24];
	int64_t tp, gold, pred;
};

struct tallies {
	struct tally *t;
	size_t        n, cap;
};

/* The tally of (lang, k), made on first use. */
static struct tally *
tally_of(struct tallies *ts, const char *lang, const char *k)
{
	struct tally *grown;
	size_t i;

	for (i = 0; i < ts->n; i++)
		if (strcmp(ts->t[i].lang, lang) == 0 &&
		    strcmp(ts->t[i].k, k) == 0)
			return &ts->t[i];
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? 2 * ts->cap : 16;
		if ((grown = realloc(ts->t, ts->cap * sizeof(*grown))) ==
		    NULL)
			return NULL;
		ts->t = grown;
	}
	memset(&ts->t[ts->n], 0, sizeof(ts->t[0]));
	snprintf(ts->t[ts->n].lang, sizeof(ts->t[0].lang), "%s", lang);
	snprintf(ts->t[ts->n].k, sizeof(ts->t[0].k), "%s", k);
	return &ts->t[ts->n++];
}

static int
count(struct tallies *ts, const char *lang, const char *k, int pred,
    int gold)
{
	struct tally *t;

	if ((t = tally_of(ts, lang, k)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	t->tp += pred && gold;
	t->pred += pred;
	t->gold += gold;
	return 0;
}

/* The totals first, "all" then each language; then each kind. */
static int
by_lang_k(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	int c;

	if ((c = (x->k[0] != '\0') - (y->k[0] != '\0')) != 0)
		return c;
	if ((c = strcmp(x->lang, y->lang)) != 0)
		return strcmp(x->lang, "all") == 0 ? -1 :
		    strcmp(y->lang, "all") == 0 ? 1 : c;
	return strcmp(x->k, y->k);
}

/* The statement ids the filters keep, sorted, for bsearch(). */
static int
kept_ids(dm_archive *a, const struct dm_filter *f, char ***ids, size_t *n)
{
	struct db_stmt *st;
	size_t cap = 0;
	char **grown;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((rc = query_prepare(a, DM_LIST_STATEMENTS, f, &st)) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			if ((grown = realloc(*ids, cap * sizeof(*grown))) ==
			    NULL)
				break;
			*ids = grown;
		}
		if (((*ids)[(*n)++] = strdup(db_column_text(st, 0))) == NULL)
			break;
	}
	db_finalize(st);
	if (rc == DB_ROW)
		return dm_error(DM_ERROR, "out of memory");
	return rc == DB_DONE ? 0 : rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const struct out_column figure_cols[] = {
	{ "language", COL_TEXT }, { "measure", COL_TEXT },
	{ "precision", COL_TEXT }, { "recall", COL_TEXT },
	{ "matched", COL_INT }, { "gold", COL_INT }, { "proposed", COL_INT },
};
static const struct out_column miss_cols[] = {
	{ "found", COL_TEXT }, { "statement_id", COL_TEXT },
	{ "language", COL_TEXT }, { "by_code", COL_TEXT }, { "kind", COL_TEXT },
	{ "target_code", COL_TEXT }, { "quote", COL_TEXT },
};

static int
write_figures(struct out *o, struct tallies *ts, int m)
{
	char p[16], r[16], tp[24], g[24], pr[24], what[48];
	const char *cells[7];
	size_t i;
	int rc;

	qsort(ts->t, ts->n, sizeof(ts->t[0]), by_lang_k);
	for (i = 0; i < ts->n; i++) {
		const struct tally *t = &ts->t[i];

		snprintf(p, sizeof(p), "%.2f", t->pred ? (double)t->tp /
		    (double)t->pred : 0.0);
		snprintf(r, sizeof(r), "%.2f", t->gold ? (double)t->tp /
		    (double)t->gold : 0.0);
		snprintf(tp, sizeof(tp), "%lld", (long long)t->tp);
		snprintf(g, sizeof(g), "%lld", (long long)t->gold);
		snprintf(pr, sizeof(pr), "%lld", (long long)t->pred);
		if (t->k[0])
			snprintf(what, sizeof(what), "%s %s", m ? "class" :
			    "kind", t->k);
		else
			snprintf(what, sizeof(what), "%s", measure_names[m]);
		cells[0] = t->lang;
		cells[1] = what;
		cells[2] = p;
		cells[3] = r;
		cells[4] = tp;
		cells[5] = g;
		cells[6] = pr;
		if ((rc = out_row(o, cells)) != 0)
			return rc;
	}
	return 0;
}

/* One measure (exact kind or kind class): its rows tallied or listed. */
static int
measure(dm_archive *a, int m, char **ids, size_t nids, int filtered,
    struct tallies *ts, struct out *misses)
{
	struct db_stmt *st;
	const char *sid, *cells[7];
	int pred, gold, rc;

	if ((rc = db_prepare(a->db, &st, eval_sql[m])) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		sid = db_column_text(st, 0);
		if (filtered && bsearch(&sid, ids, nids, sizeof(*ids),
		    cmp_str) == NULL)
			continue;
		pred = (int)db_column_int(st, 5);
		gold = (int)db_column_int(st, 6);
		if (misses != NULL) {
			if (pred && gold)
				continue;
			cells[0] = pred ? "invented" : "missed";
			cells[1] = sid;
			cells[2] = db_column_text(st, 1);
			cells[3] = db_column_text(st, 2);
			cells[4] = db_column_text(st, 3);
			cells[5] = db_column_text(st, 4);
			cells[6] = db_column_text(st, pred ? 7 : 8);
			if ((rc = out_row(misses, cells)) != 0)
				break;
			continue;
		}
		if ((rc = count(ts, "all", "", pred, gold)) != 0 ||
		    (rc = count(ts, db_column_text(st, 1), "", pred,
		    gold)) != 0 ||
		    (rc = count(ts, "all", db_column_text(st, 3), pred,
		    gold)) != 0)
			break;
	}
	db_finalize(st);
	return rc == DB_DONE ? 0 : rc;
}

int
dm_eval(dm_archive *a, const struct dm_filter *f, const struct dm_output *out,
    int misses)
{
	struct tallies ts = { NULL, 0, 0 };
	struct out *o = NULL;
	enum out_format fmt;
	char **ids = NULL;
	size_t nids = 0, i;
	struct store *s;
	int m, rc, filtered;

	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	if ((rc = out_format_parse(&fmt, out->format ? out->format :
	    "table")) != 0)
		return rc;
	filtered = f->actor || f->from || f->to || f->kinds || f->topic ||
	    f->limit;
	if (filtered && (rc = kept_ids(a, f, &ids, &nids)) != 0)
		goto done;
	if (nids > 1)
		qsort(ids, nids, sizeof(*ids), cmp_str);
	if ((rc = out_new(&o, out->fp, fmt, misses ? miss_cols : figure_cols,
	    7, (out->flags & DM_OUT_EXCEL) ? OUT_EXCEL : 0)) != 0)
		goto done;
	/* --misses lists the exact kinds: a class hides a wrong kind. */
	for (m = 0; m < (misses ? 1 : 2) && rc == 0; m++) {
		ts.n = 0;
		if ((rc = measure(a, m, ids, nids, filtered, &ts,
		    misses ? o : NULL)) == 0 && !misses)
			rc = write_figures(o, &ts, m);
	}
	if (rc == 0)
		rc = out_finish(o);
done:
	out_free(o);
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(ts.t);
	return rc;
}
