# A reviewer's decisions on the claims the rule coder proposed, without a
# terminal: claims accept, reject and edit.  They last: the listings and
# who follow them, a recode and a re-import do not bring back a rejected
# claim, and the JSON Lines export carries them to another archive.
. "$(dirname "$0")/lib.sh"

run init

write_drills drills.txt
run import drills.txt

# id_of TEXT: the id of the rule claim whose quote holds TEXT.
id_of() {
	"$DEMARCHE" claims --method rule --csv | grep -F "$1" | cut -d, -f1
}

checked() {
	run check
	expect_status 0
	expect_out "who summary                    ok"
	expect_out "timeline counts                ok"
}

check "the coder proposes four claims"
run claims --method rule --csv
expect_status 0
[ "$(tail -n +2 out | wc -l)" -eq 4 ] && ok || bad "want 4 rule claims"
japan=$(id_of Japan)
usa=$(id_of "United States")
aus=$(id_of Australia)
phl=$(id_of Philippines)
[ "$(who_accused)" = "AUS JPN USA " ] && ok || bad "who: $(who_accused)"

check "a bad id changes nothing"
"$DEMARCHE" claims --csv >before.csv
run claims accept "$phl" 999999
expect_status 1
expect_err "no claim 999999"
"$DEMARCHE" claims --csv >after.csv
expect_same before.csv after.csv
run claims accept "$phl" x12
expect_status 2
expect_err "'x12' is not a claim id"
run claims edit "$phl" --target NOBODY-AT-ALL
expect_status 1
expect_err "no actor 'NOBODY-AT-ALL'"
run claims edit "$phl" --kind scold
expect_status 1
expect_err "unknown claim kind 'scold'"
run claims accept "$phl" --kind condemn
expect_status 2
run claims edit "$phl"
expect_status 2
expect_err "edit needs --kind, --by or --target"
run claims reject
expect_status 2
"$DEMARCHE" claims --csv >after.csv
expect_same before.csv after.csv

check "accept makes a reviewed claim in the rule claim's place"
run claims accept "$japan" --reviewer ana
expect_status 0
expect_out "claim $japan accepted: claim "
run claims --method reviewed --csv
expect_out "JPN,Japan"
expect_out ",reviewed,strongly condemns"
run claims --method rule --csv
expect_no_out "Japan for its"
[ "$(who_accused)" = "AUS JPN USA " ] && ok || bad "who: $(who_accused)"
checked

check "reject takes the claim out of the listings and of who"
run claims reject "$usa" --reviewer ana
expect_status 0
expect_out "claim $usa rejected"
run claims --csv
expect_no_out "United States"
[ "$(who_accused)" = "AUS JPN " ] && ok || bad "who: $(who_accused)"
checked

check "edit, with the ids on standard input, changes the targets"
echo "$aus" >ids
run_in ids claims edit - --target NATO,GBR
expect_status 0
expect_out "claim $aus edited: claim "
[ "$(who_accused)" = "GBR JPN NATO " ] && ok || bad "who: $(who_accused)"
checked

check "a decided claim is not decided again"
run claims reject "$usa"
expect_status 1
expect_err "claim $usa is not a proposed claim: it is rejected"
reviewed=$("$DEMARCHE" claims --method reviewed --csv | sed -n 2p | cut -d, -f1)
run claims accept "$reviewed"
expect_status 1
expect_err "is not a proposed claim"

check "a usage error points to the help of the verb given"
run claims edit 1
expect_status 2
expect_err "see 'demarche claims edit --help'"
run claims reject --kidn accuse 1
expect_status 2
expect_err "did you mean '--kind'?"
expect_err "see 'demarche claims reject --help'"

check "the listings count the claims in force"
run statements --csv
expect_out ",3,"
run stats
expect_out "claims      3"
run claims --method curated
expect_status 0
expect_err "no claims"

check "a recode brings back no decided claim"
# The ids change, and the order (curated and reviewed claims go first).
"$DEMARCHE" claims --csv | cut -d, -f2- | sort >before.csv
run import --recode
expect_status 0
"$DEMARCHE" claims --csv | cut -d, -f2- | sort >after.csv
expect_same before.csv after.csv
[ "$(who_accused)" = "GBR JPN NATO " ] && ok || bad "who: $(who_accused)"
checked

check "a changed statement imported again keeps the decisions"
# As its first import wrote it: the text changed, the rule claims without
# decisions, no reviewed claim.
"$DEMARCHE" export statements --format jsonl | python3 -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    if "claims" in o:
        o["text"] = o["text"].replace("at once.",
            "at once. We condemn Canada for its arrests.")
        o["claims"] = [c for c in o["claims"] if c["method"] == "rule"]
        for c in o["claims"]:
            for k in ("review", "reviewer", "reviewed_at"):
                c.pop(k, None)
    print(json.dumps(o))' >changed.jsonl
run import --update changed.jsonl
expect_status 0
expect_out "0 new, 1 updated"
[ "$(who_accused)" = "GBR JPN NATO " ] && ok || bad "who: $(who_accused)"
checked
run import --recode
expect_status 0
run claims --csv
expect_no_out "United States"
expect_out "CAN,Canada"
[ "$(who_accused)" = "CAN GBR JPN NATO " ] && ok || bad "who: $(who_accused)"
run claims --method reviewed --csv
[ "$(tail -n +2 out | wc -l)" -eq 3 ] && ok || bad "want 3 reviewed rows"
checked

check "the JSON Lines export carries the decisions to another archive"
run export statements --format jsonl -o one.jsonl
expect_status 0
grep -q '"review":"rejected","reviewer":"ana"' one.jsonl && ok ||
    bad "no rejection in the export"
grep -q '"method":"reviewed"' one.jsonl && ok || bad "no reviewed claim"
"$DEMARCHE" who --csv >who1.csv
"$DEMARCHE" claims --csv | cut -d, -f2- >claims1.csv
export DEMARCHE_DB="$WORK/two.db"
run init
run import one.jsonl
expect_status 0
run export statements --format jsonl -o two.jsonl
expect_same one.jsonl two.jsonl
"$DEMARCHE" who --csv >who2.csv
expect_same who1.csv who2.csv
"$DEMARCHE" claims --csv | cut -d, -f2- >claims2.csv
expect_same claims1.csv claims2.csv
checked
run import --recode
"$DEMARCHE" who --csv >who2.csv
expect_same who1.csv who2.csv

check "a decision is refused in an unknown form"
cat >bad.json <<'EOF'
{"issuer": "CHN", "date": "2024-01-02", "claims": [{"kind": "accuse", "method": "curated", "review": "rejected"}]}
EOF
run import bad.json
expect_status 1
expect_err "'review' is \"rejected\", on a claim of method rule"

check "an archive of level 11 takes decisions on its rule claims"
export DEMARCHE_DB="$WORK/old.db"
run init
run import drills.txt
archive_at 11 old.db
run claims --method rule --csv
expect_status 0
usa=$(id_of "United States")
aus=$(id_of Australia)
run claims reject "$usa"
expect_status 0
run claims edit "$aus" --target NATO
expect_status 0
run import --recode
[ "$(who_accused)" = "JPN NATO " ] && ok || bad "who: $(who_accused)"
checked

finish
