# Helpers for the tests that drive the real binary.  A test script sets
# $DEMARCHE (the program) and $SOURCE_DIR, sources this file, calls run
# and the expect_* functions, and ends with finish.
set -u
: "${DEMARCHE:?set DEMARCHE to the demarche binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the source tree}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/demarche-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
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

# unmigrate_claim_dates DB: takes out what migration 0004 added (the
# statement date on claims and its index), as in an archive made before
# it.
unmigrate_claim_dates() {
	drop_column "$1" "DROP INDEX claims_by_date;" claims statement_lo
}

# unmigrate_who_packed DB: takes out what migration 0006 added (the
# packed listing of who_pairs, its trigger and its index) and puts back
# the index before it; its view it makes again whatever was there.
unmigrate_who_packed() {
	drop_column "$1" "DROP TRIGGER who_listing_pack;
		DROP INDEX who_pairs_listing;" who_pairs listing
	sqlite3 "$1" "CREATE INDEX who_pairs_listing ON who_pairs (lvl,
		claims DESC, accuser, accused, statements, accuser_name,
		accused_name, first_lo, last_hi, kinds, topics)"
}

# unmigrate_import_in_bulk DB: puts back the insert triggers that
# migration 0007 made again, as the migrations before it made them, and
# drops the views it added (their triggers go with them).
unmigrate_import_in_bulk() {
	{
		echo "BEGIN;"
		for _t in claims_fts_insert who_target_insert who_topic_insert \
		    who_listing_pair who_listing_statement_insert \
		    who_listing_kind_insert who_listing_topic_insert; do
			echo "DROP TRIGGER $_t;"
			sed -n "/^CREATE TRIGGER $_t /,/^END;/p" \
			    "$SOURCE_DIR"/migrations/000[123]-*.sql
		done
		echo "DROP VIEW who_target_added; DROP VIEW who_topic_added;"
		echo "COMMIT;"
	} | sqlite3 "$1"
}

# unmigrate_co_issuers DB: takes out the table of migration 0012.
unmigrate_co_issuers() {
	sqlite3 "$1" "DROP TABLE co_issuers"
}

# last_text NAME: the latest text of the object NAME in migrations 0001 to
# 0015.
last_text() {
	for _f in $(ls "$SOURCE_DIR"/migrations/00*.sql | sort -r); do
		case $_f in */0016-*) continue ;; esac
		_t=$(awk -v n="$1" '$1 == "CREATE" && $3 == n { on = $2 }
		    on { print }
		    on && (on == "TRIGGER" ? /^END;/ : /;$/) { exit }' "$_f")
		[ -n "$_t" ] && { echo "$_t"; return; }
	done
}

# unmigrate_claim_kinds DB: takes out migration 0016: claims made again
# with the CHECK of its kinds, as 0001, 0004, 0011 and 0014 left it, and the
# view and triggers that read claim_kinds as the migrations before made
# them.
unmigrate_claim_kinds() {
	{
		echo "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;"
		echo "BEGIN; DROP VIEW who_edges; DROP VIEW claim_accusation;"
		for _t in who_target_insert who_target_delete who_topic_insert \
		    who_topic_delete who_statement_delete; do
			echo "DROP TRIGGER $_t;"
		done
		echo "ALTER TABLE claims RENAME TO claims_new;"
		sed -n '/^CREATE TABLE claims /,/;$/p' \
		    "$SOURCE_DIR"/migrations/0001-*.sql
		echo "ALTER TABLE claims ADD COLUMN statement_lo TEXT;"
		echo "ALTER TABLE claims ADD COLUMN cue TEXT;"
		echo "ALTER TABLE claims ADD COLUMN review TEXT CHECK (review IS" \
		    "NULL OR review IN ('reviewed', 'rejected', 'superseded'));"
		for _c in reviewer reviewed_at rule_key; do
			echo "ALTER TABLE claims ADD COLUMN $_c TEXT;"
		done
		echo "INSERT INTO claims SELECT * FROM claims_new;"
		echo "DROP TABLE claims_new; DROP TABLE claim_kinds;"
		for _t in claims_by claims_kind claims_by_date who_edges \
		    claims_fts_insert claims_fts_delete claims_fts_update \
		    who_claim_delete who_claim_update who_target_insert \
		    who_target_delete who_topic_insert who_topic_delete \
		    who_statement_delete claims_review who_claim_review; do
			last_text $_t
		done
		echo "COMMIT;"
	} | sqlite3 "$1"
}

# unmigrate_claim_cue DB: takes out the cue column of migration 0011.
unmigrate_claim_cue() {
	drop_column "$1" "" claims cue
}

# unmigrate_review DB: takes out migration 0014 (the review columns, their
# trigger and index; the view of 0010 comes back).
unmigrate_review() {
	{
		echo "BEGIN; DROP VIEW who_edges;"
		sed -n '/^CREATE VIEW who_edges /,/;$/p' \
		    "$SOURCE_DIR"/migrations/0010-*.sql
		echo "COMMIT;"
	} | sqlite3 "$1"
	drop_column "$1" "DROP TRIGGER who_claim_review;
		DROP INDEX claims_review;" claims review
	for _c in reviewer reviewed_at rule_key; do
		drop_column "$1" "" claims $_c
	done
}

