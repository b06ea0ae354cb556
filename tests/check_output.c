/* mknod() and makedev() for a device made for the test. */
#define _DEFAULT_SOURCE
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "atomicfile.h"
#include "demarche.h"
#include "output.h"

#define ACUTE	"\xcc\x81"	/* U+0301 COMBINING ACUTE ACCENT */
#define SEP	"\x1f"		/* OUT_LIST_SEP as a string */
#define BOM	"\xef\xbb\xbf"

static const struct out_column cols3[] = {
	{ "id", COL_TEXT },
	{ "n", COL_INT },
	{ "tags", COL_LIST },
};

/* Writes nrows rows of cells (row after row) and returns the output. */
static char *
render(enum out_format fmt, unsigned flags, const struct out_column *cols,
    size_t ncols, const char *const *cells, size_t nrows)
{
	struct out *o = NULL;
	FILE *fp;
	char *text = NULL;
	size_t len = 0, r;

	ck_assert_ptr_nonnull(fp = open_memstream(&text, &len));
	ck_assert_int_eq(out_new(&o, fp, fmt, cols, ncols, flags), 0);
	for (r = 0; r < nrows; r++)
		ck_assert_int_eq(out_row(o, cells + r * ncols), 0);
	ck_assert_int_eq(out_finish(o), 0);
	out_free(o);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_uint_eq(strlen(text), len);
	return text;
}

START_TEST(test_format_parse)
{
	static const char *const names[] = {
		"table", "csv", "tsv", "json", "jsonl"
	};
	static const enum out_format fmts[] = {
		OUT_TABLE, OUT_CSV, OUT_TSV, OUT_JSON, OUT_JSONL
	};
	enum out_format f;
	size_t i;

	for (i = 0; i < 5; i++) {
		f = OUT_TABLE;
		ck_assert_int_eq(out_format_parse(&f, names[i]), 0);
		ck_assert_int_eq(f, fmts[i]);
	}
	ck_assert_int_eq(out_format_parse(&f, "xml"), DM_EINVALID);
	ck_assert_str_eq(dm_error_last(),
	    "unknown format 'xml' (table, csv, tsv, json, jsonl)");
	ck_assert_int_eq(out_format_parse(&f, "CSV"), DM_EINVALID);
	ck_assert_int_eq(out_format_parse(&f, ""), DM_EINVALID);
}
END_TEST

START_TEST(test_no_columns)
{
	struct out *o = (struct out *)&o;

	ck_assert_int_eq(out_new(&o, stdout, OUT_CSV, cols3, 0, 0),
	    DM_EINVALID);
	ck_assert_ptr_null(o);
}
END_TEST

START_TEST(test_utf8_width)
{
	ck_assert_uint_eq(utf8_width(""), 0);
	ck_assert_uint_eq(utf8_width("abc"), 3);
	ck_assert_uint_eq(utf8_width("Élysée"), 6);
	ck_assert_uint_eq(utf8_width("e" ACUTE "te" ACUTE), 3);
	ck_assert_uint_eq(utf8_width("中国驻欧盟使团"), 14);
	ck_assert_uint_eq(utf8_width("ＡＢ"), 4);	/* fullwidth */
	ck_assert_uint_eq(utf8_width("a\xff" "b"), 3);
	ck_assert_uint_eq(utf8_width("\xe4\xb8"), 2);	/* cut sequence */
}
END_TEST

static const char *const tricky[] = {
	"plain", "42", "a" SEP "b",
	"has,comma", "-7", NULL,
	"say \"hi\"", NULL, "",
	"line1\nline2", "0", "x",
	"cr\rhere", "1", "semi;colon" SEP "two",
	"crlf\r\nend", "2", "a,b" SEP "c\"d",
	"tab\there", "3", "",
	"back\\slash", "4", "",
	"Élysée, 中国驻欧盟使团", "5", "中国" SEP "cyber-espionage",
	"", "", NULL,
	"=SUM(A1)", "6", "",
	"\"", "7", "",
};
#define NTRICKY (sizeof(tricky) / sizeof(tricky[0]) / 3)

