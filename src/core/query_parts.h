/*
 * The parts listings are built from, shared by query.c and who.c: what
 * the user asked for, the plan chosen from it, the named fragments of
 * SQL, and the filter's values once resolved.
 */
#ifndef DM_QUERY_PARTS_H
#define DM_QUERY_PARTS_H

#include "demarche.h"
#include "fold.h"

struct db;

/*
 * The claims in force: not rule claims a reviewer rejected or a curated
 * or reviewed claim superseded (migration 0014), which stay for 'eval'.
 */
#define IN_FORCE(c)	" (" c ".review IS NULL OR " c ".review = 'reviewed')"
/* The others, as claims.review's CHECK leaves them. */
#define DECIDED_OUT(c)	" " c ".review IN ('rejected', 'superseded')"
/*
 * The count of statement s's claims in force: all of them less those
 * decided out, each through an index (claims' unique one by statement,
 * and claims_review), with no claim's row read.
 */
#define CLAIMS_IN_FORCE_OF(s)						\
	" (SELECT count(*) FROM claims WHERE claims.statement_id = " s	\
	".sid) - (SELECT count(*) FROM claims WHERE" DECIDED_OUT("claims") \
	" AND claims.statement_id = " s ".sid)"

/*
 * The listings are built from parts: a part goes into the SQL when the
 * user asked for every filter its ask names and the plan chosen uses
 * every way its use names.  Every value is a named parameter, bound
 * once the SQL is prepared:
 *   :actor :by :target  actor codes, each with its descendants unless
 *                       :exact; the sets CTE turns them into actor ids
 *   :from :to           first and last day a statement's date may cover
 *   :kinds              ",kind,kind,"
 *   :topic :method :text :limit :rollup :in_statements :in_claims
 */

/* What the user asked for: the filters given, read by bound_init(). */
enum ask {
	ASK_ACTOR = 1 << 0,
	ASK_BY = 1 << 1,
	ASK_TARGET = 1 << 2,
	ASK_KINDS = 1 << 3,	/* --kind, or who's accusation kinds */
	ASK_TOPIC = 1 << 4,
	ASK_METHOD = 1 << 5,
	ASK_TEXT = 1 << 6,
	ASK_MUTUAL = 1 << 7,
	ASK_UNRESOLVED = 1 << 8,
	ASK_LIMIT = 1 << 9,
	ASK_DATED = 1 << 10,	/* --from or --to */
};

/*
 * The plan: how the SQL finds what was asked, chosen from the asks (and,
 * for who, the archive's dates) by one plan_*() function per listing.
 */
enum use {
	/* statements, claims, counts: the actor's rows ... */
	USE_ACTOR_BY_DATE = 1 << 0,	/* ... by actor and date */
	USE_ACTOR_BY_CLAIMS = 1 << 1,	/* ... by its claims, any date */
	USE_BY_DATE = 1 << 2,	/* claims: --by's by claimant and date */
	USE_NARROW = 1 << 3,	/* who: statements first, then claims */
	USE_BROAD = 1 << 4,	/* who: claims first, then statements */
	USE_BY_CLAIMS = 1 << 5,	/* who: --by's claims first */
	USE_IDS = 1 << 6,	/* who: pairs of actor ids */
	USE_ROLLUP = 1 << 7,	/* who --rollup: pairs of top-level codes */
	USE_RANK_FIRST = 1 << 8,	/* search: ranked and cut, then rows */
	USE_RANK_JOINED = 1 << 9,	/* search: joined, ranked, cut */
	USE_JOINED = 1 << 10,	/* search: each match with its rows */
	USE_SNIPPETS = 1 << 11,	/* search: every row's snippet in place */
	USE_UNRESOLVED = 1 << 12,	/* actors: unresolved ones only */
	USE_NEAREST = 1 << 13,	/* actors: the nearest known actor's code */
	/* timeline: what the counts are grouped by (enum query_group) */
	USE_G_NONE = 1 << 14,
	USE_G_PAIR = 1 << 15,
	USE_G_BY = 1 << 16,
	USE_G_AGAINST = 1 << 17,
	USE_G_KIND = 1 << 18,
	USE_G_ISSUER = 1 << 19,
	USE_CLAIMANT = 1 << 20,	/* timeline: the claimant's code */
	USE_TARGETS = 1 << 21,	/* timeline: a row per target, so distinct */
	USE_NO_TARGETS = 1 << 22,	/* timeline: a row per claim */
};

/* A part of a listing's SQL; the table of parts ends with a NULL sql. */
struct part {
	unsigned	 ask;	/* enum ask: all of them asked */
	unsigned	 use;	/* enum use: all of them in the plan */
	const char	*sql;
};

/* Parts of every plan, of a plan, of what was asked, or of both. */
#define ALWAYS(sql)	{ 0, 0, sql }
#define USING(u, sql)	{ 0, u, sql }
#define ASKED(a, sql)	{ a, 0, sql }
#define END		{ 0, 0, NULL }

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
 * Most statements have one issuer: asking whether there are others is a
 * seek in co_issuers' index, opened once for the listing (an IN), where
 * listing none would cost a sort and a subquery's cursors.
 */
#define ISSUERS(col)							\
	" CASE WHEN s.sid IN (SELECT statement_id FROM co_issuers)"	\
	" THEN i." col							\
	" || (SELECT group_concat(char(31) || n, '')"			\
	" FROM (SELECT x." col " AS n FROM co_issuers ci JOIN actors x"	\
	" ON x.id = ci.actor_id WHERE ci.statement_id = s.sid"		\
	" ORDER BY ci.seq)) ELSE i." col " END"
#define CLAIMED_BY(k, col)						\
	"SELECT " col " FROM claims WHERE by_id" IN_SET(k)		\
	LO_IN("statement_lo")
#define IN_KINDS(col)	" AND instr(:kinds, ',' || " col " || ',') > 0"

/* The top-level actor of a code: its first dotted segment. */
#define ROLLUP(c)							\
	"CASE WHEN :rollup AND instr(" c ", '.') > 0"			\
	" THEN substr(" c ", 1, instr(" c ", '.') - 1) ELSE " c " END"

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
	unsigned	 ask;	/* enum ask */
};

/* The plan of a listing: its parts, and the ways of enum use they take. */
struct plan {
	const struct part	*parts;
	unsigned		 use;
};

/*
 * Chooses the plan *p of a listing for the filter f, resolved in b,
 * from p's parts, the listing's own.  Returns 0, or an error.
 */
typedef int plan_fn(dm_archive *a, const struct dm_filter *f,
    const struct bound *b, struct plan *p);

/* Whether sql, given the dates of b as ?1 and ?2, answers true. */
int	query_dates_ask(struct db *db, const char *sql, const struct bound *b,
	    int *yes);

#endif
