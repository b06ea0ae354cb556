/*
 * NULL-terminated lists of names (the kinds SPEC defines, the keys of
 * the input format): finding one, and listing them in a message.
 */
#ifndef DM_NAMES_H
#define DM_NAMES_H

#include <stddef.h>

/* The index of name in names, or -1 when it is not there. */
int		 names_find(const char *const *names, const char *name);

/*
 * The name nearest to word by edit distance (case aside), if it is near
 * enough to suggest ("did you mean"), else NULL.
 */
const char	*names_nearest(const char *word, const char *const *names);

/*
 * Writes names into buf joined with ", " (cut to len), for a message
 * that lists what is accepted; returns buf.
 */
const char	*names_join(char *buf, size_t len, const char *const *names);

/*
 * The Levenshtein distance of a and b in bytes, letters of any ASCII case
 * alike; NAMES_FAR when either is longer than NAMES_DISTANCE_MAX bytes.
 */
#define NAMES_DISTANCE_MAX	255
#define NAMES_FAR		((size_t)-1)
size_t		 names_distance(const char *a, const char *b);

#endif
