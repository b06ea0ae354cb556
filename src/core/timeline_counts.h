/*
 * The timeline's summary in one module: timeline_counts (migration
 * 0017), the claims in force by statement first day, last day and kind.
 * When it answers a timeline, the SQL that reads it, its sums at the end
 * of an import, its rebuild and its check.  The counts summed up live
 * from the claims are the listings' (query.c).
 */
#ifndef DM_TIMELINE_COUNTS_H
#define DM_TIMELINE_COUNTS_H

#include <stdint.h>

#include "query.h"
#include "query_parts.h"

struct db;

/* The counts read from the summary, as the live counts' columns. */
extern const struct part timeline_counts_sql[];

/*
 * Whether the summary answers counts of claims filtered by the asks ask
 * (enum ask) and grouped by group: it keeps dates and kinds, nothing more.
 */
int	timeline_counts_serve(unsigned ask, enum query_group group);

/*
 * Sums up into the summary the claims of the statements of import
 * import_id (only statement sid, if not 0), which the triggers left
 * alone while it was pending.
 */
int	timeline_counts_sum(struct db *db, int64_t import_id, int64_t sid);

/* SQL counting the rows of the summary that differ from the claims. */
extern const char timeline_counts_sql_check[];

/* Fills the summary again from the claims, in the caller's transaction. */
int	timeline_counts_rebuild(struct db *db);

#endif
