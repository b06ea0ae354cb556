/*
 * demarche: an archive of diplomatic statements in one SQLite file.
 *
 * This is the interface the command-line front-end and the tests use.
 * Conventions:
 *  - Functions that can fail return int: 0 on success, DM_ERROR on a
 *    generic failure, or a named negative for an expected outcome.  The
 *    message of the last failure is read with dm_error_last().
 *  - A pointer-to-pointer first parameter named out receives an object
 *    the caller owns and releases with the matching _free function;
 *    every _free accepts NULL.
 *  - Returned const pointers are borrowed.
 */
#ifndef DEMARCHE_H
#define DEMARCHE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DM_VERSION "0.1.0"

enum dm_status {
	DM_OK = 0,
	DM_ERROR = -1,		/* generic failure */
	DM_ENOTFOUND = -2,	/* nothing found where something was required */
	DM_ECONFLICT = -3,	/* same id, different content */
	DM_EINVALID = -4,	/* bad input: a file, a value, a date */
	DM_ENEWER = -5,		/* archive made by a newer demarche */
	DM_ENOTARCHIVE = -6,	/* a file that is not a demarche archive */
};

/*
 * The message recorded by the last failure, or "" if none.  Borrowed:
 * valid until the next failure.
 */
const char	*dm_error_last(void);

/*
 * Sets the function that receives warnings (one line each, no newline).
 * NULL restores the default, which discards them.
 */
void		 dm_set_warning_handler(void (*fn)(void *ctx, const char *msg),
		    void *ctx);

/*
 * Writes text for people to fp, printf-style: what a terminal would act
 * on instead of showing is shown escaped.  A control character (C0, DEL
 * or C1: ESC, CSI U+009B, OSC U+009D and the rest) becomes \xHH, HH its
 * code point in hex, and a tab, CR, LF or CRLF one space, so the text
 * stays on its line; a byte that is not UTF-8 becomes U+FFFD.  The
 * table format, thread and every diagnostic the program prints go
 * through it; csv, tsv, json and jsonl keep the data as it is.  Returns
 * 0 or DM_ERROR.
 */
