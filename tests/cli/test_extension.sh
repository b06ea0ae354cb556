# The archive in other tools: the loadable extension demarche-sqlite.so
# registers the tokenizer and functions of the full-text tables, so that
# the sqlite3 shell and Python's sqlite3 module search the archive and
# write to it through its triggers as demarche does.
. "$(dirname "$0")/lib.sh"
: "${DEMARCHE_SQLITE:?set DEMARCHE_SQLITE to the loadable extension}"
EXT=$DEMARCHE_SQLITE

run init
run import "$SOURCE_DIR/examples/july-2021.json"
expect_status 0

check "without the extension, the full-text tables cannot be read"
sqlite3 test.db "SELECT count(*) FROM statements_fts
    WHERE statements_fts MATCH 'cyber'" >out 2>err
[ $? -ne 0 ] && grep -q "no such tokenizer: demarche" err && ok ||
	bad "sqlite3 said: $(cat out err)"

check "the sqlite3 shell searches as demarche does"
run search "malicious activity" --csv
expect_status 0
want=$(tail -n +2 "$WORK/out" | grep '^statement,' | cut -d, -f2 | sort)
[ -n "$want" ] && ok || bad "demarche found nothing"
got=$(sqlite3 -cmd ".load $EXT" test.db "SELECT s.id FROM statements_fts
    JOIN statements s ON s.sid = statements_fts.rowid
    WHERE statements_fts MATCH 'malicious activity'" | sort)
[ "$got" = "$want" ] && ok || bad "sqlite3 found '$got', demarche '$want'"
# stems, the exact form, and highlight() with the tokenizer
got=$(sqlite3 -cmd ".load $EXT" test.db "SELECT count(*) FROM statements_fts
    WHERE statements_fts MATCH '\"=activities\"'")
[ "$got" -gt 0 ] && ok || bad "the exact form found $got"
got=$(sqlite3 -cmd ".load $EXT" test.db "SELECT count(*) FROM statements_fts
    WHERE statements_fts MATCH '\"=activity\"'")
[ "$got" -lt "$(echo "$want" | wc -l)" ] && ok ||
	bad "the exact form found $got, as many as the stem"
got=$(sqlite3 -cmd ".load $EXT" test.db "SELECT highlight(statements_fts,
    1, '[', ']') FROM statements_fts WHERE statements_fts MATCH 'activity'
    LIMIT 1")
case $got in *"[activities]"*) ok ;; *) bad "highlight gave '$got'" ;; esac

check "the sqlite3 shell writes through the full-text triggers"
sqlite3 -cmd ".load $EXT" test.db "INSERT INTO statements (id, issuer_id,
    date, date_lo, date_hi, title, text, digest) SELECT 'shell-1', id,
    '2021-07-20', '2021-07-20', '2021-07-20', 'Added by hand',
    'The ministry rejects these baseless fabrications.', printf('%.64d', 0)
    FROM actors WHERE code = 'CHN'" 2>err && ok || bad "$(cat err)"
run search "fabrication" --csv
expect_status 0
expect_out "statement,shell-1,"
sqlite3 -cmd ".load $EXT" test.db "UPDATE statements
    SET text = 'The ministry rejects the slanders.' WHERE id = 'shell-1'" \
    2>err && ok || bad "$(cat err)"
run search "fabrication"
expect_err "no matches"
run search "slander" --csv
expect_out "statement,shell-1,"
sqlite3 -cmd ".load $EXT" test.db "DELETE FROM statements
    WHERE id = 'shell-1'" 2>err && ok || bad "$(cat err)"
run check
expect_status 0

check "Python's sqlite3 module loads it"
cat >load.py <<'PY'
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
db.enable_load_extension(True)
db.load_extension(sys.argv[2])
db.enable_load_extension(False)
rows = db.execute("SELECT s.id, highlight(claims_fts, 0, '[', ']')"
                  " FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid"
                  " JOIN statements s ON s.sid = c.statement_id"
                  " WHERE claims_fts MATCH ? ORDER BY rank",
                  ("accusations",)).fetchall()
for sid, summary in rows:
    print(sid, summary)
db.execute("INSERT INTO claims (statement_id, seq, by_id, kind, cameo,"
           " summary, method, statement_lo) SELECT sid, 99, issuer_id,"
           " 'reject', '111', 'Rejects the groundless accusations',"
           " 'curated', date_lo FROM statements LIMIT 1")
db.commit()
PY
# Debian's python3 loads extensions; a Python built without
# --enable-loadable-sqlite-extensions (pyenv's by default) cannot.
for py in /usr/bin/python3 python3; do
	"$py" -c 'import sqlite3, sys
sys.exit(not hasattr(sqlite3.Connection, "enable_load_extension"))' \
	    2>/dev/null && break
done
"$py" load.py test.db "$EXT" >py.out 2>py.err && ok || bad "$(cat py.err)"
grep -q "\[accusation" py.out && ok || bad "python found: $(cat py.out)"
run search "groundless" --csv
expect_out "claim,"
run check
expect_status 0

finish
