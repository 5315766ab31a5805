#!/usr/bin/env python3
"""Builds the DOCX fixtures of tests/docx_reader_test.cpp: the official blank template
(tests/samples/template-2021/template.docx) filled with the numbers of a report's canonical JSON.

    python3 tests/data/docx/make_fixtures.py      # from the source root; rewrites the .docx next to this file

Only the title paragraph, the overview's first paragraph and the value cells of the three tables change; everything else (merged cells,
styles, the package's other parts) stays as the template has it. The output is deterministic.
"""
import json
import os
import sys
import zipfile
from xml.dom import minidom

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
TEMPLATE = os.path.join(ROOT, "tests/samples/template-2021/template.docx")
FIXTURES = {
    "acheng-yagou-2023.docx": "examples/acheng-yagou-2023.json",
    "hangzhou-style.docx": "tests/samples/hangzhou-style-html/expected.json",
}
APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"]
OUTCOMES = ["upheld", "corrected", "other", "pending", "total"]


def children(node, local):
    return [c for c in node.childNodes if c.nodeType == c.ELEMENT_NODE and c.namespaceURI == W and c.localName == local]


def printed(value):
    if isinstance(value, bool) or value is None:
        raise ValueError(f"cannot print {value!r}")
    if isinstance(value, (int, str)):
        return str(value)
    if isinstance(value, dict) and "text" in value:
        return value["text"]
    raise ValueError(f"cannot print {value!r}")


def set_text(dom, tc, text):
    """The cell's first paragraph holds one run with `text`; its runs and other paragraphs go."""
    paragraphs = children(tc, "p")
    for extra in paragraphs[1:]:
        tc.removeChild(extra)
    p = paragraphs[0]
    for c in list(p.childNodes):
        if not (c.nodeType == c.ELEMENT_NODE and c.localName == "pPr"):
            p.removeChild(c)
    r = dom.createElementNS(W, "w:r")
    t = dom.createElementNS(W, "w:t")
    t.appendChild(dom.createTextNode(text))
    r.appendChild(t)
    p.appendChild(r)


def fill(xml, report):
    dom = minidom.parseString(xml)
    body = dom.getElementsByTagNameNS(W, "body")[0]
    title = next(p for p in children(body, "p") if "格式模板" in "".join(
        t.firstChild.data for t in p.getElementsByTagNameNS(W, "t") if t.firstChild))
    texts = [t for t in title.getElementsByTagNameNS(W, "t") if t.firstChild]
    texts[0].firstChild.data = f"{report['agency']}{report['year']}年政府信息公开工作年度报告"
    for t in texts[1:]:
        t.firstChild.data = ""
    # The overview states the statistics period, as reports do.
    overview = next(t for t in dom.getElementsByTagNameNS(W, "t") if t.firstChild and t.firstChild.data == "（文字描述）")
    overview.firstChild.data = f"本报告所列数据统计期限自{report['year']}年1月1日起至{report['year']}年12月31日止。"
    tables = children(body, "tbl")
    assert len(tables) == 3, "the template has three tables"
    rows = [children(t, "tr") for t in tables]

    active = report["active_disclosure"]
    for r, key in ((2, "regulations"), (3, "normative_documents")):
        cells = children(rows[0][r], "tc")
        for k, column in enumerate(("issued", "repealed", "in_force")):
            set_text(dom, cells[1 + k], printed(active[key][column]))
    for r, key in ((6, "licensing"), (9, "punishment"), (10, "enforcement"), (13, "fees")):
        set_text(dom, children(rows[0][r], "tc")[1], printed(active[key]))

    applications = list(report["applications"].items())
    assert len(applications) == 25 and len(rows[1]) == 28
    for (key, values), tr in zip(applications, rows[1][3:]):
        cells = children(tr, "tc")[-7:]
        for cell, column in zip(cells, APPLICANTS):
            set_text(dom, cell, printed(values[column]))

    cells = children(rows[2][3], "tc")
    review = report["review_litigation"]
    for g, group in enumerate(("administrative_review", "litigation_direct", "litigation_after_review")):
        for k, column in enumerate(OUTCOMES):
            set_text(dom, cells[5 * g + k], printed(review[group][column]))
    return dom.toxml(encoding="UTF-8")


def main():
    with zipfile.ZipFile(TEMPLATE) as template:
        entries = [(info, template.read(info)) for info in template.infolist()]
    for out, source in FIXTURES.items():
        with open(os.path.join(ROOT, source), encoding="utf-8") as f:
            report = json.load(f)
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), out)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in entries:
                if info.filename == "word/document.xml":
                    data = fill(data, report)
                z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        print(f"wrote {os.path.relpath(path, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
