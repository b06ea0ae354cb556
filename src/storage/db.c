#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "db_rank.h"
#include "db_snippet.h"
#include "db_sortset.h"
#include "db_tokenizer.h"
#include "error.h"

struct db {
	sqlite3 *h;
	char    *path;
	int      created;	/* the file is this opening's: see db_discard() */
};

struct db_stmt {
	struct db    *db;
	sqlite3_stmt *st;
};

/* Long enough for an import in another process to commit. */
#define DB_BUSY_TIMEOUT_MS 10000

/*
 * Records the failure of the last call on h, the archive at path, in
 * words that name its cause: read-only, disk full, locked, damaged, not
 * a database; else SQLite's own words.  Never the statement's text,
 * which tells a user nothing.  Returns DM_ECONFLICT for a constraint
 * violation (an expected outcome), DM_ENOTARCHIVE for a file that is
 * not a database, else DM_ERROR.
 */
static int
db_fail(sqlite3 *h, const char *path)
{
	int code = sqlite3_extended_errcode(h);
	int e = sqlite3_system_errno(h);

	switch (code & 0xff) {
	case SQLITE_CONSTRAINT:
		return dm_error(DM_ECONFLICT, "%s", sqlite3_errmsg(h));
	case SQLITE_READONLY:
		if (code == SQLITE_READONLY_CANTINIT ||
		    code == SQLITE_READONLY_DIRECTORY)
			return dm_error(DM_ERROR, "archive '%s' cannot be "
			    "opened: its directory is read-only, and SQLite "
			    "must make the archive's -wal and -shm files "
			    "there", path);
		return dm_error(DM_ERROR, "archive '%s' is read-only (no "
		    "permission to write it, or a read-only file system)",
		    path);
	case SQLITE_FULL:
		return dm_error(DM_ERROR, "archive '%s': disk full", path);
	case SQLITE_IOERR:
		if (e == ENOSPC)
			return dm_error(DM_ERROR, "archive '%s': disk full",
			    path);
		return dm_error(DM_ERROR, "cannot read or write archive "
		    "'%s': %s", path, e != 0 ? strerror(e) :
		    sqlite3_errmsg(h));
	case SQLITE_CANTOPEN:
		return dm_error(DM_ERROR, "cannot open archive '%s': %s",
		    path, e != 0 ? strerror(e) : sqlite3_errmsg(h));
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return dm_error(DM_ERROR, "archive '%s' is locked by another "
		    "program", path);
	case SQLITE_CORRUPT:
		return dm_error(DM_ERROR, "archive '%s' is damaged (%s)", path,
		    sqlite3_errmsg(h));
	case SQLITE_NOTADB:
		return dm_error(DM_ENOTARCHIVE, "'%s' is not a demarche "
		    "archive (%s)", path, sqlite3_errmsg(h));
	case SQLITE_NOMEM:
		return dm_error(DM_ERROR, "out of memory");
	default:
		return dm_error(DM_ERROR, "%s", sqlite3_errmsg(h));
	}
}

