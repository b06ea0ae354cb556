/*
 * Actor-name folding, topic slugs and actor codes.  Properties: every
 * result is valid UTF-8 with no white space at either end; a slug is
 * made of lower-case runs joined by single '-' and slugifies to itself;
 * a normalised code has SPEC's form and normalises to itself.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "fuzz.h"

static void
check_text(const char *s)
{
	size_t n = strlen(s);

	FUZZ_ASSERT(n > 0);
	FUZZ_ASSERT(utf8_check(s, n, NULL) == 0);
	FUZZ_ASSERT(!isspace((unsigned char)s[0]));
	FUZZ_ASSERT(!isspace((unsigned char)s[n - 1]));
}

static void
check_code(const char *code)
{
	const char *p;
	size_t seg = 0;

	FUZZ_ASSERT(strlen(code) > 0 && strlen(code) <= DM_CODE_MAX);
	for (p = code; *p != '\0'; p++) {
		if (*p == '.') {
			FUZZ_ASSERT(seg > 0);
			seg = 0;
			continue;
		}
		FUZZ_ASSERT((*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-');
		seg++;
	}
	FUZZ_ASSERT(seg > 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *key = NULL, *slug = NULL, *again = NULL, *code;
	size_t bad;

	s = fuzz_strndup(data, size);
	if (utf8_check((const char *)data, size, &bad) != 0)
		FUZZ_ASSERT(bad < size);
	if (fold_key(&key, s) == 0) {
		check_text(key);
		FUZZ_ASSERT(strstr(key, "  ") == NULL);
	} else
		FUZZ_ASSERT(key == NULL);
	if (slugify(&slug, s) == 0) {
		check_text(slug);
		FUZZ_ASSERT(slug[0] != '-' && slug[strlen(slug) - 1] != '-');
		FUZZ_ASSERT(strstr(slug, "--") == NULL);
		FUZZ_ASSERT(slugify(&again, slug) == 0);
		FUZZ_ASSERT(strcmp(slug, again) == 0);
	} else
		FUZZ_ASSERT(slug == NULL);
	code = strdup(s);
	FUZZ_ASSERT(code != NULL);
	if (code_normalise(code) == 0) {
		check_code(code);
		FUZZ_ASSERT(code_normalise(code) == 0);
	} else
		FUZZ_ASSERT(strcmp(code, s) == 0);
	free(code);
	free(again);
	free(slug);
	free(key);
	free(s);
	return 0;
}
