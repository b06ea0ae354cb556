#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const struct option opts[] = {
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	puts("usage: demarche [--db PATH] init\n\n"
	    "Creates the archive, or brings an existing one to the current "
	    "schema,\nand loads the gazetteer of states, organisations and "
	    "institutions.\nRunning it again changes nothing.");
}

int
cmd_init(int argc, char **argv)
{
	struct dm_init_result res;
	dm_archive *a = NULL;
	int ch, rc;

	while ((ch = cli_getopt(argc, argv, "h", opts)) != -1) {
		if (ch == 'h') {
			print_help();
			return CLI_OK;
		}
		return cli_bad_option("init", ch, argv);
	}
	if (optind < argc)
		return cli_usage("init", "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_open(&a, DM_OPEN_CREATE)) != CLI_OK)
		return rc;
	if (dm_archive_init(a, &res) != 0)
		rc = cli_fail();
	else if (res.migrations + res.actors + res.aliases == 0)
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
