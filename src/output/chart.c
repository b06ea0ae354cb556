/*
 * Lines over time in SVG.  The geometry is fixed (a 960 by 400 plot
 * area plus margins); the y axis runs from 0 to a round number at or
 * above the largest count, the x axis labels as many points as fit.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "error.h"
#include "graph.h"
#include "output.h"

#define CH_WIDTH	960.0
#define CH_PLOT_H	360.0
#define CH_TOP		16.0
#define CH_LEFT		64.0
#define CH_RIGHT	24.0
#define CH_LEGEND	200.0	/* right of the plot, with several series */
#define CH_BOTTOM	48.0

/* A palette told apart by colour-blind readers (Okabe and Ito), grey last. */
static const char *const colours[] = { "#0072b2", "#d55e00", "#009e73",
	"#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442" };
#define NCOLOURS	(sizeof(colours) / sizeof(colours[0]))
#define GREY		"#8c8c8c"

const char *
xml_esc(int c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	case '\n':
	case '\t':
		return NULL;
	default:
		return c < 0x20 || c == 0x7f ? "" : NULL;
	}
}

/* The smallest of 1, 2, 5 times a power of ten with ticks * it >= max. */
static int64_t
tick_step(int64_t max, int ticks)
{
	int64_t p = 1;

	for (;;) {
		if (p * ticks >= max)
			return p;
		if (2 * p * ticks >= max)
			return 2 * p;
		if (5 * p * ticks >= max)
			return 5 * p;
		p *= 10;
	}
}

/* The last series is the rest, drawn grey, when it is named so. */
static const char *
colour(const struct chart *c, size_t s)
{
	if (c->names != NULL && c->names[s] != NULL &&
	    strcmp(c->names[s], "(other)") == 0)
		return GREY;
	return colours[s % NCOLOURS];
}

/* The plot's scale, worked out once for every part drawn on it. */
struct frame {
	int64_t max;	/* the top of the y axis, a whole number of steps */
	int64_t ystep;
	double plotw;
	double step;	/* between points along the x axis */
};

static void
frame_of(const struct chart *c, struct frame *f)
{
	size_t i;

	f->max = 0;
	for (i = 0; i < c->npoints * c->nseries; i++)
		if (c->values[i] > f->max)
			f->max = c->values[i];
	f->ystep = tick_step(f->max > 0 ? f->max : 1, 5);
	f->max = f->ystep * ((f->max + f->ystep - 1) / f->ystep);
	if (f->max == 0)
		f->max = f->ystep;
	f->plotw = CH_WIDTH - CH_LEFT - CH_RIGHT;
	f->step = c->npoints > 1 ? f->plotw / (double)(c->npoints - 1) : 0;
}

/* Point i's x; a single point sits in the middle of the plot. */
static double
point_x(const struct chart *c, const struct frame *f, size_t i)
{
	return c->npoints > 1 ? CH_LEFT + f->step * (double)i :
	    CH_LEFT + f->plotw / 2;
}

static double
point_y(const struct chart *c, const struct frame *f, size_t s, size_t i)
{
	return CH_TOP + CH_PLOT_H - (double)c->values[s * c->npoints + i] /
	    (double)f->max * CH_PLOT_H;
}

static void
draw_header(FILE *fp, const struct chart *c, double width)
{
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "font-family=\"system-ui,sans-serif\" font-size=\"12\" "
	    "role=\"img\">\n<title>", width, CH_TOP + CH_PLOT_H + CH_BOTTOM,
	    width, CH_TOP + CH_PLOT_H + CH_BOTTOM);
	escape_write(fp, c->title, xml_esc);
	fprintf(fp, "</title>\n<rect width=\"%.0f\" height=\"%.0f\" "
	    "fill=\"#fff\"/>\n", width, CH_TOP + CH_PLOT_H + CH_BOTTOM);
}

static void
draw_axes(FILE *fp, const struct chart *c, const struct frame *f)
{
	double x, y;
	int64_t v;
	size_t i, every;

	/* The y axis: grid lines at round counts. */
	for (v = 0; v <= f->max; v += f->ystep) {
		y = CH_TOP + CH_PLOT_H - (double)v / (double)f->max * CH_PLOT_H;
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\"/>\n<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">%lld</text>\n", CH_LEFT, y,
		    CH_WIDTH - CH_RIGHT, y, v == 0 ? "#666" : "#e3e6ea",
		    CH_LEFT - 8, y + 4, (long long)v);
	}
	/* The x axis: a label each tenth of the way, at most. */
	every = c->npoints / 10 + 1;
	for (i = 0; i < c->npoints; i += every) {
		x = point_x(c, f, i);
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#666\"/>\n<text x=\"%.1f\" "
		    "y=\"%.1f\" text-anchor=\"middle\">", x, CH_TOP + CH_PLOT_H,
		    x, CH_TOP + CH_PLOT_H + 5, x, CH_TOP + CH_PLOT_H + 20);
		escape_write(fp, c->labels[i], xml_esc);
		fputs("</text>\n", fp);
	}
}

/* Series s as a line, with its points marked. */
static void
draw_series(FILE *fp, const struct chart *c, const struct frame *f, size_t s)
{
	size_t i;

	fprintf(fp, "<g stroke=\"%s\" fill=\"%s\">", colour(c, s),
	    colour(c, s));
	if (c->names != NULL && c->names[s] != NULL) {
		fputs("<title>", fp);
		escape_write(fp, c->names[s], xml_esc);
		fputs("</title>", fp);
	}
	fputs("\n<polyline fill=\"none\" stroke-width=\"2\" points=\"", fp);
	for (i = 0; i < c->npoints; i++)
		fprintf(fp, "%s%.1f,%.1f", i ? " " : "", point_x(c, f, i),
		    point_y(c, f, s, i));
	fputs("\"/>\n", fp);
	/* Each point marked where there is room for it. */
	for (i = 0; c->npoints <= 60 && i < c->npoints; i++) {
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\">"
		    "<title>", point_x(c, f, i), point_y(c, f, s, i));
		escape_write(fp, c->labels[i], xml_esc);
		fprintf(fp, ": %lld</title></circle>\n",
		    (long long)c->values[s * c->npoints + i]);
	}
	fputs("</g>\n", fp);
}

static void
draw_legend(FILE *fp, const struct chart *c)
{
	double y;
	size_t s;

	for (s = 0; s < c->nseries; s++) {
		y = CH_TOP + 12 + 20 * (double)s;
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" "
		    "height=\"4\" fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">",
		    CH_WIDTH + 4, y - 4, colour(c, s), CH_WIDTH + 24, y);
		escape_write(fp, c->names[s] ? c->names[s] : "", xml_esc);
		fputs("</text>\n", fp);
	}
}

int
chart_svg(FILE *fp, const struct chart *c)
{
	struct frame f;
	size_t s;
	int legend = c->names != NULL && c->nseries > 1;

	frame_of(c, &f);
	draw_header(fp, c, CH_WIDTH + (legend ? CH_LEGEND : 0));
	draw_axes(fp, c, &f);
	for (s = 0; s < c->nseries; s++)
		draw_series(fp, c, &f, s);
	if (legend)
		draw_legend(fp, c);
	fputs("</svg>\n", fp);
	if (fflush(fp) != 0 || ferror(fp))
		return dm_error(DM_ERROR, "cannot write the chart: %s",
		    strerror(errno));
	return 0;
}
