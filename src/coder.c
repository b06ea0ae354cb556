/*
 * The rule-based claim coder.  A run tokenises the text, splits it into
 * sentences, finds actor mentions and quotations with their speakers,
 * then looks in each sentence for cues of the lexicon and builds the
 * claims their neighbourhood supports.  All English knowledge beyond
 * sentence structure lives in src/coder-lexicon.tsv.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "coder.h"
#include "coder/zh.h"
#include "date.h"
#include "embed.h"
#include "error.h"

#define WORD_MAX	128	/* longest folded word the lexicon can hold */
#define PHRASE_MAX	24	/* words in one pattern */
#define SENT_MAX	250	/* longer "sentences" are lists or junk */
#define RECENT_MAX	32	/* actors remembered for "the mission" */
#define TARGET_MAX	16
#define TOPIC_MAX	8
#define CAND_MAX	32
#define NEG_WINDOW	4	/* words before a cue that may negate it */
#define LINE_LONG	100	/* longer lines: one paragraph a line */
/* Ranks of claims by their cue: the lower, the surer. */
#define RANK_VERB	0
#define RANK_ADJ	1
#define RANK_NOUN	2
#define RANK_CONDUCT	3
#define RANK_ASSERT	4	/* kinds without targets */

/* Classes of lexicon patterns, in the order of cls_names. */
enum cls {
	C_VERB, C_NOUN, C_ADJ, C_CONDUCT, C_TOPIC, C_NEG, C_HEDGE, C_SPEECH,
	C_ACCORDING, C_LIGHT, C_INST, C_TITLE, C_GROUP, C_SUBJPREP,
	C_COLLECTIVE, C_GMOD, C_DEMSUF,
	C_DEMONYM, C_FIRST, C_PRON3, C_AUX, C_DET, C_PREP, C_VICTIM, C_BE,
	C_STOP, C_STARTER, C_ABBREV, C_ABBREVNUM, C_MONTH, C_WEEKDAY, C_DATE,
	C_ACTOR, C__MAX
};

static const char *const cls_names[C_ACTOR] = {
	"verb",			/* C_VERB */
	"noun",			/* C_NOUN */
	"adj",			/* C_ADJ */
	"conduct",		/* C_CONDUCT */
	"topic",		/* C_TOPIC */
	"neg",			/* C_NEG */
	"hedge",		/* C_HEDGE */
	"speech",		/* C_SPEECH */
	"according",		/* C_ACCORDING */
	"light",		/* C_LIGHT */
	"inst",			/* C_INST */
	"title",		/* C_TITLE */
	"group",		/* C_GROUP */
	"subjprep",		/* C_SUBJPREP */
	"collective",		/* C_COLLECTIVE */
	"gmod",			/* C_GMOD */
	"demonym-suffix",	/* C_DEMSUF */
	"demonym",		/* C_DEMONYM */
	"first",		/* C_FIRST */
	"pron3",		/* C_PRON3 */
	"aux",			/* C_AUX */
	"det",			/* C_DET */
	"prep",			/* C_PREP */
	"victim",		/* C_VICTIM */
	"be",			/* C_BE */
	"stop",			/* C_STOP */
	"starter",		/* C_STARTER */
	"abbrev",		/* C_ABBREV */
	"abbrev-num",		/* C_ABBREVNUM */
	"month",		/* C_MONTH */
	"weekday",		/* C_WEEKDAY */
	"date",			/* C_DATE */
};

/* Pattern flags, for actor names. */
#define PF_CAP		0x01	/* written capitalised: matches capitals */
#define PF_ACRONYM	0x02	/* short upper-case: matches upper case */
#define PF_DEMONYM	0x04	/* one word shaped like a demonym */

struct pattern {
	int		 cls;
	int		 nw;
	int		 w[PHRASE_MAX];	/* word ids */
	int		 kind;		/* cue kind, or -1 */
	const char	*val;		/* code, slug, tag, number or date op */
	const char	*cameo;		/* cue or topic code, or NULL */
	unsigned	 flags;
	int		 next;		/* next one with the same first word */
};

struct word {
	char	*s;
	int	 head;		/* first pattern starting with it, or -1 */
};

struct kind {
	const char	*name;
	const char	*cameo;
	int		 need_target;	/* dropped without a target */
	int		 no_target;	/* targets never looked for */
	int		 from;		/* "demanded an apology from X" */
};

#define KIND_MAX	16

struct coder {
	struct word	*words;
	size_t		 nwords, capwords;
	int		*slots;		/* hash of words: index or -1 */
	size_t		 nslots;
	struct pattern	*pats;
	size_t		 npats, cappats;
	struct kind	 kinds[KIND_MAX];
	size_t		 nkinds;
	char		**strs;		/* every string the coder owns */
	size_t		 nstrs, capstrs;
	const char	**codes;	/* distinct actor codes */
	size_t		 ncodes, capcodes;
	int		 w_that, w_which, w_who, w_and, w_or, w_but, w_by;
	int		 w_as, w_well, w_in, w_the, w_comma, w_including;
	int		 w_it, w_they, w_to, w_from;
	struct zh_coder	*zh;		/* the coder of Chinese texts */
};

/* Token flags. */
#define T_CAP		0x001	/* first letter upper case */
#define T_ALLCAPS	0x002	/* every letter upper case */
#define T_POSS		0x004	/* followed by 's or s' */
#define T_NUM		0x008	/* starts with a digit */
#define T_LINE		0x010	/* a newline before it */
#define T_PARA		0x020	/* a blank line before it */
#define T_SPACE		0x040	/* white space before it */
#define T_HANDLE	0x080	/* an @handle */

struct tok {
	size_t	 off;		/* first byte */
	size_t	 len;		/* bytes as written, without a possessive */
	size_t	 end;		/* byte after it, possessive included */
	int	 wid;		/* word id, or -1 when not in the lexicon */
	int32_t	 cp;		/* code point of punctuation, 0 for a word */
	unsigned flags;
};

struct sent {
	int	a, b;		/* tokens [a, b) */
	int	block;		/* blank-line separated block */
	int	sig;		/* speaker from a signature line, or -1 */
	int	topic;		/* its first actor outside quotes, or -1 */
};

enum mtype {
	M_ACTOR,	/* names an actor */
	M_ADJ,		/* a demonym qualifying a noun: only its owner */
	M_TEXT,		/* names nobody known: a group, a person, an acronym */
	M_FIRST,	/* we, our: the speaker or the issuer */
	M_PRON3,	/* it, they: the speaker of a "X said" */
};

#define MF_POSS		0x01	/* possessive */
#define MF_MOD		0x02	/* qualifies a following common noun */
#define MF_HANDLE	0x04	/* written as an @handle */

struct mention {
	int		 a, b;
	enum mtype	 type;
	const char	*code;
	unsigned	 flags;
};

struct quote {
	int	open, close;	/* tokens of the marks */
	int	speaker;	/* mention, or -1 */
};

/* An actor mentioned, and the body word it was named by ("embassy"). */
struct recent {
	const char	*code;
	const char	*tag;
};

struct run {
	struct coder		*c;
	const char		*text;
	const char		*issuer;
	const struct dm_date	*stmt;
	struct tok		*toks;
	size_t			 ntoks, captoks;
	struct sent		*sents;
	size_t			 nsents, capsents;
	struct mention		*ms;
	size_t			 nms, capms;
	int			*mstart;	/* mention a token begins */
	int			*mcover;	/* mention holding a token */
	struct quote		*qs;
	size_t			 nqs, capqs;
	int			*qid;		/* per token: quote, or -1 */
	struct recent		 recent[RECENT_MAX];
	size_t			 nrecent;
	char			**scratch;	/* strings of one sentence */
	size_t			 nscratch, capscratch;
};

/* Where a claimant was found: the lower, the surer. */
enum source {
	SRC_EXPLICIT,
	SRC_SPEAKER,
	SRC_ISSUER,
};

struct cand {
	int		 kind;
	const char	*cameo;
	const char	*by;
	const char	*targets[TARGET_MAX];
	size_t		 ntargets;
	enum source	 src;
	int		 rank;		/* cue class: verb first */
};

