#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

static const struct cli_spec spec = {
	.cmd = "stats",
	.about = "Counts of actors, statements, claims and imports, and the "
	    "range of\nstatement dates.\n",
	.opts = cli_no_opts,
};

int
cmd_stats(int argc, char **argv)
{
	struct dm_stats st;
	dm_archive *a = NULL;
	int rc;

	if ((rc = cli_parse_flags(argc, argv, &spec, NULL)) != -1)
		return rc;
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
