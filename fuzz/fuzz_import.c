/*
 * Imports one input as a JSON file into a fresh archive.  Properties: no
 * crash, leak or undefined behaviour; a failed import leaves the archive
 * as it was; a successful one, repeated, changes nothing (SPEC section
 * 2).
 */
#include <sys/types.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demarche.h"
#include "fuzz.h"

static char dir[64], input[96], db[96], wal[100], shm[100];
static uint8_t *image;		/* an initialised archive */
static size_t image_len;

static void
clean_up(void)
{
	unlink(input);
	unlink(db);
	unlink(wal);
	unlink(shm);
	rmdir(dir);
	free(image);
}

static void
write_file(const char *path, const void *data, size_t size)
{
	FILE *fp;

	if ((fp = fopen(path, "wb")) == NULL ||
	    (size > 0 && fwrite(data, 1, size, fp) != size) ||
	    fclose(fp) != 0) {
		perror(path);
		abort();
	}
}

static void
read_file(const char *path, uint8_t **out, size_t *len)
{
	FILE *fp;
	long n;

	if ((fp = fopen(path, "rb")) == NULL || fseek(fp, 0, SEEK_END) != 0 ||
	    (n = ftell(fp)) <= 0 || fseek(fp, 0, SEEK_SET) != 0 ||
	    (*out = malloc((size_t)n)) == NULL ||
	    fread(*out, 1, (size_t)n, fp) != (size_t)n) {
		perror(path);
		abort();
	}
	*len = (size_t)n;
	fclose(fp);
}

/*
 * Makes an archive once, since init (the gazetteer) takes longer than
 * most imports, and keeps its bytes to start each run from.
 */
static void
set_up(void)
{
	struct dm_init_result init;
	dm_archive *a = NULL;
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/fuzz-import.XXXXXX", tmp && *tmp ?
	    tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
	snprintf(input, sizeof(input), "%s/input.json", dir);
	snprintf(db, sizeof(db), "%s/archive.db", dir);
	snprintf(wal, sizeof(wal), "%s-wal", db);
	snprintf(shm, sizeof(shm), "%s-shm", db);
	atexit(clean_up);
	if (dm_archive_open(&a, db, DM_OPEN_CREATE) != 0 ||
	    dm_archive_init(a, &init) != 0) {
		fprintf(stderr, "archive: %s\n", dm_error_last());
		abort();
	}
	dm_archive_free(a);
	read_file(db, &image, &image_len);
}

static void
no_warnings(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dm_import_options opt;
	struct dm_import_counts counts, again;
	struct dm_stats before, after;
	dm_archive *a = NULL;
	int rc;

	if (image == NULL)
		set_up();
	dm_set_warning_handler(no_warnings, NULL);
	write_file(input, data, size);
	unlink(wal);
	unlink(shm);
	write_file(db, image, image_len);
	if (dm_archive_open(&a, db, 0) != 0) {
		fprintf(stderr, "archive: %s\n", dm_error_last());
		abort();
	}
	memset(&opt, 0, sizeof(opt));
	memset(&counts, 0, sizeof(counts));
	FUZZ_ASSERT(dm_archive_stats(a, &before) == 0);
	rc = dm_import_file(a, input, &opt, &counts);
	FUZZ_ASSERT(rc == 0 || rc == DM_EINVALID || rc == DM_ECONFLICT);
	FUZZ_ASSERT(dm_archive_stats(a, &after) == 0);
	if (rc != 0) {
		FUZZ_ASSERT(*dm_error_last() != '\0');
		FUZZ_ASSERT(before.statements == after.statements &&
		    before.claims == after.claims &&
		    before.actors == after.actors &&
		    before.imports == after.imports);
		/* The valid part of a rejected file. */
		opt.flags = DM_IMPORT_KEEP_GOING;
		rc = dm_import_file(a, input, &opt, &counts);
		FUZZ_ASSERT(rc == 0 || rc == DM_EINVALID ||
		    rc == DM_ECONFLICT);
	} else {
		FUZZ_ASSERT(after.statements == before.statements +
		    counts.added);
		memset(&again, 0, sizeof(again));
		FUZZ_ASSERT(dm_import_file(a, input, &opt, &again) == 0);
		FUZZ_ASSERT(again.added == 0 && again.updated == 0 &&
		    again.rejected == 0 && again.actors == 0);
	}
	dm_archive_free(a);
	return 0;
}
