/*
 * The Chinese side of the rule-based claim coder.  It reads Chinese
 * diplomatic statements (a spokesperson's answers, an embassy's
 * statement, a press conference transcript) and proposes their claims
 * through the same callback as the English coder.  Its knowledge of the
 * language lives in src/coder/lexicon-zh.tsv: the formulaic cues of
 * Chinese diplomatic language (坚决反对, 强烈谴责, 敦促……停止, 无端指责),
 * the words that mark speakers, questions, referents, negation and
 * hypotheticals.  The text is segmented by longest match against that
 * lexicon and the actors' names.
 */
#ifndef DM_CODER_ZH_H
#define DM_CODER_ZH_H

#include "coder.h"

struct zh_coder;

/*
 * Makes a coder from the text of its lexicon.  Returns 0 with the coder
 * in *out, DM_EINVALID naming the line of a malformed lexicon, or
 * DM_ERROR if memory runs out.
 */
int	zh_new(struct zh_coder **out, const char *lexicon_tsv);

/*
 * Teaches a name of an actor.  Only names the Chinese side can meet are
 * kept: those with Chinese characters (北约, 美方) and single Latin words
 * in capitals or with digits (NATO, G7); others are ignored.  Returns 0
 * or DM_ERROR.
 */
int	zh_add_actor(struct zh_coder *z, const char *name, const char *code);

/* Whether text is Chinese: more Han characters than Latin letters. */
int	zh_text(const char *text);

/*
 * Codes a Chinese text as coder_run() does an English one: issuer (may
 * be NULL) is the claimant of the text's own voice.
 */
int	zh_run(struct zh_coder *z, const char *text, const char *issuer,
	    coder_claim_fn fn, void *ctx);

void	zh_free(struct zh_coder *z);

#endif
