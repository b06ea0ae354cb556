/*
 * Mentions of actors, groups, persons and pronouns in a sentence.
 */
#include <string.h>

#include "coder_int.h"
#include "error.h"

/* Mentions. */

static void
remember(struct run *r, const char *code, const char *tag)
{
	if (r->nrecent == RECENT_MAX) {
		memmove(r->recent, r->recent + 1,
		    (RECENT_MAX - 1) * sizeof(r->recent[0]));
		r->nrecent--;
	}
	r->recent[r->nrecent].code = code;
	r->recent[r->nrecent++].tag = tag;
}

/* Whether code has a segment after its first that begins with tag. */
static int
has_segment(const char *code, const char *parent, const char *tag)
{
	size_t n = parent ? strlen(parent) : 0;
	const char *s;

	if (parent != NULL && (strncmp(code, parent, n) != 0 || code[n] != '.'))
		return 0;
	for (s = strchr(code, '.'); s != NULL; s = strchr(s + 1, '.'))
		if (strncmp(s + 1, tag, strlen(tag)) == 0)
			return 1;
	return 0;
}

/* Whether the actor code or one of its bodies was mentioned. */
static int
named_before(const struct run *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->nrecent; i++)
		if (cd_same_state(r->recent[i].code, code))
			return 1;
	return 0;
}

/*
 * The body of actor parent that tag names ("CHN" + "MISSION"): the last
 * one mentioned, else the only one known, else parent itself.  With
 * parent NULL ("the mission"), only one mentioned (or one named by the
 * same word: "the Chinese embassy ... the embassy"), or NULL.
 */
static const char *
body_of(const struct run *r, const char *parent, const char *tag)
{
	const struct recent *rc;
	const char *found = NULL;
	size_t i;

	if (tag == NULL)
		return parent;
	for (i = r->nrecent; i-- > 0;) {
		rc = &r->recent[i];
		if (has_segment(rc->code, parent, tag) || (parent == NULL &&
		    rc->tag != NULL && strcmp(rc->tag, tag) == 0))
			return rc->code;
	}
	if (parent == NULL)
		return NULL;
	for (i = 0; i < r->c->ncodes; i++) {
		if (!has_segment(r->c->codes[i], parent, tag))
			continue;
		if (found != NULL)
			return parent;
		found = r->c->codes[i];
	}
	return found ? found : parent;
}

static int mentions_of(struct run *, const struct sent *);

static int
add_mention(struct run *r, size_t a, size_t b, enum mtype type,
    const char *code, unsigned flags)
{
	struct mention *m;
	size_t t;

	if (cd_grow(&r->ms, &r->capms, r->nms, sizeof(*r->ms)) != 0)
		return DM_ERROR;
	m = &r->ms[r->nms];
	m->a = (int)a;
	m->b = (int)b;
	m->type = type;
	m->code = code;
	m->flags = flags;
	if (r->toks[b - 1].flags & T_POSS)
		m->flags |= MF_POSS;
	if (r->toks[a].flags & T_HANDLE)
		m->flags |= MF_HANDLE;
	r->mstart[a] = (int)r->nms;
	for (t = a; t < b; t++)
		r->mcover[t] = (int)r->nms;
	r->nms++;
	return 0;
}

/*
 * The length of a group mention at t ("some Western countries", "a
 * coalition of countries"): modifiers, then a plural head; 0 if none.
 */
static size_t
group_at(const struct run *r, size_t t, size_t end)
{
	const struct pattern *p;
	size_t k = t;
	int nmod = 0, side = 0, n;

	while (k < end) {
		if ((n = cd_match(r, C_GROUP, k, end, NULL)) > 0) {
			/* "states" ends "member states" only as a head;
			 * "some individual politicians" name nobody: only a
			 * word saying whose side they are on makes them a
			 * group. */
			if (nmod > 0 && side > 0)
				return k + (size_t)n - t;
			return 0;
		}
		if ((n = cd_match(r, C_COLLECTIVE, k, end, NULL)) > 0 ||
		    (n = cd_match(r, C_GMOD, k, end, NULL)) > 0) {
			nmod++;
			if (!cd_match(r, C_QUANT, k, end, NULL))
				side++;
			k += (size_t)n;
			continue;
		}
		if (r->toks[k].cp == 0 && cd_suffix(r, k, "ly") && k + 1 < end) {
			k++;
			continue;
		}
		if (cd_match(r, C_ACTOR, k, end, &p) == 1 &&
		    (p->flags & PF_DEMONYM)) {
			nmod++;
			side++;
			k++;
			continue;
		}
		if (r->toks[k].cp == 0 && (r->toks[k].flags & T_CAP) &&
		    !(r->toks[k].flags & T_POSS) && !cd_is(r, C_STARTER, k) &&
		    cd_match(r, C_ACTOR, k, end, NULL) == 0) {
			nmod++;
			side++;
			k++;
			continue;
		}
		return 0;
	}
	return 0;
}

