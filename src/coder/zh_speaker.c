/*
 * Who speaks and whom a text is about.  Lines are classed as a
 * reporter's question (问：, 记者问, "《X报》记者："), an answer or the
 * text's own voice (答：, "毛宁：", "使馆发言人说，"), or the words of
 * someone else ("王外长表示，").  A question is never a claim; it names
 * what the answer is about.  In a clause the subject is its first actor
 * not governed by a preposition; a referent (对此, 此举, 这种做法) stands
 * for the latest actor the sentence or the discourse spoke of.
 */
#include <string.h>

#include "zh_impl.h"

/* Line kinds. */
enum { L_VOICE, L_QUESTION, L_OTHER };

enum zh_mtype
zh_mention(const struct zh_run *r, int t, struct zh_who *w)
{
	const struct zh_word *wd;
	int i;

	w->n = 0;
	if (t < 0 || (size_t)t >= r->ntoks || r->toks[t].wid < 0)
		return ZM_NONE;
	wd = &r->z->words[r->toks[t].wid];
	if ((r->toks[t].flags & TK_COMPOSITE) || (wd->cls & ZB(ZW_ACTOR))) {
		for (i = 0; i < wd->ncodes && i < ZH_TARGETS; i++)
			w->codes[w->n++] = wd->codes[i];
		return ZM_ACTOR;
	}
	if (wd->cls & ZB(ZW_VOICE))
		return ZM_VOICE;
	if (wd->cls & (ZB(ZW_REFER) | ZB(ZW_REFPP)))
		return ZM_REFER;
	if (wd->cls & ZB(ZW_OTHER))
		return ZM_OTHER;
	return ZM_NONE;
}

/* Whether code is the issuer or its state (中方, 中国). */
static int
own_code(const struct zh_run *r, const char *code, int exact)
{
	size_t n = strcspn(code, ".");

	if (r->speaker != NULL && strcmp(code, r->speaker) == 0)
		return 1;
	if (r->country[0] == '\0')
		return 0;
	if (exact)
		return strcmp(code, r->country) == 0;
	return strlen(r->country) == n && strncmp(code, r->country, n) == 0;
}

int
zh_own_side(const struct zh_run *r, const struct zh_who *w)
{
	int i;

	for (i = 0; i < w->n; i++)
		if (own_code(r, w->codes[i], 0))
			return 1;
	return 0;
}

/* Whether the mention at t is governed: after 对/向/驻, or "以X为首". */
static int
governed(const struct zh_run *r, int t, int lo)
{
	if (t > lo && (zh_has(r, t - 1, ZW_PREP) || zh_has(r, t - 1,
	    ZW_REFPP)))
		return 1;
	if (t > lo && zh_has(r, t - 1, ZW_LEAD) && zh_has(r, t + 1, ZW_HEAD))
		return 1;
	return zh_has(r, t + 1, ZW_NONAGENT);
}

int
zh_subject(const struct zh_run *r, struct zh_span cl, int before,
    struct zh_who *w)
{
	struct zh_who more;
	enum zh_mtype m;
	int t, u;

	for (t = cl.a; t < before; t++) {
		/* The subject comes before 对/向: what follows is governed
		 * up to the verb (向峰会主办方日本等有关方面提出…); and
		 * after 所谓 comes what someone else alleged. */
		if (zh_has(r, t, ZW_PREPT) || zh_has(r, t, ZW_REFPP) ||
		    zh_has(r, t, ZW_QUOTED))
			break;
		if ((m = zh_mention(r, t, w)) == ZM_NONE || governed(r, t,
		    cl.a))
			continue;
		/* "美国和日本", "美国、英国": one subject. */
		for (u = t + 1; m == ZM_ACTOR && u + 1 < before &&
		    (zh_punct(r, u, "、") || zh_has(r, u, ZW_CONJ)) &&
		    zh_mention(r, u + 1, &more) == ZM_ACTOR; u += 2)
			while (more.n > 0 && w->n < ZH_TARGETS)
				w->codes[w->n++] = more.codes[--more.n];
		return m;
	}
	w->n = 0;
	return ZM_NONE;
}

void
zh_resolve(const struct zh_run *r, struct zh_who *w)
{
	*w = r->last.n > 0 ? r->last : r->focus;
}

/*
 * What a question is about: the first subject of its clauses that is an
 * actor of the other side ("据报道，英国首相…声称…" is about Britain;
 * "有报道称，中国企业向俄罗斯…" about no one).
 */
static void
question_topic(const struct zh_run *r, int a, int b, struct zh_who *out)
{
	struct zh_span cl;

	out->n = 0;
	for (cl.a = a; cl.a < b; cl.a = cl.b) {
		cl.b = zh_next_clause(r, cl.a, b);
		if (zh_subject(r, cl, cl.b, out) == ZM_ACTOR &&
		    !zh_own_side(r, out))
			return;
	}
	out->n = 0;
}

static int
any_speech(const struct zh_run *r, int a, int b)
{
	int t;

	for (t = a; t < b; t++)
		if (zh_has(r, t, ZW_SPEECHNOUN) || zh_has(r, t, ZW_SPEECH))
			return 1;
	return 0;
}

/*
 * Who speaks the words [a, b) that a verb of saying introduces: the
 * voice of the text (a spokesperson, "we", the issuer by name or its
 * state), or someone else (*who names them when known).
 */
