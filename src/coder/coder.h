/*
 * The rule-based claim coder: reads English text (a statement, a press
 * release, a news report) and proposes the claims in it, in the manner
 * of a dictionary-based event coder with CAMEO codes.
 *
 * The text is split into sentences; actors are found with a dictionary
 * taught through coder_add_actor(); cue words and phrases from the
 * lexicon (src/coder/lexicon-en.tsv) give each claim its kind, and the
 * shape of the sentence around a cue (subject and object, "accused X of",
 * passive voice, reported speech, quotes and their speakers, negation)
 * gives its claimant and targets.  It prefers saying nothing to guessing:
 * an accusation without an identified claimant and target is dropped.
 */
#ifndef DM_CODER_H
#define DM_CODER_H

#include <stddef.h>

#include "date.h"

struct coder;

/*
 * Makes a coder from the text of the lexicon (the build embeds
 * src/coder/lexicon-en.tsv; tests read the file).  Returns 0 with the coder
 * in *out, DM_EINVALID naming the line of a malformed lexicon, or
 * DM_ERROR if memory runs out.
 */
int	coder_new(struct coder **out, const char *lexicon_tsv);

/*
 * Teaches the coder a name or alias as written ("Chinese Mission to the
 * EU", "@ChinaEUMission", "Beijing", "Chinese") or a code ("CHN") that
 * stands for the actor code.  Names are matched case-insensitively
 * after Unicode folding, except that a capitalised name only matches
 * capitalised text and a short acronym ("US") only upper-case text.  A
 * leading "the" is ignored.  When mentions overlap, the longest wins.
 * A single-word name shaped like a demonym ("Chinese") names its actor
 * only alone or before a word for one of its bodies ("Chinese
 * embassies"), not as an adjective ("Chinese hosts").  Returns 0,
 * DM_EINVALID for an empty or invalid name, or DM_ERROR.
 */
int	coder_add_actor(struct coder *c, const char *name, const char *code);

/*
 * One proposed claim.  Everything it points to is borrowed and valid only
 * during the callback.
 */
struct coder_claim {
	/*
	 * Actor code, or the mention as written when it names nobody in the
	 * dictionary ("some Western countries"): the importer resolves it or
	 * records it as unresolved.
	 */
	const char		 *by;
	/* One of SPEC's claim kinds: "accuse", "criticize", ... */
	const char		 *kind;
	/* CAMEO code as digits, e.g. "112", or "1125" when a topic says so. */
	const char		 *cameo;
	const char *const	 *targets;	/* codes or mentions, as by */
	size_t			  ntargets;
	const char *const	 *topics;	/* lower-case slugs */
	size_t			  ntopics;
	/* The sentence, verbatim: a substring of the text. */
	const char		 *quote;
	/* The cue words that fired, as written in the quote. */
	const char		 *cue;
	/* ISO date at its precision ("2021-07-19", "2021"), or NULL. */
	const char		 *date;
};

/* Receives each claim; a non-zero return stops the run and is returned. */
typedef int (*coder_claim_fn)(void *ctx, const struct coder_claim *claim);

/*
 * Codes text (UTF-8; invalid bytes are skipped) and hands each claim to
 * fn in the order of the text.  issuer_code (may be NULL) is the
 * claimant of the text's own voice ("We condemn ..."); with NULL such
 * sentences give nothing, as in a news report.  stmt_date (may be NULL)
 * anchors relative dates: a weekday is the latest such day on or before
 * it, "last year" the year before; without it they stay unknown.
 * Returns 0, fn's non-zero value, or DM_ERROR if memory runs out.
 */
int	coder_run(struct coder *c, const char *text, const char *issuer_code,
	    const struct dm_date *stmt_date, coder_claim_fn fn, void *ctx);

void	coder_free(struct coder *c);

#endif
