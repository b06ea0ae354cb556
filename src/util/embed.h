/*
 * Files built into the program by scripts/embed.cmake.  Each data array
 * ends in a NUL byte, so text files can be used as C strings.
 */
#ifndef DM_EMBED_H
#define DM_EMBED_H

#include <stddef.h>

struct dm_embed {
	const char *name;	/* file name without directory */
	const char *data;
	size_t      len;	/* without the terminating NUL */
};

/* migrations/NNNN-name.sql, in order: entry i is schema level i + 1. */
extern const struct dm_embed dm_migrations[];
extern const size_t dm_migrations_count;

/* schema/gazetteer.tsv */
extern const struct dm_embed dm_gazetteer[];
extern const size_t dm_gazetteer_count;

/* schema/actor-patterns-en.tsv, then -zh.tsv: src/resolve.c's patterns */
extern const struct dm_embed dm_actor_patterns[];
extern const size_t dm_actor_patterns_count;

/* src/coder/lexicon-en.tsv: the rule-based coder's cue words */
extern const struct dm_embed dm_coder_lexicon[];
extern const size_t dm_coder_lexicon_count;

/* src/coder/lexicon-zh.tsv: the Chinese coder's cue words */
extern const struct dm_embed dm_coder_lexicon_zh[];
extern const size_t dm_coder_lexicon_zh_count;

/* schema/sites.tsv: the table of publishing sites */
extern const struct dm_embed dm_sites[];
extern const size_t dm_sites_count;

#endif
