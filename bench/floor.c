/*
 * floor: the least work that stores a file of statements as demarche
 * does.  It creates db from schema.sql, loads the actors of
 * gazetteer.tsv, then reads file (JSON Lines: statements, and bundles of
 * actors) with jansson and inserts the same normalised rows (actors,
 * aliases, statements, responses, claims, targets, topics, and through
 * the schema's triggers the full-text entries) with prepared statements
 * reused for every row, in one transaction.  It validates nothing: it
 * knows only the references and date forms that bench/gen writes.
 *
 * usage: floor [-b] schema.sql gazetteer.tsv db file
 *   -b  fill the full-text tables in one statement each at the end,
 *       instead of row by row through the triggers
 */
#define _DEFAULT_SOURCE	/* strsep, getline, strdup */

#include <ctype.h>
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

enum stmt {
	S_ACTOR,
	S_ALIAS,
	S_STATEMENT,
	S_RESPONSE,
	S_CLAIM,
	S_TARGET,
	S_TOPIC,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_ACTOR */
	"INSERT INTO actors (code, name, kind, country, parent_id) "
	"VALUES (?1, ?2, ?3, ?4, ?5)",
	/* S_ALIAS */
	"INSERT OR IGNORE INTO aliases (folded, actor_id, alias, is_name) "
	"VALUES (?1, ?2, ?3, ?4)",
	/* S_STATEMENT */
	"INSERT INTO statements (id, issuer_id, date, date_lo, date_hi, title, "
	"text, url, language, kind, source, digest) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'json', ?11)",
	/* S_RESPONSE */
	"INSERT OR IGNORE INTO responses (statement_id, responds_to, seq) "
	"VALUES (?1, ?2, ?3)",
	/* S_CLAIM */
	"INSERT INTO claims (statement_id, seq, by_id, kind, cameo, summary, "
	"quote, date, method, statement_lo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	"?7, ?8, 'curated', (SELECT date_lo FROM statements WHERE sid = ?1))",
	/* S_TARGET */
	"INSERT OR IGNORE INTO claim_targets (claim_id, actor_id, seq) "
	"VALUES (?1, ?2, ?3)",
	/* S_TOPIC */
	"INSERT OR IGNORE INTO claim_topics (claim_id, topic, seq) "
	"VALUES (?1, ?2, ?3)",
};

static const char *const cameo[][2] = {
	{ "accuse", "112" }, { "criticize", "111" }, { "condemn", "111" },
	{ "complain", "114" }, { "threaten", "130" }, { "demand", "100" },
	{ "appeal", "020" }, { "reject", "120" }, { "deny", "016" },
	{ "assert", "010" }, { "support", "051" }, { "defend", "052" },
};

static const char *const months[] = { "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october",
	"november", "december" };

/* A string-keyed hash table of actor ids, open addressing. */
struct map {
	char	**key;
	int64_t	 *val;
	size_t	  cap, n;
};

static sqlite3		*db;
static sqlite3_stmt	*st[S__MAX];
static struct map	 codes, names;

static uint64_t
hash(const char *s, size_t *len)
{
	uint64_t h = 14695981039346656037ULL;
	const char *p;

	for (p = s; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	if (len != NULL)
		*len = (size_t)(p - s);
	return h;
}

static void
map_put(struct map *m, const char *k, int64_t v)
{
	size_t i;

	if (m->n * 2 >= m->cap) {
		struct map old = *m;

		m->cap = m->cap ? m->cap * 2 : 1024;
		m->n = 0;
		if ((m->key = calloc(m->cap, sizeof(char *))) == NULL ||
		    (m->val = calloc(m->cap, sizeof(int64_t))) == NULL)
			err(1, NULL);
		for (i = 0; i < old.cap; i++)
			if (old.key[i] != NULL) {
				map_put(m, old.key[i], old.val[i]);
				free(old.key[i]);
			}
		free(old.key);
		free(old.val);
	}
	for (i = hash(k, NULL) & (m->cap - 1); m->key[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->key[i], k) == 0)
			return;	/* the first holder keeps it */
	if ((m->key[i] = strdup(k)) == NULL)
		err(1, NULL);
	m->val[i] = v;
	m->n++;
}

static int
map_get(const struct map *m, const char *k, int64_t *v)
{
	size_t i;

	if (m->cap == 0)
		return 0;
	for (i = hash(k, NULL) & (m->cap - 1); m->key[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->key[i], k) == 0) {
			*v = m->val[i];
			return 1;
		}
	return 0;
}

static void
fail(const char *what)
{
	errx(1, "%s: %s", what, sqlite3_errmsg(db));
}

static void
run(sqlite3_stmt *s)
{
	if (sqlite3_step(s) != SQLITE_DONE)
		fail(sqlite3_sql(s));
	sqlite3_reset(s);
}

static void
text(sqlite3_stmt *s, int i, const char *v)
{
	if (sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC) != SQLITE_OK)
		fail("bind");
}

