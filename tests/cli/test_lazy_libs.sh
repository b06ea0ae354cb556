# libxml2 is loaded on the first page or feed parsed, not linked: with a
# library that cannot be loaded first on the search path, commands that
# need none run, and one that needs it fails with one line that names the
# package, before anything is written.  The English stemmer is linked in
# from libstemmer's static archive, so no search or import loads it.
. "$(dirname "$0")/lib.sh"

mkdir broken
echo "not a library" >broken/libxml2.so.2
echo "not a library" >broken/libstemmer.so.0d
# without_xml ARGS...: runs demarche where neither libxml2 nor a shared
# libstemmer can be loaded.
without_xml() {
	LD_LIBRARY_PATH="$WORK/broken${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
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

check "a search and an import load no stemmer library"
without_xml import "$SOURCE_DIR/examples/july-2021.json"
expect_status 0
expect_out "6 new"
without_xml search NATO
expect_status 0
expect_out "NATO"
if ldd "$DEMARCHE" | grep -q libstemmer; then
	bad "the program is linked against the shared libstemmer"
else
	ok
fi

finish
