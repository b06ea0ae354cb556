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
#include "query_parts.h"
#include "statement.h"
#include "store.h"
#include "timeline_counts.h"
#include "who.h"

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
    /* All but those decided out, which their partial index finds. */
    " (SELECT count(*) FROM claims) - (SELECT count(*) FROM claims"
    " WHERE" DECIDED_OUT("claims") "),"
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
 * The filters of the statements listing (s), shared with the counts of
 * the timeline; the actor's statements found as filters_use() says.
 */
#define STATEMENT_FILTERS						\
	USING(USE_ACTOR_BY_DATE, " AND s.sid IN (" ISSUED_BY("a")	\
	    " UNION ALL " CLAIMED_BY("a", "statement_id") ")"),		\
	USING(USE_ACTOR_BY_CLAIMS, " AND (" ISSUER_IN("a") " OR s.sid IN" \
	    " (SELECT statement_id FROM claims WHERE by_id" IN_SET("a")	\
	    "))"),							\
	ASKED(ASK_KINDS, IN_KINDS("s.kind")),				\
	ASKED(ASK_TOPIC, " AND s.sid IN (SELECT claims.statement_id FROM" \
	    " claim_topics p JOIN claims ON claims.id = p.claim_id"	\
	    " WHERE p.topic = :topic)")

/*
 * The filters of the claims listing (claims of statements s, ct their
 * targets), shared with the counts of the timeline.
 */
#define CLAIM_FILTERS							\
	USING(USE_ACTOR_BY_DATE, " AND claims.id IN ("			\
	    CLAIMED_BY("a", "id") " UNION ALL SELECT id FROM claims"	\
	    " WHERE statement_id IN (" ISSUED_BY("a") "))"),		\
	USING(USE_ACTOR_BY_CLAIMS, " AND (claims.by_id" IN_SET("a")	\
	    " OR" ISSUER_IN("a") ")"),					\
	ASKED(ASK_BY, " AND claims.by_id" IN_SET("b")),			\
	USING(USE_BY_DATE, LO_IN("claims.statement_lo")),		\
	ASKED(ASK_TARGET, " AND ct.actor_id" IN_SET("t")),		\
	ASKED(ASK_KINDS, IN_KINDS("claims.kind")),			\
	ASKED(ASK_TOPIC, " AND claims.id IN (SELECT claim_id"		\
	    " FROM claim_topics WHERE topic = :topic)"),		\
	ASKED(ASK_METHOD, " AND" METHOD("claims") " = :method")

static const struct part statements_sql[] = {
	ALWAYS(SETS " SELECT s.id, s.date," ISSUERS("code") "," ISSUERS("name")
	    ", s.kind, s.title,"
	    " s.url, s.language," CLAIMS_IN_FORCE_OF("s") ","
	    " (SELECT group_concat(responds_to, char(31)) FROM"
	    " (SELECT r.responds_to FROM responses r"
	    " WHERE r.statement_id = s.sid ORDER BY r.seq))"
	    " FROM statements s JOIN actors i ON i.id = s.issuer_id"
	    " WHERE " DATES("s")),
	STATEMENT_FILTERS,
	ALWAYS(" ORDER BY s.date_lo, s.date_hi, s.id LIMIT :limit"),
	END
};

