/*
 * The read side on in-memory archives built with SQL: filters, the
 * cross-reference, search, threads, exports, and the query plans that
 * keep listings off full-table scans.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive.h"
#include "claimkind.h"
#include "db.h"
#include "error.h"
#include "names.h"
#include "output.h"
#include "query.h"
#include "who.h"

static dm_archive *a;

#define DIGEST	"'0000000000000000000000000000000000000000000000000000000000000000'"

/* A statement; issuer by code, dates as stored. */
#define STATEMENT(id, issuer, date, lo, hi, title, text)		\
	"INSERT INTO statements (id, issuer_id, date, date_lo, date_hi,"	\
	" title, text, kind, digest) VALUES ('" id "', (SELECT id FROM"	\
	" actors WHERE code = '" issuer "'), '" date "', '" lo "', '" hi	\
	"', '" title "', '" text "', 'remarks', " DIGEST ");"
/* A claim, with its statement's first day as the store writes it. */
#define CLAIM(sid, seq, by, kind, cameo, summary)			\
	"INSERT INTO claims (statement_id, seq, by_id, kind, cameo,"	\
	" summary, method, statement_lo) SELECT sid, " #seq ", (SELECT id"	\
	" FROM actors WHERE code = '" by "'), '" kind "', '" cameo "', '"	\
	summary "', 'curated', date_lo FROM statements WHERE id = '" sid	\
	"';"
#define TARGET(sid, seq, code)						\
	"INSERT INTO claim_targets (claim_id, actor_id, seq) VALUES ("	\
	"(SELECT c.id FROM claims c JOIN statements s ON s.sid ="	\
	" c.statement_id WHERE s.id = '" sid "' AND c.seq = " #seq "),"	\
	" (SELECT id FROM actors WHERE code = '" code "'), 0);"
#define TOPIC(sid, seq, topic)						\
	"INSERT INTO claim_topics (claim_id, topic, seq) VALUES ("	\
	"(SELECT c.id FROM claims c JOIN statements s ON s.sid ="	\
	" c.statement_id WHERE s.id = '" sid "' AND c.seq = " #seq "),"	\
	" '" topic "', 0);"
#define RESPONDS(sid, to, seq)						\
	"INSERT INTO responses (statement_id, responds_to, seq) VALUES ("	\
	"(SELECT sid FROM statements WHERE id = '" sid "'), '" to "', "	\
	#seq ");"

/* The July 2021 exchange, cut down, with a partial date and a loop. */
static const char july[] =
    "INSERT INTO actors (code, name, kind) VALUES"
    " ('WESTERN-COUNTRIES', 'Some Western countries', 'group');"
    "INSERT INTO aliases (folded, actor_id, alias, is_name) VALUES"
    " ('some western countries', last_insert_rowid(),"
    " 'Some Western countries', 1);"
    STATEMENT("eu", "EU.HRVP", "2021-07-19", "2021-07-19", "2021-07-19",
	"Declaration on behalf of the EU",
	"malicious cyber activities undertaken from China")
    STATEMENT("nato", "NATO.NAC", "2021-07-19", "2021-07-19", "2021-07-19",
	"Statement by the North Atlantic Council",
	"Allies condemn such malicious cyber activities")
    STATEMENT("mission", "CHN.MISSION-EU", "2021-07-19", "2021-07-19",
	"2021-07-19", "Spokesperson''s response",
	"speculation and \"baseless\" accusations by the U.S. and "
	"中国驻欧盟使团 said so")
    STATEMENT("month", "CHN.MFA", "2021-07", "2021-07-01", "2021-07-31",
	"A statement dated by month", "C++ and nothing else")
    STATEMENT("year", "CHN.MFA", "2021", "2021-01-01", "2021-12-31",
	"A statement dated by year", "a year")
    CLAIM("eu", 0, "EU.HRVP", "accuse", "112", "cyber, from China")
    TARGET("eu", 0, "CHN")
    TOPIC("eu", 0, "cyber")
    CLAIM("nato", 0, "NATO.NAC", "condemn", "111", "condemns")
    TARGET("nato", 0, "CHN")
    CLAIM("mission", 0, "CHN.MISSION-EU", "reject", "120", "rejects")
    TARGET("mission", 0, "EU")
    TARGET("mission", 0, "NATO")
    CLAIM("mission", 1, "CHN.MISSION-EU", "accuse", "1125",
	"eavesdropping")
    TARGET("mission", 1, "WESTERN-COUNTRIES")
    TOPIC("mission", 1, "espionage")
    CLAIM("mission", 2, "CHN.CNCERT", "assert", "010", "5.31 million")
    RESPONDS("mission", "eu", 0)
    RESPONDS("mission", "nato", 1)
    RESPONDS("mission", "not-imported", 2)
    RESPONDS("month", "year", 0)
    RESPONDS("year", "month", 0);

static void
setup(void)
{
	struct dm_init_result r;

	ck_assert_int_eq(dm_archive_open(&a, NULL, DM_OPEN_MEMORY), 0);
	ck_assert_int_eq(dm_archive_init(a, &r), 0);
	ck_assert_int_eq(db_exec(a->db, july), 0);
}

