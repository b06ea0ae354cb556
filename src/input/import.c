/*
 * The import driver: opens the input, asks the readers (reader.h) which
 * of them it is, and runs that reader in one transaction per file,
 * storing through ingest.c what it gives.  It knows no format.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "archive.h"
#include "autocode.h"
#include "date.h"
#include "db.h"
#include "digest.h"
#include "export.h"
#include "fetch.h"
#include "html.h"
#include "error.h"
#include "ingest.h"
#include "instream.h"
#include "reader.h"
#include "statement.h"
#include "store.h"

/*
 * What goes between the file name and a location: "file:12: ..." for a
 * line, "file: statement 3 ..." otherwise.
 */
const char *
import_sep(const char *where)
{
	return isdigit((unsigned char)*where) ? ":" : ": ";
}

/* Puts the file name in front of the last message. */
static int
locate(struct import *im, int rc)
{
	char msg[1024];

	snprintf(msg, sizeof(msg), "%s", dm_error_last());
	return dm_error(rc, "%s%s%s", im->name, import_sep(msg), msg);
}


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


int
import_reject(struct import *im, int rc)
{
	return outcome(im, rc, INGEST_NEW);
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


int
import_put(struct import *im, struct statement_in *st, int code)
{
	int rc;

	if (code && (rc = recode_statement(im, st)) != 0)
		return rc;
	return import_statement(im, st);
}

void
import_progress(struct import *im, uint64_t bytes)
{
	im->progress.bytes = bytes;
	im->progress.statements = im->index;
	if (im->opt->progress)
		im->opt->progress(im->opt->ctx, &im->progress);
}

int
import_name_ends(const char *name, const char *const *exts)
{
	const char *dot = strrchr(name, '.');

	for (; dot != NULL && *exts != NULL; exts++)
		if (strcasecmp(dot, *exts) == 0)
			return 1;
	return 0;
}

int
import_name_bare(const char *name)
{
	const char *base = strrchr(name, '/');

	return strchr(base ? base : name, '.') == NULL;
}

/* Reads the whole stream, for the readers of one statement per file. */
static int
slurp(struct instream *in, struct digest *d, size_t max, const char *what,
    char **out, size_t *len)
{
	char *buf = NULL, *p;
	size_t n = 0, cap = 0;
	ssize_t got;

	for (;;) {
		if (n > max) {
			free(buf);
			return dm_error(DM_EINVALID, "a %s of more than %zu "
			    "MiB, the limit for one statement", what,
			    max >> 20);
		}
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			if ((p = realloc(buf, cap + 1)) == NULL) {
				free(buf);
				return dm_error(DM_ERROR, "out of memory");
			}
			buf = p;
		}
		if ((got = instream_read(in, buf + n, cap - n)) < 0) {
			free(buf);
			return dm_error(DM_ERROR, "read error: %s",
			    strerror(errno));
		}
		if (got == 0)
			break;
		digest_update(d, buf + n, (size_t)got);
		n += (size_t)got;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int
import_one(struct import *im, struct instream *in, struct digest *d,
    size_t max, const char *what, int (*parse)(struct import *im,
    struct statement_in *st, const char *buf, size_t len))
{
	struct statement_in st;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if ((rc = slurp(in, d, max, what, &buf, &len)) != 0)
		return rc;
	im->index = 1;
	snprintf(im->where, sizeof(im->where), "statement");
	arena_reset(&im->arena);
	if ((rc = parse(im, &st, buf, len)) == 0)
		rc = import_put(im, &st, 1);
	import_progress(im, len);
	free(buf);
	return rc;
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
 * are sorted once instead of updated at random row by row (bench/PROFILE.md,
 * seventh round).  A stream of unknown size keeps them.  Such a file's
 * full-text entries are then merged with the archive's into one segment
 * each (store_fts_bulk_end()), at a cost within twice the file's share.
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
	if (im->progress.total < (uint64_t)bytes)
		return 0;
	im->bulk = 1;
	return store_indexes_defer(im->store, &im->indexes);
}

/* What the import's options ask of ingest.c. */
static unsigned
ingest_flags(unsigned flags, int recode)
{
	unsigned g = 0;

	if (flags & DM_IMPORT_UPDATE)
		g |= INGEST_UPDATE;
	if (flags & DM_IMPORT_STRICT)
		g |= INGEST_STRICT;
	if (flags & DM_IMPORT_KEEP_GOING)
		g |= INGEST_ISOLATE;
	if (recode)
		g |= INGEST_UPDATE | INGEST_FORCE;
	return g;
}

/*
 * Imports the stream in, named name, in one transaction, read by r.
 * recode: the statements come from the archive itself, to have their
 * rule claims made again.
 */
static int
import_stream(dm_archive *a, const char *name, struct instream *in,
    const struct reader *r, const char *charset, int recode, uint64_t total,
    const struct dm_import_options *opt, struct dm_import_counts *counts)
{
	struct dm_import_counts before = *counts;
	const char *const *unresolved;
	struct store_import rec;
	struct import im;
	struct digest d;
	char sha[DIGEST_HEX_LEN + 1];
	int64_t changes;
	int rc;

	memset(&im, 0, sizeof(im));
	im.a = a;
	im.opt = opt;
	im.counts = counts;
	im.name = name;
	im.recode = recode;
	im.charset = charset;
	im.progress.total = total;
	if ((rc = archive_store(a, &im.store)) != 0)
		return rc;
	if ((rc = ingest_new(&im.ingest, a->db, im.store,
	    ingest_flags(opt->flags, recode))) != 0)
		goto done;
	if ((rc = db_begin(a->db)) != 0)
		goto done;
	if ((rc = store_import_begin(im.store, im.name, &im.import_id)) != 0 ||
	    (rc = store_pending_set(im.store, im.import_id)) != 0 ||
	    (rc = defer_indexes(&im)) != 0)
		goto done;
	changes = db_total_changes(a->db);
	digest_init(&d);
	if ((rc = r->read(&im, in, &d)) != 0)
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
	    (im.bulk && (rc = store_fts_bulk_begin(im.store)) != 0) ||
	    (rc = ingest_sum_up(im.ingest, im.import_id, 0)) != 0 ||
	    (im.bulk && (rc = store_fts_bulk_end(im.store)) != 0) ||
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

/*
 * The reader --format names, or the first that knows the input by its
 * name and its first bytes (in, which may be NULL under --format).
 */
static int
pick_reader(const char *format, const char *name, const struct instream *in,
    const struct reader **out)
{
	const struct reader *const *r;

	if (format != NULL) {
		for (r = readers; *r != NULL; r++)
			if (strcmp((*r)->name, format) == 0) {
				*out = *r;
				return 0;
			}
		return dm_error(DM_EINVALID, "unknown input format '%s'",
		    format);
	}
	for (r = readers; !(*r)->detect(name, in->head, in->n); r++)
		;
	*out = *r;
	return 0;
}

/* The reader for a media type, or NULL. */
static const struct reader *
reader_for_type(const char *type)
{
	const struct reader *const *r;
	const char *const *t;

	for (r = readers; *r != NULL; r++)
		for (t = (*r)->types; *t != NULL; t++)
			if (strcmp(*t, type) == 0)
				return *r;
	return NULL;
}

void
import_fetch_request(struct fetch_request *req, const char *url,
    const struct dm_import_options *opt)
{
	memset(req, 0, sizeof(*req));
	req->url = url;
	req->timeout = opt->timeout > 0 ? opt->timeout : 30;
	req->delay = opt->delay == 0 ? 1.0 : opt->delay;
	req->max_bytes = PAGE_MAX_BYTES;
}

/* Fetches url and imports what it gives, read by its media type. */
static int
import_url(dm_archive *a, const char *url,
    const struct dm_import_options *opt, struct dm_import_counts *counts)
{
	const struct reader *r = NULL;
	struct fetch_request req;
	struct fetch_response res;
	struct instream in;
	FILE *fp;
	int rc;

	import_fetch_request(&req, url, opt);
	if ((rc = fetch(&req, &res)) != 0)
		return dm_error(rc, "%s: %s", url, dm_error_last());
	if (opt->format != NULL)
		rc = pick_reader(opt->format, url, NULL, &r);
	else if ((r = reader_for_type(res.type)) == NULL)
		rc = dm_error(DM_EINVALID, "%s: a wrong content type '%s' (not "
		    "a page or statements)", url, res.type);
	if (rc == 0 && (fp = fmemopen(res.body, res.len, "r")) == NULL)
		rc = dm_error(DM_ERROR, "%s: cannot read the page: %s", url,
		    strerror(errno));
	if (rc == 0) {
		instream_open(&in, fp);
		rc = import_stream(a, url, &in, r, res.charset, 0, res.len,
		    opt, counts);
		fclose(fp);
	}
	fetch_response_free(&res);
	return rc;
}

int
dm_import_file(dm_archive *a, const char *path,
    const struct dm_import_options *opt, struct dm_import_counts *counts)
{
	const struct reader *r = NULL;
	const char *name = path;
	struct instream in;
	uint64_t total = 0;
	FILE *fp;
	int rc;

	if (fetch_is_url(path))
		return import_url(a, path, opt, counts);
	if ((rc = open_input(path, &fp, &name, &total)) != 0)
		return rc;
	/* A pipe as a file: its format told by what it begins with. */
	instream_open(&in, fp);
	if ((rc = pick_reader(opt->format, path, &in, &r)) == 0)
		rc = import_stream(a, name, &in, r, NULL, 0, total, opt,
		    counts);
	if (fp != stdin)
		fclose(fp);
	return rc;
}

int
dm_recode(dm_archive *a, const struct dm_import_options *opt,
    struct dm_import_counts *counts)
{
	struct instream in;
	FILE *fp;
	int64_t n = 0;
	int rc;

	/* The archive's coded statements, as input, through a scratch file. */
	if ((fp = tmpfile()) == NULL)
		return dm_error(DM_ERROR, "cannot make a temporary file: %s",
		    strerror(errno));
	if ((rc = export_coded(a, fp, &n)) == 0 && n > 0) {
		rewind(fp);
		instream_open(&in, fp);
		rc = import_stream(a, "recode", &in, &reader_json, NULL, 1,
		    0, opt, counts);
	}
	fclose(fp);
	return rc;
}