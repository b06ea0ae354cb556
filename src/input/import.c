/*
 * Import: reads a file, tells its shape by content, validates every
 * statement against SPEC section 2, and hands them to ingest.c, one
 * transaction per file.  With jsonl.c, the only file that includes
 * <jansson.h>.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "actors.h"
#include "archive.h"
#include "arena.h"
#include "claimkind.h"
#include "autocode.h"
#include "date.h"
#include "db.h"
#include "digest.h"
#include "export.h"
#include "error.h"
#include "names.h"
#include "fold.h"
#include "ingest.h"
#include "jsonl.h"
#include "statement.h"
#include "store.h"
#include "textstmt.h"

_Static_assert((int)DM_DATE_ORDER_DMY == (int)DATE_ORDER_DMY &&
    (int)DM_DATE_ORDER_MDY == (int)DATE_ORDER_MDY, "date orders differ");

static const char *const statement_keys[] = { "id", "issuer", "date",
	"title", "text", "url", "language", "kind", "responds_to", "claims",
	NULL };
static const char *const claim_keys[] = { "kind", "by", "target", "topics",
	"summary", "quote", "date", "cameo", "method", "cue", NULL };
static const char *const actor_keys[] = { "code", "name", "kind", "aliases",
	"country", NULL };
static const char *const bundle_keys[] = { "actors", "statements", NULL };

/* The state of one file's import. */
struct import {
	dm_archive                     *a;
	struct store                   *store;
	struct ingest                  *ingest;
	struct autocode                *autocode;	/* made for text */
	int                             recode;	/* rule claims made again */
	const struct dm_import_options *opt;
	struct dm_import_counts        *counts;
	struct arena                    arena;
	const char                     *name;	/* as the user wrote it */
	int64_t                         import_id;
	int64_t                         index;	/* statements seen */
	long                            line;	/* JSON Lines: current line */
	struct dm_import_progress       progress;
	char                           *indexes;	/* deferred: SQL to make */
	char                            where[160];
};

/* Levenshtein distance, capped: only small distances matter. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, cur, tmp;
	size_t row[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = prev + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (row[j] + 1 < cur)
				cur = row[j] + 1;
			if (row[j - 1] + 1 < cur)
				cur = row[j - 1] + 1;
			tmp = row[j];
			row[j] = cur;
			prev = tmp;
		}
	}
	return row[lb];
}

/* The known word nearest to word, if it is near enough to suggest. */
static const char *
nearest(const char *word, const char *const *known)
{
	const char *best = NULL;
	size_t d, bestd = 3;

	for (; *known != NULL; known++)
		if ((d = distance(word, *known)) < bestd) {
			bestd = d;
			best = *known;
		}
	return best;
}

/*
 * What goes between the file name and a location: "file:12: ..." for a
 * line, "file: statement 3 ..." otherwise.
 */
static const char *
sep(const char *where)
{
	return isdigit((unsigned char)*where) ? ":" : ": ";
}

/* Puts the file name in front of the last message. */
static int
locate(struct import *im, int rc)
{
	char msg[1024];

	snprintf(msg, sizeof(msg), "%s", dm_error_last());
	return dm_error(rc, "%s%s%s", im->name, sep(msg), msg);
}

static void
warn_unknown_keys(struct import *im, json_t *obj, const char *const *known,
    const char *what)
{
	const char *key, *hint;
	json_t *v;

	json_object_foreach(obj, key, v) {
		if (names_find(known, key) >= 0)
			continue;
		hint = nearest(key, known);
		dm_warn("%s%s%s: unknown key '%s' ignored%s%s%s", im->name,
		    sep(what), what, key, hint ? " (did you mean '" : "",
		    hint ? hint : "", hint ? "'?)" : "");
	}
}

static const char *
json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

/*
 * An optional string member: NULL when absent or null, DM_EINVALID when
 * of another type or holding a NUL byte.
 */
static int
get_string(struct import *im, json_t *obj, const char *key, int required,
    const char **out)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (v == NULL || json_is_null(v)) {
		if (required)
			return dm_error(DM_EINVALID, "%s: missing required key "
			    "'%s'", im->where, key);
		return 0;
	}
	if (!json_is_string(v))
		return dm_error(DM_EINVALID, "%s: '%s' must be a string, not "
		    "%s", im->where, key, json_type_name(v));
	if (strlen(json_string_value(v)) != json_string_length(v))
		return dm_error(DM_EINVALID, "%s: '%s' holds a NUL character",
		    im->where, key);
	*out = json_string_value(v);
	if (required && **out == '\0')
		return dm_error(DM_EINVALID, "%s: '%s' is empty", im->where,
		    key);
	return 0;
}

