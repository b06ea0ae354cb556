/*
 * A statement from a web page.  What the page declares comes first, in
 * the order sites are most careful with it: the <meta> tags Chinese
 * government sites carry (ArticleTitle, PubDate, ContentSource), Open
 * Graph, JSON-LD, <time datetime>, then <h1> and <title>.  The body is
 * the main content block, found as readers find it: the element whose
 * paragraphs hold the most text, leaving out navigation, share buttons,
 * footers and "related" lists.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <utf8proc.h>

#include "arena.h"
#include "charset.h"
#include "date.h"
#include "error.h"
#include "fold.h"
#include "html.h"
#include "sites.h"
#include "statement.h"
#include "xmllib.h"

/* What the page declares, each from the first place that has it. */
enum field { F_TITLE, F_DATE, F_URL, F_LANG, F_SOURCE, F__MAX };

/* Where a field comes from, best first: lower ranks win. */
struct found {
	char *v[F__MAX];
	int   rank[F__MAX];
	xmlNode *article;	/* itemprop=articleBody */
};

/* <meta name|property=...> and what it gives, in rank order per field. */
static const struct {
	const char *name;
	enum field  field;
	int         rank;
} metas[] = {
	{ "ArticleTitle", F_TITLE, 0 },
	{ "og:title", F_TITLE, 2 },
	{ "PubDate", F_DATE, 0 },
	{ "article:published_time", F_DATE, 1 },
	{ "og:url", F_URL, 1 },
	{ "ContentSource", F_SOURCE, 0 },
	{ "og:locale", F_LANG, 2 },
};

/*
 * Ranks of the other sources.  R_SHOWN: what the page shows a reader
 * rather than declares (a date in its header, the address its saving
 * left in a comment).
 */
enum { R_LD = 2, R_TIME = 3, R_H1 = 4, R_SHOWN = 4, R_TITLE = 5,
	R_NONE = 99 };

/* Elements whose text is never part of the statement. */
static const char *const skipped_tags[] = { "nav", "header", "footer",
	"aside", "script", "style", "noscript", "form", "button", "iframe",
	"svg", "select", "template", "object", "embed", "head", "textarea",
	"menu", "h1", NULL };

/* Words in a class or id that mark what is around the statement. */
static const char *const skipped_marks[] = { "nav", "menu", "share",
	"social", "footer", "related", "breadcrumb", "crumb", "comment",
	"sidebar", "toolbar", "print", "pager", "subscribe", "cookie", "skip",
	"banner", NULL };

/* Words in a class that mark a date shown to readers. */
static const char *const date_marks[] = { "date", "meta", NULL };

/*
 * Words of a class that mark the lead: the summary under the title, which
 * sites set apart from the body (GOV.UK's "gem-c-lead-paragraph" and
 * "govuk-body-lead", "lead", "standfirst").
 */
static const char *const lead_words[] = { "lead", "lede", "standfirst",
	NULL };

/* Elements that flow within a paragraph. */
static const char *const inline_tags[] = { "a", "span", "strong", "b", "i",
	"em", "font", "u", "sub", "sup", "small", "abbr", "cite", "q", "mark",
	"time", "code", "big", "s", "ins", "del", NULL };

/* Elements that are a paragraph of their container. */
static const char *const para_tags[] = { "p", "li", "blockquote", "pre",
	"h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", NULL };

static int
in_list(const char *const *list, const xmlChar *name)
{
	for (; *list != NULL; list++)
		if (strcasecmp(*list, (const char *)name) == 0)
			return 1;
	return 0;
}

/* An attribute, lower-cased into buf ("" when absent). */
static const char *
attr_lower(xmlNode *n, const char *name, char *buf, size_t max)
{
	xmlChar *v = lx.get_prop(n, (const xmlChar *)name);
	size_t i = 0;

	if (v != NULL)
		for (; v[i] != '\0' && i + 1 < max; i++)
			buf[i] = (char)tolower(v[i]);
	buf[i] = '\0';
	lx_free(v);
	return buf;
}

/* 1 if a class of n holds one of words as a word of its own. */
static int
class_word(xmlNode *n, const char *const *words)
{
	char cls[256], *w, *save;

	attr_lower(n, "class", cls, sizeof(cls));
	for (w = strtok_r(cls, " \t\n-_", &save); w != NULL;
	    w = strtok_r(NULL, " \t\n-_", &save))
		if (in_list(words, (const xmlChar *)w))
			return 1;
	return 0;
}

