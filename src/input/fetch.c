/*
 * HTTP(S) with libcurl, the only file that includes <curl/curl.h>.  One
 * easy handle per request: a run fetches pages one at a time, and the
 * wait between two requests to a host is longer than a handshake.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "demarche.h"
#include "dynlib.h"
#include "error.h"
#include "fetch.h"

#define MAX_REDIRECTS	5
#define USER_AGENT	"demarche/" DM_VERSION \
	" (archive of diplomatic statements)"

/*
 * libcurl, loaded on the first fetch rather than linked: linked, it and
 * the TLS, LDAP and Kerberos libraries it brings were loaded before
 * main() by every command, fetching or not (bench/PROFILE.md).
 */
static struct {
	CURL		*(*easy_init)(void);
	CURLcode	 (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	 (*easy_perform)(CURL *);
	CURLcode	 (*easy_getinfo)(CURL *, CURLINFO, ...);
	void		 (*easy_cleanup)(CURL *);
	const char	*(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		 (*slist_free_all)(struct curl_slist *);
} lc;

static int
load_curl(void)
{
	const struct dynlib_sym syms[] = {
		{ "curl_easy_init", (void **)&lc.easy_init },
		{ "curl_easy_setopt", (void **)&lc.easy_setopt },
		{ "curl_easy_perform", (void **)&lc.easy_perform },
		{ "curl_easy_getinfo", (void **)&lc.easy_getinfo },
		{ "curl_easy_cleanup", (void **)&lc.easy_cleanup },
		{ "curl_easy_strerror", (void **)&lc.easy_strerror },
		{ "curl_slist_append", (void **)&lc.slist_append },
		{ "curl_slist_free_all", (void **)&lc.slist_free_all } };

	return dynlib_load("libcurl.so.4", "libcurl4", syms,
	    sizeof(syms) / sizeof(syms[0]));
}

/* When each host was last asked, for the delay between requests. */
#define HOSTS_KEPT	64
static struct {
	char   host[128];
	double when;
} hosts[HOSTS_KEPT];

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
fetch_is_url(const char *name)
{
	return strncasecmp(name, "http://", 7) == 0 ||
	    strncasecmp(name, "https://", 8) == 0;
}

/* Waits until host may be asked again, and notes the request. */
static void
pace(const char *url, double delay)
{
	const char *p = strstr(url, "://") + 3;
	size_t n = strcspn(p, "/?#"), i, slot = 0;
	struct timespec ts;
	double wait;

	if (n >= sizeof(hosts[0].host))
		n = sizeof(hosts[0].host) - 1;
	for (i = 0; i < HOSTS_KEPT; i++) {
		if (strncasecmp(hosts[i].host, p, n) == 0 &&
		    hosts[i].host[n] == '\0')
			break;
		if (hosts[i].when < hosts[slot].when)
			slot = i;
	}
	if (i < HOSTS_KEPT && delay > 0 &&
	    (wait = hosts[i].when + delay - now()) > 0) {
		ts.tv_sec = (time_t)wait;
		ts.tv_nsec = (long)((wait - ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
	}
	if (i == HOSTS_KEPT) {
		i = slot;
		memcpy(hosts[i].host, p, n);
		hosts[i].host[n] = '\0';
	}
	hosts[i].when = now();
}

struct sink {
	struct fetch_response *res;
	size_t                 cap, max;
	int                    too_big;
};

static size_t
on_body(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct sink *s = ctx;
	size_t n = size * nmemb;
	char *p;

	if (s->res->len + n > s->max) {
		s->too_big = 1;
		return 0;
	}
	if (s->res->len + n + 1 > s->cap) {
		s->cap = (s->res->len + n + 1) * 2;
		if ((p = realloc(s->res->body, s->cap)) == NULL)
			return 0;
		s->res->body = p;
	}
	memcpy(s->res->body + s->res->len, data, n);
	s->res->len += n;
	s->res->body[s->res->len] = '\0';
	return n;
}

/* Copies a header's value, its line end trimmed, if name is its name. */
static void
header_value(const char *line, size_t n, const char *name, char *out,
    size_t max)
{
	size_t k = strlen(name);

	if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
		return;
	for (line += k + 1, n -= k + 1; n > 0 && isspace((unsigned char)*line);
	    line++, n--)
		;
	while (n > 0 && isspace((unsigned char)line[n - 1]))
		n--;
	snprintf(out, max, "%.*s", (int)n, line);
}

static size_t
on_header(char *line, size_t size, size_t nmemb, void *ctx)
{
	struct fetch_response *res = ctx;
	size_t n = size * nmemb;

	/* A redirect's headers are not the page's: start again. */
	if (n > 5 && strncmp(line, "HTTP/", 5) == 0) {
		*res->etag = '\0';
		*res->last_modified = '\0';
	}
	header_value(line, n, "ETag", res->etag, sizeof(res->etag));
	header_value(line, n, "Last-Modified", res->last_modified,
	    sizeof(res->last_modified));
	return n;
}

/* "text/html; charset=GBK" into its type and charset. */
static void
content_type(const char *ct, struct fetch_response *res)
{
	const char *p;
	size_t i;

	if (ct == NULL)
		return;
	for (i = 0; ct[i] && ct[i] != ';' && !isspace((unsigned char)ct[i]) &&
	    i + 1 < sizeof(res->type); i++)
		res->type[i] = (char)tolower((unsigned char)ct[i]);
	res->type[i] = '\0';
	if ((p = strstr(ct, "charset=")) != NULL)
		snprintf(res->charset, sizeof(res->charset), "%.*s",
		    (int)strcspn(p + 8, " ;\"'"), p + 8 + (p[8] == '"'));
}

/* A one-line cause for a failed transfer. */
static int
failure(CURLcode code, const struct sink *s, long timeout, const char *err)
{
	if (s->too_big)
		return dm_error(DM_EINVALID, "the body is larger than the "
		    "limit of %zu MiB", s->max >> 20);
	switch (code) {
	case CURLE_OPERATION_TIMEDOUT:
		return dm_error(DM_EINVALID, "no complete answer within %ld "
		    "s (timeout)", timeout);
	case CURLE_TOO_MANY_REDIRECTS:
		return dm_error(DM_EINVALID, "more than %d redirects (a "
		    "redirect loop?)", MAX_REDIRECTS);
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
		return dm_error(DM_EINVALID, "host unreachable: %s",
		    *err ? err : lc.easy_strerror(code));
	default:
		return dm_error(DM_EINVALID, "%s", *err ? err :
		    lc.easy_strerror(code));
	}
}

static void
set_options(CURL *c, const struct fetch_request *req, struct sink *s,
    struct curl_slist *hdrs, char *err)
{
	lc.easy_setopt(c, CURLOPT_URL, req->url);
	lc.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	lc.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	lc.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	lc.easy_setopt(c, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
	lc.easy_setopt(c, CURLOPT_TIMEOUT, req->timeout);
	lc.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, req->timeout);
	lc.easy_setopt(c, CURLOPT_USERAGENT, USER_AGENT);
	/* Every encoding this libcurl decodes (gzip, deflate, ...). */
	lc.easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	lc.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)req->max_bytes);
	lc.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	lc.easy_setopt(c, CURLOPT_WRITEDATA, s);
	lc.easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	lc.easy_setopt(c, CURLOPT_HEADERDATA, s->res);
	lc.easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	lc.easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	lc.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
}

/* The If-None-Match and If-Modified-Since of a conditional request. */
static struct curl_slist *
conditions(const struct fetch_request *req, int *failed)
{
	struct curl_slist *h = NULL, *t;
	char line[320];

	*failed = 0;
	if (req->etag && *req->etag) {
		snprintf(line, sizeof(line), "If-None-Match: %s", req->etag);
		if ((h = lc.slist_append(h, line)) == NULL)
			*failed = 1;
	}
	if (!*failed && req->last_modified && *req->last_modified) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s",
		    req->last_modified);
		if ((t = lc.slist_append(h, line)) == NULL)
			*failed = 1;
		else
			h = t;
	}
	return h;
}

