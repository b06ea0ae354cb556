# Where an error is: --keep-going past lines of JSON Lines that are not
# JSON, each named by its number, and a line number for an error in any
# shape of JSON, pretty-printed or not.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 test.db "$1"; }
run init

check "--keep-going keeps the valid lines of JSON Lines whose other lines are not JSON"
cat >mixed.jsonl <<'JSONL'
{"id": "l1", "issuer": "EU", "date": "2021-03-22", "claims": [{"kind": "condemn", "target": "CHN"}]}
this line is not JSON
{"id": "l3", "issuer": "CHN.MFA", "date": "2021-03-22", "responds_to": ["l1"]}
{"id": "l4", "issuer": "EU", "date":
{"id": "l5", "issuer": "EU", "date": "2021-03-23"}
JSONL
run import --keep-going mixed.jsonl
expect_status 1
expect_out "3 new, 0 updated, 0 unchanged, 2 rejected"
expect_err "mixed.jsonl:2:"
expect_err "mixed.jsonl:4"
[ "$(q "SELECT group_concat(id, ',') FROM (SELECT id FROM statements ORDER BY id)")" = l1,l3,l5 ] &&
	ok || bad "the valid lines are not all in"

check "without --keep-going a line that is not JSON changes nothing"
sed 's/"l\([0-9]\)"/"m\1"/' mixed.jsonl >mixed2.jsonl
run import mixed2.jsonl
expect_status 1
expect_err "mixed2.jsonl:2:"
[ "$(q "SELECT count(*) FROM statements WHERE id LIKE 'm%'")" = 0 ] && ok ||
	bad "something was kept"

check "a first line that is not JSON does not stop the rest"
printf 'oops\n{"id": "f2", "issuer": "EU", "date": "2021-03-24"}\n' >first.jsonl
run import --keep-going first.jsonl
expect_out "1 new, 0 updated, 0 unchanged, 1 rejected"
expect_err "first.jsonl:1:"

check "a pretty-printed bundle names the line of the statement"
cat >bundle.json <<'JSON'
{
  "actors": [
    {"code": "XX-GROUP", "name": "Xx group"}
  ],
  "statements": [
    {
      "id": "b1",
      "issuer": "EU",
      "date": "2021-03-22"
    },
    {
      "id": "b2",
      "issuer": "EU",
      "date": "2021-03-22",
      "claims": [
        {"kind": "accuse", "target": "CHN"},
        {"kind": "acuse", "target": "CHN"}
      ]
    }
  ]
}
JSON
run import bundle.json
expect_status 1
expect_err "bundle.json:11: statement 2 (id 'b2'): claim 2: unknown claim kind 'acuse'"

check "so does a pretty-printed array, and JSON Lines"
python3 -c 'import json; print(json.dumps([{"id": "a1", "issuer": "EU", "date": "2021-03-22"}, {"id": "a2", "issuer": "EU", "date": "2021-02-30"}], indent=2))' >array.json
run import array.json
expect_status 1
expect_err "array.json:7: statement 2 (id 'a2')"
printf '{"id": "j1", "issuer": "EU", "date": "2021-03-22"}\n{"id": "j2", "issuer": "EU"}\n' >two.jsonl
run import two.jsonl
expect_err "two.jsonl:2: statement 2 (id 'j2')"

finish
