/*
 * The fuzz targets: each file defines LLVMFuzzerTestOneInput, which
 * libFuzzer calls with one input at a time (run.sh), or replay.c calls
 * with each file of a corpus (the regression tests, without libFuzzer).
 * A target returns 0 and calls abort() when a property fails, so that
 * both drivers report it as a crash.
 */
#ifndef DM_FUZZ_H
#define DM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A copy of data[0..size) with a NUL after it; never NULL. */
char	*fuzz_strndup(const uint8_t *data, size_t size);

/* Prints what failed and aborts. */
#define FUZZ_ASSERT(e) do {						\
	if (!(e))							\
		fuzz_fail(__FILE__, __LINE__, #e);			\
} while (0)

void	fuzz_fail(const char *file, int line, const char *what)
	    __attribute__((noreturn));

#endif
