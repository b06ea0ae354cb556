#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "db.h"
#include "db_tokenizer.h"
#include "error.h"
#include "hash.h"

/*
 * Snowball's English stemmer, linked alone from libstemmer's static
 * archive.  The shared library holds every language, and relocating
 * them made loading it a large part of a search (bench/PROFILE.md,
 * sixteenth round); libstemmer.h's sb_stemmer_new() would link them all
 * in, as its table names every language.  So the English stemmer is
 * called as Snowball's own libstemmer.c calls it, declared as Snowball's
 * generated header and runtime/api.h declare it, of whose struct SN_env
 * only the head is read: the word in with SN_set_current(), its stem out
 * as p[0, l).
 * test_stems_remembered checks the stems against sb_stemmer_stem().
 */
struct SN_env {
	unsigned char	*p;
	int		 c, l;
};

struct SN_env	*english_UTF_8_create_env(void);
void		 english_UTF_8_close_env(struct SN_env *);
int		 english_UTF_8_stem(struct SN_env *);
int		 SN_set_current(struct SN_env *, int, const unsigned char *);

enum cls {
	CLS_SEP,	/* separates tokens */
	CLS_WORD,	/* letter or digit outside CJK */
	CLS_CJK,	/* indexed as bigrams */
	CLS_JOIN,	/* continues the preceding character, else separates */
};

struct range {
	utf8proc_int32_t lo, hi;
};

/* Sorted.  Hangul leading jamo start a syllable written in NFD. */
static const struct range cjk[] = {
	{ 0x1100, 0x115E },	/* Hangul leading jamo (not the filler) */
	{ 0x3005, 0x3007 },	/* 々 〆 〇 */
	{ 0x3041, 0x309F },	/* Hiragana */
	{ 0x30A1, 0x30FA },	/* Katakana, without the middle dot ・ */
	{ 0x30FC, 0x30FF },
	{ 0x31F0, 0x31FF },	/* Katakana phonetic extensions */
	{ 0x3400, 0x4DBF },	/* Han extension A */
	{ 0x4E00, 0x9FFF },	/* Han */
	{ 0xA960, 0xA97F },	/* Hangul leading jamo extended */
	{ 0xAC00, 0xD7AF },	/* Hangul syllables */
	{ 0xF900, 0xFAFF },	/* CJK compatibility ideographs */
	{ 0xFF66, 0xFF9D },	/* halfwidth Katakana */
	{ 0x1B000, 0x1B16F },	/* Kana supplement and extensions */
	{ 0x20000, 0x3FFFF },	/* Han extensions B on, compatibility supplement */
};

/*
 * Letters that compose with the character before them but are not marks:
 * Hangul vowel and trailing jamo, halfwidth (semi-)voiced sound marks.
 */
static const struct range join[] = {
	{ 0x1160, 0x11FF },
	{ 0xD7B0, 0xD7FF },
	{ 0xFF9E, 0xFF9F },
};

/*
 * Marks removed by folding, so that "é" and "e", "أ" and "ا" meet:
 * combining diacritics and the vowel points of Hebrew and Arabic.
 * Marks other scripts need to spell a word (Devanagari vowel signs,
 * kana voicing) stay.
 */
static const struct range diacritic[] = {
	{ 0x0300, 0x036F },
	{ 0x0591, 0x05C7 },
	{ 0x064B, 0x065F },
	{ 0x0670, 0x0670 },
	{ 0x1AB0, 0x1AFF },
	{ 0x1DC0, 0x1DFF },
	{ 0x20D0, 0x20FF },
	{ 0xFE20, 0xFE2F },
};

#define FOLD_OPTIONS	(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | \
	UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STABLE)

/*
 * ASCII's letters and digits, and its lower case: as in the C locale
 * whatever the locale, and with no call per character.
 */
#define ASCII_ALNUM(c)	(((c) >= 'a' && (c) <= 'z') || \
			 ((c) >= 'A' && (c) <= 'Z') || \
			 ((c) >= '0' && (c) <= '9'))
#define ASCII_LOWER(c)	((char)((c) >= 'A' && (c) <= 'Z' ? (c) + ('a' - 'A') : \
			 (c)))
/* The longest ASCII token lowered on the stack; longer ones fold as any. */
#define ASCII_TOKEN_MAX	64

