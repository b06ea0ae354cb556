# 'demarche review' driven in a real terminal (tmux): keys decide, each
# decision is saved as it is shown saved, a kill loses none of those, and
# the archive then holds exactly the decisions made.
. "$(dirname "$0")/lib.sh"

SOCKET="demarche-review-$$"
TMUX_RUN="tmux -L $SOCKET -f /dev/null"
trap '$TMUX_RUN kill-server 2>/dev/null; rm -rf "$WORK"' EXIT

run init
write_drills drills.txt
run import drills.txt
cp test.db fresh.db

# start COLS ROWS [ARGS]: review in a new terminal of that size, without
# colour, the program itself the pane's process.
start() {
	_c=$1 _r=$2
	shift 2
	$TMUX_RUN kill-server 2>/dev/null
	$TMUX_RUN new-session -d -x "$_c" -y "$_r" \
	    "exec env NO_COLOR=1 $DEMARCHE --db $WORK/test.db review $*"
}

screen() {
	$TMUX_RUN capture-pane -p >"$WORK/out" 2>/dev/null
}

# wait_for TEXT: the screen shows TEXT within 60 seconds.
wait_for() {
	_i=0
	while [ $_i -lt 300 ]; do
		screen
		grep -qF -- "$1" "$WORK/out" && { ok; return 0; }
		sleep 0.2
		_i=$((_i + 1))
	done
	bad "the screen never showed '$1'"
	return 1
}

keys() {
	$TMUX_RUN send-keys "$@"
}

check "without a terminal review refuses and names the other form"
run review
expect_status 1
expect_err "review needs a terminal"
expect_err "claims accept|reject|edit ID"

check "the first claim, its sentence marked, and the progress"
start 72 24 --reviewer ana
wait_for "1 of 4"
expect_out "Remarks on the drills"
expect_out "[strongly condemns]"
expect_out "<Japan>"
expect_out "proposed: CHN condemn -> JPN"

check "accept, reject, accept, undo, edit the targets, quit"
keys a
wait_for "accepted: saved"
wait_for "2 of 4"
keys r
wait_for "rejected: saved"
wait_for "3 of 4"
keys a
wait_for "accepted: saved"
wait_for "4 of 4"
keys u
wait_for "undone: saved"
wait_for "3 of 4"
expect_out "<Australia>"
keys e
wait_for "kind [criticize]:"
keys Enter
wait_for "claimant [CHN.MFA]:"
keys Enter
wait_for "targets, comma-separated"
keys NATO Enter
wait_for "edited: saved"
wait_for "4 of 4"
keys q
wait_for "3 decisions saved"

check "the archive holds exactly those decisions"
run claims --method reviewed --csv
expect_out "JPN,Japan"
expect_out "NATO,North Atlantic Treaty Organization"
expect_no_out "AUS,"
[ "$(tail -n +2 out | wc -l)" -eq 2 ] && ok || bad "want 2 reviewed claims"
run claims --method rule --csv
[ "$(tail -n +2 out | wc -l)" -eq 1 ] && ok || bad "want 1 rule claim left"
expect_out "PHL,Philippines"
[ "$(sqlite3 test.db "SELECT reviewer FROM claims WHERE review =
    'rejected'")" = ana ] && ok || bad "the rejection is ana's"
[ "$(who_accused)" = "JPN NATO " ] && ok || bad "who: $(who_accused)"
run check
expect_status 0
run import --recode
expect_status 0
[ "$(who_accused)" = "JPN NATO " ] && ok || bad "who after recode: $(who_accused)"
run claims --csv
expect_no_out "United States"

check "a killed review keeps every decision it showed saved"
cp fresh.db test.db
rm -f test.db-wal test.db-shm
start 80 24
wait_for "1 of 4"
keys a
wait_for "2 of 4"
keys r
wait_for "rejected: saved"
wait_for "3 of 4"
pid=$($TMUX_RUN display-message -p '#{pane_pid}')
kill -KILL "$pid" && ok || bad "no review process to kill"
run claims --method reviewed --csv
expect_out "JPN,Japan"
[ "$(sqlite3 test.db "SELECT count(*) FROM claims WHERE review =
    'rejected'")" = 1 ] && ok || bad "the rejection is lost"
run check
expect_status 0
[ "$(who_accused)" = "AUS JPN " ] && ok || bad "who: $(who_accused)"

check "a terminal of 20 columns and 8 rows still works"
start 20 8
wait_for "1 of 2"
keys s
wait_for "2 of 2"
keys q
wait_for "0 decisions saved"

finish
