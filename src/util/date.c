#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "error.h"

/* UTF-8 for the CJK date markers. */
#define CJK_YEAR	"\xe5\xb9\xb4"	/* 年 */
#define CJK_MONTH	"\xe6\x9c\x88"	/* 月 */
#define CJK_DAY		"\xe6\x97\xa5"	/* 日 */

/* Longer quoted input is cut, so a message stays one readable line. */
#define QUOTE_MAX	80

/* A digit run's value stops growing here, so long runs cannot overflow. */
#define DIGITS_CAP	100000

enum prec {
	PREC_YEAR = 1,
	PREC_MONTH,
	PREC_DAY,
};

/* The text being parsed, [p, end), and what has been read from it. */
struct parse {
	const char	*text;
	const char	*end;
	const char	*p;
	enum prec	 prec;
	int		 year;
	int		 month;
	int		 day;
};

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static const char *const weekday_names[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday",
};

static int
is_leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int
days_in_month(int y, int m)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

static int
valid_ymd(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/*
 * Days since 1970-01-01 in the proleptic Gregorian calendar, counted in
 * 400-year eras that start on 1 March so the leap day falls last.
 */
static long long
days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Byte length of the white space character at p, or 0. */
static size_t
space_at(const char *p, const char *end)
{
	size_t left = end - p;

	if (left == 0)
		return 0;
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	/* No-break, narrow no-break and ideographic spaces. */
	if (left >= 2 && memcmp(p, "\xc2\xa0", 2) == 0)
		return 2;
	if (left >= 3 && (memcmp(p, "\xe2\x80\xaf", 3) == 0 ||
	    memcmp(p, "\xe3\x80\x80", 3) == 0))
		return 3;
	return 0;
}

/* Byte length of the white space character that ends just before end. */
static size_t
space_before(const char *begin, const char *end)
{
	size_t n;

	for (n = 1; n <= 3 && n <= (size_t)(end - begin); n++)
		if (space_at(end - n, end) == n)
			return n;
	return 0;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
to_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
peek(const struct parse *ps)
{
	return ps->p < ps->end ? (unsigned char)*ps->p : -1;
}

static int
at_end(const struct parse *ps)
{
	return ps->p >= ps->end;
}

static int
skip_char(struct parse *ps, int c)
{
	if (peek(ps) != c)
		return 0;
	ps->p++;
	return 1;
}

static int
skip_lit(struct parse *ps, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, lit, n) != 0)
		return 0;
	ps->p += n;
	return 1;
}

/* Skips white space; returns whether there was any. */
static int
skip_space(struct parse *ps)
{
	const char *start = ps->p;
	size_t n;

	while ((n = space_at(ps->p, ps->end)) > 0)
		ps->p += n;
	return ps->p != start;
}

/* Reads a run of ASCII digits into *val; returns the run's length. */
static size_t
scan_digits(struct parse *ps, int *val)
{
	size_t n = 0;

	*val = 0;
	while (is_digit(peek(ps))) {
		if (*val < DIGITS_CAP)
			*val = *val * 10 + (*ps->p - '0');
		ps->p++;
		n++;
	}
	return n;
}

/*
 * Reads a run of ASCII letters, lower-cased into buf when it fits (else
 * buf is ""), and returns the run's length.
 */
static size_t
scan_word(struct parse *ps, char *buf, size_t bufsz)
{
	const char *start = ps->p;
	size_t i, n;

	while (is_alpha(peek(ps)))
		ps->p++;
	n = ps->p - start;
	if (n < bufsz) {
		for (i = 0; i < n; i++)
			buf[i] = to_lower((unsigned char)start[i]);
		buf[n] = '\0';
	} else
		buf[0] = '\0';
	return n;
}

/* Whether word (lower case) is name or its first three letters. */
static int
name_matches(const char *word, const char *name)
{
	size_t n = strlen(word);
	size_t i;

	if (n != 3 && n != strlen(name))
		return 0;
	for (i = 0; i < n; i++)
		if (word[i] != to_lower((unsigned char)name[i]))
			return 0;
	return 1;
}

/* The month (1..12) that word names, or 0. */
static int
month_from_word(const char *word)
{
	int i;

	if (strcmp(word, "sept") == 0)
		return 9;
	for (i = 0; i < 12; i++)
		if (name_matches(word, month_names[i]))
			return i + 1;
	return 0;
}