int		 dm_print(FILE *fp, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
int		 dm_vprint(FILE *fp, const char *fmt, va_list ap)
		    __attribute__((format(printf, 2, 0)));

/* An open archive.  Opaque. */
typedef struct dm_archive dm_archive;

enum dm_open_flags {
	DM_OPEN_CREATE = 1 << 0,	/* create the file (init) */
	DM_OPEN_MEMORY = 1 << 1,	/* a private in-memory archive */
};

/*
 * Opens the archive at path.  Refuses, without writing to it, a file that
 * is not a demarche archive (DM_ENOTARCHIVE; an empty or new file is
 * accepted with DM_OPEN_CREATE), one made by a newer demarche (DM_ENEWER)
 * and a missing file without DM_OPEN_CREATE (DM_ENOTFOUND).  Opening does
 * not migrate: see dm_archive_migrate().
 */
int		 dm_archive_open(dm_archive **out, const char *path,
		    unsigned flags);
void		 dm_archive_free(dm_archive *a);
/* Frees a and removes its file if this opening created it. */
void		 dm_archive_discard(dm_archive *a);

/* The archive's schema level (PRAGMA user_version). */
int		 dm_archive_level(dm_archive *a);

/* One migration as dm_archive_migrations() reports it. */
struct dm_migration {
	int         version;
	const char *name;	/* file name, e.g. "0001-initial.sql" */
	const char *applied_at;	/* ISO time, or NULL when pending */
	int         changed;	/* applied, and its text changed since */
	int         earlier;	/* applied as an earlier text that migrating
				   brings up to date */
};

/*
 * Applies pending migrations, all in one transaction, after bringing
 * migrations applied as an earlier text up to date; *applied receives how
 * many.  Refuses, changing nothing, an archive it cannot bring forward.
 * Warns about applied migrations that changed.
 */
int		 dm_archive_migrate(dm_archive *a, int *applied);

/* Calls fn for each known migration in order; non-zero from fn stops. */
int		 dm_archive_migrations(dm_archive *a,
		    int (*fn)(void *ctx, const struct dm_migration *m),
		    void *ctx);

struct dm_init_result {
	int migrations;		/* migrations applied */
	int actors;		/* gazetteer actors added */
	int aliases;		/* gazetteer aliases added */
};

/*
 * Brings the archive to the current schema and loads the gazetteer, in
 * one transaction for the gazetteer.  Running it again changes nothing.
 */
int		 dm_archive_init(dm_archive *a, struct dm_init_result *res);

/* An actor to add with dm_actor_add(). */
struct dm_actor_spec {
	const char        *code;	/* any case; normalised */
	const char        *name;
	const char        *kind;	/* NULL for "other" */
	const char        *country;	/* ISO alpha-3 or NULL */
	const char *const *aliases;
	size_t             naliases;
};

/*
 * Adds an actor; where the code exists, only its new aliases are added
 * (*created is then 0).  DM_EINVALID for a bad code, kind or country.
 */
int		 dm_actor_add(dm_archive *a, const struct dm_actor_spec *spec,
		    int *created);

/*
 * Gives the actor that ref names (code, name or alias) another alias.
 * DM_ENOTFOUND when ref names nobody; DM_ECONFLICT when another actor
 * holds the alias.
 */
int		 dm_actor_alias(dm_archive *a, const char *ref,
		    const char *alias);

/*
 * Folds actor from into actor into, in one transaction: every statement,
 * claim, target and alias of from moves to into, and from is deleted.
 */
int		 dm_actor_merge(dm_archive *a, const char *from,
		    const char *into);

/* One actor a name resolves to, for dm_actor_resolve(). */
struct dm_resolved_actor {
	const char *code, *name, *kind;
	const char *parent;	/* "" for a top-level actor */
	const char *country;	/* "" when not under a state */
	const char *rule;	/* "archive", "gazetteer" or "FILE:LINE: PATTERN" */
	int         exists;	/* the archive holds it already */
};

/*
 * What an import makes of the reference name: the actor the archive holds
 * by that code, name or alias, else those the built-in patterns read in
 * it ("Embassy of Japan in Canada"; several for a joint statement),
 * which the import makes when missing.  Calls fn with each, stopping at
 * its non-zero return.  DM_ENOTFOUND when nothing resolves it.
 */
int		 dm_actor_resolve(dm_archive *a, const char *name,
		    int (*fn)(void *ctx, const struct dm_resolved_actor *r),
		    void *ctx);

/* How to read a slashed date whose day and month could be swapped. */
enum dm_date_order {
	DM_DATE_ORDER_NONE,	/* reject it as ambiguous */
	DM_DATE_ORDER_DMY,
	DM_DATE_ORDER_MDY,
};

/*
 * Reads a --date-order value: "dmy" or "mdy", in any case ("DMY").
 * Returns 0, or DM_EINVALID; *out is written only on success.
 */
int		 dm_date_order_parse(enum dm_date_order *out, const char *s);

enum dm_import_flags {
	DM_IMPORT_UPDATE = 1 << 0,	/* replace statements whose content changed */
	DM_IMPORT_STRICT = 1 << 1,	/* an unresolved actor is an error */
	DM_IMPORT_KEEP_GOING = 1 << 2,	/* import the valid statements */
};

/* What an import tells as it goes, through dm_import_options.report. */
enum dm_report {
	DM_REPORT_REJECTED,	/* a statement left out (--keep-going) */
	DM_REPORT_UNRESOLVED,	/* an actor made for a reference to nobody */
};

struct dm_import_progress {
	int64_t  statements;	/* read so far */
	uint64_t bytes;		/* read so far */
	uint64_t total;		/* file size, 0 when unknown (a pipe) */
};

struct dm_import_options {
	unsigned            flags;	/* dm_import_flags */
	enum dm_date_order  date_order;
	const char         *format;	/* "json", "text", "html"; NULL: told
					   by the name and the first bytes */
	const char         *issuer;	/* plain text: issuer the header lacks */
	const char         *date;	/* plain text: date the header lacks */
	long                timeout;	/* a URL: seconds a fetch may take;
					   0: 30 */
	double              delay;	/* seconds between two requests to a
					   host; 0: 1, negative: none */
	void              (*report)(void *ctx, enum dm_report what,
			        const char *msg);
	void              (*progress)(void *ctx,
			        const struct dm_import_progress *p);
	void               *ctx;
};

struct dm_import_counts {
	int64_t added;		/* new statements */
	int64_t updated;
	int64_t unchanged;
	int64_t rejected;
	int64_t unresolved;	/* unresolved actors created */
	int64_t actors;		/* actors added from bundles */
};

/*
 * Imports one file ("-": standard input) in one transaction: JSON (one
 * statement, an array, a bundle, or JSON Lines, told apart by content) or
 * plain text (.txt, .md), or an HTML page (.html, .htm, or markup), or
 * the format opt->format names; path may be an http(s) URL, fetched and
 * read by the media type the server gives.  On a bad statement nothing
 * of the file is kept and the message names the file, the line (and
 * column) or the statement, and what is wrong; with DM_IMPORT_KEEP_GOING
 * the valid statements are kept and each rejected one is reported.
 * counts (added to, not reset) tell what happened.  Returns 0, DM_EINVALID
 * (bad input), DM_ECONFLICT (same id, other content), DM_ENOTFOUND
 * (unresolved actor under DM_IMPORT_STRICT), or DM_ERROR.
 */
int		 dm_import_file(dm_archive *a, const char *path,
		    const struct dm_import_options *opt,
		    struct dm_import_counts *counts);

/*
 * Fetches the feed at url (RSS 2.0 or Atom) and imports each item it
 * lists that an earlier run did not, as dm_import_file() imports a URL:
 * one transaction per page.  The feed's ETag and Last-Modified and the
 * items seen are kept in the archive, so that the next run asks only
 * for what changed.  *items counts the items fetched.  Returns as
 * dm_import_file(), the message naming the feed or the page.
 */
int		 dm_import_feed(dm_archive *a, const char *url,
		    const struct dm_import_options *opt,
		    struct dm_import_counts *counts, int64_t *items);

/*
 * Runs the rule-based coder again over every statement whose claims it
 * made (plain-text statements, and statements with rule claims), after
 * its cue lists or the actors changed: their rule claims are replaced,
 * curated claims kept, in one transaction.  Counts as dm_import_file(),
 * except that every statement coded again counts as updated, whether or
 * not its rule claims changed.
 */
int		 dm_recode(dm_archive *a, const struct dm_import_options *opt,
		    struct dm_import_counts *counts);

/*
 * Checks the archive (SQLite integrity, foreign keys, full-text indexes,
 * the who summary against the claims, the statement date each claim
 * carries against its statement's), calling fn once per check with ""
 * or a description of the problem.  With rebuild, the who summary and the
 * claims' statement dates are computed again first.  DM_ERROR if any
 * check fails.
 */
int		 dm_archive_check(dm_archive *a, int rebuild,
		    void (*fn)(void *ctx, const char *what,
		    const char *problem), void *ctx);

/* What 'demarche stats' reports. */
struct dm_stats {
	int64_t actors;
	int64_t unresolved;	/* actors of kind unresolved */
	int64_t statements;
	int64_t claims;
	int64_t imports;
	char    first_date[11];	/* earliest date as written, or "" */
	char    last_date[11];	/* date of the one that ends latest, or "" */
};

int		 dm_archive_stats(dm_archive *a, struct dm_stats *out);

/* The listings of SPEC section 3, each with the columns of section 4. */
enum dm_listing {
	DM_LIST_STATEMENTS,	/* one row per statement */
	DM_LIST_CLAIMS,		/* one row per claim and target */
	DM_LIST_WHO,		/* one row per (accuser, accused) pair */
	DM_LIST_ACTORS,		/* one row per actor */
	DM_LIST_SEARCH,		/* full-text matches, best first */
	DM_LIST_UNRESOLVED,	/* unresolved actors, each with the nearest known */
	DM_LIST__COUNT		/* how many listings: not one */
};

/*
 * What a listing keeps.  Every member is optional: NULL or 0 means no
 * restriction.  Strings are borrowed for the call.
 */
struct dm_filter {
	const char *actor;	/* issuer or claimant: code, name or alias */
	const char *by;		/* claimant (claims) or accuser (who) */
	const char *target;	/* target (claims) or accused (who) */
	int         exact;	/* the actors above without descendants */
	const char *from;	/* statements dated wholly on or after ... */
	const char *to;		/* ... and on or before; any input form */
	enum dm_date_order date_order;	/* how they read 07/08/2021 */
	/*
	 * Comma-separated kinds: of statements (statements), claims
	 * (claims; who, where NULL means the accusations of claimkind.h) or
	 * actors (actors).
	 */
	const char *kinds;
	const char *topic;	/* a topic, slugified as on import */
	const char *method;	/* claims: "curated", "rule" or "reviewed" */
	const char *text;	/* search: the query; actors: code, name, alias */
	/*
	 * search: text is FTS5 query syntax, of at most 64 words (AND, OR
	 * and NOT aside) and 1,024 bytes.
	 */
	int         raw;
	int         mutual;	/* who: pairs that accused each other */
	int         rollup;	/* who: actors folded into their top level */
	int         unresolved;	/* actors: only those of kind unresolved */
	int64_t     limit;	/* at most this many rows; 0 for all */
};

enum dm_output_flags {
	DM_OUT_EXCEL = 1 << 0,		/* csv: BOM, formulas neutralised */
	DM_OUT_TRUNCATE = 1 << 1,	/* table: long cells cut with an ellipsis */
};

/* Where and how rows are written. */
struct dm_output {
	FILE       *fp;		/* borrowed */
	const char *format;	/* table, csv, tsv, json, jsonl; NULL: table */
	unsigned    flags;	/* dm_output_flags */
};

/*
 * Writes the listing what to out, row by row as the archive yields them,
 * and sets *nrows to the number of rows.  An empty listing writes nothing
 * at all.  Returns 0; DM_ENOTFOUND when an actor reference names nobody;
 * DM_EINVALID for a bad filter value (date, kind, method, format) or a
 * malformed raw search; DM_ERROR.  The message says which.
 */
int		 dm_list(dm_archive *a, enum dm_listing what,
		    const struct dm_filter *f, const struct dm_output *out,
		    int64_t *nrows);

/*
 * Measures the rule coder against the curated and reviewed claims of the
 * statements f keeps that have both (SPEC section 3, eval), counted as
 * the development set's score.py counts: precision and recall overall
 * and by language, by exact kind and by kind class, then by each kind and
 * class, written to out with the columns language, measure, precision,
 * recall, matched, gold, proposed.  With misses, the claims the coder
 * missed and invented instead, with a sentence of each.  Returns as
 * dm_list() does.
 */
int		 dm_eval(dm_archive *a, const struct dm_filter *f,
		    const struct dm_output *out, int misses);

/*
 * A reviewer's decision on claims the rule coder proposed (SPEC section
 * 3, review).  Accepting or editing one adds a claim of method reviewed
 * in its place; rejecting one keeps it out of the listings and of 'who',
 * and out of every later recode and re-import of its statement.
 */
struct dm_decision {
	enum { DM_ACCEPT, DM_REJECT, DM_EDIT } what;
	const char         *reviewer;	/* NULL: not said */
	/* Edit: the new kind, claimant or targets; NULL keeps them. */
	const char         *kind;
	const char         *by;
	const char *const  *targets;	/* non-NULL: these, ntargets of them */
	size_t              ntargets;
};

/*
 * Applies d to each of the n claims ids, in one transaction: any error
 * (no such claim, one not a proposed rule claim, an unknown kind or
 * actor) changes nothing.  reviewed, if not NULL, receives for each the
 * id of the reviewed claim added (0 for a rejection).
 */
int		 dm_claims_decide(dm_archive *a, const int64_t *ids, size_t n,
		    const struct dm_decision *d, int64_t *reviewed);
/*
 * Takes back the decision on claim id: deletes the reviewed claim that
 * stands for it, if any (0 for none), and puts it back in force.
 */
int		 dm_claim_undecide(dm_archive *a, int64_t id, int64_t reviewed);

/* The claim kinds of SPEC section 1, by index from 0; NULL past the last. */
const char	*dm_claim_kind_name(size_t i);

/* A proposed claim as a reviewer sees it; strings owned. */
struct dm_proposal {
	int64_t  claim_id;
	char    *statement_id, *issuer_code, *issuer_name, *date, *title;
	char    *language, *by_code, *by_name, *kind, *quote, *cue;
	char    *review;	/* NULL while in force, undecided */
	char   **target_codes, **target_names;
	size_t   ntargets;
};

/*
 * The rule claims in force, undecided, that the claims listing with f
 * shows, in its order; free *ids.
 */
int		 dm_proposals(dm_archive *a, const struct dm_filter *f,
		    int64_t **ids, size_t *n);
int		 dm_proposal_get(dm_archive *a, int64_t id,
		    struct dm_proposal *p);
void		 dm_proposal_free(struct dm_proposal *p);

/*
 * Writes the thread of statement id to fp as an indented tree: the
 * statement and its claims, what it responds to (and what that responds
 * to, and so on), then what responds to it, recursively.  A linked
 * statement not in the archive is shown as missing.  DM_ENOTFOUND when
 * id itself is not in the archive.
 */
int		 dm_thread(dm_archive *a, const char *id, FILE *fp);

/*
 * Exports the listing what (statements, claims, who or actors) to path,
 * which is written whole or not at all, or to out->fp when path is NULL.
 * Unlike dm_list(), csv and tsv have their header even when no row
 * matches.  Statements in jsonl are written in the import format of SPEC
 * section 2 instead: a first line {"actors": [...]} with every actor the
 * gazetteer does not define, then one statement per line with its
 * curated claims (claims coded by rule from plain text are left out), so
 * that the export imports into another archive with nothing lost.  Keys
 * come in a fixed order: export, import, export gives the same bytes.
 * Returns as dm_list() does.
 */
int		 dm_export(dm_archive *a, enum dm_listing what,
		    const struct dm_filter *f, const struct dm_output *out,
		    const char *path, int64_t *nrows);

/*
 * Writes the accusation network of the who listing under f (the same
 * rows 'who' shows) to path, written whole or not at all, or to out->fp
 * when path is NULL: actors as nodes, shaped and coloured by kind and
 * sized by the claims they made and received; one edge per (accuser,
 * accused) pair, as wide as its claims and coloured by its gravest claim
 * kind; mutual pairs drawn with double lines.  out->format is "dot"
 * (Graphviz source, the default) or "svg", drawn by running Graphviz's
 * dot.  *npairs receives the number of pairs.  Returns as dm_list()
 * does, or DM_ENOTFOUND, naming the package, when svg is asked for and
 * Graphviz is not installed.
 */
int		 dm_graph(dm_archive *a, const struct dm_filter *f,
		    const struct dm_output *out, const char *path,
		    int64_t *npairs);

/* What dm_timeline() counts, and how it writes them. */
struct dm_timeline_options {
	const char *per;	/* day, week, month (NULL), quarter or year */
	const char *group;	/* NULL, pair, by, against, kind or issuer */
	int         statements;	/* count statements instead of claims */
	int64_t     top;	/* groups kept, the rest as one; 0 keeps all */
	int         wide;	/* one column per group, not one row each */
};

/* What dm_timeline() wrote. */
struct dm_timeline_result {
	int64_t periods;
	int64_t groups;
	int64_t left_out;	/* dated too broadly for one period */
};

/*
 * Counts the claims (or statements) that the claims (statements) listing
 * shows under f, per period of their statement's date, every period of
 * the range present: the range of the dates counted, widened to f->from
 * and f->to when given.  A date that spans more than one period (2021-07
 * at --per day) is left out and counted in res->left_out.  Grouped by
 * target, a claim counts in each of its targets' groups.  out->format is
 * table (with a bar per row), csv, tsv, json, jsonl (one row per period
 * and group: period, group, count) or svg (the counts as lines); written
 * to path, whole or not at all, or to out->fp when path is NULL.
 * Returns as dm_list() does.
 */
int		 dm_timeline(dm_archive *a, const struct dm_filter *f,
		    const struct dm_timeline_options *opt,
		    const struct dm_output *out, const char *path,
		    struct dm_timeline_result *res);

/*
 * Writes a self-contained HTML report to path, written whole or not at
 * all, or to fp when path is NULL: the archive's figures, the network of
 * dm_graph() inline (where Graphviz is missing the report says so in its
 * place, and a warning is emitted), a timeline of the statements under f
 * with one row per issuer, the who table, and the statements grouped in
 * response threads with their claims and quotes.  f->kinds are claim
 * kinds, as for the who listing; f->limit limits the pairs only.  Every
 * text from the archive is escaped; the page loads nothing and runs no
 * script.  Returns as dm_list() does.
 */
int		 dm_report_html(dm_archive *a, const struct dm_filter *f,
		    const char *path, FILE *fp);

#endif