START_TEST(test_csv)
{
	char *got;

	got = render(OUT_CSV, 0, cols3, 3, tricky, NTRICKY);
	ck_assert_str_eq(got,
	    "id,n,tags\r\n"
	    "plain,42,a;b\r\n"
	    "\"has,comma\",-7,\r\n"
	    "\"say \"\"hi\"\"\",,\r\n"
	    "\"line1\nline2\",0,x\r\n"
	    "\"cr\rhere\",1,semi;colon;two\r\n"
	    "\"crlf\r\nend\",2,\"a,b;c\"\"d\"\r\n"
	    "tab\there,3,\r\n"
	    "back\\slash,4,\r\n"
	    "\"Élysée, 中国驻欧盟使团\",5,中国;cyber-espionage\r\n"
	    ",,\r\n"
	    "=SUM(A1),6,\r\n"
	    "\"\"\"\",7,\r\n");
	free(got);

	got = render(OUT_CSV, 0, cols3, 3, NULL, 0);
	ck_assert_str_eq(got, "id,n,tags\r\n");
	free(got);
}
END_TEST

START_TEST(test_csv_excel)
{
	static const char *const cells[] = {
		"=1+1", "-7", "=cmd" SEP "b",
		"+x", "-1+1", "safe" SEP "=not-first",
		"-x", "+5", "",
		"@foo", "-", NULL,
		"\tx", NULL, "",
		"\rx", "12", "",
		"=a,b", "0", "",
		"-7", "-0", "",
		"", "", "",
		"Élysée", "1", "-",
	};
	char *got;

	got = render(OUT_CSV, OUT_EXCEL, cols3, 3, cells,
	    sizeof(cells) / sizeof(cells[0]) / 3);
	ck_assert_str_eq(got,
	    BOM "id,n,tags\r\n"
	    "'=1+1,-7,'=cmd;b\r\n"
	    "'+x,'-1+1,safe;=not-first\r\n"
	    "'-x,'+5,\r\n"
	    "'@foo,'-,\r\n"
	    "'\tx,,\r\n"
	    "\"'\rx\",12,\r\n"
	    "\"'=a,b\",0,\r\n"
	    "'-7,-0,\r\n"
	    ",,\r\n"
	    "Élysée,1,'-\r\n");
	free(got);

	/* Without --excel the same cells are data, untouched. */
	got = render(OUT_CSV, 0, cols3, 3, cells, 2);
	ck_assert_str_eq(got,
	    "id,n,tags\r\n"
	    "=1+1,-7,=cmd;b\r\n"
	    "+x,-1+1,safe;=not-first\r\n");
	free(got);
}
END_TEST

START_TEST(test_tsv)
{
	static const char *const cells[] = {
		"a\\b\tc\rd\ne", "-3", "x\ty" SEP "z",
		NULL, NULL, NULL,
		"Élysée 中国", "", "",
		"crlf\r\n", "0", "a,b\"" SEP "",
	};
	char *got;

	got = render(OUT_TSV, OUT_EXCEL, cols3, 3, cells, 4);
	ck_assert_str_eq(got,
	    "id\tn\ttags\n"
	    "a\\\\b\\tc\\rd\\ne\t-3\tx\\ty;z\n"
	    "\t\t\n"
	    "Élysée 中国\t\t\n"
	    "crlf\\r\\n\t0\ta,b\";\n");
	free(got);

	got = render(OUT_TSV, 0, cols3, 3, NULL, 0);
	ck_assert_str_eq(got, "id\tn\ttags\n");
	free(got);
}
END_TEST

static const char *const json_cells[] = {
	"a\"b\\c\n\t\x01\x1f\r\b/", "-12", "x" SEP "y",
	NULL, NULL, NULL,
	"Élysée 中国", "016", "",
	"bad\xff" "end", "0", "a" SEP SEP "b\"",
	"", "12x", "solo",
};

static const char json_objects[] =
    "{\"id\": \"a\\\"b\\\\c\\n\\t\\u0001\\u001f\\r\\u0008/\", "
    "\"n\": -12, \"tags\": [\"x\", \"y\"]}"
    "\0"
    "{\"id\": null, \"n\": null, \"tags\": []}"
    "\0"
    "{\"id\": \"Élysée 中国\", \"n\": \"016\", \"tags\": []}"
    "\0"
    "{\"id\": \"bad\xef\xbf\xbd" "end\", \"n\": 0, "
    "\"tags\": [\"a\", \"\", \"b\\\"\"]}"
    "\0"
    "{\"id\": \"\", \"n\": \"12x\", \"tags\": [\"solo\"]}";

/* Joins the NUL-separated objects above with sep after each but the last. */
static char *
json_expected(const char *head, const char *sep, const char *tail)
{
	static char buf[2048];
	const char *p = json_objects;
	size_t i;

	strcpy(buf, head);
	for (i = 0; i < 5; i++) {
		strcat(buf, p);
		strcat(buf, i < 4 ? sep : tail);
		p += strlen(p) + 1;
	}
	return buf;
}

