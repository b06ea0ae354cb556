/*
 * The coder that the coder's unit tests share: made from the embedded
 * lexicon with the names a suite teaches it, freed after each test.
 * Included by one test file a program.
 */
#ifndef DM_TEST_CODER_FIXTURE_H
#define DM_TEST_CODER_FIXTURE_H

#include <stddef.h>

#include <check.h>

#include "coder.h"
#include "embed.h"

static struct coder *coder;

/* Makes the coder and teaches it n names, each { name, code }. */
static void
coder_fixture(const char *const actors[][2], size_t n)
{
	size_t i;

	ck_assert_int_eq(coder_new(&coder, dm_coder_lexicon[0].data), 0);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(coder_add_actor(coder, actors[i][0],
		    actors[i][1]), 0);
}

static void
teardown(void)
{
	coder_free(coder);
	coder = NULL;
}

#endif
