# Helpers for the tests that drive the real binary.  A test script sets
# $DEMARCHE (the program) and $SOURCE_DIR, sources this file, calls run
# and the expect_* functions, and ends with finish.
set -u
: "${DEMARCHE:?set DEMARCHE to the demarche binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the source tree}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/demarche-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# sh runs the EXIT trap on exit, not when a signal ends it (ctest's
# timeout, ^C): exit then, as the signal would.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
cd "$WORK" || exit 1
export DEMARCHE_DB="$WORK/test.db"
passed=0
failed=0
skipped=""
case_name=""

# run ARGS...: runs demarche, keeping stdout, stderr and the status.
run() {
	"$DEMARCHE" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	status=$?
}

# run_in FILE ARGS...: the same, with FILE on standard input.
run_in() {
	_in=$1
	shift
	"$DEMARCHE" "$@" >"$WORK/out" 2>"$WORK/err" <"$_in"
	status=$?
}

check() {
	case_name=$1
}

ok() {
	passed=$((passed + 1))
}

bad() {
	failed=$((failed + 1))
	echo "FAIL [$case_name] $*"
	echo "  stdout: $(head -c 600 "$WORK/out")"
	echo "  stderr: $(head -c 600 "$WORK/err")"
}

expect_status() {
	if [ "$status" -eq "$1" ]; then ok; else bad "status $status, want $1"; fi
}

expect_out() {
	if grep -qF -- "$1" "$WORK/out"; then ok; else bad "stdout lacks '$1'"; fi
}

expect_no_out() {
	if grep -qF -- "$1" "$WORK/out"; then bad "stdout has '$1'"; else ok; fi
}

expect_err() {
	if grep -qF -- "$1" "$WORK/err"; then ok; else bad "stderr lacks '$1'"; fi
}

# expect_err_lines N: standard error has exactly N lines.
expect_err_lines() {
	_n=$(wc -l <"$WORK/err")
	if [ "$_n" -eq "$1" ]; then ok; else bad "stderr has $_n lines, want $1"; fi
}

expect_same() {
	if cmp -s "$1" "$2"; then ok; else bad "'$1' and '$2' differ"; fi
}

# The migrations' history: each state migrations/ had on main, whose
# texts the archives made at it recorded (the file states there).
HISTORY="$SOURCE_DIR/tests/data/migrations-history"

