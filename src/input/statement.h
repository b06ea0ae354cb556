/*
 * A statement as read from any input (JSON or plain text), validated but
 * not yet resolved against the archive.  Strings are borrowed from the
 * reader or its arena; "" dates mean none.
 */
#ifndef DM_STATEMENT_H
#define DM_STATEMENT_H

#include <stddef.h>

/*
 * The targets of one claim at most: a claim is about whom it names, and
 * no statement names a thousand actors as one.  Keeps the listings and
 * pictures built from one claim small.
 */
#define CLAIM_MAX_TARGETS	1000

/* The issuers of one statement at most, for the same reason. */
#define STATEMENT_MAX_ISSUERS	100

/* The JSON or text of one statement (or one other value) at most: 4 MiB. */
#define STATEMENT_MAX_BYTES	(4 << 20)

struct claim_in {
	const char         *kind;
	const char         *cameo;	/* NULL: the kind's default */
	const char         *by;		/* a reference; NULL: the issuer */
	const char *const  *targets;	/* references */
	size_t              ntargets;
	const char *const  *topics;	/* slugs */
	size_t              ntopics;
	const char         *summary;
	const char         *quote;
	const char         *cue;	/* the words that fired a rule claim */
	char                date[11];
	const char         *method;	/* "curated", "rule" or "reviewed" */
	/* A reviewer's decision: "rejected" on a rule claim, or NULL. */
	const char         *review;
	const char         *reviewer, *reviewed_at;	/* NULL: not said */
	const char         *replaces;	/* reviewed: the rule claim's key */
};

struct statement_in {
	const char         *id;		/* NULL: derived from the content */
	const char         *issuer;	/* a reference */
	const char *const  *co_issuers;	/* of a joint statement: references */
	size_t              nco_issuers;
	char                date[11];
	char                date_lo[11], date_hi[11];
	const char         *title, *text, *url, *language, *kind;
	const char *const  *responds_to;
	size_t              nresponds;
	struct claim_in    *claims;
	size_t              nclaims;
	const char         *source;	/* "json" or "text" */
};

/* SPEC's statement kinds, ending in NULL (claim kinds: claimkind.h). */
extern const char *const statement_kind_names[];

/* 1 if kind is one of SPEC's statement kinds. */
int		 statement_kind_valid(const char *kind);
/* 1 if s has the shape of a BCP 47 language tag ("en", "zh-Hans"). */
int		 statement_language_valid(const char *s);

#endif
