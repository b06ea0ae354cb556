/*
 * Row writers for the output formats of SPEC section 4.  A caller
 * describes its columns once with out_new(), hands over one row at a
 * time with out_row() and ends with out_finish():
 *
 *	struct out *o = NULL;
 *	if ((rc = out_new(&o, stdout, fmt, cols, ncols, 0)) != 0)
 *		goto done;
 *	while (more rows)
 *		if ((rc = out_row(o, cells)) != 0)
 *			goto done;
 *	rc = out_finish(o);
 * done:
 *	out_free(o);
 *
 * The machine formats (csv, tsv, json, jsonl) write each row to the
 * stream as it arrives; table keeps every row until out_finish(),
 * because it needs the column widths, unless the caller measures its
 * rows first and gives the widths with out_widths().
 */
#ifndef DM_OUTPUT_H
#define DM_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

enum out_format {
	OUT_TABLE,	/* aligned columns, for people */
	OUT_CSV,	/* RFC 4180, CRLF */
	OUT_TSV,	/* tab separated, backslash escapes, LF */
	OUT_JSON,	/* one array of objects */
	OUT_JSONL,	/* one object per line */
};

enum col_type {
	COL_TEXT,	/* a string; a JSON string */
	COL_INT,	/* a decimal integer; a JSON number, right-aligned */
	COL_LIST,	/* items separated by OUT_LIST_SEP; a JSON array */
	COL_NAMES,	/* as COL_LIST, but one item is a JSON string */
};

/* Separates the items of a COL_LIST cell as handed to out_row(). */
#define OUT_LIST_SEP '\x1f'

struct out_column {
	const char	*name;	/* header and JSON key */
	enum col_type	 type;
};

enum out_flags {
	OUT_EXCEL = 1 << 0,	/* csv: BOM, formula cells neutralised */
	OUT_TRUNCATE = 1 << 1,	/* table: cut cells wider than 40 columns */
	OUT_HEADLESS = 1 << 2,	/* table: rows only, for out_append() */
};

struct out;

/*
 * Sets *out to the format called name: "table", "csv", "tsv", "json" or
 * "jsonl".  Returns 0, or DM_EINVALID for any other name.
 */
int	out_format_parse(enum out_format *out, const char *name);

/*
 * Creates a writer of format fmt to fp for ncols (at least one) columns.
 * cols and fp are borrowed and must outlive the writer.  flags is a set
 * of enum out_flags; each applies only to the format named beside it.
 * The header (csv and tsv) is written at once.  Returns 0 and sets *out,
 * which the caller releases with out_free(); DM_EINVALID when ncols is 0;
 * DM_ERROR when out of memory.
 */
int	out_new(struct out **out, FILE *fp, enum out_format fmt,
	    const struct out_column *cols, size_t ncols, unsigned flags);

/*
 * Writes one row: cells holds one UTF-8 string per column, NULL for an
 * SQL NULL.  cells is borrowed only for the call.  Returns 0; DM_ERROR
 * when out of memory or when the stream has already failed to write.
 */
int	out_row(struct out *o, const char *const *cells);

/*
 * Writes what is pending (the closing bracket of json, the whole table)
 * and flushes fp.  Call once, after the last out_row().  Returns 0, or
 * DM_ERROR when any write to fp failed, with the system's reason.
 */
int	out_finish(struct out *o);

/* out_row(), with each cell's length in bytes in lens (or lens NULL). */
int	out_row_len(struct out *o, const char *const *cells,
	    const size_t *lens);
/*
 * table: the width cell s, of n bytes, takes in column col, as out_row()
 * would show it; 0 for NULL.  Other formats: a width nobody uses.
 */
size_t	out_width(struct out *o, const char *s, size_t n, size_t col);
/*
 * table: fixes each column i at least w[i] wide, w[i] being the widest
 * out_width() of the column's cells (the header needs no measuring), so
 * that out_row() writes each row at once instead of keeping it for
 * out_finish().  The last column is never padded: its width goes unused.
 * Call before the first out_row(); other formats ignore it.
 */
void	out_widths(struct out *o, const size_t *w);
/*
 * Writes after the rows so far the n bytes at p: the rows of an
 * OUT_HEADLESS table of the same columns and widths, once finished.
 * Returns as out_finish() does.
 */
int	out_append(struct out *o, const char *p, size_t n);
/* Releases o without writing anything; accepts NULL. */
void	out_free(struct out *o);

/*
 * Display width of UTF-8 text in terminal columns: East Asian wide and
 * fullwidth characters count 2, combining marks 0, an invalid byte 1.
 */
size_t	utf8_width(const char *s);

#endif
