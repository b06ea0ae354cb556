#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "digest.h"
#include "error.h"
#include "fold.h"
#include "fts_fill.h"
#include "resolve.h"
#include "store.h"

enum stmt {
	STMT_ACTOR_BY_CODE,
	STMT_ACTOR_CODE,
	STMT_ACTOR_INFO,
	STMT_ACTOR_INSERT,
	STMT_ACTOR_ADOPT,
	STMT_ALIAS_FIND,
	STMT_ALIAS_INSERT,
	STMT_STATEMENT_FIND,
	STMT_STATEMENT_DELETE,
	STMT_STATEMENT_INSERT,
	STMT_RESPONSE_INSERT,
	STMT_CO_ISSUER_INSERT,
	STMT_CLAIM_INSERT,
	STMT_DECISIONS,
	STMT_CARRY_CLAIMS,
	STMT_CARRY_TARGETS,
	STMT_CARRY_TOPICS,
	STMT_CARRIED,
	STMT_CARRIED_CLAIM,
	STMT_CARRIED_TARGETS,
	STMT_CARRIED_TOPICS,
	STMT_TARGET_INSERT,
	STMT_TOPIC_INSERT,
	STMT_IMPORT_BEGIN,
	STMT_IMPORT_FINISH,
	STMT_MERGE_STATEMENTS,
	STMT_MERGE_CO_ISSUERS,
	STMT_MERGE_CO_ISSUERS_OUT,
	STMT_MERGE_CLAIMS,
	STMT_MERGE_TARGETS_OF,
	STMT_MERGE_TARGETS_OUT,
	STMT_MERGE_ALIASES,
	STMT_MERGE_CHILDREN,
	STMT_ACTOR_DELETE,
	STMT_NAMES,
	STMT_PENDING_SET,
	STMT_INDEX_STATEMENTS,
	STMT_INDEX_STATEMENTS_INSERT,
	STMT_INDEX_FLUSH,
	STMT_INDEX_CLAIMS,
	STMT_INDEX_CLAIMS_INSERT,
	STMT_FTS_MERGING_STATEMENTS,
	STMT_FTS_MERGING_CLAIMS,
	STMT_FTS_OPTIMIZE_STATEMENTS,
	STMT_FTS_OPTIMIZE_CLAIMS,
	STMT_QUERY_INDEXES,
	STMT_ARCHIVE_BYTES,
	STMT__MAX
};

/*
 * The indexes that only queries read: while a file's rows go in, no
 * statement of the import looks rows up by them (statements_import, which
 * finds the file's statements, stays).
 */
#define QUERY_INDEXES	"'statements_issuer', 'statements_date',"	\
	" 'statements_kind', 'responses_target', 'claims_by', 'claims_kind',"	\
	" 'claims_by_date', 'claim_targets_actor', 'claim_topics_topic'"

