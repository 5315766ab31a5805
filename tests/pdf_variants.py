"""The rendered samples' numbers re-laid as PDFs the samples do not cover, and each read counted cell by cell.

    python3 tests/pdf_variants.py OUT_DIR [SAMPLE_DIR ...] [--variants a,b] [--count]

Each SAMPLE_DIR holds report.docx (the official template filled with expected.json's numbers) and, for the
`html-*` variants, report.html. A DOCX variant edits word/document.xml (column widths, font sizes, fonts, page
orientation, row heights) and LibreOffice (`soffice --headless --convert-to pdf`) prints it; an HTML variant
adds a style sheet and chromium (`--print-to-pdf`) prints it. With `--count`, `xxgk parse` (XXGK_BIN) reads each
PDF and the cells of tables 二, 三 and 四 are compared with expected.json: exact, unread (null) and wrong.
Deterministic: the uneven widths come from a seeded generator, the rest are fixed factors.
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

XXGK = os.environ.get("XXGK_BIN", "xxgk")
TABLES = ("active_disclosure", "applications", "review_litigation")
SERIF = "AR PL UMing CN"
SANS = "WenQuanYi Zen Hei"


def scaled_grid(table, widths_of):
    """The table with its grid columns replaced by widths_of(old widths) and every cell's width made to match."""
    grid = re.search(r"<w:tblGrid>(.*?)</w:tblGrid>", table, re.S)
    old = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', grid.group(1))]
    new = widths_of(old)
    table = table[:grid.start()] + "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in new) + \
        "</w:tblGrid>" + table[grid.end():]
    table = re.sub(r'<w:tblW w:w="\d+"', f'<w:tblW w:w="{sum(new)}"', table, count=1)

    def row(m):
        r = m.group(0)
        before = re.search(r'<w:gridBefore w:val="(\d+)"/>', r)
        col = [int(before.group(1)) if before else 0]

        def cell(c):
            span = re.search(r'<w:gridSpan w:val="(\d+)"/>', c.group(0))
            n = int(span.group(1)) if span else 1
            width = sum(new[col[0]:col[0] + n])
            col[0] += n
            return re.sub(r'<w:tcW w:w="\d+"', f'<w:tcW w:w="{width}"', c.group(0), count=1)
        return re.sub(r"<w:tc>.*?</w:tc>", cell, r, flags=re.S)
    return re.sub(r"<w:tr[ >].*?</w:tr>", row, table, flags=re.S)


def each_table(doc, edit):
    """doc with edit(table_xml, index) applied to each top-level table (the template nests none)."""
    out, i = [], 0
    pos = 0
    for m in re.finditer(r"<w:tbl>.*?</w:tbl>", doc, re.S):
        out.append(doc[pos:m.start()])
        out.append(edit(m.group(0), i))
        pos = m.end()
        i += 1
    out.append(doc[pos:])
    return "".join(out)


def numbers_narrow(factor, label_factor=1.0):
    """Table 三 and 四's numeric columns (those after the widest, the label column) scaled by factor."""
    def widths(old):
        label = old.index(max(old))
        return [int(w * (label_factor if i <= label else factor)) for i, w in enumerate(old)]
    return widths


def uneven(seed):
    def widths(old):
        rng = random.Random(seed + len(old))
        label = old.index(max(old))
        return [w if i <= label else int(w * rng.uniform(0.55, 1.5)) for i, w in enumerate(old)]
    return widths


def font_size(doc, size):
    return re.sub(r'<w:sz(Cs)? w:val="20"/>', lambda m: f'<w:sz{m.group(1) or ""} w:val="{size}"/>', doc)


def fonts(doc, face):
    return re.sub(r'(w:(?:ascii|hAnsi|eastAsia|cs)=)"[^"]*"', lambda m: f'{m.group(1)}"{face}"', doc)


def landscape(doc):
    doc = re.sub(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"[^>]*/>',
                 lambda m: f'<w:pgSz w:w="{m.group(2)}" w:h="{m.group(1)}" w:orient="landscape"/>', doc)
    return each_table(doc, lambda t, i: scaled_grid(t, lambda old: [int(w * 1.4) for w in old]))


def tall_rows(doc):
    """Every table row at least 0.45 inch high: the tables run over two or three pages."""
    return re.sub(r"<w:trPr>", '<w:trPr><w:trHeight w:val="650"/>', doc)


def tables_only(grid):
    return lambda doc: each_table(doc, lambda t, i: scaled_grid(t, grid) if i > 0 else t)