static void
text_len(sqlite3_stmt *s, int i, const char *v, size_t len)
{
	if (sqlite3_bind_text(s, i, v, (int)len, SQLITE_STATIC) != SQLITE_OK)
		fail("bind");
}

static void
integer(sqlite3_stmt *s, int i, int64_t v)
{
	if (sqlite3_bind_int64(s, i, v) != SQLITE_OK)
		fail("bind");
}

static void
upper(char *dst, size_t len, const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < len; i++)
		dst[i] = (char)toupper((unsigned char)s[i]);
	dst[i] = '\0';
}

static void
lower(char *dst, size_t len, const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < len; i++)
		dst[i] = (char)tolower((unsigned char)s[i]);
	dst[i] = '\0';
}

static void
alias_add(int64_t id, const char *alias, int is_name)
{
	char folded[512];

	lower(folded, sizeof(folded), alias[0] == '@' ? alias + 1 : alias);
	map_put(&names, alias, id);
	text(st[S_ALIAS], 1, folded);
	integer(st[S_ALIAS], 2, id);
	text(st[S_ALIAS], 3, alias);
	integer(st[S_ALIAS], 4, is_name);
	run(st[S_ALIAS]);
}

static int64_t
actor_add(const char *code, const char *name, const char *kind,
    const char *country)
{
	char parent[128], *dot;
	int64_t id, pid = 0;

	if (map_get(&codes, code, &id))
		return id;
	snprintf(parent, sizeof(parent), "%s", code);
	while ((dot = strrchr(parent, '.')) != NULL) {
		*dot = '\0';
		if (map_get(&codes, parent, &pid))
			break;
	}
	text(st[S_ACTOR], 1, code);
	text(st[S_ACTOR], 2, name);
	text(st[S_ACTOR], 3, kind);
	text(st[S_ACTOR], 4, country && *country ? country : NULL);
	if (pid != 0)
		integer(st[S_ACTOR], 5, pid);
	else
		sqlite3_bind_null(st[S_ACTOR], 5);
	run(st[S_ACTOR]);
	id = sqlite3_last_insert_rowid(db);
	map_put(&codes, code, id);
	alias_add(id, name, 1);
	return id;
}

static void
load_gazetteer(const char *path)
{
	FILE *fp;
	char *line = NULL, *f[5], *p, *a;
	size_t cap = 0, i;
	ssize_t n;
	int64_t id;

	if ((fp = fopen(path, "r")) == NULL)
		err(1, "%s", path);
	while ((n = getline(&line, &cap, fp)) != -1) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		p = line;
		for (i = 0; i < 5; i++)
			f[i] = strsep(&p, "\t");
		if (f[4] == NULL)
			errx(1, "%s: fewer than five columns", path);
		id = actor_add(f[0], f[1], f[2], f[3]);
		for (p = f[4]; (a = strsep(&p, ";")) != NULL; )
			if (*a != '\0')
				alias_add(id, a, 0);
	}
	free(line);
	fclose(fp);
}

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int64_t
resolve(const char *ref)
{
	char code[128];
	int64_t id;

	upper(code, sizeof(code), ref);
	if (map_get(&codes, code, &id) || map_get(&names, ref, &id))
		return id;
	errx(1, "no actor '%s'", ref);
}

