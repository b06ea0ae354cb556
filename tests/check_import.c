/*
 * Import on in-memory archives: the plain-text reader, the outcomes of
 * dm_import_file (new, unchanged, conflict, update, strict, keep-going),
 * the claim kinds with their CAMEO codes, and JSON Lines read ahead by a
 * second thread.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "claimkind.h"
#include "date.h"
#include "demarche.h"
#include "digest.h"
#include "instream.h"
#include "jsonl.h"
#include "names.h"
#include "statement.h"
#include "textstmt.h"

static dm_archive *a;
static char path[64];
static struct arena ar;

static void
setup(void)
{
	struct dm_init_result r;
	int fd;

	ck_assert_int_eq(dm_archive_open(&a, NULL, DM_OPEN_MEMORY), 0);
	ck_assert_int_eq(dm_archive_init(a, &r), 0);
	snprintf(path, sizeof(path), "/tmp/check_import.XXXXXX");
	ck_assert_int_ge(fd = mkstemp(path), 0);
	close(fd);
}

static void
teardown(void)
{
	dm_archive_free(a);
	arena_free(&ar);
	unlink(path);
}

static void
write_input(const char *text)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
}

static int
import(const char *text, unsigned flags, struct dm_import_counts *c)
{
	struct dm_import_options opt;

	memset(&opt, 0, sizeof(opt));
	opt.flags = flags;
	memset(c, 0, sizeof(*c));
	write_input(text);
	return dm_import_file(a, path, &opt, c);
}

static int
parse(struct statement_in *st, const char *text, const char *issuer,
    const char *date)
{
	return textstmt_parse(st, &ar, text, strlen(text), issuer, date,
	    DATE_ORDER_NONE);
}

START_TEST(text_header_and_body)
{
	struct statement_in st;

	ck_assert_int_eq(parse(&st, "Title: T\r\nIssuer: NATO\r\n"
	    "date: 19 July 2021\r\nURL: https://example.org/x\r\n"
	    "Kind: declaration\r\nLanguage: fr\r\n\r\nBody text.\r\n", NULL,
	    NULL), 0);
	ck_assert_str_eq(st.title, "T");
	ck_assert_str_eq(st.issuer, "NATO");
	ck_assert_str_eq(st.date, "2021-07-19");
	ck_assert_str_eq(st.url, "https://example.org/x");
	ck_assert_str_eq(st.kind, "declaration");
	ck_assert_str_eq(st.language, "fr");
	ck_assert_str_eq(st.text, "Body text.");
	ck_assert_str_eq(st.source, "text");
}
END_TEST

START_TEST(text_without_header)
{
	struct statement_in st;

	ck_assert_int_eq(parse(&st, "Note: this is the body.\nMore.\n", "EU",
	    "2021"), 0);
	ck_assert_ptr_null(st.title);
	ck_assert_str_eq(st.issuer, "EU");
	ck_assert_str_eq(st.date, "2021");
	ck_assert_str_eq(st.date_hi, "2021-12-31");
	ck_assert_str_eq(st.text, "Note: this is the body.\nMore.");
	ck_assert_str_eq(st.kind, "other");
}
END_TEST

START_TEST(text_header_beats_flags)
{
	struct statement_in st;

	ck_assert_int_eq(parse(&st, "Issuer: CHN\nDate: 2021-07\n\nx", "EU",
	    "2020"), 0);
	ck_assert_str_eq(st.issuer, "CHN");
	ck_assert_str_eq(st.date, "2021-07");
}
END_TEST

START_TEST(text_errors)
{
	struct statement_in st;

	ck_assert_int_eq(parse(&st, "Issuer: CHN\nDate: 2021-02-29\n\nx", NULL,
	    NULL), DM_EINVALID);
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "2: invalid date"));
	ck_assert_int_eq(parse(&st, "Issuer: CHN\n\nx", NULL, NULL),
	    DM_EINVALID);
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "no date"));
	ck_assert_int_eq(parse(&st, "Issuer: CHN\nDate: 2021\n\n  \n", NULL,
	    NULL), DM_EINVALID);
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "no text"));
	ck_assert_int_eq(parse(&st, "Issuer: CHN\nDate: 2021\nKind: tweet\n\n"
	    "x", NULL, NULL), DM_EINVALID);
	ck_assert_int_eq(parse(&st, "x\xed\xa0\x80y", "CHN", "2021"),
	    DM_EINVALID);
}
END_TEST

static const char one[] =
    "{\"id\": \"a\", \"issuer\": \"EU\", \"date\": \"2021-07-19\", "
    "\"claims\": [{\"kind\": \"accuse\", \"target\": \"Beijing\"}]}\n";
static const char one_changed[] =
    "{\"id\": \"a\", \"issuer\": \"EU\", \"date\": \"2021-07-19\", "
    "\"claims\": [{\"kind\": \"condemn\", \"target\": \"Beijing\"}]}\n";

START_TEST(outcomes)
{
	struct dm_import_counts c;
	struct dm_stats st;

	ck_assert_int_eq(import(one, 0, &c), 0);
	ck_assert_int_eq(c.added, 1);
	ck_assert_int_eq(import(one, 0, &c), 0);
	ck_assert_int_eq(c.added, 0);
	ck_assert_int_eq(c.unchanged, 1);
	ck_assert_int_eq(import(one_changed, 0, &c), DM_ECONFLICT);
	ck_assert_int_eq(import(one_changed, DM_IMPORT_UPDATE, &c), 0);
	ck_assert_int_eq(c.updated, 1);
	ck_assert_int_eq(dm_archive_stats(a, &st), 0);
	ck_assert_int_eq(st.statements, 1);
	ck_assert_int_eq(st.claims, 1);
	/* Only imports that changed something are recorded. */
	ck_assert_int_eq(st.imports, 2);
}
END_TEST

