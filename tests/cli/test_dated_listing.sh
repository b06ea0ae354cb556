# statements and claims by actor within dates: the statements the actor
# or an actor under it issued or made claims in, whose whole date lies in
# the range; the same rows as the undated and the actor-less listings
# give together; and an archive made before claims carried their
# statement's date gains it, filled, when used.
. "$(dirname "$0")/lib.sh"

run init

# ids FILE: the first column of a CSV listing, one line.
ids() {
	tail -n +2 "$1" | cut -d, -f1 | tr '\r\n' '  ' | tr -s ' ' | sed 's/ $//'
}

# expect_ids WANT ARGS...: statements ARGS lists exactly WANT, in order.
expect_ids() {
	_want=$1
	shift
	run statements "$@" --csv
	_got=$(ids "$WORK/out")
	if [ "$status" -eq 0 ] && [ "$_got" = "$_want" ]; then ok; else
		bad "statements $*: '$_got', want '$_want'"
	fi
}

dates_checked() {
	run check
	expect_status 0
	expect_out "statement dates of claims      ok"
}

# EU-X shares EU's first letters but is not under it; USA names the EU
# as a target only.
cat >july.json <<'EOF'
{"actors": [{"code": "EU-X", "name": "Not the Union"}],
 "statements": [
  {"id": "jun30", "issuer": "EU", "date": "2021-06-30"},
  {"id": "jul01", "issuer": "EU.COUNCIL", "date": "2021-07-01"},
  {"id": "july", "issuer": "EU", "date": "2021-07"},
  {"id": "year", "issuer": "EU", "date": "2021"},
  {"id": "usa-eeas", "issuer": "USA", "date": "2021-07-15",
   "claims": [{"kind": "assert", "by": "EU.EEAS"}]},
  {"id": "usa-target", "issuer": "USA", "date": "2021-07-10",
   "claims": [{"kind": "accuse", "target": "EU"}]},
  {"id": "mission", "issuer": "CHN.MISSION-EU", "date": "2021-07-19",
   "claims": [{"kind": "reject", "target": "EU"},
    {"kind": "criticize", "by": "EU.COUNCIL", "target": "CHN"}]},
  {"id": "both", "issuer": "EU", "date": "2021-07-20",
   "claims": [{"kind": "condemn", "target": "RUS"},
    {"kind": "condemn", "by": "EU.COUNCIL", "target": "RUS"}]},
  {"id": "eux", "issuer": "EU-X", "date": "2021-07-21",
   "claims": [{"kind": "assert", "by": "EU-X"}]},
  {"id": "jul31", "issuer": "USA", "date": "2021-07-31",
   "claims": [{"kind": "support", "by": "EU"}]},
  {"id": "aug01", "issuer": "USA", "date": "2021-08-01",
   "claims": [{"kind": "support", "by": "EU"}]}]}
EOF
run import july.json
check "the statements import"
expect_status 0

check "issuer or claimant, with the actors under it, in date order"
expect_ids "jul01 july usa-eeas mission both jul31" \
    --actor EU --from 2021-07-01 --to 2021-07-31
expect_ids "jul01 july usa-eeas mission both jul31" --actor EU --on 2021-07
expect_ids "july both jul31" --actor EU --exact --on 2021-07
expect_ids "jul01 mission both" --actor EU.COUNCIL --on 2021-07
expect_ids "usa-eeas" --actor "EU.EEAS" --on 2021-07
expect_ids "eux" --actor EU-X --on 2021-07
expect_ids "usa-target usa-eeas jul31 aug01" --actor USA --from 2021-07

check "the range takes in whole dates only, its first and last days included"
expect_ids "jul01" --actor EU --from 2021-07 --to 2021-07-01
expect_ids "jul01" --actor EU --on 2021-07-01
expect_ids "jul31" --actor EU --on 2021-07-31
expect_ids "usa-eeas mission both jul31" --actor EU --from 2021-07-02 \
    --to 2021-07-31
expect_ids "jul01 usa-eeas mission both" --actor EU --from 2021-07-01 \
    --to 2021-07-30
