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

#endif
