/*
 * Names of actors as they are written, resolved by pattern: "Embassy of
 * Japan in Canada", "中国驻英国使馆", "NATO Secretary General Jens
 * Stoltenberg", "Declaration by the High Representative on behalf of the
 * EU".  The patterns are data (schema/actor-patterns-en.tsv and -zh.tsv,
 * built in), the states and organisations they name come from the built-in
 * gazetteer, so every state's ministries, embassies and missions resolve
 * without being listed.  Needs no archive: the importer and the coder
 * both call it.
 */
#ifndef DM_RESOLVE_H
#define DM_RESOLVE_H

#include <stddef.h>

#include "fold.h"

/* The most issuers one name can give ("Foreign Ministers of A, B and C"). */
#define RESOLVE_MAX 8

/* One actor a name resolves to, as the gazetteer has it or as made. */
struct resolved {
	char code[DM_CODE_MAX + 1];
	char parent[DM_CODE_MAX + 1];	/* "" for a top-level actor */
	char name[192];
	char kind[16];
	char country[4];		/* "" when not under a state */
};

struct resolution {
	struct resolved actors[RESOLVE_MAX];
	size_t          nactors;	/* more than one: a joint statement */
	int             person;		/* a person's name was left out */
	/* What fired: "gazetteer", or "actor-patterns-en.tsv:41: PATTERN". */
	char            rule[224];
};

/*
 * Resolves name to the actors it stands for: a name or alias of the
 * gazetteer, else the first pattern that matches all of it.  Returns 0
 * with *out filled, DM_ENOTFOUND when nothing matches, DM_EINVALID for
 * invalid UTF-8, or DM_ERROR (out of memory, or built-in data that does
 * not load, naming its file and line).
 */
int	resolve_name(const char *name, struct resolution *out);

#endif
