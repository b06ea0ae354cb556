/*
 * Targets: the object span after a cue and the agent of a passive.
 */
#include <string.h>

#include "coder_int.h"

int
cd_add_target(struct cand *cd, const char *t)
{
	size_t i;

	/* Nobody claims against its own state: "China rejects the claim
	 * that China ..." is not aimed at China. */
	if (t == NULL || (cd->by != NULL && (strcmp(cd->by, t) == 0 ||
	    cd_same_state(cd->by, t))))
		return 0;
	for (i = 0; i < cd->ntargets; i++)
		if (strcmp(cd->targets[i], t) == 0)
			return 0;
	if (cd->ntargets < TARGET_MAX)
		cd->targets[cd->ntargets++] = t;
	return 1;
}

/* Whether the object span after a cue goes on at token t. */
static int
object_goes_on(struct run *r, size_t t, size_t end)
{
	const struct tok *k = &r->toks[t];

	if (k->cp == ',')
		return t + 1 < end && (r->mstart[t + 1] >= 0 ||
		    r->toks[t + 1].wid == r->c->w_and ||
		    r->toks[t + 1].wid == r->c->w_or ||
		    r->toks[t + 1].wid == r->c->w_including ||
		    (cd_is(r, C_DET, t + 1) && t + 2 < end &&
		    r->mstart[t + 2] >= 0));
	if (k->cp != 0)
		return 0;
	/* Another verb begins another clause; "made by" does not. */
	if (cd_is_word(r, t + 1, r->c->w_by))
		return 1;
	if (cd_match(r, C_VERB, t, end, NULL) > 0 ||
	    cd_match(r, C_CONDUCT, t, end, NULL) > 0 ||
	    cd_match(r, C_SPEECH, t, end, NULL) > 0 ||
	    cd_match(r, C_LIGHT, t, end, NULL) > 0 || cd_is(r, C_BE, t) ||
	    cd_is(r, C_AUX, t))
		return 0;
	/* "the people of Ukraine" */
	if (k->wid == r->c->w_of && t > 0 && cd_is(r, C_PEOPLE, t - 1))
		return 1;
	/* "as well as" */
	if (k->wid == r->c->w_as && ((t + 2 < end && cd_is_word(r, t + 1,
	    r->c->w_well) && cd_is_word(r, t + 2, r->c->w_as)) || (t >= 2 &&
	    cd_is_word(r, t - 1, r->c->w_well) && cd_is_word(r, t - 2, r->c->w_as))))
		return 1;
	return !cd_is(r, C_STOP, t) && !cd_ends_at(r, C_SPEECH, t, t);
}

/*
 * Adds target t to cd; a kind that may be aimed at the claimant's own
 * organisation keeps it ("the Secretary General defended the alliance").
 */
static void
aim(const struct run *r, struct cand *cd, const char *t)
{
	size_t n, i;

	if (t != NULL && cd->by != NULL && r->c->kinds[cd->kind].parent &&
	    (n = strlen(t)) < strlen(cd->by) && strncmp(cd->by, t, n) == 0 &&
	    cd->by[n] == '.') {
		for (i = 0; i < cd->ntargets; i++)
			if (strcmp(cd->targets[i], t) == 0)
				return;
		if (cd->ntargets < TARGET_MAX)
			cd->targets[cd->ntargets++] = t;
		return;
	}
	cd_add_target(cd, t);
}

/*
 * Whether the preposition at g says whose people the object is: "the
 * (relevant) people of Ukraine", "people in Australia", with no
 * preposition before them ("the attack on the people of Ukraine").
 */
static int
people_of(const struct run *r, size_t g, size_t from)
{
	size_t t;

	if ((r->toks[g].wid != r->c->w_of && r->toks[g].wid != r->c->w_in) ||
	    !cd_is(r, C_PEOPLE, g - 1))
		return 0;
	for (t = g - 1; t > from; t--)
		if (r->toks[t - 1].cp != 0 || cd_is(r, C_PREP, t - 1) ||
		    r->mstart[t - 1] >= 0)
			return 0;
	return 1;
}

/* Whether mention b follows mention a with only "and", "or", a comma or
 * a determiner between them. */
static int
coordinated(const struct run *r, int a, int b)
{
	size_t t;

	for (t = (size_t)r->ms[a].b; t < (size_t)r->ms[b].a; t++)
		if (r->toks[t].cp != ',' && r->toks[t].wid != r->c->w_and &&
		    r->toks[t].wid != r->c->w_or && !cd_is(r, C_DET, t))
			return 0;
	return 1;
}

/*
 * Collects the targets of a cue ending at token from: mentions of its
 * object, up to a word or mark that ends it, that no preposition other
 * than "by" governs (with agents, "by X" names the target of a nominal
 * object: "the attack by Russia").  A leading "that" opens a clause
 * whose subject is the target.  mods admits names qualifying a noun
 * ("the EU statements").
 */
void
cd_targets_of(struct run *r, const struct sent *s, size_t from, int agents,
    struct cand *cd)
{
	const struct kind *k = &r->c->kinds[cd->kind];
	size_t t, end = (size_t)s->b;
	int m, g, mods = !k->need_target, last = -1, lastg = -1, about = 0;

