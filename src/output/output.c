#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "error.h"
#include "output.h"

/* Table cells wider than this are cut when OUT_TRUNCATE is set. */
#define TRUNC_WIDTH	40
#define ELLIPSIS	"\xe2\x80\xa6"		/* U+2026, one column */
#define REPLACEMENT	"\xef\xbf\xbd"		/* U+FFFD, for invalid bytes */
#define UTF8_BOM	"\xef\xbb\xbf"
#define LIST_SEP	"\x1f"			/* OUT_LIST_SEP, as a string */
#define IS_LIST(t)	((t) == COL_LIST || (t) == COL_NAMES)

/*
 * A growing string.  After an allocation fails, failed stays set and
 * what the string holds no longer counts, so a row is checked once, not
 * per byte.
 */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
	int	 failed;
};

struct out {
	FILE			*fp;
	enum out_format		 fmt;
	const struct out_column	*cols;
	size_t			 ncols;
	unsigned		 flags;
	size_t			 nrows;		/* rows given to out_row() */
	int			 werrno;	/* first write failure, or 0 */
	struct buf		 line;		/* the row being formatted */
	/*
	 * table: the cells of the header, then of the rows, as shown, one
	 * after another in pool, each ended by its NUL, and cellw gives
	 * each one's width.  One pool, not an allocation per cell, and
	 * nothing more per cell than its width: memory written was most
	 * of the cost of a long table.
	 */
	struct buf		 pool;
	uint32_t		*cellw;
	size_t			 nstored;	/* table: whole rows stored */
	size_t			 cellcap;	/* table: rows cellw can hold */
	size_t			*width;		/* table: widest cell per column */
	size_t			*len;		/* table: a row's cell lengths */
	const char		**cell;		/* table: a row's cells */
	uint32_t		*roww;		/* table: a row's cell widths */
	/*
	 * table after out_widths(): each row is written as it comes, the
	 * header kept in pool up to head.
	 */
	int			 streaming;
	size_t			 head;
};

/* Indexed by enum out_format. */
static const char *const format_names[] = {
	"table",	/* OUT_TABLE */
	"csv",		/* OUT_CSV */
	"tsv",		/* OUT_TSV */
	"json",		/* OUT_JSON */
	"jsonl",	/* OUT_JSONL */
};

/* Grows b to hold n more bytes and a NUL; returns where they go. */
static char *
buf_grow(struct buf *b, size_t n)
{
	char *np;
	size_t ncap;

	if (b->failed)
		return NULL;
	ncap = b->cap == 0 ? 256 : b->cap;
	while (n >= ncap - b->len) {
		if (ncap > SIZE_MAX / 2) {
			b->failed = 1;
			return NULL;
		}
		ncap *= 2;
	}
	if ((np = realloc(b->p, ncap)) == NULL) {
		b->failed = 1;
		return NULL;
	}
	b->p = np;
	b->cap = ncap;
	return b->p + b->len;
}

/* Where n more bytes and a NUL go: the buffer grows only now and then. */
static inline char *
buf_room(struct buf *b, size_t n)
{
	if (n < b->cap - b->len)
		return b->p + b->len;
	return buf_grow(b, n);
}

static inline void
buf_addn(struct buf *b, const char *s, size_t n)
{
	char *d;

	if ((d = buf_room(b, n)) == NULL)
		return;
	memcpy(d, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_adds(struct buf *b, const char *s)
{
	buf_addn(b, s, strlen(s));
}

static void
buf_addc(struct buf *b, char c)
{
	buf_addn(b, &c, 1);
}

/* Eight bytes at a time: most cells are plain ASCII. */
#define ONES		UINT64_C(0x0101010101010101)
#define HIGHS		UINT64_C(0x8080808080808080)

/*
 * Flags the bytes of v below 0x20 or above 0x7e.  A borrow or carry can
 * flag a byte wrongly only above one flagged rightly, so the lowest flag
 * is a true one: on a little-endian machine, the first byte in memory.
 */
static inline uint64_t
unprintable(uint64_t v)
{
	return (((v - 0x20 * ONES) & ~v) | ((v + ONES) | v)) & HIGHS;
}

/* The length of the run of printable ASCII at s: one column each. */
static size_t
ascii_run(const char *s, size_t n)
{
	uint64_t v, m;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&v, s + i, 8);
		if ((m = unprintable(v)) != 0) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + (size_t)__builtin_ctzll(m) / 8;
#else
			break;
#endif
		}
	}
	for (; i < n && s[i] >= 0x20 && s[i] < 0x7f; i++)
		;
	return i;
}

