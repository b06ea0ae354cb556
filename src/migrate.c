#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "digest.h"
#include "embed.h"
#include "error.h"
#include "migrate.h"

static const char sql_recorded[] =
    "SELECT version, applied_at, sha256 FROM schema_migrations "
    "ORDER BY version";
static const char sql_record[] =
    "INSERT INTO schema_migrations (version, name, sha256, applied_at) "
    "VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";

/* What an archive recorded of one migration. */
struct recorded {
	char applied_at[32];
	char sha256[DIGEST_HEX_LEN + 1];
};

int
migrate_known_level(void)
{
	return (int)dm_migrations_count;
}

/*
 * Reads the schema_migrations rows of an archive at level >= 1 into rec,
 * indexed by version - 1.
 */
static int
read_recorded(struct db *db, int level, struct recorded *rec)
{
	struct db_stmt *st = NULL;
	int rc;
	int64_t v;

	if (level < 1)
		return 0;
	if ((rc = db_prepare(db, &st, sql_recorded)) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		v = db_column_int(st, 0);
		if (v < 1 || v > migrate_known_level())
			continue;
		snprintf(rec[v - 1].applied_at, sizeof(rec[v - 1].applied_at),
		    "%s", db_column_text(st, 1));
		snprintf(rec[v - 1].sha256, sizeof(rec[v - 1].sha256), "%s",
		    db_column_text(st, 2));
	}
	db_finalize(st);
	return rc == DB_DONE ? 0 : rc;
}

static void
migration_of(struct dm_migration *m, int i, const struct recorded *rec,
    int level)
{
	char hex[DIGEST_HEX_LEN + 1];

	m->version = i + 1;
	m->name = dm_migrations[i].name;
	m->applied_at = NULL;
	m->changed = 0;
	if (i < level) {
		m->applied_at = rec[i].applied_at[0] ? rec[i].applied_at :
		    "unknown";
		digest_hex(dm_migrations[i].data, dm_migrations[i].len, hex);
		m->changed = rec[i].sha256[0] && strcmp(hex, rec[i].sha256);
	}
}

int
migrate_status(struct db *db, int (*fn)(void *, const struct dm_migration *),
    void *ctx)
{
	struct recorded *rec = NULL;
	struct dm_migration m;
	int rc, i, level;

	if ((level = db_level(db)) < 0)
		return DM_ERROR;
	if ((rec = calloc(dm_migrations_count + 1, sizeof(*rec))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if ((rc = read_recorded(db, level, rec)) != 0)
		goto done;
	for (i = 0; i < migrate_known_level(); i++) {
		migration_of(&m, i, rec, level);
		if ((rc = fn(ctx, &m)) != 0)
			goto done;
	}
done:
	free(rec);
	return rc;
}

static int
warn_changed(void *ctx, const struct dm_migration *m)
{
	(void)ctx;
	if (m->changed)
		dm_warn("migration '%s' changed after it was applied to this "
		    "archive", m->name);
	return 0;
}

static int
apply_one(struct db *db, int i)
{
	const struct dm_embed *mig = &dm_migrations[i];
	struct db_stmt *st = NULL;
	char hex[DIGEST_HEX_LEN + 1];
	int rc;

	digest_hex(mig->data, mig->len, hex);
	if ((rc = db_begin(db)) != 0)
		return rc;
	if ((rc = db_exec(db, mig->data)) != 0) {
		rc = dm_error(DM_ERROR, "migration '%s' failed: %s",
		    mig->name, dm_error_last());
		goto done;
	}
	if (i == 0 && (rc = db_mark_archive(db)) != 0)
		goto done;
	if ((rc = db_prepare(db, &st, sql_record)) != 0 ||
	    (rc = db_bind_int(st, 1, i + 1)) != 0 ||
	    (rc = db_bind_text(st, 2, mig->name)) != 0 ||
	    (rc = db_bind_text(st, 3, hex)) != 0 ||
	    (rc = db_run(st)) != 0 ||
	    (rc = db_set_level(db, i + 1)) != 0)
		goto done;
	rc = db_commit(db);
done:
	db_finalize(st);
	if (rc != 0)
		db_rollback(db);
	return rc;
}

int
migrate_apply(struct db *db, int *applied)
{
	int level, rc, i;

	*applied = 0;
	if ((level = db_level(db)) < 0)
		return DM_ERROR;
	if ((rc = migrate_status(db, warn_changed, NULL)) != 0)
		return rc;
	for (i = level; i < migrate_known_level(); i++) {
		if ((rc = apply_one(db, i)) != 0)
			return rc;
		(*applied)++;
	}
	return 0;
}
