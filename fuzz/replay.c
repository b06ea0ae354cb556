/*
 * Runs a fuzz target over files, without libFuzzer: each argument is a
 * file or a directory of files (a corpus), each file one input.  Exits 0
 * when every input ran; a failing property aborts, as under libFuzzer.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static long ran;

static int
replay_file(const char *path)
{
	FILE *fp;
	uint8_t *buf = NULL, *p;
	size_t len = 0, cap = 0, got;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			if ((p = realloc(buf, cap)) == NULL) {
				perror("realloc");
				exit(1);
			}
			buf = p;
		}
		if ((got = fread(buf + len, 1, cap - len, fp)) == 0)
			break;
		len += got;
	}
	if (ferror(fp)) {
		perror(path);
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	ran++;
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
replay(const char *path)
{
	struct stat sb;
	struct dirent *de;
	DIR *d;
	char **names = NULL, **np, *full;
	size_t n = 0, i, len;
	int rc = 0;

	if (stat(path, &sb) == -1) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode))
		return replay_file(path);
	if ((d = opendir(path)) == NULL) {
		perror(path);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((np = realloc(names, (n + 1) * sizeof(*names))) == NULL ||
		    (np[n] = strdup(de->d_name)) == NULL) {
			perror("malloc");
			exit(1);
		}
		names = np;
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		len = strlen(path) + strlen(names[i]) + 2;
		if ((full = malloc(len)) == NULL) {
			perror("malloc");
			exit(1);
		}
		snprintf(full, len, "%s/%s", path, names[i]);
		if (replay(full) != 0)
			rc = -1;
		free(full);
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (replay(argv[i]) != 0)
			rc = 1;
	printf("%ld inputs ran\n", ran);
	return rc;
}
