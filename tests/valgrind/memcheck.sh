#!/bin/sh
# Runs a program under valgrind memcheck: any memory error or leak in it
# makes it exit 99 after printing valgrind's report on standard error.
# Only the program's own process counts, not a child it forks that then
# fails to run a command: that child's exit status must reach the program
# unchanged.  VALGRIND may name valgrind by its full path.
# Usage: memcheck.sh PROGRAM [ARGS...]
# Check runs each test in a child process; in one process the report is
# whole and each leak is counted once.
CK_FORK=no
export CK_FORK
# The program gets the PATH it was given; this script finds its tools.
path=$PATH
PATH=/usr/local/bin:/usr/bin:/bin:$PATH
logs=$(mktemp -d "${TMPDIR:-/tmp}/memcheck.XXXXXX") || exit 2
# A command started with & reads /dev/null unless given its input again.
exec 3<&0
PATH=$path "${VALGRIND:-valgrind}" --log-file="$logs/%p" --leak-check=full \
	--show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible \
	--suppressions="${0%/*}/valgrind.supp" "$@" <&3 3<&- &
pid=$!
exec 3<&-
wait "$pid"
status=$?
if ! grep -q 'ERROR SUMMARY: 0 errors' "$logs/$pid" 2>/dev/null; then
	cat "$logs/$pid" >&2
	status=99
fi
rm -rf "$logs"
exit "$status"
