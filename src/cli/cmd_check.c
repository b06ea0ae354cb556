#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const struct option opts[] = {
	CLI_HELP_OPTION,
	{ "rebuild", no_argument, NULL, 'r' },
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	puts("usage: demarche [--db PATH] check [--rebuild]\n\n"
	    "Checks the archive: SQLite's integrity and foreign keys, the\n"
	    "full-text indexes, the summaries that 'who' and 'timeline' read\n"
	    "against the same figures computed from the claims, and the date of\n"
	    "its statement that each claim carries for dated listings.  One line\n"
	    "per check; the exit status is 1 if any fails.\n\n"
	    "  --rebuild  compute the summaries and the claims' statement\n"
	    "             dates again first");
}

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
	int ch, rc, rebuild = 0;

	while ((ch = cli_getopt(argc, argv, "h", opts)) != -1) {
		switch (ch) {
		case 'h':
			print_help();
			return CLI_OK;
		case 'r':
			rebuild = 1;
			break;
		default:
			return cli_bad_option("check", ch, argv);
		}
	}
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