static void
teardown(void)
{
	dm_archive_free(a);
}

/* The listing as text in format, or NULL with *rc set on failure. */
static char *
list(enum dm_listing what, const struct dm_filter *f, const char *format,
    int *rc, int64_t *nrows)
{
	struct dm_output out;
	char *buf = NULL;
	size_t len = 0;
	int64_t n;

	out.fp = open_memstream(&buf, &len);
	out.format = format;
	out.flags = 0;
	ck_assert_ptr_nonnull(out.fp);
	*rc = dm_list(a, what, f, &out, nrows ? nrows : &n);
	fclose(out.fp);
	if (*rc != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The first column of every row, one per line, as csv gives it. */
static char *
ids(enum dm_listing what, const struct dm_filter *f)
{
	char *csv, *out, *p, *line, *comma;
	int rc;

	csv = list(what, f, "tsv", &rc, NULL);
	ck_assert_msg(csv != NULL, "%s", dm_error_last());
	out = calloc(1, strlen(csv) + 1);
	p = strchr(csv, '\n');
	for (line = p ? p + 1 : csv + strlen(csv); *line != '\0';
	    line = p + 1) {
		p = strchr(line, '\n');
		comma = strchr(line, '\t');
		strncat(out, line, (size_t)((comma && comma < p ? comma : p) -
		    line));
		strcat(out, " ");
	}
	free(csv);
	return out;
}

#define ASSERT_IDS(what, f, want) do {					\
	char *got_ = ids(what, f);					\
	ck_assert_str_eq(got_, want);					\
	free(got_);							\
} while (0)

START_TEST(actor_includes_descendants_unless_exact)
{
	struct dm_filter f = { 0 };

	f.actor = "CHN";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "year month mission ");
	f.exact = 1;
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "");
	f.actor = "Chinese Mission to the EU";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "mission ");
	/* A claimant counts as well as the issuer. */
	f.actor = "CHN.CNCERT";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "mission ");
}
END_TEST

START_TEST(partial_dates_are_never_made_days)
{
	struct dm_filter f = { 0 };

	f.from = f.to = "2021-07-19";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "eu mission nato ");
	f.from = f.to = "2021-07";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "month eu mission nato ");
	f.from = "July 2021";
	f.to = NULL;
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "month eu mission nato ");
	f.from = NULL;
	f.to = "2021-07-19";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "eu mission nato ");
	f.from = f.to = "2021";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "year month eu mission nato ");
}
END_TEST

/*
 * An actor within dates: the statements it issued and those it made
 * claims in, with its descendants, whose whole date lies in the range.
 */
START_TEST(actor_with_dates_issuer_or_claimant)
{
	struct dm_filter f = { 0 };

	f.actor = "CHN.CNCERT";
	f.from = f.to = "2021-07-19";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "mission ");
	ASSERT_IDS(DM_LIST_CLAIMS, &f, "5 ");
	f.exact = 1;
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "mission ");
	f.exact = 0;
	f.from = "2021-07-20";
	f.to = NULL;
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "");
	/* The mission by issuing, CNCERT by claiming, MFA's month, not its
	 * year: the year reaches past July. */
	f.actor = "CHN";
	f.from = f.to = "2021-07";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "month mission ");
	ASSERT_IDS(DM_LIST_CLAIMS, &f, "3 3 4 5 ");
	f.from = f.to = "2021";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "year month mission ");
	f.exact = 1;
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "");
	f.exact = 0;
	/* A target is neither issuer nor claimant. */
	f.actor = "EU";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "eu ");
	f.actor = "NATO";
	f.to = "2021-07-18";
	ASSERT_IDS(DM_LIST_STATEMENTS, &f, "");
	f.actor = NULL;
	f.by = "CHN.MISSION-EU";
	f.from = "2021-07-19";
	f.to = "2021-07-31";
	ASSERT_IDS(DM_LIST_CLAIMS, &f, "3 3 4 ");
	f.by = "CHN";
	f.from = "2021-07-20";
	ASSERT_IDS(DM_LIST_CLAIMS, &f, "");
}
END_TEST

START_TEST(bad_filters_are_refused)
{
	struct dm_filter f = { 0 };
	char want[512], names[256];
	int rc;

	f.actor = "NOBODY";
	ck_assert_ptr_null(list(DM_LIST_STATEMENTS, &f, "csv", &rc, NULL));
	ck_assert_int_eq(rc, DM_ENOTFOUND);
	ck_assert_str_eq(dm_error_last(), "no actor 'NOBODY'");
	memset(&f, 0, sizeof(f));
	f.from = "07/08/2021";
	ck_assert_ptr_null(list(DM_LIST_STATEMENTS, &f, "csv", &rc, NULL));
	ck_assert_int_eq(rc, DM_EINVALID);
	memset(&f, 0, sizeof(f));
	f.kinds = "accuse,acuse";
	ck_assert_ptr_null(list(DM_LIST_CLAIMS, &f, "csv", &rc, NULL));
	ck_assert_int_eq(rc, DM_EINVALID);
	snprintf(want, sizeof(want), "unknown claim kind 'acuse' in --kind "
	    "(%s)", names_join(names, sizeof(names), claim_kind_names));
	ck_assert_str_eq(dm_error_last(), want);
	ck_assert_ptr_nonnull(strstr(want, "accuse, criticize, threaten"));
	memset(&f, 0, sizeof(f));
	ck_assert_ptr_null(list(DM_LIST_CLAIMS, &f, "xml", &rc, NULL));
	ck_assert_int_eq(rc, DM_EINVALID);
}
END_TEST

