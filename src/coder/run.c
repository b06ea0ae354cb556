/*
 * A run: the claims of each sentence, the best ones emitted, coder_run().
 */
#include <stdlib.h>
#include <string.h>

#include "coder_int.h"
#include "handover.h"
#include "zh.h"
#include "error.h"

/* Claims of a sentence. */

static int
emit(struct run *r, const struct sent *s, const struct cand *cd,
    coder_claim_fn fn, void *ctx)
{
	const struct pattern *p;
	const struct kind *k = &r->c->kinds[cd->kind];
	struct coder_claim cl;
	struct dm_date d;
	const char *topics[TOPIC_MAX];
	const char *cameo = cd->cameo;
	char iso[11];
	size_t t, i, ntopics = 0, end = (size_t)s->b;
	size_t qa = r->toks[s->a].off, qb = r->toks[s->b - 1].end;
	int n;

	for (t = (size_t)s->a; t < end; t++) {
		if ((n = cd_match(r, C_TOPIC, t, end, &p)) == 0)
			continue;
		t += (size_t)n - 1;
		for (i = 0; i < ntopics; i++)
			if (strcmp(topics[i], p->val) == 0)
				break;
		if (i == ntopics && ntopics < TOPIC_MAX)
			topics[ntopics++] = p->val;
		if (p->cameo != NULL && strlen(p->cameo) > strlen(cameo) &&
		    strncmp(p->cameo, cameo, strlen(cameo)) == 0 &&
		    cameo == cd->cameo)
			cameo = p->cameo;
	}
	memset(&cl, 0, sizeof(cl));
	cl.by = cd->by;
	cl.kind = k->name;
	cl.cameo = cameo;
	cl.targets = cd->targets;
	cl.ntargets = cd->ntargets;
	cl.topics = topics;
	cl.ntopics = ntopics;
	if (cd_sentence_date(r, s, &d)) {
		date_format(&d, iso);
		cl.date = iso;
	}
	return coder_hand_over(fn, ctx, &cl, r->text, qa, qb,
	    r->toks[cd->cue_a].off, r->toks[cd->cue_b - 1].off +
	    r->toks[cd->cue_b - 1].len);
}

/* Whether two claims of one claimant have a target in common. */
static int
share_target(const struct cand *a, const struct cand *b)
{
	size_t i, j;

	if (strcmp(a->by, b->by) != 0)
		return 0;
	for (i = 0; i < a->ntargets; i++)
		for (j = 0; j < b->ntargets; j++)
			if (strcmp(a->targets[i], b->targets[j]) == 0)
				return 1;
	return 0;
}

/*
 * Whether candidate i is part of another claim of its sentence: what
 * another claimant rejects or protests, an evaluation or a wrongdoing within what a demand asks for ("urges the
 * US to stop its smears"), or a wrongdoing that a verb or a noun of the
 * same claimant is aimed at ("condemns the aggression by Russia",
 * "denounced what it called Turkish aggression").
 */
static int
within(const struct run *r, const struct cand *cds, int ncd, int i)
{
	const struct cand *c = &cds[i], *o;
	int j;

	if (c->by == NULL)
		return 0;
	/* A statement's "rejects the accusations made by the EU": the act
	 * it rejects is reported, not the statement's own claim; a news
	 * report's claims are those of the actors it reports. */
	if (c->rank == RANK_NOUN && r->issuer != NULL)
		for (j = 0; j < ncd; j++)
			if (j != i && cds[j].by != NULL &&
			    r->c->kinds[cds[j].kind].answer &&
			    cds[j].cue_a < c->cue_a &&
			    strcmp(cds[j].by, c->by) != 0)
				return 1;
	if (c->rank < RANK_ADJ)
		return 0;
	for (j = 0; j < ncd; j++) {
		o = &cds[j];
		if (j == i || (o->rank != RANK_VERB && o->rank != RANK_NOUN) ||
		    o->by == NULL)
			continue;
		if (r->c->kinds[o->kind].content && o->cue_a < c->cue_a)
			return 1;
		if (c->cls == C_MISDEED && strcmp(c->by, o->by) == 0 &&
		    o->cue_a < c->cue_a)
			return 1;
		if (c->rank == RANK_CONDUCT && share_target(c, o))
			return 1;
		/* "China rejects the groundless claims": one rejection */
		if (c->rank == RANK_ADJ && c->kind == o->kind &&
		    cd_same_state(c->by, o->by))
			return 1;
	}
	return 0;
}