START_TEST(strict_and_keep_going)
{
	struct dm_import_counts c;
	struct dm_stats st;

	ck_assert_int_eq(import("{\"issuer\": \"Nobody Known\", \"date\": "
	    "\"2021\"}\n", DM_IMPORT_STRICT, &c), DM_ENOTFOUND);
	ck_assert_int_eq(import("{\"issuer\": \"Nobody Known\", \"date\": "
	    "\"2021\"}\n", 0, &c), 0);
	ck_assert_int_eq(c.unresolved, 1);
	ck_assert_int_eq(import("{\"issuer\": \"EU\", \"date\": \"2021\"}\n"
	    "{\"issuer\": \"EU\", \"date\": \"2021-13\"}\n"
	    "{\"issuer\": \"EU\", \"date\": \"2020\"}\n", DM_IMPORT_KEEP_GOING,
	    &c), 0);
	ck_assert_int_eq(c.added, 2);
	ck_assert_int_eq(c.rejected, 1);
	ck_assert_int_eq(dm_archive_stats(a, &st), 0);
	ck_assert_int_eq(st.statements, 3);
	ck_assert_int_eq(st.unresolved, 1);
}
END_TEST

/*
 * A joint statement: a claim without a claimant is each issuer's, a list
 * of one issuer is the statement of that issuer alone, and a change of
 * co-issuers is a change of content.
 */
START_TEST(joint_issuers)
{
	struct dm_import_counts c;
	struct dm_stats st;

	ck_assert_int_eq(import("{\"id\": \"j\", \"issuer\": \"Joint "
	    "statement by Austria, Hungary and Slovenia\", \"date\": "
	    "\"2022\", \"claims\": [{\"kind\": \"criticize\", \"target\":"
	    " \"SRB\"}, {\"kind\": \"support\", \"by\": \"AUT\"}]}\n", 0,
	    &c), 0);
	ck_assert_int_eq(c.added, 1);
	ck_assert_int_eq(c.unresolved, 0);
	ck_assert_int_eq(dm_archive_stats(a, &st), 0);
	ck_assert_int_eq(st.claims, 4);
	ck_assert_int_eq(import("{\"id\": \"k\", \"issuer\": [\"EU\"], "
	    "\"date\": \"2021\"}\n", 0, &c), 0);
	ck_assert_int_eq(import("{\"id\": \"k\", \"issuer\": \"EU\", "
	    "\"date\": \"2021\"}\n", 0, &c), 0);
	ck_assert_int_eq(c.unchanged, 1);
	ck_assert_int_eq(import("{\"id\": \"k\", \"issuer\": [\"EU\", "
	    "\"NATO\"], \"date\": \"2021\"}\n", 0, &c), DM_ECONFLICT);
	ck_assert_int_eq(import("{\"id\": \"k\", \"issuer\": [\"EU\", "
	    "\"NATO\"], \"date\": \"2021\"}\n", DM_IMPORT_UPDATE, &c), 0);
	ck_assert_int_eq(c.updated, 1);
}
END_TEST

