# Issuers and claimants written as phrases: ministries, embassies, missions
# and office-holders of any state resolve by pattern to actors made on
# first use, under their state, in English and in Chinese.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 test.db "$1"; }
actor() { q "SELECT code || '|' || kind || '|' || coalesce((SELECT code FROM actors p WHERE p.id = a.parent_id), '') || '|' || coalesce(country, '') FROM actors a WHERE code = '$1'"; }
issuer() { q "SELECT a.code FROM statements s JOIN actors a ON a.id = s.issuer_id WHERE s.id = '$1'"; }
run init

cat >phrases.jsonl <<'JSON'
{"id": "p1", "issuer": "Embassy of Peru in Chile", "date": "2023-03-01", "claims": [{"kind": "reject", "target": "Ministry of Foreign Affairs of Chile"}]}
{"id": "p2", "issuer": "the Embassy of Peru in Chile", "date": "2023-03-02"}
{"id": "p3", "issuer": "Foreign Secretary Jane Roe", "date": "2023-03-03"}
{"id": "p4", "issuer": "Permanent Mission of Ghana to the United Nations", "date": "2023-03-04"}
{"id": "p5", "issuer": "越南驻老挝大使馆", "date": "2023-03-05"}
{"id": "p6", "issuer": "Declaration by the High Representative on behalf of the EU", "date": "2023-03-06"}
{"id": "p7", "issuer": "some Western countries", "date": "2023-03-07"}
{"id": "p8", "issuer": "ken.embassy-per", "date": "2023-03-08"}
JSON

check "phrases resolve to actors made under their state"
run import phrases.jsonl
expect_status 0
expect_out "8 new"
expect_out "1 unresolved"
expect_err "'some Western countries'"
expect_no_out "Embassy of Peru"
[ "$(actor PER.EMBASSY-CHL)" = "PER.EMBASSY-CHL|mission|PER|PER" ] && ok || bad "embassy: $(actor PER.EMBASSY-CHL)"
[ "$(actor CHL.MFA)" = "CHL.MFA|ministry|CHL|CHL" ] && ok || bad "target: $(actor CHL.MFA)"
[ "$(actor GHA.MISSION-UN)" = "GHA.MISSION-UN|mission|GHA|GHA" ] && ok || bad "mission"
[ "$(actor VNM.EMBASSY-LAO)" = "VNM.EMBASSY-LAO|mission|VNM|VNM" ] && ok || bad "Chinese"
[ "$(issuer p2)" = PER.EMBASSY-CHL ] && ok || bad "same actor the second time"
[ "$(issuer p3)" = GBR.FCDO ] && ok || bad "office-holder: $(issuer p3)"
[ "$(issuer p6)" = EU ] && ok || bad "on behalf of: $(issuer p6)"
[ "$(actor KEN.EMBASSY-PER)" = "KEN.EMBASSY-PER|mission|KEN|KEN" ] && ok || bad "code"
[ "$(q "SELECT name FROM actors WHERE code = 'KEN.EMBASSY-PER'")" = "Embassy of Kenya in Peru" ] &&
	ok || bad "a code's actor named as its phrase would be"

check "the phrase is an alias; a person's name is not"
run actors --search "embassy of peru in chile" --csv
expect_out "PER.EMBASSY-CHL,Embassy of Peru in Chile,mission,PER,PER"
[ "$(q "SELECT count(*) FROM aliases WHERE alias LIKE '%Jane Roe%'")" = 0 ] &&
	ok || bad "person kept out of the aliases"
[ "$(q "SELECT count(*) FROM actors WHERE code LIKE '%ROE%'")" = 0 ] &&
	ok || bad "person kept out of the codes"

check "--actor finds statements of a state's institutions"
run statements --actor PER --csv
expect_status 0
expect_out "p1,"
expect_out "p2,"
expect_no_out "p4,"

check "a text's Issuer line resolves, and its own voice is the institution's"
cat >note.txt <<'TXT'
Title: A note
Issuer: Spokesperson of the Embassy of Norway in Peru
Date: 2023-04-01

Norway firmly rejects the groundless accusations made by Chile.
TXT
run import note.txt
expect_status 0
[ "$(issuer "$(q "SELECT id FROM statements WHERE title = 'A note'")")" = NOR.EMBASSY-PER ] &&
	ok || bad "text issuer"

check "--strict still fails on a name no pattern reads"
printf '{"issuer": "Ministry of Magic", "date": "2023-05-01"}\n' >magic.json
run import --strict magic.json
expect_status 1
expect_err "no actor 'Ministry of Magic'"
check "actors resolve: what an import would make, and by which rule"
run actors resolve "Embassy of Ghana in Peru"
expect_status 0
expect_out "code	GHA.EMBASSY-PER"
expect_out "kind	mission"
expect_out "parent	GHA"
expect_out "exists	no"
expect_out "rule	actor-patterns-en.tsv:"
[ "$(q "SELECT count(*) FROM actors WHERE code = 'GHA.EMBASSY-PER'")" = 0 ] &&
	ok || bad "resolve changes nothing"
run actors resolve "Embassy of Peru in Chile"
expect_out "code	PER.EMBASSY-CHL"
expect_out "exists	yes"
expect_out "rule	archive"
run actors resolve "印度和日本外长"
expect_status 0
expect_out "code	IND.MFA"
expect_out "code	JPN.MFA"
expect_out "rule	actor-patterns-zh.tsv:"
run actors resolve "Ministry of Magic"
expect_status 1
expect_err "no actor or pattern resolves 'Ministry of Magic'"
run actors resolve
expect_status 2

finish
