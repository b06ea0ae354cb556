#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_FLAG(CLI_OPT_REBUILD, "rebuild", "compute the "
	    "summaries and the claims' statement dates again first"),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "check",
	.about = "Checks the archive: SQLite's integrity and foreign keys, "
	    "the\nfull-text indexes, the summaries that 'who' and 'timeline' read\n"
	    "against the same figures computed from the claims, and the date of\n"
	    "its statement that each claim carries for dated listings.  One line\n"
	    "per check; the exit status is 1 if any fails.\n",
	.opts = opts,
};

static void
print_check(void *ctx, const char *what, const char *problem)
{
	(void)ctx;
	dm_print(stdout, "%-30s %s", what, *problem ? problem : "ok");
	putchar('\n');
}

int
cmd_check(int argc, char **argv)
{
	dm_archive *a = NULL;
	int rc, rebuild = 0;

	if ((rc = cli_parse_flags(argc, argv, &spec, &rebuild)) != -1)
		return rc;
	if (optind < argc)
		return cli_usage("check", "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if (dm_archive_check(a, rebuild, print_check, NULL) != 0)
		rc = cli_fail();
	dm_archive_free(a);
	return rc;
}
