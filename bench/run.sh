#!/usr/bin/env bash
# Measures demarche against its peers and the floor of its stack, on the
# same generated files in the same run, and writes bench/RESULTS.md.
#
#   bench/run.sh                 the whole benchmark (100k and 1M statements)
#   N_SMALL=2000 N_LARGE=5000 RESULTS=/tmp/r.md bench/run.sh   a quick try
#   STAGES="query latency" bench/run.sh   again from a stage, on the files
#                                and archives an earlier run left in $BENCH_WORK
#
# Everything generated (builds, JSON Lines, archives, CSV) goes under
# $BENCH_WORK (default /tmp/demarche-bench).  Needs cmake, cc, pkg-config,
# jansson and sqlite3 headers, sqlite3, sqlite-utils, hyperfine, python3
# and /usr/bin/time (Debian: apt-get install -y hyperfine sqlite-utils time).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORK=${BENCH_WORK:-/tmp/demarche-bench}
N_SMALL=${N_SMALL:-100000}	# statements for the import comparison
N_LARGE=${N_LARGE:-1000000}	# statements of the large archive
RUNS=${RUNS:-3}			# runs of each 100k import
QRUNS=${QRUNS:-5}		# runs of who and of the hand-written aggregate
ERUNS=${ERUNS:-3}		# runs of each claims export
LRUNS=${LRUNS:-30}		# runs of each latency measurement
SRUNS=${SRUNS:-3}		# runs of a search that takes seconds
STAGES=${STAGES:-build generate import large query latency who summary}
SEED=${SEED:-20210719}
RESULTS=${RESULTS:-$HERE/RESULTS.md}

mkdir -p "$WORK/out"
RAW=$WORK/raw.csv		# label,wall,user,sys,maxrss_kb,load1
CMDS=$WORK/commands.tsv		# label<TAB>command
GAZ=$ROOT/schema/gazetteer.tsv
SMALL=$WORK/small.jsonl
SMALL_STMTS=$WORK/small-statements.jsonl
LARGE=$WORK/large.jsonl
LDB=$WORK/large.db

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
stage() { case " $STAGES " in *" $1 "*) return 0 ;; esac; return 1; }

# Runs cmd once after prep, timed by /usr/bin/time; records a row of RAW.
measure() {
	local label=$1 prep=$2 cmd=$3
	grep -q "^$label	" "$CMDS" || printf '%s\t%s\n' "$label" "$cmd" >> "$CMDS"
	bash -c "$prep"
	if ! /usr/bin/time -f '%e,%U,%S,%M' -o "$WORK/time.out" \
	    bash -c "$cmd" > "$WORK/out/$label.stdout" 2> "$WORK/out/$label.stderr"; then
		log "failed: $cmd"
		cat "$WORK/out/$label.stderr" >&2
		exit 1
	fi
	printf '%s,%s,%s\n' "$label" "$(tail -n 1 "$WORK/time.out")" \
	    "$(cut -d' ' -f1 /proc/loadavg)" >> "$RAW"
}

# A latency: hyperfine, no shell in between, output to /dev/null; then
# the number of rows, from one more run in CSV.
latency() {
	local label=$1 runs=$2 warmup=$3; shift 3
	printf '%s\t%s\n' "$label" "$*" >> "$CMDS"
	log "latency: $label"
	hyperfine -N --style none --warmup "$warmup" --runs "$runs" \
	    --export-json "$WORK/lat-$label.json" "$*" > /dev/null
	echo "rows_$label	$("$@" --format csv | tail -n +2 | wc -l)" \
	    >> "$WORK/machine.tsv"
}

rmdb() { printf 'rm -f %s %s-wal %s-shm %s-journal' "$1" "$1" "$1" "$1"; }

