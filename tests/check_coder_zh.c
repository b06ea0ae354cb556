/*
 * The Chinese side of the coder through the coder's own interface: which
 * texts go to it, what its claims carry (the quote, the cue that fired),
 * that full-width and ASCII punctuation read alike, and that a bad
 * lexicon or bad text is refused or survived.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "coder.h"
#include "coder/zh.h"
#include "coder_fixture.h"
#include "demarche.h"
#include "embed.h"

#define CLAIMS_MAX	16

struct got {
	const char	*text;
	char		 line[CLAIMS_MAX][256];
	int		 quote_ok[CLAIMS_MAX];
	size_t		 n;
	int		 stop_at;	/* return 7 at this claim, if > 0 */
};

static void
setup(void)
{
	static const char *const actors[][2] = {
		{ "中国", "CHN" }, { "中方", "CHN" }, { "美国", "USA" },
		{ "美方", "USA" }, { "欧盟", "EU" }, { "欧方", "EU" },
		{ "北约", "NATO" }, { "NATO", "NATO" }, { "G7", "G7" },
		{ "日本", "JPN" }, { "日方", "JPN" },
		{ "外交部", "CHN.MFA" }, { "外交部发言人", "CHN.MFA" },
	};

	coder_fixture(actors, sizeof(actors) / sizeof(actors[0]));
}

static int
collect(void *ctx, const struct coder_claim *cl)
{
	struct got *g = ctx;
	char *p;
	size_t i;

	if (g->stop_at > 0 && (int)g->n + 1 == g->stop_at)
		return 7;
	ck_assert_uint_lt(g->n, CLAIMS_MAX);
	p = g->line[g->n];
	snprintf(p, sizeof(g->line[0]), "%s %s", cl->by ? cl->by : "-",
	    cl->kind);
	for (i = 0; i < cl->ntargets; i++)
		snprintf(p + strlen(p), sizeof(g->line[0]) - strlen(p), "%s%s",
		    i ? "," : " ", cl->targets[i]);
	snprintf(p + strlen(p), sizeof(g->line[0]) - strlen(p), " [%s]",
	    cl->cue ? cl->cue : "");
	g->quote_ok[g->n] = cl->quote != NULL &&
	    strstr(g->text, cl->quote) != NULL;
	g->n++;
	return 0;
}

static void
run(struct got *g, const char *text, const char *issuer)
{
	memset(g->line, 0, sizeof(g->line));
	g->n = 0;
	g->text = text;
	ck_assert_int_eq(coder_run(coder, text, issuer, NULL, collect, g), 0);
}

START_TEST(test_which_texts)
{
	ck_assert(zh_text("中方对此表示强烈谴责。"));
	ck_assert(zh_text("外交部发言人表示, NATO 的言论毫无根据。"));
	ck_assert(!zh_text("China condemns the statement by 欧盟."));
	ck_assert(!zh_text(""));
}
END_TEST

START_TEST(test_claim_carries_cue_and_quote)
{
	static const char text[] =
	    "问：美方发表声明指责中国。中方有何评论？\n"
	    "答：美方的有关声明毫无根据。中方对此予以强烈谴责。";
	struct got g;

	memset(&g, 0, sizeof(g));
	run(&g, text, "CHN.MFA");
	ck_assert_uint_eq(g.n, 2);
	ck_assert_str_eq(g.line[0], "CHN.MFA reject USA [毫无根据]");
	ck_assert_str_eq(g.line[1], "CHN.MFA condemn USA [予以强烈谴责]");
	ck_assert(g.quote_ok[0] && g.quote_ok[1]);
}
END_TEST

START_TEST(test_fullwidth_as_ascii)
{
	static const char wide[] =
	    "北约秘书长称，中国是威胁。我们敦促北约停止抹黑中国，否则北约必须"
	    "承担由此造成的一切后果。";
	static const char ascii[] =
	    "北约秘书长称,中国是威胁。我们敦促北约停止抹黑中国,否则北约必须"
	    "承担由此造成的一切后果。";
	struct got a, b;
	size_t i;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	run(&a, wide, "CHN.MFA");
	run(&b, ascii, "CHN.MFA");
	ck_assert_uint_eq(a.n, 2);
	ck_assert_uint_eq(a.n, b.n);
	for (i = 0; i < a.n; i++)
		ck_assert_str_eq(a.line[i], b.line[i]);
	ck_assert_str_eq(a.line[0], "CHN.MFA demand NATO [敦促]");
}
END_TEST

START_TEST(test_latin_names)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	run(&g, "G7有关公报粗暴干涉中国内政。", "CHN.MFA");
	ck_assert_uint_eq(g.n, 1);
	ck_assert_str_eq(g.line[0], "CHN.MFA accuse G7 [粗暴干涉]");
}
END_TEST

START_TEST(test_stop)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	g.stop_at = 1;
	g.text = "中方坚决反对美方的无端指责。";
	ck_assert_int_eq(coder_run(coder, g.text, "CHN.MFA", NULL, collect,
	    &g), 7);
}
END_TEST

START_TEST(test_bad_text)
{
	static const char junk[] = "中方\xff\xfe对此\xc3。：：，，？？！"
	    "\n\n问：\n答：\n：：\n对此。予以强烈谴责。\xe4\xb8";
	char *big;
	struct got g;
	size_t i, n = 200000;

	memset(&g, 0, sizeof(g));
	run(&g, junk, "CHN.MFA");
	ck_assert_uint_eq(g.n, 0);
	/* One long sentence of cues: bounded, and no crash. */
	ck_assert_ptr_nonnull(big = malloc(n + 1));
	for (i = 0; i + 12 <= n; i += 12)
		memcpy(big + i, "谴责美方", 12);
	big[i] = '\0';
	g.n = 0;
	g.text = big;
	g.stop_at = 0;
	ck_assert_int_eq(coder_run(coder, big, "CHN.MFA", NULL, collect, &g),
	    0);
	free(big);
}
END_TEST

START_TEST(test_bad_lexicon)
{
	struct zh_coder *z;

	ck_assert_int_eq(zh_new(&z, "kind\taccuse\t-\t-\nact\tnokind\t-\t谴责\n"),
	    DM_EINVALID);
	ck_assert_ptr_null(z);
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "line 2"));
	ck_assert_int_eq(zh_new(&z, "kind\taccuse\t-\t-\nact\taccuse,sometimes\t-\tx\n"),
	    DM_EINVALID);
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "sometimes"));
	ck_assert_int_eq(zh_new(&z, "kind\tsanction\t163\t-\n"), DM_EINVALID);
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "takes its CAMEO"));
	ck_assert_int_eq(zh_new(&z, "nonsense\t-\t-\tx\n"), DM_EINVALID);
	ck_assert_int_eq(zh_new(&z, "word\t-\t-\n"), DM_EINVALID);
	ck_assert_int_eq(zh_new(&z, "# nothing\n"), DM_EINVALID);
	ck_assert_int_eq(zh_new(&z, dm_coder_lexicon_zh[0].data), 0);
	zh_free(z);
}
END_TEST

static Suite *
coder_zh_suite(void)
{
	Suite *s = suite_create("coder_zh");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_which_texts);
	tcase_add_test(tc, test_claim_carries_cue_and_quote);
	tcase_add_test(tc, test_fullwidth_as_ascii);
	tcase_add_test(tc, test_latin_names);
	tcase_add_test(tc, test_stop);
	tcase_add_test(tc, test_bad_text);
	tcase_add_test(tc, test_bad_lexicon);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(coder_zh_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
