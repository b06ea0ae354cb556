/*
 * Puts validated statements into the archive: resolves actor references
 * (creating unresolved actors unless strict), derives missing ids,
 * tells a re-import from a change by digest, and writes the rows.  The
 * caller owns the transaction, and rolls it back when a statement fails,
 * unless INGEST_ISOLATE puts each statement in a savepoint of its own.
 */
#ifndef DM_INGEST_H
#define DM_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "digest.h"

struct statement_in;
struct store;
struct db;
struct ingest;

enum ingest_flags {
	INGEST_UPDATE = 1 << 0,	/* replace a statement whose content changed */
	INGEST_STRICT = 1 << 1,	/* an unresolved reference is an error */
	INGEST_FORCE = 1 << 2,	/* rewrite even unchanged content (recode) */
	/*
	 * A failed statement leaves nothing behind, so others can follow.
	 * Costly: FTS5 writes out its pending index at every savepoint.
	 */
	INGEST_ISOLATE = 1 << 3,
};

enum ingest_result { INGEST_NEW, INGEST_UPDATED, INGEST_UNCHANGED };

int	ingest_new(struct ingest **out, struct db *db, struct store *s,
	    unsigned flags);
void	ingest_free(struct ingest *g);

/*
 * Ingests one statement for the import import_id.  DM_ECONFLICT when the
 * id exists with other content (without INGEST_UPDATE), DM_ENOTFOUND for
 * an unresolved reference under INGEST_STRICT, DM_EINVALID for bad
 * content; the message says what.  With INGEST_ISOLATE nothing is left
 * behind on failure.
 */
int	ingest_statement(struct ingest *g, const struct statement_in *st,
	    int64_t import_id, enum ingest_result *res);

/*
 * The statements of import import_id (only statement sid, if not 0),
 * which the triggers left out while it was pending (store_pending_set()),
 * into the full-text indexes, the timeline's summary and who's, in bulk.
 * With sid 0, the end of the import: it is pending no more.
 */
int	ingest_sum_up(struct ingest *g, int64_t import_id, int64_t sid);

/*
 * The key of a rule claim (hex, DIGEST_HEX_LEN): its kind, claimant,
 * targets, cue and sentence, which name it across recodes and re-imports
 * where its row id does not.
 */
int	claim_rule_key(struct store *s, const char *kind, int64_t by,
	    const int64_t *targets, size_t ntargets, const char *cue,
	    const char *quote, char hex[DIGEST_HEX_LEN + 1]);

/*
 * Unresolved actors created since ingest_new, as "reference" (CODE)
 * strings; borrowed.
 */
size_t	ingest_unresolved(struct ingest *g, const char *const **out);

#endif
