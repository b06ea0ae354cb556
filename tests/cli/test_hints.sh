# Hints that lead somewhere: --date-order wherever dates are read, the
# kinds after an unknown claim kind, an inverted range refused, and the
# nearest command or option after a typo.
. "$(dirname "$0")/lib.sh"

run init
cat >two.json <<'JSON'
[{"id": "eu-0708", "issuer": "EU", "date": "2021-08-07",
  "claims": [{"kind": "condemn", "target": "CHN"}]},
 {"id": "eu-0807", "issuer": "EU", "date": "2021-07-08"}]
JSON
run import two.json
expect_status 0

check "--date-order reads a slashed date in every command that takes dates"
run statements --on 07/08/2021
expect_status 2
expect_err "--date-order"
for cmd in statements claims who "search EU" "export statements"; do
	run $cmd --on 07/08/2021 --date-order dmy --format csv
	expect_status 0
done
run graph --on 07/08/2021 --date-order dmy
expect_status 0
run statements --on 07/08/2021 --date-order dmy --format csv
expect_out "eu-0708"
expect_no_out "eu-0807"
run statements --on 07/08/2021 --date-order mdy --format csv
expect_out "eu-0807"
expect_no_out "eu-0708"
run report --on 07/08/2021 --date-order dmy -o r.html
expect_status 0
run statements --date-order ymd
expect_status 2
expect_err "--date-order takes 'dmy' or 'mdy', not 'ymd'"

check "an inverted range is an error"
run statements --from 2021-08 --to 2021-03
expect_status 2
expect_err "--from 2021-08 is after --to 2021-03"
run who --from 2021-08 --to 2021-03 --format json
expect_status 2
[ -s "$WORK/out" ] && bad "printed rows" || ok

check "an unknown claim kind lists the kinds"
printf '{"issuer": "EU", "date": "2021-03-22", "claims": [{"kind": "zzzz"}]}\n' >k.json
run import k.json
expect_status 1
expect_err "unknown claim kind 'zzzz' (sanction, expel, condemn, accuse,"
printf '{"issuer": "EU", "date": "2021-03-22", "claims": [{"kind": "acuse"}]}\n' >k2.json
run import k2.json
expect_err "(did you mean 'accuse'? kinds: sanction, expel, condemn,"

check "a mistyped command is answered with the nearest"
run whoo
expect_status 2
expect_err "no command 'whoo' (did you mean 'who'?)"
run help statments
expect_status 2
expect_err "(did you mean 'statements'?)"
run zzzzzz
expect_status 2
expect_no_out "did you mean"
grep -q "did you mean" "$WORK/err" && bad "a suggestion for nothing near" || ok

check "a mistyped long option is answered with the nearest"
run who --agianst CHN
expect_status 2
expect_err "unknown option '--agianst' (did you mean '--against'?)"
run import --upadte two.json
expect_status 2
expect_err "(did you mean '--update'?)"
run --dbb x.db stats
expect_status 2
expect_err "(did you mean '--db'?)"
run claims --targte=CHN
expect_err "unknown option '--targte=CHN' (did you mean '--target'?)"
run stats --zzzzzzzz
expect_status 2
grep -q "did you mean" "$WORK/err" && bad "a suggestion for nothing near" || ok
run claims --by
expect_status 2
expect_err "option '--by' needs a value"

finish
