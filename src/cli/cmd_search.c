#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_INCLUDE(cli_filters),
	CLI_FLAG(CLI_OPT_RAW, "raw", "TEXT is an FTS5 query "
	    "(AND, OR, NOT, \"phrase\", pre*, NEAR(...)); a \"phrase\" and a "
	    "prefix are matched as written; a column filter searches the "
	    "statements (title:, text:) or the claims (summary:, quote:); at "
	    "most 64 words (AND, OR and NOT aside) and 1,024 bytes"),
	CLI_RETELL(CLI_OPT_KIND, "claims of those kinds, and statements"),
	CLI_INCLUDE(cli_output),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "search",
	.operands = "TEXT",
	.about = "Searches the titles and texts of statements and the "
	    "summaries and\nquotes of claims, best match first, with the "
	    "matching words\n[bracketed] in a snippet.  Every word of TEXT "
	    "must occur, in any of\nits English forms (sanction finds "
	    "sanctions and sanctioned); TEXT is\ntaken literally (U.S., C++).  "
	    "Words in double quotes must occur as\nwritten, side by side "
	    "(\"systemic challenges\").  Chinese and Japanese\nwords are "
	    "found inside longer runs of characters.\n",
	.opts = opts,
};

int
cmd_search(int argc, char **argv)
{
	struct cli_query q;
	int rc;

	cli_query_init(&q);
	if ((rc = cli_query_parse(&q, argc, argv, &spec)) != -1)
		return rc;
	if (optind >= argc)
		return cli_usage("search", "no text to search for");
	if (optind + 1 < argc)
		return cli_usage("search", "unexpected argument '%s' (quote "
		    "the text: search 'a b')", argv[optind + 1]);
	q.filter.text = argv[optind];
	if ((rc = cli_query_output(&q, "search")) != CLI_OK)
		return rc;
	return cli_query_list(&q, DM_LIST_SEARCH, "matches");
}
