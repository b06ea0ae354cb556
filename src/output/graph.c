/*
 * The accusation network of 'demarche graph' and of the report: actors
 * as nodes, one edge per (accuser, accused) row of the who listing.
 *
 * demarche writes the DOT itself and runs Graphviz as a child process,
 * 'dot -Tsvg' (or png, pdf) with the DOT on its standard input, rather
 * than linking libgvc: the program builds and runs without Graphviz (only
 * the pictures need it), a crash or a runaway layout inside Graphviz
 * cannot take the archive's process with it, and what is drawn is
 * exactly the DOT that 'graph --format dot' shows.
 */
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "archive.h"
#include "atomicfile.h"
#include "claimkind.h"
#include "db.h"
#include "error.h"
#include "fold.h"
#include "graph.h"
#include "hash.h"
#include "names.h"
#include "output.h"
#include "query.h"

struct node {
	const char	*code;
	const char	*name;	/* NULL when no actor has the code */
	const char	*kind;	/* NULL until the actors are read */
	int64_t		 made;	/* claims made in the rows */
	int64_t		 received;
};

struct edge {
	size_t		 from, to;	/* indexes of node */
	int64_t		 claims, statements;
	const char	*first, *last;
	const char	*kinds, *topics; /* OUT_LIST_SEP lists, or NULL */
	int		 mutual;	/* the reverse pair is shown too */
};

struct graph {
	struct arena	 arena;	/* every string */
	struct node	*node;
	size_t		 nnodes, nodecap;
	size_t		*slot;	/* open addressing: node index + 1, or 0 */
	size_t		 nslots;
	struct edge	*edge;
	size_t		 nedges, edgecap;
	int64_t		 pairs;	/* in the listing, drawn or not */
};

/* How each actor kind is drawn; the last entry serves any other. */
static const struct {
	const char	*kind;
	const char	*shape;
	const char	*style;
	const char	*fill;
	const char	*look;	/* for the legend */
} actor_styles[] = {
	{ "state", "ellipse", "filled", "#cfe3f5", "ellipse" },
	{ "igo", "hexagon", "filled", "#d5ecc8", "hexagon" },
	{ "institution", "box", "filled,rounded", "#fde3bd", "rounded box" },
	{ "ministry", "box", "filled", "#fff2a8", "box" },
	{ "mission", "house", "filled", "#f4d3ee", "house" },
	{ "agency", "component", "filled", "#d9d2ef", "box with tabs" },
	{ "person", "egg", "filled", "#f9d0c4", "egg" },
	{ "group", "octagon", "filled", "#e4e4e4", "octagon" },
	{ "media", "note", "filled", "#d2efec", "note" },
	{ "unresolved", "ellipse", "filled,dashed", "#ffffff",
	    "dashed ellipse" },
	{ "other", "ellipse", "filled", "#eeeeee", "grey ellipse" },
};

#define NELEM(x)	(sizeof(x) / sizeof((x)[0]))

#define FONT	"Helvetica,Arial,sans-serif"
/* The pairs that dot lays out with its full effort (graph_write_dot). */
#define LAYOUT_FULL	300
/*
 * Text drawn at most, in bytes: a name in a label or a tooltip, and a
 * list of kinds or topics.  dot refuses a string over 16 KB, and the
 * whole archive with it.
 */
#define NAME_MAX_BYTES	120
#define LIST_MAX_BYTES	600

void
escape_write(FILE *fp, const char *s, const char *(*esc)(int c))
{
	const char *r;
	size_t len, bad, i;

	len = strlen(s);
	while (len > 0) {
		if (utf8_check(s, len, &bad) == 0)
			bad = len;
		for (i = 0; i < bad; i++) {
			if ((r = esc((unsigned char)s[i])) != NULL)
				fputs(r, fp);
			else
				putc(s[i], fp);
		}
		if (bad == len)
			break;
		fputs("\xef\xbf\xbd", fp);
		s += bad + 1;
		len -= bad + 1;
	}
}

