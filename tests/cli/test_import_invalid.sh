# A case of tests/data/import/invalid/ (the one named, or every one):
# importing input.* (after setup.json, with the flags in args) fails
# with exit status 1, prints exactly the line in error, and leaves the
# archive as it was.  Each starts from a copy of $BASE_DB, a new archive,
# made here when unset.  {kinds} in an error stands for the claim kinds
# as 'demarche help claims' lists them, so that a new kind changes no
# case.
. "$(dirname "$0")/lib.sh"

if [ -n "${BASE_DB:-}" ]; then
	cp "$BASE_DB" base.db || exit 1
else
	"$DEMARCHE" --db base.db init 2>/dev/null || exit 1
fi
kinds=$("$DEMARCHE" help claims | awk '/^Claim kinds/ { on = 1; next }
    on && /^$/ { exit } on && $2 ~ /^[0-9]+$/ { printf "%s%s", s, $1; s = ", " }')
[ -n "$kinds" ] || { echo "'demarche help claims' lists no kinds"; exit 1; }
cases="$SOURCE_DIR/tests/data/import/invalid/${1:-*}/"
[ -z "${1:-}" ] || [ -d "$cases" ] || { echo "no case '$1'"; exit 1; }
for dir in $cases; do
	name=$(basename "$dir")
	check "$name"
	cp base.db "$name.db"
	if [ -f "$dir/setup.json" ]; then
		"$DEMARCHE" --db "$name.db" import "$dir/setup.json" >/dev/null ||
			bad "setup did not import"
	fi
	sqlite3 "$name.db" .dump >before.sql
	args=$(cat "$dir/args" 2>/dev/null || true)
	# Run from the case's directory so messages name the file as given.
	(cd "$dir" && "$DEMARCHE" --db "$WORK/$name.db" import $args input.*) \
	    >"$WORK/out" 2>"$WORK/err"
	status=$?
	expect_status 1
	head -n 1 "$WORK/err" >first
	sed "s/{kinds}/$kinds/" "$dir/error" >want
	if cmp -s first want; then ok; else
		bad "error differs: want '$(cat want)'"
	fi
	sqlite3 "$name.db" .dump >after.sql
	expect_same before.sql after.sql
done

finish
