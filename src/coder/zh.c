/*
 * The Chinese coder's dictionary: the lexicon (src/coder/lexicon-zh.tsv)
 * and the actors' names, looked up by their folded form; and the entry
 * points that run the stages over a text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "error.h"
#include "hash.h"
#include "zh.h"
#include "zh_impl.h"

static const char *const cls_names[] = {
	"word", "actor", "abbr", "inst", "voice", "other", "refer",
	NULL /* ZW_REFPP: "refer" with value "pp" */, "prep", "neg", "hedge",
	"speech", "speechnoun", "question", "answer", "contrast", "frame",
	"nonagent", "lead", "head", "topic", NULL /* ZW_CUE */,
	NULL /* ZW_REFOBJ: "refer" with value "obj" */,
	NULL /* ZW_PREPT: "prep" with value "target" */, "mod", "conj",
	"quoted", "pron",
};

static const struct {
	const char	*name;
	enum zh_ctype	 type;
} cue_types[] = {
	{ "act", ZT_ACT }, { "modal", ZT_MODAL }, { "eval", ZT_EVAL },
	{ "conduct", ZT_CONDUCT }, { "self", ZT_SELF },
	{ "assert", ZT_ASSERT }, { "threat", ZT_THREAT },
};

#define GAP_MARK	"\xe2\x80\xa6"	/* U+2026 … */

int
zh_fold_cp(int32_t cp)
{
	utf8proc_int32_t buf[4];
	int last = 0;
	utf8proc_ssize_t n;

	n = utf8proc_decompose_char(cp, buf, 4, UTF8PROC_DECOMPOSE |
	    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD, &last);
	return n == 1 ? buf[0] : cp;
}

