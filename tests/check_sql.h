/* SQL in Check tests that drive SQLite directly. */
#ifndef DM_CHECK_SQL_H
#define DM_CHECK_SQL_H

#include <check.h>
#include <sqlite3.h>

/* Runs sql on db, or fails the test with SQLite's message. */
static inline void
check_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		ck_abort_msg("%s: %s", sql, msg);
}

#endif
