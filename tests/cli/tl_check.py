#!/usr/bin/env python3
"""Checks the CSV of 'demarche timeline' against the same counts written
by hand in SQL over the archive: every period from the first to the last
present (or the range given), every group in each, the counts of the
periods equal to the aggregate, and the number left out equal to the
rows dated more broadly than one period.

Usage: tl_check.py FILE...
Each FILE holds a label, then these arguments, each ended by a NUL byte:
  DB PER CSV ERR [--key SQL] [--where SQL] [--statements]
  [--range FIRST_DAY LAST_DAY]
Prints a line for each FILE, "ok LABEL" or "bad LABEL: what differs",
and exits 1 if any differs.
"""
import argparse
import csv
import datetime
import re
import sqlite3
import sys

# The period of an ISO day d, written in SQL: ISO weeks by their Monday
# and the year of their Thursday.
MONDAY = "date({d}, '-' || ((strftime('%w', {d}) + 6) % 7) || ' days')"
THURSDAY = "date(" + MONDAY + ", '+3 days')"
PERIOD = {
    "day": "{d}",
    "week": "strftime('%Y', " + THURSDAY + ") || '-W' || printf('%02d', "
            "(strftime('%j', " + THURSDAY + ") - 1) / 7 + 1)",
    "month": "substr({d}, 1, 7)",
    "quarter": "substr({d}, 1, 4) || '-Q' || ((substr({d}, 6, 2) + 2) / 3)",
    "year": "substr({d}, 1, 4)",
}


def period_sql(per, col):
    return PERIOD[per].replace("{d}", col)


def periods_between(per, first, last):
    """Every period name from first to last, as Python counts them."""
    out = []
    if per in ("day", "week"):
        if per == "day":
            d = datetime.date.fromisoformat(first)
            end = datetime.date.fromisoformat(last)
            step = 1
        else:
            y, w = map(int, re.match(r"(\d+)-W(\d+)$", first).groups())
            d = datetime.date.fromisocalendar(y, w, 1)
            y, w = map(int, re.match(r"(\d+)-W(\d+)$", last).groups())
            end = datetime.date.fromisocalendar(y, w, 1)
            step = 7
        while d <= end:
            if per == "day":
                out.append(d.isoformat())
            else:
                iy, iw, _ = d.isocalendar()
                out.append("%04d-W%02d" % (iy, iw))
            d += datetime.timedelta(days=step)
        return out
    if per == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    n = 12 if per == "month" else 4
    sep = "-" if per == "month" else "-Q"
    y, k = map(int, first.split(sep))
    ly, lk = map(int, last.split(sep))
    while (y, k) <= (ly, lk):
        out.append("%04d%s%02d" % (y, sep, k) if per == "month"
                   else "%04d%s%d" % (y, sep, k))
        k += 1
        if k > n:
            y, k = y + 1, 1
    return out


def check(argv):
    """What differs between the CSV and SQL, as in the usage."""
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("per")
    ap.add_argument("csv")
    ap.add_argument("err")
    ap.add_argument("--key")
    ap.add_argument("--where", default="1")
    ap.add_argument("--statements", action="store_true")
    ap.add_argument("--range", nargs=2)
    a = ap.parse_args(argv)

    lo, hi = period_sql(a.per, "s.date_lo"), period_sql(a.per, "s.date_hi")
    key = a.key or "''"
    # i is each issuer of a statement: the first and a joint statement's
    # others, so a row per issuer, counted once per group.
    issuers = ("JOIN (SELECT sid AS isid, issuer_id AS aid FROM statements"
               " UNION ALL SELECT statement_id, actor_id FROM co_issuers) si"
               " ON si.isid = s.sid JOIN actors i ON i.id = si.aid")
    if a.statements:
        src = "statements s " + issuers
        n = "count(DISTINCT s.sid)"
    else:
        src = ("statements s JOIN claims c ON c.statement_id = s.sid"
               " JOIN actors b ON b.id = c.by_id " + issuers +
               " LEFT JOIN claim_targets ct ON ct.claim_id = c.id"
               " LEFT JOIN actors t ON t.id = ct.actor_id")
        n = "count(DISTINCT c.id)"
    db = sqlite3.connect(a.db)
    want = {}
    for p, k, c in db.execute(
            "SELECT %s, %s, %s FROM %s WHERE %s AND %s = %s GROUP BY 1, 2"
            % (lo, key, n, src, a.where, lo, hi)):
        want[(p, k)] = c
    # Left out: each group's rows dated more broadly than a period.
    left = sum(c for (c,) in db.execute(
        "SELECT %s FROM %s WHERE %s AND %s <> %s GROUP BY %s"
        % (n, src, a.where, lo, hi, key)))

    with open(a.csv, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    grouped = header == ["period", "group", "count"]
    if not grouped and header != ["period", "count"]:
        return ["header %r" % header]
    got = {}
    for r in rows:
        p, k, c = (r[0], r[1], r[2]) if grouped else (r[0], "", r[1])
        if (p, k) in got:
            return ["row %r twice" % r]
        got[(p, k)] = int(c)

    bad = []
    nonzero = {pk: c for pk, c in got.items() if c != 0}
    for pk in sorted(set(want) | set(nonzero)):
        if want.get(pk, 0) != nonzero.get(pk, 0):
            bad.append("%s: demarche %d, SQL %d"
                       % (pk, nonzero.get(pk, 0), want.get(pk, 0)))
    if want or a.range:
        if a.range:
            first, last = db.execute(
                "SELECT %s, %s" % (period_sql(a.per, "?1"),
                                   period_sql(a.per, "?2")),
                a.range).fetchone()
        else:
            first = min(p for p, _ in want)
            last = max(p for p, _ in want)
        periods = periods_between(a.per, first, last)
        groups = sorted({k for _, k in got})
        expect = {(p, k) for p in periods for k in groups}
        if set(got) != expect:
            bad.append("periods: %d rows, want every one of %d periods "
                       "for %d groups" % (len(got), len(periods),
                                          len(groups)))
        order = []
        for r in rows:
            if not order or order[-1] != r[0]:
                order.append(r[0])
        if order != periods:
            bad.append("periods out of order or missing")
    with open(a.err, encoding="utf-8") as f:
        m = re.search(r"(\d+) (claim|statement)s? dated more broadly",
                      f.read())
    said = int(m.group(1)) if m else 0
    if said != left:
        bad.append("left out: demarche says %d, SQL %d" % (said, left))
    return bad[:20]


def main():
    failed = False
    for name in sys.argv[1:]:
        with open(name, encoding="utf-8") as f:
            label, *argv = f.read().split("\0")[:-1]
        try:
            bad = check(argv)
        except (Exception, SystemExit) as e:
            bad = ["%s: %s" % (type(e).__name__, e)]
        failed = failed or bool(bad)
        print("bad %s: %s" % (label, "; ".join(bad)) if bad else "ok " + label)
    sys.exit(1 if failed else 0)


main()
