# Unresolved actors: an import names the first few and counts the rest;
# 'actors --unresolved' shows beside each the known actor it comes
# nearest to, by the patterns or by the spelling of its name.
. "$(dirname "$0")/lib.sh"

run init
cat >wide.json <<'JSON'
{"id": "w1", "issuer": "Minstry of Defence of Kenya", "date": "2023-02-01",
 "claims": [{"kind": "accuse", "target": ["Tanzannia", "Etiopia",
 "Someone Far Away", "Ugandda", "Nobody Here", "Rwandaa", "Blue Moon People"]}]}
JSON

check "the import names five unresolved actors and counts the rest"
run import wide.json
expect_status 0
expect_out "8 unresolved actors"
[ "$(grep -c "unresolved actor '" err)" = 5 ] && ok || bad "five named"
expect_err "3 more unresolved actors, not named here ('demarche actors --unresolved' lists all 8"

check "each unresolved actor with its nearest known actor"
run actors --unresolved --csv
expect_status 0
expect_out "code,name,kind,parent_code,country,aliases,statements,claims_made,claims_received,nearest_code"
expect_out "X-TANZANNIA,Tanzannia,unresolved,,,,0,0,1,TZA"
expect_out "X-ETIOPIA,Etiopia,unresolved,,,,0,0,1,ETH"
expect_out "X-UGANDDA,Ugandda,unresolved,,,,0,0,1,UGA"
expect_out "X-MINSTRY-OF-DEFENCE-OF-KENYA,Minstry of Defence of Kenya,unresolved,,,,1,1,0,"
tr -d '\r' <out | grep -q '^X-NOBODY-HERE,.*,1,$' && ok || bad "nothing near 'Nobody Here'"
tr -d '\r' <out | grep -q '^X-BLUE-MOON-PEOPLE,.*,1,$' && ok || bad "nothing near 'Blue Moon People'"

check "an actor added later is found near the misspelt name"
run actors add KEN.MOD "Ministry of Defence of Kenya" --kind ministry
expect_status 0
run actors --unresolved --json
grep -q '"name": "Minstry of Defence of Kenya".*"nearest_code": "KEN.MOD"' out && ok ||
	bad "near the ministry"

check "a name the patterns now read shows the actor it resolves to"
sqlite3 test.db "INSERT INTO actors (code, name, kind) VALUES ('X-OLD', 'Embassy of Chile in Peru', 'unresolved')"
run actors --unresolved --csv
expect_out "X-OLD,Embassy of Chile in Peru,unresolved,,,,0,0,0,CHL.EMBASSY-PER"

check "the listing of all actors keeps its columns"
run actors --csv
expect_no_out "nearest_code"

finish
