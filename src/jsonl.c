#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "jsonl.h"

/*
 * Lines parsed ahead at most.  Parsing is a tenth of an import's time;
 * a few lines ahead keep the reader busy, and memory bounded whatever
 * the size of the file.
 */
#define RING	64

struct jsonl {
	FILE			*fp;
	struct digest		*d;
	char			*buf;		/* the reader's line */
	size_t			 cap;
	long			 lineno;	/* the reader's */
	uint64_t		 bytes;
	int			 threaded;
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	/* Under mu, once threaded; ended also without a thread. */
	struct jsonl_line	 ring[RING];
	size_t			 head, count;	/* lines parsed, not taken */
	int			 ended;		/* no line comes after them */
	int			 err;		/* errno of a failed read */
	int			 stop;		/* the caller is through */
};

int
jsonl_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * Reads and parses the next non-blank line into *ln: 1, or 0 at the end
 * of the file, or -1 with *err set if it cannot be read.
 */
static int
read_line(struct jsonl *r, struct jsonl_line *ln, int *err)
{
	ssize_t n;

	errno = 0;
	while ((n = getline(&r->buf, &r->cap, r->fp)) != -1) {
		r->lineno++;
		r->bytes += n;
		digest_update(r->d, r->buf, n);
		if (jsonl_blank(r->buf, n))
			continue;
		memset(ln, 0, sizeof(*ln));
		ln->v = json_loadb(r->buf, n, JSON_REJECT_DUPLICATES,
		    &ln->err);
		ln->lineno = r->lineno;
		ln->bytes = r->bytes;
		return 1;
	}
	if (ferror(r->fp)) {
		*err = errno != 0 ? errno : EIO;
		return -1;
	}
	return 0;
}

static void *
reader(void *arg)
{
	struct jsonl *r = arg;
	struct jsonl_line ln;
	int err = 0, got;

	do {
		got = read_line(r, &ln, &err);
		pthread_mutex_lock(&r->mu);
		while (got == 1 && r->count == RING && !r->stop)
			pthread_cond_wait(&r->cv, &r->mu);
		if (got == 1 && r->stop)
			json_decref(ln.v);
		else if (got == 1)
			r->ring[(r->head + r->count++) % RING] = ln;
		/* A line that is not JSON ends the file's import. */
		if (got != 1 || ln.v == NULL || r->stop) {
			r->ended = 1;
			r->err = err;
			got = 0;
		}
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
	} while (got == 1);
	return NULL;
}

int
jsonl_start(struct jsonl **out, FILE *fp, struct digest *d, long lineno,
    uint64_t bytes)
{
	struct jsonl *r;

	if ((*out = r = calloc(1, sizeof(*r))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	r->fp = fp;
	r->d = d;
	r->lineno = lineno;
	r->bytes = bytes;
	if (pthread_mutex_init(&r->mu, NULL) != 0)
		return 0;
	if (pthread_cond_init(&r->cv, NULL) != 0) {
		pthread_mutex_destroy(&r->mu);
		return 0;
	}
	r->threaded = pthread_create(&r->thread, NULL, reader, r) == 0;
	if (!r->threaded) {
		pthread_cond_destroy(&r->cv);
		pthread_mutex_destroy(&r->mu);
	}
	return 0;
}

int
jsonl_next(struct jsonl *r, struct jsonl_line *ln)
{
	int err = 0, got;

	if (!r->threaded) {
		/* As the reader thread: nothing after a line that is not JSON. */
		if (r->ended)
			got = 0;
		else if ((got = read_line(r, ln, &err)) == 1 && ln->v == NULL)
			r->ended = 1;
		if (got == 0)
			ln->bytes = r->bytes;
	} else {
		pthread_mutex_lock(&r->mu);
		while (r->count == 0 && !r->ended)
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->count > 0) {
			*ln = r->ring[r->head];
			r->head = (r->head + 1) % RING;
			r->count--;
			got = 1;
			pthread_cond_broadcast(&r->cv);
		} else {
			/* The reader is done with bytes and err. */
			got = r->err != 0 ? -1 : 0;
			err = r->err;
			ln->bytes = r->bytes;
		}
		pthread_mutex_unlock(&r->mu);
	}
	if (got < 0)
		return dm_error(DM_ERROR, "read error: %s", strerror(err));
	return got;
}

void
jsonl_stop(struct jsonl *r)
{
	if (r == NULL)
		return;
	if (r->threaded) {
		pthread_mutex_lock(&r->mu);
		r->stop = 1;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		pthread_join(r->thread, NULL);
		for (; r->count > 0; r->count--, r->head = (r->head + 1) % RING)
			json_decref(r->ring[r->head].v);
		pthread_cond_destroy(&r->cv);
		pthread_mutex_destroy(&r->mu);
	}
	free(r->buf);
	free(r);
}
