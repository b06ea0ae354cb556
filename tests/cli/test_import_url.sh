# import URL and import --feed against a web server of the test's own on
# 127.0.0.1: fetching, redirects, errors, slow and endless answers,
# conditional requests, new items alone, one request a second per host.
. "$(dirname "$0")/lib.sh"

PAGES="$SOURCE_DIR/tests/data/web"
q() { sqlite3 test.db "$1"; }
mkdir site
cp "$PAGES"/*.html site/
python3 "$SOURCE_DIR/tests/cli/webserver.py" site port log &
server=$!
trap 'kill $server; rm -rf "$WORK"' EXIT
for _i in $(seq 50); do [ -f port ] && break; sleep 0.1; done
[ -f port ] || { echo "the test server did not start"; exit 1; }
URL="http://127.0.0.1:$(cat port)"
run init

check "a page by URL: fetched compressed, with a user agent naming demarche"
run import "$URL/pages/nato.html"
expect_status 0
expect_out "1 new"
[ "$(q "SELECT a.code FROM statements s JOIN actors a ON a.id = s.issuer_id WHERE s.id = 'https://www.nato.int/cps/en/natohq/news_185863.htm'")" = NATO ] &&
	ok || bad "issuer or id of the fetched page"
grep -q "GET /pages/nato.html .*ae=.*gzip.* ua=demarche/" log && ok || bad "request: $(cat log)"

check "statements as JSON by URL, read from memory as from a file"
printf '[{"id": "by-url", "issuer": "EU", "date": "2021-07-19", "text": "Fetched."}]\n' >site/statements.json
run import "$URL/pages/statements.json"
expect_status 0
expect_out "1 new"
[ "$(q "SELECT text FROM statements WHERE id = 'by-url'")" = Fetched. ] && ok || bad "the statement by URL"

check "a page without a canonical link: its URL is the one fetched"
run import "$URL/pages/fmprc-zh.html"
expect_status 0
[ "$(q "SELECT url FROM statements WHERE id = '$URL/pages/fmprc-zh.html'")" = "$URL/pages/fmprc-zh.html" ] &&
	ok || bad "id from the URL"

check "redirects are followed, up to a bound"
run import "$URL/redirect/3/eeas.html"
expect_status 0
expect_out "1 new"
run import "$URL/loop"
expect_status 1
expect_err "$URL/loop: more than 5 redirects"
expect_err_lines 1

check "errors: one line naming the URL and the cause, nothing kept"
before=$(q "SELECT count(*) FROM statements")
for case in "status/404|HTTP status 404" "status/500|HTTP status 500" \
    "binary|a wrong content type 'application/octet-stream'"; do
	run import "$URL/${case%%|*}"
	expect_status 1
	expect_err "$URL/${case%%|*}: ${case#*|}"
	expect_err_lines 1
done
run import --timeout 2 "$URL/slow"
expect_status 1
expect_err "$URL/slow: no complete answer within 2 s (timeout)"
expect_err_lines 1
run import --timeout 60 "$URL/endless"
expect_status 1
expect_err "$URL/endless: the body is larger than the limit of 16 MiB"
expect_err_lines 1
run import --timeout 5 "http://127.0.0.1:1/page.html"
expect_status 1
expect_err "http://127.0.0.1:1/page.html: host unreachable"
expect_err_lines 1
[ "$(q "SELECT count(*) FROM statements")" = "$before" ] && ok || bad "something was kept"

check "--keep-going: the good page is kept, the bad one reported"
run import --keep-going "$URL/status/404" "$URL/pages/council.html"
expect_status 1
expect_err "$URL/status/404: HTTP status 404"
expect_out "1 new"

# feed ITEMS...: an RSS 2.0 feed of the pages named.
feed() {
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<rss version="2.0"><channel><title>Press</title><link>http://127.0.0.1/</link>'
		for _p in "$@"; do
			echo "<item><title>$_p</title><link>/pages/$_p</link><guid isPermaLink=\"false\">id-$_p</guid></item>"
		done
		echo '</channel></rss>'
	} >site/press.xml
}
for n in 1 2 3; do
	sed "s/news_185863/news_7000$n/" site/nato.html >site/nato$n.html
done

check "import --feed: every item, then nothing new at the next run"
feed nato1.html nato2.html
: >log
run import --feed --delay 0 "$URL/feed/press.xml"
expect_status 0
expect_out "2 new items fetched"
expect_out "2 new"
[ "$(q "SELECT count(*) FROM feed_items")" = 2 ] && ok || bad "items kept"
[ -n "$(q "SELECT etag FROM feeds")" ] && ok || bad "no ETag kept"
: >log
run import --feed --delay 0 "$URL/feed/press.xml"
expect_status 0
expect_out "0 new items fetched"
[ "$(wc -l <log)" -eq 1 ] && ok || bad "more than the feed was asked for: $(cat log)"
grep -q "GET /feed/press.xml inm=\"" log && ok || bad "no conditional request: $(cat log)"

check "a new item in the feed is imported alone"
feed nato1.html nato2.html nato3.html
: >log
run import --feed --delay 0 "$URL/feed/press.xml"
expect_status 0
expect_out "1 new item fetched"
expect_out "1 new"
grep -q "/pages/nato3.html" log && ok || bad "the new item was not fetched"
grep -q "/pages/nato1.html" log && bad "an old item was fetched again" || ok

check "--keep-going: a failed item is reported, and tried again by the next run"
cat >site/more.xml <<'XML'
<rss version="2.0"><channel>
<item><link>/pages/gone.html</link></item>
<item><link>/pages/nato.html</link><guid>nato</guid></item>
</channel></rss>
XML
run import --keep-going --feed --delay 0 "$URL/feed/more.xml"
expect_status 1
expect_err "$URL/pages/gone.html: HTTP status 404"
expect_out "2 new items fetched"
[ "$(q "SELECT count(*) FROM feed_items WHERE feed = '$URL/feed/more.xml'")" = 1 ] &&
	ok || bad "the failed item was kept as seen"
[ -z "$(q "SELECT etag FROM feeds WHERE url = '$URL/feed/more.xml'")" ] &&
	ok || bad "the validators were kept: the next run would not ask again"
sed 's/news_185863/news_gone/' site/nato.html >site/gone.html
: >log
run import --keep-going --feed --delay 0 "$URL/feed/more.xml"
expect_status 0
expect_out "1 new item fetched"
expect_out "1 new"
grep -q "/pages/gone.html" log && ok || bad "the failed item was not tried again"

check "Atom, and at most one request a second to one host"
cat >site/atom.xml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:news</id>
<entry><title>One</title><id>urn:one</id><link rel="alternate" href="/pages/govuk.html"/></entry>
<entry><title>Two</title><id>urn:two</id><link href="/pages/state.html"/></entry>
</feed>
XML
start=$(date +%s%N)
run import --feed "$URL/feed/atom.xml"
end=$(date +%s%N)
expect_status 0
expect_out "2 new items fetched"
# three requests to one host: two waits of a second
[ $(((end - start) / 1000000)) -ge 2000 ] && ok || bad "three requests in $(((end - start) / 1000000)) ms"

check "a malformed feed, a feed with entities: refused in one line"
printf '<rss><channel><item><link>/pages/x.html</link></item>' >site/broken.xml
run import --feed "$URL/feed/broken.xml"
expect_status 1
expect_err "$URL/feed/broken.xml: a malformed feed"
expect_err_lines 1
cat >site/xxe.xml <<'XML'
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><link>/pages/nato.html</link><guid>&xxe;</guid></item></channel></rss>
XML
cat >site/lol.xml <<'XML'
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
<rss version="2.0"><channel><item><link>/pages/nato.html</link><guid>&h;</guid></item></channel></rss>
XML
run import --feed "$URL/feed/xxe.xml"
expect_status 1
expect_err "$URL/feed/xxe.xml: a feed that declares entities is refused"
expect_err_lines 1
# libxml2 stops the expansion itself, as it parses
run import --feed "$URL/feed/lol.xml"
expect_status 1
expect_err "$URL/feed/lol.xml: a malformed feed (line 6: Detected an entity reference loop)"
expect_err_lines 1
[ "$(q "SELECT count(*) FROM feed_items WHERE feed LIKE '%xxe.xml' OR feed LIKE '%lol.xml'")" = 0 ] &&
	ok || bad "an item of a refused feed was kept"

finish
