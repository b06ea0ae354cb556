/*
 * Cues of the Chinese lexicon in a clause: a word, or words with gaps
 * between them inside the clause ("承担…后果"), the one with most parts
 * winning; and what cancels one: a negation just before it (不, 并非) or
 * a hypothetical earlier in its clause (如果, 一旦, 以免).
 */
#include "zh_impl.h"

int
zh_cue_at(const struct zh_run *r, int t, struct zh_span cl, int *end,
    int *gap_a, int *gap_b)
{
	const struct zh_coder *z = r->z;
	const struct zh_cue *c;
	int ci, best = -1, bestn = 0, s, u, pos, ok, ga, gb;

	if (!zh_has(r, t, ZW_CUE))
		return -1;
	for (ci = z->words[r->toks[t].wid].cue; ci != -1; ci = c->next) {
		c = &z->cues[ci];
		pos = t;
		ok = 1;
		ga = gb = -1;
		for (s = 1; s < c->nseg && ok; s++) {
			for (u = pos + 1; u < cl.b && u <= pos + 1 + ZH_GAP; u++)
				if (r->toks[u].wid == c->seg[s] &&
				    !(r->toks[u].flags & TK_COMPOSITE))
					break;
			if (u >= cl.b || u > pos + 1 + ZH_GAP) {
				ok = 0;
				break;
			}
			if (s == 1)
				ga = pos + 1, gb = u;
			pos = u;
		}
		if (ok && c->nseg > bestn) {
			best = ci;
			bestn = c->nseg;
			*end = pos;
			*gap_a = ga;
			*gap_b = gb;
		}
	}
	return best;
}

int
zh_negated(const struct zh_run *r, int t, struct zh_span cl)
{
	int u;

	for (u = t - 1; u >= cl.a && u >= t - 2; u--)
		if (zh_has(r, u, ZW_NEG))
			return 1;
	return 0;
}

int
zh_hedged(const struct zh_run *r, int t, struct zh_span cl)
{
	int u;

	for (u = cl.a; u < t; u++)
		if (zh_has(r, u, ZW_HEDGE))
			return 1;
	return 0;
}
