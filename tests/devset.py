"""The development set of real statements beside the clone
(../shared/coder-dev, read in place, never copied into the project) and
its own scorer, score.py, for the tests that read them (coderdev.py,
evaldev.py)."""
import os
import re
import subprocess
import sys

SKIPPED = 77
LINE = re.compile(r"(\w+), (exact kind|kind class) +precision ([0-9.]+)"
                  r" recall ([0-9.]+)  \((\d+) of (\d+) gold, (\d+) "
                  r"proposed\)")


def scorer(folder):
    """score.py of the set in folder, or None (said) when it is not there:
    the caller exits SKIPPED."""
    score = os.path.join(folder, "score.py")
    if os.path.isfile(score):
        return score
    print(f"skipped: no development set at {folder}")
    return None


def score(demarche, folder):
    """What score.py prints of the rule coder of demarche on the whole set:
    {(language or "all", "exact kind" or "kind class"): (precision,
    recall, matched, gold, proposed)}, as printed; its whole output too."""
    out = subprocess.run([sys.executable, os.path.join(folder, "score.py"),
                          demarche, "--show", "0"], capture_output=True,
                         text=True, check=True).stdout
    figures = {(m.group(1), m.group(2)): m.group(3, 4, 5, 6, 7)
               for m in map(LINE.match, out.splitlines()) if m}
    return figures, out
