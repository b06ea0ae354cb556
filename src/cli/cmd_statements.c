#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const struct option opts[] = {
	CLI_HELP_OPTION,
	CLI_FILTER_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	printf("usage: demarche [--db PATH] statements [filters] [--format F]\n"
	    "\n"
	    "Lists statements by date: id, date, issuer, kind, title, URL,\n"
	    "language, number of claims, and the statements each responds "
	    "to.\n"
	    "\n"
	    "  --kind K,...  statement kinds (declaration, press-release, "
	    "...)\n"
	    "\n%s%s", cli_filter_help, cli_output_help);
}

int
cmd_statements(int argc, char **argv)
{
	return cli_listing(argc, argv, opts, print_help, DM_LIST_STATEMENTS,
	    "statements");
}