/*
 * A member that is a string or an array of at most max strings, as an
 * arena array.  slugs: store topic slugs instead of the strings.
 */
static int
get_strings(struct import *im, json_t *obj, const char *key, int slugs,
    size_t max, const char *const **out, size_t *n)
{
	json_t *v = json_object_get(obj, key), *item;
	const char **list;
	char *slug;
	size_t i, count;
	int rc;

	*out = NULL;
	*n = 0;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v) && !json_is_array(v))
		return dm_error(DM_EINVALID, "%s: '%s' must be a string or an "
		    "array of strings, not %s", im->where, key,
		    json_type_name(v));
	count = json_is_array(v) ? json_array_size(v) : 1;
	if (count == 0)
		return 0;
	if (count > max)
		return dm_error(DM_EINVALID, "%s: %zu items in '%s', more "
		    "than the limit of %zu", im->where, count, key, max);
	if ((list = arena_alloc(&im->arena, count * sizeof(*list))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (i = 0; i < count; i++) {
		item = json_is_array(v) ? json_array_get(v, i) : v;
		if (!json_is_string(item) || json_string_length(item) == 0 ||
		    strlen(json_string_value(item)) != json_string_length(item))
			return dm_error(DM_EINVALID, "%s: '%s' item %zu must "
			    "be a non-empty string", im->where, key, i + 1);
		list[i] = json_string_value(item);
		if (slugs) {
			if ((rc = slugify(&slug, list[i])) != 0)
				return dm_error(rc, "%s: %s", im->where,
				    dm_error_last());
			list[i] = arena_strdup(&im->arena, slug);
			free(slug);
			if (list[i] == NULL)
				return dm_error(DM_ERROR, "out of memory");
		}
	}
	*out = list;
	*n = count;
	return 0;
}

static int
parse_date(struct import *im, const char *key, const char *s, char iso[11],
    char lo[11], char hi[11])
{
	struct dm_date d;
	char tmp[2][11];

	if (date_parse(&d, s, (enum date_order)im->opt->date_order) != 0)
		return dm_error(DM_EINVALID, "%s: '%s': %s", im->where, key,
		    dm_error_last());
	date_format(&d, iso);
	date_span(&d, lo ? lo : tmp[0], hi ? hi : tmp[1]);
	return 0;
}

static int
claim_from_json(struct import *im, json_t *obj, const char *text,
    struct claim_in *c, size_t i)
{
	char where[sizeof(im->where)];
	const char *s, *hint;
	size_t k;
	int rc;

	snprintf(where, sizeof(where), "%s", im->where);
	snprintf(im->where, sizeof(im->where), "%.120s: claim %zu", where,
	    i + 1);
	if (!json_is_object(obj)) {
		rc = dm_error(DM_EINVALID, "%s: must be an object, not %s",
		    im->where, json_type_name(obj));
		goto done;
	}
	warn_unknown_keys(im, obj, claim_keys, im->where);
	if ((rc = get_string(im, obj, "method", 0, &c->method)) != 0)
		goto done;
	if (c->method == NULL)
		c->method = "curated";
	else if (strcmp(c->method, "curated") != 0 &&
	    strcmp(c->method, "rule") != 0) {
		rc = dm_error(DM_EINVALID, "%s: unknown method '%s' (curated "
		    "or rule)", im->where, c->method);
		goto done;
	}
	if ((rc = get_string(im, obj, "kind", 1, &c->kind)) != 0)
		goto done;
	if (claim_kind_cameo(c->kind) == NULL) {
		hint = nearest(c->kind, claim_kind_names);
		rc = dm_error(DM_EINVALID, "%s: unknown claim kind '%s'%s%s%s",
		    im->where, c->kind, hint ? " (did you mean '" : "",
		    hint ? hint : "", hint ? "'?)" : "");
		goto done;
	}
	if ((rc = get_string(im, obj, "by", 0, &c->by)) != 0 ||
	    (rc = get_strings(im, obj, "target", 0, CLAIM_MAX_TARGETS,
	    &c->targets, &c->ntargets)) != 0 ||
	    (rc = get_strings(im, obj, "topics", 1, SIZE_MAX, &c->topics,
	    &c->ntopics)) != 0 ||
	    (rc = get_string(im, obj, "summary", 0, &c->summary)) != 0 ||
	    (rc = get_string(im, obj, "quote", 0, &c->quote)) != 0 ||
	    (rc = get_string(im, obj, "cue", 0, &c->cue)) != 0)
		goto done;
	if (c->by != NULL && *c->by == '\0')
		c->by = NULL;
	if (json_is_number(json_object_get(obj, "cameo"))) {
		rc = dm_error(DM_EINVALID, "%s: 'cameo' must be a string of "
		    "digits (leading zeros matter: \"016\")", im->where);
		goto done;
	}
	if ((rc = get_string(im, obj, "cameo", 0, &c->cameo)) != 0)
		goto done;
	if (c->cameo != NULL) {
		for (k = 0; isdigit((unsigned char)c->cameo[k]); k++)
			;
		if (c->cameo[k] != '\0' || k < 2 || k > 4) {
			rc = dm_error(DM_EINVALID, "%s: invalid CAMEO code "
			    "'%s' (2 to 4 digits)", im->where, c->cameo);
			goto done;
		}
	}
	if ((rc = get_string(im, obj, "date", 0, &s)) != 0)
		goto done;
	if (s != NULL && (rc = parse_date(im, "date", s, c->date, NULL,
	    NULL)) != 0)
		goto done;
	if (c->quote != NULL && text != NULL && strstr(text, c->quote) == NULL)
		dm_warn("%s%s%s: the quote does not occur in the statement's "
		    "text", im->name, sep(im->where), im->where);
done:
	snprintf(im->where, sizeof(im->where), "%s", where);
	return rc;
}

static int
statement_from_json(struct import *im, json_t *obj, struct statement_in *st)
{
	json_t *claims;
	char names[256];
	const char *s;
	size_t i;
	int rc;

	memset(st, 0, sizeof(*st));
	st->source = "json";
	if (!json_is_object(obj))
		return dm_error(DM_EINVALID, "%s: a statement must be an "
		    "object, not %s", im->where, json_type_name(obj));
	if ((rc = get_string(im, obj, "id", 0, &st->id)) != 0)
		return rc;
	if (st->id != NULL && *st->id == '\0')
		return dm_error(DM_EINVALID, "%s: 'id' is empty", im->where);
	if (st->id != NULL)
		snprintf(im->where + strlen(im->where), sizeof(im->where) -
		    strlen(im->where), " (id '%.60s')", st->id);
	warn_unknown_keys(im, obj, statement_keys, im->where);
	if ((rc = get_string(im, obj, "issuer", 1, &st->issuer)) != 0 ||
	    (rc = get_string(im, obj, "date", 1, &s)) != 0 ||
	    (rc = parse_date(im, "date", s, st->date, st->date_lo,
	    st->date_hi)) != 0 ||
	    (rc = get_string(im, obj, "title", 0, &st->title)) != 0 ||
	    (rc = get_string(im, obj, "text", 0, &st->text)) != 0 ||
	    (rc = get_string(im, obj, "url", 0, &st->url)) != 0 ||
	    (rc = get_string(im, obj, "language", 0, &st->language)) != 0 ||
	    (rc = get_string(im, obj, "kind", 0, &st->kind)) != 0 ||
	    (rc = get_strings(im, obj, "responds_to", 0, SIZE_MAX,
	    &st->responds_to, &st->nresponds)) != 0)
		return rc;
	if (st->language == NULL)
		st->language = "en";
	else if (!statement_language_valid(st->language))
		return dm_error(DM_EINVALID, "%s: invalid language tag '%s' "
		    "(BCP 47, e.g. 'en', 'zh-Hans')", im->where, st->language);
	if (st->kind == NULL)
		st->kind = "other";
	else if (!statement_kind_valid(st->kind))
		return dm_error(DM_EINVALID, "%s: unknown statement kind '%s' "
		    "(%s)", im->where, st->kind, names_join(names,
		    sizeof(names), statement_kind_names));
	claims = json_object_get(obj, "claims");
	if (claims == NULL || json_is_null(claims))
		return 0;
	if (!json_is_array(claims))
		return dm_error(DM_EINVALID, "%s: 'claims' must be an array, "
		    "not %s", im->where, json_type_name(claims));
	st->nclaims = json_array_size(claims);
	if (st->nclaims == 0)
		return 0;
	if ((st->claims = arena_alloc(&im->arena, st->nclaims *
	    sizeof(*st->claims))) == NULL)
		return dm_error(DM_ERROR, "out of memory");
	for (i = 0; i < st->nclaims; i++)
		if ((rc = claim_from_json(im, json_array_get(claims, i),
		    st->text, &st->claims[i], i)) != 0)
			return rc;
	return 0;
}

static void
set_where(struct import *im, const char *what)
{
	if (im->line > 0)
		snprintf(im->where, sizeof(im->where), "%ld: %s %lld",
		    im->line, what, (long long)im->index);
	else
		snprintf(im->where, sizeof(im->where), "%s %lld", what,
		    (long long)im->index);
}

/* Counts an outcome, or decides whether a failure ends the file. */
static int
outcome(struct import *im, int rc, enum ingest_result res)
{
	if (rc == 0) {
		if (res == INGEST_NEW)
			im->counts->added++;
		else if (res == INGEST_UPDATED)
			im->counts->updated++;
		else
			im->counts->unchanged++;
		return 0;
	}
	if (rc == DM_ERROR || !(im->opt->flags & DM_IMPORT_KEEP_GOING))
		return rc;
	im->counts->rejected++;
	locate(im, rc);
	if (im->opt->report)
		im->opt->report(im->opt->ctx, DM_REPORT_REJECTED,
		    dm_error_last());
	return 0;
}

static int
import_statement(struct import *im, const struct statement_in *st)
{
	enum ingest_result res = INGEST_NEW;
	int rc;

	rc = ingest_statement(im->ingest, st, im->import_id, &res);
	if (rc != 0 && rc != DM_ERROR)
		rc = dm_error(rc, "%s: %s", im->where, dm_error_last());
	return outcome(im, rc, res);
}

/* Drops the rule claims of st and has the coder make them again. */
static int
recode_statement(struct import *im, struct statement_in *st)
{
	size_t i, n = 0;

	for (i = 0; i < st->nclaims; i++)
		if (strcmp(st->claims[i].method, "rule") != 0)
			st->claims[n++] = st->claims[i];
	st->nclaims = n;
	st->source = "text";
	if (im->autocode == NULL && autocode_new(&im->autocode,
	    im->store) != 0)
		return DM_ERROR;
	return autocode_statement(im->autocode, st, &im->arena);
}

static int
do_statement(struct import *im, json_t *obj)
{
	struct statement_in st;
	int rc;

	im->index++;
	set_where(im, "statement");
	arena_reset(&im->arena);
	if ((rc = statement_from_json(im, obj, &st)) != 0)
		return outcome(im, rc, INGEST_NEW);
	if (im->recode && (rc = recode_statement(im, &st)) != 0)
		return rc;
	return import_statement(im, &st);
}

static int
do_actor(struct import *im, json_t *obj, size_t i)
{
	struct dm_actor_spec spec;
	const char *const *aliases;
	int rc, created;

	if (im->line > 0)
		snprintf(im->where, sizeof(im->where), "%ld: actor %zu",
		    im->line, i + 1);
	else
		snprintf(im->where, sizeof(im->where), "actor %zu", i + 1);
	if (!json_is_object(obj))
		return dm_error(DM_EINVALID, "%s: an actor must be an object, "
		    "not %s", im->where, json_type_name(obj));
	warn_unknown_keys(im, obj, actor_keys, im->where);
	memset(&spec, 0, sizeof(spec));
	if ((rc = get_string(im, obj, "code", 1, &spec.code)) != 0 ||
	    (rc = get_string(im, obj, "name", 1, &spec.name)) != 0 ||
	    (rc = get_string(im, obj, "kind", 0, &spec.kind)) != 0 ||
	    (rc = get_string(im, obj, "country", 0, &spec.country)) != 0 ||
	    (rc = get_strings(im, obj, "aliases", 0, SIZE_MAX, &aliases,
	    &spec.naliases)) != 0)
		return rc;
	spec.aliases = aliases;
	if ((rc = actor_add(im->a, &spec, &created)) != 0)
		return dm_error(rc, "%s: %s", im->where, dm_error_last());
	im->counts->actors += created;
	return 0;
}

static int
do_bundle(struct import *im, json_t *obj)
{
	json_t *actors = json_object_get(obj, "actors");
	json_t *stmts = json_object_get(obj, "statements");
	size_t i;
	int rc;

	if (im->line > 0)
		snprintf(im->where, sizeof(im->where), "%ld: bundle",
		    im->line);
	else
		snprintf(im->where, sizeof(im->where), "bundle");
	warn_unknown_keys(im, obj, bundle_keys, im->where);
	if (actors != NULL && !json_is_array(actors))
		return dm_error(DM_EINVALID, "%s: 'actors' must be an array, "
		    "not %s", im->where, json_type_name(actors));
	if (stmts != NULL && !json_is_array(stmts))
		return dm_error(DM_EINVALID, "%s: 'statements' must be an "
		    "array, not %s", im->where, json_type_name(stmts));
	for (i = 0; actors && i < json_array_size(actors); i++)
		if ((rc = do_actor(im, json_array_get(actors, i), i)) != 0)
			return rc;
	for (i = 0; stmts && i < json_array_size(stmts); i++)
		if ((rc = do_statement(im, json_array_get(stmts, i))) != 0)
			return rc;
	return 0;
}

/* One JSON value: a statement, a bundle, or an array of statements. */
static int
do_value(struct import *im, json_t *v)
{
	size_t i;
	int rc;

	if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v); i++)
			if ((rc = do_statement(im, json_array_get(v, i))) != 0)
				return rc;
		return 0;
	}
	if (json_is_object(v) && (json_object_get(v, "statements") ||
	    json_object_get(v, "actors")) && !json_object_get(v, "issuer"))
		return do_bundle(im, v);
	return do_statement(im, v);
}

