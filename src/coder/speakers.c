/*
 * Claimants: subjects, speakers of "said" and of quotations, signature lines.
 */
#include <stdlib.h>
#include <string.h>

#include "coder_int.h"
#include "error.h"

/* Claimants and targets. */

/* The preposition governing mention mi, looking back from it to lo. */
int
cd_governed_by(const struct run *r, int mi, size_t lo)
{
	size_t j = (size_t)r->ms[mi].a;

	while (j > lo && (cd_is(r, C_DET, j - 1) ||
	    (r->toks[j - 1].flags & T_NUM)))
		j--;
	if (j > lo && r->toks[j - 1].cp == 0 && cd_is(r, C_PREP, j - 1))
		return (int)j - 1;
	return -1;
}

static int
in_sentence_quote(const struct run *r, size_t t)
{
	return r->qid[t] >= 0;
}


/* The speaker a "said" or "according to" gives token pos, or -1. */
static int
said_speaker(struct run *r, const struct sent *s, size_t pos)
{
	size_t t, k, end = (size_t)s->b;
	int before = -1, after = -1, acc = -1, n, m, subj;

	for (t = (size_t)s->a; t < end; t++) {
		if (in_sentence_quote(r, t) || r->mcover[t] >= 0)
			continue;
		if ((n = cd_match(r, C_ACCORDING, t, end, NULL)) > 0) {
			for (k = t + (size_t)n; k < end && cd_is(r, C_DET, k); k++)
				;
			if (k < end && (m = r->mcover[k]) >= 0 && acc < 0)
				acc = m;
			continue;
		}
		if ((n = cd_match(r, C_SPEECH, t, end, NULL)) == 0)
			continue;
		if (t + (size_t)n <= pos) {
			if (cd_subject_of(r, s, t, &subj, 1) > 0)
				before = subj;
			continue;
		}
		if (t <= pos || after >= 0)
			continue;
		/* ", the mission said." and ", said the mission." */
		k = t;
		while (k > (size_t)s->a && (cd_is(r, C_AUX, k - 1) ||
		    cd_suffix(r, k - 1, "ly")))
			k--;
		if (k > (size_t)s->a && (m = r->mcover[k - 1]) >= 0 &&
		    r->ms[m].a > s->a &&
		    (cd_is_punct(r, (size_t)r->ms[m].a - 1, ',') ||
		    cd_closer(r, (size_t)r->ms[m].a - 1) ||
		    cd_is(r, C_DET, (size_t)r->ms[m].a - 1)))
			after = m;
		else if (t + (size_t)n < end && (t > (size_t)s->a &&
		    (cd_is_punct(r, t - 1, ',') || cd_closer(r, t - 1)))) {
			for (k = t + (size_t)n; k < end && cd_is(r, C_DET, k); k++)
				;
			if (k < end && (m = r->mcover[k]) >= 0)
				after = m;
		}
	}
	if (before >= 0)
		return before;
	return after >= 0 ? after : acc;
}

int
cd_speaker_at(struct run *r, const struct sent *s, size_t pos)
{
	int q = r->qid[pos], sp;

	if (q >= 0 && r->qs[q].speaker >= 0)
		return r->qs[q].speaker;
	if ((sp = said_speaker(r, s, pos)) >= 0)
		return sp;
	return s->sig;
}

