#!/usr/bin/env python3
"""Each Issuer line of the development set resolves to an actor under the
state or organisation of its gold speaker.

Imports every texts/*.txt of DIR (the development set, outside the
project) into a new archive with the real program, then checks each
statement's issuers: none unresolved, and their top-level codes that of
the file's first gold speaker (for a joint statement, with several speakers
in gold.csv, those of all of them: each co-signatory an issuer).  Exits 77, which ctest counts as skipped,
when DIR is absent.

Usage: issuers.py DEMARCHE DIR
"""
import csv
import io
import os
import subprocess
import sys
import tempfile


def top(code):
    return code.split(".")[0]


def run(demarche, db, *args):
    p = subprocess.run([demarche, "--db", db, *args], capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit(f"demarche {' '.join(args[:2])}: status {p.returncode}: "
                 f"{p.stderr.strip()}")
    return p.stdout


def header(path, key):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                break
            if line.startswith(key + ":"):
                return line[len(key) + 1:].strip()
    return None


def main(demarche, folder):
    texts = os.path.join(folder, "texts")
    if not os.path.isdir(texts):
        print(f"skipped: no development set at {folder}")
        return 77
    speakers = {}
    with open(os.path.join(folder, "gold.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            speakers.setdefault(row["file"], []).append(row["speaker"])
    files = sorted(n for n in os.listdir(texts) if n.endswith(".txt"))
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "dev.db")
        run(demarche, db, "init")
        run(demarche, db, "import", *[os.path.join(texts, n) for n in files])
        kinds = {r["code"]: r["kind"] for r in
                 csv.DictReader(io.StringIO(run(demarche, db, "actors", "--csv")))}
        by_url = {r["url"]: r["issuer_code"] for r in
                  csv.DictReader(io.StringIO(run(demarche, db, "statements",
                                                 "--csv", "--limit", "100000")))}
    bad = 0
    for n in files:
        path = os.path.join(texts, n)
        issuer = header(path, "Issuer")
        gold = speakers.get(n, [])
        code = by_url.get(header(path, "URL"), "")
        codes = code.split(";") if code else []
        want = {top(s) for s in gold} if len(set(gold)) > 1 else \
            {top(gold[0])} if gold else set()
        if not codes or any(kinds.get(c) in (None, "unresolved")
                            for c in codes) or {top(c) for c in codes} != want:
            bad += 1
            print(f"{n}: '{issuer}' -> {code or 'nothing'} "
                  f"({', '.join(str(kinds.get(c)) for c in codes)}), "
                  f"want under {' and '.join(sorted(want))}")
    print(f"{len(files) - bad} of {len(files)} issuers resolve under their "
          f"gold speaker")
    return 1 if bad or not files else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().split("\n\n")[-1])
    sys.exit(main(sys.argv[1], sys.argv[2]))
