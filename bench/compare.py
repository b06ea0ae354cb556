#!/usr/bin/env python3
"""Checks that the archives and listings being compared hold the same data.

usage: compare.py WORK DEMARCHE_DB FLOOR_DB

Compares the row counts of demarche's archive and the floor's, then the
'who' and claims listings: demarche's own output against the hand-written
SQL run in the sqlite3 CLI on demarche's archive and on the floor's.
"""
import csv
import sqlite3
import sys

TABLES = ["actors", "aliases", "statements", "responses", "claims",
          "claim_targets", "claim_topics"]


def counts(path):
    db = sqlite3.connect(path)
    out = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
           for t in TABLES}
    db.close()
    return out


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))[1:]


def who_key(r):
    # kinds and topics: demarche sorts and joins with ';', group_concat
    # in the hand-written query joins with ',' in no set order.
    sep = ";" if ";" in r[8] + r[9] or "," not in r[8] + r[9] else ","
    return tuple(r[:8]) + (frozenset(r[8].split(sep)) - {""},
                           frozenset(r[9].split(sep)) - {""})


def same(name, a, b):
    ok = a == b
    print(f"{name}: {'same' if ok else 'DIFFERENT'} ({len(a)} and {len(b)} rows)")
    return ok


def main():
    work, dm, fl = sys.argv[1:4]
    ok = True
    c_dm, c_fl = counts(dm), counts(fl)
    for t in TABLES:
        flag = "same" if c_dm[t] == c_fl[t] else "DIFFERENT"
        print(f"rows in {t}: demarche {c_dm[t]}, floor {c_fl[t]} ({flag})")
        # The floor does not fold aliases as demarche does.
        ok &= t == "aliases" or c_dm[t] == c_fl[t]
    out = work + "/out/"
    who_dm = [who_key(r) for r in rows(out + "small-who-dm.csv")]
    who_sql = [who_key(r) for r in rows(out + "small-who-sql-dm.csv")]
    who_fl = [who_key(r) for r in rows(out + "small-who-sql-fl.csv")]
    ok &= same("who: demarche vs hand-written SQL on its archive",
               sorted(who_dm, key=str), sorted(who_sql, key=str))
    ok &= same("who: hand-written SQL, demarche's archive vs the floor's",
               sorted(who_sql, key=str), sorted(who_fl, key=str))
    cl_dm = rows(out + "small-claims-dm.csv")
    cl_sql = rows(out + "small-claims-sql-dm.csv")
    cl_fl = rows(out + "small-claims-sql-fl.csv")
    ok &= same("export claims: demarche vs hand-written SQL (row order too)",
               cl_dm, cl_sql)
    ok &= same("export claims: hand-written SQL, demarche's archive vs the "
               "floor's", cl_sql, cl_fl)
    print("verdict: " + ("the same data" if ok else "DIFFERENCES, see above"))


if __name__ == "__main__":
    main()
