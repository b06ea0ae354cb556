#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

static const struct option opts[] = {
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	puts("usage: demarche [--db PATH] stats\n\n"
	    "Counts of actors, statements, claims and imports, and the range "
	    "of\nstatement dates.");
}

int
cmd_stats(int argc, char **argv)
{
	struct dm_stats st;
	dm_archive *a = NULL;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, "h", opts)) != -1) {
		if (ch == 'h') {
			print_help();
			return CLI_OK;
		}
		return cli_bad_option("stats", ch, argv);
	}
	if (optind < argc)
		return cli_usage("stats", "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if (dm_archive_stats(a, &st) != 0)
		rc = cli_fail();
	else {
		printf("actors      %" PRId64 " (%" PRId64 " unresolved)\n",
		    st.actors, st.unresolved);
		printf("statements  %" PRId64 "\n", st.statements);
		printf("claims      %" PRId64 "\n", st.claims);
		printf("imports     %" PRId64 "\n", st.imports);
		if (st.first_date[0])
			printf("dates       %s to %s\n", st.first_date,
			    st.last_date);
	}
	dm_archive_free(a);
	return rc;
}
