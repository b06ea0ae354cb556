# Hostile input: each case is a clear error or a correct import, never a
# crash, and leaves nothing half-written.  SQL in every string field,
# deep nesting, NUL characters, malformed UTF-8.
. "$(dirname "$0")/lib.sh"

"$DEMARCHE" --db base.db init >/dev/null 2>&1 || exit 1
cp base.db test.db

SQL="'; DROP TABLE statements; --"
SQL2='"); DELETE FROM actors; SELECT ("'
J2='\"); DELETE FROM actors; SELECT (\"'
check "SQL in every string field is stored as text"
cat >sql.json <<EOF2
{"actors": [{"code": "X-SQL", "name": "$SQL", "aliases": ["$J2", "Robert'); DROP TABLE actors;--"]}],
 "statements": [{"id": "$SQL", "issuer": "$J2", "date": "2021-07-19",
   "title": "$SQL", "text": "$SQL $J2", "url": "$SQL", "responds_to": ["$J2"],
   "claims": [{"kind": "accuse", "by": "$SQL", "target": ["$J2", "x' OR '1'='1"],
     "topics": ["$SQL", "$J2"], "summary": "$J2", "quote": "$SQL"}]},
  {"id": "x' OR '1'='1", "issuer": "$SQL", "date": "2021", "title": "%s%n%x"}]}
EOF2
run import sql.json
expect_status 0
expect_out "2 new"
[ "$(sql test.db "SELECT count(*) FROM sqlite_schema WHERE name IN ('statements', 'actors', 'claims')")" = 3 ] &&
	ok || bad "a table was dropped"
[ "$(sql test.db "SELECT title FROM statements WHERE id = '''; DROP TABLE statements; --'")" = "$SQL" ] &&
	ok || bad "id and title stored verbatim"
[ "$(sql test.db "SELECT a.code FROM statements s JOIN actors a ON a.id = s.issuer_id WHERE s.id = 'x'' OR ''1''=''1'")" = X-SQL ] &&
	ok || bad "an issuer given by an alias that is SQL resolves"
[ "$(sql test.db "SELECT count(*) FROM actors")" -gt 273 ] && ok ||
	bad "actors deleted"
[ "$(sql test.db "SELECT group_concat(topic, ' ') FROM (SELECT topic FROM claim_topics ORDER BY topic)")" = "delete-from-actors-select drop-table-statements" ] &&
	ok || bad "topics slugified"
[ "$(sql test.db "SELECT title FROM statements WHERE id = 'x'' OR ''1''=''1'")" = "%s%n%x" ] &&
	ok || bad "format directives stored verbatim"
run statements --actor "$SQL2" --format csv
expect_status 0
expect_out "DROP TABLE statements"
run search "$SQL"
[ "$status" -le 1 ] && ok || bad "search with SQL: status $status"
run search --raw "$SQL"
[ "$status" -eq 1 ] || [ "$status" -eq 2 ] && ok ||
	bad "raw search with SQL: status $status"
expect_err "invalid search query"

check "SQL in a plain-text header"
printf 'Title: %s\nIssuer: %s\nDate: 2021-07-19\nURL: %s\n\n%s\n' \
    "$SQL" "$SQL2" "$SQL" "$SQL" >sql.txt
run import sql.txt
expect_status 0
expect_out "1 new"
[ "$(sql test.db "SELECT count(*) FROM statements WHERE source = 'text' AND title = '''; DROP TABLE statements; --'")" = 1 ] &&
	ok || bad "text statement stored"

check "SQL as a kind is an error"
printf '{"issuer": "EU", "date": "2021", "kind": "%s"}\n' "$SQL" >kind.json
rejected kind.json
expect_err "unknown statement kind"
printf '{"issuer": "EU", "date": "2021", "claims": [{"kind": "%s"}]}\n' "$SQL" >ckind.json
rejected ckind.json
expect_err "unknown claim kind"

check "nesting 100,000 deep"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' >deep-array.json
rejected deep-array.json
expect_err "depth"
awk 'BEGIN { printf "{\"issuer\": \"EU\", \"date\": \"2021\", \"x\": "; for (i = 0; i < 100000; i++) printf "{\"a\": "; printf "1"; for (i = 0; i < 100000; i++) printf "}"; print "}" }' >deep-object.json
rejected deep-object.json
awk 'BEGIN { print "{\"issuer\": \"EU\", \"date\": \"2021\"}"; for (i = 0; i < 100000; i++) printf "["; print "" }' >deep-line.jsonl
rejected deep-line.jsonl
expect_err "deep-line.jsonl:2"

check "\\u0000 inside strings"
for field in id title text url language; do
	printf '{"issuer": "EU", "date": "2021", "%s": "a\\u0000b"}\n' "$field" >nul-$field.json
	rejected nul-$field.json
	expect_err "NUL"
done
printf '{"issuer": "EU", "date": "2021", "claims": [{"kind": "accuse", "summary": "\\u0000"}]}\n' >nul-claim.json
rejected nul-claim.json
printf '{"issuer": "E\\u0000U", "date": "2021"}\n' >nul-issuer.json
rejected nul-issuer.json
expect_err "NUL"
printf '{"actors": [{"code": "X1", "name": "x", "aliases": ["a\\u0000"]}]}\n' >nul-alias.json
rejected nul-alias.json

check "malformed UTF-8 in JSON and in plain text"
n=0
for bytes in '\300\257' '\340\200\257' '\360\200\200\257' '\355\240\200' '\355\277\277' \
    '\364\220\200\200' '\342\202' '\200' '\377' '\370\210\200\200\200'; do
	n=$((n + 1))
	printf '{"issuer": "EU", "date": "2021", "title": "a%bz"}\n' "$bytes" >utf8-$n.json
	rejected utf8-$n.json
	printf 'Issuer: EU\nDate: 2021\n\nText a%bz\n' "$bytes" >utf8-$n.txt
	rejected utf8-$n.txt
	expect_err "invalid UTF-8"
	printf 'Issuer: EU\nDate: 2021\n\nText a%b' "$bytes" >utf8-end-$n.txt
	rejected utf8-end-$n.txt
	expect_err "invalid UTF-8"
done
printf '{"issuer": "EU", "date": "2021", "title": "\\ud800"}\n' >surrogate-escape.json
rejected surrogate-escape.json
printf '{"issuer": "EU", "date": "2021", "title": "\\udc00\\ud800"}\n' >surrogate-pair.json
rejected surrogate-pair.json

finish
