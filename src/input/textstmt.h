/*
 * Plain-text statements: optional header lines (Title:, Issuer:, Date:,
 * URL:, Kind:, Language:), a blank line, then the body.
 */
#ifndef DM_TEXTSTMT_H
#define DM_TEXTSTMT_H

#include <stddef.h>

#include "date.h"

struct arena;
struct statement_in;

/*
 * Parses buf[0..len) (NUL-terminated) into st, with strings in ar.
 * issuer and date (may be NULL) supply what the header lacks.  Returns 0,
 * or DM_EINVALID naming the line and what is wrong (invalid UTF-8, a bad
 * date, no issuer, no date, an empty body).
 */
int	textstmt_parse(struct statement_in *st, struct arena *ar,
	    const char *buf, size_t len, const char *issuer, const char *date,
	    enum date_order order);

#endif
