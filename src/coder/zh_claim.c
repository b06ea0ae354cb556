/*
 * The claims of one sentence in the voice of the text.  Clauses are read
 * in order; a clause without a subject of its own goes on with the last
 * one (Chinese drops a repeated subject).  Each cue makes a claim as its
 * class says (see lexicon-zh.tsv): a performative needs the speaker's side
 * or nobody as its subject, an evaluation or a misdeed needs an author who
 * is someone else.  What a demand asks for (敦促X停止…) is no claim of its
 * own, nor is what someone else is said to say (X声称…).
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "handover.h"
#include "zh_impl.h"

struct sent {
	const char	*by;		/* the voice of the text, or NULL */
	struct zh_who	 subj;		/* carried from clause to clause */
	enum zh_mtype	 subjm;
	int		 demand;	/* inside what a demand asks for */
	int		 hypo;		/* after a condition (如果…，) */
	int		 speech;	/* words are spoken of before here */
};

/* The subject of the cue at t: its clause's, else the sentence's. */
static enum zh_mtype
subject_at(const struct zh_run *r, const struct sent *st, struct zh_span cl,
    int t, struct zh_who *w)
{
	enum zh_mtype m;

	if ((m = zh_subject(r, cl, t, w)) != ZM_NONE)
		return m;
	*w = st->subj;
	return st->subjm;
}

static int
own(const struct zh_run *r, enum zh_mtype m, const struct zh_who *w)
{
	return m == ZM_VOICE || (m == ZM_ACTOR && zh_own_side(r, w));
}

/* Someone else, resolved: an actor, or a referent's actor. */
static int
other(const struct zh_run *r, enum zh_mtype m, struct zh_who *w)
{
	if (m == ZM_REFER)
		zh_resolve(r, w);
	else if (m != ZM_ACTOR || zh_own_side(r, w))
		w->n = 0;
	return w->n > 0;
}

/* The discourse's current actor: the sentence's so far, else earlier. */
static void
context(const struct zh_run *r, struct zh_who *w)
{
	if (r->ncands > 0)
		*w = r->cands[r->ncands - 1].tg;
	else
		zh_resolve(r, w);
}

/*
 * The object right after a performative (敦促美方, 希望北约): 1 with its
 * actor in *w, 0 with *has_obj set when the object is no actor, 0 when
 * there is none.
 */
static int
object_of(const struct zh_run *r, struct zh_span cl, int end,
    struct zh_who *w, int *has_obj)
{
	enum zh_mtype m;
	int u = end + 1;

	while (u < cl.b && (zh_has(r, u, ZW_MOD) || zh_punct(r, u, "“\"")))
		u++;
	*has_obj = u < cl.b && !(r->toks[u].flags & TK_PUNCT) &&
	    !zh_has(r, u, ZW_CUE) && !zh_has(r, u, ZW_PREP);
	m = zh_mention(r, u, w);
	if (m == ZM_REFER && zh_has(r, u, ZW_REFOBJ))
		zh_resolve(r, w);
	else if (m != ZM_ACTOR || zh_own_side(r, w))
		w->n = 0;
	else
		(void)zh_subject(r, (struct zh_span){ u, cl.b }, cl.b, w);
	return w->n > 0;
}

/* The object of 对/向/针对 before the cue at t (向英方提出严正交涉). */
static int
prep_object(const struct zh_run *r, struct zh_span cl, int t,
    struct zh_who *w)
{
	struct zh_who x;
	enum zh_mtype m;
	int u, v, i, refer = 0;

	w->n = 0;
	for (u = t - 1; u >= cl.a; u--) {
		if (zh_has(r, u, ZW_REFPP)) {
			zh_resolve(r, w);
			return w->n > 0;
		}
		if (!zh_has(r, u, ZW_PREPT))
			continue;
		for (v = u + 1; v < t; v++) {
			if ((m = zh_mention(r, v, &x)) == ZM_REFER)
				refer = 1;
			if (m != ZM_ACTOR || zh_own_side(r, &x))
				continue;
			for (i = 0; i < x.n && w->n < ZH_TARGETS; i++)
				w->codes[w->n++] = x.codes[i];
		}
		if (w->n == 0 && refer)
			zh_resolve(r, w);
		return w->n > 0;
	}
	return 0;
}

/*
 * The author of the evaluation or misdeed at t: the possessor before it
 * (英方上述无理做法, 美方对中国的无端指责), else the subject.
 */
