#ifndef DM_FTS_FILL_H
#define DM_FTS_FILL_H

struct db_stmt;

/*
 * Inserts each row of sel (a rowid, then two texts) into a full-text
 * table with ins (?1 the rowid, ?2 and ?3 the texts), the texts
 * tokenized ahead on a second thread.  sel is bound and is reset after.
 * 0, or an error with its message.
 */
int	fts_fill(struct db_stmt *sel, struct db_stmt *ins);

#endif