/*
 * The archive's first and last dates, against every date imported so far:
 * the first is the least as written, the last the one that ends latest
 * and, of those, begins latest.  Years, months and days of three years
 * meet on their first and last days.
 */
START_TEST(date_range)
{
	char first[11] = "", last[11] = "", lo[11] = "", hi[11] = "";
	char text[128], date[11], dlo[11], dhi[11];
	struct dm_import_counts c;
	struct dm_stats st;
	struct dm_date d;
	int n = 0;

	srand(20210719);
	for (int round = 0; round < 200; round++) {
		ck_assert_int_eq(dm_archive_stats(a, &st), 0);
		ck_assert_str_eq(st.first_date, first);
		ck_assert_str_eq(st.last_date, last);
		d.year = 2019 + rand() % 3;
		d.month = rand() % 3 == 0 ? 0 : rand() % 2 ? 1 + rand() % 12 :
		    (rand() % 2 ? 1 : 12);
		d.day = d.month == 0 || rand() % 2 ? 0 : rand() % 2 ?
		    1 + rand() % 28 : (d.month == 12 ? 31 : 1);
		date_format(&d, date);
		date_span(&d, dlo, dhi);
		snprintf(text, sizeof(text), "{\"id\": \"r%d\", \"issuer\": "
		    "\"EU\", \"date\": \"%s\"}\n", n++, date);
		ck_assert_int_eq(import(text, 0, &c), 0);
		ck_assert_int_eq(c.added, 1);
		if (first[0] == '\0' || strcmp(date, first) < 0)
			snprintf(first, sizeof(first), "%s", date);
		if (strcmp(dhi, hi) > 0 || (strcmp(dhi, hi) == 0 &&
		    strcmp(dlo, lo) > 0)) {
			snprintf(last, sizeof(last), "%s", date);
			memcpy(lo, dlo, sizeof(lo));
			memcpy(hi, dhi, sizeof(hi));
		}
	}
	ck_assert_int_eq(dm_archive_stats(a, &st), 0);
	ck_assert_str_eq(st.first_date, first);
	ck_assert_str_eq(st.last_date, last);
}
END_TEST

START_TEST(kinds)
{
	char buf[256];

	ck_assert_str_eq(claim_kind_cameo("accuse"), "112");
	ck_assert_str_eq(claim_kind_cameo("sanction"), "163");
	ck_assert_str_eq(claim_kind_cameo("expel"), "166");
	ck_assert_str_eq(claim_kind_cameo("deny"), "016");
	ck_assert_str_eq(claim_kind_cameo("appeal"), "020");
	ck_assert_str_eq(claim_kind_cameo("defend"), "052");
	ck_assert_ptr_null(claim_kind_cameo("Accuse"));
	ck_assert_str_eq(claim_kind_accusations(buf, sizeof(buf)),
	    ",condemn,accuse,criticize,");
	/* Cut short, it stays a string. */
	ck_assert_str_eq(claim_kind_accusations(buf, 5), ",con");
	ck_assert_str_eq(claim_kind_accusation_list(buf, sizeof(buf)),
	    "condemn,accuse,criticize");
	ck_assert_str_eq(claim_kind_accusation_list(buf, 5), "cond");
	ck_assert_ptr_nonnull(claim_kind_lexicon("expel", "-", 3));
	ck_assert_ptr_null(claim_kind_lexicon("expel", "166", 3));
	ck_assert_str_eq(dm_error_last(), "lexicon line 3: kind 'expel' "
	    "takes its CAMEO code 166 from the claim kinds, not '166'");
	ck_assert_ptr_null(claim_kind_lexicon("expell", "-", 4));
	ck_assert_int_eq(strncmp(dm_error_last(), "lexicon line 4: no claim "
	    "kind 'expell' (sanction, expel, ", 46), 0);
	ck_assert_int_eq(statement_kind_valid("news-report"), 1);
	ck_assert_int_eq(statement_kind_valid("tweet"), 0);
}
END_TEST