static void
report_progress(struct import *im, uint64_t bytes)
{
	im->progress.bytes = bytes;
	im->progress.statements = im->index;
	if (im->opt->progress)
		im->opt->progress(im->opt->ctx, &im->progress);
}

static int
json_failure(const json_error_t *err)
{
	/* jansson names its own flag here; say what it means instead. */
	const char *what = strstr(err->text, "JSON_ALLOW_NUL") ?
	    "a string holds \\u0000 (NUL), which is not allowed" : err->text;

	/* A line cut short fails past its newline: no column to name. */
	if (err->column <= 0)
		return dm_error(DM_EINVALID, "%d: %s", err->line, what);
	return dm_error(DM_EINVALID, "%d:%d: %s", err->line, err->column,
	    what);
}

/* A member of a streamed bundle other than its arrays. */
static int
do_member(struct import *im, json_t *obj)
{
	const char *key;
	json_t *v;

	snprintf(im->where, sizeof(im->where), "%ld: bundle", im->line);
	json_object_foreach(obj, key, v)
		if (names_find(bundle_keys, key) >= 0)
			return dm_error(DM_EINVALID, "%s: '%s' must be an "
			    "array, not %s", im->where, key,
			    json_type_name(v));
	warn_unknown_keys(im, obj, bundle_keys, im->where);
	return 0;
}

