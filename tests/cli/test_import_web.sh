# Web pages saved from the sites of the table of publishing sites, one per
# family (the markup follows each site's, the words are the test's own):
# each field extracted as a person reading the page would take it, and
# the whole body, so its first words too: a lead set apart from the body
# (GOV.UK's) opens it, and none of the other pages has one outside it.
. "$(dirname "$0")/lib.sh"

PAGES="$SOURCE_DIR/tests/data/web"
q() { sqlite3 test.db "$1"; }
# field URL COLUMN: a column of the statement whose URL is URL.
field() { q "SELECT $2 FROM statements s JOIN actors a ON a.id = s.issuer_id WHERE s.url = '$1'"; }
# page FILE URL ISSUER DATE LANGUAGE TITLE: imports FILE, checks each field.
page() {
	check "$1"
	run import "$PAGES/$1"
	expect_status 0
	expect_out "1 new"
	for _f in "a.code|$3" "s.date|$4" "s.language|$5" "s.title|$6" "s.id|$2"; do
		_got=$(field "$2" "${_f%%|*}")
		[ "$_got" = "${_f#*|}" ] && ok || bad "${_f%%|*}: '$_got', want '${_f#*|}'"
	done
}
# body URL: the statement's text is what follows on standard input.
body() {
	field "$1" s.text >got
	cat >want
	cmp -s got want && ok || bad "body differs: $(diff want got | head -5)"
}
run init

page fmprc-en.html https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/202107/t20210720_9170747.html \
	CHN.MFA 2021-07-20 en "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on July 20, 2021"
body https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/202107/t20210720_9170747.html <<'TEXT'
Question: Several governments said yesterday that China was behind an intrusion into mail servers. What is your comment?

Answer: China firmly opposes these groundless accusations. The United States rallied its allies to smear China on cyber security, which is pure political manipulation.

We urge the US side to stop its own cyber attacks on other countries.
TEXT
[ "$(q "SELECT count(*) FROM claims c JOIN statements s ON s.sid = c.statement_id WHERE s.url LIKE '%9170747%' AND c.method = 'rule'")" -gt 0 ] &&
	ok || bad "the body was not coded"

page china-mission-eu.html http://eu.china-mission.gov.cn/eng/fyrjh/202107/t20210719_9888888.htm \
	CHN.MISSION-EU 2021-07-19 en "Spokesperson of the Chinese Mission to the EU on the EU's Statement about Cyber Attacks"
body http://eu.china-mission.gov.cn/eng/fyrjh/202107/t20210719_9888888.htm <<'TEXT'
On 19 July, the EU issued a statement accusing China of malicious cyber activities. We express strong dissatisfaction and firm opposition.

China is a victim of cyber attacks. The EU should not follow the United States in making groundless accusations.
TEXT

# In GB2312, as the embassies' older pages are: converted to UTF-8.
page embassy-gb-zh.html http://gb.china-embassy.gov.cn/chn/PressandMedia/Spokepersons/202107/t20210720_9999001.htm \
	CHN.EMBASSY-GBR 2021-07-20 zh "驻英国使馆发言人就英方网络安全声明答记者问"
body http://gb.china-embassy.gov.cn/chn/PressandMedia/Spokepersons/202107/t20210720_9999001.htm <<'TEXT'
问：英国政府发表声明，指责中国从事恶意网络活动。请问对此有何评论？

答：英方的指责毫无根据。我们敦促英方停止抹黑中国。
TEXT

page eeas.html https://www.eeas.europa.eu/eeas/china-declaration-high-representative-behalf-eu-urging-action-against-malicious-cyber-activities_en \
	EU.EEAS 2021-07-19 en "China: Declaration by the High Representative on behalf of the EU urging action against malicious cyber activities"
body https://www.eeas.europa.eu/eeas/china-declaration-high-representative-behalf-eu-urging-action-against-malicious-cyber-activities_en <<'TEXT'
The European Union and its Member States note with concern the malicious cyber activities undertaken from the territory of China.

These irresponsible activities affected government institutions, political organisations and key industries. We urge the Chinese authorities to take action against such activities.
TEXT

page council.html https://www.consilium.europa.eu/en/press/press-releases/2021/07/19/cyber-attacks-statement/ \
	EU.COUNCIL 2021-07-19 en "Statement on malicious cyber activities affecting the European Union"
