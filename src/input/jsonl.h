/*
 * JSON input read one statement at a time, whatever its shape: a second
 * thread reads, digests and parses ahead of the caller, who meanwhile
 * validates and stores what came before.  Memory stays bounded by the
 * size of one statement: a top-level array and a bundle's "actors" and
 * "statements" arrays are cut into their elements before jansson sees
 * them, and no value longer than STATEMENT_MAX_BYTES is held.
 */
#ifndef DM_JSONL_H
#define DM_JSONL_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "digest.h"
#include "statement.h"


struct instream;
struct jsonl;

enum jsonl_kind {
	JSONL_VALUE,		/* a whole top-level value */
	JSONL_STATEMENT,	/* an element of a top-level array or of a
				   streamed bundle's "statements" */
	JSONL_ACTOR,		/* an element of a streamed bundle's "actors" */
	JSONL_MEMBER,		/* another member of a streamed bundle, as a
				   one-member object */
};

/* One item of the input. */
struct jsonl_item {
	enum jsonl_kind	 kind;
	json_t		*v;		/* the caller's; NULL: an error, see err */
	json_error_t	 err;		/* line and column in the file; line 0
					   or column 0 when there is none */
	long		 lineno;	/* the line where the value starts */
	size_t		 index;		/* JSONL_ACTOR: its place, from 0 */
	uint64_t	 bytes;		/* read through the end of the item */
	size_t		 size;		/* its JSON text, in bytes */
	int		 resumes;	/* an error in JSON Lines: reading
					   goes on at the next line */
};

/*
 * Reads in, each byte through d; neither may be touched before
 * jsonl_stop().  A top-level object whose first key is "actors" or
 * "statements" is a bundle, streamed: its "actors" must come before its
 * "statements".
 */
int	jsonl_start(struct jsonl **out, struct instream *in,
	    struct digest *d);
/*
 * The next item in *it: 1, or 0 at the end of the file (it->bytes set to
 * the file's size, it->index to the number of top-level values), or
 * DM_ERROR if it cannot be read.  After an error item nothing follows,
 * unless it->resumes: a line of JSON Lines that is not JSON is skipped.
 */
int	jsonl_next(struct jsonl *r, struct jsonl_item *it);
/* Stops the reader, drops the items not taken and frees r. */
void	jsonl_stop(struct jsonl *r);

#endif
