#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "digest.h"
#include "error.h"
#include "fold.h"
#include "names.h"
#include "statement.h"
#include "textstmt.h"

enum header_name { HDR_ID, HDR_TITLE, HDR_ISSUER, HDR_DATE, HDR_URL, HDR_KIND,
	HDR_LANGUAGE, HDR_RESPONDS_TO, HDR__MAX };

static const char *const header_names[HDR__MAX + 1] = {
	"ID",		/* HDR_ID */
	"Title",	/* HDR_TITLE */
	"Issuer",	/* HDR_ISSUER */
	"Date",		/* HDR_DATE */
	"URL",		/* HDR_URL */
	"Kind",		/* HDR_KIND */
	"Language",	/* HDR_LANGUAGE */
	"Responds-To",	/* HDR_RESPONDS_TO */
	NULL
};

/*
 * The length of the name of a line shaped as a header ("Date: ...", a
 * word of letters and '-' then a colon), or 0.  *value is where the value
 * starts, past the colon and blanks.
 */
static size_t
header_shape(const char *line, size_t n, size_t *value)
{
	size_t len, v;

	for (len = 0; len < n && len < 32 && (isalpha((unsigned char)
	    line[len]) || (len > 0 && line[len] == '-')); len++)
		;
	if (len == 0 || len >= n || line[len] != ':')
		return 0;
	for (v = len + 1; v < n && (line[v] == ' ' || line[v] == '\t'); v++)
		;
	*value = v;
	return len;
}

/* The header named line[0..len), or -1. */
static int
header_find(const char *line, size_t len)
{
	int i;

	for (i = 0; i < HDR__MAX; i++)
		if (strlen(header_names[i]) == len &&
		    strncasecmp(line, header_names[i], len) == 0)
			return i;
	return -1;
}

/* The length of the line at p, without its end. */
static size_t
line_len(const char *p)
{
	const char *eol = strchr(p, '\n');

	return eol ? (size_t)(eol - p) : strlen(p);
}

/*
 * 1 if the paragraph at p is a header: lines shaped as headers up to a
 * blank or other line, one of them a header demarche knows.  A body that
 * starts "Note: ..." is a body; a header with a misspelt line is not.
 */
static int
is_header(const char *p)
{
	size_t n, len, v;

	for (; *p != '\0'; p += n + (p[n] == '\n')) {
		n = line_len(p);
		if ((len = header_shape(p, n, &v)) == 0)
			return 0;
		if (header_find(p, len) >= 0)
			return 1;
	}
	return 0;
}