static int
month_of(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < 12; i++)
		if (strncasecmp(months[i], s, n) == 0 && (n == 3 ||
		    n == strlen(months[i])))
			return (int)i + 1;
	return 0;
}

static int
days_in(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/*
 * The forms gen writes: 2021, 2021-07, July 2021, 2021-07-19 (and a
 * time after it), 19 July 2021, July 19, 2021, Jul 19 2021, 19.07.2021,
 * 2021/07/19, 2021年7月19日.  Day or month 0 when not given.
 */
static int
parse(const char *s, int *y, int *m, int *d)
{
	char w[16];
	size_t n;

	*y = *m = *d = 0;
	if (sscanf(s, "%4d-%2d-%2d", y, m, d) == 3)
		return 0;
	*y = *m = *d = 0;
	if (sscanf(s, "%4d/%2d/%2d", y, m, d) == 3 ||
	    sscanf(s, "%2d.%2d.%4d", d, m, y) == 3 ||
	    sscanf(s, "%d年%d月%d日", y, m, d) == 3)
		return 0;
	*y = *m = *d = 0;
	if (strlen(s) == 7 && sscanf(s, "%4d-%2d", y, m) == 2)
		return 0;
	*y = *m = *d = 0;
	if (sscanf(s, "%d %15s %d", d, w, y) == 3)
		return (*m = month_of(w, strlen(w))) ? 0 : -1;
	*y = *m = *d = 0;
	if (sscanf(s, "%15s %d, %d", w, d, y) == 3 ||
	    sscanf(s, "%15s %d %d", w, d, y) == 3) {
		n = strlen(w);
		return (*m = month_of(w, w[n - 1] == ',' ? n - 1 : n)) ? 0 :
		    -1;
	}
	*y = *m = *d = 0;
	if (sscanf(s, "%15s %d", w, y) == 2 && isalpha((unsigned char)w[0]))
		return (*m = month_of(w, strlen(w))) ? 0 : -1;
	*y = *m = *d = 0;
	return strlen(s) == 4 && sscanf(s, "%d", y) == 1 ? 0 : -1;
}

static void
date(const char *s, char iso[11], char lo[11], char hi[11])
{
	int y, m, d;

	if (parse(s, &y, &m, &d) != 0 || y < 1 || y > 9999 || m < 0 ||
	    m > 12 || d < 0 || d > 31)
		errx(1, "date '%s'", s);
	if (d > 0) {
		snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
		memcpy(lo, iso, 11);
		memcpy(hi, iso, 11);
	} else if (m > 0) {
		snprintf(iso, 11, "%04d-%02d", y, m);
		snprintf(lo, 11, "%04d-%02d-01", y, m);
		snprintf(hi, 11, "%04d-%02d-%02d", y, m, days_in(y, m));
	} else {
		snprintf(iso, 11, "%04d", y);
		snprintf(lo, 11, "%04d-01-01", y);
		snprintf(hi, 11, "%04d-12-31", y);
	}
}

/* Lower case, runs of anything but letters and digits made one '-'. */
static void
slug(char *dst, size_t len, const char *s)
{
	size_t n = 0;
	int gap = 0;

	for (; *s != '\0' && n + 2 < len; s++) {
		if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80) {
			if (gap && n > 0)
				dst[n++] = '-';
			gap = 0;
			dst[n++] = (char)tolower((unsigned char)*s);
		} else
			gap = 1;
	}
	dst[n] = '\0';
}

/* A value that is a string or an array of strings, as a count and item. */
static size_t
count_of(json_t *v)
{
	if (v == NULL)
		return 0;
	return json_is_array(v) ? json_array_size(v) : 1;
}

static const char *
item(json_t *v, size_t i)
{
	return json_string_value(json_is_array(v) ? json_array_get(v, i) : v);
}

/* A digest column filler: FNV-1a of the line, as 64 hex digits. */
static void
digest(const char *line, size_t len, char hex[65])
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)line[i]) * 1099511628211ULL;
	for (i = 0; i < 4; i++)
		snprintf(hex + 16 * i, 17, "%016llx",
		    (unsigned long long)(h + i));
}