START_TEST(claims_one_row_per_target)
{
	struct dm_filter f = { 0 };
	char *out;
	int64_t n;
	int rc;

	f.actor = "CHN.MISSION-EU";
	f.exact = 1;
	out = list(DM_LIST_CLAIMS, &f, "csv", &rc, &n);
	ck_assert_ptr_nonnull(out);
	/* reject EU, reject NATO, accuse WESTERN-COUNTRIES, and the
	 * CNCERT claim of the mission's statement, with no target. */
	ck_assert_int_eq(n, 4);
	ck_assert_ptr_nonnull(strstr(out, "claim_id,statement_id,date,"
	    "by_code,by_name,kind,cameo,target_code,target_name,topics,"
	    "summary,quote,method,cue\r\n"));
	ck_assert_ptr_nonnull(strstr(out, ",mission,2021-07-19,CHN.CNCERT,"));
	ck_assert_ptr_nonnull(strstr(out, ",assert,010,,,,5.31 million,,"
	    "curated,\r\n"));
	free(out);
	memset(&f, 0, sizeof(f));
	f.target = "NATO";
	ASSERT_IDS(DM_LIST_CLAIMS, &f, "3 ");
	f.target = NULL;
	f.topic = "Espionage";
	ASSERT_IDS(DM_LIST_CLAIMS, &f, "4 ");
	f.topic = NULL;
	f.kinds = "condemn, reject";
	ASSERT_IDS(DM_LIST_CLAIMS, &f, "3 3 2 ");
}
END_TEST

START_TEST(who_counts_accusations)
{
	struct dm_filter f = { 0 };
	char *out;
	int rc;

	out = list(DM_LIST_WHO, &f, "jsonl", &rc, NULL);
	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out,
	    "{\"accuser_code\": \"CHN.MISSION-EU\", \"accuser_name\": "
	    "\"Mission of the People's Republic of China to the European "
	    "Union\", \"accused_code\": \"WESTERN-COUNTRIES\", "
	    "\"accused_name\": \"Some Western countries\", \"claims\": 1, "
	    "\"statements\": 1, \"first_date\": \"2021-07-19\", "
	    "\"last_date\": \"2021-07-19\", \"kinds\": [\"accuse\"], "
	    "\"topics\": [\"espionage\"]}\n"
	    "{\"accuser_code\": \"EU.HRVP\", \"accuser_name\": \"High "
	    "Representative of the Union for Foreign Affairs and Security "
	    "Policy\", \"accused_code\": \"CHN\", \"accused_name\": "
	    "\"China\", \"claims\": 1, \"statements\": 1, \"first_date\": "
	    "\"2021-07-19\", \"last_date\": \"2021-07-19\", \"kinds\": "
	    "[\"accuse\"], \"topics\": [\"cyber\"]}\n"
	    "{\"accuser_code\": \"NATO.NAC\", \"accuser_name\": \"North "
	    "Atlantic Council\", \"accused_code\": \"CHN\", \"accused_name\": "
	    "\"China\", \"claims\": 1, \"statements\": 1, \"first_date\": "
	    "\"2021-07-19\", \"last_date\": \"2021-07-19\", \"kinds\": "
	    "[\"condemn\"], \"topics\": []}\n");
	free(out);
}
END_TEST

START_TEST(who_mutual_needs_rollup_here)
{
	struct dm_filter f = { 0 };

	f.kinds = "accuse,criticize,condemn,reject";
	f.mutual = 1;
	/* CHN.MISSION-EU answered EU.HRVP and NATO.NAC, not EU and NATO. */
	ASSERT_IDS(DM_LIST_WHO, &f, "");
	f.rollup = 1;
	ASSERT_IDS(DM_LIST_WHO, &f, "CHN CHN EU NATO ");
	/* --by picks among the pairs; the other direction still counts. */
	f.by = "CHN";
	ASSERT_IDS(DM_LIST_WHO, &f, "CHN CHN ");
	f.by = NULL;
	f.target = "NATO";
	ASSERT_IDS(DM_LIST_WHO, &f, "CHN ");
	f.mutual = 0;
	f.target = NULL;
	f.kinds = NULL;
	ASSERT_IDS(DM_LIST_WHO, &f, "CHN EU NATO ");
}
END_TEST

