/*
 * The timeline: the counts of query_prepare_counts(), by a statement's
 * first and last day, put into periods.  A row counts in a period only
 * when both its days fall in it, so a date known to the month counts in
 * its month, quarter and year but in no day or week, and is never
 * spread over them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "archive.h"
#include "atomicfile.h"
#include "chart.h"
#include "date.h"
#include "db.h"
#include "error.h"
#include "hash.h"
#include "output.h"
#include "query.h"
#include "timeline.h"

/*
 * Bounds on what is kept and written: a century of days, and ten
 * million cells once every group has every period.
 */
#define PERIODS_MAX	40000
#define CELLS_MAX	10000000

static const char *const per_names[] = { "day", "week", "month",
	"quarter", "year" };
static const char *const group_names[] = { "pair", "by", "against",
	"kind", "issuer" };

#define NELEM(x)	(sizeof(x) / sizeof((x)[0]))

int
timeline_per_parse(enum timeline_per *out, const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(per_names); i++)
		if (strcmp(name, per_names[i]) == 0) {
			*out = (enum timeline_per)i;
			return 0;
		}
	return dm_error(DM_EINVALID, "unknown period '%s' in --per (day, "
	    "week, month, quarter or year)", name);
}

static int
group_parse(enum query_group *out, const char *name, int statements)
{
	size_t i;

	*out = QUERY_GROUP_NONE;
	if (name == NULL)
		return 0;
	for (i = 0; i < NELEM(group_names); i++)
		if (strcmp(name, group_names[i]) == 0)
			*out = (enum query_group)(i + 1);
	if (*out == QUERY_GROUP_NONE)
		return dm_error(DM_EINVALID, "unknown group '%s' in --group "
		    "(pair, by, against, kind or issuer)", name);
	if (statements && *out != QUERY_GROUP_KIND &&
	    *out != QUERY_GROUP_ISSUER)
		return dm_error(DM_EINVALID, "--group %s counts claims: "
		    "statements group by kind or issuer", name);
	return 0;
}

static long
floor_div(long a, long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The index of the period holding day, an ISO day of the archive. */
static long
period_of(enum timeline_per per, const char *day)
{
	struct dm_date d = { 0, 0, 0 };

	if (day == NULL || sscanf(day, "%4d-%2d-%2d", &d.year, &d.month,
	    &d.day) != 3)
		return 0;
	switch (per) {
	case PER_DAY:
		return date_days(&d);
	case PER_WEEK:
		/* ISO weeks start on Monday; 1970-01-01 was a Thursday. */
		return floor_div(date_days(&d) + 3, 7);
	case PER_MONTH:
		return d.year * 12L + d.month - 1;
	case PER_QUARTER:
		return d.year * 4L + (d.month - 1) / 3;
	case PER_YEAR:
		return d.year;
	}
	return 0;
}

void
timeline_label(const struct timeline *t, size_t i, char buf[TIMELINE_LABEL])
{
	long p = t->first + (long)i;
	struct dm_date d, jan1;

	switch (t->per) {
	case PER_DAY:
		date_from_days(&d, p);
		snprintf(buf, TIMELINE_LABEL, "%04d-%02d-%02d", d.year, d.month, d.day);
		break;
	case PER_WEEK:
		/* A week belongs to the year of its Thursday. */
		date_from_days(&d, p * 7);
		jan1.year = d.year;
		jan1.month = jan1.day = 1;
		snprintf(buf, TIMELINE_LABEL, "%04d-W%02ld", d.year,
		    (p * 7 - date_days(&jan1)) / 7 + 1);
		break;
	case PER_MONTH:
		snprintf(buf, TIMELINE_LABEL, "%04ld-%02ld", p / 12, p % 12 + 1);
		break;
	case PER_QUARTER:
		snprintf(buf, TIMELINE_LABEL, "%04ld-Q%ld", p / 4, p % 4 + 1);
		break;
	case PER_YEAR:
		snprintf(buf, TIMELINE_LABEL, "%04ld", p);
		break;
	}
}

/* A row of the query, its period and group found. */
struct cell {
	long	period;
	size_t	group;
	int64_t	n;
};

/* The groups met so far, found by name through open addressing. */
struct names {
	struct arena	 arena;
	char		**name;
	size_t		 n, cap;
	size_t		*slot;		/* index + 1, or 0 */
	size_t		 nslots;
};

/* The index of name, added when new, or SIZE_MAX out of memory. */
static size_t
names_index(struct names *g, const char *name)
{
	size_t i, k, *ns;
	char **nn;

	if (g->n * 2 >= g->nslots) {
		k = g->nslots ? g->nslots * 2 : 64;
		if ((ns = calloc(k, sizeof(*ns))) == NULL)
			return SIZE_MAX;
		for (i = 0; i < g->n; i++) {
			size_t h = hash_str(g->name[i]) & (k - 1);

			while (ns[h] != 0)
				h = (h + 1) & (k - 1);
			ns[h] = i + 1;
		}
		free(g->slot);
		g->slot = ns;
		g->nslots = k;
	}
	for (i = hash_str(name) & (g->nslots - 1); g->slot[i] != 0;
	    i = (i + 1) & (g->nslots - 1))
		if (strcmp(g->name[g->slot[i] - 1], name) == 0)
			return g->slot[i] - 1;
	if (g->n == g->cap) {
		k = g->cap ? g->cap * 2 : 32;
		if ((nn = realloc(g->name, k * sizeof(*nn))) == NULL)
			return SIZE_MAX;
		g->name = nn;
		g->cap = k;
	}
	if ((g->name[g->n] = arena_strdup(&g->arena, name)) == NULL)
		return SIZE_MAX;
	g->slot[i] = g->n + 1;
	return g->n++;
}

static void
names_release(struct names *g)
{
	arena_free(&g->arena);
	free(g->name);
	free(g->slot);
}

/* Reads the rows of st into cells, counting those too broad to place. */
static int
read_cells(struct db_stmt *st, struct timeline *t, int grouped,
    struct names *g, struct cell **out, size_t *ncells)
{
	struct cell *c = NULL, *nc;
	size_t cap = 0, n = 0, gi = 0;
	const char *key;
	long lo, hi;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		lo = period_of(t->per, db_column_text(st, 0));
		hi = period_of(t->per, db_column_text(st, 1));
		if (lo != hi) {
			t->left_out += db_column_int(st, 3);
			continue;
		}
		if (grouped) {
			key = db_column_is_null(st, 2) ? "(none)" :
			    db_column_text(st, 2);
			if ((gi = names_index(g, key)) == SIZE_MAX)
				break;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			if ((nc = realloc(c, cap * sizeof(*c))) == NULL)
				break;
			c = nc;
		}
		c[n].period = lo;
		c[n].group = gi;
		c[n].n = db_column_int(st, 3);
		n++;
	}
	*out = c;
	*ncells = n;
	if (rc == DB_ROW)
		return dm_error(DM_ERROR, "out of memory");
	return rc == DB_DONE ? 0 : rc;
}

