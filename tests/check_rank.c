/*
 * dm_rank() against FTS5's bm25(): the same value for every row ranked
 * exactly, and under a cut of any size the same rows in the same order,
 * ties included, on a corpus of generated documents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <sqlite3.h>

#include "db_rank.h"
#include "check_sql.h"

static sqlite3 *db;

static const char *const words[] = {
	"accuse", "deny", "sanctions", "embassy", "statement", "mission",
	"territory", "cyber", "attack", "spokesperson", "ministry", "trade",
	"human", "rights", "military", "drill", "border", "talks", "欧盟",
	"使团", "监听", "外交部", "spy", "balloon",
};
#define NWORDS	(sizeof(words) / sizeof(words[0]))
#define NDOCS	3000

static const char *const queries[] = {
	"accuse", "balloon", "监听", "使团 外交部", "accuse OR balloon",
	"spy AND cyber", "\"human rights\"", "cyber NOT attack",
	"NEAR(spy balloon, 3)", "title:embassy", "deny OR 监听 OR drill",
	"statement", "nothing_matches_this",
};
#define NQUERIES	(sizeof(queries) / sizeof(queries[0]))

static unsigned int seed;

/* A word, the early ones more often. */
static const char *
word(void)
{
	seed = seed * 1103515245u + 12345u;
	return words[((seed >> 16) % NWORDS + 1) * ((seed >> 8) % NWORDS) /
	    NWORDS];
}

/*
 * Documents of 1 to 400 words, a tenth of them copies of an earlier
 * one so that ranks tie, in an external-content table as the archive's.
 */
static void
setup(void)
{
	static char title[256], body[8192];
	sqlite3_stmt *st;
	fts5_api *api;
	size_t len;
	int i, n, k;

	db = check_open_fts(&api);
	ck_assert_int_eq(db_rank_register(db, api), 0);
	check_exec(db, "CREATE TABLE docs(id INTEGER PRIMARY KEY, title TEXT,"
	    " body TEXT); CREATE VIRTUAL TABLE t USING fts5(title, body,"
	    " content='docs', content_rowid='id', tokenize='demarche')");
	ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO docs VALUES"
	    " (?1, ?2, ?3)", -1, &st, NULL), SQLITE_OK);
	seed = 20210719;
	for (i = 1; i <= NDOCS; i++) {
		seed = seed * 1103515245u + 12345u;
		/* Otherwise a copy of the document before. */
		if (i <= 10 || (seed >> 16) % 10 != 0) {
			snprintf(title, sizeof(title), "%s %s", word(), word());
			n = 1 + (int)((seed >> 4) % 400);
			for (len = 0, k = 0; k < n; k++)
				len += (size_t)snprintf(body + len,
				    sizeof(body) - len, "%s%s", k ? " " : "",
				    word());
		}
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	check_exec(db, "INSERT INTO t(t) VALUES ('rebuild')");
}

static void
teardown(void)
{
	check_close(&db);
}

/* Rows of sql for query q (and keep k), as "rowid,rowid,...". */
static char *
rows(const char *sql, const char *q, int k)
{
	sqlite3_stmt *st;
	char *out;
	size_t len = 0, cap = 16;
	int rc;

	ck_assert_ptr_nonnull(out = malloc(cap));
	out[0] = '\0';
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, k);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len + 24 > cap)
			ck_assert_ptr_nonnull(out = realloc(out, cap *= 2));
		len += (size_t)snprintf(out + len, cap - len, "%lld,",
		    sqlite3_column_int64(st, 0));
	}
	ck_assert_int_eq(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	return out;
}

/* Bit for bit bm25(), for every row, when every row is ranked. */
START_TEST(same_as_bm25)
{
	sqlite3_stmt *st;
	size_t i;
	int n, rc;

	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT dm_rank(t, -1),"
	    " dm_rank(t, 0), bm25(t) FROM t WHERE t MATCH ?1", -1, &st, NULL),
	    SQLITE_OK);
	for (i = 0; i < NQUERIES; i++) {
		sqlite3_bind_text(st, 1, queries[i], -1, SQLITE_STATIC);
		for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
			ck_assert(sqlite3_column_double(st, 0) ==
			    sqlite3_column_double(st, 2));
			ck_assert(sqlite3_column_double(st, 1) ==
			    sqlite3_column_double(st, 2));
		}
		ck_assert_msg(rc == SQLITE_DONE, "'%s': %s", queries[i],
		    sqlite3_errmsg(db));
		if (strcmp(queries[i], "nothing_matches_this") != 0)
			ck_assert_msg(n > 0, "no rows for '%s'", queries[i]);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}
