#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "fold.h"
#include "store.h"

enum stmt {
	STMT_ACTOR_BY_CODE,
	STMT_ACTOR_CODE,
	STMT_ACTOR_INSERT,
	STMT_ACTOR_ADOPT,
	STMT_ALIAS_FIND,
	STMT_ALIAS_INSERT,
	STMT__MAX
};

static const char *const stmt_sql[STMT__MAX] = {
	/* STMT_ACTOR_BY_CODE */
	"SELECT id FROM actors WHERE code = ?1",
	/* STMT_ACTOR_CODE */
	"SELECT code FROM actors WHERE id = ?1",
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
};

struct store {
	struct db      *db;
	struct db_stmt *st[STMT__MAX];
};

int
store_new(struct store **out, struct db *db)
{
	struct store *s;
	int i, rc;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	s->db = db;
	for (i = 0; i < STMT__MAX; i++)
		if ((rc = db_prepare(db, &s->st[i], stmt_sql[i])) != 0) {
			store_free(s);
			return rc;
		}
	*out = s;
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
	struct db_stmt *st = s->st[STMT_ACTOR_BY_CODE];
	int rc;

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
	st = s->st[STMT_ALIAS_FIND];
	if ((rc = db_bind_text(st, 1, key)) != 0)
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
	st = s->st[STMT_ALIAS_INSERT];
	if ((rc = db_bind_text(st, 1, key)) != 0 ||
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
	st = s->st[STMT_ACTOR_INSERT];
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
	st = s->st[STMT_ACTOR_ADOPT];
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
	st = s->st[STMT_ALIAS_FIND];
	if ((rc = db_bind_text(st, 1, key)) == 0)
		rc = lookup_id(st, id);
	free(key);
	if (rc == DM_ENOTFOUND)
		return dm_error(DM_ENOTFOUND, "no actor '%s'", ref);
	return rc;
}

int
store_actor_code(struct store *s, int64_t id, char *buf, size_t len)
{
	struct db_stmt *st = s->st[STMT_ACTOR_CODE];
	int rc;

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
