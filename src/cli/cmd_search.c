#include <getopt.h>
#include <stdio.h>

#include "cli.h"

enum { OPT_RAW = 1 };

static const struct option opts[] = {
	CLI_HELP_OPTION,
	CLI_FILTER_OPTIONS,
	{ "raw", no_argument, NULL, OPT_RAW },
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	printf("usage: demarche [--db PATH] search [filters] [--raw] TEXT\n"
	    "\n"
	    "Searches the titles and texts of statements and the summaries "
	    "and\nquotes of claims, best match first, with the matching "
	    "words\n[bracketed] in a snippet.  Every word of TEXT must occur, "
	    "in any of\nits English forms (sanction finds sanctions and "
	    "sanctioned); TEXT is\ntaken literally (U.S., C++).  Words in "
	    "double quotes must occur as\nwritten, side by side "
	    "(\"systemic challenges\").  Chinese and Japanese\nwords are "
	    "found inside longer runs of characters.\n"
	    "\n"
	    "  --raw         TEXT is an FTS5 query (AND, OR, NOT, \"phrase\", "
	    "pre*,\n                NEAR(...)); a \"phrase\" and a prefix "
	    "are matched as\n                written; a column filter "
	    "searches the statements\n                (title:, text:) or the "
	    "claims (summary:, quote:); at most\n                64 words "
	    "(AND, OR and NOT aside) and 1,024 bytes\n"
	    "  --kind K,...  claims of those kinds, and statements\n"
	    "\n%s%s", cli_filter_help, cli_output_help);
}

int
cmd_search(int argc, char **argv)
{
	struct cli_query q;
	int ch, rc;

	cli_query_init(&q);
	while ((ch = cli_getopt(argc, argv, ":h", opts)) != -1) {
		switch (ch) {
		case 'h':
			print_help();
			return CLI_OK;
		case OPT_RAW:
			q.filter.raw = 1;
			break;
		default:
			if ((rc = cli_query_option(&q, "search", ch, optarg,
			    argv)) != CLI_OK)
				return rc;
			break;
		}
	}
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
