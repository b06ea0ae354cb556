#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "archive.h"
#include "claimkind.h"
#include "date.h"
#include "db.h"
#include "error.h"
#include "names.h"
#include "fold.h"
#include "output.h"
#include "query.h"
#include "query_table.h"
#include "statement.h"
#include "store.h"

/*
 * The claims in force: not rule claims a reviewer rejected or a curated
 * or reviewed claim superseded (migration 0014), which stay for 'eval'.
 */
#define IN_FORCE(c)	" (" c ".review IS NULL OR " c ".review = 'reviewed')"
/* A claim's method as listed: a reviewed claim is stored as curated. */
#define METHOD(c)	" CASE WHEN " c ".review = 'reviewed' THEN 'reviewed'"	\
			" ELSE " c ".method END"

/*
 * The first and last dates come through the index of days, not a scan of
 * every statement.  The first as written (min(date): "2021" before
 * "2021-01" before "2021-01-01") is one of those that begin on the first
 * day.  The last is the one that ends latest and, of those, begins
 * latest; a statement's days lie within one calendar year, so it is
 * among those that begin in the year of the latest beginning.
 */
static const char sql_stats[] =
    "WITH last_year(y) AS (SELECT substr(max(date_lo), 1, 4)"
    " FROM statements), last_end(y, hi) AS (SELECT y, max(date_hi)"
    " FROM statements, last_year WHERE date_lo >= y)"
    " SELECT (SELECT count(*) FROM actors),"
    " (SELECT count(*) FROM actors WHERE kind = 'unresolved'),"
    " (SELECT count(*) FROM statements),"
    " (SELECT count(*) FROM claims WHERE" IN_FORCE("claims") "),"
    " (SELECT count(*) FROM imports),"
    " (SELECT min(date) FROM statements"
    " WHERE date_lo = (SELECT min(date_lo) FROM statements)),"
    " (SELECT date FROM statements, last_end WHERE date_lo >= y"
    " AND date_hi = hi ORDER BY date_lo DESC LIMIT 1)";

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

/*
 * The listings are built from parts: a part goes into the SQL when the
 * filter has everything its need names.  Every value is a named
 * parameter, bound once the SQL is prepared:
 *   :actor :by :target  actor codes, each with its descendants unless
 *                       :exact; the sets CTE turns them into actor ids
 *   :from :to           first and last day a statement's date may cover
 *   :kinds              ",kind,kind,"
 *   :topic :method :text :limit
 */
enum need {
	N_ACTOR = 1 << 0,
	N_BY = 1 << 1,
	N_TARGET = 1 << 2,
	N_KINDS = 1 << 3,
	N_TOPIC = 1 << 4,
	N_METHOD = 1 << 5,
	N_TEXT = 1 << 6,
	N_MUTUAL = 1 << 7,
	N_UNRESOLVED = 1 << 8,
	N_LIMIT = 1 << 9,	/* --limit given */
	N_ALL = 1 << 10,	/* no --limit: every row */
	N_DATED = 1 << 11,	/* --from or --to given */
	N_UNDATED = 1 << 12,	/* neither */
	N_NARROW = 1 << 13,	/* who: the dates hold few statements */
	N_BROAD = 1 << 14,	/* who: no dates, or dates holding many */
	N_RANK_FIRST = 1 << 15,	/* search: --limit and only the text */
	N_RANK_JOINED = 1 << 16, /* search: --limit and other filters */
	N_JOINED = 1 << 17,	/* search: each match with its rows */
	N_BY_CLAIMS = 1 << 18,	/* who: few dates, and --by's claims */
	N_ROLLUP = 1 << 19,	/* who --rollup: pairs of top-level codes */
	N_IDS = 1 << 20,	/* who: pairs of actor ids */
	N_NEAREST = 1 << 21,	/* actors: the nearest known actor's code */
	/* timeline: what the counts are grouped by (enum query_group) */
	N_G_NONE = 1 << 22,
	N_G_PAIR = 1 << 23,
	N_G_BY = 1 << 24,
	N_G_AGAINST = 1 << 25,
	N_G_KIND = 1 << 26,
	N_G_ISSUER = 1 << 27,
	N_CLAIMANT = 1 << 28,	/* timeline: the claimant's code */
	N_TARGETS = 1 << 29,	/* timeline: rows per target or issuer: distinct */
	N_NO_TARGETS = 1 << 30,	/* timeline: a row per claim */
};

struct part {
	unsigned	 need;
	const char	*sql;
};

/* A code range finds descendants through the UNIQUE index on code. */
#define ACTOR_SET(k, p)							\
	"SELECT '" k "', id FROM actors WHERE code = " p " OR (NOT :exact"	\
	" AND code > " p " || '.' AND code < " p " || '/')"
#define SETS								\
	"WITH sets(k, id) AS (" ACTOR_SET("a", ":actor")		\
	" UNION ALL " ACTOR_SET("b", ":by")				\
	" UNION ALL " ACTOR_SET("t", ":target") ")"
#define IN_SET(k)	" IN (SELECT id FROM sets WHERE k = '" k "')"
/* date_lo <= :to adds nothing but an upper bound on the index of dates. */
#define DATES(s)	s ".date_lo >= :from AND " s ".date_lo <= :to AND "	\
			s ".date_hi <= :to"
/*
 * Within DATES, what the actors of set k issued and claimed, each found
 * through an index by actor and first day: a statement's date_lo lies
 * between :from and :to when its date does, and claims carry it as
 * statement_lo (migration 0004).
 */
#define LO_IN(col)	" AND " col " BETWEEN :from AND :to"
#define ISSUED_BY(k)							\
	"SELECT sid FROM statements WHERE issuer_id" IN_SET(k) LO_IN("date_lo") \
	" UNION ALL " CO_ISSUED_BY(k)
/* A joint statement's other issuers (migration 0012): few, and no dates. */
#define CO_ISSUED_BY(k)							\
	"SELECT statement_id FROM co_issuers WHERE actor_id" IN_SET(k)
#define ISSUER_IN(k)							\
	" (s.issuer_id" IN_SET(k) " OR s.sid IN (" CO_ISSUED_BY(k) "))"
/*
 * A statement's issuers' codes or names (col), the first and then the
 * co-issuers in order, separated by OUT_LIST_SEP (a COL_NAMES cell).
 */
#define ISSUERS(col)							\
	" i." col " || coalesce((SELECT group_concat(char(31) || n, '')"	\
	" FROM (SELECT x." col " AS n FROM co_issuers ci JOIN actors x"	\
	" ON x.id = ci.actor_id WHERE ci.statement_id = s.sid"		\
	" ORDER BY ci.seq)), '')"
#define CLAIMED_BY(k, col)						\
	"SELECT " col " FROM claims WHERE by_id" IN_SET(k)		\
	LO_IN("statement_lo")
#define IN_KINDS(col)	" AND instr(:kinds, ',' || " col " || ',') > 0"

/*
 * The filters of the statements listing (s), shared with the counts of
 * the timeline.  Within a date range, the statements the actor issued
 * and those it made claims in are found by actor and date; over all
 * dates, the actor's claims name their statements at once.
 */
#define STATEMENT_FILTERS						\
	{ N_ACTOR | N_DATED, " AND s.sid IN (" ISSUED_BY("a") " UNION ALL "	\
	    CLAIMED_BY("a", "statement_id") ")" },			\
	{ N_ACTOR | N_UNDATED, " AND (" ISSUER_IN("a") " OR s.sid IN" \
	    " (SELECT statement_id FROM claims WHERE by_id" IN_SET("a") "))" }, \
	{ N_KINDS, IN_KINDS("s.kind") },				\
	{ N_TOPIC, " AND s.sid IN (SELECT claims.statement_id FROM"	\
	    " claim_topics p JOIN claims ON claims.id = p.claim_id"	\
	    " WHERE p.topic = :topic)" }