	/* "that" after the cue, or ending it ("hopes that") */
	if ((from < end && cd_is_word(r, from, r->c->w_that)) ||
	    (from > (size_t)s->a && cd_is_word(r, from - 1, r->c->w_that))) {
		if (cd_is_word(r, from, r->c->w_that))
			from++;
		for (t = from; t < end; t++) {
			if ((m = r->mstart[t]) >= 0) {
				if (r->ms[m].type != M_ADJ &&
				    cd_governed_by(r, m, from) < 0)
					cd_add_target(cd, cd_who(r, s, m, t));
				return;
			}
			if (cd_verbish(r, t) || cd_hard_boundary(r, t, from))
				return;
		}
		return;
	}
	for (t = from; t < end; t++) {
		if ((m = r->mstart[t]) >= 0) {
			/* "..., and Syria denounced": a new clause, but
			 * not "the Ukrainian government's request" */
			if (t > from && r->ms[m].b < s->b &&
			    !(r->ms[m].flags & MF_POSS) &&
			    cd_verbish(r, (size_t)r->ms[m].b))
				break;
			g = cd_governed_by(r, m, from);
			if (g > (int)from && people_of(r, (size_t)g, from))
				g = -1;
			/* "by the EU and the US": both governed by "by" */
			if (g < 0 && last >= 0 && coordinated(r, last, m))
				g = lastg;
			last = m;
			lastg = g;
			/* "complained to the UN about the US strike" */
			if (k->about && g >= 0 && cd_is(r, C_ABOUT, (size_t)g)) {
				if (!about) {
					cd->ntargets = 0;
					about = 1;
				}
				aim(r, cd, cd_who(r, s, m, t));
				t = (size_t)r->ms[m].b - 1;
				continue;
			}
			/* "the British accusations": rejected, not accused */
			if ((mods || (r->ms[m].type != M_ADJ &&
			    !(r->ms[m].flags & MF_MOD)) ||
			    cd_is(r, C_PEOPLE, (size_t)r->ms[m].b) ||
			    cd_is(r, C_GROUP, (size_t)r->ms[m].b)) &&
			    r->ms[m].type != M_PRON3 &&
			    (g < 0 ||
			    (agents && r->toks[g].wid == r->c->w_by) ||
			    (k->from && r->toks[g].wid == r->c->w_from)) &&
			    !about)
				aim(r, cd, cd_who(r, s, m, t));
			t = (size_t)r->ms[m].b - 1;
			continue;
		}
		if (!object_goes_on(r, t, end))
			break;
	}
	/* "the holding of elections by Russia": the agent of the act */
	if (agents && cd->ntargets == 0 && t < end &&
	    r->toks[t].wid == r->c->w_of && (m = cd_agent_of(r, s, t)) >= 0)
		cd_add_target(cd, cd_who(r, s, m, (size_t)r->ms[m].a));
}

/* The claimant after "by" in the span after token from, or -1. */
int
cd_agent_of(struct run *r, const struct sent *s, size_t from)
{
	size_t t, end = (size_t)s->b;
	int m;

	for (t = from; t < end; t++) {
		if (cd_is_word(r, t, r->c->w_by)) {
			for (t++; t < end && cd_is(r, C_DET, t); t++)
				;
			if (t < end && (m = r->mstart[t]) >= 0 &&
			    r->ms[m].type != M_ADJ)
				return m;
			return -1;
		}
		if (r->toks[t].cp != 0 && r->toks[t].cp != ',')
			return -1;
		if (r->mstart[t] >= 0)
			t = (size_t)r->ms[r->mstart[t]].b - 1;
		else if (t > from && cd_is(r, C_STOP, t) && !cd_is(r, C_PREP, t))
			return -1;
	}
	return -1;
}

/*
 * The one a demand at token a is put to when its verb is an infinitive
 * after a contact: "spoke today to Minister X to urge", "called the
 * ambassador to press for".  Returns the mention, or -1, and stores
 * where the contact's verb begins in *verb.
 */
int
cd_addressee(const struct run *r, const struct sent *s, size_t a,
    size_t *verb)
{
	size_t t, k;
	int m, n, steps;

	if (a < (size_t)s->a + 3 || !cd_is_word(r, a - 1, r->c->w_to))
		return -1;
	/* past a name: "the Russian Foreign Minister Lavrov" */
	for (t = a - 1; t > (size_t)s->a + 1 && a - 1 - t < 3 &&
	    r->mcover[t - 1] < 0 && r->toks[t - 1].cp == 0 &&
	    (r->toks[t - 1].flags & T_CAP); t--)
		;
	if ((m = r->mcover[t - 1]) < 0 || r->ms[m].b != (int)t ||
	    r->ms[m].type == M_FIRST || r->ms[m].type == M_PRON3)
		return -1;
	for (t = (size_t)r->ms[m].a; t > (size_t)s->a &&
	    cd_is(r, C_DET, t - 1); t--)
		;
	/* "spoke (this morning) to", "met with", "called" */
	for (k = t, steps = 0; k > (size_t)s->a && steps < 4; steps++) {
		if (r->toks[k - 1].cp != 0 || r->mstart[k - 1] >= 0)
			return -1;
		if (cd_ends_at(r, C_CONTACT, k - 1, (size_t)s->a)) {
			*verb = k - 1;
			return m;
		}
		for (n = 1; n <= 3 && k > (size_t)s->a + (size_t)n - 1 &&
		    cd_match(r, C_DATE, k - (size_t)n, k, NULL) != n; n++)
			;
		if (n <= 3 && k > (size_t)s->a + (size_t)n - 1)
			k -= (size_t)n;
		else if (cd_is(r, C_PREP, k - 1) || cd_suffix(r, k - 1, "ly"))
			k--;
		else
			return -1;
	}
	return -1;
}
