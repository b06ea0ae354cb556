/* The archive handle shared by the core modules. */
#ifndef DM_ARCHIVE_H
#define DM_ARCHIVE_H

#include "demarche.h"

struct atomic_file;
struct db;
struct store;

struct dm_archive {
	struct db    *db;
	struct store *store;	/* made on first use, once the schema is current */
};

/*
 * The archive's store, prepared on first use, after applying the
 * migrations an archive made by an older demarche lacks.
 */
int	archive_store(dm_archive *a, struct store **out);

/*
 * atomic_file_open() for an output file, path, that must not be one of
 * the archive's own files (see db_refuse_own()).
 */
int	archive_output_open(dm_archive *a, struct atomic_file *af,
	    const char *path);

#endif