/*
 * A stem is indexed after this byte, which no word holds, so that the
 * stems and the words as written are apart: "~challeng" beside
 * "challenges".  Words shorter than STEM_MIN are not English words the
 * stemmer changes, nor are those longer than ASCII_TOKEN_MAX.
 */
#define STEM_MARK	'~'
#define STEM_MIN	3
#define STEM_MAX	(ASCII_TOKEN_MAX + 1)
/*
 * The cache of stems: 4,096 slots of 32 bytes, 128 KiB a tokenizer,
 * for the words of up to 15 bytes, nearly every English word; longer
 * ones go to the stemmer each time.
 */
#define STEM_SLOTS	4096
#define STEM_CACHED	15

/*
 * A stem remembered: the folded word of n bytes (0 for a free slot) and
 * its stem of m, without STEM_MARK.
 */
struct cached {
	unsigned char	n, m;
	char		word[STEM_CACHED], stem[STEM_CACHED];
};

/*
 * A tokenizer: the English stemmer, which keeps its output in itself, so
 * one per table and connection (a connection serves one thread), and the
 * stems of the words it met last, STEM_SLOTS of them, by a hash of the
 * word: text says the same few thousand words again and again, and a
 * Snowball call costs many times a lookup.  Allocated at the first stem
 * of a document.
 */
struct db_tokenizer {
	struct SN_env		*stemmer;
	struct cached		*cache;
};

/* State of one xTokenize call. */
struct tok {
	struct db_tokenizer	 *tz;
	const char		 *text;
	int			  len;
	int			  query;	/* no synonyms in a query */
	int			  exact;	/* words as written, no stems */
	void			 *ctx;
	int			(*xtoken)(void *, int, const char *, int, int,
				    int);
	utf8proc_int32_t	 *buf;		/* folding scratch */
	utf8proc_ssize_t	  cap;
};

static int
in_ranges(const struct range *r, size_t n, utf8proc_int32_t cp)
{
	size_t i;

	for (i = 0; i < n && r[i].lo <= cp; i++)
		if (cp <= r[i].hi)
			return 1;
	return 0;
}

static enum cls
classify(utf8proc_int32_t cp)
{
	utf8proc_category_t cat;

	/* Han, most of the CJK text: none of it is a mark or joins. */
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return CLS_CJK;
	cat = utf8proc_category(cp);
	switch (cat) {
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return CLS_JOIN;
	case UTF8PROC_CATEGORY_CF:
		/* Soft hyphen, ZWJ, ZWNJ sit inside words; ZWSP splits them. */
		return cp == 0x200B ? CLS_SEP : CLS_JOIN;
	default:
		break;
	}
	if (in_ranges(join, sizeof(join) / sizeof(join[0]), cp))
		return CLS_JOIN;
	if (in_ranges(cjk, sizeof(cjk) / sizeof(cjk[0]), cp))
		return CLS_CJK;
	switch (cat) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_CO:
		return CLS_WORD;
	default:
		return CLS_SEP;
	}
}

/*
 * The character at pos: its length, and its code point in *cp, or -1 for
 * an invalid byte, a separator one byte long.  Most of CJK text is three
 * bytes a character, lead bytes E1 to EC or EE to EF, which can be
 * neither overlong nor surrogates: decoded here, without a call.
 */
static inline int
decode(const struct tok *t, int pos, utf8proc_int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)t->text + pos;
	utf8proc_ssize_t n;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (((s[0] >= 0xE1 && s[0] <= 0xEC) || s[0] >= 0xEE) &&
	    s[0] <= 0xEF && t->len - pos >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		*cp = (s[0] & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		return 3;
	}
	n = utf8proc_iterate(s, t->len - pos, cp);
	if (n <= 0) {
		*cp = -1;
		return 1;
	}
	return (int)n;
}

/* Class of the code point cp, or of an invalid byte if cp is -1. */
static inline enum cls
class_of(utf8proc_int32_t cp)
{
	if (cp < 0)
		return CLS_SEP;
	/* Most text is ASCII: no need to ask utf8proc about it. */
	if (cp < 0x80)
		return ASCII_ALNUM(cp) ? CLS_WORD : CLS_SEP;
	return classify(cp);
}

/* Class of the character at pos, whose length goes to *clen. */
static enum cls
char_at(const struct tok *t, int pos, int *clen)
{
	utf8proc_int32_t cp;

	*clen = decode(t, pos, &cp);
	return class_of(cp);
}

