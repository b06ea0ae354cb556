#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "demarche.h"
#include "embed.h"
#include "error.h"
#include "fold.h"
#include "gazetteer.h"
#include "resolve.h"

#define MAX_ELEMS	24	/* elements of one pattern */
#define MAX_SLOTS	6
#define MAX_DEPTH	4	/* names inside names inside names ... */
#define MAX_TEXT	512	/* longer names are not resolved by pattern */
#define MAX_EXPAND	4096	/* patterns one line may expand to */
#define NOMATCH		1

/* A gazetteer actor, and the keys it is found by. */
struct gactor {
	char *code, *name, *kind, *country;
	int   article;	/* its name takes "the" inside a sentence */
};
struct gkey {
	char *key;
	int   actor;	/* -1: two actors hold the key */
};

/* A pattern element: a slot ("S", "O", ...) or a literal, lower case. */
struct elem {
	char   slot;
	char  *lit;
	size_t len;
};

struct pattern {
	struct elem  e[MAX_ELEMS];
	size_t       n;
	const char  *code, *kind, *name;
	const char  *rule;	/* "FILE:LINE: PATTERN" as written */
};

struct define {
	char *name, *alts;
};

static struct data {
	struct gactor  *actors;
	size_t          nactors, capactors;
	struct gkey    *keys;
	size_t          nkeys, capkeys;
	struct pattern *pats;
	size_t          npats, cappats;
	char          **vocab;	/* words of the patterns: never a person's */
	size_t          nvocab, capvocab;
	char          **hanpairs;	/* two Han characters in a pattern */
	size_t          nhanpairs, caphanpairs;
	struct define   defs[32];
	size_t          ndefs;
	int             rc;
	char            err[256];
} D;

static pthread_once_t loaded = PTHREAD_ONCE_INIT;

/* Growth of the arrays above; 0 or -1 when memory runs out. */
static int
grow(void **p, size_t *cap, size_t n, size_t size)
{
	void *q;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? 2 * *cap : 64;
	if ((q = realloc(*p, c * size)) == NULL)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

/* Records what is wrong with line of a built-in file; what may be cut. */
static int
load_fail(const char *file, size_t line, const char *what, const char *at)
{
	snprintf(D.err, sizeof(D.err), "%s:%zu: %s%.40s", file, line, what,
	    at);
	return D.rc = -1;
}

/*
 * Text as the patterns see it: NFKC, typographic quotes made ASCII,
 * hyphens and dashes made spaces ("Secretary-General"), white space runs
 * made one space, trimmed.  NULL if memory runs out or s is not UTF-8.
 */
static char *
normalise(const char *s)
{
	utf8proc_uint8_t *nf = NULL;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n, i;
	char *out, *o;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &nf,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_COMPAT) < 0)
		return NULL;
	if ((out = malloc(strlen((char *)nf) + 1)) == NULL) {
		free(nf);
		return NULL;
	}
	o = out;
	for (i = 0; nf[i] != '\0'; i += n) {
		n = utf8proc_iterate(nf + i, -1, &cp);
		if (n <= 0)
			break;
		if (cp == 0x2018 || cp == 0x2019 || cp == 0x02bc ||
		    cp == 0x2032)
			cp = '\'';
		else if (cp == 0x201c || cp == 0x201d)
			cp = '"';
		else if (cp == '-' || (cp >= 0x2010 && cp <= 0x2015) ||
		    cp == 0x2212 || utf8proc_category(cp) ==
		    UTF8PROC_CATEGORY_ZS || (cp >= 0x09 && cp <= 0x0d))
			cp = ' ';
		if (cp == ' ' && (o == out || o[-1] == ' '))
			continue;
		o += utf8proc_encode_char(cp, (utf8proc_uint8_t *)o);
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	free(nf);
	return out;
}

/* The key a name is looked up by: normalise(), then fold_key(). */
static char *
key_of(const char *s)
{
	char *n, *k = NULL;

	if ((n = normalise(s)) == NULL)
		return NULL;
	if (fold_key(&k, n) != 0)
		k = NULL;
	free(n);
	return k;
}

