#!/usr/bin/env python3
"""Scores the rule coder on the development set of real statements
(../shared/coder-dev beside the clone) with that set's own scorer, and
fails when a language falls below the thresholds.  Exits 77 (skipped)
when the folder is not there.

Usage: coderdev.py DEMARCHE DEVSET_DIR
"""
import os
import re
import subprocess
import sys

# (precision, recall) that each language must reach.
MIN = {"kind class": (0.85, 0.70), "exact kind": (0.75, 0.60)}
LANGS = ("en", "zh")
LINE = re.compile(r"(\w+), (exact kind|kind class) +precision ([0-9.]+) "
                  r"recall ([0-9.]+)")


def main():
    demarche, folder = sys.argv[1:3]
    score = os.path.join(folder, "score.py")
    if not os.path.isfile(score):
        print(f"skipped: no development set at {folder}")
        return 77
    failed = 0
    for lang in LANGS:
        out = subprocess.run([sys.executable, score, demarche, "--only", lang,
                              "--show", "0"], capture_output=True, text=True,
                             check=True).stdout
        seen = 0
        for m in map(LINE.match, out.splitlines()):
            if not m:
                continue
            seen += 1
            what, p, r = m.group(2), float(m.group(3)), float(m.group(4))
            want_p, want_r = MIN[what]
            ok = p >= want_p and r >= want_r
            failed += not ok
            print(f"{lang} {what:10} precision {p:.2f} (>= {want_p:.2f}) "
                  f"recall {r:.2f} (>= {want_r:.2f}) {'ok' if ok else 'BELOW'}")
        if seen != len(MIN):
            print(f"{lang}: the scorer printed no scores:\n{out}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
