#include <stdlib.h>
#include <string.h>

#include "db_snippet.h"
#include "db_tokenizer.h"

/*
 * Bytes of text kept before the first hit and after the last one at
 * most: a window of short words never reaches it, a pathological one
 * (a huge token, a long run of punctuation) is cut here.
 */
#define SNIP_CONTEXT_BYTES	120
/* Bytes from the first hit to the end of the excerpt at most. */
#define SNIP_SPAN_BYTES		(4 * SNIP_CONTEXT_BYTES)
#define SNIP_MAX_TOKENS		64

/* Tokens first..last of the column, to bracket; their bytes once seen. */
struct hit {
	int	first, last;
	int	start, end;
};

/* State of one excerpt while the column is tokenized. */
struct snip {
	int		 a, b;		/* the tokens of the excerpt */
	struct hit	*hit;
	int		 nhit;
	int		 nstart, nend;	/* next hit to see start, end */
	int		 ntok;		/* positions seen */
	int		 astart;	/* first byte of token a */
	int		 bend;		/* end of token b */
	int		 more;		/* a token follows b */
};

struct inst {
	int	phrase, col, off;
};

static int
inst_get(const Fts5ExtensionApi *api, Fts5Context *fc, int i,
    struct inst *in)
{
	return api->xInst(fc, i, &in->phrase, &in->col, &in->off);
}

/*
 * Finds the hit that starts the window of ntokens tokens holding the
 * most distinct phrases, then the most hits, in column col or any if
 * col < 0: in *best, or -1 if there is none.  Each hit enters and leaves
 * the window once.
 */
static int
best_window(const Fts5ExtensionApi *api, Fts5Context *fc, int col,
    int ntokens, int ninst, int *best)
{
	struct inst in, jn;
	int *count;
	int nphrase, i, j, distinct, total, score, rc;

	*best = -1;
	nphrase = api->xPhraseCount(fc);
	if ((count = calloc(nphrase > 0 ? nphrase : 1, sizeof(*count))) ==
	    NULL)
		return SQLITE_NOMEM;
	rc = SQLITE_OK;
	score = distinct = total = 0;
	for (i = j = 0; i < ninst; i++) {
		if ((rc = inst_get(api, fc, i, &in)) != SQLITE_OK)
			break;
		if (col >= 0 && in.col != col)
			continue;
		/* Hits are in column, then token order: windows only grow. */
		if (j < i)
			j = i;
		for (; j < ninst; j++) {
			if ((rc = inst_get(api, fc, j, &jn)) != SQLITE_OK)
				goto done;
			if (jn.col != in.col || jn.off - in.off >= ntokens)
				break;
			if (count[jn.phrase]++ == 0)
				distinct++;
			total++;
		}
		/* As snippet(): a phrase first counts 1000, a repeat 1. */
		if (distinct * 1000 + total - distinct > score) {
			score = distinct * 1000 + total - distinct;
			*best = i;
		}
		total--;
		if (--count[in.phrase] == 0)
			distinct--;
	}
done:
	free(count);
	return rc;
}

static int
hit_cmp(const void *x, const void *y)
{
	const struct hit *p = x, *q = y;

	if (p->first != q->first)
		return p->first < q->first ? -1 : 1;
	return (p->last > q->last) - (p->last < q->last);
}

/*
 * Places the excerpt around the window that starts at hit best, in the
 * column it returns in *col, and collects the hits that lie whole inside
 * it, overlapping ones merged.
 */
