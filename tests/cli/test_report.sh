# The HTML report: self-contained, every archive text escaped, written
# whole or not at all, and rendered by a real browser.
. "$(dirname "$0")/lib.sh"

EX="$SOURCE_DIR/examples"
have_dot=0
command -v dot >/dev/null 2>&1 && have_dot=1 ||
    skip "the SVG checks need Graphviz's dot (apt install graphviz)"

run init
run import "$EX/july-2021.json"
check "the example imports"
expect_status 0

# A statement whose every text tries to become markup.
cat >xss.json <<'JSON'
{"id": "xss-1", "issuer": "CHN.MFA", "date": "2021-07-21",
 "title": "<script>alert(1)</script>", "url": "javascript:alert(3)",
 "responds_to": ["eu-hrvp-2021-07-19-cyber"],
 "claims": [{"kind": "accuse", "target": "USA",
   "summary": "\"quoted\" & 'single' </blockquote><b>bold</b>",
   "quote": "<img src=x onerror=alert(2)>"}]}
JSON
run import xss.json
expect_status 0

check "report -o writes the page"
run report -o report.html
expect_status 0
expect_err "report written to 'report.html'"
cp report.html "$WORK/out"

check "the page holds every part"
expect_out '<!DOCTYPE html>'
expect_out '<section id="figures">'
expect_out '<li><b>7</b>statements</li>'
expect_out '<section id="network">'
expect_out '<h3>Claims per day</h3>'
expect_out '<section id="timeline">'
expect_out '<title>Statements over time, one row per issuer</title>'
expect_out '<section id="who">'
expect_out '<td><span class="code">EU.HRVP</span><br>High Representative'
expect_out '<td class="n">3</td><td class="n">1</td><td class="d">2021-07-19</td><td class="d">2021-07-19</td>'
expect_out '<section id="threads">'
expect_out '<blockquote>undermined the security and integrity of thousands'
expect_out 'responds to <a href="#s-1">eu-hrvp-2021-07-19-cyber</a>'

check "the timeline has one row per issuer and a mark per statement"
n=$(grep -c '^<text x="[0-9.]*" y="[0-9.]*" text-anchor="end" font-family="ui-monospace' report.html)
if [ "$n" -eq 6 ]; then ok; else bad "$n issuer rows, want 6"; fi
n=$(grep -c '^<a href="#s-[0-9]*"><title>' report.html)
if [ "$n" -eq 7 ]; then ok; else bad "$n marks, want 7"; fi
expect_out '>2021-07-20</text>'

check "archive text is escaped everywhere"
expect_out '&lt;script&gt;alert(1)&lt;/script&gt;'
expect_out '<blockquote>&lt;img src=x onerror=alert(2)&gt;</blockquote>'
expect_out '&quot;quoted&quot; &amp; &#39;single&#39; &lt;/blockquote&gt;&lt;b&gt;bold&lt;/b&gt;'
expect_no_out '<script'
expect_no_out '<img'
expect_no_out '<b>bold'
expect_no_out 'href="javascript'

check "self-contained: nothing to fetch, nothing to run"
expect_out "Content-Security-Policy\" content=\"default-src 'none'"
if grep -Eiq '<(link|iframe|object|embed|img|script)\b|@import|url\(' \
    report.html; then bad "the page loads something"; else ok; fi
if grep -Eiq '(src|href)="(https?:)?//' report.html; then
	bad "the page links out for a resource"; else ok; fi

if [ "$have_dot" -eq 1 ]; then
	check "the network is the graph's SVG, inline"
	expect_out '<svg width='
	expect_out '<title>accusations</title>'
	expect_no_out '<?xml'
	expect_no_out '<!DOCTYPE svg'

	check "the network's labels and legend are readable: 14 points or more, not shrunk"
	small=$(sed -n '/<svg width=/,/<\/svg>/p' report.html |
		grep -o 'font-size="[0-9.]*"' | tr -dc '0-9.\n' |
		awk '$1 < 14' | head -n 1)
	[ -z "$small" ] && ok || bad "a label of $small points"
	expect_out '.picture svg{max-width:none'
else
	skip "the network picture needs Graphviz (apt install graphviz)"
fi

check "without Graphviz the report says so in place of the network"
mkdir -p nobin
PATH="$WORK/nobin" "$DEMARCHE" report -o nodot.html >"$WORK/out" \
    2>"$WORK/err"
status=$?
expect_status 0
expect_err "warning: the report has no network picture"
expect_err "apt install graphviz"
cp nodot.html "$WORK/out"
expect_out '<p class="missing">The network picture is missing: '
expect_out 'apt install graphviz'
expect_out '<title>Statements over time, one row per issuer</title>'
expect_no_out '<title>accusations</title>'

