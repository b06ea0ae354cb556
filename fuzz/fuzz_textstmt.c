/*
 * The plain-text header parser.  Properties: a parsed statement has an
 * issuer, an ISO date with its span, a known kind, a language and a
 * non-empty body that occurs in the input; every failure has a message.
 * The first input byte picks what --issuer and --date supply.
 */
#include <string.h>
#include <stdlib.h>

#include "arena.h"
#include "demarche.h"
#include "fuzz.h"
#include "statement.h"
#include "textstmt.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct statement_in st;
	struct arena ar;
	const char *issuer = NULL, *date = NULL;
	char *s;
	int rc;

	if (size > 0) {
		if (data[0] & 1)
			issuer = "EU";
		if (data[0] & 2)
			date = "19 July 2021";
		if (data[0] & 4)
			date = "07/08/2021";
		data++;
		size--;
	}
	memset(&ar, 0, sizeof(ar));
	s = fuzz_strndup(data, size);
	rc = textstmt_parse(&st, &ar, s, size, issuer, date,
	    (enum date_order)(size % 3));
	if (rc == 0) {
		FUZZ_ASSERT(st.issuer != NULL && *st.issuer != '\0');
		FUZZ_ASSERT(strlen(st.date) >= 4);
		FUZZ_ASSERT(strlen(st.date_lo) == 10 &&
		    strlen(st.date_hi) == 10);
		FUZZ_ASSERT(strcmp(st.date_lo, st.date_hi) <= 0);
		FUZZ_ASSERT(st.kind != NULL && statement_kind_valid(st.kind));
		FUZZ_ASSERT(st.language != NULL);
		FUZZ_ASSERT(st.text != NULL && *st.text != '\0');
		FUZZ_ASSERT(strstr(s, st.text) != NULL);
		FUZZ_ASSERT(strcmp(st.source, "text") == 0);
	} else {
		FUZZ_ASSERT(rc == DM_EINVALID);
		FUZZ_ASSERT(*dm_error_last() != '\0');
	}
	arena_free(&ar);
	free(s);
	return 0;
}
