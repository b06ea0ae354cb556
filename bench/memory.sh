#!/bin/sh
# Peak RSS of import and report on large inputs, with a release build:
# a JSON array of 20 MB and of 200 MB, the same 200 MB as JSON Lines, a
# claim of 100,000 targets (refused: over the limit of 1,000), and a
# report of 100 claims of 1,000 targets each.  The files are made here,
# under $DIR, and deleted after.
# Usage: bench/memory.sh [build/release/demarche]
set -eu
cd "$(dirname "$0")/.."
DEMARCHE=$(realpath "${1:-build/release/demarche}")
GEN=$(realpath tests/reliability/gen.sh)
DIR=${DIR:-/tmp/demarche-memory}
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"

# measure NAME ARGS...: runs demarche, prints its peak RSS and time.
measure() {
	_name=$1
	shift
	/usr/bin/time -f '%M %e' -o time.txt "$DEMARCHE" "$@" \
	    >out.txt 2>err.txt || true
	read -r kb secs <<EOF
$(tail -1 time.txt)
EOF
	printf '%-44s %8.1f MiB %8.1f s  %s\n' "$_name" \
	    "$(echo "$kb / 1024" | bc -l)" "$secs" \
	    "$(head -1 out.txt) $(head -c 120 err.txt | head -1)"
}

# array N TAG: N statements (about 450 bytes each) as one JSON array.
array() {
	sh "$GEN" "$1" "$2" | sed '1s/^/[/; 2,$s/^/,/; $s/$/]/'
}

"$DEMARCHE" --db empty.db init >/dev/null 2>&1
array 46000 a >20.json
array 460000 b >200.json
sh "$GEN" 460000 b >200.jsonl
ls -l 20.json 200.json 200.jsonl | awk '{ print $5, $9 }'
for f in 20.json 200.json 200.jsonl; do
	cp empty.db test.db
	measure "import $f" --db test.db import "$f"
done
rm -f 20.json 200.json 200.jsonl

targets() {
	awk -v n="$1" -v claims="$2" 'BEGIN {
		printf "["
		for (c = 1; c <= claims; c++) {
			printf "{\"id\": \"wide-%d\", \"issuer\": \"EU\", \"date\": \"2021\", \"claims\": [{\"kind\": \"accuse\", \"target\": [", c
			for (i = 1; i <= n; i++)
				printf "\"XX-T%d\"%s", i, i < n ? ", " : ""
			printf "]}]}%s\n", c < claims ? "," : ""
		}
		print "]"
	}'
}
targets 100000 1 >wide.json
cp empty.db test.db
measure "import, a claim of 100,000 targets" --db test.db import wide.json
targets 1000 100 >limit.json
cp empty.db test.db
"$DEMARCHE" --db test.db import limit.json >/dev/null 2>&1
measure "report, 100 claims of 1,000 targets" --db test.db report -o r.html
cd /
rm -rf "$DIR"