static int
key_cmp(const void *a, const void *b)
{
	const struct gkey *x = a, *y = b;

	return strcmp(x->key, y->key);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
add_key(const char *name, int actor)
{
	char *k;

	if ((k = key_of(name)) == NULL)
		return 0;	/* folds to nothing: not a name */
	if (grow((void **)&D.keys, &D.capkeys, D.nkeys, sizeof(*D.keys))) {
		free(k);
		return -1;
	}
	D.keys[D.nkeys].key = k;
	D.keys[D.nkeys++].actor = actor;
	return 0;
}

/* The gazetteer actor with this code (its lines are sorted), or -1. */
static int
actor_by_code(const char *code)
{
	size_t lo = 0, hi = D.nactors, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(D.actors[mid].code, code)) == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The actor a key names alone, or -1. */
static int
actor_by_key(const char *key)
{
	struct gkey k = { (char *)key, 0 }, *f;

	f = bsearch(&k, D.keys, D.nkeys, sizeof(*D.keys), key_cmp);
	return f ? f->actor : -1;
}

/*
 * Whether a state's or organisation's name takes "the": "the United
 * Kingdom", "the Republic of Korea", "the European Union"; not "China" or
 * "NATO".  Others ("the Netherlands") are named by @article.
 */
static int
takes_article(const char *name, const char *kind)
{
	const char *p;
	size_t n = strlen(name);

	if (strcmp(kind, "igo") == 0) {
		for (p = name; *p && (*p < 'a' || *p > 'z'); p++)
			;
		return *p != '\0';
	}
	return strcmp(kind, "state") == 0 && (strncmp(name, "United ", 7) ==
	    0 || strstr(name, " of ") || (n > 7 &&
	    strcmp(name + n - 7, "Islands") == 0));
}

static int
add_actor(void *ctx, char *f[GAZ__MAX], int lineno)
{
	struct gactor *g;
	char *alias, *next;

	(void)ctx;
	/* actor_by_code() searches them by halves */
	if (D.nactors > 0 && strcmp(D.actors[D.nactors - 1].code,
	    f[GAZ_CODE]) >= 0)
		return dm_error(DM_ERROR, "gazetteer line %d: not in code "
		    "order", lineno);
	if (grow((void **)&D.actors, &D.capactors, D.nactors,
	    sizeof(*D.actors)) != 0)
		return dm_error(DM_ERROR, "out of memory");
	g = &D.actors[D.nactors];
	if ((g->code = strdup(f[GAZ_CODE])) == NULL ||
	    (g->name = strdup(f[GAZ_NAME])) == NULL ||
	    (g->kind = strdup(f[GAZ_KIND])) == NULL ||
	    (g->country = strdup(f[GAZ_COUNTRY])) == NULL ||
	    add_key(g->name, (int)D.nactors) != 0)
		return dm_error(DM_ERROR, "out of memory");
	g->article = takes_article(g->name, g->kind);
	for (alias = f[GAZ_ALIASES]; *alias != '\0'; alias = next) {
		if ((next = strchr(alias, ';')) != NULL)
			*next++ = '\0';
		else
			next = alias + strlen(alias);
		if (add_key(alias, (int)D.nactors) != 0)
			return dm_error(DM_ERROR, "out of memory");
	}
	D.nactors++;
	return 0;
}

/* Sorts the keys; a key held by two actors names neither. */
static void
sort_keys(void)
{
	size_t i, j, n = 0;

	qsort(D.keys, D.nkeys, sizeof(*D.keys), key_cmp);
	for (i = 0; i < D.nkeys; i = j) {
		D.keys[n] = D.keys[i];
		for (j = i + 1; j < D.nkeys &&
		    strcmp(D.keys[j].key, D.keys[i].key) == 0; j++) {
			if (D.keys[j].actor != D.keys[n].actor)
				D.keys[n].actor = -1;
			free(D.keys[j].key);
		}
		n++;
	}
	D.nkeys = n;
}

static int
add_word(char ***list, size_t *n, size_t *cap, const char *w, size_t len)
{
	if (grow((void **)list, cap, *n, sizeof(**list)) != 0 ||
	    ((*list)[*n] = strndup(w, len)) == NULL)
		return -1;
	(*n)++;
	return 0;
}

static int
is_han(int32_t cp)
{
	return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 &&
	    cp <= 0x4dbf);
}

/*
 * Notes the words of a literal, and each two Han characters in a row: a
 * person's name holds none of them.
 */
static int
add_vocab(const char *lit, size_t len)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)lit;
	utf8proc_ssize_t n, m;
	int32_t a, b;
	size_t i, j;

	for (i = 0; i < len; i = j) {
		while (i < len && !(lit[i] >= 'a' && lit[i] <= 'z'))
			i++;
		for (j = i; j < len && lit[j] >= 'a' && lit[j] <= 'z'; j++)
			;
		if (j - i >= 2 && add_word(&D.vocab, &D.nvocab, &D.capvocab,
		    lit + i, j - i) != 0)
			return -1;
	}
	for (i = 0; i < len; i += (size_t)n) {
		if ((n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i),
		    &a)) <= 0)
			return 0;
		if (i + (size_t)n < len && (m = utf8proc_iterate(u + i + n,
		    (utf8proc_ssize_t)(len - i - n), &b)) > 0 && is_han(a) &&
		    is_han(b) && add_word(&D.hanpairs, &D.nhanpairs,
		    &D.caphanpairs, lit + i, (size_t)(n + m)) != 0)
			return -1;
	}
	return 0;
}

/* Marks the states named in an @article line. */
static int
articles(const char *names, const char *file, size_t line)
{
	const char *p = names, *bar;
	size_t n, a;

	for (; *p != '\0'; p = *bar ? bar + 1 : bar) {
		bar = p + strcspn(p, "|");
		n = (size_t)(bar - p);
		for (a = 0; a < D.nactors; a++)
			if (strlen(D.actors[a].name) == n &&
			    strncmp(D.actors[a].name, p, n) == 0)
				break;
		if (a == D.nactors)
			return load_fail(file, line, "@article names no "
			    "state: ", p);
		D.actors[a].article = 1;
	}
	return 0;
}

