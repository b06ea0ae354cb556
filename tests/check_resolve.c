#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "demarche.h"
#include "error.h"
#include "resolve.h"

/* A name, and the actor it should resolve to: code, kind, parent, country. */
struct want {
	const char *name, *code, *kind, *parent, *country;
};

static void
assert_one(const struct want *w, int person)
{
	struct resolution r;
	int rc;

	rc = resolve_name(w->name, &r);
	ck_assert_msg(rc == 0, "'%s' does not resolve: %s", w->name,
	    dm_error_last());
	ck_assert_msg(r.nactors == 1, "'%s' gives %zu actors", w->name,
	    r.nactors);
	ck_assert_msg(strcmp(r.actors[0].code, w->code) == 0,
	    "'%s' gives %s (%s), want %s", w->name, r.actors[0].code, r.rule,
	    w->code);
	ck_assert_str_eq(r.actors[0].kind, w->kind);
	ck_assert_str_eq(r.actors[0].parent, w->parent);
	ck_assert_str_eq(r.actors[0].country, w->country);
	ck_assert_msg(r.person == person, "'%s': person %d, want %d",
	    w->name, r.person, person);
	ck_assert_msg(r.actors[0].name[0] != '\0', "'%s' has no name",
	    w->name);
}

static void
assert_all(const struct want *w, int person)
{
	for (; w->name != NULL; w++)
		assert_one(w, person);
}

static void
assert_joint(const char *name, const char *const *codes)
{
	struct resolution r;
	size_t i;

	ck_assert_msg(resolve_name(name, &r) == 0, "'%s': %s", name,
	    dm_error_last());
	for (i = 0; codes[i] != NULL; i++) {
		ck_assert_msg(i < r.nactors, "'%s' gives %zu actors", name,
		    r.nactors);
		ck_assert_str_eq(r.actors[i].code, codes[i]);
	}
	ck_assert_uint_eq(r.nactors, i);
}

START_TEST(test_foreign_ministries)
{
	static const struct want w[] = {
		{ "Ministry of Foreign Affairs of Peru", "PER.MFA",
		    "ministry", "PER", "PER" },
		{ "Norway's Foreign Ministry", "NOR.MFA", "ministry", "NOR",
		    "NOR" },
		{ "Estonian Ministry of Foreign Affairs", "EST.MFA",
		    "ministry", "EST", "EST" },
		{ "the Foreign Ministry of the Republic of Chile", "CHL.MFA",
		    "ministry", "CHL", "CHL" },
		{ "UK Foreign Office", "GBR.FCDO", "ministry", "GBR", "GBR" },
		{ "British Foreign Ministry", "GBR.FCDO", "ministry", "GBR",
		    "GBR" },
		{ "U.S. State Department", "USA.STATE", "ministry", "USA",
		    "USA" },
		{ "Foreign and Commonwealth Office", "GBR.FCDO", "ministry",
		    "GBR", "GBR" },
		{ "越南外交部", "VNM.MFA", "ministry", "VNM", "VNM" },
		{ "肯尼亚外交部", "KEN.MFA", "ministry", "KEN", "KEN" },
		{ "英国外交部", "GBR.FCDO", "ministry", "GBR", "GBR" },
		{ NULL, NULL, NULL, NULL, NULL }
	};
	struct resolution r;

	assert_all(w, 0);
	ck_assert_int_eq(resolve_name("Ministry of Foreign Affairs of Peru",
	    &r), 0);
	ck_assert_str_eq(r.actors[0].name,
	    "Ministry of Foreign Affairs of Peru");
	ck_assert_msg(strstr(r.rule, "actor-patterns-en.tsv:") == r.rule,
	    "rule '%s'", r.rule);
	ck_assert_int_eq(resolve_name("越南外交部", &r), 0);
	ck_assert_msg(strstr(r.rule, "actor-patterns-zh.tsv:") == r.rule,
	    "rule '%s'", r.rule);
}
END_TEST

START_TEST(test_defence_and_heads)
{
	static const struct want w[] = {
		{ "Ministry of Defence of Latvia", "LVA.MOD", "ministry",
		    "LVA", "LVA" },
		{ "Poland's Ministry of National Defence", "POL.MOD",
		    "ministry", "POL", "POL" },
		{ "韩国国防部", "KOR.MOD", "ministry", "KOR", "KOR" },
		{ "President of Kenya", "KEN.HOS", "institution", "KEN",
		    "KEN" },
		{ "Swedish Prime Minister", "SWE.HOG", "institution", "SWE",
		    "SWE" },
		{ "the Kremlin", "RUS.HOS", "institution", "RUS", "RUS" },
		{ "韩国总统", "KOR.HOS", "institution", "KOR", "KOR" },
		{ NULL, NULL, NULL, NULL, NULL }
	};

	assert_all(w, 0);
}
END_TEST