/*
 * 1 if n is the lead of a page: a lead paragraph, or the description in
 * the page header of the Europa Component Library (EEAS, Commission).
 */
static int
is_lead(xmlNode *n)
{
	char cls[256];

	return class_word(n, lead_words) || (strstr(attr_lower(n, "class",
	    cls, sizeof(cls)), "page-header") != NULL && strstr(cls,
	    "__description") != NULL);
}

static int
skipped(xmlNode *n)
{
	const char *const *m;
	char cls[256], id[128];

	if (in_list(skipped_tags, n->name))
		return 1;
	attr_lower(n, "class", cls, sizeof(cls));
	attr_lower(n, "id", id, sizeof(id));
	for (m = skipped_marks; *m != NULL; m++)
		if (strstr(cls, *m) != NULL || strstr(id, *m) != NULL)
			return 1;
	return 0;
}

/* Keeps v for field f if it ranks better than what is kept. */
static void
offer(struct found *fd, enum field f, int rank, const char *v)
{
	char *copy;

	if (v == NULL || rank >= fd->rank[f])
		return;
	while (isspace((unsigned char)*v))
		v++;
	if (*v == '\0' || (copy = strdup(v)) == NULL)
		return;
	free(fd->v[f]);
	fd->v[f] = copy;
	fd->rank[f] = rank;
}

static void
offer_prop(struct found *fd, enum field f, int rank, xmlNode *n,
    const char *attr)
{
	xmlChar *v = lx.get_prop(n, (const xmlChar *)attr);

	offer(fd, f, rank, (const char *)v);
	lx_free(v);
}

static void
take_meta(struct found *fd, xmlNode *n)
{
	xmlChar *name = lx.get_prop(n, (const xmlChar *)"name");
	size_t i;

	if (name == NULL)
		name = lx.get_prop(n, (const xmlChar *)"property");
	if (name == NULL)
		return;
	for (i = 0; i < sizeof(metas) / sizeof(metas[0]); i++)
		if (strcasecmp(metas[i].name, (const char *)name) == 0)
			offer_prop(fd, metas[i].field, metas[i].rank, n,
			    "content");
	lx_free(name);
}

