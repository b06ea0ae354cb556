# A file at least as large as the archive goes in without the indexes that
# only queries read, made again at its end.  The archive must come out as
# when the same file comes in on standard input (size unknown, indexes
# kept), and a file that fails must leave the indexes as they were.
. "$(dirname "$0")/lib.sh"

indexes() {
	sqlite3 "$1" "SELECT name, tbl_name, sql FROM sqlite_schema
	    WHERE type = 'index' ORDER BY name"
}
# Where claims_by starts: an index made again starts elsewhere.
root() {
	sqlite3 "$1" "SELECT rootpage FROM sqlite_schema WHERE name = 'claims_by'"
}
bytes() {
	sqlite3 "$1" "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size"
}

python3 - "$WORK" <<'PY'
import json, random, sys
r = random.Random(11)
actors = ["CHN", "CHN.MFA", "Beijing", "USA", "EU", "EU.COUNCIL", "NATO",
          "RUS", "GBR"]
kinds = ["accuse", "criticize", "condemn", "deny", "reject"]
topics = ["cyber", "trade", "espionage", "human-rights", "sanctions"]
words = ("the ministry said that attacks on networks were malicious and "
         "irresponsible while officials rejected every accusation 网络 安全").split()
def stmt(i, salt):
    text = " ".join(r.choice(words) for _ in range(r.randint(300, 500)))
    claims = [{"kind": r.choice(kinds), "by": r.choice(actors),
               "target": r.sample(actors, r.randint(1, 3)),
               "topics": r.sample(topics, r.randint(0, 2)),
               "quote": text[:40].rsplit(" ", 1)[0]}
              for _ in range(r.randint(0, 4))]
    s = {"id": f"b{i}", "issuer": r.choice(actors),
         "date": r.choice(["2021", "2021-07", "2021-07-%02d" % r.randint(1, 28),
                           "2020-03-%02d" % r.randint(1, 28)]),
         "title": f"statement {i} {salt}", "text": text, "claims": claims}
    if i > 0 and r.random() < 0.2:
        s["responds_to"] = f"b{r.randrange(i)}"
    return s
with open(f"{sys.argv[1]}/big.jsonl", "w") as f:
    for i in range(700):
        f.write(json.dumps(stmt(i, "first"), ensure_ascii=False) + "\n")
    # Named again further on: replaced under --update.
    for i in range(0, 700, 50):
        f.write(json.dumps(stmt(i, "again"), ensure_ascii=False) + "\n")
PY

for db in file.db stdin.db failed.db; do
	"$DEMARCHE" --db "$db" init >/dev/null 2>&1
done
indexes file.db >indexes-before.txt
root0=$(root file.db)

check "the test's file is larger than a new archive"
[ "$(wc -c <big.jsonl)" -ge "$(bytes file.db)" ] && ok ||
	bad "big.jsonl is smaller than the archive: nothing is deferred"

check "a large file: the indexes are made again, the same"
run --db file.db import --update big.jsonl
expect_status 0
expect_out "700 new, 14 updated"
indexes file.db >indexes-after.txt
expect_same indexes-before.txt indexes-after.txt
[ "$(root file.db)" != "$root0" ] && ok || bad "claims_by was not made again"
run --db file.db check
expect_status 0
# Then merged, so that a search looks each term up once.
[ "$(sqlite3 file.db "SELECT (SELECT count(DISTINCT segid) FROM
	statements_fts_idx) || ',' || (SELECT count(DISTINCT segid)
	FROM claims_fts_idx)")" = "1,1" ] && ok ||
	bad "the full-text indexes were left in several segments"

check "the same file on standard input keeps the indexes"
run_in big.jsonl --db stdin.db import --update -
expect_status 0
expect_out "700 new, 14 updated"
[ "$(root stdin.db)" = "$root0" ] && ok || bad "claims_by was made again"

check "both archives answer the same"
for args in "who" "who --rollup" "who --from 2021 --to 2021" \
    "statements --actor CHN --from 2021 --to 2021" "statements --kind statement" \
    "claims --by USA" "claims --against EU --from 2020" "search attacks" \
    "export claims" "export statements"; do
	"$DEMARCHE" --db file.db $args --format csv >file.csv 2>&1
	"$DEMARCHE" --db stdin.db $args --format csv >stdin.csv 2>&1
	if [ -s file.csv ] && cmp -s file.csv stdin.csv; then ok; else
		bad "$args differs, or says nothing"
	fi
done

check "a small file into the large archive keeps the indexes"
root1=$(root file.db)
head -n 3 big.jsonl | sed 's/"id": "b/"id": "c/' >small.jsonl
run --db file.db import small.jsonl
expect_status 0
expect_out "3 new"
[ "$(root file.db)" = "$root1" ] && ok || bad "claims_by was made again"

check "a large file that fails leaves the indexes as they were"
cp big.jsonl broken.jsonl
echo '{"id": "last", "issuer": "CHN", "date": "2021-13-45", "title": "x"}' >>broken.jsonl
sqlite3 failed.db .dump >before.sql
run --db failed.db import --update broken.jsonl
expect_status 1
expect_err "broken.jsonl:715"
sqlite3 failed.db .dump >after.sql
expect_same before.sql after.sql
[ "$(root failed.db)" = "$root0" ] && ok || bad "claims_by moved"

# hashsize DB: the full-text settings, hashsize then automerge of each.
hashsize() {
	sqlite3 "$1" "SELECT group_concat(v) FROM (SELECT v FROM statements_fts_config
	    WHERE k = 'hashsize' UNION ALL SELECT v FROM claims_fts_config
	    WHERE k = 'hashsize' UNION ALL SELECT v FROM statements_fts_config
	    WHERE k = 'automerge' UNION ALL SELECT v FROM claims_fts_config
	    WHERE k = 'automerge')"
}

check "both full-text indexes gather 1 MiB before writing a segment"
[ "$(hashsize failed.db)" = "1048576,1048576,16,16" ] && ok ||
	bad "hashsize of a new archive: $(hashsize failed.db)"

check "an archive of schema level 7 gains the setting when used"
# Made from a few of the statements: the setting is what is tested.
run --db failed.db import small.jsonl
expect_status 0
archive_at 7 failed.db
run --db failed.db who --limit 1
expect_status 0
expect_err "archive brought from schema level 7 to"
[ "$(hashsize failed.db)" = "1048576,1048576,16,16" ] && ok ||
	bad "hashsize after the migration: $(hashsize failed.db)"
run --db failed.db search attacks
expect_status 0
expect_out "attacks"

finish