/* Reads one integer pragma without writing anything. */
static int
pragma_int(sqlite3 *h, const char *sql, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Decides, by reading only, whether h may be used: a demarche archive at a
 * level this program knows, or (when creating) an empty database.
 */
static int
db_check(sqlite3 *h, const char *path, unsigned flags, int known_level)
{
	int64_t appid, level, objects;

	/* The first read says whether it is a database at all. */
	if (pragma_int(h, "PRAGMA application_id", &appid) != 0 ||
	    pragma_int(h, "SELECT count(*) FROM sqlite_schema",
	    &objects) != 0 ||
	    pragma_int(h, "PRAGMA user_version", &level) != 0)
		return db_fail(h, path);
	if (appid == 0 && objects == 0 && level == 0) {
		if (flags & DB_CREATE)
			return 0;
		return dm_error(DM_ENOTARCHIVE, "'%s' is an empty database, "
		    "not a demarche archive (run 'demarche init')", path);
	}
	if (appid != DB_APPLICATION_ID)
		return dm_error(DM_ENOTARCHIVE,
		    "'%s' is not a demarche archive (it is another SQLite "
		    "database; refusing to touch it)", path);
	if (level > known_level)
		return dm_error(DM_ENEWER, "'%s' was made by a newer demarche "
		    "(schema level %lld; this program knows up to %d): "
		    "upgrade demarche to use it", path, (long long)level,
		    known_level);
	return 0;
}

/*
 * A statement's undo journal stays in memory up to this size (SQLite's
 * default is 64 KiB).  Once one spills to a temporary file, every later
 * statement of the transaction writes its journal there: an import wrote
 * 30 pages a statement to it.  The size must stay under 128 KiB: a spill
 * writes what memory holds in one piece, and SQLite 3.40's unix VFS
 * keeps only the low 17 bits of a write's length, so a larger piece
 * fails as "database or disk is full".  SQLite allocates it whole for
 * each statement that journals a page; at 125 KiB (31 pages, as with 128
 * KiB) the block stays in AddressSanitizer's heap, where a larger one was
 * mapped and unmapped for each statement: an import under the sanitizer
 * took 1.75 times as long.
 */
#define DB_STMTJRNL_SPILL	(125 * 1024)

/* Process-wide settings, which SQLite takes only before its first use. */
static void
db_configure(void)
{
	static int done;

	if (!done) {
		done = 1;
		(void)sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL,
		    DB_STMTJRNL_SPILL);
		/*
		 * No count of SQLite's memory, which nothing reads: keeping
		 * it took a global mutex at every allocation (bench/PROFILE.md,
		 * ninth round).
		 */
		(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		/*
		 * No page cache allocated ahead: 20 pages (87 KB) for each
		 * B-tree SQLite opens, a statement's temporary ones too, were
		 * half of the 256 MB that init allocated.
		 */
		(void)sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
		/*
		 * --db is a path, never a URI: "file:x.db" names a file
		 * of that name, as "a?b.db" does (Debian's SQLite reads
		 * URIs unless told not to).
		 */
		(void)sqlite3_config(SQLITE_CONFIG_URI, 0);
	}
}

/*
 * Checks the archive's path before SQLite sees it: a file that exists
 * (or may be created), not a directory.  SQLite's own name for a memory
 * database is a file here, as any other name is.
 */
static int
file_path(const char **path, unsigned flags, int *created)
{
	struct stat sb;

	if (**path == '\0')
		return dm_error(DM_EINVALID, "no archive path (--db is empty)");
	if (strcmp(*path, ":memory:") == 0)
		*path = "./:memory:";
	if (stat(*path, &sb) == -1) {
		if (errno != ENOENT || !(flags & DB_CREATE))
			return dm_error(errno == ENOENT ? DM_ENOTFOUND :
			    DM_ERROR, "cannot open archive '%s': %s%s", *path,
			    strerror(errno), errno == ENOENT ?
			    " (create it with 'demarche init')" : "");
		*created = 1;
	} else if (S_ISDIR(sb.st_mode))
		return dm_error(DM_ENOTARCHIVE,
		    "'%s' is a directory, not a demarche archive", *path);
	return 0;
}

int
db_open(struct db **out, const char *path, unsigned flags, int known_level)
{
	struct db *db = NULL;
	fts5_api *api;
	int rc = DM_ERROR, oflags, created = 0;

	*out = NULL;
	if (flags & DB_MEMORY) {
		path = ":memory:";
		flags |= DB_CREATE;
	} else if ((rc = file_path(&path, flags, &created)) != 0)
		return rc;

	if ((db = calloc(1, sizeof(*db))) == NULL ||
	    (db->path = strdup(path)) == NULL) {
		rc = dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	db->created = created;
	/*
	 * A connection serves one thread: without its mutex, each step and
	 * column read skips a lock and an unlock, a fifth of the time of a
	 * long listing.
	 */
	db_configure();
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (flags & DB_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
		rc = db->h ? db_fail(db->h, path) :
		    dm_error(DM_ERROR, "out of memory");
		goto done;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, DB_BUSY_TIMEOUT_MS);
	if ((rc = db_check(db->h, path, flags, known_level)) != 0)
		goto done;
	if (db_fts5_api(db->h, &api) != 0 ||
	    db_tokenizer_register(db->h, api) != 0 ||
	    db_snippet_register(db->h, api) != 0 ||
	    db_rank_register(db->h, api) != 0 ||
	    db_sortset_register(db->h) != 0) {
		rc = DM_ERROR;
		goto done;
	}
	if (!(flags & DB_MEMORY) && (rc = db_exec(db,
	    "PRAGMA journal_mode = WAL")) != 0)
		goto done;
	if ((rc = db_exec(db, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = NORMAL")) != 0)
		goto done;
	*out = db;
	db = NULL;
	rc = 0;
done:
	db_discard(db);
	return rc;
}

/* The files SQLite keeps for an archive, by their suffix to its name. */
static const struct {
	const char *suffix;
	const char *what;
} own_files[] = {
	{ "", "the archive" },
	{ "-wal", "the archive's write-ahead log" },
	{ "-shm", "the archive's shared-memory index" },
	{ "-journal", "the archive's rollback journal" },
};

/*
 * Calls fn with each of the files of the archive named name, in the
 * order of own_files, until it returns non-zero, and returns that; -1
 * when out of memory.
 */
static int
each_own_file(const char *name, int (*fn)(const char *file, size_t i,
    void *ctx), void *ctx)
{
	size_t i, len = strlen(name);
	char *f;
	int rc = 0;

	if ((f = malloc(len + sizeof("-journal"))) == NULL)
		return -1;
	memcpy(f, name, len);
	for (i = 0; rc == 0 && i < sizeof(own_files) / sizeof(own_files[0]);
	    i++) {
		strcpy(f + len, own_files[i].suffix);
		rc = fn(f, i, ctx);
	}
	free(f);
	return rc;
}

/* i + 1 where file is the file ctx (a struct stat) names, else 0. */
static int
same_file(const char *file, size_t i, void *ctx)
{
	const struct stat *out = ctx;
	struct stat sb;

	return stat(file, &sb) == 0 && sb.st_dev == out->st_dev &&
	    sb.st_ino == out->st_ino ? (int)i + 1 : 0;
}

int
db_refuse_own(struct db *db, const char *path)
{
	const char *name = sqlite3_db_filename(db->h, "main");
	struct stat out;
	int rc;

	/* A file not there yet is none of them, nor is a memory archive. */
	if (name == NULL || *name == '\0' || stat(path, &out) == -1)
		return 0;
	rc = each_own_file(name, same_file, &out);
	if (rc < 0)
		return dm_error(DM_ERROR, "out of memory");
	return rc == 0 ? 0 : dm_error(DM_ERROR, "cannot write '%s': it is %s",
	    path, own_files[rc - 1].what);
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	sqlite3_close_v2(db->h);
	free(db->path);
	free(db);
}

static int
remove_file(const char *file, size_t i, void *ctx)
{
	(void)i;
	(void)ctx;
	(void)unlink(file);
	return 0;
}

void
db_discard(struct db *db)
{
	if (db != NULL && db->created) {
		sqlite3_close_v2(db->h);
		db->h = NULL;
		(void)each_own_file(db->path, remove_file, NULL);
	}
	db_close(db);
}

int
db_level(struct db *db)
{
	int64_t v;

	if (pragma_int(db->h, "PRAGMA user_version", &v) != 0) {
		db_fail(db->h, db->path);
		return -1;
	}
	return (int)v;
}

int
db_set_level(struct db *db, int level)
{
	char sql[64];

	/* PRAGMA takes no parameters; level is an int, not user text. */
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", level);
	return db_exec(db, sql);
}

int
db_mark_archive(struct db *db)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d",
	    DB_APPLICATION_ID);
	return db_exec(db, sql);
}

int
db_exec(struct db *db, const char *sql)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	return db_fail(db->h, db->path);
}

int
db_begin(struct db *db)
{
	int rc;

	/* Another writer's import may outlast the busy timeout: wait it out. */
	while ((rc = db_exec(db, "BEGIN IMMEDIATE")) != 0 &&
	    (sqlite3_errcode(db->h) & 0xff) == SQLITE_BUSY)
		sqlite3_sleep(10);
	return rc;
}

int
db_commit(struct db *db)
{
	return db_exec(db, "COMMIT");
}

int
db_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(db->h))
		return 0;
	return db_exec(db, "ROLLBACK");
}

