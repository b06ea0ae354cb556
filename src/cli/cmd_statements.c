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
	    "--kind names statement kinds (declaration, press-release, ...).\n"
	    "\n%s", cli_filter_help);
}

int
cmd_statements(int argc, char **argv)
{
	struct cli_query q;
	int ch, rc;

	cli_query_init(&q);
	while ((ch = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (ch == 'h') {
			print_help();
			return CLI_OK;
		}
		if ((rc = cli_query_option(&q, "statements", ch, optarg,
		    argv)) != CLI_OK)
			return rc;
	}
	if (optind < argc)
		return cli_usage("statements", "unexpected argument '%s'",
		    argv[optind]);
	return cli_query_list(&q, DM_LIST_STATEMENTS, "statements");
}
