# The accusation network: the same pairs as 'who', DOT that survives
# any text in the archive, and SVG from Graphviz or a clear error.
. "$(dirname "$0")/lib.sh"

EX="$SOURCE_DIR/examples"
have_dot=0
command -v dot >/dev/null 2>&1 && have_dot=1 ||
    skip "the SVG checks need Graphviz's dot (apt install graphviz)"

run init
run import "$EX/july-2021.json"
check "the example imports"
expect_status 0

# edges FILE: the edges of a DOT file as "FROM TO" lines, sorted.
edges() {
	sed -n 's/^	"\([^"]*\)" -> "\([^"]*\)".*/\1 \2/p' "$1" | sort
}

# pairs FILE: the pairs of a who TSV export as "FROM TO" lines, sorted.
pairs() {
	tail -n +2 "$1" | cut -f 1,3 | tr '\t' ' ' | sort
}

check "graph draws exactly the pairs of who, under every filter"
for opts in "" "--rollup" "--mutual --rollup" "--actor CHN" \
    "--by EU --rollup" "--against CHN.MSS" "--kind accuse" \
    "--from 2021-07-20" "--limit 3" "--topic espionage --rollup"; do
	# shellcheck disable=SC2086
	run graph $opts
	expect_status 0
	cp "$WORK/out" graph.dot
	# shellcheck disable=SC2086
	run export who --format tsv $opts
	expect_status 0
	cp "$WORK/out" who.tsv
	if [ "$(edges graph.dot)" = "$(pairs who.tsv)" ]; then ok; else
		bad "'graph $opts' and 'who $opts' differ:" \
		    "$(edges graph.dot | tr '\n' '|')" \
		    "vs $(pairs who.tsv | tr '\n' '|')"
	fi
done
if [ "$(edges graph.dot | wc -l)" -gt 0 ]; then ok; else
	bad "the topic filter drew nothing"; fi

check "nodes by kind, edges weighted and coloured by kind"
run graph --rollup
expect_status 0
expect_out 'digraph accusations {'
expect_out '"CHN" [label="CHN\nChina", '
expect_out 'shape=ellipse'
expect_out '"NATO" [label="NATO\nNorth Atlantic Treaty\nOrganization"'
expect_out 'shape=hexagon'
expect_out '"USA" -> "CHN" [label="3", '
expect_out 'tooltip="USA → CHN: 3 claims in 1 statement, 2021-07-19\naccuse'
expect_out 'penwidth=6.00'
expect_out '"CHN" -> "EU" [label="1 ⇄", '
expect_out 'BGCOLOR="#8c1010"></TD><TD ALIGN="LEFT">condemn'

check "mutual pairs are drawn with a double line, the others not"
if grep '"CHN" -> "NATO"' "$WORK/out" | grep -q ':transparent:'; then ok
else bad "CHN -> NATO is not a double line"; fi
if grep '"NATO" -> "CHN"' "$WORK/out" | grep -q ':transparent:'; then ok
else bad "NATO -> CHN is not a double line"; fi
if grep '"USA" -> "CHN"' "$WORK/out" | grep -q 'transparent'; then
	bad "USA -> CHN is drawn as mutual"; else ok; fi

# Past 300 pairs, dot is told to spend less effort on its layout: its
# defaults took 40 s for 576 pairs.
python3 - >wide.json <<'PY'
import json
n = 301
print(json.dumps({
    "actors": [{"code": "XX-T%d" % i, "kind": "state", "name": "T%d" % i}
               for i in range(n)],
    "statements": [{"id": "wide-%d" % i, "issuer": "EU", "date": "2022",
                    "claims": [{"kind": "accuse", "target": "XX-T%d" % i}]}
                   for i in range(n)]}))
PY
check "a graph of more than 300 pairs is laid out with less effort"
run --db wide.db init
run --db wide.db import wide.json
expect_status 0
run --db wide.db graph --limit 300
expect_status 0
expect_no_out 'nslimit'
run --db wide.db graph
expect_status 0
expect_out '	graph [nslimit=1, nslimit1=1, mclimit=0.1];'
if [ "$(grep -c ' -> ' "$WORK/out")" -eq 301 ]; then ok; else
	bad "not 301 pairs"; fi
if [ "$have_dot" -eq 1 ]; then
	run --db wide.db graph --format svg
	expect_status 0
	expect_out '<title>accusations</title>'
fi

# An actor whose name holds everything that could break a DOT string.
cat >evil.json <<'JSON'
{"actors": [{"code": "XX-EVIL", "kind": "group",
  "name": "Evil \"quoted\" \\ back\\nslash\nline &lt;b&gt; États 欧盟 <script>"}],
 "statements": [{"id": "evil-1", "issuer": "XX-EVIL", "date": "2021-08",
  "title": "<script>alert(1)</script>",
  "claims": [{"kind": "condemn", "target": "CHN"}]}]}
