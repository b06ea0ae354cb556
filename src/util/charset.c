#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "error.h"

/* The declarations are looked for in this much of the start of a page. */
#define SNIFF_BYTES	4096

/* Case-insensitive memmem for an ASCII needle. */
static const char *
find_ci(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (strncasecmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* Copies the charset name at p (after '=', perhaps quoted). */
static void
copy_name(const char *p, const char *end, char *out, size_t max)
{
	size_t n = 0;

	while (p < end && (*p == ' ' || *p == '"' || *p == '\''))
		p++;
	while (p < end && n + 1 < max && (isalnum((unsigned char)*p) ||
	    *p == '-' || *p == '_' || *p == '.' || *p == ':'))
		out[n++] = *p++;
	out[n] = '\0';
}

void
charset_sniff(const char *buf, size_t len, char *out, size_t max)
{
	const char *p;

	*out = '\0';
	if (len > SNIFF_BYTES)
		len = SNIFF_BYTES;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		snprintf(out, max, "UTF-8");
		return;
	}
	if (len >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 ||
	    memcmp(buf, "\xFE\xFF", 2) == 0)) {
		snprintf(out, max, "UTF-16");
		return;
	}
	if ((p = find_ci(buf, len, "charset=")) != NULL)
		copy_name(p + 8, buf + len, out, max);
	else if ((p = find_ci(buf, len, "encoding=")) != NULL)
		copy_name(p + 9, buf + len, out, max);
}

int
charset_is_utf8(const char *name)
{
	return *name == '\0' || strcasecmp(name, "utf-8") == 0 ||
	    strcasecmp(name, "utf8") == 0 ||
	    strcasecmp(name, "us-ascii") == 0 ||
	    strcasecmp(name, "ascii") == 0;
}

/* The name iconv knows the charset by. */
static const char *
iconv_name(const char *charset)
{
	static const char *const gb[] = { "gb2312", "gbk", "x-gbk", "cp936",
		"gb_2312-80", "euc-cn", NULL };
	size_t i;

	for (i = 0; gb[i] != NULL; i++)
		if (strcasecmp(charset, gb[i]) == 0)
			return "GB18030";
	return charset;
}

int
charset_to_utf8(const char *charset, const char *in, size_t len, char **out,
    size_t *outlen)
{
	iconv_t cd;
	char *buf, *src = (char *)in, *dst;
	size_t cap = len * 4 + 16, left = len, room;

	if ((cd = iconv_open("UTF-8", iconv_name(charset))) == (iconv_t)-1)
		return dm_error(DM_EINVALID, "unknown character set '%s'",
		    charset);
	if ((buf = malloc(cap + 1)) == NULL) {
		iconv_close(cd);
		return dm_error(DM_ERROR, "out of memory");
	}
	dst = buf;
	room = cap;
	/* Four bytes of UTF-8 at most for each byte in: never E2BIG. */
	if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1) {
		free(buf);
		iconv_close(cd);
		return dm_error(DM_EINVALID, "a byte invalid in %s at byte %zu",
		    charset, (size_t)(src - in));
	}
	iconv_close(cd);
	*dst = '\0';
	*out = buf;
	*outlen = dst - buf;
	return 0;
}