body https://www.consilium.europa.eu/en/press/press-releases/2021/07/19/cyber-attacks-statement/ <<'TEXT'
The Council condemns the malicious cyber activities that exploited vulnerabilities in mail server software.

Such behaviour is not in line with the norms of responsible state behaviour. The Council calls on all states to refrain from it.
TEXT

page nato.html https://www.nato.int/cps/en/natohq/news_185863.htm \
	NATO 2021-07-19 en "Statement by the North Atlantic Council in solidarity with those affected by recent malicious cyber activities"
body https://www.nato.int/cps/en/natohq/news_185863.htm <<'TEXT'
1. We stand in solidarity with all those who have been affected by recent malicious cyber activities, including the compromise of mail servers.

2. We call on all states, including China, to act responsibly in cyberspace and to uphold their international commitments.
TEXT

page state.html https://www.state.gov/responding-to-chinas-malicious-cyber-activities/ \
	USA.STATE 2021-07-19 en-US "Responding to China’s Malicious Cyber Activities"
body https://www.state.gov/responding-to-chinas-malicious-cyber-activities/ <<'TEXT'
The United States, joined by allies and partners, is exposing further irresponsible and destabilizing behavior in cyberspace by China.

The cyber actors affiliated with its Ministry of State Security carried out ransomware operations and extortion. We call on China to stop these activities.
TEXT

# The Commission's press corner declares nothing: its page header shows
# the date, and the address is the one the browser that saved the page
# wrote at its top.
page commission.html https://ec.europa.eu/commission/presscorner/detail/en/statement_21_3829 \
	EU.COMMISSION 2021-07-19 en "Statement by the Commission on malicious cyber activities against mail servers"
body https://ec.europa.eu/commission/presscorner/detail/en/statement_21_3829 <<'TEXT'
The Commission stands with the Member States that were hit by the compromise of mail server software earlier this year.

Those responsible used systems on Chinese territory. We call on the Chinese authorities not to let their territory be used for such activities and to take all appropriate measures against them.
TEXT

# GOV.UK names the department that publishes in a <meta>, and sets the
# lead paragraph apart under the title: it opens the body.
page govuk.html https://www.gov.uk/government/news/uk-and-allies-hold-chinese-state-responsible-for-cyber-attacks \
	GBR.FCDO 2021-07-19 en "UK and allies hold Chinese state responsible for cyber attacks"
body https://www.gov.uk/government/news/uk-and-allies-hold-chinese-state-responsible-for-cyber-attacks <<'TEXT'
The UK is joining allies to attribute a pattern of malicious cyber activity.

The attack on mail server software was highly likely carried out by a group backed by the Chinese state.

The Foreign Secretary said the Chinese government must end this systematic cyber sabotage and can expect to be held to account if it does not.
TEXT

check "a page without a canonical link: the issuer from ContentSource, read from standard input"
run_in "$PAGES/fmprc-zh.html" import -
expect_status 0
expect_out "1 new"
[ "$(q "SELECT a.code || '|' || s.date || '|' || s.language FROM statements s JOIN actors a ON a.id = s.issuer_id WHERE s.title = '2021年7月20日外交部发言人赵立坚主持例行记者会'")" = "CHN.MFA|2021-07-20|zh" ] &&
	ok || bad "fields of the Chinese page"
q "SELECT text FROM statements WHERE title = '2021年7月20日外交部发言人赵立坚主持例行记者会'" >got
cat >want <<'TEXT'
问：一些国家指责中国支持了针对邮件服务器的网络攻击。中方有何回应？

答：中方坚决反对美方及其盟友在网络安全问题上对中国的无端指责。美方纠集盟友，在网络问题上对中国进行抹黑，这是彻头彻尾的政治操弄。

我们敦促美方停止对中国的造谣污蔑。
TEXT
cmp -s got want && ok || bad "Chinese body: $(diff want got | head -5)"

check "a page on a pipe, told by its markup"
sed 's/news_185863/news_pipe/' "$PAGES/nato.html" >pipe.html
cat pipe.html | "$DEMARCHE" import - >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 0
expect_out "1 new"
[ "$(field https://www.nato.int/cps/en/natohq/news_pipe.htm a.code)" = NATO ] && ok || bad "the page on a pipe"