static int
speaker(const struct zh_run *r, int a, int b, struct zh_who *who)
{
	struct zh_who w;
	enum zh_mtype m;
	int t, named = 0, voice = 0, i;

	who->n = 0;
	for (t = a; t < b; t++) {
		if ((m = zh_mention(r, t, &w)) == ZM_VOICE)
			voice = 1;
		if (m == ZM_ACTOR && !governed(r, t, a)) {
			for (i = 0; i < w.n; i++)
				voice |= own_code(r, w.codes[i], 1);
			/* The most specific: 中国 + 外交部 is the ministry. */
			if (who->n == 0 || (strncmp(w.codes[0],
			    who->codes[0], strlen(who->codes[0])) == 0 &&
			    w.codes[0][strlen(who->codes[0])] == '.'))
				*who = w;
		}
		if (!(r->toks[t].flags & TK_PUNCT))
			named = 1;
	}
	/* A news report has no voice of its own: whom it quotes speaks. */
	if (r->issuer == NULL)
		return who->n > 0 || !voice ? L_OTHER : L_VOICE;
	return voice || !named ? L_VOICE : L_OTHER;
}

/* Words from a up to b: "X表示，…" makes them X's. */
static int
framed(const struct zh_run *r, int a, int b, struct zh_who *who)
{
	int cb = zh_next_clause(r, a, b);

	who->n = 0;
	if (cb - a >= 2 && cb < b && zh_punct(r, cb - 1, ",:") &&
	    zh_has(r, cb - 2, ZW_SPEECH))
		return speaker(r, a, cb - 2, who);
	return L_VOICE;
}

/*
 * The kind of line [a, b) and where its words start (*body): a label
 * ("问：", "毛宁：") or a frame of saying ("使馆发言人说，") is left out.
 */
static int
line_kind(const struct zh_run *r, int a, int b, int after_question, int open,
    int *body, struct zh_who *who)
{
	int t, la = a, c = -1;

	*body = a;
	who->n = 0;
	for (t = a; t < b && t < a + 16; t++) {
		if (zh_punct(r, t, "。!?"))
			break;
		if (zh_punct(r, t, ",")) {
			la = t + 1;
		} else if (zh_punct(r, t, ":")) {
			c = t;
			break;
		}
	}
	if (c != -1) {
		*body = c + 1;
		for (t = la; t < c; t++)
			if (zh_has(r, t, ZW_QUESTION))
				return L_QUESTION;
		for (t = la; t < c; t++)
			if (zh_has(r, t, ZW_ANSWER) || zh_has(r, t, ZW_VOICE))
				return framed(r, *body, b, who);
		if (after_question && c - la <= 4)
			return framed(r, *body, b, who);  /* "赵立坚：" */
		*body = a;
	}
	/* "有记者问，…", "问：" */
	for (t = a; t < b && t < a + 2; t++)
		if (zh_has(r, t, ZW_QUESTION) && r->toks[t].wid >= 0) {
			const struct zh_word *wd = &r->z->words[r->toks[t].wid];

			if (wd->len >= 3 && strcmp(wd->key + wd->len - 3,
			    "问") == 0)
				return L_QUESTION;
		}
	if (open)
		return L_QUESTION;
	return framed(r, a, b, who);
}

int
zh_paragraphs(struct zh_run *r)
{
	struct zh_who who;
	int a, b, s, e, body, kind, prev = L_VOICE, open = 0, rc, speech;
	int quoted;

	for (a = 0; (size_t)a < r->ntoks; a = b) {
		b = zh_line_end(r, a);
		kind = line_kind(r, a, b, prev == L_QUESTION, open, &body,
		    &who);
		if (kind == L_QUESTION) {
			if (prev != L_QUESTION) {
				r->qtopic.n = 0;
				r->qspeech = 0;
			}
			if (r->qtopic.n == 0)
				question_topic(r, body, b, &r->qtopic);
			r->qspeech |= any_speech(r, body, b);
			r->focus = r->qtopic;
			/* "有记者提问：" alone: the question follows. */
			open = !zh_punct(r, b - 1, "?");
			prev = kind;
			continue;
		}
		if (prev == L_QUESTION) {
			r->focus = r->qtopic;
			r->prev_speech = r->qspeech;
		}
		open = 0;
		prev = kind;
		quoted = 0;
		r->others_said = kind == L_OTHER && r->issuer != NULL;
		if (kind == L_OTHER && r->issuer == NULL && who.n > 0) {
			/* A news report gives the words to whom it quotes. */
			r->speaker = who.codes[0];
			zh_country(r, r->speaker);
		} else if (kind == L_OTHER) {
			quoted = 1;
		}
		/* A news report's own lines: only what actors it names do. */
		for (s = body; (r->speaker != NULL || r->issuer == NULL) &&
		    s < b; s = e) {
			e = zh_next_sentence(r, s, b);
			speech = any_speech(r, s, e);
			/* Someone else's words go on until the voice of the
			 * text takes up again ("…。我们敦促…"). */
			quoted &= zh_subject(r, (struct zh_span){ s, e },
			    zh_next_clause(r, s, e), &who) != ZM_VOICE;
			if (!quoted && (rc = zh_code_sentence(r,
			    (struct zh_span){ s, e }, r->speaker)) != 0)
				return rc;
			r->prev_speech = speech;
		}
		if (r->issuer == NULL) {
			r->speaker = NULL;
			r->country[0] = '\0';
		}
	}
	return 0;
}
