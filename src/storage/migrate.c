#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "digest.h"
#include "embed.h"
#include "error.h"
#include "migrate.h"
#include "migrate_repair.h"

static const char sql_recorded[] =
    "SELECT version, applied_at, sha256 FROM schema_migrations "
    "ORDER BY version";
static const char sql_record[] =
    "INSERT INTO schema_migrations (version, name, sha256, applied_at) "
    "VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";

/* A row here names a reference to a row that is not there. */
static const char sql_fk_check[] = "PRAGMA foreign_key_check";

static const char sql_rerecord[] =
    "UPDATE schema_migrations SET sha256 = ?2 WHERE version = ?1";

/*
 * Earlier texts of migrations, edited on main after archives had run
 * them (migrations are append-only since): an archive that recorded one
 * of these is repaired (migrate_repair.h), not refused.  The commit is
 * where each text landed; tests/data/migrations-history keeps them.
 */
static const struct earlier {
	int         version;
	const char *sha256;
} earlier_texts[] = {
	/* d0aaf7b */
	{ 1, "481860a21460b05b6ee8bc3e8ec675dd56904064f7199eaaab6f6578d6f5e1a8" },
	/* 5a14969 */
	{ 2, "6a1dae42117fea32e976c7773f06c34284d975aaf624aede165b98b9253fa567" },
	/* 9198b2c */
	{ 3, "20bdd08a517360ca91d6cc5f740ebd34d621ec266ad0c0270d9764fb4caa0a3f" },
	/* e8f903f */
	{ 3, "1062635af0c9114880e7169b48e08d3e5dd52bc1dbe7b4aac3fd404fc4d926e0" },
	/* 1934e95 */
	{ 6, "68380a3f8b4175e778e7db0e8a402a330a1ab4fb96ca4fe913a3435d1fce401f" },
	/* 71be4e9 */
	{ 7, "07b3c47fd1094bbc498cf6f437c6f2763f4ba1e5c35c012bf31533522cb7d512" },
};

/* What an archive ran as migration i: */
enum text {
	TEXT_TODAY,	/* today's text, or nothing recorded */
	TEXT_EARLIER,	/* one of earlier_texts */
	TEXT_OTHER	/* a text this program does not know */
};

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

static int
is_earlier(int i, const char *sha256)
{
	size_t j;

	for (j = 0; j < sizeof(earlier_texts) / sizeof(earlier_texts[0]); j++)
		if (earlier_texts[j].version == i + 1 &&
		    strcmp(earlier_texts[j].sha256, sha256) == 0)
			return 1;
	return 0;
}

static enum text
text_of(int i, const struct recorded *rec)
{
	char hex[DIGEST_HEX_LEN + 1];

	if (rec[i].sha256[0] == '\0')
		return TEXT_TODAY;
	if (is_earlier(i, rec[i].sha256))
		return TEXT_EARLIER;
	digest_hex(dm_migrations[i].data, dm_migrations[i].len, hex);
	return strcmp(hex, rec[i].sha256) ? TEXT_OTHER : TEXT_TODAY;
}

static void
migration_of(struct dm_migration *m, int i, const struct recorded *rec,
    int level)
{
	m->version = i + 1;
	m->name = dm_migrations[i].name;
	m->applied_at = NULL;
	m->changed = m->earlier = 0;
	if (i < level) {
		m->applied_at = rec[i].applied_at[0] ? rec[i].applied_at :
		    "unknown";
		m->earlier = text_of(i, rec) == TEXT_EARLIER;
		m->changed = text_of(i, rec) == TEXT_OTHER;
	}
}

