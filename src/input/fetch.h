/*
 * Pages and feeds fetched over HTTP(S) with libcurl: redirects bounded,
 * a timeout, a size limit, compressed transfer, a user agent that names
 * demarche, and at most one request per host in each delay.
 */
#ifndef DM_FETCH_H
#define DM_FETCH_H

#include <stddef.h>

struct fetch_request {
	const char *url;
	long        timeout;	/* seconds for the whole transfer */
	double      delay;	/* seconds between two requests to a host */
	size_t      max_bytes;	/* a longer body is an error */
	const char *etag;	/* conditional request: NULL, or as last sent */
	const char *last_modified;
};

struct fetch_response {
	char   *body;		/* NUL-terminated, malloc'd */
	size_t  len;
	long    status;		/* 200, or 304 for a conditional request */
	char    type[128];	/* the media type, lower-case, no parameters */
	char    charset[64];	/* from Content-Type, or "" */
	char    etag[256];
	char    last_modified[64];
};

/* 1 if name is an http:// or https:// URL. */
int	fetch_is_url(const char *name);
/*
 * Fetches req->url into *res.  Returns 0 (status 200 or 304), or
 * DM_EINVALID naming the cause (an HTTP error status, a timeout, too
 * many redirects, a body past the limit, an unreachable host); the
 * caller puts the URL in front.
 */
int	fetch(const struct fetch_request *req, struct fetch_response *res);
void	fetch_response_free(struct fetch_response *res);

#endif