static void
claims(int64_t sid, int64_t issuer, json_t *list)
{
	json_t *c, *v;
	const char *kind, *cm, *d;
	char iso[11], lo[11], hi[11], tp[256];
	size_t i, j, k;
	int64_t cid;

	json_array_foreach(list, i, c) {
		kind = str(c, "kind");
		if ((cm = str(c, "cameo")) == NULL)
			for (k = 0; k < sizeof(cameo) / sizeof(cameo[0]); k++)
				if (strcmp(cameo[k][0], kind) == 0)
					cm = cameo[k][1];
		integer(st[S_CLAIM], 1, sid);
		integer(st[S_CLAIM], 2, (int64_t)i);
		integer(st[S_CLAIM], 3, str(c, "by") ? resolve(str(c, "by")) :
		    issuer);
		text(st[S_CLAIM], 4, kind);
		text(st[S_CLAIM], 5, cm);
		text(st[S_CLAIM], 6, str(c, "summary"));
		text(st[S_CLAIM], 7, str(c, "quote"));
		if ((d = str(c, "date")) != NULL) {
			date(d, iso, lo, hi);
			text(st[S_CLAIM], 8, iso);
		} else
			sqlite3_bind_null(st[S_CLAIM], 8);
		run(st[S_CLAIM]);
		cid = sqlite3_last_insert_rowid(db);
		v = json_object_get(c, "target");
		for (j = 0; j < count_of(v); j++) {
			integer(st[S_TARGET], 1, cid);
			integer(st[S_TARGET], 2, resolve(item(v, j)));
			integer(st[S_TARGET], 3, (int64_t)j);
			run(st[S_TARGET]);
		}
		v = json_object_get(c, "topics");
		for (j = 0; j < count_of(v); j++) {
			slug(tp, sizeof(tp), item(v, j));
			integer(st[S_TOPIC], 1, cid);
			text(st[S_TOPIC], 2, tp);
			integer(st[S_TOPIC], 3, (int64_t)j);
			run(st[S_TOPIC]);
		}
	}
}

static void
statement(json_t *o, const char *line, size_t len)
{
	json_t *v;
	char iso[11], lo[11], hi[11], hex[65];
	const char *s;
	int64_t issuer, sid;
	size_t i;

	issuer = resolve(str(o, "issuer"));
	date(str(o, "date"), iso, lo, hi);
	digest(line, len, hex);
	text(st[S_STATEMENT], 1, str(o, "id"));
	integer(st[S_STATEMENT], 2, issuer);
	text(st[S_STATEMENT], 3, iso);
	text(st[S_STATEMENT], 4, lo);
	text(st[S_STATEMENT], 5, hi);
	text(st[S_STATEMENT], 6, str(o, "title"));
	v = json_object_get(o, "text");
	text_len(st[S_STATEMENT], 7, json_string_value(v),
	    json_string_length(v));
	text(st[S_STATEMENT], 8, str(o, "url"));
	text(st[S_STATEMENT], 9, (s = str(o, "language")) ? s : "en");
	text(st[S_STATEMENT], 10, (s = str(o, "kind")) ? s : "other");
	text(st[S_STATEMENT], 11, hex);
	run(st[S_STATEMENT]);
	sid = sqlite3_last_insert_rowid(db);
	v = json_object_get(o, "responds_to");
	for (i = 0; i < count_of(v); i++) {
		integer(st[S_RESPONSE], 1, sid);
		text(st[S_RESPONSE], 2, item(v, i));
		integer(st[S_RESPONSE], 3, (int64_t)i);
		run(st[S_RESPONSE]);
	}
	if ((v = json_object_get(o, "claims")) != NULL)
		claims(sid, issuer, v);
}

static void
bundle(json_t *o)
{
	json_t *a, *al;
	size_t i, j;
	int64_t id;

	json_array_foreach(json_object_get(o, "actors"), i, a) {
		id = actor_add(str(a, "code"), str(a, "name"), str(a, "kind"),
		    str(a, "country"));
		json_array_foreach(json_object_get(a, "aliases"), j, al)
			alias_add(id, json_string_value(al), 0);
	}
}