static int
author_of(const struct zh_run *r, const struct sent *st, struct zh_span cl,
    int t, struct zh_who *w)
{
	enum zh_mtype m;
	int u;

	for (u = t - 1; u >= cl.a && u >= t - 6; u--) {
		m = zh_mention(r, u, w);
		if (m == ZM_ACTOR && !zh_own_side(r, w))
			return 1;
		if (r->toks[u].wid == r->z->w_de || zh_has(r, u, ZW_MOD) ||
		    zh_has(r, u, ZW_PREP) || (m == ZM_ACTOR) ||
		    zh_punct(r, u, "“”\"《》"))
			continue;
		break;
	}
	m = subject_at(r, st, cl, t, w);
	return other(r, m, w);
}

static int
add_cand(struct zh_run *r, const char *by, const struct zh_cue *c,
    const struct zh_who *tg, int t, int end)
{
	struct zh_cand *cd;
	int i, n = 0;

	if (by == NULL ||
	    r->ncands == (int)(sizeof(r->cands) / sizeof(r->cands[0])))
		return 0;
	cd = &r->cands[r->ncands];
	for (i = 0; i < tg->n; i++)
		if (!zh_own_side(r, &(struct zh_who){ { tg->codes[i] }, 1 }) &&
		    strcmp(tg->codes[i], by) != 0)
			cd->tg.codes[n++] = tg->codes[i];
	if (n == 0)
		return 0;
	cd->tg.n = n;
	cd->by = by;
	cd->kind = c->kind;
	cd->cameo = c->cameo;
	cd->weak = (c->flags & ZF_WEAK) != 0;
	cd->act = c->type == ZT_ACT;
	cd->cue_a = t;
	cd->cue_b = end;
	r->ncands++;
	r->last = cd->tg;
	return 1;
}

/* Whether an act cue follows t in the clause: 对X…无理做法表示愤慨. */
static int
act_follows(const struct zh_run *r, struct zh_span cl, int t)
{
	int u, e, ga, gb, ci;

	for (u = t + 1; u < cl.b; u++)
		if ((ci = zh_cue_at(r, u, cl, &e, &ga, &gb)) != -1 &&
		    r->z->cues[ci].type == ZT_ACT)
			return 1;
	return 0;
}

/* Whether someone else is named before t in the clause. */
static int
other_before(const struct zh_run *r, struct zh_span cl, int t)
{
	struct zh_who w;
	int u;

	for (u = cl.a; u < t; u++)
		if (zh_mention(r, u, &w) == ZM_ACTOR && !zh_own_side(r, &w))
			return 1;
	return 0;
}

/* Whether a referent naming actors (有关国家) comes before t. */
static int
refobj_before(const struct zh_run *r, struct zh_span cl, int t)
{
	int u;

	for (u = cl.a; u < t; u++)
		if (zh_has(r, u, ZW_REFOBJ))
			return 1;
	return 0;
}

static int
kind_is(const struct zh_run *r, const struct zh_cue *c, const char *name)
{
	return strcmp(r->z->kinds[c->kind].name, name) == 0;
}

static void
act(struct zh_run *r, struct sent *st, struct zh_span cl,
    const struct zh_cue *c, int t, int end)
{
	struct zh_who w, tg;
	enum zh_mtype m;
	const char *by = st->by;
	int has_obj = 0, speech = st->speech || r->prev_speech || r->qspeech;
	int u;

	m = subject_at(r, st, cl, t, &w);
	if (m == ZM_ACTOR && r->issuer == NULL && !own(r, m, &w))
		by = w.codes[0];	/* a news report's actor */
	else if (m != ZM_NONE && !own(r, m, &w))
		return;	/* someone else's act, reported */
	tg.n = 0;
	if ((c->flags & ZF_OBJ) && object_of(r, cl, end, &tg, &has_obj)) {
		/* 坚决反对 + an actor: only their words are rejected. */
		for (speech = 0, u = end + 1; u < cl.b; u++)
			speech |= zh_has(r, u, ZW_SPEECHNOUN);
	} else if (!((c->flags & ZF_PP) && prep_object(r, cl, t, &tg)) &&
	    (c->flags & ZF_CTX) && !has_obj)
		context(r, &tg);
	if ((c->flags & ZF_SPEECH) && !speech)
		return;
	if (add_cand(r, by, c, &tg, t, end) && (kind_is(r, c, "demand") ||
	    kind_is(r, c, "appeal")))
		st->demand = 1;
}

