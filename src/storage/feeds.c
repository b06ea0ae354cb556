/* The feeds' state, its SQL in one place. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "feeds.h"

#define NOW	"strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

enum { SQL_VALIDATORS, SQL_CHECKED, SQL_KEEP, SQL_SEEN, SQL_ITEM, SQL__MAX };

static const char *const sql[SQL__MAX] = {
	/* SQL_VALIDATORS */
	"SELECT coalesce(etag, ''), coalesce(last_modified, '') FROM feeds "
	"WHERE url = ?1",
	/* SQL_CHECKED */
	"INSERT INTO feeds (url, checked_at) VALUES (?1, " NOW ") "
	"ON CONFLICT (url) DO UPDATE SET checked_at = excluded.checked_at",
	/* SQL_KEEP */
	"UPDATE feeds SET etag = nullif(?2, ''), "
	"last_modified = nullif(?3, '') WHERE url = ?1",
	/* SQL_SEEN */
	"SELECT 1 FROM feed_items WHERE feed = ?1 AND item = ?2",
	/* SQL_ITEM */
	"INSERT OR IGNORE INTO feed_items (feed, item, seen_at) "
	"VALUES (?1, ?2, " NOW ")",
};

/* Prepares statement which, binding url and up to two more values. */
static int
prepare(struct db *db, struct db_stmt **st, int which, const char *url,
    const char *a, const char *b)
{
	if (db_prepare(db, st, sql[which]) != 0)
		return DM_ERROR;
	if (db_bind_text(*st, 1, url) != 0 ||
	    (a != NULL && db_bind_text(*st, 2, a) != 0) ||
	    (b != NULL && db_bind_text(*st, 3, b) != 0)) {
		db_finalize(*st);
		return DM_ERROR;
	}
	return 0;
}

/* Runs a statement that returns no rows. */
static int
exec(struct db *db, int which, const char *url, const char *a,
    const char *b)
{
	struct db_stmt *st;
	int rc;

	if ((rc = prepare(db, &st, which, url, a, b)) != 0)
		return rc;
	rc = db_run(st);
	db_finalize(st);
	return rc;
}

int
feeds_validators(struct db *db, const char *url, char etag[256],
    char last_modified[64])
{
	struct db_stmt *st;
	int rc;

	*etag = *last_modified = '\0';
	if ((rc = prepare(db, &st, SQL_VALIDATORS, url, NULL, NULL)) != 0)
		return rc;
	if ((rc = db_step(st)) == DB_ROW) {
		snprintf(etag, 256, "%s", db_column_text(st, 0));
		snprintf(last_modified, 64, "%s", db_column_text(st, 1));
	}
	db_finalize(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : DM_ERROR;
}

int
feeds_checked(struct db *db, const char *url)
{
	return exec(db, SQL_CHECKED, url, NULL, NULL);
}

int
feeds_keep_validators(struct db *db, const char *url, const char *etag,
    const char *last_modified)
{
	return exec(db, SQL_KEEP, url, etag, last_modified);
}

int
feeds_item_seen(struct db *db, const char *url, const char *item)
{
	struct db_stmt *st;
	int rc;

	if ((rc = prepare(db, &st, SQL_SEEN, url, item, NULL)) != 0)
		return rc;
	rc = db_step(st);
	db_finalize(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : DM_ERROR;
}

int
feeds_item_keep(struct db *db, const char *url, const char *item)
{
	return exec(db, SQL_ITEM, url, item, NULL);
}
