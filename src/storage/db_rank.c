#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "db_rank.h"
#include "db_tokenizer.h"

/* bm25()'s constants. */
#define K1		1.2
#define B		0.75
/* Past this many rows kept, every row is ranked exactly: no larger heap. */
#define KEEP_MAX	100000

/* What the rows of one query share, set up at its first row. */
struct rank {
	int		 nphrase, ncol;
	double		 avgdl;
	double		*idf;		/* of each phrase */
	double		*freq;		/* hits of each phrase in the row */
	int		*size;		/* tokens of each phrase */
	int		*reach;		/* tokens each column has at least */
	int		 keep;		/* 0: every row exactly */
	int		 nbest;
	double		*best;		/* max-heap of the keep best ranks */
	sqlite3_int64	 rowid;		/* the row last ranked, */
	double		 last;		/* ... its rank, */
	int		 ranked;
	int		 exact;		/* ... and whether exactly */
};

static int
count_hit(const Fts5ExtensionApi *api, Fts5Context *fc, void *arg)
{
	(void)api;
	(void)fc;
	(*(sqlite3_int64 *)arg)++;
	return SQLITE_OK;
}

static void
rank_free(void *p)
{
	struct rank *r = p;

	if (r == NULL)
		return;
	free(r->idf);
	free(r->freq);
	free(r->size);
	free(r->reach);
	free(r->best);
	free(r);
}

/* The query's shared state, made at its first row. */
static int
rank_get(const Fts5ExtensionApi *api, Fts5Context *fc, int keep,
    struct rank **out)
{
	sqlite3_int64 nrow = 0, ntok = 0, nhit;
	struct rank *r;
	int i, rc;

	if ((*out = api->xGetAuxdata(fc, 0)) != NULL)
		return SQLITE_OK;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return SQLITE_NOMEM;
	r->nphrase = api->xPhraseCount(fc);
	r->ncol = api->xColumnCount(fc);
	r->keep = keep > 0 && keep <= KEEP_MAX ? keep : 0;
	if ((r->idf = calloc(r->nphrase + 1, sizeof(double))) == NULL ||
	    (r->freq = calloc(r->nphrase + 1, sizeof(double))) == NULL ||
	    (r->size = calloc(r->nphrase + 1, sizeof(int))) == NULL ||
	    (r->reach = calloc(r->ncol + 1, sizeof(int))) == NULL ||
	    (r->best = calloc(r->keep + 1, sizeof(double))) == NULL) {
		rank_free(r);
		return SQLITE_NOMEM;
	}
	/* As bm25(): the same operations, so the same bits. */
	if ((rc = api->xRowCount(fc, &nrow)) == SQLITE_OK)
		rc = api->xColumnTotalSize(fc, -1, &ntok);
	if (rc == SQLITE_OK)
		r->avgdl = (double)ntok / (double)nrow;
	for (i = 0; rc == SQLITE_OK && i < r->nphrase; i++) {
		r->size[i] = api->xPhraseSize(fc, i);
		nhit = 0;
		if ((rc = api->xQueryPhrase(fc, i, &nhit, count_hit)) ==
		    SQLITE_OK) {
			r->idf[i] = log((nrow - nhit + 0.5) / (nhit + 0.5));
			if (r->idf[i] <= 0.0)
				r->idf[i] = 1e-6;
		}
	}
	if (rc == SQLITE_OK)
		rc = api->xSetAuxdata(fc, r, rank_free);
	else
		rank_free(r);
	*out = rc == SQLITE_OK ? r : NULL;
	return rc;
}

/* bm25() of the row's hits for a document of d tokens. */
static double
score(const struct rank *r, double d)
{
	double s = 0.0;
	int i;

	for (i = 0; i < r->nphrase; i++)
		s += r->idf[i] * ((r->freq[i] * (K1 + 1.0)) /
		    (r->freq[i] + K1 * (1 - B + B * d / r->avgdl)));
	return -1.0 * s;
}

/* Keeps rank among the keep best, the worst of them at best[0]. */
static void
keep_best(struct rank *r, double rank)
{
	double *h = r->best;
	int i, c;

	if (r->nbest < r->keep) {
		for (i = r->nbest++; i > 0 && h[(i - 1) / 2] < rank;
		    i = (i - 1) / 2)
			h[i] = h[(i - 1) / 2];
		h[i] = rank;
		return;
	}
	if (rank >= h[0])
		return;
	for (i = 0; (c = 2 * i + 1) < r->nbest; i = c) {
		if (c + 1 < r->nbest && h[c + 1] > h[c])
			c++;
		if (h[c] <= rank)
			break;
		h[i] = h[c];
	}
	h[i] = rank;
}

/*
 * The row's rank: first its bound from its hits, which is all a row
 * gets when the bound is worse than the keep-th best rank so far
 * (*exact is then 0).  The hits are walked phrase by phrase: xInst()
 * would first merge them into one array in the order of the text, which
 * the bound does not need and which took half the time of ranking a
 * common word.
 */
static int
rank_row(const Fts5ExtensionApi *api, Fts5Context *fc, struct rank *r,
    double *out, int *exact)
{
	Fts5PhraseIter it;
	int i, ic, io, reach, ntok, rc;
	double d;

	memset(r->freq, 0, r->nphrase * sizeof(double));
	memset(r->reach, 0, r->ncol * sizeof(int));
	for (i = 0; i < r->nphrase; i++) {
		if ((rc = api->xPhraseFirst(fc, i, &it, &ic, &io)) !=
		    SQLITE_OK)
			return rc;
		for (; ic >= 0; api->xPhraseNext(fc, &it, &ic, &io)) {
			/* As xInst(), which bm25() counts with. */
			if (ic >= r->ncol)
				return SQLITE_CORRUPT_VTAB;
			r->freq[i] += 1.0;
			if ((reach = io + r->size[i]) > r->reach[ic])
				r->reach[ic] = reach;
		}
	}
	if (r->keep > 0 && r->nbest == r->keep) {
		for (d = 0.0, i = 0; i < r->ncol; i++)
			d += r->reach[i];
		*exact = 0;
		if ((*out = score(r, d)) > r->best[0])
			return SQLITE_OK;
	}
	if ((rc = api->xColumnSize(fc, -1, &ntok)) != SQLITE_OK)
		return rc;
	*out = score(r, (double)ntok);
	*exact = 1;
	if (r->keep > 0)
		keep_best(r, *out);
	return SQLITE_OK;
}

static void
rank_fn(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *ctx,
    int argc, sqlite3_value **argv)
{
	struct rank *r;
	sqlite3_int64 rowid;
	int rc;

	if (argc != 1 && argc != 2) {
		sqlite3_result_error(ctx,
		    "wrong number of arguments to function dm_rank()", -1);
		return;
	}
	if ((rc = rank_get(api, fc, sqlite3_value_int(argv[0]), &r)) !=
	    SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	/* A row asked twice is counted among the best once. */
	rowid = api->xRowid(fc);
	if (!r->ranked || rowid != r->rowid) {
		if ((rc = rank_row(api, fc, r, &r->last, &r->exact)) !=
		    SQLITE_OK) {
			r->ranked = 0;
			sqlite3_result_error_code(ctx, rc);
			return;
		}
		r->rowid = rowid;
		r->ranked = 1;
	}
	/* With a third argument, whether the row may be among the best. */
	if (argc == 2)
		sqlite3_result_int(ctx, r->exact);
	else
		sqlite3_result_double(ctx, r->last);
}

int
db_rank_register(sqlite3 *db, fts5_api *api)
{
	return db_fts5_function(db, api, "dm_rank", rank_fn);
}