int
db_savepoint(struct db *db)
{
	return db_exec(db, "SAVEPOINT item");
}

int
db_release(struct db *db)
{
	return db_exec(db, "RELEASE item");
}

int
db_rollback_to(struct db *db)
{
	/* A full disk rolls the whole transaction back: keep its message. */
	if (sqlite3_get_autocommit(db->h))
		return 0;
	return db_exec(db, "ROLLBACK TO item; RELEASE item");
}

int64_t
db_total_changes(struct db *db)
{
	return sqlite3_total_changes64(db->h);
}

int64_t
db_last_rowid(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int
db_prepare(struct db *db, struct db_stmt **out, const char *sql)
{
	struct db_stmt *st;

	*out = NULL;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	st->db = db;
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st->st, NULL) != SQLITE_OK) {
		free(st);
		return db_fail(db->h, db->path);
	}
	*out = st;
	return 0;
}

void
db_finalize(struct db_stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_finalize(st->st);
	free(st);
}

void
db_reset(struct db_stmt *st)
{
	sqlite3_reset(st->st);
	sqlite3_clear_bindings(st->st);
}

static int
bind_result(struct db_stmt *st, int rc)
{
	if (rc == SQLITE_OK)
		return 0;
	return db_fail(st->db->h, st->db->path);
}

