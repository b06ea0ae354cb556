#ifndef DM_FTS_FILL_H
#define DM_FTS_FILL_H

struct db_stmt;

/* The most text columns a full-text table of the archive has. */
#define FTS_FILL_COLS	2

/*
 * Inserts each row of sel (a rowid, then ncol texts, at most
 * FTS_FILL_COLS) into a full-text table with ins (?1 the rowid, ?2 on
 * the texts), the texts tokenized ahead on a second thread.  sel is
 * bound and is reset after.  0, or an error with its message.
 */
int	fts_fill(struct db_stmt *sel, struct db_stmt *ins, int ncol);

#endif
