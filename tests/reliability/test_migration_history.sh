# Archives made by every demarche there was on main migrate to today's
# schema.  Migrations 0001-0003, 0006 and 0007 were edited after they
# first landed, so such an archive recorded a text that is no longer in
# migrations/: an archive made at 9198b2c failed to migrate and then
# opened with neither program.  Each archive here is made as the older
# program made it (tests/history_archive.c applies the texts of that
# state, tests/data/migrations-history, and records them as it did),
# with statements and claims, then today's program migrates it: check is
# clean, the schema is a new archive's, every listing is the same, and an
# import goes on.  Where an archive cannot be brought forward, migrate
# says so and nothing changes.  test_migration_history_later.sh takes
# each archive on through the programs that came after it.
. "$(dirname "$0")/migration_history.sh"

# The reference's listings, then with the example imported on top.
check "the reference archive is clean"
run --db ref.db check
expect_status 0
views ref.db >ref.views
cp ref.db ref2.db
"$DEMARCHE" --db ref2.db import "$EXAMPLE" >/dev/null 2>&1
views ref2.db 1 >ref2.views

# brought_forward: a.db, made by an older program, migrates to today's
# level, checks clean, has a new archive's schema and shows what the
# reference shows; an import then lands as on the reference.
brought_forward() {
	run --db a.db migrate
	expect_status 0
	expect_err "schema level $latest"
	run --db a.db check
	expect_status 0
	schema a.db >a.schema
	expect_same a.schema ref.schema
	views a.db >a.views
	expect_same a.views ref.views
	run --db a.db import "$EXAMPLE"
	expect_status 0
	run --db a.db check
	expect_status 0
	views a.db 1 >a.views
	expect_same a.views ref2.views
}

for c in $states; do
	files=$(state_files "$c")
	n=$(echo "$files" | wc -l)
	check "an archive made at $c (level $n)"
	rm -f a.db a.db-wal a.db-shm
	"$HISTORY_ARCHIVE" a.db $files $(data_for "$n") && ok ||
	    bad "the archive of $c could not be made"
	brought_forward
done

check "the archive of 9198b2c that 45f6174 left at level 6 opens with any command"
rm -f a.db a.db-wal a.db-shm
"$HISTORY_ARCHIVE" a.db $(state_files 9198b2c) $(data_for 3) \
    $(state_files 93e7ab3) 2>err.txt
grep -q "no such trigger: who_listing_pair" err.txt && ok ||
    bad "45f6174 did not fail as it did: $(cat err.txt)"
[ "$(level_of a.db)" = 6 ] && ok || bad "left at level $(level_of a.db)"
run --db a.db migrate --status
expect_out "applied as an earlier text"
run --db a.db who --csv
expect_status 0
expect_err "'0003-who-listing.sql' as an older demarche ran it brought up"
expect_err "archive brought from schema level 6 to $latest"
run --db a.db migrate --status
expect_no_out "earlier text"
run --db a.db check
expect_status 0

check "two programs that find the same archive of 9198b2c both go on"
# Both read it while a writer holds it, then wait: the second finds the
# work done by the first.
rm -f a.db a.db-wal a.db-shm
"$HISTORY_ARCHIVE" a.db $(state_files 9198b2c) $(data_for 3)
{ echo "BEGIN IMMEDIATE; CREATE TEMP TABLE hold (x);"; sleep 2; echo "COMMIT;"; } |
    sqlite3 a.db &
sleep 0.5
"$DEMARCHE" --db a.db migrate >/dev/null 2>m1.err &
p1=$!
"$DEMARCHE" --db a.db who --csv >w2.out 2>m2.err
s2=$?
wait $p1
s1=$?
wait
[ "$s1" = 0 ] && [ "$s2" = 0 ] && ok ||
    bad "statuses $s1 and $s2: $(cat m1.err m2.err)"
[ "$(grep -c "as an older demarche ran it brought up" m1.err m2.err |
    awk -F: '{ n += $2 } END { print n }')" = 1 ] && ok ||
    bad "not repaired once: $(cat m1.err m2.err)"
run --db a.db check
expect_status 0
schema a.db >a.schema
expect_same a.schema ref.schema

check "an archive of 71be4e9 that later programs took to level $latest is repaired when used"
rm -f a.db a.db-wal a.db-shm
"$HISTORY_ARCHIVE" a.db $(state_files 71be4e9) $(data_for 7) \
    "$SOURCE_DIR"/migrations/*.sql &&
    ok || bad "the archive could not be made"
run --db a.db migrate --status
expect_out "applied as an earlier text"
run --db a.db stats
expect_status 0
expect_err "'0007-import-in-bulk.sql' as an older demarche ran it brought up"
grep -q "archive brought from" "$WORK/err" && bad "a level changed" || ok
run --db a.db migrate --status
expect_no_out "earlier text"

# refused MESSAGE: migrate fails with MESSAGE and leaves a.db as it was,
# still at its level with its texts recorded, for the program that made it.
refused() {
	sqlite3 a.db .dump >before.sql
	run --db a.db migrate
	expect_status 1
	expect_err "$1"
	expect_err "nothing was changed"
	expect_err_lines 1
	sqlite3 a.db .dump >after.sql
	expect_same before.sql after.sql
}

check "a text of a migration no demarche had is refused before anything is written"
rm -f a.db a.db-wal a.db-shm
mkdir -p edited
{ cat "$HISTORY/9198b2c/0003-who-listing.sql"; echo "-- edited"; } \
    >edited/0003-who-listing.sql
"$HISTORY_ARCHIVE" a.db $(state_files e8f903f | head -n 2) \
    edited/0003-who-listing.sql $(data_for 3)
refused "it ran a text of migration '0003-who-listing.sql' this program does not know"
run --db a.db who
expect_status 1

check "a table that is not the migrations' is refused before anything is written"
rm -f a.db a.db-wal a.db-shm
"$HISTORY_ARCHIVE" a.db $(state_files 9198b2c) $(data_for 3)
sql a.db "ALTER TABLE who_pairs ADD COLUMN note TEXT"
refused "its table 'who_pairs' is not the one the migrations make"

check "a migration that fails after the repair leaves nothing of either"
rm -f a.db a.db-wal a.db-shm
"$HISTORY_ARCHIVE" a.db $(state_files 9198b2c) $(data_for 3)
# An index of the name migration 0004 gives its own.
sql a.db "CREATE INDEX claims_by_date ON claims (kind)"
refused "migration '0004-claim-dates.sql' failed"
[ "$(sql a.db "SELECT sha256 FROM schema_migrations WHERE version = 3")" = \
    "$(sha256sum "$HISTORY/9198b2c/0003-who-listing.sql" | cut -d' ' -f1)" ] &&
    ok || bad "the text of 0003 recorded changed"

finish
