/*
 * The archive's write side and actor resolution: every INSERT, UPDATE and
 * DELETE of the data model lives in store.c's statement table.
 */
#ifndef DM_STORE_H
#define DM_STORE_H

#include <stdint.h>

struct db;
struct store;

/* Prepares the statements; the archive must be at the current level. */
int	store_new(struct store **out, struct db *db);
void	store_free(struct store *s);

/*
 * Adds an actor unless its code exists (then nothing changes).  code must
 * already be normalised.  *id receives the actor's id, *created 1 when it
 * was added.  The actor's name becomes one of its names for lookup, and
 * parents and children are linked by their dotted codes.
 */
int	store_actor_add(struct store *s, const char *code, const char *name,
	    const char *kind, const char *country, int64_t *id, int *created);

/*
 * Gives actor_id the alias.  *added is 1 when it was new; an alias held by
 * another actor stays there, with a warning naming both.
 */
int	store_alias_add(struct store *s, int64_t actor_id, const char *alias,
	    int *added);

/*
 * Finds the actor a reference names: by code (any case), then by name or
 * alias after folding.  DM_ENOTFOUND when nothing matches.
 */
int	store_actor_find(struct store *s, const char *ref, int64_t *id);

/* The code of actor id into buf. */
int	store_actor_code(struct store *s, int64_t id, char *buf, size_t len);

#endif
