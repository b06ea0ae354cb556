/*
 * The rule-based coder, taught the whole gazetteer.  Properties: every
 * claim has a claimant, one of SPEC's kinds, a CAMEO code of 2 to 4
 * digits, non-empty targets and slug topics, a quote that occurs in the
 * text, and a date (if any) that parses.  The first input byte picks the
 * issuer and the statement date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimkind.h"
#include "coder.h"
#include "demarche.h"
#include "fuzz.h"
#include "statement.h"

#ifndef SOURCE_DIR
#error "SOURCE_DIR must name the source tree"
#endif

static struct coder *coder;

static char *
slurp(const char *path)
{
	FILE *fp;
	char *buf;
	long n;

	if ((fp = fopen(path, "rb")) == NULL || fseek(fp, 0, SEEK_END) != 0 ||
	    (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		perror(path);
		abort();
	}
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Teaches the coder every name and alias of the gazetteer. */
static void
teach(struct coder *c, char *tsv)
{
	char *line, *nl, *f[5], *alias, *semi;
	size_t i;

	for (line = tsv; line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		for (i = 0; i < 5; i++) {
			f[i] = line;
			if (line != NULL && (line = strchr(line, '\t')) != NULL)
				*line++ = '\0';
		}
		if (f[1] == NULL)
			continue;
		FUZZ_ASSERT(coder_add_actor(c, f[1], f[0]) == 0);
		for (alias = f[4]; alias != NULL && *alias != '\0';
		    alias = semi) {
			if ((semi = strchr(alias, ';')) != NULL)
				*semi++ = '\0';
			FUZZ_ASSERT(coder_add_actor(c, alias, f[0]) == 0);
		}
	}
}

static void
free_coder(void)
{
	coder_free(coder);
}

static void
set_up(void)
{
	char *lexicon, *gazetteer;

	lexicon = slurp(SOURCE_DIR "/src/coder/lexicon-en.tsv");
	gazetteer = slurp(SOURCE_DIR "/schema/gazetteer.tsv");
	if (coder_new(&coder, lexicon) != 0) {
		fprintf(stderr, "lexicon: %s\n", dm_error_last());
		abort();
	}
	teach(coder, gazetteer);
	free(gazetteer);
	free(lexicon);
	atexit(free_coder);
}

static int
check_claim(void *ctx, const struct coder_claim *cl)
{
	const char *text = ctx;
	size_t i, n;

	FUZZ_ASSERT(cl->by != NULL && *cl->by != '\0');
	FUZZ_ASSERT(cl->kind != NULL && claim_kind_cameo(cl->kind) != NULL);
	FUZZ_ASSERT(cl->cameo != NULL);
	n = strspn(cl->cameo, "0123456789");
	FUZZ_ASSERT(cl->cameo[n] == '\0' && n >= 2 && n <= 4);
	for (i = 0; i < cl->ntargets; i++)
		FUZZ_ASSERT(cl->targets[i] != NULL && *cl->targets[i] != '\0');
	for (i = 0; i < cl->ntopics; i++) {
		FUZZ_ASSERT(cl->topics[i] != NULL && *cl->topics[i] != '\0');
		FUZZ_ASSERT(strpbrk(cl->topics[i], " ABCDEFGHIJKLMNOPQRSTUVWXYZ")
		    == NULL);
	}
	FUZZ_ASSERT(cl->quote != NULL && *cl->quote != '\0');
	FUZZ_ASSERT(strstr(text, cl->quote) != NULL);
	if (cl->date != NULL) {
		struct dm_date d;

		FUZZ_ASSERT(date_parse(&d, cl->date, DATE_ORDER_NONE) == 0);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dm_date date = { 2021, 7, 19 }, *dp = NULL;
	const char *issuer = NULL;
	char *text;

	if (coder == NULL)
		set_up();
	if (size > 0) {
		if (data[0] & 1)
			issuer = "CHN.MISSION-EU";
		if (data[0] & 2)
			dp = &date;
		data++;
		size--;
	}
	text = fuzz_strndup(data, size);
	FUZZ_ASSERT(coder_run(coder, text, issuer, dp, check_claim, text) ==
	    0);
	free(text);
	return 0;
}
