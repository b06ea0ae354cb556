/*
 * Unicode text: UTF-8 validation, the folded keys that actor names and
 * aliases are looked up by, topic slugs, and actor codes.
 *
 * Functions that can fail return 0 or a negative code of demarche.h
 * after recording a message with dm_error().  Strings handed back
 * through out are malloc'd and owned by the caller; on failure *out is
 * set to NULL.
 */
#ifndef DM_FOLD_H
#define DM_FOLD_H

#include <stddef.h>
#include <stdint.h>

/* Longest actor code, in bytes. */
#define DM_CODE_MAX 64

/*
 * Checks that s[0..len) is well-formed UTF-8: no overlong forms, no
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated
 * sequence and no stray continuation byte.  NUL bytes are accepted, as
 * U+0000 is a valid code point.
 *
 * Returns 0, or DM_EINVALID with the message "invalid UTF-8 at byte N",
 * where N, the offset of the first invalid sequence, is also stored in
 * *bad_offset unless bad_offset is NULL.
 */
int	utf8_check(const char *s, size_t len, size_t *bad_offset);

/*
 * The length of the UTF-8 byte-order mark (U+FEFF, which files saved on
 * Windows start with) at the start of s[0..len): 3, or 0 if none.
 */
size_t	utf8_bom(const char *s, size_t len);

/*
 * Computes the lookup key of an actor name or alias (SPEC section 2), so
 * that spellings a reader takes for the same name meet:
 *  - NFKC normalisation and Unicode default case folding: "ÉTATS-UNIS"
 *    and "États-Unis" both give "états-unis", fullwidth "ＥＵ" gives
 *    "eu", "ß" gives "ss"; accents are kept; default ignorable code
 *    points (soft hyphen, zero-width space, byte order mark) vanish;
 *  - every run of white space (any Unicode White_Space character,
 *    tabs and newlines included) becomes one ASCII space, and white
 *    space at either end is trimmed; other control characters are
 *    dropped;
 *  - punctuation and symbols at either end are dropped (quotes of
 *    every kind, brackets, '@', trailing dots and commas), while those
 *    inside are kept: "U.S." gives "u.s";
 *  - then a leading word "the" is dropped: "The European Union" gives
 *    "european union", "Theresa" stays "theresa".
 *
 * Returns 0 with the key in *out, DM_EINVALID for invalid UTF-8 or for
 * text that folds to nothing ("empty name '...'"), or DM_ERROR if
 * memory runs out.
 */
int	fold_key(char **out, const char *s);

/*
 * Computes a topic slug: NFKC and case folding as fold_key() does, then
 * every run of characters other than letters, combining marks and
 * digits (of any script) becomes one '-', with no '-' at either end:
 * "Cyber Espionage" gives "cyber-espionage", "  Human_Rights!! " gives
 * "human-rights", "网络安全" stays "网络安全".
 *
 * Returns 0 with the slug in *out, DM_EINVALID for invalid UTF-8 or for
 * text with no letter or digit ("empty topic '...'"), or DM_ERROR if
 * memory runs out.
 */
int	slugify(char **out, const char *s);

/*
 * Whether code point cp is part of a word: a letter, a mark that
 * completes one, or a digit, of any script (what slugify() keeps and
 * the coder's tokens are made of).
 */
int	fold_is_word(int32_t cp);

/*
 * Checks an actor code against SPEC's form, segments of A-Z, 0-9 and
 * '-' joined by '.', no segment empty, at most DM_CODE_MAX bytes, and
 * upper-cases it in place; lower-case ASCII letters are accepted.
 *
 * Returns 0, or DM_EINVALID with the message "invalid actor code '...'",
 * leaving code unchanged.
 */
int	code_normalise(char *code);

#endif
