/*
 * Tokens of a text and the matching of lexicon patterns against them.
 */
#include <string.h>

#include <utf8proc.h>

#include "coder_int.h"
#include "error.h"
#include "fold.h"

/* Tokenising. */

static int
is_letter_cp(int32_t cp)
{
	return fold_is_word(cp) && !(cp >= '0' && cp <= '9') &&
	    utf8proc_category(cp) != UTF8PROC_CATEGORY_ND;
}

static int
is_space_cp(int32_t cp)
{
	if (cp == '\t' || cp == '\r' || cp == '\v' || cp == '\f' || cp == ' ')
		return 1;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
		return 1;
	default:
		return 0;
	}
}

static int
is_apos(int32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

int
cd_is_dash(int32_t cp)
{
	return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2012 ||
	    cp == 0x2015 || cp == 0x2022 || cp == '*';
}

int
cd_is_quote(int32_t cp)
{
	return cp == '"' || cp == 0x201c || cp == 0x201d || cp == 0x201e ||
	    cp == 0xab || cp == 0xbb;
}

/* Decodes the code point at s[i..n), or -1 (and *r = 1) if invalid. */
static int32_t
cp_at(const char *s, size_t i, size_t n, size_t *r)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (i >= n) {
		*r = 0;
		return -1;
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	    (utf8proc_ssize_t)(n - i), &cp);
	if (k <= 0) {
		*r = 1;
		return -1;
	}
	*r = (size_t)k;
	return cp;
}

/*
 * Scans the rest of a word whose first code point, first, ends before
 * s[i]: letters and digits, with an apostrophe, hyphen or dot inside
 * ("didn't", "Euro-Atlantic", "CHN.MISSION-EU", "5.31", "52,000") and
 * the last dot of an initialism ("U.S.").  Returns the byte after it.
 */
static size_t
scan_word(const char *s, size_t i, size_t n, int32_t first)
{
	size_t r, r2, seg = 1, maxseg = 0;
	int32_t cp, prev = first, next;
	int dots = 0;

	for (;;) {
		cp = cp_at(s, i, n, &r);
		if (cp < 0)
			break;
		if (fold_is_word(cp)) {
			seg++;
			prev = cp;
			i += r;
			continue;
		}
		next = cp_at(s, i + r, n, &r2);
		if (is_apos(cp) && is_letter_cp(prev) && next >= 0 &&
		    is_letter_cp(next)) {
			i += r;
			continue;
		}
		if ((cp == '-' || cp == 0x2010 || cp == 0x2011) &&
		    fold_is_word(prev) && next >= 0 && fold_is_word(next)) {
			i += r;
			continue;
		}
		if (cp == '.' && is_letter_cp(prev) && next >= 0 &&
		    is_letter_cp(next)) {
			dots++;
			maxseg = seg > maxseg ? seg : maxseg;
			seg = 0;
			i += r;
			continue;
		}
		if ((cp == '.' || cp == ',') && prev >= '0' && prev <= '9' &&
		    next >= '0' && next <= '9') {
			i += r;
			continue;
		}
		/* The closing dot of "U.S." but not of "CHN.MISSION." */
		if (cp == '.' && dots > 0 && seg == 1 && maxseg <= 1 &&
		    is_letter_cp(prev))
			i += r;
		break;
	}
	return i;
}

static int
add_tok(struct run *r, const struct tok *t)
{
	if (cd_grow(&r->toks, &r->captoks, r->ntoks, sizeof(*r->toks)) != 0)
		return DM_ERROR;
	r->toks[r->ntoks++] = *t;
	return 0;
}

/* Sets the flags and word id of a word token. */
static void
word_info(const struct coder *c, const char *s, struct tok *t)
{
	char buf[WORD_MAX];
	size_t i, r;
	int32_t cp;
	int letters = 0, upper = 0;

	for (i = t->off; i < t->off + t->len; i += r) {
		if ((cp = cp_at(s, i, t->off + t->len, &r)) < 0)
			break;
		if (i == t->off && cp == '@') {
			t->flags |= T_HANDLE;
			continue;
		}
		if (!is_letter_cp(cp)) {
			if (letters == 0 && cp >= '0' && cp <= '9')
				t->flags |= T_NUM;
			continue;
		}
		if (utf8proc_isupper(cp)) {
			if (letters == 0)
				t->flags |= T_CAP;
			upper++;
		}
		letters++;
	}
	if (letters > 0 && upper == letters)
		t->flags |= T_ALLCAPS;
	t->wid = -1;
	if (cd_fold_word(s + t->off, t->len, buf, sizeof(buf)) == 0)
		t->wid = cd_word_lookup(c, buf);
}

