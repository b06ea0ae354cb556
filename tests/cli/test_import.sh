# Import as a user runs it: the bundled example, every input shape,
# re-imports, updates, --keep-going, unresolved actors, plain text.
. "$(dirname "$0")/lib.sh"

EX="$SOURCE_DIR/examples"
q() { sqlite3 test.db "$1"; }
run init

check "the July 2021 example imports"
run import "$EX/july-2021.json" "$EX/july-2021-report.txt"
expect_status 0
expect_out "7 new, 0 updated, 0 unchanged, 0 rejected, 1 unresolved actor"
expect_err "unresolved actor 'unusually large coalition of countries'"
[ "$(q 'SELECT count(*) FROM statements')" = 7 ] && ok || bad "statements"
[ "$(q "SELECT count(*) FROM claims WHERE method = 'curated'")" = 24 ] && ok ||
	bad "claims"

check "the news report is coded by rule"
[ "$(q "SELECT count(*) FROM claims c JOIN statements s ON s.sid = c.statement_id WHERE s.kind = 'news-report' AND c.method = 'rule' AND c.kind = 'accuse' AND c.by_id = (SELECT id FROM actors WHERE code = 'NATO') AND EXISTS (SELECT 1 FROM claim_targets t JOIN actors a ON a.id = t.actor_id WHERE t.claim_id = c.id AND a.code = 'CHN')")" = 1 ] &&
	ok || bad "NATO accuses China, by rule"
[ "$(q "SELECT count(*) FROM claims c JOIN statements s ON s.sid = c.statement_id WHERE s.kind = 'news-report' AND c.method = 'rule' AND instr(s.text, c.quote) = 0")" = 0 ] &&
	ok || bad "every rule quote is a sentence of the text"
[ "$(q "SELECT issuer.code FROM statements s JOIN actors issuer ON issuer.id = s.issuer_id WHERE s.id = 'chn-mission-eu-2021-07-19-cyber'")" = CHN.MISSION-EU ] &&
	ok || bad "issuer resolved"

check "a rule claim keeps the cue that fired, as written in its quote"
[ "$(q "SELECT count(*) FROM claims WHERE method = 'rule' AND (cue IS NULL OR instr(quote, cue) = 0)")" = 0 ] &&
	ok || bad "a rule claim without its cue in its quote"
[ "$(q "SELECT count(*) FROM claims WHERE method = 'curated' AND cue IS NOT NULL")" = 0 ] &&
	ok || bad "a curated claim with a cue"
run claims --method rule --by NATO --format json
expect_status 0
expect_out '"method": "rule", "cue": "accused"}'
run claims --method rule --by NATO --format csv
head -n 1 "$WORK/out" | grep -q ',quote,method,cue.$' && ok ||
	bad "cue is not the last column"

check "an archive of schema level 10 gains the cue column, empty"
archive_at 10 test.db old.db
run --db old.db claims --by NATO --method rule --format csv
expect_status 0
expect_err "archive brought from schema level 10 to"
tr -d '\r' <"$WORK/out" | grep -q ',rule,$' && ok || bad "the cue of an old claim is not empty"

check "re-importing changes nothing and says so"
sqlite3 test.db .dump >before.sql
run import "$EX/july-2021.json" "$EX/july-2021-report.txt"
expect_status 0
expect_out "nothing changed: 7 statements already in the archive"
sqlite3 test.db .dump >after.sql
expect_same before.sql after.sql

check "provenance: the file's SHA-256"
want=$(sha256sum "$EX/july-2021.json" | cut -d' ' -f1)
[ "$(q "SELECT sha256 FROM imports WHERE file LIKE '%july-2021.json'")" = "$want" ] &&
	ok || bad "sha256 of the import"

cat >one.json <<'JSON'
{
  "id": "s1",
  "issuer": "Beijing",
  "date": "19 July 2021",
  "title": "Remarks",
  "text": "We firmly reject the baseless accusations.",
  "claims": [
    {"kind": "reject", "target": ["EU", "nato"], "topics": "Cyber Espionage",
     "quote": "We firmly reject the baseless accusations."}
  ]
}
JSON
check "a pretty-printed single statement"
run import one.json
expect_status 0
expect_out "1 new"
[ "$(q "SELECT date FROM statements WHERE id = 's1'")" = 2021-07-19 ] && ok ||
	bad "date normalised"
[ "$(q "SELECT topic FROM claim_topics JOIN claims c ON c.id = claim_id JOIN statements s ON s.sid = c.statement_id WHERE s.id = 's1'")" = cyber-espionage ] &&
	ok || bad "topic slug"
[ "$(q "SELECT group_concat(a.code, ',') FROM claim_targets t JOIN actors a ON a.id = t.actor_id")" != "" ] &&
	ok || bad "targets"