/*
 * Inside a DOT string a quote and a backslash are escaped, a newline
 * becomes dot's line break, other control characters a space; '&' is
 * written as an entity because dot reads entities in labels ("&lt;"
 * would show as '<').
 */
static const char *
dot_esc(int c)
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '&':
		return "&amp;";
	case '\n':
		return "\\n";
	case '\r':
		return "";
	default:
		return c < 0x20 || c == 0x7f ? " " : NULL;
	}
}

static void
dot_text(FILE *fp, const char *s)
{
	escape_write(fp, s, dot_esc);
}

/*
 * s cut to at most max bytes, on a character's start, with an ellipsis:
 * a malloc'd copy, or NULL when s is short enough (or out of memory).
 */
static char *
clip(const char *s, size_t max)
{
	size_t n;
	char *c;

	if (s == NULL || strlen(s) <= max)
		return NULL;
	for (n = max; n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80; n--)
		;
	if ((c = malloc(n + 4)) == NULL)
		return NULL;
	memcpy(c, s, n);
	memcpy(c + n, "\xe2\x80\xa6", 4);
	return c;
}

/* Writes s as dot_text() does, cut to max bytes. */
static void
dot_clipped(FILE *fp, const char *s, size_t max)
{
	char *c = clip(s, max);

	dot_text(fp, c != NULL ? c : s);
	free(c);
}

/* Writes a list as escape_list() does, cut to max bytes. */
static void
dot_list(FILE *fp, const char *list, size_t max)
{
	char *c = clip(list, max);

	escape_list(fp, c != NULL ? c : list, ", ", dot_esc);
	free(c);
}

void
escape_list(FILE *fp, const char *list, const char *sep,
    const char *(*esc)(int c))
{
	const char *p, *end;
	char *item;

	if (list == NULL)
		return;
	for (p = list; ; p = end + 1) {
		if ((end = strchr(p, OUT_LIST_SEP)) == NULL) {
			escape_write(fp, p, esc);
			return;
		}
		if ((item = strndup(p, (size_t)(end - p))) != NULL)
			escape_write(fp, item, esc);
		free(item);
		fputs(sep, fp);
	}
}

static int
list_has(const char *list, const char *item)
{
	size_t n = strlen(item);
	const char *p;

	for (p = list; p != NULL; p = strchr(p, OUT_LIST_SEP)) {
		if (*p == OUT_LIST_SEP)
			p++;
		if (strncmp(p, item, n) == 0 && (p[n] == '\0' ||
		    p[n] == OUT_LIST_SEP))
			return 1;
	}
	return 0;
}

static size_t
actor_style(const char *kind)
{
	size_t i;

	for (i = 0; i < NELEM(actor_styles) - 1; i++)
		if (kind != NULL && strcmp(kind, actor_styles[i].kind) == 0)
			break;
	return i;
}

/*
 * The index in claim_kinds of the gravest kind of an edge: that table
 * lists them gravest first, and colours them.  An edge has a kind.
 */
static size_t
edge_color(const struct edge *e)
{
	size_t i;

	for (i = 0; i < CLAIM_KIND__MAX - 1; i++)
		if (e->kinds != NULL && list_has(e->kinds, claim_kinds[i].name))
			break;
	return i;
}

static char *
keep(struct graph *g, const char *s)
{
	return s == NULL ? NULL : arena_strdup(&g->arena, s);
}

/* The slot of code: its node's, or the empty one where it would go. */
static size_t *
node_slot(const struct graph *g, const char *code)
{
	size_t i = hash_str(code) & (g->nslots - 1);

	while (g->slot[i] != 0 && strcmp(g->node[g->slot[i] - 1].code,
	    code) != 0)
		i = (i + 1) & (g->nslots - 1);
	return &g->slot[i];
}

/* The index of the node of code, or SIZE_MAX if it has none. */
static size_t
node_find(const struct graph *g, const char *code)
{
	return g->nslots == 0 ? SIZE_MAX : *node_slot(g, code) - 1;
}

