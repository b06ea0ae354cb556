#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_INCLUDE(cli_filters),
	CLI_INCLUDE(cli_pairs),
	CLI_RETELL(CLI_OPT_FORMAT, "dot (Graphviz source), or svg, png or pdf "
	    "drawn by Graphviz's dot (apt install graphviz); the default is "
	    "what FILE ends in (.svg, .png, .pdf), else dot"),
	CLI_REFUSE_ALL(cli_output, "a graph is dot, svg, png or pdf"),
	CLI_INCLUDE(cli_to_file),
	{ 0 }
};

static const struct cli_spec spec = {
	.cmd = "graph",
	.about = "The accusation network: the pairs that 'who' lists with the "
	    "same\noptions, as a graph.  Each actor is a node, shaped and "
	    "coloured by\nits kind and sized by the claims it made and "
	    "received; each pair is\nan arrow from accuser to accused, as "
	    "wide as its number of claims\nand coloured by its gravest "
	    "kind; pairs that accused each other\nare drawn with double "
	    "lines.  At most the 500 pairs with the most\nclaims are drawn "
	    "unless --limit says how many; those left out are\ncounted in "
	    "the picture and on standard error.\n",
	.opts = opts,
};

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
	int64_t n;
	int rc;

	cli_query_init(&q);
	q.out.format = NULL;
	if ((rc = cli_query_parse(&q, argc, argv, &spec)) != -1)
		return rc;
	if (optind < argc)
		return cli_usage("graph", "unexpected argument '%s'",
		    argv[optind]);
	if (q.out.format == NULL)
		q.out.format = default_format(q.path);
	if ((rc = cli_open(&a, 0)) != CLI_OK)
		return rc;
	if ((rc = dm_graph(a, &q.filter, &q.out, q.path, &n)) != 0)
		rc = cli_query_fail(rc);
	else if (n == 0)
		fprintf(stderr, "no accusations\n");
	else if (q.path != NULL)
		cli_note("%" PRId64 " pair%s drawn to '%s'", n,
		    n == 1 ? "" : "s", q.path);
	dm_archive_free(a);
	return rc;
}
