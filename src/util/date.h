/*
 * Dates at their known precision: a year, a month or a day.  Parsed from
 * the forms users write (SPEC section 2) and kept as ISO 8601.
 */
#ifndef DM_DATE_H
#define DM_DATE_H

/*
 * How to read a slashed date whose day and month could be swapped
 * ("07/08/2021"): not at all (the date is rejected as ambiguous), as
 * day/month/year, or as month/day/year.
 */
enum date_order {
	DATE_ORDER_NONE,
	DATE_ORDER_DMY,
	DATE_ORDER_MDY,
};

/* A date at its known precision: month and day are 0 when not known. */
struct dm_date {
	int	year;
	int	month;
	int	day;
};

/*
 * Parses s into out, which is written only on success.  Surrounding
 * white space is ignored.  Accepted forms:
 *   2021-07-19, 2021-07, 2021, 2021/07/19, 19.07.2021,
 *   2021-07-19T10:00:00+02:00 (also Z, fractional seconds, or a space
 *     for the T; the date is taken as written, never converted),
 *   19 July 2021, 19th of July 2021, July 19, 2021, Jul 19 2021,
 *     Sept. 19th, 2021, July 2021, Jul. 2021 (month names and their
 *     three-letter abbreviations in any case),
 *   any of the above after a weekday ("Monday, 19 July 2021",
 *     "Mon 19 July 2021"), which must agree with the date,
 *   2021年7月19日, 2021年7月, 2021年,
 *   19/07/2021 or 07/19/2021, read by order when day and month could be
 *     swapped.
 * Years run from 1000 to 9999.  Returns 0, or DM_EINVALID with a message
 * that quotes the text and says what is wrong.
 */
int	date_parse(struct dm_date *out, const char *s, enum date_order order);

/*
 * The date a statement gives, s, read as date_parse() reads it, a time
 * of day after a date of digits left out ("2021/07/19 10:30"): its ISO
 * form and the first and last day it covers.  Returns 0, or DM_EINVALID
 * with a message that begins with where the date was found ("3" for a
 * line, "--date").
 */
int	date_read(const char *s, enum date_order order, const char *where,
	    char iso[11], char lo[11], char hi[11]);

/*
 * Reads a --date-order argument: "dmy" or "mdy", in any case.  Returns 0,
 * or DM_EINVALID.
 */
int	date_order_parse(enum date_order *out, const char *s);

/* Writes d as ISO 8601 at its precision: "2021", "2021-07", "2021-07-19". */
void	date_format(const struct dm_date *d, char out[11]);

/*
 * Writes the first and last day that d covers as ISO days:
 * 2021 -> 2021-01-01, 2021-12-31; 2021-02 -> 2021-02-01, 2021-02-28.
 */
void	date_span(const struct dm_date *d, char lo[11], char hi[11]);

/* Day of the week of a full date: 0 for Monday to 6 for Sunday. */
int	date_weekday(const struct dm_date *d);

/*
 * Moves a full date by n days, forward or back (n < 0), across months,
 * years and leap days.
 */
void	date_add_days(struct dm_date *d, int n);

/* Days from 1970-01-01 to a full date, and back. */
long	date_days(const struct dm_date *d);
void	date_from_days(struct dm_date *d, long n);

#endif