/*
 * Gives candidate i, of a kind that follows, the targets of a hostile
 * claim of its claimant in the same sentence.
 */
static void
follow(const struct run *r, struct cand *cds, int ncd, int i)
{
	int j;
	size_t t;

	for (j = 0; j < ncd; j++) {
		if (j == i || cds[i].by == NULL || cds[j].by == NULL ||
		    !r->c->kinds[cds[j].kind].hostile ||
		    !cd_same_state(cds[i].by, cds[j].by))
			continue;
		for (t = 0; t < cds[j].ntargets; t++)
			cd_add_target(&cds[i], cds[j].targets[t]);
	}
}

/* Whether claim a is surer than b: a bare statement comes last. */
static int
better(const struct cand *a, const struct cand *b)
{
	if ((a->rank == RANK_ASSERT) != (b->rank == RANK_ASSERT))
		return b->rank == RANK_ASSERT;
	if (a->src != b->src)
		return a->src < b->src;
	return a->rank < b->rank;
}

/* Whether the sentence asks (a '?' before its closing quotes). */
static int
ends_asking(const struct run *r, const struct sent *s)
{
	size_t t;

	for (t = (size_t)s->b; t > (size_t)s->a && cd_closer(r, t - 1); t--)
		;
	return t > (size_t)s->a && cd_is_punct(r, t - 1, '?');
}

/* The longest cue at t, of any class: its length, or 0. */
static int
longest_cue(struct run *r, size_t t, size_t end, const struct pattern **bp,
    int *bcls)
{
	const struct pattern *p;
	int n, bn = 0, cls;

	*bcls = -1;
	*bp = NULL;
	for (cls = C_VERB; cls <= C_OWN; cls++)
		if ((n = cd_match(r, cls, t, end, &p)) > bn) {
			bn = n;
			*bcls = cls;
			*bp = p;
		}
	return bn;
}

/* The claims cue bp of class cls from t to b makes, added at cds[ncd]. */
static int
cue_claims(struct run *r, const struct sent *s, size_t t, size_t b,
    const struct pattern *bp, int cls, struct cand *cds, int ncd)
{
	switch (cls) {
	case C_VERB:
	case C_STANCE:
		if (cd_verbal(r, s, t))
			return cd_verb_claims(r, s, t, b, bp, cds, ncd);
		return 0;
	case C_NOUN:
		return cd_noun_claim(r, s, t, b, bp, &cds[ncd]);
	case C_ADJ:
		return cd_adj_claim(r, s, t, bp, &cds[ncd]);
	case C_CONDUCT:
		if (cd_verbal(r, s, t))
			return cd_conduct_claim(r, s, t, bp, &cds[ncd]);
		return 0;
	case C_OWN:
		return cd_own_claim(r, s, t, bp, &cds[ncd]);
	case C_MISDEED:
		return cd_misdeed_claim(r, s, t, b, bp, &cds[ncd]);
	}
	return 0;
}

/* Every claim a cue of the sentence makes, into cds: how many. */
static int
candidates(struct run *r, const struct sent *s, struct cand *cds)
{
	const struct pattern *bp;
	size_t t, end = (size_t)s->b;
	int ncd = 0, bn, bcls, i, first;

	for (t = (size_t)s->a; t < end && ncd < CAND_MAX; t++) {
		if (r->mcover[t] >= 0 && r->ms[r->mcover[t]].type != M_FIRST)
			continue;
		if ((bn = longest_cue(r, t, end, &bp, &bcls)) == 0)
			continue;
		if (cd_negated(r, s, t)) {
			t += (size_t)bn - 1;
			continue;
		}
		first = ncd;
		ncd += cue_claims(r, s, t, t + (size_t)bn, bp, bcls, cds, ncd);
		for (i = first; i < ncd; i++) {
			cds[i].cue_a = t;
			cds[i].cue_b = t + (size_t)bn;
			cds[i].cls = bcls;
		}
		t += (size_t)bn - 1;
	}
	return ncd;
}

