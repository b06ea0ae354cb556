# export statements --format jsonl writes the import format: export,
# import into a new archive, export again gives the same bytes.
. "$(dirname "$0")/lib.sh"


run init
run import "$SOURCE_DIR/examples/july-2021.json"
check "the example imports"
expect_status 0

check "export in the import format"
run export statements --format jsonl -o first.jsonl
expect_status 0
if head -n 1 first.jsonl | grep -q '^{"actors":\[{"code":"CHN.MSS",'; then
	ok; else bad "first line is not the actors bundle"; fi
if [ "$(wc -l <first.jsonl)" -eq 7 ]; then ok; else
	bad "want 1 actors line and 6 statements"; fi

check "export, import, export gives the same bytes"
run --db second.db init
run --db second.db import first.jsonl
expect_status 0
run --db second.db export statements --format jsonl -o second.jsonl
expect_status 0
expect_same first.jsonl second.jsonl

check "and the same listings"
for what in statements who actors; do
	run export $what -o "first-$what.csv"
	run --db second.db export $what -o "second-$what.csv"
	expect_same "first-$what.csv" "second-$what.csv"
done
# claim_id is the archive's own row number: compare the rest.
run export claims
cut -d , -f 2- "$WORK/out" >first-claims.csv
run --db second.db export claims
cut -d , -f 2- "$WORK/out" >second-claims.csv
expect_same first-claims.csv second-claims.csv

check "rule claims keep their cue through export and import"
printf 'Issuer: NATO\nDate: 2021-07-19\n\nNATO strongly condemns China for the attacks.\n' \
    >cue.txt
run --db cue.db init
run --db cue.db import cue.txt
run --db cue.db export statements --format jsonl -o cue.jsonl
expect_status 0
grep -q '"method":"rule","cue":"strongly condemns"' cue.jsonl && ok ||
	bad "the export lacks the cue: $(cat cue.jsonl)"
run --db cue2.db init
run --db cue2.db import cue.jsonl
run --db cue2.db claims --format csv
expect_out ',rule,strongly condemns'

check "a stopped -o leaves the file as it was and no temporary"
# report -o writes through the same temporary FILE.XXXXXX as export -o,
# and runs Graphviz's dot while it is open: a stand-in dot that waits
# holds the writing at a known moment.  env undoes the SIGINT a shell
# ignores in a background job (and a SIGHUP nohup ignores).
mkdir -p slowbin
cat >slowbin/dot <<'SH'
#!/bin/sh
echo $$ >dot-started
i=0
while [ ! -e dot-stop ] && [ "$i" -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
rm -f dot-started
exit 1
SH
chmod +x slowbin/dot
wait_for() {
	_i=0
	while eval "$1" && [ "$_i" -lt 300 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
}
echo old >stopped.html
for sig in HUP INT TERM; do
	rm -f dot-started dot-stop stopped.html.*
	PATH="$WORK/slowbin:$PATH" env --default-signal=HUP,INT,TERM \
	    "$DEMARCHE" report -o stopped.html >/dev/null 2>&1 &
	pid=$!
	wait_for '[ ! -s dot-started ]'
	kill -"$sig" "$pid"
	wait "$pid"
	status=$?
	# The stand-in ends on dot-stop, or was killed with demarche.
	: >dot-stop
	wait_for 'alive "$(cat dot-started)"'
	[ "$status" -gt 128 ] && ok || bad "SIG$sig: status $status, want 128+"
	[ "$(cat stopped.html)" = old ] && ok || bad "SIG$sig: file changed"
	[ -z "$(ls | grep '^stopped\.html\.')" ] && ok ||
		bad "SIG$sig: left $(ls | grep '^stopped\.html\.')"
done

finish