/*
 * Copies to d the run of printable ASCII and list separators at s, n
 * bytes at most, each separator as "; ", and returns its length; *len
 * gets what was written, which is also its width.  d has room for 2n + 8
 * bytes: words are stored whole, then only their plain bytes counted.
 * Lists of short items (topics) made a call per item before.
 */
static size_t
list_run(char *d, const char *s, size_t n, size_t *len)
{
	uint64_t v, m;
	size_t i = 0, o = 0, j;

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (i + 8 <= n) {
		memcpy(&v, s + i, 8);
		memcpy(d + o, &v, 8);
		if ((m = unprintable(v)) == 0) {
			i += 8;
			o += 8;
			continue;
		}
		j = (size_t)__builtin_ctzll(m) / 8;
		i += j;
		o += j;
		if (s[i] != OUT_LIST_SEP)
			break;
		d[o++] = ';';
		d[o++] = ' ';
		i++;
	}
#endif
	for (; i < n; i++)
		if (s[i] >= 0x20 && s[i] < 0x7f)
			d[o++] = s[i];
		else if (s[i] == OUT_LIST_SEP) {
			d[o++] = ';';
			d[o++] = ' ';
		} else
			break;
	*len = o;
	return i;
}

/*
 * Decodes the character at s, n bytes long at most, into *cp and returns
 * its length; an invalid or truncated sequence decodes as one byte, -1.
 */
static size_t
next_char(const char *s, size_t n, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t r;

	/* ASCII, such as a list's separators, needs no decoding. */
	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	r = utf8proc_iterate((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)n, cp);
	if (r <= 0) {
		*cp = -1;
		return 1;
	}
	return (size_t)r;
}

static size_t
char_width(utf8proc_int32_t cp)
{
	int w;

	if (cp < 0)
		return 1;
	w = utf8proc_charwidth(cp);
	return w > 0 ? (size_t)w : 0;
}

size_t
utf8_width(const char *s)
{
	utf8proc_int32_t cp;
	size_t n, k, w;

	n = strlen(s);
	w = 0;
	while (n > 0) {
		k = next_char(s, n, &cp);
		w += char_width(cp);
		s += k;
		n -= k;
	}
	return w;
}

int
out_format_parse(enum out_format *out, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (enum out_format)i;
			return 0;
		}
	return dm_error(DM_EINVALID,
	    "unknown format '%s' (table, csv, tsv, json, jsonl)", name);
}

/* Writes n bytes at p to the stream, unless a write failed before. */
static int
put(struct out *o, const char *p, size_t n)
{
	if (n > 0 && o->werrno == 0) {
		errno = 0;
		if (fwrite(p, 1, n, o->fp) != n)
			o->werrno = errno != 0 ? errno : EIO;
	}
	if (o->werrno != 0)
		return dm_error(DM_ERROR, "cannot write output: %s",
		    strerror(o->werrno));
	return 0;
}

