#include <stdint.h>
#include <string.h>

#include "archive.h"
#include "db.h"
#include "error.h"
#include "who.h"

#define OUT_COLUMN(name, type, col, ids, rollup)	{ name, type }
#define PACK_SUMMARY(name, type, col, ids, rollup)	WHO_PACK(col)
#define PACK_IDS(name, type, col, ids, rollup)		WHO_PACK(ids)
#define PACK_ROLLUP(name, type, col, ids, rollup)	WHO_PACK(rollup)
#define COMMA ,

const struct out_column who_cols[WHO_NCOLS] = {
	WHO_COLUMNS(OUT_COLUMN, COMMA)
};

_Static_assert(sizeof(who_cols) / sizeof(who_cols[0]) == WHO_NCOLS &&
    WHO_NCOLS <= QUERY_MAX_COLS, "WHO_NCOLS is not who's columns");

/*
 * acc holds one row per accusation and target; pairs sums it up.  --by
 * and --against choose among the pairs, not the claims, so that
 * --mutual still sees the accusations in the other direction.  Dates
 * carry their first or last day in front, so min() and max() pick the
 * earliest and latest date as written.
 */
const struct part who_sql[] = {
	ALWAYS(SETS ", acc AS (SELECT claims.id AS cid,"
	    " s.sid AS sid, s.date_lo || s.date AS lo, s.date_hi || s.date"
	    " AS hi, claims.kind AS kind, "),
	/*
	 * Pairs of actor ids, their codes and names looked up once per
	 * pair, not twice per edge (a fifth off summing up a million
	 * claims); under --rollup, pairs of top-level codes.
	 */
	USING(USE_IDS, "claims.by_id AS accuser, ct.actor_id AS accused"),
	USING(USE_ROLLUP, ROLLUP("b.code") " AS accuser, " ROLLUP("t.code")
	    " AS accused"),
	ASKED(ASK_BY, ", claims.by_id" IN_SET("b") " AS isby"),
	ASKED(ASK_TARGET, ", ct.actor_id" IN_SET("t") " AS isagainst"),
	ALWAYS(" FROM"),
	/* The order is fixed: see who_plan(). */
	USING(USE_NARROW, " statements s CROSS JOIN claims"
	    " ON claims.statement_id = s.sid"),
	USING(USE_BROAD, " claims CROSS JOIN statements s"
	    " ON s.sid = claims.statement_id"),
	ALWAYS(" CROSS JOIN claim_targets ct ON ct.claim_id = claims.id"),
	USING(USE_ROLLUP, " CROSS JOIN actors b ON b.id = claims.by_id"
	    " CROSS JOIN actors t ON t.id = ct.actor_id"),
	ALWAYS(" WHERE " DATES("s") " AND" IN_FORCE("claims")
	    " AND claims.kind IN (SELECT value FROM"
	    " json_each('[\"' || replace(trim(:kinds, ','), ',', '\",\"')"
	    " || '\"]'))"),
	/* The actor's claims, and those in its statements, by index. */
	ASKED(ASK_ACTOR, " AND claims.id IN (" CLAIMED_BY("a", "id")
	    " UNION ALL SELECT id FROM claims WHERE statement_id IN ("
	    ISSUED_BY("a") "))"),
	USING(USE_BY_CLAIMS, " AND claims.id IN (" CLAIMED_BY("b", "id") ")"),
	ASKED(ASK_TOPIC, " AND claims.id IN (SELECT claim_id FROM claim_topics"
	    " WHERE topic = :topic)"),
	ALWAYS("), sel AS (SELECT * FROM acc WHERE 1"),
	ASKED(ASK_BY, " AND isby"),
	ASKED(ASK_TARGET, " AND isagainst"),
	/* One grouping of the edges and their topics: see db_sortset.h. */
	ALWAYS("), pairs AS (SELECT accuser, accused,"
	    " count(DISTINCT cid) AS nc, count(DISTINCT sid) AS ns,"
	    " min(lo) AS lo, max(hi) AS hi,"
	    " dm_sortset(kind) AS kinds, dm_sortset(p.topic) AS topics"
	    " FROM sel LEFT JOIN claim_topics p ON p.claim_id = sel.cid"
	    " GROUP BY accuser, accused)"),
	/* Once, not again for each pair as a lookup in acc would. */
	ASKED(ASK_MUTUAL, ", back AS MATERIALIZED (SELECT DISTINCT"
	    " accused AS accuser, accuser AS accused FROM acc)"),
	/* Each name looked up once, though WHO_PACK() names it twice. */
	USING(USE_IDS, " SELECT " WHO_COLUMNS(PACK_IDS, " || ")
	    " FROM pairs p"),
	USING(USE_ROLLUP, " SELECT " WHO_COLUMNS(PACK_ROLLUP, " || ")
	    " FROM pairs p"),
	USING(USE_IDS, " JOIN actors a ON a.id = p.accuser"
	    " JOIN actors b ON b.id = p.accused WHERE 1"),
	/* A top-level code need not be an actor's: its name is then NULL. */
	USING(USE_ROLLUP, " LEFT JOIN actors a ON a.code = p.accuser"
	    " LEFT JOIN actors b ON b.code = p.accused WHERE 1"),
	ASKED(ASK_MUTUAL, " AND EXISTS (SELECT 1 FROM back q WHERE"
	    " q.accuser = p.accuser AND q.accused = p.accused)"),
	USING(USE_IDS, " ORDER BY p.nc DESC, a.code, b.code LIMIT :limit"),
	USING(USE_ROLLUP, " ORDER BY p.nc DESC, p.accuser, p.accused"
	    " LIMIT :limit"),
	END
};

