/*
 * Cues: negation, and the claims a verb, noun, adjective or conduct cue makes.
 */
#include <string.h>

#include "coder_int.h"

/* Whether a negation or a hedge governs the cue at token a. */
int
cd_negated(const struct run *r, const struct sent *s, size_t a)
{
	size_t k, lo = (size_t)s->a;
	int n;

	for (k = a; k > lo && a - k < NEG_WINDOW; k--) {
		if (r->toks[k - 1].cp != 0)
			return 0;
		/* "Theresa May defended" */
		if ((r->toks[k - 1].flags & T_CAP) && k - 1 > lo)
			continue;
		if (cd_negative_word(r, k - 1))
			return 1;
		if (((n = cd_match(r, C_NEG, k - 1, a, NULL)) > 0 ||
		    (n = cd_match(r, C_HEDGE, k - 1, a, NULL)) > 0) &&
		    k - 1 + (size_t)n <= a)
			return 1;
	}
	return 0;
}

/*
 * Whether a cue at t is used as a verb of the clause: not after a
 * determiner or a possessive ("the blame", "China's stated aims"), nor
 * after a preposition other than "to", unless a gerund whose subject is
 * the clause's ("after blaming", "aimed at stoking", not "criticized X
 * for calling").
 */
int
cd_verbal(const struct run *r, const struct sent *s, size_t t)
{
	const struct tok *p;

	if (t == (size_t)s->a)
		return 1;
	p = &r->toks[t - 1];
	if (p->cp != 0)
		return 1;
	if ((p->flags & T_POSS) || cd_is(r, C_DET, t - 1))
		return 0;
	return !cd_is(r, C_PREP, t - 1) || p->wid == r->c->w_to ||
	    (cd_suffix(r, t, "ing") && (cd_is(r, C_SUBJPREP, t - 1) ||
	    cd_ends_at(r, C_PURPOSE, t - 1, (size_t)s->a)));
}

static int
passive(const struct run *r, const struct sent *s, size_t a, size_t b)
{
	size_t k;

	if (cd_is_word(r, b, r->c->w_by))
		return 1;
	for (k = a; k > (size_t)s->a && a - k < 3; k--) {
		if (cd_ends_at(r, C_BE, k - 1, (size_t)s->a))
			return 1;
		if (!cd_suffix(r, k - 1, "ly") && !cd_is(r, C_AUX, k - 1))
			return 0;
	}
	return 0;
}

/*
 * Builds a claim for a verb cue at [a, b), or for a stance ("is deeply
 * concerned about", "strongly opposed to"), which is never passive: its
 * "by" names a cause, not an agent.  Returns candidates added.
 */
int
cd_verb_claims(struct run *r, const struct sent *s, size_t a, size_t b,
    const struct pattern *p, struct cand *cds, int ncd)
{
	struct cand cd;
	int subj[4], nsubj, i, ag, added = 0;
	size_t verb = a;
	const struct kind *k = &r->c->kinds[p->kind];

	memset(&cd, 0, sizeof(cd));
	cd.kind = p->kind;
	cd.cameo = p->cameo ? p->cameo : k->cameo;
	cd.rank = k->no_target ? RANK_ASSERT : RANK_VERB;
	if (p->cls == C_VERB && passive(r, s, a, b)) {
		if ((ag = cd_agent_of(r, s, b)) < 0 ||
		    (cd.by = cd_who(r, s, ag, a)) == NULL)
			return 0;
		nsubj = cd_subject_of(r, s, a, subj, 4);
		for (i = 0; i < nsubj; i++)
			cd_add_target(&cd, cd_who(r, s, subj[i], a));
		if (ncd < CAND_MAX) {
			cds[ncd] = cd;
			return 1;
		}
		return 0;
	}
	/* "called the ambassador to demand": the caller demands */
	ag = k->content ? cd_addressee(r, s, a, &verb) : -1;
	nsubj = cd_subject_of(r, s, ag >= 0 ? verb : a, subj, 4);
	for (i = 0; i < nsubj && ncd + added < CAND_MAX; i++) {
		cd.ntargets = 0;
		/* "Russia's war ... and expressed": an owner, not the actor */
		if ((r->ms[subj[i]].flags & MF_POSS) ||
		    (cd.by = cd_who(r, s, subj[i], a)) == NULL)
			continue;
		cd.src = r->ms[subj[i]].type == M_FIRST ||
		    r->ms[subj[i]].type == M_PRON3 ? SRC_SPEAKER : SRC_EXPLICIT;
		if (!k->no_target)
			cd_targets_of(r, s, b, 1, &cd);
		if (ag >= 0 && cd.ntargets == 0)
			cd_add_target(&cd, cd_who(r, s, ag, a));
		cds[ncd + added++] = cd;
	}
	return added;
}

/*
 * A noun cue's claimant: "the EU's accusations", the subject of a light
 * verb ("NATO levelled accusations", "the EU expresses its concern at
 * the steps taken by China": "by" there names the target), the subject
 * of a clause that owns it ("the EU remains steadfast in its commitment
 * to"), or "by X".
 */