/* Hands the formatted line to the stream and empties it. */
static int
emit(struct out *o)
{
	int rc;

	if (o->line.failed)
		return dm_error(DM_ERROR, "out of memory");
	rc = put(o, o->line.p, o->line.len);
	o->line.len = 0;
	return rc;
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

/* The integers JSON allows: no leading zero, no plus sign. */
static int
is_json_int(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		return s[1] == '\0';
	if (*s < '1' || *s > '9')
		return 0;
	for (s++; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static void
csv_field(struct out *o, const char *s, enum col_type type)
{
	struct buf *b = &o->line;
	const char *e;
	char *p;
	size_t n, start;
	int quote, rewrite, neutralise;

	if (s == NULL)
		return;
	/*
	 * A spreadsheet runs a cell starting with one of these as a
	 * formula; a leading quote makes it text.  A negative number is
	 * data, and rewriting it would make it a string.
	 */
	neutralise = (o->flags & OUT_EXCEL) && *s != '\0' &&
	    strchr("=+-@\t\r", *s) != NULL &&
	    !(type == COL_INT && is_negative_int(s));
	/* libc's vectorised searches: long list cells are most of a who. */
	n = strcspn(s, IS_LIST(type) ? ",\"\r\n" LIST_SEP : ",\"\r\n");
	if (s[n] == '\0') {
		/* Most cells: nothing to quote or rewrite. */
		if (neutralise)
			buf_addc(b, '\'');
		buf_addn(b, s, n);
		return;
	}
	quote = strpbrk(s + n, ",\"\r\n") != NULL;
	rewrite = strchr(s + n, '"') != NULL;
	if (quote)
		buf_addc(b, '"');
	if (neutralise)
		buf_addc(b, '\'');
	start = b->len;
	/* Spans go whole, and a quote is doubled. */
	while (rewrite && *(e = s + strcspn(s, "\"")) != '\0') {
		buf_addn(b, s, (size_t)(e - s));
		buf_addn(b, "\"\"", 2);
		s = e + 1;
	}
	buf_adds(b, s);
	/* A list's items are separated by ';'. */
	if (IS_LIST(type) && !b->failed)
		for (p = b->p + start; (p = memchr(p, OUT_LIST_SEP,
		    (size_t)(b->p + b->len - p))) != NULL; p++)
			*p = ';';
	if (quote)
		buf_addc(b, '"');
}

static void
tsv_field(struct out *o, const char *s, enum col_type type)
{
	struct buf *b = &o->line;
	size_t n;

	if (s == NULL)
		return;
	/* Spans with nothing to escape go whole. */
	for (;;) {
		n = strcspn(s, IS_LIST(type) ? "\\\t\r\n" LIST_SEP :
		    "\\\t\r\n");
		buf_addn(b, s, n);
		s += n;
		switch (*s++) {
		case '\0':
			return;
		case '\\':
			buf_addn(b, "\\\\", 2);
			break;
		case '\t':
			buf_addn(b, "\\t", 2);
			break;
		case '\r':
			buf_addn(b, "\\r", 2);
			break;
		case '\n':
			buf_addn(b, "\\n", 2);
			break;
		default:	/* OUT_LIST_SEP */
			buf_addc(b, ';');
			break;
		}
	}
}

/* Writes the header or a row of csv or tsv, without its line end. */
static void
sep_row(struct out *o, const char *const *cells, int header)
{
	enum col_type type;
	size_t i;

	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			buf_addc(&o->line, o->fmt == OUT_CSV ? ',' : '\t');
		type = header ? COL_TEXT : o->cols[i].type;
		if (o->fmt == OUT_CSV)
			csv_field(o, cells[i], type);
		else
			tsv_field(o, cells[i], type);
	}
}

/*
 * Writes n bytes of s as a JSON string.  Invalid UTF-8 becomes U+FFFD so
 * that the output is always valid JSON.
 */
static void
json_string(struct buf *b, const char *s, size_t n)
{
	utf8proc_int32_t cp;
	unsigned char c;
	size_t k, run;
	char esc[8];

	buf_addc(b, '"');
	while (n > 0) {
		/* Printable ASCII but quotes and backslashes goes whole. */
		for (k = 0, run = ascii_run(s, n); k < run && s[k] != '"' &&
		    s[k] != '\\'; k++)
			;
		if (k > 0) {
			buf_addn(b, s, k);
			s += k;
			n -= k;
			continue;
		}
		c = (unsigned char)*s;
		k = 1;
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c == '\n')
			buf_adds(b, "\\n");
		else if (c == '\r')
			buf_adds(b, "\\r");
		else if (c == '\t')
			buf_adds(b, "\\t");
		else if (c < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			buf_adds(b, esc);
		} else if (c < 0x80)
			buf_addc(b, (char)c);
		else {
			k = next_char(s, n, &cp);
			if (cp < 0)
				buf_adds(b, REPLACEMENT);
			else
				buf_addn(b, s, k);
		}
		s += k;
		n -= k;
	}
	buf_addc(b, '"');
}

static void
json_value(struct buf *b, const char *s, enum col_type type)
{
	const char *end;

	if (type == COL_LIST || (type == COL_NAMES && s != NULL &&
	    strchr(s, OUT_LIST_SEP) != NULL)) {
		buf_addc(b, '[');
		while (s != NULL && *s != '\0') {
			if ((end = strchr(s, OUT_LIST_SEP)) == NULL)
				end = s + strlen(s);
			json_string(b, s, (size_t)(end - s));
			if (*end == '\0')
				break;
			buf_adds(b, ", ");
			s = end + 1;
		}
		buf_addc(b, ']');
	} else if (s == NULL)
		buf_adds(b, "null");
	else if (type == COL_INT && is_json_int(s))
		buf_adds(b, s);
	else {
		/* Also an integer JSON cannot hold as a number, e.g. "016". */
		json_string(b, s, strlen(s));
	}
}

static void
json_object(struct out *o, const char *const *cells)
{
	size_t i;

	buf_addc(&o->line, '{');
	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			buf_adds(&o->line, ", ");
		json_string(&o->line, o->cols[i].name,
		    strlen(o->cols[i].name));
		buf_adds(&o->line, ": ");
		json_value(&o->line, cells[i], o->cols[i].type);
	}
	buf_addc(&o->line, '}');
}