/*
 * Unified ideographs, kana and Hangul syllables: characters that NFKC and
 * case folding leave as they are, so that the CJK bigrams, most of the
 * tokens of Chinese text, need no trip through utf8proc.
 */
#define FOLDS_TO_ITSELF(cp)	(((cp) >= 0x4E00 && (cp) <= 0x9FFF) || \
				 ((cp) >= 0x3400 && (cp) <= 0x4DBF) || \
				 ((cp) >= 0x3041 && (cp) <= 0x3096) || \
				 ((cp) >= 0x30A1 && (cp) <= 0x30FA) || \
				 ((cp) >= 0xAC00 && (cp) <= 0xD7A3))

/*
 * The English stem of the folded word w of n bytes into out: STEM_MARK,
 * then the stem, and its length; 0 for a word not stemmed (not all
 * ASCII, or too short or too long to be English), -1 if out of memory.
 */
static int
stem(struct tok *t, const char *w, int n, char out[STEM_MAX])
{
	struct db_tokenizer *tz = t->tz;
	struct cached *c = NULL;
	uint32_t h;
	int k, m;

	if (n < STEM_MIN || n > ASCII_TOKEN_MAX)
		return 0;
	/* FNV-1a, which also checks that the word is ASCII. */
	h = HASH_INIT;
	for (k = 0; k < n; k++) {
		if ((unsigned char)w[k] >= 0x80)
			return 0;
		h = hash_step(h, (unsigned char)w[k]);
	}
	/* A query's few words would not repay the cache's pages. */
	if (n <= STEM_CACHED && !t->query) {
		if (tz->cache == NULL &&
		    (tz->cache = calloc(STEM_SLOTS, sizeof(*c))) == NULL)
			return -1;
		c = &tz->cache[h & (STEM_SLOTS - 1)];
		if (c->n == n && memcmp(c->word, w, (size_t)n) == 0) {
			out[0] = STEM_MARK;
			memcpy(out + 1, c->stem, c->m);
			return c->m + 1;
		}
	}
	if (SN_set_current(tz->stemmer, n, (const unsigned char *)w) != 0 ||
	    english_UTF_8_stem(tz->stemmer) < 0)
		return -1;
	if ((m = tz->stemmer->l) + 1 > STEM_MAX)
		return 0;
	out[0] = STEM_MARK;
	memcpy(out + 1, tz->stemmer->p, (size_t)m);
	if (c != NULL && m <= STEM_CACHED) {
		c->n = (unsigned char)n;
		c->m = (unsigned char)m;
		memcpy(c->word, w, (size_t)n);
		memcpy(c->stem, tz->stemmer->p, (size_t)m);
	}
	return m + 1;
}

/* Whether the stem s of m bytes (STEM_MARK first) is the word w of n. */
#define IS_WORD(s, m, w, n)	((m) - 1 == (n) && \
				 memcmp((s) + 1, (w), (size_t)(n)) == 0)

/*
 * Passes the folded word w of n bytes, text[start, end), to FTS5 with
 * its stem.  A document gives the word and, at the same position, its
 * stem if that differs.  A query gives the stem, which finds the words
 * of that stem but not the stem itself as a word, and so also gives
 * that word if it is its own stem ("challenges" gives "~challeng" and
 * "challeng", "sanction" "~sanction" and "sanction").
 */
static int
emit_stemmed(struct tok *t, int tflags, const char *w, int n, int start,
    int end)
{
	char s[STEM_MAX], s2[STEM_MAX];
	int m, m2, rc;

	if ((m = stem(t, w, n, s)) == 0)
		return t->xtoken(t->ctx, tflags, w, n, start, end);
	if (m < 0)
		return SQLITE_NOMEM;
	if (!t->query) {
		rc = t->xtoken(t->ctx, tflags, w, n, start, end);
		if (rc != SQLITE_OK || IS_WORD(s, m, w, n))
			return rc;
		return t->xtoken(t->ctx, FTS5_TOKEN_COLOCATED, s, m, start,
		    end);
	}
	if ((rc = t->xtoken(t->ctx, tflags, s, m, start, end)) != SQLITE_OK)
		return rc;
	if ((m2 = stem(t, s + 1, m - 1, s2)) < 0)
		return SQLITE_NOMEM;
	if (m2 == 0 || IS_WORD(s2, m2, s + 1, m - 1))
		return t->xtoken(t->ctx, FTS5_TOKEN_COLOCATED, s + 1, m - 1,
		    start, end);
	return SQLITE_OK;
}