/* Turns one expanded pattern into elements. */
static int
compile(const char *s, const char *rule, const char *code, const char *kind,
    const char *name, const char *file, size_t line)
{
	struct pattern *p;
	const char *q;
	char *lit;
	size_t n, k;

	if (grow((void **)&D.pats, &D.cappats, D.npats, sizeof(*D.pats)))
		return -1;
	p = &D.pats[D.npats];
	memset(p, 0, sizeof(*p));
	p->code = code;
	p->kind = kind;
	p->name = name;
	p->rule = rule;
	while (*s != '\0') {
		if (p->n == MAX_ELEMS)
			return load_fail(file, line, "too many parts", "");
		if (s[0] == '{' && s[1] != '\0' && s[2] == '}') {
			if (strchr("SOLAFPCT", s[1]) == NULL)
				return load_fail(file, line, "unknown slot ",
				    s);
			p->e[p->n++].slot = s[1];
			s += 3;
			continue;
		}
		for (q = s; *q != '\0' && !(q[0] == '{' && q[1] != '\0' &&
		    q[2] == '}'); q++)
			;
		if ((lit = malloc((size_t)(q - s) + 1)) == NULL)
			return -1;
		for (n = 0; s < q; s++) {
			if (*s == ' ' && (n == 0 ? p->n == 0 :
			    lit[n - 1] == ' '))
				continue;
			lit[n++] = *s >= 'A' && *s <= 'Z' ? *s + 32 : *s;
		}
		lit[n] = '\0';
		if (n == 0) {
			free(lit);
			continue;
		}
		if (add_vocab(lit, n) != 0)
			return -1;
		p->e[p->n].lit = lit;
		p->e[p->n++].len = n;
	}
	if (p->n == 0)
		return load_fail(file, line, "empty pattern", "");
	/* each $N of the code names a slot that holds actors */
	for (q = code; (q = strchr(q, '$')) != NULL; q++) {
		for (k = 0, n = 0; n < p->n; n++)
			if (p->e[n].slot && ++k == (size_t)(q[1] - '0'))
				break;
		if (n == p->n || strchr("PT", p->e[n].slot))
			return load_fail(file, line, "no slot of actors for ",
			    q);
	}
	D.npats++;
	return 0;
}

/* The end of the group that opens at s[0] ('(' or '['), or NULL. */
static const char *
group_end(const char *s, int *choice)
{
	int depth = 0;

	*choice = *s == '[';
	for (; *s != '\0'; s++) {
		if (*s == '(' || *s == '[')
			depth++;
		else if ((*s == ')' || *s == ']') && --depth == 0)
			return s;
		else if (*s == '|' && depth == 1)
			*choice = 1;
	}
	return NULL;
}

/*
 * Expands the first choice at or after s + from: (a|b) gives a and b, [x]
 * gives x and nothing; a group without '|' is literal text, "({T})".
 */
static int
expand(const char *s, size_t from, const char *rule, const char *fields[3],
    const char *file, size_t line, size_t *count)
{
	const char *p, *end, *alt, *a;
	char *buf;
	size_t plen;
	int choice, depth, rc = 0;

	for (p = s + from; *p != '\0'; p++) {
		if (*p != '(' && *p != '[')
			continue;
		if ((end = group_end(p, &choice)) == NULL)
			return load_fail(file, line,
			    "unbalanced brackets", "");
		if (choice)
			break;
	}
	if (*p == '\0') {
		if (++*count > MAX_EXPAND)
			return load_fail(file, line,
			    "too many choices", "");
		return compile(s, rule, fields[0], fields[1], fields[2], file,
		    line);
	}
	plen = (size_t)(p - s);
	if ((buf = malloc(strlen(s) + 1)) == NULL)
		return -1;
	/* Nothing first: of two readings, the one with fewer parts wins. */
	if (*p == '[') {
		memcpy(buf, s, plen);
		strcpy(buf + plen, end + 1);
		rc = expand(buf, plen, rule, fields, file, line, count);
	}
	for (alt = p + 1; rc == 0 && alt <= end; alt = a + 1) {
		for (a = alt, depth = 0; a < end; a++) {
			if (*a == '(' || *a == '[')
				depth++;
			else if (*a == ')' || *a == ']')
				depth--;
			else if (*a == '|' && depth == 0)
				break;
		}
		memcpy(buf, s, plen);
		memcpy(buf + plen, alt, (size_t)(a - alt));
		strcpy(buf + plen + (a - alt), end + 1);
		rc = expand(buf, plen, rule, fields, file, line, count);
	}
	free(buf);
	return rc;
}

/* Replaces each <NAME> with (its alternatives). */
static char *
substitute(const char *s, const char *file, size_t line)
{
	char *out, *o, *q;
	const char *close;
	size_t i, n, need = strlen(s) + 1;

	for (i = 0; i < D.ndefs; i++)
		need += (strlen(D.defs[i].alts) + 2) * 4;
	if ((out = malloc(need)) == NULL)
		return NULL;
	for (o = out; *s != '\0'; ) {
		if (*s != '<' || (close = strchr(s, '>')) == NULL) {
			*o++ = *s++;
			continue;
		}
		n = (size_t)(close - s - 1);
		for (i = 0; i < D.ndefs; i++)
			if (strlen(D.defs[i].name) == n &&
			    strncmp(D.defs[i].name, s + 1, n) == 0)
				break;
		if (i == D.ndefs || (size_t)(o - out) + strlen(D.defs[i].alts)
		    + 3 + strlen(close) > need) {
			free(out);
			load_fail(file, line, "unknown choice ", s);
			return NULL;
		}
		q = o;
		*q++ = '(';
		strcpy(q, D.defs[i].alts);
		o = q + strlen(q);
		*o++ = ')';
		s = close + 1;
	}
	*o = '\0';
	return out;
}

