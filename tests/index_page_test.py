"""The index page of `xxgk check --format html` as an office reads it: the figures first (reports read and
unreadable, on time, late, undated, with errors), the findings per rule (with the rules' titles) and per
agency, and every report in a table that sorts when a heading is clicked (run in headless Chromium); still
self-contained. Structure is checked against `xxgk check --format json` over the same files, not pixels; the
screenshots are left in $XXGK_BUILD_DIR/index-screens/ for people to look at."""
import html.parser
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from render_browser_test import CHROMIUM, chromium
from workbook_test import make_corpus

XXGK = os.environ.get("XXGK_BIN", "xxgk")
BUILD = os.environ.get("XXGK_BUILD_DIR", tempfile.gettempdir())


def run(*args):
    return subprocess.run([XXGK, *args], capture_output=True, text=True, timeout=60)


class Page(html.parser.HTMLParser):
    """Every element (tag, attributes), the text of the overview's figures, and each table as rows of cells
    (tag, text, attributes); with the class names of the tables."""

    def __init__(self, text):
        super().__init__()
        self.elements, self.tables, self.figures, self.scripts = [], [], [], []
        self._cell = self._figure = self._script = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        classes = a.get("class", "").split()
        if tag == "table":
            self.tables.append((classes, []))
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = [tag, "", a]
        elif tag == "div" and "figure" in classes:
            self._figure = ["", classes]
        elif tag == "script":
            self._script = [a, ""]

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell:
            self.tables[-1][1][-1].append(tuple(self._cell))
            self._cell = None
        elif tag == "div" and self._figure:
            self.figures.append(tuple(self._figure))
            self._figure = None
        elif tag == "script" and self._script:
            self.scripts.append(tuple(self._script))
            self._script = None

    def handle_data(self, data):
        if self._cell:
            self._cell[1] += data
        if self._figure:
            self._figure[0] += data
        if self._script:
            self._script[1] += data

    def sortable(self):
        return [rows for classes, rows in self.tables if "sortable" in classes]