static int
grow(void *pp, size_t *cap, size_t n, size_t size)
{
	void **p = pp;
	void *np;
	size_t ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap <= n)
		ncap *= 2;
	if ((np = realloc(*p, ncap * size)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	*p = np;
	*cap = ncap;
	return 0;
}

static const char *
keep(struct coder *c, const char *s, size_t len)
{
	char *d;

	if (grow(&c->strs, &c->capstrs, c->nstrs, sizeof(*c->strs)) != 0)
		return NULL;
	if ((d = malloc(len + 1)) == NULL) {
		dm_error(DM_ERROR, "out of memory");
		return NULL;
	}
	memcpy(d, s, len);
	d[len] = '\0';
	c->strs[c->nstrs++] = d;
	return d;
}

static uint32_t
hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int
word_lookup(const struct coder *c, const char *s)
{
	size_t i;
	int w;

	if (c->nslots == 0)
		return -1;
	i = hash(s) & (c->nslots - 1);
	while ((w = c->slots[i]) != -1) {
		if (strcmp(c->words[w].s, s) == 0)
			return w;
		i = (i + 1) & (c->nslots - 1);
	}
	return -1;
}

static int
rehash(struct coder *c)
{
	size_t n, i, j;
	int *slots;

	n = c->nslots ? c->nslots * 2 : 1024;
	if ((slots = malloc(n * sizeof(*slots))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (i = 0; i < n; i++)
		slots[i] = -1;
	for (i = 0; i < c->nwords; i++) {
		j = hash(c->words[i].s) & (n - 1);
		while (slots[j] != -1)
			j = (j + 1) & (n - 1);
		slots[j] = (int)i;
	}
	free(c->slots);
	c->slots = slots;
	c->nslots = n;
	return 0;
}

/* Returns the id of word s, adding it if new, or -1 if memory runs out. */
static int
word_intern(struct coder *c, const char *s)
{
	int w;
	size_t i;

	if ((w = word_lookup(c, s)) != -1)
		return w;
	if ((c->nwords + 1) * 2 > c->nslots && rehash(c) != 0)
		return -1;
	if (grow(&c->words, &c->capwords, c->nwords, sizeof(*c->words)) != 0)
		return -1;
	if ((c->words[c->nwords].s = strdup(s)) == NULL) {
		dm_error(DM_ERROR, "out of memory");
		return -1;
	}
	c->words[c->nwords].head = -1;
	i = hash(s) & (c->nslots - 1);
	while (c->slots[i] != -1)
		i = (i + 1) & (c->nslots - 1);
	c->slots[i] = (int)c->nwords;
	return (int)c->nwords++;
}

/*
 * Folds a word as fold_key() folds names (NFKC, case folding), with
 * curly apostrophes straightened and a leading '@' dropped, into buf.
 * Returns 0, or -1 when it does not fit (no lexicon word is that long).
 */
static int
fold_word(const char *s, size_t len, char *buf, size_t bufsz)
{
	char tmp[WORD_MAX];
	utf8proc_uint8_t *m;
	utf8proc_ssize_t r;
	size_t i, n = 0;
	int ascii = 1;

	if (len > 0 && s[0] == '@') {
		s++;
		len--;
	}
	for (i = 0; i < len; i++) {
		if (n + 1 >= sizeof(tmp))
			return -1;
		if ((unsigned char)s[i] == 0xe2 && i + 2 < len &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			tmp[n++] = '\'';
			i += 2;
			continue;
		}
		if ((unsigned char)s[i] >= 0x80)
			ascii = 0;
		else if (s[i] >= 'A' && s[i] <= 'Z') {
			tmp[n++] = (char)(s[i] - 'A' + 'a');
			continue;
		}
		tmp[n++] = s[i];
	}
	tmp[n] = '\0';
	if (ascii) {
		if (n + 1 > bufsz)
			return -1;
		memcpy(buf, tmp, n + 1);
		return 0;
	}
	r = utf8proc_map((const utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)n,
	    &m, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
	    UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	if (r < 0)
		return -1;
	if ((size_t)r + 1 > bufsz) {
		free(m);
		return -1;
	}
	memcpy(buf, m, (size_t)r + 1);
	free(m);
	return 0;
}

/* Tokenising. */

static int
is_alnum_cp(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

static int
is_letter_cp(int32_t cp)
{
	return is_alnum_cp(cp) && !(cp >= '0' && cp <= '9') &&
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

static int
is_dash(int32_t cp)
{
	return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2012 ||
	    cp == 0x2015 || cp == 0x2022 || cp == '*';
}

static int
is_quote(int32_t cp)
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
		if (is_alnum_cp(cp)) {
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
		    is_alnum_cp(prev) && next >= 0 && is_alnum_cp(next)) {
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
	if (grow(&r->toks, &r->captoks, r->ntoks, sizeof(*r->toks)) != 0)
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
	if (fold_word(s + t->off, t->len, buf, sizeof(buf)) == 0)
		t->wid = word_lookup(c, buf);
}

/*
 * Splits s[0..n) into word and punctuation tokens; invalid bytes and
 * white space separate them.  With intern, words are added to the
 * coder's table (for lexicon and dictionary entries).
 */
static int
tokenize(struct run *r, const char *s, size_t n, int intern)
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
		if (is_alnum_cp(cp) || (cp == '@' && nx >= 0 &&
		    is_alnum_cp(nx))) {
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
			    is_alnum_cp(cp_at(s, t.end + j, n, &k)))) {
				t.end += j;
				t.flags |= T_POSS;
			}
			word_info(r->c, s, &t);
			if (intern) {
				if (fold_word(s + t.off, t.len, buf,
				    sizeof(buf)) != 0)
					return dm_error(DM_EINVALID,
					    "word too long in '%.*s'",
					    (int)(n > 60 ? 60 : n), s);
				if ((t.wid = word_intern(r->c, buf)) < 0)
					return DM_ERROR;
			}
			i = t.end;
		} else {
			t.cp = cp;
			t.len = k;
			t.end = i + k;
			memcpy(buf, s + i, k);
			buf[k] = '\0';
			t.wid = intern ? word_intern(r->c, buf) :
			    word_lookup(r->c, buf);
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
 * Returns the length of the longest pattern of class cls at token t that
 * ends by token end, and the pattern in *out (which may be NULL).
 */
static int
match(const struct run *r, int cls, size_t t, size_t end,
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
		if (k < p->nw)
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
static int
is(const struct run *r, int cls, size_t t)
{
	const struct pattern *p;

	return t < r->ntoks && match(r, cls, t, t + 1, &p) == 1;
}

/* Whether a pattern of class cls ends at token t (inclusive), from lo. */
static int
ends_at(const struct run *r, int cls, size_t t, size_t lo)
{
	size_t k;

	for (k = t + 1; k-- > lo && t - k < PHRASE_MAX;)
		if (match(r, cls, k, t + 1, NULL) == (int)(t - k + 1))
			return 1;
	return 0;
}

static int
is_word(const struct run *r, size_t t, int wid)
{
	return t < r->ntoks && r->toks[t].cp == 0 && r->toks[t].wid == wid &&
	    wid >= 0;
}

static int
is_punct(const struct run *r, size_t t, int32_t cp)
{
	return t < r->ntoks && r->toks[t].cp == cp;
}

static int
suffix(const struct run *r, size_t t, const char *sfx)
{
	const struct tok *k = &r->toks[t];
	size_t n = strlen(sfx);

	return k->cp == 0 && k->len > n + 1 &&
	    strncmp(r->text + k->off + k->len - n, sfx, n) == 0;
}

static int
negative_word(const struct run *r, size_t t)
{
	return suffix(r, t, "n't") || suffix(r, t, "n\xe2\x80\x99t");
}

/* Verbs, auxiliaries and adverbs: what may follow a subject. */
static int
verbish(const struct run *r, size_t t)
{
	static const int cls[] = {
		C_VERB, C_CONDUCT, C_SPEECH, C_AUX, C_BE, C_NEG, C_HEDGE,
		C_LIGHT, C_ACCORDING,
	};
	size_t i;

	if (suffix(r, t, "ly") || suffix(r, t, "ed") || negative_word(r, t))
		return 1;
	for (i = 0; i < sizeof(cls) / sizeof(cls[0]); i++)
		if (match(r, cls[i], t, r->ntoks, NULL) > 0)
			return 1;
	return 0;
}

static int
funcword(const struct run *r, size_t t)
{
	return is(r, C_PREP, t) || is(r, C_DET, t) || is(r, C_STOP, t) ||
	    is(r, C_FIRST, t) || is(r, C_PRON3, t) ||
	    r->toks[t].wid == r->c->w_and || r->toks[t].wid == r->c->w_or ||
	    r->toks[t].wid == r->c->w_but;
}

/* A common noun that a preceding name or demonym qualifies. */
static int
qualified(const struct run *r, size_t t, size_t end, int caps_too)
{
	const struct tok *k;

	if (t >= end)
		return 0;
	k = &r->toks[t];
	if (k->cp != 0 || (k->flags & T_NUM) || (!caps_too &&
	    (k->flags & T_CAP)))
		return 0;
	if (match(r, C_ACTOR, t, end, NULL) > 0)
		return 0;
	return !verbish(r, t) && !funcword(r, t);
}

/* Lexicon and dictionary. */

static int
add_pattern(struct coder *c, struct pattern *p, const char *phrase,
    size_t len)
{
	struct run r;
	struct pattern *q;
	size_t i, first = 0;
	int pi, rc = 0;

	memset(&r, 0, sizeof(r));
	r.c = c;
	if ((rc = tokenize(&r, phrase, len, 1)) != 0)
		goto done;
	if (p->cls == C_ACTOR && r.ntoks > 1 && r.toks[0].cp == 0 &&
	    r.toks[0].len == 3 && strncasecmp(phrase + r.toks[0].off, "the",
	    3) == 0)
		first = 1;
	if (r.ntoks - first == 0 || r.ntoks - first > PHRASE_MAX) {
		rc = dm_error(DM_EINVALID, "bad phrase '%.*s'", (int)len,
		    phrase);
		goto done;
	}
	p->nw = (int)(r.ntoks - first);
	for (i = first; i < r.ntoks; i++)
		p->w[i - first] = r.toks[i].wid;
	if (p->cls == C_ACTOR) {
		/* The same words twice: the first actor keeps them. */
		for (pi = c->words[p->w[0]].head; pi != -1; pi = q->next) {
			q = &c->pats[pi];
			if (q->cls == C_ACTOR && q->nw == p->nw &&
			    memcmp(q->w, p->w, sizeof(int) * p->nw) == 0)
				goto done;
		}
		if (r.toks[first].flags & T_CAP)
			p->flags |= PF_CAP;
		if ((r.toks[first].flags & T_ALLCAPS) && r.toks[first].len <= 3)
			p->flags |= PF_ACRONYM;
	}
	if ((rc = grow(&c->pats, &c->cappats, c->npats, sizeof(*c->pats))) != 0)
		goto done;
	p->next = c->words[p->w[0]].head;
	c->words[p->w[0]].head = (int)c->npats;
	c->pats[c->npats++] = *p;
done:
	free(r.toks);
	return rc;
}

static int
find_kind(const struct coder *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nkinds; i++)
		if (strcmp(c->kinds[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Splits line at tabs into at most n fields; returns how many. */
static size_t
split_tabs(char *line, char **f, size_t n)
{
	size_t i = 0;

	while (i < n) {
		f[i++] = line;
		if ((line = strchr(line, '\t')) == NULL)
			break;
		*line++ = '\0';
	}
	return i;
}

static int
parse_line(struct coder *c, char *line, size_t lineno)
{
	struct pattern p;
	char *f[4], *alt, *bar, *flag;
	size_t nf;
	int cls;

	nf = split_tabs(line, f, 4);
	if (nf != 4)
		return dm_error(DM_EINVALID,
		    "lexicon line %zu: want 4 tab-separated columns", lineno);
	memset(&p, 0, sizeof(p));
	p.kind = -1;
	if (strcmp(f[0], "kind") == 0) {
		if (c->nkinds == KIND_MAX || find_kind(c, f[1]) != -1)
			return dm_error(DM_EINVALID,
			    "lexicon line %zu: kind '%s' again or too many",
			    lineno, f[1]);
		c->kinds[c->nkinds].name = keep(c, f[1], strlen(f[1]));
		c->kinds[c->nkinds].cameo = keep(c, f[2], strlen(f[2]));
		if (c->kinds[c->nkinds].name == NULL ||
		    c->kinds[c->nkinds].cameo == NULL)
			return DM_ERROR;
		for (flag = strtok(f[3], ","); flag != NULL;
		    flag = strtok(NULL, ",")) {
			if (strcmp(flag, "target") == 0)
				c->kinds[c->nkinds].need_target = 1;
			else if (strcmp(flag, "notarget") == 0)
				c->kinds[c->nkinds].no_target = 1;
			else if (strcmp(flag, "from") == 0)
				c->kinds[c->nkinds].from = 1;
			else if (strcmp(flag, "-") != 0)
				return dm_error(DM_EINVALID,
				    "lexicon line %zu: no kind flag '%s'",
				    lineno, flag);
		}
		c->nkinds++;
		return 0;
	}
	for (cls = 0; cls < C_ACTOR; cls++)
		if (strcmp(f[0], cls_names[cls]) == 0)
			break;
	if (cls == C_ACTOR)
		return dm_error(DM_EINVALID, "lexicon line %zu: no class '%s'",
		    lineno, f[0]);
	p.cls = cls;
	if (cls <= C_CONDUCT && (p.kind = find_kind(c, f[1])) == -1)
		return dm_error(DM_EINVALID, "lexicon line %zu: no kind '%s'",
		    lineno, f[1]);
	if (strcmp(f[1], "-") != 0 && (p.val = keep(c, f[1],
	    strlen(f[1]))) == NULL)
		return DM_ERROR;
	if (strcmp(f[2], "-") != 0 && (p.cameo = keep(c, f[2],
	    strlen(f[2]))) == NULL)
		return DM_ERROR;
	for (alt = f[3]; alt != NULL; alt = bar) {
		if ((bar = strchr(alt, '|')) != NULL)
			*bar++ = '\0';
		if (add_pattern(c, &p, alt, strlen(alt)) != 0)
			return dm_error(DM_EINVALID, "lexicon line %zu: %s",
			    lineno, dm_error_last());
	}
	return 0;
}

static int
fixed_word(struct coder *c, int *w, const char *s)
{
	return (*w = word_intern(c, s)) < 0 ? DM_ERROR : 0;
}

int
coder_new(struct coder **out, const char *lexicon_tsv)
{
	struct coder *c;
	char *copy = NULL, *line, *nl;
	size_t lineno = 0;
	int rc = DM_ERROR;

	*out = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if ((copy = strdup(lexicon_tsv)) == NULL) {
		dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	if (fixed_word(c, &c->w_that, "that") || fixed_word(c, &c->w_which,
	    "which") || fixed_word(c, &c->w_who, "who") ||
	    fixed_word(c, &c->w_and, "and") || fixed_word(c, &c->w_or, "or") ||
	    fixed_word(c, &c->w_but, "but") || fixed_word(c, &c->w_by, "by") ||
	    fixed_word(c, &c->w_as, "as") || fixed_word(c, &c->w_well,
	    "well") || fixed_word(c, &c->w_in, "in") ||
	    fixed_word(c, &c->w_the, "the") ||
	    fixed_word(c, &c->w_comma, ",") ||
	    fixed_word(c, &c->w_including, "including") ||
	    fixed_word(c, &c->w_it, "it") ||
	    fixed_word(c, &c->w_they, "they") ||
	    fixed_word(c, &c->w_to, "to") || fixed_word(c, &c->w_from, "from"))
		goto done;
	for (line = copy; line != NULL; line = nl) {
		lineno++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if (*line != '\0' && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		if ((rc = parse_line(c, line, lineno)) != 0)
			goto done;
	}
	if (c->nkinds == 0) {
		rc = dm_error(DM_EINVALID, "lexicon defines no claim kind");
		goto done;
	}
	if ((rc = zh_new(&c->zh, dm_coder_lexicon_zh[0].data)) != 0)
		goto done;
	*out = c;
	c = NULL;
done:
	free(copy);
	coder_free(c);
	return rc;
}

/* Whether the folded one-word name w looks like a demonym ("Chinese"). */
static int
demonym_shaped(struct coder *c, int w)
{
	const struct pattern *p;
	const char *s = c->words[w].s, *sfx;
	size_t i, n = strlen(s), m;

	for (i = 0; i < c->npats; i++) {
		p = &c->pats[i];
		if (p->nw != 1)
			continue;
		if (p->cls == C_DEMONYM && p->w[0] == w)
			return 1;
		if (p->cls != C_DEMSUF)
			continue;
		sfx = c->words[p->w[0]].s;
		m = strlen(sfx);
		if (n > m + 2 && strcmp(s + n - m, sfx) == 0)
			return 1;
	}
	return 0;
}

int
coder_add_actor(struct coder *c, const char *name, const char *code)
{
	struct pattern p;
	const char *kc = NULL;
	size_t i;

	if (name == NULL || code == NULL || *code == '\0')
		return dm_error(DM_EINVALID, "actor needs a name and a code");
	if (zh_add_actor(c->zh, name, code) != 0)
		return DM_ERROR;
	for (i = 0; i < c->ncodes; i++)
		if (strcmp(c->codes[i], code) == 0)
			kc = c->codes[i];
	if (kc == NULL) {
		if ((kc = keep(c, code, strlen(code))) == NULL ||
		    grow(&c->codes, &c->capcodes, c->ncodes,
		    sizeof(*c->codes)) != 0)
			return DM_ERROR;
		c->codes[c->ncodes++] = kc;
	}
	memset(&p, 0, sizeof(p));
	p.cls = C_ACTOR;
	p.kind = -1;
	p.val = kc;
	if (add_pattern(c, &p, name, strlen(name)) != 0)
		return dm_error(DM_EINVALID, "actor name '%s': %s", name,
		    dm_error_last());
	/* Flag it now that its word is known (add_pattern copied p). */
	if (p.nw == 1 && c->npats > 0 && c->pats[c->npats - 1].val == kc &&
	    c->pats[c->npats - 1].nw == 1 && demonym_shaped(c, p.w[0]))
		c->pats[c->npats - 1].flags |= PF_DEMONYM;
	return 0;
}

void
coder_free(struct coder *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nwords; i++)
		free(c->words[i].s);
	for (i = 0; i < c->nstrs; i++)
		free(c->strs[i]);
	free(c->words);
	free(c->slots);
	free(c->pats);
	free(c->strs);
	free(c->codes);
	zh_free(c->zh);
	free(c);
}

/* Sentences. */

static int
terminal(const struct run *r, size_t t)
{
	const struct tok *k = &r->toks[t];

	if (k->cp == '.' || k->cp == '!' || k->cp == '?' || k->cp == 0x2026)
		return 1;
	return k->cp == 0 && r->text[k->off + k->len - 1] == '.';
}

static int
closer(const struct run *r, size_t t)
{
	int32_t cp = r->toks[t].cp;

	return cp == 0x201d || cp == 0x2019 || cp == '"' || cp == '\'' ||
	    cp == ')' || cp == ']' || cp == 0xbb;
}

/* Whether token n can begin a sentence. */
static int
opener(const struct run *r, size_t n)
{
	const struct tok *k = &r->toks[n];

	if (k->cp == 0)
		return (k->flags & (T_CAP | T_NUM | T_HANDLE)) != 0;
	return k->cp == 0x201c || k->cp == '"' || k->cp == 0x2018 ||
	    k->cp == '(' || k->cp == '[' || k->cp == 0xab || is_dash(k->cp);
}

/* Whether the sentence ends after terminal token t, before token n. */
static int
breaks(const struct run *r, size_t t, size_t n)
{
	const struct tok *k = &r->toks[t], *p;

	if (r->toks[n].flags & T_LINE)
		return 1;
	if (!opener(r, n))
		return 0;
	if (k->cp == 0)		/* "U.S." */
		return r->toks[n].cp == 0 && is(r, C_STARTER, n);
	if (k->cp != '.' || t == 0)
		return 1;
	p = &r->toks[t - 1];
	if (p->cp != 0 || p->end != k->off)
		return 1;
	if (is(r, C_ABBREVNUM, t - 1) && (r->toks[n].flags & T_NUM))
		return 0;
	if (is(r, C_ABBREV, t - 1) || (p->len == 1 && (p->flags & T_CAP)))
		return r->toks[n].cp == 0 && is(r, C_STARTER, n);
	return 1;
}

static int
add_sent(struct run *r, size_t a, size_t b, int block)
{
	if (a >= b)
		return 0;
	if (grow(&r->sents, &r->capsents, r->nsents, sizeof(*r->sents)) != 0)
		return DM_ERROR;
	r->sents[r->nsents].a = (int)a;
	r->sents[r->nsents].b = (int)b;
	r->sents[r->nsents].block = block;
	r->sents[r->nsents].sig = -1;
	r->sents[r->nsents].topic = -1;
	r->nsents++;
	return 0;
}

/* Whether a newline before token t ends a sentence. */
static int
line_breaks(const struct run *r, size_t t, int linemode)
{
	const struct tok *k = &r->toks[t];

	if (k->flags & T_PARA)
		return 1;
	if (!(k->flags & T_LINE))
		return 0;
	return linemode || (k->cp != 0 && is_dash(k->cp));
}

static int
longest_line(const char *s)
{
	size_t n = 0, max = 0;

	for (; *s != '\0'; s++) {
		n = *s == '\n' ? 0 : n + 1;
		if (n > max)
			max = n;
	}
	return max > LINE_LONG;
}

static int
split_sentences(struct run *r)
{
	size_t t, s = 0, e;
	int linemode = longest_line(r->text), block = 0;

	for (t = 0; t < r->ntoks; t++) {
		if (t > s && line_breaks(r, t, linemode)) {
			if (add_sent(r, s, t, block) != 0)
				return DM_ERROR;
			s = t;
		}
		if (r->toks[t].flags & T_PARA)
			block++;
		if (!terminal(r, t))
			continue;
		for (e = t + 1; e < r->ntoks && !(r->toks[e].flags & T_LINE) &&
		    (closer(r, e) || terminal(r, e)); e++)
			;
		if (e < r->ntoks && !breaks(r, t, e))
			continue;
		if (add_sent(r, s, e, block) != 0)
			return DM_ERROR;
		s = e;
		t = e - 1;
	}
	return add_sent(r, s, r->ntoks, block);
}

/* Quotations. */

static int
find_quotes(struct run *r)
{
	size_t t, k;
	int open = -1, linemode = longest_line(r->text);
	int32_t cp;

	for (t = 0; t < r->ntoks; t++)
		r->qid[t] = -1;
	for (t = 0; t < r->ntoks; t++) {
		if (line_breaks(r, t, linemode))
			open = -1;
		cp = r->toks[t].cp;
		if (!is_quote(cp))
			continue;
		if (cp == 0x201c || cp == 0x201e || cp == 0xab ||
		    (cp == '"' && open == -1)) {
			open = (int)t;
			continue;
		}
		if (open == -1)
			continue;
		if (grow(&r->qs, &r->capqs, r->nqs, sizeof(*r->qs)) != 0)
			return DM_ERROR;
		r->qs[r->nqs].open = open;
		r->qs[r->nqs].close = (int)t;
		r->qs[r->nqs].speaker = -1;
		for (k = (size_t)open; k <= t; k++)
			r->qid[k] = (int)r->nqs;
		r->nqs++;
		open = -1;
	}
	return 0;
}

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

static int
add_mention(struct run *r, size_t a, size_t b, enum mtype type,
    const char *code, unsigned flags)
{
	struct mention *m;
	size_t t;

	if (grow(&r->ms, &r->capms, r->nms, sizeof(*r->ms)) != 0)
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
	int nmod = 0, n;

	while (k < end) {
		if ((n = match(r, C_GROUP, k, end, NULL)) > 0) {
			/* "states" ends "member states" only as a head. */
			if (nmod > 0)
				return k + (size_t)n - t;
			return 0;
		}
		if ((n = match(r, C_COLLECTIVE, k, end, NULL)) > 0 ||
		    (n = match(r, C_GMOD, k, end, NULL)) > 0) {
			nmod++;
			k += (size_t)n;
			continue;
		}
		if (r->toks[k].cp == 0 && suffix(r, k, "ly") && k + 1 < end) {
			k++;
			continue;
		}
		if (match(r, C_ACTOR, k, end, &p) == 1 &&
		    (p->flags & PF_DEMONYM)) {
			nmod++;
			k++;
			continue;
		}
		if (r->toks[k].cp == 0 && (r->toks[k].flags & T_CAP) &&
		    !(r->toks[k].flags & T_POSS) && !is(r, C_STARTER, k) &&
		    match(r, C_ACTOR, k, end, NULL) == 0) {
			nmod++;
			k++;
			continue;
		}
		return 0;
	}
	return 0;
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

	if (!(r->toks[t].flags & T_CAP) || (n = match(r, C_TITLE, t, end,
	    NULL)) == 0)
		return 0;
	k = t + (size_t)n;
	if (is_punct(r, k, '.') && r->toks[k].off == r->toks[k - 1].end)
		k++;
	for (n = 0; k < end && n < 4 && r->toks[k].cp == 0 &&
	    (r->toks[k].flags & T_CAP) && !is(r, C_STARTER, k) &&
	    match(r, C_ACTOR, k, end, NULL) == 0; k++, n++)
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

static int
mentions_in(struct run *r, const struct sent *s)
{
	const struct pattern *p, *ip;
	const char *code;
	size_t t = (size_t)s->a, end = (size_t)s->b, e;
	int n, il;
	unsigned fl;

	while (t < end) {
		if (r->toks[t].cp != 0) {
			t++;
			continue;
		}
		if ((n = match(r, C_ACTOR, t, end, &p)) > 0) {
			e = t + (size_t)n;
			code = p->val;
			il = match(r, C_INST, e, end, &ip);
			if (il > 0 && !(r->toks[e - 1].flags & T_POSS &&
			    (p->flags & PF_DEMONYM))) {
				code = body_of(r, code, ip->val);
				if (add_mention(r, t, e + (size_t)il, M_ACTOR,
				    code, 0) != 0)
					return DM_ERROR;
				remember(r, code, ip->val);
				t = e + (size_t)il;
				continue;
			}
			if ((p->flags & PF_DEMONYM) &&
			    (n = (int)group_at(r, t, end)) > 0) {
				if (add_mention(r, t, t + (size_t)n, M_TEXT,
				    NULL, 0) != 0)
					return DM_ERROR;
				t += (size_t)n;
				continue;
			}
			/*
			 * "Chinese hosts", "the NATO summit": a name before a
			 * noun qualifies it; without a determiner the word
			 * after a name may as well be its verb ("China drew").
			 */
			fl = 0;
			if (!(r->toks[e - 1].flags & T_POSS) &&
			    qualified(r, e, end, (p->flags & PF_DEMONYM)) &&
			    ((p->flags & PF_DEMONYM) || (t > (size_t)s->a &&
			    is(r, C_DET, t - 1))))
				fl = MF_MOD;
			if (add_mention(r, t, e, (p->flags & PF_DEMONYM) && fl ?
			    M_ADJ : M_ACTOR, code, fl) != 0)
				return DM_ERROR;
			if (!((p->flags & PF_DEMONYM) && fl))
				remember(r, code, NULL);
			t = e;
			continue;
		}
		/* "the mission", "the embassy": the last one named */
		if (is(r, C_DET, t) && (il = match(r, C_INST, t + 1, end,
		    &ip)) > 0 && ip->val != NULL &&
		    (code = body_of(r, NULL, ip->val)) != NULL) {
			if (add_mention(r, t + 1, t + 1 + (size_t)il, M_ACTOR,
			    code, 0) != 0)
				return DM_ERROR;
			t += 1 + (size_t)il;
			continue;
		}
		if ((e = person_at(r, t, end)) > 0 || (e = group_at(r, t,
		    end)) > 0 || (e = acronym_at(r, s, t)) > 0) {
			if (add_mention(r, t, t + e, M_TEXT, NULL, 0) != 0)
				return DM_ERROR;
			t += e;
			continue;
		}
		if (is(r, C_FIRST, t) || is(r, C_PRON3, t)) {
			if (add_mention(r, t, t + 1, is(r, C_FIRST, t) ?
			    M_FIRST : M_PRON3, NULL, 0) != 0)
				return DM_ERROR;
		}
		t++;
	}
	return 0;
}

/* Claimants and targets. */

/* The preposition governing mention mi, looking back from it to lo. */
static int
governed_by(const struct run *r, int mi, size_t lo)
{
	size_t j = (size_t)r->ms[mi].a;

	while (j > lo && (is(r, C_DET, j - 1) ||
	    (r->toks[j - 1].flags & T_NUM)))
		j--;
	if (j > lo && r->toks[j - 1].cp == 0 && is(r, C_PREP, j - 1))
		return (int)j - 1;
	return -1;
}

static int
in_sentence_quote(const struct run *r, size_t t)
{
	return r->qid[t] >= 0;
}

static int subject_of(struct run *, const struct sent *, size_t, int *,
    int);

/* The speaker a "said" or "according to" gives token pos, or -1. */
static int
said_speaker(struct run *r, const struct sent *s, size_t pos)
{
	size_t t, k, end = (size_t)s->b;
	int before = -1, after = -1, acc = -1, n, m, subj;

	for (t = (size_t)s->a; t < end; t++) {
		if (in_sentence_quote(r, t) || r->mcover[t] >= 0)
			continue;
		if ((n = match(r, C_ACCORDING, t, end, NULL)) > 0) {
			for (k = t + (size_t)n; k < end && is(r, C_DET, k); k++)
				;
			if (k < end && (m = r->mcover[k]) >= 0 && acc < 0)
				acc = m;
			continue;
		}
		if ((n = match(r, C_SPEECH, t, end, NULL)) == 0)
			continue;
		if (t + (size_t)n <= pos) {
			if (subject_of(r, s, t, &subj, 1) > 0)
				before = subj;
			continue;
		}
		if (t <= pos || after >= 0)
			continue;
		/* ", the mission said." and ", said the mission." */
		k = t;
		while (k > (size_t)s->a && (is(r, C_AUX, k - 1) ||
		    suffix(r, k - 1, "ly")))
			k--;
		if (k > (size_t)s->a && (m = r->mcover[k - 1]) >= 0 &&
		    r->ms[m].a > s->a &&
		    (is_punct(r, (size_t)r->ms[m].a - 1, ',') ||
		    closer(r, (size_t)r->ms[m].a - 1) ||
		    is(r, C_DET, (size_t)r->ms[m].a - 1)))
			after = m;
		else if (t + (size_t)n < end && (t > (size_t)s->a &&
		    (is_punct(r, t - 1, ',') || closer(r, t - 1)))) {
			for (k = t + (size_t)n; k < end && is(r, C_DET, k); k++)
				;
			if (k < end && (m = r->mcover[k]) >= 0)
				after = m;
		}
	}
	if (before >= 0)
		return before;
	return after >= 0 ? after : acc;
}

static int
speaker_at(struct run *r, const struct sent *s, size_t pos)
{
	int q = r->qid[pos], sp;

	if (q >= 0 && r->qs[q].speaker >= 0)
		return r->qs[q].speaker;
	if ((sp = said_speaker(r, s, pos)) >= 0)
		return sp;
	return s->sig;
}

static int
scratch(struct run *r, char *p)
{
	if (p == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if (grow(&r->scratch, &r->capscratch, r->nscratch,
	    sizeof(*r->scratch)) != 0) {
		free(p);
		return DM_ERROR;
	}
	r->scratch[r->nscratch++] = p;
	return 0;
}

static const char *who(struct run *, const struct sent *, int, size_t);

/*
 * What "it" or "they" opening a sentence stands for: the actor the
 * sentence before, in the same block, began with ("The EU said ... It
 * called on ..."), or NULL.
 */
static const char *
antecedent(struct run *r, const struct sent *s, int mi)
{
	const struct sent *p = s - 1;
	const struct mention *t;
	size_t k;
	int w = r->toks[r->ms[mi].a].wid;

	if (s == r->sents || p->block != s->block || p->topic < 0)
		return NULL;
	for (k = (size_t)s->a; k < (size_t)r->ms[mi].a; k++)
		if (r->mstart[k] >= 0)
			return NULL;
	t = &r->ms[p->topic];
	if ((w == r->c->w_it && t->type == M_ACTOR) || (w == r->c->w_they &&
	    (t->type == M_ACTOR || t->type == M_TEXT)))
		return who(r, p, p->topic, (size_t)t->a);
	return NULL;
}

/* What mention mi at pos stands for: a code, a group's words, or NULL. */
static const char *
who(struct run *r, const struct sent *s, int mi, size_t pos)
{
	const struct mention *m = &r->ms[mi];
	const struct tok *a, *b;
	char *text;
	int sp;

	switch (m->type) {
	case M_ACTOR:
	case M_ADJ:
		return m->code;
	case M_TEXT:
		a = &r->toks[m->a];
		b = &r->toks[m->b - 1];
		text = strndup(r->text + a->off, b->off + b->len - a->off);
		return scratch(r, text) == 0 ? text : NULL;
	case M_FIRST:
		sp = speaker_at(r, s, pos);
		if (sp >= 0 && r->ms[sp].type != M_FIRST)
			return who(r, s, sp, pos);
		return r->qid[pos] >= 0 && sp < 0 ? NULL : r->issuer;
	case M_PRON3:
		if (r->qid[pos] >= 0)
			return NULL;
		sp = said_speaker(r, s, pos);
		if (sp >= 0 && r->ms[sp].type != M_PRON3)
			return who(r, s, sp, pos);
		return antecedent(r, s, mi);
	}
	return NULL;
}

/* Whether mention mi can be the subject of a verb after it. */
static int
subject_ok(struct run *r, const struct sent *s, int mi, size_t lo)
{
	const struct mention *m = &r->ms[mi];

	if (m->type == M_ADJ || (m->flags & MF_MOD))
		return 0;
	if (governed_by(r, mi, lo) >= 0)
		return 0;
	if (m->type == M_FIRST || m->type == M_PRON3)
		return who(r, s, mi, (size_t)m->a) != NULL;
	return 1;
}

static int
hard_boundary(const struct run *r, size_t t, size_t lo)
{
	const struct tok *k = &r->toks[t];

	if (k->cp != 0)
		return k->cp == ';' || k->cp == ':' || k->cp == '(' ||
		    k->cp == ')' || is_quote(k->cp) || k->cp == 0x2014 ||
		    k->cp == 0x2013;
	return k->wid == r->c->w_that || k->wid == r->c->w_which ||
	    k->wid == r->c->w_who || ends_at(r, C_SPEECH, t, lo);
}

static int
soft_boundary(const struct run *r, size_t t)
{
	const struct tok *k = &r->toks[t];

	return k->cp == ',' || (k->cp == 0 && (k->wid == r->c->w_and ||
	    k->wid == r->c->w_but || k->wid == r->c->w_or));
}

/*
 * The subjects of the verb at pos in sentence s: the first usable
 * mention of the nearest comma- or "and"-separated stretch before it
 * that has one, with mentions coordinated to it ("the EU and NATO"),
 * never crossing a hard boundary (quote, colon, "that", a reporting
 * verb).  Stores up to max mention indices in out; returns how many.
 */
static int
subject_of(struct run *r, const struct sent *s, size_t pos, int *out, int max)
{
	size_t lo = (size_t)s->a, re = pos, rs, t;
	int n = 0, m, found;

	while (re > lo) {
		rs = re;
		while (rs > lo && !soft_boundary(r, rs - 1) &&
		    !hard_boundary(r, rs - 1, lo))
			rs--;
		found = -1;
		for (t = rs; t < re; t++) {
			if ((m = r->mstart[t]) >= 0 &&
			    (size_t)r->ms[m].b <= re &&
			    subject_ok(r, s, m, rs)) {
				found = m;
				break;
			}
		}
		if (found >= 0) {
			out[n++] = found;
			/* Coordinated before it: "The EU and NATO". */
			for (;;) {
				while (rs > lo && is(r, C_DET, rs - 1))
					rs--;
				if (n == max || rs < lo + 2 ||
				    !soft_boundary(r, rs - 1) ||
				    (m = r->mcover[rs - 2]) < 0 ||
				    r->ms[m].b != (int)rs - 1 ||
				    !subject_ok(r, s, m, lo))
					break;
				out[n++] = m;
				rs = (size_t)r->ms[m].a;
			}
			return n;
		}
		if (rs == lo || hard_boundary(r, rs - 1, lo)) {
			/* ", which accused": the antecedent before the comma */
			if (rs > lo + 2 &&
			    (r->toks[rs - 1].wid == r->c->w_which ||
			    r->toks[rs - 1].wid == r->c->w_who) &&
			    is_punct(r, rs - 2, ',') &&
			    (m = r->mcover[rs - 3]) >= 0 &&
			    subject_ok(r, s, m, lo))
				out[n++] = m;
			return n;
		}
		re = rs - 1;
	}
	return n;
}

static int
add_target(struct cand *cd, const char *t)
{
	size_t i;

	if (t == NULL || (cd->by != NULL && strcmp(cd->by, t) == 0))
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
		    (is(r, C_DET, t + 1) && t + 2 < end &&
		    r->mstart[t + 2] >= 0));
	if (k->cp != 0)
		return 0;
	/* Another verb begins another clause; "made by" does not. */
	if (is_word(r, t + 1, r->c->w_by))
		return 1;
	if (match(r, C_VERB, t, end, NULL) > 0 ||
	    match(r, C_CONDUCT, t, end, NULL) > 0 ||
	    match(r, C_SPEECH, t, end, NULL) > 0 ||
	    match(r, C_LIGHT, t, end, NULL) > 0 || is(r, C_BE, t) ||
	    is(r, C_AUX, t))
		return 0;
	/* "as well as" */
	if (k->wid == r->c->w_as && ((t + 2 < end && is_word(r, t + 1,
	    r->c->w_well) && is_word(r, t + 2, r->c->w_as)) || (t >= 2 &&
	    is_word(r, t - 1, r->c->w_well) && is_word(r, t - 2, r->c->w_as))))
		return 1;
	return !is(r, C_STOP, t) && !ends_at(r, C_SPEECH, t, t);
}

/*
 * Collects the targets of a cue ending at token from: mentions of its
 * object, up to a word or mark that ends it, that no preposition other
 * than "by" governs (with agents, "by X" names the target of a nominal
 * object: "the attack by Russia").  A leading "that" opens a clause
 * whose subject is the target.  mods admits names qualifying a noun
 * ("the EU statements").
 */
static void
targets_of(struct run *r, const struct sent *s, size_t from, int agents,
    struct cand *cd)
{
	const struct kind *k = &r->c->kinds[cd->kind];
	size_t t, end = (size_t)s->b;
	int m, g, mods = !k->need_target;

	if (from < end && is_word(r, from, r->c->w_that)) {
		for (t = from + 1; t < end; t++) {
			if ((m = r->mstart[t]) >= 0) {
				if (r->ms[m].type != M_ADJ &&
				    governed_by(r, m, from) < 0)
					add_target(cd, who(r, s, m, t));
				return;
			}
			if (verbish(r, t) || hard_boundary(r, t, from))
				return;
		}
		return;
	}
	for (t = from; t < end; t++) {
		if ((m = r->mstart[t]) >= 0) {
			/* "..., and Syria denounced": a new clause */
			if (t > from && r->ms[m].b < s->b &&
			    verbish(r, (size_t)r->ms[m].b))
				break;
			g = governed_by(r, m, from);
			/* "the British accusations": rejected, not accused */
			if ((mods || (r->ms[m].type != M_ADJ &&
			    !(r->ms[m].flags & MF_MOD))) &&
			    r->ms[m].type != M_PRON3 &&
			    (g < 0 ||
			    (agents && r->toks[g].wid == r->c->w_by) ||
			    (k->from && r->toks[g].wid == r->c->w_from)))
				add_target(cd, who(r, s, m, t));
			t = (size_t)r->ms[m].b - 1;
			continue;
		}
		if (!object_goes_on(r, t, end))
			break;
	}
}

/* The claimant after "by" in the span after token from, or -1. */
static int
agent_of(struct run *r, const struct sent *s, size_t from)
{
	size_t t, end = (size_t)s->b;
	int m;

	for (t = from; t < end; t++) {
		if (is_word(r, t, r->c->w_by)) {
			for (t++; t < end && is(r, C_DET, t); t++)
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
		else if (t > from && is(r, C_STOP, t) && !is(r, C_PREP, t))
			return -1;
	}
	return -1;
}

/* Whether a negation or a hedge governs the cue at token a. */
static int
negated(const struct run *r, const struct sent *s, size_t a)
{
	size_t k, lo = (size_t)s->a;
	int n;

	for (k = a; k > lo && a - k < NEG_WINDOW; k--) {
		if (r->toks[k - 1].cp != 0)
			return 0;
		/* "Theresa May defended" */
		if ((r->toks[k - 1].flags & T_CAP) && k - 1 > lo)
			continue;
		if (negative_word(r, k - 1))
			return 1;
		if (((n = match(r, C_NEG, k - 1, a, NULL)) > 0 ||
		    (n = match(r, C_HEDGE, k - 1, a, NULL)) > 0) &&
		    k - 1 + (size_t)n <= a)
			return 1;
	}
	return 0;
}

/*
 * Whether a cue at t is used as a verb of the clause: not after a
 * determiner or a possessive ("the blame", "China's stated aims"), nor
 * after a preposition other than "to", unless a gerund whose subject is
 * the clause's ("after blaming", not "criticized X for calling").
 */
static int
verbal(const struct run *r, const struct sent *s, size_t t)
{
	const struct tok *p;

	if (t == (size_t)s->a)
		return 1;
	p = &r->toks[t - 1];
	if (p->cp != 0)
		return 1;
	if ((p->flags & T_POSS) || is(r, C_DET, t - 1))
		return 0;
	return !is(r, C_PREP, t - 1) || p->wid == r->c->w_to ||
	    (suffix(r, t, "ing") && is(r, C_SUBJPREP, t - 1));
}

static int
passive(const struct run *r, const struct sent *s, size_t a, size_t b)
{
	size_t k;

	if (is_word(r, b, r->c->w_by))
		return 1;
	for (k = a; k > (size_t)s->a && a - k < 3; k--) {
		if (ends_at(r, C_BE, k - 1, (size_t)s->a))
			return 1;
		if (!suffix(r, k - 1, "ly") && !is(r, C_AUX, k - 1))
			return 0;
	}
	return 0;
}

/* Builds a claim for a verb cue at [a, b); returns candidates added. */
static int
verb_claims(struct run *r, const struct sent *s, size_t a, size_t b,
    const struct pattern *p, struct cand *cds, int ncd)
{
	struct cand cd;
	int subj[4], nsubj, i, ag, added = 0;
	const struct kind *k = &r->c->kinds[p->kind];

	memset(&cd, 0, sizeof(cd));
	cd.kind = p->kind;
	cd.cameo = p->cameo ? p->cameo : k->cameo;
	cd.rank = k->no_target ? RANK_ASSERT : RANK_VERB;
	if (passive(r, s, a, b)) {
		if ((ag = agent_of(r, s, b)) < 0 ||
		    (cd.by = who(r, s, ag, a)) == NULL)
			return 0;
		nsubj = subject_of(r, s, a, subj, 4);
		for (i = 0; i < nsubj; i++)
			add_target(&cd, who(r, s, subj[i], a));
		if (ncd < CAND_MAX) {
			cds[ncd] = cd;
			return 1;
		}
		return 0;
	}
	nsubj = subject_of(r, s, a, subj, 4);
	for (i = 0; i < nsubj && ncd + added < CAND_MAX; i++) {
		cd.ntargets = 0;
		if ((cd.by = who(r, s, subj[i], a)) == NULL)
			continue;
		cd.src = r->ms[subj[i]].type == M_FIRST ||
		    r->ms[subj[i]].type == M_PRON3 ? SRC_SPEAKER : SRC_EXPLICIT;
		if (!k->no_target)
			targets_of(r, s, b, 1, &cd);
		cds[ncd + added++] = cd;
	}
	return added;
}

/* A noun cue's claimant: "the EU's accusations", "by the EU", or the
 * subject of a light verb ("NATO levelled accusations"). */
static int
noun_claimant(struct run *r, const struct sent *s, size_t a, size_t b)
{
	size_t k;
	int m, subj, n;

	for (k = a; k > (size_t)s->a && a - k < 3; k--) {
		if ((m = r->mcover[k - 1]) >= 0) {
			if ((r->ms[m].flags & (MF_POSS | MF_MOD)) ||
			    r->ms[m].type == M_ADJ || r->ms[m].type == M_FIRST)
				return m;
			break;
		}
		if (r->toks[k - 1].cp != 0 || is(r, C_DET, k - 1) ||
		    is(r, C_PREP, k - 1))
			break;
	}
	if ((m = agent_of(r, s, b)) >= 0)
		return m;
	for (k = a; k > (size_t)s->a && a - k < 5; k--) {
		if (r->toks[k - 1].cp != 0)
			break;
		if ((n = match(r, C_LIGHT, k - 1, a, NULL)) > 0 &&
		    !negated(r, s, k - 1))
			return subject_of(r, s, k - 1, &subj, 1) ? subj : -1;
	}
	return -1;
}

static int
noun_claim(struct run *r, const struct sent *s, size_t a, size_t b,
    const struct pattern *p, struct cand *cd)
{
	const struct kind *k = &r->c->kinds[p->kind];
	int m;

	memset(cd, 0, sizeof(*cd));
	cd->kind = p->kind;
	cd->cameo = p->cameo ? p->cameo : k->cameo;
	cd->rank = RANK_NOUN;
	if ((m = noun_claimant(r, s, a, b)) < 0 ||
	    (cd->by = who(r, s, m, a)) == NULL)
		return 0;
	cd->src = SRC_EXPLICIT;
	if (!k->no_target)
		targets_of(r, s, b, 0, cd);
	return 1;
}

/*
 * An evaluation ("baseless", "not based on facts") by the speaker, or by
 * the issuer outside any quotation; its targets are the authors named
 * in the sentence, not those the words were about ("against China").
 */
static int
adj_claim(struct run *r, const struct sent *s, size_t a,
    const struct pattern *p, struct cand *cd)
{
	const struct kind *k = &r->c->kinds[p->kind];
	size_t t, from = (size_t)s->a;
	int sp, m, g;

	memset(cd, 0, sizeof(*cd));
	cd->kind = p->kind;
	cd->cameo = p->cameo ? p->cameo : k->cameo;
	cd->rank = RANK_ADJ;
	if ((sp = speaker_at(r, s, a)) >= 0) {
		if ((cd->by = who(r, s, sp, a)) == NULL)
			return 0;
		cd->src = SRC_SPEAKER;
		/* "X said the EU statements were baseless" */
		if (r->ms[sp].a >= s->a && (size_t)r->ms[sp].b <= a)
			from = (size_t)r->ms[sp].b;
	} else if (r->qid[a] < 0 && r->issuer != NULL) {
		cd->by = r->issuer;
		cd->src = SRC_ISSUER;
	} else
		return 0;
	for (t = from; t < (size_t)s->b; t++) {
		if ((m = r->mstart[t]) < 0)
			continue;
		t = (size_t)r->ms[m].b - 1;
		if (m == sp || (r->ms[m].type != M_ACTOR &&
		    r->ms[m].type != M_TEXT))
			continue;
		g = governed_by(r, m, (size_t)s->a);
		if (g >= 0 && is(r, C_VICTIM, (size_t)g))
			continue;
		add_target(cd, who(r, s, m, t));
	}
	return 1;
}

/* Wrongdoing a speaker says its subject did: an accusation. */
static int
conduct_claim(struct run *r, const struct sent *s, size_t a,
    const struct pattern *p, struct cand *cd)
{
	const struct kind *k = &r->c->kinds[p->kind];
	int sp, subj[4], n, i;

	memset(cd, 0, sizeof(*cd));
	cd->kind = p->kind;
	cd->cameo = p->cameo ? p->cameo : k->cameo;
	cd->rank = RANK_CONDUCT;
	cd->src = SRC_SPEAKER;
	if ((sp = speaker_at(r, s, a)) < 0 || r->ms[sp].type == M_PRON3 ||
	    (cd->by = who(r, s, sp, a)) == NULL)
		return 0;
	n = subject_of(r, s, a, subj, 4);
	for (i = 0; i < n; i++)
		if (r->ms[subj[i]].type == M_ACTOR ||
		    r->ms[subj[i]].type == M_TEXT)
			add_target(cd, who(r, s, subj[i], a));
	return cd->ntargets > 0;
}

/* Dates. */

static int
number_at(const struct run *r, size_t t, int *v)
{
	const struct tok *k = &r->toks[t];
	size_t i;
	int n = 0;

	if (k->cp != 0 || !(k->flags & T_NUM))
		return 0;
	for (i = 0; i < k->len; i++) {
		if (r->text[k->off + i] < '0' || r->text[k->off + i] > '9')
			break;
		if (n > 100000)
			return 0;
		n = n * 10 + r->text[k->off + i] - '0';
	}
	/* "19th" and "19" but not "5.31" */
	if (i < k->len && r->text[k->off + i] != 's' &&
	    r->text[k->off + i] != 'n' && r->text[k->off + i] != 'r' &&
	    r->text[k->off + i] != 't')
		return 0;
	*v = n;
	return 1;
}

static int
valid_day(int y, int m, int d)
{
	struct dm_date dd;
	char iso[16];

	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	return y >= 1000 && y <= 9999 && date_parse(&dd, iso,
	    DATE_ORDER_NONE) == 0;
}

/* A day and month without a year: the latest on or before the statement. */
static int
month_day(const struct dm_date *st, int m, int d, int y, struct dm_date *out)
{
	if (y == 0) {
		if (st == NULL || st->month == 0)
			return 0;
		y = st->year;
		if (m > st->month || (m == st->month && st->day != 0 &&
		    d > st->day))
			y--;
	}
	if (!valid_day(y, m, d))
		return 0;
	out->year = y;
	out->month = m;
	out->day = d;
	return 1;
}

static int
relative(const struct run *r, const char *op, struct dm_date *out)
{
	const struct dm_date *st = r->stmt;

	if (st == NULL || strcmp(op, "future") == 0)
		return 0;
	*out = *st;
	if (strcmp(op, "last-year") == 0 || strcmp(op, "this-year") == 0) {
		out->month = out->day = 0;
		out->year -= op[0] == 'l';
		return 1;
	}
	if (st->month == 0)
		return 0;
	out->day = 0;
	if (strcmp(op, "this-month") == 0)
		return 1;
	if (strcmp(op, "last-month") == 0) {
		if (--out->month == 0) {
			out->month = 12;
			out->year--;
		}
		return 1;
	}
	if (st->day == 0)
		return 0;
	out->day = st->day;
	if (strcmp(op, "yesterday") == 0)
		date_add_days(out, -1);
	return strcmp(op, "yesterday") == 0 || strcmp(op, "today") == 0;
}

/* Finds the first date expression of the sentence: 0 if none. */
static int
sentence_date(const struct run *r, const struct sent *s, struct dm_date *out)
{
	const struct pattern *p;
	size_t t, end = (size_t)s->b;
	int m, d, y, n, future = 0;

	for (t = (size_t)s->a; t < end; t++) {
		if ((n = match(r, C_DATE, t, end, &p)) > 0) {
			if (strcmp(p->val, "future") == 0) {
				future = 1;
				t += (size_t)n - 1;
				continue;
			}
			if (relative(r, p->val, out))
				return 1;
			t += (size_t)n - 1;
			continue;
		}
		if (match(r, C_WEEKDAY, t, end, &p) == 1) {
			if (future || r->stmt == NULL || r->stmt->day == 0) {
				future = 0;
				continue;
			}
			*out = *r->stmt;
			d = (date_weekday(out) - atoi(p->val) + 7) % 7;
			date_add_days(out, -d);
			return 1;
		}
		future = 0;
		if (match(r, C_MONTH, t, end, &p) == 1 &&
		    (r->toks[t].flags & T_CAP)) {
			m = atoi(p->val);
			y = 0;
			if (t + 1 < end && number_at(r, t + 1, &d) && d <= 31) {
				if (t + 3 < end && is_punct(r, t + 2, ',') &&
				    number_at(r, t + 3, &n) && n >= 1000)
					y = n;
				else if (t + 2 < end &&
				    number_at(r, t + 2, &n) && n >= 1000)
					y = n;
				if (month_day(r->stmt, m, d, y, out))
					return 1;
				continue;
			}
			if (t + 1 < end && number_at(r, t + 1, &n) &&
			    n >= 1000 && n <= 9999) {
				out->year = n;
				out->month = m;
				out->day = 0;
				return 1;
			}
			if (t > (size_t)s->a && is_word(r, t - 1, r->c->w_in) &&
			    r->stmt != NULL && r->stmt->month != 0) {
				out->year = r->stmt->year -
				    (m > r->stmt->month);
				out->month = m;
				out->day = 0;
				return 1;
			}
			continue;
		}
		if (number_at(r, t, &d) && d >= 1 && d <= 31 && t + 1 < end &&
		    match(r, C_MONTH, t + 1, end, &p) == 1 &&
		    (r->toks[t + 1].flags & T_CAP)) {
			y = 0;
			if (t + 2 < end && number_at(r, t + 2, &n) && n >= 1000)
				y = n;
			if (month_day(r->stmt, atoi(p->val), d, y, out))
				return 1;
			continue;
		}
		if (t > (size_t)s->a && is_word(r, t - 1, r->c->w_in) &&
		    number_at(r, t, &n) && n >= 1000 && n <= 9999 &&
		    r->toks[t].len == 4) {
			out->year = n;
			out->month = out->day = 0;
			return 1;
		}
	}
	return 0;
}

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
	char iso[11], *quote;
	size_t t, i, ntopics = 0, end = (size_t)s->b;
	size_t qa = r->toks[s->a].off, qb = r->toks[s->b - 1].end;
	int n, rc;

	for (t = (size_t)s->a; t < end; t++) {
		if ((n = match(r, C_TOPIC, t, end, &p)) == 0)
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
	if ((quote = strndup(r->text + qa, qb - qa)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	memset(&cl, 0, sizeof(cl));
	cl.by = cd->by;
	cl.kind = k->name;
	cl.cameo = cameo;
	cl.targets = cd->targets;
	cl.ntargets = cd->ntargets;
	cl.topics = topics;
	cl.ntopics = ntopics;
	cl.quote = quote;
	if (sentence_date(r, s, &d)) {
		date_format(&d, iso);
		cl.date = iso;
	}
	rc = fn(ctx, &cl);
	free(quote);
	return rc;
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

static int
code_sentence(struct run *r, const struct sent *s, coder_claim_fn fn,
    void *ctx)
{
	struct cand cds[CAND_MAX];
	const struct pattern *p, *bp;
	const struct kind *k;
	size_t t, end = (size_t)s->b;
	int keep[CAND_MAX];
	int ncd = 0, n, bn, cls, bcls, i, j, best = -1, rc;

	if (s->b - s->a > SENT_MAX)
		return 0;
	for (t = end; t > (size_t)s->a && closer(r, t - 1); t--)
		;
	if (t > (size_t)s->a && is_punct(r, t - 1, '?'))
		return 0;
	for (t = (size_t)s->a; t < end && ncd < CAND_MAX; t++) {
		if (r->mcover[t] >= 0 && r->ms[r->mcover[t]].type != M_FIRST)
			continue;
		bn = 0;
		bcls = -1;
		bp = NULL;
		for (cls = C_VERB; cls <= C_CONDUCT; cls++)
			if ((n = match(r, cls, t, end, &p)) > bn) {
				bn = n;
				bcls = cls;
				bp = p;
			}
		if (bn == 0)
			continue;
		if (negated(r, s, t)) {
			t += (size_t)bn - 1;
			continue;
		}
		switch (bcls) {
		case C_VERB:
			if (verbal(r, s, t))
				ncd += verb_claims(r, s, t, t + (size_t)bn, bp,
				    cds, ncd);
			break;
		case C_NOUN:
			ncd += noun_claim(r, s, t, t + (size_t)bn, bp,
			    &cds[ncd]);
			break;
		case C_ADJ:
			ncd += adj_claim(r, s, t, bp, &cds[ncd]);
			break;
		case C_CONDUCT:
			if (verbal(r, s, t))
				ncd += conduct_claim(r, s, t, bp, &cds[ncd]);
			break;
		}
		t += (size_t)bn - 1;
	}
	/* Drop what cannot stand: an accusation with no one accused. */
	for (i = 0, j = 0; i < ncd; i++) {
		k = &r->c->kinds[cds[i].kind];
		if (cds[i].by == NULL ||
		    (k->need_target && cds[i].ntargets == 0))
			continue;
		cds[j++] = cds[i];
	}
	ncd = j;
	for (i = 0; i < ncd; i++)
		if (best < 0 || better(&cds[i], &cds[best]))
			best = i;
	if (best < 0)
		return 0;
	/*
	 * The best claim, and every other verb or noun claim with its own
	 * claimant ("NATO accused China, a charge Beijing denied"), once
	 * per claimant and kind.
	 */
	for (i = 0; i < ncd; i++) {
		keep[i] = i == best || (cds[i].src == SRC_EXPLICIT &&
		    cds[i].rank != RANK_ADJ && cds[i].rank != RANK_CONDUCT &&
		    cds[i].rank != RANK_ASSERT);
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

/* Speakers of quotations and signature lines. */

static void
quote_speakers(struct run *r)
{
	struct quote *q;
	const struct sent *s;
	size_t i, t, si = 0, end;
	int m, n, subj;

	for (i = 0; i < r->nqs; i++) {
		q = &r->qs[i];
		while (si + 1 < r->nsents && r->sents[si].b <= q->close)
			si++;
		s = &r->sents[si];
		if (s->b - s->a > SENT_MAX)
			continue;
		end = (size_t)s->b;
		/* After: ", the mission said." or "said the mission" */
		for (t = (size_t)q->close + 1; t < end &&
		    (is_punct(r, t, ',') || is(r, C_DET, t)); t++)
			;
		if (t < end && (m = r->mcover[t]) >= 0 &&
		    r->ms[m].type != M_PRON3) {
			for (t = (size_t)r->ms[m].b; t < end &&
			    (is(r, C_AUX, t) || suffix(r, t, "ly")); t++)
				;
			if (match(r, C_SPEECH, t, end, NULL) > 0) {
				q->speaker = m;
				continue;
			}
		} else if (t < end && (n = match(r, C_SPEECH, t, end,
		    NULL)) > 0) {
			for (t += (size_t)n; t < end && is(r, C_DET, t); t++)
				;
			if (t < end && (m = r->mcover[t]) >= 0) {
				q->speaker = m;
				continue;
			}
		}
		/* Before: "the mission said: “" */
		for (t = (size_t)q->open; t > 0 && (is_punct(r, t - 1, ',') ||
		    is_punct(r, t - 1, ':') || is_word(r, t - 1,
		    r->c->w_that)); t--)
			;
		while (si > 0 && (size_t)r->sents[si].a > t)
			si--;
		s = &r->sents[si];
		if (s->b - s->a > SENT_MAX)
			continue;
		if (t > (size_t)s->a &&
		    ends_at(r, C_SPEECH, t - 1, (size_t)s->a)) {
			for (n = 1; n < PHRASE_MAX && t > (size_t)n &&
			    match(r, C_SPEECH, t - (size_t)n, t, NULL) != n;
			    n++)
				;
			if (subject_of(r, s, t - (size_t)n, &subj, 1) > 0)
				q->speaker = subj;
		}
	}
}

/*
 * A line of the form "– China Mission (@ChinaEUMission) July 19, 2021"
 * signs what precedes it (an embedded post): the block before it when
 * it opens its own, else the sentences before it in its block.
 */
static void
signatures(struct run *r)
{
	struct sent *s;
	size_t i, j, t, first;
	int m, sp, block;

	for (i = 0; i < r->nsents; i++) {
		s = &r->sents[i];
		if (r->toks[s->a].cp == 0 || !is_dash(r->toks[s->a].cp) ||
		    s->b - s->a > 20)
			continue;
		sp = -1;
		for (t = (size_t)s->a; t < (size_t)s->b; t++) {
			if ((m = r->mstart[t]) < 0 || r->ms[m].type != M_ACTOR)
				continue;
			if (sp < 0 || (r->ms[m].flags & MF_HANDLE))
				sp = m;
		}
		if (sp < 0 || i == 0)
			continue;
		first = i == 0 || r->sents[i - 1].block != s->block;
		block = first ? r->sents[i - 1].block : s->block;
		for (j = i; j-- > 0 && i - j <= 5 &&
		    r->sents[j].block == block;)
			if (r->sents[j].sig < 0)
				r->sents[j].sig = sp;
	}
}

/* The first actor a sentence names outside quotes and phrases. */
static int
topic_of(const struct run *r, const struct sent *s)
{
	size_t t;
	int m;

	for (t = (size_t)s->a; t < (size_t)s->b; t++) {
		if ((m = r->mstart[t]) < 0 || r->qid[t] >= 0)
			continue;
		if ((r->ms[m].type == M_ACTOR || r->ms[m].type == M_TEXT) &&
		    !(r->ms[m].flags & MF_MOD) &&
		    governed_by(r, m, (size_t)s->a) < 0)
			return m;
	}
	return -1;
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
	if ((rc = tokenize(&r, text, strlen(text), 0)) != 0)
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
	if ((rc = split_sentences(&r)) != 0 || (rc = find_quotes(&r)) != 0)
		goto done;
	for (i = 0; i < r.nsents; i++) {
		if ((rc = mentions_in(&r, &r.sents[i])) != 0)
			goto done;
		r.sents[i].topic = topic_of(&r, &r.sents[i]);
	}
	quote_speakers(&r);
	signatures(&r);
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
