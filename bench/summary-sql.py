#!/usr/bin/env python3
"""Prints, as SQL, the bulk statements with which an import sums up the
who summary at the end of a file (who_sum() and who_settle() of
src/core/who.c: sql_edges_table, sql_edges, sql_sum_edges and
sql_settle, read from there), for import 1 as a whole.

usage: summary-sql.py src/core/who.c > summary.sql

Run on an archive of one import whose summary tables were emptied, it
times what keeping the summary costs that import.
"""
import re
import sys


def constant(src, name):
    """The C string constant name of src: its literals joined, with the
    import bound to 1 and the statement to NULL."""
    m = re.search(r"static const char " + name + r"\[\] =\n(.*?);\n", src,
                  re.S)
    if m is None:
        sys.exit(f"summary-sql.py: no constant {name}")
    sql = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
    sql = sql.replace("?1", "1").replace("?2", "NULL")
    return sql if sql.endswith(";") else sql + ";"


def main():
    src = open(sys.argv[1], encoding="utf-8").read()
    print("BEGIN;")
    print("UPDATE pending SET import_id = 1;")
    for name in ("sql_edges_table", "sql_edges", "sql_sum_edges"):
        print(constant(src, name))
    print("UPDATE pending SET import_id = NULL;")
    print(constant(src, "sql_settle"))
    print("COMMIT;")


if __name__ == "__main__":
    main()