static int
noun_claimant(struct run *r, const struct sent *s, size_t a, size_t b)
{
	size_t k;
	int m, subj, n, own = 0;

	for (k = a; k > (size_t)s->a && a - k < 3; k--) {
		if ((m = r->mcover[k - 1]) >= 0) {
			if ((r->ms[m].flags & (MF_POSS | MF_MOD)) ||
			    r->ms[m].type == M_ADJ || r->ms[m].type == M_FIRST)
				return m;
			break;
		}
		if (cd_is(r, C_POSSDET, k - 1))
			own = 1;
		if (r->toks[k - 1].cp != 0 || cd_is(r, C_DET, k - 1) ||
		    cd_is(r, C_PREP, k - 1))
			break;
	}
	for (k = a; k > (size_t)s->a && a - k < 5; k--) {
		if (r->toks[k - 1].cp != 0)
			break;
		if ((n = cd_match(r, C_LIGHT, k - 1, a, NULL)) > 0 &&
		    !cd_negated(r, s, k - 1))
			return cd_subject_of(r, s, k - 1, &subj, 1) &&
			    !(r->ms[subj].flags & MF_POSS) ? subj : -1;
	}
	/* "its": the subject, with nobody else named before the cue */
	if (own && cd_subject_of(r, s, a, &subj, 1) > 0 &&
	    !(r->ms[subj].flags & MF_POSS)) {
		for (k = (size_t)r->ms[subj].b; k < a && r->mstart[k] < 0; k++)
			;
		if (k == a)
			return subj;
	}
	return cd_agent_of(r, s, b);
}

int
cd_noun_claim(struct run *r, const struct sent *s, size_t a, size_t b,
    const struct pattern *p, struct cand *cd)
{
	const struct kind *k = &r->c->kinds[p->kind];
	int m;

	memset(cd, 0, sizeof(*cd));
	cd->kind = p->kind;
	cd->cameo = p->cameo ? p->cameo : k->cameo;
	cd->rank = RANK_NOUN;
	if ((m = noun_claimant(r, s, a, b)) < 0 ||
	    (cd->by = cd_who(r, s, m, a)) == NULL)
		return 0;
	cd->src = SRC_EXPLICIT;
	/* With the claimant before the cue, "by X" after it is the agent
	 * of what it is about: "concern at the steps taken by China". */
	if (!k->no_target)
		cd_targets_of(r, s, b, r->ms[m].a < (int)a, cd);
	return 1;
}

/*
 * The claimant of an evaluation at token a: the speaker, or the issuer
 * outside any quotation.  Returns the speaker's mention, or -1.
 */
static int
evaluator(struct run *r, const struct sent *s, size_t a, struct cand *cd)
{
	int sp;

	if ((sp = cd_speaker_at(r, s, a)) >= 0) {
		cd->by = cd_who(r, s, sp, a);
		cd->src = SRC_SPEAKER;
	} else if (r->qid[a] < 0) {
		cd->by = r->issuer;
		cd->src = SRC_ISSUER;
	}
	return sp;
}

/*
 * Whom an evaluation by the speaker or the issuer is aimed at, for
 * mention m: "some Canadian politicians" are Canada's side.
 */
static const char *
side(struct run *r, const struct sent *s, int m, size_t pos)
{
	if (r->ms[m].type == M_TEXT && r->ms[m].code != NULL)
		return r->ms[m].code;
	return cd_who(r, s, m, pos);
}

/*
 * An evaluation ("baseless", "not based on facts") by the speaker, or by
 * the issuer outside any quotation; its targets are the authors named
 * in the sentence, not those the words were about ("against China").
 */
int
cd_adj_claim(struct run *r, const struct sent *s, size_t a,
    const struct pattern *p, struct cand *cd)
{
	const struct kind *k = &r->c->kinds[p->kind];
	size_t t, from = (size_t)s->a;
	int sp, m, g;

	memset(cd, 0, sizeof(*cd));
	cd->kind = p->kind;
	cd->cameo = p->cameo ? p->cameo : k->cameo;
	cd->rank = RANK_ADJ;
	sp = evaluator(r, s, a, cd);
	if (cd->by == NULL)
		return 0;
	/* "X said the EU statements were baseless" */
	if (sp >= 0 && r->ms[sp].a >= s->a && (size_t)r->ms[sp].b <= a)
		from = (size_t)r->ms[sp].b;
	for (t = from; t < (size_t)s->b; t++) {
		if ((m = r->mstart[t]) < 0)
			continue;
		t = (size_t)r->ms[m].b - 1;
		if (m == sp || (r->ms[m].type != M_ACTOR &&
		    r->ms[m].type != M_TEXT))
			continue;
		/* "(ZNPP)": an abbreviation explained, not an author */
		if (r->ms[m].type == M_TEXT && r->ms[m].a > s->a &&
		    cd_is_punct(r, (size_t)r->ms[m].a - 1, '('))
			continue;
		g = cd_governed_by(r, m, (size_t)s->a);
		if (g >= 0 && cd_is(r, C_VICTIM, (size_t)g))
			continue;
		cd_add_target(cd, side(r, s, m, t));
	}
	return 1;
}