/* A group with its total, to order them. */
struct ranked {
	const char	*name;
	int64_t		 total;
	size_t		 index;		/* in struct names */
};

/* Most counted first, then by name. */
static int
by_total(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* The first and last period f->from and f->to name, where given. */
static int
range_of(const struct dm_filter *f, enum timeline_per per, long *first,
    long *last, int *have_first, int *have_last)
{
	char lo[11], hi[11];
	int rc;

	*have_first = *have_last = 0;
	if (f->from) {
		if ((rc = query_date_bound(f->from, f->date_order, lo,
		    hi)) != 0)
			return rc;
		*first = period_of(per, lo);
		*have_first = 1;
	}
	if (f->to) {
		if ((rc = query_date_bound(f->to, f->date_order, lo, hi)) != 0)
			return rc;
		*last = period_of(per, hi);
		*have_last = 1;
	}
	return 0;
}

/*
 * Lays the cells out in t: periods from first to last, groups in the
 * order of their totals, those past top summed up as "(other)".
 */
static int
lay_out(struct timeline *t, struct names *g, const struct cell *c,
    size_t nc, long first, long last, int64_t top)
{
	struct ranked *order = NULL;
	size_t i, *rank = NULL, ng, kept;
	int rc = 0;

	ng = t->grouped ? g->n : 1;
	t->first = first;
	t->nperiods = last >= first ? (size_t)(last - first + 1) : 0;
	if (t->nperiods > PERIODS_MAX)
		return dm_error(DM_EINVALID, "the timeline would have %zu "
		    "periods (at most %d): a longer --per, or --from and --to",
		    t->nperiods, PERIODS_MAX);
	if ((order = calloc(ng + 1, sizeof(*order))) == NULL ||
	    (rank = calloc(ng + 1, sizeof(*rank))) == NULL) {
		rc = dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	for (i = 0; i < ng; i++) {
		order[i].name = t->grouped ? g->name[i] : "";
		order[i].index = i;
	}
	for (i = 0; i < nc; i++)
		order[c[i].group].total += c[i].n;
	qsort(order, ng, sizeof(*order), by_total);
	kept = top > 0 && (size_t)top < ng ? (size_t)top : ng;
	t->ngroups = kept + (kept < ng);
	if (t->nperiods > 0 && t->ngroups > CELLS_MAX / t->nperiods) {
		rc = dm_error(DM_EINVALID, "the timeline would have %zu "
		    "groups of %zu periods: fewer with --top N, or a longer "
		    "--per", t->ngroups, t->nperiods);
		goto done;
	}
	for (i = 0; i < ng; i++)
		rank[order[i].index] = i < kept ? i : kept;
	if ((t->group = calloc(t->ngroups + 1, sizeof(*t->group))) == NULL ||
	    (t->total = calloc(t->ngroups + 1, sizeof(*t->total))) == NULL ||
	    (t->count = calloc(t->ngroups * t->nperiods + 1,
	    sizeof(*t->count))) == NULL) {
		rc = dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	for (i = 0; i < t->ngroups && t->grouped; i++)
		if ((t->group[i] = strdup(i < kept ? order[i].name :
		    "(other)")) == NULL) {
			rc = dm_error(DM_ERROR, "out of memory");
			goto done;
		}
	for (i = 0; i < nc; i++) {
		size_t k = rank[c[i].group] * t->nperiods +
		    (size_t)(c[i].period - first);

		t->count[k] += c[i].n;
		t->total[rank[c[i].group]] += c[i].n;
		if (t->count[k] > t->max)
			t->max = t->count[k];
	}
done:
	free(order);
	free(rank);
	return rc;
}

int
timeline_count(dm_archive *a, const struct dm_filter *f,
    const struct dm_timeline_options *opt, struct timeline **out)
{
	struct db_stmt *st = NULL;
	struct timeline *t;
	struct names g;
	struct cell *c = NULL;
	struct dm_filter cf = *f;
	enum query_group group;
	size_t nc = 0, i;
	long first = 0, last = -1, ffirst = 0, flast = 0;
	int rc, have_first, have_last;

	*out = NULL;
	memset(&g, 0, sizeof(g));
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	t->noun = opt->statements ? "statement" : "claim";
	t->grouped = opt->group != NULL;
	if ((rc = timeline_per_parse(&t->per, opt->per ? opt->per :
	    "month")) != 0 ||
	    (rc = group_parse(&group, opt->group, opt->statements)) != 0)
		goto done;
	if (opt->statements && (f->by || f->target || f->method)) {
		rc = dm_error(DM_EINVALID, "--%s counts claims, not "
		    "statements", f->by ? "by" : f->target ? "against" :
		    "method");
		goto done;
	}
	if ((rc = range_of(f, t->per, &ffirst, &flast, &have_first,
	    &have_last)) != 0)
		goto done;
	cf.limit = 0;
	if ((rc = query_prepare_counts(a, opt->statements ?
	    DM_LIST_STATEMENTS : DM_LIST_CLAIMS, &cf, group, &st)) != 0 ||
	    (rc = read_cells(st, t, group != QUERY_GROUP_NONE, &g, &c,
	    &nc)) != 0)
		goto done;
	for (i = 0; i < nc; i++) {
		if (i == 0 || c[i].period < first)
			first = c[i].period;
		if (i == 0 || c[i].period > last)
			last = c[i].period;
	}
	if (have_first)
		first = ffirst;
	if (have_last)
		last = flast;
	if (nc == 0 && !(have_first && have_last))
		last = first - 1;
	rc = lay_out(t, &g, c, nc, first, last, opt->top);
done:
	db_finalize(st);
	free(c);
	names_release(&g);
	if (rc != 0)
		timeline_free(t);
	else
		*out = t;
	return rc;
}

void
timeline_free(struct timeline *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; t->group != NULL && i < t->ngroups; i++)
		free(t->group[i]);
	free(t->group);
	free(t->count);
	free(t->total);
	free(t);
}

/* The width of the bars of a table, in characters. */
#define BAR_WIDTH	40

/* A bar of n in eighths of a block, the longest BAR_WIDTH blocks. */
static void
bar(char *buf, int64_t n, int64_t max)
{
	static const char *const part[] = { "", "\xe2\x96\x8f",
		"\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c",
		"\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89" };
	int64_t eighths = max > 0 ? (n * BAR_WIDTH * 8 + max / 2) / max : 0;

	*buf = '\0';
	if (n > 0 && eighths == 0)
		eighths = 1;
	for (; eighths >= 8; eighths -= 8)
		strcat(buf, "\xe2\x96\x88");
	strcat(buf, part[eighths]);
}

/* Writes t as rows of (period, group, count), or a column per group. */
static int
write_rows(FILE *fp, const struct timeline *t, enum out_format fmt,
    unsigned flags, int wide)
{
	struct out_column *cols = NULL;
	const char **cells = NULL;
	char label[TIMELINE_LABEL], *nums = NULL, barbuf[BAR_WIDTH * 3 + 4];
	size_t ncols, i, k, gcol = t->grouped;
	struct out *o = NULL;
	int rc;

	wide = wide && gcol;
	ncols = wide ? 1 + t->ngroups : 2 + gcol + (fmt == OUT_TABLE);
	if ((cols = calloc(ncols, sizeof(*cols))) == NULL ||
	    (cells = calloc(ncols, sizeof(*cells))) == NULL ||
	    (nums = malloc(ncols * 24)) == NULL) {
		rc = dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	cols[0].name = "period";
	cols[0].type = COL_TEXT;
	for (k = 1; k < ncols; k++) {
		cols[k].name = wide ? t->group[k - 1] : "count";
		cols[k].type = COL_INT;
	}
	if (!wide && gcol) {
		cols[1].name = "group";
		cols[1].type = COL_TEXT;
	}
	if (!wide && fmt == OUT_TABLE) {
		cols[ncols - 1].name = "";
		cols[ncols - 1].type = COL_TEXT;
	}
	if ((rc = out_new(&o, fp, fmt, cols, ncols, flags)) != 0)
		goto done;
	for (i = 0; i < t->nperiods; i++) {
		timeline_label(t, i, label);
		cells[0] = label;
		for (k = 0; wide && k < t->ngroups; k++) {
			snprintf(nums + 24 * k, 24, "%lld", (long long)
			    t->count[k * t->nperiods + i]);
			cells[k + 1] = nums + 24 * k;
		}
		if (wide && (rc = out_row(o, cells)) != 0)
			goto done;
		for (k = 0; !wide && k < t->ngroups; k++) {
			int64_t n = t->count[k * t->nperiods + i];

			cells[1] = t->group[k];
			snprintf(nums, 24, "%lld", (long long)n);
			cells[1 + gcol] = nums;
			if (fmt == OUT_TABLE) {
				bar(barbuf, n, t->max);
				cells[2 + gcol] = barbuf;
			}
			if ((rc = out_row(o, cells)) != 0)
				goto done;
		}
	}
	rc = out_finish(o);
done:
	out_free(o);
	free(cols);
	free(cells);
	free(nums);
	return rc;
}

/* Writes t as an SVG picture of its own. */
static int
write_svg(FILE *fp, const struct timeline *t, const char *title)
{
	struct chart ch;
	char *labels;
	const char **lp;
	size_t i;
	int rc;

	labels = malloc(t->nperiods * TIMELINE_LABEL + 1);
	lp = malloc((t->nperiods + 1) * sizeof(*lp));
	if (labels == NULL || lp == NULL) {
		free(labels);
		free(lp);
		return dm_error(DM_ERROR, "out of memory");
	}
	for (i = 0; i < t->nperiods; i++) {
		timeline_label(t, i, labels + TIMELINE_LABEL * i);
		lp[i] = labels + TIMELINE_LABEL * i;
	}
	ch.title = title;
	ch.labels = lp;
	ch.npoints = t->nperiods;
	ch.names = t->grouped ? (const char *const *)t->group : NULL;
	ch.nseries = t->ngroups;
	ch.values = t->count;
	if (fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone="
	    "\"no\"?>\n", fp) == EOF)
		rc = dm_error(DM_ERROR, "cannot write the chart");
	else
		rc = chart_svg(fp, &ch);
	free(labels);
	free(lp);
	return rc;
}

int
dm_timeline(dm_archive *a, const struct dm_filter *f,
    const struct dm_timeline_options *opt, const struct dm_output *out,
    const char *path, struct dm_timeline_result *res)
{
	struct atomic_file af;
	struct timeline *t = NULL;
	enum out_format fmt = OUT_TABLE;
	const char *format = out->format ? out->format : "table";
	unsigned flags = 0;
	char title[96];
	FILE *fp = out->fp;
	int rc, svg = strcmp(format, "svg") == 0;

	memset(res, 0, sizeof(*res));
	if (!svg && (rc = out_format_parse(&fmt, format)) != 0)
		return dm_error(DM_EINVALID, "unknown format '%s' (table, "
		    "csv, tsv, json, jsonl or svg)", format);
	if (out->flags & DM_OUT_EXCEL)
		flags |= OUT_EXCEL;
	if ((rc = timeline_count(a, f, opt, &t)) != 0)
		return rc;
	res->periods = (int64_t)t->nperiods;
	res->groups = t->grouped ? (int64_t)t->ngroups : 0;
	res->left_out = t->left_out;
	if (t->nperiods == 0 && !svg && fmt == OUT_TABLE)
		goto done;
	if (path != NULL) {
		if ((rc = archive_output_open(a, &af, path)) != 0)
			goto done;
		fp = af.fp;
	}
	snprintf(title, sizeof(title), "%ss per %s", t->noun,
	    per_names[t->per]);
	title[0] = (char)(title[0] - 'a' + 'A');
	rc = svg ? write_svg(fp, t, title) : write_rows(fp, t, fmt, flags,
	    opt->wide);
	if (path != NULL)
		rc = atomic_file_finish(&af, rc);
done:
	timeline_free(t);
	return rc;
}