static int
place(const Fts5ExtensionApi *api, Fts5Context *fc, int ninst, int best,
    int ntokens, struct snip *s, int *col)
{
	struct inst b0, in;
	int k, lo, hi, last, n;

	if (inst_get(api, fc, best, &b0) != SQLITE_OK)
		return SQLITE_ERROR;
	last = b0.off;
	for (k = best; k < ninst; k++) {
		if (inst_get(api, fc, k, &in) != SQLITE_OK)
			return SQLITE_ERROR;
		if (in.col != b0.col || in.off - b0.off >= ntokens)
			break;
		n = in.off + api->xPhraseSize(fc, in.phrase) - 1;
		if (n > last)
			last = n;
	}
	/* Centre the hits; a phrase longer than the window widens it. */
	s->a = b0.off;
	if (last - b0.off + 1 < ntokens)
		s->a -= (ntokens - (last - b0.off + 1)) / 2;
	if (s->a < 0)
		s->a = 0;
	s->b = s->a + ntokens - 1;
	if (s->b < last)
		s->b = last;
	/* Near the end of the column, show more of what precedes. */
	if (api->xColumnSize(fc, b0.col, &n) == SQLITE_OK && s->b >= n) {
		k = s->b - (n - 1) < s->a ? s->b - (n - 1) : s->a;
		s->a -= k;
		s->b -= k;
	}

	for (lo = best; lo > 0; lo--) {
		if (inst_get(api, fc, lo - 1, &in) != SQLITE_OK)
			return SQLITE_ERROR;
		if (in.col != b0.col || in.off < s->a)
			break;
	}
	for (hi = best; hi < ninst; hi++) {
		if (inst_get(api, fc, hi, &in) != SQLITE_OK)
			return SQLITE_ERROR;
		if (in.col != b0.col || in.off > s->b)
			break;
	}
	if ((s->hit = calloc(hi - lo, sizeof(*s->hit))) == NULL)
		return SQLITE_NOMEM;
	for (k = lo; k < hi; k++) {
		if (inst_get(api, fc, k, &in) != SQLITE_OK)
			return SQLITE_ERROR;
		n = in.off + api->xPhraseSize(fc, in.phrase) - 1;
		if (n > s->b)
			continue;
		s->hit[s->nhit].first = in.off;
		s->hit[s->nhit].last = n < in.off ? in.off : n;
		s->hit[s->nhit].start = s->hit[s->nhit].end = -1;
		s->nhit++;
	}
	/* Two phrases may share tokens: bracket their union once. */
	qsort(s->hit, s->nhit, sizeof(*s->hit), hit_cmp);
	for (n = 0, k = 1; k < s->nhit; k++) {
		if (s->hit[k].first <= s->hit[n].last) {
			if (s->hit[k].last > s->hit[n].last)
				s->hit[n].last = s->hit[k].last;
		} else
			s->hit[++n] = s->hit[k];
	}
	if (s->nhit > 0)
		s->nhit = n + 1;
	*col = b0.col;
	return SQLITE_OK;
}

/*
 * Notes the bytes of the excerpt's tokens, counting positions as FTS5
 * does when it indexes (a colocated token shares the position before
 * it), and stops one token past the excerpt.
 */
static int
snip_token(void *arg, int tflags, const char *tok, int ntok, int start,
    int end)
{
	struct snip *s = arg;
	int pos;

	(void)tok;
	(void)ntok;
	if ((tflags & FTS5_TOKEN_COLOCATED) && s->ntok > 0)
		return SQLITE_OK;
	pos = s->ntok++;
	if (pos > s->b) {
		s->more = 1;
		return SQLITE_DONE;	/* not an error: enough was seen */
	}
	if (pos == s->a)
		s->astart = start;
	s->bend = end;
	if (s->nstart < s->nhit && s->hit[s->nstart].first == pos)
		s->hit[s->nstart++].start = start;
	if (s->nend < s->nhit && s->hit[s->nend].last == pos)
		s->hit[s->nend++].end = end;
	return SQLITE_OK;
}

static int
is_cont(const char *z, int i)
{
	return ((unsigned char)z[i] & 0xc0) == 0x80;
}

