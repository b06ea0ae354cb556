#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "error.h"
#include "fold.h"

static void
assert_key(const char *in, const char *want)
{
	char *key = NULL;
	int rc;

	rc = fold_key(&key, in);
	ck_assert_msg(rc == 0, "fold_key(\"%s\") failed: %s", in,
	    dm_error_last());
	ck_assert_str_eq(key, want);
	free(key);
}

static void
assert_same_key(const char *a, const char *b)
{
	char *ka = NULL, *kb = NULL;

	ck_assert_int_eq(fold_key(&ka, a), 0);
	ck_assert_int_eq(fold_key(&kb, b), 0);
	ck_assert_str_eq(ka, kb);
	free(ka);
	free(kb);
}

static void
assert_slug(const char *in, const char *want)
{
	char *slug = NULL;
	int rc;

	rc = slugify(&slug, in);
	ck_assert_msg(rc == 0, "slugify(\"%s\") failed: %s", in,
	    dm_error_last());
	ck_assert_str_eq(slug, want);
	free(slug);
}

/* Expects s[0..len) to be rejected at byte off. */
static void
assert_bad_utf8(const char *s, size_t len, size_t off)
{
	char msg[64];
	size_t bad = (size_t)-1;

	ck_assert_int_eq(utf8_check(s, len, &bad), DM_EINVALID);
	ck_assert_uint_eq(bad, off);
	snprintf(msg, sizeof(msg), "invalid UTF-8 at byte %zu", off);
	ck_assert_str_eq(dm_error_last(), msg);
}

static void
assert_code(const char *in, const char *want)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%s", in);
	ck_assert_msg(code_normalise(buf) == 0, "code '%s' rejected", in);
	ck_assert_str_eq(buf, want);
}

static void
assert_bad_code(const char *in)
{
	char buf[128], msg[256];

	snprintf(buf, sizeof(buf), "%s", in);
	ck_assert_int_eq(code_normalise(buf), DM_EINVALID);
	ck_assert_str_eq(buf, in);
	snprintf(msg, sizeof(msg), "invalid actor code '%s'", in);
	ck_assert_str_eq(dm_error_last(), msg);
}

START_TEST(test_utf8_valid)
{
	static const char nul[] = "a\0b";
	size_t bad = 42;

	ck_assert_int_eq(utf8_check("", 0, &bad), 0);
	ck_assert_int_eq(utf8_check("plain ascii", 11, NULL), 0);
	ck_assert_int_eq(utf8_check(nul, sizeof(nul) - 1, &bad), 0);
	/* Boundaries of each sequence length. */
	ck_assert_int_eq(utf8_check("\xc2\x80\xdf\xbf", 4, NULL), 0);
	ck_assert_int_eq(utf8_check("\xe0\xa0\x80\xef\xbf\xbf", 6, NULL), 0);
	ck_assert_int_eq(utf8_check("\xed\x9f\xbf\xee\x80\x80", 6, NULL), 0);
	ck_assert_int_eq(utf8_check("\xf0\x90\x80\x80\xf4\x8f\xbf\xbf", 8,
	    NULL), 0);
	ck_assert_int_eq(utf8_check("中国驻欧盟使团", strlen("中国驻欧盟使团"),
	    NULL), 0);
	ck_assert_uint_eq(bad, 42);
}
END_TEST

START_TEST(test_utf8_invalid)
{
	/* Truncated: a lead byte at the end, and one cut short by ASCII. */
	assert_bad_utf8("ab\xe4\xb8", 4, 2);
	assert_bad_utf8("\xc3" "A", 2, 0);
	assert_bad_utf8("x\xf0\x9f\x98", 4, 1);
	/* Overlong encodings. */
	assert_bad_utf8("abc\xc0\x80", 5, 3);
	assert_bad_utf8("\xc1\xbf", 2, 0);
	assert_bad_utf8("\xe0\x80\xaf", 3, 0);
	assert_bad_utf8("\xf0\x8f\xbf\xbf", 4, 0);
	/* Surrogates. */
	assert_bad_utf8("ok\xed\xa0\x80", 5, 2);
	assert_bad_utf8("\xed\xbf\xbf", 3, 0);
	/* Above U+10FFFF, and lead bytes that can never appear. */
	assert_bad_utf8("\xf4\x90\x80\x80", 4, 0);
	assert_bad_utf8("\xf5\x80\x80\x80", 4, 0);
	assert_bad_utf8("a\xff", 2, 1);
	/* Stray continuation bytes. */
	assert_bad_utf8("\x80", 1, 0);
	assert_bad_utf8("\xc3\xa9\xa9", 3, 2);
	/* The first error is the one reported. */
	assert_bad_utf8("\xc3\xa9 \x80 \xff", 6, 3);
	/* The length bounds the check: a cut inside a sequence is caught. */
	assert_bad_utf8("\xc3\xa9", 1, 0);
}
END_TEST

