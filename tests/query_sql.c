/*
 * The SQL the read side builds for each listing and filter, against the
 * texts kept in a folder (tests/data/query-sql), one file per case named
 * after it, so that a change of plan shows as a diff.  Compared with
 * runs of whitespace as one space; written one clause a line.
 *
 *   query_sql DIR           compares, naming each case that differs
 *   query_sql --write DIR   writes every case's file anew
 *
 * The archive holds 16 statements, one a year from 2001: a day of 2005
 * holds fewer than an eighth of them (who's narrow dates), 2000 to 2020
 * all of them (who's summary), 2001 to 2012 many.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "db.h"
#include "error.h"
#include "query.h"

/* A listing (group -1) or the timeline's counts of one (a group). */
struct sql_case {
	const char		*name;
	enum dm_listing		 what;
	int			 group;
	struct dm_filter	 f;
};

#define L(n, w, ...)	{ n, w, -1, { __VA_ARGS__ } }
#define C(n, w, g, ...)	{ n, w, g, { __VA_ARGS__ } }
#define NARROW		.from = "2005-06-01", .to = "2005-06-01"
#define ALL_DATES	.from = "2000", .to = "2020"
#define MANY		.from = "2001", .to = "2012"

static const struct sql_case cases[] = {
	L("statements", DM_LIST_STATEMENTS, .limit = 0),
	L("statements-actor", DM_LIST_STATEMENTS, .actor = "CHN"),
	L("statements-actor-dated", DM_LIST_STATEMENTS, .actor = "CHN", MANY),
	L("statements-kinds-topic-limit", DM_LIST_STATEMENTS,
	    .kinds = "remarks", .topic = "trade", .limit = 5),
	L("claims", DM_LIST_CLAIMS, .limit = 0),
	L("claims-actor", DM_LIST_CLAIMS, .actor = "CHN"),
	L("claims-actor-dated", DM_LIST_CLAIMS, .actor = "CHN", MANY),
	L("claims-by-against", DM_LIST_CLAIMS, .by = "CHN", .target = "USA"),
	L("claims-by-dated", DM_LIST_CLAIMS, .by = "CHN", MANY),
	L("claims-kinds-topic-method", DM_LIST_CLAIMS, .kinds = "accuse",
	    .topic = "trade", .method = "rule"),
	L("who-summary", DM_LIST_WHO, .limit = 0),
	L("who-summary-all-dates", DM_LIST_WHO, ALL_DATES),
	L("who-summary-by-against-mutual", DM_LIST_WHO, .by = "CHN",
	    .target = "USA", .mutual = 1, .limit = 10),
	L("who-summary-rollup-by", DM_LIST_WHO, .rollup = 1, .by = "USA"),
	L("who-rollup-by-exact", DM_LIST_WHO, .rollup = 1, .by = "USA",
	    .exact = 1),
	L("who-rollup-by-descendant", DM_LIST_WHO, .rollup = 1,
	    .by = "USA.STATE"),
	L("who-rollup-mutual-kinds", DM_LIST_WHO, .rollup = 1, .mutual = 1,
	    .kinds = "accuse,criticize"),
	L("who-kinds", DM_LIST_WHO, .kinds = "accuse"),
	L("who-topic", DM_LIST_WHO, .topic = "trade"),
	L("who-actor", DM_LIST_WHO, .actor = "CHN"),
	L("who-actor-narrow", DM_LIST_WHO, .actor = "CHN", NARROW),
	L("who-narrow", DM_LIST_WHO, NARROW),
	L("who-narrow-by", DM_LIST_WHO, .by = "CHN", NARROW),
	L("who-narrow-by-mutual", DM_LIST_WHO, .by = "CHN", .mutual = 1,
	    NARROW),
	L("who-narrow-against", DM_LIST_WHO, .target = "USA", NARROW),
	L("who-many", DM_LIST_WHO, MANY),
	L("who-many-by-against", DM_LIST_WHO, .by = "CHN", .target = "USA",
	    MANY),
	L("actors", DM_LIST_ACTORS, .limit = 0),
	L("actors-actor-kinds-text", DM_LIST_ACTORS, .actor = "USA",
	    .kinds = "state", .text = "united"),
	L("actors-unresolved", DM_LIST_ACTORS, .unresolved = 1),
	L("unresolved", DM_LIST_UNRESOLVED, .limit = 0),
	L("search", DM_LIST_SEARCH, .text = "trade"),
	L("search-actor-kinds-dated", DM_LIST_SEARCH, .text = "trade",
	    .actor = "CHN", .kinds = "accuse", MANY),
	L("search-limit", DM_LIST_SEARCH, .text = "trade", .limit = 5),
	L("search-limit-dated", DM_LIST_SEARCH, .text = "trade", .limit = 5,
	    MANY),
	L("search-limit-actor", DM_LIST_SEARCH, .text = "trade", .limit = 5,
	    .actor = "CHN"),
	L("search-limit-kinds", DM_LIST_SEARCH, .text = "trade", .limit = 5,
	    .kinds = "accuse"),
	L("search-raw", DM_LIST_SEARCH, .text = "title:trade", .raw = 1),
	C("counts-claims", DM_LIST_CLAIMS, QUERY_GROUP_NONE, .limit = 0),
	C("counts-claims-pair", DM_LIST_CLAIMS, QUERY_GROUP_PAIR, .rollup = 1),
	C("counts-claims-by", DM_LIST_CLAIMS, QUERY_GROUP_BY, .limit = 0),
	C("counts-claims-against", DM_LIST_CLAIMS, QUERY_GROUP_AGAINST,
	    .limit = 0),
	C("counts-claims-kind", DM_LIST_CLAIMS, QUERY_GROUP_KIND, .limit = 0),
	C("counts-claims-issuer", DM_LIST_CLAIMS, QUERY_GROUP_ISSUER,
	    .limit = 0),
	C("counts-claims-target", DM_LIST_CLAIMS, QUERY_GROUP_NONE,
	    .target = "USA"),
	C("counts-claims-filters", DM_LIST_CLAIMS, QUERY_GROUP_BY,
	    .actor = "CHN", .by = "CHN", .kinds = "accuse", .topic = "trade",
	    .method = "curated", MANY),
	C("counts-statements", DM_LIST_STATEMENTS, QUERY_GROUP_NONE,
	    .limit = 0),
	C("counts-statements-kind", DM_LIST_STATEMENTS, QUERY_GROUP_KIND,
	    .limit = 0),
	C("counts-statements-issuer", DM_LIST_STATEMENTS, QUERY_GROUP_ISSUER,
	    .actor = "CHN", .topic = "trade", .kinds = "remarks", MANY),
};