static void
cue(struct zh_run *r, struct sent *st, struct zh_span cl, int ci, int t,
    int end, int ga, int gb)
{
	const struct zh_cue *c = &r->z->cues[ci];
	struct zh_who w, x;
	enum zh_mtype m;
	int u;

	if (zh_negated(r, t, cl) || zh_hedged(r, t, cl))
		return;
	switch (c->type) {
	case ZT_ACT:
		act(r, st, cl, c, t, end);
		break;
	case ZT_MODAL:
		if (st->demand)
			break;
		/* "北约应当…", "有关国家应当…"; not "有关动向应当…". */
		m = subject_at(r, st, cl, t, &w);
		if (m == ZM_REFER && !refobj_before(r, cl, t))
			break;
		if (other(r, m, &w) && add_cand(r, st->by, c, &w, t, end))
			st->demand = 1;
		break;
	case ZT_EVAL:
	case ZT_CONDUCT:
		/* What a condition supposes is not said to be so; what is
		 * demanded or threatened after it is. */
		if (st->demand || st->hypo)
			break;
		/* 对美方无理做法表示愤慨: one claim, the act's; but 对X的
		 * 无端指责表示不满 also rejects the accusations. */
		for (u = t - 1; u >= cl.a; u--)
			if (zh_has(r, u, ZW_PREPT))
				break;
		if (u >= cl.a && act_follows(r, cl, end) &&
		    !kind_is(r, c, "reject"))
			break;
		if (author_of(r, st, cl, t, &w))
			add_cand(r, st->by, c, &w, t, end);
		else if (kind_is(r, c, "reject") &&
		    subject_at(r, st, cl, t, &w) == ZM_NONE) {
			/* "所谓…纯属捏造": the claims spoken of. */
			context(r, &w);
			add_cand(r, st->by, c, &w, t, end);
		}
		break;
	case ZT_SELF:
		m = subject_at(r, st, cl, t, &w);
		/* Not "俄方…的客观公正立场": someone else's merit. */
		if (!own(r, m, &w) || other_before(r, cl, t))
			break;
		/* FALLTHROUGH */
	case ZT_ASSERT:
		/* Against the accuser the question names, else the latest. */
		add_cand(r, st->by, c, r->qtopic.n > 0 ? &r->qtopic :
		    &r->focus, t, end);
		break;
	case ZT_THREAT:
		w.n = 0;
		for (u = ga; u >= 0 && u < gb; u++)
			if (zh_mention(r, u, &x) == ZM_ACTOR &&
			    !zh_own_side(r, &x))
				w = x;
		if (w.n == 0 && !other(r, subject_at(r, st, cl, t, &w), &w))
			context(r, &w);
		add_cand(r, st->by, c, &w, t, end);
		break;
	}
}

/* Whether 他/她 says the words at t: the last speaker again. */
static int
pronoun_at(const struct zh_run *r, struct zh_span cl, int t)
{
	int u;

	for (u = cl.a; u < t; u++)
		if (zh_mention(r, u, &(struct zh_who){ { NULL }, 0 }) !=
		    ZM_NONE)
			return zh_has(r, u, ZW_PRON);
	return 0;
}

/* Whether a title names a speaker before t: "王外长表示". */
static int
titled(const struct zh_run *r, struct zh_span cl, int t)
{
	int u;

	for (u = cl.a; u < t; u++)
		if (zh_has(r, u, ZW_INST))
			return 1;
	return 0;
}

/*
 * Reads the clause [cl.a, cl.b).  Returns 1 when the rest of the sentence
 * is someone else's words ("北约秘书长表示，…").
 */
static int
clause(struct zh_run *r, struct sent *st, struct zh_span cl)
{
	struct zh_who w;
	enum zh_mtype m;
	int t, ci, end, ga, gb;

	if (zh_has(r, cl.a, ZW_CONTRAST))
		st->demand = 0;
	for (t = cl.a; t < cl.b; t++) {
		if ((ci = zh_cue_at(r, t, cl, &end, &ga, &gb)) != -1) {
			cue(r, st, cl, ci, t, end, ga, gb);
			t = end;
		}
		if (zh_has(r, t, ZW_SPEECHNOUN))
			st->speech = 1;
		if (!zh_has(r, t, ZW_SPEECH))
			continue;
		m = subject_at(r, st, cl, t, &w);
		if (pronoun_at(r, cl, t))
			m = r->others_said ? ZM_OTHER : ZM_VOICE;
		r->others_said = !((m == ZM_NONE && !titled(r, cl, t)) ||
		    own(r, m, &w));
		if (!r->others_said)
			continue;
		/* Someone else's words: to the end of the clause, or of the
		 * sentence when they follow a comma or colon. */
		return t + 2 >= cl.b && zh_punct(r, cl.b - 1, ",:");
	}
	return 0;
}

/*
 * The subject a clause hands on: its first actor before its first cue, or
 * among its first words when it has none (so that the
 * object of "抹黑中国" is not taken for the next clause's subject).
 */
