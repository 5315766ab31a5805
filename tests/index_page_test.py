"""The index page of `xxgk check --format html` as an office reads it: the figures first (reports read and
unreadable, on time, late, undated, with errors), the findings per rule (with the rules' titles) and per
agency, and every report in a table that sorts when a heading is clicked (run in headless Chromium); still
self-contained. Structure is checked against `xxgk check --format json` over the same files, not pixels; the
screenshots are left in $XXGK_BUILD_DIR/index-screens/ for people to look at."""
import html.parser
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import aggregate_test
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
        self.ids = {}  # a table's id → its index in `tables`
        self._cell = self._figure = self._script = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        classes = a.get("class", "").split()
        if tag == "table":
            self.tables.append((classes, []))
            if "id" in a:
                self.ids[a["id"]] = len(self.tables) - 1
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

    def table(self, table_id):
        """The rows of the table with that id (the heading row first)."""
        return self.tables[self.ids[table_id]][1]


def load_index(cls):
    """Reads the index page the test class wrote into `cls.out`; screenshots go to $XXGK_BUILD_DIR/index-screens."""
    with open(os.path.join(cls.out, "index.html"), encoding="utf-8") as f:
        cls.html = f.read()
    cls.page = Page(cls.html)
    cls.screens = os.path.join(BUILD, "index-screens")
    os.makedirs(cls.screens, exist_ok=True)


def assert_self_contained(test, page, html):
    """No external resource and one inline script; every row of a sortable table as wide as its heading row."""
    test.assertEqual(len(page.scripts), 1)
    test.assertEqual(page.scripts[0][0], {})  # no src, no type
    test.assertFalse([t for t, a in page.elements if t in ("link", "img", "iframe", "object", "embed")])
    for external in ("http:", "https:", "src=", "@import", "url(", "fetch(", "XMLHttpRequest"):
        test.assertNotIn(external, html)
    for rows in page.sortable():
        test.assertEqual(rows[0][0][0], "th")
        width = len(rows[0])
        for row in rows[1:]:
            test.assertEqual(sum(int(c[2].get("colspan", 1)) for c in row), width)


def clicked(test, directory, html, table_id, column, clicks, *more):
    """The table `table_id` after clicking the heading of `column` `clicks` times, as Chromium shows it; with
    `more` (table id, column, clicks, ...), every table clicked in the same page, as a list."""
    clicks_of = [(table_id, column, clicks)] + [tuple(more[k:k + 3]) for k in range(0, len(more), 3)]
    path = os.path.join(directory, "clicked.html")
    script = "".join("{const th = document.getElementById('%s').tHead.rows[0].cells[%d];%s}" % (t, c, "th.click();" * n)
                     for t, c, n in clicks_of)
    with open(path, "w", encoding="utf-8") as f:
        f.write(html.replace("</body>", "<script>%s</script></body>" % script))
    r = chromium("file://" + path, "--dump-dom")
    test.assertEqual(r.returncode, 0, r.stderr[-2000:])
    tables = [Page(r.stdout).table(t)[1:] for t, _, _ in clicks_of]
    return tables if more else tables[0]


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
        load_index(cls)

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
        counted, affected = {}, {}
        for f in self.readable():
            for d in f["diagnostics"]:
                c = counted.setdefault(d["rule"], [0, 0, 0])
                c[("error", "warning", "info").index(d["severity"])] += 1
            for rule_id in {d["rule"] for d in f["diagnostics"]}:
                affected[rule_id] = affected.get(rule_id, 0) + 1
        got = {row[0][1]: [int(c[1]) for c in row[4:7]] for row in per_rule[1:]}
        self.assertEqual(got, counted)
        self.assertEqual({row[0][1]: int(row[3][1]) for row in per_rule[1:]}, affected)
        self.assertTrue(any(n > 1 for n in affected.values()))
        severity = {"error": "错误", "warning": "警告", "info": "提示"}
        for row in per_rule[1:]:
            self.assertIn(rules[row[0][1]]["title"]["zh"], row[1][1])
            self.assertIn(severity[rules[row[0][1]]["severity"]], row[2][1])
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
        assert_self_contained(self, self.page, self.html)

    def sorted_rows(self, column, clicks):
        """The reports table after clicking the heading of `column` `clicks` times, as Chromium shows it."""
        return clicked(self, self.out, self.html, "reports", column, clicks)

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