/* Appends text[lo, hi) of the column to o, hits bracketed. */
static void
excerpt(sqlite3_str *o, const char *z, int len, struct snip *s,
    const char *lmark, const char *rmark, const char *ellipsis)
{
	int lo, hi, p, k, n, h0;

	/* A hit the tokenizer did not reach is left out. */
	for (n = k = 0; k < s->nhit; k++)
		if (s->hit[k].start >= 0 && s->hit[k].end >= s->hit[k].start)
			s->hit[n++] = s->hit[k];
	s->nhit = n;
	lo = s->a == 0 ? 0 : s->astart;
	hi = s->more ? s->bend : len;
	for (h0 = 0; h0 < s->nhit && s->hit[h0].start < lo; h0++)
		;
	if (h0 < s->nhit) {
		if (s->hit[h0].start - lo > SNIP_CONTEXT_BYTES) {
			lo = s->hit[h0].start - SNIP_CONTEXT_BYTES;
			while (is_cont(z, lo))
				lo++;
		}
		if (hi - s->hit[h0].start > SNIP_SPAN_BYTES)
			hi = s->hit[h0].start + SNIP_SPAN_BYTES;
		/* Context after the last hit in reach; never cut in a hit. */
		for (k = h0; k + 1 < s->nhit && s->hit[k + 1].end <= hi; k++)
			;
		if (hi - s->hit[k].end > SNIP_CONTEXT_BYTES)
			hi = s->hit[k].end + SNIP_CONTEXT_BYTES;
		if (k + 1 < s->nhit && s->hit[k + 1].start < hi)
			hi = s->hit[k + 1].start;
		if (hi < s->hit[h0].end)
			hi = s->hit[h0].end;
	} else if (hi - lo > 2 * SNIP_CONTEXT_BYTES)
		hi = lo + 2 * SNIP_CONTEXT_BYTES;
	while (hi > lo && hi < len && is_cont(z, hi))
		hi--;

	if (lo > 0)
		sqlite3_str_appendall(o, ellipsis);
	p = lo;
	for (k = h0; k < s->nhit; k++) {
		if (s->hit[k].start < p || s->hit[k].end > hi)
			break;
		sqlite3_str_append(o, z + p, s->hit[k].start - p);
		sqlite3_str_appendall(o, lmark);
		sqlite3_str_append(o, z + s->hit[k].start,
		    s->hit[k].end - s->hit[k].start);
		sqlite3_str_appendall(o, rmark);
		p = s->hit[k].end;
	}
	sqlite3_str_append(o, z + p, hi - p);
	if (hi < len)
		sqlite3_str_appendall(o, ellipsis);
}

static void
snippet_fn(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *ctx,
    int argc, sqlite3_value **argv)
{
	struct snip s;
	sqlite3_str *o;
	const char *lmark, *rmark, *ellipsis, *z;
	char *res;
	int col, ntokens, ninst, best, len, rc;

	memset(&s, 0, sizeof(s));
	if (argc != 5) {
		sqlite3_result_error(ctx,
		    "wrong number of arguments to function dm_snippet()", -1);
		return;
	}
	col = sqlite3_value_int(argv[0]);
	lmark = (const char *)sqlite3_value_text(argv[1]);
	rmark = (const char *)sqlite3_value_text(argv[2]);
	ellipsis = (const char *)sqlite3_value_text(argv[3]);
	ntokens = sqlite3_value_int(argv[4]);
	if (lmark == NULL || rmark == NULL || ellipsis == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (col >= api->xColumnCount(fc) || ntokens < 1 ||
	    ntokens > SNIP_MAX_TOKENS) {
		sqlite3_result_error(ctx, "dm_snippet(): no such column, or "
		    "not 1 to 64 tokens", -1);
		return;
	}

	if ((rc = api->xInstCount(fc, &ninst)) != SQLITE_OK ||
	    (rc = best_window(api, fc, col, ntokens, ninst, &best)) !=
	    SQLITE_OK)
		goto fail;
	if (best >= 0) {
		if ((rc = place(api, fc, ninst, best, ntokens, &s, &col)) !=
		    SQLITE_OK)
			goto fail;
	} else {
		/* No hit in reach: the start of the column, as snippet(). */
		if (col < 0)
			col = 0;
		s.b = ntokens - 1;
	}
	if ((rc = api->xColumnText(fc, col, &z, &len)) != SQLITE_OK)
		goto fail;
	if (z == NULL) {
		z = "";
		len = 0;
	}
	rc = api->xTokenize(fc, z, len, &s, snip_token);
	if (rc != SQLITE_OK && rc != SQLITE_DONE)
		goto fail;

	o = sqlite3_str_new(sqlite3_context_db_handle(ctx));
	excerpt(o, z, len, &s, lmark, rmark, ellipsis);
	if ((rc = sqlite3_str_errcode(o)) != SQLITE_OK) {
		sqlite3_free(sqlite3_str_finish(o));
		goto fail;
	}
	len = sqlite3_str_length(o);
	res = sqlite3_str_finish(o);
	sqlite3_result_text(ctx, res != NULL ? res : "", len, res != NULL ?
	    sqlite3_free : SQLITE_STATIC);
	free(s.hit);
	return;
fail:
	free(s.hit);
	sqlite3_result_error_code(ctx, rc);
}

int
db_snippet_register(sqlite3 *db, fts5_api *api)
{
	return db_fts5_function(db, api, "dm_snippet", snippet_fn);
}
