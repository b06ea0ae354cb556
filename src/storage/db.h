/*
 * The storage layer: the only module that speaks to SQLite.  Everything
 * above it prepares, binds and steps statements through these wrappers,
 * so every value is bound and every failure is said in words that name
 * its cause (read-only, disk full, locked, damaged, not an archive) or in
 * SQLite's own, never with the statement's text.
 */
#ifndef DM_DB_H
#define DM_DB_H

#include <stdint.h>

struct db;
struct db_stmt;

/* The application_id that marks a demarche archive ("DMRC"). */
#define DB_APPLICATION_ID 0x444d5243

/*
 * A string of a full-text query that starts with this byte is matched
 * as written, without stemming: '"=systemic challenges"' finds those
 * words side by side, not "systemic challenge" (db_tokenizer.h).
 */
#define DB_FTS_EXACT '='

enum db_open_flags {
	DB_CREATE = 1 << 0,	/* create the file if missing */
	DB_MEMORY = 1 << 1,	/* path is ignored: a private in-memory db */
};

/* Results of db_step() besides errors. */
enum db_step_result { DB_DONE = 0, DB_ROW = 1 };

/*
 * Opens path, refusing anything that is not a demarche archive (or an
 * empty file when DB_CREATE is given) and archives from a newer program
 * (schema level above known_level), without writing to them.  Sets WAL,
 * foreign keys and a busy timeout on success.
 */
int	 db_open(struct db **out, const char *path, unsigned flags,
	    int known_level);
void	 db_close(struct db *db);
/*
 * Closes db and, where this opening created the archive's file, removes
 * it and the files SQLite kept beside it: a failed init leaves nothing.
 */
void	 db_discard(struct db *db);

/*
 * Refuses, before anything is written, a path that is one of the
 * archive's files: the database, its -wal, -shm or -journal, known by
 * device and inode (a link or another name to one of them included).
 * Returns 0, or DM_ERROR naming path and which file it is.
 */
int	 db_refuse_own(struct db *db, const char *path);

/* The archive's schema level (PRAGMA user_version), or -1 on failure. */
int	 db_level(struct db *db);
int	 db_set_level(struct db *db, int level);
/* Sets PRAGMA application_id to DB_APPLICATION_ID. */
int	 db_mark_archive(struct db *db);

/* Runs one or more statements that take no parameters (migrations). */
int	 db_exec(struct db *db, const char *sql);

int	 db_begin(struct db *db);	/* BEGIN IMMEDIATE */
int	 db_commit(struct db *db);
int	 db_rollback(struct db *db);	/* harmless outside a transaction */
int	 db_savepoint(struct db *db);
int	 db_release(struct db *db);
int	 db_rollback_to(struct db *db);	/* and release */

/* Rows changed since the connection opened. */
int64_t	 db_total_changes(struct db *db);
int64_t	 db_last_rowid(struct db *db);

int	 db_prepare(struct db *db, struct db_stmt **out, const char *sql);
void	 db_finalize(struct db_stmt *st);
void	 db_reset(struct db_stmt *st);	/* also clears the bindings */

/* Binding indexes start at 1; NULL text binds SQL NULL. */
int	 db_bind_text(struct db_stmt *st, int i, const char *s);
int	 db_bind_int(struct db_stmt *st, int i, int64_t v);
int	 db_bind_null(struct db_stmt *st, int i);
/* The index of the parameter called name (":from"), or 0 if st has none. */
int	 db_param(struct db_stmt *st, const char *name);

/*
 * DB_ROW, DB_DONE, or DM_ECONFLICT for a constraint violation (an
 * expected outcome, message set) or DM_ERROR.
 */
int	 db_step(struct db_stmt *st);
/* Steps a statement that returns no rows, then resets it. */
int	 db_run(struct db_stmt *st);
/*
 * Prepares, runs and finalizes sql, one statement that returns no rows,
 * with ?1 bound to a and ?2 to b, or to NULL where 0.
 */
int	 db_run_ids(struct db *db, const char *sql, int64_t a, int64_t b);

/* Borrowed until the next step or reset; NULL for SQL NULL. */
const char *db_column_text(struct db_stmt *st, int i);
int64_t	 db_column_int(struct db_stmt *st, int i);
int	 db_column_is_null(struct db_stmt *st, int i);

/* The SQL text st was prepared from; borrowed. */
const char *db_sql(struct db_stmt *st);

/*
 * Copies every row of table in from into the table of the same name and
 * columns in to.
 */
int	 db_copy_rows(struct db *to, struct db *from, const char *table);

/* The query plan of sql, one detail line per row, joined by '\n'. */
int	 db_explain(struct db *db, char **out, const char *sql);

/*
 * Makes name(TEXT) an SQL function of this connection: fn(ctx, arg) gives
 * its text, NULL for SQL NULL.  done(ctx) runs when the function is
 * replaced or the connection closes (ctx is freed with it even if the
 * registration fails).
 */
int	 db_function(struct db *db, const char *name,
	    const char *(*fn)(void *ctx, const char *arg), void *ctx,
	    void (*done)(void *ctx));

#endif