static int
load_line(char *line, const char *file, size_t lineno)
{
	char *f[4] = { NULL, NULL, NULL, NULL }, *pat, *rule;
	const char *fields[3], *d;
	size_t count = 0;
	int k, a;

	for (k = 0; k < 4 && line; k++) {
		f[k] = line;
		if ((line = strchr(line, '\t')) != NULL)
			*line++ = '\0';
	}
	if (strcmp(f[0], "@define") == 0) {
		if (!f[2] || D.ndefs == sizeof(D.defs) / sizeof(D.defs[0]))
			return load_fail(file, lineno,
			    "bad @define", "");
		D.defs[D.ndefs].name = f[1];
		D.defs[D.ndefs++].alts = f[2];
		return 0;
	}
	if (strcmp(f[0], "@article") == 0)
		return f[1] ? articles(f[1], file, lineno) : load_fail(file,
		    lineno, "bad @article", "");
	if (strcmp(f[0], "@state") == 0) {
		if (!f[2] || (a = actor_by_code(f[2])) < 0 ||
		    strcmp(D.actors[a].kind, "state") != 0)
			return load_fail(file, lineno,
			    "@state needs a name and a state's code", "");
		return add_key(f[1], a);
	}
	if (f[1] == NULL || *f[1] == '\0')
		return load_fail(file, lineno, "no code", "");
	if ((d = strchr(f[1], '$')) != NULL && strchr(d, '.') &&
	    (f[2] == NULL || f[3] == NULL))
		return load_fail(file, lineno,
		    "a code made from a pattern needs a kind and a name", "");
	if ((rule = malloc(strlen(file) + strlen(f[0]) + 32)) == NULL)
		return -1;
	sprintf(rule, "%s:%zu: %s", file, lineno, f[0]);
	if ((pat = substitute(f[0], file, lineno)) == NULL) {
		free(rule);
		return -1;
	}
	fields[0] = f[1];
	fields[1] = f[2] ? f[2] : "";
	fields[2] = f[3] ? f[3] : "";
	k = expand(pat, 0, rule, fields, file, lineno, &count);
	free(pat);
	return k;
}

static void
load(void)
{
	char *text, *line, *next;
	size_t i, lineno;

	if (gazetteer_each(add_actor, NULL) != 0) {
		snprintf(D.err, sizeof(D.err), "%s", dm_error_last());
		goto fail;
	}
	for (i = 0; i < dm_actor_patterns_count; i++) {
		if ((text = strdup(dm_actor_patterns[i].data)) == NULL)
			goto fail;
		D.ndefs = 0;
		for (line = text, lineno = 1; *line != '\0'; line = next,
		    lineno++) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			else
				next = line + strlen(line);
			if (*line == '#' || *line == '\0')
				continue;
			if (load_line(line, dm_actor_patterns[i].name,
			    lineno) != 0)
				goto fail;
		}
	}
	sort_keys();
	qsort(D.vocab, D.nvocab, sizeof(*D.vocab), str_cmp);
	qsort(D.hanpairs, D.nhanpairs, sizeof(*D.hanpairs), str_cmp);
	return;
fail:
	D.rc = -1;
	if (D.err[0] == '\0')
		snprintf(D.err, sizeof(D.err), "out of memory");
}

/* --- Matching ------------------------------------------------------- */

struct memo {
	size_t            b, e;
	int               rc;
	struct resolution r;
};

struct ctx {
	const char  *org;	/* the normalised text */
	const char  *low;	/* the same, ASCII letters lower-cased */
	struct memo *memo;
	size_t       nmemo, capmemo;
	int          oom;
};

/* A slot's value: its span and what it resolved to. */
struct val {
	char              slot;
	size_t            b, e;
	struct resolution r;
	int               place;	/* C: a place that is no state */
};

static int resolve_span(struct ctx *, size_t, size_t, int,
    struct resolution *);

static void
from_gazetteer(struct resolved *r, int a)
{
	const struct gactor *g = &D.actors[a];
	const char *dot;

	snprintf(r->code, sizeof(r->code), "%s", g->code);
	snprintf(r->name, sizeof(r->name), "%s", g->name);
	snprintf(r->kind, sizeof(r->kind), "%s", g->kind);
	snprintf(r->country, sizeof(r->country), "%s", g->country);
	dot = strrchr(g->code, '.');
	snprintf(r->parent, sizeof(r->parent), "%.*s",
	    dot ? (int)(dot - g->code) : 0, g->code);
}

/* The gazetteer actor the text [b, e) names, or -1. */
static int
lookup(const struct ctx *c, size_t b, size_t e)
{
	char buf[MAX_TEXT + 1], *k = NULL;
	int a;

	memcpy(buf, c->org + b, e - b);
	buf[e - b] = '\0';
	if (fold_key(&k, buf) != 0)
		return -1;
	a = actor_by_key(k);
	free(k);
	return a;
}

/* A state ("state") or an organisation ("igo") at [b, e). */
static int
lookup_kind(const struct ctx *c, size_t b, size_t e, const char *kind,
    struct resolution *r)
{
	int a = lookup(c, b, e);

	if (a < 0 || strcmp(D.actors[a].kind, kind) != 0)
		return NOMATCH;
	memset(r, 0, sizeof(*r));
	from_gazetteer(&r->actors[0], a);
	r->nactors = 1;
	return 0;
}

/* Whether w[0..n) is in a sorted list of words (ASCII case ignored). */
static int
in_list(char **list, size_t nlist, const char *w, size_t n)
{
	char buf[64], *k = buf;
	size_t i;

	if (n >= sizeof(buf))
		return 0;
	for (i = 0; i < n; i++)
		buf[i] = w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i];
	buf[n] = '\0';
	return bsearch(&k, list, nlist, sizeof(*list), str_cmp) != NULL;
}