/* Whether the clause of token a begins with "it" or "they". */
static int
pronoun_subject(const struct run *r, const struct sent *s, size_t a)
{
	size_t t;
	int m;

	for (t = a; t > (size_t)s->a; t--) {
		if ((m = r->mstart[t - 1]) >= 0)
			return r->ms[m].type == M_PRON3 &&
			    (r->toks[t - 1].wid == r->c->w_it ||
			    r->toks[t - 1].wid == r->c->w_they) &&
			    (t - 1 == (size_t)s->a ||
			    r->toks[t - 2].cp != 0);
		if (r->toks[t - 1].cp != 0)
			return 0;
	}
	return 0;
}

/* Wrongdoing a speaker says its subject did: an accusation. */
int
cd_conduct_claim(struct run *r, const struct sent *s, size_t a,
    const struct pattern *p, struct cand *cd)
{
	const struct kind *k = &r->c->kinds[p->kind];
	int sp, subj[4], n, i;

	memset(cd, 0, sizeof(*cd));
	cd->kind = p->kind;
	cd->cameo = p->cameo ? p->cameo : k->cameo;
	cd->rank = RANK_CONDUCT;
	sp = evaluator(r, s, a, cd);
	if ((sp >= 0 && r->ms[sp].type == M_PRON3) || cd->by == NULL)
		return 0;
	/* "Navalny was persecuted": the victim; the agent, if any, did it */
	if (passive(r, s, a, a + 1)) {
		if ((n = cd_agent_of(r, s, a + 1)) >= 0)
			cd_add_target(cd, side(r, s, n, a));
		return cd->ntargets > 0;
	}
	n = cd_subject_of(r, s, a, subj, 4);
	for (i = 0; i < n; i++)
		if (r->ms[subj[i]].type == M_ACTOR ||
		    r->ms[subj[i]].type == M_TEXT)
			cd_add_target(cd, side(r, s, subj[i], a));
	/* "It distorts ...", "They are aimed at stoking ...": the issuer
	 * speaks of what it answers (the report, the statements) */
	if (cd->ntargets == 0 && sp < 0 && k->hostile &&
	    cd_same_state(cd->by, r->issuer) &&
	    pronoun_subject(r, s, a))
		cd_add_target(cd, cd_aimed_at(r, s));
	return cd->ntargets > 0;
}

/*
 * Wrongdoing named by a noun ("Russia's aggression", "the provocation by
 * Kiev"), by the speaker or the issuer against its author: the owner
 * before the noun, past a few adjectives, or the agent after it.
 */
int
cd_misdeed_claim(struct run *r, const struct sent *s, size_t a, size_t b,
    const struct pattern *p, struct cand *cd)
{
	const struct kind *k = &r->c->kinds[p->kind];
	size_t t;
	int m = -1;

	memset(cd, 0, sizeof(*cd));
	cd->kind = p->kind;
	cd->cameo = p->cameo ? p->cameo : k->cameo;
	cd->rank = RANK_CONDUCT;
	evaluator(r, s, a, cd);
	if (cd->by == NULL)
		return 0;
	for (t = a; t > (size_t)s->a && a - t < 5; t--) {
		if ((m = r->mcover[t - 1]) >= 0)
			break;
		if (r->toks[t - 1].cp != 0 && r->toks[t - 1].cp != ',')
			break;
		/* "Iran's repeated violations": past adjectives, not verbs */
		if (cd_is(r, C_STOP, t - 1) || cd_is(r, C_DET, t - 1) ||
		    cd_is(r, C_BE, t - 1) || cd_is(r, C_AUX, t - 1) ||
		    cd_match(r, C_VERB, t - 1, a, NULL) > 0)
			break;
	}
	if (m >= 0 && !((r->ms[m].flags & (MF_POSS | MF_MOD)) ||
	    r->ms[m].type == M_ADJ))
		m = -1;
	if (m < 0)
		m = cd_agent_of(r, s, b);
	if (m >= 0 && (r->ms[m].type == M_ACTOR || r->ms[m].type == M_ADJ ||
	    r->ms[m].type == M_TEXT))
		cd_add_target(cd, side(r, s, m, a));
	return cd->ntargets > 0;
}

/*
 * The issuer's own conduct put right ("handled the cases in accordance
 * with law", "does not pursue"), by the speaker or the issuer: a
 * defence or a denial aimed at what the text answers, when nobody of
 * another state is named before the cue as the one who acts.
 */
int
cd_own_claim(struct run *r, const struct sent *s, size_t a,
    const struct pattern *p, struct cand *cd)
{
	const struct kind *k = &r->c->kinds[p->kind];
	size_t t;
	int m;

	memset(cd, 0, sizeof(*cd));
	cd->kind = p->kind;
	cd->cameo = p->cameo ? p->cameo : k->cameo;
	cd->rank = RANK_CONDUCT;
	evaluator(r, s, a, cd);
	if (cd->by == NULL || !cd_same_state(cd->by, r->issuer))
		return 0;
	for (t = (size_t)s->a; t < a; t++)
		if ((m = r->mstart[t]) >= 0 && cd_other_state(r, &r->ms[m]) !=
		    NULL)
			return 0;
	return 1;
}
