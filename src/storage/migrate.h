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
 * Applies every pending migration in order, recording each one's checksum
 * and setting PRAGMA user_version, all in one transaction; first, in the
 * same transaction, brings up to date the migrations the archive ran as
 * an earlier text.  Stores the number applied in *applied.  Refuses
 * before writing anything a migration it ran as a text this program does
 * not know, when there are migrations to apply; otherwise only warns.
 */
int	migrate_apply(struct db *db, int *applied);

/* 1 when migrate_apply() has something to do, 0 when not, or an error. */
int	migrate_pending(struct db *db);

/* Calls fn once per known migration, in order; non-zero from fn stops. */
int	migrate_status(struct db *db,
	    int (*fn)(void *ctx, const struct dm_migration *m), void *ctx);

#endif