/* Asserts that python's json module accepts text. */
static void
assert_json_valid(const char *text, int lines)
{
	char path[] = "/tmp/check_output_json.XXXXXX";
	char cmd[256];
	FILE *fp;
	int fd;

	ck_assert_int_ne(fd = mkstemp(path), -1);
	ck_assert_ptr_nonnull(fp = fdopen(fd, "w"));
	ck_assert_int_eq(fputs(text, fp) >= 0, 1);
	ck_assert_int_eq(fclose(fp), 0);
	snprintf(cmd, sizeof(cmd), "python3 -c 'import json,sys; "
	    "f = open(sys.argv[1], encoding=\"utf-8\"); "
	    "[json.loads(l) for l in f] if %d else json.load(f)' %s",
	    lines, path);
	ck_assert_int_eq(system(cmd), 0);
	unlink(path);
}

START_TEST(test_json)
{
	char *got;

	got = render(OUT_JSON, 0, cols3, 3, json_cells, 5);
	ck_assert_str_eq(got, json_expected("[\n", ",\n", "\n]\n"));
	assert_json_valid(got, 0);
	free(got);

	got = render(OUT_JSON, 0, cols3, 3, NULL, 0);
	ck_assert_str_eq(got, "[]\n");
	assert_json_valid(got, 0);
	free(got);
}
END_TEST

START_TEST(test_jsonl)
{
	char *got;

	got = render(OUT_JSONL, 0, cols3, 3, json_cells, 5);
	ck_assert_str_eq(got, json_expected("", "\n", "\n"));
	assert_json_valid(got, 1);
	free(got);

	got = render(OUT_JSONL, 0, cols3, 3, NULL, 0);
	ck_assert_str_eq(got, "");
	free(got);
}
END_TEST

/*
 * render() through out_widths(): each cell measured first (all but the
 * last column unless all is set), every other row given its lengths.
 */
static char *
render_measured(unsigned flags, const struct out_column *cols, size_t ncols,
    const char *const *cells, size_t nrows, int all)
{
	struct out *o = NULL;
	FILE *fp;
	char *text = NULL;
	size_t len = 0, r, i, w[8] = { 0 }, lens[8], cw;

	ck_assert_uint_le(ncols, 8);
	ck_assert_ptr_nonnull(fp = open_memstream(&text, &len));
	ck_assert_int_eq(out_new(&o, fp, OUT_TABLE, cols, ncols, flags), 0);
	for (r = 0; r < nrows; r++)
		for (i = 0; i + (all ? 0 : 1) < ncols; i++) {
			cw = out_width(o, cells[r * ncols + i], cells[r * ncols
			    + i] == NULL ? 0 : strlen(cells[r * ncols + i]), i);
			if (cw > w[i])
				w[i] = cw;
		}
	out_widths(o, w);
	for (r = 0; r < nrows; r++) {
		for (i = 0; i < ncols; i++)
			lens[i] = cells[r * ncols + i] == NULL ? 0 :
			    strlen(cells[r * ncols + i]);
		ck_assert_int_eq(r % 2 ? out_row(o, cells + r * ncols) :
		    out_row_len(o, cells + r * ncols, lens), 0);
	}
	ck_assert_int_eq(out_finish(o), 0);
	out_free(o);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_uint_eq(strlen(text), len);
	return text;
}

/* A table measured first comes out as one kept whole. */
static void
check_measured(unsigned flags, const struct out_column *cols, size_t ncols,
    const char *const *cells, size_t nrows)
{
	char *want, *got;
	int all;

	want = render(OUT_TABLE, flags, cols, ncols, cells, nrows);
	for (all = 0; all < 2; all++) {
		got = render_measured(flags, cols, ncols, cells, nrows, all);
		ck_assert_str_eq(got, want);
		free(got);
	}
	free(want);
}

START_TEST(test_table)
{
	static const char *const cells[] = {
		"Élysée", "5", "a" SEP "b",
		"中国", "-12", NULL,
		"e" ACUTE "te" ACUTE, "100", "x",
		"a\nb\tc\r\nd", NULL, "",
		"bad\xff", "7", "\x1b[31m",
	};
	char *got;

	got = render(OUT_TABLE, 0, cols3, 3, cells, 5);
	ck_assert_str_eq(got,
	    "id         n  tags\n"
	    "Élysée     5  a; b\n"
	    "中国     -12\n"
	    "e" ACUTE "te" ACUTE "      100  x\n"
	    "a b c d\n"
	    "bad\xef\xbf\xbd       7  \\x1b[31m\n");
	free(got);

	got = render(OUT_TABLE, OUT_TRUNCATE, cols3, 3, NULL, 0);
	ck_assert_str_eq(got, "");
	free(got);

	check_measured(0, cols3, 3, cells, 5);
	check_measured(OUT_TRUNCATE, cols3, 3, cells, 5);
	check_measured(0, cols3, 3, NULL, 0);
	/* A header wider than every cell; the last column empty throughout. */
	check_measured(0, cols3, 3, cells + 3 * 3, 1);
}
END_TEST

