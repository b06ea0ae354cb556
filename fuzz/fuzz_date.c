/*
 * The date parser.  Properties: a parsed date is a real date at its
 * precision, between the years 1000 and 9999; its ISO form parses back to
 * the same date under every order; its span is ordered and within it;
 * moving a day forward and back returns to it.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fuzz.h"

static void
check_date(const struct dm_date *d)
{
	struct dm_date back, moved;
	char iso[11], lo[11], hi[11];
	int order, wd;

	FUZZ_ASSERT(d->year >= 1000 && d->year <= 9999);
	FUZZ_ASSERT(d->month >= 0 && d->month <= 12);
	FUZZ_ASSERT(d->day >= 0 && d->day <= 31);
	FUZZ_ASSERT(d->month != 0 || d->day == 0);
	date_format(d, iso);
	FUZZ_ASSERT(strlen(iso) == (d->month == 0 ? 4 : d->day == 0 ? 7 : 10));
	for (order = DATE_ORDER_NONE; order <= DATE_ORDER_MDY; order++) {
		FUZZ_ASSERT(date_parse(&back, iso, (enum date_order)order) ==
		    0);
		FUZZ_ASSERT(back.year == d->year && back.month == d->month &&
		    back.day == d->day);
	}
	date_span(d, lo, hi);
	FUZZ_ASSERT(strlen(lo) == 10 && strlen(hi) == 10);
	FUZZ_ASSERT(strcmp(lo, hi) <= 0);
	FUZZ_ASSERT(strncmp(lo, iso, strlen(iso)) == 0);
	FUZZ_ASSERT(strncmp(hi, iso, strlen(iso)) == 0);
	if (d->day == 0)
		return;
	moved = *d;
	wd = date_weekday(&moved);
	FUZZ_ASSERT(wd >= 0 && wd <= 6);
	date_add_days(&moved, 1);
	FUZZ_ASSERT(date_weekday(&moved) == (wd + 1) % 7);
	date_add_days(&moved, -1);
	FUZZ_ASSERT(moved.year == d->year && moved.month == d->month &&
	    moved.day == d->day);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dm_date d;
	enum date_order o;
	char *s;
	int order;

	s = fuzz_strndup(data, size);
	for (order = DATE_ORDER_NONE; order <= DATE_ORDER_MDY; order++)
		if (date_parse(&d, s, (enum date_order)order) == 0)
			check_date(&d);
	if (date_order_parse(&o, s) == 0)
		FUZZ_ASSERT(o == DATE_ORDER_DMY || o == DATE_ORDER_MDY);
	free(s);
	return 0;
}
