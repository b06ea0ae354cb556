# timeline: counts per period equal to the same counts written by hand
# in SQL, partial dates counted only where they fit, every period
# present, the CSV read by Python and sqlite3, and the SVG drawn by a
# real browser.
. "$(dirname "$0")/lib.sh"

CHECK="$SOURCE_DIR/tests/cli/tl_check.py"
run init
expect_status 0

# Dates at every precision, and weeks across the turn of a year.
cat >dates.json <<'JSON'
[{"id": "d-day", "issuer": "CHN.MFA", "date": "2021-07-19",
  "claims": [{"kind": "accuse", "target": "USA"}]},
 {"id": "d-month", "issuer": "CHN.MFA", "date": "2021-07",
  "claims": [{"kind": "accuse", "target": ["USA", "NATO"]},
             {"kind": "criticize", "target": "EU"}]},
 {"id": "d-year", "issuer": "EU", "date": "2021",
  "claims": [{"kind": "condemn", "target": "CHN"}]},
 {"id": "d-sept", "issuer": "EU", "date": "2021-09-02",
  "claims": [{"kind": "reject", "target": "CHN.MFA"}]},
 {"id": "d-w53", "issuer": "USA", "date": "2021-01-03",
  "claims": [{"kind": "deny"}]},
 {"id": "d-w01", "issuer": "USA", "date": "2024-12-30",
  "claims": [{"kind": "deny"}]}]
JSON
run import dates.json
expect_status 0

check "a month counts in its month; a year only in its year"
run timeline --csv
expect_status 0
expect_no_out '2020-12'
expect_out '2021-01,1'
expect_out '2021-07,3'
expect_out '2021-08,0'
expect_out '2021-09,1'
expect_out '2024-12,1'
expect_err "1 claim dated more broadly than a month left out"
# A year lies within no range of months: --from and --to leave it out.
run timeline --from 2021-06 --to 2021-09 --csv
printf 'period,count\r\n2021-06,0\r\n2021-07,3\r\n2021-08,0\r\n2021-09,1\r\n' \
    >want.csv
expect_same "$WORK/out" want.csv
expect_err_lines 0
run timeline --per quarter --from 2021-07 --to 2021-09 --format tsv
printf 'period\tcount\n2021-Q3\t4\n' >want.tsv
expect_same "$WORK/out" want.tsv
run timeline --per year --format jsonl --from 2021 --to 2021
printf '{"period": "2021", "count": 6}\n' >want.jsonl
expect_same "$WORK/out" want.jsonl
expect_err_lines 0

check "at --per day a month is left out, and said so, never put in a day"
run timeline --per day --from 2021-07-18 --to 2021-07-20 --csv
printf 'period,count\r\n2021-07-18,0\r\n2021-07-19,1\r\n2021-07-20,0\r\n' \
    >want.csv
expect_same "$WORK/out" want.csv
run timeline --per day --from 2021-07 --to 2021-07 --csv
expect_err "2 claims dated more broadly than a day left out"

check "ISO weeks: 2021-01-03 is in 2020-W53, 2024-12-30 in 2025-W01"
run timeline --per week --kind deny --csv
expect_out '2020-W53,1'
expect_out '2025-W01,1'
expect_out '2024-W52,0'
run timeline --per week --kind deny --csv --group by
expect_out 'period,group,count'
expect_out '2020-W53,USA,1'

check "groups: a claim counts once in each of its targets' groups"
run timeline --from 2021-07 --to 2021-07 --group against --csv
expect_out '2021-07,USA,2'
expect_out '2021-07,NATO,1'
expect_out '2021-07,EU,1'
run timeline --per year --group pair --rollup --csv
expect_out '2021,EU -> CHN,2'
expect_out '2021,USA -> (none),1'
run timeline --statements --per year --group issuer --format json
expect_out '{"period": "2021", "group": "CHN.MFA", "count": 2}'
expect_out '{"period": "2022", "group": "EU", "count": 0}'

