/*
 * The command-line front-end.  Each command is one cmd_<name>.c file
 * with a main-like entry point; main.c holds the table that registers
 * them.  Commands parse arguments, make one core call, and map its
 * result to an exit status; they hold no business logic.
 */
#ifndef DM_CLI_H
#define DM_CLI_H

#include <getopt.h>
#include <stdio.h>

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
 * The usage error of cmd for arg, a what that does not exist, naming the
 * one of names nearest word if one is near ("did you mean 'who'?").
 */
int	cli_unknown(const char *cmd, const char *what, const char *arg,
	    const char *word, const char *prefix, const char *const *names);

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

/*
 * Every option of every command, as cli_getopt() returns it: above the
 * characters, so that none is taken for getopt's '?' or ':'.
 */
enum cli_opt_id {
	CLI_OPT_HELP = 256,
	/* The filters (cli_filters). */
	CLI_OPT_ACTOR,
	CLI_OPT_EXACT,
	CLI_OPT_FROM,
	CLI_OPT_TO,
	CLI_OPT_ON,
	CLI_OPT_DATE_ORDER,
	CLI_OPT_KIND,
	CLI_OPT_TOPIC,
	CLI_OPT_LIMIT,
	/* The listings' output (cli_output). */
	CLI_OPT_FORMAT,
	CLI_OPT_CSV,
	CLI_OPT_JSON,
	CLI_OPT_EXCEL,
	/* Who's pairs (cli_pairs). */
	CLI_OPT_BY,
	CLI_OPT_AGAINST,
	CLI_OPT_MUTUAL,
	CLI_OPT_ROLLUP,
	/* Other options cli_query_option() applies. */
	CLI_OPT_TARGET,
	CLI_OPT_METHOD,
	CLI_OPT_SEARCH,
	CLI_OPT_UNRESOLVED,
	CLI_OPT_RAW,
	CLI_OPT_OUTPUT,
	/* The options of one command each. */
	CLI_OPT_DB,
	CLI_OPT_VERSION,
	CLI_OPT_REBUILD,
	CLI_OPT_STATUS,
	CLI_OPT_MISSES,
	CLI_OPT_COUNTRY,
	CLI_OPT_ALIAS,
	CLI_OPT_REVIEWER,
	CLI_OPT_PER,
	CLI_OPT_GROUP_BY,
	CLI_OPT_TOP,
	CLI_OPT_WIDE,
	CLI_OPT_STATEMENTS,
	CLI_OPT_UPDATE,
	CLI_OPT_STRICT,
	CLI_OPT_KEEP_GOING,
	CLI_OPT_TEXT,
	CLI_OPT_FEED,
	CLI_OPT_TIMEOUT,
	CLI_OPT_DELAY,
	CLI_OPT_ISSUER,
	CLI_OPT_DATE,
	CLI_OPT_QUIET,
	CLI_OPT_RECODE,
	/* Not options: an entry that includes a group, and a bad option. */
	CLI_OPT_INCLUDE,
	CLI_OPT_BAD,
};

/*
 * One option of a command's spec, from which its getopt_long() table,
 * its usage line, the options of its help and the suggestions after a
 * typo all come.  A spec is an array of them ending with { 0 }.
 */
struct cli_opt {
	int		 id;		/* enum cli_opt_id */
	const char	*name;		/* the long name; NULL: see below */
	char		 short_name;	/* or 0 */
	enum { CLI_ARG_NONE, CLI_ARG_REQUIRED } arg;
	const char	*value;		/* the value's name in the help */
	const char	*help;		/* one line, wrapped when printed */
	/* id CLI_OPT_INCLUDE: the options of group, as the command's own. */
	const struct cli_group *group;
	/*
	 * Parsed only to be refused as a usage error: "'--limit' does not
	 * apply: <refused>".  Left out of the help.
	 */
	const char	*refused;
};

/*
 * Options several commands share, included by reference.  An entry of
 * the including spec without a name stands for the group's option of
 * its id, with its own help or refusal (CLI_RETELL, CLI_REFUSE).
 */
