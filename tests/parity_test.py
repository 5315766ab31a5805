"""Parity of the faces: for every sample document (tests/samples, the rendered samples that read without
LibreOffice) and every example, the findings (rule, severity, status, pointers, message, in order) of
`xxgk check`, of the C ABI (capi_parity, through xxgk_check_with) and of Python (xxgk.check and
xxgk.check_many) are the same, with the default options and with strict ones (English, publication deadlines, a
required date, a rule disabled, a severity changed, a similarity threshold). One process per face, every file
in one call; the pairs with last year's report are those the command made (by agency and year, and from a
--pairs file), handed to the other faces."""

import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
BUILD = os.environ.get("XXGK_BUILD_DIR", os.path.join(SOURCE, "build"))
BIN = os.environ.get("XXGK_BIN", os.path.join(BUILD, "xxgk"))
C_FACE = os.path.join(BUILD, "capi", "tests", "capi_parity")
LIBRARY = os.path.join(BUILD, "capi", "libxxgk.so.0")

# Formats read through LibreOffice (not in every CI run's reach), scans (OCR takes seconds a page, eight times over
# here; tests/ocr_reader_test.cpp reads them) and files that are not reports.
SKIPPED_SUFFIXES = (".doc", ".odt", ".rtf", ".md5")
SKIPPED_PREFIXES = ("scanned",)
NOT_REPORTS = ("NOTES.md", "README.md", "SOURCE.txt", "SOURCES.tsv")

STRICT_COMMAND = ["--lang", "en", "--disable", "cell.blank", "--severity", "doc.period_statement=error",
                  "--deadline", "township=02-28", "--deadline", "department=01-15", "--require-date",
                  "--similarity", "0.8"]
STRICT_PYTHON = {"language": "en", "disabled": ["cell.blank"], "severity": {"doc.period_statement": "error"},
                 "deadlines": {"township": "02-28", "department": "01-15"}, "require_date": True,
                 "similarity": "0.8"}
PAIR_RULES = ("xy.carry_over", "xy.in_force", "xy.duplicate")


# Explicit pairs of the strict run (--pairs): reports of 2025 with one of 2024, faults with the seed (same year).
EXPLICIT_PAIRS = [("tests/samples/shuyang-county-2025/expected.json", "tests/samples/putian-shuili-2024/expected.json"),
                  ("tests/samples/putian-chengguan-2025/page.html", "tests/samples/putian-shuili-2024/page.txt"),
                  ("examples/faults/balance.json", "examples/acheng-yagou-2023.json")]


def inputs(scratch):
    """The files compared, relative to the source tree; `scratch` gets a report of the seed's agency for the year
    before, which the command pairs with the seed's other readings by itself (its prose reversed, so that the
    batch settles the pair from its extracts without reading it again)."""
    with open(os.path.join(SOURCE, "examples", "acheng-yagou-2023.json"), encoding="utf-8") as f:
        seed = json.load(f)
    seed["year"] -= 1
    seed["sections"] = {k: v[::-1] if isinstance(v, str) else v for k, v in seed["sections"].items()}
    with open(os.path.join(scratch, "acheng-yagou-2022.json"), "w", encoding="utf-8") as f:
        json.dump(seed, f, ensure_ascii=False)
    files = [os.path.relpath(os.path.join(scratch, "acheng-yagou-2022.json"), SOURCE)]
    for path in sorted(glob.glob("tests/samples/**/*", root_dir=SOURCE, recursive=True)):
        name = os.path.basename(path)
        if (os.path.isfile(os.path.join(SOURCE, path)) and name not in NOT_REPORTS and not name.endswith(SKIPPED_SUFFIXES)
                and not name.startswith(SKIPPED_PREFIXES)):
            files.append(path)
    files += sorted(glob.glob("examples/*.json", root_dir=SOURCE))
    files += sorted(glob.glob("examples/faults/*.json", root_dir=SOURCE))
    return files


def key(d):
    return (d["rule"], d["severity"], d["status"], tuple(d["pointers"]), d["message"])