START_TEST(search_takes_text_literally)
{
	struct dm_filter f = { 0 };
	char *out;
	int rc;

	f.text = "U.S.";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "statement ");
	f.text = "\"baseless\"";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "statement ");
	f.text = "C++";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "statement ");
	f.text = "欧盟";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "statement ");
	f.text = "\"";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "");
	f.text = "\" \"\" nowhere";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "");
	f.text = "baseless nowhere";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "");
	f.text = "eavesdropping";
	out = list(DM_LIST_SEARCH, &f, "csv", &rc, NULL);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(strstr(out, "claim,mission,4,2021-07-19,"
	    "CHN.MISSION-EU,Spokesperson's response,[eavesdropping]\r\n"));
	free(out);
}
END_TEST

START_TEST(raw_search_passes_syntax)
{
	struct dm_filter f = { 0 };
	int rc;

	f.raw = 1;
	/* a bare word finds its other forms: the claim's "condemns" */
	f.text = "baseless OR condemn";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "claim statement statement ");
	f.text = "baseless OR \"condemn\"";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "statement statement ");
	f.text = "baseless AND (";
	ck_assert_ptr_null(list(DM_LIST_SEARCH, &f, "csv", &rc, NULL));
	ck_assert_int_eq(rc, DM_EINVALID);
	f.raw = 0;
	f.text = "  ";
	ck_assert_ptr_null(list(DM_LIST_SEARCH, &f, "csv", &rc, NULL));
	ck_assert_int_eq(rc, DM_EINVALID);
}
END_TEST

/* Adds a statement by EU.HRVP with text, bound rather than quoted. */
static void
add_statement(const char *id, const char *text)
{
	struct db_stmt *st;

	ck_assert_int_eq(db_prepare(a->db, &st, "INSERT INTO statements"
	    " (id, issuer_id, date, date_lo, date_hi, title, text, kind,"
	    " digest) VALUES (?1, (SELECT id FROM actors WHERE code ="
	    " 'EU.HRVP'), '2020', '2020-01-01', '2020-12-31', NULL, ?2,"
	    " 'remarks', " DIGEST ")"), 0);
	ck_assert_int_eq(db_bind_text(st, 1, id), 0);
	ck_assert_int_eq(db_bind_text(st, 2, text), 0);
	ck_assert_int_eq(db_run(st), 0);
	db_finalize(st);
}

/* The snippet search gives statement id for text, or NULL if unlisted. */
static char *
snippet_for(const char *text, const char *id, int64_t limit)
{
	struct dm_filter f = { 0 };
	char *csv, *line, *end, *out = NULL;
	size_t n;
	int rc;

	f.text = text;
	f.limit = limit;
	csv = list(DM_LIST_SEARCH, &f, "tsv", &rc, NULL);
	ck_assert_msg(csv != NULL, "%s", dm_error_last());
	n = strlen(id);
	for (line = csv; line != NULL && *line != '\0'; line = end) {
		if ((end = strchr(line, '\n')) != NULL)
			*end++ = '\0';
		/* found_in, then statement_id, then four more cells. */
		if (strncmp(line, "statement\t", 10) == 0 &&
		    strncmp(line + 10, id, n) == 0 && line[10 + n] == '\t') {
			out = strdup(strrchr(line, '\t') + 1);
			break;
		}
	}
	free(csv);
	return out;
}

#define ASSERT_SNIPPET(text, id, want) do {				\
	char *got_ = snippet_for(text, id, 0);				\
	ck_assert_ptr_nonnull(got_);					\
	ck_assert_str_eq(got_, want);					\
	free(got_);							\
	got_ = snippet_for(text, id, 5);				\
	ck_assert_ptr_nonnull(got_);					\
	ck_assert_str_eq(got_, want);					\
	free(got_);							\
} while (0)

#define REPEATS	20000
#define SENTENCE "Cyber attack number %09d was condemned by many, said the text. "

START_TEST(snippet_of_a_long_text_is_short)
{
	char *text, *p;
	int i;

	/* Every sentence has "number"; the snippet needs the rare word. */
	ck_assert_ptr_nonnull(text = malloc(REPEATS * 80));
	for (p = text, i = 0; i < REPEATS; i++)
		p += sprintf(p, SENTENCE, i);
	add_statement("long", text);
	free(text);
	/* Both words, and the most hits of them, beat both words alone. */
	ASSERT_SNIPPET("number 000019999", "long", "\xe2\x80\xa6" "text."
	    " Cyber attack [number] 000019998 was condemned by many, said the"
	    " text. Cyber attack [number] [000019999] was condemned by"
	    " many\xe2\x80\xa6");
	ASSERT_SNIPPET("number 000010000", "long", "\xe2\x80\xa6" "text."
	    " Cyber attack [number] 000009999 was condemned by many, said the"
	    " text. Cyber attack [number] [000010000] was condemned by"
	    " many\xe2\x80\xa6");
	/* The window with both words wins over the first hit of one. */
	ASSERT_SNIPPET("condemned 000000007", "long", "\xe2\x80\xa6" "attack"
	    " number 000000006 was [condemned] by many, said the text. Cyber"
	    " attack number [000000007] was [condemned] by many, said"
	    " the\xe2\x80\xa6");
	ASSERT_SNIPPET("cyber", "long", "[Cyber] attack number 000000000 was"
	    " condemned by many, said the text. [Cyber] attack number"
	    " 000000001 was condemned by many, said\xe2\x80\xa6");
}
END_TEST