/* The state a demonym in a group names: "some Canadian politicians". */
static const char *
group_state(const struct run *r, size_t a, size_t b)
{
	const struct pattern *p;
	size_t t;

	for (t = a; t < b; t++)
		if (cd_match(r, C_ACTOR, t, b, &p) == 1 &&
		    (p->flags & PF_DEMONYM))
			return p->val;
	return NULL;
}

/*
 * The length of a titled name at t that the dictionary does not know
 * ("President Trump", "Mr. Macron"), or 0.
 */
static size_t
person_at(const struct run *r, size_t t, size_t end)
{
	size_t k;
	int n;

	if (!(r->toks[t].flags & T_CAP) || (n = cd_match(r, C_TITLE, t, end,
	    NULL)) == 0)
		return 0;
	k = t + (size_t)n;
	if (cd_is_punct(r, k, '.') && r->toks[k].off == r->toks[k - 1].end)
		k++;
	/* "H.E. Mr. Li": an honorific before another title */
	if (k < end && (r->toks[k].flags & T_CAP) &&
	    (n = (int)person_at(r, k, end)) > 0)
		return k + (size_t)n - t;
	for (n = 0; k < end && n < 4 && r->toks[k].cp == 0 &&
	    (r->toks[k].flags & T_CAP) && !cd_is(r, C_STARTER, k) &&
	    cd_match(r, C_ACTOR, k, end, NULL) == 0; k++, n++)
		if (r->toks[k].flags & T_POSS) {
			k++;
			n++;
			break;
		}
	return n > 0 ? k - t : 0;
}

/*
 * An upper-case abbreviation the dictionary does not know ("the GRU"),
 * unless the sentence is a headline in capitals.
 */
static size_t
acronym_at(const struct run *r, const struct sent *s, size_t t)
{
	const struct tok *k = &r->toks[t];
	size_t i, words = 0, caps = 0;

	if (k->cp != 0 || !(k->flags & T_ALLCAPS) || (k->flags & T_NUM) ||
	    k->len < 2 || k->len > 5 || t == (size_t)s->a)
		return 0;
	for (i = (size_t)s->a; i < (size_t)s->b; i++) {
		if (r->toks[i].cp != 0)
			continue;
		words++;
		if ((r->toks[i].flags & T_ALLCAPS) && r->toks[i].len > 1)
			caps++;
	}
	return caps * 2 < words ? 1 : 0;
}

/*
 * The actor a titled person speaks for: the one an apposition names
 * ("Mr. Cheng, Ambassador of China"), the one the same name was found
 * to speak for before, or the issuer for an office without a state
 * ("Vice-Minister Sasae", "Foreign Secretary William Hague"); else
 * NULL, and the person stays a name.
 */
static const char *
person_code(const struct run *r, const struct sent *s, const struct mention *m)
{
	const struct tok *w;
	size_t t, end = (size_t)s->b, i;
	int k, office = 0;

	if ((size_t)m->b < end && r->toks[m->b].cp == ',') {
		for (t = (size_t)m->b + 1; t < end && t < (size_t)m->b + 10;
		    t++) {
			if ((k = r->mstart[t]) >= 0) {
				if (r->ms[k].code != NULL)
					return r->ms[k].code;
				break;
			}
			if (r->toks[t].cp != 0 || (cd_verbish(r, t) &&
			    !cd_is(r, C_OFFICE, t)))
				break;
			if (cd_is(r, C_OFFICE, t) || cd_ends_at(r, C_OFFICE, t,
			    (size_t)m->b + 1))
				office = 1;
		}
	}
	for (i = 0; i < r->nnamed; i++)
		for (t = (size_t)m->a; t < (size_t)m->b; t++) {
			w = &r->toks[t];
			if (w->cp == 0 && r->named[i].len == w->len &&
			    memcmp(r->text + r->named[i].off, r->text + w->off,
			    w->len) == 0)
				return r->named[i].code;
		}
	for (t = (size_t)m->a; t < (size_t)m->b; t++)
		if (cd_match(r, C_OFFICE, t, (size_t)m->b, NULL) > 0)
			office = 1;
	return office ? r->issuer : NULL;
}

/* Whether the only titles of person m are honorifics ("H.E. Mr. Li"). */
static int
honorific_only(const struct run *r, const struct mention *m)
{
	size_t t = (size_t)m->a;
	int n;

	while (t < (size_t)m->b && cd_match(r, C_TITLE, t, (size_t)m->b,
	    NULL) > 0) {
		if ((n = cd_match(r, C_HONOR, t, (size_t)m->b, NULL)) == 0)
			return 0;
		t += (size_t)n;
		if (cd_is_punct(r, t, '.'))
			t++;
	}
	return 1;
}