expect_ids "jun30" --actor EU --to 2021-06-30
expect_ids "aug01" --actor EU --from 2021-08-01
expect_ids "year jun30 jul01 july usa-eeas mission both jul31 aug01" \
    --actor EU --on 2021
expect_ids "" --actor EU --on 2021-07-11

check "claims by actor within dates"
run claims --by EU --on 2021-07 --csv
expect_status 0
if [ "$(cut -d, -f2,4 "$WORK/out" | tr '\r\n' '  ' | tr -s ' ')" = \
    "statement_id,by_code usa-eeas,EU.EEAS mission,EU.COUNCIL both,EU both,EU.COUNCIL jul31,EU " ]
then ok; else bad "claims --by EU --on 2021-07"; fi
run claims --actor EU --exact --on 2021-07 --csv
expect_status 0
if [ "$(cut -d, -f2,4 "$WORK/out" | tr '\r\n' '  ' | tr -s ' ')" = \
    "statement_id,by_code both,EU both,EU.COUNCIL jul31,EU " ]
then ok; else bad "claims --actor EU --exact --on 2021-07"; fi

check "a statement replaced with another date is listed at its new date"
sed 's/"usa-eeas", "issuer": "USA", "date": "2021-07-15"/"usa-eeas", "issuer": "USA", "date": "2021-08-15"/' \
    july.json >moved.json
run import --update moved.json
expect_status 0
expect_ids "jul01 july mission both jul31" --actor EU --on 2021-07
expect_ids "aug01 usa-eeas" --actor EU --on 2021-08
dates_checked

# The same rows, in the same order, as the listing by actor over all
# dates (which looks at no claim's date) and the listing of the dates
# (which looks at no actor) have in common.
python3 - "$WORK" <<'PY'
import json, random, sys
r = random.Random(11)
actors = ["EU", "EU.COUNCIL", "EU.EEAS", "EU-X", "CHN", "CHN.MFA",
          "CHN.MISSION-EU", "USA", "NATO"]
def date():
    y = r.choice([2020, 2021, 2022])
    m = r.randint(1, 12)
    return r.choice([str(y), "%d-%02d" % (y, m),
                     "%d-%02d-%02d" % (y, m, r.randint(1, 28))])
with open(sys.argv[1] + "/random.jsonl", "w") as f:
    for i in range(300):
        claims = [{"kind": r.choice(["accuse", "assert", "support"]),
                   "by": r.choice(actors),
                   "target": r.sample(actors, r.randint(0, 2))}
                  for _ in range(r.randint(0, 3))]
        f.write(json.dumps({"id": "r%03d" % i, "issuer": r.choice(actors),
                            "date": date(), "claims": claims}) + "\n")
PY
run import random.jsonl
check "the random statements import"
expect_status 0

check "within dates, the rows of the actor's listing that lie in the range"
# tsv ARGS... >FILE: a listing as TSV; a failure counts against the test.
tsv() {
	"$DEMARCHE" "$@" --format tsv || bad "demarche $* failed"
}
compared=0
a=0
for actor in "EU" "CHN --exact" "EU.COUNCIL"; do
	a=$((a + 1))
	r=0
	for range in "--on 2021" "--on 2021-07" "--from 2020-03-15 --to 2021-02" \
	    "--from 2022-06" "--to 2020-05-31"; do
		r=$((r + 1))
		l=0
		for listing in "statements --actor" "claims --actor" \
		    "claims --by"; do
			l=$((l + 1))
			# shellcheck disable=SC2086
			tsv $listing $actor $range >dated.tsv
			# The listing of the actor, and of the range, once each,
			# named by their places in the loops.
			actor_tsv=actor-$l-$a.tsv
			range_tsv=range-${listing%% *}-$r.tsv
			# shellcheck disable=SC2086
			[ -f "$actor_tsv" ] || tsv $listing $actor >"$actor_tsv"
			# shellcheck disable=SC2086
			[ -f "$range_tsv" ] || tsv ${listing%% *} $range >"$range_tsv"
			head -n 1 "$range_tsv" >want.tsv
			tail -n +2 "$range_tsv" | grep -Fx -f "$actor_tsv" >>want.tsv
			[ "$(wc -l <want.tsv)" -gt 1 ] &&
			    compared=$((compared + 1))
			if cmp -s dated.tsv want.tsv || { [ ! -s dated.tsv ] &&
			    [ "$(wc -l <want.tsv)" -le 1 ]; }; then ok; else
				bad "$listing $actor $range"
			fi
		done
	done