#define NCASES	(sizeof(cases) / sizeof(cases[0]))

static const char years[] =
    "WITH RECURSIVE y(n) AS (SELECT 2001 UNION ALL SELECT n + 1 FROM y"
    " WHERE n < 2016) INSERT INTO statements (id, issuer_id, date, date_lo,"
    " date_hi, title, text, kind, digest) SELECT 's' || n, (SELECT id FROM"
    " actors WHERE code = 'CHN'), n || '-06-01', n || '-06-01',"
    " n || '-06-01', 'On trade', 'Words on trade.', 'remarks',"
    " printf('%064d', n) FROM y";

/* Clauses that begin a line of a case's file; "), " ends one. */
static const char *const breaks[] = { " SELECT ", " FROM ", " WHERE ",
	" AND ", " UNION ALL ", " ORDER BY ", " GROUP BY " };

/* sql with each run of whitespace made one space, in a new string. */
static char *
squeeze(const char *sql)
{
	char *out, *o;
	const char *p;

	if ((out = o = malloc(strlen(sql) + 1)) == NULL)
		return NULL;
	for (p = sql; *p != '\0'; p++) {
		if (strchr(" \t\n\r", *p) == NULL)
			*o++ = *p;
		else if (o > out && o[-1] != ' ')
			*o++ = ' ';
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

/* Whether a line breaks at p, the space before a clause of breaks[]. */
static int
breaks_at(const char *p)
{
	size_t i;

	for (i = 0; i < sizeof(breaks) / sizeof(breaks[0]); i++)
		if (strncmp(p, breaks[i], strlen(breaks[i])) == 0)
			return 1;
	return 0;
}

/* Writes sql to fp, a clause a line. */
static void
write_lines(FILE *fp, const char *sql)
{
	const char *p;

	for (p = sql; *p != '\0'; p++) {
		if (p > sql && breaks_at(p))
			fputc('\n', fp);
		else if (strncmp(p, "), ", 3) == 0) {
			fputs("),\n", fp);
			p += 2;
		} else
			fputc(*p, fp);
	}
	fputc('\n', fp);
}

/* The SQL of case c, squeezed, or NULL with the error printed. */
static char *
case_sql(dm_archive *a, const struct sql_case *c)
{
	struct db_stmt *st = NULL;
	char *sql;
	int rc;

	rc = c->group < 0 ? query_prepare(a, c->what, &c->f, &st) :
	    query_prepare_counts(a, c->what, &c->f, (enum query_group)c->group,
	    &st);
	if (rc != 0) {
		fprintf(stderr, "FAIL %s: %s\n", c->name, dm_error_last());
		return NULL;
	}
	sql = squeeze(db_sql(st));
	db_finalize(st);
	return sql;
}

/* The file of case name in dir, whole, or NULL. */
static char *
slurp(const char *dir, const char *name)
{
	char path[4096], *buf = NULL;
	size_t len = 0;
	FILE *fp, *mem;
	int ch;

	snprintf(path, sizeof(path), "%s/%s.sql", dir, name);
	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	if ((mem = open_memstream(&buf, &len)) != NULL) {
		while ((ch = fgetc(fp)) != EOF)
			fputc(ch, mem);
		fclose(mem);
	}
	fclose(fp);
	return buf;
}

/* Case c against its file in dir (or written there): 0 when they agree. */
static int
run_case(dm_archive *a, const struct sql_case *c, const char *dir, int write)
{
	char path[4096], *sql, *text, *want;
	FILE *fp;
	int bad;

	if ((sql = case_sql(a, c)) == NULL)
		return 1;
	if (write) {
		snprintf(path, sizeof(path), "%s/%s.sql", dir, c->name);
		if ((fp = fopen(path, "w")) == NULL) {
			perror(path);
			free(sql);
			return 1;
		}
		write_lines(fp, sql);
		free(sql);
		return fclose(fp) != 0;
	}
	text = slurp(dir, c->name);
	want = text ? squeeze(text) : NULL;
	if ((bad = want == NULL || strcmp(sql, want) != 0))
		fprintf(stderr, "FAIL %s: the SQL built is not %s/%s.sql%s\n"
		    "  built: %s\n", c->name, dir, c->name, text ? "" :
		    " (missing)", sql);
	free(text);
	free(want);
	free(sql);
	return bad;
}

/* Files of dir that no case names: a case removed or renamed. */
static int
stale_files(const char *dir)
{
	struct dirent *e;
	size_t i, n;
	DIR *d;
	int bad = 0;

	if ((d = opendir(dir)) == NULL) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if ((n = strlen(e->d_name)) < 5 ||
		    strcmp(e->d_name + n - 4, ".sql") != 0)
			continue;
		for (i = 0; i < NCASES; i++)
			if (strlen(cases[i].name) == n - 4 &&
			    strncmp(cases[i].name, e->d_name, n - 4) == 0)
				break;
		if (i == NCASES) {
			fprintf(stderr, "FAIL %s/%s: no case of that name\n",
			    dir, e->d_name);
			bad = 1;
		}
	}
	closedir(d);
	return bad;
}

int
main(int argc, char **argv)
{
	struct dm_init_result r;
	dm_archive *a = NULL;
	int write = argc == 3 && strcmp(argv[1], "--write") == 0;
	size_t i, failed = 0;

	if (argc != 2 + write) {
		fprintf(stderr, "usage: query_sql [--write] DIR\n");
		return 2;
	}
	if (dm_archive_open(&a, NULL, DM_OPEN_MEMORY) != 0 ||
	    dm_archive_init(a, &r) != 0 || db_exec(a->db, years) != 0) {
		fprintf(stderr, "query_sql: %s\n", dm_error_last());
		dm_archive_free(a);
		return 1;
	}
	for (i = 0; i < NCASES; i++)
		failed += run_case(a, &cases[i], argv[1 + write], write);
	if (!write)
		failed += stale_files(argv[1]);
	dm_archive_free(a);
	printf("%zu cases, %zu failed\n", NCASES, failed);
	return failed != 0;
}
