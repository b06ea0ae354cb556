/*
 * The JSON reader: one statement, an array, a bundle, or JSON Lines, told
 * apart by content and read a statement at a time by jsonl.c; each
 * statement validated against SPEC section 2.  With jsonl.c, the only
 * file that includes <jansson.h>.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "actors.h"
#include "claimkind.h"
#include "archive.h"
#include "date.h"
#include "error.h"
#include "names.h"
#include "fold.h"
#include "jsonl.h"
#include "reader.h"
#include "statement.h"

_Static_assert((int)DM_DATE_ORDER_DMY == (int)DATE_ORDER_DMY &&
    (int)DM_DATE_ORDER_MDY == (int)DATE_ORDER_MDY, "date orders differ");

static const char *const statement_keys[] = { "id", "issuer", "date",
	"title", "text", "url", "language", "kind", "responds_to", "claims",
	"source", NULL };
static const char *const claim_keys[] = { "kind", "by", "target", "topics",
	"summary", "quote", "date", "cameo", "method", "cue", "review", "reviewer",
	"reviewed_at", "replaces", NULL };
static const char *const actor_keys[] = { "code", "name", "kind", "aliases",
	"country", NULL };
static const char *const bundle_keys[] = { "actors", "statements", NULL };

static void
warn_unknown_keys(struct import *im, json_t *obj, const char *const *known,
    const char *what)
{
	const char *key, *hint;
	json_t *v;

	json_object_foreach(obj, key, v) {
		if (names_find(known, key) >= 0)
			continue;
		hint = names_nearest(key, known);
		dm_warn("%s%s%s: unknown key '%s' ignored%s%s%s", im->name,
		    import_sep(what), what, key, hint ? " (did you mean '" : "",
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

/*
 * "issuer": one reference, or an array of them for a joint statement
 * (SPEC section 2), the first its issuer and the rest its co-issuers.
 */
