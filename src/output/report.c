/*
 * The HTML report: one self-contained page (no script, nothing fetched)
 * with the archive's figures, the accusation network, a timeline of the
 * statements, the who table and the response threads.  Every text from
 * the archive goes through html(); the pictures are SVG inline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "archive.h"
#include "claimkind.h"
#include "atomicfile.h"
#include "chart.h"
#include "date.h"
#include "db.h"
#include "error.h"
#include "graph.h"
#include "output.h"
#include "query.h"
#include "timeline.h"

struct target {
	const char	*code;
	struct target	*next;
};

struct claim {
	const char	*by;		/* claimant code */
	const char	*kind;
	struct target	*targets;	/* in the listing's order, or NULL */
	struct target	*last_target;
	const char	*summary;
	const char	*quote;
	const char	*method;
	int64_t		 id;
	struct claim	*next;
};

struct stmt {
	const char	*id, *date, *issuer, *issuer_name, *kind;
	const char	*title, *url;	/* or NULL */
	const char	*responds_to;	/* OUT_LIST_SEP list, or NULL */
	long		 lo, hi;	/* first and last day: day numbers */
	size_t		 row;		/* timeline row: the issuer's */
	size_t		 beside;	/* marks before it at its place */
	size_t		*parent;	/* what it answers, in the report */
	size_t		 nparents;
	size_t		*child;		/* what answers it, in the report */
	size_t		 nchildren;
	struct claim	*claims, *last;
	int		 shown;		/* written in the threads */
};

struct report {
	struct arena	  arena;
	FILE		 *fp;
	struct stmt	 *s;		/* in date order */
	size_t		  n, cap;
	struct stmt	**byid;		/* sorted by id */
	size_t		 *row;		/* first statement of each issuer */
	size_t		  nrows;
	int64_t		  nclaims;
};

/* Links and nesting deeper than this start a thread of their own. */
#define THREAD_DEPTH	32

#define NELEM(x)	(sizeof(x) / sizeof((x)[0]))

/* Writes archive text as HTML or SVG text; NULL writes nothing. */
static void
html(FILE *fp, const char *s)
{
	if (s != NULL)
		escape_write(fp, s, xml_esc);
}

/* Sets the first and last day that an ISO date of the archive covers. */
static void
day_span(const char *iso, long *lo, long *hi)
{
	struct dm_date d;
	char a[11], b[11];

	*lo = *hi = 0;
	if (date_parse(&d, iso, DATE_ORDER_NONE) != 0)
		return;
	date_span(&d, a, b);
	if (date_parse(&d, a, DATE_ORDER_NONE) == 0)
		*lo = date_days(&d);
	if (date_parse(&d, b, DATE_ORDER_NONE) == 0)
		*hi = date_days(&d);
}

static const char *
keep(struct report *r, const char *s)
{
	return s == NULL ? "" : arena_strdup(&r->arena, s);
}

/* A joint statement's issuers (a COL_NAMES cell), joined with "; ". */
static const char *
keep_names(struct report *r, const char *s)
{
	const char *p;
	char *out, *o;
	size_t n = 0;

	if (s == NULL || strchr(s, OUT_LIST_SEP) == NULL)
		return keep(r, s);
	for (p = s; *p; p++)
		n += *p == OUT_LIST_SEP ? 2 : 1;
	if ((out = arena_alloc(&r->arena, n + 1)) == NULL)
		return NULL;
	for (o = out, p = s; *p; p++)
		if (*p == OUT_LIST_SEP) {
			*o++ = ';';
			*o++ = ' ';
		} else
			*o++ = *p;
	*o = '\0';
	return out;
}

static int
by_id(const void *a, const void *b)
{
	return strcmp((*(struct stmt *const *)a)->id,
	    (*(struct stmt *const *)b)->id);
}

/* The index of the statement called id, or SIZE_MAX. */
static size_t
find(const struct report *r, const char *id)
{
	struct stmt key, *kp = &key, **found;

	key.id = id;
	found = bsearch(&kp, r->byid, r->n, sizeof(*r->byid), by_id);
	return found == NULL ? SIZE_MAX : (size_t)(*found - r->s);
}

static int
load_statement(struct report *r, struct db_stmt *st)
{
	struct stmt *s;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		if ((s = realloc(r->s, r->cap * sizeof(*s))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		r->s = s;
	}
	s = &r->s[r->n];
	memset(s, 0, sizeof(*s));
	s->id = keep(r, db_column_text(st, 0));
	s->date = keep(r, db_column_text(st, 1));
	s->issuer = keep_names(r, db_column_text(st, 2));
	s->issuer_name = keep_names(r, db_column_text(st, 3));
	s->kind = keep(r, db_column_text(st, 4));
	s->title = db_column_is_null(st, 5) ? NULL :
	    keep(r, db_column_text(st, 5));
	s->url = db_column_is_null(st, 6) ? NULL :
	    keep(r, db_column_text(st, 6));
	s->responds_to = db_column_is_null(st, 9) ? NULL :
	    keep(r, db_column_text(st, 9));
	if (s->id == NULL || s->date == NULL || s->issuer == NULL ||
	    s->issuer_name == NULL || s->kind == NULL ||
	    (s->title == NULL && !db_column_is_null(st, 5)) ||
	    (s->url == NULL && !db_column_is_null(st, 6)) ||
	    (s->responds_to == NULL && !db_column_is_null(st, 9)))
		return dm_error(DM_ERROR, "out of memory");
	day_span(s->date, &s->lo, &s->hi);
	r->n++;
	return 0;
}

static int
by_issuer(const void *a, const void *b)
{
	const struct stmt *x = *(struct stmt *const *)a;
	const struct stmt *y = *(struct stmt *const *)b;
	int c = strcmp(x->issuer, y->issuer);

	return c != 0 ? c : (x > y) - (x < y);
}

static int
by_place(const void *a, const void *b)
{
	const struct stmt *x = *(struct stmt *const *)a;
	const struct stmt *y = *(struct stmt *const *)b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x > y) - (x < y);
}

