/*
 * The FTS5 tokenizer "demarche", used by the archive's full-text tables
 * (tokenize='demarche').  It takes no arguments.
 *
 * Outside CJK scripts it follows unicode61: a token is a run of letters
 * and digits of any script, case-folded (NFKC, full case folding) and
 * with diacritics removed, so "États" and "ETATS" both give "etats".
 * Combining marks and invisible joiners inside a word stay part of it.
 *
 * A run of CJK characters (Han, kana, Hangul syllables) is indexed as
 * overlapping bigrams, "欧盟使团" -> "欧盟" "盟使" "使团", with each
 * character also indexed as a synonym at the position of the bigram it
 * starts (the last one at the last bigram), so that a query for a word
 * of one character finds it inside a longer run.  A lone CJK character
 * is one token.  Queries see only the bigrams, so a longer CJK query is
 * a phrase of bigrams.  Invalid UTF-8 separates tokens.
 *
 * A word that folds to ASCII is also indexed by its English (Snowball)
 * stem, after the byte '~' and at the word's position, if the stem
 * differs: "challenges" gives "challenges" and "~challeng".  A query
 * word looks for its stem, so it finds every form of itself, unless its
 * string starts with DB_FTS_EXACT (db.h) or it is a prefix ("pre*"):
 * those words are looked for as written.
 */
#ifndef DM_DB_TOKENIZER_H
#define DM_DB_TOKENIZER_H

#include <stddef.h>

#include "db_sqlite.h"

/*
 * Registers the tokenizer on db, whose FTS5 API is api (db_fts5_api());
 * it must be registered on every connection before a table that uses it
 * is read or written.  Returns 0, or DM_ERROR with a message.
 */
int	db_tokenizer_register(sqlite3 *db, fts5_api *api);

/*
 * The FTS5 API of db (version 2 or later) into *api, for what registers
 * on it: the tokenizer, dm_snippet() (db_snippet.h) and dm_rank()
 * (db_rank.h).  Returns 0, or DM_ERROR with a message if db lacks FTS5.
 */
int	db_fts5_api(sqlite3 *db, fts5_api **api);

/*
 * Tokens made ahead of FTS5, on another thread than the connection's:
 * those of the text of len bytes, which must outlive them.
 */
struct db_tokens {
	const char	*text;
	int		 len;
	char		*rec;		/* the tokens, n of cap bytes */
	size_t		 n, cap;
};

/* A tokenizer for db_tokens_make(), or NULL if it cannot be made. */
struct db_tokenizer *db_tokenizer_new(void);
void	db_tokenizer_free(struct db_tokenizer *tz);

/*
 * Tokenizes text, of len bytes, as a document into *out: 0, or -1 when
 * out of memory (*out then empty).  tz serves one thread at a time.
 */
int	db_tokens_make(struct db_tokenizer *tz, const char *text, int len,
	    struct db_tokens *out);
void	db_tokens_free(struct db_tokens *tk);

/*
 * Gives the calling thread's tokenizer the n tokens of t, in order, for
 * the documents it tokenizes next: one whose text is equal to the next
 * of them gets its tokens without being tokenized again; any other is
 * tokenized.  n = 0 takes them back; t must outlive their use.
 */
void	db_tokens_ahead(const struct db_tokens *t, size_t n);

/* Registers the auxiliary function fn as name.  0, or DM_ERROR. */
int	db_fts5_function(sqlite3 *db, fts5_api *api, const char *name,
	    fts5_extension_function fn);

#endif