START_TEST(snippet_cuts_huge_tokens_at_characters)
{
	char *text, *p;
	int i;

	/* Words of 3,000 letters, two bytes each, around the hit. */
	ck_assert_ptr_nonnull(text = malloc(13000));
	for (p = text, i = 0; i < 3000; i++)
		p += sprintf(p, "\xc3\xa9");
	p += sprintf(p, " target ");
	for (i = 0; i < 3000; i++)
		p += sprintf(p, "\xc3\xbc");
	add_statement("huge", text);
	free(text);
	/* 120 bytes at most each side, whole characters only. */
	ck_assert_ptr_nonnull(text = malloc(1000));
	p = text + sprintf(text, "\xe2\x80\xa6");
	for (i = 0; i < 59; i++)
		p += sprintf(p, "\xc3\xa9");
	p += sprintf(p, " [target] ");
	for (i = 0; i < 59; i++)
		p += sprintf(p, "\xc3\xbc");
	sprintf(p, "\xe2\x80\xa6");
	ASSERT_SNIPPET("target", "huge", text);
	free(text);
}
END_TEST

START_TEST(snippet_brackets_chinese_words)
{
	/* The text is 17 tokens (CJK bigrams count one each): all shown. */
	ASSERT_SNIPPET("欧盟", "mission", "speculation and \"baseless\""
	    " accusations by the U.S. and 中国驻[欧盟]使团 said so");
	ASSERT_SNIPPET("中国驻", "mission", "speculation and \"baseless\""
	    " accusations by the U.S. and [中国驻]欧盟使团 said so");
	ASSERT_SNIPPET("\"U.S.\" baseless", "mission", "speculation and"
	    " \"[baseless]\" accusations by the [U.S]. and 中国驻欧盟使团 said"
	    " so");
}
END_TEST

START_TEST(search_limit_keeps_rank_and_filters)
{
	struct dm_filter f = { 0 };
	char *all, *top;
	int rc;

	/* The first rows of the whole ranking, cut after the third row. */
	f.text = "cyber";
	ck_assert_ptr_nonnull(all = list(DM_LIST_SEARCH, &f, "csv", &rc,
	    NULL));
	f.limit = 2;
	ck_assert_ptr_nonnull(top = list(DM_LIST_SEARCH, &f, "csv", &rc,
	    NULL));
	ck_assert_int_gt(strlen(top), 0);
	ck_assert_int_lt(strlen(top), strlen(all));
	ck_assert_int_eq(strncmp(all, top, strlen(top)), 0);
	free(all);
	free(top);
	/* The filters still apply before the cut. */
	f.limit = 5;
	ASSERT_IDS(DM_LIST_SEARCH, &f, "claim statement statement ");
	f.actor = "NATO";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "statement ");
	f.actor = NULL;
	f.kinds = "condemn";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "statement statement ");
	f.kinds = NULL;
	f.from = "2022";
	ASSERT_IDS(DM_LIST_SEARCH, &f, "");
}
END_TEST

START_TEST(actors_search_and_counts)
{
	struct dm_filter f = { 0 };
	char *out;
	int rc;

	f.text = "ＷＥＳＴＥＲＮ countries";
	out = list(DM_LIST_ACTORS, &f, "csv", &rc, NULL);
	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, "code,name,kind,parent_code,country,aliases,"
	    "statements,claims_made,claims_received\r\n"
	    "WESTERN-COUNTRIES,Some Western countries,group,,,,0,0,1\r\n");
	free(out);
	f.text = NULL;
	f.actor = "CHN";
	f.kinds = "mission";
	ASSERT_IDS(DM_LIST_ACTORS, &f, "CHN.MISSION-EU ");
}
END_TEST

/*
 * An empty listing: a table and JSON Lines write nothing, a program
 * reading csv or tsv still gets the header row, and json an array.
 */
START_TEST(empty_listing_keeps_its_frame)
{
	struct dm_filter f = { 0 };
	static const char cols[] = "id,date,issuer_code,issuer_name,kind,"
	    "title,url,language,claims,responds_to";
	const char *formats[] = { "table", "csv", "tsv", "json", "jsonl" };
	char want[5][160];
	char *out;
	int64_t n;
	size_t i, j;
	int rc;

	snprintf(want[0], sizeof(want[0]), "%s", "");
	snprintf(want[1], sizeof(want[1]), "%s\r\n", cols);
	snprintf(want[2], sizeof(want[2]), "%s\n", cols);
	for (j = 0; want[2][j] != '\0'; j++)
		if (want[2][j] == ',')
			want[2][j] = '\t';
	snprintf(want[3], sizeof(want[3]), "%s", "[]\n");
	snprintf(want[4], sizeof(want[4]), "%s", "");
	f.from = "1999";
	f.to = "1999";
	for (i = 0; i < 5; i++) {
		out = list(DM_LIST_STATEMENTS, &f, formats[i], &rc, &n);
		ck_assert_ptr_nonnull(out);
		ck_assert_int_eq(n, 0);
		ck_assert_str_eq(out, want[i]);
		free(out);
	}
}
END_TEST