/* The triggers that fill the full-text tables as rows arrive. */
static const char *const fts_triggers[] = { "statements_fts_insert",
	"claims_fts_insert" };

/* Drops the insert triggers; returns their SQL, to create them again. */
static void
triggers_drop(char *saved[2])
{
	sqlite3_stmt *q;
	char drop[128];
	size_t i;

	for (i = 0; i < 2; i++) {
		if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema "
		    "WHERE type = 'trigger' AND name = ?1", -1, &q, NULL) !=
		    SQLITE_OK)
			fail("triggers");
		text(q, 1, fts_triggers[i]);
		if (sqlite3_step(q) != SQLITE_ROW)
			fail(fts_triggers[i]);
		if ((saved[i] = strdup((const char *)sqlite3_column_text(q,
		    0))) == NULL)
			err(1, NULL);
		sqlite3_finalize(q);
		snprintf(drop, sizeof(drop), "DROP TRIGGER %s",
		    fts_triggers[i]);
		if (sqlite3_exec(db, drop, NULL, NULL, NULL) != SQLITE_OK)
			fail(drop);
	}
}

static void
fts_bulk(char *saved[2])
{
	size_t i;

	if (sqlite3_exec(db, "INSERT INTO statements_fts (rowid, title, "
	    "text) SELECT sid, title, text FROM statements;"
	    "INSERT INTO claims_fts (rowid, summary, quote) "
	    "SELECT id, summary, quote FROM claims", NULL, NULL, NULL) !=
	    SQLITE_OK)
		fail("full-text");
	for (i = 0; i < 2; i++) {
		if (sqlite3_exec(db, saved[i], NULL, NULL, NULL) != SQLITE_OK)
			fail(saved[i]);
		free(saved[i]);
	}
}

static char *
slurp(const char *path)
{
	FILE *fp;
	char *buf;
	long n;

	if ((fp = fopen(path, "rb")) == NULL)
		err(1, "%s", path);
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0)
		err(1, "%s", path);
	if ((buf = malloc((size_t)n + 1)) == NULL)
		err(1, NULL);
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
		err(1, "%s", path);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

int
main(int argc, char *argv[])
{
	json_error_t jerr;
	json_t *o;
	FILE *fp;
	char *schema, *line = NULL, *saved[2];
	size_t cap = 0, i;
	ssize_t n;
	long lineno = 0;
	int ch, bulk = 0;

	while ((ch = getopt(argc, argv, "b")) != -1) {
		if (ch != 'b')
			goto usage;
		bulk = 1;
	}
	argc -= optind;
	argv += optind - 1;
	if (argc != 4)
		goto usage;
	schema = slurp(argv[1]);
	if (sqlite3_open(argv[3], &db) != SQLITE_OK)
		fail(argv[3]);
	if (sqlite3_exec(db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		fail(argv[1]);
	free(schema);
	for (i = 0; i < S__MAX; i++)
		if (sqlite3_prepare_v2(db, sql[i], -1, &st[i], NULL) !=
		    SQLITE_OK)
			fail(sql[i]);
	if (bulk)
		triggers_drop(saved);
	load_gazetteer(argv[2]);
	if ((fp = fopen(argv[4], "rb")) == NULL)
		err(1, "%s", argv[4]);
	while ((n = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if ((o = json_loadb(line, (size_t)n, 0, &jerr)) == NULL)
			errx(1, "%s:%ld: %s", argv[4], lineno, jerr.text);
		if (json_object_get(o, "actors") != NULL)
			bundle(o);
		else
			statement(o, line, (size_t)n);
		json_decref(o);
	}
	fclose(fp);
	free(line);
	if (bulk)
		fts_bulk(saved);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		fail("commit");
	for (i = 0; i < S__MAX; i++)
		sqlite3_finalize(st[i]);
	if (sqlite3_close(db) != SQLITE_OK)
		fail("close");
	return 0;
usage:
	fprintf(stderr, "usage: floor [-b] schema.sql gazetteer.tsv db file\n");
	return 2;
}