DOCX_VARIANTS = {
    # numbers' columns narrow enough that 4- and 5-digit values wrap
    "narrow": lambda d: fonts(tables_only(numbers_narrow(0.55))(d), SERIF),
    # uneven numeric columns, some wider, some narrower than the template's
    "uneven": lambda d: fonts(tables_only(uneven(7))(d), SANS),
    # a larger font in the cells: labels wrap into 2–3 lines, the tables split across pages
    "bigfont": lambda d: fonts(font_size(d, 28), SERIF),
    # a small font and a narrow label column: labels wrap into three lines beside one-line values
    "smallfont-narrowlabels": lambda d: fonts(font_size(tables_only(numbers_narrow(1.0, 0.5))(d), 15), SANS),
    # landscape page, wider tables
    "landscape": lambda d: fonts(landscape(d), SANS),
    # tall rows: every table split across pages
    "tallrows": lambda d: fonts(tall_rows(d), SERIF),
    # narrow numbers and a big font together: values wrap over three lines
    "narrow-bigfont": lambda d: fonts(font_size(tables_only(numbers_narrow(0.6))(d), 26), SANS),
}

HTML_VARIANTS = {
    "html-narrow": "table{width:60%!important;font-size:11pt} td{padding:1px!important}",
    "html-landscape-small": "@page{size:A4 landscape} body{font-size:8pt} table{font-size:8pt}",
    "html-bigfont": "table{width:100%;font-size:15pt!important} td{font-size:15pt!important}",
}


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=240, **kw)


def docx_variant(sample, name, out_dir, work):
    src = os.path.join(sample, "report.docx")
    edited = os.path.join(work, f"{name}.docx")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = DOCX_VARIANTS[name](data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    profile = os.path.join(work, "profile")
    run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", work, edited])
    pdf = os.path.join(work, f"{name}.pdf")
    if not os.path.exists(pdf):
        raise RuntimeError(f"LibreOffice made no PDF of {edited}")
    target = os.path.join(out_dir, f"{os.path.basename(sample)}-{name}.pdf")
    shutil.move(pdf, target)
    return target


def html_variant(sample, name, out_dir, work):
    html = open(os.path.join(sample, "report.html"), encoding="utf-8", errors="replace").read()
    style = f"<style>{HTML_VARIANTS[name]} body,td,p{{font-family:'{SANS}'}}</style>"
    html = re.sub(r"</head>", style + "</head>", html, count=1, flags=re.I) if re.search("</head>", html, re.I) \
        else style + html
    page = os.path.join(work, f"{name}.html")
    open(page, "w", encoding="utf-8").write(html)
    target = os.path.join(out_dir, f"{os.path.basename(sample)}-{name}.pdf")
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={os.path.join(work, 'chromium')}", f"--print-to-pdf={target}", "file://" + page])
    if not os.path.exists(target):
        raise RuntimeError(f"chromium made no PDF of {page}")
    return target


def leaves(node, pointer=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from leaves(v, f"{pointer}/{k}")
    else:
        yield pointer, node


def count(pdf, expected):
    """(exact, unread, wrong, misses) of the PDF's cells against expected.json."""
    r = run([XXGK, "parse", pdf])
    got = json.loads(r.stdout) if r.stdout.strip() else {}
    got_cells = dict(leaves({t: got.get(t, {}) for t in TABLES}))
    exact = unread = wrong = 0
    misses = []
    for pointer, value in leaves({t: expected[t] for t in TABLES}):
        seen = got_cells.get(pointer)
        if seen == value:
            exact += 1
        elif seen is None:
            unread += 1
        else:
            wrong += 1
            misses.append(f"{pointer}: {value} → {seen}")
    return exact, unread, wrong, misses


def main(argv):
    variants = list(DOCX_VARIANTS) + list(HTML_VARIANTS)
    if "--variants" in argv:
        i = argv.index("--variants")
        variants = argv[i + 1].split(",")
        del argv[i:i + 2]
    counting = "--count" in argv
    argv = [a for a in argv if a != "--count"]
    out_dir, samples = argv[0], argv[1:]
    os.makedirs(out_dir, exist_ok=True)
    failed = False
    for sample in samples:
        expected = json.load(open(os.path.join(sample, "expected.json"), encoding="utf-8"))
        for name in variants:
            with tempfile.TemporaryDirectory() as work:
                make = docx_variant if name in DOCX_VARIANTS else html_variant
                pdf = make(sample, name, out_dir, work)
            if counting:
                exact, unread, wrong, misses = count(pdf, expected)
                failed |= wrong > 0
                print(f"{os.path.basename(pdf)}\t{exact}\t{unread}\t{wrong}\t{'; '.join(misses[:4])}", flush=True)
            else:
                print(pdf, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
