/*
 * The plain-text reader: one statement per file, parsed by textstmt.c
 * and coded by the rule coder.
 */
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "statement.h"
#include "textstmt.h"

static int
parse_text(struct import *im, struct statement_in *st, const char *buf,
    size_t len)
{
	return textstmt_parse(st, &im->arena, buf, len, im->opt->issuer,
	    im->opt->date, (enum date_order)im->opt->date_order);
}

static int
read_text(struct import *im, struct instream *in, struct digest *d)
{
	return import_one(im, in, d, STATEMENT_MAX_BYTES, "text", parse_text);
}

/*
 * By name (.txt, .md); a name without an extension by a header line
 * demarche knows at the start ("Issuer: ..."): a text of body only is
 * told apart from other input by its name or --format.
 */
static int
detect_text(const char *name, const char *head, size_t n)
{
	static const char *const exts[] = { ".txt", ".md", NULL };

	(void)n;
	return import_name_ends(name, exts) || (import_name_bare(name) &&
	    textstmt_sniff(head));
}

static const char *const types[] = { "text/plain", "text/markdown", NULL };

const struct reader reader_text = { "text", detect_text, types, read_text };