/* The archive's level and what it recorded (rec: freed by the caller). */
static int
read_archive(struct db *db, int *level, struct recorded **rec)
{
	*rec = NULL;
	if ((*level = db_level(db)) < 0)
		return DM_ERROR;
	if ((*rec = calloc(dm_migrations_count + 1, sizeof(**rec))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	return read_recorded(db, *level, *rec);
}

int
migrate_status(struct db *db, int (*fn)(void *, const struct dm_migration *),
    void *ctx)
{
	struct recorded *rec;
	struct dm_migration m;
	int rc, i, level;

	if ((rc = read_archive(db, &level, &rec)) != 0)
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

int
migrate_pending(struct db *db)
{
	struct recorded *rec;
	int rc, i, level;

	if ((rc = read_archive(db, &level, &rec)) == 0)
		rc = level > 0 && level < migrate_known_level();
	for (i = 0; rc == 0 && i < level; i++)
		rc = is_earlier(i, rec[i].sha256);
	free(rec);
	return rc;
}

/*
 * The schema of an archive at level that ran today's texts: an empty
 * archive in memory.
 */
static int
reference(struct db **out, int level)
{
	int rc, i;

	if ((rc = db_open(out, NULL, DB_MEMORY, level)) != 0)
		return rc;
	for (i = 0; i < level; i++)
		if ((rc = db_exec(*out, dm_migrations[i].data)) != 0)
			return rc;
	return 0;
}

/*
 * Decides, by reading only, what the archive ran: sets *repair when it
 * ran an earlier text, and refuses a text this program does not know
 * when migrations are to be applied on top of it (with nothing to
 * apply, it is only reported, as before).
 */
static int
judge(struct db *db, int level, const struct recorded *rec, int *repair)
{
	struct db *ref = NULL;
	int rc = 0, i;

	*repair = 0;
	for (i = 0; i < level; i++)
		switch (text_of(i, rec)) {
		case TEXT_TODAY:
			break;
		case TEXT_EARLIER:
			*repair = 1;
			break;
		case TEXT_OTHER:
			if (level < migrate_known_level())
				return dm_error(DM_ERROR, "cannot bring the "
				    "archive forward: it ran a text of "
				    "migration '%s' this program does not "
				    "know (sha256 %.16s...); nothing was "
				    "changed", dm_migrations[i].name,
				    rec[i].sha256);
			dm_warn("migration '%s' changed after it was applied "
			    "to this archive", dm_migrations[i].name);
			break;
		}
	if (*repair && ((rc = reference(&ref, level)) != 0 ||
	    (rc = repair_check(db, ref)) != 0))
		rc = dm_error(DM_ERROR, "cannot bring the archive forward: "
		    "%s; nothing was changed", dm_error_last());
	db_close(ref);
	return rc;
}

/*
 * Within the transaction: the schema of the archive's level made today's
 * (migrate_repair.h), and today's texts recorded for those it ran
 * earlier.
 */
static int
repair(struct db *db, int level, const struct recorded *rec)
{
	struct db *ref = NULL;
	struct db_stmt *st = NULL;
	char hex[DIGEST_HEX_LEN + 1];
	int rc, i;

	if ((rc = reference(&ref, level)) != 0 ||
	    (rc = repair_apply(db, ref)) != 0 ||
	    (rc = db_prepare(db, &st, sql_rerecord)) != 0)
		goto done;
	for (i = 0; i < level; i++) {
		if (text_of(i, rec) != TEXT_EARLIER)
			continue;
		digest_hex(dm_migrations[i].data, dm_migrations[i].len, hex);
		if ((rc = db_bind_int(st, 1, i + 1)) != 0 ||
		    (rc = db_bind_text(st, 2, hex)) != 0 ||
		    (rc = db_run(st)) != 0)
			goto done;
	}
done:
	db_finalize(st);
	db_close(ref);
	return rc;
}

/* Within the transaction: migration i applied and recorded. */
static int
apply_one(struct db *db, int i)
{
	const struct dm_embed *mig = &dm_migrations[i];
	struct db_stmt *st = NULL;
	char hex[DIGEST_HEX_LEN + 1];
	int rc;

	digest_hex(mig->data, mig->len, hex);
	if ((rc = db_exec(db, mig->data)) != 0)
		return dm_error(DM_ERROR, "migration '%s' failed: %s; nothing "
		    "was changed", mig->name, dm_error_last());
	if (i == 0 && (rc = db_mark_archive(db)) != 0)
		return rc;
	if ((rc = db_prepare(db, &st, sql_record)) == 0 &&
	    (rc = db_bind_int(st, 1, i + 1)) == 0 &&
	    (rc = db_bind_text(st, 2, mig->name)) == 0 &&
	    (rc = db_bind_text(st, 3, hex)) == 0 &&
	    (rc = db_run(st)) == 0)
		rc = db_set_level(db, i + 1);
	db_finalize(st);
	return rc;
}

/* Within the transaction: no reference left without its row. */
static int
references_kept(struct db *db)
{
	struct db_stmt *st = NULL;
	int rc;

	if ((rc = db_prepare(db, &st, sql_fk_check)) == 0 &&
	    (rc = db_step(st)) == DB_ROW)
		rc = dm_error(DM_ERROR, "the migrations left a row of '%s' "
		    "referencing a missing row of '%s'; nothing was changed",
		    db_column_text(st, 0), db_column_text(st, 2));
	db_finalize(st);
	return rc;
}

int
migrate_apply(struct db *db, int *applied)
{
	struct recorded *rec, *now = NULL;
	int level, rc, i, fix, again;

	*applied = 0;
	if ((rc = read_archive(db, &level, &rec)) != 0 ||
	    (rc = judge(db, level, rec, &fix)) != 0 ||
	    (!fix && level == migrate_known_level()))
		goto done;
	/*
	 * One transaction: an archive is brought forward whole or not.
	 * Foreign keys are off meanwhile (a pragma that does nothing
	 * inside a transaction), as SQLite's way of changing a table wants:
	 * a copy made and the old table dropped, which would otherwise
	 * delete the rows referencing it.  They are checked at the end.
	 */
	if ((rc = db_exec(db, "PRAGMA foreign_keys = OFF")) != 0 ||
	    (rc = db_begin(db)) != 0 ||
	    (rc = read_archive(db, &again, &now)) != 0)
		goto done;
	/* Another program brought it forward while this one waited. */
	if (again != level || memcmp(rec, now, dm_migrations_count *
	    sizeof(*rec)) != 0) {
		rc = db_commit(db);
		goto done;
	}
	if (fix && (rc = repair(db, level, rec)) != 0)
		goto done;
	for (i = level; i < migrate_known_level(); i++)
		if ((rc = apply_one(db, i)) != 0)
			goto done;
	if ((rc = references_kept(db)) != 0 || (rc = db_commit(db)) != 0)
		goto done;
	*applied = migrate_known_level() - level;
	for (i = 0; fix && i < level; i++)
		if (text_of(i, rec) == TEXT_EARLIER)
			dm_warn("migration '%s' as an older demarche ran it "
			    "brought up to its current text",
			    dm_migrations[i].name);
done:
	if (rc != 0)
		db_rollback(db);
	if (db_exec(db, "PRAGMA foreign_keys = ON") != 0 && rc == 0)
		rc = DM_ERROR;
	free(now);
	free(rec);
	return rc;
}