/* The weekday (0 = Monday) that word names, or -1. */
static int
weekday_from_word(const char *word)
{
	int i;

	if (strcmp(word, "tues") == 0)
		return 1;
	if (strcmp(word, "thur") == 0 || strcmp(word, "thurs") == 0)
		return 3;
	for (i = 0; i < 7; i++)
		if (name_matches(word, weekday_names[i]))
			return i;
	return -1;
}

static int
is_ordinal_suffix(const char *word)
{
	return strcmp(word, "st") == 0 || strcmp(word, "nd") == 0 ||
	    strcmp(word, "rd") == 0 || strcmp(word, "th") == 0;
}

/*
 * How many of the n bytes at p to quote in a message, cut at a character
 * boundary; *ellipsis is "..." when cut.
 */
static int
quote_cut(const char *p, size_t n, const char **ellipsis)
{
	*ellipsis = "";
	if (n <= QUOTE_MAX)
		return (int)n;
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)p[n] & 0xc0) == 0x80)
		n--;
	*ellipsis = "...";
	return (int)n;
}

static int
quote_len(const struct parse *ps, const char **ellipsis)
{
	return quote_cut(ps->text, ps->end - ps->text, ellipsis);
}

static int
unrecognised(const struct parse *ps)
{
	const char *ell;
	int n = quote_len(ps, &ell);

	return dm_error(DM_EINVALID, "unrecognised date '%.*s%s'", n,
	    ps->text, ell);
}