/*
 * Whether code point cp is a control character: C0, DEL or C1.  A
 * terminal acts on these (ESC and CSI start escape sequences that move,
 * recolour, retitle or clear it), so text for people never holds one.
 */
static inline int
is_control(utf8proc_int32_t cp)
{
	return (cp >= 0 && cp < 0x20) || (cp >= 0x7f && cp < 0xa0);
}

/*
 * Adds to b the control character cp at s, n bytes left, as people see
 * it: a tab, a line end (a CRLF pair whole) as one space, any other as
 * \xHH, HH its code point in hex (ESC is \x1b, CSI \x9b).  Sets *k to
 * the bytes it took and returns its width.
 */
static size_t
control_text(struct buf *b, const char *s, size_t n, utf8proc_int32_t cp,
    size_t *k)
{
	static const char hex[] = "0123456789abcdef";
	char esc[4] = { '\\', 'x', hex[(cp >> 4) & 0xf], hex[cp & 0xf] };

	if (cp == '\t' || cp == '\n' || cp == '\r') {
		if (cp == '\r' && n > 1 && s[1] == '\n')
			*k = 2;
		buf_addc(b, ' ');
		return 1;
	}
	buf_addn(b, esc, sizeof(esc));
	return sizeof(esc);
}

/*
 * Adds to b the n bytes at s as text for people: controls as
 * control_text() shows them, invalid bytes as U+FFFD, the rest as it is.
 */
static void
people_text(struct buf *b, const char *s, size_t n)
{
	utf8proc_int32_t cp;
	size_t k;

	while (n > 0) {
		if ((k = ascii_run(s, n)) > 0)
			buf_addn(b, s, k);
		else {
			k = next_char(s, n, &cp);
			if (is_control(cp))
				control_text(b, s, n, cp, &k);
			else if (cp < 0)
				buf_adds(b, REPLACEMENT);
			else
				buf_addn(b, s, k);
		}
		s += k;
		n -= k;
	}
}

int
dm_vprint(FILE *fp, const char *fmt, va_list ap)
{
	struct buf b = { NULL, 0, 0, 0 };
	char small[512], *p = small;
	va_list again;
	int n, rc = 0;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small) && (p = malloc((size_t)n + 1)) != NULL)
		vsnprintf(p, (size_t)n + 1, fmt, again);
	va_end(again);
	if (n < 0 || p == NULL)
		return dm_error(DM_ERROR, "out of memory");
	people_text(&b, p, (size_t)n);
	if (b.failed)
		rc = dm_error(DM_ERROR, "out of memory");
	else if (b.len > 0 && fwrite(b.p, 1, b.len, fp) != b.len)
		rc = dm_error(DM_ERROR, "cannot write output: %s",
		    strerror(errno));
	if (p != small)
		free(p);
	free(b.p);
	return rc;
}

int
dm_print(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = dm_vprint(fp, fmt, ap);
	va_end(ap);
	return rc;
}

/* Whether the n bytes at s show as they are, one column each. */
static inline int
table_plain(const struct out *o, const char *s, size_t n)
{
	return n == 0 || ((n <= TRUNC_WIDTH || !(o->flags & OUT_TRUNCATE)) &&
	    ascii_run(s, n) == n);
}

