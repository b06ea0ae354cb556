#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fold.h"
#include "instream.h"
#include "jsonl.h"

/*
 * Items parsed ahead at most, and their JSON text at most beyond the
 * first one waiting.  Parsing is a tenth of an import's time; a few
 * items ahead keep the reader busy, and memory bounded.
 */
#define RING		64
#define AHEAD_BYTES	STATEMENT_MAX_BYTES
/* Nesting deeper than jansson's own limit is refused as jansson does. */
#define MAX_DEPTH	2048

struct jsonl {
	struct instream		*src;
	struct digest		*d;
	unsigned char		 in[65536];	/* bytes read, not yet scanned */
	size_t			 pos, len;
	int			 eof;
	int			 rerr;		/* errno of a failed read */
	uint64_t		 bytes;		/* read from the file */
	long			 line, col;	/* of the next byte, from 1 */
	char			*val;		/* the value being taken */
	size_t			 vlen, vcap;
	long			 vline, vcol;	/* where it begins */
	int			 lines;		/* JSON Lines: a value a line */
	int			 failed;	/* an error was given */
	int			 resumes;	/* and reading goes on */
	size_t			 values;	/* top-level values begun */
	long			 top_line;	/* where the last began */
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	/* Under mu. */
	struct jsonl_item	 ring[RING];
	size_t			 head, count;	/* items parsed, not taken */
	size_t			 queued;	/* their text's bytes */
	int			 ended;		/* nothing comes after them */
	int			 stop;		/* the caller is through */
};

/* The next byte, EOF at the end of the file or a read error. */
static int
peek(struct jsonl *r)
{
	ssize_t n;

	if (r->pos == r->len) {
		if (r->eof)
			return EOF;
		if ((n = instream_read(r->src, r->in, sizeof(r->in))) <= 0) {
			r->eof = 1;
			r->rerr = n < 0 ? errno : 0;
			return EOF;
		}
		digest_update(r->d, r->in, (size_t)n);
		r->bytes += (uint64_t)n;
		r->pos = 0;
		r->len = (size_t)n;
	}
	return r->in[r->pos];
}

/* Passes the byte peek() gave, counting lines and characters. */
static void
advance(struct jsonl *r)
{
	int c = r->in[r->pos++];

	if (c == '\n') {
		r->line++;
		r->col = 1;
	} else if ((c & 0xc0) != 0x80)
		r->col++;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}


/*
 * Hands an item to the caller, waiting for room: 0, or -1 if it is an
 * error or the caller is through (nothing more is read then).
 */
static int
emit(struct jsonl *r, struct jsonl_item *it)
{
	/*
	 * A line of JSON Lines stands alone, so reading can go on past one
	 * that is not JSON; so can a first line, if the error is on it.
	 */
	if (it->v == NULL)
		it->resumes = r->resumes = r->rerr == 0 && (r->values == 1 ?
		    it->err.line == r->top_line : r->lines);
	pthread_mutex_lock(&r->mu);
	while (!r->stop && (r->count == RING || (r->count > 0 &&
	    r->queued + it->size > AHEAD_BYTES)))
		pthread_cond_wait(&r->cv, &r->mu);
	if (r->stop)
		json_decref(it->v);
	else {
		r->ring[(r->head + r->count++) % RING] = *it;
		r->queued += it->size;
		pthread_cond_broadcast(&r->cv);
	}
	pthread_mutex_unlock(&r->mu);
	return r->stop || it->v == NULL ? -1 : 0;
}

/* Gives an error at line:col (col 0: none); returns -1. */
static int fail(struct jsonl *, long, long, const char *, ...)
    __attribute__((format(printf, 4, 5)));

static int
fail(struct jsonl *r, long line, long col, const char *fmt, ...)
{
	struct jsonl_item it;
	va_list ap;

	/* A read error is said by jsonl_next(), not as what it cut. */
	if (r->rerr != 0 || r->failed)
		return -1;
	r->failed = 1;
	memset(&it, 0, sizeof(it));
	va_start(ap, fmt);
	vsnprintf(it.err.text, sizeof(it.err.text), fmt, ap);
	va_end(ap);
	it.err.line = (int)line;
	it.err.column = (int)col;
	it.lineno = line;
	return emit(r, &it);
}

/* Appends c to the value taken: 0, or -1 when out of memory (said). */
static int
append(struct jsonl *r, int c)
{
	char *p;
	size_t cap;

	if (r->vlen == 0) {
		r->vline = r->line;
		r->vcol = r->col;
	}
	if (r->vlen == r->vcap) {
		cap = r->vcap ? r->vcap * 2 : 4096;
		if ((p = realloc(r->val, cap)) == NULL)
			return fail(r, r->line, r->col, "out of memory");
		r->val = p;
		r->vcap = cap;
	}
	r->val[r->vlen++] = (char)c;
	return 0;
}

