/*
 * The storage layer: migrations against schema/schema.sql, the archive
 * markers, refusal of foreign and newer files, the gazetteer and actor
 * lookup.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive.h"
#include "claimkind.h"
#include "db.h"
#include "migrate.h"
#include "store.h"

static dm_archive *a;

static void
setup(void)
{
	ck_assert_int_eq(dm_archive_open(&a, NULL, DM_OPEN_MEMORY), 0);
}

static void
teardown(void)
{
	dm_archive_free(a);
}

static char *
read_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_ptr_nonnull(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc(n + 1);
	ck_assert_int_eq(fread(buf, 1, n, fp), n);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/*
 * SQL as SQLite reads it, whatever its layout: runs of white space as one
 * space, none inside parentheses or before a comma, and names unquoted.
 */
static void
normalise(char *out, const char *sql)
{
	char *o = out;

	for (; *sql != '\0'; sql++) {
		if (*sql == '"')
			continue;
		if (strchr(" \t\n", *sql) != NULL) {
			if (o > out && o[-1] != ' ' && o[-1] != '(')
				*o++ = ' ';
			continue;
		}
		if ((*sql == ')' || *sql == ',') && o > out && o[-1] == ' ')
			o--;
		*o++ = *sql;
	}
	if (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
}

/*
 * Every schema object, sorted, one per line: its type, name and
 * normalised SQL, and for a table its columns and foreign keys as SQLite
 * reports them, so that schema/schema.sql may be laid out for people.
 */
static char *
schema_of(struct db *db)
{
	struct db_stmt *st;
	size_t len = 0, cap = 1 << 16;
	char *out = calloc(1, cap), *sql;

	ck_assert_int_eq(db_prepare(db, &st, "SELECT s.type, s.name, "
	    "coalesce(s.sql, ''), (SELECT group_concat(c.name || ' ' || "
	    "c.type || ' ' || c.\"notnull\" || ' ' || "
	    "coalesce(c.dflt_value, '-') || ' ' || c.pk || ' ' || c.hidden, "
	    "'; ') FROM pragma_table_xinfo(s.name) c), (SELECT "
	    "group_concat(f.\"from\" || '>' || f.\"table\" || '.' || "
	    "coalesce(f.\"to\", '') || ' ' || f.on_delete, '; ') FROM "
	    "pragma_foreign_key_list(s.name) f) FROM sqlite_schema s "
	    "ORDER BY s.type, s.name"), 0);
	while (db_step(st) == DB_ROW) {
		sql = strdup(db_column_text(st, 2));
		normalise(sql, sql);
		while (len + strlen(sql) + 4096 > cap)
			out = realloc(out, cap *= 2);
		len += snprintf(out + len, cap - len, "%s %s: %s\n",
		    db_column_text(st, 0), db_column_text(st, 1), sql);
		if (strcmp(db_column_text(st, 0), "table") == 0)
			len += snprintf(out + len, cap - len, "  columns %s\n"
			    "  references %s\n", db_column_text(st, 3),
			    db_column_text(st, 4) ? db_column_text(st, 4) : "-");
		free(sql);
	}
	db_finalize(st);
	return out;
}

/* Fails naming the first line where got and want differ, if any. */
static void
first_difference(const char *got, const char *want)
{
	size_t g, w;

	for (;;) {
		g = strcspn(got, "\n");
		w = strcspn(want, "\n");
		ck_assert_msg(g == w && memcmp(got, want, g) == 0 &&
		    (got[g] == '\0') == (want[w] == '\0'),
		    "the migrations give\n%.*s\nschema/schema.sql gives\n%.*s",
		    (int)(g < 900 ? g : 900), got, (int)(w < 900 ? w : 900),
		    want);
		if (got[g] == '\0')
			break;
		got += g + 1;
		want += w + 1;
	}
}

START_TEST(schema_normalised)
{
	char out[64];

	normalise(out, "CREATE TABLE \"t\" (\n\ta  INT ,\n\tb\n)");
	ck_assert_str_eq(out, "CREATE TABLE t (a INT, b)");
}
END_TEST

/* The claim kinds of the archive are the program's (claimkind.h). */
START_TEST(claim_kinds_match_table)
{
	const struct claim_kind *k;
	struct db_stmt *st;
	int applied, n = 0;

	ck_assert_int_eq(dm_archive_migrate(a, &applied), 0);
	ck_assert_int_eq(db_prepare(a->db, &st, "SELECT name, cameo, "
	    "accusation FROM claim_kinds"), 0);
	while (db_step(st) == DB_ROW) {
		k = claim_kind_find(db_column_text(st, 0));
		ck_assert_msg(k != NULL, "kind '%s' not in claimkind.h",
		    db_column_text(st, 0));
		ck_assert_str_eq(db_column_text(st, 1), k->cameo);
		ck_assert_int_eq(db_column_int(st, 2), k->accusation);
		n++;
	}
	db_finalize(st);
	ck_assert_int_eq(n, CLAIM_KIND__MAX);
}
END_TEST

START_TEST(migrations_match_schema_file)
{
	struct db *plain;
	char *schema, *want, *got;
	int applied;

	ck_assert_int_eq(dm_archive_migrate(a, &applied), 0);
	ck_assert_int_eq(applied, migrate_known_level());
	ck_assert_int_eq(dm_archive_level(a), migrate_known_level());
	got = schema_of(a->db);

	ck_assert_int_eq(db_open(&plain, NULL, DB_MEMORY, 0), 0);
	schema = read_file(SOURCE_DIR "/schema/schema.sql");
	ck_assert_int_eq(db_exec(plain, schema), 0);
	want = schema_of(plain);
	first_difference(got, want);
	free(schema);
	free(want);
	free(got);
	db_close(plain);
}
END_TEST

START_TEST(migrate_twice_applies_nothing)
{
	int applied;

	ck_assert_int_eq(dm_archive_migrate(a, &applied), 0);
	ck_assert_int_gt(applied, 0);
	ck_assert_int_eq(dm_archive_migrate(a, &applied), 0);
	ck_assert_int_eq(applied, 0);
}
END_TEST

static int
count_row(void *ctx, const struct dm_migration *m)
{
	int *n = ctx;

	ck_assert_int_eq(m->version, *n + 1);
	ck_assert_ptr_nonnull(m->applied_at);
	ck_assert_int_eq(m->changed, 0);
	ck_assert_int_eq(atoi(m->name), m->version);
	(*n)++;
	return 0;
}

START_TEST(status_lists_applied_migrations)
{
	int applied, n = 0;

	ck_assert_int_eq(dm_archive_migrate(a, &applied), 0);
	ck_assert_int_eq(dm_archive_migrations(a, count_row, &n), 0);
	ck_assert_int_eq(n, migrate_known_level());
}
END_TEST

static int
find_changed(void *ctx, const struct dm_migration *m)
{
	if (m->changed)
		*(int *)ctx = m->version;
	return 0;
}

START_TEST(changed_migration_is_reported)
{
	int applied, changed = 0;

	ck_assert_int_eq(dm_archive_migrate(a, &applied), 0);
	ck_assert_int_eq(db_exec(a->db, "UPDATE schema_migrations SET sha256 "
	    "= printf('%064d', 0) WHERE version = 1"), 0);
	ck_assert_int_eq(dm_archive_migrations(a, find_changed, &changed), 0);
	ck_assert_int_eq(changed, 1);
}
END_TEST

START_TEST(init_loads_gazetteer_once)
{
	struct dm_init_result r1, r2;
	struct store *s;
	int64_t id1, id2;
	char code[64];

	ck_assert_int_eq(dm_archive_init(a, &r1), 0);
	ck_assert_int_gt(r1.actors, 2);
	ck_assert_int_gt(r1.aliases, 2);
	ck_assert_int_eq(dm_archive_init(a, &r2), 0);
	ck_assert_int_eq(r2.migrations + r2.actors + r2.aliases, 0);

	ck_assert_int_eq(archive_store(a, &s), 0);
	ck_assert_int_eq(store_actor_find(s, "chn", &id1), 0);
	ck_assert_int_eq(store_actor_find(s, "Beijing", &id2), 0);
	ck_assert_int_eq(id1, id2);
	ck_assert_int_eq(store_actor_find(s, "@chinaeumission", &id2), 0);
	ck_assert_int_eq(store_actor_code(s, id2, code, sizeof(code)), 0);
	ck_assert_str_eq(code, "CHN.MISSION-EU");
	ck_assert_int_eq(store_actor_find(s, "  the Chinese   Mission to "
	    "the EU.", &id2), 0);
	ck_assert_int_eq(store_actor_find(s, "Atlantis", &id2), DM_ENOTFOUND);
}
END_TEST

START_TEST(parent_follows_dotted_code)
{
	struct dm_init_result r;
	struct store *s;
	struct db_stmt *st;
	int64_t child, parent;
	int created;

	ck_assert_int_eq(dm_archive_init(a, &r), 0);
	ck_assert_int_eq(archive_store(a, &s), 0);
	/* A child first, then its parent: the parent adopts it. */
	ck_assert_int_eq(store_actor_add(s, "ZZZ.A.B", "Deep", "other", NULL,
	    &child, &created), 0);
	ck_assert_int_eq(created, 1);
	ck_assert_int_eq(store_actor_add(s, "ZZZ", "Top", "other", NULL,
	    &parent, &created), 0);
	ck_assert_int_eq(db_prepare(a->db, &st, "SELECT parent_id FROM actors "
	    "WHERE id = ?1"), 0);
	ck_assert_int_eq(db_bind_int(st, 1, child), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_int_eq(db_column_int(st, 0), parent);
	db_finalize(st);
	/* The same code again changes nothing. */
	ck_assert_int_eq(store_actor_add(s, "ZZZ", "Other name", "state", NULL,
	    &child, &created), 0);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(child, parent);
}
END_TEST

START_TEST(alias_held_by_another_stays)
{
	struct dm_init_result r;
	struct store *s;
	int64_t id, found;
	int created, added;
	char code[64];

	ck_assert_int_eq(dm_archive_init(a, &r), 0);
	ck_assert_int_eq(archive_store(a, &s), 0);
	ck_assert_int_eq(store_actor_add(s, "XYZ", "Xyz", "other", NULL, &id,
	    &created), 0);
	ck_assert_int_eq(store_alias_add(s, id, "BEIJING", &added), 0);
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(store_actor_find(s, "beijing", &found), 0);
	ck_assert_int_eq(store_actor_code(s, found, code, sizeof(code)), 0);
	ck_assert_str_eq(code, "CHN");
}
END_TEST

/* A scratch file path, removed with its WAL companions at the end. */
static char tmp_path[64];

static void
tmp_setup(void)
{
	int fd;

	snprintf(tmp_path, sizeof(tmp_path), "/tmp/check_db.XXXXXX");
	ck_assert_int_ge(fd = mkstemp(tmp_path), 0);
	close(fd);
}

static void
tmp_teardown(void)
{
	char p[80];

	unlink(tmp_path);
	snprintf(p, sizeof(p), "%s-wal", tmp_path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", tmp_path);
	unlink(p);
}

START_TEST(refuses_random_file)
{
	dm_archive *x;
	FILE *fp = fopen(tmp_path, "wb");

	fputs("this is not a database, just some text that is long enough "
	    "to have a header of sorts................................", fp);
	fclose(fp);
	ck_assert_int_eq(dm_archive_open(&x, tmp_path, DM_OPEN_CREATE),
	    DM_ENOTARCHIVE);
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "not a demarche"));
}
END_TEST

START_TEST(refuses_other_sqlite_database)
{
	struct db *db;
	dm_archive *x;

	ck_assert_int_eq(db_open(&db, tmp_path, DB_CREATE, 0), 0);
	ck_assert_int_eq(db_exec(db, "CREATE TABLE t (x)"), 0);
	db_close(db);
	ck_assert_int_eq(dm_archive_open(&x, tmp_path, DM_OPEN_CREATE),
	    DM_ENOTARCHIVE);
}
END_TEST

START_TEST(refuses_newer_archive)
{
	struct db *db;
	dm_archive *x;
	int applied;

	ck_assert_int_eq(dm_archive_open(&x, tmp_path, DM_OPEN_CREATE), 0);
	ck_assert_int_eq(dm_archive_migrate(x, &applied), 0);
	dm_archive_free(x);
	ck_assert_int_eq(db_open(&db, tmp_path, 0, migrate_known_level()), 0);
	ck_assert_int_eq(db_set_level(db, migrate_known_level() + 1), 0);
	db_close(db);
	ck_assert_int_eq(dm_archive_open(&x, tmp_path, 0), DM_ENEWER);
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "newer demarche"));
}
END_TEST