@unittest.skipUnless(CHROMIUM, "chromium is not installed (cmake/install-deps.sh installs it)")
class OfficeIndexPageTest(unittest.TestCase):
    """`--aggregate FILE`: the roster, the 汇总 and the indicators of `xxgk aggregate` on the index page, over the
    two-year hierarchy corpus of aggregate_test (missing and late units, planted differences). `aggregate` is
    given absolute paths and `check` relative ones: the page still links the units to their pages."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="xxgk-office-index-")
        cls.corpus = aggregate_test.Corpus(os.path.join(cls.dir, "corpus"))
        r = run("aggregate", "--units", cls.corpus.units, cls.corpus.root)
        if r.returncode != 0:
            raise AssertionError(r.stderr)
        cls.office = json.loads(r.stdout)
        cls.office_path = os.path.join(cls.dir, "year.json")
        with open(cls.office_path, "w", encoding="utf-8") as f:
            f.write(r.stdout)
        cls.out = os.path.join(cls.dir, "pages")
        cls.result = cls.check("--format", "html", "-o", cls.out, "--aggregate", cls.office_path, "2023", "2024")
        load_index(cls)

    @classmethod
    def check(cls, *args):
        return subprocess.run([XXGK, "check", *args], capture_output=True, text=True, timeout=60, cwd=cls.corpus.root)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_the_roster_comes_first_and_names_exactly_the_missing_and_late_units(self):
        self.assertIn(self.result.returncode, (0, 1), self.result.stderr)
        self.assertLess(self.html.index('id="roster"'), self.html.index('class="overview"'))
        self.assertLess(self.html.index('id="roster"'), self.html.index("<table"))
        rows = self.page.table("attention")[1:]
        missing = {r[0][1] for r in rows if "未公开" in r[3][1]}
        late = {r[0][1]: int(r[6][1]) for r in rows if "逾期" in r[3][1]}
        self.assertEqual(missing, aggregate_test.MISSING_2024)
        self.assertEqual(late, aggregate_test.LATE_2024)
        self.assertEqual(len(rows), len(missing) + len(late))
        # A late unit links to the page of its report; a missing one has none.
        hrefs = re.findall(r'<tr class="state-published">.*?<a href="([^"]+)" title="([^"]+)">', self.html)
        self.assertEqual(len(hrefs), len(aggregate_test.LATE_2024))
        for href, file in hrefs:
            self.assertTrue(os.path.exists(os.path.join(self.out, href)), href)
            self.assertEqual(os.path.dirname(file), "2024")  # named as check was given it
            with open(os.path.join(self.out, href), encoding="utf-8") as f:
                self.assertIn(os.path.splitext(os.path.basename(file))[0], f.read())
        counts = self.office["roster"]["counts"]
        want = {"应公开单位": "units", "已公开": "published", "按时": "on_time", "逾期": "late", "日期不明": "undated",
                "未公开": "missing", "无法读取": "unreadable", "未对应单位的报告": "unmatched"}
        got = {}
        for text, classes in self.page.figures[:8]:
            number = "".join(c for c in text if c.isdigit())
            zh = next(w for w in want if text[len(number):].startswith(w))
            got[want[zh]] = int(number)
            self.assertEqual("bad" in classes, zh in ("逾期", "未公开", "无法读取", "未对应单位的报告") and got[want[zh]] > 0)
        self.assertEqual(got, counts)

    def indicator_cells(self, table_id, key):
        """{row key: {indicator label: (value, previous, change)}} as the page's data attributes give them."""
        rows = self.page.table(table_id)
        heading = rows[0]
        out = {}
        for row in rows[1:]:
            cells = {}
            for h, c in zip(heading, row):
                if "ind" not in h[2].get("class", "").split():
                    continue
                attrs = c[2]
                number = lambda a: float(attrs[a]) if attrs.get(a, "") != "" else None  # noqa: E731
                cells[h[2]["title"]] = (number("data-sort"), number("data-previous"), number("data-change"))
            out[key(row)] = cells
        return out

    def assert_same_indicators(self, shown, indicators):
        """The page's (value, previous, change) of each indicator are the JSON's (to the last bit or two: the
        page writes the numbers it read)."""
        expected = {i["id"]: (i["value"], i["previous"], i["change"]) for i in indicators["indicators"]}
        self.assertEqual(set(shown), set(expected))
        for key, figures in expected.items():
            for got, want in zip(shown[key], figures):
                if want is None:
                    self.assertIsNone(got, key)
                else:
                    self.assertTrue(math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-15), (key, got, want))

    def test_indicators_equal_the_aggregate_json(self):
        per_report = self.indicator_cells("report-indicators", lambda row: row[0][2]["data-file"])
        self.assertEqual(len(per_report), len(self.office["reports"]))
        for r in self.office["reports"]:
            self.assert_same_indicators(per_report[os.path.relpath(r["file"], self.corpus.root)], r["indicators"])
        per_sum = self.indicator_cells("sum-indicators", lambda row: row[0][1])
        self.assertEqual(set(per_sum), {a["parent"] for a in self.office["aggregates"]})
        for a in self.office["aggregates"]:
            self.assert_same_indicators(per_sum[a["parent"]], a["indicators"])
        # Some have last year's value and a change, shown beside the value.
        self.assertTrue(any(v[1] is not None for cells in per_report.values() for v in cells.values()))
        self.assertIn("上年", self.html)
        # The differences from each parent's own report are counted (the planted ones).
        rows = {r[0][1]: r for r in self.page.table("sum-indicators")[1:]}
        for parent, planted in aggregate_test.PLANTED.items():
            self.assertEqual(rows[parent][2][2]["data-sort"], str(len(planted)))

    def test_clicking_a_heading_sorts_the_units_and_the_indicators(self):
        heading = self.page.table("report-indicators")[0]
        column = next(k for k, h in enumerate(heading) if h[2].get("title") == "disclosure_rate")
        units, reports = clicked(self, self.out, self.html, "attention", 6, 2, "report-indicators", column, 1)
        days = [r[6][1] for r in units]
        self.assertEqual(days[:2], [str(max(aggregate_test.LATE_2024.values())), str(min(aggregate_test.LATE_2024.values()))])
        values = [float(r[column][2]["data-sort"]) for r in reports]
        self.assertEqual(values, sorted(values))
        self.assertNotEqual(values, [float(r[column][2]["data-sort"]) for r in self.page.table("report-indicators")[1:]])

    def test_self_contained_and_charts_labelled_with_the_rules_titles(self):
        assert_self_contained(self, self.page, self.html)
        rules = {r["id"]: r for r in json.loads(run("rules", "--format", "json").stdout)}
        charts = self.html.split('<section id="charts">')[1]
        for row in self.page.table("per-rule")[1:]:
            self.assertIn(">" + rules[row[0][1]]["title"]["zh"] + "</text>", charts)
            self.assertIn(">" + rules[row[0][1]]["title"]["en"] + "</text>", charts)

    def test_aggregate_is_refused_for_other_formats_and_when_not_its_output(self):
        r = self.check("--format", "json", "--aggregate", self.office_path, "2024")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--aggregate", r.stderr)
        bad = os.path.join(self.dir, "bad.json")
        with open(bad, "w") as f:
            f.write("{}")
        out = os.path.join(self.dir, "not-written")
        r = self.check("--format", "html", "-o", out, "--aggregate", bad, "2024")
        self.assertEqual(r.returncode, 2)
        self.assertIn("bad.json", r.stderr)
        self.assertFalse(os.path.exists(out))

    def test_screenshots_for_people(self):
        for name, extra in (("office-index", ()), ("office-index-en", ("--lang", "en"))):
            out = os.path.join(self.dir, name)
            self.check("--format", "html", "-o", out, "--aggregate", self.office_path, *extra, "2023", "2024")
            png = os.path.join(self.screens, name + ".png")
            r = chromium("file://" + os.path.join(out, "index.html"), "--screenshot=" + png, "--window-size=1280,3400")
            self.assertEqual(r.returncode, 0, r.stderr[-2000:])
            with open(png, "rb") as f:
                self.assertTrue(f.read(8).startswith(b"\x89PNG"), png)


if __name__ == "__main__":
    unittest.main()