int
fetch(const struct fetch_request *req, struct fetch_response *res)
{
	char err[CURL_ERROR_SIZE] = "";
	struct curl_slist *hdrs;
	struct sink s;
	CURL *c;
	CURLcode code;
	char *ct = NULL;
	int rc = 0, failed;

	memset(res, 0, sizeof(*res));
	memset(&s, 0, sizeof(s));
	s.res = res;
	s.max = req->max_bytes;
	if ((rc = load_curl()) != 0)
		return rc;
	if ((c = lc.easy_init()) == NULL)
		return dm_error(DM_ERROR, "cannot start libcurl");
	hdrs = conditions(req, &failed);
	if (failed)
		rc = dm_error(DM_ERROR, "out of memory");
	if (rc == 0) {
		set_options(c, req, &s, hdrs, err);
		pace(req->url, req->delay);
		code = lc.easy_perform(c);
		if (code == CURLE_FILESIZE_EXCEEDED)
			s.too_big = 1;
		if (code != CURLE_OK || s.too_big)
			rc = failure(code, &s, req->timeout, err);
	}
	if (rc == 0) {
		lc.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
		lc.easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
		content_type(ct, res);
		if (res->status != 200 && res->status != 304)
			rc = dm_error(DM_EINVALID, "HTTP status %ld",
			    res->status);
		else if (res->body == NULL && (res->body = calloc(1, 1)) ==
		    NULL)
			rc = dm_error(DM_ERROR, "out of memory");
	}
	lc.slist_free_all(hdrs);
	lc.easy_cleanup(c);
	if (rc != 0)
		fetch_response_free(res);
	return rc;
}

void
fetch_response_free(struct fetch_response *res)
{
	free(res->body);
	res->body = NULL;
	res->len = 0;
}
