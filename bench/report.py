#!/usr/bin/env python3
"""Writes RESULTS.md (to standard output) from what bench/run.sh recorded.

usage: report.py WORK
"""
import csv
import json
import statistics
import sys

MIB = 1024


def load(work):
    machine = {}
    with open(work + "/machine.tsv", encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            machine[k] = v
    runs = {}
    with open(work + "/raw.csv", encoding="utf-8") as f:
        for label, wall, user, sys_, rss, load1 in csv.reader(f):
            runs.setdefault(label, []).append({
                "wall": float(wall), "cpu": float(user) + float(sys_),
                "rss": int(rss), "load": float(load1)})
    cmds = {}
    with open(work + "/commands.tsv", encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            cmds[k] = v
    return machine, runs, cmds


def med(runs, key):
    return statistics.median(r[key] for r in runs)


def rng(runs, key, fmt):
    lo = min(r[key] for r in runs)
    hi = max(r[key] for r in runs)
    return fmt.format(lo) + "–" + fmt.format(hi)


def latency(work, label):
    with open(f"{work}/lat-{label}.json", encoding="utf-8") as f:
        res = json.load(f)["results"][0]
    t = [x * 1000 for x in res["times"]]
    return statistics.median(t), min(t), max(t), len(t)


def verdict(ok):
    return "**met**" if ok else "**missed**"


def have(runs, *labels):
    return all(label in runs for label in labels)


def main():
    work = sys.argv[1]
    m, runs, cmds = load(work)
    out = []
    p = out.append

    p("# Benchmarks")
    p("")
    p(f"Measured {m['date']} at commit `{m['commit']}`"
      + (f" (plus {m['dirty']} files changed in the working tree, "
         "outside bench/)" if m["dirty"] != "0" else "")
      + " by `bench/run.sh`, which writes this file. Every figure below "
      "comes from that one run, on the same generated files.")
    p("")
    p("## Machine")
    p("")
    p("| | |")
    p("| --- | --- |")
    for k, name in [("nproc", "CPUs (nproc)"), ("cpu", "CPU model"),
                    ("memory", "memory"), ("os", "system"),
                    ("kernel", "kernel"), ("cc", "compiler"),
                    ("build_flags", "demarche build"),
                    ("sqlite3", "SQLite"), ("jansson", "jansson"),
                    ("sqlite-utils", "sqlite-utils"),
                    ("hyperfine", "hyperfine"),
                    ("load_start", "load average at start (1, 5, 15 min)"),
                    ("load_end", "load average at end")]:
        p(f"| {name} | {m.get(k, '?')} |")
    p("")
    p("The machine was shared: other builds and tests ran at the same "
      "time, so wall-clock times carry their load. The load average "
      "column gives the 1-minute load at the end of each run; CPU time "
      "(user + system) is less affected and is shown beside it.")
    p("")

    p("## Data")
    p("")
    p(f"`bench/gen.c`, seed {m['seed']}: JSON Lines, a first line with an "
      "actors bundle (27 foreign ministries `XXX.MFA` with aliases, added "
      "to the 273 actors of the gazetteer: 300 in all), then one statement "
      "per line. Actors are referred to by code (some in lower case), "
      "name or alias, skewed so that a few dozen actors make most "
      "statements; dates in the mixed forms SPEC accepts (day, month or "
      "year precision); 0–4 claims of 1–3 targets, 0–3 topics, summaries, "
      "quotes taken from the text, some claim dates and CAMEO codes; "
      "texts of 300–3000 characters, 10% of statements in Chinese and "
      "3% of English sentences Chinese; 8% respond to earlier "
      "statements, a few to later ones.")
    p("")
    p(f"| file | statements | bytes | generated in |")
    p("| --- | ---: | ---: | ---: |")
    p(f"| small | {int(m['n_small']):,} | {int(m['small_bytes']):,} | "
      f"{m['gen_small_s']} s |")
    p(f"| large | {int(m['n_large']):,} | {int(m['large_bytes']):,} | "
      f"{m['gen_large_s']} s |")
    p("")
    p(f"Large archive after import: {m.get('large_counts', '?')}, "
      f"{int(m.get('db_bytes_large', 0)):,} bytes.")
    p("")

    targets = []
    if not have(runs, "import_demarche", "import_sqlite_utils",
                "import_floor", "import_floor_bulk"):
        p("The import comparison has not run yet.")
        p("")
    else:
        section_import(p, m, runs, work, targets)
    if have(runs, "import_large_demarche"):
        section_large(p, m, runs, targets)
    else:
        p(f"The import of {int(m['n_large']):,} statements and the "
          "measurements on the large archive have not run yet.")
        p("")
    if have(runs, "who_demarche", "who_sqlite3", "export_demarche",
            "export_sqlite3"):
        section_query(p, m, runs, targets)
    try:
        section_latency(p, m, cmds, work, targets)
    except (KeyError, FileNotFoundError):
        pass
    try:
        section_who(p, m, runs, cmds, work, targets)
    except (KeyError, FileNotFoundError):
        pass
    if have(runs, "summary_bulk", "import_demarche"):
        section_summary(p, m, runs)
    section_targets(p, targets)
    section_commands(p, m, cmds, work)
    print("\n".join(out))


def section_import(p, m, runs, work, targets):
    p(f"## Import of {int(m['n_small']):,} statements")
    p("")
    p("Each tool starts from no database. Rounds alternate the tools "
      f"({len(runs['import_demarche'])} rounds); medians, with the range "
      "of the runs.")
    p("")
    p("| tool | wall s median (range) | CPU s median | peak RSS MiB | "
      "archive bytes | wall / demarche |")
    p("| --- | ---: | ---: | ---: | ---: | ---: |")
    dm = runs["import_demarche"]
    names = [("import_demarche", "demarche `init` + `import`", "dm"),
             ("import_sqlite_utils", "sqlite-utils `insert` + "
              "`enable-fts`", "su"),
             ("import_floor", "floor (FTS rows through the schema's "
              "triggers)", "fl"),
             ("import_floor_bulk", "floor, FTS filled in one statement at "
              "the end (`-b`)", "fb")]
    for label, name, t in names:
        r = runs[label]
        p(f"| {name} | {med(r, 'wall'):.2f} ({rng(r, 'wall', '{:.2f}')}) | "
          f"{med(r, 'cpu'):.2f} | {med(r, 'rss') / MIB:.1f} | "
          f"{int(m.get('db_bytes_' + t, 0)):,} | "
          f"{med(dm, 'wall') / med(r, 'wall'):.2f} |")
    p("")
    # The floor is the faster of its two ways of filling the FTS tables.
    fl = min(runs["import_floor"], runs["import_floor_bulk"],
             key=lambda r: med(r, "wall"))
    su = runs["import_sqlite_utils"]
    r_fl = med(dm, "wall") / med(fl, "wall")
    r_su = med(dm, "wall") / med(su, "wall")
    p(f"demarche / floor (the faster of the two): {r_fl:.2f}x wall, "
      f"{med(dm, 'cpu') / med(fl, 'cpu'):.2f}x CPU. "
      f"demarche / sqlite-utils: {r_su:.2f}x wall, "
      f"{med(dm, 'cpu') / med(su, 'cpu'):.2f}x CPU.")
    p("")
    p("What each stores: demarche and the floor write the normalised "
      "schema (statements, responses, claims, targets, topics, actors, "
      "aliases, their indexes, and two FTS5 tables), and demarche also "
      "the who summary (migrations 0002 and 0003); sqlite-utils writes "
      "one table with the claims left as JSON text and one FTS5 table "
      "over title and text. The floor uses demarche's data model, "
      "`migrations/0001-initial.sql` and the claims' statement dates of "
      "`0004-claim-dates.sql`, "
      "with `tokenize='unicode61'` in place of `tokenize='demarche'` (a "
      "tokenizer only demarche registers; it also indexes Chinese as "
      "bigrams, which unicode61 does not), resolves references by exact "
      "string (no Unicode folding), parses only the date forms the "
      "generator writes, validates nothing, and fills the `digest` column "
      "with an FNV-1a hash where demarche computes SHA-256. `compare.py` "
      "checks that both archives hold the same rows:")
    p("")
    try:
        with open(work + "/compare.txt", encoding="utf-8") as f:
            p("```\n" + f.read().rstrip("\n") + "\n```")
    except FileNotFoundError:
        p("(the comparison had not run yet)")
    p("")

    targets.append(("import within 1.5x of the floor", f"{r_fl:.2f}x",
                    r_fl <= 1.5))
    targets.append(("import no slower than sqlite-utils insert + "
                    "enable-fts", f"{r_su:.2f}x", r_su <= 1.0))
    targets.append(("import peak RSS under 64 MiB "
                    f"({int(m['n_small']):,})",
                    f"{med(dm, 'rss') / MIB:.1f} MiB",
                    med(dm, 'rss') / MIB < 64))


def section_large(p, m, runs, targets):
    big = runs["import_large_demarche"][0]
    small = runs.get("import_demarche")
    p(f"## Import of {int(m['n_large']):,} statements (once)")
    p("")
    p(f"demarche `init` + `import`: {big['wall']:.1f} s wall, "
      f"{big['cpu']:.1f} s CPU, peak RSS {big['rss'] / MIB:.1f} MiB "
      f"(1-minute load {big['load']}).")
    p("")
    big_rss = big["rss"] / MIB
    targets.append((f"import peak RSS under 64 MiB ({int(m['n_large']):,})",
                    f"{big_rss:.1f} MiB", big_rss < 64))
    if small:
        small_rss = med(small, "rss") / MIB
        targets.append((f"import peak RSS the same for "
                        f"{int(m['n_small']):,} and {int(m['n_large']):,} "
                        "statements (within 10%)",
                        f"{big_rss / small_rss:.2f}x",
                        big_rss <= small_rss * 1.1))


def section_query(p, m, runs, targets):
    p("## Cross-reference and export on the large archive")
    p("")
    p("| command | wall s median (range) | CPU s median | peak RSS MiB | "
      "runs |")
    p("| --- | ---: | ---: | ---: | ---: |")
    for label, name in [("who_demarche", "`demarche who --format csv`"),
                        ("who_sqlite3", "`sqlite3 -csv` of `sql/who.sql`"),
                        ("export_demarche", "`demarche export claims -o`"),
                        ("export_sqlite3",
                         "`sqlite3 -csv` of `sql/claims.sql`")]:
        r = runs[label]
        p(f"| {name} | {med(r, 'wall'):.2f} ({rng(r, 'wall', '{:.2f}')}) | "
          f"{med(r, 'cpu'):.2f} | {med(r, 'rss') / MIB:.1f} | {len(r)} |")
    p("")
    r_who = med(runs["who_demarche"], "wall") / \
        med(runs["who_sqlite3"], "wall")
    r_exp = med(runs["export_demarche"], "wall") / \
        med(runs["export_sqlite3"], "wall")
    p(f"who: {m.get('who_rows')} pairs; demarche / sqlite3 {r_who:.2f}x "
      "wall. export: "
      f"{int(m.get('export_rows', 0)):,} rows, "
      f"{int(m.get('export_bytes', 0)):,} bytes; demarche / sqlite3 "
      f"{r_exp:.2f}x wall. demarche writes the export to a temporary file "
      "and renames it (whole or not at all); sqlite3 writes through a "
      "shell redirection.")
    p("")
    targets.append(("`who` within 1.2x of the sqlite3 CLI", f"{r_who:.2f}x",
                    r_who <= 1.2))
    targets.append(("`export claims` within 1.2x of the sqlite3 CLI",
                    f"{r_exp:.2f}x", r_exp <= 1.2))


def section_latency(p, m, cmds, work, targets):
    lat = {}
    rows = []
    for label in ["statements_actor_month", "statements_actor_year",
                  "search_rare", "search_medium_limit", "search_medium",
                  "search_chinese_limit"]:
        md, lo, hi, n = latency(work, label)
        lat[label] = md
        cmd = cmds[label].replace(work, "$W")
        rows.append(f"| `{cmd}` | {md:.1f} | {lo:.1f}–{hi:.1f} | {n} | "
                    f"{m.get('rows_' + label, '?')} |")
    p("## Latency on the large archive")
    p("")
    p("hyperfine, 3 warm-up runs, output to /dev/null, default (table) "
      "format.")
    p("")
    p("| command | median ms | range ms | runs | rows |")
    p("| --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        p(r)
    p("")
    for label, name in [("statements_actor_month",
                         "actor + date listing (a month)"),
                        ("statements_actor_year",
                         "actor + date listing (a year, with sub-actors)"),
                        ("search_rare", "search, rare word"),
                        ("search_medium", "search, word in 1% of "
                         "statements, all matches"),
                        ("search_medium_limit", "search, same word, "
                         "--limit 20"),
                        ("search_chinese_limit", "search, Chinese word, "
                         "--limit 20")]:
        targets.append((f"{name} under 50 ms", f"{lat[label]:.1f} ms",
                        lat[label] < 50))


def section_who(p, m, runs, cmds, work, targets):
    fast = [("xref_all", "no filter"), ("xref_rollup", "--rollup"),
            ("xref_by", "--by, with sub-actors"),
            ("xref_against", "--against, with sub-actors"),
            ("xref_rollup_by", "--rollup --by"),
            ("xref_limit", "--limit 20"),
            ("xref_every_date", "--from 1000 (every date)")]
    summed = [("xref_year", "one year"), ("xref_topic", "a topic"),
              ("xref_kind", "one kind"),
              ("xref_all_dates", "every date but the first day")]
    lat = {}
    p("## who on the large archive")
    p("")
    p("hyperfine, output to /dev/null, default (table) format. Without "
      "topic or kinds, and with no dates or dates that hold every "
      "statement, who reads the summary that migrations 0002 and 0003 "
      "keep; otherwise it sums up the claims.")
    p("")
    p("| command | median ms | range ms | runs | rows |")
    p("| --- | ---: | ---: | ---: | ---: |")
    for label, _ in fast + summed:
        md, lo, hi, n = latency(work, label)
        lat[label] = md
        cmd = cmds[label].replace(work, "$W")
        p(f"| `{cmd}` | {md:.1f} | {lo:.1f}–{hi:.1f} | {n} | "
          f"{m.get('rows_' + label, '?')} |")
    p("")
    for label, name in fast:
        targets.append((f"`who` {name} under 100 ms", f"{lat[label]:.1f} ms",
                        lat[label] < 100))
    if "who_sqlite3" in runs:
        plain = med(runs["who_sqlite3"], "wall") * 1000
        p(f"The plain aggregate (`sql/who.sql` in the sqlite3 CLI, above) "
          f"took {plain:.0f} ms.")
        p("")
        for label, name in summed:
            targets.append((f"`who`, {name}, no slower than the plain "
                            "aggregate", f"{lat[label] / plain:.2f}x",
                            lat[label] <= plain))


def section_summary(p, m, runs):
    bulk = runs["summary_bulk"]
    n = int(m["n_small"])
    cpu = med(bulk, "cpu")
    share = cpu / med(runs["import_demarche"], "cpu")
    p("## What keeping the who summary costs")
    p("")
    p(f"The import of {n:,} statements above sums the who summary up in "
      "bulk at the end of its file: the statements of `who_sum()` and "
      "`who_settle()` in `src/core/who.c` (`bench/summary-sql.py` "
      "reads them from there). Run again by the sqlite3 CLI on a copy of that "
      "archive with its summary emptied "
      f"({len(bulk)} runs): {med(bulk, 'wall'):.2f} s wall "
      f"({rng(bulk, 'wall', '{:.2f}')}), {cpu:.2f} s CPU: "
      f"{cpu / n * 1e6:.0f} µs a statement, {share:.0%} of the import's "
      "CPU time"
      + (f" (the statements as of `{m['summary_build']}`)"
         if m.get("summary_build") and m["summary_build"] != m["commit"]
         else "") + ". While statements go in, the summary's triggers "
      "only test whether an import is under way (migration 0007).")
    p("")


def section_targets(p, targets):
    p("## Targets")
    p("")
    p("| target | measured | |")
    p("| --- | --- | --- |")
    for name, got, ok in targets:
        p(f"| {name} | {got} | {verdict(ok)} |")
    p("")
    p("Where a target is missed, `bench/PROFILE.md` gives the profiled "
      "cause.")
    p("")


def section_commands(p, m, cmds, work):
    p("## Commands")
    p("")
    p("`$W` is the work directory (`$BENCH_WORK`, default "
      "`/tmp/demarche-bench`); `demarche` is `$W/build/demarche`, built "
      "`-DCMAKE_BUILD_TYPE=Release -DDEMARCHE_TESTS=OFF`; `floor` is "
      "`bench/floor.c` built with `cc -std=c11 -O2`. Each command of the "
      "first two tables ran under `/usr/bin/time` in `bash -c`, after "
      "removing its database.")
    p("")
    p("```")
    p(m["gen_cmd"])
    for k, v in cmds.items():
        p(f"{k}: " + v.replace(work, "$W"))
    p("```")


if __name__ == "__main__":
    main()
