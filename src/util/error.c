#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

/* Each thread its own: a worker's failure is handed over as text. */
static _Thread_local char last_error[1024];
static void (*warn_fn)(void *, const char *);
static void *warn_ctx;

int
dm_error(int code, const char *fmt, ...)
{
	char msg[sizeof(last_error)];
	va_list ap;

	/* Through a copy: callers may pass dm_error_last() to wrap it. */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memcpy(last_error, msg, sizeof(last_error));
	return code;
}

const char *
dm_error_last(void)
{
	return last_error;
}

void
dm_set_warning_handler(void (*fn)(void *, const char *), void *ctx)
{
	warn_fn = fn;
	warn_ctx = ctx;
}

void
dm_warn(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (warn_fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warn_fn(warn_ctx, msg);
}
