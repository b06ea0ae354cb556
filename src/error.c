#include <stdarg.h>
#include <stdio.h>

#include "error.h"

static char last_error[1024];
static void (*warn_fn)(void *, const char *);
static void *warn_ctx;

int
dm_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
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