/*
 * who from the summary of migrations 0002 and 0003 (lvl 1 is the
 * rollup), for the filters it can answer: see summary_serves().  Each
 * pair's row holds what is printed, packed in one column (migration
 * 0009), and the index who_pairs_listing holds the rows in the order
 * printed.
 */
#define PAIR_IS(p, a)							\
	" AND (" p " = " a " OR (NOT :exact AND " p " > " a " || '.' AND "	\
	p " < " a " || '/'))"

const struct part who_summary_sql[] = {
	ALWAYS("SELECT p.listing FROM who_pairs p WHERE p.lvl = :rollup"),
	ASKED(ASK_BY, PAIR_IS("p.accuser", ":by")),
	ASKED(ASK_TARGET, PAIR_IS("p.accused", ":target")),
	/* The narrow index, not the table's rows with all they print. */
	ASKED(ASK_MUTUAL, " AND EXISTS (SELECT 1 FROM who_pairs q"
	    " INDEXED BY who_pairs_accused WHERE"
	    " q.lvl = p.lvl AND q.accuser = p.accused"
	    " AND q.accused = p.accuser)"),
	ALWAYS(" ORDER BY p.claims DESC, p.accuser, p.accused LIMIT :limit"),
	END
};

/*
 * Whether the dates of b hold fewer than an eighth of the statements:
 * counted through the index on dates, no further than that eighth.
 */
static const char sql_date_share[] =
    "SELECT count(*) < (SELECT coalesce(max(sid), 0) / 8 FROM statements)"
    " FROM"
    " (SELECT 1 FROM statements WHERE date_lo >= ?1 AND date_hi <= ?2"
    " LIMIT (SELECT coalesce(max(sid), 0) / 8 FROM statements))";

/*
 * Whether the dates of b hold every statement, and so filter nothing:
 * the earliest first day lies within them, and so does the end of the
 * latest first day's year, which no date's last day passes.  Two seeks
 * in the index on dates; an empty archive has nothing to filter.
 */
static const char sql_dates_all[] =
    "SELECT ifnull(?1 <= (SELECT min(date_lo) FROM statements) AND"
    " ?2 >= substr((SELECT max(date_lo) FROM statements), 1, 4)"
    " || '-12-31', 1)";

/*
 * Whether the who summary answers f: the default accusation kinds, no
 * topic or --actor, dates that hold every statement (all_dates), and
 * under --rollup only top-level actors for --by and --against, with
 * their descendants.  Otherwise the claims are summed up afresh.
 */
static int
summary_serves(const struct dm_filter *f, const struct bound *b,
    int all_dates)
{
	if (f->kinds || f->topic || f->actor || !all_dates)
		return 0;
	if (!f->rollup)
		return 1;
	return !f->exact && strchr(b->by, '.') == NULL &&
	    strchr(b->target, '.') == NULL;
}

/*
 * From the summary where it answers f (summary_serves()); otherwise
 * the claims summed up afresh, in a fixed order of tables: by the
 * planner's guess, with no statistics, it walked every claim target and
 * fetched its statement, which took minutes on a large archive.  Dates
 * that hold few statements bound them (see sql_date_share), unless
 * --actor or --by names the claims first: within few dates, --by's
 * claims found by claimant and date come first (--mutual needs those
 * against its actors too).  Otherwise the claims of the kinds (or of
 * the topic) come first, in the order they are stored, and the planner
 * finds --by's by claimant and kind.
 */
int
who_plan(dm_archive *a, const struct dm_filter *f, const struct bound *b,
    struct plan *p)
{
	int rc, narrow = 0, all_dates = 1;

