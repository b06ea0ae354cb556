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
 * The length of a turn's label at t ("Q:", "Embassy Spokesperson:"): a
 * few words at the start of a line, then a colon; 0 if none.
 */
static size_t
label_at(const struct run *r, size_t t)
{
	size_t k;

	if (!line_start(r, t))
		return 0;
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

/*
 * What the text answers: the first actor of another state than the
 * issuer's that a question names, qualifiers included ("the Australian
 * media").
 */
void
cd_context(struct run *r)
{
	const struct mention *m;
	size_t i, t;

	for (i = 0; i < r->nsents; i++) {
		if (!r->sents[i].question)
			continue;
		for (t = (size_t)r->sents[i].a; t < (size_t)r->sents[i].b;
		    t++) {
			if (r->mstart[t] < 0)
				continue;
			m = &r->ms[r->mstart[t]];
			if (m->code != NULL && (m->type == M_ACTOR ||
			    m->type == M_ADJ) &&
			    !cd_same_state(m->code, r->issuer)) {
				r->context = m->code;
				return;
			}
		}
	}
}
