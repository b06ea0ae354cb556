# Inputs as people make them: files that start with a UTF-8 byte-order
# mark, --db paths that look like URIs, and raw searches past their
# bound, each taken as meant or refused in one clear line.
. "$(dirname "$0")/lib.sh"

BOM=$(printf '\357\273\277')
"$DEMARCHE" init >/dev/null 2>&1 || exit 1

check "a byte-order mark before JSON, JSON Lines, an array or a bundle"
printf '%s{"id": "bom-1", "issuer": "CHN", "date": "2021-07-19", "title": "One"}\n' \
    "$BOM" >one.json
printf '%s{"id": "bom-2", "issuer": "CHN", "date": "2021-07-19", "title": "Two"}\n{"id": "bom-3", "issuer": "CHN", "date": "2021-07-19", "title": "Three"}\n' \
    "$BOM" >lines.jsonl
printf '%s[\n {"id": "bom-4", "issuer": "CHN", "date": "2021-07-19", "title": "Four"}\n]\n' \
    "$BOM" >array.json
printf '%s\n{"statements": [{"id": "bom-5", "issuer": "CHN", "date": "2021-07-19", "title": "Five"}]}\n' \
    "$BOM" >bundle.json
for f in one.json lines.jsonl array.json bundle.json; do
	run import "$f"
	expect_status 0
	expect_out "new"
done
run statements --format csv
for id in bom-1 bom-2 bom-3 bom-4 bom-5; do
	expect_out "$id,2021-07-19,CHN"
done

check "a byte-order mark does not hide the Issuer: line of a text"
printf '%sIssuer: CHN\nDate: 2021-07-20\nTitle: A text saved on Windows\n\nThe body.\n' \
    "$BOM" >windows.txt
run import windows.txt
expect_status 0
expect_out "1 new"
run statements --format csv
expect_out ",2021-07-20,CHN,China,other,A text saved on Windows,"
# The same text without the mark is the same statement.
tail -c +4 windows.txt >plain.txt
run import plain.txt
expect_status 0
expect_out "nothing changed"

check "a byte-order mark on standard input, as text and as JSON"
run_in windows.txt import --text -
expect_status 0
expect_out "nothing changed"
run_in one.json import -
expect_status 0
expect_out "nothing changed"

check "the archive records the file's own digest, mark and all"
[ "$(sql test.db "SELECT sha256 FROM imports WHERE file LIKE '%windows.txt'")" = \
    "$(sha256sum windows.txt | cut -d ' ' -f 1)" ] && ok ||
	bad "the digest is not the file's"

check "a byte-order mark anywhere else is not one"
printf '{"id": "bom-6", "issuer": "CHN", "date": "2021-07-19", "title": "Six"}\n%s{"id": "bom-7"}\n' \
    "$BOM" >late.jsonl
run import late.jsonl
expect_status 1
expect_err "late.jsonl:2"

check "--db is a path, never a URI"
mkdir uri
cd uri || exit 1
for db in file:x.db 'file:y.db?mode=memory' 'a?b.db' 'file:z.db?mode=ro' \
    :memory:; do
	run --db "$db" init
	expect_status 0
	[ -f "$db" ] && ok || bad "no file named '$db': $(ls)"
	run --db "$db" import ../one.json
	expect_status 0
	expect_out "1 new"
	run --db "$db" stats
	expect_out "statements  1"
done
[ "$(ls | grep -c -v -e '^file:' -e '^a?b.db$' -e '^:memory:$')" -eq 0 ] &&
	ok || bad "other files were made: $(ls)"
run --db "" stats
expect_status 1
expect_err "no archive path"
cd "$WORK" || exit 1

# words N OP: N prefix terms joined by OP.
words() {
	awk -v n="$1" -v op="$2" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "%s%c%c%c*", i ? " " op " " : "",
			    97 + i % 26, 97 + int(i / 26) % 26, 97 + int(i / 676)
	}'
}

check "search --raw within its bound runs"
sh "$GEN" 500 r >r.jsonl
run import r.jsonl
run search --raw "$(words 64 OR)"
expect_status 0
run search --raw "cyber NOT (espionage OR hacking) AND title: china*"
expect_status 0

check "search --raw past its bound is refused at once"
run search --raw "$(words 65 OR)"
expect_status 2
expect_err "search query of 65 words: --raw takes at most 64"
expect_err_lines 1
t0=$(now_ms)
run search --raw "$(words 5000 OR)"
t1=$(now_ms)
expect_status 2
expect_err "search query too long: 39996 bytes (--raw takes at most 1024)"
[ $((t1 - t0)) -lt 2000 ] && ok || bad "refusing took $((t1 - t0)) ms"

finish
