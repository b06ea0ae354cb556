#include <stdlib.h>

#include "archive.h"
#include "atomicfile.h"
#include "db.h"
#include "error.h"
#include "gazetteer.h"
#include "migrate.h"
#include "store.h"

int
dm_archive_open(dm_archive **out, const char *path, unsigned flags)
{
	dm_archive *a;
	unsigned dbflags = 0;
	int rc;

	*out = NULL;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if (flags & DM_OPEN_CREATE)
		dbflags |= DB_CREATE;
	if (flags & DM_OPEN_MEMORY)
		dbflags |= DB_MEMORY;
	if ((rc = db_open(&a->db, path, dbflags, migrate_known_level())) != 0) {
		free(a);
		return rc;
	}
	*out = a;
	return 0;
}

static void
archive_close(dm_archive *a, void (*close)(struct db *))
{
	if (a == NULL)
		return;
	store_free(a->store);
	close(a->db);
	free(a);
}

void
dm_archive_free(dm_archive *a)
{
	archive_close(a, db_close);
}

void
dm_archive_discard(dm_archive *a)
{
	archive_close(a, db_discard);
}

int
dm_archive_level(dm_archive *a)
{
	return db_level(a->db);
}

int
dm_archive_migrate(dm_archive *a, int *applied)
{
	return migrate_apply(a->db, applied);
}

int
dm_archive_migrations(dm_archive *a,
    int (*fn)(void *, const struct dm_migration *), void *ctx)
{
	return migrate_status(a->db, fn, ctx);
}

int
archive_store(dm_archive *a, struct store **out)
{
	int level, applied = 0, rc;

	*out = NULL;
	if (a->store == NULL) {
		if ((level = db_level(a->db)) < 0)
			return DM_ERROR;
		if (level == 0)
			return dm_error(DM_ERROR, "the archive is empty: run "
			    "'demarche init'");
		/* An archive made by an older demarche is brought up to date. */
		if ((rc = migrate_pending(a->db)) < 0)
			return rc;
		if (rc > 0 && (rc = migrate_apply(a->db, &applied)) != 0)
			return rc;
		if (applied > 0)
			dm_warn("archive brought from schema level %d to %d",
			    level, level + applied);
		if (store_new(&a->store, a->db) != 0)
			return DM_ERROR;
	}
	*out = a->store;
	return 0;
}

int
dm_archive_init(dm_archive *a, struct dm_init_result *res)
{
	struct store *s;
	int rc;

	res->migrations = res->actors = res->aliases = 0;
	if ((rc = migrate_apply(a->db, &res->migrations)) != 0)
		return rc;
	if ((rc = archive_store(a, &s)) != 0)
		return rc;
	if ((rc = db_begin(a->db)) != 0)
		return rc;
	if ((rc = gazetteer_load(s, &res->actors, &res->aliases)) != 0) {
		db_rollback(a->db);
		return rc;
	}
	return db_commit(a->db);
}

int
archive_output_open(dm_archive *a, struct atomic_file *af, const char *path)
{
	int rc;

	if ((rc = db_refuse_own(a->db, path)) != 0)
		return rc;
	return atomic_file_open(af, path);
}
