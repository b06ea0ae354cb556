/*
 * Schema migrations: the numbered files of migrations/, built into the
 * program.  Migration i (from 1) brings an archive to level i.
 */
#ifndef DM_MIGRATE_H
#define DM_MIGRATE_H

#include "demarche.h"

struct db;

/* The highest level this program knows: the number of migrations. */
int	migrate_known_level(void);

/*
 * Applies every pending migration in order, each in its own transaction
 * that also records its checksum and sets PRAGMA user_version.  Stores the
 * number applied in *applied.  Warns about applied migrations whose text
 * changed since.
 */
int	migrate_apply(struct db *db, int *applied);

/* Calls fn once per known migration, in order; non-zero from fn stops. */
int	migrate_status(struct db *db,
	    int (*fn)(void *ctx, const struct dm_migration *m), void *ctx);

#endif