/* Fails when plan reads every row of table (a SCAN with no index). */
static void
assert_no_full_scan(const char *plan, const char *table)
{
	const char *p;
	size_t n = strlen(table);

	for (p = plan; (p = strstr(p, "SCAN ")) != NULL; p += 5) {
		if (strncmp(p + 5, table, n) != 0 || (p[5 + n] != ' ' &&
		    p[5 + n] != '\n' && p[5 + n] != '\0'))
			continue;
		ck_assert_msg(strncmp(p + 5 + n, " USING", 6) == 0,
		    "full scan of %s:\n%s", table, plan);
	}
}

/* Fails unless plan has step. */
#define ASSERT_PLAN_HAS(plan, step)					\
	ck_assert_msg(strstr(plan, step) != NULL, "no '%s' in:\n%s", step, plan)

/* What an actor issued and claimed within dates, by actor and day. */
#define ISSUED_IN_RANGE	"statements_issuer (issuer_id=? AND date_lo>? AND"	\
	" date_lo<?)"
#define CLAIMED_IN_RANGE "claims_by_date (by_id=? AND statement_lo>? AND"	\
	" statement_lo<?)"

START_TEST(actor_and_date_filters_use_indexes)
{
	struct dm_filter f = { 0 };
	enum dm_listing what[] = { DM_LIST_STATEMENTS, DM_LIST_CLAIMS,
	    DM_LIST_WHO };
	struct db_stmt *st;
	char *plan;
	size_t i;

	f.actor = "CHN";
	f.from = "2021-07";
	f.to = "2021-08";
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(query_prepare(a, what[i], &f, &st), 0);
		ck_assert_int_eq(db_explain(a->db, &plan, db_sql(st)), 0);
		assert_no_full_scan(plan, "claims");
		assert_no_full_scan(plan, "s");
		assert_no_full_scan(plan, "statements");
		/* The actor's descendants come from the code index. */
		ASSERT_PLAN_HAS(plan, "sqlite_autoindex_actors_1 "
		    "(code>? AND code<?)");
		/* Statements and claims are found by actor and date, not
		 * by date alone. */
		if (what[i] != DM_LIST_WHO) {
			ASSERT_PLAN_HAS(plan, ISSUED_IN_RANGE);
			ASSERT_PLAN_HAS(plan, CLAIMED_IN_RANGE);
			ck_assert_msg(strstr(plan, "statements_date") == NULL,
			    "%s", plan);
		}
		free(plan);
		db_finalize(st);
	}
	f.actor = NULL;
	f.by = "CHN";
	ck_assert_int_eq(query_prepare(a, DM_LIST_CLAIMS, &f, &st), 0);
	ck_assert_int_eq(db_explain(a->db, &plan, db_sql(st)), 0);
	ASSERT_PLAN_HAS(plan, CLAIMED_IN_RANGE);
	ck_assert_msg(strstr(plan, "statements_date") == NULL, "%s", plan);
	free(plan);
	db_finalize(st);
	/* The check itself sees a scan. */
	ck_assert_int_eq(db_explain(a->db, &plan, "SELECT * FROM claims "
	    "WHERE summary = 'x'"), 0);
	ck_assert_ptr_nonnull(strstr(plan, "SCAN claims"));
	free(plan);
}
END_TEST

static char *
thread(const char *id, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	*rc = dm_thread(a, id, fp);
	fclose(fp);
	return buf;
}

