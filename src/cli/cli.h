/*
 * The command-line front-end.  Each command is one cmd_<name>.c file
 * with a main-like entry point; main.c holds the table that registers
 * them.  Commands parse arguments, make one core call, and map its
 * result to an exit status; they hold no business logic.
 */
#ifndef DM_CLI_H
#define DM_CLI_H

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

/* Prints "demarche: <message>" on stderr; returns CLI_FAIL. */
int	cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the message and a hint to see --help; returns CLI_USAGE. */
int	cli_usage(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Prints dm_error_last() after a failed core call; returns CLI_FAIL. */
int	cli_fail(void);
/* Installs the handler that prints core warnings on stderr. */
void	cli_warnings_to_stderr(void);

/*
 * Opens the archive named by the global options; on failure prints why
 * and returns CLI_FAIL.
 */
int	cli_open(dm_archive **out, unsigned flags);

/*
 * Handles what every command does with its options: --help prints help
 * (returns CLI_OK through *done), an unknown option is a usage error.
 */
#define CLI_HELP_OPTION { "help", no_argument, NULL, 'h' }

int	cmd_help(int argc, char **argv);
int	cmd_import(int argc, char **argv);
int	cmd_init(int argc, char **argv);
int	cmd_migrate(int argc, char **argv);
int	cmd_stats(int argc, char **argv);

#endif
