"""examples/merge_databases.py: the `xxgk check --db` databases of two shards merged are the database of one run
over both (every report, cell and finding, by file), and merging a shard again replaces its reports."""

import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from test_batch import BIN, SOURCE  # noqa: E402

SCRIPT = HERE.parent / "examples" / "merge_databases.py"


def check_into(db, *folders):
    out = subprocess.run([BIN, "check", "--no-progress", "--format", "jsonl", "--db", str(db), *map(str, folders)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode in (0, 1, 2), out.stderr


def contents(db):
    """Every report, cell and finding, keyed by file rather than by the database's ids."""
    with sqlite3.connect(db) as c:
        def rows(sql):
            return sorted(tuple("" if v is None else v for v in r) for r in c.execute(sql))
        report_columns = [r[1] for r in c.execute("PRAGMA table_info(reports)") if r[1] != "id"]
        return {
            "reports": rows("SELECT " + ", ".join(f'"{k}"' for k in report_columns) + " FROM reports"),
            "cells": rows("SELECT r.file, c.* FROM cells c JOIN reports r ON r.id = c.report_id"),
            "findings": rows("SELECT r.file, f.* FROM findings f JOIN reports r ON r.id = f.report_id"),
            "labels": rows("SELECT * FROM labels"),
        }


def without_ids(found):
    """`contents` without the report ids the cells and findings rows carry after the file."""
    return {k: [r[:1] + r[2:] if k in ("cells", "findings") else r for r in v] for k, v in found.items()}


class MergeDatabasesTest(unittest.TestCase):
    def test_two_shards_merged_are_one_run_over_both(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            first, second = tmp / "first", tmp / "second"
            shutil.copytree(SOURCE / "examples", first)
            second.mkdir()
            for sample in ("putian-chengguan-2025", "sanming-city-2024", "acheng-yagou-2023"):
                shutil.copytree(SOURCE / "tests" / "samples" / sample, second / sample)
            check_into(tmp / "first.sqlite", first)
            check_into(tmp / "second.sqlite", second)
            check_into(tmp / "both.sqlite", first, second)
            merged = tmp / "merged.sqlite"
            run = subprocess.run([sys.executable, str(SCRIPT), str(merged), str(tmp / "first.sqlite"),
                                  str(tmp / "second.sqlite")], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            expected = without_ids(contents(tmp / "both.sqlite"))
            self.assertEqual(without_ids(contents(merged)), expected)
            self.assertGreater(len(expected["findings"]), 10)
            self.assertGreater(len(expected["cells"]), 100)
            # The second shard once more: its reports replaced, nothing doubled.
            run = subprocess.run([sys.executable, str(SCRIPT), str(merged), str(tmp / "second.sqlite")],
                                 capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertEqual(without_ids(contents(merged)), expected)


if __name__ == "__main__":
    unittest.main()
