/*
 * The readers of the input formats, and what the import driver
 * (import.c) lends them.  Each reader is one file with one struct
 * reader; readers.c lists them.  The driver knows only the list: it
 * picks the first reader that detects the input (or the one named by
 * --format), opens the transaction and hands the stream over; the
 * reader turns it into statements and gives each to import_put().
 */
#ifndef DM_READER_H
#define DM_READER_H

#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "demarche.h"

struct digest;
struct fetch_request;
struct instream;
struct statement_in;

/* The state of one file's import, shared by the driver and its reader. */
struct import {
	dm_archive                     *a;
	struct store                   *store;
	struct ingest                  *ingest;
	struct autocode                *autocode;	/* made for text */
	int                             recode;	/* rule claims made again */
	const struct dm_import_options *opt;
	struct dm_import_counts        *counts;
	struct arena                    arena;
	const char                     *name;	/* as the user wrote it */
	int64_t                         import_id;
	int64_t                         index;	/* statements seen */
	long                            line;	/* JSON Lines: current line */
	struct dm_import_progress       progress;
	char                           *indexes;	/* deferred SQL */
	int                             bulk;	/* indexes deferred */
	const char                     *charset;	/* a server's, or NULL */
	char                            where[160];
};

struct reader {
	const char *name;	/* as --format names it */
	/*
	 * 1 if the input is of this format, from its name (the path or URL
	 * as written, "-" for standard input) and its first bytes, read
	 * ahead whatever the input is (head[n] is NUL).
	 */
	int	  (*detect)(const char *name, const char *head, size_t n);
	/* The media types a server sends it as, NULL-terminated. */
	const char *const *types;
	/* Reads in, each byte through d, giving statements to import_put(). */
	int	  (*read)(struct import *im, struct instream *in,
		    struct digest *d);
};

/* The readers, in the order they are asked; the last takes anything. */
extern const struct reader *const readers[];

extern const struct reader reader_html;
extern const struct reader reader_json;
extern const struct reader reader_text;

/*
 * Imports st (strings in im->arena).  code: have the rule coder make its
 * claims first, dropping the rule claims it has.  Returns 0 (also when a
 * rejected statement is only counted, under --keep-going) or the error
 * that ends the file.
 */
int	import_put(struct import *im, struct statement_in *st, int code);
/* Counts a statement that failed validation with rc, or ends the file. */
int	import_reject(struct import *im, int rc);
/* What goes between the file name and where: ":" before a line number. */
const char *import_sep(const char *where);
/* 1 if name ends in one of exts (".txt"), in any case. */
int	import_name_ends(const char *name, const char *const *exts);
/*
 * 1 if the last part of name has no extension (standard input, a FIFO,
 * a URL's last part): its format is told by its content.
 */
int	import_name_bare(const char *name);
/* A fetch of url with the options' timeout and delay. */
void	import_fetch_request(struct fetch_request *req, const char *url,
	    const struct dm_import_options *opt);
/* Tells the caller how far the reading has come. */
void	import_progress(struct import *im, uint64_t bytes);
/*
 * For the readers of one statement per file: reads the rest of in,
 * through d, whole (more than max bytes is an error naming what the
 * input is: a "text", a "page"), has parse make the statement of
 * buf[0..len) (NUL-terminated), and imports it, coded.
 */
int	import_one(struct import *im, struct instream *in, struct digest *d,
	    size_t max, const char *what, int (*parse)(struct import *im,
	    struct statement_in *st, const char *buf, size_t len));

#endif
