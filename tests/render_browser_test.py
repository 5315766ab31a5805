"""What people look at, checked in a real browser: `xxgk render --format html --check` pages loaded in headless
Chromium highlight exactly the cells of the findings `xxgk check` reports; the rendered tables have the merged
cells and labels of the official template (template-2021/template.docx); the batch index links every page.

Chromium is required (cmake/install-deps.sh installs Debian's `chromium`). Screenshots are left in
$XXGK_BUILD_DIR/render-screens/ for people to look at."""
import html.parser
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile

XXGK = os.environ.get("XXGK_BIN", "xxgk")
SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
BUILD = os.environ.get("XXGK_BUILD_DIR", tempfile.gettempdir())
FAULTS = os.path.join(SOURCE, "examples", "faults")
SEED = os.path.join(SOURCE, "examples", "acheng-yagou-2023.json")
TEMPLATE = os.path.join(SOURCE, "tests", "samples", "template-2021", "template.docx")
TABLES = ("/active_disclosure/", "/applications/", "/review_litigation/")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def run(*args):
    return subprocess.run([XXGK, *args], capture_output=True, text=True, timeout=60)


def chromium(url, *extra):
    """Runs headless Chromium on a URL with no network, no profile and no background services."""
    profile = tempfile.mkdtemp(prefix="xxgk-chromium-")
    try:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
             *extra, url], capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def anchor(pointer):
    return "cell" + pointer.replace("/", "-")


class Elements(html.parser.HTMLParser):
    """Collects every element's tag and attributes, and the tables as rows of (tag, text, rowspan, colspan)."""

    def __init__(self):
        super().__init__()
        self.elements = []
        self.tables = []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag == "table" and "form" in a.get("class", "").split():
            self.tables.append([])
        elif tag == "tr" and self.tables and self._cell is None:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = [tag, "", int(a.get("rowspan", 1)), int(a.get("colspan", 1)), a]

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append(tuple(self._cell[:4]))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data

    def with_class(self, tag, cls):
        return [a for t, a in self.elements if t == tag and cls in a.get("class", "").split()]


def parse(text):
    p = Elements()
    p.feed(text)
    p.close()
    return p


def template_tables():
    """The tables of the official template as rows of (text, rowspan, colspan), vMerge turned into rowspan."""
    xml = zipfile.ZipFile(TEMPLATE).read("word/document.xml").decode("utf-8")
    tables = []
    for tbl in re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S):
        grid = []  # rows of [text, rowspan, colspan, merge, start column]
        for tr in re.findall(r"<w:tr[ >].*?</w:tr>", tbl, re.S):
            row, column = [], 0
            for tc in re.findall(r"<w:tc>.*?</w:tc>", tr, re.S):
                span = re.search(r'<w:gridSpan w:val="(\d+)"', tc)
                merge = re.search(r'<w:vMerge(?: w:val="(\w+)")?/>', tc)
                text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", tc)).strip("\u3000 ")
                cols = int(span.group(1)) if span else 1
                row.append([text, 1, cols, (merge.group(1) or "continue") if merge else None, column])
                column += cols
            grid.append(row)
        for r, row in enumerate(grid):
            for cell in row:
                if cell[3] == "restart":
                    below = r + 1
                    while below < len(grid) and any(c[4] == cell[4] and c[3] == "continue" for c in grid[below]):
                        below += 1
                    cell[1] = below - r
        tables.append([[(c[0], c[1], c[2]) for c in row if c[3] != "continue"] for row in grid])
    return tables


class BrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if CHROMIUM is None:
            raise RuntimeError("chromium is required for the browser tests: sh cmake/install-deps.sh installs it")
        cls.out = os.path.join(BUILD, "render-screens")
        os.makedirs(cls.out, exist_ok=True)

    def render_page(self, source, name, *options):
        page = os.path.join(self.out, name + ".html")
        r = run("render", "--format", "html", "--check", *options, "-o", page, source)
        self.assertEqual(r.returncode, 0, r.stderr)
        return page

    def dom(self, page):
        r = chromium("file://" + page, "--dump-dom")
        self.assertEqual(r.returncode, 0, r.stderr[-2000:])
        self.assertIn("</html>", r.stdout)
        return parse(r.stdout)

    def test_the_highlighted_cells_are_exactly_the_faulty_ones(self):
        checked = 0
        for name in sorted(os.listdir(FAULTS)):
            source = os.path.join(FAULTS, name)
            report = json.loads(run("check", "--format", "json", source).stdout)["files"][0]
            if "error" in report:
                continue  # malformed.json, ill-typed.json: nothing to render
            findings = report["diagnostics"]
            self.assertTrue(findings, name)
            faulty = {anchor(p) for d in findings for p in d["pointers"] if p.startswith(TABLES)}
            primary = {anchor(d["pointers"][0]) for d in findings if d["pointers"] and d["pointers"][0].startswith(TABLES)}
            dom = self.dom(self.render_page(source, os.path.splitext(name)[0]))
            self.assertEqual({a["id"] for a in dom.with_class("td", "fault")}, faulty, name)
            self.assertEqual({a["id"] for a in dom.with_class("td", "primary")}, primary, name)
            # Every finding is on the page, and every faulty cell links to one that exists.
            finding_ids = {a["id"] for a in dom.with_class("li", "finding")}
            self.assertEqual(finding_ids, {"finding-%d" % (i + 1) for i in range(len(findings))}, name)
            links = {a["href"][1:] for t, a in dom.elements if t == "a" and "badge" in a.get("class", "")}
            self.assertTrue(links and links <= finding_ids, name)
            # Every cell a finding names is an element of the page (cells link back).
            ids = {a.get("id") for _, a in dom.elements}
            for d in findings:
                for p in d["pointers"]:
                    self.assertIn(anchor(p), ids, (name, p))
            checked += 1
        self.assertGreaterEqual(checked, 5)

    def test_the_page_carries_both_languages_and_shows_the_chosen_one_first(self):
        dom = self.dom(self.render_page(os.path.join(FAULTS, "balance.json"), "balance-en", "--lang", "en"))
        html_tag = [a for t, a in dom.elements if t == "html"][0]
        self.assertEqual(html_tag["lang"], "en")
        radios = {a["id"]: "checked" in a for t, a in dom.elements if t == "input"}
        self.assertEqual(radios, {"lang-zh": False, "lang-en": True})
        self.assertTrue(dom.with_class("span", "zh") and dom.with_class("span", "en"))
        # No script and nothing fetched: the switch is CSS over the two radio buttons.
        self.assertFalse([t for t, a in dom.elements if t in ("script", "link", "img", "iframe")])

    def test_screenshots_for_people(self):
        for name, extra in (("cells", ()), ("cells-en", ("--lang", "en"))):
            page = self.render_page(os.path.join(FAULTS, "cells.json"), name, *extra)
            png = os.path.join(self.out, name + ".png")
            r = chromium("file://" + page, "--screenshot=" + png, "--window-size=1200,2000")
            self.assertEqual(r.returncode, 0, r.stderr[-2000:])
            with open(png, "rb") as f:
                data = f.read()
            self.assertTrue(data.startswith(b"\x89PNG"), png)
            self.assertGreater(len(data), 20000, png)

    def test_the_batch_index_links_every_page_and_draws_its_charts(self):
        out = os.path.join(self.out, "batch")
        shutil.rmtree(out, ignore_errors=True)
        files = [os.path.join(FAULTS, n) for n in sorted(os.listdir(FAULTS))] + [SEED]
        r = run("render", "--format", "html", "--check", "-o", out, *files)
        self.assertEqual(r.returncode, 2, r.stderr)  # two fault files are unreadable on purpose
        dom = self.dom(os.path.join(out, "index.html"))
        pages = [a["href"] for t, a in dom.elements if t == "a" and a.get("href", "").endswith(".html")]
        self.assertEqual(len(pages), len(files) - 2)
        for p in pages:
            self.assertTrue(os.path.exists(os.path.join(out, p)), p)
        self.assertEqual(len(dom.with_class("svg", "chart")), 2)
        self.assertGreater(len([t for t, a in dom.elements if t == "rect"]), 3)
        r = chromium("file://" + os.path.join(out, "index.html"), "--screenshot=" + os.path.join(self.out, "index.png"),
                     "--window-size=1200,1400")
        self.assertEqual(r.returncode, 0, r.stderr[-2000:])


class TemplateLayoutTest(unittest.TestCase):
    def test_the_rendered_tables_have_the_templates_labels_and_merged_cells(self):
        r = run("render", "--format", "html", SEED)
        self.assertEqual(r.returncode, 0, r.stderr)
        rendered = parse(r.stdout).tables
        official = template_tables()
        self.assertEqual(len(rendered), 3)
        self.assertEqual(len(official), 3)
        for mine, theirs in zip(rendered, official):
            # Label cells: same text, same spans, same place; value cells: where the template leaves a blank.
            mine = [[(text if tag == "th" else "", rs, cs) for tag, text, rs, cs in row] for row in mine]
            self.assertEqual(mine, theirs)

    def test_the_trial_format_renders_its_own_table_two(self):
        r = run("render", "--format", "html", os.path.join(SOURCE, "tests", "samples", "pingtan", "36-suping-2020",
                                                          "expected.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        table2 = parse(r.stdout).tables[0]
        captions = [row[0][1] for row in table2 if len(row) == 1]
        self.assertEqual(captions, ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
                                    "第二十条第（九）项"])
        self.assertTrue(all(sum(c[3] for c in row) == 4 for row in table2))


if __name__ == "__main__":
    unittest.main()