/*
 * The filters of the claims listing (claims of statements s, ct their
 * targets), shared with the counts of the timeline.
 */
#define CLAIM_FILTERS							\
	{ N_ACTOR | N_DATED, " AND claims.id IN (" CLAIMED_BY("a", "id")	\
	    " UNION ALL SELECT id FROM claims WHERE statement_id IN ("	\
	    ISSUED_BY("a") "))" },					\
	{ N_ACTOR | N_UNDATED, " AND (claims.by_id" IN_SET("a")		\
	    " OR" ISSUER_IN("a") ")" },			\
	{ N_BY, " AND claims.by_id" IN_SET("b") },			\
	{ N_BY | N_DATED, LO_IN("claims.statement_lo") },		\
	{ N_TARGET, " AND ct.actor_id" IN_SET("t") },			\
	{ N_KINDS, IN_KINDS("claims.kind") },				\
	{ N_TOPIC, " AND claims.id IN (SELECT claim_id FROM claim_topics"	\
	    " WHERE topic = :topic)" },					\
	{ N_METHOD, " AND" METHOD("claims") " = :method" }

static const struct part statements_sql[] = {
	{ 0, SETS " SELECT s.id, s.date," ISSUERS("code") "," ISSUERS("name")
	    ", s.kind, s.title,"
	    " s.url, s.language, (SELECT count(*) FROM claims"
	    " WHERE claims.statement_id = s.sid AND" IN_FORCE("claims") "),"
	    " (SELECT group_concat(responds_to, char(31)) FROM"
	    " (SELECT r.responds_to FROM responses r"
	    " WHERE r.statement_id = s.sid ORDER BY r.seq))"
	    " FROM statements s JOIN actors i ON i.id = s.issuer_id"
	    " WHERE " DATES("s") },
	STATEMENT_FILTERS,
	{ 0, " ORDER BY s.date_lo, s.date_hi, s.id LIMIT :limit" },
	{ 0, NULL }
};

static const struct part claims_sql[] = {
	{ 0, SETS " SELECT claims.id, s.id, s.date, b.code, b.name,"
	    " claims.kind, claims.cameo, t.code, t.name,"
	    " (SELECT group_concat(topic, char(31)) FROM (SELECT p.topic"
	    " FROM claim_topics p WHERE p.claim_id = claims.id"
	    " ORDER BY p.seq)),"
	    " claims.summary, claims.quote," METHOD("claims") ", claims.cue"
	    " FROM statements s JOIN claims ON claims.statement_id = s.sid"
	    " JOIN actors b ON b.id = claims.by_id"
	    " LEFT JOIN claim_targets ct ON ct.claim_id = claims.id"
	    " LEFT JOIN actors t ON t.id = ct.actor_id"
	    " WHERE " DATES("s") " AND" IN_FORCE("claims") },
	CLAIM_FILTERS,
	{ 0, " ORDER BY s.date_lo, s.date_hi, s.id, claims.seq, ct.seq"
	    " LIMIT :limit" },
	{ 0, NULL }
};

/* The top-level actor of a code: its first dotted segment. */
#define ROLLUP(c)							\
	"CASE WHEN :rollup AND instr(" c ", '.') > 0"			\
	" THEN substr(" c ", 1, instr(" c ", '.') - 1) ELSE " c " END"

/*
 * Every issuer of statement s as i: the first (co = 0), then those of a
 * joint statement (co = 1, migration 0012), so that a group per issuer
 * counts it under each, as who does; two that roll up to one count once.
 */
#define ALL_ISSUERS							\
	" CROSS JOIN (SELECT 0 AS co UNION ALL SELECT 1) m"		\
	" LEFT JOIN co_issuers ci ON m.co AND ci.statement_id = s.sid"	\
	" JOIN actors i ON i.id = CASE WHEN m.co THEN ci.actor_id"	\
	" ELSE s.issuer_id END"

/*
 * The timeline's counts: the claims (or statements) the listing would
 * show, counted by their statement's first and last day and a group key
 * (NULL without a group); timeline.c puts the days into periods.  A
 * claim has one row per target where the targets are joined, so it is
 * counted once with DISTINCT; otherwise each row is a claim of its own.
 */
static const struct part claim_counts_sql[] = {
	{ 0, SETS " SELECT s.date_lo, s.date_hi, " },
	{ N_G_NONE, "NULL" },
	{ N_G_PAIR, ROLLUP("b.code") " || ' -> ' || ifnull(" ROLLUP("t.code")
	    ", '(none)')" },
	{ N_G_BY, ROLLUP("b.code") },
	{ N_G_AGAINST, ROLLUP("t.code") },
	{ N_G_KIND, "claims.kind" },
	{ N_G_ISSUER, ROLLUP("i.code") },
	{ N_TARGETS, ", count(DISTINCT claims.id)" },
	{ N_NO_TARGETS, ", count(*)" },
	{ 0, " FROM statements s JOIN claims ON claims.statement_id = s.sid" },
	{ N_TARGETS, " LEFT JOIN claim_targets ct ON ct.claim_id = claims.id"
	    " LEFT JOIN actors t ON t.id = ct.actor_id" },
	{ N_CLAIMANT, " JOIN actors b ON b.id = claims.by_id" },
	{ N_G_ISSUER, ALL_ISSUERS },
	{ 0, " WHERE " DATES("s") " AND" IN_FORCE("claims") },
	CLAIM_FILTERS,
	{ 0, " GROUP BY 1, 2, 3" },
	{ 0, NULL }
};

/*
 * The same counts from the summary of migration 0017, claims in force by
 * statement dates and kind, where the filters and group need no more:
 * see counts_summary_serves().
 */
static const struct part claim_summary_counts_sql[] = {
	{ 0, "SELECT s.date_lo, s.date_hi, " },
	{ N_G_NONE, "NULL" },
	{ N_G_KIND, "s.kind" },
	{ 0, ", sum(s.n) FROM timeline_counts s WHERE " DATES("s") },
	{ N_KINDS, IN_KINDS("s.kind") },
	{ 0, " GROUP BY 1, 2, 3" },
	{ 0, NULL }
};

static const struct part statement_counts_sql[] = {
	{ 0, SETS " SELECT s.date_lo, s.date_hi, " },
	{ N_G_NONE, "NULL, count(*)" },
	{ N_G_KIND, "s.kind, count(*)" },
	{ N_G_ISSUER, ROLLUP("i.code") ", count(DISTINCT s.sid)" },
	{ 0, " FROM statements s" },
	{ N_G_ISSUER, ALL_ISSUERS },
	{ 0, " WHERE " DATES("s") },
	STATEMENT_FILTERS,
	{ 0, " GROUP BY 1, 2, 3" },
	{ 0, NULL }
};

/*
 * acc holds one row per accusation and target; pairs sums it up.  --by
 * and --against choose among the pairs, not the claims, so that
 * --mutual still sees the accusations in the other direction.  Dates
 * carry their first or last day in front, so min() and max() pick the
 * earliest and latest date as written.
 */