/*
 * A person's name: two to eight Han characters ("汪文斌", "斯托尔滕贝格"),
 * more with a middle dot ("安东尼·布林肯"), no two in a row as in a
 * pattern ("馆发言人"); or one to five capitalised words ("Antony J.
 * Blinken", "Ursula von der Leyen"), none a word of the patterns and the
 * whole no actor's name.
 */
static int
person(const struct ctx *c, size_t b, size_t e)
{
	static const char *const particles[] = { "al", "bin", "da", "de",
	    "del", "der", "di", "dos", "du", "el", "ibn", "la", "le", "van",
	    "von", NULL };
	const unsigned char *s = (const unsigned char *)c->org;
	size_t i, w, last, words = 0, han = 0, dots = 0, other = 0;
	utf8proc_ssize_t n;
	int32_t cp;
	int k;

	for (i = b, last = 0; i < e; i += (size_t)n) {
		if ((n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(e - i),
		    &cp)) <= 0)
			return 0;
		if (is_han(cp) && last && in_list(D.hanpairs, D.nhanpairs,
		    c->org + last, i + (size_t)n - last))
			return 0;
		last = is_han(cp) ? i : 0;
		if (is_han(cp))
			han++;
		else if (cp == 0xb7 || cp == 0x2022 || cp == 0x30fb)
			dots++;
		else
			other++;
	}
	if (han > 0)
		return other == 0 && han >= 2 && (dots ? han <= 16 : han <= 8);
	if (lookup(c, b, e) >= 0)
		return 0;
	for (i = b; i < e; i = w + 1) {
		for (w = i; w < e && s[w] != ' '; w++)
			;
		if (++words > 5 || w == i)
			return 0;
		for (k = 0; particles[k]; k++)
			if (strlen(particles[k]) == w - i &&
			    strncmp(particles[k], c->org + i, w - i) == 0)
				break;
		if (particles[k])
			continue;
		if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] >= 0x80) ||
		    in_list(D.vocab, D.nvocab, c->org + i, w - i))
			return 0;
		for (n = (utf8proc_ssize_t)i; n < (utf8proc_ssize_t)w; n++)
			if (!(s[n] >= 0x80 || (s[n] >= 'A' && s[n] <= 'Z') ||
			    (s[n] >= 'a' && s[n] <= 'z') || s[n] == '.' ||
			    s[n] == '\''))
				return 0;
	}
	return words > 0;
}

/* A list of states: "A, B and C", "A、B和C". */
static int
state_list(const struct ctx *c, size_t b, size_t e, struct resolution *r)
{
	static const char *const seps[] = { ", and ", ", ", " and ", "、",
	    "和", "与", "及", NULL };
	struct resolution one;
	size_t i = b, j, n;
	int k;

	memset(r, 0, sizeof(*r));
	while (i < e) {
		for (j = i, n = 0; j < e && n == 0; ) {
			for (k = 0; seps[k]; k++) {
				n = strlen(seps[k]);
				if (j + n <= e && memcmp(c->low + j, seps[k],
				    n) == 0)
					break;
			}
			if (seps[k] == NULL) {
				n = 0;
				j++;
			}
		}
		if (r->nactors == RESOLVE_MAX || lookup_kind(c, i, j,
		    "state", &one) != 0)
			return NOMATCH;
		r->actors[r->nactors++] = one.actors[0];
		i = j + n;
	}
	return r->nactors > 0 ? 0 : NOMATCH;
}

/* Values that cost no recursion, checked as soon as a slot is placed. */
static int
cheap_slot(const struct ctx *c, struct val *v)
{
	size_t i;

	memset(&v->r, 0, sizeof(v->r));
	v->place = 0;
	switch (v->slot) {
	case 'S':
		return lookup_kind(c, v->b, v->e, "state", &v->r);
	case 'O':
		return lookup_kind(c, v->b, v->e, "igo", &v->r);
	case 'L':
		return state_list(c, v->b, v->e, &v->r);
	case 'P':
		return person(c, v->b, v->e) ? 0 : NOMATCH;
	case 'C':
		if (lookup_kind(c, v->b, v->e, "state", &v->r) == 0)
			return 0;
		for (i = v->b; i < v->e; i++)
			if (c->org[i] >= '0' && c->org[i] <= '9')
				return NOMATCH;
		v->place = 1;
		return v->e - v->b <= 60 ? 0 : NOMATCH;
	default:
		return 0;
	}
}

/* The name of slot v inside a sentence ("the United Kingdom"). */
static void
slot_name(const struct ctx *c, const struct val *v, const struct resolved *a,
    char *buf, size_t len)
{
	int g;

	if (v->place) {
		snprintf(buf, len, "%.*s", (int)(v->e - v->b), c->org + v->b);
		return;
	}
	g = actor_by_code(a->code);
	snprintf(buf, len, "%s%s", g >= 0 && D.actors[g].article ? "the " :
	    "", a->name);
}