check "--top keeps the largest groups and sums the rest"
run timeline --per year --group kind --top 2 --csv
expect_out '2021,accuse,2'
expect_out '2021,(other),3'
expect_out '2024,deny,1'
run timeline --per year --group kind --top 2 --wide --csv
expect_out 'period,accuse,deny,(other)'
expect_out '2021,2,1,3'

check "the table draws a bar as long as the count"
run timeline --per year --group kind
expect_status 0
expect_out 'period  group'
expect_out '████████████████████████████████████████'

check "bad values are usage errors that name them"
run timeline --per fortnight
expect_status 2
expect_err "unknown period 'fortnight' in --per"
run timeline --group colour
expect_status 2
expect_err "unknown group 'colour'"
run timeline --statements --group against
expect_status 2
expect_err "--group against counts claims"
run timeline --statements --by CHN
expect_status 2
run timeline --top 0
expect_status 2
run timeline --limit 3
expect_status 2
expect_err "'--limit' does not apply"
run timeline --format xml
expect_status 2
run timeline --per day --from 1000 --to 9999
expect_status 2
expect_err "periods (at most"
run timeline --by NOBODY-AT-ALL
expect_status 1

# A joint statement: EU first, then USA and its State Department, with
# one claim, the EU's.
cat >joint.json <<'JSON'
{"id": "j-1", "issuer": ["EU", "USA", "USA.STATE"], "date": "2022-03-01",
 "claims": [{"kind": "condemn", "by": "EU", "target": "RUS"}]}
JSON
run import joint.json
expect_status 0

check "a joint statement counts under each issuer, once per rolled-up one"
for what in "" --statements; do
	run timeline $what --per year --from 2022 --to 2022 --group issuer --csv
	expect_out '2022,EU,1'
	expect_out '2022,USA,1'
	expect_out '2022,USA.STATE,1'
	run timeline $what --per year --from 2022 --to 2022 --group issuer \
	    --rollup --csv
	expect_out '2022,EU,1'
	expect_out '2022,USA,1'
	expect_no_out '2022,USA,2'
done
run timeline --per year --from 2022 --to 2022 --actor USA.STATE --exact --csv
expect_out '2022,1'
run timeline --statements --per year --from 2022 --to 2022 --actor USA.STATE \
    --exact --csv
expect_out '2022,1'

check "the report draws the same counts"
run report -o report.html
expect_status 0
per=$(sed -n 's/.*<h3>Claims per \([a-z]*\)<\/h3>.*/\1/p' report.html)
run timeline --kind accuse,criticize,condemn --per "$per" --csv
tr -d '\r' <"$WORK/out" | awk -F, 'NR > 1 {
	printf("<title>%s: %s</title>\n", $1, $2) }' >points.txt
n=0
while read -r point; do
	n=$((n + 1))
	grep -qF "$point" report.html || bad "the report lacks '$point'"
done <points.txt
if [ "$n" -gt 0 ]; then ok; else bad "no counts per '$per'"; fi

# The bench's generator at a small size: dates in every form, a fifth of
# them a month or a year; the counts against hand-written SQL.
if ! command -v cc >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1
then
	skip "the generated archive needs cc and python3"
	finish
	exit
fi
export DEMARCHE_DB="$WORK/gen.db"
cc -std=c11 -O2 -o gen "$SOURCE_DIR/bench/gen.c"
./gen -n 300 -s 19 "$SOURCE_DIR/schema/gazetteer.tsv" >gen.jsonl
run init
run import gen.jsonl
check "the generated archive imports"
expect_status 0
# Joint statements, dated in every form, within the ranges checked below.
cat >joint.json <<'JSON'
[{"id": "gj-1", "issuer": ["CHN.MFA", "RUS"], "date": "2010-06",
  "claims": [{"kind": "accuse", "target": "USA"}]},
 {"id": "gj-2", "issuer": ["USA", "GBR", "USA.STATE"], "date": "2010-06-15",
  "claims": [{"kind": "criticize", "target": ["CHN", "CHN.MFA"]},
             {"kind": "condemn", "by": "GBR", "target": "RUS"}]},
 {"id": "gj-3", "issuer": ["EU", "FRA"], "date": "2012",
  "claims": [{"kind": "condemn", "target": "RUS"}]},
 {"id": "gj-4", "issuer": ["JPN", "KOR"], "date": "2011-02-03",
  "claims": [{"kind": "deny"}]}]