static const struct part claims_sql[] = {
	ALWAYS(SETS " SELECT claims.id, s.id, s.date, b.code, b.name,"
	    " claims.kind, claims.cameo, t.code, t.name,"
	    " (SELECT group_concat(topic, char(31)) FROM (SELECT p.topic"
	    " FROM claim_topics p WHERE p.claim_id = claims.id"
	    " ORDER BY p.seq)),"
	    " claims.summary, claims.quote," METHOD("claims") ", claims.cue"
	    " FROM statements s JOIN claims ON claims.statement_id = s.sid"
	    " JOIN actors b ON b.id = claims.by_id"
	    " LEFT JOIN claim_targets ct ON ct.claim_id = claims.id"
	    " LEFT JOIN actors t ON t.id = ct.actor_id"
	    " WHERE " DATES("s") " AND" IN_FORCE("claims")),
	CLAIM_FILTERS,
	ALWAYS(" ORDER BY s.date_lo, s.date_hi, s.id, claims.seq, ct.seq"
	    " LIMIT :limit"),
	END
};

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
	ALWAYS(SETS " SELECT s.date_lo, s.date_hi, "),
	USING(USE_G_NONE, "NULL"),
	USING(USE_G_PAIR, ROLLUP("b.code") " || ' -> ' || ifnull("
	    ROLLUP("t.code") ", '(none)')"),
	USING(USE_G_BY, ROLLUP("b.code")),
	USING(USE_G_AGAINST, ROLLUP("t.code")),
	USING(USE_G_KIND, "claims.kind"),
	USING(USE_G_ISSUER, ROLLUP("i.code")),
	USING(USE_TARGETS, ", count(DISTINCT claims.id)"),
	USING(USE_NO_TARGETS, ", count(*)"),
	ALWAYS(" FROM statements s JOIN claims ON claims.statement_id = s.sid"),
	USING(USE_TARGETS, " LEFT JOIN claim_targets ct"
	    " ON ct.claim_id = claims.id"
	    " LEFT JOIN actors t ON t.id = ct.actor_id"),
	USING(USE_CLAIMANT, " JOIN actors b ON b.id = claims.by_id"),
	USING(USE_G_ISSUER, ALL_ISSUERS),
	ALWAYS(" WHERE " DATES("s") " AND" IN_FORCE("claims")),
	CLAIM_FILTERS,
	ALWAYS(" GROUP BY 1, 2, 3"),
	END
};

static const struct part statement_counts_sql[] = {
	ALWAYS(SETS " SELECT s.date_lo, s.date_hi, "),
	USING(USE_G_NONE, "NULL, count(*)"),
	USING(USE_G_KIND, "s.kind, count(*)"),
	USING(USE_G_ISSUER, ROLLUP("i.code") ", count(DISTINCT s.sid)"),
	ALWAYS(" FROM statements s"),
	USING(USE_G_ISSUER, ALL_ISSUERS),
	ALWAYS(" WHERE " DATES("s")),
	STATEMENT_FILTERS,
	ALWAYS(" GROUP BY 1, 2, 3"),
	END
};