struct cli_group {
	const char		*title;	/* its block in the help, or NULL */
	const char		*usage;	/* its words in the usage, or NULL */
	const struct cli_opt	*opts;
};

/* An option without a value, and one with. */
#define CLI_FLAG(i, n, h)	{ .id = (i), .name = (n), .help = (h) }
#define CLI_VALUE(i, n, v, h)						\
	{ .id = (i), .name = (n), .arg = CLI_ARG_REQUIRED,		\
	  .value = (v), .help = (h) }
#define CLI_INCLUDE(g)	{ .id = CLI_OPT_INCLUDE, .group = &(g) }
#define CLI_REFUSE_ALL(g, why)						\
	{ .id = CLI_OPT_INCLUDE, .group = &(g), .refused = (why) }
#define CLI_RETELL(i, text)	{ .id = (i), .help = (text) }
#define CLI_REFUSE(i, why)	{ .id = (i), .refused = (why) }

/*
 * The filters, the listings' output, who's pairs, a claim's claimant and
 * target, and -o FILE.
 */
extern const struct cli_group cli_filters, cli_output, cli_pairs,
    cli_claimant, cli_to_file;

/* A command's usage, its help and its options. */
struct cli_spec {
	const char		*cmd;	/* as usage errors name it */
	const char		*usage;	/* the words before the options, if
					   not cmd ("claims accept|...") */
	const char		*operands;	/* after the options */
	const char *const	*forms;	/* more usage lines, NULL-ended */
	const char		*about;	/* what the command does */
	void			(*more)(void);	/* after the options */
	const struct cli_opt	*opts;
	int			 posix;	/* options end at the first operand */
};

/*
 * getopt_long() by spec: the next option's id (a short option's too),
 * -1 at the end, or CLI_OPT_BAD for an option unknown, refused or
 * missing its value, which cli_bad_option() explains.  --help and -h
 * are CLI_OPT_HELP whether the spec names them or not.
 */
int	cli_getopt(int argc, char **argv, const struct cli_spec *spec);
/*
 * The usage error of cmd for the option cli_getopt() just returned as
 * ch: its refusal, a value missing, or an unknown option with the
 * nearest known one ("did you mean '--against'?").  Returns CLI_USAGE.
 */
int	cli_bad_option(const char *cmd, int ch, char **argv);
/*
 * Parses the options of a command whose options are all flags of its
 * own: sets on[i] for the i-th of spec->opts.  Returns -1 to go on, else
 * the status to end with (CLI_OK after --help).
 */
int	cli_parse_flags(int argc, char **argv, const struct cli_spec *spec,
	    int *on);
/* The options of a command that takes none but --help. */
extern const struct cli_opt cli_no_opts[];
/* Prints spec's help on standard output; returns CLI_OK. */
int	cli_help(const struct cli_spec *spec);
/* Prints the options block of spec, as its help does, on fp. */
void	cli_help_options(FILE *fp, const struct cli_spec *spec);

/* Prints the claim kinds, for the help of the commands that take them. */
void	cli_claim_kinds_help(void);

/* A listing's filter and output, as the shared options set them. */
struct cli_query {
	struct dm_filter filter;
	struct dm_output out;
	const char	*path;		/* -o FILE, or NULL */
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
 * Parses the options of argv by spec into q, up to the next that is not
 * a shared one, and returns its id for the command to apply.  Returns -1
 * when there is none left, *rc then -1 to go on, else the status to end
 * with (CLI_OK after --help).
 */
int	cli_query_getopt(struct cli_query *q, int argc, char **argv,
	    const struct cli_spec *spec, int *rc);
/*
 * The same for a command with no options but the shared ones: returns
 * -1 to go on, else the status to end with.
 */
int	cli_query_parse(struct cli_query *q, int argc, char **argv,
	    const struct cli_spec *spec);
/*
 * The whole of a listing command that takes only the shared options:
 * parses argv by spec, then lists what, saying "no <noun>" when nothing
 * matches.  Returns the exit status.
 */
int	cli_listing(int argc, char **argv, const struct cli_spec *spec,
	    enum dm_listing what, const char *noun);

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
