"""Side-by-side, in one run: xxgk against the Python baseline (baseline.py) over the same generated reports.

Generates N reports around the seed (consistent tables, 30 % with one planted fault, the seed's prose; distinct
agencies of one year, so no run pairs two years), writes them as JSON Lines and as one file per report, then
times on the same machine in the same minute:

  JSON Lines  (1) the Python baseline: json.loads + the table 三/四 identities, and (2) the `xxgk_jsonl_check`
              program (parse + every table rule + diagnostics JSON out); both must find the same identity failures;
  files       (3) the Python baseline over the files, (4) `xxgk check -j1` and (5) `-j2 --format jsonl DIR`,
              (6) `xxgk check -j2 --db FILE DIR` (with the database's size), and the Python package in this
              process: (7) `xxgk.check_batch(paths)` on one thread and (8) on two, (9) `xxgk.check_many(paths)`,
              (10) `xxgk.check(path)` report by report. Every xxgk face must give the same number of findings.

Prints each figure and its ratio to the baseline of the same input. Skip the slow per-report loop with
--no-per-report.

usage: python3 bench/compare/compare.py BUILD_DIR [N] [--no-per-report]
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
import baseline  # noqa: E402

SOURCE = os.path.join(os.path.dirname(__file__), "..", "..")


def make_corpus(n, path):
    with open(os.path.join(SOURCE, "examples", "acheng-yagou-2023.json"), encoding="utf-8") as f:
        seed = json.load(f)
    rnd = random.Random(2023)
    cols = baseline.APPLICANTS[:-1]
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            r = json.loads(json.dumps(seed))
            r["agency"] = "机关%05d" % i
            t3 = r["applications"]
            for c in cols:
                outcomes = 0
                for row in baseline.OUTCOMES_2021:
                    v = rnd.randrange(5) if rnd.random() < 0.3 else 0
                    t3[row][c] = v
                    outcomes += v
                over, fwd = rnd.randrange(3), rnd.randrange(3)
                new = max(outcomes + fwd - over, 0)
                t3["total_processed"][c], t3["carried_forward"][c] = outcomes, fwd
                t3["carried_over"][c], t3["new_received"][c] = outcomes + fwd - new, new
            for row in t3.values():
                row["total"] = sum(row[c] for c in cols)
            if rnd.random() < 0.3:
                row = rnd.choice(list(t3))
                t3[row][rnd.choice(baseline.APPLICANTS)] += 1
            out.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


def write_files(corpus, folder):
    """One file per line of the corpus, 1,000 to a subfolder; returns the paths in the command's order."""
    paths = []
    with open(corpus, encoding="utf-8") as f:
        for i, line in enumerate(f):
            sub = os.path.join(folder, "%03d" % (i // 1000))
            if i % 1000 == 0:
                os.mkdir(sub)
            path = os.path.join(sub, "%05d.json" % i)
            with open(path, "w", encoding="utf-8") as out:
                out.write(line)
            paths.append(path)
    return sorted(paths, key=os.fsencode)


def timed(run):
    t0 = time.perf_counter()
    result = run()
    return time.perf_counter() - t0, result


def command(tool, *args):
    """Runs `xxgk check` and returns the findings it printed (JSON Lines on stdout)."""
    out = subprocess.run([tool, "check", "--no-progress", *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         check=False)
    assert out.returncode in (0, 1), out.returncode
    return out.stdout.count(b"\n")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    per_report = "--no-per-report" not in sys.argv
    build = args[0] if args else "build"
    n = int(args[1]) if len(args) > 1 else 20000
    tool = os.path.join(build, "bench", "xxgk_jsonl_check")
    cli = os.path.join(build, "xxgk")
    os.environ.setdefault("XXGK_LIBRARY", os.path.join(build, "capi", "libxxgk.so.0"))
    sys.path.insert(0, os.path.join(SOURCE, "bindings", "python"))
    import xxgk

    rows = []  # (input, implementation, seconds, findings)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        make_corpus(n, corpus)
        size = os.path.getsize(corpus)
        folder = os.path.join(tmp, "reports")
        os.mkdir(folder)
        paths = write_files(corpus, folder)

        seconds, (reports, py_findings) = timed(lambda: baseline.check_jsonl(corpus))
        rows.append(("jsonl", "Python baseline (json.loads + identities I-1..I-4)", seconds, py_findings))
        seconds, done = timed(lambda: subprocess.run([tool, corpus], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                                     text=True, check=True))
        cpp_identity = int(done.stderr.strip().split("(")[1].split()[0])
        rows.append(("jsonl", "xxgk_jsonl_check (parse + every table rule + diagnostics JSON)", seconds, cpp_identity))

        seconds, (_, file_findings) = timed(lambda: baseline.check_files(paths))
        rows.append(("files", "Python baseline over the files", seconds, file_findings))
        for jobs in ("1", "2"):
            seconds, found = timed(lambda: command(cli, "-j" + jobs, "--format", "jsonl", folder))
            rows.append(("files", "xxgk check -j%s --format jsonl DIR" % jobs, seconds, found))
        db = os.path.join(tmp, "findings.db")
        seconds, found = timed(lambda: command(cli, "-j2", "--format", "jsonl", "--db", db, folder))
        db_size = os.path.getsize(db)
        rows.append(("files", "xxgk check -j2 --db FILE DIR (database %.1f MB)" % (db_size / 1e6), seconds, found))

        def count(items):
            return sum(len(i["diagnostics"]) for i in items)
        for threads in (1, 2):
            seconds, found = timed(lambda: count(xxgk.check_batch(paths, threads=threads)))
            rows.append(("files", "Python xxgk.check_batch(paths, threads=%d)" % threads, seconds, found))
        seconds, found = timed(lambda: sum(len(i.diagnostics) for i in xxgk.check_many(paths)))
        rows.append(("files", "Python xxgk.check_many(paths) (Diagnostic objects)", seconds, found))
        if per_report:
            seconds, found = timed(lambda: sum(len(xxgk.check(p)) for p in paths))
            rows.append(("files", "Python xxgk.check(path), report by report", seconds, found))

    print("reports: %d (%.1f MB of JSON Lines; the same as %d files)" % (reports, size / 1e6, len(paths)))
    base = {kind: s for kind, name, s, _ in rows if name.startswith("Python baseline")}
    for kind, name, seconds, found in rows:
        print("%-6s %-72s %8.3f s %9.0f reports/s %8d findings  %5.1fx the baseline"
              % (kind, name, seconds, reports / seconds, found, base[kind] / seconds))
    failures = 0
    if cpp_identity != py_findings:
        print("MISMATCH: the baseline and xxgk_jsonl_check disagree on the identities", file=sys.stderr)
        failures += 1
    xxgk_counts = {found for kind, name, _, found in rows if kind == "files" and not name.startswith("Python baseline")}
    if len(xxgk_counts) != 1:
        print("MISMATCH: the xxgk faces give different numbers of findings: %s" % sorted(xxgk_counts), file=sys.stderr)
        failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