static int
do_item(struct import *im, const struct jsonl_item *it)
{
	im->line = it->lineno;
	switch (it->kind) {
	case JSONL_STATEMENT:
		return do_statement(im, it->v);
	case JSONL_ACTOR:
		return do_actor(im, it->v, it->index);
	case JSONL_MEMBER:
		return do_member(im, it->v);
	default:
		return do_value(im, it->v);
	}
}

/*
 * Reads JSON, a statement at a time (jsonl.h): the next ones are read and
 * parsed by a second thread while this one validates and stores.
 */
static int
import_json(struct import *im, FILE *fp, struct digest *d)
{
	struct jsonl_item it;
	struct jsonl *r;
	int64_t n = 0;
	int rc;

	if ((rc = jsonl_start(&r, fp, d)) != 0)
		return rc;
	while ((rc = jsonl_next(r, &it)) == 1) {
		if (it.v == NULL) {
			rc = json_failure(&it.err);
			break;
		}
		rc = do_item(im, &it);
		json_decref(it.v);
		if (rc != 0)
			break;
		if (++n % 512 == 0)
			report_progress(im, it.bytes);
	}
	if (rc == 0 && it.index == 0)
		rc = dm_error(DM_EINVALID, "no statements (the file is "
		    "empty)");
	if (rc == 0)
		report_progress(im, it.bytes);
	jsonl_stop(r);
	return rc;
}

