# A plain-text statement keeps its identity when its text is edited: the
# id comes from an ID: line, else from the URL, else from issuer, date and
# title; every header SPEC knows is read and any other is an error.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 test.db "$1"; }
run init

cat >v1.txt <<'TXT'
Title: Council sanctions four officials
Issuer: EU
Date: 2021-03-22

The European Union condemned China for the mass arbitary detention of Uyghurs.
TXT
sed 's/arbitary/arbitrary/' v1.txt >v2.txt

check "an edited text without an ID is the same statement"
run import v1.txt
expect_status 0
expect_out "1 new"
run import v2.txt
expect_status 1
expect_err "already in the archive with different content (use --update"
expect_err "'ID:' line"
[ "$(q 'SELECT count(*) FROM statements')" = 1 ] && ok || bad "a second copy"
run import --update v2.txt
expect_status 0
expect_out "0 new, 1 updated"
[ "$(q 'SELECT count(*) FROM statements')" = 1 ] && ok || bad "a second copy"
[ "$(q "SELECT count(*) FROM statements WHERE text LIKE '%arbitrary%'")" = 1 ] &&
	ok || bad "the edit is not in"

check "an edited text's claims count once in who"
run who --by EU --against CHN --format csv
expect_status 0
[ "$(tail -n +2 "$WORK/out" | cut -d, -f5)" = 1 ] && ok || bad "claims counted twice"

check "the same text imported again changes nothing"
run import v2.txt
expect_status 0
expect_out "nothing changed"

check "another title is another statement"
sed 's/^Title: .*/Title: Council renews sanctions/' v2.txt >v3.txt
run import v3.txt
expect_status 0
expect_out "1 new"

check "ID: names the statement"
printf 'ID: eu-2021-03-22\nIssuer: EU\nDate: 2021-03-22\n\nThe EU said something.\n' >id1.txt
printf 'ID: eu-2021-03-22\nIssuer: EU\nDate: 2021-03-22\nTitle: Retitled\n\nThe EU said something else.\n' >id2.txt
run import id1.txt
expect_status 0
[ "$(q "SELECT count(*) FROM statements WHERE id = 'eu-2021-03-22'")" = 1 ] &&
	ok || bad "ID: not used"
run import --update id2.txt
expect_status 0
expect_out "1 updated"
[ "$(q "SELECT title FROM statements WHERE id = 'eu-2021-03-22'")" = Retitled ] &&
	ok || bad "not replaced"

check "the URL gives the id, whatever the title"
printf 'URL: https://example.org/a#top\nTitle: One\nIssuer: EU\nDate: 2021-03-22\n\nText one.\n' >u1.txt
printf 'URL: https://example.org/a\nTitle: Two\nIssuer: EU\nDate: 2021-03-22\n\nText two.\n' >u2.txt
run import u1.txt
expect_out "1 new"
run import --update u2.txt
expect_out "0 new, 1 updated"

check "Responds-To: takes ids separated by commas"
printf 'ID: chn-reply\nIssuer: CHN.MFA\nDate: 2021-03-22\nResponds-To: eu-2021-03-22, missing-one\nKind: press-release\nLanguage: en\n\nChina rejected the sanctions.\n' >reply.txt
run import reply.txt
expect_status 0
[ "$(q "SELECT count(*) FROM responses r JOIN statements s ON s.sid = r.statement_id WHERE s.id = 'chn-reply'")" = 2 ] &&
	ok || bad "responds_to not stored"
run thread eu-2021-03-22
expect_out "chn-reply"

check "an unknown header is an error naming its line"
printf 'Issuer: EU\nSource: Reuters\nDate: 2021-03-22\n\nText.\n' >unk.txt
run import unk.txt
expect_status 1
expect_err "unk.txt:2: unknown header 'Source'"
expect_err "Responds-To"
[ "$(q 'SELECT count(*) FROM statements')" = 5 ] && ok || bad "something changed"

check "a misspelt first header is named"
printf 'Titel: Counter-sanctions\nIssuer: CHN.MFA\nDate: 2021-03-22\n\nText.\n' >typo.txt
run import typo.txt
expect_status 1
expect_err "typo.txt:1: unknown header 'Titel' (did you mean 'Title'?)"
expect_no_out "no issuer"
printf 'Isuer: CHN.MFA\n\nText.\n' >typo2.txt
run import --date 2021-03-22 typo2.txt
expect_status 1
expect_err "line 1 starts 'Isuer:', which is not a header"

check "a header given twice is an error"
printf 'Issuer: EU\nDate: 2021-03-22\nDate: 2021-03-23\n\nText.\n' >twice.txt
run import twice.txt
expect_status 1
expect_err "twice.txt:3: a second 'Date:' line (the first is line 2)"

check "a body that starts with a word and a colon is still a body"
printf 'Note: the EU spoke.\n' >note.txt
run import --issuer EU --date 2021-03-24 note.txt
expect_status 0
expect_out "1 new"

check "a text an older archive holds under its content's id is that statement"
printf 'Title: Old text\nIssuer: EU\nDate: 2021-03-25\n\nThe EU condemns the sanctions.\n' >old.txt
run import old.txt
expect_status 0
# As demarche made it before texts took their ids from their headers.
q "UPDATE statements SET id = 's-' || substr(digest, 1, 16)
    WHERE title = 'Old text'" && ok || bad "sqlite3 failed"
n=$(q 'SELECT count(*) FROM statements')
run import old.txt
expect_status 0
expect_out "nothing changed: 1 statement already in the archive"
[ "$(q 'SELECT count(*) FROM statements')" = "$n" ] && ok || bad "a second copy"

finish
