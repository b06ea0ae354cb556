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
