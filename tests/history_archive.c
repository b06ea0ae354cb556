/*
 * Makes an archive as an older demarche made it, for the tests of
 * migrations from every schema level there ever was: each FILE named
 * NNNN-name.sql is a migration, applied when NNNN is the archive's level
 * plus one as src/migrate.c applied them up to 45f6174 (each in its own
 * transaction, which records its name, the SHA-256 of its text and the
 * time, and sets the level; the first also marks the archive) and skipped
 * when the archive has it already, as that program did.  Any other FILE
 * is SQL (statements, claims) run in one transaction.  The first failure
 * stops, leaving what came before, as the older program left it.
 *
 * usage: history_archive DB FILE...
 * Exits 0 when every file ran, 1 on a failure (said on stderr).
 */
#define _GNU_SOURCE	/* getdelim() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "digest.h"
#include "error.h"

static const char sql_record[] =
    "INSERT INTO schema_migrations (version, name, sha256, applied_at) "
    "VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";

/* The whole of path, NUL-terminated (NULL with the error set). */
static char *
read_text(const char *path)
{
	FILE *f;
	char *buf = NULL;
	size_t cap = 0;

	if ((f = fopen(path, "rb")) == NULL) {
		dm_error(DM_ERROR, "cannot read it");
		return NULL;
	}
	if (getdelim(&buf, &cap, '\0', f) < 0 && !feof(f)) {
		free(buf);
		buf = NULL;
		dm_error(DM_ERROR, "cannot read it");
	} else if (buf == NULL)
		buf = calloc(1, 1);
	fclose(f);
	return buf;
}

/* Migration version (from the name) of text, run as migrate.c ran it. */
static int
migrate(struct db *db, int version, const char *name, const char *text)
{
	struct db_stmt *st = NULL;
	char hex[DIGEST_HEX_LEN + 1];
	int rc;

	digest_hex(text, strlen(text), hex);
	if ((rc = db_exec(db, "PRAGMA foreign_keys = OFF")) != 0 ||
	    (rc = db_begin(db)) != 0)
		return rc;
	if ((rc = db_exec(db, text)) == 0 &&
	    (version > 1 || (rc = db_mark_archive(db)) == 0) &&
	    (rc = db_prepare(db, &st, sql_record)) == 0 &&
	    (rc = db_bind_int(st, 1, version)) == 0 &&
	    (rc = db_bind_text(st, 2, name)) == 0 &&
	    (rc = db_bind_text(st, 3, hex)) == 0 &&
	    (rc = db_run(st)) == 0 &&
	    (rc = db_set_level(db, version)) == 0)
		rc = db_commit(db);
	db_finalize(st);
	if (rc != 0)
		db_rollback(db);
	if (db_exec(db, "PRAGMA foreign_keys = ON") != 0 && rc == 0)
		rc = DM_ERROR;
	return rc;
}

static int
run_file(struct db *db, const char *path)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *text;
	int rc, version;

	if ((text = read_text(path)) == NULL)
		return DM_ERROR;
	if (sscanf(name, "%4d-", &version) == 1 && strlen(name) > 9 &&
	    strcmp(name + strlen(name) - 4, ".sql") == 0) {
		rc = 0;
		if (version == db_level(db) + 1)
			rc = migrate(db, version, name, text);
		else if (version > db_level(db))
			rc = dm_error(DM_ERROR, "the archive is at level %d",
			    db_level(db));
	} else if ((rc = db_begin(db)) == 0 &&
	    (rc = db_exec(db, text)) == 0)
		rc = db_commit(db);
	else
		db_rollback(db);
	free(text);
	return rc;
}

int
main(int argc, char **argv)
{
	struct db *db = NULL;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: history_archive DB FILE...\n");
		return 1;
	}
	/* Any level: a later one is what this tool makes. */
	if (db_open(&db, argv[1], DB_CREATE, 1 << 30) != 0 ||
	    db_exec(db, "PRAGMA synchronous = OFF") != 0) {
		fprintf(stderr, "history_archive: %s\n", dm_error_last());
		return 1;
	}
	for (i = 2; i < argc; i++)
		if (run_file(db, argv[i]) != 0) {
			fprintf(stderr, "history_archive: %s: %s\n", argv[i],
			    dm_error_last());
			break;
		}
	db_close(db);
	return i < argc;
}
