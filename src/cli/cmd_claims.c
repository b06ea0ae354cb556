#include <getopt.h>
#include <stdio.h>
#include <string.h>

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
	    "                 [--method curated|rule|reviewed] [--format F]\n"
	    "       demarche [--db PATH] claims accept|reject|edit ID... "
	    "(claims accept --help)\n"
	    "\n"
	    "Lists claims by the date of their statement, one row per claim "
	    "and\ntarget (a claim without a target has one row).\n"
	    "\n"
	    "  --by A        made by A (or an actor under it)\n"
	    "  --target B    aimed at B (or an actor under it)\n"
	    "  --method M    curated (written in the input), rule (coded "
	    "from\n                plain text) or reviewed (a rule claim a "
	    "reviewer\n                accepted or edited)\n"
	    "\n");
	cli_claim_kinds_help();
	printf("\n%s%s", cli_filter_help, cli_output_help);
}

int
cmd_claims(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "accept") == 0 ||
	    strcmp(argv[1], "reject") == 0 || strcmp(argv[1], "edit") == 0))
		return cmd_claims_decide(argc - 1, argv + 1);
	return cli_listing(argc, argv, opts, print_help, DM_LIST_CLAIMS,
	    "claims");
}
