/*
 * The web page reader.  Properties: a parsed page has an issuer, an ISO
 * date with its span, a title, a valid language tag and a non-empty body
 * of valid UTF-8; every failure has a message.  The first input byte
 * picks what --issuer and --date supply and whether the page has an
 * address, so that the table of sites is asked.
 */
#include <string.h>
#include <stdlib.h>

#include "arena.h"
#include "demarche.h"
#include "fold.h"
#include "fuzz.h"
#include "html.h"
#include "statement.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct html_options opt;
	struct statement_in st;
	struct arena ar;
	char *s;
	int rc;

	memset(&opt, 0, sizeof(opt));
	if (size > 0) {
		if (data[0] & 1)
			opt.issuer = "EU";
		if (data[0] & 2)
			opt.date = "19 July 2021";
		if (data[0] & 4)
			opt.url = "https://www.nato.int/cps/en/natohq/news_1.htm";
		if (data[0] & 8)
			opt.charset = "gbk";
		data++;
		size--;
	}
	memset(&ar, 0, sizeof(ar));
	s = fuzz_strndup(data, size);
	rc = html_parse(&st, &ar, s, size, &opt);
	if (rc == 0) {
		FUZZ_ASSERT(st.issuer != NULL && *st.issuer != '\0');
		FUZZ_ASSERT(strlen(st.date_lo) == 10 &&
		    strlen(st.date_hi) == 10);
		FUZZ_ASSERT(strcmp(st.date_lo, st.date_hi) <= 0);
		FUZZ_ASSERT(st.title != NULL && *st.title != '\0');
		FUZZ_ASSERT(statement_language_valid(st.language));
		FUZZ_ASSERT(st.text != NULL && *st.text != '\0');
		FUZZ_ASSERT(utf8_check(st.text, strlen(st.text), NULL) == 0);
		FUZZ_ASSERT(utf8_check(st.title, strlen(st.title), NULL) == 0);
	} else {
		FUZZ_ASSERT(rc == DM_EINVALID);
		FUZZ_ASSERT(*dm_error_last() != '\0');
	}
	arena_free(&ar);
	free(s);
	return 0;
}