JSON
run import joint.json
expect_status 0

# tl ARGS -- CHECK-ARGS: timeline ARGS as CSV, kept with CHECK-ARGS for
# tl_check.py; judged then checks all those kept in one python3 run
# (each start is slow where a version manager's shim stands for python3).
kept=0
tl() {
	_args=""
	while [ "$1" != "--" ]; do
		_args="$_args $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	run timeline $_args --csv
	if [ "$status" -ne 0 ]; then
		bad "timeline$_args: status $status"
		return
	fi
	kept=$((kept + 1))
	_n=tl-$(printf '%03d' "$kept")
	cp "$WORK/out" "$_n.csv"
	cp "$WORK/err" "$_n.err"
	printf '%s\0' "timeline$_args" "$DEMARCHE_DB" "$@" "$WORK/$_n.csv" \
	    "$WORK/$_n.err" >"$_n.args"
}

# judged: tl_check.py's verdict on each timeline kept by tl since the
# last call, an ok or a bad each.
judged() {
	[ "$kept" -gt 0 ] || return
	python3 "$CHECK" tl-*.args >verdicts.txt 2>&1
	_n=0
	while read -r _verdict _rest; do
		case $_verdict in
		ok) _n=$((_n + 1)); ok ;;
		bad) _n=$((_n + 1)); bad "$_rest" ;;
		*) bad "tl_check.py: $_verdict $_rest" ;;
		esac
	done <verdicts.txt
	[ "$_n" -eq "$kept" ] || bad "tl_check.py judged $_n of $kept timelines"
	rm -f tl-*
	kept=0
}

# key GROUP: the group's key in tl_check.py's SQL.
key() {
	case $1 in
	pair) echo "b.code || ' -> ' || ifnull(t.code, '(none)')" ;;
	by) echo "b.code" ;;
	against) echo "ifnull(t.code, '(none)')" ;;
	kind) echo "c.kind" ;;
	issuer) echo "i.code" ;;
	esac
}

check "every --per and --group equals the SQL aggregate"
for per in day week month quarter year; do
	tl --per $per -- $per
	tl --per $per --statements -- $per --statements
	# Within bounds: every group has every period, a row each.
	case $per in
	day|week) lo=2010-01-01 hi=2011-12-31 ;;
	*) lo=2005-01-01 hi=2014-12-31 ;;
	esac
	in="s.date_lo >= '$lo' AND s.date_hi <= '$hi'"
	for group in pair by against kind issuer; do
		tl --per $per --from "$lo" --to "$hi" --group $group -- $per \
		    --key "$(key $group)" --range "$lo" "$hi" --where "$in"
	done
	tl --per $per --from "$lo" --to "$hi" --statements --group kind -- \
	    $per --statements --key "s.kind" --range "$lo" "$hi" --where "$in"
done
judged

check "the filters of the listings, against the same filters in SQL"
CHN="(b.code = 'CHN' OR b.code LIKE 'CHN.%')"
tl --by CHN --per month -- month --where "$CHN"
tl --by CHN --exact --group against -- month --where "b.code = 'CHN'" \
    --key "ifnull(t.code, '(none)')"
tl --against USA --group by --rollup --per quarter -- quarter \
    --where "(t.code = 'USA' OR t.code LIKE 'USA.%')" \
    --key "CASE WHEN instr(b.code, '.') > 0 THEN substr(b.code, 1, instr(b.code, '.') - 1) ELSE b.code END"
