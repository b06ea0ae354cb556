/*
 * Repair of an archive that ran an earlier text of one of its migrations:
 * migrations 0001-0003, 0006 and 0007 were edited after they first landed,
 * so such an archive has its level without quite the schema of that
 * level.  The reference is an empty archive in memory that ran today's
 * texts up to the same level; the repair makes the archive's schema the
 * reference's, keeping every row.
 */
#ifndef DM_MIGRATE_REPAIR_H
#define DM_MIGRATE_REPAIR_H

struct db;

/*
 * Decides, by reading only, whether db can take the reference's schema:
 * every table they both have must be the same.
 */
int	repair_check(struct db *db, struct db *ref);

/*
 * Within the caller's transaction: the tables db lacks, with the rows the
 * migrations put in them; every index that differs; every view and
 * trigger made again, in the reference's order (SQLite fires the
 * triggers of one event in the order of the schema).
 */
int	repair_apply(struct db *db, struct db *ref);

#endif
