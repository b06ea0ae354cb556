# Concurrent use: while one process imports, others read in a loop; no
# "database is locked" reaches them and each sees the archive before or
# after the import, never in between.  Two imports started together both
# land.
. "$(dirname "$0")/lib.sh"

N=${CONCURRENCY_STATEMENTS:-2000}

sh "$GEN" 200 a >a.jsonl
sh "$GEN" "$N" b >b.jsonl
sh "$GEN" "$N" c >c.jsonl
"$DEMARCHE" --db base.db init >/dev/null 2>&1 || exit 1
"$DEMARCHE" --db base.db import a.jsonl >/dev/null 2>&1 || exit 1
before=200
after=$((200 + N))

# stats_count FILE: the statement count in the output of 'stats'.
stats_count() {
	sed -n 's/^statements  *//p' "$1"
}

check "readers during an import"
cp base.db r.db
"$DEMARCHE" --db r.db import b.jsonl >import.out 2>import.err &
pid=$!
reads=0
seen_before=0
seen_after=0
listings=0
while kill -0 "$pid" 2>/dev/null || [ "$reads" -eq 0 ]; do
	"$DEMARCHE" --db r.db stats >s.out 2>s.err
	st=$?
	reads=$((reads + 1))
	n=$(stats_count s.out)
	if [ "$st" -ne 0 ] || [ -s s.err ]; then
		bad "stats failed ($st) during the import: $(cat s.err)"
	elif [ "$n" = "$before" ]; then
		seen_before=$((seen_before + 1))
	elif [ "$n" = "$after" ]; then
		seen_after=$((seen_after + 1))
	else
		bad "stats saw $n statements, neither $before nor $after"
	fi
	"$DEMARCHE" --db r.db statements --format csv >l.out 2>l.err
	st=$?
	rows=$(($(wc -l <l.out) - 1))
	if [ "$st" -ne 0 ] || [ -s l.err ]; then
		bad "statements failed ($st): $(cat l.err)"
	elif [ "$rows" != "$before" ] && [ "$rows" != "$after" ]; then
		bad "statements listed $rows rows"
	fi
	listings=$((listings + 1))
	"$DEMARCHE" --db r.db who --format csv >w.out 2>w.err
	st=$?
	if [ "$st" -ne 0 ] || [ -s w.err ]; then
		bad "who failed ($st): $(cat w.err)"
	fi
done
wait "$pid"
st=$?
[ "$st" -eq 0 ] && ok || bad "the import failed ($st): $(cat import.err)"
grep -qi 'locked\|busy' import.err s.err && bad "a lock error was shown" ||
	ok
[ "$(stats_count s.out)" = "$after" ] || {
	"$DEMARCHE" --db r.db stats >s.out 2>&1
	[ "$(stats_count s.out)" = "$after" ]
} && ok || bad "after the import: $(cat s.out)"
echo "$reads stats and $listings listings during the import:" \
    "$seen_before saw it before, $seen_after after"
intact r.db && ok || bad "archive damaged"

check "two imports started together both land"
cp base.db two.db
"$DEMARCHE" --db two.db import b.jsonl >b.out 2>b.err &
pb=$!
"$DEMARCHE" --db two.db import c.jsonl >c.out 2>c.err &
pc=$!
wait "$pb"
sb=$?
wait "$pc"
sc=$?
[ "$sb" -eq 0 ] && ok || bad "first import failed ($sb): $(cat b.err)"
[ "$sc" -eq 0 ] && ok || bad "second import failed ($sc): $(cat c.err)"
[ "$(sql two.db 'SELECT count(*) FROM statements')" = $((200 + 2 * N)) ] &&
	ok || bad "both files' statements"
[ "$(sql two.db 'SELECT count(*) FROM imports')" = 3 ] && ok ||
	bad "three imports recorded"
intact two.db && ok || bad "archive damaged"

check "an init while an import runs waits for it"
cp base.db three.db
"$DEMARCHE" --db three.db import c.jsonl >c.out 2>c.err &
pc=$!
sleep 0.2
run --db three.db init
expect_status 0
wait "$pc"
sc=$?
[ "$sc" -eq 0 ] && ok || bad "import failed ($sc): $(cat c.err)"
[ "$(sql three.db 'SELECT count(*) FROM statements')" = "$after" ] &&
	ok || bad "statements after init and import"

finish