/* A JSON-LD string member, or an object's "@id" (mainEntityOfPage). */
static const char *
ld_string(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (json_is_object(v))
		v = json_object_get(v, "@id");
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int
ld_is_article(json_t *obj)
{
	json_t *t = json_object_get(obj, "@type"), *x;
	const char *s;
	size_t i;

	if (json_is_string(t)) {
		s = json_string_value(t);
		return strstr(s, "Article") != NULL;
	}
	json_array_foreach(t, i, x)
		if (json_is_string(x) && strstr(json_string_value(x),
		    "Article") != NULL)
			return 1;
	return 0;
}

/* An object of JSON-LD, an array of them, or an @graph. */
static void
take_ld_value(struct found *fd, json_t *v, int depth)
{
	json_t *x;
	size_t i;

	if (depth > 4)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			take_ld_value(fd, x, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	if ((x = json_object_get(v, "@graph")) != NULL)
		take_ld_value(fd, x, depth + 1);
	if (!ld_is_article(v))
		return;
	offer(fd, F_TITLE, 1, ld_string(v, "headline"));
	offer(fd, F_DATE, R_LD, ld_string(v, "datePublished"));
	offer(fd, F_URL, R_LD, ld_string(v, "url"));
	offer(fd, F_URL, R_LD + 1, ld_string(v, "mainEntityOfPage"));
	offer(fd, F_LANG, R_LD, ld_string(v, "inLanguage"));
}

static void
take_ld(struct found *fd, xmlNode *n)
{
	xmlChar *text = lx.content(n);
	json_t *v;

	if (text == NULL)
		return;
	/* A page's broken JSON-LD is its own affair: the rest still counts. */
	if ((v = json_loads((const char *)text, JSON_DISABLE_EOF_CHECK,
	    NULL)) != NULL) {
		take_ld_value(fd, v, 0);
		json_decref(v);
	}
	lx_free(text);
}

/* The length of the UTF-8 sequence that lead byte c starts. */
static size_t
utf8_seq_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Text with runs of white space made one space, into buf. */
static void
collapse(const char *s, char *buf, size_t max)
{
	size_t n = 0, lead;
	int space = 0;

	for (; *s != '\0' && n + 2 < max; s++) {
		if (isspace((unsigned char)*s)) {
			space = n > 0;
			continue;
		}
		if (space)
			buf[n++] = ' ';
		space = 0;
		buf[n++] = *s;
	}
	/* Cut short: not inside a character. */
	for (lead = n; lead > 0 && ((unsigned char)buf[lead - 1] & 0xC0) ==
	    0x80; lead--)
		;
	if (*s != '\0' && lead > 0 && n - (lead - 1) < utf8_seq_len(
	    (unsigned char)buf[lead - 1]))
		n = lead - 1;
	buf[n] = '\0';
}

/*
 * The text of n into buf[0..max), when it is short: 0 if its nodes and
 * bytes pass max, so that a large block costs no more than a small one.
 */
static int
short_text(xmlNode *n, char *buf, size_t max, size_t *len, int depth)
{
	size_t k;

	for (n = n->children; n != NULL; n = n->next) {
		if (++*len >= max || depth > 8)
			return 0;
		buf[*len - 1] = ' ';
		if (n->type == XML_TEXT_NODE && n->content != NULL) {
			k = strlen((const char *)n->content);
			if (*len + k >= max)
				return 0;
			memcpy(buf + *len, n->content, k);
			*len += k;
		} else if (n->type == XML_ELEMENT_NODE &&
		    !short_text(n, buf, max, len, depth + 1))
			return 0;
	}
	buf[*len] = '\0';
	return 1;
}

/* 1 if n or an element around it is left out of the statement. */
static int
in_skipped(xmlNode *n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (skipped(n))
			return 1;
	return 0;
}

/*
 * A date shown in the page: an element marked as one whose whole text is
 * a day ("19 July 2021"), outside what is left out (a list of related
 * pages).  One that could be read two ways is left.
 */
static void
take_shown_date(struct found *fd, xmlNode *n)
{
	struct dm_date d;
	char raw[128], buf[64];
	size_t len = 0;

	if (fd->rank[F_DATE] <= R_SHOWN || !class_word(n, date_marks) ||
	    !short_text(n, raw, sizeof(raw), &len, 0))
		return;
	collapse(raw, buf, sizeof(buf));
	if (date_parse(&d, buf, DATE_ORDER_NONE) == 0 && d.day != 0 &&
	    !in_skipped(n))
		offer(fd, F_DATE, R_SHOWN, buf);
}

static void
take_text_of(struct found *fd, enum field f, int rank, xmlNode *n)
{
	xmlChar *text = lx.content(n);
	char buf[1024];

	if (text == NULL)
		return;
	collapse((const char *)text, buf, sizeof(buf));
	lx_free(text);
	offer(fd, f, rank, buf);
}

/* What one element declares. */
static void
take_element(struct found *fd, xmlNode *n)
{
	const char *tag = (const char *)n->name;
	char buf[64];

	if (strcasecmp(tag, "meta") == 0)
		take_meta(fd, n);
	else if (strcasecmp(tag, "html") == 0) {
		offer_prop(fd, F_LANG, 0, n, "lang");
		offer_prop(fd, F_LANG, 0, n, "xml:lang");
	} else if (strcasecmp(tag, "link") == 0 && strcmp(attr_lower(n, "rel",
	    buf, sizeof(buf)), "canonical") == 0)
		offer_prop(fd, F_URL, 0, n, "href");
	else if (strcasecmp(tag, "script") == 0 && strcmp(attr_lower(n, "type",
	    buf, sizeof(buf)), "application/ld+json") == 0)
		take_ld(fd, n);
	else if (strcasecmp(tag, "time") == 0)
		offer_prop(fd, F_DATE, R_TIME, n, "datetime");
	else if (strcasecmp(tag, "h1") == 0)
		take_text_of(fd, F_TITLE, R_H1, n);
	else if (strcasecmp(tag, "title") == 0)
		take_text_of(fd, F_TITLE, R_TITLE, n);
	else
		take_shown_date(fd, n);
	if (fd->article == NULL && strcmp(attr_lower(n, "itemprop", buf,
	    sizeof(buf)), "articlebody") == 0)
		fd->article = n;
}

static void
declared(struct found *fd, xmlNode *n, int depth)
{
	for (; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE) {
			take_element(fd, n);
			/* Deeper than any page: a trap, not a statement. */
			if (depth < 256)
				declared(fd, n->children, depth + 1);
		}
}

/* The scores of the candidates for the main content block. */
struct scores {
	xmlNode **node;
	double   *score;
	size_t    n, cap;
};

static double *
score_of(struct scores *sc, xmlNode *n)
{
	size_t i = (size_t)(uintptr_t)n->_private;
	void *p;

	if (i > 0)
		return &sc->score[i - 1];
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 256;
		if ((p = realloc(sc->node, sc->cap * sizeof(*sc->node))) ==
		    NULL)
			return NULL;
		sc->node = p;
		if ((p = realloc(sc->score, sc->cap * sizeof(*sc->score))) ==
		    NULL)
			return NULL;
		sc->score = p;
	}
	sc->node[sc->n] = n;
	sc->score[sc->n] = 0;
	n->_private = (void *)(uintptr_t)++sc->n;
	return &sc->score[sc->n - 1];
}

/* Characters (not bytes, not spaces) of an element's own text. */
static size_t
own_text(xmlNode *n, int in_link)
{
	const unsigned char *s;
	size_t count = 0;

	for (n = n->children; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && !in_link && n->content) {
			for (s = n->content; *s != '\0'; s++)
				count += !isspace(*s) && (*s & 0xC0) != 0x80;
		} else if (n->type == XML_ELEMENT_NODE &&
		    in_list(inline_tags, n->name) && !skipped(n))
			count += own_text(n, in_link ||
			    strcasecmp((const char *)n->name, "a") == 0);
	}
	return count;
}