/*
 * Remembers every word of a name in [a, b) as one of code's: "Cheng
 * Yonghua" is "Ambassador Cheng" later.
 */
static void
name_words(struct run *r, size_t a, size_t b, const char *code)
{
	size_t t;

	for (t = a; t < b && r->nnamed < RECENT_MAX; t++) {
		if (cd_is(r, C_TITLE, t) || r->toks[t].cp != 0)
			continue;
		r->named[r->nnamed].off = r->toks[t].off;
		r->named[r->nnamed].len = r->toks[t].len;
		r->named[r->nnamed++].code = code;
	}
}

/*
 * The capitalised words of a name after an office of a state ending at
 * token t ("the Russian Foreign Minister Sergey Lavrov"), or 0.
 */
static size_t
name_after(const struct run *r, size_t t, size_t end)
{
	size_t k;

	if (t == 0 || !cd_ends_at(r, C_TITLE, t - 1, 0))
		return 0;
	for (k = t; k < end && k - t < 3 && r->toks[k].cp == 0 &&
	    (r->toks[k].flags & T_CAP) && !(r->toks[k - 1].flags & T_POSS) &&
	    !cd_is(r, C_STARTER, k) && !cd_is(r, C_WEEKDAY, k) &&
	    !cd_is(r, C_MONTH, k) && cd_match(r, C_ACTOR, k, end, NULL) == 0;
	    k++)
		;
	return k - t;
}

/* Gives the titled persons of sentence s the actor they speak for. */
static void
persons_in(struct run *r, const struct sent *s, size_t first)
{
	struct mention *m;
	const char *code;
	size_t i;

	for (i = first; i < r->nms; i++) {
		m = &r->ms[i];
		if (!(m->flags & MF_PERSON))
			continue;
		if ((code = person_code(r, s, m)) == NULL) {
			if (honorific_only(r, m))
				m->flags |= MF_NOBODY;
			continue;
		}
		m->type = M_ACTOR;
		m->code = code;
		name_words(r, (size_t)m->a, (size_t)m->b, code);
	}
}

int
cd_mentions_in(struct run *r, const struct sent *s)
{
	int rc;
	size_t first = r->nms;

	if ((rc = mentions_of(r, s)) == 0)
		persons_in(r, s, first);
	return rc;
}

/*
 * Each finder below tries one kind of mention at token t: it returns 1
 * with *next past the mention it added, 0 when there is none at t, -1
 * when the mention could not be kept.
 */

/* Adds the mention from a to b and moves past it. */
static int
take(struct run *r, size_t a, size_t b, enum mtype type, const char *code,
    unsigned fl, size_t *next)
{
	if (add_mention(r, a, b, type, code, fl) != 0)
		return -1;
	*next = b;
	return 1;
}

/* An actor then an institution ("Chinese embassy"): the actor's body. */
static int
body_mention(struct run *r, size_t t, size_t e, size_t end,
    const char *actor, const char *inst, size_t *next)
{
	const char *code = body_of(r, actor, inst);
	int n;

	n = (int)name_after(r, e, end);
	name_words(r, e, e + (size_t)n, code);
	if (add_mention(r, t, e + (size_t)n, M_ACTOR, code, 0) != 0)
		return -1;
	remember(r, code, inst);
	*next = e + (size_t)n;
	return 1;
}

static int
actor_mention(struct run *r, const struct sent *s, size_t t, size_t end,
    size_t *next)
{
	const struct pattern *p, *ip;
	const char *code;
	size_t e;
	int n, il;
	unsigned fl;

	if ((n = cd_match(r, C_ACTOR, t, end, &p)) <= 0)
		return 0;
	e = t + (size_t)n;
	code = p->val;
	il = cd_match(r, C_INST, e, end, &ip);
	if (il > 0 && !(r->toks[e - 1].flags & T_POSS &&
	    (p->flags & PF_DEMONYM)))
		return body_mention(r, t, e + (size_t)il, end, code, ip->val,
		    next);
	/* "some Canadian politicians": named by their words, of Canada's
	 * side */
	if ((p->flags & PF_DEMONYM) && (n = (int)group_at(r, t, end)) > 0)
		return take(r, t, t + (size_t)n, M_TEXT, code, 0, next);
	/*
	 * "Chinese hosts", "the NATO summit": a name before a noun
	 * qualifies it; without a determiner the word after a name may as
	 * well be its verb ("China drew").
	 */
	fl = 0;
	if (!(r->toks[e - 1].flags & T_POSS) &&
	    cd_qualified(r, e, end, (p->flags & PF_DEMONYM)) &&
	    ((p->flags & PF_DEMONYM) || (t > (size_t)s->a &&
	    cd_is(r, C_DET, t - 1))))
		fl = MF_MOD;
	if (add_mention(r, t, e, (p->flags & PF_DEMONYM) && fl ?
	    M_ADJ : M_ACTOR, code, fl) != 0)
		return -1;
	if (!((p->flags & PF_DEMONYM) && fl))
		remember(r, code, NULL);
	*next = e;
	return 1;
}