static const char *const stmt_sql[STMT__MAX] = {
	/* STMT_ACTOR_BY_CODE */
	"SELECT id FROM actors WHERE code = ?1",
	/* STMT_ACTOR_CODE */
	"SELECT code FROM actors WHERE id = ?1",
	/* STMT_ACTOR_INFO */
	"SELECT a.code, a.name, a.kind, coalesce(p.code, ''), "
	"coalesce(a.country, '') FROM actors a "
	"LEFT JOIN actors p ON p.id = a.parent_id WHERE a.id = ?1",
	/* STMT_ACTOR_INSERT */
	"INSERT INTO actors (code, name, kind, country, parent_id) "
	"VALUES (?1, ?2, ?3, ?4, ?5)",
	/* STMT_ACTOR_ADOPT: a new actor becomes the parent of descendants
	 * whose current parent, if any, is higher up. */
	"UPDATE actors SET parent_id = ?1 "
	"WHERE code > ?2 || '.' AND code < ?2 || '/' AND (parent_id IS NULL "
	"OR (SELECT length(p.code) FROM actors p WHERE p.id = "
	"actors.parent_id) < length(?2))",
	/* STMT_ALIAS_FIND */
	"SELECT actor_id, (SELECT code FROM actors WHERE id = actor_id) "
	"FROM aliases WHERE folded = ?1",
	/* STMT_ALIAS_INSERT */
	"INSERT INTO aliases (folded, actor_id, alias, is_name) "
	"VALUES (?1, ?2, ?3, ?4)",
	/* STMT_STATEMENT_FIND */
	"SELECT sid, digest, import_id FROM statements WHERE id = ?1",
	/* STMT_STATEMENT_DELETE */
	"DELETE FROM statements WHERE sid = ?1",
	/* STMT_STATEMENT_INSERT */
	"INSERT INTO statements (id, issuer_id, date, date_lo, date_hi, title, "
	"text, url, language, kind, source, digest, import_id) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	/* STMT_RESPONSE_INSERT */
	"INSERT OR IGNORE INTO responses (statement_id, responds_to, seq) "
	"VALUES (?1, ?2, ?3)",
	/* STMT_CO_ISSUER_INSERT */
	"INSERT INTO co_issuers (statement_id, actor_id, seq) "
	"VALUES (?1, ?2, ?3)",
	/* STMT_CLAIM_INSERT: with its statement's first day (migration 0004) */
	"INSERT INTO claims (statement_id, seq, by_id, kind, cameo, summary, "
	"quote, date, method, statement_lo, cue, review, reviewer, "
	"reviewed_at, rule_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	"(SELECT date_lo FROM statements WHERE sid = ?1), ?10, ?11, ?12, "
	"?13, ?14)",
	/* STMT_DECISIONS */
	"SELECT rule_key, review, reviewer, reviewed_at FROM claims"
	" WHERE statement_id = ?1 AND review IN ('rejected', 'reviewed')"
	" AND rule_key IS NOT NULL",
	/*
	 * STMT_CARRY_*: the reviewed claims of a statement about to be
	 * replaced, kept aside in the temporary tables of CARRY_TABLES.
	 */
	"INSERT INTO temp.carried_claims SELECT * FROM claims"
	" WHERE statement_id = ?1 AND review = 'reviewed'",
	"INSERT INTO temp.carried_targets SELECT t.* FROM claim_targets t"
	" JOIN temp.carried_claims c ON c.id = t.claim_id",
	"INSERT INTO temp.carried_topics SELECT p.* FROM claim_topics p"
	" JOIN temp.carried_claims c ON c.id = p.claim_id",
	/* STMT_CARRIED: put back after the claims of the new statement */
	"SELECT id FROM temp.carried_claims ORDER BY seq",
	/* STMT_CARRIED_CLAIM */
	"INSERT INTO claims (statement_id, seq, by_id, kind, cameo, summary,"
	" quote, date, method, statement_lo, cue, review, reviewer,"
	" reviewed_at, rule_key) SELECT ?1, (SELECT coalesce(max(seq), -1) + 1"
	" FROM claims WHERE statement_id = ?1), by_id, kind, cameo, summary,"
	" quote, date, method, (SELECT date_lo FROM statements WHERE sid = ?1),"
	" cue, review, reviewer, reviewed_at, rule_key"
	" FROM temp.carried_claims WHERE id = ?2",
	/* STMT_CARRIED_TARGETS */
	"INSERT INTO claim_targets (claim_id, actor_id, seq) SELECT ?1,"
	" actor_id, seq FROM temp.carried_targets WHERE claim_id = ?2",
	/* STMT_CARRIED_TOPICS */
	"INSERT INTO claim_topics (claim_id, topic, seq) SELECT ?1, topic, seq"
	" FROM temp.carried_topics WHERE claim_id = ?2",
	/* STMT_TARGET_INSERT */
	"INSERT OR IGNORE INTO claim_targets (claim_id, actor_id, seq) "
	"VALUES (?1, ?2, ?3)",
	/* STMT_TOPIC_INSERT */
	"INSERT OR IGNORE INTO claim_topics (claim_id, topic, seq) "
	"VALUES (?1, ?2, ?3)",
	/* STMT_IMPORT_BEGIN */
	"INSERT INTO imports (file, sha256, started_at, finished_at) "
	"VALUES (?1, printf('%064d', 0), "
	"strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '')",
	/* STMT_IMPORT_FINISH */
	"UPDATE imports SET sha256 = ?2, new = ?3, updated = ?4, "
	"unchanged = ?5, rejected = ?6, unresolved = ?7, "
	"finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
	/* STMT_MERGE_STATEMENTS */
	"UPDATE statements SET issuer_id = ?2 WHERE issuer_id = ?1",
	/* STMT_MERGE_CO_ISSUERS: a statement both issued keeps one row */
	"UPDATE OR IGNORE co_issuers SET actor_id = ?2 WHERE actor_id = ?1",
	/* STMT_MERGE_CO_ISSUERS_OUT: that row, or the issuer's own */
	"DELETE FROM co_issuers WHERE actor_id = ?1 OR (actor_id = ?2"
	" AND statement_id IN (SELECT sid FROM statements WHERE issuer_id = ?2))",
	/* STMT_MERGE_CLAIMS */
	"UPDATE claims SET by_id = ?2 WHERE by_id = ?1",
	/* STMT_MERGE_TARGETS_OF: the targets that name from or belong to its
	 * claims, which the who summary sees leave and come back */
	"SELECT claim_id, actor_id, seq FROM claim_targets WHERE actor_id = ?1"
	" OR claim_id IN (SELECT id FROM claims WHERE by_id = ?1)",
	/* STMT_MERGE_TARGETS_OUT */
	"DELETE FROM claim_targets WHERE actor_id = ?1"
	" OR claim_id IN (SELECT id FROM claims WHERE by_id = ?1)",
	/* STMT_MERGE_ALIASES */
	"UPDATE aliases SET actor_id = ?2, is_name = 0 WHERE actor_id = ?1",
	/* STMT_MERGE_CHILDREN */
	"UPDATE actors SET parent_id = ?2 WHERE parent_id = ?1",
	/* STMT_ACTOR_DELETE */
	"DELETE FROM actors WHERE id = ?1",
	/* STMT_NAMES */
	"SELECT l.alias, a.code FROM aliases l JOIN actors a ON a.id = l.actor_id",
	/* STMT_PENDING_SET */
	"UPDATE pending SET import_id = ?1",
	/*
	 * STMT_INDEX_*: the statements of import ?1 (only statement ?2, if
	 * given) and their claims, and their insert into the full-text
	 * indexes (fts_fill()).
	 */
	"SELECT sid, title, text FROM statements"
	" WHERE import_id = ?1 AND (?2 IS NULL OR sid = ?2)",
	"INSERT INTO statements_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
	/*
	 * The entries gathered in memory for statements_fts written out
	 * now, not at the commit, so that they and claims_fts's are never
	 * in memory at once: FTS5 writes what it holds before it merges,
	 * and a merge of 0 pages does nothing else.
	 */
	"INSERT INTO statements_fts (statements_fts, rank) VALUES ('merge', 0)",
	"SELECT c.id, c.summary, c.quote FROM claims c"
	" JOIN statements s ON s.sid = c.statement_id"
	" WHERE s.import_id = ?1 AND (?2 IS NULL OR s.sid = ?2)",
	"INSERT INTO claims_fts (rowid, summary, quote) VALUES (?1, ?2, ?3)",
	/*
	 * STMT_FTS_MERGING_*: how many segments of a level FTS5 merges,
	 * ?1 as they are written (0: none) and ?2 when a level holds that
	 * many whatever ?1 says (FTS5's own default is 16).
	 */
	"INSERT INTO statements_fts (statements_fts, rank)"
	" VALUES ('automerge', ?1), ('crisismerge', ?2)",
	"INSERT INTO claims_fts (claims_fts, rank)"
	" VALUES ('automerge', ?1), ('crisismerge', ?2)",
	/* STMT_FTS_OPTIMIZE_* */
	"INSERT INTO statements_fts (statements_fts) VALUES ('optimize')",
	"INSERT INTO claims_fts (claims_fts) VALUES ('optimize')",
	/* STMT_QUERY_INDEXES: how to make them again, and to drop them;
	 * the names are the schema's own, from the list QUERY_INDEXES */
	"SELECT group_concat(sql || ';', ''),"
	" group_concat('DROP INDEX ' || name || ';', '') FROM sqlite_schema"
	" WHERE type = 'index' AND name IN (" QUERY_INDEXES ")",
	/* STMT_ARCHIVE_BYTES */
	"SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
};

