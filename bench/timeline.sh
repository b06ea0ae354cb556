#!/usr/bin/env bash
# Times 'demarche timeline --per month' over an archive of about a
# million claims, beside the same count written by hand in SQL.
#
#   bench/timeline.sh                      builds demarche and the archive
#   ARCHIVE=/tmp/demarche-bench/large.db bench/timeline.sh
#                                          an archive bench/run.sh made
#
# Without ARCHIVE the archive is filled straight in SQL (what is measured
# is the count, not the import): N_CLAIMS claims in statements of one to
# three claims over 2000-2024, 5% dated to a year and 9% to a month as
# bench/gen.c dates them, each claim with one target.  The sqlite3 shell
# lacks demarche's tokenizer, so the full-text triggers are dropped
# first: an archive for this count only, without search.  Prints a line per
# run with wall and CPU (user + system) seconds: the machine may be
# shared, and CPU time is what the load changes least.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORK=${BENCH_WORK:-/tmp/demarche-bench-timeline}
N_CLAIMS=${N_CLAIMS:-1000000}
RUNS=${RUNS:-5}
mkdir -p "$WORK"

DM=${DEMARCHE:-$WORK/build/demarche}
if [ -z "${DEMARCHE:-}" ]; then
	cmake -S "$ROOT" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release \
	    -DDEMARCHE_TESTS=OFF > /dev/null
	cmake --build "$WORK/build" -j "$(nproc)" > "$WORK/build.log" 2>&1
fi

DB=${ARCHIVE:-$WORK/timeline.db}
if [ -z "${ARCHIVE:-}" ] && [ ! -s "$DB" ]; then
	rm -f "$DB"
	DEMARCHE_DB=$DB "$DM" init > /dev/null
	# The pending import keeps the who triggers out of the way, as an
	# import does until it sums up in bulk.
	sqlite3 "$DB" > /dev/null <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
DROP TRIGGER statements_fts_insert;
DROP TRIGGER statements_fts_delete;
DROP TRIGGER statements_fts_update;
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_delete;
DROP TRIGGER claims_fts_update;
INSERT INTO imports (id, file, sha256, started_at, finished_at)
VALUES (1, 'bench', printf('%064d', 0), '', '');
UPDATE pending SET import_id = 1;
INSERT INTO pending (import_id) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pending);
CREATE TEMP TABLE ids (n INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO ids (id) SELECT id FROM actors ORDER BY id;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	WHERE i < $N_CLAIMS / 2),
d(i, day, p) AS (SELECT i, date('2000-01-01', '+' || (i * 7919 % 9132)
	|| ' days'), i * 31 % 100 FROM n)
INSERT INTO statements (sid, id, issuer_id, date, date_lo, date_hi,
	digest, import_id)
SELECT i, 'b-' || i, (SELECT id FROM ids WHERE n = i % 40 + 1),
	CASE WHEN p < 5 THEN substr(day, 1, 4)
	WHEN p < 14 THEN substr(day, 1, 7) ELSE day END,
	CASE WHEN p < 5 THEN substr(day, 1, 4) || '-01-01'
	WHEN p < 14 THEN substr(day, 1, 7) || '-01' ELSE day END,
	CASE WHEN p < 5 THEN substr(day, 1, 4) || '-12-31'
	WHEN p < 14 THEN date(substr(day, 1, 7) || '-01', '+1 month',
	'-1 day') ELSE day END,
	printf('%064d', i), 1 FROM d;
INSERT INTO claims (statement_id, seq, by_id, kind, cameo, method,
	statement_lo)
SELECT s.sid, k.seq, s.issuer_id,
	CASE (s.sid + k.seq) % 4 WHEN 0 THEN 'accuse' WHEN 1 THEN 'criticize'
	WHEN 2 THEN 'reject' ELSE 'condemn' END, '112', 'curated', s.date_lo
FROM statements s JOIN (SELECT 0 AS seq UNION ALL SELECT 1
	UNION ALL SELECT 2) k ON k.seq < 1 + s.sid % 3;
INSERT INTO claim_targets (claim_id, actor_id, seq)
SELECT id, (SELECT x.id FROM ids x WHERE x.n = claims.id % 40 + 2), 0 FROM claims;
-- The timeline's counts in bulk, as an import sums up its file.
INSERT INTO timeline_counts SELECT * FROM timeline_counts_fresh;
UPDATE pending SET import_id = NULL;
COMMIT;
ANALYZE;
SQL
fi
echo "archive: $DB, $(sqlite3 "$DB" 'SELECT count(*) FROM claims') claims," \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM statements') statements"

# The same counts by hand: claims per month of statements dated within one.
SQL_MONTH="SELECT substr(s.date_lo, 1, 7), count(*) FROM statements s
JOIN claims c ON c.statement_id = s.sid
WHERE substr(s.date_lo, 1, 7) = substr(s.date_hi, 1, 7) GROUP BY 1"

run() {
	local label=$1; shift
	for i in $(seq "$RUNS"); do
		/usr/bin/time -f '%e %U %S' -o "$WORK/time.out" "$@" \
		    > "$WORK/$label.out"
		read -r wall user sys < "$WORK/time.out"
		echo "$label run $i: wall ${wall}s cpu $(echo "$user + $sys" | bc)s"
	done
}
run timeline env DEMARCHE_DB="$DB" "$DM" timeline --per month --csv
run sql sqlite3 -csv "$DB" "$SQL_MONTH"
# Zero-filled months aside, both count the same.
if diff <(tail -n +2 "$WORK/timeline.out" | tr -d '\r' | grep -v ',0$') \
    <(sort "$WORK/sql.out") > /dev/null; then
	echo "counts: the same as the SQL"
else
	echo "counts: DIFFER from the SQL" >&2
	exit 1
fi