check "filters choose the statements and the pairs"
run report --actor CHN --rollup --from 2021-07-20
expect_status 0
expect_out 'Filters: actor <span class="code">CHN</span> and those under it;'
expect_out 'chn-mfa-2021-07-20-cyber'
expect_no_out 'eu-hrvp-2021-07-19-cyber</span>'
expect_out 'eu-hrvp-2021-07-19-cyber (not in this report)'
run report --on 1999
expect_status 0
expect_out '<p class="note">No statements match.</p>'
expect_out '<p class="note">No accusations match.</p>'

# 500 pairs of two claims each, and two of a single claim: one of them
# the reverse of a pair of two.
python3 - >wide.json <<'PY'
import json
codes = ["XX-T%d" % i for i in range(500)] + ["XX-LAST"]
print(json.dumps({
    "actors": [{"code": c, "kind": "state", "name": c} for c in codes],
    "statements": [{"id": "wide-" + c, "issuer": "EU", "date": "2022",
                    "claims": [{"kind": "accuse", "target": c}] *
                              (1 if c == "XX-LAST" else 2)}
                   for c in codes] +
                  [{"id": "back", "issuer": "XX-T0", "date": "2022",
                    "claims": [{"kind": "accuse", "target": "EU"}]}]}))
PY
check "the network draws the 500 pairs with the most claims"
run --db wide.db init
run --db wide.db import wide.json
expect_status 0
run --db wide.db report
expect_status 0
expect_out 'and 502 accusing pairs.'
expect_out '<p class="note">The 500 pairs with the most claims, of 502; the table below lists them all.</p>'
expect_out '<td><span class="code">XX-LAST</span>'
if [ "$have_dot" -eq 1 ]; then
	n=$(grep -c '<g id="edge[0-9]*" class="edge">' "$WORK/out")
	if [ "$n" -eq 500 ]; then ok; else bad "$n pairs drawn, want 500"; fi
	expect_out '<title>XX&#45;T499</title>'
	expect_no_out '<title>XX&#45;LAST</title>'
	# The pair back is not drawn, so EU -> XX-T0 is not mutual.
	expect_no_out '⇄'
fi
run report
expect_no_out 'the table below lists them all'

check "written whole or not at all"
cp report.html before.html
run report --actor NOBODY -o report.html
expect_status 1
expect_err "no actor 'NOBODY'"
expect_same report.html before.html
run report -o "$WORK/no/such/dir/report.html"
expect_status 1
if ls "$WORK"/no 2>/dev/null | grep -q .; then bad "left a file"; else ok; fi
if ls report.html.* 2>/dev/null | grep -q .; then
	bad "left a temporary file"; else ok; fi

check "usage errors"
run report --format csv
expect_status 2
expect_err "'--format' does not apply"
run report --json
expect_status 2
run report extra
expect_status 2
run report --kind acuse
expect_status 2

# The browser: a screenshot that is not blank, and the DOM it built.
if ! find_chrome; then
	finish
	exit
fi

check "Chromium renders the report: a screenshot that is not blank"
browse --window-size=1000,1400 --screenshot="$WORK/shot.png" \
    "file://$WORK/report.html" >/dev/null
if [ -s "$WORK/shot.png" ]; then ok; else
	bad "no screenshot: $(tail -n 3 "$WORK/chrome.log")"; fi
if stats=$(python3 "$SOURCE_DIR/tests/cli/pngstat.py" "$WORK/shot.png"); then
	set -- $stats
	echo "screenshot: ${1}x$2, $3 colours, $4% inked"
	if [ "$1" -eq 1000 ] && [ "$2" -eq 1400 ]; then ok; else
		bad "screenshot is ${1}x$2"; fi
	if [ "$3" -ge 64 ]; then ok; else bad "only $3 colours: blank?"; fi
	if python3 -c "import sys; sys.exit(not float(sys.argv[1]) >= 3)" "$4"
	then ok; else bad "only $4% of the page is inked: blank?"; fi
else
	bad "cannot read the screenshot"
fi

check "the DOM holds the actors and the title as text"
browse --dump-dom "file://$WORK/report.html" >"$WORK/out"
expect_out '<section id="who">'
expect_out 'CHN.MISSION-EU'
expect_out 'High Representative of the Union for Foreign Affairs'
expect_out 'WESTERN-COUNTRIES'
expect_out '&lt;script&gt;alert(1)&lt;/script&gt;'
expect_out '&lt;img src=x onerror=alert(2)&gt;'
expect_no_out '<script'
expect_no_out '<img'
if [ "$have_dot" -eq 1 ]; then
	expect_out '<g id="graph0" class="graph"'
fi

finish