/* Reads the whole stream, for plain text, up to the limit. */
static int
slurp(FILE *fp, struct digest *d, char **out, size_t *len)
{
	char *buf = NULL, *p;
	size_t n = 0, cap = 0, got;

	for (;;) {
		if (n > STATEMENT_MAX_BYTES) {
			free(buf);
			return dm_error(DM_EINVALID, "a text of more than %d "
			    "MiB, the limit for one statement",
			    STATEMENT_MAX_BYTES >> 20);
		}
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			if ((p = realloc(buf, cap + 1)) == NULL) {
				free(buf);
				return dm_error(DM_ERROR, "out of memory");
			}
			buf = p;
		}
		if ((got = fread(buf + n, 1, cap - n, fp)) == 0)
			break;
		digest_update(d, buf + n, got);
		n += got;
	}
	if (ferror(fp)) {
		free(buf);
		return dm_error(DM_ERROR, "read error: %s", strerror(errno));
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static int
import_text(struct import *im, FILE *fp, struct digest *d)
{
	struct statement_in st;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if ((rc = slurp(fp, d, &buf, &len)) != 0)
		return rc;
	im->index = 1;
	snprintf(im->where, sizeof(im->where), "statement");
	arena_reset(&im->arena);
	if ((rc = textstmt_parse(&st, &im->arena, buf, len, im->opt->issuer,
	    im->opt->date, (enum date_order)im->opt->date_order)) == 0 &&
	    (im->autocode != NULL || (rc = autocode_new(&im->autocode,
	    im->store)) == 0) &&
	    (rc = autocode_statement(im->autocode, &st, &im->arena)) == 0)
		rc = import_statement(im, &st);
	report_progress(im, len);
	free(buf);
	return rc;
}

static int
is_text_name(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && (strcasecmp(dot, ".txt") == 0 ||
	    strcasecmp(dot, ".md") == 0);
}

static void
report_unresolved(struct import *im)
{
	const char *const *list;
	size_t i, n;

	n = ingest_unresolved(im->ingest, &list);
	im->counts->unresolved += n;
	for (i = 0; i < n && im->opt->report; i++)
		im->opt->report(im->opt->ctx, DM_REPORT_UNRESOLVED, list[i]);
}

/* Opens the input, stdin for "-", with its name and size (0 unknown). */
static int
open_input(const char *path, FILE **fp, const char **name, uint64_t *total)
{
	struct stat sb;

	if (strcmp(path, "-") == 0) {
		*fp = stdin;
		*name = "<stdin>";
		return 0;
	}
	if ((*fp = fopen(path, "rb")) == NULL)
		return dm_error(DM_EINVALID, "cannot open '%s': %s", path,
		    strerror(errno));
	if (fstat(fileno(*fp), &sb) != 0)
		return 0;
	if (S_ISDIR(sb.st_mode)) {
		fclose(*fp);
		return dm_error(DM_EINVALID, "cannot import '%s': it is a "
		    "directory", path);
	}
	if (S_ISREG(sb.st_mode))
		*total = (uint64_t)sb.st_size;
	return 0;
}

/*
 * A file at least as large as the archive goes in faster without the
 * indexes only queries read: made again from all rows at the end, they
 * are sorted once instead of updated at random row by row (100,000
 * statements into a new archive: 58.2 s against 67.0 s, system time 7.6 s
 * against 12.0 s).  A stream of unknown size keeps them.
 */
static int
defer_indexes(struct import *im)
{
	int64_t bytes;
	int rc;

	if (im->progress.total == 0)
		return 0;
	if ((rc = store_archive_bytes(im->store, &bytes)) != 0)
		return rc;
	return im->progress.total < (uint64_t)bytes ? 0 :
	    store_indexes_defer(im->store, &im->indexes);
}

/*
 * Imports the stream fp, named name, in one transaction; text says it is
 * plain text.  recode: the statements come from the archive itself, to
 * have their rule claims made again.
 */
static int
import_stream(dm_archive *a, const char *name, FILE *fp, int text,
    int recode, uint64_t total, const struct dm_import_options *opt,
    struct dm_import_counts *counts)
{
	struct dm_import_counts before = *counts;
	const char *const *unresolved;
	struct store_import rec;
	struct import im;
	struct digest d;
	char sha[DIGEST_HEX_LEN + 1];
	unsigned gflags = 0;
	int64_t changes;
	int rc;

	memset(&im, 0, sizeof(im));
	im.a = a;
	im.opt = opt;
	im.counts = counts;
	im.name = name;
	im.recode = recode;
	im.progress.total = total;
	if ((rc = archive_store(a, &im.store)) != 0)
		return rc;
	if (opt->flags & DM_IMPORT_UPDATE)
		gflags |= INGEST_UPDATE;
	if (opt->flags & DM_IMPORT_STRICT)
		gflags |= INGEST_STRICT;
	if (opt->flags & DM_IMPORT_KEEP_GOING)
		gflags |= INGEST_ISOLATE;
	if (recode)
		gflags |= INGEST_UPDATE | INGEST_FORCE;
	if ((rc = ingest_new(&im.ingest, a->db, im.store, gflags)) != 0)
		goto done;
	if ((rc = db_begin(a->db)) != 0)
		goto done;
	if ((rc = store_import_begin(im.store, im.name, &im.import_id)) != 0 ||
	    (rc = store_pending_set(im.store, im.import_id)) != 0 ||
	    (rc = defer_indexes(&im)) != 0)
		goto done;
	changes = db_total_changes(a->db);
	digest_init(&d);
	rc = text ? import_text(&im, fp, &d) : import_json(&im, fp, &d);
	if (rc != 0)
		goto done;
	digest_final(&d, sha);
	memset(&rec, 0, sizeof(rec));
	rec.file = im.name;
	rec.sha256 = sha;
	rec.new = counts->added - before.added;
	rec.updated = counts->updated - before.updated;
	rec.unchanged = counts->unchanged - before.unchanged;
	rec.rejected = counts->rejected - before.rejected;
	rec.unresolved = ingest_unresolved(im.ingest, &unresolved);
	/* An import that changes nothing leaves no trace, not even a row. */
	if (db_total_changes(a->db) == changes) {
		rc = db_rollback(a->db);
		goto done;
	}
	if ((rc = store_indexes_restore(im.store, im.indexes)) != 0 ||
	    (rc = store_index_pending(im.store, im.import_id, 0)) != 0 ||
	    (rc = store_pending_set(im.store, 0)) != 0 ||
	    (rc = store_import_finish(im.store, im.import_id, &rec)) != 0 ||
	    (rc = db_commit(a->db)) != 0)
		goto done;
	report_unresolved(&im);
done:
	if (rc != 0) {
		locate(&im, rc);
		db_rollback(a->db);
		/* Nothing of the file stays: its counts do not either. */
		counts->added = before.added;
		counts->updated = before.updated;
		counts->unchanged = before.unchanged;
		counts->actors = before.actors;
		counts->rejected = before.rejected + 1;
	}
	free(im.indexes);
	ingest_free(im.ingest);
	autocode_free(im.autocode);
	arena_free(&im.arena);
	return rc;
}

int
dm_date_order_parse(enum dm_date_order *out, const char *s)
{
	enum date_order order;
	int rc;

	if ((rc = date_order_parse(&order, s)) == 0)
		*out = (enum dm_date_order)order;
	return rc;
}

int
dm_import_file(dm_archive *a, const char *path,
    const struct dm_import_options *opt, struct dm_import_counts *counts)
{
	const char *name = path;
	uint64_t total = 0;
	FILE *fp;
	int rc;

	if ((rc = open_input(path, &fp, &name, &total)) != 0)
		return rc;
	rc = import_stream(a, name, fp, (opt->flags & DM_IMPORT_TEXT) ||
	    is_text_name(path), 0, total, opt, counts);
	if (fp != stdin)
		fclose(fp);
	return rc;
}

int
dm_recode(dm_archive *a, const struct dm_import_options *opt,
    struct dm_import_counts *counts)
{
	FILE *fp;
	int64_t n = 0;
	int rc;

	/* The archive's coded statements, as input, through a scratch file. */
	if ((fp = tmpfile()) == NULL)
		return dm_error(DM_ERROR, "cannot make a temporary file: %s",
		    strerror(errno));
	if ((rc = export_coded(a, fp, &n)) == 0 && n > 0) {
		rewind(fp);
		rc = import_stream(a, "recode", fp, 0, 1, 0, opt, counts);
	}
	fclose(fp);
	return rc;
}