struct store {
	struct db      *db;
	struct db_stmt *st[STMT__MAX];
};

int
store_new(struct store **out, struct db *db)
{
	struct store *s;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	s->db = db;
	*out = s;
	return 0;
}

/*
 * Statement i, prepared on first use: a statement that writes to a table
 * with triggers compiles them, which costs a read-only command more
 * than its query.
 */
static int
stmt_get(struct store *s, enum stmt i, struct db_stmt **st)
{
	int rc;

	if (s->st[i] == NULL && (rc = db_prepare(s->db, &s->st[i],
	    stmt_sql[i])) != 0)
		return rc;
	*st = s->st[i];
	return 0;
}

void
store_free(struct store *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < STMT__MAX; i++)
		db_finalize(s->st[i]);
	free(s);
}

/* Looks up one integer; DM_ENOTFOUND when there is no row. */
static int
lookup_id(struct db_stmt *st, int64_t *id)
{
	int rc = db_step(st);

	if (rc == DB_ROW)
		*id = db_column_int(st, 0);
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	return rc == DB_DONE ? DM_ENOTFOUND : rc;
}

static int
actor_by_code(struct store *s, const char *code, int64_t *id)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_ACTOR_BY_CODE, &st)) != 0)
		return rc;
	if ((rc = db_bind_text(st, 1, code)) != 0)
		return rc;
	return lookup_id(st, id);
}

/* The nearest existing actor whose code is a dotted prefix of code. */
static int
find_parent(struct store *s, const char *code, int64_t *parent)
{
	char buf[128];
	char *dot;
	int rc;

	snprintf(buf, sizeof(buf), "%s", code);
	while ((dot = strrchr(buf, '.')) != NULL) {
		*dot = '\0';
		rc = actor_by_code(s, buf, parent);
		if (rc != DM_ENOTFOUND)
			return rc;
	}
	return DM_ENOTFOUND;
}

