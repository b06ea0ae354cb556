/*
 * A bump allocator for the short-lived pieces of one statement during an
 * import: everything is released at once with arena_reset or arena_free.
 */
#ifndef DM_ARENA_H
#define DM_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
};

/* Zeroed memory, or NULL when out of memory. */
void	*arena_alloc(struct arena *a, size_t n);
char	*arena_strdup(struct arena *a, const char *s);
char	*arena_strndup(struct arena *a, const char *s, size_t n);
/* Releases everything but keeps one chunk for reuse. */
void	 arena_reset(struct arena *a);
void	 arena_free(struct arena *a);

#endif
