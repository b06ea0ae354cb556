#!/usr/bin/env python3
"""'demarche eval' counts as the development set's own scorer does: an
archive is built from the texts of ../shared/coder-dev (beside the clone,
read in place, never copied into the project), coded by rule on import,
with the set's gold rows then imported as curated claims of the same
statements; eval must print the figures score.py prints for the same
texts (overall and by language, by exact kind and by kind class: the
precision, the recall and the three counts).  Exits 77 (skipped) when the
folder is not there.

Usage: evaldev.py DEMARCHE DEVSET_DIR
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

import devset


def run(demarche, db, *args, stdin=None):
    r = subprocess.run([demarche, "--db", db, *args], input=stdin,
                       capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"demarche {' '.join(args)} failed: {r.stderr.strip()}")
    return r.stdout


def stem(name):
    return name[:-4] if name.endswith(".txt") else name


def build(demarche, folder, tmp):
    """The archive: each text imported as score.py imports it (in one run
    of import, each file its own transaction, where score.py runs import
    for each), then the gold rows added to its statement as curated
    claims."""
    db = os.path.join(tmp, "a.db")
    run(demarche, db, "init")
    texts = os.path.join(folder, "texts")
    paths = []
    for f in sorted(os.listdir(texts)):
        if not f.endswith(".txt"):
            continue
        head, _, body = open(os.path.join(texts, f),
                             encoding="utf-8").read().partition("\n\n")
        # As score.py does: the file name in the URL names the statement.
        head = "\n".join(f"URL: https://dev.invalid/{f}"
                         if line.startswith("URL: ") else line
                         for line in head.splitlines())
        path = os.path.join(tmp, f)
        with open(path, "w", encoding="utf-8") as out:
            out.write(head + "\n\n" + body)
        paths.append(path)
    run(demarche, db, "import", *paths)
    gold = list(csv.DictReader(open(os.path.join(folder, "gold.csv"),
                                    newline="", encoding="utf-8")))
    codes = sorted({r["speaker"] for r in gold} | {r["target"] for r in gold})
    lines = [json.dumps({"actors": [{"code": c, "name": c} for c in codes]})]
    for line in run(demarche, db, "export", "statements", "--format",
                    "jsonl").splitlines():
        st = json.loads(line)
        if "statements" in st or "actors" in st:
            continue
        file = stem(st["url"].rsplit("/", 1)[-1])
        st.setdefault("claims", []).extend(
            {"kind": r["kind"], "by": r["speaker"], "target": r["target"],
             "quote": r["quote"]} for r in gold if stem(r["file"]) == file)
        lines.append(json.dumps(st, ensure_ascii=False))
    run(demarche, db, "import", "--update", "-",
        stdin="\n".join(lines) + "\n")
    return db


def main():
    demarche, folder = sys.argv[1:3]
    if not devset.scorer(folder):
        return devset.SKIPPED
    want, out = devset.score(demarche, folder)
    if len(want) != 6:
        print(f"score.py printed {len(want)} figures, not 6:\n{out}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = build(demarche, folder, tmp)
        got = {(r["language"], r["measure"]):
               (r["precision"], r["recall"], r["matched"], r["gold"],
                r["proposed"])
               for r in csv.DictReader(io.StringIO(
                   run(demarche, db, "eval", "--csv")))}
        failed = 0
        for key, figures in sorted(want.items()):
            same = got.get(key) == figures
            failed += not same
            print(f"{key[0]:3} {key[1]:10} score.py {' '.join(figures)}"
                  f"  eval {' '.join(got.get(key, ('none',)))}"
                  f"  {'ok' if same else 'DIFFERENT'}")
        # --misses lists what the figures leave out: the gold not matched
        # and the proposed not in the gold, by exact kind.
        misses = list(csv.DictReader(io.StringIO(
            run(demarche, db, "eval", "--misses", "--csv"))))
        matched, gold, proposed = map(int, got[("all", "exact kind")][2:])
        found = {k: sum(r["found"] == k for r in misses)
                 for k in ("missed", "invented")}
        if found != {"missed": gold - matched,
                     "invented": proposed - matched}:
            print(f"--misses lists {found}, the figures say "
                  f"{gold - matched} missed, {proposed - matched} invented")
            failed += 1
        if any(not r["quote"] for r in misses):
            print("--misses lists a claim without its sentence")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