static int
grow(void *pp, size_t *cap, size_t n, size_t size)
{
	void *p;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? 2 * *cap : 64;
	if ((p = realloc(*(void **)pp, c * size)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	*(void **)pp = p;
	*cap = c;
	return 0;
}

static const char *
keep(struct zh_coder *z, const char *s, size_t len)
{
	char *p;

	if (grow(&z->strs, &z->capstrs, z->nstrs, sizeof(*z->strs)) != 0)
		return NULL;
	if ((p = strndup(s, len)) == NULL) {
		dm_error(DM_ERROR, "out of memory");
		return NULL;
	}
	z->strs[z->nstrs++] = p;
	return p;
}

int
zh_lookup(const struct zh_coder *z, const char *key, size_t len)
{
	size_t i;
	int w;

	if (z->nslots == 0)
		return -1;
	for (i = hash_bytes(key, len) & (z->nslots - 1);
	    (w = z->slots[i]) != -1; i = (i + 1) & (z->nslots - 1))
		if (z->words[w].len == len &&
		    memcmp(z->words[w].key, key, len) == 0)
			return w;
	return -1;
}

static int
rehash(struct zh_coder *z)
{
	size_t n = z->nslots ? 2 * z->nslots : 1024, i, j;
	int *s;

	if ((s = malloc(n * sizeof(*s))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (i = 0; i < n; i++)
		s[i] = -1;
	for (i = 0; i < z->nwords; i++) {
		j = hash_bytes(z->words[i].key, z->words[i].len) & (n - 1);
		while (s[j] != -1)
			j = (j + 1) & (n - 1);
		s[j] = (int)i;
	}
	free(z->slots);
	z->slots = s;
	z->nslots = n;
	return 0;
}

int
zh_latin(int32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= '0' && cp <= '9') || (cp >= 0xC0 && cp <= 0x24F &&
	    cp != 0xD7 && cp != 0xF7);
}

/*
 * Folds s into buf as the text is folded (white space dropped) and
 * counts its units: a run of Latin letters and digits is one unit, any
 * other character one.  Returns the length, or 0 if it does not fit or
 * is empty.
 */
static size_t
fold_key(const char *s, size_t n, char *buf, size_t bufsz, int *units)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i = 0, o = 0;
	int prev_latin = 0, f;

	*units = 0;
	while (i < n) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return 0;
		i += (size_t)k;
		f = zh_fold_cp(cp);
		if (utf8proc_category(f) == UTF8PROC_CATEGORY_ZS ||
		    f == '\t' || f == '\n' || f == '\r') {
			prev_latin = 0;
			continue;
		}
		if (!zh_latin(f) || !prev_latin)
			(*units)++;
		prev_latin = zh_latin(f);
		if (o + 4 >= bufsz)
			return 0;
		o += (size_t)utf8proc_encode_char(f,
		    (utf8proc_uint8_t *)buf + o);
	}
	buf[o] = '\0';
	return o;
}

/* The word for s, added if new; -1 on error. */
static int
intern(struct zh_coder *z, const char *s, size_t n)
{
	char key[256];
	struct zh_word *w;
	size_t len;
	int units, id;

	if ((len = fold_key(s, n, key, sizeof(key), &units)) == 0) {
		dm_error(DM_EINVALID, "empty or too long word '%.*s'",
		    (int)n, s);
		return -1;
	}
	if ((id = zh_lookup(z, key, len)) != -1)
		return id;
	if (grow(&z->words, &z->capwords, z->nwords, sizeof(*z->words)) != 0)
		return -1;
	w = &z->words[z->nwords];
	memset(w, 0, sizeof(*w));
	if ((w->key = strndup(key, len)) == NULL) {
		dm_error(DM_ERROR, "out of memory");
		return -1;
	}
	w->len = len;
	w->cue = -1;
	z->nwords++;
	if (units > z->maxlen)
		z->maxlen = units;
	if (2 * z->nwords > z->nslots) {
		if (rehash(z) != 0)
			return -1;
	} else {
		size_t j = hash_bytes(key, len) & (z->nslots - 1);

		while (z->slots[j] != -1)
			j = (j + 1) & (z->nslots - 1);
		z->slots[j] = (int)(z->nwords - 1);
	}
	return (int)(z->nwords - 1);
}

static int
find_kind(const struct zh_coder *z, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < z->nkinds; i++)
		if (strlen(z->kinds[i].name) == n &&
		    strncmp(z->kinds[i].name, name, n) == 0)
			return (int)i;
	return -1;
}

/* Adds the codes of a comma-separated list to word w. */
static int
add_codes(struct zh_coder *z, int w, const char *list)
{
	const char *p = list, *comma, *code;
	size_t n;

	while (*p != '\0') {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (z->words[w].ncodes < ZH_CODES) {
			if ((code = keep(z, p, n)) == NULL)
				return -1;
			z->words[w].codes[z->words[w].ncodes++] = code;
		}
		p += n + (comma != NULL);
	}
	z->words[w].cls |= ZB(ZW_ACTOR);
	return 0;
}

/* Parses "kind[,flag...]" of a cue line into c. */
static int
cue_value(struct zh_coder *z, struct zh_cue *c, const char *v, size_t lineno)
{
	const char *p = strchr(v, ','), *f;
	size_t n;

	n = p ? (size_t)(p - v) : strlen(v);
	if ((c->kind = find_kind(z, v, n)) == -1)
		return dm_error(DM_EINVALID, "lexicon line %zu: no kind '%.*s'",
		    lineno, (int)n, v);
	for (f = p; f != NULL; f = strchr(f + 1, ',')) {
		n = strcspn(f + 1, ",");
		if (n == 3 && strncmp(f + 1, "obj", 3) == 0)
			c->flags |= ZF_OBJ;
		else if (n == 2 && strncmp(f + 1, "pp", 2) == 0)
			c->flags |= ZF_PP;
		else if (n == 3 && strncmp(f + 1, "ctx", 3) == 0)
			c->flags |= ZF_CTX;
		else if (n == 6 && strncmp(f + 1, "speech", 6) == 0)
			c->flags |= ZF_SPEECH;
		else if (n == 4 && strncmp(f + 1, "weak", 4) == 0)
			c->flags |= ZF_WEAK;
		else
			return dm_error(DM_EINVALID,
			    "lexicon line %zu: no cue flag '%.*s'", lineno,
			    (int)n, f + 1);
	}
	return 0;
}

