/*
 * The aggregate SQL function dm_sortset(x): the distinct values of x
 * that are not NULL, in the order of ORDER BY x (bytes compared), joined
 * by char(31), the separator of list columns; NULL when there are none.
 *
 * group_concat(DISTINCT x) gives the values in the order met, so a
 * sorted list took a grouping of its own per list column, each a sort of
 * every row: one grouping with this function sorts only the few distinct
 * values of each group.
 */
#ifndef DM_DB_SORTSET_H
#define DM_DB_SORTSET_H

#include "db_sqlite.h"

/* Registers dm_sortset() on db.  Returns 0, or DM_ERROR with a message. */
int	db_sortset_register(sqlite3 *db);

#endif