static const struct part actors_sql[] = {
	ALWAYS(SETS " SELECT a.code, a.name, a.kind, p.code, a.country,"
	    " (SELECT group_concat(alias, char(31)) FROM (SELECT l.alias"
	    " FROM aliases l WHERE l.actor_id = a.id AND NOT l.is_name"
	    " ORDER BY l.alias)),"
	    " (SELECT count(*) FROM statements WHERE issuer_id = a.id)"
	    " + (SELECT count(*) FROM co_issuers WHERE actor_id = a.id),"
	    " (SELECT count(*) FROM claims WHERE by_id = a.id AND"
	    IN_FORCE("claims") "),"
	    " (SELECT count(*) FROM claim_targets ct JOIN claims"
	    " ON claims.id = ct.claim_id WHERE ct.actor_id = a.id AND"
	    IN_FORCE("claims") ")"),
	USING(USE_NEAREST, ", dm_nearest(a.name)"),
	ALWAYS(" FROM actors a LEFT JOIN actors p ON p.id = a.parent_id"
	    " WHERE 1"),
	ASKED(ASK_ACTOR, " AND a.id" IN_SET("a")),
	ASKED(ASK_KINDS, IN_KINDS("a.kind")),
	USING(USE_UNRESOLVED, " AND a.kind = 'unresolved'"),
	ASKED(ASK_TEXT, " AND (instr(lower(a.code), :text) > 0 OR a.id IN"
	    " (SELECT actor_id FROM aliases WHERE instr(folded, :text) > 0))"),
	ALWAYS(" ORDER BY a.code LIMIT :limit"),
	END
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
	ALWAYS(SETS),
	/*
	 * With nothing to filter on but the text, each full-text table
	 * ranks and cuts its matches alone, and only the rows kept are
	 * looked up: reading the statement of every match took most of
	 * the time of a common word.
	 */
	USING(USE_RANK_FIRST, ", top AS MATERIALIZED (SELECT * FROM (SELECT"
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
	    RANKED),
	USING(USE_RANK_JOINED, ", top AS MATERIALIZED (SELECT"),
	USING(USE_SNIPPETS, " SELECT found_in, statement_id, claim_id, date,"
	    " by_code, title, snippet FROM (SELECT"),
	USING(USE_JOINED, " 'statement' AS found_in, s.id AS statement_id,"
	    " NULL AS claim_id, s.sid AS rid, s.date AS date,"
	    " i.code AS by_code, s.title AS title,"
	    " dm_rank(statements_fts, :limit) AS rank"),
	USING(USE_SNIPPETS, ", " SNIPPET("statements_fts") " AS snippet"),
	USING(USE_JOINED, " FROM statements_fts JOIN statements s"
	    " ON s.sid = statements_fts.rowid"
	    " JOIN actors i ON i.id = s.issuer_id"
	    " WHERE :in_statements AND statements_fts MATCH :text"
	    " AND " DATES("s")),
	{ ASK_ACTOR, USE_JOINED, " AND (" ISSUER_IN("a") " OR s.sid IN"
	    " (SELECT statement_id FROM claims WHERE by_id" IN_SET("a") "))" },
	USING(USE_JOINED, " UNION ALL SELECT 'claim', s.id, claims.id,"
	    " claims.id, s.date, b.code, s.title, dm_rank(claims_fts, :limit)"),
	USING(USE_SNIPPETS, ", " SNIPPET("claims_fts")),
	USING(USE_JOINED, " FROM claims_fts JOIN claims"
	    " ON claims.id = claims_fts.rowid"
	    " JOIN statements s ON s.sid = claims.statement_id"
	    " JOIN actors b ON b.id = claims.by_id"
	    " WHERE :in_claims AND claims_fts MATCH :text AND " DATES("s")
	    " AND" IN_FORCE("claims")),
	{ ASK_ACTOR, USE_JOINED, " AND (claims.by_id" IN_SET("a")
	    " OR" ISSUER_IN("a") ")" },
	{ ASK_KINDS, USE_JOINED, IN_KINDS("claims.kind") },
	USING(USE_RANK_JOINED, RANKED " LIMIT :limit)"
	    " SELECT found_in, statement_id, claim_id, date, by_code, title,"
	    TOP_SNIPPET " FROM top"),
	USING(USE_SNIPPETS, ")"),
	USING(USE_JOINED, RANKED),
	END
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

static plan_fn plan_filters, plan_actors, plan_unresolved, plan_search;

static const struct listing {
	const struct part	*parts;
	plan_fn			*plan;
	const struct out_column	*cols;
	size_t			 ncols;
	const struct kind_set	*kinds;		/* what --kind names */
	/*
	 * Whether the cells come packed by WHO_PACK() in one SQL column,
	 * in order, rather than one SQL column each.
	 */
	int			 packed;
} listings[] = {
	[DM_LIST_STATEMENTS] = { statements_sql, plan_filters,
	    statements_cols, NELEM(statements_cols), &statement_kinds, 0 },
	[DM_LIST_CLAIMS] = { claims_sql, plan_filters, claims_cols,
	    NELEM(claims_cols), &claim_kind_set, 0 },
	[DM_LIST_WHO] = { who_sql, who_plan, who_cols, WHO_NCOLS,
	    &claim_kind_set, 1 },
	[DM_LIST_ACTORS] = { actors_sql, plan_actors, actors_cols,
	    NELEM(actors_cols) - 1, &actor_kinds, 0 },
	[DM_LIST_SEARCH] = { search_sql, plan_search, search_cols,
	    NELEM(search_cols), &claim_kind_set, 0 },
	[DM_LIST_UNRESOLVED] = { actors_sql, plan_unresolved, actors_cols,
	    NELEM(actors_cols), &actor_kinds, 0 },
};

_Static_assert(NELEM(listings) == DM_LIST__COUNT,
    "a listing of enum dm_listing missing from listings[]");
_Static_assert(NELEM(claims_cols) <= QUERY_MAX_COLS &&
    NELEM(statements_cols) <= QUERY_MAX_COLS &&
    NELEM(actors_cols) <= QUERY_MAX_COLS &&
    NELEM(search_cols) <= QUERY_MAX_COLS, "a listing wider than query_row");

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
	b->ask = (f->actor ? ASK_ACTOR : 0) | (f->by ? ASK_BY : 0) |
	    (f->target ? ASK_TARGET : 0) | (b->kinds ? ASK_KINDS : 0) |
	    (f->topic ? ASK_TOPIC : 0) | (f->method ? ASK_METHOD : 0) |
	    (b->text ? ASK_TEXT : 0) | (f->mutual ? ASK_MUTUAL : 0) |
	    (f->unresolved ? ASK_UNRESOLVED : 0) |
	    (f->limit > 0 ? ASK_LIMIT : 0) | (f->from || f->to ? ASK_DATED : 0);
	return 0;
}