/* Doubles the slots, kept at most half full. */
static int
grow_slots(struct graph *g)
{
	size_t i, n = g->nslots ? g->nslots * 2 : 64;
	size_t *old = g->slot, oldn = g->nslots;

	if ((g->slot = calloc(n, sizeof(*g->slot))) == NULL) {
		g->slot = old;
		return -1;
	}
	g->nslots = n;
	for (i = 0; i < oldn; i++)
		if (old[i] != 0)
			*node_slot(g, g->node[old[i] - 1].code) = old[i];
	free(old);
	return 0;
}

/* Finds the node of code, adding it; SIZE_MAX when out of memory. */
static size_t
node_add(struct graph *g, const char *code, const char *name)
{
	struct node *np;
	size_t i;

	if ((i = node_find(g, code)) != SIZE_MAX)
		return i;
	if ((g->nnodes + 1) * 2 > g->nslots && grow_slots(g) != 0)
		return SIZE_MAX;
	if (g->nnodes == g->nodecap) {
		g->nodecap = g->nodecap ? g->nodecap * 2 : 16;
		if ((np = realloc(g->node, g->nodecap * sizeof(*np))) == NULL)
			return SIZE_MAX;
		g->node = np;
	}
	np = &g->node[g->nnodes];
	memset(np, 0, sizeof(*np));
	if ((np->code = keep(g, code)) == NULL ||
	    (name != NULL && (np->name = keep(g, name)) == NULL))
		return SIZE_MAX;
	*node_slot(g, code) = g->nnodes + 1;
	return g->nnodes++;
}

/* Adds one row of the who listing as an edge. */
static int
edge_add(struct graph *g, const struct query_row *r)
{
	struct edge *e;
	size_t from, to;

	if ((from = node_add(g, r->cell[0], r->cell[1])) == SIZE_MAX ||
	    (to = node_add(g, r->cell[2], r->cell[3])) == SIZE_MAX)
		return dm_error(DM_ERROR, "out of memory");
	if (g->nedges == g->edgecap) {
		g->edgecap = g->edgecap ? g->edgecap * 2 : 16;
		if ((e = realloc(g->edge, g->edgecap * sizeof(*e))) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		g->edge = e;
	}
	e = &g->edge[g->nedges++];
	memset(e, 0, sizeof(*e));
	e->from = from;
	e->to = to;
	e->claims = r->num[4];
	e->statements = r->num[5];
	if ((e->first = keep(g, r->cell[6])) == NULL ||
	    (e->last = keep(g, r->cell[7])) == NULL ||
	    (r->cell[8] != NULL && (e->kinds = keep(g, r->cell[8])) == NULL) ||
	    (r->cell[9] != NULL && (e->topics = keep(g, r->cell[9])) == NULL))
		return dm_error(DM_ERROR, "out of memory");
	g->node[from].made += e->claims;
	g->node[to].received += e->claims;
	return 0;
}

/* Gives every node the kind of its actor. */
static int
load_kinds(struct graph *g, dm_archive *a)
{
	struct dm_filter all;
	struct db_stmt *st = NULL;
	const char *code;
	size_t i;
	int rc;

	memset(&all, 0, sizeof(all));
	if ((rc = query_prepare(a, DM_LIST_ACTORS, &all, &st)) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		code = db_column_text(st, 0);
		if ((i = node_find(g, code)) != SIZE_MAX &&
		    (g->node[i].kind = keep(g, db_column_text(st, 2))) ==
		    NULL) {
			rc = dm_error(DM_ERROR, "out of memory");
			goto done;
		}
	}
	if (rc == DB_DONE)
		rc = 0;
done:
	db_finalize(st);
	return rc;
}

struct pair {
	size_t	from, to;
};

static int
pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->to < y->to ? -1 : x->to > y->to;
}

/*
 * Marks the edges whose reverse pair is drawn too.  The pairs are sorted
 * once and each reverse is found by bisection: every pair against every
 * other took seconds on the tens of thousands of a large archive.
 */
