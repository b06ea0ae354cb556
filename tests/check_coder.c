#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "coder.h"
#include "coder_fixture.h"
#include "date.h"
#include "error.h"

#ifndef SOURCE_DIR
#define SOURCE_DIR "."
#endif

#define CLAIMS_MAX	64
#define LINE_MAX_	512

/* What a run proposed, one "by kind target,target date" line a claim. */
struct got {
	const char	*text;
	size_t		 from;		/* where the last quote was found */
	char		 line[CLAIMS_MAX][LINE_MAX_];
	char		 quote[CLAIMS_MAX][LINE_MAX_];
	char		 cue[CLAIMS_MAX][LINE_MAX_];
	size_t		 n;
	size_t		 total;
	int		 stop_at;	/* return 7 at this claim, if > 0 */
};

static char *
slurp(const char *path)
{
	FILE *f;
	char *buf;
	long n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if ((buf = malloc((size_t)n + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	buf[fread(buf, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return buf;
}

static void
setup(void)
{
	static const char *const actors[][2] = {
		{ "China", "CHN" }, { "Beijing", "CHN" }, { "Chinese", "CHN" },
		{ "China's foreign ministry", "CHN.MFA" },
		{ "Chinese Mission to the EU", "CHN.MISSION-EU" },
		{ "@ChinaEUMission", "CHN.MISSION-EU" },
		{ "European Union", "EU" }, { "EU", "EU" },
		{ "NATO", "NATO" }, { "Russia", "RUS" }, { "Moscow", "RUS" },
		{ "Russian", "RUS" }, { "United States", "USA" },
		{ "US", "USA" }, { "U.S.", "USA" }, { "Washington", "USA" },
		{ "Japan", "JPN" }, { "Britain", "GBR" }, { "British", "GBR" },
		{ "Ukraine", "UKR" }, { "Iran", "IRN" }, { "Turkey", "TUR" },
	};

	coder_fixture(actors, sizeof(actors) / sizeof(actors[0]));
}

static int
collect(void *ctx, const struct coder_claim *cl)
{
	struct got *g = ctx;
	const char *q;
	char *p;
	size_t i, left;
	int n;

	/* Every quote is a piece of the text, verbatim, in text order. */
	ck_assert_ptr_nonnull(cl->quote);
	for (q = g->text + g->from; *q != '\0' &&
	    strncmp(q, cl->quote, strlen(cl->quote)) != 0; q++)
		;
	ck_assert_msg(*q != '\0', "quote not in text: \"%s\"", cl->quote);
	g->from = (size_t)(q - g->text);
	ck_assert_ptr_nonnull(cl->by);
	ck_assert_ptr_nonnull(cl->kind);
	ck_assert_ptr_nonnull(cl->cameo);
	/* The cue that fired is words of the quote. */
	ck_assert_ptr_nonnull(cl->cue);
	ck_assert_msg(*cl->cue != '\0' && strstr(cl->quote, cl->cue) != NULL,
	    "cue \"%s\" not in quote \"%s\"", cl->cue, cl->quote);
	g->total++;
	if (g->stop_at > 0 && g->total == (size_t)g->stop_at)
		return 7;
	if (g->n == CLAIMS_MAX)
		return 0;
	p = g->line[g->n];
	left = LINE_MAX_;
	n = snprintf(p, left, "%s %s", cl->by, cl->kind);
	for (i = 0; i < cl->ntargets && n > 0 && (size_t)n < left; i++) {
		p += n;
		left -= (size_t)n;
		n = snprintf(p, left, "%s%s", i == 0 ? " " : ",",
		    cl->targets[i]);
	}
	if (n > 0 && (size_t)n < left && cl->date != NULL) {
		p += n;
		left -= (size_t)n;
		snprintf(p, left, " @%s", cl->date);
	}
	snprintf(g->quote[g->n], LINE_MAX_, "%s", cl->quote);
	snprintf(g->cue[g->n], LINE_MAX_, "%s", cl->cue);
	g->n++;
	return 0;
}

static void
code(struct got *g, const char *text, const char *issuer,
    const struct dm_date *d)
{
	memset(g, 0, sizeof(*g));
	g->text = text;
	ck_assert_int_eq(coder_run(coder, text, issuer, d, collect, g), 0);
}

/* Expects exactly the claims want, in order, NULL-terminated. */
static void
expect(const char *text, const char *issuer, const struct dm_date *d,
    const char *const *want)
{
	struct got g;
	size_t i;

	code(&g, text, issuer, d);
	for (i = 0; want[i] != NULL && i < g.n; i++)
		ck_assert_str_eq(g.line[i], want[i]);
	ck_assert_msg(want[i] == NULL && i == g.n,
	    "\"%s\": %zu claims, want %zu (first extra: %s)", text, g.n, i +
	    (want[i] ? 1 : 0), i < g.n ? g.line[i] : want[i]);
}

static void
expect_none(const char *text, const char *issuer)
{
	struct got g;

	code(&g, text, issuer, NULL);
	ck_assert_msg(g.n == 0, "\"%s\" gave \"%s\"", text, g.line[0]);
}

START_TEST(test_lexicon_errors)
{
	struct coder *c = NULL;

	ck_assert_int_eq(coder_new(&c, "kind\taccuse\t-\n"), DM_EINVALID);
	ck_assert_ptr_null(c);
	ck_assert_int_eq(coder_new(&c, "nonsense\t-\t-\tword\n"),
	    DM_EINVALID);
	ck_assert_int_eq(coder_new(&c, "kind\taccuse\t-\ttarget\n"
	    "verb\tslander\t-\tslanders\n"), DM_EINVALID);
	ck_assert_int_eq(coder_new(&c, "# only a comment\n"), DM_EINVALID);
	/* Kinds and their codes are the claim kinds' (claimkind.h). */
	ck_assert_int_eq(coder_new(&c, "kind\tslander\t-\ttarget\n"),
	    DM_EINVALID);
	ck_assert_ptr_nonnull(strstr(dm_error_last(), "no claim kind "
	    "'slander'"));
	ck_assert_int_eq(coder_new(&c, "kind\taccuse\t112\ttarget\n"),
	    DM_EINVALID);
	ck_assert_int_eq(coder_new(&c, "kind\taccuse\t-\tsometimes\n"),
	    DM_EINVALID);
	ck_assert_int_eq(coder_new(&c, "kind\taccuse\t-\ttarget\n"
	    "verb\taccuse\t-\taccuses\n"), 0);
	ck_assert_int_eq(coder_add_actor(c, "", "X"), DM_EINVALID);
	ck_assert_int_eq(coder_add_actor(c, "Xland", ""), DM_EINVALID);
	coder_free(c);
}
END_TEST

START_TEST(test_split_abbreviations)
{
	struct got g;

	code(&g, "NATO condemned Russia on Jan. 5 after Gen. Smith spoke. "
	    "The U.S. accused China of hacking 5.31 million hosts. "
	    "Mr. Abe said No. 10 was busy. Japan criticized Russia.", NULL,
	    NULL);
	ck_assert_uint_eq(g.n, 3);
	ck_assert_str_eq(g.quote[0],
	    "NATO condemned Russia on Jan. 5 after Gen. Smith spoke.");
	ck_assert_str_eq(g.quote[1],
	    "The U.S. accused China of hacking 5.31 million hosts.");
	ck_assert_str_eq(g.quote[2], "Japan criticized Russia.");
	ck_assert_str_eq(g.line[1], "USA accuse CHN");
}
END_TEST

START_TEST(test_split_quotes)
{
	struct got g;

	code(&g, "Japan said: \xe2\x80\x9cWe condemn Russia.\xe2\x80\x9d "
	    "The EU criticized China.\n\nBritain slammed Iran\n", NULL, NULL);
	ck_assert_uint_eq(g.n, 3);
	ck_assert_str_eq(g.quote[0], "Japan said: \xe2\x80\x9cWe condemn "
	    "Russia.\xe2\x80\x9d");
	ck_assert_str_eq(g.line[0], "JPN condemn RUS");
	ck_assert_str_eq(g.quote[1], "The EU criticized China.");
	ck_assert_str_eq(g.quote[2], "Britain slammed Iran");
	/* The odd spacing of real pages around a closing quote. */
	code(&g, "\xe2\x80\x9cRussia has abused its veto , \xe2\x80\x9dthe "
	    "EU said . Japan criticized Russia .", NULL, NULL);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_str_eq(g.line[0], "EU accuse RUS");
	ck_assert_str_eq(g.quote[0], "\xe2\x80\x9cRussia has abused its "
	    "veto , \xe2\x80\x9dthe EU said .");
	/* A sentence ending inside straight quotes. */
	code(&g, "Britain said \"Iran threatened Turkey.\" Japan criticized "
	    "Russia.", NULL, NULL);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_str_eq(g.quote[1], "Japan criticized Russia.");
}
END_TEST

/* The cue is the words that fired, as written, not as folded. */
START_TEST(test_cue)
{
	struct got g;

	code(&g, "Japan Strongly Condemns Russia. The EU accused China of "
	    "hacking. Britain lashed out at Iran.",
	    NULL, NULL);
	ck_assert_uint_eq(g.n, 3);
	ck_assert_str_eq(g.cue[0], "Strongly Condemns");
	ck_assert_str_eq(g.cue[1], "accused");
	ck_assert_str_eq(g.cue[2], "lashed out at");
}
END_TEST

START_TEST(test_mentions)
{
	static const char *const longest[] = {
		"CHN.MISSION-EU reject EU,NATO", NULL };
	static const char *const alias[] = { "CHN deny", NULL };
	static const char *const demonym[] = { "CHN criticize EU", NULL };
	static const char *const poss[] = { "GBR condemn RUS", NULL };
	static const char *const handle[] = { "CHN.MISSION-EU reject USA",
		NULL };
	static const char *const group[] = {
		"Some Western countries accuse CHN", NULL };
	struct got g;

	expect("The Chinese Mission to the EU rejected the EU and NATO "
	    "statements.", NULL, NULL, longest);
	expect("Beijing denied the report.", NULL, NULL, alias);
	expect("Chinese embassies criticized the EU.", NULL, NULL, demonym);
	expect("Britain condemned Russia's invasion.", NULL, NULL, poss);
	expect("@ChinaEUMission rejected Washington's claims.", NULL, NULL,
	    handle);
	/* A group names nobody: its words are kept, no state is guessed. */
	expect("Some Western countries accused China of espionage.", NULL,
	    NULL, group);
	/* A demonym qualifying a thing is not an actor. */
	expect_none("Chinese hosts criticized the EU.", NULL);
	/* Case matters for capitalised names and acronyms. */
	expect_none("They told us that china criticized turkey.", NULL);
	code(&g, "NATO accused China's foreign ministry of lying.", NULL,
	    NULL);
	ck_assert_uint_eq(g.n, 1);
	ck_assert_str_eq(g.line[0], "NATO accuse CHN.MFA");
}
END_TEST

START_TEST(test_shapes)
{
	static const char *const svo[] = { "NATO accuse CHN", NULL };
	static const char *const coord[] = { "EU accuse CHN",
		"USA accuse CHN", NULL };
	static const char *const objs[] = { "JPN criticize CHN,RUS,IRN",
		NULL };
	static const char *const passive[] = { "EU accuse CHN", NULL };
	static const char *const said_after[] = {
		"CHN.MISSION-EU accuse Some Western countries", NULL };
	static const char *const said_that[] = { "EU accuse RUS", NULL };
	static const char *const according[] = { "RUS reject", NULL };
	static const char *const noun[] = { "USA accuse CHN", NULL };
	static const char *const light[] = { "NATO accuse RUS", NULL };
	static const char *const for_[] = { "GBR criticize IRN", NULL };
	static const char *const two[] = { "JPN criticize RUS",
		"RUS deny", NULL };
	static const char *const rejects[] = { "RUS reject GBR", NULL };
	static const char *const demand[] = { "EU demand RUS", NULL };

	expect("NATO accused China of malicious cyber activities.", NULL,
	    NULL, svo);
	expect("The United States and the EU accused China of hacking.",
	    NULL, NULL, coord);
	expect("Japan criticized China, Russia and Iran for the drills.",
	    NULL, NULL, objs);
	expect("China was accused by the EU of hacking.", NULL, NULL,
	    passive);
	expect("\xe2\x80\x9cSome Western countries have abused their "
	    "strengths for eavesdropping,\xe2\x80\x9d the Chinese mission to "
	    "the EU said.", NULL, NULL, said_after);
	expect("The EU said that Russia had violated the ceasefire.", NULL,
	    NULL, said_that);
	expect("According to Moscow, the claims are baseless.", NULL, NULL,
	    according);
	expect("Washington's accusations against China drew a response.",
	    NULL, NULL, noun);
	expect("NATO levelled fresh accusations against Russia.", NULL, NULL,
	    light);
	expect("Britain criticized Iran for its nuclear programme.", NULL,
	    NULL, for_);
	expect("Japan criticized Russia, a charge Moscow denied.", NULL,
	    NULL, two);
	expect("Russia rejected the British accusations.", NULL, NULL,
	    rejects);
	expect("The EU called on Russia to withdraw its troops.", NULL, NULL,
	    demand);
}
END_TEST

START_TEST(test_issuer_voice)
{
	static const char *const eu[] = { "EU condemn RUS", NULL };
	static const char *const first[] = { "EU demand RUS", NULL };

	expect("We condemn Russia's aggression.", "EU", NULL, eu);
	expect("Our demand to Russia is clear: we urge Russia to withdraw.",
	    "EU", NULL, first);
	/* A news report has no voice of its own. */
	expect_none("We condemn Russia's aggression.", NULL);
	/* Inside someone else's quote, "we" is not the issuer. */
	expect_none("\xe2\x80\x9cWe condemn Russia,\xe2\x80\x9d a diplomat "
	    "told reporters.", "EU");
}
END_TEST

START_TEST(test_negation)
{
	static const char *const fine[] = {
		"The EU did not condemn Russia.",
		"Germany has never accused China of espionage.",
		"Japan refused to criticize Washington.",
		"Tokyo didn\xe2\x80\x99t reject the EU proposal.",
		"Washington could accuse Beijing of cheating.",
		"If Russia invades, NATO would condemn Russia.",
		"Did NATO accuse China of hacking?",
		("China has never interfered in the internal affairs of "
		    "other countries, the ministry said."),
		"NATO accused the hackers of theft.",
		"The EU condemned the attack.",
		"Trade between the EU and China grew last year.",
		"",
	};
	static const char *const opposite[] = { "RUS reject NATO", NULL };
	size_t i;

	for (i = 0; i < sizeof(fine) / sizeof(fine[0]); i++)
		expect_none(fine[i], NULL);
	/* The lexicon's own negated cue gives the opposite kind. */
	expect("Russia said the NATO statements are not based on facts.",
	    NULL, NULL, opposite);
}
END_TEST

START_TEST(test_zero_targets)
{
	static const char *const deny[] = { "CHN deny", NULL };
	static const char *const assert_[] = { "JPN assert", NULL };

	expect("China denied any involvement.", NULL, NULL, deny);
	expect("Japan insisted that the islands are its territory.", NULL,
	    NULL, assert_);
}
END_TEST

START_TEST(test_dates)
{
	static const struct dm_date thu = { 2021, 7, 22 };
	static const struct dm_date year = { 2021, 0, 0 };
	static const char *const tue[] = { "NATO accuse CHN @2021-07-20",
		NULL };
	static const char *const mon[] = { "NATO accuse CHN @2021-07-19",
		NULL };
	static const char *const same[] = { "NATO accuse CHN @2021-07-22",
		NULL };
	static const char *const last[] = { "NATO accuse CHN @2020", NULL };
	static const char *const jul19[] = { "NATO accuse CHN @2021-07-19",
		NULL };
	static const char *const jul25[] = { "NATO accuse CHN @2020-07-25",
		NULL };
	static const char *const full[] = { "NATO accuse CHN @2019-03-04",
		NULL };
	static const char *const none[] = { "NATO accuse CHN", NULL };

	expect("On Tuesday, NATO accused China of hacking.", NULL, &thu, tue);
	expect("Earlier Monday, NATO accused China of hacking.", NULL, &thu,
	    mon);
	expect("NATO accused China of hacking on Thursday.", NULL, &thu,
	    same);
	expect("NATO accused China of hacking last year.", NULL, &thu, last);
	expect("NATO accused China of hacking last year.", NULL, &year, last);
	expect("NATO accused China of hacking on July 19.", NULL, &thu,
	    jul19);
	expect("NATO accused China of hacking on July 25.", NULL, &thu,
	    jul25);
	expect("NATO accused China of hacking on 4 March 2019.", NULL, NULL,
	    full);
	/* Never guessed: no statement date, or one too vague for a day. */
	expect("On Tuesday, NATO accused China of hacking.", NULL, NULL,
	    none);
	expect("On Tuesday, NATO accused China of hacking.", NULL, &year,
	    none);
	expect("Next Tuesday, NATO accused China of hacking.", NULL, &thu,
	    none);
}
END_TEST

START_TEST(test_stop)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	g.text = "NATO accused China. Japan criticized Russia. Iran "
	    "condemned Turkey.";
	g.stop_at = 2;
	ck_assert_int_eq(coder_run(coder, g.text, NULL, NULL, collect, &g),
	    7);
	ck_assert_uint_eq(g.total, 2);
}
END_TEST

START_TEST(test_big_text)
{
	static const char sentence[] = "NATO accused China of hacking. ";
	struct got g;
	size_t n = (1 << 20) / (sizeof(sentence) - 1), i;
	char *text;

	text = malloc(n * (sizeof(sentence) - 1) + 1);
	ck_assert_ptr_nonnull(text);
	for (i = 0; i < n; i++)
		memcpy(text + i * (sizeof(sentence) - 1), sentence,
		    sizeof(sentence) - 1);
	text[n * (sizeof(sentence) - 1)] = '\0';
	code(&g, text, NULL, NULL);
	ck_assert_uint_eq(g.total, n);
	free(text);
}
END_TEST

START_TEST(test_long_sentence)
{
	static const char words[] = "NATO accused China and ";
	struct got g;
	size_t n = (1 << 20) / (sizeof(words) - 1), i;
	char *text;

	/* One "sentence" of a megabyte: too long to be read as one. */
	text = malloc(n * (sizeof(words) - 1) + 1);
	ck_assert_ptr_nonnull(text);
	for (i = 0; i < n; i++)
		memcpy(text + i * (sizeof(words) - 1), words,
		    sizeof(words) - 1);
	text[n * (sizeof(words) - 1)] = '\0';
	code(&g, text, "EU", NULL);
	ck_assert_uint_eq(g.total, 0);
	free(text);
}
END_TEST

START_TEST(test_invalid_bytes)
{
	static const char *const texts[] = {
		"NATO\xff accused \xc3 China of hacking.",
		"\xe2\x80",
		"\xf0\x9f\x98",
		"\"\"\"\xe2\x80\x9c\xe2\x80\x9d\xe2\x80\x9d ..., ; :",
		"U.S.",
		"\xed\xa0\x80 NATO accused China \xc0\xaf of spying.\x01\x02",
		"\xe2\x80\x94 China Mission (@ChinaEUMission) July 19, 2021",
	};
	struct got g;
	size_t i;
	char buf[4096];

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		code(&g, texts[i], "EU", NULL);
	code(&g, texts[0], NULL, NULL);
	ck_assert_uint_eq(g.n, 1);
	ck_assert_str_eq(g.line[0], "NATO accuse CHN");
	/* Every byte value, none of which may upset the run. */
	for (i = 0; i < sizeof(buf) - 1; i++)
		buf[i] = (char)(i % 255 + 1);
	buf[sizeof(buf) - 1] = '\0';
	code(&g, buf, "EU", NULL);
}
END_TEST

START_TEST(test_reference)
{
	static const struct dm_date d = { 2021, 7, 20 };
	struct got g;
	char *text;
	size_t i;
	int nato = 0, reject = 0, eaves = 0;

	text = slurp(SOURCE_DIR "/tests/coder/000-reference.case");
	ck_assert_ptr_nonnull(text);
	*strstr(text, "\n%% expect\n") = '\0';
	code(&g, strstr(text, "\n\n") + 2, NULL, &d);
	for (i = 0; i < g.n; i++) {
		if (strcmp(g.line[i], "NATO accuse CHN @2021-07-19") == 0)
			nato++;
		if (strcmp(g.line[i], "CHN.MISSION-EU reject EU,NATO") == 0)
			reject++;
		if (strcmp(g.line[i],
		    "CHN.MISSION-EU accuse some Western countries") == 0)
			eaves++;
		/* Nobody in it accuses the EU or NATO of anything. */
		ck_assert_msg(strstr(g.line[i], "accuse EU") == NULL &&
		    strstr(g.line[i], "accuse NATO") == NULL, "%s",
		    g.line[i]);
	}
	ck_assert_int_eq(nato, 1);
	ck_assert_int_ge(reject, 1);
	ck_assert_int_eq(eaves, 1);
	free(text);
}
END_TEST

static Suite *
coder_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("coder");

	tc = tcase_create("lexicon");
	tcase_add_test(tc, test_lexicon_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_split_abbreviations);
	tcase_add_test(tc, test_split_quotes);
	tcase_add_test(tc, test_cue);
	tcase_add_test(tc, test_mentions);
	tcase_add_test(tc, test_shapes);
	tcase_add_test(tc, test_issuer_voice);
	tcase_add_test(tc, test_negation);
	tcase_add_test(tc, test_zero_targets);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_stop);
	tcase_add_test(tc, test_reference);
	suite_add_tcase(s, tc);

	tc = tcase_create("robustness");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_big_text);
	tcase_add_test(tc, test_long_sentence);
	tcase_add_test(tc, test_invalid_bytes);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(coder_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
