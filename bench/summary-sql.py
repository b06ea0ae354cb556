#!/usr/bin/env python3
"""Prints, as SQL, the bulk statements with which an import sums up the
who summary at the end of a file (the STMT_INDEX_WHO_* and STMT_WHO_SETTLE*
statements of src/store.c, read from there), for import 1 as a whole.

usage: summary-sql.py src/store.c > summary.sql

Run on an archive of one import whose summary tables were emptied, it
times what keeping the summary costs that import.
"""
import re
import sys


def statements(src):
    start = src.index('"INSERT INTO who_pairs (lvl, accuser, accused, claims,')
    end = src.index('"DELETE FROM who_dirty"', start)
    end = src.index("\n", end)
    out, cur = [], ""
    for line in src[start:end].split("\n"):
        line = line.strip()
        if line.startswith(("/*", "*")):
            continue
        cur += "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', line))
        if line.endswith(","):
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return [s.replace("?1", "1").replace("?2", "NULL") for s in out]


def main():
    sql = statements(open(sys.argv[1], encoding="utf-8").read())
    if len(sql) != 6:
        sys.exit(f"summary-sql.py: found {len(sql)} statements, not 6")
    print("BEGIN;")
    print("UPDATE pending SET import_id = 1;")
    for s in sql[:4]:
        print(s + ";")
    print("UPDATE pending SET import_id = NULL;")
    for s in sql[4:]:
        print(s + ";")
    print("COMMIT;")


if __name__ == "__main__":
    main()
