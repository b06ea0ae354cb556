#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "error.h"
#include "fold.h"

/* NFKC with Unicode default case folding, ignorables removed. */
#define FOLD_OPTIONS (UTF8PROC_NULLTERM | UTF8PROC_STABLE | \
    UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | \
    UTF8PROC_IGNORE)

/*
 * Decodes the sequence at s[0..len) into *cp.  Returns its length, or 0
 * if it is not well-formed: the ranges of the second byte are those of
 * Unicode's table of well-formed byte sequences, which is what excludes
 * overlongs, surrogates and code points above U+10FFFF.
 */
static size_t
decode(const unsigned char *s, size_t len, int32_t *cp)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;
	int32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = c;
	return n;
}

int
utf8_check(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;
	int32_t cp;

	for (i = 0; i < len; i += n) {
		if ((n = decode(u + i, len - i, &cp)) == 0) {
			if (bad_offset != NULL)
				*bad_offset = i;
			return dm_error(DM_EINVALID,
			    "invalid UTF-8 at byte %zu", i);
		}
	}
	return 0;
}

size_t
utf8_bom(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* Unicode's White_Space property. */
static int
is_space(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return 1;
	default:
		return (cp >= 0x09 && cp <= 0x0d) || cp == 0x85;
	}
}

/* What fold_key() trims from either end: white space, punctuation, symbols. */
static int
is_edge(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
	case UTF8PROC_CATEGORY_SM:
	case UTF8PROC_CATEGORY_SC:
	case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
		return 1;
	default:
		return cp == ' ';
	}
}

int
fold_is_word(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/*
 * Validates s and stores its folded form in *out (malloc'd, len bytes in
 * *len), or returns DM_EINVALID or DM_ERROR.
 */
static int
fold(unsigned char **out, size_t *len, const char *s)
{
	utf8proc_ssize_t n;
	int rc;

	*out = NULL;
	if ((rc = utf8_check(s, strlen(s), NULL)) != 0)
		return rc;
	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, out, FOLD_OPTIONS);
	if (n < 0) {
		*out = NULL;
		return dm_error(DM_ERROR, "cannot fold '%s': %s", s,
		    utf8proc_errmsg(n));
	}
	*len = (size_t)n;
	return 0;
}

/* Moves *start forward and *end back over edge characters of key. */
static void
trim(const char *key, size_t *start, size_t *end)
{
	const unsigned char *u = (const unsigned char *)key;
	size_t n, p;
	int32_t cp;

	while (*start < *end) {
		n = decode(u + *start, *end - *start, &cp);
		if (!is_edge(cp))
			break;
		*start += n;
	}
	while (*end > *start) {
		for (p = *end - 1; p > *start && (u[p] & 0xc0) == 0x80; p--)
			continue;
		decode(u + p, *end - p, &cp);
		if (!is_edge(cp))
			break;
		*end = p;
	}
}

int
fold_key(char **out, const char *s)
{
	unsigned char *folded = NULL;
	char *key = NULL;
	size_t len = 0, i, n, k = 0, start, end;
	int32_t cp;
	int rc, gap = 0;

	*out = NULL;
	if ((rc = fold(&folded, &len, s)) != 0)
		goto done;
	/* Spaces only shrink, so the key is never longer than folded. */
	if ((key = malloc(len + 1)) == NULL) {
		rc = dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	for (i = 0; i < len; i += n) {
		n = decode(folded + i, len - i, &cp);
		if (is_space(cp))
			gap = 1;
		else if (utf8proc_category(cp) != UTF8PROC_CATEGORY_CC) {
			if (gap && k > 0)
				key[k++] = ' ';
			gap = 0;
			memcpy(key + k, folded + i, n);
			k += n;
		}
	}
	start = 0;
	end = k;
	trim(key, &start, &end);
	if (end - start > 4 && memcmp(key + start, "the ", 4) == 0) {
		start += 4;
		trim(key, &start, &end);
	}
	if (start == end) {
		rc = dm_error(DM_EINVALID, "empty name '%s'", s);
		goto done;
	}
	memmove(key, key + start, end - start);
	key[end - start] = '\0';
	*out = key;
	key = NULL;
done:
	free(key);
	free(folded);
	return rc;
}

int
slugify(char **out, const char *s)
{
	unsigned char *folded = NULL;
	char *slug = NULL;
	size_t len = 0, i, n, k = 0;
	int32_t cp;
	int rc, gap = 0;

	*out = NULL;
	if ((rc = fold(&folded, &len, s)) != 0)
		goto done;
	/* Each run of separators, at least one byte, becomes one '-'. */
	if ((slug = malloc(len + 1)) == NULL) {
		rc = dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	for (i = 0; i < len; i += n) {
		n = decode(folded + i, len - i, &cp);
		if (!fold_is_word(cp)) {
			gap = 1;
			continue;
		}
		if (gap && k > 0)
			slug[k++] = '-';
		gap = 0;
		memcpy(slug + k, folded + i, n);
		k += n;
	}
	if (k == 0) {
		rc = dm_error(DM_EINVALID, "empty topic '%s'", s);
		goto done;
	}
	slug[k] = '\0';
	*out = slug;
	slug = NULL;
done:
	free(slug);
	free(folded);
	return rc;
}

int
code_normalise(char *code)
{
	size_t i, seg = 0;
	char c;

	for (i = 0; code[i] != '\0'; i++) {
		c = code[i];
		if (c == '.') {
			if (seg == 0)
				goto bad;
			seg = 0;
		} else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-')
			seg++;
		else
			goto bad;
	}
	if (seg == 0 || i > DM_CODE_MAX)
		goto bad;
	for (i = 0; code[i] != '\0'; i++)
		if (code[i] >= 'a' && code[i] <= 'z')
			code[i] -= 'a' - 'A';
	return 0;
bad:
	return dm_error(DM_EINVALID, "invalid actor code '%s'", code);
}
