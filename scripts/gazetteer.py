#!/usr/bin/env python3
"""Build and check demarche's gazetteer, the actors `demarche init` loads.

Reads iso-codes' ISO 3166-1 list (a JSON file, by default
/usr/share/iso-codes/json/iso_3166-1.json) and the hand-curated
scripts/gazetteer-extra.tsv; writes schema/gazetteer.tsv: a '#' comment line,
then one actor per line, sorted by code, tab-separated columns
code, name, kind, country, aliases (';'-joined).

Names and aliases are folded as demarche folds them for lookup; a folded key
claimed by two actors is dropped from both (reported on standard error), and a
name that collides with another actor's key is an error.

Usage:
  python3 scripts/gazetteer.py [ISO_3166-1_JSON]   regenerate schema/gazetteer.tsv
  python3 scripts/gazetteer.py --check             validate schema/gazetteer.tsv
                                                   (needs no iso-codes)
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRA = ROOT / "scripts" / "gazetteer-extra.tsv"
OUTPUT = ROOT / "schema" / "gazetteer.tsv"
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
ISO_PC = Path("/usr/share/pkgconfig/iso-codes.pc")

KINDS = {"state", "igo", "institution", "mission", "ministry", "agency",
         "person", "group", "media", "other"}
CODE_RE = re.compile(r"^[A-Z0-9-]+(\.[A-Z0-9-]+)*$")
# Folded aliases never accepted: ordinary words, unsafe for matching text.
COMMON_WORDS = {"polish", "male", "victoria", "georgian", "macedonian",
                "alliance", "commission", "council", "parliament", "mission",
                "ministry", "union", "republic", "state", "government"}
CONTRACT = ["EU", "EU.COUNCIL", "EU.COMMISSION", "EU.EEAS", "EU.HRVP",
            "EU.PARLIAMENT", "NATO", "NATO.NAC", "NATO.SG", "UN", "UN.SC",
            "UN.GA", "G7", "CHN.MFA", "CHN.MISSION-EU", "CHN.CNCERT"]
EXPECT = {"Beijing": "CHN", "Washington": "USA", "Moscow": "RUS",
          "London": "GBR", "Paris": "FRA", "@ChinaEUMission": "CHN.MISSION-EU",
          "Chinese Mission to the EU": "CHN.MISSION-EU",
          "the Chinese mission to the EU": "CHN.MISSION-EU",
          "Foreign Ministry spokesperson": "CHN.MFA", "外交部": "CHN.MFA",
          "CNCERT": "CHN.CNCERT", "the EU": "EU", "欧盟": "EU", "U.S.": "USA",
          "UNITED  STATES": "USA", "“the European Union”": "EU", "South Korea": "KOR",
          "Russia": "RUS", "eu.council": "EU.COUNCIL", "NATO": "NATO",
          "Brussels": None, "Dominican": None, "Congolese": None, "Korean": None}


def fold(s):
    """Lookup key, as src/util/fold.c computes it: NFKC and case folding, control
    and format characters dropped, white space collapsed, punctuation and
    symbols trimmed from both ends ('@', quotes, dots), then one leading
    word 'the' dropped."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = "".join(c for c in s if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf"))
    s = trim(" ".join(s.split()))
    return trim(s[4:]) if len(s) > 4 and s.startswith("the ") else s


def trim(s):
    edge = lambda c: c.isspace() or unicodedata.category(c)[0] in "PS"
    i, j = 0, len(s)
    while i < j and edge(s[i]):
        i += 1
    while j > i and edge(s[j - 1]):
        j -= 1
    return s[i:j]


def fail(msg):
    sys.exit(f"gazetteer: {msg}")


def iso_version(json_path):
    """The iso-codes version, when the JSON is the system's copy."""
    if Path(json_path).resolve().parent != Path(ISO_JSON).parent or not ISO_PC.exists():
        return ""
    m = re.search(r"^Version:\s*(\S+)", ISO_PC.read_text(encoding="utf-8"), re.M)
    return m.group(1) if m else ""


