/*
 * Exports: a listing written whole or not at all, and statements in the
 * import format, so an archive moves to another by export and import.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "archive.h"
#include "claimkind.h"
#include "atomicfile.h"
#include "db.h"
#include "error.h"
#include "export.h"
#include "gazetteer.h"
#include "output.h"
#include "query.h"
#include "statement.h"

enum export_stmt {
	E_ACTORS,
	E_STATEMENT,
	E_RESPONDS_TO,
	E_CO_ISSUERS,
	E_CLAIMS,
	E_CODED,
	E__MAX
};

static const char *const export_sql[E__MAX] = {
	/* E_ACTORS: aliases without the name, which is its own key */
	"SELECT a.code, a.name, a.kind, (SELECT group_concat(alias, char(31))"
	" FROM (SELECT l.alias FROM aliases l WHERE l.actor_id = a.id"
	" AND NOT l.is_name ORDER BY l.alias)), a.country"
	" FROM actors a ORDER BY a.code",
	/* E_STATEMENT */
	"SELECT s.sid, s.id, i.code, s.date, s.title, s.text, s.url,"
	" s.language, s.kind, nullif(s.source, 'json')"
	" FROM statements s JOIN actors i ON i.id = s.issuer_id"
	" WHERE s.id = ?1",
	/* E_RESPONDS_TO */
	"SELECT responds_to FROM responses WHERE statement_id = ?1"
	" ORDER BY seq",
	/* E_CO_ISSUERS */
	"SELECT a.code FROM co_issuers ci JOIN actors a ON a.id = ci.actor_id"
	" WHERE ci.statement_id = ?1 ORDER BY ci.seq",
	/*
	 * E_CLAIMS: the claimant only where it is not the issuer; in a joint
	 * statement always, as a claim without one is each issuer's.
	 */
	"SELECT c.kind, CASE WHEN c.by_id <> s.issuer_id OR EXISTS (SELECT 1"
	" FROM co_issuers WHERE statement_id = s.sid) THEN b.code END,"
	" (SELECT group_concat(code, char(31)) FROM (SELECT a.code FROM"
	" claim_targets t JOIN actors a ON a.id = t.actor_id"
	" WHERE t.claim_id = c.id ORDER BY t.seq)),"
	" (SELECT group_concat(topic, char(31)) FROM (SELECT p.topic FROM"
	" claim_topics p WHERE p.claim_id = c.id ORDER BY p.seq)),"
	" c.summary, c.quote, c.date, c.cameo,"
	" CASE WHEN c.review = 'reviewed' THEN 'reviewed'"
	" WHEN c.method <> 'curated' THEN c.method END, c.cue,"
	" CASE WHEN c.review = 'rejected' THEN c.review END,"
	" CASE WHEN c.review <> 'superseded' THEN c.reviewer END,"
	" CASE WHEN c.review <> 'superseded' THEN c.reviewed_at END,"
	" CASE WHEN c.review = 'reviewed' THEN c.rule_key END"
	" FROM claims c JOIN statements s ON s.sid = c.statement_id"
	" JOIN actors b ON b.id = c.by_id"
	" WHERE c.statement_id = ?1 ORDER BY c.seq",
	/* E_CODED */
	"SELECT id FROM statements WHERE source = 'text' OR sid IN"
	" (SELECT statement_id FROM claims WHERE method = 'rule') ORDER BY sid",
};

/* Sets key to column i of st as a string; SQL NULL leaves key out. */
static int
set_text(json_t *obj, const char *key, struct db_stmt *st, int i)
{
	json_t *v;

	if (db_column_is_null(st, i))
		return 0;
	if ((v = json_string(db_column_text(st, i))) == NULL)
		return dm_error(DM_EINVALID, "'%s' is not valid UTF-8", key);
	return json_object_set_new(obj, key, v) == 0 ? 0 :
	    dm_error(DM_ERROR, "out of memory");
}

/* Sets key to the OUT_LIST_SEP-joined column i as an array, if any. */
static int
set_list(json_t *obj, const char *key, struct db_stmt *st, int i)
{
	const char *s, *end;
	json_t *arr, *v;

	if (db_column_is_null(st, i))
		return 0;
	if ((arr = json_array()) == NULL ||
	    json_object_set_new(obj, key, arr) != 0)
		return dm_error(DM_ERROR, "out of memory");
	for (s = db_column_text(st, i); ; s = end + 1) {
		end = strchr(s, OUT_LIST_SEP);
		if ((v = json_stringn(s, end ? (size_t)(end - s) :
		    strlen(s))) == NULL || json_array_append_new(arr, v) != 0)
			return dm_error(DM_EINVALID, "'%s' is not valid UTF-8",
			    key);
		if (end == NULL)
			return 0;
	}
}

