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


def compare(want, got, tables=layouts.TABLES):
    """(exact, unread, wrong cells as (pointer, want, got)) over the three tables (or those named)."""
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

    for table in tables:
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

    def test_a_table_none_of_whose_rows_match_is_one_finding_in_every_format(self):
        """Table 三 with every row named its own way and one row fewer than the format (so the official order
        cannot stand in for the labels): one doc.table_missing that quotes what it printed, no finding per
        row or cell of it, tables 二 and 四 exact."""
        with tempfile.TemporaryDirectory() as tmp:
            for expected_path in SAMPLES[:4]:
                with open(expected_path, encoding="utf-8") as f:
                    truth = layouts.filled(json.load(f))
                doc, meta = layouts.document(truth, layouts.tables_of(truth, tmp))
                doc = layouts.unmatched_labels(doc, "三")
                del doc[max(i for i, b in enumerate(doc) if b[0] == "row" and b[1][-1].startswith("自列事项"))]
                for layout in layouts.GARBLED_LAYOUTS:
                    with self.subTest(sample=expected_path, layout=layout):
                        r, got = parse(layouts.LAYOUTS[layout][0](doc, meta), tmp)
                        self.assertIsNotNone(got, r.stderr.decode("utf-8", "replace")[:500])
                        stderr = r.stderr.decode("utf-8")
                        self.assertEqual(compare(truth, got)[2], [], "wrong numbers")
                        self.assertTrue(all(v is None for row in got["applications"].values() for v in row.values()))
                        for table in ("active_disclosure", "review_litigation"):
                            self.assertEqual(compare(truth, got, (table,))[1], 0, table)
                        missing = [line for line in stderr.split("\n") if "doc.table_missing" in line]
                        self.assertEqual(len(missing), 1, stderr[:800])
                        self.assertIn("/sections/applications", missing[0])
                        self.assertIn("自列事项", missing[0])  # what was printed
                        about_table = [line for line in stderr.split("\n")
                                       if "/applications/" in line or "/sections/applications" in line]
                        self.assertEqual(about_table, missing, stderr[:800])

    def test_rows_that_match_no_row_leave_the_rows_they_may_be_unread_not_blank(self):
        """The numbered rows of table 三 named their own way: one doc.table_layout quoting them, the format's
        rows they may be left unread (no cell.blank, no false identity error), every other cell exact."""
        with tempfile.TemporaryDirectory() as tmp:
            for expected_path in SAMPLES[:4]:
                with open(expected_path, encoding="utf-8") as f:
                    truth = layouts.filled(json.load(f))
                doc, meta = layouts.document(truth, layouts.tables_of(truth, tmp))
                doc = layouts.unmatched_labels(doc, "三", lambda label: label[:1].isdigit())
                renamed = sum(1 for b in doc if b[0] == "row" and b[1][-1].startswith("自列事项"))
                for layout in layouts.GARBLED_LAYOUTS:
                    with self.subTest(sample=expected_path, layout=layout):
                        r, got = parse(layouts.LAYOUTS[layout][0](doc, meta), tmp)
                        self.assertIsNotNone(got, r.stderr.decode("utf-8", "replace")[:500])
                        stderr = r.stderr.decode("utf-8")
                        exact, unread, wrong = compare(truth, got)
                        self.assertEqual(wrong, [], "wrong numbers")
                        self.assertEqual(unread, renamed * 7)
                        self.assertNotIn("cell.blank", stderr)
                        self.assertFalse([line for line in stderr.split("\n")
                                          if "cell.unreadable" in line and "/applications/" in line], stderr[:800])
                        self.assertFalse([line for line in stderr.split("\n") if "[t3." in line and "错误" in line],
                                         stderr[:800])
                        layout_lines = [line for line in stderr.split("\n") if "行名无法与格式的行对应" in line]
                        self.assertEqual(len(layout_lines), 1, stderr[:800])
                        self.assertIn("%d行数值" % renamed, layout_lines[0])

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
