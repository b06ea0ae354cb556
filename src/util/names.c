#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "names.h"

int
names_find(const char *const *names, const char *name)
{
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *
names_join(char *buf, size_t len, const char *const *names)
{
	size_t n = 0;

	if (len == 0)
		return buf;
	*buf = '\0';
	for (; *names != NULL && n < len; names++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s",
		    n > 0 ? ", " : "", *names);
	return buf;
}

size_t
names_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, cur, tmp;
	size_t row[NAMES_DISTANCE_MAX + 1];

	if (la > NAMES_DISTANCE_MAX || lb > NAMES_DISTANCE_MAX)
		return NAMES_FAR;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = prev + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (row[j] + 1 < cur)
				cur = row[j] + 1;
			if (row[j - 1] + 1 < cur)
				cur = row[j - 1] + 1;
			tmp = row[j];
			row[j] = cur;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *
names_nearest(const char *word, const char *const *known)
{
	const char *best = NULL;
	size_t d, bestd = 3;

	for (; *known != NULL; known++)
		if ((d = names_distance(word, *known)) < bestd) {
			bestd = d;
			best = *known;
		}
	return best;
}