JSON
run import evil.json
expect_status 0

# The name is wrapped at spaces: "\\\n" is a backslash, then a line break.
check "labels are escaped: quotes, backslashes, newlines, entities"
run graph --actor XX-EVIL
expect_status 0
expect_out 'label="XX-EVIL\nEvil \"quoted\" \\\nback\\nslash\nline\n&amp;lt;b&amp;gt; États 欧盟\n<script>"'
expect_out 'tooltip="Evil \"quoted\" \\ back\\nslash\nline &amp;lt;b&amp;gt; États 欧盟 <script> (XX-EVIL), group'
cp "$WORK/out" evil.dot

if [ "$have_dot" -eq 1 ]; then
	check "Graphviz reads the DOT and shows the text as it was written"
	if dot -Tsvg evil.dot >evil.svg 2>dot.err && [ ! -s dot.err ]; then
		ok; else bad "dot: $(cat dot.err)"; fi
	grep -qF '>Evil &quot;quoted&quot; \</text>' evil.svg &&
	    grep -qF '>back\nslash</text>' evil.svg &&
	    grep -qF '>&amp;lt;b&amp;gt; États 欧盟</text>' evil.svg &&
	    grep -qF '>&lt;script&gt;</text>' evil.svg && ok ||
	    bad "the SVG text is not the actor's name"

	check "--format svg: a well-formed SVG document"
	run graph --rollup --format svg
	expect_status 0
	expect_out '<?xml version="1.0" encoding="UTF-8"'
	expect_out '<title>accusations</title>'
	if python3 -c 'import sys, xml.etree.ElementTree as T
root = T.parse(sys.argv[1]).getroot()
assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag' \
	    "$WORK/out"; then ok; else bad "not well-formed SVG"; fi

	check "-o FILE.svg draws SVG without --format"
	run graph --rollup -o net.svg
	expect_status 0
	expect_err "8 pairs drawn to 'net.svg'"
	if grep -q '<svg' net.svg; then ok; else bad "net.svg is not SVG"; fi
	run graph --actor XX-EVIL --format svg -o evil2.svg
	expect_status 0
	if grep -qF '&lt;script&gt;' evil2.svg && ! grep -q '<script' evil2.svg
	then ok; else bad "evil2.svg holds a script element"; fi
else
	skip "the SVG checks need Graphviz (apt install graphviz)"
fi

check "without Graphviz, svg is a clear error and no file"
mkdir -p nobin
PATH="$WORK/nobin" "$DEMARCHE" graph --format svg -o missing.svg \
    >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 1
expect_err "apt install graphviz"
expect_err_lines 1
if [ ! -e missing.svg ]; then ok; else bad "missing.svg was written"; fi
PATH="$WORK/nobin" "$DEMARCHE" graph --format dot >"$WORK/out" \
    2>"$WORK/err"
status=$?
expect_status 0
expect_out 'digraph accusations {'

check "-o is written whole or not at all"
run graph -o net.dot
expect_status 0
cp net.dot net.before
run graph --actor NOBODY -o net.dot
expect_status 1
expect_err "no actor 'NOBODY'"
expect_same net.dot net.before
run graph -o "$WORK/no/such/dir/net.dot"
expect_status 1
if ls "$WORK"/no 2>/dev/null | grep -q .; then bad "left a file"; else ok; fi

check "nothing to draw is an empty graph that says so"
run graph --on 1999
expect_status 0
expect_err "no accusations"
expect_out 'label="no accusations match"'
expect_no_out ' -> '

if [ "$have_dot" -eq 1 ]; then
	check "png and pdf are drawn by Graphviz, by --format or by the file's name"
	run graph --format png -o net.out
	expect_status 0
	[ "$(head -c 4 net.out | od -An -tx1 | tr -d ' ')" = 89504e47 ] && ok ||
		bad "not a PNG"
	run graph -o net.pdf
	expect_status 0
	[ "$(head -c 5 net.pdf)" = "%PDF-" ] && ok || bad "not a PDF"
	run graph -o net.PNG
	[ "$(head -c 4 net.PNG | od -An -tx1 | tr -d ' ')" = 89504e47 ] && ok ||
		bad ".PNG is not a PNG"
fi

check "usage errors"
run graph --format gif
expect_status 2
expect_err "unknown graph format 'gif' (dot, svg, png or pdf)"
run graph --csv
expect_status 2
expect_err "'--csv' does not apply"
run graph extra
expect_status 2
run graph --kind acuse
expect_status 2
run help graph
expect_status 0
expect_out "usage: demarche [--db PATH] graph"
expect_no_out "--excel"

finish