/* "near 'x'", as jansson says it, for the next byte. */
static const char *
near(struct jsonl *r, char buf[16])
{
	int c = peek(r);

	if (c == EOF)
		return "near end of file";
	if (c < 0x20 || c >= 0x7f)
		snprintf(buf, 16, "near byte 0x%02x", c);
	else
		snprintf(buf, 16, "near '%c'", c);
	return buf;
}

/* Passes white space; keep: into the value taken.  The next byte. */
static int
skip_space(struct jsonl *r, int keep)
{
	int c;

	while ((c = peek(r)) != EOF && is_space(c)) {
		if (keep && append(r, c) != 0)
			return EOF;
		advance(r);
	}
	return c;
}

/*
 * Takes the bytes of a string, from the next one, which matters not,
 * up to one that matters to take() ('"', '\\', NUL, a line's end), the
 * end of what was read or STATEMENT_MAX_BYTES, all at once: most of a
 * statement is the inside of its strings.  0, or -1 when out of memory
 * (said).
 */
static int
take_string(struct jsonl *r)
{
	const unsigned char *s = r->in + r->pos, *p, *e;
	size_t room = STATEMENT_MAX_BYTES - r->vlen, cap, n;
	char *v;

	e = r->in + r->len;
	if ((size_t)(e - s) > room)
		e = s + room;
	for (p = s; p < e && *p != '"' && *p != '\\' && *p != '\0' &&
	    *p != '\n'; p++)
		if ((*p & 0xc0) != 0x80)
			r->col++;
	n = (size_t)(p - s);
	cap = r->vcap ? r->vcap : 4096;
	while (cap < r->vlen + n)
		cap *= 2;
	if (cap > r->vcap) {
		if ((v = realloc(r->val, cap)) == NULL)
			return fail(r, r->line, r->col, "out of memory");
		r->val = v;
		r->vcap = cap;
	}
	memcpy(r->val + r->vlen, s, n);
	r->vlen += n;
	r->pos += n;
	return 0;
}

/*
 * Takes the JSON text of one value into r->val, from the next byte to
 * where the value ends, d brackets already open in it and depth around
 * it: 0, or -1 when an error was given.  Only where the value ends is
 * found here; jansson checks the rest.  oneline: the end of the line
 * ends it too (JSON Lines), *cut then set.
 */
static int
take(struct jsonl *r, int depth, int d, int oneline, int *cut)
{
	int c, instr = 0, esc = 0;

	while ((c = peek(r)) != EOF) {
		if (c == '\0')
			return fail(r, r->line, r->col, "a NUL byte, which "
			    "JSON text cannot hold");
		if (instr && !esc && c != '\\' && c != '"' && c != '\n' &&
		    r->vlen < STATEMENT_MAX_BYTES) {
			if (take_string(r) != 0)
				return -1;
			continue;
		}
		if (instr) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				instr = 0;
		} else if (c == '"')
			instr = 1;
		else if (c == '{' || c == '[') {
			if (depth + ++d > MAX_DEPTH)
				return fail(r, r->line, r->col, "maximum "
				    "parsing depth reached near '%c'", c);
		} else if (c == '}' || c == ']') {
			if (d == 0)
				return 0;
			d--;
		} else if (d == 0 && (c == ',' || is_space(c)))
			return 0;
		if (r->vlen >= STATEMENT_MAX_BYTES)
			return fail(r, r->vline, r->vcol, "a value of more "
			    "than %d MiB, the limit for one statement",
			    STATEMENT_MAX_BYTES >> 20);
		if (append(r, c) != 0)
			return -1;
		advance(r);
		if (oneline && c == '\n' && d > 0) {
			*cut = 1;
			return 0;
		}
		if (!instr && d == 0 && (c == '}' || c == ']' || c == '"'))
			return 0;
	}
	return r->rerr != 0 ? -1 : 0;
}

/*
 * Parses the value taken, which began at line:col, and gives it.  cut:
 * it was cut short by the end of its line, which its error names.
 */
