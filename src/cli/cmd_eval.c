#include <getopt.h>
#include <stdio.h>

#include "cli.h"

enum { OPT_MISSES = 1 };

static const struct option opts[] = {
	CLI_HELP_OPTION,
	CLI_FILTER_OPTIONS,
	{ "misses", no_argument, NULL, OPT_MISSES },
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	printf("usage: demarche [--db PATH] eval [filters] [--misses] "
	    "[--format F]\n"
	    "\n"
	    "Measures the rule coder against the archive's curated and "
	    "reviewed\nclaims, on the statements that have both: precision "
	    "(the share of its\nclaims that the gold holds) and recall (the "
	    "share of the gold it\nfound), overall and by language, by exact "
	    "kind and by kind class\n(hostile, denial, demand, support, "
	    "assert), then by each kind and\nclass.  A claim is its statement, "
	    "claimant, kind and target, actors\ncut to their top level (CHN.MFA "
	    "is CHN).  Rule claims a reviewer\nrejected or replaced count as "
	    "proposed.  --kind names statement kinds.\n"
	    "\n"
	    "  --misses      the claims the coder missed and invented, each "
	    "with a\n                sentence, instead of the figures\n"
	    "\n%s", cli_filter_help);
}

int
cmd_eval(int argc, char **argv)
{
	struct cli_query q;
	dm_archive *a = NULL;
	int ch, rc, misses = 0;

	cli_query_init(&q);
	while ((ch = cli_getopt_long(argc, argv, ":h", opts)) != -1) {
		if (ch == 'h') {
			print_help();
			return CLI_OK;
		}
		if (ch == OPT_MISSES)
			misses = 1;
		else if ((rc = cli_query_option(&q, "eval", ch, optarg,
		    argv)) != CLI_OK)
			return rc;
	}
	if (optind < argc)
		return cli_usage("eval", "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if ((rc = dm_eval(a, &q.filter, &q.out, misses)) != 0)
		rc = cli_query_fail(rc);
	dm_archive_free(a);
	return rc;
}
