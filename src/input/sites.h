/*
 * The table of publishing sites (schema/sites.tsv, built in): which actor
 * issues what a site publishes.
 */
#ifndef DM_SITES_H
#define DM_SITES_H

#include <stddef.h>

struct site {
	char issuer[160];	/* an actor code or a name to resolve */
	char meta[64];		/* the <meta> naming the issuer, or "" */
	int  line;		/* in sites.tsv */
};

/*
 * The site that url ("https://www.nato.int/cps/...") belongs to: 0 with
 * *out filled, or DM_ENOTFOUND.
 */
int	sites_lookup(const char *url, struct site *out);
/* Calls fn with each row of the table, stopping at a non-zero return. */
int	sites_each(int (*fn)(void *ctx, const char *pattern,
	    const struct site *s), void *ctx);

#endif
