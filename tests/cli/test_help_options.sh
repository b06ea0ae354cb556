# The help and the parser agree, for every command: each option its help
# lists is accepted, each option that another command's help lists and
# this one's does not is refused, and its usage line names only options
# its help lists.  Read from the help as a user reads it.
. "$(dirname "$0")/lib.sh"

# help_file CMD...: the file that holds the help of CMD, asked once.
help_file() {
	echo "$WORK/help-$(echo "$*" | tr ' ' -).txt"
}

# options CMD...: the labels of the help's options, one a line, as
# "NAME SHORT VALUE" (- for none): "output o FILE", "exact - -".
options() {
	awk '
		/^  -/ {
			sub(/^  /, "")
			sub(/  .*/, "")
			n = split($0, w, " ")
			short = "-"
			i = 1
			if (w[1] ~ /^-[a-zA-Z],$/) {
				short = substr(w[1], 2, 1)
				i = 2
			}
			name = w[i]
			sub(/^--/, "", name)
			print name, short, (n > i ? w[i + 1] : "-")
		}' "$(help_file "$@")"
}

# takes CMD... -- OPTION VALUE: whether CMD accepts OPTION, given before
# --help so that nothing runs.
takes() {
	_args=""
	while [ "$1" != "--" ]; do _args="$_args $1"; shift; done
	shift
	# shellcheck disable=SC2086
	if [ "$2" = "-" ]; then
		"$DEMARCHE" $_args "$1" --help >"$WORK/out" 2>"$WORK/err"
	else
		"$DEMARCHE" $_args "$1" "$2" --help >"$WORK/out" 2>"$WORK/err"
	fi
}

# A value each option's check lets through until --help.
value_for() {
	case $1 in
	-) echo - ;;
	*dmy*) echo dmy ;;
	*) echo 1 ;;
	esac
}

commands=$("$DEMARCHE" --help | awk '/^Commands:/ { on = 1; next }
    on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
[ -n "$commands" ] || { echo "no commands in demarche --help"; exit 1; }

# Every command, the subcommands with options of their own, and the
# global options (an empty command).
set -- ""
for c in $commands; do
	[ "$c" = help ] || set -- "$@" "$c"
done
set -- "$@" "claims edit" "actors add"

for c in "$@"; do
	# shellcheck disable=SC2086
	"$DEMARCHE" $c --help >"$(help_file $c)"
done

# The options that several helps list, as "NAME VALUE": those a command
# may take without saying so (it happened: review took --format).
for c in "$@"; do
	# shellcheck disable=SC2086
	options $c | awk '{ print $1, $3 }' | sort -u
done | sort | uniq -c | awk '$1 > 1 { print $2, $3 }' >"$WORK/shared"
[ -s "$WORK/shared" ] || { echo "no options in any help"; exit 1; }

for c in "$@"; do
	check "${c:-demarche}: every option its help lists is accepted"
	# shellcheck disable=SC2086
	options $c >"$WORK/own"
	# All at once, given before --help so that nothing runs; one at a
	# time to name the one refused.
	set -f
	# shellcheck disable=SC2046,SC2086
	if "$DEMARCHE" $c $(awk '{ print "--" $1 } $3 != "-" { print \
	    ($3 ~ /dmy/ ? "dmy" : "1") } $2 != "-" { print "-" $2 }
	    $2 != "-" && $3 != "-" { print "1" }' "$WORK/own") --help \
	    >"$WORK/out" 2>"$WORK/err"; then
		ok
	else
		while read -r name short value; do
			# shellcheck disable=SC2086
			takes $c -- "--$name" "$(value_for "$value")" ||
			    bad "--$name refused"
		done <"$WORK/own"
		bad "an option of the help refused"
	fi
	set +f

	check "${c:-demarche}: no option its help leaves out is accepted"
	while read -r name value; do
		# Its own options, and the abbreviations of them getopt takes.
		awk -v n="$name" 'index($1, n) == 1 { f = 1 } END { exit !f }' \
		    "$WORK/own" && continue
		# shellcheck disable=SC2086
		takes $c -- "--$name" "$(value_for "$value")"
		if [ $? -eq 2 ]; then ok
		else bad "--$name accepted but not in the help"; fi
	done <"$WORK/shared"

	[ -n "$c" ] || continue
	check "$c: the usage line names only options of the help"
	# shellcheck disable=SC2086
	awk '/^usage:/ { on = 1 } on && /^$/ { exit } on' "$(help_file $c)" |
	    sed 's/demarche \[--db PATH\]//' |
	    grep -o '\[--*[a-z][a-z-]*' | sed 's/^\[-*//' | while read -r name; do
		awk -v n="$name" '$1 == n || $2 == n { f = 1 }
		    END { exit !f }' "$WORK/own" || echo "$name"
	    done >"$WORK/stray"
	if [ -s "$WORK/stray" ]; then bad "usage names $(cat "$WORK/stray")"
	else ok; fi
done

check "a refused option says why, and its help leaves it out"
run timeline --limit 3
expect_status 2
expect_err "'--limit' does not apply: every claim of every period is counted"
run graph --excel
expect_status 2
expect_err "'--excel' does not apply: a graph is dot, svg, png or pdf"
run help timeline
expect_no_out "--limit"

finish
