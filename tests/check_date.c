#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "demarche.h"

#define NONE	DATE_ORDER_NONE
#define DMY	DATE_ORDER_DMY
#define MDY	DATE_ORDER_MDY

/*
 * One parse case: the text and order, then either the ISO date expected
 * or NULL and a fragment the error message must contain.
 */
struct parse_case {
	const char	*in;
	enum date_order	 order;
	const char	*iso;
	const char	*err;
};

static const struct parse_case cases[] = {
	/* ISO and its precisions. */
	{ "2021-07-19", NONE, "2021-07-19", NULL },
	{ "2021-07", NONE, "2021-07", NULL },
	{ "2021", NONE, "2021", NULL },
	{ "  2021-07-19\t\n", NONE, "2021-07-19", NULL },
	{ "\xc2\xa0" "2021-07-19\xc2\xa0", NONE, "2021-07-19", NULL },
	{ "1000-01-01", NONE, "1000-01-01", NULL },
	{ "9999-12-31", NONE, "9999-12-31", NULL },
	/* Timestamps: the date as written, never converted. */
	{ "2021-07-19T10:00:00+02:00", NONE, "2021-07-19", NULL },
	{ "2021-07-19T23:30:00-05:00", NONE, "2021-07-19", NULL },
	{ "2021-07-19T00:30:00+14:00", NONE, "2021-07-19", NULL },
	{ "2021-07-19T10:00:00Z", NONE, "2021-07-19", NULL },
	{ "2021-07-19T10:00:00.123456Z", NONE, "2021-07-19", NULL },
	{ "2021-07-19 10:00:00", NONE, "2021-07-19", NULL },
	{ "2021-07-19 10:00", NONE, "2021-07-19", NULL },
	{ "2021-07-19t10:00:00+0200", NONE, "2021-07-19", NULL },
	{ "2021-12-31T23:59:60Z", NONE, "2021-12-31", NULL },
	{ "2021-07-19T25:00:00Z", NONE, NULL, "hour 25" },
	{ "2021-07-19T24:00:00Z", NONE, NULL, "hour 24" },
	{ "2021-07-19T10:00:61", NONE, NULL, "second 61" },
	{ "2021-07-19T10:61Z", NONE, NULL, "minute 61" },
	{ "2021-07-19T10", NONE, NULL, "malformed time" },
	{ "2021-07-19T10:00:00+2", NONE, NULL, "malformed time zone" },
	{ "2021-07-19T10:00:00+25:00", NONE, NULL, "offset out of range" },
	{ "2021-07-19T10:00:00.Z", NONE, NULL, "malformed time" },
	{ "2021-07-19 noon", NONE, NULL, "unexpected 'noon'" },
	/* Day month year. */
	{ "19 July 2021", NONE, "2021-07-19", NULL },
	{ "19 july 2021", NONE, "2021-07-19", NULL },
	{ "19 JULY 2021", NONE, "2021-07-19", NULL },
	{ "1 Jan 2021", NONE, "2021-01-01", NULL },
	{ "19th July 2021", NONE, "2021-07-19", NULL },
	{ "1st March 2020", NONE, "2020-03-01", NULL },
	{ "22nd Feb. 2022", NONE, "2022-02-22", NULL },
	{ "3rd of June, 2019", NONE, "2019-06-03", NULL },
	{ "19 Sept. 2021", NONE, "2021-09-19", NULL },
	{ "19 Sep 2021", NONE, "2021-09-19", NULL },
	{ "19\xc2\xa0July\xc2\xa0" "2021", NONE, "2021-07-19", NULL },
	{ "19 Juli 2021", NONE, NULL, "unknown month 'Juli'" },
	{ "19 July", NONE, NULL, "unrecognised date '19 July'" },
	{ "19 July 21", NONE, NULL, "four digits" },
	/* Month day, year. */
	{ "July 19, 2021", NONE, "2021-07-19", NULL },
	{ "Jul 19 2021", NONE, "2021-07-19", NULL },
	{ "Jul. 19, 2021", NONE, "2021-07-19", NULL },
	{ "July 19th, 2021", NONE, "2021-07-19", NULL },
	{ "Sept. 1st, 2021", NONE, "2021-09-01", NULL },
	{ "December 31 1999", NONE, "1999-12-31", NULL },
	{ "may 5, 2021", NONE, "2021-05-05", NULL },
	{ "  July   19 ,  2021 ", NONE, "2021-07-19", NULL },
	{ "Jly 19 2021", NONE, NULL, "unknown month 'Jly'" },
	{ "July 19", NONE, NULL, "unrecognised date" },
	{ "July 192021", NONE, NULL, "unrecognised date" },
	/* Month year. */
	{ "July 2021", NONE, "2021-07", NULL },
	{ "Jul 2021", NONE, "2021-07", NULL },
	{ "Sept. 2021", NONE, "2021-09", NULL },
	{ "february 2020", NONE, "2020-02", NULL },
	/* Leading weekday. */
	{ "Monday, 19 July 2021", NONE, "2021-07-19", NULL },
	{ "Mon 19 July 2021", NONE, "2021-07-19", NULL },
	{ "Mon. July 19, 2021", NONE, "2021-07-19", NULL },
	{ "monday 2021-07-19", NONE, "2021-07-19", NULL },
	{ "Thurs, 22 July 2021", NONE, "2021-07-22", NULL },
	{ "Tuesday, 19 July 2021", NONE, NULL, "is a Monday" },
	{ "Sun 19 July 2021", NONE, NULL, "19 July 2021 is a Monday" },
	{ "Monday, July 2021", NONE, NULL, "weekday needs a full date" },
	{ "Monday", NONE, NULL, "unrecognised date 'Monday'" },
	/* Dotted and slashed. */
	{ "19.07.2021", NONE, "2021-07-19", NULL },
	{ "1.7.2021", NONE, "2021-07-01", NULL },
	{ "07.08.2021", NONE, "2021-08-07", NULL },
	{ "07.08.2021", MDY, "2021-08-07", NULL },
	{ "31.06.2021", NONE, NULL, "June 2021 has 30 days" },
	{ "19.07", NONE, NULL, "unrecognised date" },
	{ "2021/07/19", NONE, "2021-07-19", NULL },
	{ "2021/7/9", NONE, "2021-07-09", NULL },
	{ "19/07/2021", NONE, "2021-07-19", NULL },
	{ "07/19/2021", NONE, "2021-07-19", NULL },
	{ "07/07/2021", NONE, "2021-07-07", NULL },
	{ "07/08/2021", DMY, "2021-08-07", NULL },
	{ "07/08/2021", MDY, "2021-07-08", NULL },
	{ "7/8/2021", DMY, "2021-08-07", NULL },
	{ "07/08/2021", NONE, NULL,
	    "ambiguous date '07/08/2021' (day and month can be swapped; "
	    "give --date-order dmy or mdy)" },
	{ "1/2/2021", NONE, NULL, "ambiguous date '1/2/2021'" },
	{ "19/07/2021", MDY, NULL, "month 19 does not exist" },
	{ "31/02/2021", NONE, NULL, "February 2021 has 28 days" },
	{ "02/30/2021", NONE, NULL, "February 2021 has 28 days" },
	{ "13/13/2021", NONE, NULL, "month 13 does not exist" },
	{ "00/07/2021", NONE, NULL, "day 0 does not exist" },
	{ "19/07/21", NONE, NULL, "four digits" },
	{ "19/07/2021/", NONE, NULL, "unexpected '/'" },
	/* Chinese. */
	{ "2021年7月19日", NONE, "2021-07-19", NULL },
	{ "2021年07月09日", NONE, "2021-07-09", NULL },
	{ "2021 年 7 月 19 日", NONE, "2021-07-19", NULL },
	{ "2021年7月", NONE, "2021-07", NULL },
	{ "2021年", NONE, "2021", NULL },
	{ "2021年2月29日", NONE, NULL, "February 2021 has 28 days" },
	{ "2021年13月", NONE, NULL, "month 13 does not exist" },
	{ "2021年7月19", NONE, NULL, "unrecognised date" },
	/* Impossible dates. */
	{ "2021-02-30", NONE, NULL,
	    "invalid date '2021-02-30' (February 2021 has 28 days)" },
	{ "2021-02-29", NONE, NULL, "February 2021 has 28 days" },
	{ "2020-02-29", NONE, "2020-02-29", NULL },
	{ "2000-02-29", NONE, "2000-02-29", NULL },
	{ "1900-02-29", NONE, NULL, "February 1900 has 28 days" },
	{ "2021-04-31", NONE, NULL, "April 2021 has 30 days" },
	{ "2021-13-01", NONE, NULL, "month 13 does not exist" },
	{ "2021-13", NONE, NULL, "month 13 does not exist" },
	{ "2021-00", NONE, NULL, "month 0 does not exist" },
	{ "2021-07-32", NONE, NULL, "July 2021 has 31 days" },
	{ "2021-07-00", NONE, NULL, "day 0 does not exist" },
	{ "0 July 2021", NONE, NULL, "day 0 does not exist" },
	{ "30 February 2024", NONE, NULL, "February 2024 has 29 days" },
	{ "2021-7-19", NONE, NULL, "two digits" },
	{ "2021-07-1", NONE, NULL, "two digits" },
	/* Years out of range. */
	{ "0999", NONE, NULL, "year 999 is outside 1000..9999" },
	{ "0999-12-31", NONE, NULL, "outside 1000..9999" },
	{ "999", NONE, NULL, "four digits" },
	{ "10000", NONE, NULL, "four digits" },
	{ "10000-01-01", NONE, NULL, "unrecognised date" },
	{ "July 0999", NONE, NULL, "outside 1000..9999" },
	/* Garbage. */
	{ "2021-07-19x", NONE, NULL,
	    "invalid date '2021-07-19x' (unexpected 'x' after the date)" },
	{ "19 July 2021 at noon", NONE, NULL, "unexpected 'at noon'" },
	{ "", NONE, NULL, "empty date" },
	{ "   \t ", NONE, NULL, "empty date" },
	{ "next week", NONE, NULL, "unrecognised date 'next week'" },
	{ "-2021", NONE, NULL, "unrecognised date" },
	{ "2021-", NONE, NULL, "two digits" },
	{ "2021--07", NONE, NULL, "two digits" },
	{ "19-07-2021", NONE, NULL, "unrecognised date" },
	{ "2021.07.19", NONE, NULL, "unexpected '.07.19'" },
	{ "2021年7月19日x", NONE, NULL, "unexpected 'x'" },
	{ "99999999999999999999999999999999", NONE, NULL, "four digits" },
	{ "2021-99999999999999999999999", NONE, NULL, "two digits" },
	{ "July 99999999999999999999999", NONE, NULL, "unrecognised date" },
	{ "19/99999999999999999999/2021", NONE, NULL, "unrecognised date" },
};