/* Adds cue pattern pat ("承担…后果") of the cue *proto. */
static int
add_cue(struct zh_coder *z, const struct zh_cue *proto, const char *pat,
    size_t lineno)
{
	struct zh_cue c = *proto;
	const char *p = pat, *gap;
	size_t n, i;
	int w;

	c.nseg = 0;
	while (*p != '\0') {
		gap = strstr(p, GAP_MARK);
		n = gap ? (size_t)(gap - p) : strlen(p);
		if (c.nseg == ZH_SEGS || n == 0)
			return dm_error(DM_EINVALID,
			    "lexicon line %zu: bad cue '%s'", lineno, pat);
		if ((w = intern(z, p, n)) == -1)
			return -1;
		c.seg[c.nseg++] = w;
		p += n + (gap ? strlen(GAP_MARK) : 0);
	}
	if (c.nseg == 0)
		return dm_error(DM_EINVALID, "lexicon line %zu: empty cue",
		    lineno);
	if (grow(&z->cues, &z->capcues, z->ncues, sizeof(*z->cues)) != 0)
		return -1;
	c.next = z->words[c.seg[0]].cue;
	z->words[c.seg[0]].cls |= ZB(ZW_CUE);
	z->cues[z->ncues] = c;
	i = z->ncues++;
	z->words[c.seg[0]].cue = (int)i;
	return 0;
}

/* A "kind" line: a claim kind the cues may name, known to claim_kind. */
static int
parse_kind(struct zh_coder *z, char *const f[4], size_t lineno)
{
	const struct claim_kind *k;

	if ((k = claim_kind_lexicon(f[1], f[2], lineno)) == NULL)
		return DM_EINVALID;
	if (z->nkinds == ZH_KINDS || find_kind(z, f[1], strlen(f[1])) != -1)
		return dm_error(DM_EINVALID,
		    "lexicon line %zu: kind '%s' again or too many",
		    lineno, f[1]);
	z->kinds[z->nkinds].name = k->name;
	z->kinds[z->nkinds].cameo = k->cameo;
	z->nkinds++;
	return 0;
}

/* A cue line: one cue of the given type per '|'-separated pattern. */
static int
parse_cue(struct zh_coder *z, enum zh_ctype type, char *const f[4],
    size_t lineno)
{
	struct zh_cue c;
	char *alt, *bar;

	memset(&c, 0, sizeof(c));
	c.type = type;
	if (cue_value(z, &c, f[1], lineno) != 0)
		return DM_EINVALID;
	if (strcmp(f[2], "-") != 0 &&
	    (c.cameo = keep(z, f[2], strlen(f[2]))) == NULL)
		return DM_ERROR;
	for (alt = f[3]; alt != NULL; alt = bar) {
		if ((bar = strchr(alt, '|')) != NULL)
			*bar++ = '\0';
		if (add_cue(z, &c, alt, lineno) != 0)
			return dm_error(DM_EINVALID, "lexicon line %zu: %s",
			    lineno, dm_error_last());
	}
	return 0;
}

/* The word class a line's first column names, or -1. */
static int
class_named(const char *name)
{
	size_t i;
	int cls = -1;

	for (i = 0; i < sizeof(cls_names) / sizeof(cls_names[0]); i++)
		if (cls_names[i] != NULL && strcmp(name, cls_names[i]) == 0)
			cls = (int)i;
	return cls;
}

/*
 * "refer obj" words are object references as well as references.  The
 * patterns are cut in place, so the class's own pass after this one sees
 * only the first of them (already marked here).
 */