/* Slot v's code segment: its actor's code, or a place's in capitals. */
static void
slot_code(const struct ctx *c, const struct val *v, const struct resolved *a,
    char *buf, size_t len)
{
	size_t i, n = 0;
	unsigned char ch;

	if (!v->place) {
		snprintf(buf, len, "%s", a->code);
		return;
	}
	for (i = v->b; i < v->e && n + 1 < len; i++) {
		ch = (unsigned char)c->org[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
			buf[n++] = (char)(ch & ~0x20);
		else if (n > 0 && buf[n - 1] != '-')
			buf[n++] = '-';
	}
	while (n > 0 && buf[n - 1] == '-')
		n--;
	buf[n] = '\0';
}

/*
 * Writes template t into buf, $N taking slot N's code (kind 'c') or name
 * ('n'); the slot drive takes its actor number i, the others their first.
 */
static int
fill(const struct ctx *c, const char *t, const struct val *v, size_t nv,
    size_t drive, size_t i, int what, char *buf, size_t len)
{
	char part[DM_CODE_MAX + 200];
	size_t n = 0, s, k;

	for (; *t != '\0'; t++) {
		if (*t == '$' && t[1] >= '1' && t[1] <= '9') {
			s = (size_t)(t[1] - '1');
			if (s >= nv)
				return NOMATCH;
			k = s == drive ? i : 0;
			if (!v[s].place && k >= v[s].r.nactors)
				return NOMATCH;
			if (what == 'c')
				slot_code(c, &v[s], &v[s].r.actors[k], part,
				    sizeof(part));
			else
				slot_name(c, &v[s], &v[s].r.actors[k], part,
				    sizeof(part));
			t++;
		} else {
			part[0] = *t;
			part[1] = '\0';
		}
		if (n + strlen(part) >= len)
			return NOMATCH;
		strcpy(buf + n, part);
		n += strlen(part);
	}
	return 0;
}

/* An actor a pattern makes: the gazetteer's, by code or alias, or new. */
static int
make(const char *code, const char *kind, const char *name,
    struct resolved *r)
{
	char buf[DM_CODE_MAX + 1], *k;
	const char *dot, *top;
	int a;
	size_t n = strlen(code);

	while (n > 0 && (code[n - 1] == '-' || code[n - 1] == '.'))
		n--;
	if (n > DM_CODE_MAX)
		return NOMATCH;
	memcpy(buf, code, n);
	buf[n] = '\0';
	if (code_normalise(buf) != 0)
		return NOMATCH;
	if ((a = actor_by_code(buf)) < 0 && (k = key_of(buf)) != NULL) {
		a = actor_by_key(k);
		free(k);
	}
	if (a >= 0) {
		from_gazetteer(r, a);
		return 0;
	}
	if (*name == '\0')
		return NOMATCH;
	memset(r, 0, sizeof(*r));
	snprintf(r->code, sizeof(r->code), "%s", buf);
	snprintf(r->name, sizeof(r->name), "%s", name);
	snprintf(r->kind, sizeof(r->kind), "%s", kind);
	dot = strrchr(buf, '.');
	snprintf(r->parent, sizeof(r->parent), "%.*s",
	    dot ? (int)(dot - buf) : 0, buf);
	top = strchr(buf, '.');
	snprintf(r->country, sizeof(r->country), "%.*s",
	    top ? (int)(top - buf) : 0, buf);
	if ((a = actor_by_code(r->country)) < 0 ||
	    strcmp(D.actors[a].kind, "state") != 0)
		r->country[0] = '\0';
	return 0;
}

/* Whether code is base or lies under it. */
static int
under(const char *code, const char *base)
{
	size_t n = strlen(base);

	return strncmp(code, base, n) == 0 && (code[n] == '\0' ||
	    code[n] == '.');
}

/* Adds the actors of one term of a code template ("$1.MFA<$2"). */
static int
term(const struct ctx *c, const struct pattern *p, const char *t, size_t tl,
    const struct val *v, size_t nv, struct resolution *out)
{
	char tmpl[64], code[DM_CODE_MAX + 64], name[192];
	const char *lt, *d;
	size_t drive = 0, i, nact = 1, s, g;
	struct resolved r;
	int found_drive = 0;

	if (tl >= sizeof(tmpl))
		return NOMATCH;
	memcpy(tmpl, t, tl);
	tmpl[tl] = '\0';
	if ((lt = strchr(tmpl, '<')) != NULL)
		tmpl[lt - tmpl] = '\0';
	/* "$N" alone passes slot N's actors through */
	if (tmpl[0] == '$' && tmpl[1] >= '1' && tmpl[1] <= '9' &&
	    tmpl[2] == '\0') {
		s = (size_t)(tmpl[1] - '1');
		if (s >= nv || v[s].place)
			return NOMATCH;
		for (i = 0; i < v[s].r.nactors; i++) {
			if (out->nactors == RESOLVE_MAX)
				return NOMATCH;
			out->actors[out->nactors++] = v[s].r.actors[i];
		}
		out->person |= v[s].r.person;
		goto check;
	}
	for (d = tmpl; (d = strchr(d, '$')) != NULL; d++)
		if (d[1] >= '1' && d[1] <= '9' && !found_drive) {
			drive = (size_t)(d[1] - '1');
			found_drive = 1;
		}
	if (found_drive && drive < nv && !v[drive].place)
		nact = v[drive].r.nactors;
	for (i = 0; i < nact; i++) {
		if (fill(c, tmpl, v, nv, drive, i, 'c', code,
		    sizeof(code)) != 0 || fill(c, p->name, v, nv, drive, i,
		    'n', name, sizeof(name)) != 0 ||
		    make(code, *p->kind ? p->kind : "other", name, &r) != 0 ||
		    out->nactors == RESOLVE_MAX)
			return NOMATCH;
		out->actors[out->nactors++] = r;
	}
check:
	if (lt == NULL)
		return 0;
	s = (size_t)(t[lt - tmpl + 2] - '1');
	if (t[lt - tmpl + 1] != '$' || s >= nv || v[s].r.nactors != 1)
		return NOMATCH;
	for (g = 0; g < out->nactors; g++)
		if (!under(out->actors[g].code, v[s].r.actors[0].code))
			return NOMATCH;
	return 0;
}

/* The actors of a pattern whose slots all hold. */
static int
build(const struct ctx *c, const struct pattern *p, const struct val *v,
    size_t nv, struct resolution *out)
{
	const char *t = p->code, *sp;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < nv; i++)
		out->person |= v[i].slot == 'P';
	/* one person to a name: "Title A Name B" is no title */
	for (i = 0; i < nv && out->person; i++)
		if (v[i].r.person)
			return NOMATCH;
	while (*t != '\0') {
		sp = strchr(t, ' ');
		if ((rc = term(c, p, t, sp ? (size_t)(sp - t) : strlen(t), v,
		    nv, out)) != 0)
			return rc;
		t = sp ? sp + 1 : t + strlen(t);
	}
	snprintf(out->rule, sizeof(out->rule), "%s", p->rule);
	return out->nactors > 0 ? 0 : NOMATCH;
}