END_TEST

/* Cut at keep rows, the same rows in the same order, ties by rowid. */
START_TEST(cut_is_the_head)
{
	static const int keep[] = { 1, 2, 3, 7, 20, 100, 999, NDOCS };
	char *want, *got;
	size_t i, j;

	for (i = 0; i < NQUERIES; i++)
		for (j = 0; j < sizeof(keep) / sizeof(keep[0]); j++) {
			want = rows("SELECT rowid FROM t WHERE t MATCH ?1"
			    " ORDER BY bm25(t), rowid LIMIT ?2", queries[i],
			    keep[j]);
			got = rows("SELECT rowid FROM t WHERE t MATCH ?1"
			    " ORDER BY dm_rank(t, ?2), rowid LIMIT ?2",
			    queries[i], keep[j]);
			ck_assert_msg(strcmp(want, got) == 0,
			    "'%s' LIMIT %d: bm25 %.60s..., dm_rank %.60s...",
			    queries[i], keep[j], want, got);
			free(got);
			/* The rows ruled out left out before the sort. */
			got = rows("SELECT rowid FROM t WHERE t MATCH ?1"
			    " AND dm_rank(t, ?2, 1)"
			    " ORDER BY dm_rank(t, ?2), rowid LIMIT ?2",
			    queries[i], keep[j]);
			ck_assert_msg(strcmp(want, got) == 0,
			    "'%s' LIMIT %d, filtered: bm25 %.60s..., dm_rank"
			    " %.60s...", queries[i], keep[j], want, got);
			free(want);
			free(got);
		}
}
END_TEST

/* Rows ranked twice, as a rank both selected and sorted on may be. */
START_TEST(row_asked_twice)
{
	char *want, *got;

	want = rows("SELECT rowid FROM t WHERE t MATCH ?1"
	    " ORDER BY bm25(t), rowid LIMIT ?2", "accuse", 5);
	got = rows("SELECT rowid, dm_rank(t, ?2) AS r, dm_rank(t, ?2) + 0"
	    " FROM t WHERE t MATCH ?1 ORDER BY r, rowid LIMIT ?2", "accuse",
	    5);
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
}
END_TEST

/* The filter leaves rows out, and only rows that cannot be kept. */
START_TEST(filter_leaves_rows_out)
{
	sqlite3_stmt *st;
	int all, kept;

	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT (SELECT count(*)"
	    " FROM t WHERE t MATCH 'accuse'), (SELECT count(*) FROM t"
	    " WHERE t MATCH 'accuse' AND dm_rank(t, 5, 1))", -1, &st, NULL),
	    SQLITE_OK);
	ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "%s",
	    sqlite3_errmsg(db));
	all = sqlite3_column_int(st, 0);
	kept = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	ck_assert_int_ge(kept, 5);
	ck_assert_msg(kept < all / 2, "%d of %d rows kept", kept, all);
}
END_TEST

START_TEST(arguments_refused)
{
	ck_assert_int_ne(sqlite3_exec(db, "SELECT dm_rank(t) FROM t"
	    " WHERE t MATCH 'accuse'", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(db, "SELECT dm_rank(t, 1, 1, 1) FROM t"
	    " WHERE t MATCH 'accuse'", NULL, NULL, NULL), SQLITE_OK);
}
END_TEST

static Suite *
rank_suite(void)
{
	Suite *s = suite_create("rank");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, same_as_bm25);
	tcase_add_test(tc, cut_is_the_head);
	tcase_add_test(tc, row_asked_twice);
	tcase_add_test(tc, filter_leaves_rows_out);
	tcase_add_test(tc, arguments_refused);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(rank_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