static int
mark_refobj(struct zh_coder *z, char *words, size_t lineno)
{
	char *alt, *bar;
	int w;

	for (alt = words; alt != NULL; alt = bar) {
		if ((bar = strchr(alt, '|')) != NULL)
			*bar++ = '\0';
		if ((w = intern(z, alt, strlen(alt))) == -1)
			return dm_error(DM_EINVALID, "lexicon line %zu: %s",
			    lineno, dm_error_last());
		z->words[w].cls |= ZB(ZW_REFER) | ZB(ZW_REFOBJ);
	}
	return 0;
}

/* Word w joins class cls, with the actor codes or topic f gives. */
static int
add_word(struct zh_coder *z, int w, int cls, char *const f[4])
{
	z->words[w].cls |= ZB(cls) | (cls == ZW_PREPT ? ZB(ZW_PREP) : 0);
	if ((cls == ZW_ACTOR || cls == ZW_ABBR) && add_codes(z, w, f[1]) != 0)
		return DM_ERROR;
	if (cls == ZW_ABBR)
		z->words[w].cls &= ~ZB(ZW_ACTOR);
	if (cls == ZW_TOPIC && ((z->words[w].topic = keep(z, f[1],
	    strlen(f[1]))) == NULL || (strcmp(f[2], "-") != 0 &&
	    (z->words[w].topic_cameo = keep(z, f[2],
	    strlen(f[2]))) == NULL)))
		return DM_ERROR;
	return 0;
}

/* A word-class line: each '|'-separated word joins the class. */
static int
parse_words(struct zh_coder *z, int cls, char *const f[4], size_t lineno)
{
	char *alt, *bar;
	int w;

	if (cls == ZW_REFER && strcmp(f[1], "pp") == 0)
		cls = ZW_REFPP;
	if (cls == ZW_REFER && strcmp(f[1], "obj") == 0 &&
	    mark_refobj(z, f[3], lineno) != 0)
		return DM_EINVALID;
	if (cls == ZW_PREP && strcmp(f[1], "target") == 0)
		cls = ZW_PREPT;
	for (alt = f[3]; alt != NULL; alt = bar) {
		if ((bar = strchr(alt, '|')) != NULL)
			*bar++ = '\0';
		if ((w = intern(z, alt, strlen(alt))) == -1)
			return dm_error(DM_EINVALID, "lexicon line %zu: %s",
			    lineno, dm_error_last());
		if (add_word(z, w, cls, f) != 0)
			return DM_ERROR;
	}
	return 0;
}

static int
parse_line(struct zh_coder *z, char *line, size_t lineno)
{
	char *f[4], *tab;
	size_t nf = 0, i;
	int cls;

	for (f[nf++] = line; nf < 4 && (tab = strchr(f[nf - 1], '\t'));)
		*tab = '\0', f[nf++] = tab + 1;
	if (nf != 4 || strchr(f[3], '\t') != NULL)
		return dm_error(DM_EINVALID,
		    "lexicon line %zu: want 4 tab-separated columns", lineno);
	if (strcmp(f[0], "kind") == 0)
		return parse_kind(z, f, lineno);
	for (i = 0; i < sizeof(cue_types) / sizeof(cue_types[0]); i++)
		if (strcmp(f[0], cue_types[i].name) == 0)
			return parse_cue(z, cue_types[i].type, f, lineno);
	if ((cls = class_named(f[0])) == -1)
		return dm_error(DM_EINVALID, "lexicon line %zu: no class '%s'",
		    lineno, f[0]);
	return parse_words(z, cls, f, lineno);
}