static int
get_issuers(struct import *im, json_t *obj, struct statement_in *st)
{
	const char *const *list;
	size_t n;
	int rc;

	if (!json_is_array(json_object_get(obj, "issuer")))
		return get_string(im, obj, "issuer", 1, &st->issuer);
	if ((rc = get_strings(im, obj, "issuer", 0, STATEMENT_MAX_ISSUERS,
	    &list, &n)) != 0)
		return rc;
	if (n == 0)
		return dm_error(DM_EINVALID, "%s: 'issuer' is empty",
		    im->where);
	st->issuer = list[0];
	st->co_issuers = list + 1;
	st->nco_issuers = n - 1;
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

/*
 * The method of a claim and a reviewer's decision on it: "review":
 * "rejected" on a rule claim; "replaces" (the key of the rule claim it
 * stands for) on a reviewed one; who and when on either.
 */
static int
review_from_json(struct import *im, json_t *obj, struct claim_in *c)
{
	int rc;

	if (c->method == NULL)
		c->method = "curated";
	else if (strcmp(c->method, "curated") != 0 &&
	    strcmp(c->method, "rule") != 0 &&
	    strcmp(c->method, "reviewed") != 0)
		return dm_error(DM_EINVALID, "%s: unknown method '%s' "
		    "(curated, rule or reviewed)", im->where, c->method);
	if ((rc = get_string(im, obj, "review", 0, &c->review)) != 0 ||
	    (rc = get_string(im, obj, "reviewer", 0, &c->reviewer)) != 0 ||
	    (rc = get_string(im, obj, "reviewed_at", 0,
	    &c->reviewed_at)) != 0 ||
	    (rc = get_string(im, obj, "replaces", 0, &c->replaces)) != 0)
		return rc;
	if (c->review != NULL && (strcmp(c->review, "rejected") != 0 ||
	    strcmp(c->method, "rule") != 0))
		return dm_error(DM_EINVALID, "%s: 'review' is \"rejected\", "
		    "on a claim of method rule", im->where);
	if (c->replaces != NULL && strcmp(c->method, "reviewed") != 0)
		return dm_error(DM_EINVALID, "%s: 'replaces' belongs to a "
		    "claim of method reviewed", im->where);
	return 0;
}

static int
claim_from_json(struct import *im, json_t *obj, const char *text,
    struct claim_in *c, size_t i)
{
	char where[sizeof(im->where)], names[256];
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
	if ((rc = get_string(im, obj, "method", 0, &c->method)) != 0 ||
	    (rc = review_from_json(im, obj, c)) != 0)
		goto done;
	if ((rc = get_string(im, obj, "kind", 1, &c->kind)) != 0)
		goto done;
	if (claim_kind_cameo(c->kind) == NULL) {
		hint = names_nearest(c->kind, claim_kind_names);
		rc = dm_error(DM_EINVALID, "%s: unknown claim kind '%s' "
		    "(%s%s%s%s)", im->where, c->kind, hint ? "did you mean '" :
		    "", hint ? hint : "", hint ? "'? kinds: " : "",
		    names_join(names, sizeof(names), claim_kind_names));
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
		    "text", im->name, import_sep(im->where), im->where);
done:
	snprintf(im->where, sizeof(im->where), "%s", where);
	return rc;
}

/*
 * "source": "text" marks a statement the rule coder coded from plain
 * text, as the export writes it, so that 'import --recode' and 'eval'
 * still take it for coded where the coder found nothing.
 */
static int
source_from_json(struct import *im, json_t *obj, struct statement_in *st)
{
	const char *s;
	int rc;

	if ((rc = get_string(im, obj, "source", 0, &s)) != 0 || s == NULL)
		return rc;
	if (strcmp(s, "json") != 0 && strcmp(s, "text") != 0)
		return dm_error(DM_EINVALID, "%s: unknown source '%s' (json "
		    "or text)", im->where, s);
	st->source = s;
	return 0;
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
	if ((rc = get_issuers(im, obj, st)) != 0 ||
	    (rc = get_string(im, obj, "date", 1, &s)) != 0 ||
	    (rc = parse_date(im, "date", s, st->date, st->date_lo,
	    st->date_hi)) != 0 ||
	    (rc = get_string(im, obj, "title", 0, &st->title)) != 0 ||
	    (rc = get_string(im, obj, "text", 0, &st->text)) != 0 ||
	    (rc = get_string(im, obj, "url", 0, &st->url)) != 0 ||
	    (rc = get_string(im, obj, "language", 0, &st->language)) != 0 ||
	    (rc = get_string(im, obj, "kind", 0, &st->kind)) != 0 ||
	    (rc = source_from_json(im, obj, st)) != 0 ||
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
do_statement(struct import *im, json_t *obj)
{
	struct statement_in st;
	int rc;

	im->index++;
	set_where(im, "statement");
	arena_reset(&im->arena);
	if ((rc = statement_from_json(im, obj, &st)) != 0)
		return import_reject(im, rc);
	return import_put(im, &st, im->recode);
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
import_json(struct import *im, struct instream *in, struct digest *d)
{
	struct jsonl_item it;
	struct jsonl *r;
	int64_t n = 0;
	int rc;

	if ((rc = jsonl_start(&r, in, d)) != 0)
		return rc;
	while ((rc = jsonl_next(r, &it)) == 1) {
		if (it.v == NULL) {
			/* --keep-going goes on past a line that is not JSON. */
			rc = json_failure(&it.err);
			if (it.resumes && (rc = import_reject(im, rc)) == 0)
				continue;
			break;
		}
		rc = do_item(im, &it);
		json_decref(it.v);
		if (rc != 0)
			break;
		if (++n % 512 == 0)
			import_progress(im, it.bytes);
	}
	if (rc == 0 && it.index == 0)
		rc = dm_error(DM_EINVALID, "no statements (the file is "
		    "empty)");
	if (rc == 0)
		import_progress(im, it.bytes);
	jsonl_stop(r);
	return rc;
}

/* Reads the whole stream, for plain text, up to the limit. */
/* JSON takes whatever the other readers leave. */
static int
detect_json(const char *name, const char *head, size_t n)
{
	(void)name;
	(void)head;
	(void)n;
	return 1;
}

static const char *const types[] = { "application/json", "application/x-ndjson",
	"application/jsonl", "application/ld+json", NULL };

const struct reader reader_json = { "json", detect_json, types, import_json };
