# Joint statements: an issuer that names several actors, in English or in
# Chinese, or an "issuer" array, makes one statement with co-issuers, each
# a claimant of what the issuers say together, found by --actor, carried
# by the listings and exports and back through JSON Lines.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 test.db "$1"; }
issuers() { q "SELECT group_concat(code, ' ') FROM (SELECT a.code FROM statements s JOIN actors a ON a.id = s.issuer_id WHERE s.id = '$1' UNION ALL SELECT * FROM (SELECT a.code FROM statements s JOIN co_issuers c ON c.statement_id = s.sid JOIN actors a ON a.id = c.actor_id WHERE s.id = '$1' ORDER BY c.seq))"; }
run init

cat >joint.jsonl <<'JSON'
{"id": "j1", "issuer": "Foreign Ministers of Chile, Peru and Colombia", "date": "2023-05-01", "claims": [{"kind": "condemn", "target": "VEN"}, {"kind": "support", "by": "PER", "target": "ECU"}]}
{"id": "j2", "issuer": ["NOR", "Iceland"], "date": "2023-05-02", "claims": [{"kind": "accuse", "target": "RUS"}]}
{"id": "j3", "issuer": "Joint statement by Kenya and Uganda", "date": "2023-05-03", "claims": [{"kind": "criticize", "target": "SOM"}]}
{"id": "j4", "issuer": "巴西和阿根廷联合声明", "date": "2023-05-04", "claims": [{"kind": "criticize", "target": "PRY"}]}
{"id": "j5", "issuer": "Ghana", "date": "2023-05-05", "claims": [{"kind": "criticize", "target": "TGO"}]}
JSON

check "each joint issuer line gives its issuers in order"
run import joint.jsonl
expect_status 0
expect_out "5 new"
expect_out "0 unresolved"
[ "$(issuers j1)" = "CHL.MFA PER.MFA COL.MFA" ] && ok || bad "list: $(issuers j1)"
[ "$(issuers j2)" = "NOR ISL" ] && ok || bad "array: $(issuers j2)"
[ "$(issuers j3)" = "KEN UGA" ] && ok || bad "joint statement by: $(issuers j3)"
[ "$(issuers j4)" = "BRA ARG" ] && ok || bad "联合声明: $(issuers j4)"
[ "$(issuers j5)" = "GHA" ] && ok || bad "one issuer: $(issuers j5)"
[ "$(q "SELECT count(*) FROM co_issuers")" = 5 ] && ok || bad "co-issuer rows"

check "a claim the issuers make is each one's; a claimant named stays one"
[ "$(q "SELECT count(*) FROM claims c JOIN statements s ON s.sid = c.statement_id WHERE s.id = 'j1'")" = 4 ] &&
	ok || bad "j1 claims: 3 condemn and 1 support"
run claims --by PER.MFA --csv
expect_out "condemn,111,VEN"
run claims --by PER --exact --csv
expect_out "support,051,ECU"

check "who counts each co-issuer once"
run who --against VEN --csv
expect_status 0
for c in CHL.MFA PER.MFA COL.MFA; do
	[ "$(grep -c "^$c,.*,VEN,Venezuela.*,1,1," out)" = 1 ] && ok || bad "$c once"
done
[ "$(grep -c ',VEN,' out)" = 3 ] && ok || bad "three accusers of VEN"
run who --against RUS --rollup --csv
expect_out "NOR,Norway,RUS,Russia,1,1,"
expect_out "ISL,Iceland,RUS,Russia,1,1,"

check "--actor finds a statement by any of its issuers"
run statements --actor ISL --csv
expect_out "j2,2023-05-02,NOR;ISL,Norway;Iceland,"
run statements --actor COL --from 2023-05-01 --to 2023-05-31 --csv
expect_out "j1,"
expect_no_out "j2,"
run claims --actor UGA --csv
expect_out ",j3,"
run actors --search Iceland --csv
expect_out "ISL,Iceland,state,,ISL,"
grep -q '^ISL,.*,1,1,0' out && ok || bad "statements and claims of a co-issuer"

check "thread heads a joint statement with all its issuers"
run thread j2
expect_status 0
expect_out "2023-05-02  NOR; ISL  j2"

check "JSON gives the issuers as an array, one issuer as a string"
run statements --actor NOR --json
expect_out '"issuer_code": ["NOR", "ISL"]'
run statements --actor GHA --json
expect_out '"issuer_code": "GHA"'

check "the JSON Lines export round-trips the co-issuers"
run export statements --format jsonl -o first.jsonl
expect_status 0
grep -q '"issuer": *\["NOR", *"ISL"\]' first.jsonl && ok || bad "array in the export"
DEMARCHE_DB="$WORK/copy.db" run init
DEMARCHE_DB="$WORK/copy.db" run import first.jsonl
expect_status 0
expect_out "5 new"
DEMARCHE_DB="$WORK/copy.db" run export statements --format jsonl -o second.jsonl
cmp -s first.jsonl second.jsonl && ok || bad "export, import, export differ: $(diff first.jsonl second.jsonl | head -5)"
run who --csv
cp out who1.csv
DEMARCHE_DB="$WORK/copy.db" run who --csv
cmp -s out who1.csv && ok || bad "who differs after the round trip"

check "the same joint file again changes nothing"
run import joint.jsonl
expect_out "nothing changed"

check "an empty issuer array is an error naming the statement"
echo '{"id": "bad", "issuer": [], "date": "2023-01-01"}' >bad.json
run import bad.json
expect_status 1
expect_err "'issuer' is empty"
echo '{"id": "bad", "issuer": ["NOR", 3], "date": "2023-01-01"}' >bad.json
run import bad.json
expect_status 1
expect_err "'issuer' item 2"

check "merging a co-issuer into the issuer keeps the statement's issuers once"
run actors merge ISL NOR
expect_status 0
[ "$(issuers j2)" = "NOR" ] && ok || bad "after merge: $(issuers j2)"

check "a text's Issuer line naming several makes the issuers' voice each one's"
cat >joint.txt <<'TXT'
Title: On the border
Issuer: Foreign Ministers of Finland and Estonia
Date: 2023-06-01

We strongly condemn Russia's violation of the border.
TXT
run import joint.txt
expect_status 0
[ "$(issuers "$(q "SELECT id FROM statements WHERE title = 'On the border'")")" = "FIN.MFA EST.MFA" ] && ok ||
	bad "text issuers"
run who --against RUS --csv
expect_out "FIN.MFA,"
expect_out "EST.MFA,"

finish
