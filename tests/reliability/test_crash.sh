# Crash safety: 'demarche import' killed with SIGKILL at moments spread
# over a large import leaves an archive that passes SQLite's integrity
# and foreign key checks and holds none or all of the file's statements.
. "$(dirname "$0")/lib.sh"

N=${CRASH_STATEMENTS:-1500}
KILLS=${CRASH_KILLS:-32}

sh "$GEN" "$N" >big.jsonl
"$DEMARCHE" --db base.db init >/dev/null 2>&1 || exit 1

check "a whole import, for reference"
cp base.db ref.db
t0=$(now_ms)
run --db ref.db import big.jsonl
t1=$(now_ms)
expect_status 0
full=$((t1 - t0))
[ "$(sql ref.db 'SELECT count(*) FROM statements')" = "$N" ] && ok ||
	bad "the reference import holds all $N statements"
echo "import of $N statements ($(wc -c <big.jsonl) bytes): ${full} ms"

none=0
all=0
i=1
while [ "$i" -le "$KILLS" ]; do
	check "import killed at moment $i of $KILLS"
	rm -f k.db k.db-wal k.db-shm
	cp base.db k.db
	# From the start of the process to past its end.
	delay=$((full * i * 120 / 100 / KILLS))
	kill_at "$delay" "$DEMARCHE" --db k.db import big.jsonl
	# Integrity, foreign keys and counts in one pass.
	set -- $(sql k.db "PRAGMA integrity_check; PRAGMA foreign_key_check;
	    SELECT count(*) FROM statements WHERE id LIKE 'g-%';
	    SELECT count(*) FROM imports; SELECT count(*) FROM claims")
	if [ $# -eq 4 ] && [ "$1" = ok ]; then ok; else
		bad "archive damaged after ${delay} ms: $*"
	fi
	n=${2:-}
	imports=${3:-}
	if [ "$n" = 0 ] && [ "$imports" = 0 ]; then
		none=$((none + 1))
		ok
	elif [ "$n" = "$N" ] && [ "$imports" = 1 ] && [ "${4:-}" = $((N * 2)) ]; then
		all=$((all + 1))
		ok
	else
		bad "after ${delay} ms: $n of $N statements, $imports imports"
	fi
	i=$((i + 1))
done
echo "import killed $KILLS times: $none left nothing, $all left everything"
[ "$none" -gt 0 ] && ok || bad "no kill landed during the import"

check "the archive left by a kill takes the import afterwards"
run --db k.db import big.jsonl
[ "$(sql k.db "SELECT count(*) FROM statements WHERE id LIKE 'g-%'")" = "$N" ] &&
	ok || bad "import after a kill"
intact k.db && ok || bad "archive damaged"

finish
