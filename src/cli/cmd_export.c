#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_INCLUDE(cli_filters),
	CLI_INCLUDE(cli_pairs),
	CLI_VALUE(CLI_OPT_TARGET, "target", "B", "claims aimed "
	    "at B (or an actor under it)"),
	CLI_VALUE(CLI_OPT_METHOD, "method", "M", "claims coded "
	    "so: curated, rule or reviewed"),
	CLI_VALUE(CLI_OPT_SEARCH, "search", "TEXT", "actors "
	    "whose code, name or alias contains TEXT"),
	CLI_FLAG(CLI_OPT_UNRESOLVED, "unresolved", "only "
	    "actors made for references to nobody"),
	CLI_INCLUDE(cli_to_file),
	CLI_RETELL(CLI_OPT_FORMAT, "csv (default), tsv, json, jsonl or "
	    "table"),
	CLI_INCLUDE(cli_output),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "export",
	.operands = "[statements|claims|actors|who]",
	.about = "Exports a listing, statements by default, as CSV unless "
	    "--format says\notherwise, with the columns of the listing "
	    "command and the options\nof that command, below.  With -o the "
	    "file is written whole or not at\nall.\n"
	    "\n"
	    "'export statements --format jsonl' writes the import format "
	    "instead:\na line {\"actors\": [...]} with every actor the "
	    "gazetteer does not\ndefine, then one statement per line with its "
	    "claims, for\n'demarche import' into another archive.  Claims "
	    "that demarche coded\nby rule carry \"method\": \"rule\", so "
	    "they stay rule claims there.\n",
	.opts = opts,
};

static const struct {
	const char		*name;
	enum dm_listing		 what;
} exports[] = {
	{ "actors", DM_LIST_ACTORS },
	{ "claims", DM_LIST_CLAIMS },
	{ "statements", DM_LIST_STATEMENTS },
	{ "who", DM_LIST_WHO },
};

int
cmd_export(int argc, char **argv)
{
	struct cli_query q;
	enum dm_listing what = DM_LIST_STATEMENTS;
	dm_archive *a = NULL;
	int64_t n;
	size_t i;
	int rc;

	cli_query_init(&q);
	q.out.format = "csv";
	if ((rc = cli_query_parse(&q, argc, argv, &spec)) != -1)
		return rc;
	if (optind < argc) {
		for (i = 0; i < sizeof(exports) / sizeof(exports[0]); i++)
			if (strcmp(argv[optind], exports[i].name) == 0)
				break;
		if (i == sizeof(exports) / sizeof(exports[0]))
			return cli_usage("export", "cannot export '%s' "
			    "(statements, claims, actors or who)",
			    argv[optind]);
		what = exports[i].what;
		optind++;
	}
	if (optind < argc)
		return cli_usage("export", "unexpected argument '%s'",
		    argv[optind]);
	if ((rc = cli_query_output(&q, "export")) != CLI_OK)
		return rc;
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if ((rc = dm_export(a, what, &q.filter, &q.out, q.path, &n)) != 0)
		rc = cli_query_fail(rc);
	else if (q.path != NULL)
		cli_note("%" PRId64 " row%s written to '%s'", n,
		    n == 1 ? "" : "s", q.path);
	dm_archive_free(a);
	return rc;
}
