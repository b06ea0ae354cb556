/*
 * The archive's write side and actor resolution: every INSERT, UPDATE and
 * DELETE of the data model lives in store.c's statement table.
 */
#ifndef DM_STORE_H
#define DM_STORE_H

#include <stdint.h>

struct db;
struct resolved;
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

/* Calls fn with every name and alias in the archive and its actor's code. */
int	store_names_each(struct store *s,
	    int (*fn)(void *ctx, const char *name, const char *code),
	    void *ctx);

/* The code of actor id into buf. */
int	store_actor_code(struct store *s, int64_t id, char *buf, size_t len);

/* Actor id's code, name, kind, parent's code and country. */
int	store_actor_info(struct store *s, int64_t id, struct resolved *out);

/*
 * Creates an actor of kind unresolved for a reference that names nobody,
 * with the reference as its name and alias, so the next mention finds it.
 * Its code is "X-" and the reference in upper-case ASCII, or a digest of
 * it where the reference has no ASCII letters.
 */
int	store_actor_unresolved(struct store *s, const char *ref, int64_t *id);

/* A statement row, actors resolved, dates normalised. */
struct store_statement {
	const char *id;
	int64_t     issuer_id;
	const char *date, *date_lo, *date_hi;
	const char *title, *text, *url, *language, *kind;
	const char *source;	/* "json" or "text" */
	const char *digest;
	int64_t     import_id;
};

struct store_claim {
	int         seq;
	int64_t     by_id;
	const char *kind, *cameo, *summary, *quote, *date, *method, *cue;
	/* Migration 0012: a reviewer's decision; NULL when none. */
	const char *review, *reviewer, *reviewed_at, *rule_key;
};

/*
 * A decision on a rule claim, by its key: rejected, or reviewed (a
 * reviewed claim stands for it); who and when.
 */
struct store_decision {
	char *key, *reviewer, *reviewed_at;
	int   rejected;
};

/*
 * The statement with this id: its sid, digest (64 hex digits + NUL) and
 * the import that brought it (0 if none).
 */
int	store_statement_find(struct store *s, const char *id, int64_t *sid,
	    char *digest, int64_t *import_id);
/* Deletes a statement with its claims, targets, topics and links. */
int	store_statement_delete(struct store *s, int64_t sid);
int	store_statement_insert(struct store *s, const struct store_statement *r,
	    int64_t *sid);
int	store_response_insert(struct store *s, int64_t sid,
	    const char *responds_to, int seq);
/* A joint statement's issuer after the first, seq 1 the second. */
int	store_co_issuer_insert(struct store *s, int64_t sid, int64_t actor_id,
	    int seq);
int	store_claim_insert(struct store *s, int64_t sid,
	    const struct store_claim *c, int64_t *claim_id);
/*
 * The decisions on the rule claims of statement sid, to take again when
 * it is replaced; free with store_decisions_free().
 */
int	store_decisions(struct store *s, int64_t sid,
	    struct store_decision **out, size_t *n);
void	store_decisions_free(struct store_decision *r, size_t n);
/*
 * The reviewed claims of statement sid, kept aside before it is replaced
 * by an input that has none of its own, then put back, with their
 * targets and topics, after the claims of the new statement sid.
 */
int	store_reviewed_keep(struct store *s, int64_t sid);
int	store_reviewed_restore(struct store *s, int64_t sid);
/* A target or topic given twice is kept once. */
int	store_target_insert(struct store *s, int64_t claim_id, int64_t actor_id,
	    int seq);
int	store_topic_insert(struct store *s, int64_t claim_id, const char *topic,
	    int seq);

/* The provenance row of one import; counts are filled in at the end. */
struct store_import {
	const char *file, *sha256;
	int64_t     new, updated, unchanged, rejected, unresolved;
};
int	store_import_begin(struct store *s, const char *file, int64_t *id);

/*
 * Marks import_id as under way (0: none).  Its statements are then left
 * out of the full-text indexes and the summaries by the triggers; they go
 * into the indexes with store_index_pending(), all of them (sid 0) at the
 * end of the file, or one that is about to be replaced (ingest_sum_up()
 * sums them up too).  Both within the import's transaction.
 */
int	store_pending_set(struct store *s, int64_t import_id);
int	store_index_pending(struct store *s, int64_t import_id, int64_t sid);

/* The archive's size in bytes, as SQLite sees it in this transaction. */
int	store_archive_bytes(struct store *s, int64_t *bytes);

/*
 * Bulk loading: the indexes that only queries read are dropped while a
 * large file's rows go in, and made again, each in one sorted pass,
 * before its statements are indexed.  Both within the import's
 * transaction, which undoes both if it fails.  *restore gets the SQL that
 * makes them again (NULL if none), for the caller to free.
 */
int	store_indexes_defer(struct store *s, char **restore);
int	store_indexes_restore(struct store *s, const char *restore);

/*
 * A bulk import's full-text entries: begin stops merging their segments
 * as they are written; end merges each index into one segment (a term is
 * then looked up once, not once per segment) and restores the archive's
 * merging.  Both within the import's transaction.
 */
int	store_fts_bulk_begin(struct store *s);
int	store_fts_bulk_end(struct store *s);

int	store_import_finish(struct store *s, int64_t id,
	    const struct store_import *imp);

/*
 * Folds actor from into actor into: statements, claims, targets and
 * aliases move, from's code becomes an alias, and from is deleted.  The
 * caller owns the transaction.
 */
int	store_actor_merge(struct store *s, int64_t from, int64_t into);

#endif
