# Hostile storage: a full disk, a write error on standard output, and
# files that are not demarche archives given as --db.  Each is a clear
# error that changes nothing, never a crash.
. "$(dirname "$0")/lib.sh"

# no_crash: the last run exited 0 or 1 with no sanitizer report.
no_crash() {
	[ "$status" -le 1 ] && ok || bad "status $status"
	grep -q 'Sanitizer\|runtime error' "$WORK/err" && bad "sanitizer report" ||
		ok
}

"$DEMARCHE" --db base.db init >/dev/null 2>&1 || exit 1
sh "$GEN" 3000 f >fill.jsonl
sh "$GEN" 3 s >small.jsonl

# A 1 MB file system: tmpfs as root, else a file size limit, with the
# signal it raises ignored so that writes fail with EFBIG instead.
full=""
if [ "$(id -u)" -eq 0 ] && mkdir mnt && mount -t tmpfs -o size=1m tmpfs mnt 2>/dev/null; then
	full=mnt
	tmpfs=1
	trap 'umount "$WORK/mnt"; rm -rf "$WORK"' EXIT
	limit() { shift; "$@"; }
	echo "full disk: a 1 MB tmpfs"
else
	mkdir -p mnt
	full=mnt
	tmpfs=0
	# limit KB COMMAND...: runs COMMAND with files limited to KB.
	limit() { (trap '' XFSZ; ulimit -f $(($1 * 2)); shift; "$@"); }
	echo "full disk: a file size limit of 1 MB (not root, no tmpfs)"
fi

check "an import that fills the disk fails cleanly"
cp base.db "$full/a.db"
limit 1024 "$DEMARCHE" --db "$full/a.db" import fill.jsonl >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 1
expect_err "full"
grep -q 'Sanitizer\|runtime error' "$WORK/err" && bad "sanitizer report" || ok
intact "$full/a.db" && ok || bad "archive damaged"
[ "$(sql "$full/a.db" 'SELECT count(*) FROM statements')" = 0 ] && ok ||
	bad "statements were kept"
[ "$(sql "$full/a.db" 'SELECT count(*) FROM imports')" = 0 ] && ok ||
	bad "an import was recorded"

check "the same archive takes a small import afterwards"
limit 1024 "$DEMARCHE" --db "$full/a.db" import small.jsonl >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 0
expect_out "3 new"

check "an export to a full disk leaves no file"
sh "$GEN" 300 e >e.jsonl
cp base.db e.db
"$DEMARCHE" --db e.db import e.jsonl >/dev/null 2>&1
# Whatever space is left, the filler takes.
[ "$tmpfs" -eq 1 ] && cat /dev/zero >"$full/filler" 2>/dev/null
limit 16 "$DEMARCHE" --db e.db export claims -o "$full/out.csv" \
    >"$WORK/out" 2>"$WORK/err"
status=$?
rm -f "$full/filler"
expect_status 1
[ ! -e "$full/out.csv" ] && ok || bad "a partial export was left"
	[ -z "$(ls "$full" | grep '^out\.csv')" ] && ok ||
	bad "a temporary file was left: $(ls "$full")"

check "a write error on standard output is an error"
"$DEMARCHE" --db base.db stats >/dev/full 2>"$WORK/err"
status=$?
expect_status 1
expect_err "error writing output"

check "another SQLite database is refused and left as it was"
sqlite3 other.db 'CREATE TABLE t (x); INSERT INTO t VALUES (1)'
cp other.db other.orig
for cmd in stats init migrate "import small.jsonl"; do
	run --db other.db $cmd
	expect_status 1
	expect_err "not a demarche archive"
	cmp -s other.db other.orig && ok || bad "'$cmd' changed the file"
	[ ! -e other.db-wal ] && ok || bad "'$cmd' made a WAL file"
done

check "a random file, a JSON file and a directory are refused"
head -c 65536 /dev/urandom >random.db
cp random.db random.orig
cp small.jsonl json.db
mkdir dir.db
for db in random.db json.db dir.db; do
	for cmd in stats init "import small.jsonl"; do
		run --db $db $cmd
		expect_status 1
		expect_err "$db"
		no_crash
	done
done
cmp -s random.db random.orig && ok || bad "the random file changed"
cmp -s json.db small.jsonl && ok || bad "the JSON file changed"

check "an archive from a newer demarche is refused and left as it was"
cp base.db newer.db
sqlite3 newer.db 'PRAGMA user_version = 999'
cp newer.db newer.orig
for cmd in stats init migrate "import small.jsonl"; do
	run --db newer.db $cmd
	expect_status 1
	expect_err "newer demarche"
	cmp -s newer.db newer.orig && ok || bad "'$cmd' changed the file"
done

check "a truncated archive and a damaged one: errors, not crashes"
cp base.db full.db
"$DEMARCHE" --db full.db import fill.jsonl >/dev/null 2>&1
size=$(wc -c <full.db)
head -c $((size / 2)) full.db >half.db
cp full.db damaged.db
# Overwrite 64 KB in the middle with noise, pages and all.
dd if=/dev/urandom of=damaged.db bs=4096 seek=$((size / 8192)) count=16 \
    conv=notrunc 2>/dev/null
for db in half.db damaged.db; do
	for cmd in stats init "import small.jsonl"; do
		run --db $db $cmd
		no_crash
	done
	run --db $db who
	no_crash
	run --db $db search cyber
	no_crash
done

finish