START_TEST(test_parse_table)
{
	const struct parse_case *c = &cases[_i];
	struct dm_date d = { -1, -1, -1 };
	char iso[11];
	int rc;

	rc = date_parse(&d, c->in, c->order);
	if (c->iso != NULL) {
		ck_assert_msg(rc == 0, "'%s': expected %s, got error: %s",
		    c->in, c->iso, dm_error_last());
		date_format(&d, iso);
		ck_assert_msg(strcmp(iso, c->iso) == 0,
		    "'%s': expected %s, got %s", c->in, c->iso, iso);
	} else {
		ck_assert_msg(rc == DM_EINVALID,
		    "'%s': expected failure, got %d", c->in, rc);
		ck_assert_msg(strstr(dm_error_last(), c->err) != NULL,
		    "'%s': message '%s' lacks '%s'", c->in, dm_error_last(),
		    c->err);
		/* The output is left alone on failure. */
		ck_assert_int_eq(d.year, -1);
		ck_assert_int_eq(d.month, -1);
		ck_assert_int_eq(d.day, -1);
	}
}
END_TEST

START_TEST(test_parse_precision)
{
	struct dm_date d;

	ck_assert_int_eq(date_parse(&d, "2021", NONE), 0);
	ck_assert_int_eq(d.year, 2021);
	ck_assert_int_eq(d.month, 0);
	ck_assert_int_eq(d.day, 0);
	ck_assert_int_eq(date_parse(&d, "July 2021", NONE), 0);
	ck_assert_int_eq(d.month, 7);
	ck_assert_int_eq(d.day, 0);
	ck_assert_int_eq(date_parse(&d, "2021年7月19日", NONE), 0);
	ck_assert_int_eq(d.year, 2021);
	ck_assert_int_eq(d.month, 7);
	ck_assert_int_eq(d.day, 19);
}
END_TEST

