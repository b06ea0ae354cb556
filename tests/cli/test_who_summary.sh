# The who summary stays exact: after a random sequence of imports,
# updates, merges and recodes, 'check' finds it equal to the claims, and
# who answers the same from it as from the claims summed up afresh (naming
# the accusation kinds, the default ones, makes who sum up the claims).
. "$(dirname "$0")/lib.sh"

run init
latest=$(ls "$SOURCE_DIR"/migrations/*.sql | wc -l)

same_who() {
	for args in "" "--rollup" "--mutual" "--mutual --rollup" "--by CHN" \
	    "--rollup --by CHN" "--against USA" "--against USA --exact" \
	    "--rollup --against EU" "--limit 3"; do
		"$DEMARCHE" who $args --csv >summary.csv 2>/dev/null
		"$DEMARCHE" who $args --kind accuse,criticize,condemn --csv \
		    >fresh.csv 2>/dev/null
		if cmp -s summary.csv fresh.csv; then ok; else
			bad "who $args differs from the claims summed up"
		fi
	done
}

checked() {
	run check
	expect_status 0
	expect_out "who summary                    ok"
}

# keep_who, then migrated_same N: the next command brings test.db from
# schema level N, and who prints what it printed before.
keep_who() {
	"$DEMARCHE" who --csv >before.csv
	"$DEMARCHE" who --rollup --json >before.json
}
migrated_same() {
	run who --csv
	expect_status 0
	expect_err "archive brought from schema level $1 to $latest"
	expect_same "$WORK/out" before.csv
	"$DEMARCHE" who --rollup --json >after.json
	expect_same after.json before.json
}

python3 - "$WORK" <<'PY'
import json, random, sys
r = random.Random(7)
actors = ["CHN", "CHN.MFA", "CHN.MISSION-EU", "USA", "USA.X1", "EU",
          "EU.COUNCIL", "NATO", "RUS", "GBR", "Ruritania", "Some Group"]
kinds = ["accuse", "criticize", "condemn", "deny", "reject", "accuse"]
topics = ["cyber", "trade", "espionage", "human-rights"]
def stmt(i, salt):
    claims = []
    for _ in range(r.randint(0, 4)):
        c = {"kind": r.choice(kinds),
             "target": r.sample(actors, r.randint(0, 3)),
             "topics": r.sample(topics, r.randint(0, 2))}
        if r.random() < 0.3:
            c["by"] = r.choice(actors)
        claims.append(c)
    return {"id": f"s{i}", "issuer": r.choice(actors),
            "date": r.choice(["2021", "2021-07", "2021-07-%02d" % r.randint(1, 28)]),
            "title": f"t{i} {salt}", "claims": claims}
for part in range(4):
    with open(f"{sys.argv[1]}/part{part}.jsonl", "w") as f:
        for i in range(part * 150, part * 150 + 200):
            f.write(json.dumps(stmt(i, part)) + "\n")
        # The last file names some of its own statements again.
        for i in (range(460, 640, 30) if part == 3 else ()):
            f.write(json.dumps(stmt(i, "again")) + "\n")
PY

check "import"
run import part0.jsonl
expect_status 0
checked
same_who

check "an overlapping file with --update replaces statements and claims"
run import --update part1.jsonl
expect_status 0
expect_out "updated"
checked
same_who

check "merges move claims and targets"
run import --update part2.jsonl
run actors merge Ruritania "Some Group"
expect_status 0
run actors merge USA.X1 CHN.MFA
expect_status 0
checked
same_who

check "plain text coded by rule, then recoded"
printf 'Issuer: NATO\nDate: 2021-07-19\n\nNATO condemned China for the attacks. The EU accused Russia of espionage.\n' >t.txt
run import t.txt
run import --recode
expect_status 0
checked
same_who

check "changes the summary cannot follow are refused"
sqlite3 test.db "UPDATE claims SET kind = 'deny' WHERE id = (SELECT claim_id FROM claim_targets LIMIT 1)" 2>err.txt
grep -q "keeps its claimant and kind" err.txt && ok || bad "claim update refused"

check "a damaged summary is found and rebuilt"
sqlite3 test.db "UPDATE who_pairs SET claims = claims + 1 WHERE rowid IN (SELECT rowid FROM who_pairs LIMIT 1)" 2>/dev/null ||
	sqlite3 test.db "DELETE FROM who_kinds WHERE kind = 'accuse' AND lvl = 0 AND accuser = (SELECT accuser FROM who_kinds LIMIT 1)"
run check
expect_status 1
expect_out "rows differ from the claims"
run check --rebuild
expect_status 0
same_who

check "every listing column of the summary is checked"
for col in accuser_name accused_name first_lo last_hi kinds topics listing; do
	sqlite3 test.db "UPDATE who_pairs SET $col = 'x' WHERE (lvl, accuser,
		accused) = (SELECT lvl, accuser, accused FROM who_pairs
		WHERE topics IS NOT NULL LIMIT 1)"
	run check
	expect_status 1
	expect_out "rows differ from the claims"
	run check --rebuild
	expect_status 0
done
same_who

check "after a rebuild, changes bring the listing up to date at once"
# The rebuild marks pairs as an import does: it must leave no mark, and
# the archive out of the import state, for the merge below to be exact.
[ "$(sqlite3 test.db "SELECT (SELECT import_id IS NULL FROM pending) ||
	(SELECT count(*) FROM who_dirty)")" = 10 ] && ok ||
    bad "the rebuild left pending or who_dirty set"
run actors merge GBR RUS
expect_status 0
checked
same_who

check "names follow the actors, including a top-level actor added later"
cat >zed.json <<'EOF2'
{"actors": [{"code": "ZZX.MFA", "name": "Zedland Foreign Ministry"}],
 "statements": [{"id": "zed-1", "issuer": "ZZX.MFA", "date": "2021-07-19",
  "title": "Zedland", "text": "Zedland accuses the United States.",
  "claims": [{"kind": "accuse", "target": "USA", "topics": ["cyber"]}]}]}
EOF2
run import zed.json
expect_status 0
run who --rollup --against USA --csv
expect_out "ZZX,,USA,United States,1,1,2021-07-19,2021-07-19,accuse,cyber"
run actors add ZZX "Zedland"
expect_status 0
run who --rollup --against USA --csv
expect_out "ZZX,Zedland,USA,United States,1,1,2021-07-19,2021-07-19,accuse,cyber"
checked
same_who

check "a name with the packing's own characters comes back whole"
cat >odd.json <<'EOF2'
{"actors": [{"code": "ODD", "name": "3:a,-, 12:é,"}],
 "statements": [{"id": "odd-1", "issuer": "ODD", "date": "2021-07-20",
  "title": "Odd", "claims": [{"kind": "accuse", "target": "USA"}]}]}
EOF2
run import odd.json
expect_status 0
run who --by ODD --csv
expect_out 'ODD,"3:a,-, 12:é,",USA,United States,1,1,2021-07-20,2021-07-20,accuse,'
run who --by ODD --json
expect_out '"accuser_name": "3:a,-, 12:é,"'
expect_out '"topics": []'
checked
same_who

check "a listing that does not unpack is an error, not a wrong row"
# Too long, too few, one byte more, a comma missing, no length, a length
# past any size, empty, NULL.
f9="1:a,1:b,1:c,1:d,1:e,1:f,1:g,1:h,1:i,"
for bad in "'9:x,'" "'$f9'" "'${f9}1:j,x'" "'${f9}1:jx'" \
    "':,-,-,-,-,-,-,-,-,-,'" "'99999999999999999999999:a,-,-,-,-,-,-,-,-,-,'" \
    "''" "NULL"; do
	sqlite3 test.db "UPDATE who_pairs SET listing = $bad WHERE accuser = 'ODD'"
	run who --by ODD
	expect_status 1
	expect_err "who_pairs.listing is not 10 packed texts"
	expect_err_lines 1
done
# A listing that unpacks is printed as it stands, even when stale.
sqlite3 test.db "UPDATE who_pairs SET listing = '3:ODD,-,3:USA,-,1:1,1:1,-,-,-,-,'
	WHERE accuser = 'ODD'"
run who --by ODD --csv
expect_status 0
expect_out "ODD,,USA,,1,1,,,,"
# A count past any integer is shown as written (and read as the largest).
sqlite3 test.db "UPDATE who_pairs SET
	listing = '3:ODD,-,3:USA,-,25:9999999999999999999999999,1:1,-,-,-,-,'
	WHERE accuser = 'ODD'"
run who --by ODD
expect_status 0
expect_out "9999999999999999999999999"
run check --rebuild
expect_status 0
run who --by ODD --csv
expect_out 'ODD,"3:a,-, 12:é,",USA'

check "dates that hold every statement are answered from the summary"
"$DEMARCHE" who --csv >all.csv
first=$(sqlite3 test.db "SELECT min(date_lo) FROM statements")
last=$(sqlite3 test.db "SELECT substr(max(date_lo), 1, 4) FROM statements")
for args in "--from 1000" "--from $first" "--to $last" "--from $first --to $last" \
    "--from 1000 --to 9999"; do
	run who $args --csv
	expect_status 0
	expect_same "$WORK/out" all.csv
done
# Listings made stale by hand show through the summary only.
sqlite3 test.db "UPDATE who_pairs SET listing = replace(listing,
	'United States', 'United Statez')"
run who --from "$first" --csv
expect_out "United Statez"
run who --from 1000 --to "$last" --rollup --csv
expect_out "United Statez"
# From the day after the first, or to the year before the last: afresh.
for args in "--from $(date -d "$first + 1 day" +%F)" "--to $((last - 1))-12-31" \
    "--rollup --from $(date -d "$first + 1 day" +%F)"; do
	run who $args --csv
	expect_status 0
	expect_no_out "United Statez"
done
run check --rebuild
expect_status 0
checked
same_who

# The table of the archive that who_edges' plan walks first (l, the two
# levels, is not one).
edges_first() {
	sqlite3 test.db "EXPLAIN QUERY PLAN SELECT * FROM who_edges" |
	    grep -E -o '(SCAN|SEARCH) [a-z]+' | grep -v -m 1 ' l$'
}

check "an archive of schema level 9 reads the edges in claim order when used"
keep_who
archive_at 9 test.db
[ "$(edges_first)" = "SCAN ct" ] && ok ||
    bad "level 9 walked the edges from $(edges_first)"
migrated_same 9
[ "$(edges_first)" = "SCAN c" ] && ok || bad "the edges walked from $(edges_first)"
# The triggers find a pair's rows by key: a target of an accusation going
# and coming back scans no table of the summary (plans of the triggers,
# printed by the sqlite3 shell; the changes are undone).
sqlite3 test.db >plans.txt 2>&1 <<'SQL'
.eqp trigger
BEGIN;
CREATE TEMP TABLE gone AS SELECT * FROM claim_targets WHERE claim_id =
	(SELECT min(id) FROM claims WHERE kind = 'accuse'
	AND id IN (SELECT claim_id FROM claim_targets));
DELETE FROM claim_targets WHERE claim_id = (SELECT claim_id FROM gone);
INSERT INTO claim_targets SELECT * FROM gone;
ROLLBACK;
SQL
grep -q 'TRIGGER who_target_delete' plans.txt &&
    grep -q 'TRIGGER who_target_insert' plans.txt && ok ||
    bad "no plans of the triggers: $(head -n 3 plans.txt)"
! grep 'SCAN who_' plans.txt && ok || bad "a trigger scans the summary"
checked
same_who

check "an archive of schema level 8 packs each pair's whole row when used"
keep_who
archive_at 8 test.db
[ "$(sqlite3 test.db "SELECT count(*) FROM who_pairs
	WHERE listing GLOB '*:' || accuser || ',*'")" = 0 ] &&
    ok || bad "the listings of level 8 hold the codes"
migrated_same 8
[ "$(sqlite3 test.db "SELECT count(*) FROM who_pairs WHERE listing NOT GLOB
	length(accuser) || ':' || accuser || ',*'")" = 0 ] &&
    ok || bad "a listing does not start with its accuser's code"
checked
same_who

check "an archive of schema level 6 takes the insert triggers of 0007 and imports on"
archive_at 6 test.db
[ "$(sqlite3 test.db "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'
	AND sql LIKE '%(SELECT s.import_id FROM claims c JOIN statements s%'")" = 2 ] &&
    ok || bad "the triggers of level 6 are not back"
run who --csv
expect_status 0
expect_err "archive brought from schema level 6 to $latest"
[ "$(sqlite3 test.db "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'
	AND sql LIKE '%(SELECT s.import_id FROM claims c JOIN statements s%'")" = 0 ] &&
    ok || bad "the triggers of level 6 are still there"
run import --update part3.jsonl
expect_status 0
expect_out "150 new, 56 updated"
checked
same_who

check "an archive of schema level 5 gains the packed listing, filled, when used"
keep_who
archive_at 5 test.db
migrated_same 5
checked
same_who

check "an archive of schema level 1 gains the summary, filled, when used"
archive_at 1 test.db
[ "$(sqlite3 test.db "SELECT count(*) FROM sqlite_schema
	WHERE name GLOB 'who_*'")" = 0 ] && ok || bad "level 1 has a summary"
run who --csv
expect_status 0
expect_err "archive brought from schema level 1 to $latest"
checked
same_who

finish
