/*
 * The FTS5 auxiliary function dm_rank(), FTS5's bm25() (no column
 * weights) that knows how many rows the query keeps:
 *
 *   dm_rank(table, keep)
 *
 * Under ORDER BY dm_rank(...) LIMIT keep, a row that cannot be among the
 * keep best seen so far needs no exact score: bm25 falls as a document
 * grows, and its hits alone bound its size from below (a column holds at
 * least as many tokens as its last hit reaches).  Such a row gets that
 * bound, above (worse than) the keep-th best rank, and its size is not
 * read: the read that bm25() makes for every match, most of the time of
 * ranking a common word.  Every other row gets bm25()'s value exactly,
 * so a cut is the head of the same ranking.  keep < 1 ranks every row
 * exactly.
 *
 *   dm_rank(table, keep, 1)
 *
 * ranks the row as above and is 0 if its bound ruled it out, else 1: in
 * the WHERE clause of such a query, it keeps the rows that cannot be
 * among the best from being sorted at all.  Only where no other term can
 * still drop a row: the best kept so far must be rows of the result.
 */
#ifndef DM_DB_RANK_H
#define DM_DB_RANK_H

#include "db_sqlite.h"

/*
 * Registers dm_rank() on db, whose FTS5 API is api (db_fts5_api() of
 * db_tokenizer.h).  Returns 0, or DM_ERROR with a message.
 */
int	db_rank_register(sqlite3 *db, fts5_api *api);

#endif