	if ((b->ask & ASK_DATED) &&
	    (rc = query_dates_ask(a->db, sql_dates_all, b, &all_dates)) != 0)
		return rc;
	if (summary_serves(f, b, all_dates)) {
		p->parts = who_summary_sql;
		return 0;
	}
	if ((b->ask & (ASK_DATED | ASK_ACTOR)) == ASK_DATED &&
	    (rc = query_dates_ask(a->db, sql_date_share, b, &narrow)) != 0)
		return rc;
	if (narrow && (b->ask & (ASK_BY | ASK_MUTUAL)) == ASK_BY) {
		p->use |= USE_BY_CLAIMS;
		narrow = 0;
	}
	p->use |= narrow ? USE_NARROW : USE_BROAD;
	p->use |= f->rollup ? USE_ROLLUP : USE_IDS;
	return 0;
}

/*
 * Splits len bytes at s, cells packed as WHO_PACK() packs them, in place
 * into nfield fields, each NUL-terminated where its WHO_CELL_END was, or NULL,
 * and their lengths into flen.  Texts split already split again the
 * same: a NUL ends a field as ',' does, and none comes before (s holds a
 * C string's bytes).
 */
static int
unpack(char *s, size_t len, const char **field, size_t *flen, size_t nfield)
{
	char *end = s + len, *digits;
	size_t i, n;

	for (i = 0; i < nfield; i++) {
		if (end - s >= 2 && memcmp(s, WHO_NULL, 2) == 0) {
			field[i] = NULL;
			flen[i] = 0;
			s += 2;
			continue;
		}
		/* n never passes what is left, so it cannot overflow. */
		for (n = 0, digits = s; s < end && *s >= '0' && *s <= '9' &&
		    n <= (size_t)(end - s); s++)
			n = n * 10 + (size_t)(*s - '0');
		if (s == digits || s == end || *s != WHO_LEN_END[0] ||
		    n + 1 >= (size_t)(end - s) ||
		    (s[1 + n] != WHO_CELL_END[0] && s[1 + n] != '\0'))
			break;
		field[i] = s + 1;
		flen[i] = n;
		s[1 + n] = '\0';
		s += n + 2;
	}
	if (i < nfield || s != end)
		return dm_error(DM_ERROR, "a row of who_pairs.listing is not "
		    "%zu packed texts; 'demarche check' tells why", nfield);
	return 0;
}

int
who_unpack(char *t, size_t n, struct query_row *r)
{
	const char *c;
	size_t i;
	int rc;

	if ((rc = unpack(t, n, r->cell, r->len, WHO_NCOLS)) != 0)
		return rc;
	/*
	 * A count packed is its digits, as SQLite wrote them; one past
	 * INT64_MAX (a listing made by hand) stops there.
	 */
	for (i = 0; i < WHO_NCOLS; i++)
		if (who_cols[i].type == COL_INT)
			for (r->num[i] = 0, c = r->cell[i]; c != NULL &&
			    *c >= '0' && *c <= '9'; c++) {
				if (r->num[i] > (INT64_MAX - (*c - '0')) / 10) {
					r->num[i] = INT64_MAX;
					break;
				}
				r->num[i] = r->num[i] * 10 + (*c - '0');
			}
	return 0;
}


/* The columns of who_pairs that the view who_pairs_fresh computes. */
#define WHO_FRESH	"lvl, accuser, accused, claims, statements,"	\
	" accuser_name, accused_name, first_lo, last_hi, kinds, topics"
/* What who_pairs.listing holds, from the columns it packs. */
#define WHO_LISTING	WHO_COLUMNS(PACK_SUMMARY, " || ")

/*
 * Rows in one and not the other, both ways; each fresh view is computed
 * once, the costly half of the check.
 */
const char who_sql_check[] =
    "WITH p AS MATERIALIZED (SELECT * FROM who_pairs_fresh),"
    " s AS MATERIALIZED (SELECT * FROM who_statements_fresh),"
    " k AS MATERIALIZED (SELECT * FROM who_kinds_fresh),"
    " t AS MATERIALIZED (SELECT * FROM who_topics_fresh)"
    " SELECT (SELECT count(*) FROM (SELECT * FROM p EXCEPT"
    " SELECT " WHO_FRESH " FROM who_pairs)) + (SELECT count(*) FROM"
    " (SELECT " WHO_FRESH " FROM who_pairs EXCEPT SELECT * FROM p))"
    " + (SELECT count(*) FROM who_pairs WHERE listing IS NOT "
    WHO_LISTING ")"
    " + (SELECT count(*) FROM (SELECT * FROM s EXCEPT"
    " SELECT * FROM who_statements)) + (SELECT count(*) FROM (SELECT *"
    " FROM who_statements EXCEPT SELECT * FROM s))"
    " + (SELECT count(*) FROM (SELECT * FROM k EXCEPT"
    " SELECT * FROM who_kinds)) + (SELECT count(*) FROM (SELECT * FROM"
    " who_kinds EXCEPT SELECT * FROM k))"
    " + (SELECT count(*) FROM (SELECT * FROM t EXCEPT"
    " SELECT * FROM who_topics)) + (SELECT count(*) FROM (SELECT * FROM"
    " who_topics EXCEPT SELECT * FROM t))";