/* Gives each paragraph's text to its container, half to the next up. */
static int
score(struct scores *sc, xmlNode *n, int depth)
{
	xmlNode *target;
	double *s, text;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || skipped(n) ||
		    in_list(inline_tags, n->name))
			continue;
		if ((text = (double)own_text(n, 0)) > 0) {
			target = in_list(para_tags, n->name) && n->parent &&
			    n->parent->type == XML_ELEMENT_NODE ? n->parent : n;
			if ((s = score_of(sc, target)) == NULL)
				return DM_ERROR;
			*s += text;
			if (target->parent && target->parent->type ==
			    XML_ELEMENT_NODE) {
				if ((s = score_of(sc, target->parent)) == NULL)
					return DM_ERROR;
				*s += text / 2;
			}
		}
		if (depth < 256 && score(sc, n->children, depth + 1) != 0)
			return DM_ERROR;
	}
	return 0;
}

static xmlNode *
main_block(xmlNode *root)
{
	struct scores sc;
	xmlNode *best = NULL;
	double top = 0;
	size_t i;

	memset(&sc, 0, sizeof(sc));
	if (score(&sc, root, 0) == 0)
		for (i = 0; i < sc.n; i++)
			if (sc.score[i] > top) {
				top = sc.score[i];
				best = sc.node[i];
			}
	for (i = 0; i < sc.n; i++)
		sc.node[i]->_private = NULL;
	free(sc.node);
	free(sc.score);
	return best;
}

/* The body as text: paragraphs apart by a blank line, spaces folded. */
struct text {
	char   *s;
	size_t  n, cap;
	int     pending;	/* what goes before the next character */
	int     failed;
};

enum { P_NONE, P_SPACE, P_LINE, P_PARA };

/* The code point at s (the text is valid UTF-8) and its length. */
static size_t
next_char(const char *s, uint32_t *c)
{
	utf8proc_int32_t cp = 0;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1,
	    &cp);

	if (n <= 0) {
		*c = (unsigned char)*s;
		return 1;
	}
	*c = (uint32_t)cp;
	return (size_t)n;
}

static int
is_cjk(uint32_t c)
{
	return (c >= 0x2E80 && c < 0xA000) || (c >= 0xF900 && c < 0xFB00) ||
	    (c >= 0xFF00 && c < 0xFFF0) || c >= 0x20000;
}