START_TEST(test_table_truncate)
{
	static const struct out_column col[] = { { "c", COL_TEXT } };
	static const struct out_column lcol[] = { { "l", COL_LIST } };
	static const char *const cells[] = {
		/* 41 columns: cut to 39 and the ellipsis */
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		/* exactly 40: kept whole */
		"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
		/* 38 + a wide character that would end at column 40 */
		"cccccccccccccccccccccccccccccccccccccc中中",
		/* the combining mark stays with the 39th character */
		"dddddddddddddddddddddddddddddddddddddd" "e" ACUTE "xyz",
		/* 21 wide characters: 19 fit in 39 columns */
		"中国驻欧盟使团中国驻欧盟使团中国驻欧盟使团",
	};
	static const char *const list[] = {
		/* the "; " of a list counts two columns */
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" SEP "bb",
	};
	char *got;

	got = render(OUT_TABLE, OUT_TRUNCATE, col, 1, cells, 5);
	ck_assert_str_eq(got,
	    "c\n"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\n"
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n"
	    "cccccccccccccccccccccccccccccccccccccc…\n"
	    "dddddddddddddddddddddddddddddddddddddd" "e" ACUTE "…\n"
	    "中国驻欧盟使团中国驻欧盟使团中国驻欧盟…\n");
	free(got);

	got = render(OUT_TABLE, OUT_TRUNCATE, lcol, 1, list, 1);
	ck_assert_str_eq(got,
	    "l\n"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; …\n");
	free(got);

	/* Without OUT_TRUNCATE nothing is cut. */
	got = render(OUT_TABLE, 0, col, 1, cells, 1);
	ck_assert_str_eq(got,
	    "c\n"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
	free(got);

	check_measured(OUT_TRUNCATE, col, 1, cells, 5);
	check_measured(OUT_TRUNCATE, lcol, 1, list, 1);
}
END_TEST

struct odd {
	const char	*in, *out;	/* a character, and as it is shown */
};

/*
 * Long cells of type with each odd character at each of 23 places must
 * come out as before, the cell, then after: the writers read plain ASCII
 * eight bytes at a time, and must stop on that character wherever it
 * falls.
 */
static void
check_long_cells(enum out_format fmt, enum col_type type,
    const struct odd *odd, size_t nodd, const char *before,
    const char *after)
{
	static const char head[] = "abcdefghijklmnopqrstuvw";
	static const char tail[] = "ABCDEFGHIJKLMNOPQRSTUVW";
	const struct out_column col[] = { { "c", type } };
	const char *cells[1];
	char in[64], want[96], *got;
	size_t i, p;

	for (i = 0; i < nodd; i++)
		for (p = 0; p < 23; p++) {
			snprintf(in, sizeof(in), "%.*s%s%.*sz", (int)p, head,
			    odd[i].in, (int)(22 - p), tail);
			snprintf(want, sizeof(want), "%s%.*s%s%.*sz%s", before,
			    (int)p, head, odd[i].out, (int)(22 - p), tail,
			    after);
			cells[0] = in;
			got = render(fmt, 0, col, 1, cells, 1);
			ck_assert_str_eq(got, want);
			free(got);
		}
}

START_TEST(test_table_long_cells)
{
	static const struct odd odd[] = {
		{ "\t", " " }, { "\n", " " }, { "\x7f", "\\x7f" }, { SEP, "; " },
		{ "\x1b", "\\x1b" }, { "\xc2\x9b", "\\x9b" },
		{ "\xc2\x85", "\\x85" }, { "\xc2\xa0", "\xc2\xa0" },
		{ "\xc3\xa9", "\xc3\xa9" }, { "\xff", "\xef\xbf\xbd" },
	};

	check_long_cells(OUT_TABLE, COL_LIST, odd, sizeof(odd) /
	    sizeof(odd[0]), "c\n", "\n");
}
END_TEST

/* JSON strings also escape quotes and backslashes. */
START_TEST(test_json_long_cells)
{
	static const struct odd odd[] = {
		{ "\"", "\\\"" }, { "\\", "\\\\" }, { "\n", "\\n" },
		{ "\x01", "\\u0001" }, { "\x7f", "\x7f" },
		{ "\xc3\xa9", "\xc3\xa9" }, { "\xff", "\xef\xbf\xbd" },
	};

	check_long_cells(OUT_JSONL, COL_TEXT, odd, sizeof(odd) /
	    sizeof(odd[0]), "{\"c\": \"", "\"}\n");
}
END_TEST

/* A table measured first hands its rows over in blocks as they come. */
/* Text for people: controls escaped, line ends as spaces, any length. */
START_TEST(test_print)
{
	char *got = NULL, *want, *in;
	size_t len = 0, i;
	FILE *fp;

	ck_assert_ptr_nonnull(fp = open_memstream(&got, &len));
	ck_assert_int_eq(dm_print(fp, "a %s z %d", "\x1b]0;x\x07\xc2\x9b" "1m"
	    "\xc2\x9d\x7f\r\n\tq\xff\xc2\xa0\xe4\xb8\xad", 7), 0);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_str_eq(got, "a \\x1b]0;x\\x07\\x9b1m\\x9d\\x7f  q"
	    "\xef\xbf\xbd\xc2\xa0\xe4\xb8\xad z 7");
	free(got);

	/* Longer than the buffer on the stack. */
	ck_assert_ptr_nonnull(in = malloc(4001));
	ck_assert_ptr_nonnull(want = malloc(16001));
	for (i = 0; i < 1000; i++) {
		memcpy(in + 4 * i, "ab\x1b" "c", 4);
		memcpy(want + 7 * i, "ab\\x1bc", 7);
	}
	in[4000] = want[7000] = '\0';
	ck_assert_ptr_nonnull(fp = open_memstream(&got, &len));
	ck_assert_int_eq(dm_print(fp, "%s", in), 0);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_str_eq(got, want);
	free(got);
	free(in);
	free(want);
}
END_TEST

START_TEST(test_table_measured_streams)
{
	static const char *const row[] = { "streamed", "1", "a" SEP "b" };
	static const size_t w[] = { 8, 1, 4 };
	struct out *o;
	FILE *fp;
	char *text = NULL;
	size_t len, i;

	ck_assert_ptr_nonnull(fp = open_memstream(&text, &len));
	ck_assert_int_eq(out_new(&o, fp, OUT_TABLE, cols3, 3, 0), 0);
	out_widths(o, w);
	for (i = 0; i < 10000; i++)
		ck_assert_int_eq(out_row(o, row), 0);
	ck_assert_int_eq(fflush(fp), 0);
	ck_assert_uint_gt(len, 0);
	ck_assert_int_eq(strncmp(text, "id        n  tags\n"
	    "streamed  1  a; b\n", len < 36 ? len : 36), 0);
	ck_assert_int_eq(out_finish(o), 0);
	ck_assert_uint_eq(len, 18 * 10001);
	out_free(o);
	fclose(fp);
	free(text);
}
END_TEST

/* The machine formats hand each row over at once; the table waits. */
START_TEST(test_streaming)
{
	static const enum out_format fmts[] = {
		OUT_CSV, OUT_TSV, OUT_JSON, OUT_JSONL, OUT_TABLE
	};
	static const char *const row[] = { "streamed", "1", "" };
	struct out *o;
	FILE *fp;
	char *text;
	size_t len, i;

	for (i = 0; i < 5; i++) {
		text = NULL;
		ck_assert_ptr_nonnull(fp = open_memstream(&text, &len));
		ck_assert_int_eq(out_new(&o, fp, fmts[i], cols3, 3, 0), 0);
		ck_assert_int_eq(out_row(o, row), 0);
		ck_assert_int_eq(fflush(fp), 0);
		if (fmts[i] == OUT_TABLE)
			ck_assert_uint_eq(len, 0);
		else
			ck_assert_ptr_nonnull(strstr(text, "streamed"));
		ck_assert_int_eq(out_finish(o), 0);
		ck_assert_ptr_nonnull(strstr(text, "streamed"));
		out_free(o);
		fclose(fp);
		free(text);
	}
}
END_TEST

/*
 * Opens a full device (major 1, minor 7) made for the test in a folder
 * of its own, so that no test writes to the machine's own devices.
 * Returns -1 where devices cannot be made (not root), after saying so.
 */
static int
open_full(void)
{
	char tmp[] = "/tmp/check_output_dev.XXXXXX", path[64];
	int fd = -1;

	ck_assert_ptr_nonnull(mkdtemp(tmp));
	snprintf(path, sizeof(path), "%s/full", tmp);
	if (mknod(path, S_IFCHR | 0600, makedev(1, 7)) == 0) {
		fd = open(path, O_WRONLY);
		unlink(path);
	} else
		fprintf(stderr, "skipped: cannot make a device (%s)\n",
		    strerror(errno));
	rmdir(tmp);
	return fd;
}

START_TEST(test_write_error)
{
	static const char *const row[] = { "x", "1", "" };
	struct out *o;
	FILE *fp;
	int i, full;

	if ((full = open_full()) == -1)
		return;
	ck_assert_ptr_nonnull(fp = fdopen(full, "w"));
	ck_assert_int_eq(out_new(&o, fp, OUT_CSV, cols3, 3, 0), 0);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(out_row(o, row), 0);
	ck_assert_int_eq(out_finish(o), DM_ERROR);
	ck_assert_str_eq(dm_error_last(),
	    "cannot write output: No space left on device");
	out_free(o);
	fclose(fp);
}
END_TEST

START_TEST(test_out_free_null)
{
	out_free(NULL);
}
END_TEST

/*
 * Decodes one JSON string at *p (as python's json.dumps writes it) into
 * UTF-8 in out and advances *p past it.
 */
static void
json_decode_string(const char **p, char *out, size_t size)
{
	static const char escapes[] = "n\nr\rt\t\"\"\\\\//b\bf\f";
	const char *s = *p, *e;
	unsigned long cp, lo;
	size_t n = 0;

	ck_assert_int_eq(*s++, '"');
	while (*s != '"') {
		ck_assert_uint_lt(n + 4, size);
		if (*s != '\\') {
			out[n++] = *s++;
			continue;
		}
		s++;
		if (*s != 'u') {
			ck_assert_ptr_nonnull(e = strchr(escapes, *s));
			ck_assert_int_eq((e - escapes) % 2, 0);
			out[n++] = e[1];
			s++;
			continue;
		}
		s++;
		cp = strtoul((char[]){ s[0], s[1], s[2], s[3], 0 }, NULL, 16);
		s += 4;
		if (cp >= 0xd800 && cp < 0xdc00) {
			ck_assert(s[0] == '\\' && s[1] == 'u');
			lo = strtoul((char[]){ s[2], s[3], s[4], s[5], 0 },
			    NULL, 16);
			s += 6;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		}
		if (cp < 0x80)
			out[n++] = (char)cp;
		else if (cp < 0x800) {
			out[n++] = (char)(0xc0 | cp >> 6);
			out[n++] = (char)(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			out[n++] = (char)(0xe0 | cp >> 12);
			out[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
			out[n++] = (char)(0x80 | (cp & 0x3f));
		} else {
			out[n++] = (char)(0xf0 | cp >> 18);
			out[n++] = (char)(0x80 | (cp >> 12 & 0x3f));
			out[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
			out[n++] = (char)(0x80 | (cp & 0x3f));
		}
	}
	out[n] = '\0';
	*p = s + 1;
}

/* What a CSV reader must get back for a cell given to out_row(). */
static void
csv_cell(const char *in, char *out)
{
	if (in == NULL)
		in = "";
	for (; *in != '\0'; in++)
		*out++ = *in == SEP[0] ? ';' : *in;
	*out = '\0';
}

START_TEST(test_csv_roundtrip)
{
	static const char *const extra[] = {
		" lead and trail ", "-1", "\"" SEP "\"",
		"\r", "8", "\n\n",
		"a\"\"b", "9", "Ελλάδα" SEP "日本" SEP "😀",
	};
	char path[] = "/tmp/check_output_csv.XXXXXX";
	char cmd[512], got[4096], want[512];
	const char *cells[3 * (NTRICKY + 3)];
	const char *p;
	struct out *o;
	FILE *fp, *py;
	size_t n, r, i, nrows;
	int fd;

	nrows = NTRICKY + 3;
	memcpy(cells, tricky, sizeof(tricky));
	memcpy(cells + 3 * NTRICKY, extra, sizeof(extra));
	ck_assert_int_ne(fd = mkstemp(path), -1);
	ck_assert_ptr_nonnull(fp = fdopen(fd, "w"));
	ck_assert_int_eq(out_new(&o, fp, OUT_CSV, cols3, 3, 0), 0);
	for (r = 0; r < nrows; r++)
		ck_assert_int_eq(out_row(o, cells + 3 * r), 0);
	ck_assert_int_eq(out_finish(o), 0);
	out_free(o);
	ck_assert_int_eq(fclose(fp), 0);

	snprintf(cmd, sizeof(cmd), "python3 -c 'import csv,sys,json; "
	    "print(json.dumps(list(csv.reader(open(sys.argv[1], newline=\"\", "
	    "encoding=\"utf-8\")))))' %s", path);
	ck_assert_ptr_nonnull(py = popen(cmd, "r"));
	n = fread(got, 1, sizeof(got) - 1, py);
	got[n] = '\0';
	ck_assert_int_eq(pclose(py), 0);
	unlink(path);

	p = got;
	ck_assert_int_eq(*p++, '[');
	for (r = 0; r <= nrows; r++) {
		if (r > 0) {
			ck_assert_int_eq(*p++, ',');
			ck_assert_int_eq(*p++, ' ');
		}
		ck_assert_int_eq(*p++, '[');
		for (i = 0; i < 3; i++) {
			char cell[512];

			if (i > 0) {
				ck_assert_int_eq(*p++, ',');
				ck_assert_int_eq(*p++, ' ');
			}
			json_decode_string(&p, cell, sizeof(cell));
			csv_cell(r == 0 ? cols3[i].name :
			    cells[3 * (r - 1) + i], want);
			ck_assert_str_eq(cell, want);
		}
		ck_assert_int_eq(*p++, ']');
	}
	ck_assert_str_eq(p, "]\n");
}
END_TEST

/* Each atomic file test works in a directory of its own. */
static char dir[64];

static void
dir_setup(void)
{
	strcpy(dir, "/tmp/check_output_dir.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	umask(022);
}

static void
dir_teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* The names in dir, sorted and joined with spaces. */
static const char *
dir_list(void)
{
	static char list[512];
	struct dirent **ents;
	int i, n;

	ck_assert_int_ge(n = scandir(dir, &ents, NULL, alphasort), 0);
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		if (strcmp(ents[i]->d_name, ".") != 0 &&
		    strcmp(ents[i]->d_name, "..") != 0) {
			if (list[0] != '\0')
				strcat(list, " ");
			strcat(list, ents[i]->d_name);
		}
		free(ents[i]);
	}
	free(ents);
	return list;
}

static const char *
slurp(const char *path)
{
	static char text[256];
	FILE *fp;
	size_t n;

	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	n = fread(text, 1, sizeof(text) - 1, fp);
	text[n] = '\0';
	fclose(fp);
	return text;
}

static void
put(const char *path, const char *text)
{
	FILE *fp;

	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

START_TEST(test_atomic_create)
{
	struct atomic_file af;
	struct stat st;
	char path[128];

	snprintf(path, sizeof(path), "%s/out.csv", dir);
	ck_assert_int_eq(atomic_file_open(&af, path), 0);
	ck_assert_str_eq(af.path, path);
	ck_assert_int_eq(strncmp(af.tmp, path, strlen(path)), 0);
	fputs("new\r\n", af.fp);
	/* Until the commit, only the temporary exists. */
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(atomic_file_commit(&af), 0);
	ck_assert_ptr_null(af.fp);
	ck_assert_str_eq(slurp(path), "new\r\n");
	ck_assert_str_eq(dir_list(), "out.csv");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	/* Aborting after the commit changes nothing. */
	atomic_file_abort(&af);
	ck_assert_str_eq(slurp(path), "new\r\n");
}
END_TEST

START_TEST(test_atomic_replace)
{
	static const struct out_column col[] = { { "c", COL_TEXT } };
	static const char *const row[] = { "a,b" };
	struct atomic_file af;
	struct out *o;
	char path[128];

	snprintf(path, sizeof(path), "%s/out.csv", dir);
	put(path, "old contents, longer than the new\n");
	ck_assert_int_eq(atomic_file_open(&af, path), 0);
	ck_assert_int_eq(out_new(&o, af.fp, OUT_CSV, col, 1, 0), 0);
	ck_assert_int_eq(out_row(o, row), 0);
	ck_assert_int_eq(out_finish(o), 0);
	out_free(o);
	ck_assert_str_eq(slurp(path), "old contents, longer than the new\n");
	ck_assert_int_eq(atomic_file_commit(&af), 0);
	ck_assert_str_eq(slurp(path), "c\r\n\"a,b\"\r\n");
	ck_assert_str_eq(dir_list(), "out.csv");
}
END_TEST

START_TEST(test_atomic_abort)
{
	struct atomic_file af;
	char path[128];

	snprintf(path, sizeof(path), "%s/out.csv", dir);
	put(path, "old\n");
	ck_assert_int_eq(atomic_file_open(&af, path), 0);
	fputs("half a file", af.fp);
	ck_assert_int_eq(strncmp(dir_list(), "out.csv out.csv.", 16), 0);
	atomic_file_abort(&af);
	atomic_file_abort(&af);
	ck_assert_str_eq(slurp(path), "old\n");
	ck_assert_str_eq(dir_list(), "out.csv");

	/* Aborted before any file existed: none is left. */
	unlink(path);
	ck_assert_int_eq(atomic_file_open(&af, path), 0);
	atomic_file_abort(&af);
	ck_assert_str_eq(dir_list(), "");
}
END_TEST

START_TEST(test_atomic_write_fails)
{
	struct atomic_file af;
	char path[128], msg[256];
	int full;

	if ((full = open_full()) == -1)
		return;
	snprintf(path, sizeof(path), "%s/out.csv", dir);
	put(path, "old\n");
	ck_assert_int_eq(atomic_file_open(&af, path), 0);
	/* The disk fills up under the temporary. */
	ck_assert_int_ne(dup2(full, af.fd), -1);
	close(full);
	fputs("new\n", af.fp);
	ck_assert_int_eq(atomic_file_commit(&af), DM_ERROR);
	snprintf(msg, sizeof(msg), "cannot write '%s': disk full", path);
	ck_assert_str_eq(dm_error_last(), msg);
	ck_assert_ptr_null(af.fp);
	ck_assert_str_eq(slurp(path), "old\n");
	ck_assert_str_eq(dir_list(), "out.csv");
	atomic_file_abort(&af);
}
END_TEST

START_TEST(test_atomic_rename_fails)
{
	struct atomic_file af;
	char path[128], inner[160], msg[256];

	/* A directory is refused at once. */
	snprintf(path, sizeof(path), "%s/out", dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	ck_assert_int_eq(atomic_file_open(&af, path), DM_ERROR);
	snprintf(msg, sizeof(msg), "cannot create '%s': Is a directory", path);
	ck_assert_str_eq(dm_error_last(), msg);
	ck_assert_int_eq(rmdir(path), 0);

	/* One made while the file is written cannot be renamed over. */
	ck_assert_int_eq(atomic_file_open(&af, path), 0);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(inner, sizeof(inner), "%s/keep", path);
	put(inner, "x");
	fputs("new\n", af.fp);
	ck_assert_int_eq(atomic_file_commit(&af), DM_ERROR);
	snprintf(msg, sizeof(msg), "cannot write '%s': Is a directory", path);
	ck_assert_str_eq(dm_error_last(), msg);
	ck_assert_str_eq(dir_list(), "out");
	ck_assert_str_eq(slurp(inner), "x");
}
END_TEST

START_TEST(test_atomic_open_fails)
{
	struct atomic_file af;
	char path[128], msg[256];

	snprintf(path, sizeof(path), "%s/missing/out.csv", dir);
	ck_assert_int_eq(atomic_file_open(&af, path), DM_ERROR);
	snprintf(msg, sizeof(msg),
	    "cannot create '%s': No such file or directory", path);
	ck_assert_str_eq(dm_error_last(), msg);
	ck_assert_ptr_null(af.fp);
	atomic_file_abort(&af);
	ck_assert_str_eq(dir_list(), "");
}
END_TEST

static Suite *
output_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("output");

	tc = tcase_create("formats");
	tcase_add_test(tc, test_format_parse);
	tcase_add_test(tc, test_no_columns);
	tcase_add_test(tc, test_utf8_width);
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_csv_excel);
	tcase_add_test(tc, test_tsv);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_jsonl);
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_table_truncate);
	tcase_add_test(tc, test_table_measured_streams);
	tcase_add_test(tc, test_print);
	tcase_add_test(tc, test_table_long_cells);
	tcase_add_test(tc, test_json_long_cells);
	tcase_add_test(tc, test_streaming);
	tcase_add_test(tc, test_write_error);
	tcase_add_test(tc, test_out_free_null);
	tcase_add_test(tc, test_csv_roundtrip);
	suite_add_tcase(s, tc);

	tc = tcase_create("atomicfile");
	tcase_add_checked_fixture(tc, dir_setup, dir_teardown);
	tcase_add_test(tc, test_atomic_create);
	tcase_add_test(tc, test_atomic_replace);
	tcase_add_test(tc, test_atomic_abort);
	tcase_add_test(tc, test_atomic_write_fails);
	tcase_add_test(tc, test_atomic_rename_fails);
	tcase_add_test(tc, test_atomic_open_fails);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(output_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