START_TEST(name_lists)
{
	static const char *const names[] = { "a", "bb", "c", NULL };
	static const char *const none[] = { NULL };
	char buf[16], big[NAMES_DISTANCE_MAX + 2];

	ck_assert_int_eq(names_find(names, "a"), 0);
	ck_assert_int_eq(names_find(names, "c"), 2);
	ck_assert_int_eq(names_find(names, "b"), -1);
	ck_assert_int_eq(names_find(none, "a"), -1);
	ck_assert_str_eq(names_join(buf, sizeof(buf), names), "a, bb, c");
	/* Cut to the buffer, never past it. */
	ck_assert_str_eq(names_join(buf, 5, names), "a, b");
	ck_assert_str_eq(names_join(buf, sizeof(buf), none), "");
	ck_assert_uint_eq(names_distance("Hungry", "hungary"), 1);
	ck_assert_uint_eq(names_distance("", "abc"), 3);
	ck_assert_uint_eq(names_distance("kitten", "sitting"), 3);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ck_assert_uint_eq(names_distance(big, "x"), NAMES_FAR);
}
END_TEST

/* Lines 1..n, line k "{\"k\": k}", blank when k % 7 == 0, not JSON at bad. */
static void
write_lines(int n, int bad)
{
	FILE *fp = fopen(path, "w");
	int k;

	ck_assert_ptr_nonnull(fp);
	for (k = 1; k <= n; k++)
		if (k == bad)
			fputs("{\"k\": \n", fp);
		else if (k % 7 == 0)
			fputs("  \n", fp);
		else
			fprintf(fp, "{\"k\": %d}\n", k);
	fclose(fp);
}

/* What the readers below read from. */
static struct instream src;

/* A reader of write_lines(n, bad)'s file, opened in *fp, digested in d. */
static struct jsonl *
read_lines(int n, int bad, FILE **fp, struct digest *d)
{
	struct jsonl *r;

	write_lines(n, bad);
	ck_assert_ptr_nonnull(*fp = fopen(path, "r"));
	digest_init(d);
	instream_open(&src, *fp);
	ck_assert_int_eq(jsonl_start(&r, &src, d), 0);
	return r;
}

/*
 * Many times the lines read ahead: each comes once, in order, with its
 * line number and the bytes read through its value; the digest is the
 * file's.
 */
START_TEST(jsonl_in_order)
{
	struct jsonl_item ln;
	struct jsonl *r;
	struct digest d;
	char want[DIGEST_HEX_LEN + 1], got[DIGEST_HEX_LEN + 1], *buf;
	uint64_t bytes = 0;
	size_t len;
	FILE *fp;
	int k = 0, n = 0;

	r = read_lines(1000, 0, &fp, &d);
	while (jsonl_next(r, &ln) == 1) {
		do {
			k++;
			bytes += k % 7 == 0 ? 3 :
			    (uint64_t)snprintf(NULL, 0, "{\"k\": %d}\n", k);
		} while (k % 7 == 0);
		ck_assert_ptr_nonnull(ln.v);
		ck_assert_int_eq(ln.kind, JSONL_VALUE);
		ck_assert_int_eq(json_integer_value(json_object_get(ln.v, "k")),
		    k);
		ck_assert_int_eq(ln.lineno, k);
		ck_assert_uint_eq(ln.bytes, bytes - 1);
		json_decref(ln.v);
		n++;
	}
	ck_assert_int_eq(n, 1000 - 1000 / 7);
	jsonl_stop(r);
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	ck_assert_uint_eq(ln.bytes, (uint64_t)ftell(fp));
	len = (size_t)ftell(fp);
	rewind(fp);
	ck_assert_ptr_nonnull(buf = malloc(len));
	ck_assert_uint_eq(fread(buf, 1, len, fp), len);
	digest_hex(buf, len, want);
	digest_final(&d, got);
	ck_assert_str_eq(got, want);
	free(buf);
	fclose(fp);
}
END_TEST

/*
 * A line that is not JSON comes with its number, and reading goes on at
 * the next line.
 */
