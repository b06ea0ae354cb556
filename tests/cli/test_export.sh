# export statements --format jsonl writes the import format: export,
# import into a new archive, export again gives the same bytes.
. "$(dirname "$0")/lib.sh"

if ! "$DEMARCHE" help import >/dev/null 2>&1; then
	echo "skipped: 'demarche import' does not exist yet"
	exit 0
fi

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

finish
