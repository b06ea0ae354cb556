#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_INCLUDE(cli_filters),
	CLI_RETELL(CLI_OPT_KIND, "only statements of these kinds"),
	CLI_FLAG(CLI_OPT_MISSES, "misses", "the claims the "
	    "coder missed and invented, each with a sentence, instead of the "
	    "figures"),
	CLI_INCLUDE(cli_output),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "eval",
	.about = "Measures the rule coder against the archive's curated and "
	    "reviewed\nclaims, on the statements that have both: precision "
	    "(the share of its\nclaims that the gold holds) and recall (the "
	    "share of the gold it\nfound), overall and by language, by exact "
	    "kind and by kind class\n(hostile, denial, demand, support, "
	    "assert), then by each kind and\nclass.  A claim is its statement, "
	    "claimant, kind and target, actors\ncut to their top level "
	    "(CHN.MFA is CHN).  Rule claims a reviewer\nrejected or replaced count as "
	    "proposed.\n",
	.opts = opts,
};

int
cmd_eval(int argc, char **argv)
{
	struct cli_query q;
	dm_archive *a = NULL;
	int ch, rc, misses = 0;

	cli_query_init(&q);
	while ((ch = cli_query_getopt(&q, argc, argv, &spec, &rc)) != -1)
		misses = 1;	/* --misses, its only option */
	if (rc != -1)
		return rc;
	if (optind < argc)
		return cli_usage("eval", "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_query_output(&q, "eval")) != CLI_OK)
		return rc;
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if ((rc = dm_eval(a, &q.filter, &q.out, misses)) != 0)
		rc = cli_query_fail(rc);
	dm_archive_free(a);
	return rc;
}