/* Writes obj as one compact line, keys in the order they were set. */
static int
write_line(FILE *fp, json_t *obj)
{
	char *line;
	int rc = 0;

	if ((line = json_dumps(obj, JSON_PRESERVE_ORDER | JSON_COMPACT)) ==
	    NULL)
		return dm_error(DM_ERROR, "out of memory");
	if (fputs(line, fp) == EOF || fputc('\n', fp) == EOF)
		rc = dm_error(DM_ERROR, "cannot write output");
	free(line);
	return rc;
}

/* The bundle line: every actor the gazetteer does not define. */
static int
export_actors(struct db_stmt *st, FILE *fp)
{
	json_t *bundle, *list, *actor;
	int rc;

	if ((bundle = json_object()) == NULL || (list = json_array()) ==
	    NULL || json_object_set_new(bundle, "actors", list) != 0) {
		json_decref(bundle);
		return dm_error(DM_ERROR, "out of memory");
	}
	while ((rc = db_step(st)) == DB_ROW) {
		if (gazetteer_defines(db_column_text(st, 0)))
			continue;
		if ((actor = json_object()) == NULL ||
		    json_array_append_new(list, actor) != 0) {
			rc = dm_error(DM_ERROR, "out of memory");
			break;
		}
		if ((rc = set_text(actor, "code", st, 0)) != 0 ||
		    (rc = set_text(actor, "name", st, 1)) != 0 ||
		    (rc = set_text(actor, "kind", st, 2)) != 0 ||
		    (rc = set_list(actor, "aliases", st, 3)) != 0 ||
		    (rc = set_text(actor, "country", st, 4)) != 0)
			break;
	}
	if (rc == DB_DONE)
		rc = json_array_size(list) > 0 ? write_line(fp, bundle) : 0;
	json_decref(bundle);
	return rc;
}

/* Appends the first column of st to arr. */
static int
string_row(json_t *arr, struct db_stmt *st)
{
	json_t *v;

	if ((v = json_string(db_column_text(st, 0))) == NULL ||
	    json_array_append_new(arr, v) != 0)
		return dm_error(DM_ERROR, "out of memory");
	return 0;
}

static int
claim_row(json_t *claims, struct db_stmt *st)
{
	const char *cameo;
	json_t *c;
	int rc;

	if ((c = json_object()) == NULL || json_array_append_new(claims, c) !=
	    0)
		return dm_error(DM_ERROR, "out of memory");
	if ((rc = set_text(c, "kind", st, 0)) != 0 ||
	    (rc = set_text(c, "by", st, 1)) != 0 ||
	    (rc = set_list(c, "target", st, 2)) != 0 ||
	    (rc = set_list(c, "topics", st, 3)) != 0 ||
	    (rc = set_text(c, "summary", st, 4)) != 0 ||
	    (rc = set_text(c, "quote", st, 5)) != 0 ||
	    (rc = set_text(c, "date", st, 6)) != 0)
		return rc;
	cameo = claim_kind_cameo(db_column_text(st, 0));
	if ((cameo == NULL || strcmp(cameo, db_column_text(st, 7)) != 0) &&
	    (rc = set_text(c, "cameo", st, 7)) != 0)
		return rc;
	if ((rc = set_text(c, "method", st, 8)) != 0 ||
	    (rc = set_text(c, "cue", st, 9)) != 0 ||
	    (rc = set_text(c, "review", st, 10)) != 0 ||
	    (rc = set_text(c, "reviewer", st, 11)) != 0 ||
	    (rc = set_text(c, "reviewed_at", st, 12)) != 0)
		return rc;
	return set_text(c, "replaces", st, 13);
}