START_TEST(test_embassies)
{
	static const struct want w[] = {
		{ "Embassy of Brazil in Argentina", "BRA.EMBASSY-ARG",
		    "mission", "BRA", "BRA" },
		{ "Kenyan Embassy in Tokyo", "KEN.EMBASSY-JPN", "mission",
		    "KEN", "KEN" },
		{ "Germany's embassy to Poland", "DEU.EMBASSY-POL", "mission",
		    "DEU", "DEU" },
		{ "Embassy of the Kingdom of the Netherlands to the Republic "
		    "of Korea", "NLD.EMBASSY-KOR", "mission", "NLD", "NLD" },
		{ "Canadian High Commission in India", "CAN.EMBASSY-IND",
		    "mission", "CAN", "CAN" },
		{ "Consulate General of India in Sydney",
		    "IND.CONSULATE-SYDNEY", "mission", "IND", "IND" },
		{ "印度驻尼泊尔大使馆", "IND.EMBASSY-NPL", "mission", "IND",
		    "IND" },
		{ "德国驻华使馆", "DEU.EMBASSY-CHN", "mission", "DEU", "DEU" },
		{ "中国驻悉尼总领事馆", "CHN.CONSULATE", "mission", "CHN",
		    "CHN" },
		{ NULL, NULL, NULL, NULL, NULL }
	};
	struct resolution r;

	assert_all(w, 0);
	ck_assert_int_eq(resolve_name("Dutch embassy to the Philippines",
	    &r), 0);
	ck_assert_str_eq(r.actors[0].code, "NLD.EMBASSY-PHL");
	ck_assert_str_eq(r.actors[0].name,
	    "Embassy of the Netherlands in the Philippines");
}
END_TEST

START_TEST(test_missions)
{
	static const struct want w[] = {
		{ "Permanent Mission of Chile to the United Nations",
		    "CHL.MISSION-UN", "mission", "CHL", "CHL" },
		{ "French Permanent Representation to the EU",
		    "FRA.MISSION-EU", "mission", "FRA", "FRA" },
		{ "Norway's Delegation to NATO", "NOR.MISSION-NATO",
		    "mission", "NOR", "NOR" },
		{ "Permanent Mission of Kenya to the WTO", "KEN.MISSION-WTO",
		    "mission", "KEN", "KEN" },
		{ "Delegation of the European Union to Japan",
		    "EU.DELEGATION-JPN", "mission", "EU", "" },
		{ "日本常驻联合国代表团", "JPN.MISSION-UN", "mission", "JPN",
		    "JPN" },
		{ "俄罗斯常驻欧盟代表团", "RUS.MISSION-EU", "mission", "RUS",
		    "RUS" },
		{ "美国驻北约使团", "USA.MISSION-NATO", "mission", "USA",
		    "USA" },
		{ "欧盟驻日本代表团", "EU.DELEGATION-JPN", "mission", "EU", "" },
		{ NULL, NULL, NULL, NULL, NULL }
	};

	assert_all(w, 0);
}
END_TEST

START_TEST(test_office_holders)
{
	static const struct want named[] = {
		{ "NATO Secretary General Mark Rutte", "NATO.SG",
		    "institution", "NATO", "" },
		{ "High Representative Kaja Kallas", "EU.HRVP", "institution",
		    "EU", "" },
		{ "Secretary of State Marco A. Rubio", "USA.STATE",
		    "ministry", "USA", "USA" },
		{ "Foreign Secretary David Lammy", "GBR.FCDO", "ministry",
		    "GBR", "GBR" },
		{ "Estonian Foreign Minister Margus Tsahkna", "EST.MFA",
		    "ministry", "EST", "EST" },
		{ "Maria Smith, British Ambassador to Japan",
		    "GBR.EMBASSY-JPN", "mission", "GBR", "GBR" },
		{ "Chilean Ambassador to Peru Ana de la Vega",
		    "CHL.EMBASSY-PER", "mission", "CHL", "CHL" },
		{ "外交部发言人毛宁", "CHN.MFA", "ministry", "CHN", "CHN" },
		{ "联合国秘书长古特雷斯", "UN.SG", "institution", "UN", "" },
		{ "法国外长巴罗", "FRA.MFA", "ministry", "FRA", "FRA" },
		{ NULL, NULL, NULL, NULL, NULL }
	};
	static const struct want titles[] = {
		{ "Spokesperson of the Russian Embassy in Canada",
		    "RUS.EMBASSY-CAN", "mission", "RUS", "RUS" },
		{ "the Secretary General of the OSCE", "OSCE.SG",
		    "institution", "OSCE", "" },
		{ "中国驻法国大使馆发言人", "CHN.EMBASSY-FRA", "mission", "CHN",
		    "CHN" },
		{ NULL, NULL, NULL, NULL, NULL }
	};

	assert_all(named, 1);
	assert_all(titles, 0);
}
END_TEST