/*
 * Passes the folded word w to FTS5: as written where exact, as the
 * snippets' and highlights' tokenizing of whole texts is, without a
 * call; else with its stem.
 */
static inline int
emit_word(struct tok *t, int tflags, const char *w, int n, int start,
    int end)
{
	if (t->exact)
		return t->xtoken(t->ctx, tflags, w, n, start, end);
	return emit_stemmed(t, tflags, w, n, start, end);
}

/*
 * Passes the ASCII text[start, end), at most ASCII_TOKEN_MAX bytes, to
 * FTS5 in lower case: all the folding ASCII needs, without utf8proc.
 */
static int
emit_ascii(struct tok *t, int tflags, int start, int end)
{
	char lower[ASCII_TOKEN_MAX];
	int k;

	for (k = start; k < end; k++)
		lower[k - start] = ASCII_LOWER(t->text[k]);
	return emit_word(t, tflags, lower, end - start, start, end);
}

/*
 * Folds text[start, end) (valid UTF-8) into t->buf and passes it to
 * FTS5.  A token that folds to nothing is dropped.
 */
static int
emit(struct tok *t, int tflags, int start, int end)
{
	utf8proc_int32_t *nbuf;
	utf8proc_ssize_t i, n, m;
	int k;

	for (k = start; k < end && k - start < ASCII_TOKEN_MAX &&
	    (unsigned char)t->text[k] < 0x80; k++)
		;
	if (k == end)
		return emit_ascii(t, tflags, start, end);
	for (;;) {
		n = utf8proc_decompose(
		    (const utf8proc_uint8_t *)t->text + start, end - start,
		    t->buf, t->cap, FOLD_OPTIONS);
		if (n < 0)
			return SQLITE_ERROR;
		/* utf8proc_reencode needs room past the last code point. */
		if (n < t->cap)
			break;
		nbuf = realloc(t->buf, (size_t)(n + 1) * sizeof(*nbuf));
		if (nbuf == NULL)
			return SQLITE_NOMEM;
		t->buf = nbuf;
		t->cap = n + 1;
	}
	for (i = m = 0; i < n; i++)
		if (!in_ranges(diacritic, sizeof(diacritic) /
		    sizeof(diacritic[0]), t->buf[i]) ||
		    utf8proc_category(t->buf[i]) != UTF8PROC_CATEGORY_MN)
			t->buf[m++] = t->buf[i];
	if (m == 0)
		return SQLITE_OK;
	m = utf8proc_reencode(t->buf, m, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (m < 0)
		return SQLITE_ERROR;
	if (m > INT_MAX)
		return SQLITE_TOOBIG;
	return emit_word(t, tflags, (const char *)t->buf, (int)m, start, end);
}

/* Emits the word starting at start; returns its end in *end. */
static int
word(struct tok *t, int start, int *end)
{
	enum cls c;
	int clen, pos;

	char_at(t, start, &clen);
	pos = start + clen;
	/* Most words are ASCII letters and digits: skip them at once. */
	while (pos < t->len && ASCII_ALNUM(t->text[pos]))
		pos++;
	*end = pos;
	/* Ended by ASCII, the word is all ASCII. */
	if (clen == 1 && pos - start <= ASCII_TOKEN_MAX &&
	    (pos == t->len || (unsigned char)t->text[pos] < 0x80))
		return emit_ascii(t, 0, start, pos);
	while (pos < t->len) {
		c = char_at(t, pos, &clen);
		if (c != CLS_WORD && c != CLS_JOIN)
			break;
		pos += clen;
	}
	*end = pos;
	return emit(t, 0, start, pos);
}

/*
 * Emits the CJK run starting at start as bigrams; returns its end in
 * *end.  A unit is a CJK character with the marks that follow it.
 *
 * Each unit is also indexed, colocated with the bigram it starts (the
 * last with the last bigram), so that a one-character query finds it
 * anywhere in a run while positions stay one per bigram: a phrase query
 * of bigrams, or of a word and the CJK run beside it, lines up with the
 * document.  highlight() marks the bigram at that position.
 */
static int
emit_cjk(struct tok *t, int tflags, int start, int end, int as_is)
{
	if (as_is)
		return t->xtoken(t->ctx, tflags, t->text + start, end - start,
		    start, end);
	return emit(t, tflags, start, end);
}

/*
 * Each character is decoded once: a unit's marks are read past, and the
 * character after them is the next unit's, if it is CJK.
 */
static int
cjk_run(struct tok *t, int start, int *end)
{
	utf8proc_int32_t cp;
	enum cls c;
	int clen, n, pos, ps, pe, ce, rc, plain, pplain;

	n = pplain = 0;
	ps = pe = pos = start;
	clen = decode(t, pos, &cp);
	c = CLS_CJK;
	while (c == CLS_CJK) {
		plain = FOLDS_TO_ITSELF(cp);
		c = CLS_SEP;
		for (ce = pos + clen; ce < t->len; ce += clen) {
			clen = decode(t, ce, &cp);
			c = class_of(cp);
			if (c != CLS_JOIN)
				break;
			plain = 0;
		}
		if (n > 0) {
			rc = emit_cjk(t, 0, ps, ce, pplain && plain);
			if (rc == SQLITE_OK && !t->query)
				rc = emit_cjk(t, FTS5_TOKEN_COLOCATED, ps, pe,
				    pplain);
			if (rc != SQLITE_OK)
				return rc;
		}
		ps = pos;
		pe = pos = ce;
		pplain = plain;
		n++;
	}
	*end = pos;
	if (n == 1)
		return emit_cjk(t, 0, ps, pe, pplain);
	if (!t->query)
		return emit_cjk(t, FTS5_TOKEN_COLOCATED, ps, pe, pplain);
	return SQLITE_OK;
}

struct db_tokenizer *
db_tokenizer_new(void)
{
	struct db_tokenizer *tz;

	if ((tz = malloc(sizeof(*tz))) == NULL)
		return NULL;
	tz->cache = NULL;
	if ((tz->stemmer = english_UTF_8_create_env()) == NULL) {
		free(tz);
		return NULL;
	}
	return tz;
}

void
db_tokenizer_free(struct db_tokenizer *tz)
{
	if (tz != NULL) {
		english_UTF_8_close_env(tz->stemmer);
		free(tz->cache);
		free(tz);
	}
}

static int
tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct db_tokenizer *tz;

	(void)ctx;
	(void)argv;
	*out = NULL;
	if (argc != 0)
		return SQLITE_ERROR;
	if ((tz = db_tokenizer_new()) == NULL)
		return SQLITE_NOMEM;
	*out = (Fts5Tokenizer *)tz;
	return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *handle)
{
	db_tokenizer_free((struct db_tokenizer *)handle);
}

