# The listings, thread, search and export on the July 2021 example, read
# back by real CSV consumers.
. "$(dirname "$0")/lib.sh"

EX="$SOURCE_DIR/examples"

run init
run import "$EX/july-2021.json"
check "the example imports"
expect_status 0

# Cells with a comma, quotes, a CR LF, a newline, a tab and non-ASCII text.
cat >tricky.json <<'JSON'
{"id": "tricky", "issuer": "CHN.MFA", "date": "2021-07-21",
 "title": "Commas, \"quotes\"\r\nand lines", "text": "中国驻欧盟使团 said: no",
 "claims": [{"kind": "reject", "target": ["EU", "NATO"],
   "topics": ["cyber", "Human Rights"],
   "summary": "=1+1, \"quoted\"\nnext line\ttab",
   "quote": "États-Unis, 欧盟"}]}
JSON
run import tricky.json
expect_status 0

check "statements in date order"
run statements --format tsv
expect_status 0
expect_out "id	date	issuer_code	issuer_name	kind	title	url	language	claims	responds_to"
expect_out "chn-mission-eu-2021-07-19-cyber	2021-07-19	CHN.MISSION-EU	"
expect_out "eu-hrvp-2021-07-19-cyber;nato-nac-2021-07-19-cyber"
if [ "$(tail -n 1 "$WORK/out" | cut -f 1)" = tricky ]; then ok; else
	bad "tricky is not last"; fi

check "--actor takes in the actors under it"
run statements --actor CHN --csv
expect_status 0
expect_out "chn-mission-eu-2021-07-19-cyber"
expect_out "chn-mfa-2021-07-20-cyber"
if grep -q '^eu-hrvp' "$WORK/out"; then bad "EU.HRVP listed"; else ok; fi
run statements --actor CHN --exact --csv
expect_status 0
[ "$(wc -l <"$WORK/out")" = 1 ] && ok || bad "--exact CHN listed something"

check "an actor that names nobody is a failure"
run statements --actor NOBODY
expect_status 1
expect_err "no actor 'NOBODY'"
expect_err_lines 1

check "an empty table prints nothing; json prints []"
run statements --on 1999
expect_status 0
if [ ! -s "$WORK/out" ]; then ok; else bad "stdout not empty"; fi
expect_err "no statements"
run claims --on 1999 --json
expect_status 0
[ "$(cat "$WORK/out")" = "[]" ] && ok || bad "json is not []"

check "bad filter values are usage errors"
run statements --from 07/08/2021
expect_status 2
expect_err "ambiguous"
run claims --kind acuse
expect_status 2
expect_err "unknown claim kind 'acuse' in --kind (sanction, expel, condemn, accuse,"
run statements --kind tweet
expect_status 2
expect_err "unknown statement kind 'tweet' in --kind (declaration,"
run claims --format xml
expect_status 2
run claims --limit 0
expect_status 2
run claims --limit
expect_status 2
expect_err "needs a value"

check "claims: one row per claim and target"
run claims --actor CHN.MISSION-EU --exact --kind reject --format jsonl
expect_status 0
expect_out '"target_code": "EU"'
expect_out '"target_code": "NATO"'
if [ "$(wc -l <"$WORK/out")" -eq 2 ]; then ok; else bad "want 2 rows"; fi

check "who: the accusations of the example"
run who --csv
expect_status 0
expect_out "accuser_code,accuser_name,accused_code,accused_name,claims,statements,first_date,last_date,kinds,topics"
expect_out "EU.HRVP,High Representative of the Union for Foreign Affairs and Security Policy,CHN,China,3,1,2021-07-19,2021-07-19,accuse;criticize,"
run who --mutual --csv
expect_status 0
[ "$(wc -l <"$WORK/out")" = 1 ] && ok || bad "mutual pairs without --rollup"

check "who --mutual --rollup: China and the EU, China and NATO"
run who --mutual --rollup --csv
expect_status 0
for pair in "CHN,China,EU," "EU,European Union,CHN," "CHN,China,NATO," \
    "NATO,North Atlantic Treaty Organization,CHN,"; do
	expect_out "$pair"
done

