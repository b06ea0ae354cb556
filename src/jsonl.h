/*
 * JSON Lines read, digested and parsed by a second thread, ahead of the
 * caller, who meanwhile validates and stores the lines before.
 */
#ifndef DM_JSONL_H
#define DM_JSONL_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "digest.h"

struct jsonl;

/* One non-blank line. */
struct jsonl_line {
	json_t		*v;		/* the caller's; NULL: not JSON, see err */
	json_error_t	 err;
	long		 lineno;
	uint64_t	 bytes;		/* read through the end of this line */
};

/*
 * Reads the rest of fp, whose first lineno lines and bytes bytes were
 * read; each line goes through d.  Neither may be touched before
 * jsonl_stop().  Reads on the caller's thread if no other can start.
 */
int	jsonl_start(struct jsonl **out, FILE *fp, struct digest *d,
	    long lineno, uint64_t bytes);
/*
 * The next line in *ln: 1, or 0 at the end of the file (*ln->bytes set to
 * the file's size), or DM_ERROR if it cannot be read.  After a line that
 * is not JSON, nothing follows.
 */
int	jsonl_next(struct jsonl *r, struct jsonl_line *ln);
/* Stops the reader, drops the lines not taken and frees r. */
void	jsonl_stop(struct jsonl *r);
/* 1 if s[0..n) is nothing but white space. */
int	jsonl_blank(const char *s, size_t n);

#endif
