/*
 * Sentences and the quotations in them.
 */
#include "coder_int.h"
#include "error.h"

/* Sentences. */

static int
terminal(const struct run *r, size_t t)
{
	const struct tok *k = &r->toks[t];

	if (k->cp == '.' || k->cp == '!' || k->cp == '?' || k->cp == 0x2026)
		return 1;
	return k->cp == 0 && r->text[k->off + k->len - 1] == '.';
}

int
cd_closer(const struct run *r, size_t t)
{
	int32_t cp = r->toks[t].cp;

	return cp == 0x201d || cp == 0x2019 || cp == '"' || cp == '\'' ||
	    cp == ')' || cp == ']' || cp == 0xbb;
}

/* Whether token n can begin a sentence. */
static int
opener(const struct run *r, size_t n)
{
	const struct tok *k = &r->toks[n];

	if (k->cp == 0)
		return (k->flags & (T_CAP | T_NUM | T_HANDLE)) != 0;
	return k->cp == 0x201c || k->cp == '"' || k->cp == 0x2018 ||
	    k->cp == '(' || k->cp == '[' || k->cp == 0xab || cd_is_dash(k->cp);
}

/* Whether the sentence ends after terminal token t, before token n. */
static int
breaks(const struct run *r, size_t t, size_t n)
{
	const struct tok *k = &r->toks[t], *p;

	if (r->toks[n].flags & T_LINE)
		return 1;
	if (!opener(r, n))
		return 0;
	if (k->cp == 0)		/* "U.S." */
		return r->toks[n].cp == 0 && cd_is(r, C_STARTER, n);
	if (k->cp != '.' || t == 0)
		return 1;
	p = &r->toks[t - 1];
	if (p->cp != 0 || p->end != k->off)
		return 1;
	if (cd_is(r, C_ABBREVNUM, t - 1) && (r->toks[n].flags & T_NUM))
		return 0;
	if (cd_is(r, C_ABBREV, t - 1) || (p->len == 1 && (p->flags & T_CAP)))
		return r->toks[n].cp == 0 && cd_is(r, C_STARTER, n);
	return 1;
}

static int
add_sent(struct run *r, size_t a, size_t b, int block)
{
	if (a >= b)
		return 0;
	if (cd_grow(&r->sents, &r->capsents, r->nsents, sizeof(*r->sents)) != 0)
		return DM_ERROR;
	r->sents[r->nsents].a = (int)a;
	r->sents[r->nsents].b = (int)b;
	r->sents[r->nsents].block = block;
	r->sents[r->nsents].sig = -1;
	r->sents[r->nsents].topic = -1;
	r->nsents++;
	return 0;
}

/* Whether a newline before token t ends a sentence. */
static int
line_breaks(const struct run *r, size_t t, int linemode)
{
	const struct tok *k = &r->toks[t];

	if (k->flags & T_PARA)
		return 1;
	if (!(k->flags & T_LINE))
		return 0;
	return linemode || (k->cp != 0 && cd_is_dash(k->cp));
}

static int
longest_line(const char *s)
{
	size_t n = 0, max = 0;

	for (; *s != '\0'; s++) {
		n = *s == '\n' ? 0 : n + 1;
		if (n > max)
			max = n;
	}
	return max > LINE_LONG;
}

int
cd_split_sentences(struct run *r)
{
	size_t t, s = 0, e;
	int linemode = longest_line(r->text), block = 0;

	for (t = 0; t < r->ntoks; t++) {
		if (t > s && line_breaks(r, t, linemode)) {
			if (add_sent(r, s, t, block) != 0)
				return DM_ERROR;
			s = t;
		}
		if (r->toks[t].flags & T_PARA)
			block++;
		if (!terminal(r, t))
			continue;
		for (e = t + 1; e < r->ntoks && !(r->toks[e].flags & T_LINE) &&
		    (cd_closer(r, e) || terminal(r, e)); e++)
			;
		if (e < r->ntoks && !breaks(r, t, e))
			continue;
		if (add_sent(r, s, e, block) != 0)
			return DM_ERROR;
		s = e;
		t = e - 1;
	}
	return add_sent(r, s, r->ntoks, block);
}

/* Quotations. */

int
cd_find_quotes(struct run *r)
{
	size_t t, k;
	int open = -1, linemode = longest_line(r->text);
	int32_t cp;

	for (t = 0; t < r->ntoks; t++)
		r->qid[t] = -1;
	for (t = 0; t < r->ntoks; t++) {
		if (line_breaks(r, t, linemode))
			open = -1;
		cp = r->toks[t].cp;
		if (!cd_is_quote(cp))
			continue;
		if (cp == 0x201c || cp == 0x201e || cp == 0xab ||
		    (cp == '"' && open == -1)) {
			open = (int)t;
			continue;
		}
		if (open == -1)
			continue;
		if (cd_grow(&r->qs, &r->capqs, r->nqs, sizeof(*r->qs)) != 0)
			return DM_ERROR;
		r->qs[r->nqs].open = open;
		r->qs[r->nqs].close = (int)t;
		r->qs[r->nqs].speaker = -1;
		for (k = (size_t)open; k <= t; k++)
			r->qid[k] = (int)r->nqs;
		r->nqs++;
		open = -1;
	}
	return 0;
}
