/*
 * demarche: an archive of diplomatic statements in one SQLite file.
 *
 * This is the interface the command-line front-end and the tests use.
 * Conventions:
 *  - Functions that can fail return int: 0 on success, DM_ERROR on a
 *    generic failure, or a named negative for an expected outcome.  The
 *    message of the last failure is read with dm_error_last().
 *  - A pointer-to-pointer first parameter named out receives an object
 *    the caller owns and releases with the matching _free function;
 *    every _free accepts NULL.
 *  - Returned const pointers are borrowed.
 */
#ifndef DEMARCHE_H
#define DEMARCHE_H

#include <stddef.h>
#include <stdint.h>

#define DM_VERSION "0.1.0"

enum dm_status {
	DM_OK = 0,
	DM_ERROR = -1,		/* generic failure */
	DM_ENOTFOUND = -2,	/* nothing found where something was required */
	DM_ECONFLICT = -3,	/* same id, different content */
	DM_EINVALID = -4,	/* bad input: a file, a value, a date */
	DM_ENEWER = -5,		/* archive made by a newer demarche */
	DM_ENOTARCHIVE = -6,	/* a file that is not a demarche archive */
};

/*
 * The message recorded by the last failure, or "" if none.  Borrowed:
 * valid until the next failure.
 */
const char	*dm_error_last(void);

/*
 * Sets the function that receives warnings (one line each, no newline).
 * NULL restores the default, which discards them.
 */
void		 dm_set_warning_handler(void (*fn)(void *ctx, const char *msg),
		    void *ctx);

/* An open archive.  Opaque. */
typedef struct dm_archive dm_archive;

enum dm_open_flags {
	DM_OPEN_CREATE = 1 << 0,	/* create the file (init) */
	DM_OPEN_MEMORY = 1 << 1,	/* a private in-memory archive */
};

/*
 * Opens the archive at path.  Refuses, without writing to it, a file that
 * is not a demarche archive (DM_ENOTARCHIVE; an empty or new file is
 * accepted with DM_OPEN_CREATE), one made by a newer demarche (DM_ENEWER)
 * and a missing file without DM_OPEN_CREATE (DM_ENOTFOUND).  Opening does
 * not migrate: see dm_archive_migrate().
 */
int		 dm_archive_open(dm_archive **out, const char *path,
		    unsigned flags);
void		 dm_archive_free(dm_archive *a);

/* The archive's schema level, and the highest level this program knows. */
int		 dm_archive_level(dm_archive *a);
int		 dm_known_level(void);

/* One migration as dm_archive_migrations() reports it. */
struct dm_migration {
	int         version;
	const char *name;	/* file name, e.g. "0001-initial.sql" */
	const char *applied_at;	/* ISO time, or NULL when pending */
	int         changed;	/* applied, and its text changed since */
};

/*
 * Applies pending migrations, each in its own transaction; *applied
 * receives how many.  Warns about applied migrations that changed.
 */
int		 dm_archive_migrate(dm_archive *a, int *applied);

/* Calls fn for each known migration in order; non-zero from fn stops. */
int		 dm_archive_migrations(dm_archive *a,
		    int (*fn)(void *ctx, const struct dm_migration *m),
		    void *ctx);

struct dm_init_result {
	int migrations;		/* migrations applied */
	int actors;		/* gazetteer actors added */
	int aliases;		/* gazetteer aliases added */
};

/*
 * Brings the archive to the current schema and loads the gazetteer, in
 * one transaction for the gazetteer.  Running it again changes nothing.
 */
int		 dm_archive_init(dm_archive *a, struct dm_init_result *res);

/* What 'demarche stats' reports. */
struct dm_stats {
	int64_t actors;
	int64_t unresolved;	/* actors of kind unresolved */
	int64_t statements;
	int64_t claims;
	int64_t imports;
	char    first_date[11];	/* earliest statement date, or "" */
	char    last_date[11];	/* latest statement date, or "" */
};

int		 dm_archive_stats(dm_archive *a, struct dm_stats *out);

#endif