if stage build; then
log "machine"
{
	echo "date	$(date -u +%Y-%m-%dT%H:%MZ)"
	echo "commit	$(git -C "$ROOT" rev-parse --short HEAD)"
	echo "dirty	$(git -C "$ROOT" status --porcelain | grep -v '^?? bench/' | wc -l)"
	echo "nproc	$(nproc)"
	echo "cpu	$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
	echo "memory	$(free -h | awk '/^Mem:/ { print $2 }')"
	echo "kernel	$(uname -sr)"
	echo "os	$(. /etc/os-release && echo "$PRETTY_NAME")"
	echo "disk	$(df -h "$WORK" | awk 'NR == 2 { print $1 }')"
	echo "sqlite3	$(sqlite3 --version | cut -d' ' -f1)"
	echo "jansson	$(pkg-config --modversion jansson)"
	echo "sqlite-utils	$(sqlite-utils --version | sed 's/.*version //')"
	echo "hyperfine	$(hyperfine --version | cut -d' ' -f2)"
	echo "cc	$(cc --version | head -n 1)"
	echo "load_start	$(cut -d' ' -f1-3 /proc/loadavg)"
	echo "n_small	$N_SMALL"
	echo "n_large	$N_LARGE"
	echo "seed	$SEED"
} > "$WORK/machine.tsv"

log "build"
BUILD_NOTE=""
if ! { cmake -S "$ROOT" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release \
    -DDEMARCHE_TESTS=OFF > /dev/null &&
    cmake --build "$WORK/build" -j "$(nproc)" > "$WORK/build.log" 2>&1; }; then
	# gcc 12 -O3 sees a false 'may be used uninitialized' in fold.c.
	BUILD_NOTE="-Wno-error=maybe-uninitialized"
	cmake -S "$ROOT" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release \
	    -DDEMARCHE_TESTS=OFF -DCMAKE_C_FLAGS="$BUILD_NOTE" > /dev/null
	cmake --build "$WORK/build" -j "$(nproc)" > "$WORK/build.log" 2>&1
fi
echo "build_flags	Release${BUILD_NOTE:+ $BUILD_NOTE}" >> "$WORK/machine.tsv"
CFLAGS_BENCH="-std=c11 -O2 -Wall -Wextra -Werror"
cc $CFLAGS_BENCH -o "$WORK/gen" "$HERE/gen.c"
# shellcheck disable=SC2046
cc $CFLAGS_BENCH $(pkg-config --cflags jansson sqlite3) -o "$WORK/floor" \
    "$HERE/floor.c" $(pkg-config --libs jansson sqlite3)
# The floor's schema: demarche's data model and full-text tables
# (migration 0001, 0004's statement dates on claims and 0011's cue, which
# the claims listing prints) with SQLite's own tokenizer, without the who
# summary of migrations 0002 and 0003, which only demarche keeps.
cat "$ROOT/migrations/0001-initial.sql" "$ROOT/migrations/0004-claim-dates.sql" \
    "$ROOT/migrations/0011-claim-cue.sql" |
    sed "s/tokenize = 'demarche'/tokenize = 'unicode61'/" > "$WORK/floor-schema.sql"
fi
DM=$WORK/build/demarche
FLOOR="$WORK/floor $WORK/floor-schema.sql $GAZ"

if stage generate; then
log "generate $N_SMALL and $N_LARGE statements"
/usr/bin/time -f '%e' -o "$WORK/gen-small.time" \
    "$WORK/gen" -s "$SEED" -n "$N_SMALL" "$GAZ" > "$SMALL"
tail -n +2 "$SMALL" > "$SMALL_STMTS"
/usr/bin/time -f '%e' -o "$WORK/gen-large.time" \
    "$WORK/gen" -s "$SEED" -n "$N_LARGE" "$GAZ" > "$LARGE"
{
	echo "gen_small_s	$(cat "$WORK/gen-small.time")"
	echo "gen_large_s	$(cat "$WORK/gen-large.time")"
	echo "small_bytes	$(stat -c %s "$SMALL")"
	echo "large_bytes	$(stat -c %s "$LARGE")"
	echo "gen_cmd	gen -s $SEED -n N schema/gazetteer.tsv > FILE; tail -n +2 FILE > statements-only"
} >> "$WORK/machine.tsv"
fi

