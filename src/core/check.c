/*
 * 'demarche check': the archive's own verdict on itself: SQLite's
 * integrity and foreign-key checks, the full-text indexes, the who
 * summary and the timeline's counts against the same figures computed
 * from scratch, and the statement dates the claims carry against their
 * statements'.
 */
#include <stdio.h>
#include <string.h>

#include "archive.h"
#include "db.h"
#include "error.h"
#include "store.h"
#include "timeline_counts.h"
#include "who.h"

enum check_sql {
	C_INTEGRITY,
	C_FOREIGN_KEYS,
	C_FTS_STATEMENTS,
	C_FTS_CLAIMS,
	C_SUMMARY_DIFF,
	C_TIMELINE_DIFF,
	C_CLAIM_DATES,
	C__MAX
};

static const char *const check_sql[C__MAX] = {
	/* C_INTEGRITY */
	"PRAGMA integrity_check",
	/* C_FOREIGN_KEYS */
	"PRAGMA foreign_key_check",
	/* C_FTS_STATEMENTS */
	"INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check')",
	/* C_FTS_CLAIMS */
	"INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check')",
	/* C_SUMMARY_DIFF */
	who_sql_check,
	/* C_TIMELINE_DIFF */
	timeline_counts_sql_check,
	/* C_CLAIM_DATES; parenthesised, as clang asks of a two-part literal */
	("SELECT count(*) FROM claims c JOIN statements s"
	" ON s.sid = c.statement_id WHERE c.statement_lo IS NOT s.date_lo"),
};

/* Claims carry their statement's first day (migration 0004). */
static const char sql_claim_dates[] =
    "UPDATE claims SET statement_lo = s.date_lo FROM statements s"
    " WHERE s.sid = claims.statement_id"
    " AND claims.statement_lo IS NOT s.date_lo";

/* Runs check i; *problem gets a description, or stays "" when fine. */
static int
run_check(struct db *db, int i, char *problem, size_t len)
{
	struct db_stmt *st = NULL;
	const char *v;
	int rc;

	*problem = '\0';
	if ((rc = db_prepare(db, &st, check_sql[i])) != 0)
		return rc;
	rc = db_step(st);
	switch (i) {
	case C_INTEGRITY:
		v = rc == DB_ROW ? db_column_text(st, 0) : NULL;
		if (v == NULL || strcmp(v, "ok") != 0)
			snprintf(problem, len, "%s", v ? v : dm_error_last());
		break;
	case C_FOREIGN_KEYS:
		if (rc == DB_ROW)
			snprintf(problem, len, "a row of '%s' refers to a "
			    "missing row of '%s'", db_column_text(st, 0),
			    db_column_text(st, 2));
		break;
	case C_FTS_STATEMENTS:
	case C_FTS_CLAIMS:
		if (rc < 0)
			snprintf(problem, len, "%s", dm_error_last());
		break;
	case C_SUMMARY_DIFF:
	case C_TIMELINE_DIFF:
		if (rc == DB_ROW && db_column_int(st, 0) != 0)
			snprintf(problem, len, "%lld rows differ from the claims "
			    "(run 'demarche check --rebuild')",
			    (long long)db_column_int(st, 0));
		break;
	case C_CLAIM_DATES:
		if (rc == DB_ROW && db_column_int(st, 0) != 0)
			snprintf(problem, len, "wrong or missing on %lld "
			    "claim%s (run 'demarche check --rebuild')",
			    (long long)db_column_int(st, 0),
			    db_column_int(st, 0) == 1 ? "" : "s");
		break;
	}
	db_finalize(st);
	return rc == DB_ROW || rc == DB_DONE || *problem ? 0 : rc;
}

int
dm_archive_check(dm_archive *a, int rebuild,
    void (*fn)(void *ctx, const char *what, const char *problem), void *ctx)
{
	static const char *const what[C__MAX] = { "integrity", "foreign keys",
	    "full-text index of statements", "full-text index of claims",
	    "who summary", "timeline counts", "statement dates of claims" };
	struct store *s;
	char problem[512];
	int i, rc, bad = 0;

	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	if (rebuild) {
		if ((rc = db_begin(a->db)) != 0)
			return rc;
		if ((rc = who_rebuild(a->db)) != 0 ||
		    (rc = timeline_counts_rebuild(a->db)) != 0 ||
		    (rc = db_exec(a->db, sql_claim_dates)) != 0 ||
		    (rc = db_commit(a->db)) != 0) {
			db_rollback(a->db);
			return rc;
		}
	}
	for (i = 0; i < C__MAX; i++) {
		if ((rc = run_check(a->db, i, problem, sizeof(problem))) != 0)
			return rc;
		bad += *problem != '\0';
		fn(ctx, what[i], problem);
	}
	return bad ? dm_error(DM_ERROR, "the archive has %d problem%s", bad,
	    bad == 1 ? "" : "s") : 0;
}