check "thread"
run thread chn-mission-eu-2021-07-19-cyber
expect_status 0
expect_out "2021-07-19  CHN.MISSION-EU  chn-mission-eu-2021-07-19-cyber"
expect_out "  responds to:"
expect_out "    2021-07-19  EU.HRVP  eu-hrvp-2021-07-19-cyber"
expect_out "  - assert by CHN.CNCERT: "
run thread nothing-here
expect_status 1
expect_err "no statement 'nothing-here'"

check "search takes text literally and finds Chinese words"
for text in "U.S." '"baseless"' "C++" "NOT" "a OR"; do
	run search "$text"
	expect_status 0
done
run search '"baseless"' --csv
expect_out "[baseless]"
run search 欧盟 --csv
expect_status 0
expect_out "statement,tricky,"
expect_out "中国驻[欧盟]使团"
run search 欧盟 --format jsonl --limit 1
expect_status 0
expect_out '"snippet": "États-Unis, [欧盟]"'
if [ "$(wc -l <"$WORK/out")" -eq 1 ]; then ok; else bad "want 1 row"; fi
run search --raw 'baseless AND ('
expect_status 2
expect_err "invalid search query"
expect_err "invalid search query 'baseless AND (' (with --raw it is FTS5 query syntax)"
# A column filter searches the one full-text table with those columns.
for limit in "" "--limit 20"; do
	run search --raw 'title:cyber' --csv $limit
	expect_status 0
	expect_out "statement,nato-nac-2021-07-19-cyber,,"
	expect_no_out "claim,"
	run search --raw 'quote:cyber' --csv $limit
	expect_status 0
	expect_out "claim,gbr-fcdo-2021-07-19-cyber,"
	expect_no_out "statement,"
	run search --raw 'summary:cyber' --actor EU --csv $limit
	expect_status 0
	expect_out "claim,eu-hrvp-2021-07-19-cyber,"
	expect_no_out "statement,"
	expect_no_out "NATO"
	# Columns of both tables, or of neither, are the user's error.
	for q in 'title:cyber OR quote:cyber' 'speaker:cyber'; do
		run search --raw "$q" $limit
		expect_status 2
		expect_err "invalid search query '$q': no table has all the columns it names (statements: title, text; claims: summary, quote)"
		expect_err_lines 1
	done
done

check "search: a snippet of a long text that repeats the word is short"
awk 'BEGIN { printf "{\"id\": \"long\", \"issuer\": \"EU\", \"date\": \"2021\", \"text\": \""
	for (i = 0; i < 32768; i++)
		printf "Cyber attack number %09d was condemned by many, said the text. ", i
	print "\"}" }' >long.json
run import long.json
expect_status 0
for limit in "" "--limit 3"; do
	run search "number 000032767" --csv $limit
	expect_status 0
	expect_out 'statement,long,,2021,EU,,"…text. Cyber attack [number] 000032766 was condemned by many, said the text. Cyber attack [number] [000032767] was condemned by many…"'
	if [ "$(wc -c <"$WORK/out")" -lt 400 ]; then ok; else
		bad "snippet of $(wc -c <"$WORK/out") bytes"; fi
done
run search "cyber" --raw --limit 2 --format jsonl
expect_status 0
if [ "$(wc -l <"$WORK/out")" -eq 2 ]; then ok; else bad "want 2 rows"; fi

check "search --limit: the head of the whole ranking, ties included"
# Equal texts rank equal.  Statements and claims are ranked and cut apart
# under --limit, which must still give the first rows of the whole list:
# okapi is in statements only, quagga in claims only, zebrafish in both.
python3 - "$WORK/ties.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(12):
        f.write(json.dumps({"id": "tie-%02d" % (11 - i), "issuer": "EU",
            "date": "2021", "title": "Okapi", "text": "Zebrafish zebrafish.",
            "claims": [{"kind": "accuse", "target": "CHN",
                        "summary": "A quagga and a zebrafish."}]}) + "\n")
