#include <stdint.h>

#include "db.h"
#include "timeline_counts.h"

/* Grouped by nothing or by kind, as the live counts are (query.c). */
const struct part timeline_counts_sql[] = {
	ALWAYS("SELECT s.date_lo, s.date_hi, "),
	USING(USE_G_NONE, "NULL"),
	USING(USE_G_KIND, "s.kind"),
	ALWAYS(", sum(s.n) FROM timeline_counts s WHERE " DATES("s")),
	ASKED(ASK_KINDS, IN_KINDS("s.kind")),
	ALWAYS(" GROUP BY 1, 2, 3"),
	END
};

int
timeline_counts_serve(unsigned ask, enum query_group group)
{
	return !(ask & (ASK_ACTOR | ASK_BY | ASK_TARGET | ASK_TOPIC |
	    ASK_METHOD)) && (group == QUERY_GROUP_NONE ||
	    group == QUERY_GROUP_KIND);
}

static const char sql_sum[] =
    "INSERT INTO timeline_counts (date_lo, date_hi, kind, n)"
    " SELECT s.date_lo, s.date_hi, c.kind, count(*) FROM statements s"
    " JOIN claims c ON c.statement_id = s.sid"
    " WHERE s.import_id = ?1 AND (?2 IS NULL OR s.sid = ?2)"
    " AND" IN_FORCE("c") " GROUP BY 1, 2, 3"
    " ON CONFLICT (date_lo, date_hi, kind) DO UPDATE SET"
    " n = n + excluded.n";

int
timeline_counts_sum(struct db *db, int64_t import_id, int64_t sid)
{
	return db_run_ids(db, sql_sum, import_id, sid);
}

/* Rows in one and not the other, both ways, the fresh view computed once. */
const char timeline_counts_sql_check[] =
    "WITH f AS MATERIALIZED (SELECT * FROM timeline_counts_fresh)"
    " SELECT (SELECT count(*) FROM (SELECT * FROM f EXCEPT"
    " SELECT * FROM timeline_counts)) + (SELECT count(*) FROM"
    " (SELECT * FROM timeline_counts EXCEPT SELECT * FROM f))";

static const char sql_rebuild[] =
    "DELETE FROM timeline_counts;"
    "INSERT INTO timeline_counts SELECT * FROM timeline_counts_fresh;";

int
timeline_counts_rebuild(struct db *db)
{
	return db_exec(db, sql_rebuild);
}