/*
 * A statement whose undo journal outgrows memory within a transaction
 * spills it to a temporary file; with a spill size SQLite cannot write,
 * the statement failed as "database or disk is full".
 */
START_TEST(statement_journal_spills)
{
	struct db *db;

	ck_assert_int_eq(db_open(&db, tmp_path, DB_CREATE, 0), 0);
	ck_assert_int_eq(db_exec(db, "CREATE TABLE t (x INTEGER CHECK (x >= 0),"
	    " pad TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT"
	    " i + 1 FROM n WHERE i < 2000) INSERT INTO t SELECT i,"
	    " hex(zeroblob(500)) FROM n"), 0);
	ck_assert_int_eq(db_begin(db), 0);
	/* Every page of t: about 2 MB of journal. */
	ck_assert_int_eq(db_exec(db, "UPDATE t SET x = x + 1"), 0);
	ck_assert_int_eq(db_commit(db), 0);
	db_close(db);
}
END_TEST

START_TEST(missing_file_is_not_created)
{
	dm_archive *x;

	unlink(tmp_path);
	ck_assert_int_eq(dm_archive_open(&x, tmp_path, 0), DM_ENOTFOUND);
	ck_assert_int_eq(access(tmp_path, F_OK), -1);
}
END_TEST

/* dm_sortset(): distinct, sorted bytewise, joined by char(31), NULL if none. */
START_TEST(sortset_sorts_distinct_values)
{
	static const struct { const char *values, *want; } cases[] = {
		{ "('b'), ('a'), (NULL), ('b'), ('C'), ('a')", "C\x1f" "a\x1f" "b" },
		{ "('\xe4\xba\xba\xe6\x9d\x83'), ('5g'), ('')", "\x1f" "5g\x1f\xe4\xba\xba\xe6\x9d\x83" },
		{ "(NULL), (NULL)", NULL },
	};
	struct db *db;
	struct db_stmt *st;
	char sql[256];
	const char *got;
	size_t i;

	ck_assert_int_eq(db_open(&db, NULL, DB_MEMORY, 0), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(sql, sizeof(sql), "SELECT dm_sortset(column1) FROM "
		    "(VALUES %s)", cases[i].values);
		ck_assert_int_eq(db_prepare(db, &st, sql), 0);
		ck_assert_int_eq(db_step(st), DB_ROW);
		got = db_column_text(st, 0);
		if (cases[i].want == NULL)
			ck_assert_ptr_null(got);
		else
			ck_assert_str_eq(got, cases[i].want);
		db_finalize(st);
	}
	/* No row at all: NULL too. */
	ck_assert_int_eq(db_prepare(db, &st, "SELECT dm_sortset(1) WHERE 0"), 0);
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_ptr_null(db_column_text(st, 0));
	db_finalize(st);
	db_close(db);
}
END_TEST

static Suite *
db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("memory");
	TCase *files = tcase_create("files");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, migrations_match_schema_file);
	tcase_add_test(tc, schema_normalised);
	tcase_add_test(tc, claim_kinds_match_table);
	tcase_add_test(tc, migrate_twice_applies_nothing);
	tcase_add_test(tc, status_lists_applied_migrations);
	tcase_add_test(tc, changed_migration_is_reported);
	tcase_add_test(tc, init_loads_gazetteer_once);
	tcase_add_test(tc, parent_follows_dotted_code);
	tcase_add_test(tc, alias_held_by_another_stays);
	tcase_add_test(tc, sortset_sorts_distinct_values);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(files, tmp_setup, tmp_teardown);
	tcase_add_test(files, refuses_random_file);
	tcase_add_test(files, refuses_other_sqlite_database);
	tcase_add_test(files, refuses_newer_archive);
	tcase_add_test(files, missing_file_is_not_created);
	tcase_add_test(files, statement_journal_spills);
	suite_add_tcase(s, files);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(db_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