check "an ECL page header's description is the lead; a date among related pages is not the page's"
cat >ecl.html <<'HTML'
<html lang="en"><head><title>A news article</title>
<link rel="canonical" href="https://commission.europa.eu/news/a-news-article_en"></head>
<body><div class="related-news"><span class="ecl-date">12 July 2021</span> <a href="/b">Another article</a></div>
<div class="ecl-page-header"><h1 class="ecl-page-header__title">A news article</h1>
<p class="ecl-page-header__description">The Commission sums up the article in one sentence.</p></div>
<div class="ecl-u-type-m"><p>The article itself says more about the matter, in a paragraph long enough to be the body.</p>
<p>Another paragraph follows it.</p></div></body></html>
HTML
run import ecl.html
expect_status 1
expect_err "no date"
run import --date 2021-07-19 ecl.html
expect_status 0
body https://commission.europa.eu/news/a-news-article_en <<'TEXT'
The Commission sums up the article in one sentence.

The article itself says more about the matter, in a paragraph long enough to be the body.

Another paragraph follows it.
TEXT

check "a body that repeats its lead has it once"
sed -e 's|<p>The attack on mail|<p>The UK is joining allies to attribute a pattern of malicious cyber activity.</p>\n<p>The attack on mail|' \
    -e 's|uk-and-allies-hold-chinese-state-responsible-for-cyber-attacks|repeated-lead|g' "$PAGES/govuk.html" >repeated.html
run import repeated.html
expect_status 0
[ "$(field https://www.gov.uk/government/news/repeated-lead s.text | grep -c 'joining allies')" = 1 ] &&
	ok || bad "the lead twice or not at all"

check "the same page again changes nothing; edited, it updates the same statement"
run import "$PAGES/nato.html"
expect_status 0
expect_out "nothing changed"
sed 's/uphold their international commitments/keep their word/' "$PAGES/nato.html" >nato-edited.html
run import --update nato-edited.html
expect_status 0
expect_out "1 updated"
[ "$(q "SELECT count(*) FROM statements WHERE url LIKE '%news_185863%'")" = 1 ] && ok || bad "two statements"
field https://www.nato.int/cps/en/natohq/news_185863.htm s.text | grep -q "keep their word" && ok || bad "not updated"

check "--issuer overrides the table of sites"
sed 's/news_185863/news_999999/' "$PAGES/nato.html" >nato-other.html
run import --issuer NATO.SG nato-other.html
expect_status 0
[ "$(field https://www.nato.int/cps/en/natohq/news_999999.htm a.code)" = NATO.SG ] && ok || bad "issuer not overridden"

check "a page that says no date, and one of an unknown site: one-line errors, nothing kept"
before=$(q "SELECT count(*) FROM statements")
sed -e '/datetime/d' -e 's/news_185863/news_1/' "$PAGES/nato.html" >nodate.html
run import nodate.html
expect_status 1
expect_err "nodate.html"
expect_err "no date"
expect_err_lines 1
sed 's|www.nato.int|www.example.org|' "$PAGES/nato.html" >unknown.html
run import unknown.html
expect_status 1
expect_err "www.example.org"
expect_err "table of publishing sites"
expect_err_lines 1
printf '<html><body><nav><a href="/">Home</a></nav></body></html>' >empty.html
run import --issuer NATO --date 2021-07-19 empty.html
expect_status 1
expect_err "no statement in the page"
[ "$(q "SELECT count(*) FROM statements")" = "$before" ] && ok || bad "something was kept"

check "--keep-going: the good pages of a run are kept, each bad one reported"
sed 's/news_185863/news_2/' "$PAGES/nato.html" >good.html
run import --keep-going nodate.html good.html unknown.html
expect_status 1
expect_err "nodate.html"
expect_err "unknown.html"
[ "$(q "SELECT count(*) FROM statements WHERE url LIKE '%news_2.htm'")" = 1 ] && ok || bad "the good page was not kept"

check "markup never loads an entity nor expands one a billion times"
cat >xxe.html <<'HTML'
<!DOCTYPE html [
<!ENTITY xxe SYSTEM "file:///etc/passwd">
<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<html><head><title>Entities</title><meta name="PubDate" content="2021-07-19"></head>
<body><div class="content"><p>Before &xxe; and &h; after, in a paragraph long enough.</p></div></body></html>
HTML
run import --issuer NATO xxe.html
expect_status 0
[ "$(q "SELECT count(*) FROM statements WHERE text LIKE '%root:%' OR length(text) > 1000")" = 0 ] &&
	ok || bad "an entity was loaded or expanded"

finish
