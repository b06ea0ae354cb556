/*
 * Fills a full-text table with rows its texts tokenized ahead on a
 * second thread.  FTS5 tokenizes each text on the connection's thread,
 * where the rest of an import's work waits for it; with the tokens made
 * ahead (db_tokens_make()), that thread only hands them over, and the
 * core that would be idle folds and stems (bench/PROFILE.md, fifteenth
 * round).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_tokenizer.h"
#include "error.h"
#include "fts_fill.h"

/*
 * Rows read ahead at most, and their texts' bytes at most beyond the
 * first one's: enough to keep the second thread busy, and memory
 * bounded whatever the file.
 */
#define RING		32
#define AHEAD_BYTES	(256 * 1024)

/*
 * A full-text table's texts: a statement's title and text, a claim's
 * summary and quote.
 */
#define COLS		2

struct row {
	int64_t			 rowid;
	char			*text[COLS];	/* NULL: SQL NULL */
	size_t			 len[COLS];	/* 0 for NULL */
	struct db_tokens	 tok[COLS];
	int			 made;	/* tok holds the tokens */
};

struct fill {
	struct db_tokenizer	*tz;
	struct row		 ring[RING];
	size_t			 queued;	/* texts' bytes of the rows read */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	/* Under mu: rows read, tokenized (or given up), inserted. */
	size_t			 read, done, taken;
	int			 stop;
};

/* The bytes of a row's texts, which AHEAD_BYTES bounds. */
static size_t
row_bytes(const struct row *r)
{
	size_t n = 0;
	int i;

	for (i = 0; i < COLS; i++)
		n += r->len[i];
	return n;
}

static void
row_free(struct row *r)
{
	int i;

	for (i = 0; i < COLS; i++) {
		free(r->text[i]);
		db_tokens_free(&r->tok[i]);
	}
	memset(r, 0, sizeof(*r));
}

/* Tokenizes a row's texts; out of memory, leaves them to FTS5. */
static void
tokenize_row(struct fill *f, struct row *r)
{
	int i;

	r->made = 1;
	for (i = 0; i < COLS && r->made; i++)
		if (r->text[i] != NULL && db_tokens_make(f->tz, r->text[i],
		    (int)r->len[i], &r->tok[i]) != 0)
			r->made = 0;
	for (i = 0; !r->made && i < COLS; i++)
		db_tokens_free(&r->tok[i]);
}

static void *
worker(void *arg)
{
	struct fill *f = arg;
	struct row *r;

	pthread_mutex_lock(&f->mu);
	for (;;) {
		while (!f->stop && f->done == f->read)
			pthread_cond_wait(&f->cv, &f->mu);
		if (f->stop)
			break;
		r = &f->ring[f->done % RING];
		pthread_mutex_unlock(&f->mu);
		tokenize_row(f, r);
		pthread_mutex_lock(&f->mu);
		f->done++;
		pthread_cond_broadcast(&f->cv);
	}
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

/* Reads sel's next row into the ring: 0, 1 at its end, or an error. */
static int
read_row(struct fill *f, struct db_stmt *sel)
{
	struct row *r = &f->ring[f->read % RING];
	const char *s;
	int i, rc;

	if ((rc = db_step(sel)) == DB_DONE)
		return 1;
	if (rc != DB_ROW)
		return rc;
	r->rowid = db_column_int(sel, 0);
	for (i = 0; i < COLS; i++) {
		if ((s = db_column_text(sel, i + 1)) == NULL)
			continue;
		r->len[i] = strlen(s);
		if ((r->text[i] = malloc(r->len[i] + 1)) == NULL) {
			row_free(r);
			return dm_error(DM_ERROR, "out of memory");
		}
		memcpy(r->text[i], s, r->len[i] + 1);
	}
	f->queued += row_bytes(r);
	pthread_mutex_lock(&f->mu);
	f->read++;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	return 0;
}

/* Inserts the oldest row read, with its tokens once they are made. */
static int
insert_row(struct fill *f, struct db_stmt *ins, int threaded)
{
	struct row *r = &f->ring[f->taken % RING];
	struct db_tokens tok[COLS];
	size_t n = 0;
	int i, rc;

	if (threaded) {
		pthread_mutex_lock(&f->mu);
		while (f->done == f->taken)
			pthread_cond_wait(&f->cv, &f->mu);
		pthread_mutex_unlock(&f->mu);
	}
	/* FTS5 does not tokenize a NULL: no tokens stand for it. */
	for (i = 0; r->made && i < COLS; i++)
		if (r->text[i] != NULL)
			tok[n++] = r->tok[i];
	rc = db_bind_int(ins, 1, r->rowid);
	for (i = 0; rc == 0 && i < COLS; i++)
		rc = db_bind_text(ins, i + 2, r->text[i]);
	if (rc == 0) {
		db_tokens_ahead(tok, n);
		rc = db_run(ins);
		db_tokens_ahead(NULL, 0);
	}
	f->queued -= row_bytes(r);
	row_free(r);
	pthread_mutex_lock(&f->mu);
	f->taken++;
	pthread_mutex_unlock(&f->mu);
	return rc;
}

int
fts_fill(struct db_stmt *sel, struct db_stmt *ins)
{
	struct fill f;
	pthread_t thread;
	int rc = 0, more = 1, threaded;

	memset(&f, 0, sizeof(f));
	pthread_mutex_init(&f.mu, NULL);
	pthread_cond_init(&f.cv, NULL);
	/* Without the second thread, FTS5 tokenizes as it always does. */
	threaded = (f.tz = db_tokenizer_new()) != NULL &&
	    pthread_create(&thread, NULL, worker, &f) == 0;
	while (rc == 0) {
		while (more && rc == 0 && f.read - f.taken < RING &&
		    (f.read == f.taken || f.queued < AHEAD_BYTES))
			if ((rc = read_row(&f, sel)) == 1) {
				more = 0;
				rc = 0;
			}
		if (rc != 0 || f.read == f.taken)
			break;
		rc = insert_row(&f, ins, threaded);
	}
	if (threaded) {
		pthread_mutex_lock(&f.mu);
		f.stop = 1;
		pthread_cond_broadcast(&f.cv);
		pthread_mutex_unlock(&f.mu);
		pthread_join(thread, NULL);
	}
	for (; f.taken < f.read; f.taken++)
		row_free(&f.ring[f.taken % RING]);
	db_tokenizer_free(f.tz);
	pthread_cond_destroy(&f.cv);
	pthread_mutex_destroy(&f.mu);
	db_reset(sel);
	return rc;
}
