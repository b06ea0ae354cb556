# Helpers for the reliability tests, on top of tests/cli/lib.sh.
. "$(dirname "$0")/../cli/lib.sh"

GEN="$SOURCE_DIR/tests/reliability/gen.sh"

# now_ms: the time in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# seconds MS: N milliseconds in seconds, as sleep and timeout take them.
seconds() {
	echo "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000)))"
}

# sleep_ms N: sleeps N milliseconds.
sleep_ms() {
	sleep "$(seconds "$1")"
}

# kill_at MS COMMAND...: runs COMMAND, without its output, and kills it
# with SIGKILL MS milliseconds after its start unless it ended before
# (when nothing is left to kill, and nothing to wait for).
kill_at() {
	_ms=$1
	shift
	[ "$_ms" -gt 0 ] || _ms=1
	timeout -s KILL "$(seconds "$_ms")" "$@" >/dev/null 2>&1
}

# sql DB QUERY: one value from the archive, through the sqlite3 shell.
sql() {
	sqlite3 -cmd '.timeout 10000' "$1" "$2"
}

# intact DB: the archive passes SQLite's integrity and foreign key checks.
intact() {
	[ "$(sql "$1" 'PRAGMA integrity_check')" = ok ] &&
	    [ -z "$(sql "$1" 'PRAGMA foreign_key_check')" ]
}

# dump: the content of the archive test.db, to compare before and after.
dump() {
	sqlite3 test.db .dump >"$1"
}

# rejected FILE [ARGS]: importing FILE fails with status 1, one line of
# error naming it, no sanitizer report, and the archive unchanged.
rejected() {
	_f=$1
	shift
	dump before.sql
	run import "$@" "$_f"
	expect_status 1
	expect_err "$_f"
	if grep -q 'Sanitizer\|runtime error' "$WORK/err"; then
		bad "sanitizer report"
	fi
	dump after.sql
	expect_same before.sql after.sql
}

# peak ARGS...: runs demarche like run, and sets $kb to its peak RSS in
# KiB and $secs to the seconds it took.
peak() {
	peak_of "$DEMARCHE" "$@"
}

# peak_of COMMAND...: the same for a command, whose children count.  A
# sanitizer keeps freed memory aside (its quarantine): not here, so the
# figure is what the program holds.
peak_of() {
	set -- $(ASAN_OPTIONS="quarantine_size_mb=0:${ASAN_OPTIONS:-}" \
	    python3 - "$WORK/out" "$WORK/err" "$@" <<'EOF'
import resource, subprocess, sys, time
t = time.monotonic()
with open(sys.argv[1], "w") as o, open(sys.argv[2], "w") as e:
    rc = subprocess.call(sys.argv[3:], stdout=o, stderr=e,
                         stdin=subprocess.DEVNULL)
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
      int(time.monotonic() - t))
EOF
)
	status=$1
	kb=$2
	secs=$3
}
