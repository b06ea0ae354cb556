# Escape sequences in the data never reach a terminal: what is written
# for people (tables, thread, every diagnostic) shows C0, DEL and C1
# controls as \xHH; csv, tsv and json keep the data as it is.
. "$(dirname "$0")/lib.sh"

ESC=$(printf '\033')
# The C0 controls but tab and LF, and DEL; and C1 (U+0080-U+009F in UTF-8).
C0=$(printf '[\001-\010\013-\037\177]')
C1=$(printf '\302[\200-\237]')

# raw FILE: FILE holds a control character a terminal would act on.
raw() {
	LC_ALL=C grep -q "$C0" "$1" || LC_ALL=C grep -q "$C1" "$1"
}

# people FILE: FILE, written for people, holds no raw control.
people() {
	if raw "$1"; then
		bad "raw control in $1: $(LC_ALL=C grep -a "$C0\|$C1" "$1" |
		    head -n 2 | od -c | head -n 4)"
	else
		ok
	fi
}

"$DEMARCHE" init >/dev/null 2>&1 || exit 1

# Retitle the window, clear the screen, recolour; CSI and OSC as C1;
# DEL and NEL.
OSC='\u001b]0;PWNED\u0007'
CLR='\u001b[2J\u001b[H'
C1S='\u009b31m \u009d0;C1\u009c \u007f \u0085'
cat >inj.json <<EOF
{"actors": [{"code": "X-INJ", "name": "Inj $OSC$CLR$C1S actor"}],
 "statements": [
  {"id": "inj-1", "issuer": "CHN", "date": "2021-07-19",
   "title": "Title $OSC$CLR $C1S",
   "text": "The text $OSC.",
   "claims": [{"kind": "accuse", "by": "X-INJ",
     "target": ["USA", "Nobody $OSC$CLR", "C1 $C1S"],
     "topics": ["cyber $CLR"],
     "summary": "Summary $OSC$CLR $C1S", "quote": "Quote $OSC"}]},
  {"id": "inj-2", "issuer": "Unknown $OSC$C1S", "date": "2021-07-20",
   "title": "Answer", "responds_to": ["inj-1", "gone $CLR"]}]}
EOF

check "import: the unresolved actors are named escaped"
run import inj.json
expect_status 0
expect_err "unresolved actor 'Nobody \\x1b]0;PWNED\\x07\\x1b[2J\\x1b[H'"
expect_err "\\x9b31m \\x9d0;C1\\x9c \\x7f \\x85"
people "$WORK/err"

check "thread shows titles, summaries and actors escaped"
for id in inj-1 inj-2; do
	run thread "$id"
	expect_status 0
	people "$WORK/out"
done
run thread inj-1
expect_out "Title \\x1b]0;PWNED\\x07\\x1b[2J\\x1b[H \\x9b31m"
expect_out "Summary \\x1b]0;PWNED"
run thread inj-2
expect_out "gone \\x1b[2J"

check "tables show the same texts escaped"
for cmd in statements claims who actors "actors --unresolved" \
    "search PWNED" "claims --by X-INJ"; do
	run $cmd
	expect_status 0
	people "$WORK/out"
done
run claims
expect_out "Nobody \\x1b]0;PWNED\\x07"
expect_out "\\x9b31m"

check "error messages quoting input are escaped"
run thread "$(printf 'no\033]0;PWNED\007\302\233such')"
expect_status 1
expect_err "no statement 'no\\x1b]0;PWNED\\x07\\x9bsuch'"
people "$WORK/err"
run statements "$(printf -- '--\033[2Jx')"
expect_status 2
people "$WORK/err"
run claims --by "$(printf 'who\033[31m')"
expect_status 1
expect_err "who\\x1b[31m"
people "$WORK/err"
printf '{"id": "e1", "issuer": "CHN", "date": "2021-07-19", "kind": "x\\u001b[2J"}\n' >bad.jsonl
run import bad.jsonl
expect_status 1
expect_err "\\x1b[2J"
people "$WORK/err"
printf 'Title: t\nIssuer: CHN\nDate: 2021\nKind: k\033[2J\302\233\n\nBody.\n' >bad.txt
run import bad.txt
expect_status 1
expect_err "k\\x1b[2J\\x9b"
people "$WORK/err"

check "csv, tsv and json keep the data as it is"
run claims --format csv
LC_ALL=C grep -q "Summary ${ESC}]0;PWNED" "$WORK/out" && ok ||
	bad "csv lost the escape sequence"
raw "$WORK/out" && ok || bad "csv changed the data"
run export claims --format tsv
raw "$WORK/out" && ok || bad "tsv changed the data"
run claims --json
expect_out 'Summary \u001b]0;PWNED\u0007'
run export statements --format jsonl -o back.jsonl
run --db back.db init
run --db back.db import back.jsonl
run --db back.db export claims --format csv
cut -d , -f 2- "$WORK/out" >back.csv
run export claims --format csv
cut -d , -f 2- "$WORK/out" >orig.csv
expect_same orig.csv back.csv

finish