# state_files COMMIT: the migrations of that state, one path a line.
state_files() {
	for _f in $(grep "^$1 " "$HISTORY/states" | cut -d' ' -f2-); do
		case $_f in
		*/*) echo "$HISTORY/$_f" ;;
		*) echo "$SOURCE_DIR/migrations/$_f" ;;
		esac
	done
}

# archive_at LEVEL FROM [TO]: makes TO (FROM itself when not given) an
# archive as the last program of schema LEVEL on main made it: the texts
# of its state run by tests/history_archive.c, then FROM's rows of each
# table that program wrote, in the columns it had, which its own
# triggers summed up and indexed row by row (the full-text indexes in
# fewer segments than an INSERT a row made, with the same terms).  Tables a migration filled (the claim
# kinds, the pending import) or a trigger writes (the summaries) are
# that level's own.
archive_at() {
	: "${HISTORY_ARCHIVE:?set HISTORY_ARCHIVE to the history_archive tool}"
	_states=$(grep -v '^#' "$HISTORY/states")
	_n=$(ls "$SOURCE_DIR"/migrations/*.sql | wc -l)
	if [ "$(echo "$_states" | tail -n 1 | wc -w)" -ne $((_n + 1)) ]; then
		bad "the last line of $HISTORY/states does not list the $_n" \
		    "migrations of migrations/: add the state of the new one"
		return 1
	fi
	_state=$(echo "$_states" | awk -v n="$1" 'NF == n + 1 { c = $1 }
	    END { print c }')
	[ -n "$_state" ] || { bad "no state of level $1 in $HISTORY/states"; return 1; }
	_to=${3:-$2}.level$1
	rm -f "$_to" "$_to-wal" "$_to-shm"
	"$HISTORY_ARCHIVE" "$_to" $(state_files "$_state") || {
		bad "the archive of $_state could not be made"
		return 1
	}
	echo "PRAGMA defer_foreign_keys = ON;" >"$_to.sql"
	# The tables, each after those it refers to (not in the order made:
	# migration 0016 made claims again).
	for _t in $(sqlite3 "$_to" "WITH RECURSIVE refs (name, ref) AS
	    (SELECT t.name, f.\"table\" FROM sqlite_schema t,
		pragma_foreign_key_list(t.name) f WHERE t.type = 'table'
		AND t.sql NOT GLOB 'CREATE VIRTUAL *' AND f.\"table\" <> t.name),
	    depth (name, d) AS (SELECT name, 0 FROM sqlite_schema
		UNION ALL SELECT r.name, d + 1 FROM refs r JOIN depth ON depth.name = r.ref)
	    SELECT t.name FROM sqlite_schema t JOIN depth USING (name)
	    WHERE t.type = 'table' AND t.name NOT GLOB 'sqlite_*'
	    AND t.name <> 'schema_migrations'
	    AND t.sql NOT GLOB 'CREATE VIRTUAL *'
	    AND NOT EXISTS (SELECT 1 FROM sqlite_schema v
		WHERE v.sql GLOB 'CREATE VIRTUAL *' AND t.name GLOB v.name || '_*')
	    AND NOT EXISTS (SELECT 1 FROM sqlite_schema g WHERE g.type = 'trigger'
		AND ' ' || replace(replace(g.sql, char(10), ' '), char(9), ' ')
		GLOB '* INTO ' || t.name || '[ (]*')
	    GROUP BY t.name ORDER BY max(d), t.rowid"); do
		[ "$(sqlite3 "$_to" "SELECT count(*) FROM $_t")" = 0 ] || continue
		_cols=$(sqlite3 "$_to" "ATTACH '$2' AS f;
		    SELECT group_concat(name, ',') FROM (SELECT name
		    FROM pragma_table_info('$_t', 'main') WHERE name IN
		    (SELECT name FROM pragma_table_info('$_t', 'f')) ORDER BY cid)")
		[ -n "$_cols" ] || continue
		# One INSERT of all its rows: the triggers still run for each
		# row, in the same order, but SQLite sets up their programs
		# once a statement, not once a row.
		sqlite3 "$2" "SELECT 'INSERT INTO $_t ($_cols) VALUES ' ||
		    group_concat('(' || $(echo "$_cols" |
		    sed -E "s/[a-z_0-9]+/quote(&)/g; s/,/ || ',' || /g") ||
		    ')', ',') || ';' FROM $_t" >>"$_to.sql"
	done
	# Then each full-text index checked against its rows by FTS5.
	sqlite3 "$_to" "SELECT 'INSERT INTO ' || name || ' (' || name ||
	    ') VALUES (''integrity-check'');' FROM sqlite_schema
	    WHERE sql GLOB 'CREATE VIRTUAL TABLE * USING fts5*'" >>"$_to.sql"
	"$HISTORY_ARCHIVE" "$_to" "$_to.sql" || {
		bad "the rows of $2 do not go into an archive of level $1"
		return 1
	}
	rm -f "$_to.sql" "${3:-$2}" "${3:-$2}-wal" "${3:-$2}-shm"
	mv "$_to" "${3:-$2}"
}

# write_drills FILE: a plain-text statement of CHN.MFA from which the
# rule coder proposes four claims: condemn JPN, accuse USA, criticize AUS
# and demand PHL (the review tests).
write_drills() {
	cat >"$1" <<'EOF'
Title: Remarks on the drills
Issuer: CHN.MFA
Date: 2024-05-02

China strongly condemns Japan for its provocative drills near the islands. We accuse the United States of interfering in China's internal affairs. We criticize Australia for smearing China. We urge the Philippines to stop its provocations at once.
EOF
}

# who_accused: the accused codes of who, sorted, on one line.
who_accused() {
	"$DEMARCHE" who --csv | cut -d, -f3 | tail -n +2 | sort | tr '\n' ' '
}

# alive PID: the process runs (a zombie is dead).
alive() {
	[ -r "/proc/$1/status" ] && ! grep -q '^State:.*Z' "/proc/$1/status"
}

# skip WHAT: checks that cannot run here, for want of an optional tool;
# finish then reports the test as skipped (ctest's SKIP_RETURN_CODE 77)
# unless a check failed.
skip() {
	skipped="${skipped}$*; "
	echo "skipped: $*"
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] || return 1
	[ -z "$skipped" ] || { echo "skipped: $skipped"; return 77; }
}

# find_chrome: sets $chrome to a headless Chromium, or says the browser
# checks are skipped and returns 1.
find_chrome() {
	chrome=""
	for _c in chromium chromium-browser google-chrome; do
		if command -v "$_c" >/dev/null 2>&1; then
			chrome=$_c
			return 0
		fi
	done
	skip "the browser checks need Chromium (apt install chromium, as" \
	    "scripts/test.sh does)"
	return 1
}

# browse ARGS...: headless $chrome with a profile of its own, no network,
# for at most 180 s where timeout(1) exists.
browse() {
	_limit=""
	command -v timeout >/dev/null 2>&1 && _limit="timeout 180"
	_profile=$(mktemp -d "$WORK/profile.XXXXXX")
	# shellcheck disable=SC2086
	$_limit "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --disable-extensions --hide-scrollbars \
	    --user-data-dir="$_profile" "$@" 2>>"$WORK/chrome.log"
}
