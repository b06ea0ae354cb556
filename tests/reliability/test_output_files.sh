# What -o names: the archive or one of its files is refused with nothing
# changed; a character device and a FIFO are written straight through,
# not replaced; a symbolic link stays and its target is written; a file
# replaced keeps its permissions.
. "$(dirname "$0")/lib.sh"

"$DEMARCHE" --db a.db init >/dev/null 2>&1 || exit 1
"$DEMARCHE" --db a.db import "$SOURCE_DIR/examples/july-2021.json" \
    >/dev/null 2>&1 || exit 1
"$DEMARCHE" --db a.db export claims -o ref.csv >/dev/null 2>&1 || exit 1
sqlite3 a.db .dump >a.sql
# The cases after the first two write from a copy of their own.
cp a.db b.db

# unchanged: the archive holds what it held, and no temporary is left.
unchanged() {
	sqlite3 a.db .dump >now.sql
	cmp -s a.sql now.sql && ok || bad "the archive changed"
	intact a.db && ok || bad "the archive is damaged"
	[ -z "$(ls | grep -E '\.db\.[A-Za-z0-9]{6}$')" ] && ok ||
		bad "a temporary was left: $(ls)"
}

check "-o naming the archive, or a link or another name for it"
ln a.db hard.db
ln -s a.db soft.db
for o in a.db ./a.db "$WORK/a.db" hard.db soft.db; do
	for cmd in "export claims" report "graph --format dot"; do
		run --db a.db $cmd -o "$o"
		expect_status 1
		expect_err "cannot write '$o': it is the archive"
		expect_err_lines 1
		unchanged
	done
done

check "-o naming the archive's write-ahead log or shared-memory index"
# Both are there while demarche has the archive open.
for f in wal shm; do
	for cmd in "export claims" report; do
		run --db a.db $cmd -o "a.db-$f"
		expect_status 1
		expect_err "cannot write 'a.db-$f': it is the archive's"
		unchanged
	done
done

check "a character device is written through, not replaced"
if mknod null c 1 3 2>/dev/null; then
	run --db b.db export claims -o null
	expect_status 0
	expect_err "28 rows written to 'null'"
	[ -c null ] && ok || bad "the device became: $(ls -l null)"
else
	skip "mknod needs root (a device made for the test)"
fi

check "a FIFO delivers the export to its reader"
mkfifo pipe
timeout 30 cat pipe >from-pipe &
reader=$!
run --db b.db export claims -o pipe
expect_status 0
[ -p pipe ] && ok || bad "the FIFO became: $(ls -l pipe)"
# Had the FIFO been replaced, its reader would wait for nothing.
[ -p pipe ] || kill "$reader" 2>/dev/null
wait "$reader"
expect_same ref.csv from-pipe

check "standard output named through /proc, a pipe behind it"
"$DEMARCHE" --db b.db export claims -o /proc/self/fd/1 2>"$WORK/err" |
    cat >piped.csv
expect_same ref.csv piped.csv
expect_err "28 rows written to '/proc/self/fd/1'"

check "a symbolic link stays and its target is written"
mkdir dir sub
echo old >dir/target.csv
ln -s dir/target.csv link.csv
ln -s ../dir/target.csv sub/rel.csv
run --db b.db export claims -o link.csv
expect_status 0
[ -L link.csv ] && ok || bad "the link was replaced"
expect_same ref.csv dir/target.csv
echo old >dir/target.csv
run --db b.db export claims -o sub/rel.csv
expect_status 0
[ -L sub/rel.csv ] && ok || bad "a relative link was replaced"
expect_same ref.csv dir/target.csv
[ -z "$(ls dir sub | grep -E '\.csv\.[A-Za-z0-9]{6}$')" ] && ok ||
	bad "a temporary was left"

check "a link to a file not there yet makes the file"
ln -s dir/new.csv dangling.csv
run --db b.db export claims -o dangling.csv
expect_status 0
[ -L dangling.csv ] && ok || bad "the link was replaced"
expect_same ref.csv dir/new.csv

check "a loop of links is an error"
ln -s loop2 loop1
ln -s loop1 loop2
run --db b.db export claims -o loop1
expect_status 1
expect_err "cannot write 'loop1'"

check "a replaced file keeps its mode"
for mode in 600 640 755; do
	echo old >kept.csv
	chmod "$mode" kept.csv
	run --db b.db export claims -o kept.csv
	expect_status 0
	[ "$(stat -c %a kept.csv)" = "$mode" ] && ok ||
		bad "mode $mode became $(stat -c %a kept.csv)"
	expect_same ref.csv kept.csv
done

check "a new file gets the mode the umask gives"
(umask 027 && "$DEMARCHE" --db b.db export claims -o new.csv 2>/dev/null)
[ "$(stat -c %a new.csv)" = 640 ] && ok ||
	bad "a new file with umask 027 is $(stat -c %a new.csv)"

check "a directory is refused"
run --db b.db export claims -o dir
expect_status 1
expect_err "cannot create 'dir': Is a directory"

finish
