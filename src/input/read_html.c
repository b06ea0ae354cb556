/*
 * The web page reader: one statement per page (html.c), coded by the
 * rule coder.  The page's address is its name when it was fetched.
 */
#include <ctype.h>
#include <string.h>

#include "html.h"
#include "reader.h"
#include "statement.h"

static int
parse_html(struct import *im, struct statement_in *st, const char *buf,
    size_t len)
{
	struct html_options ho;

	memset(&ho, 0, sizeof(ho));
	ho.url = strstr(im->name, "://") ? im->name : NULL;
	ho.charset = im->charset;
	ho.issuer = im->opt->issuer;
	ho.date = im->opt->date;
	ho.order = (enum date_order)im->opt->date_order;
	return html_parse(st, &im->arena, buf, len, &ho);
}

static int
read_html(struct import *im, struct instream *in, struct digest *d)
{
	return import_one(im, in, d, PAGE_MAX_BYTES, "page", parse_html);
}

/*
 * By name (.html, .htm); a name without an extension (standard input,
 * a URL's last part) by markup at the start.
 */
static int
detect_html(const char *name, const char *head, size_t n)
{
	static const char *const exts[] = { ".html", ".htm", ".xhtml", NULL };
	size_t i = 0;

	if (import_name_ends(name, exts))
		return 1;
	if (!import_name_bare(name))
		return 0;
	if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && isspace((unsigned char)head[i]))
		i++;
	return i < n && head[i] == '<';
}

static const char *const types[] = { "text/html", "application/xhtml+xml",
	NULL };

const struct reader reader_html = { "html", detect_html, types, read_html };