static int
alias_insert(struct store *s, int64_t actor_id, const char *alias,
    int is_name, int *added)
{
	struct db_stmt *st;
	char *key = NULL;
	char holder[128];
	int64_t other;
	int rc;

	*added = 0;
	if ((rc = fold_key(&key, alias)) != 0)
		return rc;
	if ((rc = stmt_get(s, STMT_ALIAS_FIND, &st)) != 0 ||
	    (rc = db_bind_text(st, 1, key)) != 0)
		goto done;
	if ((rc = db_step(st)) == DB_ROW) {
		other = db_column_int(st, 0);
		snprintf(holder, sizeof(holder), "%s", db_column_text(st, 1));
		db_reset(st);
		if (other != actor_id) {
			char mine[128];

			if ((rc = store_actor_code(s, actor_id, mine,
			    sizeof(mine))) != 0)
				goto done;
			dm_warn("alias '%s' of '%s' is already held by '%s'; "
			    "it stays there", alias, mine, holder);
		}
		rc = 0;
		goto done;
	}
	db_reset(st);
	if (rc != DB_DONE)
		goto done;
	if ((rc = stmt_get(s, STMT_ALIAS_INSERT, &st)) != 0 ||
	    (rc = db_bind_text(st, 1, key)) != 0 ||
	    (rc = db_bind_int(st, 2, actor_id)) != 0 ||
	    (rc = db_bind_text(st, 3, alias)) != 0 ||
	    (rc = db_bind_int(st, 4, is_name)) != 0 ||
	    (rc = db_run(st)) != 0)
		goto done;
	*added = 1;
done:
	free(key);
	return rc;
}

int
store_actor_add(struct store *s, const char *code, const char *name,
    const char *kind, const char *country, int64_t *id, int *created)
{
	struct db_stmt *st;
	int64_t parent = 0;
	int rc, has_parent, added;

	*created = 0;
	if ((rc = actor_by_code(s, code, id)) != DM_ENOTFOUND)
		return rc;
	if ((rc = find_parent(s, code, &parent)) != 0 && rc != DM_ENOTFOUND)
		return rc;
	has_parent = rc == 0;
	if ((rc = stmt_get(s, STMT_ACTOR_INSERT, &st)) != 0)
		return rc;
	if ((rc = db_bind_text(st, 1, code)) != 0 ||
	    (rc = db_bind_text(st, 2, name)) != 0 ||
	    (rc = db_bind_text(st, 3, kind)) != 0 ||
	    (rc = db_bind_text(st, 4, country && *country ? country :
	    NULL)) != 0 ||
	    (rc = has_parent ? db_bind_int(st, 5, parent) :
	    db_bind_null(st, 5)) != 0 ||
	    (rc = db_run(st)) != 0)
		return rc;
	*id = db_last_rowid(s->db);
	*created = 1;
	if ((rc = stmt_get(s, STMT_ACTOR_ADOPT, &st)) != 0)
		return rc;
	if ((rc = db_bind_int(st, 1, *id)) != 0 ||
	    (rc = db_bind_text(st, 2, code)) != 0 ||
	    (rc = db_run(st)) != 0)
		return rc;
	return alias_insert(s, *id, name, 1, &added);
}

int
store_alias_add(struct store *s, int64_t actor_id, const char *alias,
    int *added)
{
	return alias_insert(s, actor_id, alias, 0, added);
}

int
store_actor_find(struct store *s, const char *ref, int64_t *id)
{
	struct db_stmt *st;
	char code[128];
	char *key = NULL;
	int rc;

	snprintf(code, sizeof(code), "%s", ref);
	if (strlen(ref) < sizeof(code) && code_normalise(code) == 0 &&
	    (rc = actor_by_code(s, code, id)) != DM_ENOTFOUND)
		return rc;
	if (fold_key(&key, ref) != 0)
		return dm_error(DM_ENOTFOUND, "no actor '%s'", ref);
	if ((rc = stmt_get(s, STMT_ALIAS_FIND, &st)) == 0 &&
	    (rc = db_bind_text(st, 1, key)) == 0)
		rc = lookup_id(st, id);
	free(key);
	if (rc == DM_ENOTFOUND)
		return dm_error(DM_ENOTFOUND, "no actor '%s'", ref);
	return rc;
}

int
store_actor_code(struct store *s, int64_t id, char *buf, size_t len)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_ACTOR_CODE, &st)) != 0)
		return rc;
	if ((rc = db_bind_int(st, 1, id)) != 0)
		return rc;
	if ((rc = db_step(st)) == DB_ROW)
		snprintf(buf, len, "%s", db_column_text(st, 0));
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	return rc == DB_DONE ? dm_error(DM_ENOTFOUND, "no actor with id "
	    "%lld", (long long)id) : rc;
}

int
store_actor_info(struct store *s, int64_t id, struct resolved *out)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_ACTOR_INFO, &st)) != 0 ||
	    (rc = db_bind_int(st, 1, id)) != 0)
		return rc;
	if ((rc = db_step(st)) == DB_ROW) {
		snprintf(out->code, sizeof(out->code), "%s",
		    db_column_text(st, 0));
		snprintf(out->name, sizeof(out->name), "%s",
		    db_column_text(st, 1));
		snprintf(out->kind, sizeof(out->kind), "%s",
		    db_column_text(st, 2));
		snprintf(out->parent, sizeof(out->parent), "%s",
		    db_column_text(st, 3));
		snprintf(out->country, sizeof(out->country), "%s",
		    db_column_text(st, 4));
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	return rc == DB_DONE ? dm_error(DM_ENOTFOUND, "no actor with id "
	    "%lld", (long long)id) : rc;
}

