#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "migrate_repair.h"

/*
 * The objects the migrations made, in the order they made them; not the
 * tables a full-text table keeps its index in, which are its own
 * business (and SQLite's version's).
 */
static const char sql_objects[] =
    "SELECT type, name, sql FROM sqlite_schema"
    " WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    " AND name NOT IN (SELECT name FROM pragma_table_list"
    " WHERE type = 'shadow') ORDER BY rowid";
static const char sql_object[] =
    "SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2";
/* Every trigger, then every view (which takes its own triggers along). */
static const char sql_drop_code[] =
    "SELECT ifnull(group_concat(d, ''), '') FROM (SELECT 'DROP ' || type"
    " || ' IF EXISTS \"' || replace(name, '\"', '\"\"') || '\";' AS d"
    " FROM sqlite_schema WHERE type IN ('trigger', 'view')"
    " ORDER BY type = 'view')";
/* The names come from today's migrations: plain words. */
static const char sql_drop_index[] = "DROP INDEX IF EXISTS \"%s\"";

/* A copy of the text db holds for an object, or NULL when it has none. */
static int
object_sql(struct db_stmt *find, const char *type, const char *name,
    char **out)
{
	const char *v;
	int rc;

	*out = NULL;
	if ((rc = db_bind_text(find, 1, type)) != 0 ||
	    (rc = db_bind_text(find, 2, name)) != 0)
		return rc;
	rc = db_step(find);
	if (rc == DB_ROW && (v = db_column_text(find, 0)) != NULL &&
	    (*out = strdup(v)) == NULL)
		rc = dm_error(DM_ERROR, "out of memory");
	db_reset(find);
	return rc < 0 ? rc : 0;
}

/* 1 when db holds the object as sql makes it, else 0; or an error. */
static int
holds(struct db_stmt *find, const char *type, const char *name,
    const char *sql)
{
	char *have;
	int rc;

	if ((rc = object_sql(find, type, name, &have)) != 0)
		return rc;
	rc = have != NULL && strcmp(have, sql) == 0;
	free(have);
	return rc;
}

int
repair_check(struct db *db, struct db *ref)
{
	struct db_stmt *all = NULL, *find = NULL;
	char *have = NULL;
	int rc;

	if ((rc = db_prepare(ref, &all, sql_objects)) != 0 ||
	    (rc = db_prepare(db, &find, sql_object)) != 0)
		goto done;
	while ((rc = db_step(all)) == DB_ROW) {
		if (strcmp(db_column_text(all, 0), "table") != 0)
			continue;
		if ((rc = object_sql(find, "table", db_column_text(all, 1),
		    &have)) != 0)
			goto done;
		if (have != NULL && strcmp(have, db_column_text(all, 2))) {
			rc = dm_error(DM_ERROR, "its table '%s' is not the "
			    "one the migrations make", db_column_text(all, 1));
			goto done;
		}
		free(have);
		have = NULL;
	}
	rc = rc == DB_DONE ? 0 : rc;
done:
	free(have);
	db_finalize(find);
	db_finalize(all);
	return rc;
}

/* Runs the statements sql_drop_code writes. */
static int
drop_code(struct db *db)
{
	struct db_stmt *st = NULL;
	char *sql = NULL;
	int rc;

	if ((rc = db_prepare(db, &st, sql_drop_code)) != 0)
		return rc;
	if ((rc = db_step(st)) == DB_ROW &&
	    (sql = strdup(db_column_text(st, 0))) == NULL)
		rc = dm_error(DM_ERROR, "out of memory");
	/* Finalized first: the schema cannot change under a reader. */
	db_finalize(st);
	if (rc == DB_ROW)
		rc = db_exec(db, sql);
	free(sql);
	return rc;
}

/* Makes one object of ref in db, unless db holds it as it is. */
static int
make(struct db *db, struct db *ref, struct db_stmt *find, const char *type,
    const char *name, const char *sql)
{
	char drop[256];
	int rc;

	if (strcmp(type, "view") == 0 || strcmp(type, "trigger") == 0)
		return db_exec(db, sql);
	if ((rc = holds(find, type, name, sql)) != 0)
		return rc < 0 ? rc : 0;
	if (strcmp(type, "index") == 0) {
		snprintf(drop, sizeof(drop), sql_drop_index, name);
		if ((rc = db_exec(db, drop)) != 0)
			return rc;
		return db_exec(db, sql);
	}
	/* A table db lacks (repair_check refused any other). */
	if ((rc = db_exec(db, sql)) != 0)
		return rc;
	return db_copy_rows(db, ref, name);
}

int
repair_apply(struct db *db, struct db *ref)
{
	struct db_stmt *all = NULL, *find = NULL;
	int rc;

	if ((rc = drop_code(db)) != 0 ||
	    (rc = db_prepare(ref, &all, sql_objects)) != 0 ||
	    (rc = db_prepare(db, &find, sql_object)) != 0)
		goto done;
	while ((rc = db_step(all)) == DB_ROW)
		if ((rc = make(db, ref, find, db_column_text(all, 0),
		    db_column_text(all, 1), db_column_text(all, 2))) != 0)
			goto done;
	rc = rc == DB_DONE ? 0 : rc;
done:
	db_finalize(find);
	db_finalize(all);
	return rc;
}