def read_extra():
    rows = []
    for n, line in enumerate(EXTRA.read_text(encoding="utf-8").split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != 5:
            fail(f"{EXTRA.name}:{n}: expected 5 tab-separated columns, got {len(f)}")
        rows.append((n, f[0], f[1], f[2], f[3], [a for a in f[4].split(";") if a]))
    return rows


def build(json_path):
    """Return (actors, dropped): actors maps code -> [name, kind, country, aliases]."""
    try:
        with open(json_path, encoding="utf-8") as fh:
            iso = json.load(fh)["3166-1"]
    except (OSError, ValueError, KeyError) as e:
        fail(f"{json_path}: cannot read the ISO 3166-1 list: {e}")
    actors = {}
    for e in iso:
        names = [e.get("common_name"), e["name"], e.get("official_name")]
        names = [x for x in names if x]
        actors[e["alpha_3"]] = [names[0], "state", e["alpha_3"], names[1:]]
    for n, code, name, kind, country, aliases in read_extra():
        if code in actors:
            a = actors[code]
            if kind and kind != a[1] or country and country != a[2]:
                fail(f"{EXTRA.name}:{n}: {code} is an ISO state; leave kind and country empty")
            if name:
                a[3].insert(0, a[0])
                a[0] = name
            a[3].extend(aliases)
        else:
            if not name or kind not in KINDS:
                fail(f"{EXTRA.name}:{n}: new actor {code} needs a name and a valid kind")
            actors[code] = [name, kind, country, list(aliases)]
    # Typographic apostrophes: a "'" alias also gets its U+2019 spelling.
    for a in actors.values():
        a[3] += [x.replace("'", "\u2019") for x in [a[0]] + a[3] if "'" in x]
    # Keep each alias once per actor, never equal to the actor's own name.
    for code, a in actors.items():
        seen, kept = {fold(a[0])}, []
        for x in a[3]:
            k = fold(x)
            if k in COMMON_WORDS:
                print(f"dropped common-word alias '{x}' ({code})", file=sys.stderr)
            elif k not in seen:
                seen.add(k)
                kept.append(x)
        a[3] = kept
    # A key held by two actors is dropped from both; names may not collide.
    owners = {}
    for code in sorted(actors):
        for x in [actors[code][0]] + actors[code][3]:
            owners.setdefault(fold(x), {}).setdefault(code, x)
    dropped = []
    for k, by in sorted(owners.items()):
        if len(by) < 2:
            continue
        for code in by:
            if fold(actors[code][0]) == k:
                others = ", ".join(c for c in sorted(by) if c != code)
                fail(f"name '{actors[code][0]}' of {code} collides with {others}")
        print(f"dropped ambiguous alias '{by[min(by)]}' ({', '.join(sorted(by))})",
              file=sys.stderr)
        for code in by:
            actors[code][3] = [x for x in actors[code][3] if fold(x) != k]
        dropped.append(k)
    # Codes resolve before aliases: an alias spelling another actor's code is dead.
    codes = {c.casefold(): c for c in actors}
    for code, a in sorted(actors.items()):
        for x in a[3]:
            if codes.get(fold(x), code) != code:
                fail(f"alias '{x}' of {code} is the code of {codes[fold(x)]}")
    return actors, dropped


def write(actors, version):
    head = ("# generated by scripts/gazetteer.py from iso-codes"
            + (f" {version}" if version else "")
            + " iso_3166-1.json and scripts/gazetteer-extra.tsv; do not edit."
            " Columns: code, name, kind, country, aliases (';'-joined)")
    lines = [head]
    for code in sorted(actors):
        name, kind, country, aliases = actors[code]
        for x in [code, name, kind, country] + aliases:
            if any(c in x for c in "\t;\n\r"):
                fail(f"{code}: '{x}' holds a tab, ';' or line break")
        lines.append("\t".join([code, name, kind, country, ";".join(aliases)]))
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def check():
    """Validate schema/gazetteer.tsv; return a list of problems."""
    errs = []
    raw = OUTPUT.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"not UTF-8: {e}"]
    if "\r" in text or not text.endswith("\n"):
        errs.append("line ends must be LF, with a final LF")
    lines = text.rstrip("\n").split("\n")
    if not lines[0].startswith("# generated by scripts/gazetteer.py"):
        errs.append("first line must be the '# generated by' comment")
    actors, codes = {}, []
    for n, line in enumerate(lines[1:], 2):
        f = line.split("\t")
        if len(f) != 5:
            errs.append(f"line {n}: {len(f)} columns, want 5")
            continue
        code, name, kind, country, aliases = f
        codes.append(code)
        if not CODE_RE.match(code):
            errs.append(f"line {n}: bad code {code!r}")
        if code in actors:
            errs.append(f"line {n}: duplicate code {code}")
        if not name or kind not in KINDS:
            errs.append(f"line {n}: {code}: empty name or bad kind {kind!r}")
        aliases = aliases.split(";") if aliases else []
        if any(not a or not fold(a) for a in aliases) or not fold(name):
            errs.append(f"line {n}: {code}: empty name or alias")
        actors[code] = (name, kind, country, aliases)
    if codes != sorted(codes):
        errs.append("lines are not sorted by code")
    states = {c for c, a in actors.items() if a[1] == "state"}
    if len(states) < 249:
        errs.append(f"only {len(states)} states")
    keys, code_keys = {}, {c.casefold(): c for c in actors}
    for code, (name, kind, country, aliases) in actors.items():
        if kind == "state" and country != code:
            errs.append(f"{code}: a state's country is its own code")
        if country and country not in states:
            errs.append(f"{code}: country {country!r} is not a state")
        if "." in code and code.rsplit(".", 1)[0] not in actors:
            errs.append(f"{code}: parent {code.rsplit('.', 1)[0]} missing")
        own = [fold(x) for x in [name] + aliases]
        if len(own) != len(set(own)):
            errs.append(f"{code}: an alias repeats its name or another alias")
        for k in set(own):
            if k in keys and keys[k] != code:
                errs.append(f"'{k}' held by {keys[k]} and {code}")
            if code_keys.get(k, code) != code:
                errs.append(f"'{k}' of {code} is the code of {code_keys[k]}")
            if k in COMMON_WORDS:
                errs.append(f"'{k}' of {code} is a common word")
            keys[k] = code
    for c in CONTRACT:
        if c not in actors:
            errs.append(f"contract code {c} missing")
    for ref, want in EXPECT.items():
        got = code_keys.get(ref.strip().casefold()) or keys.get(fold(ref))
        if got != want:
            errs.append(f"'{ref}' resolves to {got}, want {want}")
    return errs


def main(argv):
    if argv[:1] == ["--check"] and len(argv) == 1:
        errs = check()
        for e in errs:
            print(f"gazetteer: {e}", file=sys.stderr)
        if not errs:
            print(f"{OUTPUT.relative_to(ROOT)}: ok")
        return 1 if errs else 0
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__.strip())
        return 0
    if len(argv) > 1 or argv[:1] and argv[0].startswith("-"):
        print("usage:" + __doc__.split("Usage:")[1].rstrip(), file=sys.stderr)
        return 2
    json_path = argv[0] if argv else ISO_JSON
    actors, dropped = build(json_path)
    write(actors, iso_version(json_path))
    n_alias = sum(len(a[3]) for a in actors.values())
    print(f"{OUTPUT.relative_to(ROOT)}: {len(actors)} actors, {n_alias} aliases, "
          f"{len(dropped)} ambiguous keys dropped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