/* Whether [b, e) starts a UTF-8 character at e. */
static int
boundary(const struct ctx *c, size_t e)
{
	return ((unsigned char)c->org[e] & 0xc0) != 0x80;
}

/*
 * Places elements k... of p on the text [i, e): a literal where it is,
 * a slot over every span that lets the rest follow, longest first.  Slots
 * that resolve names within names are resolved last, when all is placed.
 */
static int
place(struct ctx *c, const struct pattern *p, size_t k, size_t i, size_t e,
    struct val *v, size_t nv, int depth, struct resolution *out)
{
	const struct elem *el = &p->e[k], *next;
	size_t j, s;
	int rc;

	if (k == p->n) {
		if (i != e)
			return NOMATCH;
		for (s = 0; s < nv; s++) {
			if (v[s].slot != 'A' && v[s].slot != 'F')
				continue;
			if ((rc = resolve_span(c, v[s].b, v[s].e, depth + 1,
			    &v[s].r)) != 0)
				return rc;
			/* an office: no state or organisation itself */
			if (v[s].slot == 'F' && (strcmp(v[s].r.actors[0].kind,
			    "state") == 0 || strcmp(v[s].r.actors[0].kind,
			    "igo") == 0))
				return NOMATCH;
		}
		return build(c, p, v, nv, out);
	}
	if (el->slot == 0)
		return e - i >= el->len && memcmp(c->low + i, el->lit,
		    el->len) == 0 ? place(c, p, k + 1, i + el->len, e, v, nv,
		    depth, out) : NOMATCH;
	if (nv == MAX_SLOTS)
		return NOMATCH;
	next = k + 1 < p->n ? &p->e[k + 1] : NULL;
	/* the last slot runs to the end; any other ends before it */
	for (j = next ? e - 1 : e; j > i && (next || j == e); j--) {
		if (!boundary(c, j) || (next && next->slot == 0 &&
		    (e - j < next->len || memcmp(c->low + j, next->lit,
		    next->len) != 0)))
			continue;
		v[nv].slot = el->slot;
		v[nv].b = i;
		v[nv].e = j;
		if (cheap_slot(c, &v[nv]) != 0)
			continue;
		if ((rc = place(c, p, k + 1, j, e, v, nv + 1, depth,
		    out)) != NOMATCH)
			return rc;
		if (c->oom)
			return DM_ERROR;
	}
	return NOMATCH;
}

/* Trims spaces, quotes and punctuation, and a leading "the ". */
static void
trim(const struct ctx *c, size_t *b, size_t *e)
{
	for (;;) {
		while (*b < *e && strchr(" '\",;:.", c->org[*b]))
			(*b)++;
		while (*e > *b && strchr(" '\",;:.", c->org[*e - 1]))
			(*e)--;
		if (*e - *b > 4 && memcmp(c->low + *b, "the ", 4) == 0)
			*b += 4;
		else
			return;
	}
}

/* Whether every literal of p is in [b, e): most patterns fail here. */
static int
has_literals(const struct ctx *c, const struct pattern *p, size_t b,
    size_t e)
{
	const char *t = c->low + b, *f;
	size_t i, n = e - b;

	for (i = 0; i < p->n; i++) {
		if (p->e[i].slot)
			continue;
		for (f = t; (f = memchr(f, p->e[i].lit[0], n - (size_t)(f -
		    t))) != NULL; f++)
			if ((size_t)(t + n - f) >= p->e[i].len &&
			    memcmp(f, p->e[i].lit, p->e[i].len) == 0)
				break;
		if (f == NULL)
			return 0;
	}
	return 1;
}

static int
resolve_span(struct ctx *c, size_t b, size_t e, int depth,
    struct resolution *out)
{
	struct val v[MAX_SLOTS];
	struct memo *m;
	size_t i;
	int a, rc = NOMATCH;