/*
 * Splits s[0..n) into word and punctuation tokens; invalid bytes and
 * white space separate them.  With intern, words are added to the
 * coder's table (for lexicon and dictionary entries).
 */
int
cd_tokenize(struct run *r, const char *s, size_t n, int intern)
{
	char buf[WORD_MAX];
	struct tok t;
	size_t i = 0, k, j;
	int32_t cp, nx;
	unsigned pend = 0;
	int nl = 0;

	while (i < n) {
		cp = cp_at(s, i, n, &k);
		if (cp < 0 || cp == '\n' || is_space_cp(cp)) {
			if (cp == '\n')
				nl++;
			pend |= T_SPACE;
			i += k;
			continue;
		}
		memset(&t, 0, sizeof(t));
		t.off = i;
		t.flags = pend | (nl >= 2 ? T_PARA : 0) |
		    (nl >= 1 ? T_LINE : 0);
		pend = 0;
		nl = 0;
		nx = cp_at(s, i + k, n, &j);
		if (fold_is_word(cp) || (cp == '@' && nx >= 0 &&
		    fold_is_word(nx))) {
			t.end = scan_word(s, i + k, n, cp);
			t.len = t.end - t.off;
			/* China's, countries' */
			if (t.len > 2 && (s[t.end - 1] == 's' ||
			    s[t.end - 1] == 'S') && s[t.end - 2] == '\'') {
				t.len -= 2;
				t.flags |= T_POSS;
			} else if (t.len > 4 && (s[t.end - 1] == 's' ||
			    s[t.end - 1] == 'S') &&
			    memcmp(s + t.end - 4, "\xe2\x80\x99", 3) == 0) {
				t.len -= 4;
				t.flags |= T_POSS;
			} else if (s[t.end - 1] == 's' && t.end < n &&
			    (cp_at(s, t.end, n, &j) == '\'' ||
			    cp_at(s, t.end, n, &j) == 0x2019) &&
			    !(cp_at(s, t.end + j, n, &k) >= 0 &&
			    fold_is_word(cp_at(s, t.end + j, n, &k)))) {
				t.end += j;
				t.flags |= T_POSS;
			}
			word_info(r->c, s, &t);
			if (intern) {
				if (cd_fold_word(s + t.off, t.len, buf,
				    sizeof(buf)) != 0)
					return dm_error(DM_EINVALID,
					    "word too long in '%.*s'",
					    (int)(n > 60 ? 60 : n), s);
				if ((t.wid = cd_word_intern(r->c, buf)) < 0)
					return DM_ERROR;
			}
			i = t.end;
		} else {
			t.cp = cp;
			t.len = k;
			t.end = i + k;
			memcpy(buf, s + i, k);
			buf[k] = '\0';
			t.wid = intern ? cd_word_intern(r->c, buf) :
			    cd_word_lookup(r->c, buf);
			if (intern && t.wid < 0)
				return DM_ERROR;
			i += k;
		}
		if (add_tok(r, &t) != 0)
			return DM_ERROR;
	}
	return 0;
}

/* Pattern matching. */

/*
 * Whether the words that close pattern p's object ("to account") follow
 * its head, which ends before token b, within a few words of a clause.
 */
static int
tail_follows(const struct run *r, const struct pattern *p, size_t b,
    size_t end)
{
	size_t t, k;
	int i;

	if (p->ntail == 0)
		return 1;
	for (t = b; t < end && t <= b + GAP_MAX; t++) {
		for (i = 0, k = t; t > b && i < p->ntail && k < end &&
		    r->toks[k].wid == p->tail[i]; i++, k++)
			;
		if (i == p->ntail)
			return 1;
		if (r->toks[t].cp != 0)
			return 0;
	}
	return 0;
}

/*
 * Returns the length of the longest pattern of class cls at token t that
 * ends by token end, and the pattern in *out (which may be NULL).
 */