int
textstmt_sniff(const char *head)
{
	return is_header(head + utf8_bom(head, strlen(head)));
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

/* The header lines read, each value and its line (0: absent). */
struct header {
	const char *value[HDR__MAX];
	size_t      line[HDR__MAX];
};

/*
 * Reads the header at the start of buf into h; *body is where the body
 * starts.  A line of the header that is not one SPEC knows, or one given
 * twice, is an error naming its line.
 */
static int
read_header(struct header *h, struct arena *ar, const char *buf,
    const char **body)
{
	const char *p = buf, *v, *hint;
	size_t n, len, vo, line = 1;
	char name[40], list[128];
	int k;

	*body = buf;
	if (!is_header(buf))
		return 0;
	for (; *p != '\0'; line++) {
		n = line_len(p);
		if ((len = header_shape(p, n, &vo)) == 0)
			break;
		if ((k = header_find(p, len)) < 0) {
			snprintf(name, sizeof(name), "%.*s", (int)len, p);
			hint = names_nearest(name, header_names);
			return dm_error(DM_EINVALID, "%zu: unknown header "
			    "'%s'%s%s%s (headers: %s)", line, name,
			    hint ? " (did you mean '" : "", hint ? hint : "",
			    hint ? "'?)" : "", names_join(list, sizeof(list),
			    header_names));
		}
		if (h->line[k] != 0)
			return dm_error(DM_EINVALID, "%zu: a second '%s:' line "
			    "(the first is line %zu)", line, header_names[k],
			    h->line[k]);
		len = n - vo;
		v = trim(p + vo, &len);
		if ((h->value[k] = arena_strndup(ar, v, len)) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		h->line[k] = line;
		p += n + (p[n] == '\n');
		*body = p;
		if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
			*body = p + (*p == '\r' ? 2 : 1);
			break;
		}
	}
	return 0;
}

/* The ids of a Responds-To line, split at commas. */
static int
read_responds(struct statement_in *st, struct arena *ar, const char *s,
    size_t line)
{
	const char **ids;
	const char *end;
	size_t n = 1, len;

	for (end = s; *end != '\0'; end++)
		n += *end == ',';
	if ((ids = arena_alloc(ar, n * sizeof(*ids))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (st->nresponds = 0; ; s = end + 1) {
		end = strchr(s, ',');
		len = end ? (size_t)(end - s) : strlen(s);
		s = trim(s, &len);
		if (len == 0)
			return dm_error(DM_EINVALID, "%zu: an empty id in "
			    "'Responds-To:' (ids separated by commas)", line);
		if ((ids[st->nresponds++] = arena_strndup(ar, s, len)) == NULL)
			return dm_error(DM_ERROR, "out of memory");
		if (end == NULL)
			break;
	}
	st->responds_to = ids;
	return 0;
}

/*
 * The id of a text without an 'ID:' line: from its URL, else from its
 * issuer (folded, as references are), date and title; never from the
 * body, so a text edited and imported again is the same statement.
 */
static int
derive_id(struct statement_in *st, struct arena *ar)
{
	struct digest d;
	char hex[DIGEST_HEX_LEN + 1], id[24];
	char *issuer;
	int rc;

	digest_init(&d);
	if (st->url != NULL && *st->url != '\0') {
		/* The fragment names a place in the page, not another page. */
		digest_update(&d, "url\n", 4);
		digest_update(&d, st->url, strcspn(st->url, "#"));
	} else {
		if ((rc = fold_key(&issuer, st->issuer)) != 0)
			return rc;
		digest_update(&d, "text\n", 5);
		digest_update(&d, issuer, strlen(issuer) + 1);
		digest_update(&d, st->date, strlen(st->date) + 1);
		if (st->title != NULL)
			digest_update(&d, st->title, strlen(st->title));
		free(issuer);
	}
	digest_final(&d, hex);
	snprintf(id, sizeof(id), "t-%.16s", hex);
	if ((st->id = arena_strdup(ar, id)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	return 0;
}

/* What to add when a header is missing; names a misspelt first line. */
static const char *
missing_hint(const char *buf, char *hint, size_t size)
{
	size_t n = line_len(buf), len, v;

	*hint = '\0';
	if ((len = header_shape(buf, n, &v)) > 0 && header_find(buf, len) < 0)
		snprintf(hint, size, "; line 1 starts '%.*s:', which is not a "
		    "header", (int)len, buf);
	return hint;
}

int
textstmt_parse(struct statement_in *st, struct arena *ar, const char *buf,
    size_t len, const char *issuer, const char *date, enum date_order order)
{
	struct header h = { { NULL }, { 0 } };
	const char *body;
	size_t bad, n, blen;
	char where[32], hint[96];
	int rc;

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
	if ((rc = read_header(&h, ar, buf, &body)) != 0)
		return rc;
	blen = len - (body - buf);
	body = trim(body, &blen);
	if (blen == 0)
		return dm_error(DM_EINVALID, "no text after the header");
	if ((st->text = arena_strndup(ar, body, blen)) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	st->source = "text";
	st->title = h.value[HDR_TITLE] && *h.value[HDR_TITLE] ?
	    h.value[HDR_TITLE] : NULL;
	st->url = h.value[HDR_URL] && *h.value[HDR_URL] ? h.value[HDR_URL] :
	    NULL;
	st->issuer = h.value[HDR_ISSUER] && *h.value[HDR_ISSUER] ?
	    h.value[HDR_ISSUER] : issuer;
	if (st->issuer == NULL || *st->issuer == '\0')
		return dm_error(DM_EINVALID, "no issuer (add an 'Issuer:' line "
		    "or give --issuer%s)", missing_hint(buf, hint,
		    sizeof(hint)));
	if (h.value[HDR_DATE] && *h.value[HDR_DATE]) {
		snprintf(where, sizeof(where), "%zu", h.line[HDR_DATE]);
		rc = date_read(h.value[HDR_DATE], order, where, st->date,
		    st->date_lo, st->date_hi);
	} else if (date != NULL)
		rc = date_read(date, order, "--date", st->date, st->date_lo,
		    st->date_hi);
	else
		return dm_error(DM_EINVALID, "no date (add a 'Date:' line or "
		    "give --date%s)", missing_hint(buf, hint, sizeof(hint)));
	if (rc != 0)
		return rc;
	st->kind = h.value[HDR_KIND] && *h.value[HDR_KIND] ?
	    h.value[HDR_KIND] : "other";
	if (!statement_kind_valid(st->kind))
		return dm_error(DM_EINVALID, "%zu: unknown statement kind "
		    "'%s'", h.line[HDR_KIND], st->kind);
	st->language = h.value[HDR_LANGUAGE] && *h.value[HDR_LANGUAGE] ?
	    h.value[HDR_LANGUAGE] : "en";
	if (!statement_language_valid(st->language))
		return dm_error(DM_EINVALID, "%zu: invalid language tag '%s' "
		    "(BCP 47, e.g. 'en', 'zh-Hans')", h.line[HDR_LANGUAGE],
		    st->language);
	if (h.value[HDR_RESPONDS_TO] && *h.value[HDR_RESPONDS_TO] &&
	    (rc = read_responds(st, ar, h.value[HDR_RESPONDS_TO],
	    h.line[HDR_RESPONDS_TO])) != 0)
		return rc;
	if (h.line[HDR_ID] != 0) {
		if (*h.value[HDR_ID] == '\0')
			return dm_error(DM_EINVALID, "%zu: an empty 'ID:' line",
			    h.line[HDR_ID]);
		st->id = h.value[HDR_ID];
		return 0;
	}
	return derive_id(st, ar);
}
