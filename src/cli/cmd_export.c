#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

enum { OPT_OUTPUT = 'o' };

static const struct option opts[] = {
	CLI_HELP_OPTION,
	CLI_FILTER_OPTIONS,
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ "by", required_argument, NULL, CLI_OPT_BY },
	{ "against", required_argument, NULL, CLI_OPT_AGAINST },
	{ "target", required_argument, NULL, CLI_OPT_TARGET },
	{ "method", required_argument, NULL, CLI_OPT_METHOD },
	{ "mutual", no_argument, NULL, CLI_OPT_MUTUAL },
	{ "rollup", no_argument, NULL, CLI_OPT_ROLLUP },
	{ "search", required_argument, NULL, CLI_OPT_SEARCH },
	{ "unresolved", no_argument, NULL, CLI_OPT_UNRESOLVED },
	{ NULL, 0, NULL, 0 }
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

static void
print_help(void)
{
	printf("usage: demarche [--db PATH] export [statements|claims|actors|"
	    "who]\n"
	    "                 [filters] [-o FILE] [--format F]\n"
	    "\n"
	    "Exports a listing, statements by default, as CSV unless --format "
	    "says\notherwise, with the columns of the listing command and the "
	    "options\nof that command (--by, --against, --target, --method, "
	    "--mutual,\n--rollup, --search, --unresolved).  With -o the file "
	    "is written whole\nor not at all.\n"
	    "\n"
	    "'export statements --format jsonl' writes the import format "
	    "instead:\na line {\"actors\": [...]} with every actor the "
	    "gazetteer does not\ndefine, then one statement per line with its "
	    "claims, for\n'demarche import' into another archive.  Claims "
	    "that demarche coded\nby rule carry \"method\": \"rule\", so "
	    "they stay rule claims there.\n"
	    "\n"
	    "  -o, --output FILE  write to FILE instead of standard output\n"
	    "\n%s"
	    "Output:\n"
	    "  --format F    csv (default), tsv, json, jsonl or table\n"
	    "  --json        short for --format json\n"
	    "  --excel       csv for spreadsheets: a BOM, and formulas kept "
	    "as\n                text\n", cli_filter_help);
}

int
cmd_export(int argc, char **argv)
{
	struct cli_query q;
	enum dm_listing what = DM_LIST_STATEMENTS;
	dm_archive *a = NULL;
	const char *path = NULL;
	int64_t n;
	size_t i;
	int ch, rc;

	cli_query_init(&q);
	q.out.format = "csv";
	while ((ch = cli_getopt_long(argc, argv, ":ho:", opts)) != -1) {
		switch (ch) {
		case 'h':
			print_help();
			return CLI_OK;
		case OPT_OUTPUT:
			path = optarg;
			break;
		default:
			if ((rc = cli_query_option(&q, "export", ch, optarg,
			    argv)) != CLI_OK)
				return rc;
			break;
		}
	}
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
	if ((rc = dm_export(a, what, &q.filter, &q.out, path, &n)) != 0)
		rc = cli_query_fail(rc);
	else if (path != NULL)
		cli_note("%" PRId64 " row%s written to '%s'", n,
		    n == 1 ? "" : "s", path);
	dm_archive_free(a);
	return rc;
}