/* Adds the rows of st, bound to sid, under key; nothing when none. */
static int
add_rows(json_t *obj, const char *key, struct db_stmt *st, int64_t sid,
    int (*row)(json_t *, struct db_stmt *))
{
	json_t *arr;
	int rc;

	if ((arr = json_array()) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if ((rc = db_bind_int(st, 1, sid)) != 0)
		goto done;
	while ((rc = db_step(st)) == DB_ROW)
		if ((rc = row(arr, st)) != 0)
			goto done;
	if (rc != DB_DONE)
		goto done;
	rc = 0;
	if (json_array_size(arr) > 0) {
		rc = json_object_set(obj, key, arr) == 0 ? 0 :
		    dm_error(DM_ERROR, "out of memory");
	}
done:
	db_reset(st);
	json_decref(arr);
	return rc;
}

/*
 * A joint statement's "issuer": its issuer (the string already set) and
 * its co-issuers, as an array; a statement of one issuer keeps the string.
 */
static int
set_issuers(json_t *obj, struct db_stmt *st, int64_t sid)
{
	json_t *co, *tmp;
	int rc;

	if ((tmp = json_object()) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if ((rc = add_rows(tmp, "issuer", st, sid, string_row)) == 0 &&
	    (co = json_object_get(tmp, "issuer")) != NULL &&
	    (json_array_insert(co, 0, json_object_get(obj, "issuer")) != 0 ||
	    json_object_set(obj, "issuer", co) != 0))
		rc = dm_error(DM_ERROR, "out of memory");
	json_decref(tmp);
	return rc;
}

static int
statement_line(struct db_stmt *const *st, const char *id, FILE *fp)
{
	struct db_stmt *s = st[E_STATEMENT];
	json_t *obj;
	int64_t sid;
	int rc;

	if ((obj = json_object()) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	if ((rc = db_bind_text(s, 1, id)) != 0)
		goto done;
	if ((rc = db_step(s)) != DB_ROW) {
		if (rc == DB_DONE)
			rc = dm_error(DM_ENOTFOUND, "no statement '%s'", id);
		goto done;
	}
	sid = db_column_int(s, 0);
	if ((rc = set_text(obj, "id", s, 1)) != 0 ||
	    (rc = set_text(obj, "issuer", s, 2)) != 0 ||
	    (rc = set_text(obj, "date", s, 3)) != 0 ||
	    (rc = set_text(obj, "title", s, 4)) != 0 ||
	    (rc = set_text(obj, "text", s, 5)) != 0 ||
	    (rc = set_text(obj, "url", s, 6)) != 0 ||
	    (rc = set_text(obj, "language", s, 7)) != 0 ||
	    (rc = set_text(obj, "kind", s, 8)) != 0 ||
	    (rc = set_text(obj, "source", s, 9)) != 0)
		goto done;
	db_reset(s);
	if ((rc = set_issuers(obj, st[E_CO_ISSUERS], sid)) != 0 ||
	    (rc = add_rows(obj, "responds_to", st[E_RESPONDS_TO], sid,
	    string_row)) != 0 ||
	    (rc = add_rows(obj, "claims", st[E_CLAIMS], sid, claim_row)) != 0)
		goto done;
	rc = write_line(fp, obj);
done:
	db_reset(s);
	json_decref(obj);
	return rc;
}

/*
 * Statements in the import format: the actors line, then the statements
 * that the listing with f selects, in its order.
 */
static int
export_input_format(dm_archive *a, const struct dm_filter *f, FILE *fp,
    int64_t *nrows)
{
	struct db_stmt *list = NULL, *st[E__MAX] = { NULL };
	int i, rc;

	if ((rc = query_prepare(a, DM_LIST_STATEMENTS, f, &list)) != 0)
		return rc;
	for (i = 0; i < E__MAX; i++)
		if ((rc = db_prepare(a->db, &st[i], export_sql[i])) != 0)
			goto done;
	if ((rc = export_actors(st[E_ACTORS], fp)) != 0)
		goto done;
	while ((rc = db_step(list)) == DB_ROW) {
		if ((rc = statement_line(st, db_column_text(list, 0), fp)) !=
		    0)
			goto done;
		(*nrows)++;
	}
	if (rc == DB_DONE)
		rc = fflush(fp) != 0 || ferror(fp) ? dm_error(DM_ERROR,
		    "cannot write output") : 0;
done:
	for (i = 0; i < E__MAX; i++)
		db_finalize(st[i]);
	db_finalize(list);
	return rc;
}

int
dm_export(dm_archive *a, enum dm_listing what, const struct dm_filter *f,
    const struct dm_output *out, const char *path, int64_t *nrows)
{
	struct dm_output dst = *out;
	struct atomic_file af;
	struct db_stmt *st = NULL;
	enum out_format fmt;
	int rc;

	*nrows = 0;
	if (what == DM_LIST_SEARCH)
		return dm_error(DM_EINVALID, "search results are not exported");
	if (dst.format == NULL)
		dst.format = "csv";
	if ((rc = out_format_parse(&fmt, dst.format)) != 0)
		return rc;
	if (fmt != OUT_JSONL || what != DM_LIST_STATEMENTS) {
		if ((rc = query_prepare(a, what, f, &st)) != 0)
			return rc;
	}
	if (path != NULL) {
		if ((rc = archive_output_open(a, &af, path)) != 0)
			goto done;
		dst.fp = af.fp;
	}
	if (st == NULL)
		rc = export_input_format(a, f, dst.fp, nrows);
	else
		rc = query_write(st, what, &dst, 1, nrows);
	if (path != NULL)
		rc = atomic_file_finish(&af, rc);
done:
	db_finalize(st);
	return rc;
}

int
export_coded(dm_archive *a, FILE *fp, int64_t *n)
{
	struct db_stmt *st[E__MAX] = { NULL };
	int i, rc = 0;

	*n = 0;
	for (i = 0; i < E__MAX && rc == 0; i++)
		rc = db_prepare(a->db, &st[i], export_sql[i]);
	while (rc == 0 && (rc = db_step(st[E_CODED])) == DB_ROW) {
		rc = statement_line(st, db_column_text(st[E_CODED], 0), fp);
		(*n)++;
	}
	if (rc == DB_DONE)
		rc = fflush(fp) != 0 || ferror(fp) ? dm_error(DM_ERROR,
		    "cannot write a temporary file") : 0;
	for (i = 0; i < E__MAX; i++)
		db_finalize(st[i]);
	return rc;
}