/* Drop what cannot stand: an accusation with no one accused. */
static int
standing(struct run *r, const struct sent *s, struct cand *cds, int ncd)
{
	const struct kind *k;
	int i, j;

	for (i = 0, j = 0; i < ncd; i++) {
		k = &r->c->kinds[cds[i].kind];
		if (within(r, cds, ncd, i))
			continue;
		/* "We reject such claims", "condemn this violation":
		 * aimed at what the text answers; "defend all allies"
		 * is not. */
		if (cds[i].by != NULL && cds[i].ntargets == 0 &&
		    (cds[i].rank == RANK_ADJ ||
		    (cds[i].rank == RANK_VERB ?
		    cd_refers_back(r, s, cds[i].cue_b) : k->answer)) &&
		    cd_same_state(cds[i].by, r->issuer))
			/* one's own conduct put right answers the
			 * accuser, not the last actor named */
			cd_add_target(&cds[i], cds[i].cls == C_OWN ?
			    r->context : cd_aimed_at(r, s));
		if (cds[i].by == NULL ||
		    (k->need_target && cds[i].ntargets == 0))
			continue;
		cds[j++] = cds[i];
	}
	return j;
}

/*
 * The best claim, and every other but a bare statement ("NATO
 * accused China, a charge Beijing denied"), once per claimant and
 * kind.
 */
static int
emit_kept(struct run *r, const struct sent *s, const struct cand *cds,
    int ncd, int best, coder_claim_fn fn, void *ctx)
{
	int keep[CAND_MAX];
	int i, j, rc;

	for (i = 0; i < ncd; i++) {
		keep[i] = i == best || cds[i].rank != RANK_ASSERT;
		for (j = 0; j < i && keep[i]; j++)
			if (keep[j] && cds[j].kind == cds[i].kind &&
			    strcmp(cds[j].by, cds[i].by) == 0)
				keep[i] = 0;
	}
	for (i = 0; i < ncd; i++)
		if (keep[i] && (rc = emit(r, s, &cds[i], fn, ctx)) != 0)
			return rc;
	return 0;
}

static int
code_sentence(struct run *r, const struct sent *s, coder_claim_fn fn,
    void *ctx)
{
	struct cand cds[CAND_MAX];
	int ncd, i, best = -1;

	if (s->b - s->a > SENT_MAX || s->question || ends_asking(r, s))
		return 0;
	ncd = standing(r, s, cds, candidates(r, s, cds));
	/* "lodged a protest and demanded that it stop": one target */
	for (i = 0; i < ncd; i++)
		if (r->c->kinds[cds[i].kind].follows && cds[i].ntargets == 0)
			follow(r, cds, ncd, i);
	for (i = 0; i < ncd; i++)
		if (best < 0 || better(&cds[i], &cds[best]))
			best = i;
	if (best < 0)
		return 0;
	return emit_kept(r, s, cds, ncd, best, fn, ctx);
}

static void
run_free(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nscratch; i++)
		free(r->scratch[i]);
	free(r->scratch);
	free(r->toks);
	free(r->sents);
	free(r->ms);
	free(r->mstart);
	free(r->mcover);
	free(r->qs);
	free(r->qid);
}

int
coder_run(struct coder *c, const char *text, const char *issuer_code,
    const struct dm_date *stmt_date, coder_claim_fn fn, void *ctx)
{
	struct run r;
	size_t i;
	int rc;

	if (zh_text(text))
		return zh_run(c->zh, text, issuer_code, fn, ctx);
	memset(&r, 0, sizeof(r));
	r.c = c;
	r.text = text;
	r.issuer = issuer_code;
	r.stmt = stmt_date;
	if ((rc = cd_tokenize(&r, text, strlen(text), 0)) != 0)
		goto done;
	if (r.ntoks == 0)
		goto done;
	r.mstart = malloc(r.ntoks * sizeof(*r.mstart));
	r.mcover = malloc(r.ntoks * sizeof(*r.mcover));
	r.qid = malloc(r.ntoks * sizeof(*r.qid));
	if (r.mstart == NULL || r.mcover == NULL || r.qid == NULL) {
		rc = dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	for (i = 0; i < r.ntoks; i++)
		r.mstart[i] = r.mcover[i] = -1;
	if ((rc = cd_split_sentences(&r)) != 0 ||
	    (rc = cd_find_quotes(&r)) != 0)
		goto done;
	cd_questions(&r);
	for (i = 0; i < r.nsents; i++) {
		if ((rc = cd_mentions_in(&r, &r.sents[i])) != 0)
			goto done;
		r.sents[i].topic = cd_topic_of(&r, &r.sents[i]);
	}
	cd_context(&r);
	cd_quote_speakers(&r);
	cd_signatures(&r);
	for (i = 0; i < r.nsents; i++) {
		rc = code_sentence(&r, &r.sents[i], fn, ctx);
		while (r.nscratch > 0)
			free(r.scratch[--r.nscratch]);
		if (rc != 0)
			goto done;
	}
done:
	run_free(&r);
	return rc;
}