static enum zh_mtype
clause_subject(const struct zh_run *r, struct zh_span cl, struct zh_who *w)
{
	int t, lim = cl.a + 5 < cl.b ? cl.a + 5 : cl.b;

	for (t = cl.a; t < cl.b; t++)
		if (zh_has(r, t, ZW_CUE)) {
			lim = t;
			break;
		}
	return zh_subject(r, cl, lim, w);
}

/*
 * Drops a weak act that another act of the sentence covers (强烈不满和坚决
 * 反对 is one rejection), and repeats.
 */
static int
kept(const struct zh_run *r, int i)
{
	const struct zh_cand *a = &r->cands[i], *b;
	int j;

	for (j = 0; j < r->ncands; j++) {
		b = &r->cands[j];
		if (j == i || b->tg.n != a->tg.n || strcmp(a->by, b->by) != 0 ||
		    memcmp(b->tg.codes, a->tg.codes, a->tg.n *
		    sizeof(a->tg.codes[0])) != 0)
			continue;
		if (a->weak && !b->weak && b->act)
			return 0;
		if (j < i && b->kind == a->kind && b->weak == a->weak)
			return 0;
	}
	return 1;
}

static int
emit(struct zh_run *r, struct zh_span s, const struct zh_cand *cd)
{
	const struct zh_kind *k = &r->z->kinds[cd->kind];
	const char *topics[8];
	const char *cameo = cd->cameo ? cd->cameo : k->cameo;
	const struct zh_word *wd;
	struct coder_claim cl;
	size_t ntopics = 0, i;
	int t;

	for (t = s.a; t < s.b; t++) {
		if (!zh_has(r, t, ZW_TOPIC))
			continue;
		wd = &r->z->words[r->toks[t].wid];
		for (i = 0; i < ntopics; i++)
			if (strcmp(topics[i], wd->topic) == 0)
				break;
		if (i == ntopics && ntopics < 8)
			topics[ntopics++] = wd->topic;
		if (wd->topic_cameo != NULL && cameo == k->cameo &&
		    strlen(wd->topic_cameo) > strlen(cameo) &&
		    strncmp(wd->topic_cameo, cameo, strlen(cameo)) == 0)
			cameo = wd->topic_cameo;
	}
	memset(&cl, 0, sizeof(cl));
	cl.by = cd->by;
	cl.kind = k->name;
	cl.cameo = cameo;
	cl.targets = cd->tg.codes;
	cl.ntargets = (size_t)cd->tg.n;
	cl.topics = topics;
	cl.ntopics = ntopics;
	return coder_hand_over(r->fn, r->ctx, &cl, r->text,
	    r->toks[s.a].off, r->toks[s.b - 1].end, r->toks[cd->cue_a].off,
	    r->toks[cd->cue_b].end);
}

int
zh_code_sentence(struct zh_run *r, struct zh_span s, const char *by)
{
	struct sent st;
	struct zh_span cl;
	struct zh_who w;
	enum zh_mtype m;
	int t, i, rc, skip = 0;

	memset(&st, 0, sizeof(st));
	st.by = by;
	r->last.n = 0;
	r->ncands = 0;
	if (s.b - s.a > ZH_SENT_MAX)
		return 0;
	/* A question, even one the speaker asks, and a frame ending in
	 * "…答记者问" or "…主持例行记者会" claim nothing. */
	skip = zh_punct(r, s.b - 1, "?");
	for (t = s.a; t < s.b && !skip; t = zh_next_clause(r, t, s.b))
		if (zh_next_clause(r, t, s.b) == s.b)
			for (i = t; i < s.b && !skip; i++)
				skip = zh_has(r, i, ZW_FRAME);
	for (cl.a = s.a; cl.a < s.b && !skip; cl.a = cl.b) {
		cl.b = zh_next_clause(r, cl.a, s.b);
		if (clause(r, &st, cl))
			break;
		st.hypo |= zh_hedged(r, cl.b, cl);
		if ((m = clause_subject(r, cl, &w)) != ZM_NONE) {
			st.subj = w;
			st.subjm = m;
		}
		if (st.subjm == ZM_ACTOR && !zh_own_side(r, &st.subj))
			r->last = st.subj;
	}
	if (skip) {
		for (t = s.a; t < s.b; t++)
			if (zh_mention(r, t, &w) == ZM_ACTOR &&
			    !zh_own_side(r, &w)) {
				r->focus = w;
				break;
			}
		return 0;
	}
	for (i = 0; i < r->ncands; i++)
		if (kept(r, i) && (rc = emit(r, s, &r->cands[i])) != 0)
			return rc;
	if (r->ncands > 0)
		r->focus = r->cands[r->ncands - 1].tg;
	else if (r->last.n > 0)
		r->focus = r->last;
	return 0;
}
