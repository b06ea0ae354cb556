# The claim kinds are one table (src/util/claimkind.h): sanction and expel,
# added as a row and a migration, go through import, who, graph, report,
# export and help like any other kind, and who counts them only when
# asked.
. "$(dirname "$0")/lib.sh"

cat >kinds.json <<'JSON'
{"actors": [{"code": "EU", "name": "European Union"},
	{"code": "CHN", "name": "China"}, {"code": "RUS", "name": "Russia"}],
 "statements": [
  {"id": "eu-2021-03-22", "issuer": "EU", "date": "2021-03-22",
   "text": "The EU imposed sanctions on four Chinese officials.",
   "claims": [{"kind": "sanction", "target": "CHN", "topics": ["xinjiang"]},
	{"kind": "accuse", "target": "CHN"}]},
  {"id": "chn-2021-03-22", "issuer": "CHN", "date": "2021-03-22",
   "responds_to": ["eu-2021-03-22"],
   "text": "China decided to sanction ten European individuals.",
   "claims": [{"kind": "sanction", "target": "EU", "cameo": "1631"}]},
  {"id": "rus-2021-04-16", "issuer": "RUS", "date": "2021-04-16",
   "text": "Russia expelled three EU diplomats.",
   "claims": [{"kind": "expel", "target": "EU"}, {"kind": "assert"}]}]}
JSON

run init
run import kinds.json
check "claims of the new kinds import"
expect_status 0

check "each kind gets its CAMEO code from the table unless the claim gives one"
run claims --kind sanction,expel --csv
expect_status 0
expect_out "EU,European Union,sanction,163,CHN"
expect_out "CHN,China,sanction,1631,EU"
expect_out "RUS,Russia,expel,166,EU"

check "who counts accusations alone by default"
run who --csv
expect_status 0
expect_out "EU,European Union,CHN,China,1,1,2021-03-22,2021-03-22,accuse,"
expect_no_out "sanction"
expect_no_out "RUS"

check "who --kind sanction answers who sanctioned whom"
run who --kind sanction --csv
expect_status 0
expect_out "EU,European Union,CHN,China,1,1,2021-03-22,2021-03-22,sanction,xinjiang"
expect_out "CHN,China,EU,European Union,1,1,2021-03-22,2021-03-22,sanction,"
expect_no_out "RUS"
run who --kind sanction --mutual --csv
expect_status 0
expect_out "CHN,China,EU"
run who --kind expel,sanction --by RUS --csv
expect_out "RUS,Russia,EU,European Union,1,1,2021-04-16,2021-04-16,expel,"

check "an unknown kind names the kinds there are"
run who --kind sanctions
expect_status 2
expect_err "unknown claim kind 'sanctions' in --kind (sanction, expel,"
cat >bad.json <<'JSON'
{"id": "x", "issuer": "EU", "date": "2021-03-22",
 "claims": [{"kind": "expell", "target": "CHN"}]}
JSON
run import bad.json
expect_status 1
expect_err "unknown claim kind 'expell' (did you mean 'expel'?"

check "the archive refuses a kind it does not know, whatever writes it"
run check
expect_status 0
# (a claim without targets, which the who summary lets change kind)
if sqlite3 -cmd "PRAGMA foreign_keys = ON" test.db "UPDATE claims
    SET kind = 'boycott' WHERE kind = 'assert'" 2>err.txt; then
	bad "a claim of kind boycott went in"
else
	grep -q "FOREIGN KEY constraint failed" err.txt && ok ||
	    bad "not refused by the reference: $(cat err.txt)"
fi

check "the graph colours each kind from the table, and keys them"
run graph --kind sanction,expel,accuse
expect_status 0
expect_out '"EU" -> "CHN"'
expect_out "#e7298a"
expect_out "#01665e"
expect_out ">sanction</TD>"
expect_out ">expel</TD>"
# EU -> CHN is a sanction and an accusation: the gravest, sanction, colours it.
grep '"EU" -> "CHN"' "$WORK/out" | grep -q 'color="#e7298a' && ok ||
    bad "EU -> CHN not coloured as a sanction"

check "the report lists the pairs of --kind"
run report --kind sanction -o report.html
expect_status 0
grep -q "sanction" report.html && grep -q "xinjiang" report.html && ok ||
    bad "the report lacks the sanctions"

check "help lists every kind with its code"
run help claims
expect_status 0
expect_out "sanction   163"
expect_out "expel      166"
expect_out "accuse     112 *"
run help who
expect_out "marked * below"
expect_out "condemn    111 *"

finish
