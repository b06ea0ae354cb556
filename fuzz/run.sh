#!/bin/sh
# Builds the libFuzzer targets with clang, AddressSanitizer and UBSan, and
# runs each for SECONDS (default 60), as many at once as there are cores.
# New inputs go to a working corpus in the build directory, never into
# fuzz/corpus/; a crash is saved there as crash-* and named at the end.
# Usage: fuzz/run.sh [SECONDS [TARGET...]]
# Environment: FUZZ_BUILD (default build/fuzz), FUZZ_JOBS (default: cores).
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"import date fold textstmt csv coder html"}
build=${FUZZ_BUILD:-build/fuzz}
jobs=${FUZZ_JOBS:-$(nproc)}
# The import target writes an archive for each input: keep it in memory.
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm

command -v clang >/dev/null || { echo "fuzz: clang is needed" >&2; exit 2; }
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DDEMARCHE_FUZZ=ON \
	-DDEMARCHE_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
for t in $targets; do
	cmake --build "$build" -j"$jobs" --target "fuzz_$t" >/dev/null
done
build=$(cd "$build" && pwd)

# fuzz_one TARGET: runs one target; its log is $build/fuzz-TARGET.log.
fuzz_one() {
	t=$1
	work=$build/work/$t
	mkdir -p "$work/corpus" "$work/crashes"
	cp "$src/fuzz/corpus/$t/"* "$work/corpus/" 2>/dev/null || true
	cp "$src/fuzz/regressions/$t/"* "$work/corpus/" 2>/dev/null || true
	(cd "$work" && "$build/fuzz/fuzz_$t" -max_total_time="$seconds" \
	    -timeout=20 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix="$work/crashes/" "$work/corpus" \
	    >"$build/fuzz-$t.log" 2>&1)
}

status=0
running=0
pids=""
for t in $targets; do
	fuzz_one "$t" &
	pids="$pids $!:$t"
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait
for p in $pids; do
	t=${p#*:}
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$build/fuzz-$t.log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' \
	    "$build/fuzz-$t.log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$build/fuzz-$t.log" | tail -n 1)
	found=$(ls "$build/work/$t/crashes" 2>/dev/null | head -n 5)
	if [ -n "$found" ] || ! grep -q '^Done [0-9]* runs' \
	    "$build/fuzz-$t.log"; then
		echo "fuzz $t: FAILED, see $build/fuzz-$t.log"
		for f in $found; do
			echo "  $build/work/$t/crashes/$f"
		done
		status=1
	else
		echo "fuzz $t: ${execs:-?} runs (${rate:-?}/s), ${cov:-cov: ?}," \
		    "no failure in ${seconds}s"
	fi
done
exit $status
