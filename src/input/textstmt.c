#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "error.h"
#include "fold.h"
#include "statement.h"
#include "textstmt.h"

enum header { HDR_TITLE, HDR_ISSUER, HDR_DATE, HDR_URL, HDR_KIND,
	HDR_LANGUAGE, HDR__MAX };

static const char *const header_names[HDR__MAX] = {
	"Title",	/* HDR_TITLE */
	"Issuer",	/* HDR_ISSUER */
	"Date",		/* HDR_DATE */
	"URL",		/* HDR_URL */
	"Kind",		/* HDR_KIND */
	"Language",	/* HDR_LANGUAGE */
};

/* The header a line starts with ("Date: ..."), or -1. */
static int
header_of(const char *line, size_t n, size_t *value)
{
	size_t len;
	int i;

	for (i = 0; i < HDR__MAX; i++) {
		len = strlen(header_names[i]);
		if (n > len && strncasecmp(line, header_names[i], len) == 0 &&
		    line[len] == ':') {
			for (len++; len < n && (line[len] == ' ' ||
			    line[len] == '\t'); len++)
				;
			*value = len;
			return i;
		}
	}
	return -1;
}

/* Line n (from 1) of buf at offset off. */
static size_t
line_of(const char *buf, size_t off)
{
	size_t i, line = 1;

	for (i = 0; i < off; i++)
		line += buf[i] == '\n';
	return line;
}

/* Parses the date; where says where it came from, for the message. */
static int
parse_date(struct statement_in *st, const char *s, const char *where,
    enum date_order order)
{
	struct dm_date d;

	if (date_parse(&d, s, order) != 0)
		return dm_error(DM_EINVALID, "%s: %s", where, dm_error_last());
	date_format(&d, st->date);
	date_span(&d, st->date_lo, st->date_hi);
	return 0;
}

/* Trims white space at both ends of s[0..*n). */
static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)*s)) {
		s++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char)s[*n - 1]))
		(*n)--;
	return s;
}

int
textstmt_parse(struct statement_in *st, struct arena *ar, const char *buf,
    size_t len, const char *issuer, const char *date, enum date_order order)
{
	const char *hdr[HDR__MAX] = { NULL };
	size_t hdr_line[HDR__MAX] = { 0 };
	const char *p, *eol, *body, *v;
	size_t bad, n, vo, blen;
	char where[32];
	int h, rc;

	memset(st, 0, sizeof(*st));
	/* A byte-order mark would hide the first header line. */
	n = utf8_bom(buf, len);
	buf += n;
	len -= n;
	if (utf8_check(buf, len, &bad) != 0)
		return dm_error(DM_EINVALID, "%zu: invalid UTF-8 at byte "
		    "%zu", line_of(buf, bad), bad);
	if (strlen(buf) != len)
		return dm_error(DM_EINVALID, "%zu: a NUL byte in text",
		    line_of(buf, strlen(buf)));
	/* The header runs while lines are known headers, up to a blank one. */
	p = body = buf;
	while (*p != '\0') {
		eol = strchr(p, '\n');
		n = eol ? (size_t)(eol - p) : strlen(p);
		if ((h = header_of(p, n, &vo)) < 0)
			break;
		v = p + vo;
		n -= vo;
		v = trim(v, &n);
		if ((hdr[h] = arena_strndup(ar, v, n)) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		hdr_line[h] = line_of(buf, p - buf);
		p = eol ? eol + 1 : p + strlen(p);
		body = p;
		if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
			body = p + (*p == '\r' ? 2 : 1);
			break;
		}
	}
	blen = len - (body - buf);
	body = trim(body, &blen);
	if (blen == 0)
		return dm_error(DM_EINVALID, "no text after the header");
	if ((st->text = arena_strndup(ar, body, blen)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	st->source = "text";
	st->title = hdr[HDR_TITLE];
	st->url = hdr[HDR_URL];
	st->issuer = hdr[HDR_ISSUER] && *hdr[HDR_ISSUER] ? hdr[HDR_ISSUER] :
	    issuer;
	if (st->issuer == NULL || *st->issuer == '\0')
		return dm_error(DM_EINVALID, "no issuer (add an 'Issuer:' line "
		    "or give --issuer)");
	if (hdr[HDR_DATE] && *hdr[HDR_DATE]) {
		snprintf(where, sizeof(where), "%zu", hdr_line[HDR_DATE]);
		rc = parse_date(st, hdr[HDR_DATE], where, order);
	} else if (date != NULL)
		rc = parse_date(st, date, "--date", order);
	else
		return dm_error(DM_EINVALID, "no date (add a 'Date:' line or "
		    "give --date)");
	if (rc != 0)
		return rc;
	st->kind = hdr[HDR_KIND] && *hdr[HDR_KIND] ? hdr[HDR_KIND] : "other";
	if (!statement_kind_valid(st->kind))
		return dm_error(DM_EINVALID, "%zu: unknown statement kind "
		    "'%s'", hdr_line[HDR_KIND], st->kind);
	st->language = hdr[HDR_LANGUAGE] && *hdr[HDR_LANGUAGE] ?
	    hdr[HDR_LANGUAGE] : "en";
	if (!statement_language_valid(st->language))
		return dm_error(DM_EINVALID, "%zu: invalid language tag '%s' "
		    "(BCP 47, e.g. 'en', 'zh-Hans')", hdr_line[HDR_LANGUAGE],
		    st->language);
	return 0;
}