check "same id, other content: a conflict that changes nothing"
sed '/"text"/s/firmly reject/reject/' one.json >one-changed.json
sqlite3 test.db .dump >before.sql
run import one-changed.json
expect_status 1
expect_err "statement 's1' is already in the archive with different content (use --update to replace it)"
sqlite3 test.db .dump >after.sql
expect_same before.sql after.sql

check "--update replaces the statement and its claims"
run import --update one-changed.json
expect_status 0
expect_out "0 new, 1 updated"
[ "$(q "SELECT text FROM statements WHERE id = 's1'")" = "We reject the baseless accusations." ] &&
	ok || bad "text replaced"
expect_err "the quote does not occur in the statement's text"
[ "$(q "SELECT count(*) FROM claims c JOIN statements s ON s.sid = c.statement_id WHERE s.id = 's1'")" = 1 ] &&
	ok || bad "claims replaced, not added"

check "JSON Lines on standard input, and an array"
cat >lines.jsonl <<'JSON'
{"id": "l1", "issuer": "CHN.MFA", "date": "2021-07-20", "responds_to": ["l3"]}

{"id": "l2", "issuer": "Washington", "date": "July 2021"}
[{"id": "l3", "issuer": "London", "date": "2021"}]
JSON
run_in lines.jsonl import -
expect_status 0
expect_out "3 new"
[ "$(q "SELECT date FROM statements WHERE id = 'l2'")" = 2021-07 ] && ok ||
	bad "month precision kept"
[ "$(q "SELECT date_lo || ' ' || date_hi FROM statements WHERE id = 'l3'")" = "2021-01-01 2021-12-31" ] &&
	ok || bad "year span"
[ "$(q "SELECT t.id FROM responses r JOIN statements s ON s.sid = r.statement_id JOIN statements t ON t.id = r.responds_to WHERE s.id = 'l1'")" = l3 ] &&
	ok || bad "a link to a statement that arrived later resolves"

check "no id: derived from the content, so a re-import is one statement"
printf '{"issuer": "EU", "date": "2021-07-19", "title": "No id"}\n' >noid.json
run import noid.json
expect_out "1 new"
run import noid.json
expect_out "nothing changed"
[ "$(q "SELECT count(*) FROM statements WHERE title = 'No id'")" = 1 ] && ok ||
	bad "one statement"

check "--keep-going imports the valid statements and still fails"
cat >mixed.jsonl <<'JSON'
{"id": "k1", "issuer": "EU", "date": "2021-07-19"}
{"id": "k2", "issuer": "EU", "date": "2021-02-30"}
{"id": "k3", "issuer": "EU", "date": "2021-07-21"}
JSON
run import mixed.jsonl
expect_status 1
[ "$(q "SELECT count(*) FROM statements WHERE id LIKE 'k%'")" = 0 ] && ok ||
	bad "without --keep-going nothing is kept"
run import --keep-going mixed.jsonl
expect_status 1
expect_out "2 new, 0 updated, 0 unchanged, 1 rejected"
expect_err "mixed.jsonl:2: statement 2 (id 'k2'): 'date': invalid date '2021-02-30'"
[ "$(q "SELECT count(*) FROM statements WHERE id LIKE 'k%'")" = 2 ] && ok ||
	bad "the valid ones are kept"

check "unresolved references become actors and are reported"
printf '{"id": "u1", "issuer": "EU", "date": "2021-07-19", "claims": [{"kind": "accuse", "target": "some Eastern neighbours"}]}\n{"id": "u2", "issuer": "EU", "date": "2021-07-19", "claims": [{"kind": "accuse", "target": "Some eastern  Neighbours"}]}\n' >unres.jsonl
run import unres.jsonl
expect_status 0
expect_out "1 unresolved actor"
expect_err "unresolved actor 'some Eastern neighbours' (X-SOME-EASTERN-NEIGHBOURS)"
[ "$(q "SELECT count(*) FROM actors WHERE kind = 'unresolved' AND name LIKE '%eastern%'")" = 1 ] && ok ||
	bad "one actor for both spellings"

check "an unknown key is a warning with a suggestion"
printf '{"id": "w1", "isuer": "EU", "issuer": "EU", "date": "2021-07-19"}\n' >warn.json
run import warn.json
expect_status 0
expect_err "warning: warn.json:1: statement 1 (id 'w1'): unknown key 'isuer' ignored (did you mean 'issuer'?)"

check "a bundle adds aliases to existing actors and changes nothing else"
cat >bundle.json <<'JSON'
{"actors": [
  {"code": "chn", "name": "Renamed", "aliases": ["Zhongguo"]},
  {"code": "EU.NEWBODY", "name": "A new body", "kind": "institution",
   "aliases": ["Beijing"]}
]}
JSON
run import bundle.json
expect_status 0
expect_err "alias 'Beijing' of 'EU.NEWBODY' is already held by 'CHN'; it stays there"
[ "$(q "SELECT name FROM actors WHERE code = 'CHN'")" = China ] && ok ||
	bad "the name of an existing actor is kept"