/* The code point that ends the text so far. */
static uint32_t
last_char(const struct text *t)
{
	size_t i = t->n;
	uint32_t c = 0;

	while (i > 0 && ((unsigned char)t->s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		next_char(t->s + i - 1, &c);
	return c;
}

static void
put(struct text *t, const char *s, size_t n)
{
	char *p;

	if (t->failed)
		return;
	if (t->n + n + 1 > t->cap) {
		t->cap = (t->n + n + 1) * 2;
		if ((p = realloc(t->s, t->cap)) == NULL) {
			t->failed = 1;
			return;
		}
		t->s = p;
	}
	memcpy(t->s + t->n, s, n);
	t->n += n;
	t->s[t->n] = '\0';
}

static void
put_char(struct text *t, const char *s, size_t n, uint32_t c)
{
	static const char *const sep[] = { "", " ", "\n", "\n\n" };

	/* A line break inside Chinese text is no space between words. */
	if (t->pending == P_SPACE && is_cjk(c) && is_cjk(last_char(t)))
		t->pending = P_NONE;
	if (t->n > 0)
		put(t, sep[t->pending], strlen(sep[t->pending]));
	t->pending = P_NONE;
	put(t, s, n);
}

static void
put_text(struct text *t, const char *s)
{
	size_t n;
	uint32_t c;

	while (*s != '\0') {
		n = next_char(s, &c);
		/* ASCII space, no-break space, ideographic space */
		if (isspace((unsigned char)*s) || c == 0xA0 || c == 0x3000) {
			if (t->pending < P_SPACE)
				t->pending = P_SPACE;
		} else
			put_char(t, s, n, c);
		s += n;
	}
}

static void
render(struct text *t, xmlNode *n, int depth)
{
	int block;

	for (; n != NULL && depth < 256; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			put_text(t, (const char *)n->content);
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		if (strcasecmp((const char *)n->name, "br") == 0) {
			if (t->pending < P_LINE)
				t->pending = P_LINE;
			continue;
		}
		block = !in_list(inline_tags, n->name);
		if (block && t->pending < P_PARA)
			t->pending = P_PARA;
		render(t, n->children, depth + 1);
		if (block && t->pending < P_PARA)
			t->pending = P_PARA;
	}
}

/* A language tag as BCP 47 writes it: "zh_CN" becomes "zh-CN". */
static const char *
page_language(struct found *fd, const char *body)
{
	char *l = fd->v[F_LANG], *p;
	size_t cjk = 0, all = 0, n;
	uint32_t c;

	if (l != NULL) {
		for (p = l; *p != '\0'; p++)
			if (*p == '_')
				*p = '-';
		if (statement_language_valid(l))
			return l;
	}
	/* Undeclared: Chinese if most of the letters are. */
	for (; *body != '\0'; body += n) {
		n = next_char(body, &c);
		all += c > ' ' && !isdigit((int)(c & 0x7F));
		cjk += is_cjk(c);
	}
	return cjk * 3 > all ? "zh" : "en";
}

/* The canonical URL made absolute against the page's own address. */
static const char *
page_url(struct found *fd, const char *base, struct arena *ar)
{
	xmlChar *abs;
	const char *url = fd->v[F_URL], *out;
	size_t n;

	if (url == NULL)
		return base ? arena_strdup(ar, base) : NULL;
	abs = base ? lx.build_uri((const xmlChar *)url, (const xmlChar *)base) :
	    NULL;
	if (abs != NULL)
		url = (const char *)abs;
	/* A fragment names a place in the page, not another page. */
	n = strcspn(url, "#");
	out = arena_strndup(ar, url, n);
	lx_free(abs);
	return out;
}

/* The content of the page's <meta name=NAME>, or NULL (lx_free it). */
static xmlChar *
find_meta(xmlNode *n, const char *name, int depth)
{
	xmlChar *v, *found = NULL;

	for (; n != NULL && found == NULL && depth < 256; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)n->name, "meta") == 0 &&
		    (v = lx.get_prop(n, (const xmlChar *)"name")) != NULL) {
			if (strcasecmp((const char *)v, name) == 0)
				found = lx.get_prop(n,
				    (const xmlChar *)"content");
			lx_free(v);
		} else
			found = find_meta(n->children, name, depth + 1);
	}
	return found;
}

/*
 * The issuer: --issuer, else the site's <meta> naming it, else the table
 * of sites, else the page's ContentSource.
 */