int
db_bind_text(struct db_stmt *st, int i, const char *s)
{
	if (s == NULL)
		return db_bind_null(st, i);
	return bind_result(st, sqlite3_bind_text(st->st, i, s, -1,
	    SQLITE_TRANSIENT));
}

int
db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	return bind_result(st, sqlite3_bind_int64(st->st, i, v));
}

int
db_bind_null(struct db_stmt *st, int i)
{
	return bind_result(st, sqlite3_bind_null(st->st, i));
}

int
db_param(struct db_stmt *st, const char *name)
{
	return sqlite3_bind_parameter_index(st->st, name);
}

int
db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->st);

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	rc = db_fail(st->db->h, st->db->path);
	sqlite3_reset(st->st);
	return rc;
}

int
db_run(struct db_stmt *st)
{
	int rc = db_step(st);

	db_reset(st);
	if (rc == DB_ROW || rc == DB_DONE)
		return 0;
	return rc;
}

int
db_run_ids(struct db *db, const char *sql, int64_t a, int64_t b)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, &st, sql)) != 0)
		return rc;
	if ((rc = a ? db_bind_int(st, 1, a) : db_bind_null(st, 1)) == 0 &&
	    (rc = b ? db_bind_int(st, 2, b) : db_bind_null(st, 2)) == 0)
		rc = db_run(st);
	db_finalize(st);
	return rc;
}

const char *
db_column_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st->st, i);
}

int64_t
db_column_int(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(st->st, i);
}

int
db_column_is_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

const char *
db_sql(struct db_stmt *st)
{
	return sqlite3_sql(st->st);
}

