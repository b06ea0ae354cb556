/*
 * A statement from a web page: what the page declares (its <meta> tags,
 * JSON-LD, <time datetime>, canonical link, lang) and the text of its
 * main content block.  No script runs and nothing is fetched: libxml2's
 * HTML parser reads the page with the network off.
 */
#ifndef DM_HTML_H
#define DM_HTML_H

#include <stddef.h>

#include "date.h"

struct arena;
struct statement_in;

/* A page of more than this is refused: 16 MiB. */
#define PAGE_MAX_BYTES	(16 << 20)

struct html_options {
	const char      *url;		/* where the page came from, or NULL */
	const char      *charset;	/* as the server declared it, or NULL */
	const char      *issuer;	/* overrides the table of sites */
	const char      *date;		/* when the page has none */
	enum date_order  order;
};

/*
 * Parses the page buf[0..len) into st, strings in ar.  Returns 0, or
 * DM_EINVALID naming what the page lacks (a title, a date, a body, an
 * issuer) or what is wrong with it, or DM_ERROR.
 */
int	html_parse(struct statement_in *st, struct arena *ar, const char *buf,
	    size_t len, const struct html_options *opt);

#endif
