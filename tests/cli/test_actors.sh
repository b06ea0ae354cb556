# Curating actors: add, alias, merge, and the listing's view of them.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 test.db "$1"; }
run init

check "add an actor with aliases"
run actors add xyz.mfa "Ministry of Xyz" --kind ministry --country CHN \
    --alias "Xyz MFA"
expect_status 0
run actors --search "xyz mfa" --csv
expect_out "XYZ.MFA,Ministry of Xyz,ministry,,CHN,Xyz MFA,0,0,0"

check "adding an existing code adds only its new aliases"
run actors add XYZ.MFA "Another name" --alias "Xyz foreign ministry"
expect_status 0
[ "$(q "SELECT name FROM actors WHERE code = 'XYZ.MFA'")" = "Ministry of Xyz" ] &&
	ok || bad "name kept"
[ "$(q "SELECT count(*) FROM aliases a JOIN actors x ON x.id = a.actor_id WHERE x.code = 'XYZ.MFA'")" = 3 ] &&
	ok || bad "alias added"

check "bad codes, kinds and countries are usage errors"
run actors add "x..y" "Bad"
expect_status 2
expect_err "invalid actor code 'x..y'"
run actors add XX "Bad" --kind nation
expect_status 2
expect_err "unknown actor kind 'nation'"
run actors add XX "Bad" --country China
expect_status 2
expect_err "invalid country 'China'"
run actors add XX
expect_status 2

check "listing by kind: an unknown kind is a usage error"
run actors --kind mission,ministry --csv
expect_status 0
expect_out "XYZ.MFA,Ministry of Xyz,ministry"
expect_out "CHN.MISSION-EU,"
run actors --kind nation
expect_status 2
expect_err "unknown actor kind 'nation' in --kind (state, igo, institution,"
expect_err "other, unresolved)"
if [ ! -s "$WORK/out" ]; then ok; else bad "stdout not empty"; fi

check "alias: an alias held by another actor is refused"
run actors alias XYZ.MFA "the Xyz ministry"
expect_status 0
expect_err "'the Xyz ministry' is an alias of 'XYZ.MFA'"
run actors alias "Xyz ministry" "Ministry of Xyz Affairs"
expect_status 0
run actors alias XYZ.MFA Beijing
expect_status 1
expect_err "'Beijing' already names 'CHN'"
run actors alias NOBODY-AT-ALL foo
expect_status 1
expect_err "no actor 'NOBODY-AT-ALL'"

check "merge moves statements, claims, targets and aliases"
cat >in.jsonl <<'JSON'
{"id": "m1", "issuer": "Xyz Gov", "date": "2021", "claims": [{"kind": "accuse", "target": ["Some Bad Actors", "XYZ.MFA"]}]}
{"id": "m2", "issuer": "EU", "date": "2021", "claims": [{"kind": "condemn", "by": "Xyz Gov", "target": "Some Bad Actors"}]}
JSON
run import in.jsonl
expect_out "2 unresolved actors"
sqlite3 test.db .dump >before.sql
run actors merge "Xyz Gov" XYZ.MFA
expect_status 0
expect_err "'Xyz Gov' merged into 'XYZ.MFA'"
[ "$(q "SELECT count(*) FROM actors WHERE code = 'X-XYZ-GOV'")" = 0 ] && ok ||
	bad "merged actor deleted"
[ "$(q "SELECT a.code FROM statements s JOIN actors a ON a.id = s.issuer_id WHERE s.id = 'm1'")" = XYZ.MFA ] &&
	ok || bad "issuer moved"
[ "$(q "SELECT count(*) FROM claims c JOIN actors a ON a.id = c.by_id WHERE a.code = 'XYZ.MFA'")" = 2 ] &&
	ok || bad "claims moved"
run import in.jsonl
expect_out "nothing changed"
[ "$(q "SELECT a.code FROM aliases l JOIN actors a ON a.id = l.actor_id WHERE l.folded = 'x-xyz-gov'")" = XYZ.MFA ] &&
	ok || bad "the old code stays findable"
[ "$(q 'PRAGMA foreign_key_check')" = "" ] && ok || bad "foreign keys"

check "a claim aimed at both merged actors keeps one target"
run actors merge "Some Bad Actors" XYZ.MFA
expect_status 0
[ "$(q "SELECT count(*) FROM claim_targets ct JOIN claims c ON c.id = ct.claim_id JOIN statements s ON s.sid = c.statement_id WHERE s.id = 'm1'")" = 1 ] &&
	ok || bad "one target"

check "merge refusals change nothing"
sqlite3 test.db .dump >before.sql
run actors merge XYZ.MFA XYZ.MFA
expect_status 2
run actors merge CHN CHN.MFA
expect_status 2
expect_err "cannot merge 'CHN' into its own sub-actor 'CHN.MFA'"
run actors merge NOBODY-AT-ALL CHN
expect_status 1
sqlite3 test.db .dump >after.sql
expect_same before.sql after.sql

finish
