/*
 * The FTS5 auxiliary function dm_snippet(), called like snippet():
 *
 *   dm_snippet(table, column, open, close, ellipsis, ntokens)
 *
 * It returns about ntokens tokens of one column around the window of
 * ntokens tokens that holds the most distinct phrases of the query,
 * then the most hits (the first such window on a tie), every phrase hit
 * in it between open and close, and ellipsis where the column is cut.  column -1
 * means any column.  The context on either side of the hits is also
 * cut to 120 bytes, at a UTF-8 character boundary, so that a "token" of
 * a megabyte or a long run of separators stays short.
 *
 * FTS5's snippet() scores a window at every hit against every hit, which
 * takes minutes on a long document that repeats the searched word; this
 * one looks at each hit a bounded number of times and tokenizes the
 * column only up to the end of the excerpt.
 */
#ifndef DM_DB_SNIPPET_H
#define DM_DB_SNIPPET_H

#include "db_sqlite.h"

/*
 * Registers dm_snippet() on db, whose FTS5 API is api (db_fts5_api() of
 * db_tokenizer.h); every connection that reads the full-text tables
 * needs it.  Returns 0, or DM_ERROR with a message.
 */
int	db_snippet_register(sqlite3 *db, fts5_api *api);

#endif
