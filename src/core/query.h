/*
 * The read side shared by query.c and export.c: a listing as a prepared
 * statement with the filters bound, and the writer that streams its rows.
 */
#ifndef DM_QUERY_H
#define DM_QUERY_H

#include <stdint.h>

#include "demarche.h"
#include "output.h"

struct db_stmt;

/*
 * Prepares the listing what with the filters of f resolved and bound;
 * its rows are those of SPEC section 4 for the listing, as query_row()
 * reads them: who's cells come packed in one column (who.h).  The caller
 * finalizes *out.  Returns as dm_list() does.
 */
int	query_prepare(dm_archive *a, enum dm_listing what,
	    const struct dm_filter *f, struct db_stmt **out);

/*
 * The first and last day of the date s (as --from and --to take it, read
 * in the order given) into lo and hi.  Returns 0, or DM_EINVALID with a
 * message naming s.
 */
int	query_date_bound(const char *s, enum dm_date_order order,
	    char lo[11], char hi[11]);

/* What the timeline's counts are grouped by. */
enum query_group {
	QUERY_GROUP_NONE,
	QUERY_GROUP_PAIR,	/* claimant and target */
	QUERY_GROUP_BY,		/* claimant */
	QUERY_GROUP_AGAINST,	/* target */
	QUERY_GROUP_KIND,	/* the claim's or the statement's */
	QUERY_GROUP_ISSUER,
};

/*
 * Prepares the count of what (DM_LIST_CLAIMS or DM_LIST_STATEMENTS)
 * under the listing's filters f, in rows of a statement's first and
 * last day, the group key (NULL without a group, or a claim without a
 * target) and how many.  Claims grouped by target count in each of their
 * targets' groups.  The pair, claimant and target groups are of claims.
 * Returns as query_prepare() does.
 */
int	query_prepare_counts(dm_archive *a, enum dm_listing what,
	    const struct dm_filter *f, enum query_group group,
	    struct db_stmt **out);

/* The longest row of a listing, in columns. */
#define QUERY_MAX_COLS	16

/*
 * The current row of a listing's statement, as the listing prints it:
 * cell[i] for column i of SPEC section 4, NULL when empty, and num[i]
 * for an integer column.  The cells are borrowed until the next step or
 * the next query_row() on r.
 */
struct query_row {
	const char	*cell[QUERY_MAX_COLS];
	int64_t		 num[QUERY_MAX_COLS];
	char		 ints[QUERY_MAX_COLS][21];
	size_t		 len[QUERY_MAX_COLS];	/* packed: cell lengths */
	char		*buf;		/* the packed texts, split */
	size_t		 cap;
};

/*
 * Reads the current row of st, a statement of listing what, into r,
 * which starts zeroed.  Returns 0, or DM_ERROR with a message.  Free r
 * with query_row_free().
 */
int	query_row(struct db_stmt *st, enum dm_listing what,
	    struct query_row *r);
void	query_row_free(struct query_row *r);

/* The columns of the listing what, and how many. */
const struct out_column *query_columns(enum dm_listing what, size_t *ncols);

/*
 * Steps st to the end, writing each row to dst with the columns of the
 * listing what, and counts them in *nrows.  csv and tsv always have
 * their header, and json its brackets, even when there is no row; a table
 * has its header then only with header set.
 */
int	query_write(struct db_stmt *st, enum dm_listing what,
	    const struct dm_output *dst, int header, int64_t *nrows);

#endif