tl --actor CHN --per year -- year \
    --where "($CHN OR i.code = 'CHN' OR i.code LIKE 'CHN.%')"
tl --kind accuse,condemn --from 2005-03 --to 2012 -- month \
    --where "c.kind IN ('accuse', 'condemn') AND s.date_lo >= '2005-03-01' AND s.date_hi <= '2012-12-31'" \
    --range 2005-03-01 2012-12-31
tl --method curated --group kind --per quarter -- quarter --where "c.method = 'curated'" \
    --key "c.kind"
topic=$(sqlite3 "$DEMARCHE_DB" "SELECT topic FROM claim_topics
    GROUP BY topic ORDER BY count(*) DESC, topic LIMIT 1")
tl --topic "$topic" --per year -- year --where "c.id IN (SELECT claim_id FROM
    claim_topics WHERE topic = '$topic')"
tl --statements --actor EU --group issuer -- month --statements \
    --where "(i.code = 'EU' OR i.code LIKE 'EU.%' OR s.sid IN (SELECT
    statement_id FROM claims c JOIN actors b ON b.id = c.by_id
    WHERE b.code = 'EU' OR b.code LIKE 'EU.%'))" --key "i.code"
judged

# same ARGS: timeline ARGS counts the same from its summary as from the
# claims, which --method curated (every claim here) makes it count.
same() {
	run timeline "$@" --csv
	cp "$WORK/out" summary.csv
	run timeline "$@" --method curated --csv
	if [ "$status" -eq 0 ] && cmp -s summary.csv "$WORK/out"; then ok
	else bad "timeline $*: the summary and the claims differ"; fi
}

check "the summary counts as the claims do"
if [ "$(sqlite3 "$DEMARCHE_DB" "SELECT count(*) FROM claims
    WHERE method <> 'curated' OR review IS NOT NULL")" = 0 ]; then ok
else bad "claims not curated: --method curated would count fewer"; fi
for per in day week month quarter year; do
	same --per $per
	same --per $per --group kind
	same --per $per --kind accuse,condemn --from 2005-03 --to 2012
	same --per $per --group kind --top 3 --from 2010-06-15 --to 2011
done

# Twenty statements again with --update: another date, some a month or a
# year, and only their first claim, of another kind; then a text coded by
# rule, and coded again.
python3 - gen.jsonl >changed.jsonl <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()[1:21]
for i, line in enumerate(lines):
    st = json.loads(line)
    st["date"] = ["2011-03-0%d" % (i % 9 + 1), "2011-04", "2010"][i % 3]
    st["claims"] = [dict(c, kind="reject") for c in st.get("claims", [])[:1]]
    print(json.dumps(st))
PY
run import --update changed.jsonl
expect_status 0
expect_out "20 updated"
write_drills drills.txt
run import drills.txt
expect_status 0
run import --recode
expect_status 0

check "the counts stay right after --update and --recode"
run check
expect_status 0
expect_out "timeline counts                ok"
tl --per month -- month
tl --per year --group kind -- year --key "c.kind"
tl --per year --group kind --method curated -- year --key "c.kind" \
    --where "c.method = 'curated'"
judged