static int
by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/*
 * Gives each statement its timeline row, one per issuer in the order the
 * issuers first speak, and the number of marks drawn before it at the
 * same place (issuer, first and last day): sorted, not searched, so a
 * report of many statements or issuers takes no time squared.
 */
static int
place_marks(struct report *r)
{
	struct stmt **p;
	size_t i, k;

	if (r->n == 0)
		return 0;
	if ((p = malloc(r->n * sizeof(*p))) == NULL ||
	    (r->row = malloc(r->n * sizeof(*r->row))) == NULL) {
		free(p);
		return dm_error(DM_ERROR, "out of memory");
	}
	for (i = 0; i < r->n; i++)
		p[i] = &r->s[i];
	qsort(p, r->n, sizeof(*p), by_issuer);
	for (i = 0; i < r->n; i++)
		if (i == 0 || strcmp(p[i]->issuer, p[i - 1]->issuer) != 0)
			r->row[r->nrows++] = (size_t)(p[i] - r->s);
	qsort(r->row, r->nrows, sizeof(*r->row), by_index);
	for (k = 0; k < r->nrows; k++)
		r->s[r->row[k]].row = k;
	for (i = 1; i < r->n; i++)
		if (strcmp(p[i]->issuer, p[i - 1]->issuer) == 0)
			p[i]->row = p[i - 1]->row;
	qsort(p, r->n, sizeof(*p), by_place);
	for (i = 0; i < r->n; i++)
		p[i]->beside = i > 0 && p[i]->lo == p[i - 1]->lo &&
		    p[i]->hi == p[i - 1]->hi && p[i]->row == p[i - 1]->row ?
		    p[i - 1]->beside + 1 : 0;
	free(p);
	return 0;
}