# unmigrate_edges_order DB: takes out migration 0010, the order in which
# who_edges walks the claims (the view of 0005 comes back).
unmigrate_edges_order() {
	{
		echo "BEGIN; DROP VIEW who_edges;"
		sed -n '/^CREATE VIEW who_edges /,/;$/p' \
		    "$SOURCE_DIR"/migrations/0005-*.sql
		echo "COMMIT;"
	} | sqlite3 "$1"
}

# unmigrate_who_whole DB: takes out what migration 0009 changed (the
# trigger on the counts; the packing and the index of 0006 come back, and
# every listing is packed as 0006 packed it).
unmigrate_who_whole() {
	{
		echo "BEGIN; DROP TRIGGER who_listing_count;"
		echo "DROP TRIGGER who_listing_pack; DROP INDEX who_pairs_listing;"
		sed -n '/^CREATE TRIGGER who_listing_pack /,/^END;/p' \
		    "$SOURCE_DIR"/migrations/0006-*.sql
		sed -n '/^CREATE INDEX who_pairs_listing /,/;$/p' \
		    "$SOURCE_DIR"/migrations/0006-*.sql
		echo "UPDATE who_pairs SET kinds = kinds; COMMIT;"
	} | sqlite3 "$1"
}

# unmigrate_fts_hash DB: takes out the full-text setting of migration 0008.
unmigrate_fts_hash() {
	sqlite3 "$1" "DELETE FROM statements_fts_config WHERE k = 'hashsize';
		DELETE FROM claims_fts_config WHERE k = 'hashsize'"
}

# unmigrate_fts_stems DB: takes out the full-text settings of migration
# 0015 (its rebuild of the indexes, with stems, changed no table).
unmigrate_fts_stems() {
	sqlite3 "$1" "UPDATE statements_fts_config SET v = 8388608
		WHERE k = 'hashsize';
		UPDATE claims_fts_config SET v = 8388608 WHERE k = 'hashsize';
		DELETE FROM statements_fts_config WHERE k = 'automerge';
		DELETE FROM claims_fts_config WHERE k = 'automerge'"
}

# drop_column DB SQL TABLE COLUMN: runs SQL, then drops the column.
# DROP COLUMN checks every trigger, and sqlite3 lacks the tokenizer the
# full-text tables name: their triggers leave and come back around it.
drop_column() {
	_fts="FROM sqlite_schema WHERE type = 'trigger' AND name GLOB '*_fts_*'"
	{
		echo "BEGIN;"
		sqlite3 "$1" "SELECT 'DROP TRIGGER ' || name || ';' $_fts"
		echo "$2"
		echo "ALTER TABLE $3 DROP COLUMN $4;"
		sqlite3 "$1" "SELECT sql || ';' $_fts"
		echo "COMMIT;"
	} | sqlite3 "$1"
}

# unmigrate_feeds DB: takes out the feeds' tables of migration 0013.
unmigrate_feeds() {
	sqlite3 "$1" "DROP TABLE feed_items; DROP TABLE feeds"
}

# unmigrate_import_index DB: takes out the index of migration 0005; its
# other change, a view, it makes again whatever was there.
unmigrate_import_index() {
	sqlite3 "$1" "DROP INDEX statements_import"
}

# unmigrate_timeline_counts DB: takes out the timeline's counts of
# migration 0017; the triggers on the table and its views go with them.
unmigrate_timeline_counts() {
	sqlite3 "$1" "DROP TRIGGER timeline_claim_insert;
	    DROP TRIGGER timeline_claim_delete;
	    DROP TRIGGER timeline_statement_delete;
	    DROP TRIGGER timeline_claim_update_out;
	    DROP TRIGGER timeline_claim_update_in;
	    DROP VIEW timeline_claim_added; DROP VIEW timeline_claim_removed;
	    DROP VIEW timeline_counts_fresh; DROP TABLE timeline_counts"
}

# unmigrate_to DB N: takes out what each migration after N changed, the
# latest first, down to 0004 (the tests undo 0002 and 0003 themselves);
# the caller sets the schema level.  A newer migration fails the case
# until it has its step here.
unmigrate_to() {
	for _m in "$SOURCE_DIR"/migrations/*.sql; do :; done
	case $_m in
	*/0017-timeline-counts.sql) ok ;;
	*) bad "0017 is not the latest migration: undo the later ones here" ;;
	esac
	_level=17
	for _step in timeline_counts claim_kinds fts_stems review feeds co_issuers claim_cue edges_order who_whole fts_hash import_in_bulk who_packed \
	    import_index claim_dates; do
		[ "$_level" -gt "$2" ] || break
		"unmigrate_$_step" "$1"
		_level=$((_level - 1))
	done
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
