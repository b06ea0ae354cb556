/*
 * Segmentation of Chinese text: characters folded (NFKC, so that "，"
 * and "," are one), then cut into words by longest match against the
 * dictionary; a run of Latin letters and digits is one unit ("G7").  A
 * one-character short form of a state before a word for one of its
 * bodies makes one word (美国务院, 菲防长).  Lines are paragraphs;
 * sentences end at 。！？ and clauses at ，；：.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "error.h"
#include "zh_impl.h"

struct unit {
	size_t	 off, end;	/* bytes of the text */
	size_t	 fo, fe;	/* bytes of the folded text */
	int32_t	 cp;		/* folded, for a one-character unit */
	unsigned flags;
};

static int
is_space(int32_t cp)
{
	return cp == '\t' || cp == '\n' || cp == '\r' ||
	    utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

static int
is_punct_cp(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_SO;
}

/* Cuts the text into units and writes their folded form into *fb. */
static int
units_of(const char *s, struct unit **out, size_t *nout, char **fb)
{
	struct unit *u = NULL, *g;
	size_t n = strlen(s), i = 0, nu = 0, cap = 0, o = 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	unsigned pending = 0;
	int f;

	if ((*fb = malloc(4 * n + 1)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	while (i < n) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		f = zh_fold_cp(cp);
		if (is_space(f)) {
			if (f == '\n')
				pending |= TK_LINE;
			pending |= 0x100;	/* a space: ends a Latin run */
			i += (size_t)k;
			continue;
		}
		if (zh_latin(f) && nu > 0 && !(pending & 0x100) &&
		    u[nu - 1].cp == 0) {
			/* Goes on with a Latin run. */
			u[nu - 1].end = i + (size_t)k;
		} else {
			if (nu == cap) {
				cap = cap ? 2 * cap : 256;
				if ((g = realloc(u, cap * sizeof(*u))) == NULL) {
					free(u);
					return dm_error(DM_ERROR,
					    "out of memory");
				}
				u = g;
			}
			u[nu].off = i;
			u[nu].end = i + (size_t)k;
			u[nu].fo = o;
			u[nu].cp = zh_latin(f) ? 0 : f;
			u[nu].flags = pending & TK_LINE;
			nu++;
		}
		pending = 0;
		o += (size_t)utf8proc_encode_char(f, (utf8proc_uint8_t *)*fb +
		    o);
		u[nu - 1].fe = o;
		i += (size_t)k;
	}
	(*fb)[o] = '\0';
	*out = u;
	*nout = nu;
	return 0;
}

/* The longest word at unit i: its id (or -1) and length in units. */
static int
longest(const struct zh_coder *z, const struct unit *u, size_t nu,
    size_t i, const char *fb, int *len)
{
	size_t j, max = (size_t)z->maxlen;
	int w;

	for (j = 1; i + j < nu && j < max && !(u[i + j].flags & TK_LINE);)
		j++;
	for (; j > 0; j--)
		if ((w = zh_lookup(z, fb + u[i].fo, u[i + j - 1].fe -
		    u[i].fo)) != -1) {
			*len = (int)j;
			return w;
		}
	*len = 1;
	return -1;
}

static int
add_tok(struct zh_run *r, const struct zh_tok *t)
{
	struct zh_tok *g;
	size_t cap;

	if (r->ntoks == r->captoks) {
		cap = r->captoks ? 2 * r->captoks : 256;
		if ((g = realloc(r->toks, cap * sizeof(*g))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		r->toks = g;
		r->captoks = cap;
	}
	r->toks[r->ntoks++] = *t;
	return 0;
}

int
zh_tokenize(struct zh_run *r)
{
	const struct zh_coder *z = r->z;
	struct unit *u = NULL;
	struct zh_tok t;
	char *fb = NULL;
	size_t nu = 0, i;
	int w, len, w2, len2, rc;

	if ((rc = units_of(r->text, &u, &nu, &fb)) != 0)
		return rc;
	for (i = 0; i < nu; i += (size_t)len) {
		w = longest(z, u, nu, i, fb, &len);
		memset(&t, 0, sizeof(t));
		/* 美 + 国务院: a short form and a body, if longer. */
		if (len == 1 && w != -1 && (z->words[w].cls & ZB(ZW_ABBR)) &&
		    i + 1 < nu && !(u[i + 1].flags & TK_LINE)) {
			w2 = longest(z, u, nu, i + 1, fb, &len2);
			if (w2 != -1 && (z->words[w2].cls & ZB(ZW_INST)))
				len = 1 + len2, t.flags |= TK_COMPOSITE;
		} else if (w != -1 && (z->words[w].cls & ZB(ZW_ABBR)) == 0 &&
		    i + (size_t)len < nu && !(u[i + 1].flags & TK_LINE)) {
			/* 美国 + 务院 loses to 美 + 国务院. */
			int wa = zh_lookup(z, fb + u[i].fo, u[i].fe - u[i].fo);

			if (wa != -1 && (z->words[wa].cls & ZB(ZW_ABBR)) &&
			    (w2 = longest(z, u, nu, i + 1, fb, &len2)) != -1 &&
			    (z->words[w2].cls & ZB(ZW_INST)) && 1 + len2 > len)
				w = wa, len = 1 + len2,
				    t.flags |= TK_COMPOSITE;
		}
		t.off = u[i].off;
		t.end = u[i + (size_t)len - 1].end;
		t.wid = w;
		t.cp = len == 1 ? u[i].cp : 0;
		t.flags |= u[i].flags;
		if (len == 1 && u[i].cp != 0 && is_punct_cp(u[i].cp))
			t.flags |= TK_PUNCT;
		if ((rc = add_tok(r, &t)) != 0)
			break;
	}
	free(u);
	free(fb);
	return rc;
}

int
zh_has(const struct zh_run *r, int t, enum zh_cls cls)
{
	if (t < 0 || (size_t)t >= r->ntoks || r->toks[t].wid < 0)
		return 0;
	if (r->toks[t].flags & TK_COMPOSITE)
		return cls == ZW_ACTOR;
	return (r->z->words[r->toks[t].wid].cls & ZB(cls)) != 0;
}

int
zh_punct(const struct zh_run *r, int t, const char *set)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t n = strlen(set);

	if (t < 0 || (size_t)t >= r->ntoks || !(r->toks[t].flags & TK_PUNCT))
		return 0;
	while (n > 0 && (k = utf8proc_iterate((const utf8proc_uint8_t *)set,
	    (utf8proc_ssize_t)n, &cp)) > 0) {
		if (cp == r->toks[t].cp)
			return 1;
		set += k;
		n -= (size_t)k;
	}
	return 0;
}

#define TERMINALS	"。!?"
#define CLOSERS		"”’」』)》\""
#define SEPARATORS	",;:"

int
zh_line_end(const struct zh_run *r, int a)
{
	int t;

	for (t = a + 1; (size_t)t < r->ntoks; t++)
		if (r->toks[t].flags & TK_LINE)
			break;
	return t;
}

int
zh_next_sentence(const struct zh_run *r, int a, int end)
{
	int t;

	for (t = a; t < end; t++)
		if (zh_punct(r, t, TERMINALS)) {
			while (t + 1 < end && (zh_punct(r, t + 1, TERMINALS) ||
			    zh_punct(r, t + 1, CLOSERS)))
				t++;
			return t + 1;
		}
	return end;
}

int
zh_next_clause(const struct zh_run *r, int a, int end)
{
	int t;

	for (t = a; t < end; t++)
		if (zh_punct(r, t, SEPARATORS))
			return t + 1;
	return end;
}
