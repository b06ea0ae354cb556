/*
 * The CSV and TSV writers, as a round trip: the cells written, read back
 * by the strict readers below (RFC 4180 for CSV; for TSV, tabs and line
 * feeds between fields, backslash escapes within), are the cells given.
 *
 * Input: a flags byte (bit 0: --excel, bit 1: TSV, bits 2-3: the column
 * types), a byte for the number of columns (1 to 6), then cells separated
 * by NUL bytes: the column names, then rows.  A cell that is the single
 * byte 0xff stands for NULL, which reads back as an empty field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "output.h"

#define MAX_COLS 6

struct reader {
	const char *p, *end;
	char       *field;	/* the last field read */
	size_t      len, cap;
};

static void
field_add(struct reader *r, char c)
{
	char *p;

	if (r->len + 1 >= r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		if ((p = realloc(r->field, r->cap)) == NULL)
			abort();
		r->field = p;
	}
	r->field[r->len++] = c;
	r->field[r->len] = '\0';
}

/*
 * Reads one CSV field into r->field.  Returns ',' or '\n' (the field ends
 * a record) or 0 at the end of input; -1 when the text breaks RFC 4180.
 */
static int
csv_read(struct reader *r)
{
	r->len = 0;
	field_add(r, '\0');
	r->len = 0;
	if (r->p < r->end && *r->p == '"') {
		for (r->p++;; r->p++) {
			if (r->p == r->end)
				return -1;
			if (*r->p == '"') {
				if (r->p + 1 < r->end && r->p[1] == '"') {
					field_add(r, '"');
					r->p++;
					continue;
				}
				r->p++;
				break;
			}
			field_add(r, *r->p);
		}
	} else
		for (; r->p < r->end && *r->p != ',' && *r->p != '\r' &&
		    *r->p != '\n'; r->p++) {
			if (*r->p == '"')
				return -1;
			field_add(r, *r->p);
		}
	if (r->p == r->end)
		return 0;
	if (*r->p == ',') {
		r->p++;
		return ',';
	}
	if (r->end - r->p >= 2 && r->p[0] == '\r' && r->p[1] == '\n') {
		r->p += 2;
		return '\n';
	}
	return -1;
}

/* Reads one TSV field, as csv_read() does. */
static int
tsv_read(struct reader *r)
{
	r->len = 0;
	field_add(r, '\0');
	r->len = 0;
	for (; r->p < r->end && *r->p != '\t' && *r->p != '\n'; r->p++) {
		if (*r->p == '\r')
			return -1;
		if (*r->p != '\\') {
			field_add(r, *r->p);
			continue;
		}
		if (++r->p == r->end)
			return -1;
		switch (*r->p) {
		case '\\':
			field_add(r, '\\');
			break;
		case 't':
			field_add(r, '\t');
			break;
		case 'r':
			field_add(r, '\r');
			break;
		case 'n':
			field_add(r, '\n');
			break;
		default:
			return -1;
		}
	}
	if (r->p == r->end)
		return 0;
	return *r->p++ == '\t' ? ',' : '\n';
}

static int
is_negative_int(const char *s)
{
	if (*s++ != '-' || *s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* What a cell must read back as. */
static char *
expected(const char *s, enum col_type type, int excel)
{
	char *e, *q;

	if (s == NULL)
		s = "";
	if ((e = malloc(strlen(s) + 2)) == NULL)
		abort();
	q = e;
	if (excel && *s != '\0' && strchr("=+-@\t\r", *s) != NULL &&
	    !(type == COL_INT && is_negative_int(s)))
		*q++ = '\'';
	for (; *s != '\0'; s++)
		*q++ = type == COL_LIST && *s == OUT_LIST_SEP ? ';' : *s;
	*q = '\0';
	return e;
}

/* Reads one record and compares it with cells. */
static void
check_record(struct reader *r, int tsv, const char *const *cells,
    const struct out_column *cols, size_t ncols, int header, int excel)
{
	char *want;
	size_t i;
	int end;

	for (i = 0; i < ncols; i++) {
		end = tsv ? tsv_read(r) : csv_read(r);
		FUZZ_ASSERT(end != -1);
		FUZZ_ASSERT(i + 1 == ncols ? end == '\n' : end == ',');
		want = expected(cells[i], header ? COL_TEXT : cols[i].type,
		    excel && !tsv);
		FUZZ_ASSERT(r->len == strlen(want));
		FUZZ_ASSERT(memcmp(r->field, want, r->len) == 0);
		free(want);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct out_column cols[MAX_COLS];
	const char *names[MAX_COLS];
	const char **cells = NULL, *p, *end;
	struct reader r;
	struct out *o = NULL;
	char *text, *buf = NULL;
	size_t ncols, ncells = 0, i, row, buflen = 0;
	unsigned flags;
	FILE *fp;
	int tsv, excel;

	if (size < 2)
		return 0;
	excel = data[0] & 1;
	tsv = (data[0] >> 1) & 1;
	ncols = 1 + data[1] % MAX_COLS;
	text = fuzz_strndup(data + 2, size - 2);
	/* Split at the NUL bytes of the input. */
	for (p = text, end = text + (size - 2);; p += strlen(p) + 1) {
		if ((cells = realloc(cells, (ncells + 1) *
		    sizeof(*cells))) == NULL)
			abort();
		cells[ncells++] = strcmp(p, "\xff") == 0 ? NULL : p;
		if (p + strlen(p) >= end)
			break;
	}
	for (i = 0; i < ncols; i++) {
		names[i] = i < ncells && cells[i] != NULL ? cells[i] : "";
		cols[i].name = names[i];
		cols[i].type = (enum col_type)(((data[0] >> 2) + i) % 3);
	}
	if ((fp = open_memstream(&buf, &buflen)) == NULL)
		abort();
	flags = excel ? OUT_EXCEL : 0;
	FUZZ_ASSERT(out_new(&o, fp, tsv ? OUT_TSV : OUT_CSV, cols, ncols,
	    flags) == 0);
	for (row = ncols; row + ncols <= ncells; row += ncols)
		FUZZ_ASSERT(out_row(o, cells + row) == 0);
	FUZZ_ASSERT(out_finish(o) == 0);
	out_free(o);
	FUZZ_ASSERT(fclose(fp) == 0);

	memset(&r, 0, sizeof(r));
	r.p = buf;
	r.end = buf + buflen;
	if (excel && !tsv) {
		FUZZ_ASSERT(buflen >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0);
		r.p += 3;
	}
	check_record(&r, tsv, names, cols, ncols, 1, excel);
	for (row = ncols; row + ncols <= ncells; row += ncols)
		check_record(&r, tsv, cells + row, cols, ncols, 0, excel);
	FUZZ_ASSERT(r.p == r.end);
	free(r.field);
	free(buf);
	free(cells);
	free(text);
	return 0;
}