done
# Every combination finds rows in the random statements.
[ "$compared" -eq 45 ] && ok || bad "only $compared listings had rows"

check "who by actor: the pairs the actor's claims listing sums up"
# who --actor and --by find the claims through the actor's claims (and
# statements), by date within few dates; the claims listing of the same
# filters, summed up here, must agree.
# Each pair of listings is kept, then summed up in one run of Python.
n=0
: >pairs.txt
for actor in "--actor EU" "--actor CHN --exact" "--actor EU.COUNCIL" \
    "--actor USA" "--by EU" "--by CHN --exact"; do
	for range in "" "--on 2021" "--from 2020-03-15 --to 2021-02" \
	    "--on 2021-07"; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		"$DEMARCHE" claims $actor $range --csv >claims$n.csv ||
		    bad "claims $actor $range failed"
		# shellcheck disable=SC2086
		"$DEMARCHE" who $actor $range --csv >who$n.csv ||
		    bad "who $actor $range failed"
		echo "$n $actor $range" >>pairs.txt
	done
done
# Prints the arguments of each pair that differs, then how many had pairs.
python3 - pairs.txt >sums.txt <<'PY'
import csv, sys
rows = 0
for line in open(sys.argv[1]):
    n, args = line.rstrip("\n").split(" ", 1)
    pairs = {}
    for r in csv.DictReader(open(f"claims{n}.csv", newline="")):
        if r["kind"] in ("accuse", "criticize", "condemn") and r["target_code"]:
            c, s = pairs.setdefault((r["by_code"], r["target_code"]),
                                    (set(), set()))
            c.add(r["claim_id"])
            s.add(r["statement_id"])
    want = {(a, b, str(len(c)), str(len(s)))
            for (a, b), (c, s) in pairs.items()}
    got = {(r["accuser_code"], r["accused_code"], r["claims"], r["statements"])
           for r in csv.DictReader(open(f"who{n}.csv", newline=""))}
    if want != got:
        print("differs", args)
    rows += bool(got)
print("rows", rows)
PY
whocount=""
while read -r what args; do
	case $what in
	differs) bad "who $args" ;;
	rows) whocount=$args ;;
	esac
done <sums.txt
[ -n "$whocount" ] && ok || bad "the listings were not summed up"
# All but a few find pairs in the random statements.
[ "${whocount:-0}" -ge 20 ] || bad "who by actor: only $whocount of 24 had pairs"

check "an archive made before claims carried their statement's date"
run statements --actor EU --on 2021 --csv
cp "$WORK/out" before.csv
latest=$(ls "$SOURCE_DIR"/migrations/*.sql | wc -l)
archive_at 3 test.db
[ "$(sqlite3 test.db "SELECT count(*) FROM pragma_table_info('claims')
	WHERE name = 'statement_lo'")" = 0 ] && ok || bad "column still there"
run statements --actor EU --on 2021 --csv
expect_status 0
expect_err "archive brought from schema level 3 to $latest"
expect_same "$WORK/out" before.csv
[ "$(sqlite3 test.db "SELECT count(*) FROM claims c JOIN statements s
	ON s.sid = c.statement_id WHERE c.statement_lo IS NOT s.date_lo")" = 0 ] &&
    ok || bad "claims without their statement's date"
dates_checked

check "check finds a claim without its statement's date, --rebuild mends it"
sqlite3 test.db "UPDATE claims SET statement_lo = NULL
	WHERE id = (SELECT min(id) FROM claims);
	UPDATE claims SET statement_lo = '1999-01-01'
	WHERE id = (SELECT max(id) FROM claims)"
run check
expect_status 1
expect_out "statement dates of claims      wrong or missing on 2 claims"
run check --rebuild
expect_status 0
expect_out "statement dates of claims      ok"

finish
