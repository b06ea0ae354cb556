/*
 * The table of publishing sites.  Small enough to read again for each
 * page: a line is a pattern, an issuer and an optional <meta> name.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "embed.h"
#include "error.h"
#include "sites.h"

/* The host of url, lower-cased, and where its path starts. */
static int
url_host(const char *url, char *host, size_t max, const char **path)
{
	const char *p = strstr(url, "://"), *end, *at;
	size_t n;

	if (p == NULL)
		return DM_ENOTFOUND;
	p += 3;
	end = p + strcspn(p, "/?#");
	/* user:password@ comes before the host */
	if ((at = memchr(p, '@', end - p)) != NULL)
		p = at + 1;
	for (n = 0; p + n < end && p[n] != ':' && n + 1 < max; n++)
		host[n] = (char)tolower((unsigned char)p[n]);
	host[n] = '\0';
	*path = end;
	return n > 0 ? 0 : DM_ENOTFOUND;
}

/* How many bytes of pattern match host and path, or 0. */
static size_t
match(const char *pattern, size_t plen, const char *host, const char *path)
{
	size_t hlen = strcspn(pattern, "/"), n = strlen(host);

	if (hlen > plen)
		hlen = plen;
	if (n < hlen || strncmp(host + n - hlen, pattern, hlen) != 0 ||
	    (n > hlen && host[n - hlen - 1] != '.'))
		return 0;
	if (hlen < plen && strncmp(path, pattern + hlen, plen - hlen) != 0)
		return 0;
	return plen;
}

/* Splits the table's line into its fields: 0, or 1 for no row. */
static int
parse_line(const char *line, size_t len, size_t *plen, struct site *s)
{
	const char *tab, *end = line + len, *f;
	size_t n;

	if (len == 0 || *line == '#' || (tab = memchr(line, '\t', len)) ==
	    NULL)
		return 1;
	*plen = tab - line;
	f = tab + 1;
	tab = memchr(f, '\t', end - f);
	n = (tab ? tab : end) - f;
	snprintf(s->issuer, sizeof(s->issuer), "%.*s", (int)n, f);
	s->meta[0] = '\0';
	if (tab != NULL)
		snprintf(s->meta, sizeof(s->meta), "%.*s", (int)(end - tab - 1),
		    tab + 1);
	return 0;
}

int
sites_each(int (*fn)(void *ctx, const char *pattern, const struct site *s),
    void *ctx)
{
	const char *p = dm_sites[0].data, *eol;
	char pattern[160];
	struct site s;
	size_t len, plen;
	int line = 0, rc;

	for (; *p != '\0'; p = *eol ? eol + 1 : eol) {
		eol = p + strcspn(p, "\n");
		len = eol - p;
		line++;
		if (parse_line(p, len, &plen, &s) != 0)
			continue;
		s.line = line;
		snprintf(pattern, sizeof(pattern), "%.*s", (int)plen, p);
		if ((rc = fn(ctx, pattern, &s)) != 0)
			return rc;
	}
	return 0;
}

struct lookup {
	char         host[256];
	const char  *path;
	size_t       best;
	struct site *out;
};

static int
consider(void *ctx, const char *pattern, const struct site *s)
{
	struct lookup *l = ctx;
	size_t n = match(pattern, strlen(pattern), l->host, l->path);

	if (n > l->best) {
		l->best = n;
		*l->out = *s;
	}
	return 0;
}

int
sites_lookup(const char *url, struct site *out)
{
	struct lookup l;

	memset(&l, 0, sizeof(l));
	l.out = out;
	if (url == NULL || url_host(url, l.host, sizeof(l.host), &l.path) != 0)
		return DM_ENOTFOUND;
	sites_each(consider, &l);
	return l.best > 0 ? 0 : DM_ENOTFOUND;
}