def command_face(files, strict, scratch):
    pairs = os.path.join(scratch, "pairs.csv")
    with open(pairs, "w", encoding="utf-8") as f:
        f.write("current,previous\n" + "".join(f"{a},{b}\n" for a, b in EXPLICIT_PAIRS))
    options = [*STRICT_COMMAND, "--pairs", pairs] if strict else []
    out = subprocess.run([BIN, "check", "--format", "json", "--no-progress", *options, "--", *files], cwd=SOURCE,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode in (0, 1, 2), out.stderr
    results, previous = {}, {}
    for f in json.loads(out.stdout)["files"]:
        results[f["file"]] = None if "error" in f else [key(d) for d in f["diagnostics"]]
        if f.get("previous"):
            previous[f["file"]] = f["previous"]
    return results, previous


def c_face(files, previous, strict):
    args = [f + ("=" + previous[f] if f in previous else "") for f in files]
    out = subprocess.run([C_FACE, *(["--strict"] if strict else []), *args], cwd=SOURCE, capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    results = {}
    for line in out.stdout.splitlines():
        o = json.loads(line)
        results[o["file"]] = None if "error" in o else [key(d) for d in o["diagnostics"]]
    return results


def python_key(d):
    return (d.rule, d.severity, d.status, tuple(d.pointers), d.message)


class Parity(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.environ["XXGK_LIBRARY"] = LIBRARY
        sys.path.insert(0, os.path.join(SOURCE, "bindings", "python"))
        import xxgk
        cls.xxgk = xxgk
        cls.scratch = tempfile.TemporaryDirectory()
        cls.files = inputs(cls.scratch.name)

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def python_face(self, files, previous, strict):
        options = STRICT_PYTHON if strict else {}
        results = {}
        for f in files:
            path = os.path.join(SOURCE, f)
            try:
                prev = os.path.join(SOURCE, previous[f]) if f in previous else None
                results[f] = [python_key(d) for d in self.xxgk.check(path, previous=prev, **options)]
            except (self.xxgk.ParseError, self.xxgk.FileError):
                results[f] = None
        many = self.xxgk.check_many([os.path.join(SOURCE, f) for f in files], **options)
        return results, {f: (None if item.error else [python_key(d) for d in item.diagnostics])
                         for f, item in zip(files, many)}

    def compare(self, strict):
        files = self.files
        command, previous = command_face(files, strict, self.scratch.name)
        c = c_face(files, previous, strict)
        python, many = self.python_face(files, previous, strict)
        self.assertEqual(sorted(command), sorted(files))
        for f in files:
            with self.subTest(file=f, strict=strict):
                self.assertEqual(c[f], command[f], "C ABI")
                self.assertEqual(python[f], command[f], "Python check")
                alone = command[f]
                if alone is not None and f in previous:
                    alone = [k for k in alone if k[0] not in PAIR_RULES]
                self.assertEqual(many[f], alone, "Python check_many")
        return command, previous

    def test_default_options(self):
        command, _ = self.compare(strict=False)
        # The inputs are not all clean: the comparison covers findings of the reading, the tables and a fault.
        rules = {k[0] for found in command.values() if found for k in found}
        self.assertTrue(any(r.startswith("doc.") for r in rules), rules)
        self.assertIn("t3.balance", rules)
        self.assertTrue(any(v is None for v in command.values()), "an unreadable example is compared too")
        self.assertIn("examples/acheng-yagou-2023.json", command)

    def test_strict_options(self):
        command, previous = self.compare(strict=True)
        for current, last_year in EXPLICIT_PAIRS:
            self.assertEqual(previous.get(current), last_year)
        self.assertTrue(any(p.endswith("acheng-yagou-2022.json") for p in previous.values()), previous)
        rules = {k[0] for found in command.values() if found for k in found}
        self.assertTrue(any(r.startswith("xy.") for r in rules), rules)
        self.assertTrue(any(r.startswith("pub.") for r in rules), rules)
        self.assertNotIn("cell.blank", rules)


if __name__ == "__main__":
    unittest.main()