START_TEST(test_parse_null_and_long)
{
	struct dm_date d;
	char *s;
	size_t n = 100000;

	ck_assert_int_eq(date_parse(&d, NULL, NONE), DM_EINVALID);

	/* A huge digit run and a huge tail must neither overflow nor flood. */
	s = malloc(n + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, '9', n);
	s[n] = '\0';
	ck_assert_int_eq(date_parse(&d, s, NONE), DM_EINVALID);
	ck_assert_uint_lt(strlen(dm_error_last()), 200);
	memcpy(s, "2021-07-19", 10);
	memset(s + 10, 'x', n - 10);
	ck_assert_int_eq(date_parse(&d, s, NONE), DM_EINVALID);
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "unexpected 'xxx"));
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "...'"));
	ck_assert_uint_lt(strlen(dm_error_last()), 300);
	free(s);
}
END_TEST

START_TEST(test_order_parse)
{
	enum date_order o = NONE;

	ck_assert_int_eq(date_order_parse(&o, "dmy"), 0);
	ck_assert_int_eq(o, DMY);
	ck_assert_int_eq(date_order_parse(&o, "mdy"), 0);
	ck_assert_int_eq(o, MDY);
	ck_assert_int_eq(date_order_parse(&o, "DMY"), 0);
	ck_assert_int_eq(o, DMY);
	ck_assert_int_eq(date_order_parse(&o, "ymd"), DM_EINVALID);
	ck_assert_str_eq(dm_error_last(),
	    "invalid date order 'ymd' (expected dmy or mdy)");
	ck_assert_int_eq(o, DMY);
	ck_assert_int_eq(date_order_parse(&o, ""), DM_EINVALID);
	ck_assert_int_eq(date_order_parse(&o, NULL), DM_EINVALID);
}
END_TEST