static int
give(struct jsonl *r, enum jsonl_kind kind, size_t index, long line,
    long col, int cut)
{
	struct jsonl_item it;
	char buf[16];

	if (r->vlen == 0)
		return fail(r, r->line, r->col, "value expected %s",
		    near(r, buf));
	memset(&it, 0, sizeof(it));
	it.kind = kind;
	it.index = index;
	it.lineno = line;
	it.size = r->vlen;
	it.bytes = r->bytes - (r->len - r->pos);
	it.v = json_loadb(r->val, r->vlen, JSON_REJECT_DUPLICATES |
	    (kind == JSONL_VALUE ? 0 : JSON_DECODE_ANY), &it.err);
	if (it.v == NULL) {
		if (cut || it.err.line < 1) {
			it.err.line = (int)line;
			it.err.column = 0;
		} else if (it.err.line == 1) {
			it.err.line = (int)line;
			it.err.column += (int)col - 1;
		} else
			it.err.line += (int)line - 1;
	}
	r->vlen = 0;
	return emit(r, &it);
}

/*
 * Passes what follows an item of an array or object closed by close: 0
 * after a comma, 1 after close, or -1 when an error was given.
 */
static int
after_item(struct jsonl *r, int close)
{
	char buf[16];
	int c;

	if ((c = skip_space(r, 0)) != ',' && c != close)
		return fail(r, r->line, r->col, "',' or '%c' expected %s",
		    close, near(r, buf));
	advance(r);
	return c == close;
}

/* An array, at its '[': each element given as kind. */
static int
array(struct jsonl *r, enum jsonl_kind kind, int depth)
{
	size_t index = 0;
	long line, col;
	int c;

	advance(r);
	if (skip_space(r, 0) == ']') {
		advance(r);
		return 0;
	}
	for (;;) {
		skip_space(r, 0);
		line = r->line;
		col = r->col;
		if (take(r, depth + 1, 0, 0, NULL) != 0 ||
		    give(r, kind, index++, line, col, 0) != 0)
			return -1;
		if ((c = after_item(r, ']')) != 0)
			return c > 0 ? 0 : -1;
	}
}

/* 1 if the value taken from start is the key "actors" or "statements". */
static int
bundle_key(const struct jsonl *r, size_t start, int *actors)
{
	size_t n = r->vlen - start;

	*actors = n == 8 && memcmp(r->val + start, "\"actors\"", 8) == 0;
	return *actors || (n == 12 &&
	    memcmp(r->val + start, "\"statements\"", 12) == 0);
}

/*
 * A bundle, taken to the end of its first key (in r->val from start):
 * "actors" and "statements" are streamed, another member is given as an
 * object of its own.
 */
static int
bundle(struct jsonl *r, size_t start, long line, long col)
{
	char buf[16];
	size_t klen;
	int c, actors, seen[2] = { 0, 0 };

	for (;;) {
		if (skip_space(r, 1) != ':')
			return fail(r, r->line, r->col, "':' expected %s",
			    near(r, buf));
		advance(r);
		if (bundle_key(r, start, &actors) && skip_space(r, 0) == '[') {
			if (seen[actors])
				return fail(r, line, col, "duplicate object "
				    "key near '%s'", actors ? "actors" :
				    "statements");
			if (actors && seen[0])
				return fail(r, line, col, "a bundle's "
				    "'actors' must come before its "
				    "'statements'");
			seen[actors] = 1;
			r->vlen = 0;
			if (array(r, actors ? JSONL_ACTOR : JSONL_STATEMENT,
			    1) != 0)
				return -1;
		} else {
			/* The member alone: '{', its key, ':', its value. */
			klen = r->vlen - start;
			if (start == 0 && append(r, ' ') != 0)
				return -1;
			memmove(r->val + 1, r->val + start, klen);
			r->val[0] = '{';
			r->vlen = klen + 1;
			if (append(r, ':') != 0 ||
			    (skip_space(r, 1), r->failed) ||
			    take(r, 2, 0, 0, NULL) != 0 || append(r, '}') != 0 ||
			    give(r, JSONL_MEMBER, 0, line, col, 0) != 0)
				return -1;
		}
		if ((c = after_item(r, '}')) != 0)
			return c > 0 ? 0 : -1;
		r->vlen = 0;
		start = 0;
		skip_space(r, 0);
		line = r->line;
		col = r->col;
		if (peek(r) != '"')
			return fail(r, line, col, "string expected %s",
			    near(r, buf));
		if (take(r, 2, 0, 0, NULL) != 0)
			return -1;
	}
}

/*
 * An object at the top level: a bundle when its first key is "actors" or
 * "statements", else taken whole.
 */
static int
object(struct jsonl *r, long line, long col)
{
	size_t start;
	long kline, kcol;
	int actors, cut = 0;