int
zh_new(struct zh_coder **out, const char *lexicon_tsv)
{
	struct zh_coder *z;
	char *copy, *line, *nl;
	size_t lineno = 0;
	int rc = 0;

	*out = NULL;
	if ((z = calloc(1, sizeof(*z))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if ((copy = strdup(lexicon_tsv)) == NULL) {
		free(z);
		return dm_error(DM_ERROR, "out of memory");
	}
	for (line = copy; line != NULL && rc == 0; line = nl) {
		lineno++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (*line != '#' && *line != '\0')
			rc = parse_line(z, line, lineno);
	}
	free(copy);
	if (rc == 0 && z->nkinds == 0)
		rc = dm_error(DM_EINVALID, "Chinese lexicon defines no kind");
	if (rc == 0 && (z->w_de = intern(z, "的", strlen("的"))) == -1)
		rc = DM_ERROR;
	if (rc != 0) {
		zh_free(z);
		return rc;
	}
	*out = z;
	return 0;
}

int
zh_add_actor(struct zh_coder *z, const char *name, const char *code)
{
	static const char spokes[] = "发言人";
	const unsigned char *p;
	size_t n = strlen(name), i;
	int han = 0, w;

	for (p = (const unsigned char *)name; *p != '\0'; p++)
		han |= *p >= 0xE3 && *p <= 0xE9;
	if (!han) {
		/* A Latin name: one word, in capitals or with a digit. */
		if (n < 2 || n > 16)
			return 0;
		for (i = 0; i < n; i++)
			if (!(name[i] >= 'A' && name[i] <= 'Z') &&
			    !(name[i] >= '0' && name[i] <= '9'))
				return 0;
	}
	/* "外交部发言人" is the body and its spokesperson, the voice. */
	if (n >= sizeof(spokes) - 1 &&
	    strcmp(name + n - (sizeof(spokes) - 1), spokes) == 0)
		return 0;
	/* A name that does not fit a word is left out, as English does. */
	if ((w = intern(z, name, n)) == -1)
		return 0;
	/* A name taught for two actors keeps the first. */
	if (z->words[w].cls & ZB(ZW_ACTOR))
		return 0;
	return add_codes(z, w, code) != 0 ? DM_ERROR : 0;
}

int
zh_text(const char *text)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i = 0, n = strlen(text), han = 0, lat = 0;

	while (i < n) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
		    (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		if ((cp >= 0x4E00 && cp <= 0x9FFF) ||
		    (cp >= 0x3400 && cp <= 0x4DBF))
			han++;
		else if (zh_latin(cp) && !(cp >= '0' && cp <= '9'))
			lat++;
	}
	return han > lat;
}

void
zh_country(struct zh_run *r, const char *code)
{
	snprintf(r->country, sizeof(r->country), "%.*s",
	    (int)strcspn(code, "."), code);
}

/* The state the issuer belongs to, from its code or its name. */
static void
issuer_country(struct zh_run *r)
{
	struct zh_run sub;
	struct zh_who w;
	const char *s = r->issuer;
	size_t i;

	r->country[0] = '\0';
	if (s == NULL)
		return;
	if (strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") == strlen(s)) {
		zh_country(r, s);
		return;
	}
	memset(&sub, 0, sizeof(sub));
	sub.z = r->z;
	sub.text = s;
	if (zh_tokenize(&sub) == 0)
		for (i = 0; i < sub.ntoks; i++)
			if (zh_mention(&sub, (int)i, &w) == ZM_ACTOR) {
				zh_country(r, w.codes[0]);
				break;
			}
	free(sub.toks);
}

int
zh_run(struct zh_coder *z, const char *text, const char *issuer,
    coder_claim_fn fn, void *ctx)
{
	struct zh_run r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.z = z;
	r.text = text;
	r.issuer = issuer;
	r.speaker = issuer;
	r.fn = fn;
	r.ctx = ctx;
	issuer_country(&r);
	if ((rc = zh_tokenize(&r)) == 0)
		rc = zh_paragraphs(&r);
	free(r.toks);
	return rc;
}

void
zh_free(struct zh_coder *z)
{
	size_t i;

	if (z == NULL)
		return;
	for (i = 0; i < z->nwords; i++)
		free(z->words[i].key);
	for (i = 0; i < z->nstrs; i++)
		free(z->strs[i]);
	free(z->words);
	free(z->slots);
	free(z->cues);
	free(z->strs);
	free(z);
}