START_TEST(test_key_case)
{
	assert_key("ÉTATS-UNIS", "états-unis");
	assert_key("États-Unis", "états-unis");
	/* Decomposed input composes to the same key. */
	assert_key("E\xcc\x81tats-Unis", "états-unis");
	assert_key("European Union", "european union");
	assert_key("ΕΥΡΩΠΑΪΚΉ ΈΝΩΣΗ", "ευρωπαϊκή ένωση");
	assert_key("Россия", "россия");
}
END_TEST

START_TEST(test_key_nfkc)
{
	assert_key("ＣＨＩＮＡ", "china");
	assert_key("Ｔｈｅ ＥＵ", "eu");
	assert_key("\xef\xac\x81nland", "finland");
	assert_same_key("ｃｈｉｎａ", "China");
}
END_TEST

START_TEST(test_key_sharp_s)
{
	assert_key("Straße", "strasse");
	assert_key("STRASSE", "strasse");
	assert_key("\xe1\xba\x9e", "ss");
	assert_same_key("Großbritannien", "GROSSBRITANNIEN");
}
END_TEST

START_TEST(test_key_turkish)
{
	/* Default folding, not Turkish: İ keeps its dot, ı stays dotless. */
	assert_key("İSTANBUL", "i\xcc\x87stanbul");
	assert_key("Istanbul", "istanbul");
	assert_key("ıstanbul", "ıstanbul");
	assert_key("TÜRKİYE", "türki\xcc\x87ye");
}
END_TEST

START_TEST(test_key_the)
{
	assert_key("The European Union", "european union");
	assert_key("the European Union", "european union");
	assert_key("THE   European Union", "european union");
	assert_key("\"The EU\"", "eu");
	assert_key("The \"EU\"", "eu");
	assert_key("Theresa May", "theresa may");
	assert_key("Thessaloniki", "thessaloniki");
	assert_key("The", "the");
	assert_key("The.", "the");
	/* Only a leading "the" goes. */
	assert_key("Chinese Mission to the EU.", "chinese mission to the eu");
	assert_key("The the", "the");
}
END_TEST

START_TEST(test_key_at)
{
	assert_key("@ChinaEUMission", "chinaeumission");
	assert_same_key("@ChinaEUMission", "ChinaEUMission");
	assert_key("  @NATO ", "nato");
	assert_key("user@example", "user@example");
}
END_TEST

START_TEST(test_key_punct)
{
	assert_key("U.S.", "u.s");
	assert_key("U.S.A.", "u.s.a");
	assert_key("Chinese Mission to the EU.", "chinese mission to the eu");
	assert_key("“European Union”", "european union");
	assert_key("‘EU’", "eu");
	assert_key("«Union européenne»", "union européenne");
	assert_key("„Bundesregierung“", "bundesregierung");
	assert_key("「欧盟」", "欧盟");
	assert_key("'EU'", "eu");
	assert_key("(NATO)", "nato");
	assert_key("[UN],", "un");
	assert_key("EU, ", "eu");
	assert_key("Beijing!?", "beijing");
	assert_key("★ NATO ★", "nato");
	assert_key("Bosnia-Herzegovina", "bosnia-herzegovina");
	assert_key("Côte d'Ivoire", "côte d'ivoire");
	assert_key("China’s", "china’s");
}
END_TEST

START_TEST(test_key_space)
{
	assert_key("  European   Union  ", "european union");
	assert_key("European\tUnion", "european union");
	assert_key("European\r\n Union\n", "european union");
	assert_key("European\xc2\xa0Union", "european union");
	assert_key("European\xe3\x80\x80Union", "european union");
	assert_key("European\xe2\x80\xafUnion", "european union");
	assert_key("European\xe2\x80\xa8Union", "european union");
	assert_key("European\xc2\x85Union", "european union");
	assert_key("European\xe1\x9a\x80Union", "european union");
	/* Ignorables vanish rather than split a word. */
	assert_key("Euro\xc2\xadpean\xe2\x80\x8bUnion", "europeanunion");
	assert_key("\xef\xbb\xbf" "EU", "eu");
	/* Control characters that are not white space are dropped. */
	assert_key("E\x01U", "eu");
	assert_same_key("European Union", "EUROPEAN\xc2\xa0\t UNION");
}
END_TEST

START_TEST(test_key_invalid)
{
	char *key = (char *)1;

	ck_assert_int_eq(fold_key(&key, "Fran\xe7" "ais"), DM_EINVALID);
	ck_assert_ptr_null(key);
	ck_assert_str_eq(dm_error_last(), "invalid UTF-8 at byte 4");
	ck_assert_int_eq(fold_key(&key, "\xc0\x80"), DM_EINVALID);
	ck_assert_int_eq(fold_key(&key, "a\xed\xa0\x80"), DM_EINVALID);
	ck_assert_str_eq(dm_error_last(), "invalid UTF-8 at byte 1");

	ck_assert_int_eq(fold_key(&key, ""), DM_EINVALID);
	ck_assert_str_eq(dm_error_last(), "empty name ''");
	ck_assert_int_eq(fold_key(&key, " \t\xe3\x80\x80 "), DM_EINVALID);
	ck_assert_int_eq(fold_key(&key, "“...”"), DM_EINVALID);
	ck_assert_str_eq(dm_error_last(), "empty name '“...”'");
	ck_assert_int_eq(fold_key(&key, "@"), DM_EINVALID);
	ck_assert_int_eq(fold_key(&key, "\xe2\x80\x8b"), DM_EINVALID);
	ck_assert_ptr_null(key);
}
END_TEST

