/*
 * Text in a declared character set ("gbk", "windows-1252") made UTF-8,
 * with iconv.
 */
#ifndef DM_CHARSET_H
#define DM_CHARSET_H

#include <stddef.h>

/*
 * The character set that markup declares in its first bytes: a byte-order
 * mark, else a charset= in a <meta> or an XML declaration's encoding=.
 * Writes "" when none is declared.
 */
void	charset_sniff(const char *buf, size_t len, char *out, size_t max);
/* 1 if name is UTF-8 (or ASCII, a subset of it). */
int	charset_is_utf8(const char *name);
/*
 * Converts in[0..len) from charset to UTF-8, in a NUL-terminated *out
 * (malloc'd) of *outlen bytes.  GB2312 and GBK are read as GB18030, of
 * which they are subsets, as browsers do.  Returns 0, DM_EINVALID for an
 * unknown charset or bytes invalid in it (naming the byte), or DM_ERROR.
 */
int	charset_to_utf8(const char *charset, const char *in, size_t len,
	    char **out, size_t *outlen);

#endif