int
store_actor_unresolved(struct store *s, const char *ref, int64_t *id)
{
	char code[DM_CODE_MAX + 1], hex[DIGEST_HEX_LEN + 1];
	size_t n = 2;
	const char *p;
	int created, rc;

	memcpy(code, "X-", 2);
	for (p = ref; *p != '\0' && n < DM_CODE_MAX - 1; p++) {
		if (isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
			code[n++] = toupper((unsigned char)*p);
		else if (code[n - 1] != '-')
			code[n++] = '-';
	}
	while (n > 2 && code[n - 1] == '-')
		n--;
	code[n] = '\0';
	if (n == 2) {
		digest_hex(ref, strlen(ref), hex);
		snprintf(code + 2, sizeof(code) - 2, "%.12s", hex);
		code_normalise(code);
	}
	/* Two references may make the same code: the alias keeps them apart. */
	if ((rc = store_actor_add(s, code, ref, "unresolved", NULL, id,
	    &created)) != 0)
		return rc;
	if (!created)
		return store_alias_add(s, *id, ref, &created);
	return 0;
}

int
store_statement_find(struct store *s, const char *id, int64_t *sid,
    char *digest, int64_t *import_id)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_STATEMENT_FIND, &st)) != 0)
		return rc;
	if ((rc = db_bind_text(st, 1, id)) != 0)
		return rc;
	if ((rc = db_step(st)) == DB_ROW) {
		*sid = db_column_int(st, 0);
		snprintf(digest, DIGEST_HEX_LEN + 1, "%s",
		    db_column_text(st, 1));
		*import_id = db_column_int(st, 2);
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	return rc == DB_DONE ? DM_ENOTFOUND : rc;
}

/* Runs statement i with integer parameters a (and b when nb is 2). */
static int
run_ids(struct store *s, enum stmt i, int64_t a, int64_t b, int nb)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, i, &st)) != 0)
		return rc;
	if ((rc = db_bind_int(st, 1, a)) != 0 ||
	    (nb > 1 && (rc = db_bind_int(st, 2, b)) != 0))
		return rc;
	return db_run(st);
}

int
store_statement_delete(struct store *s, int64_t sid)
{
	return run_ids(s, STMT_STATEMENT_DELETE, sid, 0, 1);
}

int
store_statement_insert(struct store *s, const struct store_statement *r,
    int64_t *sid)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_STATEMENT_INSERT, &st)) != 0)
		return rc;
	if ((rc = db_bind_text(st, 1, r->id)) != 0 ||
	    (rc = db_bind_int(st, 2, r->issuer_id)) != 0 ||
	    (rc = db_bind_text(st, 3, r->date)) != 0 ||
	    (rc = db_bind_text(st, 4, r->date_lo)) != 0 ||
	    (rc = db_bind_text(st, 5, r->date_hi)) != 0 ||
	    (rc = db_bind_text(st, 6, r->title)) != 0 ||
	    (rc = db_bind_text(st, 7, r->text)) != 0 ||
	    (rc = db_bind_text(st, 8, r->url)) != 0 ||
	    (rc = db_bind_text(st, 9, r->language)) != 0 ||
	    (rc = db_bind_text(st, 10, r->kind)) != 0 ||
	    (rc = db_bind_text(st, 11, r->source)) != 0 ||
	    (rc = db_bind_text(st, 12, r->digest)) != 0 ||
	    (rc = db_bind_int(st, 13, r->import_id)) != 0 ||
	    (rc = db_run(st)) != 0)
		return rc;
	*sid = db_last_rowid(s->db);
	return 0;
}

int
store_response_insert(struct store *s, int64_t sid, const char *responds_to,
    int seq)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_RESPONSE_INSERT, &st)) != 0)
		return rc;
	if ((rc = db_bind_int(st, 1, sid)) != 0 ||
	    (rc = db_bind_text(st, 2, responds_to)) != 0 ||
	    (rc = db_bind_int(st, 3, seq)) != 0)
		return rc;
	return db_run(st);
}

/* A row that ties an actor to a statement or claim, in its place. */
static int
insert_link(struct store *s, enum stmt i, int64_t of, int64_t actor_id,
    int seq)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, i, &st)) != 0)
		return rc;
	if ((rc = db_bind_int(st, 1, of)) != 0 ||
	    (rc = db_bind_int(st, 2, actor_id)) != 0 ||
	    (rc = db_bind_int(st, 3, seq)) != 0)
		return rc;
	return db_run(st);
}