@unittest.skipUnless(CHROMIUM, "chromium is not installed (cmake/install-deps.sh installs it)")
class IndexPageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="xxgk-index-")
        corpus = make_corpus(cls.dir, {
            "a-on-time.json": {"published": "2024-01-20"},
            "b-late.json": {"agency": "某市财政局", "agency_kind": "department", "published": "2024-03-01"},
            "c-later.json": {"agency": "某市教育局", "agency_kind": "department", "published": "2024-02-05"},
        }, ("balance.json", "cells.json", "malformed.json", "review-total.json"))
        cls.json = json.loads(run("check", "--format", "json", corpus).stdout)
        cls.out = os.path.join(cls.dir, "pages")
        cls.result = run("check", "--format", "html", "-o", cls.out, corpus)
        with open(os.path.join(cls.out, "index.html"), encoding="utf-8") as f:
            cls.html = f.read()
        cls.page = Page(cls.html)
        cls.screens = os.path.join(BUILD, "index-screens")
        os.makedirs(cls.screens, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def readable(self):
        return [f for f in self.json["files"] if "error" not in f]

    def test_the_figures_come_first_and_count_the_reports(self):
        self.assertEqual(self.result.returncode, 2, self.result.stderr)  # malformed.json
        files = self.readable()
        want = {"份报告已读取": len(files), "无法读取": len(self.json["files"]) - len(files),
                "按时发布": sum(f["late_days"] == 0 for f in files),
                "逾期发布": sum(bool(f["late_days"]) for f in files),
                "未注明发布日期": sum(f["late_days"] is None for f in files),
                "份报告有错误": sum(f["summary"]["error"] > 0 for f in files)}
        got = {}
        for text, classes in self.page.figures:
            number = "".join(c for c in text if c.isdigit())
            words = text[len(number):]
            zh = next(w for w in want if words.startswith(w))
            got[zh] = int(number)
            # A figure that needs attention is marked when it is not 0.
            if zh in ("无法读取", "逾期发布", "份报告有错误"):
                self.assertEqual("bad" in classes, got[zh] > 0, zh)
        self.assertEqual(got, want)
        self.assertEqual(want["逾期发布"], 2)
        # Before every table.
        self.assertLess(self.html.index('class="overview"'), self.html.index("<table"))

    def test_per_rule_and_per_agency_tables_hold_the_json_counts(self):
        per_rule, per_agency, reports = self.page.sortable()
        rules = {r["id"]: r for r in json.loads(run("rules", "--format", "json").stdout)}
        counted = {}
        for f in self.readable():
            for d in f["diagnostics"]:
                c = counted.setdefault(d["rule"], [0, 0, 0])
                c[("error", "warning", "info").index(d["severity"])] += 1
        got = {row[0][1]: [int(c[1]) for c in row[2:5]] for row in per_rule[1:]}
        self.assertEqual(got, counted)
        for row in per_rule[1:]:
            self.assertIn(rules[row[0][1]]["title"]["zh"], row[1][1])
        # The chart of rules is labelled with the rules' Chinese (and English) titles.
        texts = self.html.split('<svg class="chart"')[1].split("</svg>")[0]
        for rule_id in counted:
            self.assertIn(">" + rules[rule_id]["title"]["zh"] + "</text>", texts)
            self.assertIn(">" + rules[rule_id]["title"]["en"] + "</text>", texts)
        agencies = {}
        for f in self.readable():
            a = agencies.setdefault(f["agency"], [0, 0, 0, 0])
            a[0] += 1
            for k, s in enumerate(("error", "warning", "info")):
                a[k + 1] += f["summary"][s]
        self.assertEqual({row[0][1]: [int(c[1]) for c in row[1:5]] for row in per_agency[1:]}, agencies)

    def test_every_input_has_a_row_with_its_publication(self):
        reports = self.page.sortable()[2]
        self.assertEqual(len(reports) - 1, len(self.json["files"]))
        for row, f in zip(reports[1:], self.json["files"]):
            self.assertEqual(row[1][1], f["file"])
            if "error" in f:
                self.assertIn(f["error"], row[2][1])
                continue
            self.assertEqual(row[2][1], f["agency"])
            self.assertEqual(row[4][1], f["published"] or "")
            late = row[5]
            self.assertEqual(late[2].get("data-sort"), "" if f["late_days"] is None else str(f["late_days"]))
            self.assertEqual([int(c[1]) for c in row[6:9]],
                             [f["summary"][s] for s in ("error", "warning", "info")])

    def test_self_contained_with_one_inline_script(self):
        self.assertEqual(len(self.page.scripts), 1)
        self.assertEqual(self.page.scripts[0][0], {})  # no src, no type
        self.assertFalse([t for t, a in self.page.elements if t in ("link", "img", "iframe", "object", "embed")])
        for external in ("http:", "https:", "src=", "@import", "url(", "fetch(", "XMLHttpRequest"):
            self.assertNotIn(external, self.html)
        for rows in self.page.sortable():
            self.assertEqual(rows[0][0][0], "th")
            width = len(rows[0])
            for row in rows[1:]:
                spans = sum(int(c[2].get("colspan", 1)) for c in row)
                self.assertEqual(spans, width)

    def sorted_rows(self, column, clicks):
        """The reports table after clicking the heading of `column` `clicks` times, as Chromium shows it."""
        clicked = os.path.join(self.out, "clicked.html")
        click = "const th = document.querySelectorAll('table.sortable')[2].tHead.rows[0].cells[%d];" % column
        with open(clicked, "w", encoding="utf-8") as f:
            f.write(self.html.replace("</body>", "<script>%s%s</script></body>" % (click, "th.click();" * clicks)))
        r = chromium("file://" + clicked, "--dump-dom")
        self.assertEqual(r.returncode, 0, r.stderr[-2000:])
        return Page(r.stdout).sortable()[2][1:]

    def test_clicking_a_heading_sorts_the_reports(self):
        # 是否按时: numbers by their value (days late), reports without a date ("") first, then 0, 5 and 30.
        rows = self.sorted_rows(5, 1)
        readable = [r for r in rows if len(r) > 3]
        keys = [r[5][2]["data-sort"] for r in readable]
        self.assertEqual(keys[-3:], ["0", "5", "30"])
        self.assertTrue(all(k == "" for k in keys[:-3]))
        # Again: the other way.
        rows = self.sorted_rows(5, 2)
        self.assertEqual([r[5][2]["data-sort"] for r in rows if len(r) > 3][:3], ["30", "5", "0"])
        # 错误: as numbers, not as text (10 after 9).
        errors = [int(r[6][1]) for r in self.sorted_rows(6, 2) if len(r) > 3]
        self.assertEqual(errors, sorted(errors, reverse=True))
        self.assertGreater(errors[0], errors[-1])

    def test_screenshots_for_people(self):
        for name, extra in (("index", ()), ("index-en", ("--lang", "en"))):
            out = os.path.join(self.dir, name)
            corpus = os.path.join(self.dir, "corpus")
            run("check", "--format", "html", "-o", out, *extra, corpus)
            png = os.path.join(self.screens, name + ".png")
            r = chromium("file://" + os.path.join(out, "index.html"), "--screenshot=" + png, "--window-size=1280,1800")
            self.assertEqual(r.returncode, 0, r.stderr[-2000:])
            with open(png, "rb") as f:
                self.assertTrue(f.read(8).startswith(b"\x89PNG"), png)


if __name__ == "__main__":
    unittest.main()