PY
run import ties.jsonl
expect_status 0
for word in okapi:12 quagga:12 zebrafish:24; do
	run search "${word%:*}" --csv
	cp "$WORK/out" whole.csv
	[ "$(wc -l <whole.csv)" -eq $((${word#*:} + 1)) ] && ok ||
	    bad "search ${word%:*}: want ${word#*:} matches"
	for limit in 1 5 12 13 24 30; do
		run search "${word%:*}" --csv --limit "$limit"
		head -n "$((limit + 1))" whole.csv >head.csv
		expect_same "$WORK/out" head.csv
	done
done

check "actors"
run actors --search "western" --csv
expect_status 0
expect_out "WESTERN-COUNTRIES,Some Western countries,group,,,Western countries;unnamed Western countries,0,0,2"
run actors --unresolved
expect_status 0
expect_err "no actors"

check "the CSV reads back cell for cell (python csv)"
run export claims -o claims.csv
expect_status 0
expect_err "rows written to 'claims.csv'"
if python3 - claims.csv "$DEMARCHE_DB" <<'PY'
import csv, sqlite3, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
db = sqlite3.connect(sys.argv[2])
assert rows, "no rows"
n = 0
for r in rows:
    c = db.execute("SELECT s.id, c.kind, c.cameo, coalesce(c.summary, ''),"
        " coalesce(c.quote, ''), c.method FROM claims c JOIN statements s"
        " ON s.sid = c.statement_id WHERE c.id = ?", (int(r["claim_id"]),)
        ).fetchone()
    got = (r["statement_id"], r["kind"], r["cameo"], r["summary"],
        r["quote"], r["method"])
    assert got == c, (got, c)
    n += 1
tricky = [r for r in rows if r["statement_id"] == "tricky"]
assert [r["target_code"] for r in tricky] == ["EU", "NATO"], tricky
assert tricky[0]["summary"] == '=1+1, "quoted"\nnext line\ttab', tricky
assert tricky[0]["quote"] == "États-Unis, 欧盟"
assert tricky[0]["topics"] == "cyber;human-rights"
assert n == db.execute("SELECT count(*) FROM claims c LEFT JOIN"
    " claim_targets t ON t.claim_id = c.id").fetchone()[0]
PY
then ok; else bad "python csv disagrees with the archive"; fi

check "the CSV reads back cell for cell (sqlite3 .import)"
run export statements -o statements.csv
expect_status 0
rm -f back.db
sqlite3 back.db ".import --csv statements.csv s" 2>"$WORK/err"
mismatch=$(sqlite3 back.db "ATTACH '$DEMARCHE_DB' AS a;
	SELECT count(*) FROM s JOIN a.statements t ON t.id = s.id
	JOIN a.actors i ON i.id = t.issuer_id
	WHERE s.date IS NOT t.date OR s.issuer_code IS NOT i.code
	OR s.title IS NOT coalesce(t.title, '') OR s.url IS NOT coalesce(t.url, '')
	OR s.kind IS NOT t.kind OR s.language IS NOT t.language;
	SELECT (SELECT count(*) FROM s) - (SELECT count(*) FROM a.statements);")
if [ "$mismatch" = "0
0" ]; then ok; else bad "sqlite3 .import disagrees: $mismatch"; fi
title=$(sqlite3 back.db "SELECT hex(title) FROM s WHERE id = 'tricky'")
want=$(printf 'Commas, "quotes"\r\nand lines' | od -An -tx1 | tr -d ' \n' |
    tr a-f A-F)
if [ "$title" = "$want" ]; then ok; else bad "title $title, want $want"; fi

check "csv is RFC 4180: CRLF, quoted cells; --excel adds a BOM"
if head -n 1 claims.csv | od -c | grep -q '\\r  \\n'; then ok; else
	bad "header does not end in CRLF"; fi
run export claims --excel --actor CHN.MFA --on 2021-07-21
expect_status 0
if head -c 3 "$WORK/out" | od -An -tx1 | grep -q "ef bb bf"; then ok; else
	bad "no BOM"; fi
expect_out "\"'=1+1, \"\"quoted\"\""

check "a failed export leaves the old file"
printf 'old\n' >keep.csv
run export claims --actor NOBODY -o keep.csv
expect_status 1
if [ "$(cat keep.csv)" = old ]; then ok; else bad "keep.csv changed"; fi
if [ "$(ls keep.csv.* 2>/dev/null | wc -l)" -eq 0 ]; then ok; else
	bad "temporary file left"; fi
run export nonsense
expect_status 2

finish
