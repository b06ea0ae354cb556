/*
 * The table of a listing whose rows come packed in one text (who): a
 * table needs its widths before its first row, so every row is kept,
 * measured, then written.  A second thread measures the rows while
 * SQLite reads them, then formats the second half of them while the
 * first half goes out.
 */
#ifndef DM_QUERY_TABLE_H
#define DM_QUERY_TABLE_H

#include <stdint.h>

#include "demarche.h"
#include "output.h"

struct db_stmt;

/*
 * Steps st, a statement of the packed listing what, to its end and
 * writes its rows to o, a table writer of the listing's columns made
 * with flags; counts them in *nrows.  Returns 0, or an error with its
 * message (a row that does not unpack, out of memory, a failed write).
 * The caller finishes o.
 */
int	query_table(struct db_stmt *st, enum dm_listing what, struct out *o,
	    unsigned flags, int64_t *nrows);

#endif