/* A token made ahead, as db_tokens holds it, its bytes after it. */
struct recorded {
	int	flags, n, start, end;
};

/*
 * The tokens made ahead for the next documents this thread tokenizes
 * (db_tokens_ahead()): per thread, as a connection is.
 */
static _Thread_local struct {
	const struct db_tokens	*t;
	size_t			 n;
} ahead;

void
db_tokens_ahead(const struct db_tokens *t, size_t n)
{
	ahead.t = t;
	ahead.n = n;
}

/* Passes tk's tokens to cb, as tokenizing its text would. */
static int
replay(const struct db_tokens *tk, void *ctx,
    int (*cb)(void *, int, const char *, int, int, int))
{
	const char *p = tk->rec, *e = tk->rec + tk->n;
	struct recorded h;
	int rc = SQLITE_OK;

	while (rc == SQLITE_OK && p < e) {
		memcpy(&h, p, sizeof(h));
		p += sizeof(h);
		rc = cb(ctx, h.flags, p, h.n, h.start, h.end);
		p += h.n;
	}
	return rc;
}

/* Appends a token to the db_tokens ctx. */
static int
record(void *ctx, int flags, const char *token, int n, int start, int end)
{
	struct db_tokens *tk = ctx;
	struct recorded h = { flags, n, start, end };
	size_t need = sizeof(h) + (size_t)n, cap;
	char *p;