START_TEST(test_format)
{
	struct dm_date d = { 2021, 0, 0 };
	char out[11];

	date_format(&d, out);
	ck_assert_str_eq(out, "2021");
	d.month = 7;
	date_format(&d, out);
	ck_assert_str_eq(out, "2021-07");
	d.day = 9;
	date_format(&d, out);
	ck_assert_str_eq(out, "2021-07-09");
}
END_TEST

struct span_case {
	struct dm_date	 d;
	const char	*lo;
	const char	*hi;
};

static const struct span_case spans[] = {
	{ { 2021, 0, 0 }, "2021-01-01", "2021-12-31" },
	{ { 2020, 0, 0 }, "2020-01-01", "2020-12-31" },
	{ { 2021, 1, 0 }, "2021-01-01", "2021-01-31" },
	{ { 2021, 2, 0 }, "2021-02-01", "2021-02-28" },
	{ { 2020, 2, 0 }, "2020-02-01", "2020-02-29" },
	{ { 2000, 2, 0 }, "2000-02-01", "2000-02-29" },
	{ { 1900, 2, 0 }, "1900-02-01", "1900-02-28" },
	{ { 2021, 4, 0 }, "2021-04-01", "2021-04-30" },
	{ { 2021, 6, 0 }, "2021-06-01", "2021-06-30" },
	{ { 2021, 9, 0 }, "2021-09-01", "2021-09-30" },
	{ { 2021, 11, 0 }, "2021-11-01", "2021-11-30" },
	{ { 2021, 12, 0 }, "2021-12-01", "2021-12-31" },
	{ { 2021, 7, 19 }, "2021-07-19", "2021-07-19" },
};

START_TEST(test_span)
{
	const struct span_case *c = &spans[_i];
	char lo[11], hi[11];

	date_span(&c->d, lo, hi);
	ck_assert_str_eq(lo, c->lo);
	ck_assert_str_eq(hi, c->hi);
}
END_TEST

struct weekday_case {
	struct dm_date	 d;
	int		 wday;
};