START_TEST(thread_follows_links_both_ways)
{
	char *out;
	int rc;

	out = thread("eu", &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out,
	    "2021-07-19  EU.HRVP  eu  Declaration on behalf of the EU\n"
	    "  - accuse -> CHN: cyber, from China\n"
	    "  answered by:\n"
	    "    2021-07-19  CHN.MISSION-EU  mission  Spokesperson's "
	    "response\n"
	    "      - reject -> EU, NATO: rejects\n"
	    "      - accuse -> WESTERN-COUNTRIES: eavesdropping\n"
	    "      - assert by CHN.CNCERT: 5.31 million\n");
	free(out);
	out = thread("mission", &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(strstr(out, "  responds to:\n"
	    "    2021-07-19  EU.HRVP  eu  Declaration on behalf of the EU\n"
	    "      - accuse -> CHN: cyber, from China\n"
	    "    2021-07-19  NATO.NAC  nato  Statement by the North Atlantic "
	    "Council\n"
	    "      - condemn -> CHN: condemns\n"
	    "    not-imported  (missing: not in the archive)\n"));
	ck_assert_ptr_null(strstr(out, "answered by"));
	free(out);
	out = thread("month", &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(strstr(out, "month  (a loop: shown above)"));
	free(out);
	out = thread("nobody", &rc);
	ck_assert_int_eq(rc, DM_ENOTFOUND);
	ck_assert_str_eq(dm_error_last(), "no statement 'nobody'");
	free(out);
}
END_TEST

static char *
export(enum dm_listing what, const struct dm_filter *f, const char *format,
    const char *path, int *rc)
{
	struct dm_output out;
	char *buf = NULL;
	size_t len = 0;
	int64_t n;

	out.fp = open_memstream(&buf, &len);
	out.format = format;
	out.flags = 0;
	*rc = dm_export(a, what, f, &out, path, &n);
	fclose(out.fp);
	return buf;
}

START_TEST(export_writes_the_input_format)
{
	struct dm_filter f = { 0 };
	char *out;
	int rc;

	f.actor = "CHN.MISSION-EU";
	out = export(DM_LIST_STATEMENTS, &f, "jsonl", NULL, &rc);
	ck_assert_int_eq(rc, 0);
	/* by only where not the issuer, cameo only where not the kind's. */
	ck_assert_str_eq(out,
	    "{\"actors\":[{\"code\":\"WESTERN-COUNTRIES\",\"name\":\"Some "
	    "Western countries\",\"kind\":\"group\"}]}\n"
	    "{\"id\":\"mission\",\"issuer\":\"CHN.MISSION-EU\",\"date\":"
	    "\"2021-07-19\",\"title\":\"Spokesperson's response\",\"text\":"
	    "\"speculation and \\\"baseless\\\" accusations by the U.S. and "
	    "中国驻欧盟使团 said so\",\"language\":\"en\",\"kind\":\"remarks\","
	    "\"responds_to\":[\"eu\",\"nato\",\"not-imported\"],\"claims\":["
	    "{\"kind\":\"reject\",\"target\":[\"EU\",\"NATO\"],\"summary\":"
	    "\"rejects\"},"
	    "{\"kind\":\"accuse\",\"target\":[\"WESTERN-COUNTRIES\"],"
	    "\"topics\":[\"espionage\"],\"summary\":\"eavesdropping\","
	    "\"cameo\":\"1125\"},"
	    "{\"kind\":\"assert\",\"by\":\"CHN.CNCERT\",\"summary\":"
	    "\"5.31 million\"}]}\n");
	free(out);
}
END_TEST

START_TEST(export_to_file_is_whole_or_nothing)
{
	struct dm_filter f = { 0 };
	char path[] = "/tmp/check_query.XXXXXX";
	char buf[128];
	FILE *fp;
	char *out;
	int fd, rc;

	ck_assert_int_ge(fd = mkstemp(path), 0);
	ck_assert_int_eq(write(fd, "old\n", 4), 4);
	close(fd);
	f.actor = "NOBODY";
	out = export(DM_LIST_CLAIMS, &f, "csv", path, &rc);
	ck_assert_int_eq(rc, DM_ENOTFOUND);
	free(out);
	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), fp));
	ck_assert_str_eq(buf, "old\n");
	fclose(fp);
	/* An export with no row still has its header. */
	f.actor = NULL;
	f.from = f.to = "1999";
	out = export(DM_LIST_STATEMENTS, &f, NULL, path, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "");
	free(out);
	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), fp));
	ck_assert_str_eq(buf, "id,date,issuer_code,issuer_name,kind,title,"
	    "url,language,claims,responds_to\r\n");
	ck_assert_ptr_null(fgets(buf, sizeof(buf), fp));
	fclose(fp);
	unlink(path);
}
END_TEST

/*
 * n packed rows of who, of many widths: names wide and missing, dates at
 * each precision, lists long and missing.
 */
static const char packed_rows[] =
    "WITH RECURSIVE n(i) AS (SELECT 1 WHERE ?1 > 0 UNION ALL SELECT i + 1"
    " FROM n WHERE i < ?1) SELECT " WHO_PACK("('A' || (i % 37))") " || "
    WHO_PACK("CASE WHEN i % 11 = 0 THEN NULL WHEN i % 5 = 0"
	" THEN '中国驻欧盟使团' || (i % 7) ELSE 'Actor ' || (i % 37) END")
    " || " WHO_PACK("('B' || (i % 41))") " || "
    WHO_PACK("('Target ' || substr('xxxxxxxxxxxxxxxxxxxx', 1, i % 20))")
    " || " WHO_PACK("(?1 - i + 1)") " || "
    WHO_PACK("((?1 - i) / 2 + 1)")
    " || " WHO_PACK("substr('2021-07-19', 1, 4 + 3 * (i % 3))") " || "
    WHO_PACK("substr('2024-12-31', 1, 4 + 3 * ((i + 1) % 3))") " || "
    WHO_PACK("CASE WHEN i % 2 THEN 'accuse' || char(31) || 'condemn'"
	" ELSE 'criticize' END") " || "
    WHO_PACK("CASE WHEN i % 13 = 0 THEN NULL ELSE substr(replace("
	"'sanctions,cyber,人权,hong-kong,trade,taiwan,space,5g,', ',',"
	" char(31)), 1, 1 + i % 40) END")
    " FROM n ORDER BY i";