static int
page_issuer(struct statement_in *st, struct arena *ar, struct found *fd,
    xmlNode *root, const struct html_options *opt)
{
	struct site site;
	xmlChar *meta = NULL;
	const char *issuer = opt->issuer;

	if (issuer == NULL && sites_lookup(st->url, &site) == 0) {
		if (*site.meta != '\0')
			meta = find_meta(root, site.meta, 0);
		issuer = meta && *meta ? (const char *)meta : site.issuer;
	}
	if (issuer == NULL)
		issuer = fd->v[F_SOURCE];
	if (issuer == NULL)
		return dm_error(DM_EINVALID, "no issuer: %s is not in the "
		    "table of publishing sites (give --issuer)", st->url ? st->url :
		    "the page has no address and");
	st->issuer = arena_strdup(ar, issuer);
	lx_free(meta);
	return st->issuer ? 0 : dm_error(DM_ERROR, "out of memory");
}

/* Turns what was found into the statement, with strings in ar. */
static int
fill(struct statement_in *st, struct arena *ar, struct found *fd,
    xmlNode *root, const char *body, const struct html_options *opt)
{
	char title[1024];
	int rc;

	if (fd->v[F_TITLE] == NULL)
		return dm_error(DM_EINVALID, "no title (no <title>, <h1> or "
		    "title <meta>)");
	if (fd->v[F_DATE] != NULL)
		rc = date_read(fd->v[F_DATE], opt->order, "the page's date",
		    st->date, st->date_lo, st->date_hi);
	else if (opt->date != NULL)
		rc = date_read(opt->date, opt->order, "--date", st->date,
		    st->date_lo, st->date_hi);
	else
		return dm_error(DM_EINVALID, "no date (no PubDate or "
		    "article:published_time <meta>, JSON-LD or <time "
		    "datetime>; give --date)");
	if (rc != 0)
		return rc;
	collapse(fd->v[F_TITLE], title, sizeof(title));
	st->source = "text";
	st->kind = "other";
	st->url = page_url(fd, opt->url, ar);
	/* The canonical URL: the same page imported again, edited, updates. */
	st->id = st->url;
	if ((rc = page_issuer(st, ar, fd, root, opt)) != 0)
		return rc;
	st->text = arena_strdup(ar, body);
	st->title = arena_strdup(ar, title);
	st->language = arena_strdup(ar, page_language(fd, body));
	if (st->text == NULL || st->title == NULL || st->language == NULL)
		return dm_error(DM_ERROR, "out of memory");
	return 0;
}

/* The page as UTF-8: *conv is set when it had to be converted. */
static int
to_utf8(const char **buf, size_t *len, const char *declared, char **conv)
{
	char charset[64];
	size_t bad, n;

	*conv = NULL;
	if (declared != NULL && *declared != '\0')
		snprintf(charset, sizeof(charset), "%s", declared);
	else
		charset_sniff(*buf, *len, charset, sizeof(charset));
	if (charset_is_utf8(charset) && utf8_check(*buf, *len, &bad) != 0) {
		if (*charset != '\0')
			return dm_error(DM_EINVALID, "invalid UTF-8 at byte "
			    "%zu", bad);
		/* Undeclared and not UTF-8: what browsers assume. */
		snprintf(charset, sizeof(charset), "windows-1252");
	}
	if (!charset_is_utf8(charset)) {
		if (charset_to_utf8(charset, *buf, *len, conv, len) != 0)
			return DM_EINVALID;
		*buf = *conv;
	}
	n = utf8_bom(*buf, *len);
	*buf += n;
	*len -= n;
	if (strlen(*buf) != *len)
		return dm_error(DM_EINVALID, "a NUL byte at byte %zu",
		    strlen(*buf));
	return 0;
}

/*
 * The address a browser wrote into the page it saved, in a comment
 * before the markup: "<!-- saved from url=(0023)https://example.org/ -->".
 */
static void
take_saved_from(struct found *fd, htmlDocPtr doc)
{
	static const char mark[] = "saved from url=(";
	const char *c, *url;
	char buf[2048];
	xmlNode *n;

	for (n = doc->children; n != NULL; n = n->next) {
		if (n->type != XML_COMMENT_NODE || n->content == NULL ||
		    (c = strstr((const char *)n->content, mark)) == NULL ||
		    (url = strchr(c, ')')) == NULL)
			continue;
		url++;
		snprintf(buf, sizeof(buf), "%.*s", (int)strcspn(url,
		    " \t\r\n"), url);
		offer(fd, F_URL, R_SHOWN, buf);
	}
}

