"""examples/check_folder.py, run as a user would: a CSV of the findings of every report in a folder."""

import csv
import io
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = pathlib.Path(os.environ.get("XXGK_SOURCE_DIR", HERE.parents[2]))
SCRIPT = HERE.parent / "examples" / "check_folder.py"


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8")


class CheckFolderTest(unittest.TestCase):
    def test_bundled_examples_give_one_row_per_finding(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = pathlib.Path(tmp) / "findings.csv"
            r = run(SOURCE / "examples", "-o", out)
            self.assertEqual(r.returncode, 1, r.stderr)  # the faults contain errors
            rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
        by_file = {}
        for row in rows:
            by_file.setdefault(row["file"], []).append(row)
        self.assertNotIn("acheng-yagou-2023.json", by_file)  # the seed is clean
        balance = by_file[os.path.join("faults", "balance.json")]
        self.assertEqual([b["rule"] for b in balance], ["t3.balance", "t3.balance"])
        self.assertEqual((balance[0]["left"], balance[0]["right"], balance[0]["difference"]), ("1", "2", "-1"))
        self.assertEqual(balance[0]["pointer"], "/applications/new_received/natural_person")
        malformed = by_file[os.path.join("faults", "malformed.json")]
        self.assertEqual(malformed[0]["rule"], "read_error")
        self.assertIn("invalid JSON", malformed[0]["message"])
        self.assertTrue(malformed[0]["line"].isdigit())
        self.assertEqual(by_file[os.path.join("faults", "ill-typed.json")][0]["pointer"], "/applications/granted/total")
        self.assertIn(f"{len(rows) - 2} findings", r.stderr)

    def test_a_clean_folder_exits_zero_with_only_the_header(self):
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(SOURCE / "examples" / "acheng-yagou-2023.json", tmp)
            r = run(tmp, "--language", "en")
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = list(csv.reader(io.StringIO(r.stdout)))
        self.assertEqual(rows, [["file", "rule", "severity", "status", "pointer", "table", "row", "column", "left",
                                 "right", "difference", "message", "line"]])

    def test_an_empty_folder_is_a_usage_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run(tmp)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no *.json files", r.stderr)


if __name__ == "__main__":
    unittest.main()
