/*
 * who's table: a table needs its widths before its first row, so every
 * row is kept, measured, then written.  A second thread measures the rows
 * while SQLite reads them, then formats the second half of them while the
 * first half goes out.
 */
/* madvise() and MADV_HUGEPAGE, which POSIX leaves out. */
#define _DEFAULT_SOURCE

#include <sys/mman.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "who.h"

/*
 * The rows kept, in chunks that never move, so that the worker reads
 * those written while the next ones go in; it is handed them every
 * PUBLISH_ROWS rows.  Each row is its length n, then its n bytes and a
 * NUL.  A chunk takes 2 MiB huge pages where the kernel offers them: a
 * page fault for every 4 KiB of rows was a sixth of the time of a long
 * table (who over 85,692 pairs: 6,377 faults, then 1,239).
 */
#define CHUNK_ALIGN	((size_t)2 << 20)
#define CHUNK_BYTES	((size_t)4 << 20)
#define PUBLISH_ROWS	1024
#define ROW_BYTES(n)	(sizeof(size_t) + (n) + 1)

/*
 * Written, the rows go by blocks: the odd ones formatted by the worker
 * into one of two buffers while the main thread writes the even ones,
 * then handed over.  One buffer for the whole second half took longer to
 * fill than the first half took to write (its pages faulted in one by
 * one).
 */
#define BLOCK_ROWS	512

/* Whether row k is in the worker's block, and which buffer it fills. */
#define WORKERS(k)	((k) / BLOCK_ROWS % 2 == 1)
#define BUFFER(k)	((int)((k) / BLOCK_ROWS / 2 % 2))

struct chunk {
	struct chunk	*next;
	size_t		 len;		/* bytes of rows in data */
	size_t		 cap;
	char		 data[];
};

struct table {
	int		 threaded;	/* the worker runs beside the caller */
	struct chunk	*head;		/* set before the first row is handed over */
	struct out	*o2[2];		/* the worker's writers, one a buffer: */
	FILE		*fp2[2];	/* ... text2[i] */
	char		*text2[2];
	size_t		 len2[2];
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	/* Under mu. */
	struct chunk	*pub;		/* rows up to pub->data + publen are */
	size_t		 publen;	/* ... the worker's to read */
	int		 done;		/* no row comes after them */
	int		 failed;	/* reading failed: the worker stops */
	int		 measured;	/* w and nrows are final, or rc is set */
	size_t		 w[QUERY_MAX_COLS];
	int64_t		 nrows;
	int		 full[2];	/* buffer i holds a block to write */
	int		 stop;		/* the caller is through: so is the worker */
	int		 rc;		/* the worker's error, and its message */
	char		 msg[1024];
};

/* A chunk for at least need bytes of rows, or NULL. */
static struct chunk *
chunk_new(size_t need)
{
	struct chunk *c;
	size_t size;

	if (need > SIZE_MAX - sizeof(*c) - CHUNK_BYTES)
		return NULL;
	size = sizeof(*c) + need < CHUNK_BYTES ? CHUNK_BYTES :
	    (sizeof(*c) + need + CHUNK_ALIGN - 1) / CHUNK_ALIGN * CHUNK_ALIGN;
	if ((c = aligned_alloc(CHUNK_ALIGN, size)) == NULL)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(c, size, MADV_HUGEPAGE);
#endif
	c->next = NULL;
	c->len = 0;
	c->cap = size - sizeof(*c);
	return c;
}

/* A row's text and length, at off in chunk c. */
static char *
row_at(struct chunk *c, size_t off, size_t *n)
{
	memcpy(n, c->data + off, sizeof(*n));
	return c->data + off + sizeof(*n);
}

