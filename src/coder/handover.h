/*
 * Handing a claim to the caller, for the coders of both languages.
 */
#ifndef DM_CODER_HANDOVER_H
#define DM_CODER_HANDOVER_H

#include <stddef.h>

#include "coder.h"

/*
 * Sets cl's quote to the bytes [qa, qb) of text and its cue to [ca, cb),
 * each copied out with its own terminator, and hands cl to fn.  Returns
 * fn's value, or DM_ERROR if memory runs out.
 */
int	coder_hand_over(coder_claim_fn fn, void *ctx, struct coder_claim *cl,
	    const char *text, size_t qa, size_t qb, size_t ca, size_t cb);

#endif