START_TEST(jsonl_bad_line_skipped)
{
	struct jsonl_item ln;
	struct jsonl *r;
	struct digest d;
	FILE *fp;
	long last = 0;
	int rc;

	r = read_lines(1000, 500, &fp, &d);
	while ((rc = jsonl_next(r, &ln)) == 1 && ln.v != NULL) {
		last = ln.lineno;
		json_decref(ln.v);
	}
	ck_assert_int_eq(rc, 1);
	ck_assert_int_eq(last, 499);
	ck_assert_int_eq(ln.lineno, 500);
	ck_assert_ptr_null(ln.v);
	ck_assert_str_ne(ln.err.text, "");
	ck_assert_int_eq(ln.resumes, 1);
	ck_assert_int_eq(jsonl_next(r, &ln), 1);
	ck_assert_int_eq(ln.lineno, 501);
	ck_assert_ptr_nonnull(ln.v);
	json_decref(ln.v);
	jsonl_stop(r);
	fclose(fp);
}
END_TEST

/*
 * A bundle over many lines: each actor and statement comes
 * alone, with the line it starts on; another member of the bundle comes
 * as an object of its own.
 */
START_TEST(jsonl_streamed)
{
	static const char text[] =
	    "{\"actors\": [{\"code\": \"A\"},\n {\"code\": \"B\"}],\n"
	    " \"note\": 1,\n"
	    " \"statements\": [\n  {\"id\": \"s1\"},\n  {\"id\": \"s2\"}]}\n";
	static const struct {
		enum jsonl_kind	 kind;
		long		 line;
		const char	*key, *value;
	} want[] = {
		{ JSONL_ACTOR, 1, "code", "A" },
		{ JSONL_ACTOR, 2, "code", "B" },
		{ JSONL_MEMBER, 3, "note", NULL },
		{ JSONL_STATEMENT, 5, "id", "s1" },
		{ JSONL_STATEMENT, 6, "id", "s2" },
	};
	struct jsonl_item it;
	struct jsonl *r;
	struct digest d;
	size_t k = 0;
	FILE *fp;

	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	digest_init(&d);
	instream_open(&src, fp);
	ck_assert_int_eq(jsonl_start(&r, &src, &d), 0);
	while (jsonl_next(r, &it) == 1) {
		ck_assert_uint_lt(k, sizeof(want) / sizeof(want[0]));
		ck_assert_ptr_nonnull(it.v);
		ck_assert_int_eq(it.kind, want[k].kind);
		ck_assert_int_eq(it.lineno, want[k].line);
		ck_assert_ptr_nonnull(json_object_get(it.v, want[k].key));
		if (want[k].value != NULL)
			ck_assert_str_eq(json_string_value(json_object_get(
			    it.v, want[k].key)), want[k].value);
		json_decref(it.v);
		k++;
	}
	ck_assert_uint_eq(k, sizeof(want) / sizeof(want[0]));
	ck_assert_uint_eq(it.index, 1);
	jsonl_stop(r);
	fclose(fp);
}
END_TEST

/* Stopped with lines waiting (the reader blocked): they are freed. */
START_TEST(jsonl_stop_early)
{
	struct jsonl_item ln;
	struct jsonl *r;
	struct digest d;
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	FILE *fp;

	r = read_lines(1000, 0, &fp, &d);
	ck_assert_int_eq(jsonl_next(r, &ln), 1);
	json_decref(ln.v);
	nanosleep(&pause, NULL);
	jsonl_stop(r);
	fclose(fp);
}
END_TEST

static Suite *
import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, text_header_and_body);
	tcase_add_test(tc, text_without_header);
	tcase_add_test(tc, text_header_beats_flags);
	tcase_add_test(tc, text_errors);
	tcase_add_test(tc, outcomes);
	tcase_add_test(tc, strict_and_keep_going);
	tcase_add_test(tc, joint_issuers);
	tcase_add_test(tc, date_range);
	tcase_add_test(tc, kinds);
	tcase_add_test(tc, name_lists);
	tcase_add_test(tc, jsonl_in_order);
	tcase_add_test(tc, jsonl_bad_line_skipped);
	tcase_add_test(tc, jsonl_streamed);
	tcase_add_test(tc, jsonl_stop_early);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(import_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