[ "$(q "SELECT a.code FROM aliases JOIN actors a ON a.id = actor_id WHERE folded = 'zhongguo'")" = CHN ] &&
	ok || bad "the new alias is added"
[ "$(q "SELECT p.code FROM actors a JOIN actors p ON p.id = a.parent_id WHERE a.code = 'EU.NEWBODY'")" = EU ] &&
	ok || bad "parent from the dotted code"

check "plain text with a header"
cat >stmt.txt <<'TXT'
Title: Spokesperson's remarks
Issuer: @ChinaEUMission
Date: 2021年7月19日
Kind: remarks

The allegations are not based on facts.
TXT
run import stmt.txt
expect_status 0
expect_out "1 new"
[ "$(q "SELECT a.code || ' ' || s.date || ' ' || s.kind || ' ' || s.source FROM statements s JOIN actors a ON a.id = s.issuer_id WHERE s.title = 'Spokesperson''s remarks'")" = "CHN.MISSION-EU 2021-07-19 remarks text" ] &&
	ok || bad "header read"

check "plain text: --issuer and --date fill what the header lacks"
printf 'We condemn the attack.\n' >bare.md
run import bare.md
expect_status 1
expect_err "bare.md: no issuer"
run import --issuer NATO --date 07/08/2021 bare.md
expect_status 1
expect_err "bare.md: --date: ambiguous date '07/08/2021'"
run import --issuer NATO --date 07/08/2021 --date-order dmy bare.md
expect_status 0
[ "$(q "SELECT date FROM statements WHERE text = 'We condemn the attack.'")" = 2021-08-07 ] &&
	ok || bad "--date-order dmy"
printf 'Issuer: NATO\n\nWe deplore the attack.\n' >upper.md
run import --date 07/08/2021 --date-order MDY upper.md
expect_status 0
[ "$(q "SELECT date FROM statements WHERE text = 'We deplore the attack.'")" = 2021-07-08 ] &&
	ok || bad "--date-order in upper case"

check "a curated claim supersedes the rule claims it matches"
cat >sup.json <<'JSON'
{"id": "sup", "issuer": "EU", "date": "2021-07-19", "claims": [
 {"kind": "accuse", "target": "CHN", "method": "rule", "quote": "rule one"},
 {"kind": "accuse", "target": ["RUS", "CHN"], "summary": "curated"},
 {"kind": "condemn", "target": "CHN", "method": "rule", "quote": "rule two"},
 {"kind": "accuse", "by": "NATO", "target": "CHN", "method": "rule"}
]}
JSON
run import sup.json
expect_status 0
# It stays, superseded, for eval; the listings and who leave it out.
[ "$(q "SELECT group_concat(coalesce(c.quote, c.summary, c.kind) || '/' || c.method || '/' || coalesce(c.review, ''), ',') FROM claims c JOIN statements s ON s.sid = c.statement_id WHERE s.id = 'sup' ORDER BY c.seq")" = "rule one/rule/superseded,curated/curated/,rule two/rule/,accuse/rule/" ] &&
	ok || bad "only the matching rule claim is superseded"
run claims --csv
expect_no_out "rule one"

check "--recode codes stored texts again, after the actors changed"
printf 'Issuer: NATO\nDate: 2021-07-19\n\nNATO condemned Ruritania for the attack.\n' >rur.txt
run import rur.txt
expect_status 0
rule_rur() { q "SELECT count(*) FROM claims c JOIN claim_targets t ON t.claim_id = c.id JOIN actors a ON a.id = t.actor_id WHERE c.method = 'rule' AND a.code = 'RUR'"; }
[ "$(rule_rur)" = 0 ] && ok || bad "nobody to target yet"
run actors add RUR Ruritania --kind state
coded=$(q "SELECT count(*) FROM statements WHERE source = 'text' OR sid IN (SELECT statement_id FROM claims WHERE method = 'rule')")
run import --recode
expect_status 0
# Each coded statement is written again: recoded, not "updated".
expect_out "$coded statements recoded, 0 rejected, 0 unresolved actors"
expect_no_out "updated"
[ "$(rule_rur)" = 1 ] && ok || bad "the claim against Ruritania after --recode"
[ "$(q "SELECT count(*) FROM claims WHERE method = 'curated'")" -ge 24 ] && ok ||
	bad "curated claims stay"
run import --recode rur.txt
expect_status 2

check "usage errors"
run import
expect_status 2
run import --date-order ymd x.json
expect_status 2
expect_err "--date-order takes 'dmy' or 'mdy', not 'ymd'"
expect_err_lines 2
check "a directory or a missing file"
mkdir adir
run import adir
expect_status 1
expect_err "it is a directory"
run import missing.json
expect_status 1
expect_err "cannot open 'missing.json'"

finish