int
store_co_issuer_insert(struct store *s, int64_t sid, int64_t actor_id,
    int seq)
{
	return insert_link(s, STMT_CO_ISSUER_INSERT, sid, actor_id, seq);
}

int
store_claim_insert(struct store *s, int64_t sid, const struct store_claim *c,
    int64_t *claim_id)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_CLAIM_INSERT, &st)) != 0)
		return rc;
	if ((rc = db_bind_int(st, 1, sid)) != 0 ||
	    (rc = db_bind_int(st, 2, c->seq)) != 0 ||
	    (rc = db_bind_int(st, 3, c->by_id)) != 0 ||
	    (rc = db_bind_text(st, 4, c->kind)) != 0 ||
	    (rc = db_bind_text(st, 5, c->cameo)) != 0 ||
	    (rc = db_bind_text(st, 6, c->summary)) != 0 ||
	    (rc = db_bind_text(st, 7, c->quote)) != 0 ||
	    (rc = db_bind_text(st, 8, c->date)) != 0 ||
	    (rc = db_bind_text(st, 9, c->method)) != 0 ||
	    (rc = db_bind_text(st, 10, c->cue)) != 0 ||
	    (rc = db_bind_text(st, 11, c->review)) != 0 ||
	    (rc = db_bind_text(st, 12, c->reviewer)) != 0 ||
	    (rc = db_bind_text(st, 13, c->reviewed_at)) != 0 ||
	    (rc = db_bind_text(st, 14, c->rule_key)) != 0 ||
	    (rc = db_run(st)) != 0)
		return rc;
	*claim_id = db_last_rowid(s->db);
	return 0;
}

static char *
dup_column(struct db_stmt *st, int i)
{
	return db_column_is_null(st, i) ? NULL : strdup(db_column_text(st, i));
}

int
store_decisions(struct store *s, int64_t sid, struct store_decision **out,
    size_t *n)
{
	struct store_decision *r = NULL, *grown;
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = stmt_get(s, STMT_DECISIONS, &st)) != 0 ||
	    (rc = db_bind_int(st, 1, sid)) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 4;
			if ((grown = realloc(r, cap * sizeof(*r))) == NULL)
				break;
			r = grown;
		}
		r[*n].key = dup_column(st, 0);
		r[*n].rejected = strcmp(db_column_text(st, 1), "rejected") == 0;
		r[*n].reviewer = dup_column(st, 2);
		r[*n].reviewed_at = dup_column(st, 3);
		if (r[(*n)++].key == NULL)
			break;
	}
	db_reset(st);
	*out = r;
	if (rc == DB_ROW)
		return dm_error(DM_ERROR, "out of memory");
	return rc == DB_DONE ? 0 : rc;
}

void
store_decisions_free(struct store_decision *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].key);
		free(r[i].reviewer);
		free(r[i].reviewed_at);
	}
	free(r);
}

/* The temporary tables of STMT_CARRY_*, made empty. */
#define CARRY_TABLES							\
	"CREATE TEMP TABLE IF NOT EXISTS carried_claims AS"		\
	" SELECT * FROM main.claims WHERE 0;"				\
	"CREATE TEMP TABLE IF NOT EXISTS carried_targets AS"		\
	" SELECT * FROM main.claim_targets WHERE 0;"			\
	"CREATE TEMP TABLE IF NOT EXISTS carried_topics AS"		\
	" SELECT * FROM main.claim_topics WHERE 0;"			\
	"DELETE FROM temp.carried_claims; DELETE FROM temp.carried_targets;"	\
	"DELETE FROM temp.carried_topics;"

int
store_reviewed_keep(struct store *s, int64_t sid)
{
	static const enum stmt carry[] = { STMT_CARRY_CLAIMS,
		STMT_CARRY_TARGETS, STMT_CARRY_TOPICS };
	struct db_stmt *st;
	size_t i;
	int rc;

	if ((rc = db_exec(s->db, CARRY_TABLES)) != 0)
		return rc;
	for (i = 0; i < sizeof(carry) / sizeof(carry[0]); i++)
		if ((rc = stmt_get(s, carry[i], &st)) != 0 ||
		    (i == 0 && (rc = db_bind_int(st, 1, sid)) != 0) ||
		    (rc = db_run(st)) != 0)
			return rc;
	return 0;
}

int
store_reviewed_restore(struct store *s, int64_t sid)
{
	static const enum stmt parts[] = { STMT_CARRIED_TARGETS,
		STMT_CARRIED_TOPICS };
	struct db_stmt *list, *st;
	int64_t old, id;
	size_t i;
	int rc;

	if ((rc = stmt_get(s, STMT_CARRIED, &list)) != 0)
		return rc;
	while ((rc = db_step(list)) == DB_ROW) {
		old = db_column_int(list, 0);
		if ((rc = stmt_get(s, STMT_CARRIED_CLAIM, &st)) != 0 ||
		    (rc = db_bind_int(st, 1, sid)) != 0 ||
		    (rc = db_bind_int(st, 2, old)) != 0 ||
		    (rc = db_run(st)) != 0)
			break;
		id = db_last_rowid(s->db);
		for (i = 0; i < 2 && rc == 0; i++)
			if ((rc = stmt_get(s, parts[i], &st)) == 0 &&
			    (rc = db_bind_int(st, 1, id)) == 0 &&
			    (rc = db_bind_int(st, 2, old)) == 0)
				rc = db_run(st);
		if (rc != 0)
			break;
	}
	db_reset(list);
	return rc == DB_DONE ? db_exec(s->db, CARRY_TABLES) : rc;
}

