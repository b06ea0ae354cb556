#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "names.h"

struct cli_globals cli_globals;

const struct cli_command *
cli_command_find(const char *name)
{
	const struct cli_command *c;

	for (c = cli_commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
cli_unknown(const char *cmd, const char *what, const char *arg,
    const char *word, const char *prefix, const char *const *names)
{
	const char *hint = names ? names_nearest(word, names) : NULL;

	return cli_usage(cmd, "%s '%s'%s%s%s%s", what, arg,
	    hint ? " (did you mean '" : "", hint ? prefix : "",
	    hint ? hint : "", hint ? "'?)" : "");
}

int
cli_no_command(const char *name)
{
	const char *names[64];
	size_t n;

	for (n = 0; cli_commands[n].name != NULL && n + 1 < 64; n++)
		names[n] = cli_commands[n].name;
	names[n] = NULL;
	return cli_unknown(NULL, "no command", name, name, "", names);
}

int
cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("demarche: ", stderr);
	va_start(ap, fmt);
	dm_vprint(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_FAIL;
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("demarche: ", stderr);
	va_start(ap, fmt);
	dm_vprint(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nsee 'demarche %s%s--help'\n", cmd ? cmd : "",
	    cmd ? " " : "");
	return CLI_USAGE;
}

int
cli_fail(void)
{
	return cli_error("%s", dm_error_last());
}

void
cli_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dm_vprint(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
warn_stderr(void *ctx, const char *msg)
{
	(void)ctx;
	cli_note("demarche: warning: %s", msg);
}

void
cli_warnings_to_stderr(void)
{
	dm_set_warning_handler(warn_stderr, NULL);
}

int
cli_open(dm_archive **out, unsigned flags)
{
	if (dm_archive_open(out, cli_globals.db_path, flags) != 0)
		return cli_fail();
	return CLI_OK;
}
