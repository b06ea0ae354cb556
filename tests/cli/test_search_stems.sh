# Search finds the English forms of a word ("systemic challenge" finds
# "systemic challenges"), while words in double quotes are found only as
# written; an archive indexed before stems migrates to an index with them.
. "$(dirname "$0")/lib.sh"

cat >stems.json <<'JSON'
[{"id": "nato-1", "issuer": "NATO", "date": "2021-06-14",
  "title": "Summit communiqué",
  "text": "Their stated ambitions present systemic challenges to the order we share.",
  "claims": [{"kind": "criticize", "target": "CHN",
    "summary": "Allies see systemic challenges"}]},
 {"id": "eu-1", "issuer": "EU", "date": "2021-03-22",
  "title": "Restrictive measures",
  "text": "The Council sanctioned four officials; each sanction is a challenge to the system.",
  "claims": []},
 {"id": "chn-1", "issuer": "CHN", "date": "2021-03-22",
  "title": "中方决定对欧方有关人员实施制裁",
  "text": "中方决定对欧方有关人员实施制裁。", "claims": []}]
JSON
run init
run import stems.json
expect_status 0

# ids: the statement ids search found, sorted, one line.
ids() {
	cut -d, -f2 "$WORK/out" | tail -n +2 | sort -u | tr '\n' ' '
}

check "search finds the other English forms of each word"
run search "systemic challenge" --csv
expect_status 0
[ "$(ids)" = "eu-1 nato-1 " ] && ok || bad "found $(ids)"
expect_out "[systemic] [challenges]"
expect_out "a [challenge] to the [system]"
run search "sanctions" --csv
[ "$(ids)" = "eu-1 " ] && ok || bad "found $(ids)"
expect_out "The Council [sanctioned] four officials; each [sanction]"
run search "Ambition" --csv
[ "$(ids)" = "nato-1 " ] && ok || bad "found $(ids)"

check "words in double quotes are found as written, side by side"
run search '"systemic challenges"' --csv
expect_status 0
[ "$(ids)" = "nato-1 " ] && ok || bad "found $(ids)"
expect_out "[systemic challenges]"
run search '"systemic challenge"' --csv
expect_status 0
[ "$(ids)" = "" ] && ok || bad "found $(ids)"
run search '"sanction" officials' --csv
[ "$(ids)" = "eu-1 " ] && ok || bad "found $(ids)"
run search '"sanctions"' --csv
[ "$(ids)" = "" ] && ok || bad "found $(ids)"
# a quote with no partner is text, as before
run search 'sanction"' --csv
[ "$(ids)" = "eu-1 " ] && ok || bad "found $(ids)"

check "--raw: bare words are stemmed, strings are exact, a prefix as written"
run search --raw 'systemic AND challenge' --csv
[ "$(ids)" = "eu-1 nato-1 " ] && ok || bad "found $(ids)"
run search --raw '"systemic challenge" OR "the ""system"""' --csv
[ "$(ids)" = "eu-1 " ] && ok || bad "found $(ids)"
run search --raw 'challenges*' --csv
[ "$(ids)" = "nato-1 " ] && ok || bad "found $(ids)"

check "Chinese is found by its words, not stemmed"
run search 制裁 --csv
[ "$(ids)" = "chn-1 " ] && ok || bad "found $(ids)"
run search '"欧方"' --csv
[ "$(ids)" = "chn-1 " ] && ok || bad "found $(ids)"

check "an archive indexed without stems is indexed again by the migration"
if [ -n "${DEMARCHE_SQLITE:-}" ]; then
	archive_at 14 test.db old.db
	# Its index emptied, as the words alone of an older index (the
	# tokenizer that indexed it here gives stems): only the migration's
	# rebuild can bring the stems back.
	sqlite3 -cmd ".load $DEMARCHE_SQLITE" old.db \
	    "INSERT INTO statements_fts (statements_fts) VALUES ('delete-all');
	    INSERT INTO claims_fts (claims_fts) VALUES ('delete-all')" &&
	    ok || bad "sqlite3 failed"
	run --db old.db search "systemic challenge"
	expect_status 0
	expect_err "archive brought from schema level 14 to $(ls "$SOURCE_DIR"/migrations/*.sql | wc -l)"
	expect_out "[systemic] [challenges]"
	run --db old.db check
	expect_status 0
else
	bad "DEMARCHE_SQLITE is not set"
fi

finish
