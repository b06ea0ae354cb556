# Messages name the real cause: a read-only archive or directory, a
# locked archive, a full disk, a damaged archive; none is called "not a
# demarche archive", and none shows the SQL demarche ran.
. "$(dirname "$0")/lib.sh"

"$DEMARCHE" --db a.db init >/dev/null 2>&1 || exit 1
"$DEMARCHE" --db a.db import "$SOURCE_DIR/examples/july-2021.json" \
    >/dev/null 2>&1 || exit 1
sh "$GEN" 5 m >more.jsonl

# plain: the last error is one line that shows no SQL and does not call
# the archive something else.
plain() {
	expect_err_lines 1
	if grep -q 'not a demarche archive' "$WORK/err"; then
		bad "the archive was called something else"
	else
		ok
	fi
	if grep -qi '(in: \|SELECT \|INSERT \|UPDATE \|WITH ' "$WORK/err"; then
		bad "SQL in the message"
	else
		ok
	fi
}

# Permissions bind root only as another user: nobody, through setpriv.
if [ "$(id -u)" -ne 0 ]; then
	as_user() { "$@"; }
elif command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
	chmod 755 "$WORK"
	as_user() {
		setpriv --reuid=nobody --regid="$(id -g nobody)" \
		    --clear-groups "$@"
	}
fi

# user_run ARGS...: run, as that user.
user_run() {
	as_user "$DEMARCHE" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	status=$?
}

if command -v as_user >/dev/null 2>&1; then
	check "a read-only archive is read, and a write says read-only"
	mkdir ro
	cp a.db ro/a.db
	chmod 444 ro/a.db
	chmod 777 ro
	sqlite3 ro/a.db .dump >ro.sql
	user_run --db ro/a.db stats
	expect_status 0
	expect_out "claims      24"
	for cmd in "import more.jsonl" "actors add X-RO Readonly"; do
		user_run --db ro/a.db $cmd
		expect_status 1
		expect_err "archive 'ro/a.db' is read-only"
		plain
	done
	sqlite3 ro/a.db .dump >now.sql
	expect_same ro.sql now.sql

	check "a read-only directory says so"
	mkdir rodir
	cp a.db rodir/a.db
	chmod 666 rodir/a.db
	chmod 555 rodir
	for cmd in stats "import more.jsonl"; do
		user_run --db rodir/a.db $cmd
		expect_status 1
		expect_err "its directory is read-only"
		plain
	done

	check "an archive that cannot be read says why"
	mkdir closed
	cp a.db closed/a.db
	chmod 000 closed/a.db
	chmod 777 closed
	user_run --db closed/a.db stats
	expect_status 1
	expect_err "cannot open archive 'closed/a.db': Permission denied"
	plain
else
	skip "read-only cases (root without setpriv or nobody)"
fi

check "a locked archive says locked"
mkfifo ctl
sqlite3 a.db <ctl >held &
holder=$!
exec 3>ctl
echo "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;
    SELECT count(*) FROM claims;" >&3
# The count printed, the lock is held (at most 30 s).
n=0
while [ ! -s held ] && [ "$n" -lt 300 ]; do
	sleep 0.1
	n=$((n + 1))
done
# After the busy timeout, 10 s.
run --db a.db stats
expect_status 1
expect_err "archive 'a.db' is locked by another program"
plain
exec 3>&-
wait "$holder"

check "a damaged archive says damaged, without SQL"
"$DEMARCHE" --db big.db init >/dev/null 2>&1
sh "$GEN" 2000 d >big.jsonl
"$DEMARCHE" --db big.db import big.jsonl >/dev/null 2>&1
size=$(wc -c <big.db)
# 64 KB in the middle, pages and all, made 0xff: the same damage each run.
head -c 65536 /dev/zero | tr '\0' '\377' >noise
dd if=noise of=big.db bs=4096 seek=$((size / 8192)) count=16 conv=notrunc \
    2>/dev/null
failed_runs=0
for cmd in who claims statements "search cyber" "import more.jsonl"; do
	run --db big.db $cmd
	[ "$status" -eq 0 ] && continue
	failed_runs=$((failed_runs + 1))
	expect_status 1
	expect_err "archive 'big.db' is damaged"
	plain
done
[ "$failed_runs" -ge 2 ] && ok || bad "only $failed_runs commands met the damage"

# Writes to a full disk: a 1 MB tmpfs in a mount namespace of its own,
# else a device that always is full, made for the test.
cat >full.sh <<'EOF'
mount -t tmpfs -o size=1m tmpfs mnt || exit 77
cp a.db mnt/a.db
cat /dev/zero >mnt/fill 2>/dev/null
"$DEMARCHE" --db mnt/a.db stats 2>open.err
echo $? >open.status
"$DEMARCHE" --db a.db export claims -o mnt/out.csv 2>export.err
echo $? >export.status
"$DEMARCHE" --db a.db report -o mnt/out.html 2>report.err
echo $? >report.status
ls mnt >left
EOF
mkdir mnt
if DEMARCHE=$DEMARCHE unshare -m sh full.sh 2>/dev/null; then
	echo "full disk: a 1 MB tmpfs"
	check "an archive on a full disk says disk full"
	cp open.err "$WORK/err"
	status=$(cat open.status)
	expect_status 1
	expect_err "archive 'mnt/a.db': disk full"
	plain
	for what in export report; do
		check "$what -o to a full disk says disk full, naming the file"
		cp "$what.err" "$WORK/err"
		status=$(cat "$what.status")
		expect_status 1
		[ "$what" = export ] && expect_err "cannot write 'mnt/out.csv': disk full"
		[ "$what" = report ] && expect_err "cannot write 'mnt/out.html': disk full"
		plain
	done
	grep -q '^out\.' left && bad "left on the disk: $(cat left)" || ok
elif mknod full c 1 7 2>/dev/null; then
	echo "full disk: a device like /dev/full (no unshare or tmpfs)"
	for cmd in "export claims" report; do
		check "$cmd -o to a full device says disk full, naming it"
		run --db a.db $cmd -o full
		expect_status 1
		expect_err "cannot write 'full': disk full"
		plain
	done
else
	skip "full disk (neither a tmpfs nor a device can be made)"
fi

finish
