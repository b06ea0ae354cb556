/* Curating actors: adding them with their aliases, aliasing, merging. */
#ifndef DM_ACTORS_H
#define DM_ACTORS_H

#include "demarche.h"

/* SPEC section 1's actor kinds, as messages list them. */
#define ACTOR_KINDS	"state, igo, institution, mission, ministry, agency, " \
	"person, group, media, other, unresolved"

/* 1 if kind is one of ACTOR_KINDS. */
int	actor_kind_valid(const char *kind);

/*
 * dm_actor_add without a transaction of its own, for callers that hold
 * one (a bundle in an import).
 */
int	actor_add(dm_archive *a, const struct dm_actor_spec *spec,
	    int *created);

#endif
