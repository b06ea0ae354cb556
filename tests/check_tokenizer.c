#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <libstemmer.h>
#include <sqlite3.h>

#include "check_sql.h"
#include "db_tokenizer.h"

static sqlite3 *db;
static fts5_api *api;

static const char *docs[] = {
	"中国驻欧盟使团",
	"États-Unis",
	"The accusations are Baseless, the Mission said.",
	"EU欧盟2021年",
	"The U.S. and its allies",
	"日本の外務省は声明を発表した",
	"외교부는 성명을 발표했다",
	"中华人民共和国",
	"Министерство иностранных дел России",
	"Their ambitions present systemic challenges; the Council sanctioned"
	    " them.",
	"A challenge to the system, and a sanction.",
};

#define NDOCS	(sizeof(docs) / sizeof(docs[0]))

/* The archive's layout: an external-content table filled by rebuild. */
static void
setup(void)
{
	sqlite3_stmt *stmt;
	size_t i;

	db = check_open_fts(&api);
	check_exec(db, "CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT);"
	    "CREATE VIRTUAL TABLE t USING fts5(body, content='docs',"
	    " content_rowid='id', tokenize='demarche');");
	ck_assert_int_eq(sqlite3_prepare_v2(db,
	    "INSERT INTO docs(id, body) VALUES (?1, ?2)", -1, &stmt, NULL),
	    SQLITE_OK);
	for (i = 0; i < NDOCS; i++) {
		sqlite3_bind_int(stmt, 1, (int)i + 1);
		sqlite3_bind_text(stmt, 2, docs[i], -1, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(stmt), SQLITE_DONE);
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	check_exec(db, "INSERT INTO t(t) VALUES ('rebuild')");
}

static void
teardown(void)
{
	check_close(&db);
}

/* Rowids matching query, as "1,4". */
static const char *
hits(const char *query)
{
	static char out[256];
	sqlite3_stmt *stmt;
	size_t n;
	int rc;

	out[0] = '\0';
	n = 0;
	ck_assert_int_eq(sqlite3_prepare_v2(db,
	    "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1, &stmt,
	    NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, query, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%lld",
		    n > 0 ? "," : "", sqlite3_column_int64(stmt, 0));
	ck_assert_msg(rc == SQLITE_DONE, "%s: %s", query, sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return out;
}

/* highlight() of row rowid for query, brackets around matches. */
static const char *
hl(int rowid, const char *query)
{
	static char out[512];
	sqlite3_stmt *stmt;

	out[0] = '\0';
	ck_assert_int_eq(sqlite3_prepare_v2(db,
	    "SELECT highlight(t, 0, '[', ']') FROM t"
	    " WHERE t MATCH ?1 AND rowid = ?2", -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, rowid);
	ck_assert_msg(sqlite3_step(stmt) == SQLITE_ROW, "%s: %s", query,
	    sqlite3_errmsg(db));
	snprintf(out, sizeof(out), "%s", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return out;
}

/* Calls the registered tokenizer directly. */

struct toks {
	char	 out[1024];
	size_t	 n;
	int	 offsets;	/* append "@start-end" to each token */
	int	 len;		/* of the text, to check offsets */
	int	 prev_start;
};

static int
collect(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
	struct toks *tk = ctx;

	ck_assert_msg(tk->n > 0 || !(tflags & FTS5_TOKEN_COLOCATED),
	    "first token colocated");
	ck_assert_int_ge(start, tk->prev_start);
	ck_assert_int_lt(start, end);
	ck_assert_int_le(end, tk->len);
	ck_assert_int_gt(ntok, 0);
	tk->prev_start = start;
	if (tk->n >= sizeof(tk->out))
		return SQLITE_OK;
	tk->n += (size_t)snprintf(tk->out + tk->n, sizeof(tk->out) - tk->n,
	    "%s%s%.*s", tk->n > 0 ? " " : "",
	    (tflags & FTS5_TOKEN_COLOCATED) ? "+" : "", ntok, tok);
	if (tk->offsets && tk->n < sizeof(tk->out))
		tk->n += (size_t)snprintf(tk->out + tk->n,
		    sizeof(tk->out) - tk->n, "@%d-%d", start, end);
	return SQLITE_OK;
}

static void
tokenize_into(struct toks *tk, int flags, const char *text, int len)
{
	fts5_tokenizer tokenizer;
	Fts5Tokenizer *handle;
	void *ctx;

	ck_assert_int_eq(api->xFindTokenizer(api, "demarche", &ctx,
	    &tokenizer), SQLITE_OK);
	ck_assert_int_eq(tokenizer.xCreate(ctx, NULL, 0, &handle), SQLITE_OK);
	tk->out[0] = '\0';
	tk->n = 0;
	tk->len = len;
	tk->prev_start = 0;
	ck_assert_int_eq(tokenizer.xTokenize(handle, tk, flags, text, len,
	    collect), SQLITE_OK);
	tokenizer.xDelete(handle);
}

/* Tokens of text, colocated ones marked "+". */
static const char *
tokens(int flags, const char *text)
{
	static struct toks tk;

	tk.offsets = 0;
	tokenize_into(&tk, flags, text, (int)strlen(text));
	return tk.out;
}

static const char *
tokens_at(int flags, const char *text)
{
	static struct toks tk;

	tk.offsets = 1;
	tokenize_into(&tk, flags, text, (int)strlen(text));
	return tk.out;
}

#define DOC	FTS5_TOKENIZE_DOCUMENT
#define QUERY	FTS5_TOKENIZE_QUERY
/* A prefix query, whose words are taken as written. */
#define EXACT	(FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX)

START_TEST(test_cjk_words)
{
	ck_assert_str_eq(hits("欧盟"), "1,4");
	ck_assert_str_eq(hits("使团"), "1");
	ck_assert_str_eq(hits("中国驻"), "1");
	ck_assert_str_eq(hits("美国"), "");
	ck_assert_str_eq(hits("中国驻美国"), "");
}
END_TEST

START_TEST(test_cjk_one_char)
{
	ck_assert_str_eq(hits("驻"), "1");
	ck_assert_str_eq(hits("华"), "8");
	/* the last character of a run has no bigram of its own */
	ck_assert_str_eq(hits("团"), "1");
	ck_assert_str_eq(hits("国"), "1,8");
	ck_assert_str_eq(hits("年"), "4");
	ck_assert_str_eq(hits("美"), "");
}
END_TEST

START_TEST(test_cjk_phrase)
{
	ck_assert_str_eq(hits("\"欧盟使团\""), "1");
	ck_assert_str_eq(hits("欧盟使团"), "1");
	ck_assert_str_eq(hits("\"使团欧盟\""), "");
	ck_assert_str_eq(hits("\"EU 欧盟\""), "4");
	ck_assert_str_eq(hits("\"欧盟 2021\""), "4");
	ck_assert_str_eq(hits("\"EU 2021\""), "");
	ck_assert_str_eq(hits("\"盟 2021\""), "4");
}
END_TEST

START_TEST(test_latin)
{
	ck_assert_str_eq(hits("etats"), "2");
	ck_assert_str_eq(hits("ÉTATS"), "2");
	ck_assert_str_eq(hits("unis"), "2");
	ck_assert_str_eq(hits("baseless"), "3");
	ck_assert_str_eq(hits("mission"), "3");
	ck_assert_str_eq(hits("base"), "");
	ck_assert_str_eq(hits("EU"), "4");
	ck_assert_str_eq(hits("ＥＵ"), "4");
	ck_assert_str_eq(hits("2021"), "4");
	ck_assert_str_eq(hits("россии"), "9");
	ck_assert_str_eq(hits("РОССИИ"), "9");
}
END_TEST

START_TEST(test_abbreviation)
{
	ck_assert_str_eq(hits("\"u s\""), "5");
	ck_assert_str_eq(hits("\"U.S.\""), "5");
	ck_assert_str_eq(hits("\"s u\""), "");
}
END_TEST

START_TEST(test_japanese_korean)
{
	ck_assert_str_eq(hits("外務省"), "6");
	ck_assert_str_eq(hits("声明"), "6");
	ck_assert_str_eq(hits("の"), "6");
	ck_assert_str_eq(hits("外務大臣"), "");
	ck_assert_str_eq(hits("외교부"), "7");
	ck_assert_str_eq(hits("성명"), "7");
	ck_assert_str_eq(hits("통일부"), "");
}
END_TEST

START_TEST(test_highlight)
{
	ck_assert_str_eq(hl(1, "欧盟"), "中国驻[欧盟]使团");
	ck_assert_str_eq(hl(1, "\"欧盟使团\""), "中国驻[欧盟使团]");
	/* a single character is marked with the bigram at its position */
	ck_assert_str_eq(hl(1, "驻"), "中国[驻欧]盟使团");
	ck_assert_str_eq(hl(2, "etats"), "[États]-Unis");
	ck_assert_str_eq(hl(3, "baseless"),
	    "The accusations are [Baseless], the Mission said.");
	ck_assert_str_eq(hl(4, "EU"), "[EU]欧盟2021年");
	ck_assert_str_eq(hl(4, "欧盟"), "EU[欧盟]2021年");
	ck_assert_str_eq(hl(4, "2021"), "EU欧盟[2021]年");
	ck_assert_str_eq(hl(4, "年"), "EU欧盟2021[年]");
	ck_assert_str_eq(hl(5, "\"U.S.\""), "The [U.S]. and its allies");
	ck_assert_str_eq(hl(6, "外務省"), "日本の[外務省]は声明を発表した");
	ck_assert_str_eq(hl(7, "외교부"), "[외교부]는 성명을 발표했다");
}
END_TEST

START_TEST(test_token_list)
{
	const char *s = "EU欧盟2021年 États-Unis, U.S. 中国驻欧盟使团";

	ck_assert_str_eq(tokens(DOC, s),
	    "eu 欧盟 +欧 +盟 2021 年 etats +~etat unis +~uni u s "
	    "中国 +中 国驻 +国 驻欧 +驻 欧盟 +欧 盟使 +盟 使团 +使 +团");
	/* the words and their positions, without the stems */
	ck_assert_str_eq(tokens(FTS5_TOKENIZE_AUX, s),
	    "eu 欧盟 +欧 +盟 2021 年 etats unis u s "
	    "中国 +中 国驻 +国 驻欧 +驻 欧盟 +欧 盟使 +盟 使团 +使 +团");
	ck_assert_str_eq(tokens(QUERY, s),
	    "eu 欧盟 ~2021 +2021 年 ~etat +etat ~uni +uni u s "
	    "中国 国驻 驻欧 欧盟 盟使 使团");
	ck_assert_str_eq(tokens(EXACT, s),
	    "eu 欧盟 2021 年 etats unis u s 中国 国驻 驻欧 欧盟 盟使 使团");
}
END_TEST

START_TEST(test_offsets)
{
	ck_assert_str_eq(tokens_at(QUERY, "Baseless, 欧盟!"),
	    "~baseless@0-8 +baseless@0-8 欧盟@10-16");
	ck_assert_str_eq(tokens_at(DOC, "À 中国"),
	    "a@0-2 中国@3-9 +中@3-6 +国@6-9");
	ck_assert_str_eq(tokens_at(DOC, "e\u0301te\u0301"), "ete@0-7");
}
END_TEST

START_TEST(test_folding)
{
	ck_assert_str_eq(tokens(EXACT, "STRASSE Straße"), "strasse strasse");
	ck_assert_str_eq(tokens(EXACT, "e\u0301tats \u00C9TATS"),
	    "etats etats");
	ck_assert_str_eq(tokens(EXACT, "ＥＵ ２０２１"), "eu 2021");
	ck_assert_str_eq(tokens(EXACT, "Ελλάδα ΕΛΛΆΔΑ"), "ελλαδα ελλαδα");
	ck_assert_str_eq(tokens(EXACT, "co\u00ADoperation"), "cooperation");
	ck_assert_str_eq(tokens(EXACT, "a\u200Bb"), "a b");
	/* Arabic: vowel points and hamza go, as accents do */
	ck_assert_str_eq(tokens(EXACT, "أَمْرِيكَا"), "امريكا");
	/* Devanagari vowel signs spell the word and stay */
	ck_assert_str_eq(tokens(EXACT, "भारत"), "भारत");
	ck_assert_str_eq(tokens(EXACT, "कम काम"), "कम काम");
}
END_TEST

START_TEST(test_cjk_forms)
{
	/* halfwidth katakana with a separate voiced mark */
	ck_assert_str_eq(tokens(QUERY, "ｶﾞｽ"), "ガス");
	/* Hangul in NFD (conjoining jamo) */
	ck_assert_str_eq(tokens(QUERY,
	    "\u1112\u1161\u11AB\u1100\u116E\u11A8"), "한국");
	/* kana with a combining voiced mark */
	ck_assert_str_eq(tokens(QUERY, "か\u3099す"), "がす");
	/* compatibility ideograph, variation selector */
	ck_assert_str_eq(tokens(QUERY, "\uF900"), "\u8C48");
	ck_assert_str_eq(tokens(QUERY, "葛\U000E0100城"), "葛城");
	/* extension B */
	ck_assert_str_eq(tokens(QUERY, "\U00020000\U00020001"),
	    "\U00020000\U00020001");
	ck_assert_str_eq(tokens(QUERY, "人々"), "人々");
	ck_assert_str_eq(tokens(QUERY, "ジョー・バイデン"),
	    "ジョ ョー バイ イデ デン");
	ck_assert_str_eq(tokens(QUERY, "中国、欧盟。"), "中国 欧盟");
	ck_assert_str_eq(tokens(DOC, "华"), "华");
}
END_TEST

/*
 * English words are also indexed by their stem, apart from the words as
 * written; a query finds every form of its words, a string that starts
 * with DB_FTS_EXACT and a prefix only the words as written.
 */
START_TEST(test_stems)
{
	ck_assert_str_eq(tokens(DOC, "Systemic challenges, a sanction"),
	    "systemic +~system challenges +~challeng a sanction");
	ck_assert_str_eq(tokens(QUERY, "challenges sanction"),
	    "~challeng +challeng ~sanction +sanction");
	ck_assert_str_eq(tokens(QUERY, "=Challenges"), "challenges");
	ck_assert_str_eq(hits("challenge"), "10,11");
	ck_assert_str_eq(hits("\"systemic challenge\""), "10");
	ck_assert_str_eq(hits("sanctions"), "10,11");
	ck_assert_str_eq(hits("ambition"), "10");
	ck_assert_str_eq(hits("\"=systemic challenges\""), "10");
	ck_assert_str_eq(hits("\"=systemic challenge\""), "");
	ck_assert_str_eq(hits("\"=challenge\""), "11");
	ck_assert_str_eq(hits("\"=sanction\""), "11");
	ck_assert_str_eq(hits("sanction*"), "10,11");
	ck_assert_str_eq(hits("challenges*"), "10");
	/* the stem is not a word of the text */
	ck_assert_str_eq(hits("challeng"), "10,11");
	ck_assert_str_eq(hits("\"=challeng\""), "");
	ck_assert_str_eq(hl(10, "challenge"), "Their ambitions present "
	    "systemic [challenges]; the Council sanctioned them.");
	/* other scripts and CJK are left as they are */
	ck_assert_str_eq(tokens(QUERY, "России 欧盟"), "россии 欧盟");
	check_exec(db, "INSERT INTO t(t) VALUES ('integrity-check')");
}
END_TEST

/* Tokens appended to a buffer that grows, colocated ones marked "+". */
struct sink {
	char	*s;
	size_t	 n, cap;
};

static void
sink_add(struct sink *k, const char *prefix, const char *tok, int ntok)
{
	size_t need = k->n + strlen(prefix) + (size_t)ntok + 2;

	if (need > k->cap) {
		k->cap = need * 2;
		k->s = realloc(k->s, k->cap);
		ck_assert_ptr_nonnull(k->s);
	}
	k->n += (size_t)snprintf(k->s + k->n, k->cap - k->n, "%s%s%.*s",
	    k->n > 0 ? " " : "", prefix, ntok, tok);
}

static int
sink_token(void *ctx, int tflags, const char *tok, int ntok, int start,
    int end)
{
	(void)start;
	(void)end;
	sink_add(ctx, (tflags & FTS5_TOKEN_COLOCATED) ? "+" : "", tok, ntok);
	return SQLITE_OK;
}

/*
 * The tokenizer remembers the stems of the words it met: a text of more
 * distinct words than it keeps, some too long to be kept, gives the
 * stems Snowball gives, the first time and again from the same
 * tokenizer, whose slots then hold other words.
 */
START_TEST(test_stems_remembered)
{
	static const char *const suffix[] = {
		"", "s", "ing", "ed", "ation", "ness", "ly", "ies",
		"izationally", "fulnessizations",
	};
	struct sink text = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	struct sink got = { NULL, 0, 0 };
	struct sb_stemmer *sb;
	fts5_tokenizer tokenizer;
	Fts5Tokenizer *handle;
	const sb_symbol *st;
	char w[32];
	void *ctx;
	int i, j, n, pass;

	sb = sb_stemmer_new("english", "UTF_8");
	ck_assert_ptr_nonnull(sb);
	for (i = 0; i < 1200; i++)
		for (j = 0; j < 10; j++) {
			n = snprintf(w, sizeof(w), "%c%c%c%s",
			    'a' + i % 26, 'a' + i / 26 % 26, "aeiou"[i / 676],
			    suffix[(i + j) % 10]);
			sink_add(&text, "", w, n);
			sink_add(&want, "", w, n);
			if (n < 3)
				continue;
			st = sb_stemmer_stem(sb, (const sb_symbol *)w, n);
			ck_assert_ptr_nonnull(st);
			if (sb_stemmer_length(sb) != n ||
			    memcmp(st, w, (size_t)n) != 0) {
				snprintf(w, sizeof(w), "~%.*s",
				    sb_stemmer_length(sb), (const char *)st);
				sink_add(&want, "+", w, (int)strlen(w));
			}
		}
	sb_stemmer_delete(sb);
	ck_assert_int_eq(api->xFindTokenizer(api, "demarche", &ctx,
	    &tokenizer), SQLITE_OK);
	ck_assert_int_eq(tokenizer.xCreate(ctx, NULL, 0, &handle), SQLITE_OK);
	for (pass = 0; pass < 2; pass++) {
		got.n = 0;
		ck_assert_int_eq(tokenizer.xTokenize(handle, &got, DOC,
		    text.s, (int)text.n, sink_token), SQLITE_OK);
		ck_assert_uint_eq(got.n, want.n);
		ck_assert_msg(strcmp(got.s, want.s) == 0, "pass %d", pass);
	}
	tokenizer.xDelete(handle);
	free(text.s);
	free(want.s);
	free(got.s);
}
END_TEST

START_TEST(test_invalid_bytes)
{
	static const char bad[] = "\xff\xfe\xc0\x80\xed\xa0\x80\xf4\x90\x80"
	    "\x80\xe4\xb8\xff\x80\xbf\xf8\x88\x80\x80\x80";
	sqlite3_stmt *stmt;

	ck_assert_str_eq(tokens(DOC, bad), "");
	ck_assert_str_eq(tokens(DOC, "ab\xff" "cd\xc0\x80" "ef\xed\xa0\x80"
	    "gh"), "ab cd ef gh");
	ck_assert_str_eq(tokens(DOC, "中\xff国"), "中 国");
	/* a character cut short at the end of the text */
	ck_assert_str_eq(tokens(DOC, "中国\xe4\xb8"), "中国 +中 +国");
	ck_assert_str_eq(tokens(DOC, "ab\xe4"), "ab");

	ck_assert_int_eq(sqlite3_prepare_v2(db,
	    "INSERT INTO docs(id, body) VALUES (?1, ?2)", -1, &stmt, NULL),
	    SQLITE_OK);
	sqlite3_bind_int(stmt, 1, 100);
	sqlite3_bind_text(stmt, 2, bad, (int)sizeof(bad) - 1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_DONE);
	sqlite3_reset(stmt);
	sqlite3_bind_int(stmt, 1, 101);
	sqlite3_bind_text(stmt, 2, "x\xffzz\xe4\xb8", -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_DONE);
	sqlite3_finalize(stmt);
	check_exec(db, "INSERT INTO t(t) VALUES ('rebuild');"
	    "INSERT INTO t(t) VALUES ('integrity-check')");
	ck_assert_str_eq(hits("zz"), "101");
	ck_assert_str_eq(hits("欧盟"), "1,4");
}
END_TEST

/*
 * Random byte strings built from pieces of UTF-8: every token must lie
 * inside the text (checked in collect), and the index must stay
 * consistent with its content.
 */
START_TEST(test_random_bytes)
{
	static const char *const piece[] = {
		"a", "Z", "9", " ", ".", "\xc3", "\xa9", "\x80", "\xe4",
		"\xb8", "\xad", "\xff", "\xf0", "\x9f", "e\u0301", "中",
		"欧盟", "ｶﾞ", "\u1100", "\u1161", "\u3099", "\u00AD",
		"\U00020000", "\xed\xa0\x80", "\0",
	};
	struct toks tk;
	sqlite3_stmt *stmt;
	char text[128];
	unsigned int seed;
	size_t n, len;
	int i;

	seed = 12345;
	check_exec(db, "CREATE VIRTUAL TABLE r USING fts5(body, tokenize='demarche')");
	ck_assert_int_eq(sqlite3_prepare_v2(db,
	    "INSERT INTO r(body) VALUES (?1)", -1, &stmt, NULL), SQLITE_OK);
	tk.offsets = 1;
	for (i = 0; i < 3000; i++) {
		len = 0;
		while (len < 100) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 16 == 0)
				break;
			seed = seed * 1103515245u + 12345u;
			n = (seed >> 16) % (sizeof(piece) / sizeof(piece[0]));
			if (n == sizeof(piece) / sizeof(piece[0]) - 1)
				text[len++] = '\0';
			else {
				memcpy(text + len, piece[n], strlen(piece[n]));
				len += strlen(piece[n]);
			}
		}
		tokenize_into(&tk, DOC, text, (int)len);
		tokenize_into(&tk, QUERY, text, (int)len);
		sqlite3_bind_text(stmt, 1, text, (int)len, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(stmt), SQLITE_DONE);
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	check_exec(db, "INSERT INTO r(r) VALUES ('integrity-check')");
}
END_TEST

/*
 * Tokens made ahead, on a tokenizer of their own, are what FTS5's
 * tokenizer gives the same text, offsets and all; FTS5's tokenizer
 * passes them on for a document equal to theirs, in order, and
 * tokenizes any other text itself.
 */
START_TEST(test_tokens_ahead)
{
	struct db_tokenizer *tz;
	struct db_tokens tk[2];
	char want[1024], copy[256];
	size_t i;

	tz = db_tokenizer_new();
	ck_assert_ptr_nonnull(tz);
	for (i = 0; i < NDOCS; i++) {
		snprintf(want, sizeof(want), "%s", tokens_at(DOC, docs[i]));
		/* Another copy of the text: equal, not the same bytes. */
		snprintf(copy, sizeof(copy), "%s", docs[i]);
		ck_assert_int_eq(db_tokens_make(tz, copy, (int)strlen(copy),
		    &tk[0]), 0);
		db_tokens_ahead(tk, 1);
		ck_assert_str_eq(tokens_at(DOC, docs[i]), want);
		/* Used once: the same text again is tokenized. */
		ck_assert_str_eq(tokens_at(DOC, docs[i]), want);
		db_tokens_ahead(NULL, 0);
		db_tokens_free(&tk[0]);
	}
	/* Tokens given for "alpha" stand for "omega", whose text they name. */
	ck_assert_int_eq(db_tokens_make(tz, "alpha", 5, &tk[0]), 0);
	ck_assert_int_eq(db_tokens_make(tz, "challenges", 10, &tk[1]), 0);
	tk[0].text = "omega";
	db_tokens_ahead(tk, 2);
	/* Not a document, and not the next text: tokenized, nothing used. */
	ck_assert_str_eq(tokens(QUERY, "omega"), "~omega +omega");
	ck_assert_str_eq(tokens(DOC, "challenges"), "challenges +~challeng");
	ck_assert_str_eq(tokens(DOC, "omega"), "alpha");
	ck_assert_str_eq(tokens(DOC, "challenges"), "challenges +~challeng");
	ck_assert_str_eq(tokens(DOC, "omega"), "omega");
	db_tokens_ahead(NULL, 0);
	db_tokens_free(&tk[0]);
	db_tokens_free(&tk[1]);
	db_tokenizer_free(tz);
}
END_TEST

START_TEST(test_arguments_refused)
{
	ck_assert_int_ne(sqlite3_exec(db, "CREATE VIRTUAL TABLE x USING"
	    " fts5(a, tokenize='demarche remove_diacritics 0')", NULL, NULL,
	    NULL), SQLITE_OK);
	/* registering again replaces the tokenizer; tables keep working */
	ck_assert_int_eq(db_tokenizer_register(db, api), 0);
	ck_assert_str_eq(hits("欧盟"), "1,4");
}
END_TEST

static Suite *
tokenizer_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("tokenizer");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_cjk_words);
	tcase_add_test(tc, test_cjk_one_char);
	tcase_add_test(tc, test_cjk_phrase);
	tcase_add_test(tc, test_latin);
	tcase_add_test(tc, test_abbreviation);
	tcase_add_test(tc, test_japanese_korean);
	tcase_add_test(tc, test_highlight);
	tcase_add_test(tc, test_token_list);
	tcase_add_test(tc, test_offsets);
	tcase_add_test(tc, test_folding);
	tcase_add_test(tc, test_cjk_forms);
	tcase_add_test(tc, test_stems);
	tcase_add_test(tc, test_stems_remembered);
	tcase_add_test(tc, test_invalid_bytes);
	tcase_add_test(tc, test_random_bytes);
	tcase_add_test(tc, test_tokens_ahead);
	tcase_add_test(tc, test_arguments_refused);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(tokenizer_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