int
query_dates_ask(struct db *db, const char *sql, const struct bound *b, int *yes)
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

	if ((rc = bind_named(st, ":actor", b->ask & ASK_ACTOR ? b->actor :
	    NULL)) != 0 ||
	    (rc = bind_named(st, ":by", b->ask & ASK_BY ? b->by : NULL)) != 0 ||
	    (rc = bind_named(st, ":target", b->ask & ASK_TARGET ? b->target :
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

/* Whether part q goes into the SQL of what was asked, ask, by plan p. */
static int
part_in(const struct part *q, unsigned ask, const struct plan *p)
{
	return (q->ask & ask) == q->ask && (q->use & p->use) == q->use;
}

/* Joins the parts of plan p for what was asked into one SQL text. */
static char *
build_sql(const struct plan *p, unsigned ask)
{
	const struct part *q;
	size_t len = 1;
	char *sql;

	for (q = p->parts; q->sql != NULL; q++)
		if (part_in(q, ask, p))
			len += strlen(q->sql);
	if ((sql = malloc(len)) == NULL)
		return NULL;
	*sql = '\0';
	for (q = p->parts; q->sql != NULL; q++)
		if (part_in(q, ask, p))
			strcat(sql, q->sql);
	return sql;
}

/*
 * statements and claims (and their counts): within a date range, the
 * statements the actor issued and those it made claims in are found by
 * actor and date; over all dates, the actor's claims name their
 * statements at once.  Within dates, --by's claims come by claimant and
 * first day.
 */
static unsigned
filters_use(unsigned ask)
{
	unsigned use = 0;

	if (ask & ASK_ACTOR)
		use |= ask & ASK_DATED ? USE_ACTOR_BY_DATE :
		    USE_ACTOR_BY_CLAIMS;
	if ((ask & (ASK_BY | ASK_DATED)) == (ASK_BY | ASK_DATED))
		use |= USE_BY_DATE;
	return use;
}

static int
plan_filters(dm_archive *a, const struct dm_filter *f, const struct bound *b,
    struct plan *p)
{
	(void)a;
	(void)f;
	p->use = filters_use(b->ask);
	return 0;
}

/* actors: --unresolved keeps the unresolved ones. */
static int
plan_actors(dm_archive *a, const struct dm_filter *f, const struct bound *b,
    struct plan *p)
{
	(void)a;
	(void)f;
	p->use = b->ask & ASK_UNRESOLVED ? USE_UNRESOLVED : 0;
	return 0;
}

/* The unresolved actors, each with the nearest known (dm_nearest()). */
static int
plan_unresolved(dm_archive *a, const struct dm_filter *f,
    const struct bound *b, struct plan *p)
{
	(void)f;
	(void)b;
	p->use = USE_UNRESOLVED | USE_NEAREST;
	return actors_nearest_register(a);
}

/*
 * How search finds its rows: under --limit with nothing but the text to
 * filter on, the full-text tables rank and cut first; under --limit with
 * other filters, each match is joined to its rows, filtered, then ranked
 * and cut; with every match shown, each is joined to its rows and gets
 * its snippet in place.
 */
static int
plan_search(dm_archive *a, const struct dm_filter *f, const struct bound *b,
    struct plan *p)
{
	(void)a;
	(void)f;
	if (!(b->ask & ASK_LIMIT))
		p->use = USE_JOINED | USE_SNIPPETS;
	else if (!(b->ask & (ASK_DATED | ASK_ACTOR | ASK_KINDS)))
		p->use = USE_RANK_FIRST;
	else
		p->use = USE_RANK_JOINED | USE_JOINED;
	return 0;
}

/*
 * The timeline's counts: the listing's filters, grouped by group.  The
 * claims are joined to their targets where the targets filter or group
 * them, and to their claimant where it groups them.
 */
static unsigned
counts_use(enum dm_listing what, unsigned ask, enum query_group group)
{
	static const unsigned group_use[] = {
		[QUERY_GROUP_NONE] = USE_G_NONE,
		[QUERY_GROUP_PAIR] = USE_G_PAIR | USE_CLAIMANT,
		[QUERY_GROUP_BY] = USE_G_BY | USE_CLAIMANT,
		[QUERY_GROUP_AGAINST] = USE_G_AGAINST,
		[QUERY_GROUP_KIND] = USE_G_KIND,
		[QUERY_GROUP_ISSUER] = USE_G_ISSUER,
	};
	unsigned use = filters_use(ask) | group_use[group];

	/* Issuers, like targets, may give a claim several rows. */
	if (what == DM_LIST_CLAIMS)
		use |= (ask & ASK_TARGET) || group == QUERY_GROUP_PAIR ||
		    group == QUERY_GROUP_AGAINST || group == QUERY_GROUP_ISSUER ?
		    USE_TARGETS : USE_NO_TARGETS;
	return use;
}

/*
 * The timeline's plan: the claims' counts come from the timeline's
 * summary where it answers them; else from the claims.
 */
static void
counts_plan(enum dm_listing what, unsigned ask, enum query_group group,
    struct plan *p)
{
	p->parts = what != DM_LIST_CLAIMS ? statement_counts_sql :
	    timeline_counts_serve(ask, group) ? timeline_counts_sql :
	    claim_counts_sql;
	p->use = counts_use(what, ask, group);
}

/* Prepares the SQL of plan p, with b's values bound. */
static int
prepare_plan(dm_archive *a, const struct plan *p, const struct bound *b,
    const struct dm_filter *f, struct db_stmt **out)
{
	char *sql;
	int rc;

	if ((sql = build_sql(p, b->ask)) == NULL)
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
	struct plan p = { listings[what].parts, 0 };
	struct bound b;
	struct store *s;
	int rc;

	*out = NULL;
	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	if ((rc = bound_init(&b, s, what, f)) == 0 &&
	    (what != DM_LIST_SEARCH || !f->raw ||
	    (rc = fts_check(a->db, b.text, b.in_fts)) == 0) &&
	    (rc = listings[what].plan(a, f, &b, &p)) == 0)
		rc = prepare_plan(a, &p, &b, f, out);
	bound_release(&b);
	return rc;
}

int
query_prepare_counts(dm_archive *a, enum dm_listing what,
    const struct dm_filter *f, enum query_group group, struct db_stmt **out)
{
	struct plan p = { NULL, 0 };
	struct bound b;
	struct store *s;
	int rc;

	*out = NULL;
	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	if ((rc = bound_init(&b, s, what, f)) == 0) {
		counts_plan(what, b.ask, group, &p);
		rc = prepare_plan(a, &p, &b, f, out);
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
		return who_unpack(r->buf, n, r);
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
		if ((rc = who_table(st, o, flags, nrows)) != 0)
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
