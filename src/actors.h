/* Curating actors: adding them with their aliases, aliasing, merging. */
#ifndef DM_ACTORS_H
#define DM_ACTORS_H

#include "demarche.h"

/*
 * dm_actor_add without a transaction of its own, for callers that hold
 * one (a bundle in an import).
 */
int	actor_add(dm_archive *a, const struct dm_actor_spec *spec,
	    int *created);

#endif
