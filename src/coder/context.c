/*
 * The turns of a transcript and what the text answers.  A question put
 * to the speaker ("Q: ...", "Question: ...") is context, never a claim
 * of the speaker; the actor it is about is who the answer's "such
 * remarks" and "the report" stand for.
 */
#include <string.h>

#include "coder_int.h"

/* Whether a and b are the same state or organisation: "CHN.MFA", "CHN". */
int
cd_same_state(const char *a, const char *b)
{
	size_t n;

	if (a == NULL || b == NULL)
		return 0;
	n = strcspn(a, ".");
	return n == strcspn(b, ".") && strncmp(a, b, n) == 0;
}

/* Whether a line begins at token t: the text's first, or after a newline. */
static int
line_start(const struct run *r, size_t t)
{
	return t == 0 || (r->toks[t].flags & (T_LINE | T_PARA));
}

/*
 * The length of a turn's label at the start t of a sentence ("Q:",
 * "Embassy Spokesperson:"): a few capitalised words, then a colon; 0 if
 * none.
 */
static size_t
label_at(const struct run *r, size_t t)
{
	size_t k;

	for (k = t; k < r->ntoks && k - t < 4 && r->toks[k].cp == 0 &&
	    (r->toks[k].flags & T_CAP); k++)
		;
	if (k == t || k >= r->ntoks || k - t == 4)
		return 0;
	if (r->toks[k].cp == ':' || (k - t == 1 && r->toks[k].cp == '.' &&
	    r->toks[t].len == 1))
		return k + 1 - t;
	return 0;
}

/*
 * Marks the sentences of questions: from a question's label to the
 * next label, or to the next line after a sentence ending in '?'.
 */
void
cd_questions(struct run *r)
{
	struct sent *s;
	size_t i, t, n;
	int in = 0, asked = 0;

	for (i = 0; i < r->nsents; i++) {
		s = &r->sents[i];
		t = (size_t)s->a;
		if ((n = label_at(r, t)) > 0) {
			in = cd_match(r, C_QUESTION, t, t + n - 1, NULL) ==
			    (int)n - 1;
			asked = 0;
		} else if (asked && line_start(r, t))
			in = 0;
		s->question = in;
		for (t = (size_t)s->b; t > (size_t)s->a && cd_closer(r, t - 1);
		    t--)
			;
		if (in && t > (size_t)s->a && cd_is_punct(r, t - 1, '?'))
			asked = 1;
	}
}

/* The actor of another state than the issuer's that mention m names. */
const char *
cd_other_state(const struct run *r, const struct mention *m)
{
	if (m->code == NULL || m->type == M_FIRST || m->type == M_PRON3 ||
	    cd_same_state(m->code, r->issuer))
		return NULL;
	return m->code;
}

/*
 * What the text answers: the first actor of another state than the
 * issuer's that a question names, qualifiers included ("the Australian
 * media"); without a question, the first that the opening paragraph
 * names, unless as a victim ("the attack on Ukraine").
 */
void
cd_context(struct run *r)
{
	const struct mention *m;
	size_t i, t;
	int k, g;

	for (i = 0; i < r->nsents; i++) {
		if (!r->sents[i].question)
			continue;
		for (t = (size_t)r->sents[i].a; t < (size_t)r->sents[i].b;
		    t++) {
			if (r->mstart[t] < 0)
				continue;
			m = &r->ms[r->mstart[t]];
			if ((r->context = cd_other_state(r, m)) != NULL)
				return;
		}
	}
	for (i = 0; i < r->nsents && r->sents[i].block == r->sents[0].block;
	    i++) {
		for (t = (size_t)r->sents[i].a; t < (size_t)r->sents[i].b;
		    t++) {
			if ((k = r->mstart[t]) < 0 || r->qid[t] >= 0)
				continue;
			g = cd_governed_by(r, k, (size_t)r->sents[i].a);
			if (g >= 0 && cd_is(r, C_VICTIM, (size_t)g))
				continue;
			if ((r->context = cd_other_state(r, &r->ms[k])) !=
			    NULL)
				return;
		}
	}
}

/*
 * What the issuer's answer in sentence s is aimed at: with a referent
 * ("rejects this", "such misinformation"), the first author or agent of
 * another state in the nearest of the sentences just before that names
 * one; else what the question asked about; else NULL.
 */
const char *
cd_aimed_at(const struct run *r, const struct sent *s)
{
	const struct sent *p;
	const char *code;
	size_t t, e, i, lo;
	int m, g;

	for (t = (size_t)s->a; t < (size_t)s->b; t++)
		if (cd_is(r, C_REFERENT, t))
			break;
	if (t == (size_t)s->b)
		return r->context;
	i = (size_t)(s - r->sents);
	lo = i > REFERENT_BACK ? i - REFERENT_BACK : 0;
	for (i = (size_t)(s - r->sents); i-- > lo;) {
		p = &r->sents[i];
		for (t = (size_t)p->a; t < (size_t)p->b; t++) {
			if ((m = r->mstart[t]) < 0 ||
			    (code = cd_other_state(r, &r->ms[m])) == NULL)
				continue;
			/* an author or an agent, not "a violation of UN
			 * resolutions" nor "the United Nations Convention",
			 * but "the EU statement" */
			g = cd_governed_by(r, m, (size_t)p->a);
			e = (size_t)r->ms[m].b;
			if (e < (size_t)p->b && r->toks[e].cp == 0 &&
			    r->mstart[e] < 0 && ((r->ms[m].flags & MF_MOD) ||
			    (r->toks[e].flags & T_CAP)) &&
			    !cd_is(r, C_REFERENT, e))
				continue;
			if (g < 0 || r->toks[g].wid == r->c->w_by)
				return code;
		}
	}
	return r->context;
}

/*
 * Whether sentence s begins with a noun phrase that names no actor
 * before its first verb: "The so-called arbitration is ...".
 */
static int
thing_subject(const struct run *r, const struct sent *s)
{
	size_t t = (size_t)s->a;

	if (!cd_is(r, C_DET, t))
		return 0;
	for (t++; t < (size_t)s->b && r->toks[t].cp == 0; t++) {
		if (r->mstart[t] >= 0)
			return 0;
		if (cd_verbish(r, t))
			return 1;
	}
	return 0;
}

/* Whether the object after a verb cue ending at token b refers back. */
int
cd_refers_back(const struct run *r, const struct sent *s, size_t b)
{
	size_t t;

	for (t = b; t < (size_t)s->b && t < b + 4 && r->toks[t].cp == 0; t++) {
		/* "cannot accept it", unless "it" is what the sentence
		 * began with ("The arbitration is void and we reject it") */
		if (r->mstart[t] >= 0)
			return r->ms[r->mstart[t]].type == M_PRON3 &&
			    cd_is(r, C_REFERENT, t) && !thing_subject(r, s);
		if (cd_is(r, C_REFERENT, t))
			return 1;
		/* "urge steps to calm this situation": another object */
		if (cd_is(r, C_PREP, t))
			return 0;
	}
	return 0;
}
