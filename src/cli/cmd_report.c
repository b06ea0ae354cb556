#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_INCLUDE(cli_filters),
	CLI_INCLUDE(cli_pairs),
	CLI_REFUSE_ALL(cli_output, "a report is HTML"),
	CLI_INCLUDE(cli_to_file),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "report",
	.about = "Writes one self-contained HTML page, which loads nothing and "
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
	    "all.\n",
	.opts = opts,
};

int
cmd_report(int argc, char **argv)
{
	struct cli_query q;
	dm_archive *a = NULL;
	int rc;

	cli_query_init(&q);
	if ((rc = cli_query_parse(&q, argc, argv, &spec)) != -1)
		return rc;
	if (optind < argc)
		return cli_usage("report", "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if ((rc = dm_report_html(a, &q.filter, q.path, stdout)) != 0)
		rc = cli_query_fail(rc);
	else if (q.path != NULL)
		cli_note("report written to '%s'", q.path);
	dm_archive_free(a);
	return rc;
}
