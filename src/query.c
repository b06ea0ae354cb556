#include <stdio.h>
#include <string.h>

#include "archive.h"
#include "db.h"
#include "error.h"
#include "store.h"

static const char sql_stats[] =
    "SELECT (SELECT count(*) FROM actors),"
    " (SELECT count(*) FROM actors WHERE kind = 'unresolved'),"
    " (SELECT count(*) FROM statements),"
    " (SELECT count(*) FROM claims),"
    " (SELECT count(*) FROM imports),"
    " (SELECT min(date) FROM statements),"
    " (SELECT date FROM statements ORDER BY date_hi DESC LIMIT 1)";

int
dm_archive_stats(dm_archive *a, struct dm_stats *out)
{
	struct db_stmt *st = NULL;
	struct store *s;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	if ((rc = db_prepare(a->db, &st, sql_stats)) != 0)
		return rc;
	if ((rc = db_step(st)) == DB_ROW) {
		out->actors = db_column_int(st, 0);
		out->unresolved = db_column_int(st, 1);
		out->statements = db_column_int(st, 2);
		out->claims = db_column_int(st, 3);
		out->imports = db_column_int(st, 4);
		if (!db_column_is_null(st, 5))
			snprintf(out->first_date, sizeof(out->first_date),
			    "%s", db_column_text(st, 5));
		if (!db_column_is_null(st, 6))
			snprintf(out->last_date, sizeof(out->last_date), "%s",
			    db_column_text(st, 6));
		rc = 0;
	}
	db_finalize(st);
	return rc;
}
