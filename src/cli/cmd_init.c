#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const struct cli_spec spec = {
	.cmd = "init",
	.about = "Creates the archive, or brings an existing one to the "
	    "current schema,\nand loads the gazetteer of states, "
	    "organisations and institutions.\nRunning it again changes "
	    "nothing.\n",
	.opts = cli_no_opts,
};

int
cmd_init(int argc, char **argv)
{
	struct dm_init_result res;
	dm_archive *a = NULL;
	int rc;

	if ((rc = cli_parse_flags(argc, argv, &spec, NULL)) != -1)
		return rc;
	if (optind < argc)
		return cli_usage("init", "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_open(&a, DM_OPEN_CREATE)) != CLI_OK)
		return rc;
	if (dm_archive_init(a, &res) != 0) {
		rc = cli_fail();
		dm_archive_discard(a);
		return rc;
	}
	if (res.migrations + res.actors + res.aliases == 0)
		cli_note("archive '%s' is up to date (schema level "
		    "%d)", cli_globals.db_path, dm_archive_level(a));
	else
		cli_note("archive '%s' at schema level %d: %d "
		    "migration%s applied, %d actors and %d aliases added",
		    cli_globals.db_path, dm_archive_level(a), res.migrations,
		    res.migrations == 1 ? "" : "s", res.actors, res.aliases);
	dm_archive_free(a);
	return rc;
}