	trim(c, &b, &e);
	if (b == e)
		return NOMATCH;
	for (i = 0; i < c->nmemo; i++)
		if (c->memo[i].b == b && c->memo[i].e == e) {
			if (c->memo[i].rc == 0)
				*out = c->memo[i].r;
			return c->memo[i].rc;
		}
	memset(out, 0, sizeof(*out));
	if ((a = lookup(c, b, e)) >= 0) {
		from_gazetteer(&out->actors[0], a);
		out->nactors = 1;
		snprintf(out->rule, sizeof(out->rule), "gazetteer");
		rc = 0;
	}
	for (i = 0; rc == NOMATCH && depth < MAX_DEPTH && i < D.npats; i++)
		if (has_literals(c, &D.pats[i], b, e))
			rc = place(c, &D.pats[i], 0, b, e, v, 0, depth, out);
	if (rc != 0 && rc != NOMATCH)
		return rc;
	if (grow((void **)&c->memo, &c->capmemo, c->nmemo,
	    sizeof(*c->memo)) != 0) {
		c->oom = 1;
		return DM_ERROR;
	}
	m = &c->memo[c->nmemo++];
	m->b = b;
	m->e = e;
	m->rc = rc;
	if (rc == 0)
		m->r = *out;
	return rc;
}

/* Slot n (from 0) of p, or 0. */
static char
slot_of(const struct pattern *p, size_t n)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->e[i].slot && n-- == 0)
			return p->e[i].slot;
	return 0;
}

/*
 * Fills slot n of v from the code text [b, e): a state's or an
 * organisation's code, or for a place its name in capitals.
 */
static int
code_slot(const struct ctx *c, const struct pattern *p, size_t n,
    size_t b, size_t e, struct val *v)
{
	char code[DM_CODE_MAX + 1];
	int a;

	if (n >= MAX_SLOTS || e <= b || e - b > DM_CODE_MAX)
		return NOMATCH;
	memset(&v[n], 0, sizeof(v[n]));
	v[n].slot = slot_of(p, n);
	v[n].b = b;
	v[n].e = e;
	memcpy(code, c->org + b, e - b);
	code[e - b] = '\0';
	if ((a = actor_by_code(code)) >= 0 &&
	    (strcmp(D.actors[a].kind, "state") == 0 ||
	    strcmp(D.actors[a].kind, "igo") == 0)) {
		from_gazetteer(&v[n].r.actors[0], a);
		v[n].r.nactors = 1;
		return 0;
	}
	v[n].place = v[n].slot == 'C';
	return v[n].place ? 0 : NOMATCH;
}

/*
 * A code the patterns make ("JPN.EMBASSY-CAN", "RUS.MISSION-EU") read
 * back through their code templates, so that a code written in the input
 * gives the actor its phrase would, with its kind and name.
 */
static int
resolve_code(const char *code, struct resolution *out)
{
	struct val v[MAX_SLOTS];
	struct ctx c;
	const struct pattern *p;
	const char *t, *lit, *d;
	size_t i, len = strlen(code), n, top, at;

	memset(&c, 0, sizeof(c));
	c.org = c.low = code;
	top = strcspn(code, ".");
	for (i = 0; i < D.npats; i++) {
		p = &D.pats[i];
		t = p->code;
		if (t[0] != '$' || t[1] < '1' || t[1] > '9' || t[2] != '.' ||
		    strpbrk(t, " <") != NULL)
			continue;
		if (code_slot(&c, p, (size_t)(t[1] - '1'), 0, top, v) != 0)
			continue;
		/* the rest: a literal, then at most one more slot */
		lit = t + 2;
		d = strchr(lit, '$');
		n = d ? (size_t)(d - lit) : strlen(lit);
		at = top + n;
		if (at > len || memcmp(code + top, lit, n) != 0 ||
		    (d == NULL ? at != len : (d[1] < '1' || d[1] > '9' ||
		    d[2] != '\0' || code_slot(&c, p, (size_t)(d[1] - '1'),
		    at, len, v) != 0)))
			continue;
		memset(out, 0, sizeof(*out));
		if (term(&c, p, t, strlen(t), v, MAX_SLOTS, out) == 0 &&
		    strcmp(out->actors[0].code, code) == 0) {
			snprintf(out->rule, sizeof(out->rule), "%s", p->rule);
			return 0;
		}
	}
	return NOMATCH;
}

int
resolve_name(const char *name, struct resolution *out)
{
	struct ctx c;
	char *org = NULL, *low = NULL;
	size_t i, len;
	int rc;

	memset(out, 0, sizeof(*out));
	pthread_once(&loaded, load);
	if (D.rc != 0)
		return dm_error(DM_ERROR, "built-in actor patterns: %s",
		    D.err);
	if (utf8_check(name, strlen(name), NULL) != 0)
		return DM_EINVALID;
	if ((org = normalise(name)) == NULL || (low = strdup(org)) == NULL) {
		free(org);
		return dm_error(DM_ERROR, "out of memory");
	}
	len = strlen(org);
	memset(&c, 0, sizeof(c));
	c.org = org;
	c.low = low;
	/* a code the gazetteer lacks, in the shape the patterns give */
	rc = NOMATCH;
	if (len <= DM_CODE_MAX && strchr(name, '.') &&
	    strlen(name) <= DM_CODE_MAX) {
		strcpy(low, name);
		if (code_normalise(low) == 0)
			rc = resolve_code(low, out);
	}
	if (rc == NOMATCH && len > 0 && len <= MAX_TEXT) {
		memcpy(low, org, len + 1);
		for (i = 0; i < len; i++)
			if (low[i] >= 'A' && low[i] <= 'Z')
				low[i] += 32;
		rc = resolve_span(&c, 0, len, 0, out);
	}
	free(c.memo);
	free(org);
	free(low);
	if (rc == DM_ERROR)
		return dm_error(DM_ERROR, "out of memory");
	if (rc != 0)
		return dm_error(DM_ENOTFOUND, "no actor or pattern resolves "
		    "'%s'", name);
	return 0;
}
