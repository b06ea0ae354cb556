#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_INCLUDE(cli_filters),
	CLI_INCLUDE(cli_pairs),
	CLI_INCLUDE(cli_output),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "who",
	.about = "Who accused whom: one row per accuser and accused, with the "
	    "number\nof claims and statements, the first and last date, the "
	    "kinds and\nthe topics.  Accusations are the claims of the kinds "
	    "marked * below;\n--kind counts other kinds instead.\n",
	.more = cli_claim_kinds_help,
	.opts = opts,
};

int
cmd_who(int argc, char **argv)
{
	return cli_listing(argc, argv, &spec, DM_LIST_WHO, "accusations");
}