/* Adds one row of the claims listing: a claim, or another target. */
static int
load_claim(struct report *r, struct db_stmt *st, struct stmt **cur)
{
	struct claim *c;
	struct target *t;
	const char *target;
	size_t i;
	int64_t id = db_column_int(st, 0);

	if (*cur == NULL || strcmp((*cur)->id, db_column_text(st, 1)) != 0) {
		if ((i = find(r, db_column_text(st, 1))) == SIZE_MAX)
			return 0;	/* not a statement of the report */
		*cur = &r->s[i];
	}
	target = db_column_text(st, 7);
	if ((c = (*cur)->last) == NULL || c->id != id) {
		if ((c = arena_alloc(&r->arena, sizeof(*c))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		c->id = id;
		c->by = keep(r, db_column_text(st, 3));
		c->kind = keep(r, db_column_text(st, 5));
		c->summary = db_column_is_null(st, 10) ? NULL :
		    keep(r, db_column_text(st, 10));
		c->quote = db_column_is_null(st, 11) ? NULL :
		    keep(r, db_column_text(st, 11));
		c->method = keep(r, db_column_text(st, 12));
		if (c->by == NULL || c->kind == NULL || c->method == NULL)
			return dm_error(DM_ERROR, "out of memory");
		if ((*cur)->last != NULL)
			(*cur)->last->next = c;
		else
			(*cur)->claims = c;
		(*cur)->last = c;
		r->nclaims++;
	}
	if (target == NULL)
		return 0;
	if ((t = arena_alloc(&r->arena, sizeof(*t))) == NULL ||
	    (t->code = keep(r, target)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if (c->last_target != NULL)
		c->last_target->next = t;
	else
		c->targets = t;
	c->last_target = t;
	return 0;
}

/* Links each statement to those of the report it answers, and back. */
static int
link_threads(struct report *r)
{
	const char *p, *end;
	char *id;
	size_t i, j, k, n;
	struct stmt *s;

	for (i = 0; i < r->n; i++) {
		s = &r->s[i];
		if (s->responds_to == NULL)
			continue;
		for (n = 1, p = s->responds_to; (p = strchr(p,
		    OUT_LIST_SEP)) != NULL; p++)
			n++;
		if ((s->parent = arena_alloc(&r->arena, n *
		    sizeof(*s->parent))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		for (p = s->responds_to; p != NULL; p = end ? end + 1 : NULL) {
			end = strchr(p, OUT_LIST_SEP);
			if ((id = strndup(p, end ? (size_t)(end - p) :
			    strlen(p))) == NULL)
				return dm_error(DM_ERROR, "out of memory");
			if ((j = find(r, id)) != SIZE_MAX && j != i) {
				s->parent[s->nparents++] = j;
				r->s[j].nchildren++;
			}
			free(id);
		}
	}
	for (i = 0; i < r->n; i++) {
		if (r->s[i].nchildren == 0)
			continue;
		if ((r->s[i].child = arena_alloc(&r->arena,
		    r->s[i].nchildren * sizeof(size_t))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		r->s[i].nchildren = 0;
	}
	for (i = 0; i < r->n; i++)
		for (k = 0; k < r->s[i].nparents; k++) {
			s = &r->s[r->s[i].parent[k]];
			s->child[s->nchildren++] = i;
		}
	return 0;
}

/*
 * The statements and claims the report shows: those the listings give
 * under f, without the options that choose among pairs or claim kinds.
 */
static int
report_load(struct report *r, dm_archive *a, const struct dm_filter *f)
{
	struct dm_filter sf;
	struct db_stmt *st = NULL;
	struct stmt *cur = NULL;
	size_t i;
	int rc;

	memset(&sf, 0, sizeof(sf));
	sf.actor = f->actor;
	sf.exact = f->exact;
	sf.from = f->from;
	sf.to = f->to;
	sf.date_order = f->date_order;
	sf.topic = f->topic;
	if ((rc = query_prepare(a, DM_LIST_STATEMENTS, &sf, &st)) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW)
		if ((rc = load_statement(r, st)) != 0)
			goto done;
	if (rc != DB_DONE || (rc = place_marks(r)) != 0)
		goto done;
	db_finalize(st);
	st = NULL;
	if (r->n > 0 && (r->byid = malloc(r->n * sizeof(*r->byid))) ==
	    NULL) {
		rc = dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	for (i = 0; i < r->n; i++)
		r->byid[i] = &r->s[i];
	if (r->n > 0)
		qsort(r->byid, r->n, sizeof(*r->byid), by_id);
	if ((rc = query_prepare(a, DM_LIST_CLAIMS, &sf, &st)) != 0)
		goto done;
	while ((rc = db_step(st)) == DB_ROW)
		if ((rc = load_claim(r, st, &cur)) != 0)
			goto done;
	if (rc != DB_DONE)
		goto done;
	rc = link_threads(r);
done:
	db_finalize(st);
	return rc;
}

static const char style[] =
    "<style>\n"
    ":root{color-scheme:light;--ink:#1d2430;--soft:#5b6472;"
    "--line:#d8dde4;--band:#f4f6f9;--accent:#1b5e9e}\n"
    "body{margin:0 auto;max-width:1080px;padding:24px 28px 64px;"
    "font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "\"Helvetica Neue\",Arial,sans-serif;color:var(--ink);"
    "background:#fff}\n"
    "h1{font-size:28px;margin:0 0 4px}h2{font-size:20px;"
    "margin:40px 0 12px;padding-bottom:4px;border-bottom:2px solid "
    "var(--line)}\n"
    "nav a{margin-right:14px}a{color:var(--accent)}\n"
    ".filters,.note,.muted{color:var(--soft)}\n"
    ".figures{display:flex;flex-wrap:wrap;gap:12px;padding:0;"
    "list-style:none}\n"
    ".figures li{background:var(--band);border-radius:8px;"
    "padding:10px 16px;min-width:120px}\n"
    ".figures b{display:block;font-size:24px}\n"
    ".picture{overflow-x:auto;border:1px solid var(--line);"
    "border-radius:8px;padding:8px;background:#fff}\n"
    /* Shrunk to the page, a wide network's labels could not be read. */
    ".picture svg{max-width:none;height:auto;display:block;"
    "margin:0 auto}\n"
    ".missing{background:#fff6e0;border:1px solid #f0c36d;"
    "border-radius:8px;padding:12px 16px}\n"
    "table{border-collapse:collapse;width:100%;font-size:14px}\n"
    "th,td{text-align:left;vertical-align:top;padding:6px 8px;"
    "border-bottom:1px solid var(--line)}\n"
    "th{background:var(--band)}td.n{text-align:right}"
    "td.d{white-space:nowrap}\n"
    ".code{font-family:ui-monospace,\"DejaVu Sans Mono\",Menlo,"
    "monospace;font-size:13px}\n"
    ".thread{border-left:3px solid var(--line);margin:18px 0;"
    "padding-left:14px}\n"
    ".stmt{margin:10px 0}.answers{margin-left:22px;"
    "border-left:2px dotted var(--line);padding-left:14px}\n"
    ".head time{font-weight:600;margin-right:8px}\n"
    ".title{margin:2px 0 4px;font-weight:600}\n"
    ".claims{margin:4px 0;padding-left:20px}\n"
    ".ck{display:inline-block;border-radius:4px;padding:0 6px;"
    "font-size:12px;background:var(--band);border:1px solid "
    "var(--line)}\n"
    "blockquote{margin:4px 0 8px;padding:2px 12px;border-left:3px "
    "solid #9bb7d4;color:#333;font-style:italic}\n"
    "</style>\n";

static void
write_head(FILE *fp, const struct dm_filter *f)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    /* Nothing to fetch and nothing to run, whatever the text says. */
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src data:\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"demarche " DM_VERSION "\">\n"
	    "<title>demarche report: who accused whom</title>\n", fp);
	fputs(style, fp);
	fputs("</head>\n<body>\n<header>\n<h1>Who accused whom</h1>\n"
	    "<p class=\"filters\">", fp);
	if (f->actor || f->from || f->to || f->kinds || f->topic || f->by ||
	    f->target || f->mutual || f->rollup || f->limit) {
		fputs("Filters:", fp);
		if (f->actor) {
			fputs(" actor <span class=\"code\">", fp);
			html(fp, f->actor);
			fputs(f->exact ? "</span> only;" :
			    "</span> and those under it;", fp);
		}
		if (f->from) {
			fputs(" from ", fp);
			html(fp, f->from);
			fputs(";", fp);
		}
		if (f->to) {
			fputs(" to ", fp);
			html(fp, f->to);
			fputs(";", fp);
		}
		if (f->topic) {
			fputs(" topic ", fp);
			html(fp, f->topic);
			fputs(";", fp);
		}
		if (f->kinds) {
			fputs(" claim kinds ", fp);
			html(fp, f->kinds);
			fputs(";", fp);
		}
		if (f->by) {
			fputs(" accusations by ", fp);
			html(fp, f->by);
			fputs(";", fp);
		}
		if (f->target) {
			fputs(" accusations against ", fp);
			html(fp, f->target);
			fputs(";", fp);
		}
		if (f->mutual)
			fputs(" mutual pairs only;", fp);
		if (f->rollup)
			fputs(" actors folded into their top level;", fp);
		if (f->limit)
			fprintf(fp, " at most %lld pairs;",
			    (long long)f->limit);
	} else
		fputs("The whole archive.", fp);
	fputs("</p>\n<nav><a href=\"#figures\">Figures</a>"
	    "<a href=\"#network\">Network</a><a href=\"#timeline\">"
	    "Timeline</a><a href=\"#who\">Who accused whom</a>"
	    "<a href=\"#threads\">Threads</a></nav>\n</header>\n", fp);
}

static void
figure(FILE *fp, long long n, const char *what)
{
	fprintf(fp, "<li><b>%lld</b>%s</li>\n", n, what);
}

static int
write_figures(FILE *fp, dm_archive *a, const struct report *r,
    int64_t npairs)
{
	struct dm_stats st;
	int rc;

	if ((rc = dm_archive_stats(a, &st)) != 0)
		return rc;
	fputs("<section id=\"figures\">\n<h2>The archive</h2>\n"
	    "<ul class=\"figures\">\n", fp);
	figure(fp, st.statements, "statements");
	figure(fp, st.claims, "claims");
	figure(fp, st.actors, "actors");
	figure(fp, st.unresolved, "unresolved actors");
	figure(fp, st.imports, "imports");
	fputs("</ul>\n<p>", fp);
	if (st.first_date[0] != '\0') {
		fputs("Statements dated from <b>", fp);
		html(fp, st.first_date);
		fputs("</b> to <b>", fp);
		html(fp, st.last_date);
		fputs("</b>. ", fp);
	}
	fprintf(fp, "This report shows %lld statement%s with %lld claim%s, "
	    "and %lld accusing pair%s.</p>\n</section>\n", (long long)r->n,
	    r->n == 1 ? "" : "s", (long long)r->nclaims,
	    r->nclaims == 1 ? "" : "s", (long long)npairs,
	    npairs == 1 ? "" : "s");
	return 0;
}

/*
 * The network from Graphviz, inline.  Graphviz escapes the text it
 * writes, and the page's policy runs no script, so its SVG goes in as
 * it is.  A missing Graphviz is said in place of the picture.
 */
static void
write_network(FILE *fp, const struct graph *g, int64_t npairs)
{
	char *svg = NULL;
	size_t len;

	fputs("<section id=\"network\">\n<h2>The accusation network</h2>\n",
	    fp);
	if (graph_drawn(g) < npairs) {
		fprintf(fp, "<p class=\"note\">The %lld pairs with the most "
		    "claims, of %lld; the table below lists them all.</p>\n",
		    (long long)graph_drawn(g), (long long)npairs);
		dm_warn("the report's network draws the %lld pairs with the "
		    "most claims, of %lld: %lld left out",
		    (long long)graph_drawn(g), (long long)npairs,
		    (long long)(npairs - graph_drawn(g)));
	}
	if (graph_drawn(g) == 0)
		fputs("<p class=\"note\">No accusations match.</p>\n", fp);
	else if (graph_draw(g, "svg", &svg, &len) != 0) {
		dm_warn("the report has no network picture: %s",
		    dm_error_last());
		fputs("<p class=\"missing\">The network picture is missing: ",
		    fp);
		html(fp, dm_error_last());
		fputs(".</p>\n", fp);
	} else {
		fputs("<p class=\"note\">Arrows run from accuser to accused; "
		    "hover over an actor or an arrow for its figures.</p>\n"
		    "<div class=\"picture\">\n", fp);
		fwrite(svg, 1, len, fp);
		fputs("</div>\n", fp);
	}
	fputs("</section>\n", fp);
	free(svg);
}

/* Timeline geometry, in SVG user units. */
#define TL_WIDTH	1000.0
#define TL_ROW		28.0
#define TL_TOP		12.0
#define TL_RIGHT	24.0

struct scale {
	long	d0, d1;		/* first and last day drawn */
	double	left, width;	/* the plot's x and width */
};

static double
x_of(const struct scale *sc, double day)
{
	return sc->left + (day - (double)sc->d0) / (double)(sc->d1 -
	    sc->d0 + 1) * sc->width;
}

static double
y_of(size_t row)
{
	return TL_TOP + TL_ROW * ((double)row + 0.5);
}

/* Steps between ticks: days, months or years. */
static const struct {
	int	days, months, years;
} tick_steps[] = {
	{ 1, 0, 0 }, { 2, 0, 0 }, { 7, 0, 0 }, { 14, 0, 0 },
	{ 0, 1, 0 }, { 0, 2, 0 }, { 0, 3, 0 }, { 0, 6, 0 },
	{ 0, 0, 1 }, { 0, 0, 2 }, { 0, 0, 5 }, { 0, 0, 10 },
	{ 0, 0, 20 }, { 0, 0, 50 }, { 0, 0, 100 }, { 0, 0, 1000 },
};

static void
next_months(struct dm_date *d, int n)
{
	d->month += n;
	while (d->month > 12) {
		d->month -= 12;
		d->year++;
	}
}

static void
write_ticks(FILE *fp, const struct scale *sc, double y)
{
	struct dm_date d;
	size_t i;
	long day, span = sc->d1 - sc->d0 + 1, most;
	double x;

	/* Room for a label of ten characters per tick. */
	most = (long)(sc->width / 96.0);
	for (i = 0; i < NELEM(tick_steps) - 1; i++)
		if ((tick_steps[i].days ? span / tick_steps[i].days :
		    tick_steps[i].months ? span / (30L * tick_steps[i].months) :
		    span / (365L * tick_steps[i].years)) < most)
			break;
	date_from_days(&d, sc->d0);
	/* Month and year ticks fall on a first day, at a round number. */
	if (tick_steps[i].days == 0 && d.day > 1) {
		d.day = 1;
		next_months(&d, 1);
	}
	while (tick_steps[i].months && (d.month - 1) % tick_steps[i].months)
		next_months(&d, 1);
	if (tick_steps[i].years) {
		while (d.month != 1)
			next_months(&d, 1);
		while (d.year % tick_steps[i].years)
			d.year++;
	}
	for (day = date_days(&d); day <= sc->d1 && d.year <= 9999; ) {
		x = x_of(sc, (double)day);
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#d8dde4\"/>\n", x, TL_TOP, x, y);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\">", x, y + 16);
		if (tick_steps[i].days)
			fprintf(fp, "%04d-%02d-%02d", d.year, d.month, d.day);
		else if (tick_steps[i].months)
			fprintf(fp, "%04d-%02d", d.year, d.month);
		else
			fprintf(fp, "%04d", d.year);
		fputs("</text>\n", fp);
		if (tick_steps[i].days) {
			date_add_days(&d, tick_steps[i].days);
		} else if (tick_steps[i].months)
			next_months(&d, tick_steps[i].months);
		else
			d.year += tick_steps[i].years;
		day = date_days(&d);
	}
}

/*
 * Where a statement's mark goes: a dot on its day, or a bar over its
 * month or year; statements of one issuer on one day stand side by side.
 */
static void
mark_place(const struct report *r, const struct scale *sc, size_t i,
    double *x0, double *x1)
{
	const struct stmt *s = &r->s[i];
	double nudge = 9.0 * (double)s->beside;

	if (s->lo == s->hi) {
		*x0 = *x1 = x_of(sc, (double)s->lo + 0.5) + nudge;
		return;
	}
	*x0 = x_of(sc, (double)s->lo);
	*x1 = x_of(sc, (double)s->hi + 1);
	if (*x1 - *x0 < 6)
		*x1 = *x0 + 6;
}

static void
write_mark(FILE *fp, const struct report *r, const struct scale *sc,
    size_t i)
{
	const struct stmt *s = &r->s[i];
	const char *fill = s->nparents > 0 ? "#d95f02" : "#1b5e9e";
	double x0, x1, y = y_of(s->row);

	mark_place(r, sc, i, &x0, &x1);
	fprintf(fp, "<a href=\"#s-%zu\"><title>", i);
	html(fp, s->date);
	fputs(" ", fp);
	html(fp, s->issuer);
	fputs(": ", fp);
	html(fp, s->title ? s->title : s->id);
	fputs("</title>", fp);
	if (x0 == x1)
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" "
		    "fill=\"%s\" stroke=\"#fff\" stroke-width=\"1.5\"/>",
		    x0, y, fill);
	else
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"10\" rx=\"4\" fill=\"%s\" fill-opacity=\"0.55\" "
		    "stroke=\"%s\"/>", x0, y - 5, x1 - x0, fill, fill);
	fputs("</a>\n", fp);
}

/* A curve from the mark of what is answered to the mark of the answer. */
static void
write_link(FILE *fp, const struct report *r, const struct scale *sc,
    size_t from, size_t to)
{
	double a0, a1, b0, b1, ya, yb;

	mark_place(r, sc, from, &a0, &a1);
	mark_place(r, sc, to, &b0, &b1);
	ya = y_of(r->s[from].row);
	yb = y_of(r->s[to].row);
	fprintf(fp, "<path d=\"M%.1f %.1f Q%.1f %.1f %.1f %.1f\"/>\n",
	    (a0 + a1) / 2, ya, (a0 + a1 + b0 + b1) / 4 + 24, (ya + yb) / 2,
	    (b0 + b1) / 2, yb);
}

/* Periods beyond which the report's counts take a longer period. */
#define TL_PERIODS	120

/*
 * The accusations under the report's filters per day, or per the first
 * longer period whose count stays within TL_PERIODS: the counts of
 * 'demarche timeline', drawn by its chart.
 */
static int
write_counts(FILE *fp, dm_archive *a, const struct dm_filter *f)
{
	static const char *const pers[] = { "day", "week", "month",
	    "quarter", "year" };
	struct dm_timeline_options opt;
	struct dm_filter tf = *f;
	struct timeline *t = NULL;
	struct chart ch;
	char (*labels)[TIMELINE_LABEL] = NULL, title[64], acc[256];
	const char **lp = NULL;
	size_t i, k;
	int rc;

	memset(&opt, 0, sizeof(opt));
	/* The kinds 'who' counts by default. */
	if (tf.kinds == NULL)
		tf.kinds = claim_kind_accusation_list(acc, sizeof(acc));
	for (k = 0; k < NELEM(pers); k++) {
		timeline_free(t);
		opt.per = pers[k];
		if ((rc = timeline_count(a, &tf, &opt, &t)) != 0)
			return rc;
		if (t->nperiods <= TL_PERIODS)
			break;
	}
	if (t->nperiods == 0)
		goto done;
	if ((labels = calloc(t->nperiods, sizeof(*labels))) == NULL ||
	    (lp = calloc(t->nperiods, sizeof(*lp))) == NULL) {
		rc = dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	for (i = 0; i < t->nperiods; i++) {
		timeline_label(t, i, labels[i]);
		lp[i] = labels[i];
	}
	snprintf(title, sizeof(title), "Claims of the kinds shown, per %s",
	    opt.per);
	memset(&ch, 0, sizeof(ch));
	ch.title = title;
	ch.labels = lp;
	ch.npoints = t->nperiods;
	ch.nseries = 1;
	ch.values = t->count;
	fprintf(fp, "<h3>Claims per %s</h3>\n<p class=\"note\">The claims "
	    "of the kinds shown (accusations unless --kind says otherwise) "
	    "per %s, as 'demarche timeline --per %s' counts them", opt.per,
	    opt.per, opt.per);
	if (t->left_out > 0)
		fprintf(fp, "; %lld dated only more broadly are left out",
		    (long long)t->left_out);
	fputs(".</p>\n<div class=\"picture\">\n", fp);
	rc = chart_svg(fp, &ch);
	fputs("</div>\n", fp);
done:
	free(labels);
	free(lp);
	timeline_free(t);
	return rc;
}

static int
write_timeline(FILE *fp, dm_archive *a, const struct dm_filter *f,
    const struct report *r)
{
	struct scale sc;
	double h, y, label = 0;
	size_t i, k, len;
	long pad;
	int rc;

	fputs("<section id=\"timeline\">\n<h2>Statements over time</h2>\n",
	    fp);
	if (r->n == 0) {
		fputs("<p class=\"note\">No statements match.</p>\n"
		    "</section>\n", fp);
		return 0;
	}
	sc.d0 = r->s[0].lo;
	sc.d1 = r->s[0].hi;
	for (i = 0; i < r->n; i++) {
		if (r->s[i].lo < sc.d0)
			sc.d0 = r->s[i].lo;
		if (r->s[i].hi > sc.d1)
			sc.d1 = r->s[i].hi;
	}
	pad = (sc.d1 - sc.d0) / 20 + 1;
	sc.d0 -= pad;
	sc.d1 += pad;
	for (i = 0; i < r->nrows; i++)
		if ((len = utf8_width(r->s[r->row[i]].issuer)) > label)
			label = (double)len;
	sc.left = label * 7.6 + 20;
	sc.left = sc.left < 90 ? 90 : sc.left > 260 ? 260 : sc.left;
	sc.width = TL_WIDTH - sc.left - TL_RIGHT;
	y = TL_TOP + TL_ROW * (double)r->nrows;
	h = y + 30;
	fprintf(fp, "<p class=\"note\">One row per issuer; a dot is a "
	    "statement on its day, a bar one dated only to a month or a "
	    "year.  <span style=\"color:#d95f02\">Orange</span>: a response, "
	    "linked to what it answers.</p>\n<div class=\"picture\">\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f "
	    "%.0f\" width=\"%.0f\" height=\"%.0f\" font-family=\"system-ui,"
	    "sans-serif\" font-size=\"12\" role=\"img\">\n"
	    "<title>Statements over time, one row per issuer</title>\n",
	    TL_WIDTH, h, TL_WIDTH, h);
	for (i = 0; i < r->nrows; i++) {
		if (i % 2 == 0)
			fprintf(fp, "<rect x=\"0\" y=\"%.1f\" width=\"%.0f\" "
			    "height=\"%.0f\" fill=\"#f4f6f9\"/>\n", TL_TOP +
			    TL_ROW * (double)i, TL_WIDTH, TL_ROW);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		    "font-family=\"ui-monospace,monospace\"><title>",
		    sc.left - 10, y_of(i) + 4);
		html(fp, r->s[r->row[i]].issuer_name);
		fputs("</title>", fp);
		html(fp, r->s[r->row[i]].issuer);
		fputs("</text>\n", fp);
	}
	write_ticks(fp, &sc, y);
	fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	    "stroke=\"#5b6472\"/>\n<g fill=\"none\" stroke=\"#d95f02\" "
	    "stroke-opacity=\"0.6\" stroke-width=\"1.5\">\n", sc.left, y,
	    sc.left + sc.width, y);
	for (i = 0; i < r->n; i++)
		for (k = 0; k < r->s[i].nparents; k++)
			write_link(fp, r, &sc, r->s[i].parent[k], i);
	fputs("</g>\n", fp);
	for (i = 0; i < r->n; i++)
		write_mark(fp, r, &sc, i);
	fputs("</svg>\n</div>\n", fp);
	if ((rc = write_counts(fp, a, f)) != 0)
		return rc;
	fputs("</section>\n", fp);
	return 0;
}

static int
write_who(FILE *fp, dm_archive *a, const struct dm_filter *f)
{
	struct db_stmt *st = NULL;
	struct query_row r = { 0 };
	int rc, n = 0;

	if ((rc = query_prepare(a, DM_LIST_WHO, f, &st)) != 0)
		return rc;
	fputs("<section id=\"who\">\n<h2>Who accused whom</h2>\n", fp);
	while ((rc = db_step(st)) == DB_ROW) {
		if ((rc = query_row(st, DM_LIST_WHO, &r)) != 0)
			break;
		if (n++ == 0)
			fputs("<table>\n<thead><tr><th>accuser</th>"
			    "<th>accused</th><th>claims</th>"
			    "<th>statements</th><th>first</th><th>last</th>"
			    "<th>kinds</th><th>topics</th></tr></thead>\n"
			    "<tbody>\n", fp);
		fputs("<tr><td><span class=\"code\">", fp);
		html(fp, r.cell[0]);
		fputs("</span><br>", fp);
		html(fp, r.cell[1]);
		fputs("</td><td><span class=\"code\">", fp);
		html(fp, r.cell[2]);
		fputs("</span><br>", fp);
		html(fp, r.cell[3]);
		fprintf(fp, "</td><td class=\"n\">%lld</td><td class=\"n\">"
		    "%lld</td><td class=\"d\">", (long long)r.num[4],
		    (long long)r.num[5]);
		html(fp, r.cell[6]);
		fputs("</td><td class=\"d\">", fp);
		html(fp, r.cell[7]);
		fputs("</td><td>", fp);
		escape_list(fp, r.cell[8], ", ", xml_esc);
		fputs("</td><td>", fp);
		escape_list(fp, r.cell[9], ", ", xml_esc);
		fputs("</td></tr>\n", fp);
	}
	if (rc == DB_DONE) {
		rc = 0;
		fputs(n > 0 ? "</tbody>\n</table>\n" :
		    "<p class=\"note\">No accusations match.</p>\n", fp);
		fputs("</section>\n", fp);
	}
	query_row_free(&r);
	db_finalize(st);
	return rc;
}

/* Only web addresses become links: a javascript: URL stays text. */
static int
is_web(const char *url)
{
	return strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0;
}

/* The date, issuer, kind and title (a link when it is a web address). */
static void
write_stmt_head(FILE *fp, const struct stmt *s)
{
	fputs("<time>", fp);
	html(fp, s->date);
	fputs("</time><span class=\"code\">", fp);
	html(fp, s->issuer);
	fputs("</span> ", fp);
	html(fp, s->issuer_name);
	fputs(" <span class=\"ck\">", fp);
	html(fp, s->kind);
	fputs("</span></p>\n<p class=\"title\">", fp);
	if (s->url != NULL && is_web(s->url)) {
		fputs("<a href=\"", fp);
		html(fp, s->url);
		fputs("\">", fp);
	}
	html(fp, s->title ? s->title : "(untitled)");
	if (s->url != NULL && is_web(s->url))
		fputs("</a>", fp);
}

/* What the statement answers, linked when the report shows it. */
static void
write_responds(FILE *fp, struct report *r, const char *responds_to)
{
	const char *p, *end;
	char *id;
	size_t j;

	fputs(" responds to ", fp);
	for (p = responds_to; p != NULL; p = end ? end + 1 : NULL) {
		end = strchr(p, OUT_LIST_SEP);
		if ((id = strndup(p, end ? (size_t)(end - p) :
		    strlen(p))) == NULL)
			continue;
		if ((j = find(r, id)) != SIZE_MAX)
			fprintf(fp, "<a href=\"#s-%zu\">", j);
		html(fp, id);
		fputs(j != SIZE_MAX ? "</a>" : " (not in this report)", fp);
		fputs(end ? ", " : "", fp);
		free(id);
	}
}

/* One claim: its kind, who made it when not the issuer, at whom, why. */
static void
write_claim(FILE *fp, const struct claim *c, const char *issuer)
{
	const struct target *t;

	fputs("<li><span class=\"ck\">", fp);
	html(fp, c->kind);
	fputs("</span>", fp);
	if (strcmp(c->by, issuer) != 0) {
		fputs(" by <span class=\"code\">", fp);
		html(fp, c->by);
		fputs("</span>", fp);
	}
	if (c->targets != NULL) {
		fputs(" \xe2\x86\x92 <span class=\"code\">", fp);
		for (t = c->targets; t != NULL; t = t->next) {
			html(fp, t->code);
			fputs(t->next != NULL ? ", " : "", fp);
		}
		fputs("</span>", fp);
	}
	if (strcmp(c->method, "rule") == 0)
		fputs(" <span class=\"muted\">(coded by rule)</span>", fp);
	if (c->summary != NULL) {
		fputs(": ", fp);
		html(fp, c->summary);
	}
	if (c->quote != NULL) {
		fputs("<blockquote>", fp);
		html(fp, c->quote);
		fputs("</blockquote>", fp);
	}
	fputs("</li>\n", fp);
}

static void write_stmt(FILE *, struct report *, size_t, int);

/*
 * The statements answering s, nested; one already shown is only named,
 * so a statement answering two others appears once.
 */
static void
write_answers(FILE *fp, struct report *r, const struct stmt *s, int depth)
{
	size_t j, k;

	fputs("<div class=\"answers\">\n", fp);
	for (k = 0; k < s->nchildren; k++) {
		j = s->child[k];
		if (!r->s[j].shown)
			write_stmt(fp, r, j, depth + 1);
		else {
			fprintf(fp, "<p class=\"muted\">Also answered "
			    "by <a href=\"#s-%zu\">", j);
			html(fp, r->s[j].id);
			fputs("</a>, shown above.</p>\n", fp);
		}
	}
	fputs("</div>\n", fp);
}

static void
write_stmt(FILE *fp, struct report *r, size_t i, int depth)
{
	struct stmt *s = &r->s[i];
	const struct claim *c;

	s->shown = 1;
	fprintf(fp, "<div class=\"stmt\" id=\"s-%zu\">\n<p class=\"head\">",
	    i);
	write_stmt_head(fp, s);
	fputs("</p>\n<p class=\"muted\"><span class=\"code\">", fp);
	html(fp, s->id);
	fputs("</span>", fp);
	if (s->responds_to != NULL)
		write_responds(fp, r, s->responds_to);
	fputs("</p>\n", fp);
	if (s->claims != NULL)
		fputs("<ul class=\"claims\">\n", fp);
	for (c = s->claims; c != NULL; c = c->next)
		write_claim(fp, c, s->issuer);
	if (s->claims != NULL)
		fputs("</ul>\n", fp);
	if (s->nchildren > 0 && depth < THREAD_DEPTH)
		write_answers(fp, r, s, depth);
	fputs("</div>\n", fp);
}

/*
 * Each statement that answers none of the report starts a thread; what
 * a loop or a deep chain leaves unshown starts one after them.
 */
static void
write_threads(FILE *fp, struct report *r)
{
	size_t i;

	fputs("<section id=\"threads\">\n<h2>Threads</h2>\n", fp);
	if (r->n == 0)
		fputs("<p class=\"note\">No statements match.</p>\n", fp);
	else
		fputs("<p class=\"note\">Each statement with its claims and "
		    "their quotes, followed by the statements that answer "
		    "it.</p>\n", fp);
	for (i = 0; i < r->n; i++)
		if (r->s[i].nparents == 0 && !r->s[i].shown) {
			fputs("<article class=\"thread\">\n", fp);
			write_stmt(fp, r, i, 0);
			fputs("</article>\n", fp);
		}
	for (i = 0; i < r->n; i++)
		if (!r->s[i].shown) {
			fputs("<article class=\"thread\">\n", fp);
			write_stmt(fp, r, i, 0);
			fputs("</article>\n", fp);
		}
	fputs("</section>\n", fp);
}

static int
write_report(FILE *fp, dm_archive *a, const struct dm_filter *f,
    struct report *r, const struct graph *g, int64_t npairs)
{
	int rc;

	write_head(fp, f);
	if ((rc = write_figures(fp, a, r, npairs)) != 0)
		return rc;
	write_network(fp, g, npairs);
	if ((rc = write_timeline(fp, a, f, r)) != 0 ||
	    (rc = write_who(fp, a, f)) != 0)
		return rc;
	write_threads(fp, r);
	fputs("<footer><p class=\"muted\">Made by demarche " DM_VERSION
	    ".</p></footer>\n</body>\n</html>\n", fp);
	return 0;
}

int
dm_report_html(dm_archive *a, const struct dm_filter *f, const char *path,
    FILE *fp)
{
	struct atomic_file af;
	struct report r;
	struct graph *g = NULL;
	int64_t npairs;
	int rc;

	memset(&r, 0, sizeof(r));
	if ((rc = report_load(&r, a, f)) != 0 ||
	    (rc = graph_load(&g, a, f, GRAPH_PAIRS)) != 0)
		goto done;
	npairs = graph_pairs(g);
	if (path != NULL) {
		if ((rc = archive_output_open(a, &af, path)) != 0)
			goto done;
		fp = af.fp;
	}
	rc = write_report(fp, a, f, &r, g, npairs);
	if (rc == 0 && (fflush(fp) != 0 || ferror(fp)))
		rc = dm_error(DM_ERROR, "cannot write the report");
	if (path != NULL)
		rc = atomic_file_finish(&af, rc);
done:
	graph_free(g);
	free(r.s);
	free(r.byid);
	free(r.row);
	arena_free(&r.arena);
	return rc;
}
