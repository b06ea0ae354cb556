# Crash safety: 'demarche export -o' killed with SIGKILL at moments
# spread over a large export leaves no file or the whole file.
. "$(dirname "$0")/lib.sh"

N=${CRASH_STATEMENTS:-1500}
KILLS=${CRASH_KILLS:-32}

sh "$GEN" "$N" >big.jsonl
"$DEMARCHE" --db ref.db init >/dev/null 2>&1 || exit 1
"$DEMARCHE" --db ref.db import big.jsonl >/dev/null 2>&1 || exit 1

check "a whole export, for reference"
t0=$(now_ms)
run --db ref.db export claims -o ref.csv
t1=$(now_ms)
expect_status 0
efull=$((t1 - t0))
[ "$(wc -l <ref.csv)" -gt "$N" ] && ok || bad "reference export"
echo "export of $(wc -c <ref.csv) bytes: ${efull} ms"

absent=0
whole=0
i=1
while [ "$i" -le "$KILLS" ]; do
	check "export killed at moment $i of $KILLS"
	rm -f out.csv
	delay=$((efull * i * 120 / 100 / KILLS))
	kill_at "$delay" "$DEMARCHE" --db ref.db export claims -o out.csv
	if [ ! -e out.csv ]; then
		absent=$((absent + 1))
		ok
	elif cmp -s out.csv ref.csv; then
		whole=$((whole + 1))
		ok
	else
		bad "after ${delay} ms out.csv is partial: $(wc -c <out.csv) of" \
		    "$(wc -c <ref.csv) bytes"
	fi
	i=$((i + 1))
done
left=$(ls | grep -c '^out\.csv.' || true)
echo "export killed $KILLS times: $absent left no file, $whole the whole" \
    "file; $left temporary files left behind"
intact ref.db && ok || bad "archive damaged by an export"

finish
