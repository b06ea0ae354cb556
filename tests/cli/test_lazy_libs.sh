# libxml2 is loaded on the first page or feed parsed, and libstemmer by
# the first full-text table used, not linked: with a library that cannot
# be loaded first on the search path, commands that need neither run,
# and one that needs it fails with one line that names the package,
# before anything is written (an archive init was to create included).
. "$(dirname "$0")/lib.sh"

mkdir broken broken-stemmer
echo "not a library" >broken/libxml2.so.2
echo "not a library" >broken-stemmer/libstemmer.so.0d
# without_xml ARGS...: runs demarche where libxml2 cannot be loaded.
without_xml() {
	LD_LIBRARY_PATH="$WORK/broken${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
	    run "$@"
}
# without_stemmer ARGS...: the same where libstemmer cannot be loaded.
without_stemmer() {
	LD_LIBRARY_PATH="$WORK/broken-stemmer${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
	    run "$@"
}
run init

check "a command that parses no page runs without libxml2"
without_xml --version
expect_status 0
without_xml who --limit 20
expect_status 0

check "a page: one line naming the package, nothing imported"
without_xml import "$SOURCE_DIR/tests/data/web/nato.html"
expect_status 1
expect_err "cannot load libxml2.so.2 (apt install libxml2)"
expect_err_lines 1
[ "$(sqlite3 test.db "SELECT count(*) FROM statements")" = 0 ] && ok ||
	bad "a statement was imported"

check "a feed: refused before it is fetched or recorded"
without_xml import --feed --delay 0 http://127.0.0.1:9/feed.xml
expect_status 1
expect_err "cannot load libxml2.so.2 (apt install libxml2)"
expect_err_lines 1
[ "$(sqlite3 test.db "SELECT count(*) FROM feeds")" = 0 ] && ok ||
	bad "the feed was recorded"

check "the same page once libxml2 can be loaded"
run import "$SOURCE_DIR/tests/data/web/nato.html"
expect_status 0
expect_out "1 new"

check "listings that search no text run without libstemmer"
for args in --version "who --limit 20" "statements --limit 5" "claims" \
    "timeline" "export claims"; do
	# shellcheck disable=SC2086
	without_stemmer $args
	expect_status 0
done

check "a search and an import: one line naming the package, nothing imported"
without_stemmer search NATO
expect_status 1
expect_err "cannot load libstemmer.so.0d (apt install libstemmer0d)"
expect_err_lines 1
without_stemmer import "$SOURCE_DIR/examples/july-2021.json"
expect_status 1
expect_err "cannot load libstemmer.so.0d (apt install libstemmer0d)"
expect_err_lines 1
[ "$(sqlite3 test.db "SELECT count(*) FROM statements")" = 1 ] && ok ||
	bad "a statement was imported"

check "an init that fails leaves no archive behind, and keeps a file it found"
without_stemmer --db new.db init
expect_status 1
expect_err "cannot load libstemmer.so.0d (apt install libstemmer0d)"
left=$(ls new.db* 2>/dev/null)
[ -z "$left" ] && ok || bad "init left $left"
: >empty.db
without_stemmer --db empty.db init
expect_status 1
[ -f empty.db ] && ok || bad "init removed a file it did not create"

check "the same search and import once libstemmer can be loaded"
run import "$SOURCE_DIR/examples/july-2021.json"
expect_status 0
run search NATO
expect_status 0

finish
