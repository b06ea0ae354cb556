#!/usr/bin/env python3
"""Scores the rule coder on the development set of real statements
(../shared/coder-dev beside the clone) with that set's own scorer, and
fails when a language falls below the thresholds.  Exits 77 (skipped)
when the folder is not there.

Usage: coderdev.py DEMARCHE DEVSET_DIR
"""
import sys

import devset

# (precision, recall) that each language must reach.
MIN = {"kind class": (0.85, 0.70), "exact kind": (0.75, 0.60)}
LANGS = ("en", "zh")


def main():
    demarche, folder = sys.argv[1:3]
    if not devset.scorer(folder):
        return devset.SKIPPED
    # One run scores each language as a run of it alone would.
    figures, out = devset.score(demarche, folder)
    failed = 0
    for lang in LANGS:
        for what, (want_p, want_r) in MIN.items():
            if (lang, what) not in figures:
                print(f"{lang}, {what}: the scorer printed no score:\n{out}")
                failed += 1
                continue
            p, r = map(float, figures[(lang, what)][:2])
            ok = p >= want_p and r >= want_r
            failed += not ok
            print(f"{lang} {what:10} precision {p:.2f} (>= {want_p:.2f}) "
                  f"recall {r:.2f} (>= {want_r:.2f}) {'ok' if ok else 'BELOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
