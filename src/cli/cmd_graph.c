#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

enum { OPT_OUTPUT = 'o' };

static const struct option opts[] = {
	CLI_HELP_OPTION,
	CLI_FILTER_OPTIONS,
	{ "output", required_argument, NULL, OPT_OUTPUT },
	CLI_PAIR_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

static void
print_help(void)
{
	printf("usage: demarche [--db PATH] graph [filters] [--by A] "
	    "[--against B]\n"
	    "                 [--mutual] [--rollup] "
	    "[--format dot|svg|png|pdf]\n"
	    "                 [-o FILE]\n"
	    "\n"
	    "The accusation network: the pairs that 'who' lists with the "
	    "same\noptions, as a graph.  Each actor is a node, shaped and "
	    "coloured by\nits kind and sized by the claims it made and "
	    "received; each pair is\nan arrow from accuser to accused, as "
	    "wide as its number of claims\nand coloured by its gravest "
	    "kind; pairs that accused each other\nare drawn with double "
	    "lines.  At most the 500 pairs with the most\nclaims are drawn "
	    "unless --limit says how many; those left out are\ncounted in "
	    "the picture and on standard error.\n"
	    "\n"
	    "  --by A           accusations made by A (or an actor under it)\n"
	    "  --against B      accusations aimed at B (or an actor under "
	    "it)\n"
	    "  --mutual         only pairs that accused each other\n"
	    "  --rollup         count every actor as its top-level actor\n"
	    "  --format F       dot (Graphviz source), or svg, png or pdf "
	    "drawn by\n"
	    "                   Graphviz's dot (apt install graphviz); the "
	    "default\n"
	    "                   is what FILE ends in (.svg, .png, .pdf), else "
	    "dot\n"
	    "  -o, --output FILE  write to FILE, whole or not at all\n"
	    "\n%s", cli_filter_help);
}

/* The picture the file is named for (.svg, .png, .pdf), else the DOT. */
static const char *
default_format(const char *path)
{
	static const char *const drawn[] = { "svg", "png", "pdf" };
	const char *dot = path ? strrchr(path, '.') : NULL;
	size_t i;

	for (i = 0; dot != NULL && i < sizeof(drawn) / sizeof(drawn[0]); i++)
		if (strcasecmp(dot + 1, drawn[i]) == 0)
			return drawn[i];
	return "dot";
}

int
cmd_graph(int argc, char **argv)
{
	struct cli_query q;
	dm_archive *a = NULL;
	const char *path = NULL;
	int64_t n;
	int ch, rc;

	cli_query_init(&q);
	q.out.format = NULL;
	while ((ch = cli_getopt_long(argc, argv, ":ho:", opts)) != -1) {
		switch (ch) {
		case 'h':
			print_help();
			return CLI_OK;
		case OPT_OUTPUT:
			path = optarg;
			break;
		case CLI_OPT_CSV:
		case CLI_OPT_JSON:
		case CLI_OPT_EXCEL:
			return cli_usage("graph", "'%s' does not apply: a "
			    "graph is dot, svg, png or pdf", argv[optind - 1]);
		default:
			if ((rc = cli_query_option(&q, "graph", ch, optarg,
			    argv)) != CLI_OK)
				return rc;
			break;
		}
	}
	if (optind < argc)
		return cli_usage("graph", "unexpected argument '%s'",
		    argv[optind]);
	if (q.out.format == NULL)
		q.out.format = default_format(path);
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if ((rc = dm_graph(a, &q.filter, &q.out, path, &n)) != 0)
		rc = cli_query_fail(rc);
	else if (n == 0)
		fprintf(stderr, "no accusations\n");
	else if (path != NULL)
		cli_note("%" PRId64 " pair%s drawn to '%s'", n,
		    n == 1 ? "" : "s", path);
	dm_archive_free(a);
	return rc;
}
