/*
 * Plain-text statements: optional header lines (ID:, Title:, Issuer:,
 * Date:, URL:, Kind:, Language:, Responds-To:), a blank line, then the
 * body.  Without an ID: line the id comes from the URL, else from the
 * issuer, date and title, so an edited text keeps its id.
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
 * or DM_EINVALID naming the line and what is wrong (invalid UTF-8, an
 * unknown or repeated header, a bad date, no issuer, no date, an empty
 * body).
 */
int	textstmt_parse(struct statement_in *st, struct arena *ar,
	    const char *buf, size_t len, const char *issuer, const char *date,
	    enum date_order order);

/*
 * 1 if the NUL-terminated start of an input opens with a header that
 * demarche knows: a text statement, whatever its name.
 */
int	textstmt_sniff(const char *head);

#endif