/* The table of n packed rows as who_table() writes it, or as stored. */
static char *
packed_table(struct db *db, int64_t n, unsigned flags, int threaded,
    int64_t *nrows)
{
	const struct out_column *cols;
	struct db_stmt *st;
	struct query_row r = { 0 };
	struct out *o;
	FILE *fp;
	char *text = NULL;
	size_t len, ncols;

	*nrows = 0;
	cols = query_columns(DM_LIST_WHO, &ncols);
	ck_assert_int_eq(db_prepare(db, &st, packed_rows), 0);
	ck_assert_int_eq(db_bind_int(st, 1, n), 0);
	ck_assert_ptr_nonnull(fp = open_memstream(&text, &len));
	ck_assert_int_eq(out_new(&o, fp, OUT_TABLE, cols, ncols, flags), 0);
	if (threaded)
		ck_assert_int_eq(who_table(st, o, flags, nrows), 0);
	else
		for (; db_step(st) == DB_ROW; (*nrows)++) {
			ck_assert_int_eq(query_row(st, DM_LIST_WHO, &r), 0);
			ck_assert_int_eq(out_row(o, r.cell), 0);
		}
	ck_assert_int_eq(out_finish(o), 0);
	out_free(o);
	query_row_free(&r);
	db_finalize(st);
	fclose(fp);
	return text;
}

/*
 * who's table, written by two threads in blocks of rows from chunks,
 * comes out as the table writer stores and prints the same rows: for
 * counts about a block of 512 rows, and rows enough for three chunks.
 */
START_TEST(packed_table_is_the_stored_table)
{
	static const int64_t counts[] = { 0, 1, 511, 512, 513, 1024, 1025,
	    1537, 3000, 60000 };
	struct db *db;
	char *want, *got;
	int64_t nwant, ngot;
	size_t i;

	ck_assert_int_eq(db_open(&db, NULL, DB_MEMORY, 0), 0);
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		want = packed_table(db, counts[i], 0, 0, &nwant);
		got = packed_table(db, counts[i], 0, 1, &ngot);
		ck_assert_int_eq(nwant, counts[i]);
		ck_assert_int_eq(ngot, counts[i]);
		ck_assert_str_eq(got, want);
		free(want);
		free(got);
	}
	want = packed_table(db, 1100, OUT_TRUNCATE, 0, &nwant);
	got = packed_table(db, 1100, OUT_TRUNCATE, 1, &ngot);
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
	db_close(db);
}
END_TEST

/* A row that does not unpack stops the table, with nothing written. */
START_TEST(packed_table_refuses_a_bad_row)
{
	const struct out_column *cols;
	struct db *db;
	struct db_stmt *st;
	struct out *o;
	FILE *fp;
	char *text = NULL;
	size_t len, ncols;
	int64_t n;

	ck_assert_int_eq(db_open(&db, NULL, DB_MEMORY, 0), 0);
	ck_assert_int_eq(db_prepare(db, &st, "WITH RECURSIVE n(i) AS"
	    " (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
	    " SELECT CASE WHEN i = 4000 THEN '1:x,' ELSE"
	    " '1:a,-,1:b,-,1:1,1:1,-,-,-,-,' END FROM n"), 0);
	cols = query_columns(DM_LIST_WHO, &ncols);
	ck_assert_ptr_nonnull(fp = open_memstream(&text, &len));
	ck_assert_int_eq(out_new(&o, fp, OUT_TABLE, cols, ncols, 0), 0);
	ck_assert_int_ne(who_table(st, o, 0, &n), 0);
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "is not 10 packed"));
	out_free(o);
	fclose(fp);
	ck_assert_uint_eq(len, 0);
	free(text);
	db_finalize(st);
	db_close(db);
}
END_TEST

static Suite *
query_suite(void)
{
	Suite *s = suite_create("query");
	TCase *tc = tcase_create("query");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, actor_includes_descendants_unless_exact);
	tcase_add_test(tc, partial_dates_are_never_made_days);
	tcase_add_test(tc, actor_with_dates_issuer_or_claimant);
	tcase_add_test(tc, bad_filters_are_refused);
	tcase_add_test(tc, claims_one_row_per_target);
	tcase_add_test(tc, who_counts_accusations);
	tcase_add_test(tc, who_mutual_needs_rollup_here);
	tcase_add_test(tc, search_takes_text_literally);
	tcase_add_test(tc, raw_search_passes_syntax);
	tcase_add_test(tc, snippet_of_a_long_text_is_short);
	tcase_add_test(tc, snippet_cuts_huge_tokens_at_characters);
	tcase_add_test(tc, snippet_brackets_chinese_words);
	tcase_add_test(tc, search_limit_keeps_rank_and_filters);
	tcase_add_test(tc, actors_search_and_counts);
	tcase_add_test(tc, empty_listing_keeps_its_frame);
	tcase_add_test(tc, actor_and_date_filters_use_indexes);
	tcase_add_test(tc, thread_follows_links_both_ways);
	tcase_add_test(tc, export_writes_the_input_format);
	tcase_add_test(tc, export_to_file_is_whole_or_nothing);
	tcase_add_test(tc, packed_table_refuses_a_bad_row);
	suite_add_tcase(s, tc);
	/*
	 * Some 125,000 rows through the table writer, twice, with no archive
	 * to set up: seconds alone, but near Check's 120 s (CK_DEFAULT_TIMEOUT
	 * of tests/CMakeLists.txt) in the sanitizer build on a loaded machine.
	 */
	tc = tcase_create("three chunks");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, packed_table_is_the_stored_table);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(query_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
