# init, migrate, stats, help, exit statuses and refusals, on real files.
. "$(dirname "$0")/lib.sh"

check "version"
run --version
expect_status 0
expect_out "demarche "

check "help lists every command"
run --help
expect_status 0
for c in help init migrate stats; do expect_out "  $c "; done

check "help COMMAND"
run help migrate
expect_status 0
expect_out "usage: demarche [--db PATH] migrate [--status]"
run migrate --help
expect_status 0
expect_out "--status"

check "no command is a usage error"
run
expect_status 2
check "unknown command"
run frobnicate
expect_status 2
expect_err "no command 'frobnicate'"
check "unknown option"
run init --bogus
expect_status 2
expect_err "unknown option '--bogus'"
run --bogus init
expect_status 2
check "help for an unknown command"
run help frobnicate
expect_status 2

check "a missing archive is not created by other commands"
run stats
expect_status 1
expect_err "create it with 'demarche init'"
if [ ! -e test.db ]; then ok; else bad "stats created the archive"; fi

check "init creates the archive and loads the gazetteer"
run init
expect_status 0
latest=$(ls "$SOURCE_DIR"/migrations/*.sql | wc -l)
expect_err "schema level $latest: $latest migrations applied"
run stats
expect_status 0
expect_out "statements  0"

check "an init that fails leaves no archive behind, and keeps a file it found"
# A directory where the write-ahead log goes fails the init once the
# archive's file is made.
mkdir new.db-wal empty.db-wal
run --db new.db init
expect_status 1
expect_err "Is a directory"
expect_err_lines 1
if [ ! -e new.db ]; then ok; else bad "init left new.db"; fi
: >empty.db
run --db empty.db init
expect_status 1
[ -f empty.db ] && [ ! -s empty.db ] && ok ||
	bad "init removed or changed a file it did not create"

check "init twice changes nothing"
sqlite3 test.db .dump >before.sql
run init
expect_status 0
expect_err "up to date"
sqlite3 test.db .dump >after.sql
expect_same before.sql after.sql

check "--db beats DEMARCHE_DB"
run --db other.db init
expect_status 0
if [ -s other.db ]; then ok; else bad "--db other.db not created"; fi

check "migrate --status"
run migrate --status
expect_status 0
expect_out "0001-initial.sql"
expect_out "0002-who-summary.sql"
expect_out "applied"
run migrate
expect_status 0
expect_err "0 migrations applied"

check "a newer archive is refused and left untouched"
cp test.db newer.db
sqlite3 newer.db "PRAGMA user_version = 999" >/dev/null
cp newer.db newer.orig
for cmd in migrate init stats; do
	run --db newer.db $cmd
	expect_status 1
	expect_err "newer demarche"
	expect_same newer.db newer.orig
done

check "another SQLite database is refused and left untouched"
sqlite3 other.sqlite "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
cp other.sqlite other.orig
run --db other.sqlite init
expect_status 1
expect_err "not a demarche archive"
expect_same other.sqlite other.orig

check "a text file is refused and left untouched"
printf 'hello, this is not a database\n' >notes.txt
cp notes.txt notes.orig
run --db notes.txt init
expect_status 1
expect_err "not a demarche archive"
expect_same notes.txt notes.orig

check "a directory is refused"
mkdir adir
run --db adir init
expect_status 1
expect_err "is a directory"

check "errors are one line"
run --db notes.txt stats
expect_err_lines 1

finish
