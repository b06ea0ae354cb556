/*
 * The command-line front-end.  Each command is one cmd_<name>.c file
 * with a main-like entry point; main.c holds the table that registers
 * them.  Commands parse arguments, make one core call, and map its
 * result to an exit status; they hold no business logic.
 */
#ifndef DM_CLI_H
#define DM_CLI_H

#include <getopt.h>

#include "demarche.h"

/* Exit statuses of SPEC section 3. */
enum cli_exit { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *desc;	/* one line for 'demarche --help' */
};

/* The command table, NULL-terminated, alphabetical (main.c). */
extern const struct cli_command cli_commands[];

/* Global options, set by main() before a command runs. */
struct cli_globals {
	const char *db_path;	/* --db, $DEMARCHE_DB, or ./demarche.db */
};
extern struct cli_globals cli_globals;

const struct cli_command *cli_command_find(const char *name);
/* The usage error for a command not in the table, with the nearest one. */
int	cli_no_command(const char *name);

/*
 * getopt_long(), keeping opts for cli_bad_option()'s suggestion.  Every
 * command parses its options through it.
 */
int	cli_getopt(int argc, char **argv, const char *optstring,
	    const struct option *opts);
/*
 * The usage error of cmd for the option getopt just refused (ch '?' or
 * ':'): a value missing, or an unknown option with the nearest known one
 * ("did you mean '--against'?").  Returns CLI_USAGE.
 */
int	cli_bad_option(const char *cmd, int ch, char **argv);

/*
 * Prints "demarche: <message>" on stderr, its texts shown as dm_print()
 * shows them, as every line for people is; returns CLI_FAIL.
 */
int	cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the message and a hint to see --help; returns CLI_USAGE. */
int	cli_usage(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Prints dm_error_last() after a failed core call; returns CLI_FAIL. */
int	cli_fail(void);
/* Prints a line for people on stderr through dm_print(). */
void	cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Installs the handler that prints core warnings on stderr. */
void	cli_warnings_to_stderr(void);

/*
 * Opens the archive named by the global options; on failure prints why
 * and returns CLI_FAIL.
 */
int	cli_open(dm_archive **out, unsigned flags);

/* The --help option every command takes. */
#define CLI_HELP_OPTION { "help", no_argument, NULL, 'h' }

/* Codes of the options shared by the listing commands (filters.c). */
enum cli_filter_opt {
	CLI_OPT_ACTOR = 256,
	CLI_OPT_FROM,
	CLI_OPT_TO,
	CLI_OPT_ON,
	CLI_OPT_DATE_ORDER,
	CLI_OPT_KIND,
	CLI_OPT_TOPIC,
	CLI_OPT_EXACT,
	CLI_OPT_LIMIT,
	CLI_OPT_FORMAT,
	CLI_OPT_CSV,
	CLI_OPT_JSON,
	CLI_OPT_EXCEL,
	/* Options some listings take, each named in their own table. */
	CLI_OPT_BY,
	CLI_OPT_AGAINST,
	CLI_OPT_TARGET,
	CLI_OPT_METHOD,
	CLI_OPT_MUTUAL,
	CLI_OPT_ROLLUP,
	CLI_OPT_SEARCH,
	CLI_OPT_UNRESOLVED,
};

/* The shared options, for a command's getopt_long() table. */
#define CLI_FILTER_OPTIONS						\
	{ "actor", required_argument, NULL, CLI_OPT_ACTOR },		\
	{ "from", required_argument, NULL, CLI_OPT_FROM },		\
	{ "to", required_argument, NULL, CLI_OPT_TO },			\
	{ "on", required_argument, NULL, CLI_OPT_ON },			\
	{ "date-order", required_argument, NULL, CLI_OPT_DATE_ORDER },	\
	{ "kind", required_argument, NULL, CLI_OPT_KIND },		\
	{ "topic", required_argument, NULL, CLI_OPT_TOPIC },		\
	{ "exact", no_argument, NULL, CLI_OPT_EXACT },			\
	{ "limit", required_argument, NULL, CLI_OPT_LIMIT },		\
	{ "format", required_argument, NULL, CLI_OPT_FORMAT },		\
	{ "csv", no_argument, NULL, CLI_OPT_CSV },			\
	{ "json", no_argument, NULL, CLI_OPT_JSON },			\
	{ "excel", no_argument, NULL, CLI_OPT_EXCEL }

/* The options that choose among who's pairs (who, graph, report, export). */
#define CLI_PAIR_OPTIONS						\
	{ "by", required_argument, NULL, CLI_OPT_BY },			\
	{ "against", required_argument, NULL, CLI_OPT_AGAINST },	\
	{ "mutual", no_argument, NULL, CLI_OPT_MUTUAL },		\
	{ "rollup", no_argument, NULL, CLI_OPT_ROLLUP }

/* The help text of the shared filters, and of the listings' output. */
extern const char cli_filter_help[];
extern const char cli_output_help[];

/* Prints the claim kinds, for the help of the commands that take them. */
void	cli_claim_kinds_help(void);

/* A listing's filter and output, as the shared options set them. */
struct cli_query {
	struct dm_filter filter;
	struct dm_output out;
};

/* Empties q: no filter, a table on standard output. */
void	cli_query_init(struct cli_query *q);
/*
 * Applies the shared option ch with its argument; anything else is a
 * usage error of cmd.  Returns CLI_OK or CLI_USAGE.
 */
int	cli_query_option(struct cli_query *q, const char *cmd, int ch,
	    const char *arg, char **argv);
/*
 * The whole of a listing command that takes only the shared options and
 * those in opts: parses argv (--help calls help), then lists what,
 * saying "no <noun>" when nothing matches.  Returns the exit status.
 */
int	cli_listing(int argc, char **argv, const struct option *opts,
	    void (*help)(void), enum dm_listing what, const char *noun);

/*
 * Opens the archive and writes the listing what; with nothing to list,
 * a table prints "no <noun>" on standard error.  Returns the exit status.
 */
int	cli_query_list(struct cli_query *q, enum dm_listing what,
	    const char *noun);
/*
 * Settles the output after the options: --excel is csv for spreadsheets,
 * and a usage error of cmd with another machine format.  Returns CLI_OK or
 * CLI_USAGE.
 */
int	cli_query_output(struct cli_query *q, const char *cmd);
/* The exit status of a failed query call: bad values are usage errors. */
int	cli_query_fail(int rc);

int	cmd_actors(int argc, char **argv);
int	cmd_claims(int argc, char **argv);
/* claims accept|reject|edit, argv[0] the verb (cmd_decide.c). */
int	cmd_claims_decide(int argc, char **argv);
int	cmd_eval(int argc, char **argv);
int	cmd_export(int argc, char **argv);
int	cmd_graph(int argc, char **argv);
int	cmd_check(int argc, char **argv);
int	cmd_help(int argc, char **argv);
int	cmd_import(int argc, char **argv);
int	cmd_init(int argc, char **argv);
int	cmd_migrate(int argc, char **argv);
int	cmd_report(int argc, char **argv);
int	cmd_review(int argc, char **argv);
int	cmd_search(int argc, char **argv);
int	cmd_statements(int argc, char **argv);
int	cmd_stats(int argc, char **argv);
int	cmd_thread(int argc, char **argv);
int	cmd_timeline(int argc, char **argv);
int	cmd_who(int argc, char **argv);

#endif