	if (tk->cap - tk->n < need) {
		cap = tk->cap ? tk->cap : 1024;
		while (cap - tk->n < need)
			cap *= 2;
		if ((p = realloc(tk->rec, cap)) == NULL)
			return SQLITE_NOMEM;
		tk->rec = p;
		tk->cap = cap;
	}
	memcpy(tk->rec + tk->n, &h, sizeof(h));
	memcpy(tk->rec + tk->n + sizeof(h), token, (size_t)n);
	tk->n += need;
	return SQLITE_OK;
}

static int tok_tokenize(Fts5Tokenizer *, void *, int, const char *, int,
    int (*)(void *, int, const char *, int, int, int));

int
db_tokens_make(struct db_tokenizer *tz, const char *text, int len,
    struct db_tokens *out)
{
	memset(out, 0, sizeof(*out));
	out->text = text;
	out->len = len;
	if (tok_tokenize((Fts5Tokenizer *)tz, out, FTS5_TOKENIZE_DOCUMENT,
	    text, len, record) == SQLITE_OK)
		return 0;
	db_tokens_free(out);
	return -1;
}

void
db_tokens_free(struct db_tokens *tk)
{
	free(tk->rec);
	memset(tk, 0, sizeof(*tk));
}

static int
tok_tokenize(Fts5Tokenizer *handle, void *ctx, int flags, const char *text,
    int len, int (*cb)(void *, int, const char *, int, int, int))
{
	struct tok t;
	enum cls c;
	int clen, pos, rc;

	/* A document whose tokens were made ahead, in the order given. */
	if (flags == FTS5_TOKENIZE_DOCUMENT && ahead.n > 0 &&
	    ahead.t->len == len &&
	    (len == 0 || memcmp(ahead.t->text, text, (size_t)len) == 0)) {
		ahead.n--;
		return replay(ahead.t++, ctx, cb);
	}
	t.tz = (struct db_tokenizer *)handle;
	t.text = text;
	t.len = len;
	t.query = (flags & FTS5_TOKENIZE_QUERY) != 0;
	/*
	 * A prefix is of a word as written: "sanc*" finds "sanctions".  The
	 * auxiliary functions (snippets, highlight) need only the positions,
	 * which a stem, at its word's, does not move.
	 */
	t.exact = (t.query && ((flags & FTS5_TOKENIZE_PREFIX) ||
	    (len > 0 && text[0] == DB_FTS_EXACT))) ||
	    (flags & FTS5_TOKENIZE_AUX) != 0;
	t.ctx = ctx;
	t.xtoken = cb;
	/* Most tokens fit; emit() grows it for the rest. */
	t.cap = 64;
	if ((t.buf = malloc((size_t)t.cap * sizeof(*t.buf))) == NULL)
		return SQLITE_NOMEM;
	rc = SQLITE_OK;
	pos = 0;
	while (rc == SQLITE_OK && pos < len) {
		c = char_at(&t, pos, &clen);
		if (c == CLS_WORD)
			rc = word(&t, pos, &pos);
		else if (c == CLS_CJK)
			rc = cjk_run(&t, pos, &pos);
		else
			pos += clen;
	}
	free(t.buf);
	return rc;
}

int
db_fts5_api(sqlite3 *db, fts5_api **api)
{
	sqlite3_stmt *stmt;
	int rc;

	*api = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) !=
	    SQLITE_OK)
		return dm_error(DM_ERROR, "sqlite has no fts5: %s",
		    sqlite3_errmsg(db));
	sqlite3_bind_pointer(stmt, 1, api, "fts5_api_ptr", NULL);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW || *api == NULL || (*api)->iVersion < 2)
		return dm_error(DM_ERROR, "sqlite has no usable fts5 api");
	return 0;
}

int
db_fts5_function(sqlite3 *db, fts5_api *api, const char *name,
    fts5_extension_function fn)
{
	if (api->xCreateFunction(api, name, NULL, fn, NULL) != SQLITE_OK)
		return dm_error(DM_ERROR, "cannot register '%s': %s", name,
		    sqlite3_errmsg(db));
	return 0;
}

int
db_tokenizer_register(sqlite3 *db, fts5_api *api)
{
	static fts5_tokenizer tokenizer = {
		tok_create, tok_delete, tok_tokenize
	};

	if (api->xCreateTokenizer(api, "demarche", NULL, &tokenizer, NULL) !=
	    SQLITE_OK)
		return dm_error(DM_ERROR, "cannot register tokenizer "
		    "'demarche': %s", sqlite3_errmsg(db));
	return 0;
}
