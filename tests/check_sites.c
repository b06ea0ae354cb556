/*
 * The table of publishing sites: every issuer it names is an actor of
 * the gazetteer or a name the patterns resolve, and a URL finds its
 * site by host, under-host and path, the longest pattern first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "demarche.h"
#include "error.h"
#include "gazetteer.h"
#include "resolve.h"
#include "sites.h"

static int
check_row(void *ctx, const char *pattern, const struct site *s)
{
	struct resolution r;
	int *rows = ctx;

	(*rows)++;
	ck_assert_msg(strchr(pattern, ' ') == NULL && *pattern != '\0',
	    "sites.tsv:%d: a pattern with a space", s->line);
	ck_assert_msg(gazetteer_defines(s->issuer) ||
	    (resolve_name(s->issuer, &r) == 0 && r.nactors == 1),
	    "sites.tsv:%d: '%s' is no actor of the gazetteer and resolves "
	    "to none", s->line, s->issuer);
	return 0;
}

START_TEST(every_issuer_is_an_actor)
{
	int rows = 0;

	ck_assert_int_eq(sites_each(check_row, &rows), 0);
	ck_assert_int_gt(rows, 20);
}
END_TEST

/* A URL, the issuer it should give ("" for none) and the site's meta. */
static const struct {
	const char *url, *issuer, *meta;
} lookups[] = {
	{ "https://www.nato.int/cps/en/natohq/news_1.htm", "NATO", "" },
	{ "http://nato.int/", "NATO", "" },
	{ "https://gb.china-embassy.gov.cn/eng/a.htm",
	  "Embassy of China in the United Kingdom", "" },
	{ "https://zz.china-embassy.gov.cn/a.htm", "CHN", "" },
	{ "https://WWW.FMPRC.GOV.CN:443/mfa_eng/", "CHN.MFA", "" },
	{ "https://user@www.state.gov/x/", "USA.STATE", "" },
	{ "https://www.gov.uk/government/news/x", "GBR",
	  "govuk:primary-publishing-organisation" },
	{ "https://evilnato.int/", "", "" },
	{ "https://nato.int.example.org/", "", "" },
	{ "not a url", "", "" },
};

START_TEST(urls_find_their_site)
{
	struct site s;
	int rc;

	rc = sites_lookup(lookups[_i].url, &s);
	if (*lookups[_i].issuer == '\0') {
		ck_assert_msg(rc == DM_ENOTFOUND, "%s found a site",
		    lookups[_i].url);
		return;
	}
	ck_assert_msg(rc == 0, "%s finds no site", lookups[_i].url);
	ck_assert_str_eq(s.issuer, lookups[_i].issuer);
	ck_assert_str_eq(s.meta, lookups[_i].meta);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sites");
	TCase *tc = tcase_create("sites");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, every_issuer_is_an_actor);
	tcase_add_loop_test(tc, urls_find_their_site, 0,
	    sizeof(lookups) / sizeof(lookups[0]));
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