/* Hands the rows written so far over to the worker. */
static void
publish(struct table *t, struct chunk *c, int done, int failed)
{
	pthread_mutex_lock(&t->mu);
	t->pub = c;
	t->publen = c == NULL ? 0 : c->len;
	t->done = done;
	t->failed = failed;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

/* The worker's end of measuring: the widths, or its error. */
static void
measured(struct table *t, const size_t *w, int64_t nrows, int rc)
{
	pthread_mutex_lock(&t->mu);
	memcpy(t->w, w, sizeof(t->w));
	t->nrows = nrows;
	if (rc != 0) {
		t->rc = rc;
		snprintf(t->msg, sizeof(t->msg), "%s", dm_error_last());
	}
	t->measured = 1;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

/* Waits until buffer i is full (want 1) or free (want 0). */
static int
wait_buffer(struct table *t, int i, int want)
{
	int go;

	pthread_mutex_lock(&t->mu);
	while (t->full[i] != want && !t->stop && t->rc == 0)
		pthread_cond_wait(&t->cv, &t->mu);
	go = t->full[i] == want && !t->stop && t->rc == 0;
	pthread_mutex_unlock(&t->mu);
	return go;
}

static void
set_buffer(struct table *t, int i, int full)
{
	pthread_mutex_lock(&t->mu);
	t->full[i] = full;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

/*
 * Measures every row as it is handed over; then, beside the caller,
 * formats the odd blocks of rows into the two buffers in turn.
 */
static void *
worker(void *arg)
{
	struct table *t = arg;
	struct query_row r = { 0 };
	struct chunk *c = NULL, *pub;
	size_t off = 0, publen, end, n, i, cw, w[QUERY_MAX_COLS] = { 0 };
	int64_t nrows = 0, k;
	int done, failed, b, rc = 0;
	char *p;

	do {
		pthread_mutex_lock(&t->mu);
		while (!t->done && t->pub == c && t->publen == off)
			pthread_cond_wait(&t->cv, &t->mu);
		pub = t->pub;
		publen = t->publen;
		done = t->done;
		failed = t->failed;
		pthread_mutex_unlock(&t->mu);
		if (failed || pub == NULL)
			continue;
		if (c == NULL)
			c = t->head;
		for (;;) {
			for (end = c == pub ? publen : c->len; off < end;
			    off += ROW_BYTES(n), nrows++) {
				p = row_at(c, off, &n);
				if ((rc = who_unpack(p, n, &r)) != 0)
					goto fail;
				/* The last column is never padded. */
				for (i = 0; i + 1 < WHO_NCOLS; i++)
					if ((cw = out_width(t->o2[0], r.cell[i],
					    r.len[i], i)) > w[i])
						w[i] = cw;
			}
			if (c == pub)
				break;
			c = c->next;
			off = 0;
		}
	} while (!done);
	measured(t, w, nrows, 0);
	if (failed || !t->threaded)
		goto out;

	out_widths(t->o2[0], w);
	out_widths(t->o2[1], w);
	for (c = t->head, off = 0, k = 0; c != NULL; c = c->next, off = 0)
		for (; off < c->len; off += ROW_BYTES(n), k++) {
			p = row_at(c, off, &n);
			if (!WORKERS(k))
				continue;
			b = BUFFER(k);
			if (k % BLOCK_ROWS == 0 && (!wait_buffer(t, b, 0) ||
			    fseek(t->fp2[b], 0, SEEK_SET) != 0))
				goto out;
			if ((rc = who_unpack(p, n, &r)) != 0 ||
			    (rc = out_row_len(t->o2[b], r.cell, r.len)) != 0)
				goto fail;
			/* The block's last row: the block into its buffer. */
			if (k % BLOCK_ROWS == BLOCK_ROWS - 1 || k + 1 == nrows) {
				if ((rc = out_append(t->o2[b], NULL, 0)) != 0)
					goto fail;
				if (fflush(t->fp2[b]) != 0) {
					rc = dm_error(DM_ERROR, "out of memory");
					goto fail;
				}
				set_buffer(t, b, 1);
			}
		}
	goto out;
fail:
	measured(t, w, nrows, rc);
out:
	query_row_free(&r);
	return NULL;
}

/* Sets up the worker's two writers, each into a buffer. */
static int
buffers_new(struct table *t, unsigned flags)
{
	int i, rc;

	for (i = 0; i < 2; i++) {
		if ((t->fp2[i] = open_memstream(&t->text2[i],
		    &t->len2[i])) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		if ((rc = out_new(&t->o2[i], t->fp2[i], OUT_TABLE, who_cols,
		    WHO_NCOLS, flags | OUT_HEADLESS)) != 0)
			return rc;
	}
	return 0;
}

/*
 * Steps st to its end, keeping its rows in chunks handed over to the
 * worker as they fill.  Returns DB_DONE, or an error.
 */
static int
keep_rows(struct table *t, struct db_stmt *st)
{
	struct chunk *c, *tail = NULL;
	const char *text;
	size_t n;
	int64_t k = 0;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		text = db_column_text(st, 0);
		n = text == NULL ? 0 : strlen(text);
		if (tail == NULL || ROW_BYTES(n) > tail->cap - tail->len) {
			if ((c = chunk_new(ROW_BYTES(n))) == NULL) {
				rc = dm_error(DM_ERROR, "out of memory");
				break;
			}
			if (tail == NULL)
				t->head = c;
			else {
				tail->next = c;
				publish(t, tail, 0, 0);
			}
			tail = c;
		}
		memcpy(tail->data + tail->len, &n, sizeof(n));
		memcpy(tail->data + tail->len + sizeof(n), text == NULL ? "" :
		    text, n + 1);
		tail->len += ROW_BYTES(n);
		if (++k % PUBLISH_ROWS == 0)
			publish(t, tail, 0, 0);
	}
	publish(t, tail, 1, rc != DB_DONE);
	return rc;
}

/*
 * Once the worker has measured them, writes the rows kept to o: the
 * caller's blocks row by row, the worker's as it formatted them.
 */
static int
write_rows(struct table *t, struct out *o, struct query_row *r)
{
	struct chunk *c;
	size_t n, off;
	int64_t k;
	int rc, b;
	char *p;

	pthread_mutex_lock(&t->mu);
	while (!t->measured)
		pthread_cond_wait(&t->cv, &t->mu);
	pthread_mutex_unlock(&t->mu);
	if (t->rc != 0)
		return 0;
	out_widths(o, t->w);
	for (c = t->head, k = 0; c != NULL; c = c->next)
		for (off = 0; off < c->len; off += ROW_BYTES(n), k++) {
			p = row_at(c, off, &n);
			if (t->threaded && WORKERS(k)) {
				if (k % BLOCK_ROWS != 0)
					continue;
				b = BUFFER(k);
				if (!wait_buffer(t, b, 1))
					return 0;
				if ((rc = out_append(o, t->text2[b],
				    t->len2[b])) != 0)
					return rc;
				set_buffer(t, b, 0);
				continue;
			}
			if ((rc = who_unpack(p, n, r)) != 0 ||
			    (rc = out_row_len(o, r->cell, r->len)) != 0)
				return rc;
		}
	return 0;
}

/* Frees what t holds. */
static void
table_free(struct table *t)
{
	struct chunk *c, *next;
	int i;

	for (i = 0; i < 2; i++) {
		out_free(t->o2[i]);
		if (t->fp2[i] != NULL)
			fclose(t->fp2[i]);
		free(t->text2[i]);
	}
	for (c = t->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	pthread_cond_destroy(&t->cv);
	pthread_mutex_destroy(&t->mu);
}

int
who_table(struct db_stmt *st, struct out *o, unsigned flags, int64_t *nrows)
{
	struct table t;
	struct query_row r = { 0 };
	pthread_t tid;
	int rc;

	*nrows = 0;
	memset(&t, 0, sizeof(t));
	pthread_mutex_init(&t.mu, NULL);
	pthread_cond_init(&t.cv, NULL);
	if ((rc = buffers_new(&t, flags)) != 0)
		goto done;
	/* Without a second thread, all but the measuring is the caller's. */
	t.threaded = 1;
	if (pthread_create(&tid, NULL, worker, &t) != 0)
		t.threaded = 0;
	rc = keep_rows(&t, st);
	if (!t.threaded)
		worker(&t);
	if (rc == DB_DONE)
		rc = write_rows(&t, o, &r);
	pthread_mutex_lock(&t.mu);
	t.stop = 1;
	pthread_cond_broadcast(&t.cv);
	pthread_mutex_unlock(&t.mu);
	if (t.threaded)
		pthread_join(tid, NULL);
	if (rc == 0 && t.rc != 0)
		rc = dm_error(t.rc, "%s", t.msg);
	if (rc == 0)
		*nrows = t.nrows;
done:
	query_row_free(&r);
	table_free(&t);
	return rc;
}
