/*
 * The accusation network: the rows of the who listing as a graph of
 * actors, written as Graphviz DOT and drawn (SVG, PNG, PDF) by Graphviz's
 * dot.
 * dm_graph() and the report (report.c) share it:
 *
 *	struct graph *g = NULL;
 *	if ((rc = graph_load(&g, a, f, GRAPH_PAIRS)) != 0)
 *		goto done;
 *	rc = graph_draw(g, "svg", &svg, &len);
 * done:
 *	graph_free(g);
 */
#ifndef DM_GRAPH_H
#define DM_GRAPH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "demarche.h"

struct graph;

/*
 * The pairs drawn unless --limit says otherwise: Graphviz takes seconds
 * for 500 and minutes for a few thousand (bench/PROFILE.md).
 */
#define GRAPH_PAIRS	500

/*
 * Loads the who listing under f (with its --by, --against, --mutual,
 * --rollup and --limit) and the kind of every actor it names, keeping
 * the first max pairs (who lists the pairs with the most claims first)
 * and the actors they join.  An actor keeps its claims made and received
 * over every pair; a pair is mutual only if its reverse is kept.
 * Returns as dm_list() does; the caller releases *out with graph_free().
 */
int	graph_load(struct graph **out, dm_archive *a,
	    const struct dm_filter *f, size_t max);
void	graph_free(struct graph *g);

/* The number of (accuser, accused) pairs listed, drawn or not. */
int64_t	graph_pairs(const struct graph *g);
/* The number of pairs kept, the edges of the graph. */
int64_t	graph_drawn(const struct graph *g);

/* Writes g as DOT to fp.  Returns 0, or DM_ERROR when a write fails. */
int	graph_write_dot(const struct graph *g, FILE *fp);

/*
 * Draws g with Graphviz ('dot -T<format>', format "svg", "png" or "pdf")
 * and hands back the picture; an SVG document from its <svg> element on,
 * without the XML prolog, so that it can be written alone or inline in
 * HTML: *out is malloc'd and NUL-terminated, *len its length.  Returns 0;
 * DM_EINVALID for another format; DM_ENOTFOUND, saying which package to
 * install, when Graphviz is missing; DM_ERROR, saying why, when dot
 * fails or takes longer than DEMARCHE_DOT_TIMEOUT seconds (60 unless
 * set), and is killed.  dot is killed with demarche too.
 */
int	graph_draw(const struct graph *g, const char *format, char **out,
	    size_t *len);

/*
 * Writes s to fp, replacing each byte c for which esc(c) is not NULL
 * with that string, and each invalid UTF-8 sequence with U+FFFD, so no
 * archive text can break out of the syntax it is written into.
 */
void	escape_write(FILE *fp, const char *s, const char *(*esc)(int c));

/*
 * Writes the items of an OUT_LIST_SEP list as escape_write() does,
 * joined by sep; NULL writes nothing.
 */
void	escape_list(FILE *fp, const char *list, const char *sep,
	    const char *(*esc)(int c));

#endif