/*
 * Adds s to the pool as the table shows it, with its NUL, and gives its
 * width: lists joined with "; ", control characters as control_text()
 * shows them, invalid bytes as U+FFFD, and with
 * OUT_TRUNCATE, at most TRUNC_WIDTH columns.
 */
static size_t
table_text(struct out *o, const char *s, enum col_type type)
{
	struct buf *b = &o->pool;
	utf8proc_int32_t cp;
	size_t n, k, w, cut, cutw, fit, len;
	char *d;
	/* Without a cut to place, a list is copied a run at a time. */
	int runs = IS_LIST(type) && !(o->flags & OUT_TRUNCATE);

	n = s == NULL ? 0 : strlen(s);
	/* Most cells: plain ASCII with no cut to place, copied at once. */
	if (table_plain(o, s, n)) {
		buf_addn(b, n == 0 ? "" : s, n + 1);
		return n;
	}
	w = cutw = 0;
	cut = b->len;
	while (n > 0) {
		if (runs) {
			if ((d = buf_room(b, 2 * n + 8)) == NULL)
				break;
			if ((k = list_run(d, s, n, &len)) > 0) {
				b->len += len;
				w += len;
				s += k;
				n -= k;
				continue;
			}
		} else if ((k = ascii_run(s, n)) > 0) {
			buf_addn(b, s, k);
			/* Where to cut: after the characters that fit. */
			if (w + 1 < TRUNC_WIDTH) {
				fit = k < TRUNC_WIDTH - 1 - w ? k :
				    TRUNC_WIDTH - 1 - w;
				cut = b->len - k + fit;
				cutw = w + fit;
			}
			w += k;
			s += k;
			n -= k;
			continue;
		}
		k = next_char(s, n, &cp);
		if (IS_LIST(type) && cp == OUT_LIST_SEP) {
			buf_addn(b, "; ", 2);
			w += 2;
		} else if (is_control(cp))
			w += control_text(b, s, n, cp, &k);
		else if (cp < 0) {
			buf_adds(b, REPLACEMENT);
			w++;
		} else {
			buf_addn(b, s, k);
			w += char_width(cp);
		}
		/* A wide character never straddles the cut. */
		if (w < TRUNC_WIDTH) {
			cut = b->len;
			cutw = w;
		}
		s += k;
		n -= k;
	}
	if ((o->flags & OUT_TRUNCATE) && w > TRUNC_WIDTH) {
		b->len = cut;
		buf_adds(b, ELLIPSIS);
		w = cutw + 1;
	}
	buf_addn(b, "", 1);
	return w;
}