static int
mark_mutual(struct graph *g)
{
	struct pair *p, back;
	size_t i;

	if (g->nedges == 0)
		return 0;
	if ((p = malloc(g->nedges * sizeof(*p))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (i = 0; i < g->nedges; i++) {
		p[i].from = g->edge[i].from;
		p[i].to = g->edge[i].to;
	}
	qsort(p, g->nedges, sizeof(*p), pair_cmp);
	for (i = 0; i < g->nedges; i++) {
		back.from = g->edge[i].to;
		back.to = g->edge[i].from;
		g->edge[i].mutual = bsearch(&back, p, g->nedges, sizeof(*p),
		    pair_cmp) != NULL;
	}
	free(p);
	return 0;
}

/*
 * A row past the pairs drawn: its claims still count for the actors
 * that are drawn.
 */
static void
row_left_out(struct graph *g, const struct query_row *r)
{
	size_t i;

	if ((i = node_find(g, r->cell[0])) != SIZE_MAX)
		g->node[i].made += r->num[4];
	if ((i = node_find(g, r->cell[2])) != SIZE_MAX)
		g->node[i].received += r->num[4];
}

int
graph_load(struct graph **out, dm_archive *a, const struct dm_filter *f,
    size_t max)
{
	struct db_stmt *st = NULL;
	struct query_row r = { 0 };
	struct graph *g;
	int rc;

	if ((*out = g = calloc(1, sizeof(*g))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if ((rc = query_prepare(a, DM_LIST_WHO, f, &st)) != 0)
		goto done;
	while ((rc = db_step(st)) == DB_ROW) {
		if ((rc = query_row(st, DM_LIST_WHO, &r)) != 0)
			goto done;
		if ((size_t)g->pairs++ >= max)
			row_left_out(g, &r);
		else if ((rc = edge_add(g, &r)) != 0)
			goto done;
	}
	if (rc != DB_DONE)
		goto done;
	if ((rc = mark_mutual(g)) == 0 && g->nnodes > 0)
		rc = load_kinds(g, a);
done:
	query_row_free(&r);
	db_finalize(st);
	if (rc != 0) {
		graph_free(g);
		*out = NULL;
	}
	return rc;
}

void
graph_free(struct graph *g)
{
	if (g == NULL)
		return;
	free(g->node);
	free(g->slot);
	free(g->edge);
	arena_free(&g->arena);
	free(g);
}

int64_t
graph_pairs(const struct graph *g)
{
	return g->pairs;
}

int64_t
graph_drawn(const struct graph *g)
{
	return (int64_t)g->nedges;
}

/* Writes name broken into lines of about width columns. */
static void
dot_wrapped(FILE *fp, const char *name, size_t width)
{
	const char *p, *end;
	char *word;
	size_t col = 0, w;

	for (p = name; *p != '\0'; p = end) {
		while (*p == ' ')
			p++;
		if ((end = strchr(p, ' ')) == NULL)
			end = p + strlen(p);
		if (end == p || (word = strndup(p, (size_t)(end - p))) == NULL)
			continue;
		w = utf8_width(word);
		if (col > 0 && col + 1 + w > width) {
			fputs("\\n", fp);
			col = 0;
		} else if (col > 0) {
			fputc(' ', fp);
			col++;
		}
		dot_text(fp, word);
		col += w;
		free(word);
	}
}

static void
write_node(FILE *fp, const struct node *n, int64_t most)
{
	size_t s = actor_style(n->kind);
	double size;
	char *name;

	/* The area of the label grows with the claims made and received. */
	size = 14.0 + 10.0 * sqrt((double)(n->made + n->received) /
	    (double)(most > 0 ? most : 1));
	fputs("\t\"", fp);
	dot_text(fp, n->code);
	fputs("\" [label=\"", fp);
	dot_text(fp, n->code);
	if (n->name != NULL && strcmp(n->name, n->code) != 0) {
		fputs("\\n", fp);
		name = clip(n->name, NAME_MAX_BYTES);
		dot_wrapped(fp, name != NULL ? name : n->name, 24);
		free(name);
	}
	fputs("\", tooltip=\"", fp);
	dot_clipped(fp, n->name != NULL ? n->name : n->code, NAME_MAX_BYTES);
	fputs(" (", fp);
	dot_text(fp, n->code);
	fprintf(fp, "), %s\\n%lld claim%s made, %lld received\"",
	    n->kind != NULL ? n->kind : "no such actor",
	    (long long)n->made, n->made == 1 ? "" : "s",
	    (long long)n->received);
	fprintf(fp, ", shape=%s, style=\"%s\", fillcolor=\"%s\", "
	    "fontsize=%.1f];\n", actor_styles[s].shape, actor_styles[s].style,
	    actor_styles[s].fill, size);
}

static void
write_edge(FILE *fp, const struct graph *g, const struct edge *e,
    int64_t most)
{
	const char *color = claim_kinds[edge_color(e)].color;
	double width;
	int gaps;

	width = 1.0 + 5.0 * sqrt((double)(e->claims - 1) /
	    (double)(most > 1 ? most - 1 : 1));
	fputs("\t\"", fp);
	dot_text(fp, g->node[e->from].code);
	fputs("\" -> \"", fp);
	dot_text(fp, g->node[e->to].code);
	fprintf(fp, "\" [label=\"%lld%s\", tooltip=\"", (long long)e->claims,
	    e->mutual ? " \xe2\x87\x84" : "");
	dot_text(fp, g->node[e->from].code);
	fputs(" \xe2\x86\x92 ", fp);
	dot_text(fp, g->node[e->to].code);
	fprintf(fp, ": %lld claim%s in %lld statement%s, ",
	    (long long)e->claims, e->claims == 1 ? "" : "s",
	    (long long)e->statements, e->statements == 1 ? "" : "s");
	dot_text(fp, e->first);
	if (strcmp(e->first, e->last) != 0) {
		fputs(" to ", fp);
		dot_text(fp, e->last);
	}
	if (e->kinds != NULL) {
		fputs("\\n", fp);
		dot_list(fp, e->kinds, LIST_MAX_BYTES);
	}
	if (e->topics != NULL) {
		fputs("\\ntopics: ", fp);
		dot_list(fp, e->topics, LIST_MAX_BYTES);
	}
	/*
	 * A mutual pair is drawn with a double line, so it stands out: dot
	 * draws a list of colours as parallel lines 2 points apart whatever
	 * their width, so the two strokes are thinned and kept apart by
	 * transparent ones.
	 */
	fprintf(fp, "\", color=\"%s", color);
	if (e->mutual) {
		if ((gaps = (int)(width / 2.5 + 0.5)) < 1)
			gaps = 1;
		width = width / 3 < 1 ? 1 : width / 3;
		while (gaps-- > 0)
			fputs(":transparent", fp);
		fprintf(fp, ":%s", color);
	}
	fprintf(fp, "\", fontcolor=\"%s\", penwidth=%.2f];\n", color,
	    width);
}

/* The key to colours and shapes, for what the graph holds. */
static void
write_legend(FILE *fp, const struct graph *g)
{
	int used[NELEM(actor_styles)] = { 0 };
	size_t i, j;
	int mutual = 0;

	fputs("\tlegend [shape=plaintext, style=\"\", fontsize=14, label=<"
	    "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\">\n"
	    "\t\t<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>claims</B> "
	    "(accuser \xe2\x86\x92 accused)</TD></TR>\n", fp);
	for (i = 0; i < CLAIM_KIND__MAX; i++) {
		for (j = 0; j < g->nedges; j++)
			if (edge_color(&g->edge[j]) == i)
				break;
		if (j < g->nedges)
			fprintf(fp, "\t\t<TR><TD WIDTH=\"24\" HEIGHT=\"6\" "
			    "BGCOLOR=\"%s\"></TD><TD ALIGN=\"LEFT\">%s</TD>"
			    "</TR>\n", claim_kinds[i].color,
			    claim_kinds[i].name);
	}
	for (j = 0; j < g->nedges; j++)
		mutual |= g->edge[j].mutual;
	if (mutual)
		fputs("\t\t<TR><TD>\xe2\x87\x84</TD><TD ALIGN=\"LEFT\">"
		    "mutual: double line</TD></TR>\n", fp);
	fputs("\t\t<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">width: number of "
	    "claims</TD></TR>\n"
	    "\t\t<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>actors</B> "
	    "(size: claims made and received)</TD></TR>\n", fp);
	for (j = 0; j < g->nnodes; j++)
		used[actor_style(g->node[j].kind)] = 1;
	for (i = 0; i < NELEM(actor_styles); i++)
		if (used[i])
			fprintf(fp, "\t\t<TR><TD WIDTH=\"24\" BORDER=\"1\" "
			    "BGCOLOR=\"%s\"></TD><TD ALIGN=\"LEFT\">%s (%s)"
			    "</TD></TR>\n", actor_styles[i].fill,
			    actor_styles[i].kind, actor_styles[i].look);
	fputs("\t\t</TABLE>>];\n", fp);
}

int
graph_write_dot(const struct graph *g, FILE *fp)
{
	int64_t most_node = 0, most_edge = 0;
	size_t i;

	for (i = 0; i < g->nnodes; i++)
		if (g->node[i].made + g->node[i].received > most_node)
			most_node = g->node[i].made + g->node[i].received;
	for (i = 0; i < g->nedges; i++)
		if (g->edge[i].claims > most_edge)
			most_edge = g->edge[i].claims;
	fputs("digraph accusations {\n"
	    "\tgraph [charset=\"UTF-8\", rankdir=LR, nodesep=0.3, "
	    "ranksep=1.1, pad=0.2, bgcolor=\"white\", fontname=\"" FONT
	    "\"];\n"
	    "\tnode [fontname=\"" FONT "\", color=\"#555555\"];\n"
	    "\tedge [fontname=\"" FONT "\", fontsize=14, arrowsize=0.8];\n",
	    fp);
	if (g->nedges == 0)
		fputs("\tgraph [label=\"no accusations match\"];\n", fp);
	else if ((int64_t)g->nedges < g->pairs)
		fprintf(fp, "\tgraph [labelloc=t, fontsize=16, label=\"the "
		    "%zu pairs with the most claims, of %lld: %lld left out\"];"
		    "\n", g->nedges, (long long)g->pairs,
		    (long long)(g->pairs - (int64_t)g->nedges));
	/*
	 * dot's ranking and crossing passes grow far faster than the pairs
	 * (bench/PROFILE.md).  Past LAYOUT_FULL pairs, each network simplex
	 * gets as many iterations as there are nodes, and crossings less
	 * effort: a tenth of the time.
	 */
	if (g->nedges > LAYOUT_FULL)
		fputs("\tgraph [nslimit=1, nslimit1=1, mclimit=0.1];\n", fp);
	for (i = 0; i < g->nnodes; i++)
		write_node(fp, &g->node[i], most_node);
	for (i = 0; i < g->nedges; i++)
		write_edge(fp, g, &g->edge[i], most_edge);
	if (g->nedges > 0)
		write_legend(fp, g);
	fputs("}\n", fp);
	if (fflush(fp) != 0 || ferror(fp))
		return dm_error(DM_ERROR, "cannot write the graph: %s",
		    strerror(errno));
	return 0;
}

static int
cloexec(int fd)
{
	int flags;

	return (flags = fcntl(fd, F_GETFD)) == -1 ? -1 :
	    fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

/* How long dot may draw, in seconds: $DEMARCHE_DOT_TIMEOUT, else this. */
#define DOT_TIMEOUT	60

static int
dot_timeout(void)
{
	const char *s = getenv("DEMARCHE_DOT_TIMEOUT");
	char *end;
	long t;

	if (s != NULL && (t = strtol(s, &end, 10)) > 0 && *end == '\0' &&
	    t <= 86400)
		return (int)t;
	return DOT_TIMEOUT;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Reads fd to its end into a malloc'd, NUL-terminated buffer, until the
 * deadline (now_ms()): 0, 1 when the deadline passed, or DM_ERROR.
 */
static int
read_all(int fd, long long deadline, char **out, size_t *len)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	char *buf = NULL, *np;
	size_t n = 0, cap = 0;
	long long left;
	ssize_t r;
	int ready;

	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 65536;
			if ((np = realloc(buf, cap)) == NULL) {
				free(buf);
				return dm_error(DM_ERROR, "out of memory");
			}
			buf = np;
		}
		if ((left = deadline - now_ms()) <= 0 ||
		    (ready = poll(&pfd, 1, (int)left)) == 0) {
			free(buf);
			return 1;
		}
		if (ready == -1 || (r = read(fd, buf + n, cap - n - 1)) == -1) {
			if (errno == EINTR)
				continue;
			free(buf);
			return dm_error(DM_ERROR, "cannot read from 'dot': %s",
			    strerror(errno));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* The formats Graphviz draws for demarche, and dot's option for each. */
static const char *const draw_formats[] = { "svg", "png", "pdf", NULL };
static char *const draw_options[] = { "-Tsvg", "-Tpng", "-Tpdf" };

/*
 * Starts 'dot -T<format>' with in, out and err as its standard streams.
 * The child is killed with demarche, however demarche ends (a SIGKILL
 * too), so a long layout is never left running alone.
 */
static pid_t
spawn_dot(int format, int in, int out, int err)
{
	char *const argv[] = { "dot", draw_options[format], NULL };
	pid_t parent = getpid(), pid;

	if ((pid = fork()) != 0)
		return pid;
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != parent ||
	    dup2(in, 0) == -1 || dup2(out, 1) == -1 || dup2(err, 2) == -1)
		_exit(126);
	execvp("dot", argv);
	_exit(127);
}

static int
missing_graphviz(void)
{
	return dm_error(DM_ENOTFOUND, "cannot draw the graph: Graphviz's "
	    "'dot' is not installed (apt install graphviz)");
}

/* dot failed: says why, from the first line it wrote to errf. */
static int
dot_failed(FILE *errf, int status)
{
	char line[240], *p;

	line[0] = '\0';
	if (errf != NULL && fseek(errf, 0, SEEK_SET) == 0 &&
	    fgets(line, sizeof(line), errf) != NULL)
		line[strcspn(line, "\r\n")] = '\0';
	p = strncmp(line, "Error: ", 7) == 0 ? line + 7 : line;
	if (*p != '\0')
		return dm_error(DM_ERROR, "graphviz's 'dot' failed to draw "
		    "the graph: %s", p);
	if (WIFSIGNALED(status))
		return dm_error(DM_ERROR, "graphviz's 'dot' failed to draw "
		    "the graph: killed by signal %d", WTERMSIG(status));
	return dm_error(DM_ERROR, "graphviz's 'dot' failed to draw the "
	    "graph");
}

/*
 * The DOT goes to a temporary file that becomes dot's standard input,
 * so dot can never block writing while demarche is still writing to it;
 * its errors go to another, to be told.
 */
int
graph_draw(const struct graph *g, const char *format, char **out,
    size_t *len)
{
	FILE *dot = NULL, *errf = NULL;
	char *svg = NULL, *start;
	pid_t pid = -1;
	int pipefd[2] = { -1, -1 };
	int rc, status = -1, timeout = dot_timeout();
	int f = names_find(draw_formats, format);

	*out = NULL;
	*len = 0;
	if (f < 0)
		return dm_error(DM_EINVALID, "Graphviz draws no '%s' here",
		    format);
	if ((dot = tmpfile()) == NULL || (errf = tmpfile()) == NULL) {
		rc = dm_error(DM_ERROR, "cannot create a temporary file: %s",
		    strerror(errno));
		goto done;
	}
	if ((rc = graph_write_dot(g, dot)) != 0)
		goto done;
	if (fseek(dot, 0, SEEK_SET) != 0 || pipe(pipefd) == -1 ||
	    cloexec(pipefd[0]) == -1 || cloexec(pipefd[1]) == -1 ||
	    (pid = spawn_dot(f, fileno(dot), pipefd[1], fileno(errf))) ==
	    -1) {
		rc = dm_error(DM_ERROR, "cannot run 'dot': %s",
		    strerror(errno));
		goto done;
	}
	close(pipefd[1]);
	pipefd[1] = -1;
	rc = read_all(pipefd[0], now_ms() + timeout * 1000LL, &svg, len);
	if (rc != 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	if (rc == 1)
		rc = dm_error(DM_ERROR, "graphviz's 'dot' took more than %d s "
		    "to draw %zu pairs and was stopped (--limit draws fewer, "
		    "DEMARCHE_DOT_TIMEOUT gives it longer)", timeout,
		    g->nedges);
	if (rc != 0)
		goto done;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		rc = missing_graphviz();
		goto done;
	}
	/* An SVG starts at its <svg>, past dot's own XML preamble. */
	start = f == 0 ? strstr(svg, "<svg") : *len > 0 ? svg : NULL;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || start == NULL) {
		rc = dot_failed(errf, status);
		goto done;
	}
	*len -= (size_t)(start - svg);
	memmove(svg, start, *len + 1);
	*out = svg;
	svg = NULL;
done:
	if (pipefd[0] != -1)
		close(pipefd[0]);
	if (pipefd[1] != -1)
		close(pipefd[1]);
	if (dot != NULL)
		fclose(dot);
	if (errf != NULL)
		fclose(errf);
	free(svg);
	return rc;
}

int
dm_graph(dm_archive *a, const struct dm_filter *f,
    const struct dm_output *out, const char *path, int64_t *npairs)
{
	struct atomic_file af;
	struct graph *g = NULL;
	const char *fmt = out->format ? out->format : "dot";
	char *svg = NULL;
	size_t len = 0;
	FILE *fp = out->fp;
	int rc;

	*npairs = 0;
	if (strcmp(fmt, "dot") != 0 && names_find(draw_formats, fmt) < 0)
		return dm_error(DM_EINVALID, "unknown graph format '%s' (dot, "
		    "svg, png or pdf)", fmt);
	if ((rc = graph_load(&g, a, f, f->limit > 0 ? SIZE_MAX :
	    GRAPH_PAIRS)) != 0)
		return rc;
	*npairs = graph_drawn(g);
	if (*npairs < graph_pairs(g))
		dm_warn("the graph draws the %lld pairs with the most claims, "
		    "of %lld: %lld left out (--limit N draws N)",
		    (long long)*npairs, (long long)graph_pairs(g),
		    (long long)(graph_pairs(g) - *npairs));
	if (strcmp(fmt, "dot") != 0 &&
	    (rc = graph_draw(g, fmt, &svg, &len)) != 0)
		goto done;
	if (path != NULL) {
		if ((rc = archive_output_open(a, &af, path)) != 0)
			goto done;
		fp = af.fp;
	}
	if (svg == NULL)
		rc = graph_write_dot(g, fp);
	else if ((strcmp(fmt, "svg") == 0 && fputs("<?xml version=\"1.0\" "
	    "encoding=\"UTF-8\" standalone=\"no\"?>\n", fp) == EOF) ||
	    fwrite(svg, 1, len, fp) != len || fflush(fp) != 0)
		rc = dm_error(DM_ERROR, "cannot write the graph: %s",
		    strerror(errno));
	if (path != NULL)
		rc = atomic_file_finish(&af, rc);
done:
	free(svg);
	graph_free(g);
	return rc;
}
