/*
 * SQLite's API for the files the loadable extension shares with the
 * program (the tokenizer, dm_snippet, dm_rank, dm_sortset): called
 * directly in the program; in the extension, built with
 * DM_SQLITE_EXTENSION, through the table of the SQLite that loads it,
 * so that the shell's, Python's or Datasette's SQLite runs it.
 */
#ifndef DM_DB_SQLITE_H
#define DM_DB_SQLITE_H

#ifdef DM_SQLITE_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#else
#include <sqlite3.h>
#endif

#endif
