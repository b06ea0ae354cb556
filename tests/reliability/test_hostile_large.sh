# Hostile input, large or unreadable: a 50 MB text, 100,000 claims,
# inputs that are not readable files, a file that shrinks while read.
# Each is a clear error or a correct import, never a crash, and leaves
# nothing half-written.
. "$(dirname "$0")/lib.sh"

"$DEMARCHE" --db base.db init >/dev/null 2>&1 || exit 1
cp base.db test.db

check "a text just under the limit of one statement"
awk 'BEGIN { printf "{\"id\": \"big\", \"issuer\": \"EU\", \"date\": \"2021\", \"text\": \""; for (i = 0; i < 61000; i++) printf "Cyber attack number %09d was condemned by many, said the text. ", i; print "\"}" }' >big.json
run import big.json
expect_status 0
expect_out "1 new"
[ "$(sql test.db "SELECT length(text) FROM statements WHERE id = 'big'")" = $((61000 * 68)) ] &&
	ok || bad "the whole text stored"
run search "number 000060999"
expect_status 0
expect_out "big"

check "a 50 MB text: over the limit, refused where it starts"
awk 'BEGIN { printf "[\n{\"id\": \"huge\", \"issuer\": \"EU\", \"date\": \"2021\", \"text\": \""; for (i = 0; i < 771012; i++) printf "Cyber attack number %09d was condemned by many, said the text. ", i; print "\"}]" }' >huge.json
rejected huge.json
expect_err "huge.json:2:1: a value of more than 4 MiB, the limit for one statement"

check "a hundred thousand claims, the last one invalid"
awk 'BEGIN { printf "{\"id\": \"many\", \"issuer\": \"EU\", \"date\": \"2021\", \"claims\": ["; for (i = 0; i < 99999; i++) printf "{\"kind\": \"accuse\", \"target\": \"CHN\"}, "; print "{\"kind\": \"acuse\"}]}" }' >many.json
rejected many.json
expect_err "claim 100000: unknown claim kind 'acuse'"

check "inputs that are not readable files"
mkdir adir
rejected adir
expect_err "directory"
rejected /proc/self/mem
expect_err "read error"
rejected missing.json
rm -f big.json huge.json

check "a FIFO with a writer reads like standard input"
mkfifo fifo
printf '{"id": "f1", "issuer": "EU", "date": "2021"}\n' >fifo &
run import fifo
expect_status 0
expect_out "1 new"
wait

check "a file that shrinks while it is read"
sh "$GEN" 20000 shr >shrink.jsonl
size=$(wc -c <shrink.jsonl)
dump before.sql
(sleep 0.3; truncate -s 1000000 shrink.jsonl) &
"$DEMARCHE" import --keep-going shrink.jsonl >"$WORK/out" 2>"$WORK/err"
status=$?
wait
[ "$status" -le 1 ] && ok || bad "status $status"
grep -q 'Sanitizer\|runtime error' "$WORK/err" && bad "sanitizer report" || ok
intact test.db && ok || bad "archive damaged"
got=$(sql test.db "SELECT count(*) FROM statements WHERE id LIKE 'shr-%'")
new=$(sed -n 's/^\([0-9]*\) new.*/\1/p' "$WORK/out")
[ "$got" = "${new:-0}" ] && ok || bad "$got statements stored, '$new' reported"
echo "a $size-byte file cut to 1000000 bytes while read: status $status," \
    "$got statements kept"

finish
