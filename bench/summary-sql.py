#!/usr/bin/env python3
"""Prints, as SQL, the bulk statements with which an import sums up the
who summary at the end of a file (sql_edges, STMT_INDEX_EDGES to
STMT_INDEX_DONE less the full-text ones, and STMT_WHO_SETTLE* of
src/storage/store.c, read from there), for import 1 as a whole.

usage: summary-sql.py src/storage/store.c > summary.sql

Run on an archive of one import whose summary tables were emptied, it
times what keeping the summary costs that import.
"""
import re
import sys


def strings(text):
    """The C string literals of text joined, a statement per "," ending
    a line (the last may end otherwise)."""
    out, cur = [], ""
    for line in text.split("\n"):
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


def between(src, first, last):
    start = src.index(first)
    end = src.index("\n", src.index(last, start))
    return src[start:end]


def main():
    src = open(sys.argv[1], encoding="utf-8").read()
    edges = strings(between(src, "static const char sql_edges[] =",
                            ";\n"))
    sql = strings(between(src, '"INSERT INTO temp.import_edges"',
                          '"DELETE FROM who_dirty"'))
    if len(edges) != 1 or len(sql) != 9:
        sys.exit(f"summary-sql.py: found {len(edges)} and {len(sql)} "
                 "statements, not 1 and 9")
    print("BEGIN;")
    print("UPDATE pending SET import_id = 1;")
    print(edges[0] + ";")
    for s in sql[:7]:
        print(s + ";")
    print("UPDATE pending SET import_id = NULL;")
    for s in sql[7:]:
        print(s + ";")
    print("COMMIT;")


if __name__ == "__main__":
    main()