int
store_target_insert(struct store *s, int64_t claim_id, int64_t actor_id,
    int seq)
{
	return insert_link(s, STMT_TARGET_INSERT, claim_id, actor_id, seq);
}

int
store_topic_insert(struct store *s, int64_t claim_id, const char *topic,
    int seq)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_TOPIC_INSERT, &st)) != 0)
		return rc;
	if ((rc = db_bind_int(st, 1, claim_id)) != 0 ||
	    (rc = db_bind_text(st, 2, topic)) != 0 ||
	    (rc = db_bind_int(st, 3, seq)) != 0)
		return rc;
	return db_run(st);
}

int
store_import_begin(struct store *s, const char *file, int64_t *id)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_IMPORT_BEGIN, &st)) != 0)
		return rc;
	if ((rc = db_bind_text(st, 1, file)) != 0 || (rc = db_run(st)) != 0)
		return rc;
	*id = db_last_rowid(s->db);
	return 0;
}

int
store_import_finish(struct store *s, int64_t id, const struct store_import *imp)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_IMPORT_FINISH, &st)) != 0)
		return rc;
	if ((rc = db_bind_int(st, 1, id)) != 0 ||
	    (rc = db_bind_text(st, 2, imp->sha256)) != 0 ||
	    (rc = db_bind_int(st, 3, imp->new)) != 0 ||
	    (rc = db_bind_int(st, 4, imp->updated)) != 0 ||
	    (rc = db_bind_int(st, 5, imp->unchanged)) != 0 ||
	    (rc = db_bind_int(st, 6, imp->rejected)) != 0 ||
	    (rc = db_bind_int(st, 7, imp->unresolved)) != 0)
		return rc;
	return db_run(st);
}

/* A claim target, held while its claim changes hands. */
struct target_row {
	int64_t claim_id, actor_id;
	int     seq;
};

/*
 * Takes out the targets of from's claims and those aimed at from, as
 * they will be (from replaced by into), into *out.
 */
static int
targets_out(struct store *s, int64_t from, int64_t into,
    struct target_row **out, size_t *n)
{
	struct db_stmt *st;
	struct target_row *rows = NULL, *grown;
	size_t cap = 0;
	int rc;

	*n = 0;
	if ((rc = stmt_get(s, STMT_MERGE_TARGETS_OF, &st)) != 0 ||
	    (rc = db_bind_int(st, 1, from)) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			if ((grown = realloc(rows, cap * sizeof(*rows))) ==
			    NULL) {
				rc = dm_error(DM_ERROR, "out of memory");
				break;
			}
			rows = grown;
		}
		rows[*n].claim_id = db_column_int(st, 0);
		rows[*n].actor_id = db_column_int(st, 1) == from ? into :
		    db_column_int(st, 1);
		rows[*n].seq = (int)db_column_int(st, 2);
		(*n)++;
	}
	db_reset(st);
	if (rc != DB_DONE) {
		free(rows);
		return rc;
	}
	*out = rows;
	return run_ids(s, STMT_MERGE_TARGETS_OUT, from, 0, 1);
}

int
store_actor_merge(struct store *s, int64_t from, int64_t into)
{
	static const enum stmt moves[] = { STMT_MERGE_STATEMENTS,
	    STMT_MERGE_CO_ISSUERS, STMT_MERGE_CO_ISSUERS_OUT,
	    STMT_MERGE_CLAIMS, STMT_MERGE_ALIASES, STMT_MERGE_CHILDREN };
	struct target_row *rows = NULL;
	char code[DM_CODE_MAX + 1];
	size_t i, n = 0;
	int rc, added;

	if ((rc = store_actor_code(s, from, code, sizeof(code))) != 0 ||
	    (rc = targets_out(s, from, into, &rows, &n)) != 0)
		goto done;
	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if ((rc = run_ids(s, moves[i], from, into, 2)) != 0)
			goto done;
	/* A claim aimed at both keeps one target. */
	for (i = 0; i < n; i++)
		if ((rc = store_target_insert(s, rows[i].claim_id,
		    rows[i].actor_id, rows[i].seq)) != 0)
			goto done;
	if ((rc = run_ids(s, STMT_ACTOR_DELETE, from, 0, 1)) != 0)
		goto done;
	rc = alias_insert(s, into, code, 0, &added);
done:
	free(rows);
	return rc;
}

