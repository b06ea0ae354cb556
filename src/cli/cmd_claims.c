#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_INCLUDE(cli_filters),
	CLI_INCLUDE(cli_claimant),
	CLI_VALUE(CLI_OPT_METHOD, "method", "M", "curated "
	    "(written in the input), rule (coded from plain text) or reviewed "
	    "(a rule claim a reviewer accepted or edited)"),
	CLI_INCLUDE(cli_output),
	{ 0 }
};

static const char *const forms[] = {
	"claims accept|reject|edit ID... (claims accept --help)", NULL
};

static const struct cli_spec spec = {
	.cmd = "claims",
	.forms = forms,
	.about = "Lists claims by the date of their statement, one row per "
	    "claim and\ntarget (a claim without a target has one row).\n",
	.more = cli_claim_kinds_help,
	.opts = opts,
};

int
cmd_claims(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "accept") == 0 ||
	    strcmp(argv[1], "reject") == 0 || strcmp(argv[1], "edit") == 0))
		return cmd_claims_decide(argc - 1, argv + 1);
	return cli_listing(argc, argv, &spec, DM_LIST_CLAIMS, "claims");
}