	if (append(r, '{') != 0)
		return -1;
	advance(r);
	if (skip_space(r, 1) == '"') {
		start = r->vlen;
		kline = r->line;
		kcol = r->col;
		if (take(r, 1, 0, 0, NULL) != 0)
			return -1;
		if (bundle_key(r, start, &actors))
			return bundle(r, start, kline, kcol);
	}
	return take(r, 0, 1, r->lines, &cut) != 0 ? -1 :
	    give(r, JSONL_VALUE, 0, line, col, cut);
}

/*
 * Passes the rest of the line of a value that failed, for the next line;
 * 0 when the caller is through.
 */
static int
resume(struct jsonl *r)
{
	unsigned long n = 0;
	int c, stop;

	/*
	 * The caller may have stopped reading (no --keep-going), and a line
	 * may never end (a device of zeros): look at the stop flag as it
	 * goes, and end at a NUL byte, which no text holds.
	 */
	for (;;) {
		if (n++ % 65536 == 0) {
			pthread_mutex_lock(&r->mu);
			stop = r->stop;
			pthread_mutex_unlock(&r->mu);
			if (stop)
				return 0;
		}
		if (r->line != r->top_line || (c = peek(r)) == EOF)
			break;
		if (c == '\0')
			return 0;
		advance(r);
	}
	r->failed = r->resumes = 0;
	r->vlen = 0;
	return 1;
}

/* The file: its top-level values, one after the other. */
static void
scan(struct jsonl *r)
{
	char buf[16];
	long line, col;
	int c, cut, rc;

	/* A byte-order mark is dropped; the digest keeps the file's. */
	if (peek(r) != EOF)
		r->pos += utf8_bom((const char *)r->in + r->pos,
		    r->len - r->pos);
	while ((c = skip_space(r, 0)) != EOF) {
		line = r->line;
		col = r->col;
		/* A document spread over lines is one value, as JSON says. */
		if (r->values == 1 && !r->lines) {
			fail(r, line, col, "end of file expected %s",
			    near(r, buf));
			return;
		}
		r->values++;
		r->top_line = line;
		cut = 0;
		r->vlen = 0;
		if (c == '[')
			rc = array(r, JSONL_STATEMENT, 0);
		else if (c == '{')
			rc = object(r, line, col);
		else
			rc = take(r, 0, 0, 0, NULL) != 0 ? -1 :
			    give(r, JSONL_VALUE, 0, line, col, cut);
		if (rc != 0) {
			if (!r->resumes || !resume(r))
				return;
			r->lines = 1;
		} else if (r->values == 1)
			r->lines = r->line == line;
	}
}

static void *
reader(void *arg)
{
	struct jsonl *r = arg;

	scan(r);
	pthread_mutex_lock(&r->mu);
	r->ended = 1;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

int
jsonl_start(struct jsonl **out, struct instream *in, struct digest *d)
{
	struct jsonl *r;
	int err;

	if ((*out = r = calloc(1, sizeof(*r))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	r->src = in;
	r->d = d;
	r->line = r->col = 1;
	if (pthread_mutex_init(&r->mu, NULL) != 0) {
		free(r);
		*out = NULL;
		return dm_error(DM_ERROR, "cannot start reading: out of "
		    "memory");
	}
	if (pthread_cond_init(&r->cv, NULL) != 0 ||
	    (err = pthread_create(&r->thread, NULL, reader, r)) != 0) {
		pthread_cond_destroy(&r->cv);
		pthread_mutex_destroy(&r->mu);
		free(r);
		*out = NULL;
		return dm_error(DM_ERROR, "cannot start a reading thread: "
		    "out of memory");
	}
	return 0;
}

int
jsonl_next(struct jsonl *r, struct jsonl_item *it)
{
	int got, err;

	pthread_mutex_lock(&r->mu);
	while (r->count == 0 && !r->ended)
		pthread_cond_wait(&r->cv, &r->mu);
	if (r->count > 0) {
		*it = r->ring[r->head];
		r->head = (r->head + 1) % RING;
		r->count--;
		r->queued -= it->size;
		got = 1;
		pthread_cond_broadcast(&r->cv);
	} else {
		/* The reader is done with what follows. */
		got = r->rerr != 0 ? -1 : 0;
		it->bytes = r->bytes;
		it->index = r->values;
	}
	err = r->rerr;
	pthread_mutex_unlock(&r->mu);
	if (got < 0)
		return dm_error(DM_ERROR, "read error: %s", strerror(err));
	return got;
}

void
jsonl_stop(struct jsonl *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&r->mu);
	r->stop = 1;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->thread, NULL);
	for (; r->count > 0; r->count--, r->head = (r->head + 1) % RING)
		json_decref(r->ring[r->head].v);
	pthread_cond_destroy(&r->cv);
	pthread_mutex_destroy(&r->mu);
	free(r->val);
	free(r);
}
