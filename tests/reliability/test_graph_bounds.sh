# The network of 'graph' and 'report' within bounds: texts cut to what
# Graphviz takes, a default cap on the pairs drawn (said in the picture
# and on standard error), dot killed with demarche and after a time
# limit, its failure said, and report's memory linear in its claims.
. "$(dirname "$0")/lib.sh"

have_dot=0
command -v dot >/dev/null 2>&1 && have_dot=1 ||
    skip "the SVG checks need Graphviz's dot (apt install graphviz)"
"$DEMARCHE" --db base.db init >/dev/null 2>&1 || exit 1
cp base.db test.db

# The inputs, written by one python3 run: long.json, a name and topics
# longer than Graphviz takes; wide.json, 1000 pairs; one.json and
# twenty.json, 1 and 20 claims of 1000 targets each.
python3 - <<'PY'
import json
def write(name, doc):
    with open(name, "w") as f:
        print(json.dumps(doc), file=f)
write("long.json", {
    "actors": [{"code": "XX-LONG", "name": "Somebody " * 2500}],
    "statements": [{"id": "long-1", "issuer": "EU", "date": "2021",
        "claims": [{"kind": "accuse", "target": "XX-LONG",
                    "topics": ["topic number %d" % i for i in range(3000)]}]}]})
write("wide.json", {
    "statements": [{"id": "wide-%d" % k, "issuer": "EU", "date": "2022",
        "claims": [{"kind": "accuse",
                    "target": ["XX-T%d" % i for i in range(k * 100, 1000)]}]}
        for k in range(10)]})
for name, n in (("one.json", 1), ("twenty.json", 20)):
    write(name, [{"id": "t-%d" % k, "issuer": "EU", "date": "2022",
        "claims": [{"kind": "accuse",
                    "target": ["XX-T%d" % i for i in range(1000)]}]}
        for k in range(n)])
PY

check "names and topics longer than Graphviz takes are cut"
run import long.json
expect_status 0
run graph --format dot
expect_status 0
expect_out 'Somebody Somebody'
expect_out '…'
longest=$(grep -o '"[^"]*"' "$WORK/out" | awk '{ if (length($0) > n) n = length($0) } END { print n }')
[ "$longest" -lt 2000 ] && ok || bad "a string of $longest bytes in the DOT"
if [ "$have_dot" -eq 1 ]; then
	run graph --format svg
	expect_status 0
	expect_out '<title>accusations</title>'
	run report -o long.html
	expect_status 0
	expect_no_out 'warning'
	grep -q '<p class="missing">' long.html && bad "no network picture" || ok
fi

check "past 500 pairs the network draws the 500 with the most claims"
cp base.db test.db
run import wide.json
expect_status 0
run graph --format dot
expect_status 0
[ "$(grep -c ' -> ' "$WORK/out")" -eq 500 ] && ok || bad "not 500 pairs"
expect_out 'label="the 500 pairs with the most claims, of 1000: 500 left out"'
expect_err "the graph draws the 500 pairs with the most claims, of 1000: 500 left out"
expect_out '"EU" -> "X-XX-T999" [label="10"'
expect_no_out '"EU" -> "X-XX-T0" '
run graph --format dot --limit 600
expect_status 0
[ "$(grep -c ' -> ' "$WORK/out")" -eq 600 ] && ok || bad "not 600 pairs"
expect_no_out 'left out'
run report -o wide.html
expect_status 0
expect_err "the report's network draws the 500 pairs with the most claims, of 1000: 500 left out"

check "report's memory grows with its claims, not with their targets squared"
cp base.db test.db
run import one.json
expect_status 0
# Kept for the checks of dot below.
cp test.db one.db
peak report -o one.html
expect_status 0
one=$kb
cp base.db test.db
run import twenty.json
expect_status 0
peak report -o twenty.html
expect_status 0
echo "report peak RSS: $one KiB for a claim of 1000 targets, $kb KiB for 20"
# Before, each claim of 1000 targets took 4 MB more.
[ "$kb" -le $((one * 6 / 5)) ] && ok || bad "peak RSS $kb KiB against $one KiB"

# A dot that never ends, and one that fails, in place of Graphviz's.
mkdir bin
cat >bin/dot <<EOF
#!/bin/sh
echo \$\$ >"$WORK/dot.pid"
exec sleep 300
EOF
cat >bin/faildot <<'EOF'
#!/bin/sh
cat >/dev/null
echo "Error: <stdin>: syntax error in line 6 near 'x'" >&2
exit 1
EOF
chmod +x bin/dot bin/faildot
mkdir failbin
cp bin/faildot failbin/dot

check "dot dies with demarche"
cp one.db test.db
rm -f dot.pid
PATH="$WORK/bin:$PATH" "$DEMARCHE" graph --format svg >/dev/null 2>&1 &
pid=$!
n=0
while [ ! -s dot.pid ] && [ "$n" -lt 200 ]; do sleep_ms 50; n=$((n + 1)); done
if [ -s dot.pid ]; then
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	n=0
	while alive "$(cat dot.pid)" && [ "$n" -lt 40 ]; do
		sleep_ms 50
		n=$((n + 1))
	done
	if alive "$(cat dot.pid)"; then
		bad "dot still runs after demarche was killed"
		kill "$(cat dot.pid)"
	else
		ok
	fi
else
	bad "dot did not start"
fi

check "dot is stopped past its time limit"
rm -f dot.pid
DEMARCHE_DOT_TIMEOUT=1 PATH="$WORK/bin:$PATH" run graph --format svg
expect_status 1
expect_err "graphviz's 'dot' took more than 1 s to draw 500 pairs and was stopped"
DEMARCHE_DOT_TIMEOUT=1 PATH="$WORK/bin:$PATH" run graph --format svg --limit 10
expect_err "took more than 1 s to draw 10 pairs"
alive "$(cat dot.pid)" && bad "dot still runs" || ok

check "when dot fails, report says why"
PATH="$WORK/failbin:$PATH" run report -o fail.html
expect_status 0
expect_err "the report has no network picture: graphviz's 'dot' failed to draw the graph: <stdin>: syntax error in line 6 near 'x'"
grep -q "syntax error in line 6" fail.html && ok || bad "the page does not say why"
PATH="$WORK/failbin:$PATH" run graph --format svg
expect_status 1
expect_err "failed to draw the graph: <stdin>: syntax error in line 6"

finish
