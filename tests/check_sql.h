/* SQL in Check tests that drive SQLite directly. */
#ifndef DM_CHECK_SQL_H
#define DM_CHECK_SQL_H

#include <check.h>
#include <sqlite3.h>

#include "db_tokenizer.h"

/* Runs sql on db, or fails the test with SQLite's message. */
static inline void
check_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		ck_abort_msg("%s: %s", sql, msg);
}

/* Opens an in-memory database with demarche's tokenizer registered. */
static inline sqlite3 *
check_open_fts(fts5_api **api)
{
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	ck_assert_int_eq(db_fts5_api(db, api), 0);
	ck_assert_int_eq(db_tokenizer_register(db, *api), 0);
	return db;
}

/* Closes *db, failing the test if anything is left open. */
static inline void
check_close(sqlite3 **db)
{
	ck_assert_int_eq(sqlite3_close(*db), SQLITE_OK);
	*db = NULL;
}

#endif