int
store_names_each(struct store *s,
    int (*fn)(void *, const char *, const char *), void *ctx)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_NAMES, &st)) != 0)
		return rc;
	while ((rc = db_step(st)) == DB_ROW)
		if ((rc = fn(ctx, db_column_text(st, 0),
		    db_column_text(st, 1))) != 0)
			break;
	db_reset(st);
	return rc == DB_DONE ? 0 : rc;
}

int
store_pending_set(struct store *s, int64_t import_id)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_PENDING_SET, &st)) != 0)
		return rc;
	if ((rc = import_id ? db_bind_int(st, 1, import_id) :
	    db_bind_null(st, 1)) != 0)
		return rc;
	return db_run(st);
}

/*
 * Fills a full-text index with the rows the statement sel gives, for
 * import import_id (only statement sid, if not 0); sel + 1 inserts them.
 */
static int
index_fill(struct store *s, enum stmt sel, int64_t import_id, int64_t sid)
{
	struct db_stmt *q, *ins;
	int rc;

	if ((rc = stmt_get(s, sel, &q)) != 0 ||
	    (rc = stmt_get(s, sel + 1, &ins)) != 0 ||
	    (rc = db_bind_int(q, 1, import_id)) != 0 ||
	    (rc = sid ? db_bind_int(q, 2, sid) : db_bind_null(q, 2)) != 0)
		return rc;
	return fts_fill(q, ins);
}

int
store_index_pending(struct store *s, int64_t import_id, int64_t sid)
{
	struct db_stmt *flush;
	int rc;

	if ((rc = index_fill(s, STMT_INDEX_STATEMENTS, import_id, sid)) != 0 ||
	    (rc = stmt_get(s, STMT_INDEX_FLUSH, &flush)) != 0 ||
	    (rc = db_run(flush)) != 0)
		return rc;
	return index_fill(s, STMT_INDEX_CLAIMS, import_id, sid);
}

int
store_archive_bytes(struct store *s, int64_t *bytes)
{
	struct db_stmt *st;
	int rc;

	if ((rc = stmt_get(s, STMT_ARCHIVE_BYTES, &st)) != 0)
		return rc;
	return lookup_id(st, bytes);
}

int
store_indexes_defer(struct store *s, char **restore)
{
	struct db_stmt *st;
	const char *make, *drop;
	char *dropping = NULL;
	int rc;

	*restore = NULL;
	if ((rc = stmt_get(s, STMT_QUERY_INDEXES, &st)) != 0)
		return rc;
	/* None of them left: the aggregates are NULL, nothing to defer. */
	if ((rc = db_step(st)) == DB_ROW &&
	    (make = db_column_text(st, 0)) != NULL &&
	    (drop = db_column_text(st, 1)) != NULL &&
	    ((*restore = strdup(make)) == NULL ||
	    (dropping = strdup(drop)) == NULL))
		rc = dm_error(DM_ERROR, "out of memory");
	/* SQLite drops nothing while a statement still reads the schema. */
	db_reset(st);
	if (rc == DB_ROW && dropping != NULL)
		rc = db_exec(s->db, dropping);
	free(dropping);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int
store_indexes_restore(struct store *s, const char *restore)
{
	return restore == NULL ? 0 : db_exec(s->db, restore);
}

/*
 * The merging of migration 0015, and that of a bulk import: its segments
 * are all merged into one at the end (store_fts_bulk_end()), so merging
 * them on the way, level by level, only rewrites the same entries more
 * times; a level is merged only once it holds 64 segments, which keeps
 * their number (and a merge's memory, a page or two a segment) bounded.
 */
#define FTS_AUTOMERGE		16
#define FTS_CRISISMERGE		16
#define FTS_BULK_CRISISMERGE	64

static int
fts_merging(struct store *s, int automerge, int crisismerge)
{
	struct db_stmt *st;
	int i, rc;

	for (i = STMT_FTS_MERGING_STATEMENTS; i <= STMT_FTS_MERGING_CLAIMS;
	    i++)
		if ((rc = stmt_get(s, i, &st)) != 0 ||
		    (rc = db_bind_int(st, 1, automerge)) != 0 ||
		    (rc = db_bind_int(st, 2, crisismerge)) != 0 ||
		    (rc = db_run(st)) != 0)
			return rc;
	return 0;
}

int
store_fts_bulk_begin(struct store *s)
{
	return fts_merging(s, 0, FTS_BULK_CRISISMERGE);
}

int
store_fts_bulk_end(struct store *s)
{
	struct db_stmt *st;
	int i, rc;

	for (i = STMT_FTS_OPTIMIZE_STATEMENTS; i <= STMT_FTS_OPTIMIZE_CLAIMS;
	    i++)
		if ((rc = stmt_get(s, i, &st)) != 0 || (rc = db_run(st)) != 0)
			return rc;
	return fts_merging(s, FTS_AUTOMERGE, FTS_CRISISMERGE);
}
