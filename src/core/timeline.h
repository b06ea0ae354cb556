/*
 * The timeline: counts of claims or statements per period (day, ISO
 * week, month, quarter, year), every period of the range present, for
 * 'demarche timeline' and the report.
 */
#ifndef DM_TIMELINE_H
#define DM_TIMELINE_H

#include <stdint.h>

#include "demarche.h"

enum timeline_per {
	PER_DAY,
	PER_WEEK,
	PER_MONTH,
	PER_QUARTER,
	PER_YEAR,
};

struct timeline {
	enum timeline_per	 per;
	int			 grouped;	/* by --group */
	long			 first;		/* index of the first period */
	size_t			 nperiods;
	/*
	 * The groups, most counted first (ties by name), the rest summed in
	 * "(other)" when cut; one group named NULL when not grouped.
	 */
	char			**group;
	size_t			 ngroups;
	int64_t			*count;		/* [group * nperiods + period] */
	int64_t			*total;		/* per group */
	int64_t			 max;		/* the largest count */
	int64_t			 left_out;	/* dated too broadly for a period */
	const char		*noun;		/* "claim" or "statement" */
};

/* The options of dm_timeline() checked: enum timeline_per from its name. */
int	timeline_per_parse(enum timeline_per *out, const char *name);

/*
 * Counts what opt asks for under f into *out, which the caller releases
 * with timeline_free().  A row dated more broadly than one period (a
 * month at --per day or week, a year below --per year) is counted in
 * left_out, never in a period.  Returns as dm_list() does.
 */
int	timeline_count(dm_archive *a, const struct dm_filter *f,
	    const struct dm_timeline_options *opt, struct timeline **out);
void	timeline_free(struct timeline *t);

/* Room for the name of a period. */
#define TIMELINE_LABEL	32

/* The ISO name of period i of t: 2021-07-19, 2021-W29, 2021-07, 2021-Q3, 2021. */
void	timeline_label(const struct timeline *t, size_t i, char buf[TIMELINE_LABEL]);

#endif
