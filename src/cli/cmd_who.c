#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const struct option opts[] = {
	CLI_HELP_OPTION,
	CLI_FILTER_OPTIONS,
	CLI_PAIR_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	printf("usage: demarche [--db PATH] who [filters] [--by A] "
	    "[--against B]\n"
	    "                 [--mutual] [--rollup] [--format F]\n"
	    "\n"
	    "Who accused whom: one row per accuser and accused, with the "
	    "number\nof claims and statements, the first and last date, the "
	    "kinds and\nthe topics.  Accusations are the claims of the kinds "
	    "marked * below;\n--kind counts other kinds instead.\n"
	    "\n"
	    "  --by A        accusations made by A (or an actor under it)\n"
	    "  --against B   accusations aimed at B (or an actor under it)\n"
	    "  --mutual      only pairs that accused each other\n"
	    "  --rollup      count every actor as its top-level actor\n"
	    "                (CHN.MISSION-EU as CHN)\n"
	    "\n");
	cli_claim_kinds_help();
	printf("\n%s%s", cli_filter_help, cli_output_help);
}

int
cmd_who(int argc, char **argv)
{
	return cli_listing(argc, argv, opts, print_help, DM_LIST_WHO,
	    "accusations");
}
