/*
 * The read side shared by query.c and export.c: a listing as a prepared
 * statement with the filters bound, and the writer that streams its rows.
 */
#ifndef DM_QUERY_H
#define DM_QUERY_H

#include <stdint.h>

#include "demarche.h"

struct db_stmt;

/*
 * Prepares the listing what with the filters of f resolved and bound;
 * its columns are those of SPEC section 4 for the listing, the text ones
 * read with query_text().  The caller finalizes *out.  Returns as
 * dm_list() does.
 */
int	query_prepare(dm_archive *a, enum dm_listing what,
	    const struct dm_filter *f, struct db_stmt **out);

/*
 * The text of column i of the current row of st, a statement of listing
 * what, as the listing prints it: who's first and last dates come after
 * the day that orders them, which this cuts.
 */
const char *query_text(struct db_stmt *st, enum dm_listing what, int i);

/*
 * Steps st to the end, writing each row to dst with the columns of the
 * listing what, and counts them in *nrows.  With header set, csv and tsv
 * have their header, and json its brackets, even when there is no row;
 * otherwise an empty listing writes nothing.
 */
int	query_write(struct db_stmt *st, enum dm_listing what,
	    const struct dm_output *dst, int header, int64_t *nrows);

#endif
