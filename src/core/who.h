/*
 * who, the cross-reference of accusations, in one module: the listing's
 * columns and packed rows, its SQL summed up live from the claims or read
 * from the summary (who_pairs and its tables, migrations 0002, 0003,
 * 0007), the summary's sums at the end of an import, its rebuild and
 * check, and the table printed from the packed rows (who_table.c).
 */
#ifndef DM_WHO_H
#define DM_WHO_H

#include <stddef.h>
#include <stdint.h>

#include "output.h"
#include "query.h"
#include "query_parts.h"

struct db;
struct db_stmt;

/*
 * A row of who is packed in one text, its cells in the order of
 * WHO_COLUMNS: each as its length in bytes, WHO_LEN_END, its bytes and
 * WHO_CELL_END, or WHO_NULL when NULL, so that any text, separators
 * included, comes back whole.  SQLite's work per column read was most of
 * the cost of a long listing (migrations 0006 and 0009).  The live SQL
 * packs with WHO_PACK() and who_unpack() reads it back; who_pairs.listing
 * holds the same, packed by migration 0009's trigger.
 */
#define WHO_LEN_END	":"
#define WHO_CELL_END	","
#define WHO_NULL	"-" WHO_CELL_END

/* SQL that packs the text x as one cell of a packed row. */
#define WHO_PACK(x)							\
	"ifnull(length(CAST(" x " AS BLOB)) || '" WHO_LEN_END "' || " x	\
	" || '" WHO_CELL_END "', '" WHO_NULL "')"

/*
 * The columns of who, in order, joined by sep: X(name, type, the column
 * of who_pairs, the live SQL's of a pair p of actors a and b by id, and
 * of a pair of top-level codes under --rollup).  Counts are packed as
 * their digits; dates as written, without the day in front that orders
 * them.
 */
#define WHO_COLUMNS(X, sep)						\
	X("accuser_code", COL_TEXT, "accuser", "a.code", "p.accuser")	\
	sep X("accuser_name", COL_TEXT, "accuser_name", "a.name",	\
	    "a.name") sep						\
	X("accused_code", COL_TEXT, "accused", "b.code", "p.accused")	\
	sep X("accused_name", COL_TEXT, "accused_name", "b.name",	\
	    "b.name") sep						\
	X("claims", COL_INT, "claims", "p.nc", "p.nc") sep		\
	X("statements", COL_INT, "statements", "p.ns", "p.ns") sep	\
	X("first_date", COL_TEXT, "substr(first_lo, 11)",		\
	    "substr(p.lo, 11)", "substr(p.lo, 11)") sep			\
	X("last_date", COL_TEXT, "substr(last_hi, 11)",			\
	    "substr(p.hi, 11)", "substr(p.hi, 11)") sep			\
	X("kinds", COL_LIST, "kinds", "p.kinds", "p.kinds") sep		\
	X("topics", COL_LIST, "topics", "p.topics", "p.topics")

#define WHO_NCOLS	10

/* The columns of the listing. */
extern const struct out_column who_cols[WHO_NCOLS];

/* The live listing's parts, and the summary's. */
extern const struct part who_sql[];
extern const struct part who_summary_sql[];

/*
 * The plan of who: from the summary where it answers the filter,
 * otherwise summed up afresh in an order fit for the dates.
 */
int	who_plan(dm_archive *a, const struct dm_filter *f,
	    const struct bound *b, struct plan *p);

/*
 * Reads into r the packed row of who held in the n bytes at t, split in
 * place: its cells point into t.  A row split already splits again the
 * same.  Returns 0, or DM_ERROR with a message.
 */
int	who_unpack(char *t, size_t n, struct query_row *r);

/*
 * Steps st, a statement of who, to its end and writes its rows to o, a
 * table writer of who's columns made with flags; counts them in *nrows.
 * Returns 0, or an error with its message (a row that does not unpack,
 * out of memory, a failed write).  The caller finishes o.
 */
int	who_table(struct db_stmt *st, struct out *o, unsigned flags,
	    int64_t *nrows);

/*
 * SQL counting the rows of the summary that differ from the claims, the
 * packed listings included, for 'demarche check'.
 */
extern const char who_sql_check[];

/*
 * Fills the summary again from the claims, within the caller's
 * transaction, with no import pending.
 */
int	who_rebuild(struct db *db);

/*
 * Sums up into the summary the claims of the statements of import
 * import_id (only statement sid, if not 0), which the triggers left
 * alone while it was pending: in bulk, a pair at a time.
 */
int	who_sum(struct db *db, int64_t import_id, int64_t sid);

/*
 * Once no import is pending, the listing columns of the pairs the
 * summed-up statements touched.
 */
int	who_settle(struct db *db);

#endif
