# The archives of tests/reliability/test_migration_history*.sh: what
# each older demarche made (tests/history_archive.c applies the texts of
# a state, tests/data/migrations-history, and records them as that
# program did), and the reference they must come to.  Sourced by those
# tests.
. "$(dirname "$0")/lib.sh"
: "${HISTORY_ARCHIVE:?set HISTORY_ARCHIVE to the history_archive tool}"

EXAMPLE="$SOURCE_DIR/examples/july-2021.json"
latest=$(ls "$SOURCE_DIR"/migrations/*.sql | wc -l)
states=$(grep -v '^#' "$HISTORY/states" | cut -d' ' -f1)

# data_for LEVEL: the statements and claims, as a program at LEVEL wrote
# them.
data_for() {
	echo "$HISTORY/data.sql"
	[ "$1" -lt 4 ] || echo "$HISTORY/data-0004.sql"
}

level_of() {
	sql "$1" 'PRAGMA user_version'
}

# schema DB: every object with its text, and the order of the triggers
# (SQLite fires those of one event in that order).
schema() {
	sql "$1" "SELECT type, name, tbl_name, sql FROM sqlite_schema
		ORDER BY type, name;
		SELECT name FROM sqlite_schema WHERE type = 'trigger'
		ORDER BY rowid"
}

# views DB [N]: what the listings print of the archive (the first N).
views() {
	_n=0
	for _c in "who --rollup --csv" "claims --csv" "statements --csv" \
	    "search 欧盟" "thread mfa-2021-07-20"; do
		_n=$((_n + 1))
		[ "$_n" -le "${2:-99}" ] || break
		echo "== $_c"
		"$DEMARCHE" --db "$1" $_c 2>&1
	done
}

# The reference, ref.db and its schema ref.schema: today's migrations
# and the same data.
"$HISTORY_ARCHIVE" ref.db $(state_files "$(echo "$states" | tail -n 1)") \
    $(data_for "$latest") || exit 1
schema ref.db >ref.schema