int
cd_match(const struct run *r, int cls, size_t t, size_t end,
    const struct pattern **out)
{
	const struct coder *c = r->c;
	const struct pattern *p;
	int best = 0, pi, k;

	if (t >= end || r->toks[t].wid < 0)
		return 0;
	for (pi = c->words[r->toks[t].wid].head; pi != -1; pi = p->next) {
		p = &c->pats[pi];
		if (p->cls != cls || t + (size_t)p->nw > end || p->nw <= best)
			continue;
		/* "the EU's foreign policy chief": "EU foreign policy chief" */
		for (k = 1; k < p->nw; k++)
			if (r->toks[t + k].wid != p->w[k])
				break;
		if (k < p->nw || !tail_follows(r, p, t + (size_t)k, end))
			continue;
		if (cls == C_ACTOR && (p->flags & PF_CAP) &&
		    !(r->toks[t].flags & (T_CAP | T_HANDLE)))
			continue;
		if (cls == C_ACTOR && (p->flags & PF_ACRONYM) &&
		    !(r->toks[t].flags & T_ALLCAPS))
			continue;
		best = p->nw;
		if (out != NULL)
			*out = p;
	}
	return best;
}

/* Whether token t is (a one-word pattern of) class cls. */
int
cd_is(const struct run *r, int cls, size_t t)
{
	const struct pattern *p;

	return t < r->ntoks && cd_match(r, cls, t, t + 1, &p) == 1;
}

/* Whether a pattern of class cls ends at token t (inclusive), from lo. */
int
cd_ends_at(const struct run *r, int cls, size_t t, size_t lo)
{
	size_t k;

	for (k = t + 1; k-- > lo && t - k < PHRASE_MAX;)
		if (cd_match(r, cls, k, t + 1, NULL) == (int)(t - k + 1))
			return 1;
	return 0;
}

int
cd_is_word(const struct run *r, size_t t, int wid)
{
	return t < r->ntoks && r->toks[t].cp == 0 && r->toks[t].wid == wid &&
	    wid >= 0;
}

int
cd_is_punct(const struct run *r, size_t t, int32_t cp)
{
	return t < r->ntoks && r->toks[t].cp == cp;
}

int
cd_suffix(const struct run *r, size_t t, const char *sfx)
{
	const struct tok *k = &r->toks[t];
	size_t n = strlen(sfx);

	return k->cp == 0 && k->len > n + 1 &&
	    strncmp(r->text + k->off + k->len - n, sfx, n) == 0;
}

int
cd_negative_word(const struct run *r, size_t t)
{
	return cd_suffix(r, t, "n't") || cd_suffix(r, t, "n\xe2\x80\x99t");
}

/* Verbs, auxiliaries and adverbs: what may follow a subject. */
int
cd_verbish(const struct run *r, size_t t)
{
	static const int cls[] = {
		C_VERB, C_CONDUCT, C_STANCE, C_SPEECH, C_AUX, C_BE, C_NEG,
		C_HEDGE, C_LIGHT, C_ACCORDING,
	};
	size_t i;

	if (cd_suffix(r, t, "ly") || cd_suffix(r, t, "ed") || cd_negative_word(r, t))
		return 1;
	for (i = 0; i < sizeof(cls) / sizeof(cls[0]); i++)
		if (cd_match(r, cls[i], t, r->ntoks, NULL) > 0)
			return 1;
	return 0;
}

static int
funcword(const struct run *r, size_t t)
{
	return cd_is(r, C_PREP, t) || cd_is(r, C_DET, t) || cd_is(r, C_STOP, t) ||
	    cd_is(r, C_FIRST, t) || cd_is(r, C_PRON3, t) ||
	    r->toks[t].wid == r->c->w_and || r->toks[t].wid == r->c->w_or ||
	    r->toks[t].wid == r->c->w_but;
}

/* A common noun that a preceding name or demonym qualifies. */
int
cd_qualified(const struct run *r, size_t t, size_t end, int caps_too)
{
	const struct tok *k;

	if (t >= end)
		return 0;
	k = &r->toks[t];
	if (k->cp != 0 || (k->flags & T_NUM) || (!caps_too &&
	    (k->flags & T_CAP)))
		return 0;
	if (cd_match(r, C_ACTOR, t, end, NULL) > 0)
		return 0;
	return !cd_verbish(r, t) && !funcword(r, t);
}