# total: the sum of the counts of timeline --per year (a date lies in
# one year), against the claims in force.
total() {
	run timeline --per year --csv
	awk -F, 'NR > 1 { s += $2 } END { print s + 0 }' "$WORK/out"
}
in_force=$(sqlite3 "$DEMARCHE_DB" "SELECT count(*) FROM claims
    WHERE review IS NULL OR review = 'reviewed'")

check "check finds counts unlike the claims, which the timeline reads; --rebuild"
sqlite3 "$DEMARCHE_DB" "UPDATE timeline_counts SET n = n + 1 WHERE
    (date_lo, date_hi, kind) = (SELECT date_lo, date_hi, kind
    FROM timeline_counts ORDER BY date_lo LIMIT 1)"
run check
expect_status 1
expect_out "timeline counts                2 rows differ from the claims"
[ "$(total)" = $((in_force + 1)) ] && ok || bad "the timeline read no counts"
run check --rebuild
expect_status 0
expect_out "timeline counts                ok"
[ "$(total)" = "$in_force" ] && ok || bad "total $(total), want $in_force"

check "the rest summed as (other) keeps every claim"
run timeline --per year --csv
tail -n +2 "$WORK/out" | tr -d '\r' >all.csv
run timeline --per year --group by --top 3 --wide --csv
python3 - "$WORK/out" all.csv >sums.txt <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
for r in rows[1:]:
    print("%s,%d" % (r[0], sum(int(x) for x in r[1:])))
PY
expect_same sums.txt all.csv

check "the CSV loads in Python's csv, pandas and sqlite3 with its types"
run timeline --per month --group kind --csv
cp "$WORK/out" long.csv
if python3 - long.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows and set(rows[0]) == {"period", "group", "count"}, rows[:1]
assert all(int(r["count"]) >= 0 for r in rows)
try:
    import pandas
except ImportError:
    sys.exit(0)
df = pandas.read_csv(sys.argv[1])
assert str(df["count"].dtype) == "int64", df.dtypes
assert len(df) == len(rows)
PY
then ok; else bad "Python cannot read the CSV"; fi
if command -v sqlite3 >/dev/null 2>&1; then
	rm -f import.db
	sqlite3 import.db "CREATE TABLE t (period TEXT, \"group\" TEXT,
	    count INTEGER)"
	sqlite3 import.db ".import --csv --skip 1 long.csv t"
	n=$(sqlite3 import.db "SELECT count(*) FROM t WHERE typeof(count) =
	    'integer' AND period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
	    AND \"group\" NOT GLOB '*[^a-z]*'")
	want=$(($(wc -l <long.csv) - 1))
	if [ "$n" -eq "$want" ]; then ok; else
		bad "sqlite3 .import: $n typed rows of $want"; fi
	# The counts as imported are the counts.
	s1=$(sqlite3 import.db "SELECT sum(count) FROM t")
	s2=$(awk -F, 'NR > 1 { s += $3 } END { print s }' long.csv)
	if [ "$s1" = "$s2" ]; then ok; else bad "sum $s1, want $s2"; fi
fi

check "timeline -o FILE.svg writes a well-formed SVG"
run timeline --per quarter --group by --top 4 -o tl.svg
expect_status 0
expect_err "written to 'tl.svg'"
if python3 -c "import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
assert r.tag == '{http://www.w3.org/2000/svg}svg', r.tag
assert len(r.findall('.//{http://www.w3.org/2000/svg}polyline')) == 5
" tl.svg; then ok; else bad "not the SVG of 5 lines"; fi
if grep -q '<script\|href=\|url(' tl.svg; then
	bad "the SVG loads or runs something"; else ok; fi

if ! find_chrome; then
	finish
	exit
fi
check "Chromium draws the SVG: a screenshot of its size, in colour"
browse --window-size=1160,424 --screenshot="$WORK/shot.png" \
    "file://$WORK/tl.svg" >/dev/null
if [ -s "$WORK/shot.png" ] &&
    stats=$(python3 "$SOURCE_DIR/tests/cli/pngstat.py" "$WORK/shot.png")
then
	set -- $stats
	echo "screenshot: ${1}x$2, $3 colours, $4% inked"
	if [ "$1" -eq 1160 ] && [ "$2" -eq 424 ]; then ok; else
		bad "screenshot is ${1}x$2"; fi
	if [ "$3" -ge 16 ]; then ok; else bad "only $3 colours: blank?"; fi
	if python3 -c "import sys; sys.exit(not float(sys.argv[1]) >= 1)" "$4"
	then ok; else bad "only $4% inked: blank?"; fi
else
	bad "no screenshot: $(tail -n 3 "$WORK/chrome.log")"
fi

finish
