# Standard input is told by what it begins with, as a file is by its name
# and first bytes: each format through a pipe makes the archive the file
# makes, with no --format.
. "$(dirname "$0")/lib.sh"

PAGES="$SOURCE_DIR/tests/data/web"
# contents DB: what an archive holds, but for the record of its imports.
contents() {
	sqlite3 "$1" "SELECT * FROM actors; SELECT * FROM statements;
	    SELECT * FROM co_issuers; SELECT * FROM responses;
	    SELECT * FROM claims; SELECT * FROM claim_targets;
	    SELECT * FROM claim_topics;"
}
# same_through_pipe FILE: FILE named, then on a pipe, into two archives.
same_through_pipe() {
	check "$1 through a pipe"
	cp base.db file.db
	cp base.db pipe.db
	"$DEMARCHE" --db file.db import "$1" >file.out 2>&1 || bad "the file: $(cat file.out)"
	cat "$1" | "$DEMARCHE" --db pipe.db import - >"$WORK/out" 2>"$WORK/err"
	status=$?
	expect_status 0
	expect_out "$2 new"
	contents file.db >file.txt
	contents pipe.db >pipe.txt
	[ -s file.txt ] && cmp -s file.txt pipe.txt && ok ||
		bad "archives differ: $(diff file.txt pipe.txt | head -5)"
}

"$DEMARCHE" --db base.db init >/dev/null 2>&1 || exit 1

# Padding makes each file longer than what is read ahead to tell its
# format, so the bytes read ahead and the rest must join up.
pad=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "The Union repeats its call for restraint. "; }')

cat >array.json <<JSON
[{"id": "p1", "issuer": "EU", "date": "2021-07-19", "title": "First",
  "text": "The European Union condemns the cyber attacks by China. $pad",
  "claims": [{"kind": "accuse", "target": "CHN"}]},
 {"id": "p2", "issuer": "NATO", "date": "2021-07-20", "text": "Second.",
  "responds_to": "p1"}]
JSON
same_through_pipe array.json 2

printf '{"id": "l%d", "issuer": "USA", "date": "2021-07-%02d", "text": "Line %d. %s"}\n' \
    1 19 1 "$pad" 2 20 2 "" 3 21 3 "" >lines.jsonl
same_through_pipe lines.jsonl 3

cat >statement.txt <<TEXT
Title: A text statement
Issuer: GBR.FCDO
Date: 19 July 2021

The United Kingdom condemns the cyber attacks by China.

$pad
TEXT
same_through_pipe statement.txt 1

same_through_pipe "$PAGES/nato.html" 1
same_through_pipe "$PAGES/embassy-gb-zh.html" 1

check "JSON Lines through a pipe: a bad line named by its number"
cp base.db test.db
printf '{"id": "b1", "issuer": "EU", "date": "2021"}\n{"id": \n' | "$DEMARCHE" import - >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 1
expect_err "<stdin>:2:"
expect_err_lines 1

check "a text of body only on a pipe needs --format text"
printf 'The Union condemns the attack.\n' >body
run_in body import --issuer EU --date 2021 -
expect_status 1
run_in body import --format text --issuer EU --date 2021 -
expect_status 0
expect_out "1 new"

check "a FIFO is told by its first bytes too"
mkfifo fifo
cat "$PAGES/council.html" >fifo &
run import fifo
expect_status 0
expect_out "1 new"
wait
[ "$(sqlite3 test.db "SELECT count(*) FROM statements WHERE url LIKE '%consilium%'")" = 1 ] &&
	ok || bad "the page on the FIFO"

finish