static int
scratch(struct run *r, char *p)
{
	if (p == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if (cd_grow(&r->scratch, &r->capscratch, r->nscratch,
	    sizeof(*r->scratch)) != 0) {
		free(p);
		return DM_ERROR;
	}
	r->scratch[r->nscratch++] = p;
	return 0;
}


/*
 * Whom "he" or "she" opening sentence s stands for: the titled person
 * that the nearest sentence before it in its block began with
 * ("Vice-Minister Sasae noted ... He also called on ..."), or NULL.
 */
static const char *
person_before(struct run *r, const struct sent *s)
{
	const struct sent *p;
	const struct mention *t;

	for (p = s; p-- > r->sents && p->block == s->block;) {
		if (p->topic < 0)
			continue;
		t = &r->ms[p->topic];
		if (t->flags & MF_PERSON)
			return t->type == M_ACTOR ? t->code : NULL;
	}
	return NULL;
}

/*
 * What "it" or "they" opening a sentence stands for: the actor the
 * sentence before, in the same block, began with ("The EU said ... It
 * called on ..."); "he" or "she" a person before; or NULL.
 */
static const char *
antecedent(struct run *r, const struct sent *s, int mi)
{
	const struct sent *p = s - 1;
	const struct mention *t;
	size_t k;
	int w = r->toks[r->ms[mi].a].wid;

	if (s == r->sents || p->block != s->block ||
	    (p->topic < 0 && w != r->c->w_he && w != r->c->w_she))
		return NULL;
	for (k = (size_t)s->a; k < (size_t)r->ms[mi].a; k++)
		if (r->mstart[k] >= 0)
			return NULL;
	if (w == r->c->w_he || w == r->c->w_she)
		return person_before(r, s);
	t = &r->ms[p->topic];
	if ((w == r->c->w_it && t->type == M_ACTOR) || (w == r->c->w_they &&
	    (t->type == M_ACTOR || t->type == M_TEXT)))
		return cd_who(r, p, p->topic, (size_t)t->a);
	return NULL;
}

/* Whether a verb of speech outside the quotation at pos speaks it. */
static int
attributed(const struct run *r, const struct sent *s, size_t pos)
{
	size_t t;

	for (t = (size_t)s->a; t < (size_t)s->b; t++)
		if (r->qid[t] != r->qid[pos] && cd_is(r, C_SPEECH, t))
			return 1;
	return 0;
}

/* What mention mi at pos stands for: a code, a group's words, or NULL. */
const char *
cd_who(struct run *r, const struct sent *s, int mi, size_t pos)
{
	const struct mention *m = &r->ms[mi];
	const struct tok *a, *b;
	char *text;
	int sp;

	switch (m->type) {
	case M_ACTOR:
	case M_ADJ:
		return m->code;
	case M_TEXT:
		if (m->flags & MF_NOBODY)
			return NULL;
		a = &r->toks[m->a];
		b = &r->toks[m->b - 1];
		text = strndup(r->text + a->off, b->off + b->len - a->off);
		return scratch(r, text) == 0 ? text : NULL;
	case M_FIRST:
		sp = cd_speaker_at(r, s, pos);
		if (sp >= 0 && r->ms[sp].type != M_FIRST)
			return cd_who(r, s, sp, pos);
		/* Outside quotes, or in a statement's quotation that no one
		 * is said to speak: the issuer's own words. */
		return r->qid[pos] >= 0 && sp < 0 && attributed(r, s, pos) ?
		    NULL : r->issuer;
	case M_PRON3:
		if (r->qid[pos] >= 0)
			return NULL;
		sp = said_speaker(r, s, pos);
		if (sp >= 0 && r->ms[sp].type != M_PRON3)
			return cd_who(r, s, sp, pos);
		return antecedent(r, s, mi);
	}
	return NULL;
}

/* Whether mention mi can be the subject of a verb after it. */
static int
subject_ok(struct run *r, const struct sent *s, int mi, size_t lo)
{
	const struct mention *m = &r->ms[mi];

	if (m->type == M_ADJ || (m->flags & MF_MOD))
		return 0;
	if (cd_governed_by(r, mi, lo) >= 0)
		return 0;
	if (m->type == M_FIRST || m->type == M_PRON3)
		return cd_who(r, s, mi, (size_t)m->a) != NULL;
	return 1;
}

int
cd_hard_boundary(const struct run *r, size_t t, size_t lo)
{
	const struct tok *k = &r->toks[t];

	if (k->cp != 0)
		return k->cp == ';' || k->cp == ':' || k->cp == '(' ||
		    k->cp == ')' || cd_is_quote(k->cp) || k->cp == 0x2014 ||
		    k->cp == 0x2013;
	return k->wid == r->c->w_that || k->wid == r->c->w_which ||
	    k->wid == r->c->w_who || cd_ends_at(r, C_SPEECH, t, lo);
}

static int
soft_boundary(const struct run *r, size_t t)
{
	const struct tok *k = &r->toks[t];

	return k->cp == ',' || (k->cp == 0 && (k->wid == r->c->w_and ||
	    k->wid == r->c->w_but || k->wid == r->c->w_or));
}

/*
 * The subjects of the verb at pos in sentence s: the first usable
 * mention of the nearest comma- or "and"-separated stretch before it
 * that has one, with mentions coordinated to it ("the EU and NATO"),
 * never crossing a hard boundary (quote, colon, "that", a reporting
 * verb).  Stores up to max mention indices in out; returns how many.
 */
int
cd_subject_of(struct run *r, const struct sent *s, size_t pos, int *out, int max)
{
	size_t lo = (size_t)s->a, re = pos, rs, t;
	int n = 0, m, found, coord;

	/* "protested about the incident in which jets flew close to its
	 * aircraft and demanded": a verb after "and" skips the relative
	 * clause before it */
	for (t = pos; t > lo && (cd_suffix(r, t - 1, "ly") ||
	    cd_is(r, C_AUX, t - 1)); t--)
		;
	coord = t > lo && r->toks[t - 1].wid == r->c->w_and;
	while (re > lo) {
		rs = re;
		while (rs > lo && !soft_boundary(r, rs - 1) &&
		    !cd_hard_boundary(r, rs - 1, lo))
			rs--;
		if (coord && rs < re && rs > lo + 1 &&
		    (r->toks[rs - 1].wid == r->c->w_which ||
		    r->toks[rs - 1].wid == r->c->w_who)) {
			re = rs - 1;
			if (cd_is(r, C_PREP, re - 1))
				re--;
			coord = 0;
			continue;
		}
		found = -1;
		for (t = rs; t < re; t++) {
			if ((m = r->mstart[t]) >= 0 &&
			    (size_t)r->ms[m].b <= re &&
			    subject_ok(r, s, m, rs)) {
				found = m;
				break;
			}
		}
		if (found >= 0) {
			out[n++] = found;
			/* Coordinated before it: "The EU and NATO". */
			for (;;) {
				while (rs > lo && cd_is(r, C_DET, rs - 1))
					rs--;
				if (n == max || rs < lo + 2 ||
				    !soft_boundary(r, rs - 1) ||
				    (m = r->mcover[rs - 2]) < 0 ||
				    r->ms[m].b != (int)rs - 1 ||
				    !subject_ok(r, s, m, lo))
					break;
				out[n++] = m;
				rs = (size_t)r->ms[m].a;
			}
			return n;
		}
		if (rs == lo || cd_hard_boundary(r, rs - 1, lo)) {
			/* ", which accused": the antecedent before the comma */
			if (rs > lo + 2 &&
			    (r->toks[rs - 1].wid == r->c->w_which ||
			    r->toks[rs - 1].wid == r->c->w_who) &&
			    cd_is_punct(r, rs - 2, ',') &&
			    (m = r->mcover[rs - 3]) >= 0 &&
			    subject_ok(r, s, m, lo))
				out[n++] = m;
			return n;
		}
		re = rs - 1;
	}
	return n;
}
/* Speakers of quotations and signature lines. */

void
cd_quote_speakers(struct run *r)
{
	struct quote *q;
	const struct sent *s;
	size_t i, t, si = 0, end;
	int m, n, subj;

	for (i = 0; i < r->nqs; i++) {
		q = &r->qs[i];
		while (si + 1 < r->nsents && r->sents[si].b <= q->close)
			si++;
		s = &r->sents[si];
		if (s->b - s->a > SENT_MAX)
			continue;
		end = (size_t)s->b;
		/* After: ", the mission said." or "said the mission" */
		for (t = (size_t)q->close + 1; t < end &&
		    (cd_is_punct(r, t, ',') || cd_is(r, C_DET, t)); t++)
			;
		if (t < end && (m = r->mcover[t]) >= 0 &&
		    r->ms[m].type != M_PRON3) {
			for (t = (size_t)r->ms[m].b; t < end &&
			    (cd_is(r, C_AUX, t) || cd_suffix(r, t, "ly")); t++)
				;
			if (cd_match(r, C_SPEECH, t, end, NULL) > 0) {
				q->speaker = m;
				continue;
			}
		} else if (t < end && (n = cd_match(r, C_SPEECH, t, end,
		    NULL)) > 0) {
			for (t += (size_t)n; t < end && cd_is(r, C_DET, t); t++)
				;
			if (t < end && (m = r->mcover[t]) >= 0) {
				q->speaker = m;
				continue;
			}
		}
		/* Before: "the mission said: “" */
		for (t = (size_t)q->open; t > 0 && (cd_is_punct(r, t - 1, ',') ||
		    cd_is_punct(r, t - 1, ':') || cd_is_word(r, t - 1,
		    r->c->w_that)); t--)
			;
		while (si > 0 && (size_t)r->sents[si].a > t)
			si--;
		s = &r->sents[si];
		if (s->b - s->a > SENT_MAX)
			continue;
		if (t > (size_t)s->a &&
		    cd_ends_at(r, C_SPEECH, t - 1, (size_t)s->a)) {
			for (n = 1; n < PHRASE_MAX && t > (size_t)n &&
			    cd_match(r, C_SPEECH, t - (size_t)n, t, NULL) != n;
			    n++)
				;
			if (cd_subject_of(r, s, t - (size_t)n, &subj, 1) > 0)
				q->speaker = subj;
		}
	}
}

/*
 * A line of the form "– China Mission (@ChinaEUMission) July 19, 2021"
 * signs what precedes it (an embedded post): the block before it when
 * it opens its own, else the sentences before it in its block.
 */
void
cd_signatures(struct run *r)
{
	struct sent *s;
	size_t i, j, t, first;
	int m, sp, block;

	for (i = 0; i < r->nsents; i++) {
		s = &r->sents[i];
		if (r->toks[s->a].cp == 0 || !cd_is_dash(r->toks[s->a].cp) ||
		    s->b - s->a > 20)
			continue;
		sp = -1;
		for (t = (size_t)s->a; t < (size_t)s->b; t++) {
			if ((m = r->mstart[t]) < 0 || r->ms[m].type != M_ACTOR)
				continue;
			if (sp < 0 || (r->ms[m].flags & MF_HANDLE))
				sp = m;
		}
		if (sp < 0 || i == 0)
			continue;
		first = i == 0 || r->sents[i - 1].block != s->block;
		block = first ? r->sents[i - 1].block : s->block;
		for (j = i; j-- > 0 && i - j <= 5 &&
		    r->sents[j].block == block;)
			if (r->sents[j].sig < 0)
				r->sents[j].sig = sp;
	}
}