/* Where the lead is looked for: before the block, as a reader reads. */
struct lead {
	xmlNode *block;
	xmlNode *found;
	int      done;		/* the block or the lead was reached */
};

/* 1 if n holds text other than white space. */
static int
has_text(xmlNode *n, int depth)
{
	const unsigned char *s;

	for (n = n->children; n != NULL && depth < 256; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			for (s = n->content; *s != '\0'; s++)
				if (!isspace(*s))
					return 1;
		if (n->type == XML_ELEMENT_NODE && has_text(n, depth + 1))
			return 1;
	}
	return 0;
}

/* 1 if n is block or holds it. */
static int
holds(xmlNode *n, xmlNode *block)
{
	for (; block != NULL; block = block->parent)
		if (block == n)
			return 1;
	return 0;
}

/* The first lead before the block, outside it and around it. */
static void
find_lead(struct lead *l, xmlNode *n, int depth)
{
	for (; n != NULL && !l->done && depth < 256; n = n->next) {
		if (n == l->block) {
			l->done = 1;
			return;
		}
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		if (is_lead(n) && !holds(n, l->block) && has_text(n, 0)) {
			l->found = n;
			l->done = 1;
			return;
		}
		find_lead(l, n->children, depth + 1);
	}
}

static int
from_tree(struct statement_in *st, struct arena *ar, htmlDocPtr doc,
    const struct html_options *opt)
{
	struct found fd;
	struct text body;
	struct lead lead;
	xmlNode *root = lx.root(doc), *block;
	size_t k;
	int rc, f;

	memset(&fd, 0, sizeof(fd));
	memset(&body, 0, sizeof(body));
	for (f = 0; f < F__MAX; f++)
		fd.rank[f] = R_NONE;
	declared(&fd, root, 0);
	take_saved_from(&fd, doc);
	block = fd.article ? fd.article : main_block(root);
	if (block != NULL) {
		/* The lead under the title opens the body, as on the page. */
		memset(&lead, 0, sizeof(lead));
		lead.block = block;
		find_lead(&lead, root, 0);
		if (lead.found != NULL) {
			render(&body, lead.found->children, 0);
			body.pending = P_PARA;
		}
		k = body.n;
		render(&body, block->children, 0);
		/* A body that repeats its lead first has it once. */
		if (k > 0 && body.n >= 2 * k + 2 && memcmp(body.s, body.s + k +
		    2, k) == 0) {
			body.n -= k + 2;
			memmove(body.s, body.s + k + 2, body.n + 1);
		}
	}
	if (body.failed)
		rc = dm_error(DM_ERROR, "out of memory");
	else if (body.n == 0)
		rc = dm_error(DM_EINVALID, "no statement in the page (no block "
		    "of text)");
	else
		rc = fill(st, ar, &fd, root, body.s, opt);
	for (f = 0; f < F__MAX; f++)
		free(fd.v[f]);
	free(body.s);
	return rc;
}

int
html_parse(struct statement_in *st, struct arena *ar, const char *buf,
    size_t len, const struct html_options *opt)
{
	htmlDocPtr doc;
	char *conv;
	int rc;

	memset(st, 0, sizeof(*st));
	if (len > PAGE_MAX_BYTES)
		return dm_error(DM_EINVALID, "a page of more than %d MiB",
		    PAGE_MAX_BYTES >> 20);
	if ((rc = xmllib_load()) != 0)
		return rc;
	if ((rc = to_utf8(&buf, &len, opt->charset, &conv)) != 0) {
		free(conv);
		return rc;
	}
	/* No network, no DTD: a page loads nothing and runs nothing. */
	doc = lx.read_html(buf, (int)len, opt->url, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_COMPACT);
	if (doc == NULL || lx.root(doc) == NULL)
		rc = dm_error(DM_EINVALID, "not an HTML page");
	else
		rc = from_tree(st, ar, doc, opt);
	lx.free_doc(doc);
	free(conv);
	return rc;
}
