#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const struct cli_spec spec = {
	.cmd = "thread",
	.operands = "ID",
	.about = "Shows statement ID with its claims, what it responds to, and "
	    "what\nresponds to it, following the links both ways as a tree: "
	    "each\nstatement with its date, issuer and title, and one line "
	    "per claim\n(kind, claimant when not the issuer, targets, "
	    "summary).  A linked\nstatement not in the archive is shown as "
	    "missing.\n",
	.opts = cli_no_opts,
};

int
cmd_thread(int argc, char **argv)
{
	dm_archive *a = NULL;
	int rc;

	if ((rc = cli_parse_flags(argc, argv, &spec, NULL)) != -1)
		return rc;
	if (optind >= argc)
		return cli_usage("thread", "no statement id");
	if (optind + 1 < argc)
		return cli_usage("thread", "unexpected argument '%s'",
		    argv[optind + 1]);
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if (dm_thread(a, argv[optind], stdout) != 0)
		rc = cli_fail();
	dm_archive_free(a);
	return rc;
}
