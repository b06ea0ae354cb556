/*
 * The date a sentence gives its claims.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coder_int.h"

/* Dates. */

static int
number_at(const struct run *r, size_t t, int *v)
{
	const struct tok *k = &r->toks[t];
	size_t i;
	int n = 0;

	if (k->cp != 0 || !(k->flags & T_NUM))
		return 0;
	for (i = 0; i < k->len; i++) {
		if (r->text[k->off + i] < '0' || r->text[k->off + i] > '9')
			break;
		if (n > 100000)
			return 0;
		n = n * 10 + r->text[k->off + i] - '0';
	}
	/* "19th" and "19" but not "5.31" */
	if (i < k->len && r->text[k->off + i] != 's' &&
	    r->text[k->off + i] != 'n' && r->text[k->off + i] != 'r' &&
	    r->text[k->off + i] != 't')
		return 0;
	*v = n;
	return 1;
}

static int
valid_day(int y, int m, int d)
{
	struct dm_date dd;
	char iso[16];

	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	return y >= 1000 && y <= 9999 && date_parse(&dd, iso,
	    DATE_ORDER_NONE) == 0;
}

/* A day and month without a year: the latest on or before the statement. */
static int
month_day(const struct dm_date *st, int m, int d, int y, struct dm_date *out)
{
	if (y == 0) {
		if (st == NULL || st->month == 0)
			return 0;
		y = st->year;
		if (m > st->month || (m == st->month && st->day != 0 &&
		    d > st->day))
			y--;
	}
	if (!valid_day(y, m, d))
		return 0;
	out->year = y;
	out->month = m;
	out->day = d;
	return 1;
}

static int
relative(const struct run *r, const char *op, struct dm_date *out)
{
	const struct dm_date *st = r->stmt;

	if (st == NULL || strcmp(op, "future") == 0)
		return 0;
	*out = *st;
	if (strcmp(op, "last-year") == 0 || strcmp(op, "this-year") == 0) {
		out->month = out->day = 0;
		out->year -= op[0] == 'l';
		return 1;
	}
	if (st->month == 0)
		return 0;
	out->day = 0;
	if (strcmp(op, "this-month") == 0)
		return 1;
	if (strcmp(op, "last-month") == 0) {
		if (--out->month == 0) {
			out->month = 12;
			out->year--;
		}
		return 1;
	}
	if (st->day == 0)
		return 0;
	out->day = st->day;
	if (strcmp(op, "yesterday") == 0)
		date_add_days(out, -1);
	return strcmp(op, "yesterday") == 0 || strcmp(op, "today") == 0;
}

/* Finds the first date expression of the sentence: 0 if none. */
int
cd_sentence_date(const struct run *r, const struct sent *s, struct dm_date *out)
{
	const struct pattern *p;
	size_t t, end = (size_t)s->b;
	int m, d, y, n, future = 0;

	for (t = (size_t)s->a; t < end; t++) {
		if ((n = cd_match(r, C_DATE, t, end, &p)) > 0) {
			if (strcmp(p->val, "future") == 0) {
				future = 1;
				t += (size_t)n - 1;
				continue;
			}
			if (relative(r, p->val, out))
				return 1;
			t += (size_t)n - 1;
			continue;
		}
		if (cd_match(r, C_WEEKDAY, t, end, &p) == 1) {
			if (future || r->stmt == NULL || r->stmt->day == 0) {
				future = 0;
				continue;
			}
			*out = *r->stmt;
			d = (date_weekday(out) - atoi(p->val) + 7) % 7;
			date_add_days(out, -d);
			return 1;
		}
		future = 0;
		if (cd_match(r, C_MONTH, t, end, &p) == 1 &&
		    (r->toks[t].flags & T_CAP)) {
			m = atoi(p->val);
			y = 0;
			if (t + 1 < end && number_at(r, t + 1, &d) && d <= 31) {
				if (t + 3 < end && cd_is_punct(r, t + 2, ',') &&
				    number_at(r, t + 3, &n) && n >= 1000)
					y = n;
				else if (t + 2 < end &&
				    number_at(r, t + 2, &n) && n >= 1000)
					y = n;
				if (month_day(r->stmt, m, d, y, out))
					return 1;
				continue;
			}
			if (t + 1 < end && number_at(r, t + 1, &n) &&
			    n >= 1000 && n <= 9999) {
				out->year = n;
				out->month = m;
				out->day = 0;
				return 1;
			}
			if (t > (size_t)s->a && cd_is_word(r, t - 1, r->c->w_in) &&
			    r->stmt != NULL && r->stmt->month != 0) {
				out->year = r->stmt->year -
				    (m > r->stmt->month);
				out->month = m;
				out->day = 0;
				return 1;
			}
			continue;
		}
		if (number_at(r, t, &d) && d >= 1 && d <= 31 && t + 1 < end &&
		    cd_match(r, C_MONTH, t + 1, end, &p) == 1 &&
		    (r->toks[t + 1].flags & T_CAP)) {
			y = 0;
			if (t + 2 < end && number_at(r, t + 2, &n) && n >= 1000)
				y = n;
			if (month_day(r->stmt, atoi(p->val), d, y, out))
				return 1;
			continue;
		}
		if (t > (size_t)s->a && cd_is_word(r, t - 1, r->c->w_in) &&
		    number_at(r, t, &n) && n >= 1000 && n <= 9999 &&
		    r->toks[t].len == 4) {
			out->year = n;
			out->month = out->day = 0;
			return 1;
		}
	}
	return 0;
}