# 1. Import of N_SMALL statements, the tools taking turns in each round.
S=$WORK/small
if stage import; then
: > "$RAW"
: > "$CMDS"
for r in $(seq "$RUNS"); do
	log "import $N_SMALL: round $r of $RUNS"
	measure import_demarche "$(rmdb "$S-dm.db")" \
	    "$DM --db $S-dm.db init && $DM --db $S-dm.db import $SMALL"
	measure import_sqlite_utils "$(rmdb "$S-su.db")" \
	    "sqlite-utils insert $S-su.db statements $SMALL_STMTS --nl && sqlite-utils enable-fts $S-su.db statements title text --fts5"
	measure import_floor "$(rmdb "$S-fl.db")" "$FLOOR $S-fl.db $SMALL"
	measure import_floor_bulk "$(rmdb "$S-fb.db")" "$WORK/floor -b $WORK/floor-schema.sql $GAZ $S-fb.db $SMALL"
done
for t in dm su fl fb; do
	echo "db_bytes_$t	$(stat -c %s "$S-$t.db")" >> "$WORK/machine.tsv"
done

# The same rows?  demarche's archive against the floor's, and each
# hand-written query against the demarche command it stands for.
log "compare the 100k archives"
"$DM" --db "$S-dm.db" who --format csv > "$WORK/out/small-who-dm.csv"
sqlite3 -csv -header "$S-dm.db" < "$HERE/sql/who.sql" > "$WORK/out/small-who-sql-dm.csv"
sqlite3 -csv -header "$S-fl.db" < "$HERE/sql/who.sql" > "$WORK/out/small-who-sql-fl.csv"
"$DM" --db "$S-dm.db" export claims -o "$WORK/out/small-claims-dm.csv"
sqlite3 -csv -header "$S-dm.db" < "$HERE/sql/claims.sql" > "$WORK/out/small-claims-sql-dm.csv"
sqlite3 -csv -header "$S-fl.db" < "$HERE/sql/claims.sql" > "$WORK/out/small-claims-sql-fl.csv"
python3 "$HERE/compare.py" "$WORK" "$S-dm.db" "$S-fl.db" > "$WORK/compare.txt"
fi

# 2. The large archive: one import of N_LARGE statements.
if stage large; then
log "import $N_LARGE (once)"
measure import_large_demarche "$(rmdb "$LDB")" \
    "$DM --db $LDB init && $DM --db $LDB import $LARGE"
{
	echo "db_bytes_large	$(stat -c %s "$LDB")"
	echo "large_counts	$(sqlite3 "$LDB" "SELECT (SELECT count(*) FROM statements) || ' statements, ' || (SELECT count(*) FROM claims) || ' claims, ' || (SELECT count(*) FROM claim_targets) || ' claim targets, ' || (SELECT count(*) FROM actors) || ' actors'")"
} >> "$WORK/machine.tsv"
fi

# 3. who and the claims export against the sqlite3 CLI.
if stage query; then
for r in $(seq "$QRUNS"); do
	log "who: round $r of $QRUNS"
	measure who_demarche true "$DM --db $LDB who --format csv > $WORK/out/who-dm.csv"
	measure who_sqlite3 true "sqlite3 -csv -header $LDB < $HERE/sql/who.sql > $WORK/out/who-sql.csv"
done
for r in $(seq "$ERUNS"); do
	log "export claims: round $r of $ERUNS"
	measure export_demarche "rm -f $WORK/out/claims-dm.csv" \
	    "$DM --db $LDB export claims -o $WORK/out/claims-dm.csv"
	measure export_sqlite3 "rm -f $WORK/out/claims-sql.csv" \
	    "sqlite3 -csv -header $LDB < $HERE/sql/claims.sql > $WORK/out/claims-sql.csv"
