/*
 * demarche: parses the global options, finds the command in the table
 * below, runs it, and makes sure what it wrote reached standard output.
 */
#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const struct cli_command cli_commands[] = {
	{ "actors", cmd_actors, "list, add, alias and merge actors" },
	{ "check", cmd_check, "check the archive's integrity and its who "
	    "summary" },
	{ "claims", cmd_claims, "list claims, one row per claim and target" },
	{ "eval", cmd_eval, "the rule coder's precision and recall on "
	    "reviewed claims" },
	{ "export", cmd_export, "export a listing as CSV, or statements for "
	    "import" },
	{ "graph", cmd_graph, "the accusation network as Graphviz DOT or "
	    "SVG" },
	{ "help", cmd_help, "show help for demarche or for a command" },
	{ "import", cmd_import, "import statements from JSON, JSON Lines or "
	    "plain text" },
	{ "init", cmd_init, "create the archive, or bring it up to date, and "
	    "load the gazetteer" },
	{ "migrate", cmd_migrate, "apply pending schema migrations, or show "
	    "them with --status" },
	{ "report", cmd_report, "a self-contained HTML report: figures, "
	    "network, timeline, threads" },
	{ "review", cmd_review, "review the rule coder's claims one at a "
	    "time on a terminal" },
	{ "search", cmd_search, "full-text search of statements and claims" },
	{ "statements", cmd_statements, "list statements" },
	{ "stats", cmd_stats, "counts and date range of the archive" },
	{ "thread", cmd_thread, "a statement with what it responds to and "
	    "what answers it" },
	{ "timeline", cmd_timeline, "claims or statements counted per day, "
	    "week, month or year" },
	{ "who", cmd_who, "who accused whom: one row per pair" },
	{ NULL, NULL, NULL }
};

static const struct cli_opt global_opts[] = {
	CLI_VALUE(CLI_OPT_DB, "db", "PATH", "the archive "
	    "(default: $DEMARCHE_DB, else ./demarche.db)"),
	CLI_FLAG(CLI_OPT_HELP, "help", "show this help"),
	CLI_FLAG(CLI_OPT_VERSION, "version", "show the "
	    "version"),
	{ 0 }
};

/* The options before the command; the first operand is the command. */
static const struct cli_spec global = { .cmd = NULL, .opts = global_opts,
    .posix = 1 };

static void
print_usage(FILE *fp)
{
	const struct cli_command *c;

	fputs("usage: demarche [--db PATH] COMMAND [ARGS...]\n"
	    "       demarche --help | --version | help COMMAND\n\n"
	    "An archive of diplomatic statements: who accused whom, of what, "
	    "when,\nand who answered, kept in one SQLite file.\n\n"
	    "Commands:\n", fp);
	for (c = cli_commands; c->name != NULL; c++)
		fprintf(fp, "  %-10s %s\n", c->name, c->desc);
	cli_help_options(fp, &global);
}

int
cmd_help(int argc, char **argv)
{
	const struct cli_command *c;
	char *args[] = { NULL, "--help", NULL };

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		print_usage(stdout);
		return CLI_OK;
	}
	if (argc > 2)
		return cli_usage("help", "too many arguments");
	if ((c = cli_command_find(argv[1])) == NULL)
		return cli_no_command(argv[1]);
	if (c->fn == cmd_help) {
		print_usage(stdout);
		return CLI_OK;
	}
	args[0] = argv[1];
	optind = 0;
	return c->fn(2, args);
}

/* A write error on standard output must not exit 0 (a full disk). */
static int
close_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (errno == EPIPE)
			return status;
		fprintf(stderr, "demarche: error writing output: %s\n",
		    strerror(errno ? errno : EIO));
		return status == CLI_OK ? CLI_FAIL : status;
	}
	return status;
}

int
main(int argc, char **argv)
{
	const struct cli_command *c;
	const char *env;
	int ch;

#ifdef __GLIBC__
	/*
	 * SQLite allocates and frees a large frame each time a trigger runs,
	 * for every claim an import writes; returning that memory to the
	 * kernel each time tripled the system time of an import.
	 */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
	cli_globals.db_path = (env = getenv("DEMARCHE_DB")) && *env ? env :
	    "demarche.db";
	cli_warnings_to_stderr();
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, &global)) != -1) {
		switch (ch) {
		case CLI_OPT_DB:
			cli_globals.db_path = optarg;
			break;
		case CLI_OPT_HELP:
			print_usage(stdout);
			return close_stdout(CLI_OK);
		case CLI_OPT_VERSION:
			printf("demarche %s\n", DM_VERSION);
			return close_stdout(CLI_OK);
		default:
			return cli_bad_option(NULL, ch, argv);
		}
	}
	if (optind >= argc) {
		print_usage(stderr);
		return CLI_USAGE;
	}
	if ((c = cli_command_find(argv[optind])) == NULL)
		return cli_no_command(argv[optind]);
	argc -= optind;
	argv += optind;
	optind = 0;
	opterr = 0;
	return close_stdout(c->fn(argc, argv));
}
