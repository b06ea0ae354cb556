# Memory bounded by design: an import holds one statement at a time
# whatever the shape of the file, an endless stream stops with an error,
# and the limits on one statement and on a claim's targets are clear
# errors, reached quickly.
. "$(dirname "$0")/lib.sh"

"$DEMARCHE" --db base.db init >/dev/null 2>&1 || exit 1
cp base.db test.db

# statements N TAG: N statements of about 5 KB each, as one JSON array
# spread over lines.
statements() {
	awk -v n="$1" -v tag="$2" 'BEGIN {
		print "["
		for (i = 1; i <= n; i++) {
			printf "{\"id\": \"%s-%d\", \"issuer\": \"EU\", \"date\": \"2021-07-19\", \"text\": \"", tag, i
			for (k = 0; k < 80; k++)
				printf "Statement %d says word %d of its text. ", i, k
			printf "\", \"claims\": [{\"kind\": \"accuse\", \"target\": \"CHN\"}]}%s\n", i < n ? "," : ""
		}
		print "]"
	}'
}

# statements_jsonl N TAG: the same statements, one a line.
statements_jsonl() {
	statements "$@" | sed '1d; $d; s/,$//'
}

check "a JSON array needs no more memory than JSON Lines"
statements 2000 s >large.json
statements_jsonl 2000 s >large.jsonl
peak import large.jsonl
expect_status 0
expect_out "2000 new"
lines=$kb
cp base.db test.db
peak import large.json
expect_status 0
expect_out "2000 new"
echo "peak RSS: $lines KiB for JSON Lines, $kb KiB for a JSON array" \
    "($(wc -c <large.json) bytes)"
# Read whole, as before, the array took 50 MB more.
[ "$kb" -le $((lines * 11 / 10)) ] && ok ||
	bad "peak RSS $kb KiB against $lines KiB for JSON Lines"

check "a bundle's statements are read one at a time too"
cp base.db test.db
{ printf '{"actors": [{"code": "XX-B", "name": "Bee"}],\n "statements": '
  statements 2000 s; printf '}\n'; } >bundle.json
peak import bundle.json
expect_status 0
expect_out "2000 new"
[ "$kb" -le $((lines * 11 / 10)) ] && ok ||
	bad "peak RSS $kb KiB against $lines KiB for JSON Lines"
rm -f large.json large.jsonl bundle.json

check "an endless stream of NUL bytes stops at once"
mknod zero c 1 5 || exit 1
cp base.db test.db
peak import zero
expect_status 1
expect_err "zero:1:1: a NUL byte, which JSON text cannot hold"
[ "$secs" -lt 10 ] && ok || bad "$secs s"
[ "$kb" -le "$lines" ] && ok || bad "peak RSS $kb KiB"

check "an endless value stops at the limit of one statement"
peak_of sh -c '{ printf "{\"text\": \""; yes x | tr -d "\n"; } |
    "$0" import -' "$DEMARCHE"
expect_status 1
expect_err "<stdin>:1:1: a value of more than 4 MiB, the limit for one statement"
[ "$kb" -le "$lines" ] && ok || bad "peak RSS $kb KiB"
peak_of sh -c '{ printf "[\""; yes x | tr -d "\n"; } | "$0" import -' \
    "$DEMARCHE"
expect_status 1
expect_err "<stdin>:1:2: a value of more than 4 MiB, the limit for one statement"

check "a text over the limit of one statement"
awk 'BEGIN { print "Issuer: EU\nDate: 2021\n"; for (i = 0; i < 100000; i++) print "The Union condemns the attack number " i "." }' >long.txt
rejected long.txt
expect_err "long.txt: a text of more than 4 MiB, the limit for one statement"

check "a claim with more targets than the limit"
targets() {
	awk -v n="$1" 'BEGIN {
		printf "{\"id\": \"wide\", \"issuer\": \"EU\", \"date\": \"2021\",\n \"claims\": [{\"kind\": \"accuse\", \"target\": ["
		for (i = 1; i <= n; i++)
			printf "\"XX-T%d\"%s", i, i < n ? ", " : ""
		print "]}]}"
	}'
}
targets 1001 >over.json
rejected over.json
expect_err "over.json:1: statement 1 (id 'wide'): claim 1: 1001 items in 'target', more than the limit of 1000"
targets 100000 >huge.json
peak import huge.json
expect_status 1
expect_err "100000 items in 'target'"
[ "$secs" -lt 30 ] && ok || bad "$secs s"
targets 1000 >limit.json
run import limit.json
expect_status 0
expect_out "1 new, 0 updated, 0 unchanged, 0 rejected, 1000 unresolved actors"

finish
