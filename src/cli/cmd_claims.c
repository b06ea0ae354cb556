#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const struct option opts[] = {
	CLI_HELP_OPTION,
	CLI_FILTER_OPTIONS,
	{ "by", required_argument, NULL, CLI_OPT_BY },
	{ "target", required_argument, NULL, CLI_OPT_TARGET },
	{ "method", required_argument, NULL, CLI_OPT_METHOD },
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	printf("usage: demarche [--db PATH] claims [filters] [--by A] "
	    "[--target B]\n"
	    "                 [--method curated|rule] [--format F]\n"
	    "\n"
	    "Lists claims by the date of their statement, one row per claim "
	    "and\ntarget (a claim without a target has one row).\n"
	    "\n"
	    "  --by A        made by A (or an actor under it)\n"
	    "  --target B    aimed at B (or an actor under it)\n"
	    "  --method M    curated (written in the input) or rule (coded "
	    "from\n                plain text)\n"
	    "\n");
	cli_claim_kinds_help();
	printf("\n%s", cli_filter_help);
}

int
cmd_claims(int argc, char **argv)
{
	return cli_listing(argc, argv, opts, print_help, DM_LIST_CLAIMS,
	    "claims");
}