START_TEST(test_slug)
{
	assert_slug("Cyber Espionage", "cyber-espionage");
	assert_slug("  Human_Rights!! ", "human-rights");
	assert_slug("cyber-espionage", "cyber-espionage");
	assert_slug("--Cyber -- Espionage--", "cyber-espionage");
	assert_slug("5G networks", "5g-networks");
	assert_slug("网络安全", "网络安全");
	assert_slug("网络 安全", "网络-安全");
	assert_slug("Кибершпионаж США", "кибершпионаж-сша");
	assert_slug("Droits de l'Homme", "droits-de-l-homme");
	assert_slug("ÉTATS-UNIS", "états-unis");
	assert_slug("Straße", "strasse");
	assert_slug("ＣＹＢＥＲ　ＷＡＲ", "cyber-war");
	assert_slug("حقوق الإنسان", "حقوق-الإنسان");
	/* Combining marks belong to their letter, not to a separator. */
	assert_slug("साइबर सुरक्षा", "साइबर-सुरक्षा");
	assert_slug("e\xcc\x81lection", "élection");
	assert_slug("٣ topics", "٣-topics");
}
END_TEST

START_TEST(test_slug_invalid)
{
	char *slug = (char *)1;

	ck_assert_int_eq(slugify(&slug, ""), DM_EINVALID);
	ck_assert_ptr_null(slug);
	ck_assert_str_eq(dm_error_last(), "empty topic ''");
	ck_assert_int_eq(slugify(&slug, " --!! _ "), DM_EINVALID);
	ck_assert_str_eq(dm_error_last(), "empty topic ' --!! _ '");
	ck_assert_int_eq(slugify(&slug, "cyber\xff"), DM_EINVALID);
	ck_assert_str_eq(dm_error_last(), "invalid UTF-8 at byte 5");
	ck_assert_ptr_null(slug);
}
END_TEST

START_TEST(test_word_chars)
{
	/* letters of any script, the marks that complete them, digits */
	ck_assert(fold_is_word('a') && fold_is_word('Z') && fold_is_word('7'));
	ck_assert(fold_is_word(0x4E2D));	/* 中 */
	ck_assert(fold_is_word(0x0301));	/* combining acute */
	ck_assert(fold_is_word(0x0663));	/* Arabic-Indic three */
	ck_assert(!fold_is_word(' ') && !fold_is_word('-'));
	ck_assert(!fold_is_word(0x3002));	/* 。 */
	ck_assert(!fold_is_word(0x2019) && !fold_is_word('@'));
}
END_TEST

START_TEST(test_code_good)
{
	char max[DM_CODE_MAX + 1];

	assert_code("chn.mission-eu", "CHN.MISSION-EU");
	assert_code("CHN", "CHN");
	assert_code("eu.Council", "EU.COUNCIL");
	assert_code("G7", "G7");
	assert_code("un.sc", "UN.SC");
	memset(max, 'A', DM_CODE_MAX);
	max[DM_CODE_MAX] = '\0';
	assert_code(max, max);
}
END_TEST

START_TEST(test_code_bad)
{
	char max[DM_CODE_MAX + 2];

	assert_bad_code("CHN..X");
	assert_bad_code(".CHN");
	assert_bad_code("CHN.");
	assert_bad_code("CH N");
	assert_bad_code("");
	assert_bad_code(".");
	assert_bad_code("CHN_MFA");
	assert_bad_code("ÉU");
	assert_bad_code("chn.mfa ");
	memset(max, 'A', DM_CODE_MAX + 1);
	max[DM_CODE_MAX + 1] = '\0';
	assert_bad_code(max);
}
END_TEST

static Suite *
fold_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("fold");

	tc = tcase_create("utf8");
	tcase_add_test(tc, test_utf8_valid);
	tcase_add_test(tc, test_utf8_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("key");
	tcase_add_test(tc, test_key_case);
	tcase_add_test(tc, test_key_nfkc);
	tcase_add_test(tc, test_key_sharp_s);
	tcase_add_test(tc, test_key_turkish);
	tcase_add_test(tc, test_key_the);
	tcase_add_test(tc, test_key_at);
	tcase_add_test(tc, test_key_punct);
	tcase_add_test(tc, test_key_space);
	tcase_add_test(tc, test_key_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("slug");
	tcase_add_test(tc, test_slug);
	tcase_add_test(tc, test_slug_invalid);
	tcase_add_test(tc, test_word_chars);
	suite_add_tcase(s, tc);

	tc = tcase_create("code");
	tcase_add_test(tc, test_code_good);
	tcase_add_test(tc, test_code_bad);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(fold_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
