#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_INCLUDE(cli_filters),
	CLI_RETELL(CLI_OPT_KIND, "statement kinds (declaration, "
	    "press-release, ...)"),
	CLI_INCLUDE(cli_output),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "statements",
	.about = "Lists statements by date: id, date, issuer, kind, title, "
	    "URL,\nlanguage, number of claims, and the statements each "
	    "responds to.\n",
	.opts = opts,
};

int
cmd_statements(int argc, char **argv)
{
	return cli_listing(argc, argv, &spec, DM_LIST_STATEMENTS,
	    "statements");
}
