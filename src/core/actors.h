/* Curating actors: adding them with their aliases, aliasing, merging. */
#ifndef DM_ACTORS_H
#define DM_ACTORS_H

#include "demarche.h"

/* SPEC section 1's actor kinds, the list ending in NULL. */
extern const char *const actor_kind_names[];

/* 1 if kind is one of actor_kind_names. */
int	actor_kind_valid(const char *kind);

/*
 * dm_actor_add without a transaction of its own, for callers that hold
 * one (a bundle in an import).
 */
int	actor_add(dm_archive *a, const struct dm_actor_spec *spec,
	    int *created);

/*
 * Makes dm_nearest(NAME) an SQL function of the archive: the code of the
 * known actor NAME comes nearest to, by the patterns of resolve.c, else
 * by the edit distance of its folded name to the archive's names (within
 * a third of its length); NULL when none is near.  'actors --unresolved'
 * shows it beside each unresolved actor.
 */
int	actors_nearest_register(dm_archive *a);

#endif
