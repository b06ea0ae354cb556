#include "db_rank.h"
#include "db_snippet.h"
#include "db_sortset.h"
#include "db_tokenizer.h"
#include "error.h"

SQLITE_EXTENSION_INIT1

int	sqlite3_extension_init(sqlite3 *, char **,
	    const sqlite3_api_routines *);

/*
 * The entry point SQLite calls when it loads the extension: registers on
 * db what demarche registers on each of its connections (db.c), so that
 * the full-text tables and their triggers work.
 */
__attribute__((visibility("default"))) int
sqlite3_extension_init(sqlite3 *db, char **err,
    const sqlite3_api_routines *api)
{
	fts5_api *fts;

	SQLITE_EXTENSION_INIT2(api);
	if (db_fts5_api(db, &fts) != 0 ||
	    db_tokenizer_register(db, fts) != 0 ||
	    db_snippet_register(db, fts) != 0 ||
	    db_rank_register(db, fts) != 0 ||
	    db_sortset_register(db) != 0) {
		*err = sqlite3_mprintf("demarche: %s", dm_error_last());
		return SQLITE_ERROR;
	}
	return SQLITE_OK;
}
