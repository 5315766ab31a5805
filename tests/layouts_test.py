"""The generality test: every sample's numbers in every layout of layouts.py, read with the format sniffed.

Every cell is read exactly or left unread, never read as another number; the unread ones only where the
layout loses information (each layout's floor of exact cells). The rendered UTF-16 texts of
tests/samples/rendered (pdftotext -layout of LibreOffice PDFs, UTF-16LE with a BOM) read exactly when sniffed.
"""
import glob
import json
import os
import subprocess
import tempfile
import unittest

import layouts
from parse_cli_test import same_number

XXGK = os.environ.get("XXGK_BIN", "xxgk")
SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
RENDERED = sorted(glob.glob(os.path.join(SOURCE, "tests", "samples", "rendered", "*", "expected.json")))
# The rendered folders print their sources' numbers again: each report once.
SAMPLES = sorted(set(glob.glob(os.path.join(SOURCE, "tests", "samples", "**", "expected.json"), recursive=True)) -
                 set(RENDERED))


def compare(want, got):
    """(exact, unread, wrong cells as (pointer, want, got)) over the three tables."""
    exact, unread, wrong = 0, 0, []

    def walk(w, g, at):
        nonlocal exact, unread
        if isinstance(w, dict):
            for k, v in w.items():
                walk(v, g.get(k) if isinstance(g, dict) else None, at + "/" + k)
        elif w is None:
            if g is None:
                exact += 1
            else:
                wrong.append((at, w, g))
        elif g is None:
            unread += 1
        elif same_number(w, g):
            exact += 1
        else:
            wrong.append((at, w, g))

    for table in layouts.TABLES:
        walk(want[table], got.get(table, {}), "/" + table)
    return exact, unread, wrong


def parse(data, work_dir, name="report.txt"):
    path = os.path.join(work_dir, name)
    with open(path, "wb") as f:
        f.write(data)
    r = subprocess.run([XXGK, "parse", path], capture_output=True, timeout=60)
    return r, (json.loads(r.stdout) if r.stdout else None)


class LayoutsTest(unittest.TestCase):
    def test_samples_are_found(self):
        self.assertGreaterEqual(len(SAMPLES), 14)

    def test_every_layout_reads_every_cell_exactly_or_leaves_it_unread(self):
        with tempfile.TemporaryDirectory() as tmp:
            for expected_path in SAMPLES:
                name = os.path.relpath(os.path.dirname(expected_path), os.path.join(SOURCE, "tests", "samples"))
                with open(expected_path, encoding="utf-8") as f:
                    truth = layouts.filled(json.load(f))
                doc, meta = layouts.document(truth, layouts.tables_of(truth, tmp))
                for layout, (writer, floor) in layouts.LAYOUTS.items():
                    with self.subTest(sample=name, layout=layout):
                        r, got = parse(writer(doc, meta), tmp)
                        self.assertIsNotNone(got, r.stderr.decode("utf-8", "replace")[:500])
                        self.assertEqual(got["format"], truth["format"])
                        self.assertEqual(got["year"], truth["year"])
                        exact, unread, wrong = compare(truth, got)
                        self.assertEqual(wrong, [], "wrong numbers")
                        total = exact + unread
                        self.assertGreaterEqual(exact, floor * total, "%d of %d cells exact" % (exact, total))
                        # Unread cells are named: each by a cell.unreadable error, none by cell.blank alone.
                        stderr = r.stderr.decode("utf-8")
                        if unread:
                            self.assertTrue("cell.unreadable" in stderr or "doc.table_layout" in stderr, stderr[:500])
                        self.assertNotIn("doc.table_missing", stderr)

    def test_rendered_utf16_texts_read_exactly_when_sniffed(self):
        with tempfile.TemporaryDirectory() as tmp:
            for expected_path in RENDERED:
                folder = os.path.dirname(expected_path)
                if not os.path.exists(os.path.join(folder, "report.utf16.txt")):
                    continue
                with self.subTest(folder=os.path.basename(folder)):
                    with open(expected_path, encoding="utf-8") as f:
                        want = json.load(f)
                    with open(os.path.join(folder, "report.utf16.txt"), "rb") as f:
                        r, got = parse(f.read(), tmp, "report")  # no extension: the bytes decide
                    self.assertIsNotNone(got, r.stderr.decode("utf-8", "replace")[:500])
                    exact, unread, wrong = compare(want, got)
                    self.assertEqual((unread, wrong), (0, []))

if __name__ == "__main__":
    unittest.main()
