/*
 * The last-error slot.  Core functions return 0 on success, DM_ERROR (-1)
 * on failure, or one of the named negatives of include/demarche.h for an
 * expected outcome; before returning non-zero they record a one-line
 * message here, which only the CLI prints.
 */
#ifndef DM_ERROR_H
#define DM_ERROR_H

#include "demarche.h"

/*
 * Records a printf-style message (lowercase, no trailing period, subject
 * in quotes) and returns code, so a failure reads
 * "return dm_error(DM_ERROR, "no actor '%s'", ref);".
 */
int	dm_error(int code, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Emits a warning through the handler set with dm_set_warning_handler. */
void	dm_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
