"""Side-by-side, in one run: xxgk against the Python baseline (baseline.py) over the same reports.

Generates N reports around the seed (consistent tables, 30 % with one planted fault), writes them as JSON
Lines, then times (1) the Python baseline: json.loads + the table 三/四 identities, and (2) xxgk: the
`xxgk_jsonl_check` program (parse + every table rule + diagnostics JSON out). Checks that both find the
same number of identity failures, and prints the figures and the ratio.

usage: python3 bench/compare/compare.py BUILD_DIR [N]
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


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    tool = os.path.join(build, "bench", "xxgk_jsonl_check")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        make_corpus(n, corpus)
        size = os.path.getsize(corpus)

        t0 = time.perf_counter()
        reports, py_findings = baseline.check_jsonl(corpus)
        py_seconds = time.perf_counter() - t0

        t0 = time.perf_counter()
        done = subprocess.run([tool, corpus], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
        cpp_seconds = time.perf_counter() - t0
        summary = done.stderr.strip()
        cpp_identity = int(summary.split("(")[1].split()[0])

    print("reports: %d (%.1f MB of JSON Lines)" % (reports, size / 1e6))
    print("python baseline (json + identities I-1..I-4): %.3f s, %.0f reports/s, %d identity findings"
          % (py_seconds, reports / py_seconds, py_findings))
    print("xxgk (parse + every table rule + diagnostics JSON): %.3f s, %.0f reports/s, %d identity findings"
          % (cpp_seconds, reports / cpp_seconds, cpp_identity))
    print("ratio: xxgk is %.1fx faster" % (py_seconds / cpp_seconds))
    if cpp_identity != py_findings:
        print("MISMATCH: the two implementations disagree", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