static int
invalid(const struct parse *ps, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
invalid(const struct parse *ps, const char *fmt, ...)
{
	char why[160];
	const char *ell;
	va_list ap;
	int n = quote_len(ps, &ell);

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return dm_error(DM_EINVALID, "invalid date '%.*s%s' (%s)", n,
	    ps->text, ell, why);
}

static int
scan_year(struct parse *ps)
{
	size_t n = scan_digits(ps, &ps->year);

	if (n == 0)
		return unrecognised(ps);
	if (n != 4)
		return invalid(ps, "the year needs four digits");
	return 0;
}

/* Reads exactly two digits into *val; returns whether they were there. */
static int
scan_two(struct parse *ps, int *val)
{
	return scan_digits(ps, val) == 2;
}

/*
 * Reads an optional time of day after a full ISO date, only to check it:
 * "T10:00", "T10:00:00.5", " 10:00:00+02:00", "T10:00:00Z".
 */
static int
parse_time(struct parse *ps)
{
	const char *save = ps->p;
	int hh, mm, ss = 0, frac, oh, om = 0;

	if (!skip_char(ps, 'T') && !skip_char(ps, 't')) {
		/* A space introduces a time only if digits follow. */
		if (!skip_space(ps) || !is_digit(peek(ps))) {
			ps->p = save;
			return 0;
		}
	}
	if (!scan_two(ps, &hh) || !skip_char(ps, ':') || !scan_two(ps, &mm))
		return invalid(ps, "malformed time after the date");
	if (skip_char(ps, ':')) {
		if (!scan_two(ps, &ss))
			return invalid(ps, "malformed time after the date");
		if (skip_char(ps, '.') || skip_char(ps, ',')) {
			if (scan_digits(ps, &frac) == 0)
				return invalid(ps,
				    "malformed time after the date");
		}
	}
	if (hh > 23)
		return invalid(ps, "hour %d does not exist", hh);
	if (mm > 59)
		return invalid(ps, "minute %d does not exist", mm);
	if (ss > 60)
		return invalid(ps, "second %d does not exist", ss);
	if (skip_char(ps, 'Z') || skip_char(ps, 'z'))
		return 0;
	if (!skip_char(ps, '+') && !skip_char(ps, '-'))
		return 0;
	/* +02, +02:00 or +0200. */
	switch (scan_digits(ps, &oh)) {
	case 2:
		if (skip_char(ps, ':') && !scan_two(ps, &om))
			return invalid(ps, "malformed time zone offset");
		break;
	case 4:
		om = oh % 100;
		oh /= 100;
		break;
	default:
		return invalid(ps, "malformed time zone offset");
	}
	if (oh > 23 || om > 59)
		return invalid(ps, "time zone offset out of range");
	return 0;
}

/* 2021-07-19[time], 2021-07; the year has been read. */
static int
parse_iso(struct parse *ps)
{
	ps->prec = PREC_MONTH;
	if (!scan_two(ps, &ps->month))
		return invalid(ps, "month and day need two digits, "
		    "as in 2021-07-19");
	if (!skip_char(ps, '-'))
		return 0;
	ps->prec = PREC_DAY;
	if (!scan_two(ps, &ps->day))
		return invalid(ps, "month and day need two digits, "
		    "as in 2021-07-19");
	return parse_time(ps);
}

/* 2021年7月19日, 2021年7月, 2021年; the year and 年 have been read. */
static int
parse_cjk(struct parse *ps)
{
	size_t n;

	ps->prec = PREC_YEAR;
	skip_space(ps);
	if (at_end(ps))
		return 0;
	n = scan_digits(ps, &ps->month);
	if (n == 0 || n > 2)
		return unrecognised(ps);
	skip_space(ps);
	if (!skip_lit(ps, CJK_MONTH))
		return unrecognised(ps);
	ps->prec = PREC_MONTH;
	skip_space(ps);
	if (at_end(ps))
		return 0;
	n = scan_digits(ps, &ps->day);
	if (n == 0 || n > 2)
		return unrecognised(ps);
	skip_space(ps);
	if (!skip_lit(ps, CJK_DAY))
		return unrecognised(ps);
	ps->prec = PREC_DAY;
	return 0;
}

/* Reads one or two digits after sep into *val. */
static int
scan_part(struct parse *ps, int sep, int *val)
{
	size_t n;

	if (!skip_char(ps, sep))
		return 0;
	n = scan_digits(ps, val);
	return n >= 1 && n <= 2;
}

/*
 * 19/07/2021 or 07/19/2021: a is the first number, already read.  When
 * order does not settle it, a reading is taken if it is the only valid
 * one or if both give the same date.
 */
static int
parse_slashed(struct parse *ps, int a, enum date_order order)
{
	const char *ell;
	int b, n, rc, dmy_ok, mdy_ok;

	if (!scan_part(ps, '/', &b) || !skip_char(ps, '/'))
		return unrecognised(ps);
	if ((rc = scan_year(ps)) != 0)
		return rc;
	ps->prec = PREC_DAY;
	if (order == DATE_ORDER_NONE) {
		dmy_ok = valid_ymd(ps->year, b, a);
		mdy_ok = valid_ymd(ps->year, a, b);
		if (dmy_ok && mdy_ok && a != b) {
			n = quote_len(ps, &ell);
			return dm_error(DM_EINVALID, "ambiguous date "
			    "'%.*s%s' (day and month can be swapped; give "
			    "--date-order dmy or mdy)", n, ps->text, ell);
		}
		/* With neither valid, explain the likelier reading. */
		if (mdy_ok || (!dmy_ok && a <= 12 && b > 12))
			order = DATE_ORDER_MDY;
		else
			order = DATE_ORDER_DMY;
	}
	ps->day = order == DATE_ORDER_DMY ? a : b;
	ps->month = order == DATE_ORDER_DMY ? b : a;
	return 0;
}

/*
 * A month name with the '.' and white space that may follow it.  An
 * unknown name is reported as such when the text looks like a date.
 */
static int
scan_month_name(struct parse *ps)
{
	char word[16];
	const char *start = ps->p;
	const char *q;
	size_t n;

	n = scan_word(ps, word, sizeof(word));
	if (n == 0)
		return unrecognised(ps);
	if ((ps->month = month_from_word(word)) == 0) {
		for (q = ps->p; q < ps->end; q++)
			if (is_digit((unsigned char)*q))
				return invalid(ps, "unknown month '%.*s'",
				    (int)(n > QUOTE_MAX ? QUOTE_MAX : n),
				    start);
		return unrecognised(ps);
	}
	skip_char(ps, '.');
	skip_space(ps);
	return 0;
}

/* "st", "nd", "rd" or "th" after a day number, if present. */
static void
skip_ordinal(struct parse *ps)
{
	const char *save = ps->p;
	char word[4];

	if (scan_word(ps, word, sizeof(word)) == 0 || !is_ordinal_suffix(word))
		ps->p = save;
}

/* 19 July 2021, 19th of July, 2021; the day has been read. */
static int
parse_day_month(struct parse *ps)
{
	const char *save;
	char word[4];
	int rc;

	ps->prec = PREC_DAY;
	skip_ordinal(ps);
	skip_space(ps);
	save = ps->p;
	if (scan_word(ps, word, sizeof(word)) != 2 || strcmp(word, "of") != 0 ||
	    !skip_space(ps))
		ps->p = save;
	if ((rc = scan_month_name(ps)) != 0)
		return rc;
	if (skip_char(ps, ','))
		skip_space(ps);
	return scan_year(ps);
}

/* July 19, 2021, Jul 19th 2021, July 2021. */
static int
parse_month_first(struct parse *ps)
{
	size_t n;
	int rc, sep;

	if ((rc = scan_month_name(ps)) != 0)
		return rc;
	if (skip_char(ps, ','))
		skip_space(ps);
	n = scan_digits(ps, &ps->day);
	if (n == 4) {
		ps->prec = PREC_MONTH;
		ps->year = ps->day;
		ps->day = 0;
		return 0;
	}
	if (n == 0 || n > 2)
		return unrecognised(ps);
	ps->prec = PREC_DAY;
	skip_ordinal(ps);
	sep = skip_space(ps);
	sep |= skip_char(ps, ',');
	sep |= skip_space(ps);
	if (!sep)
		return unrecognised(ps);
	return scan_year(ps);
}

/* Every form that starts with a number. */
static int
parse_numeric(struct parse *ps, enum date_order order)
{
	const char *save;
	size_t n;
	int a;

	n = scan_digits(ps, &a);
	if (n == 4) {
		ps->year = a;
		ps->prec = PREC_YEAR;
		if (skip_char(ps, '-'))
			return parse_iso(ps);
		save = ps->p;
		skip_space(ps);
		if (skip_lit(ps, CJK_YEAR))
			return parse_cjk(ps);
		ps->p = save;
		if (peek(ps) == '/') {
			if (!scan_part(ps, '/', &ps->month) ||
			    !scan_part(ps, '/', &ps->day))
				return unrecognised(ps);
			ps->prec = PREC_DAY;
		}
		return 0;
	}
	if (n > 2) {
		if (at_end(ps))
			return invalid(ps, "the year needs four digits");
		return unrecognised(ps);
	}
	if (peek(ps) == '/')
		return parse_slashed(ps, a, order);
	if (peek(ps) == '.') {
		ps->day = a;
		ps->prec = PREC_DAY;
		if (!scan_part(ps, '.', &ps->month) || !skip_char(ps, '.'))
			return unrecognised(ps);
		return scan_year(ps);
	}
	if (is_alpha(peek(ps)) || space_at(ps->p, ps->end) > 0) {
		ps->day = a;
		return parse_day_month(ps);
	}
	if (at_end(ps))
		return invalid(ps, "the year needs four digits");
	return unrecognised(ps);
}

/* A leading weekday and its separator; -1 in *wday if there is none. */
static int
parse_weekday(struct parse *ps, int *wday)
{
	const char *save = ps->p;
	char word[16];
	int sep;

	*wday = -1;
	if (scan_word(ps, word, sizeof(word)) > 0)
		*wday = weekday_from_word(word);
	if (*wday < 0) {
		ps->p = save;
		return 0;
	}
	sep = skip_char(ps, '.');
	sep |= skip_char(ps, ',');
	sep |= skip_space(ps);
	if (!sep || at_end(ps))
		return unrecognised(ps);
	return 0;
}

/* The checks every form shares, once the numbers are read. */
static int
check_date(const struct parse *ps)
{
	if (ps->year < 1000 || ps->year > 9999)
		return invalid(ps, "year %d is outside 1000..9999", ps->year);
	if (ps->prec == PREC_YEAR)
		return 0;
	if (ps->month < 1 || ps->month > 12)
		return invalid(ps, "month %d does not exist", ps->month);
	if (ps->prec == PREC_MONTH)
		return 0;
	if (ps->day < 1)
		return invalid(ps, "day %d does not exist", ps->day);
	if (ps->day > days_in_month(ps->year, ps->month))
		return invalid(ps, "%s %d has %d days",
		    month_names[ps->month - 1], ps->year,
		    days_in_month(ps->year, ps->month));
	return 0;
}

int
date_parse(struct dm_date *out, const char *s, enum date_order order)
{
	struct parse ps;
	struct dm_date d;
	const char *ell;
	size_t n;
	int rc, wday, q;

	memset(&ps, 0, sizeof(ps));
	if (s == NULL)
		return dm_error(DM_EINVALID, "empty date");
	ps.text = s;
	ps.end = s + strlen(s);
	while ((n = space_at(ps.text, ps.end)) > 0)
		ps.text += n;
	while ((n = space_before(ps.text, ps.end)) > 0)
		ps.end -= n;
	if (ps.text == ps.end)
		return dm_error(DM_EINVALID, "empty date");
	ps.p = ps.text;

	if ((rc = parse_weekday(&ps, &wday)) != 0)
		return rc;
	if (is_digit(peek(&ps)))
		rc = parse_numeric(&ps, order);
	else if (is_alpha(peek(&ps)))
		rc = parse_month_first(&ps);
	else
		rc = unrecognised(&ps);
	if (rc != 0)
		return rc;
	if (!at_end(&ps)) {
		skip_space(&ps);
		q = quote_cut(ps.p, ps.end - ps.p, &ell);
		return invalid(&ps, "unexpected '%.*s%s' after the date", q,
		    ps.p, ell);
	}
	if ((rc = check_date(&ps)) != 0)
		return rc;

	d.year = ps.year;
	d.month = ps.prec >= PREC_MONTH ? ps.month : 0;
	d.day = ps.prec == PREC_DAY ? ps.day : 0;
	if (wday >= 0) {
		if (ps.prec != PREC_DAY)
			return invalid(&ps, "a weekday needs a full date");
		if (date_weekday(&d) != wday)
			return invalid(&ps, "%d %s %d is a %s", d.day,
			    month_names[d.month - 1], d.year,
			    weekday_names[date_weekday(&d)]);
	}
	*out = d;
	return 0;
}

int
date_read(const char *s, enum date_order order, const char *where,
    char iso[11], char lo[11], char hi[11])
{
	struct dm_date d;
	char buf[32];
	size_t n = strspn(s, "0123456789-/");

	if (n >= 8 && n < sizeof(buf) && (s[n] == ' ' || s[n] == 'T') &&
	    is_digit(s[n + 1])) {
		memcpy(buf, s, n);
		buf[n] = '\0';
		s = buf;
	}
	if (date_parse(&d, s, order) != 0)
		return dm_error(DM_EINVALID, "%s: %s", where, dm_error_last());
	date_format(&d, iso);
	date_span(&d, lo, hi);
	return 0;
}

int
date_order_parse(enum date_order *out, const char *s)
{
	if (s != NULL && strcasecmp(s, "dmy") == 0)
		*out = DATE_ORDER_DMY;
	else if (s != NULL && strcasecmp(s, "mdy") == 0)
		*out = DATE_ORDER_MDY;
	else
		return dm_error(DM_EINVALID, "invalid date order '%s' "
		    "(expected dmy or mdy)", s == NULL ? "" : s);
	return 0;
}

void
date_format(const struct dm_date *d, char out[11])
{
	if (d->month == 0)
		snprintf(out, 11, "%04d", d->year);
	else if (d->day == 0)
		snprintf(out, 11, "%04d-%02d", d->year, d->month);
	else
		snprintf(out, 11, "%04d-%02d-%02d", d->year, d->month,
		    d->day);
}

void
date_span(const struct dm_date *d, char lo[11], char hi[11])
{
	struct dm_date first, last;

	first.year = last.year = d->year;
	first.month = d->month == 0 ? 1 : d->month;
	last.month = d->month == 0 ? 12 : d->month;
	first.day = d->day == 0 ? 1 : d->day;
	last.day = d->day == 0 ? days_in_month(last.year, last.month) :
	    d->day;
	date_format(&first, lo);
	date_format(&last, hi);
}

int
date_weekday(const struct dm_date *d)
{
	long long z = days_from_civil(d->year, d->month, d->day);

	/* 1970-01-01 was a Thursday, 3 days after Monday. */
	return (int)(((z + 3) % 7 + 7) % 7);
}

void
date_add_days(struct dm_date *d, int n)
{
	civil_from_days(days_from_civil(d->year, d->month, d->day) + n,
	    &d->year, &d->month, &d->day);
}

long
date_days(const struct dm_date *d)
{
	return (long)days_from_civil(d->year, d->month, d->day);
}

void
date_from_days(struct dm_date *d, long n)
{
	civil_from_days(n, &d->year, &d->month, &d->day);
}