static const struct weekday_case weekdays[] = {
	{ { 2021, 7, 19 }, 0 },		/* the reference example */
	{ { 2021, 7, 25 }, 6 },
	{ { 1970, 1, 1 }, 3 },
	{ { 1969, 12, 31 }, 2 },
	{ { 2000, 2, 29 }, 1 },
	{ { 2000, 3, 1 }, 2 },
	{ { 1900, 3, 1 }, 3 },
	{ { 2024, 2, 29 }, 3 },
	{ { 1000, 1, 1 }, 2 },
	{ { 9999, 12, 31 }, 4 },
	{ { 1582, 10, 15 }, 4 },
	{ { 2001, 9, 11 }, 1 },
};

/* Days from 1970-01-01 and back, across leap days and centuries. */
START_TEST(test_days)
{
	static const struct {
		int	y, m, d;
		long	n;
	} day_cases[] = {
		{ 1970, 1, 1, 0 }, { 1969, 12, 31, -1 }, { 2000, 2, 29, 11016 },
		{ 2021, 7, 19, 18827 }, { 1000, 1, 1, -354285 },
		{ 9999, 12, 31, 2932896 },
	};
	struct dm_date d, back;
	size_t i;

	for (i = 0; i < sizeof(day_cases) / sizeof(day_cases[0]); i++) {
		d.year = day_cases[i].y;
		d.month = day_cases[i].m;
		d.day = day_cases[i].d;
		ck_assert_int_eq(date_days(&d), day_cases[i].n);
		date_from_days(&back, day_cases[i].n);
		ck_assert_int_eq(back.year, d.year);
		ck_assert_int_eq(back.month, d.month);
		ck_assert_int_eq(back.day, d.day);
	}
}
END_TEST

START_TEST(test_weekday)
{
	const struct weekday_case *c = &weekdays[_i];

	ck_assert_int_eq(date_weekday(&c->d), c->wday);
}
END_TEST

struct add_case {
	struct dm_date	 from;
	int		 n;
	struct dm_date	 to;
};

static const struct add_case adds[] = {
	{ { 2021, 7, 19 }, 0, { 2021, 7, 19 } },
	{ { 2021, 7, 19 }, 1, { 2021, 7, 20 } },
	{ { 2021, 7, 31 }, 1, { 2021, 8, 1 } },
	{ { 2021, 8, 1 }, -1, { 2021, 7, 31 } },
	{ { 2021, 12, 31 }, 1, { 2022, 1, 1 } },
	{ { 2022, 1, 1 }, -1, { 2021, 12, 31 } },
	{ { 2020, 2, 28 }, 1, { 2020, 2, 29 } },
	{ { 2020, 2, 29 }, 1, { 2020, 3, 1 } },
	{ { 2021, 2, 28 }, 1, { 2021, 3, 1 } },
	{ { 2021, 3, 1 }, -1, { 2021, 2, 28 } },
	{ { 2024, 3, 1 }, -1, { 2024, 2, 29 } },
	{ { 1900, 2, 28 }, 1, { 1900, 3, 1 } },
	{ { 2000, 2, 28 }, 1, { 2000, 2, 29 } },
	{ { 2021, 1, 1 }, 365, { 2022, 1, 1 } },
	{ { 2020, 1, 1 }, 365, { 2020, 12, 31 } },
	{ { 2020, 1, 1 }, 366, { 2021, 1, 1 } },
	{ { 2021, 7, 19 }, -200, { 2020, 12, 31 } },
	{ { 2000, 1, 1 }, 146097, { 2400, 1, 1 } },
	{ { 2021, 7, 19 }, -7, { 2021, 7, 12 } },
	{ { 1970, 1, 1 }, -1, { 1969, 12, 31 } },
};

START_TEST(test_add_days)
{
	const struct add_case *c = &adds[_i];
	struct dm_date d = c->from;

	date_add_days(&d, c->n);
	ck_assert_int_eq(d.year, c->to.year);
	ck_assert_int_eq(d.month, c->to.month);
	ck_assert_int_eq(d.day, c->to.day);
	date_add_days(&d, -c->n);
	ck_assert_int_eq(d.year, c->from.year);
	ck_assert_int_eq(d.month, c->from.month);
	ck_assert_int_eq(d.day, c->from.day);
}
END_TEST