/*
 * The who summary from the claims.  The fresh pairs come with their
 * listing columns: while they go in, pending holds an id no import has,
 * so that the listing triggers of migration 0003 only mark the pairs (as
 * during an import) instead of computing each again at every row, and
 * the marks are then dropped.
 */
static const char sql_who_rebuild[] =
    "UPDATE pending SET import_id = -1;"
    "DELETE FROM who_pairs; DELETE FROM who_statements;"
    "DELETE FROM who_kinds; DELETE FROM who_topics;"
    "INSERT INTO who_pairs (" WHO_FRESH ")"
    " SELECT * FROM who_pairs_fresh;"
    /* Packs each listing (trigger who_listing_pack). */
    "UPDATE who_pairs SET kinds = kinds;"
    "INSERT INTO who_statements SELECT * FROM who_statements_fresh;"
    "INSERT INTO who_kinds SELECT * FROM who_kinds_fresh;"
    "INSERT INTO who_topics SELECT * FROM who_topics_fresh;"
    "DELETE FROM who_dirty; UPDATE pending SET import_id = NULL;";

int
who_rebuild(struct db *db)
{
	return db_exec(db, sql_who_rebuild);
}

/*
 * The edges of the statements being summed up: a scratch table of the
 * connection, outside the archive and its journal.  Reading who_edges once
 * instead of once per summary table took a fifth off summing up a file.
 */
static const char sql_edges_table[] =
    "CREATE TEMP TABLE IF NOT EXISTS import_edges (lvl INTEGER,"
    " accuser TEXT, accused TEXT, cid INTEGER, sid INTEGER, lo TEXT,"
    " hi TEXT, kind TEXT)";

static const char sql_edges[] =
    "INSERT INTO temp.import_edges"
    " SELECT lvl, accuser, accused, cid, sid, lo, hi, kind FROM who_edges"
    " WHERE sid IN (SELECT sid FROM statements"
    " WHERE import_id = ?1 AND (?2 IS NULL OR sid = ?2))";

/*
 * The edges summed up four ways.  The statements are new, so their
 * claims and statements are new to every pair; the pairs they touch are
 * marked for their listing columns, which the insert triggers leave
 * alone during an import (migration 0007).
 */
static const char sql_sum_edges[] =
    "INSERT OR IGNORE INTO who_dirty"
    " SELECT DISTINCT lvl, accuser, accused FROM temp.import_edges;"
    "INSERT INTO who_pairs (lvl, accuser, accused, claims, statements)"
    " SELECT lvl, accuser, accused, count(DISTINCT cid), count(DISTINCT sid)"
    " FROM temp.import_edges GROUP BY lvl, accuser, accused"
    " ON CONFLICT (lvl, accuser, accused) DO UPDATE SET"
    " claims = claims + excluded.claims,"
    " statements = statements + excluded.statements;"
    "INSERT INTO who_statements (lvl, accuser, accused, sid, lo, hi, n)"
    " SELECT lvl, accuser, accused, sid, min(lo), max(hi), count(*)"
    " FROM temp.import_edges GROUP BY lvl, accuser, accused, sid"
    " ON CONFLICT (lvl, accuser, accused, sid) DO UPDATE SET n = n + excluded.n;"
    "INSERT INTO who_kinds (lvl, accuser, accused, kind, n)"
    " SELECT lvl, accuser, accused, kind, count(*)"
    " FROM temp.import_edges GROUP BY lvl, accuser, accused, kind"
    " ON CONFLICT (lvl, accuser, accused, kind) DO UPDATE SET n = n + excluded.n;"
    "INSERT INTO who_topics (lvl, accuser, accused, topic, n)"
    " SELECT e.lvl, e.accuser, e.accused, p.topic, count(*)"
    " FROM temp.import_edges e JOIN claim_topics p ON p.claim_id = e.cid"
    " GROUP BY e.lvl, e.accuser, e.accused, p.topic"
    " ON CONFLICT (lvl, accuser, accused, topic) DO UPDATE SET n = n + excluded.n;"
    "DELETE FROM temp.import_edges;";

int
who_sum(struct db *db, int64_t import_id, int64_t sid)
{
	int rc;

	if ((rc = db_exec(db, sql_edges_table)) != 0 ||
	    (rc = db_run_ids(db, sql_edges, import_id, sid)) != 0)
		return rc;
	return db_exec(db, sql_sum_edges);
}

/* The pairs marked, listed again by migration 0003's triggers. */
static const char sql_settle[] =
    "INSERT INTO who_touched SELECT lvl, accuser, accused FROM who_dirty;"
    "DELETE FROM who_dirty;";

int
who_settle(struct db *db)
{
	return db_exec(db, sql_settle);
}
