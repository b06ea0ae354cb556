# An import waits for another writer that holds the archive longer than
# the busy timeout (10 s), as a long import does, instead of failing with
# "database is locked".
. "$(dirname "$0")/lib.sh"

"$DEMARCHE" init >/dev/null 2>&1 || exit 1
sh "$GEN" 5 w >w.jsonl

check "an import waits out a write lock of 12 s"
(echo "BEGIN IMMEDIATE;"; sleep 12; echo "COMMIT;") | sqlite3 test.db &
holder=$!
sleep 1
t0=$(now_ms)
run import w.jsonl
t1=$(now_ms)
wait "$holder"
expect_status 0
expect_out "5 new"
expect_out "0 rejected"
grep -qi locked "$WORK/err" && bad "a lock error was shown" || ok
[ $((t1 - t0)) -ge 9000 ] && ok || bad "the import did not wait ($((t1 - t0)) ms)"
echo "the import waited $((t1 - t0)) ms for the lock"

check "a reader is not blocked by the writer"
(echo "BEGIN IMMEDIATE;"; sleep 3; echo "ROLLBACK;") |
	sqlite3 test.db &
holder=$!
sleep 1
run stats
wait "$holder"
expect_status 0
expect_out "statements  5"

finish