int
db_explain(struct db *db, char **out, const char *sql)
{
	sqlite3_str *s = sqlite3_str_new(db->h);
	sqlite3_stmt *st = NULL;
	char *q;
	int rc;

	*out = NULL;
	if ((q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql)) == NULL) {
		sqlite3_free(sqlite3_str_finish(s));
		return dm_error(DM_ERROR, "out of memory");
	}
	rc = sqlite3_prepare_v2(db->h, q, -1, &st, NULL);
	sqlite3_free(q);
	if (rc != SQLITE_OK) {
		sqlite3_free(sqlite3_str_finish(s));
		return db_fail(db->h, db->path);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sqlite3_str_appendf(s, "%s\n", sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	q = sqlite3_str_finish(s);
	if (rc != SQLITE_DONE || q == NULL) {
		sqlite3_free(q);
		return db_fail(db->h, db->path);
	}
	*out = strdup(q);
	sqlite3_free(q);
	return *out ? 0 : dm_error(DM_ERROR, "out of memory");
}

int
db_copy_rows(struct db *to, struct db *from, const char *table)
{
	sqlite3_str *s = sqlite3_str_new(to->h);
	sqlite3_stmt *get = NULL, *put = NULL;
	char *q = NULL;
	int rc = DM_ERROR, i, n;

	if ((q = sqlite3_mprintf("SELECT * FROM \"%w\"", table)) == NULL)
		goto done;
	if (sqlite3_prepare_v2(from->h, q, -1, &get, NULL) != SQLITE_OK) {
		rc = db_fail(from->h, table);
		goto done;
	}
	sqlite3_str_appendf(s, "INSERT INTO \"%w\" VALUES (", table);
	n = sqlite3_column_count(get);
	for (i = 0; i < n; i++)
		sqlite3_str_appendall(s, i ? ", ?" : "?");
	sqlite3_str_appendall(s, ")");
	if (sqlite3_prepare_v2(to->h, sqlite3_str_value(s), -1, &put,
	    NULL) != SQLITE_OK) {
		rc = db_fail(to->h, table);
		goto done;
	}
	while ((rc = sqlite3_step(get)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			sqlite3_bind_value(put, i + 1,
			    sqlite3_column_value(get, i));
		if (sqlite3_step(put) != SQLITE_DONE) {
			rc = db_fail(to->h, table);
			goto done;
		}
		sqlite3_reset(put);
	}
	rc = rc == SQLITE_DONE ? 0 : db_fail(from->h, table);
done:
	if (q == NULL)
		rc = dm_error(DM_ERROR, "out of memory");
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	sqlite3_free(sqlite3_str_finish(s));
	sqlite3_free(q);
	return rc;
}

/* What db_function() registers: the C function and its context. */
struct db_fn {
	const char	*(*fn)(void *, const char *);
	void		*ctx;
	void		(*done)(void *);
};

static void
db_fn_call(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	struct db_fn *f = sqlite3_user_data(c);
	const unsigned char *arg = sqlite3_value_text(argv[0]);
	const char *r;

	(void)argc;
	r = arg == NULL ? NULL : f->fn(f->ctx, (const char *)arg);
	if (r == NULL)
		sqlite3_result_null(c);
	else
		sqlite3_result_text(c, r, -1, SQLITE_TRANSIENT);
}

static void
db_fn_free(void *p)
{
	struct db_fn *f = p;

	f->done(f->ctx);
	free(f);
}

int
db_function(struct db *db, const char *name,
    const char *(*fn)(void *ctx, const char *arg), void *ctx,
    void (*done)(void *ctx))
{
	struct db_fn *f;

	if ((f = malloc(sizeof(*f))) == NULL) {
		done(ctx);
		return dm_error(DM_ERROR, "out of memory");
	}
	f->fn = fn;
	f->ctx = ctx;
	f->done = done;
	/* On failure SQLite has already called db_fn_free(). */
	if (sqlite3_create_function_v2(db->h, name, 1, SQLITE_UTF8, f,
	    db_fn_call, NULL, NULL, db_fn_free) != SQLITE_OK)
		return dm_error(DM_ERROR, "cannot register %s(): %s", name,
		    sqlite3_errmsg(db->h));
	return 0;
}
