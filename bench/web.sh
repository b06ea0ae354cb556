#!/bin/sh
# Saved web pages: 1,000 made from the pages of tests/data/web (each
# family of sites, English, Chinese and GB2312, a thousand canonical URLs
# and bodies), imported in one run into a new archive, one transaction a
# page.  Prints pages per second and the peak RSS, for 100 pages and for
# 1,000: a flat peak says nothing is kept from page to page.
# Usage: bench/web.sh [build/release/demarche]
set -eu
cd "$(dirname "$0")/.."
DEMARCHE=$(realpath "${1:-build/release/demarche}")
PAGES=$(realpath tests/data/web)
DIR=${DIR:-/tmp/demarche-web-bench}
rm -rf "$DIR"
mkdir -p "$DIR/pages"
cd "$DIR"

# Page i: a page of the set with its URLs and first sentence made its own.
i=0
while [ "$i" -lt 1000 ]; do
	for f in "$PAGES"/*.html; do
		[ "$i" -lt 1000 ] || break
		sed -e "s|\\(https\\?://[^\"<]*\\)\\([\"<]\\)|\\1-$i\\2|g" \
		    -e "s|<p>|<p>Page $i. |" "$f" >"pages/p$i.html"
		i=$((i + 1))
	done
done

# run N: imports the first N pages into a new archive.
run() {
	rm -f "b$1.db"
	"$DEMARCHE" --db "b$1.db" init >/dev/null 2>&1
	ls pages | head -n "$1" | sed 's|^|pages/|' >list
	/usr/bin/time -f '%M %e' -o time.txt "$DEMARCHE" --db "b$1.db" \
	    import -q $(cat list) >out.txt 2>err.txt || true
	read -r kb secs <time.txt
	printf '%5d pages  %6.1f s  %6.1f pages/s  peak RSS %6.1f MiB  %s\n' \
	    "$1" "$secs" "$(echo "$1 / $secs" | bc -l)" \
	    "$(echo "$kb / 1024" | bc -l)" "$(head -1 out.txt)"
}
run 100
run 1000
