#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

enum { OPT_OUTPUT = 'o' };

static const struct option opts[] = {
	CLI_HELP_OPTION,
	CLI_FILTER_OPTIONS,
	{ "output", required_argument, NULL, OPT_OUTPUT },
	CLI_PAIR_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	printf("usage: demarche [--db PATH] report [filters] [--by A] "
	    "[--against B]\n"
	    "                 [--mutual] [--rollup] -o FILE\n"
	    "\n"
	    "Writes one self-contained HTML page, which loads nothing and "
	    "runs no\nscript: the archive's figures, the accusation network "
	    "of 'graph'\n(drawn by Graphviz; where it is missing the page "
	    "says so), a timeline\nof the statements with one row per "
	    "issuer, the who table, and the\nstatements in their response "
	    "threads with their claims and quotes.\n"
	    "\n"
	    "--actor, --from, --to, --on and --topic choose the statements; "
	    "--kind\n(claim kinds, accusations by default), --by, --against, "
	    "--mutual,\n--rollup and --limit choose the pairs of the network "
	    "and the who\ntable, as they do for 'who'.  The network draws at "
	    "most the 500\npairs with the most claims; the table lists them "
	    "all.\n"
	    "\n"
	    "  -o, --output FILE  write to FILE, whole or not at all "
	    "(default:\n"
	    "                     standard output)\n"
	    "\n%s", cli_filter_help);
}

int
cmd_report(int argc, char **argv)
{
	struct cli_query q;
	dm_archive *a = NULL;
	const char *path = NULL;
	int ch, rc;

	cli_query_init(&q);
	while ((ch = cli_getopt_long(argc, argv, ":ho:", opts)) != -1) {
		switch (ch) {
		case 'h':
			print_help();
			return CLI_OK;
		case OPT_OUTPUT:
			path = optarg;
			break;
		case CLI_OPT_FORMAT:
			return cli_usage("report", "'--format' does not apply: "
			    "a report is HTML");
		case CLI_OPT_CSV:
		case CLI_OPT_JSON:
		case CLI_OPT_EXCEL:
			return cli_usage("report", "'%s' does not apply: a "
			    "report is HTML", argv[optind - 1]);
		default:
			if ((rc = cli_query_option(&q, "report", ch, optarg,
			    argv)) != CLI_OK)
				return rc;
			break;
		}
	}
	if (optind < argc)
		return cli_usage("report", "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if ((rc = dm_report_html(a, &q.filter, path, stdout)) != 0)
		rc = cli_query_fail(rc);
	else if (path != NULL)
		cli_note("report written to '%s'", path);
	dm_archive_free(a);
	return rc;
}
