/*
 * Counts over time drawn as lines in SVG, written here rather than by a
 * plotting program: a picture of a few hundred elements, self-contained
 * (no script, no font or style fetched), for 'timeline --format svg' and
 * the report.
 */
#ifndef DM_CHART_H
#define DM_CHART_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct chart {
	const char		*title;		/* the picture's <title> */
	const char *const	*labels;	/* of each point on the x axis */
	size_t			 npoints;
	const char *const	*names;		/* of each series, or NULL */
	size_t			 nseries;
	const int64_t		*values;	/* [series * npoints + point] */
};

/*
 * The escape of byte c in XML and HTML text and attributes, for
 * escape_write() (graph.h): NULL keeps it.
 */
const char *xml_esc(int c);

/*
 * Writes c as one <svg> element to fp: one line per series, coloured in
 * turn, with its name in a legend when there are several.  Returns 0, or
 * DM_ERROR when fp fails.
 */
int	chart_svg(FILE *fp, const struct chart *c);

#endif