/* "the alliance" after NATO was named: NATO */
static int
anaphor_mention(struct run *r, const struct sent *s, size_t t, size_t end,
    size_t *next)
{
	const struct pattern *ip;
	int il;

	(void)s;
	if (!(r->toks[t].wid == r->c->w_the && (il = cd_match(r,
	    C_ANAPHOR, t + 1, end, &ip)) > 0 && named_before(r, ip->val)))
		return 0;
	return take(r, t + 1, t + 1 + (size_t)il, M_ACTOR, ip->val, 0, next);
}

/* "the mission", "the embassy": the last one named */
static int
inst_mention(struct run *r, const struct sent *s, size_t t, size_t end,
    size_t *next)
{
	const struct pattern *ip;
	const char *code;
	int il;

	(void)s;
	if (!(cd_is(r, C_DET, t) && (il = cd_match(r, C_INST, t + 1, end,
	    &ip)) > 0 && ip->val != NULL &&
	    (code = body_of(r, NULL, ip->val)) != NULL))
		return 0;
	return take(r, t + 1, t + 1 + (size_t)il, M_ACTOR, code, 0, next);
}

/* A person's name, coded later from the whole statement. */
static int
person_mention(struct run *r, const struct sent *s, size_t t, size_t end,
    size_t *next)
{
	size_t e;

	(void)s;
	if ((e = person_at(r, t, end)) == 0)
		return 0;
	return take(r, t, t + e, M_TEXT, NULL, MF_PERSON, next);
}

/* "the Ambassador", "the spokesperson": the issuer's own */
static int
office_mention(struct run *r, const struct sent *s, size_t t, size_t end,
    size_t *next)
{
	int il;

	(void)s;
	if (!(cd_is(r, C_DET, t) && r->issuer != NULL &&
	    (il = cd_match(r, C_OFFICE, t + 1, end, NULL)) > 0 &&
	    (t + 1 + (size_t)il == end ||
	    !(r->toks[t + 1 + (size_t)il].flags & T_CAP) ||
	    r->toks[t + 1 + (size_t)il].cp != 0)))
		return 0;
	return take(r, t + 1, t + 1 + (size_t)il, M_ACTOR, r->issuer, 0,
	    next);
}

/* A group of people or an acronym, of the state its words name. */
static int
group_mention(struct run *r, const struct sent *s, size_t t, size_t end,
    size_t *next)
{
	size_t e;

	if ((e = group_at(r, t, end)) == 0 && (e = acronym_at(r, s, t)) == 0)
		return 0;
	return take(r, t, t + e, M_TEXT, group_state(r, t, t + e), 0, next);
}

/* "we", "they": the speaker, or someone named before. */
static int
pronoun_mention(struct run *r, const struct sent *s, size_t t, size_t end,
    size_t *next)
{
	(void)s;
	(void)end;
	if (!cd_is(r, C_FIRST, t) && !cd_is(r, C_PRON3, t))
		return 0;
	return take(r, t, t + 1, cd_is(r, C_FIRST, t) ? M_FIRST : M_PRON3,
	    NULL, 0, next);
}

/* The finders in the order they are tried: the first found wins. */
static int (*const finders[])(struct run *, const struct sent *, size_t,
    size_t, size_t *) = {
	actor_mention, anaphor_mention, inst_mention, person_mention,
	office_mention, group_mention, pronoun_mention,
};

static int
mentions_of(struct run *r, const struct sent *s)
{
	size_t t = (size_t)s->a, end = (size_t)s->b, next, k;
	int found;

	while (t < end) {
		found = 0;
		for (k = 0; r->toks[t].cp == 0 && !found &&
		    k < sizeof(finders) / sizeof(finders[0]); k++)
			if ((found = finders[k](r, s, t, end, &next)) < 0)
				return DM_ERROR;
		t = found ? next : t + 1;
	}
	return 0;
}

/* The first actor a sentence names outside quotes and phrases. */
int
cd_topic_of(const struct run *r, const struct sent *s)
{
	size_t t;
	int m;

	for (t = (size_t)s->a; t < (size_t)s->b; t++) {
		if ((m = r->mstart[t]) < 0 || r->qid[t] >= 0)
			continue;
		if ((r->ms[m].type == M_ACTOR || r->ms[m].type == M_TEXT) &&
		    !(r->ms[m].flags & MF_MOD) &&
		    cd_governed_by(r, m, (size_t)s->a) < 0)
			return m;
	}
	return -1;
}