START_TEST(test_descriptions)
{
	static const struct want w[] = {
		{ "Declaration by the High Representative on behalf of the "
		    "European Union", "EU", "igo", "", "" },
		{ "Statement by the Foreign Ministry of Estonia", "EST.MFA",
		    "ministry", "EST", "EST" },
		{ "G20 Chair's Statement", "G20", "igo", "", "" },
		{ "Press release (Embassy of Ireland in Spain)",
		    "IRL.EMBASSY-ESP", "mission", "IRL", "IRL" },
		{ "Council of Europe (statement published by the Permanent "
		    "Mission of Moldova to the Council of Europe)", "COE",
		    "igo", "", "" },
		{ "外交部声明", "CHN.MFA", "ministry", "CHN", "CHN" },
		{ "欧盟高级代表代表欧盟", "EU", "igo", "", "" },
		{ NULL, NULL, NULL, NULL, NULL }
	};

	assert_all(w, 0);
}
END_TEST

START_TEST(test_joint)
{
	static const char *const ministers[] = { "CHL.MFA", "PER.MFA",
		"BRA.MFA", NULL };
	static const char *const pair[] = { "JPN", "KOR", NULL };
	static const char *const zh[] = { "CHN", "RUS", NULL };
	static const char *const mixed[] = { "FRA.MFA", "USA.STATE", NULL };

	assert_joint("Foreign Ministers of Chile, Peru and Brazil", ministers);
	assert_joint("Joint statement by Japan and the Republic of Korea",
	    pair);
	assert_joint("中国和俄罗斯联合声明", zh);
	assert_joint("the French Foreign Minister and the US Secretary of "
	    "State", mixed);
}
END_TEST

START_TEST(test_parliaments_and_media)
{
	static const struct want w[] = {
		{ "the Swedish Parliament", "SWE.PARLIAMENT", "institution",
		    "SWE", "SWE" },
		{ "Congress of Peru", "PER.PARLIAMENT", "institution", "PER",
		    "PER" },
		{ "Canadian media", "CAN.MEDIA", "media", "CAN", "CAN" },
		{ "荷兰议会", "NLD.PARLIAMENT", "institution", "NLD", "NLD" },
		{ "日本媒体", "JPN.MEDIA", "media", "JPN", "JPN" },
		{ NULL, NULL, NULL, NULL, NULL }
	};

	assert_all(w, 0);
}
END_TEST

/* Codes in the shape the patterns make read back to the same actors. */
START_TEST(test_codes)
{
	static const struct want w[] = {
		{ "PER.EMBASSY-CHL", "PER.EMBASSY-CHL", "mission", "PER",
		    "PER" },
		{ "ken.mission-un", "KEN.MISSION-UN", "mission", "KEN", "KEN" },
		{ "EST.MFA", "EST.MFA", "ministry", "EST", "EST" },
		{ "IND.CONSULATE-SYDNEY", "IND.CONSULATE-SYDNEY", "mission",
		    "IND", "IND" },
		{ "EU.DELEGATION-JPN", "EU.DELEGATION-JPN", "mission", "EU",
		    "" },
		{ "GBR.MFA", "GBR.FCDO", "ministry", "GBR", "GBR" },
		{ NULL, NULL, NULL, NULL, NULL }
	};
	static const char *const bad[] = { "PER.EMBASSY-XYZ", "XYZ.MFA",
		"PER.SPACE-AGENCY", "PER.", NULL };
	struct resolution r;
	size_t i;

	assert_all(w, 0);
	ck_assert_int_eq(resolve_name("PER.EMBASSY-CHL", &r), 0);
	ck_assert_str_eq(r.actors[0].name, "Embassy of Peru in Chile");
	for (i = 0; bad[i] != NULL; i++)
		ck_assert_msg(resolve_name(bad[i], &r) == DM_ENOTFOUND,
		    "'%s' gives %s", bad[i], r.actors[0].code);
}
END_TEST

START_TEST(test_unresolved)
{
	static const char *const names[] = { "some Western countries",
		"Ministry of Magic", "Embassy", "the Foreign Minister",
		"Chinese hackers", "John Smith", "中国黑客",
		/* "Korean" names two states */
		"Korean Foreign Ministry",
		/* a person's name alone; a title of no state */
		"Wang Yi", "Foreign Secretary of Ruritania", NULL };
	struct resolution r;
	size_t i;

	for (i = 0; names[i] != NULL; i++) {
		ck_assert_msg(resolve_name(names[i], &r) == DM_ENOTFOUND,
		    "'%s' gives %s (%s)", names[i], r.actors[0].code, r.rule);
		ck_assert_msg(strstr(dm_error_last(), names[i]) != NULL,
		    "message '%s'", dm_error_last());
	}
	ck_assert_int_eq(resolve_name("Embassy of \xff in Peru", &r),
	    DM_EINVALID);
}
END_TEST

static Suite *
resolve_suite(void)
{
	Suite *s = suite_create("resolve");
	TCase *tc = tcase_create("patterns");

	tcase_add_test(tc, test_foreign_ministries);
	tcase_add_test(tc, test_defence_and_heads);
	tcase_add_test(tc, test_embassies);
	tcase_add_test(tc, test_missions);
	tcase_add_test(tc, test_office_holders);
	tcase_add_test(tc, test_descriptions);
	tcase_add_test(tc, test_joint);
	tcase_add_test(tc, test_parliaments_and_media);
	tcase_add_test(tc, test_codes);
	tcase_add_test(tc, test_unresolved);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(resolve_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