static const struct part who_sql[] = {
	{ 0, SETS ", acc AS (SELECT claims.id AS cid,"
	    " s.sid AS sid, s.date_lo || s.date AS lo, s.date_hi || s.date"
	    " AS hi, claims.kind AS kind, " },
	/*
	 * Pairs of actor ids, their codes and names looked up once per
	 * pair, not twice per edge (a fifth off summing up a million
	 * claims); under --rollup, pairs of top-level codes.
	 */
	{ N_IDS, "claims.by_id AS accuser, ct.actor_id AS accused" },
	{ N_ROLLUP, ROLLUP("b.code") " AS accuser, " ROLLUP("t.code")
	    " AS accused" },
	{ N_BY, ", claims.by_id" IN_SET("b") " AS isby" },
	{ N_TARGET, ", ct.actor_id" IN_SET("t") " AS isagainst" },
	{ 0, " FROM" },
	/*
	 * The order is fixed: by the planner's guess, with no statistics,
	 * it walked every claim target and fetched its statement, which
	 * took minutes on a large archive.  Dates that hold few statements
	 * bound them (see sql_date_share), unless --actor or --by names the
	 * claims first; otherwise the claims of the kinds (or of the
	 * topic) come first, in the order they are stored.
	 */
	{ N_NARROW, " statements s CROSS JOIN claims"
	    " ON claims.statement_id = s.sid" },
	{ N_BROAD, " claims CROSS JOIN statements s"
	    " ON s.sid = claims.statement_id" },
	{ 0, " CROSS JOIN claim_targets ct ON ct.claim_id = claims.id" },
	{ N_ROLLUP, " CROSS JOIN actors b ON b.id = claims.by_id"
	    " CROSS JOIN actors t ON t.id = ct.actor_id" },
	{ 0, " WHERE " DATES("s") " AND" IN_FORCE("claims")
	    " AND claims.kind IN (SELECT value FROM"
	    " json_each('[\"' || replace(trim(:kinds, ','), ',', '\",\"')"
	    " || '\"]'))" },
	/* The actor's claims, and those in its statements, by index. */
	{ N_ACTOR, " AND claims.id IN (" CLAIMED_BY("a", "id")
	    " UNION ALL SELECT id FROM claims WHERE statement_id IN ("
	    ISSUED_BY("a") "))" },
	{ N_BY_CLAIMS, " AND claims.id IN (" CLAIMED_BY("b", "id") ")" },
	{ N_TOPIC, " AND claims.id IN (SELECT claim_id FROM claim_topics"
	    " WHERE topic = :topic)" },
	{ 0, "), sel AS (SELECT * FROM acc WHERE 1" },
	{ N_BY, " AND isby" },
	{ N_TARGET, " AND isagainst" },
	/* One grouping of the edges and their topics: see db_sortset.h. */
	{ 0, "), pairs AS (SELECT accuser, accused, count(DISTINCT cid) AS nc,"
	    " count(DISTINCT sid) AS ns, min(lo) AS lo, max(hi) AS hi,"
	    " dm_sortset(kind) AS kinds, dm_sortset(p.topic) AS topics"
	    " FROM sel LEFT JOIN claim_topics p ON p.claim_id = sel.cid"
	    " GROUP BY accuser, accused)" },
	/* Once, not again for each pair as a lookup in acc would. */
	{ N_MUTUAL, ", back AS MATERIALIZED (SELECT DISTINCT accused AS"
	    " accuser, accuser AS accused FROM acc)" },
	/* Each name looked up once, though QUERY_PACK() names it twice. */
	{ N_IDS, " SELECT " QUERY_PACK("a.code") " || " QUERY_PACK("a.name")
	    " || " QUERY_PACK("b.code") " || " QUERY_PACK("b.name") " || " },
	{ N_ROLLUP, " SELECT " QUERY_PACK("p.accuser") " || "
	    QUERY_PACK("a.name") " || " QUERY_PACK("p.accused") " || "
	    QUERY_PACK("b.name") " || " },
	{ 0, QUERY_PACK("p.nc") " || " QUERY_PACK("p.ns") " || "
	    QUERY_PACK("substr(p.lo, 11)") " || "
	    QUERY_PACK("substr(p.hi, 11)") " || " QUERY_PACK("p.kinds")
	    " || " QUERY_PACK("p.topics") " FROM pairs p" },
	{ N_IDS, " JOIN actors a ON a.id = p.accuser"
	    " JOIN actors b ON b.id = p.accused WHERE 1" },
	/* A top-level code need not be an actor's: its name is then NULL. */
	{ N_ROLLUP, " LEFT JOIN actors a ON a.code = p.accuser"
	    " LEFT JOIN actors b ON b.code = p.accused WHERE 1" },
	{ N_MUTUAL, " AND EXISTS (SELECT 1 FROM back q WHERE"
	    " q.accuser = p.accuser AND q.accused = p.accused)" },
	{ N_IDS, " ORDER BY p.nc DESC, a.code, b.code LIMIT :limit" },
	{ N_ROLLUP, " ORDER BY p.nc DESC, p.accuser, p.accused"
	    " LIMIT :limit" },
	{ 0, NULL }
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

static const struct part who_summary_sql[] = {
	{ 0, "SELECT p.listing FROM who_pairs p WHERE p.lvl = :rollup" },
	{ N_BY, PAIR_IS("p.accuser", ":by") },
	{ N_TARGET, PAIR_IS("p.accused", ":target") },
	/* The narrow index, not the table's rows with all they print. */
	{ N_MUTUAL, " AND EXISTS (SELECT 1 FROM who_pairs q"
	    " INDEXED BY who_pairs_accused WHERE"
	    " q.lvl = p.lvl AND q.accuser = p.accused"
	    " AND q.accused = p.accuser)" },
	{ 0, " ORDER BY p.claims DESC, p.accuser, p.accused LIMIT :limit" },
	{ 0, NULL }
};

static const struct part actors_sql[] = {
	{ 0, SETS " SELECT a.code, a.name, a.kind, p.code, a.country,"
	    " (SELECT group_concat(alias, char(31)) FROM (SELECT l.alias"
	    " FROM aliases l WHERE l.actor_id = a.id AND NOT l.is_name"
	    " ORDER BY l.alias)),"
	    " (SELECT count(*) FROM statements WHERE issuer_id = a.id)"
	    " + (SELECT count(*) FROM co_issuers WHERE actor_id = a.id),"
	    " (SELECT count(*) FROM claims WHERE by_id = a.id AND"
	    IN_FORCE("claims") "),"
	    " (SELECT count(*) FROM claim_targets ct JOIN claims"
	    " ON claims.id = ct.claim_id WHERE ct.actor_id = a.id AND"
	    IN_FORCE("claims") ")" },
	{ N_NEAREST, ", dm_nearest(a.name)" },
	{ 0, " FROM actors a LEFT JOIN actors p ON p.id = a.parent_id"
	    " WHERE 1" },
	{ N_ACTOR, " AND a.id" IN_SET("a") },
	{ N_KINDS, IN_KINDS("a.kind") },
	{ N_UNRESOLVED, " AND a.kind = 'unresolved'" },
	{ N_TEXT, " AND (instr(lower(a.code), :text) > 0 OR a.id IN"
	    " (SELECT actor_id FROM aliases WHERE instr(folded, :text) > 0))" },
	{ 0, " ORDER BY a.code LIMIT :limit" },
	{ 0, NULL }
};

/*
 * Search ranks every match but makes a snippet only for the rows it
 * shows, with dm_snippet() (db_snippet.h), whose cost does not grow
 * with the number of hits in a document as snippet()'s does.  Under
 * --limit, top holds the kept matches, ranked and cut, and each finds
 * its row of the full-text table again by rowid for its snippet; with
 * every match shown, each gets its snippet in place, which costs less
 * than a lookup per row.  Rows of equal rank go statements before
 * claims, each in the order stored (rid), so that a cut is the head of
 * the whole ranking.  dm_rank() (db_rank.h) is bm25() that, under a
 * cut, reads no document size for a match its hits already rule out;
 * where the text is all that filters, such a match is not even sorted.
 */
#define SNIPPET(t)							\
	"dm_snippet(" t ", -1, '[', ']', '\xe2\x80\xa6', 20)"
#define SNIPPET_OF(t, rowid)						\
	"(SELECT " SNIPPET(t) " FROM " t " WHERE " t " MATCH :text"	\
	" AND " t ".rowid = " rowid ")"
#define RANKED		" ORDER BY rank, found_in DESC, rid"
#define TOP_SNIPPET							\
	" CASE WHEN top.found_in = 'statement'"				\
	" THEN " SNIPPET_OF("statements_fts", "top.rid")		\
	" ELSE " SNIPPET_OF("claims_fts", "top.rid") " END"

static const struct part search_sql[] = {
	{ 0, SETS },
	/*
	 * With nothing to filter on but the text, each full-text table
	 * ranks and cuts its matches alone, and only the rows kept are
	 * looked up: reading the statement of every match took most of
	 * the time of a common word.
	 */
	{ N_RANK_FIRST, ", top AS MATERIALIZED (SELECT * FROM (SELECT"
	    " 'statement' AS found_in, rowid AS rid,"
	    " dm_rank(statements_fts, :limit) AS rank"
	    " FROM statements_fts WHERE :in_statements"
	    " AND statements_fts MATCH :text"
	    " AND dm_rank(statements_fts, :limit, 1)"
	    RANKED " LIMIT :limit) UNION ALL SELECT * FROM (SELECT"
	    " 'claim' AS found_in, rowid AS rid,"
	    " dm_rank(claims_fts, :limit) AS rank FROM claims_fts"
	    " WHERE :in_claims AND claims_fts MATCH :text"
	    " AND dm_rank(claims_fts, :limit, 1)"
	    RANKED " LIMIT :limit)" RANKED " LIMIT :limit)"
	    " SELECT found_in, s.id, c.id, s.date, b.code, s.title,"
	    TOP_SNIPPET " FROM top LEFT JOIN claims c"
	    " ON top.found_in = 'claim' AND c.id = top.rid"
	    " JOIN statements s ON s.sid = coalesce(c.statement_id, top.rid)"
	    " JOIN actors b ON b.id = coalesce(c.by_id, s.issuer_id)"
	    RANKED },
	{ N_RANK_JOINED, ", top AS MATERIALIZED (SELECT" },
	{ N_ALL, " SELECT found_in, statement_id, claim_id, date, by_code,"
	    " title, snippet FROM (SELECT" },
	{ N_JOINED, " 'statement' AS found_in, s.id AS statement_id,"
	    " NULL AS claim_id, s.sid AS rid, s.date AS date,"
	    " i.code AS by_code, s.title AS title,"
	    " dm_rank(statements_fts, :limit) AS rank" },
	{ N_ALL, ", " SNIPPET("statements_fts") " AS snippet" },
	{ N_JOINED, " FROM statements_fts JOIN statements s"
	    " ON s.sid = statements_fts.rowid"
	    " JOIN actors i ON i.id = s.issuer_id"
	    " WHERE :in_statements AND statements_fts MATCH :text"
	    " AND " DATES("s") },
	{ N_JOINED | N_ACTOR, " AND (" ISSUER_IN("a") " OR s.sid IN"
	    " (SELECT statement_id FROM claims WHERE by_id" IN_SET("a") "))" },
	{ N_JOINED, " UNION ALL SELECT 'claim', s.id, claims.id, claims.id,"
	    " s.date, b.code, s.title, dm_rank(claims_fts, :limit)" },
	{ N_ALL, ", " SNIPPET("claims_fts") },
	{ N_JOINED, " FROM claims_fts JOIN claims"
	    " ON claims.id = claims_fts.rowid"
	    " JOIN statements s ON s.sid = claims.statement_id"
	    " JOIN actors b ON b.id = claims.by_id"
	    " WHERE :in_claims AND claims_fts MATCH :text AND " DATES("s")
	    " AND" IN_FORCE("claims") },
	{ N_JOINED | N_ACTOR, " AND (claims.by_id" IN_SET("a")
	    " OR" ISSUER_IN("a") ")" },
	{ N_JOINED | N_KINDS, IN_KINDS("claims.kind") },
	{ N_RANK_JOINED, RANKED " LIMIT :limit)"
	    " SELECT found_in, statement_id, claim_id, date, by_code, title,"
	    TOP_SNIPPET " FROM top" },
	{ N_ALL, ")" },
	{ N_JOINED, RANKED },
	{ 0, NULL }
};

static const struct out_column statements_cols[] = {
	{ "id", COL_TEXT }, { "date", COL_TEXT },
	{ "issuer_code", COL_NAMES }, { "issuer_name", COL_NAMES },
	{ "kind", COL_TEXT }, { "title", COL_TEXT }, { "url", COL_TEXT },
	{ "language", COL_TEXT }, { "claims", COL_INT },
	{ "responds_to", COL_LIST },
};

static const struct out_column claims_cols[] = {
	{ "claim_id", COL_INT }, { "statement_id", COL_TEXT },
	{ "date", COL_TEXT }, { "by_code", COL_TEXT },
	{ "by_name", COL_TEXT }, { "kind", COL_TEXT }, { "cameo", COL_TEXT },
	{ "target_code", COL_TEXT }, { "target_name", COL_TEXT },
	{ "topics", COL_LIST }, { "summary", COL_TEXT },
	{ "quote", COL_TEXT }, { "method", COL_TEXT }, { "cue", COL_TEXT },
};

static const struct out_column who_cols[] = {
	{ "accuser_code", COL_TEXT }, { "accuser_name", COL_TEXT },
	{ "accused_code", COL_TEXT }, { "accused_name", COL_TEXT },
	{ "claims", COL_INT }, { "statements", COL_INT },
	{ "first_date", COL_TEXT }, { "last_date", COL_TEXT },
	{ "kinds", COL_LIST }, { "topics", COL_LIST },
};

static const struct out_column actors_cols[] = {
	{ "code", COL_TEXT }, { "name", COL_TEXT }, { "kind", COL_TEXT },
	{ "parent_code", COL_TEXT }, { "country", COL_TEXT },
	{ "aliases", COL_LIST }, { "statements", COL_INT },
	{ "claims_made", COL_INT }, { "claims_received", COL_INT },
	/* DM_LIST_UNRESOLVED only */
	{ "nearest_code", COL_TEXT },
};

static const struct out_column search_cols[] = {
	{ "found_in", COL_TEXT }, { "statement_id", COL_TEXT },
	{ "claim_id", COL_INT }, { "date", COL_TEXT },
	{ "by_code", COL_TEXT }, { "title", COL_TEXT },
	{ "snippet", COL_TEXT },
};

#define NELEM(x)	(sizeof(x) / sizeof((x)[0]))

/* What --kind names in a listing, and the kinds it takes. */
struct kind_set {
	const char		*of;
	const char *const	*names;
};

static const struct kind_set statement_kinds = { "statement",
	statement_kind_names };
static const struct kind_set claim_kind_set = { "claim",
	claim_kind_names };
static const struct kind_set actor_kinds = { "actor", actor_kind_names };

/* Indexed by enum dm_listing. */
static const struct listing {
	const struct part	*parts;
	const struct out_column	*cols;
	size_t			 ncols;
	const struct kind_set	*kinds;		/* what --kind names */
	/*
	 * Whether the cells come packed by QUERY_PACK() in one SQL column,
	 * in order, rather than one SQL column each.
	 */
	int			 packed;
} listings[] = {
	{ statements_sql, statements_cols, NELEM(statements_cols),
	    &statement_kinds, 0 },
	{ claims_sql, claims_cols, NELEM(claims_cols), &claim_kind_set, 0 },
	{ who_sql, who_cols, NELEM(who_cols), &claim_kind_set, 1 },
	{ actors_sql, actors_cols, NELEM(actors_cols) - 1, &actor_kinds, 0 },
	{ search_sql, search_cols, NELEM(search_cols), &claim_kind_set, 0 },
	{ actors_sql, actors_cols, NELEM(actors_cols), &actor_kinds, 0 },
};

_Static_assert(NELEM(claims_cols) <= QUERY_MAX_COLS &&
    NELEM(statements_cols) <= QUERY_MAX_COLS &&
    NELEM(who_cols) <= QUERY_MAX_COLS && NELEM(actors_cols) <= QUERY_MAX_COLS &&
    NELEM(search_cols) <= QUERY_MAX_COLS, "a listing wider than query_row");

/* Values of a filter once resolved, ready to bind. */
struct bound {
	char		 actor[DM_CODE_MAX + 1];
	char		 by[DM_CODE_MAX + 1];
	char		 target[DM_CODE_MAX + 1];
	char		 from[11];
	char		 to[11];
	char		*kinds;
	char		*topic;
	char		*text;
	int		 in_fts[2];	/* search: statements, claims */
	unsigned	 have;	/* enum need */
};

static void
bound_release(struct bound *b)
{
	free(b->kinds);
	free(b->topic);
	free(b->text);
}

/* Resolves an actor reference to its code. */
static int
resolve_actor(struct store *s, const char *ref, char *code)
{
	int64_t id;
	int rc;

	if ((rc = store_actor_find(s, ref, &id)) != 0)
		return rc;
	return store_actor_code(s, id, code, DM_CODE_MAX + 1);
}

/*
 * Checks a comma-separated list of kinds of ks and returns it as ",a,b,"
 * in *out, the form :kinds is matched with.  An unknown kind is an error
 * rather than a filter that keeps nothing.
 */
static int
kinds_list(const struct kind_set *ks, const char *list, char **out)
{
	char *copy, *k, *next, *end, names[256];
	size_t len;

	*out = NULL;
	len = strlen(list);
	if ((copy = strdup(list)) == NULL || (*out = malloc(len + 3)) ==
	    NULL) {
		free(copy);
		return dm_error(DM_ERROR, "out of memory");
	}
	strcpy(*out, ",");
	for (k = copy; k != NULL; k = next) {
		if ((next = strchr(k, ',')) != NULL)
			*next++ = '\0';
		while (isspace((unsigned char)*k))
			k++;
		end = k + strlen(k);
		while (end > k && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (*k == '\0')
			continue;
		if (names_find(ks->names, k) < 0) {
			dm_error(DM_EINVALID, "unknown %s kind '%s' in --kind "
			    "(%s)", ks->of, k, names_join(names,
			    sizeof(names), ks->names));
			free(copy);
			free(*out);
			*out = NULL;
			return DM_EINVALID;
		}
		strcat(strcat(*out, k), ",");
	}
	free(copy);
	return 0;
}

/*
 * Turns text into an FTS5 query that matches it literally: every word
 * becomes a quoted string, so "U.S.", "C++" or a lone quote are text,
 * not syntax, and the words must all occur, in any of their English
 * forms.  Words in double quotes are a phrase matched as written
 * (DB_FTS_EXACT): side by side, in that order, not stemmed.
 */
static int
literal_query(const char *text, char **out)
{
	const char *p, *close;
	char *q;
	size_t n = 0;
	int words = 0;

	*out = NULL;
	/* At worst a byte gives two, and each word or phrase adds five. */
	if ((q = malloc(strlen(text) * 5 + 8)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (p = text; *p != '\0'; ) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		if (words++ > 0)
			q[n++] = ' ';
		q[n++] = '"';
		if (*p == '"' && (close = strchr(p + 1, '"')) != NULL) {
			q[n++] = DB_FTS_EXACT;
			memcpy(q + n, p + 1, (size_t)(close - p - 1));
			n += (size_t)(close - p - 1);
			q[n++] = '"';
			p = close + 1;
			continue;
		}
		/* A word of its own, not a phrase, even if it starts so. */
		if (*p == DB_FTS_EXACT)
			q[n++] = ' ';
		for (; *p != '\0' && !isspace((unsigned char)*p); p++) {
			if (*p == '"') {
				if (strchr(p + 1, '"') != NULL)
					break;
				q[n++] = '"';
			}
			q[n++] = *p;
		}
		q[n++] = '"';
	}
	q[n] = '\0';
	if (words == 0) {
		free(q);
		return dm_error(DM_EINVALID, "nothing to search for");
	}
	*out = q;
	return 0;
}

/*
 * Bounds on a raw query: each word is a term the full-text index looks
 * up, a prefix term a range of them, so that 5,000 prefix terms OR'd
 * took 21 s.  Within these, a search takes well under a second.
 */
#define RAW_MAX_BYTES	1024
#define RAW_MAX_WORDS	64

/* Whether the n bytes at w are an FTS5 operator, not a term. */
static int
is_operator(const char *w, size_t n)
{
	return (n == 2 && memcmp(w, "OR", 2) == 0) ||
	    (n == 3 && (memcmp(w, "AND", 3) == 0 ||
	    memcmp(w, "NOT", 3) == 0));
}

/*
 * Copies a raw query to *out once it is within the bounds above, each
 * "string" in it matched as written (DB_FTS_EXACT), as in a literal
 * query; bare words are stemmed.
 */
static int
raw_query(const char *text, char **out)
{
	const char *p;
	char *q;
	size_t len = strlen(text), n;
	int words = 0, in;

	*out = NULL;
	if (len > RAW_MAX_BYTES)
		return dm_error(DM_EINVALID, "search query too long: %zu bytes "
		    "(--raw takes at most %d)", len, RAW_MAX_BYTES);
	for (p = text; *p != '\0'; p += n) {
		while (isspace((unsigned char)*p))
			p++;
		for (n = 0; p[n] != '\0' && !isspace((unsigned char)p[n]); n++)
			;
		words += n > 0 && !is_operator(p, n);
	}
	if (words > RAW_MAX_WORDS)
		return dm_error(DM_EINVALID, "search query of %d words: --raw "
		    "takes at most %d, AND, OR and NOT aside", words,
		    RAW_MAX_WORDS);
	/* Each string gains a byte. */
	if ((q = malloc(len + len / 2 + 2)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (p = text, n = 0, in = 0; *p != '\0'; p++) {
		q[n++] = *p;
		if (*p != '"')
			continue;
		if (!in) {
			q[n++] = DB_FTS_EXACT;
			in = 1;
		} else if (p[1] == '"')	/* a quote inside the string */
			q[n++] = *++p;
		else
			in = 0;
	}
	q[n] = '\0';
	*out = q;
	return 0;
}

int
query_date_bound(const char *s, enum dm_date_order order, char lo[11],
    char hi[11])
{
	struct dm_date d;
	int rc;

	if ((rc = date_parse(&d, s, (enum date_order)order)) != 0)
		return rc;
	date_span(&d, lo, hi);
	return 0;
}

static int
bound_init(struct bound *b, struct store *s, enum dm_listing what,
    const struct dm_filter *f)
{
	char lo[11], hi[11], accusations[256];
	int rc;

	memset(b, 0, sizeof(*b));
	strcpy(b->to, "9999-12-31");
	b->in_fts[0] = b->in_fts[1] = 1;
	if (f->actor && (rc = resolve_actor(s, f->actor, b->actor)) != 0)
		return rc;
	if (f->by && (rc = resolve_actor(s, f->by, b->by)) != 0)
		return rc;
	if (f->target && (rc = resolve_actor(s, f->target, b->target)) != 0)
		return rc;
	if (f->from && (rc = query_date_bound(f->from, f->date_order, b->from,
	    hi)) != 0)
		return rc;
	if (f->to && (rc = query_date_bound(f->to, f->date_order, lo,
	    b->to)) != 0)
		return rc;
	if (strcmp(b->from, b->to) > 0)
		return dm_error(DM_EINVALID, "--from %s is after --to %s: no "
		    "date lies between them", f->from, f->to);
	if (f->kinds && (rc = kinds_list(listings[what].kinds, f->kinds,
	    &b->kinds)) != 0)
		return rc;
	if (f->kinds == NULL && what == DM_LIST_WHO &&
	    (b->kinds = strdup(claim_kind_accusations(accusations,
	    sizeof(accusations)))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if (f->topic && (rc = slugify(&b->topic, f->topic)) != 0)
		return rc;
	if (f->method && strcmp(f->method, "curated") != 0 &&
	    strcmp(f->method, "rule") != 0 &&
	    strcmp(f->method, "reviewed") != 0)
		return dm_error(DM_EINVALID, "unknown method '%s' (curated, "
		    "rule or reviewed)", f->method);
	if (what == DM_LIST_SEARCH) {
		if (f->text == NULL || *f->text == '\0')
			return dm_error(DM_EINVALID, "nothing to search for");
		rc = f->raw ? raw_query(f->text, &b->text) :
		    literal_query(f->text, &b->text);
		if (rc != 0)
			return rc;
	} else if (f->text && (rc = fold_key(&b->text, f->text)) != 0)
		return rc;
	b->have = (f->actor ? N_ACTOR : 0) | (f->by ? N_BY : 0) |
	    (f->target ? N_TARGET : 0) | (b->kinds ? N_KINDS : 0) |
	    (f->topic ? N_TOPIC : 0) | (f->method ? N_METHOD : 0) |
	    (b->text ? N_TEXT : 0) | (f->mutual ? N_MUTUAL : 0) |
	    (f->unresolved ? N_UNRESOLVED : 0) |
	    (f->limit > 0 ? N_LIMIT : N_ALL) |
	    (f->from || f->to ? N_DATED : N_UNDATED);
	return 0;
}

/*
 * Whether the dates of b hold fewer than an eighth of the statements:
 * counted through the index on dates, no further than that eighth.
 */
static const char sql_date_share[] =
    "SELECT count(*) < (SELECT coalesce(max(sid), 0) / 8 FROM statements)"
    " FROM"
    " (SELECT 1 FROM statements WHERE date_lo >= ?1 AND date_hi <= ?2"
    " LIMIT (SELECT coalesce(max(sid), 0) / 8 FROM statements))";

/* Whether sql, given the dates of b as ?1 and ?2, answers true. */
static int
dates_ask(struct db *db, const char *sql, const struct bound *b, int *yes)
{
	struct db_stmt *st = NULL;
	int rc;

	if ((rc = db_prepare(db, &st, sql)) != 0)
		return rc;
	if ((rc = db_bind_text(st, 1, b->from)) == 0 &&
	    (rc = db_bind_text(st, 2, b->to)) == 0 &&
	    (rc = db_step(st)) == DB_ROW) {
		*yes = db_column_int(st, 0) != 0;
		rc = 0;
	}
	db_finalize(st);
	return rc;
}

/*
 * Which full-text tables a raw query searches.  It runs once on each: a
 * column filter names the columns of one (statements: title, text;
 * claims: summary, quote), and the other is left out; any other failure
 * is bad FTS5 syntax, the user's error.
 */
static const char *const sql_fts_check[] = {
	"SELECT 1 FROM statements_fts WHERE statements_fts MATCH ?1 LIMIT 1",
	"SELECT 1 FROM claims_fts WHERE claims_fts MATCH ?1 LIMIT 1",
};

static int
fts_check(struct db *db, const char *query, int in[2])
{
	struct db_stmt *st;
	size_t i;
	int rc;

	for (i = 0; i < 2; i++) {
		if ((rc = db_prepare(db, &st, sql_fts_check[i])) != 0)
			return rc;
		if ((rc = db_bind_text(st, 1, query)) == 0)
			rc = db_step(st);
		db_finalize(st);
		in[i] = rc >= 0;
		if (rc < 0 && strncmp(dm_error_last(), "no such column", 14))
			return dm_error(DM_EINVALID, "invalid search query "
			    "'%s' (with --raw it is FTS5 query syntax)", query);
	}
	if (!in[0] && !in[1])
		return dm_error(DM_EINVALID, "invalid search query '%s': no "
		    "table has all the columns it names (statements: title, "
		    "text; claims: summary, quote)", query);
	return 0;
}

/* Binds value to the parameter called name, if the statement has it. */
static int
bind_named(struct db_stmt *st, const char *name, const char *value)
{
	int i;

	if ((i = db_param(st, name)) == 0)
		return 0;
	return db_bind_text(st, i, value);
}

static int
bind_named_int(struct db_stmt *st, const char *name, int64_t value)
{
	int i;

	if ((i = db_param(st, name)) == 0)
		return 0;
	return db_bind_int(st, i, value);
}

static int
bind_all(struct db_stmt *st, const struct bound *b,
    const struct dm_filter *f)
{
	int rc;

	if ((rc = bind_named(st, ":actor", b->have & N_ACTOR ? b->actor :
	    NULL)) != 0 ||
	    (rc = bind_named(st, ":by", b->have & N_BY ? b->by : NULL)) != 0 ||
	    (rc = bind_named(st, ":target", b->have & N_TARGET ? b->target :
	    NULL)) != 0 ||
	    (rc = bind_named_int(st, ":exact", f->exact != 0)) != 0 ||
	    (rc = bind_named(st, ":from", b->from)) != 0 ||
	    (rc = bind_named(st, ":to", b->to)) != 0 ||
	    (rc = bind_named(st, ":kinds", b->kinds)) != 0 ||
	    (rc = bind_named(st, ":topic", b->topic)) != 0 ||
	    (rc = bind_named(st, ":method", f->method)) != 0 ||
	    (rc = bind_named(st, ":text", b->text)) != 0 ||
	    (rc = bind_named_int(st, ":in_statements", b->in_fts[0])) != 0 ||
	    (rc = bind_named_int(st, ":in_claims", b->in_fts[1])) != 0 ||
	    (rc = bind_named_int(st, ":rollup", f->rollup != 0)) != 0 ||
	    (rc = bind_named_int(st, ":limit", f->limit > 0 ? f->limit :
	    -1)) != 0)
		return rc;
	return 0;
}

/* Joins the parts whose needs the filter meets into one SQL text. */
static char *
build_sql(const struct part *parts, unsigned have)
{
	const struct part *p;
	size_t len = 1;
	char *sql;

	for (p = parts; p->sql != NULL; p++)
		if ((p->need & have) == p->need)
			len += strlen(p->sql);
	if ((sql = malloc(len)) == NULL)
		return NULL;
	*sql = '\0';
	for (p = parts; p->sql != NULL; p++)
		if ((p->need & have) == p->need)
			strcat(sql, p->sql);
	return sql;
}

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
 * How search finds its rows: under --limit with nothing but the text to
 * filter on, the full-text tables rank and cut first; otherwise each
 * match is joined to its rows, to be filtered, then ranked.
 */
static unsigned
search_plan(unsigned have)
{
	if (!(have & N_LIMIT))
		return N_JOINED;
	if ((have & N_UNDATED) && !(have & (N_ACTOR | N_KINDS)))
		return N_RANK_FIRST;
	return N_RANK_JOINED | N_JOINED;
}

/* Prepares the parts that b's needs meet, with b's values bound. */
static int
prepare_parts(dm_archive *a, const struct part *parts, const struct bound *b,
    const struct dm_filter *f, struct db_stmt **out)
{
	char *sql;
	int rc;

	if ((sql = build_sql(parts, b->have)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if ((rc = db_prepare(a->db, out, sql)) == 0 &&
	    (rc = bind_all(*out, b, f)) != 0) {
		db_finalize(*out);
		*out = NULL;
	}
	free(sql);
	return rc;
}

int
query_prepare(dm_archive *a, enum dm_listing what, const struct dm_filter *f,
    struct db_stmt **out)
{
	const struct part *parts;
	struct bound b;
	struct store *s;
	int rc, narrow, all_dates = 1;

	*out = NULL;
	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	if ((rc = bound_init(&b, s, what, f)) != 0)
		goto done;
	if (what == DM_LIST_SEARCH && f->raw &&
	    (rc = fts_check(a->db, b.text, b.in_fts)) != 0)
		goto done;
	parts = listings[what].parts;
	if (what == DM_LIST_SEARCH)
		b.have |= search_plan(b.have);
	if (what == DM_LIST_UNRESOLVED) {
		if ((rc = actors_nearest_register(a)) != 0)
			goto done;
		b.have |= N_UNRESOLVED | N_NEAREST;
	}
	if (what == DM_LIST_WHO && (b.have & N_DATED) &&
	    (rc = dates_ask(a->db, sql_dates_all, &b, &all_dates)) != 0)
		goto done;
	if (what == DM_LIST_WHO && summary_serves(f, &b, all_dates))
		parts = who_summary_sql;
	else if (what == DM_LIST_WHO) {
		narrow = 0;
		if ((b.have & (N_DATED | N_ACTOR)) == N_DATED &&
		    (rc = dates_ask(a->db, sql_date_share, &b, &narrow)) != 0)
			goto done;
		/*
		 * Within few dates, --by's claims found by claimant and date
		 * come first (--mutual needs those against its actors too);
		 * otherwise the planner finds them by claimant and kind.
		 */
		if (narrow && (b.have & (N_BY | N_MUTUAL)) == N_BY) {
			b.have |= N_BY_CLAIMS;
			narrow = 0;
		}
		b.have |= narrow ? N_NARROW : N_BROAD;
		b.have |= f->rollup ? N_ROLLUP : N_IDS;
	}
	rc = prepare_parts(a, parts, &b, f, out);
done:
	bound_release(&b);
	return rc;
}

/*
 * Whether the timeline's summary (migration 0017) answers f: claims by
 * dates and kinds alone, grouped by nothing or by kind.
 */
static int
counts_summary_serves(const struct dm_filter *f, enum query_group group)
{
	return !f->actor && !f->by && !f->target && !f->topic && !f->method &&
	    (group == QUERY_GROUP_NONE || group == QUERY_GROUP_KIND);
}

int
query_prepare_counts(dm_archive *a, enum dm_listing what,
    const struct dm_filter *f, enum query_group group, struct db_stmt **out)
{
	static const unsigned group_need[] = { N_G_NONE, N_G_PAIR | N_CLAIMANT,
	    N_G_BY | N_CLAIMANT, N_G_AGAINST, N_G_KIND, N_G_ISSUER };
	const struct part *parts = statement_counts_sql;
	struct bound b;
	struct store *s;
	int rc;

	*out = NULL;
	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	if ((rc = bound_init(&b, s, what, f)) == 0) {
		b.have |= group_need[group];
		/* Issuers, like targets, may give a claim several rows. */
		if (what == DM_LIST_CLAIMS)
			b.have |= (b.have & N_TARGET) || group == QUERY_GROUP_PAIR ||
			    group == QUERY_GROUP_AGAINST ||
			    group == QUERY_GROUP_ISSUER ? N_TARGETS : N_NO_TARGETS;
		if (what == DM_LIST_CLAIMS)
			parts = counts_summary_serves(f, group) ?
			    claim_summary_counts_sql : claim_counts_sql;
		rc = prepare_parts(a, parts, &b, f, out);
	}
	bound_release(&b);
	return rc;
}

/*
 * An integer in decimal, in buf of 21 bytes: SQLite's own conversion
 * allocates for each cell.
 */
static const char *
int_text(char *buf, int64_t v)
{
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	char *p = buf + 20;

	*p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	return p;
}

/*
 * Splits len bytes at s, texts packed as QUERY_PACK() packs them, in place
 * into nfield fields, each NUL-terminated where its ',' was, or NULL,
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
		if (end - s >= 2 && s[0] == '-' && s[1] == ',') {
			field[i] = NULL;
			flen[i] = 0;
			s += 2;
			continue;
		}
		/* n never passes what is left, so it cannot overflow. */
		for (n = 0, digits = s; s < end && *s >= '0' && *s <= '9' &&
		    n <= (size_t)(end - s); s++)
			n = n * 10 + (size_t)(*s - '0');
		if (s == digits || s == end || *s != ':' ||
		    n + 1 >= (size_t)(end - s) ||
		    (s[1 + n] != ',' && s[1 + n] != '\0'))
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
query_unpack(enum dm_listing what, char *t, size_t n, struct query_row *r)
{
	const struct listing *l = &listings[what];
	const char *c;
	size_t i;
	int rc;

	if ((rc = unpack(t, n, r->cell, r->len, l->ncols)) != 0)
		return rc;
	/*
	 * A count packed is its digits, as SQLite wrote them; one past
	 * INT64_MAX (a listing made by hand) stops there.
	 */
	for (i = 0; i < l->ncols; i++)
		if (l->cols[i].type == COL_INT)
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

int
query_row(struct db_stmt *st, enum dm_listing what, struct query_row *r)
{
	const struct listing *l = &listings[what];
	const char *t;
	size_t i, n;
	char *nb;

	if (l->packed) {
		t = db_column_text(st, 0);
		n = t == NULL ? 0 : strlen(t);
		if (n + 1 > r->cap) {
			if ((nb = realloc(r->buf, n + 1)) == NULL)
				return dm_error(DM_ERROR, "out of memory");
			r->buf = nb;
			r->cap = n + 1;
		}
		memcpy(r->buf, t == NULL ? "" : t, n + 1);
		return query_unpack(what, r->buf, n, r);
	}
	for (i = 0; i < l->ncols; i++) {
		if (l->cols[i].type != COL_INT)
			r->cell[i] = db_column_text(st, (int)i);
		else if (db_column_is_null(st, (int)i)) {
			r->num[i] = 0;
			r->cell[i] = NULL;
		} else {
			r->num[i] = db_column_int(st, (int)i);
			r->cell[i] = int_text(r->ints[i], r->num[i]);
		}
	}
	return 0;
}

void
query_row_free(struct query_row *r)
{
	free(r->buf);
	r->buf = NULL;
	r->cap = 0;
}

const struct out_column *
query_columns(enum dm_listing what, size_t *ncols)
{
	*ncols = listings[what].ncols;
	return listings[what].cols;
}

int
query_write(struct db_stmt *st, enum dm_listing what,
    const struct dm_output *dst, int header, int64_t *nrows)
{
	const struct listing *l = &listings[what];
	struct query_row r = { 0 };
	struct out *o = NULL;
	enum out_format fmt;
	unsigned flags = 0;
	int rc;

	*nrows = 0;
	if ((rc = out_format_parse(&fmt, dst->format ? dst->format :
	    "table")) != 0)
		return rc;
	if (dst->flags & DM_OUT_EXCEL)
		flags |= OUT_EXCEL;
	if (dst->flags & DM_OUT_TRUNCATE)
		flags |= OUT_TRUNCATE;
	/* A program reads a header or [] even when nothing matches. */
	if ((header || fmt != OUT_TABLE || l->packed) &&
	    (rc = out_new(&o, dst->fp, fmt, l->cols, l->ncols, flags)) != 0)
		return rc;
	if (fmt == OUT_TABLE && l->packed) {
		if ((rc = query_table(st, what, o, flags, nrows)) != 0)
			goto done;
	} else {
		while ((rc = db_step(st)) == DB_ROW) {
			if (o == NULL && (rc = out_new(&o, dst->fp, fmt,
			    l->cols, l->ncols, flags)) != 0)
				goto done;
			if ((rc = query_row(st, what, &r)) != 0 ||
			    (rc = out_row(o, r.cell)) != 0)
				goto done;
			(*nrows)++;
		}
		if (rc != DB_DONE)
			goto done;
	}
	rc = o != NULL ? out_finish(o) : 0;
done:
	query_row_free(&r);
	out_free(o);
	return rc;
}

int
dm_list(dm_archive *a, enum dm_listing what, const struct dm_filter *f,
    const struct dm_output *out, int64_t *nrows)
{
	struct db_stmt *st = NULL;
	int rc;

	*nrows = 0;
	if ((rc = query_prepare(a, what, f, &st)) != 0)
		return rc;
	rc = query_write(st, what, out, 0, nrows);
	db_finalize(st);
	return rc;
}

/* The statements of 'thread', one prepared each. */
enum thread_stmt {
	T_STATEMENT,
	T_CLAIMS,
	T_RESPONDS_TO,
	T_RESPONSES,
	T__MAX
};

static const char *const thread_sql[T__MAX] = {
	/* T_STATEMENT: a joint statement's issuers joined */
	"SELECT s.sid, s.date, replace(" ISSUERS("code") ", char(31), '; '),"
	" s.title FROM statements s"
	" JOIN actors i ON i.id = s.issuer_id WHERE s.id = :id",
	/* T_CLAIMS: the claimant only where it is not the issuer */
	"SELECT c.kind, CASE WHEN c.by_id <> s.issuer_id THEN b.code END,"
	" (SELECT group_concat(code, ', ') FROM (SELECT a.code FROM"
	" claim_targets t JOIN actors a ON a.id = t.actor_id"
	" WHERE t.claim_id = c.id ORDER BY t.seq)),"
	" coalesce(c.summary, c.quote, '')"
	" FROM claims c JOIN statements s ON s.sid = c.statement_id"
	" JOIN actors b ON b.id = c.by_id WHERE c.statement_id = :sid"
	" AND" IN_FORCE("c") " ORDER BY c.seq",
	/* T_RESPONDS_TO */
	"SELECT responds_to FROM responses WHERE statement_id = :sid"
	" ORDER BY seq",
	/* T_RESPONSES */
	"SELECT s.id FROM responses r JOIN statements s"
	" ON s.sid = r.statement_id WHERE r.responds_to = :id"
	" ORDER BY s.date_lo, s.id",
};

/* Links deeper than this are not followed. */
#define THREAD_DEPTH	32

enum thread_dir { UP = 1, DOWN = 2 };

struct thread {
	struct db_stmt	*st[T__MAX];
	FILE		*fp;
	const char	*path[THREAD_DEPTH + 1];	/* root to here */
	int		 depth;
};

/* A statement's links, copied out so the statements can run again. */
struct idlist {
	char	**id;
	size_t	  n;
};

static void
idlist_release(struct idlist *l)
{
	while (l->n > 0)
		free(l->id[--l->n]);
	free(l->id);
	l->id = NULL;
}

/* Runs st, bound to key, and copies the first column of every row. */
static int
idlist_fill(struct idlist *l, struct db_stmt *st, const char *name,
    const char *key, int64_t ikey)
{
	char **np;
	int rc;

	memset(l, 0, sizeof(*l));
	if ((rc = key ? bind_named(st, name, key) :
	    bind_named_int(st, name, ikey)) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if ((np = realloc(l->id, (l->n + 1) * sizeof(*np))) == NULL ||
		    (np[l->n] = strdup(db_column_text(st, 0))) == NULL) {
			if (np != NULL)
				l->id = np;
			rc = dm_error(DM_ERROR, "out of memory");
			break;
		}
		l->id = np;
		l->n++;
	}
	db_reset(st);
	if (rc == DB_DONE)
		return 0;
	idlist_release(l);
	return rc;
}

static void thread_line(struct thread *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints one line of the thread, its texts shown as dm_print() does. */
static void
thread_line(struct thread *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dm_vprint(t->fp, fmt, ap);
	va_end(ap);
	fputc('\n', t->fp);
}

static int thread_node(struct thread *, const char *, int, unsigned);

static int
thread_links(struct thread *t, struct idlist *l, const char *label,
    int indent, unsigned dir)
{
	size_t i;
	int rc;

	if (l->n == 0)
		return 0;
	thread_line(t, "%*s%s", indent + 2, "", label);
	for (i = 0; i < l->n; i++)
		if ((rc = thread_node(t, l->id[i], indent + 4, dir)) != 0)
			return rc;
	return 0;
}

/*
 * Prints statement id at indent with its claims, then follows its links
 * in the directions dir allows: up to what it responds to, down to what
 * responds to it.
 */
static int
thread_node(struct thread *t, const char *id, int indent, unsigned dir)
{
	struct db_stmt *st = t->st[T_STATEMENT];
	struct idlist up = { NULL, 0 }, down = { NULL, 0 };
	const char *by, *targets;
	int64_t sid;
	int i, rc;

	for (i = 0; i < t->depth; i++)
		if (strcmp(t->path[i], id) == 0) {
			thread_line(t, "%*s%s  (a loop: shown above)",
			    indent, "", id);
			return 0;
		}
	if (t->depth >= THREAD_DEPTH) {
		thread_line(t, "%*s%s  (too deep: not followed)", indent,
		    "", id);
		return 0;
	}
	if ((rc = bind_named(st, ":id", id)) != 0)
		return rc;
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		if (rc != DB_DONE)
			return rc;
		if (t->depth == 0)
			return dm_error(DM_ENOTFOUND, "no statement '%s'", id);
		thread_line(t, "%*s%s  (missing: not in the archive)",
		    indent, "", id);
		return 0;
	}
	sid = db_column_int(st, 0);
	thread_line(t, "%*s%s  %s  %s  %s", indent, "", db_column_text(st,
	    1), db_column_text(st, 2), id, db_column_is_null(st, 3) ? "" :
	    db_column_text(st, 3));
	db_reset(st);

	st = t->st[T_CLAIMS];
	if ((rc = bind_named_int(st, ":sid", sid)) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		by = db_column_text(st, 1);
		targets = db_column_text(st, 2);
		thread_line(t, "%*s- %s%s%s%s%s: %s", indent + 2, "",
		    db_column_text(st, 0), by ? " by " : "", by ? by : "",
		    targets ? " -> " : "", targets ? targets : "",
		    db_column_text(st, 3));
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc;

	if ((dir & UP) && (rc = idlist_fill(&up, t->st[T_RESPONDS_TO],
	    ":sid", NULL, sid)) != 0)
		goto done;
	if ((dir & DOWN) && (rc = idlist_fill(&down, t->st[T_RESPONSES],
	    ":id", id, 0)) != 0)
		goto done;
	t->path[t->depth++] = id;
	if ((rc = thread_links(t, &up, "responds to:", indent, UP)) == 0)
		rc = thread_links(t, &down, "answered by:", indent, DOWN);
	t->depth--;
done:
	idlist_release(&up);
	idlist_release(&down);
	return rc;
}

int
dm_thread(dm_archive *a, const char *id, FILE *fp)
{
	struct thread t;
	struct store *s;
	int i, rc;

	memset(&t, 0, sizeof(t));
	t.fp = fp;
	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	for (i = 0; i < T__MAX; i++)
		if ((rc = db_prepare(a->db, &t.st[i], thread_sql[i])) != 0)
			goto done;
	if ((rc = thread_node(&t, id, 0, UP | DOWN)) != 0)
		goto done;
	if (fflush(fp) != 0 || ferror(fp))
		rc = dm_error(DM_ERROR, "cannot write output");
done:
	for (i = 0; i < T__MAX; i++)
		db_finalize(t.st[i]);
	return rc;
}
