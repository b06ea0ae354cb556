# The machine formats as programs read them: valid when nothing matches,
# --excel as CSV for spreadsheets wherever it is taken, and the help of
# each listing consistent with its output.
. "$(dirname "$0")/lib.sh"

run init
cat >one.json <<'JSON'
{"id": "eu-1", "issuer": "EU", "date": "2021-03-22", "title": "=HYPERLINK(\"x\")",
 "claims": [{"kind": "condemn", "target": "CHN", "summary": "=1+1"}]}
JSON
run import one.json

check "json is [] and csv, tsv have their header when nothing matches"
# actors have no date: a search that names nobody matches nothing there.
for cmd in "statements --on 2020-01-01" "claims --on 2020-01-01" \
    "who --on 2020-01-01" "actors --search nobody-at-all" \
    "search nothingmatches --on 2020-01-01" \
    "export statements --on 2020-01-01" "export claims --on 2020-01-01" \
    "export who --on 2020-01-01"; do
	run $cmd --format json
	expect_status 0
	python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == []' \
		"$WORK/out" && ok || bad "$cmd: json is not []"
	run $cmd --format csv
	expect_status 0
	python3 -c 'import csv,sys; r = list(csv.reader(open(sys.argv[1], newline=""))); assert len(r) == 1 and len(r[0]) > 3, r' \
		"$WORK/out" && ok || bad "$cmd: csv has no header"
	run $cmd --csv
	[ "$(wc -l <"$WORK/out")" = 1 ] && ok || bad "$cmd: --csv has no header"
	run $cmd --format tsv
	[ "$(wc -l <"$WORK/out")" = 1 ] && ok || bad "$cmd: tsv has no header"
	run $cmd --format jsonl
	expect_status 0
	[ -s "$WORK/out" ] && bad "$cmd: jsonl is not empty" || ok
done

check "a table says so on standard error and prints nothing"
run who --on 2020-01-01
expect_status 0
expect_err "no "
[ -s "$WORK/out" ] && bad "a table printed rows" || ok

check "--excel is csv for spreadsheets in every listing"
bom=$(printf '\357\273\277')
for cmd in statements claims who actors "search sanctions" "export claims"; do
	run $cmd --excel
	expect_status 0
	[ "$(head -c 3 "$WORK/out")" = "$bom" ] && ok || bad "$cmd --excel: no BOM"
	head -n 1 "$WORK/out" | grep -q ',' && ok || bad "$cmd --excel: not csv"
done
run claims --excel
expect_out "'=1+1"
expect_no_out ",=1+1"
run statements --excel --format csv
expect_status 0
expect_out "'=HYPERLINK"

check "--excel is refused with another machine format"
for f in tsv json jsonl; do
	run claims --excel --format $f
	expect_status 2
	expect_err "--excel is csv for spreadsheets; it does not go with --format $f"
	run export claims --format $f --excel
	expect_status 2
done

check "help: export's default is csv, the listings' a table"
run help export
expect_out "csv (default)"
expect_no_out "table (default)"
run help claims
expect_out "table (default)"
expect_out "  --kind K,...  only these kinds"
run help search
expect_out "  --kind K,...  claims of those kinds"

finish