done
{
	echo "who_rows	$(($(wc -l < "$WORK/out/who-dm.csv") - 1))"
	echo "export_rows	$(($(wc -l < "$WORK/out/claims-sql.csv") - 1))"
	echo "export_bytes	$(stat -c %s "$WORK/out/claims-dm.csv")"
} >> "$WORK/machine.tsv"
fi

# 4. Latency on the large archive.  A search whose matches number in the
# hundred thousands takes seconds: it runs SRUNS times.
if stage latency; then
sed -i '/^statements_\|^search_/d' "$CMDS"
latency statements_actor_month "$LRUNS" 3 "$DM" --db "$LDB" statements --actor CHN.MISSION-EU --from 2021-07-01 --to 2021-07-31
latency statements_actor_year "$LRUNS" 3 "$DM" --db "$LDB" statements --actor EU --from 2021 --to 2021
latency search_rare "$LRUNS" 3 "$DM" --db "$LDB" search Zanzibar
latency search_medium_limit "$LRUNS" 3 "$DM" --db "$LDB" search --limit 20 Kowloon
latency search_medium "$SRUNS" 1 "$DM" --db "$LDB" search Kowloon
latency search_chinese_limit "$SRUNS" 1 "$DM" --db "$LDB" search --limit 20 监听
fi

# 5. who on the large archive: from the summary (no filter, --rollup,
# --by, --against, dates that hold every statement), and summed up from
# the claims (dates, topic, kind; the generated dates start on
# 2000-01-01, so that --from 2000-01-02 sums up nearly every claim).
if stage who; then
sed -i '/^xref_/d' "$CMDS"
latency xref_all "$LRUNS" 3 "$DM" --db "$LDB" who
latency xref_rollup "$LRUNS" 3 "$DM" --db "$LDB" who --rollup
latency xref_by "$LRUNS" 3 "$DM" --db "$LDB" who --by CHN
latency xref_against "$LRUNS" 3 "$DM" --db "$LDB" who --against USA
latency xref_rollup_by "$LRUNS" 3 "$DM" --db "$LDB" who --rollup --by CHN
latency xref_limit "$LRUNS" 3 "$DM" --db "$LDB" who --limit 20
latency xref_every_date "$LRUNS" 3 "$DM" --db "$LDB" who --from 1000
latency xref_year "$SRUNS" 1 "$DM" --db "$LDB" who --from 2021 --to 2021
latency xref_topic "$SRUNS" 1 "$DM" --db "$LDB" who --topic sanctions
latency xref_kind "$SRUNS" 1 "$DM" --db "$LDB" who --kind accuse
latency xref_all_dates "$SRUNS" 1 "$DM" --db "$LDB" who --from 2000-01-02
fi

# 6. What keeping the who summary costs an import: the statements that
# sum it up at the end of a file, read from src/core/who.c, run again on a
# copy of the 100k archive with its summary emptied.
if stage summary; then
SUM=$WORK/summary.db
python3 "$HERE/summary-sql.py" "$ROOT/src/core/who.c" > "$WORK/summary.sql"
for r in 1 2 3; do
	log "summary cost: round $r of 3"
	measure summary_bulk "$(rmdb "$SUM") && cp $S-dm.db $SUM && sqlite3 $SUM 'DELETE FROM who_pairs; DELETE FROM who_statements; DELETE FROM who_kinds; DELETE FROM who_topics'" \
	    "sqlite3 $SUM < $WORK/summary.sql"
done
echo "summary_build	$(git -C "$ROOT" rev-parse --short HEAD)" >> "$WORK/machine.tsv"
fi

echo "load_end	$(cut -d' ' -f1-3 /proc/loadavg)" >> "$WORK/machine.tsv"
log "report"
python3 "$HERE/report.py" "$WORK" > "$RESULTS"
log "wrote $RESULTS"