/* Stores one row (header when cells are the column names) for later. */
static int
table_store(struct out *o, const char *const *cells, int header)
{
	uint32_t *nw;
	size_t i, ncap, w;

	if (o->nstored >= o->cellcap) {
		ncap = o->cellcap == 0 ? 64 : o->cellcap * 2;
		if (ncap > SIZE_MAX / sizeof(*nw) / o->ncols ||
		    (nw = realloc(o->cellw,
		    ncap * o->ncols * sizeof(*nw))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		o->cellw = nw;
		o->cellcap = ncap;
	}
	nw = o->cellw + o->nstored * o->ncols;
	for (i = 0; i < o->ncols; i++) {
		w = table_text(o, cells[i], header ? COL_TEXT :
		    o->cols[i].type);
		/* SQLite's texts are far shorter: a guard, not a limit. */
		if (w > UINT32_MAX)
			return dm_error(DM_ERROR, "a cell too wide for a table");
		nw[i] = (uint32_t)w;
		if (w > o->width[i])
			o->width[i] = w;
	}
	if (o->pool.failed)
		return dm_error(DM_ERROR, "out of memory");
	o->nstored++;
	return 0;
}

/*
 * Formats into line a row: cell[i], len[i] bytes, cw[i] columns wide.
 * The room for the whole row is made once: a call per cell and per pad
 * was most of the cost of a long table.
 */
static void
table_line(struct out *o, const char *const *cell, const size_t *len,
    const uint32_t *cw)
{
	size_t i, pad, last, need = 1;
	char *d, *q;

	/* Padding after the last cell that shows something is noise. */
	for (last = o->ncols; last > 1 && len[last - 1] == 0; last--)
		;
	for (i = 0; i < last; i++)
		need += 2 + len[i] + o->width[i];
	if ((q = d = buf_room(&o->line, need)) == NULL)
		return;
	for (i = 0; i < last; i++) {
		pad = o->width[i] - cw[i];
		if (i > 0) {
			*q++ = ' ';
			*q++ = ' ';
		}
		if (o->cols[i].type == COL_INT) {
			memset(q, ' ', pad);
			q += pad;
		}
		memcpy(q, cell[i], len[i]);
		q += len[i];
		if (o->cols[i].type != COL_INT && i + 1 < last) {
			memset(q, ' ', pad);
			q += pad;
		}
	}
	/* A cell's own trailing spaces go too, as they always did. */
	while (q > d && q[-1] == ' ')
		q--;
	*q++ = '\n';
	*q = '\0';
	o->line.len += (size_t)(q - d);
}

/* Points cell and len at the row stored at p in pool; returns the next. */
static const char *
table_stored(struct out *o, const char *p)
{
	size_t i;

	for (i = 0; i < o->ncols; i++) {
		o->cell[i] = p;
		o->len[i] = strlen(p);
		p += o->len[i] + 1;
	}
	return p;
}

static int
table_print(struct out *o)
{
	const char *p = o->pool.p;
	const uint32_t *cw = o->cellw;
	size_t r;
	int rc;

	for (r = 0; r < o->nstored; r++, cw += o->ncols) {
		p = table_stored(o, p);
		table_line(o, o->cell, o->len, cw);
		/* Rows go to the stream in blocks, not one call each. */
		if ((o->line.len >= 1 << 16 || r + 1 == o->nstored) &&
		    (rc = emit(o)) != 0)
			return rc;
	}
	return 0;
}

/*
 * A row after out_widths(), written at once: a cell that shows as it is
 * is not copied, the others are made in pool, after the header.
 */
static int
table_stream(struct out *o, const char *const *cells, const size_t *lens)
{
	size_t i, n, w;

	if (o->nrows == 0 && !(o->flags & OUT_HEADLESS)) {
		table_stored(o, o->pool.p);
		table_line(o, o->cell, o->len, o->cellw);
	}
	o->pool.len = o->head;
	for (i = 0; i < o->ncols; i++) {
		n = cells[i] == NULL ? 0 : lens != NULL ? lens[i] :
		    strlen(cells[i]);
		if (table_plain(o, cells[i], n)) {
			o->cell[i] = n == 0 ? "" : cells[i];
			o->len[i] = w = n;
		} else {
			/* Where it goes; pool may move before the row ends. */
			o->cell[i] = NULL;
			o->len[i] = o->pool.len;
			w = table_text(o, cells[i], o->cols[i].type);
		}
		if (w > UINT32_MAX)
			return dm_error(DM_ERROR, "a cell too wide for a table");
		o->roww[i] = (uint32_t)w;
		/* Wider than out_widths() said: misaligned, not cut. */
		if (w > o->width[i])
			o->width[i] = w;
	}
	if (o->pool.failed)
		return dm_error(DM_ERROR, "out of memory");
	for (i = 0; i < o->ncols; i++)
		if (o->cell[i] == NULL) {
			o->cell[i] = o->pool.p + o->len[i];
			o->len[i] = strlen(o->cell[i]);
		}
	table_line(o, o->cell, o->len, o->roww);
	return o->line.len >= 1 << 16 ? emit(o) : 0;
}

size_t
out_width(struct out *o, const char *s, size_t n, size_t col)
{
	size_t len, w;

	if (s == NULL)
		return 0;
	/* table_text()'s own shortcut, without the copy. */
	if (table_plain(o, s, n))
		return n;
	len = o->pool.len;
	w = table_text(o, s, o->cols[col].type);
	o->pool.len = len;
	return w;
}

void
out_widths(struct out *o, const size_t *w)
{
	size_t i;

	if (o->fmt != OUT_TABLE)
		return;
	for (i = 0; i < o->ncols; i++)
		if (w[i] > o->width[i])
			o->width[i] = w[i];
	o->head = o->pool.len;
	o->streaming = 1;
}

int
out_new(struct out **out, FILE *fp, enum out_format fmt,
    const struct out_column *cols, size_t ncols, unsigned flags)
{
	struct out *o;
	const char **names = NULL;
	size_t i;
	int rc = DM_ERROR;

	*out = NULL;
	if (ncols == 0)
		return dm_error(DM_EINVALID, "output needs at least one column");
	if ((o = calloc(1, sizeof(*o))) == NULL ||
	    (names = calloc(ncols, sizeof(*names))) == NULL) {
		rc = dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	o->fp = fp;
	o->fmt = fmt;
	o->cols = cols;
	o->ncols = ncols;
	o->flags = flags;
	for (i = 0; i < ncols; i++)
		names[i] = cols[i].name;

	switch (fmt) {
	case OUT_CSV:
	case OUT_TSV:
		if (fmt == OUT_CSV && (flags & OUT_EXCEL))
			buf_adds(&o->line, UTF8_BOM);
		sep_row(o, names, 1);
		buf_adds(&o->line, fmt == OUT_CSV ? "\r\n" : "\n");
		rc = emit(o);
		break;
	case OUT_TABLE:
		if ((o->width = calloc(ncols, sizeof(*o->width))) == NULL ||
		    (o->len = calloc(ncols, sizeof(*o->len))) == NULL ||
		    (o->cell = calloc(ncols, sizeof(*o->cell))) == NULL ||
		    (o->roww = calloc(ncols, sizeof(*o->roww))) == NULL) {
			rc = dm_error(DM_ERROR, "out of memory");
			break;
		}
		rc = table_store(o, names, 1);
		break;
	case OUT_JSON:
	case OUT_JSONL:
		rc = 0;
		break;
	}
done:
	free(names);
	if (rc != 0)
		out_free(o);
	else
		*out = o;
	return rc;
}

int
out_row(struct out *o, const char *const *cells)
{
	return out_row_len(o, cells, NULL);
}

int
out_row_len(struct out *o, const char *const *cells, const size_t *lens)
{
	int rc;

	switch (o->fmt) {
	case OUT_TABLE:
		/* A streamed table goes out in blocks (table_stream()). */
		if (o->streaming) {
			rc = table_stream(o, cells, lens);
			o->nrows++;
			return rc;
		}
		if ((rc = table_store(o, cells, 0)) != 0)
			return rc;
		break;
	case OUT_CSV:
	case OUT_TSV:
		sep_row(o, cells, 0);
		buf_adds(&o->line, o->fmt == OUT_CSV ? "\r\n" : "\n");
		break;
	case OUT_JSON:
		/* The separator waits for the next row: no comma to undo. */
		buf_adds(&o->line, o->nrows == 0 ? "[\n" : ",\n");
		json_object(o, cells);
		break;
	case OUT_JSONL:
		json_object(o, cells);
		buf_addc(&o->line, '\n');
		break;
	}
	o->nrows++;
	return emit(o);
}

int
out_finish(struct out *o)
{
	int rc = 0;

	if (o->fmt == OUT_JSON) {
		buf_adds(&o->line, o->nrows == 0 ? "[]\n" : "\n]\n");
		rc = emit(o);
	} else if (o->fmt == OUT_TABLE && o->nrows > 0)
		rc = o->streaming ? emit(o) : table_print(o);
	if (rc != 0)
		return rc;
	errno = 0;
	if (fflush(o->fp) == EOF && o->werrno == 0)
		o->werrno = errno != 0 ? errno : EIO;
	if (ferror(o->fp) && o->werrno == 0)
		o->werrno = EIO;
	if (o->werrno != 0)
		return dm_error(DM_ERROR, "cannot write output: %s",
		    strerror(o->werrno));
	return 0;
}

int
out_append(struct out *o, const char *p, size_t n)
{
	int rc;

	return (rc = emit(o)) != 0 ? rc : put(o, p, n);
}

void
out_free(struct out *o)
{
	if (o == NULL)
		return;
	free(o->pool.p);
	free(o->cellw);
	free(o->width);
	free(o->len);
	free(o->cell);
	free(o->roww);
	free(o->line.p);
	free(o);
}