/* Whether a and b are the same date. */
static int
same(const struct dm_date *a, const struct dm_date *b)
{
	return a->year == b->year && a->month == b->month && a->day == b->day;
}

START_TEST(test_add_days_walk)
{
	struct dm_date d = { 1896, 1, 1 };
	struct dm_date prev, want, month, parsed;
	char iso[11], lo[11], hi[11];
	int wday = date_weekday(&d);

	/*
	 * Walk one day at a time through 1900, 2000 and 2100, checking each
	 * step against the calendar rules, date_span and the parser.  Plain
	 * ifs, because a Check assertion per step is too slow for 76,000
	 * steps.
	 */
	while (d.year < 2104) {
		prev = d;
		date_add_days(&d, 1);
		date_format(&d, iso);
		wday = (wday + 1) % 7;
		if (date_weekday(&d) != wday)
			ck_abort_msg("%s: weekday %d, want %d", iso,
			    date_weekday(&d), wday);
		want = prev;
		want.day++;
		if (d.day == 1) {
			/* prev must be the last day of its month's span. */
			month = prev;
			month.day = 0;
			date_span(&month, lo, hi);
			date_format(&prev, lo);
			if (strcmp(lo, hi) != 0)
				ck_abort_msg("%s follows %s, not %s", iso, lo,
				    hi);
			want.year = prev.year + (prev.month == 12);
			want.month = prev.month % 12 + 1;
			want.day = 1;
		}
		if (!same(&d, &want))
			ck_abort_msg("%s does not follow %04d-%02d-%02d", iso,
			    prev.year, prev.month, prev.day);
		if (date_parse(&parsed, iso, NONE) != 0 || !same(&parsed, &d))
			ck_abort_msg("%s does not parse back", iso);
		date_add_days(&parsed, -1);
		if (!same(&parsed, &prev))
			ck_abort_msg("%s minus one day is not the day before",
			    iso);
	}
	ck_assert_str_eq(iso, "2104-01-01");
}
END_TEST

/*
 * A statement's date: a time of day after a date of digits left out,
 * anything else after it refused, the message led by where it was.
 */
START_TEST(test_read)
{
	char iso[11], lo[11], hi[11];

	ck_assert_int_eq(date_read("2021/07/19 10:30", NONE, "3", iso, lo, hi),
	    0);
	ck_assert_str_eq(iso, "2021-07-19");
	ck_assert_int_eq(date_read("2021-07-20T08:00:00+08:00", NONE, "3",
	    iso, lo, hi), 0);
	ck_assert_str_eq(iso, "2021-07-20");
	ck_assert_int_eq(date_read("July 2021", NONE, "3", iso, lo, hi), 0);
	ck_assert_str_eq(iso, "2021-07");
	ck_assert_str_eq(lo, "2021-07-01");
	ck_assert_str_eq(hi, "2021-07-31");
	ck_assert_int_eq(date_read("2021-07-19 at noon", NONE, "--date", iso,
	    lo, hi), DM_EINVALID);
	ck_assert_str_eq(iso, "2021-07");
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "--date: "));
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "at noon"));
	ck_assert_int_eq(date_read("07/08/2021 10:00", NONE, "3", iso, lo,
	    hi), DM_EINVALID);
	ck_assert_int_eq(date_read("07/08/2021 10:00", DMY, "3", iso, lo, hi),
	    0);
	ck_assert_str_eq(iso, "2021-08-07");
}
END_TEST

static Suite *
date_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("date");

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse_table, 0,
	    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_parse_precision);
	tcase_add_test(tc, test_parse_null_and_long);
	tcase_add_test(tc, test_order_parse);
	tcase_add_test(tc, test_read);
	suite_add_tcase(s, tc);

	tc = tcase_create("calendar");
	tcase_add_test(tc, test_format);
	tcase_add_loop_test(tc, test_span, 0, sizeof(spans) / sizeof(spans[0]));
	tcase_add_loop_test(tc, test_weekday, 0,
	    sizeof(weekdays) / sizeof(weekdays[0]));
	tcase_add_loop_test(tc, test_add_days, 0,
	    sizeof(adds) / sizeof(adds[0]));
	tcase_add_test(tc, test_add_days_walk);
	tcase_add_test(tc, test_days);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(date_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
