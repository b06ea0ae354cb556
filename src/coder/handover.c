/*
 * Handing a claim to the caller: its quote and cue copied out of the text.
 */
#include <stdlib.h>
#include <string.h>

#include "handover.h"
#include "error.h"

int
coder_hand_over(coder_claim_fn fn, void *ctx, struct coder_claim *cl,
    const char *text, size_t qa, size_t qb, size_t ca, size_t cb)
{
	char *quote, *cue;
	int rc;

	quote = strndup(text + qa, qb - qa);
	cue = strndup(text + ca, cb - ca);
	if (quote == NULL || cue == NULL) {
		free(quote);
		free(cue);
		return dm_error(DM_ERROR, "out of memory");
	}
	cl->quote = quote;
	cl->cue = cue;
	rc = fn(ctx, cl);
	cl->quote = cl->cue = NULL;
	free(quote);
	free(cue);
	return rc;
}
