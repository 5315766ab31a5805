"""Every sample's numbers written in many plain-text layouts, for the generality test (layouts_test.py).

    python3 tests/layouts.py SAMPLE_DIR/expected.json LAYOUT > out.txt

A report's tables are taken from `xxgk render --format text` of its expected.json (cells the transcription
leaves null are filled first so that the identities still hold: table 二 and 三 with 0, table 四 with 0 and
the total of its parts), so the labels are the format's own and no label list is kept here. The tables,
a title, the six section headings and a little prose are then written in each layout of LAYOUTS: one cell
per line, tab- and space-separated rows, glued digits, CRLF, UTF-16, GB18030, crawler headers in several
wordings, labels and numbers split over lines, repeated lines dropped.

LAYOUTS maps a name to (writer, floor): writer(blocks, meta) returns the document's bytes, floor is the share
of cells the reader must read exactly in that layout (every other cell unread, none wrong). Another layout
family adds itself with `register(name, writer, floor)` (e.g. a PDF-style laid-out text with wrapped cells).
"""
import copy
import json
import os
import random
import re
import subprocess
import sys

XXGK = os.environ.get("XXGK_BIN", "xxgk")
TABLES = ("active_disclosure", "applications", "review_litigation")
NUMBER = re.compile(r"[+\-]?\d+(\.\d+)?")


def filled(expected):
    """The expected report with every null table cell filled so that the identities hold, `ambiguous` gone."""
    r = copy.deepcopy(expected)
    r.pop("ambiguous", None)

    def fill(node):
        for k, v in node.items():
            if isinstance(v, dict):
                fill(v)
            elif v is None:
                node[k] = 0

    fill(r["active_disclosure"])
    fill(r["applications"])
    for proceeding in r["review_litigation"].values():
        total_missing = proceeding.get("total") is None
        fill(proceeding)
        if total_missing:
            proceeding["total"] = sum(v for k, v in proceeding.items() if k != "total")
    return r


def tables_of(report, work_dir):
    """The three tables as blocks: ("heading", text) for a table's caption, ("row", labels, values)."""
    path = os.path.join(work_dir, "truth.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False)
    text = subprocess.run([XXGK, "render", "--format", "text", path], capture_output=True, check=True,
                          timeout=60).stdout.decode("utf-8")
    lines = text.split("\n")
    blocks = []
    for i, line in enumerate(lines):
        line = line.rstrip()
        if not line:
            continue
        alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 == len(lines) or not lines[i + 1].strip())
        if alone and re.match(r"^[二三四]、", line):
            blocks.append(("heading", line))
            continue
        fields = re.split(r"\s{2,}", line.strip())
        values = []
        while fields and NUMBER.fullmatch(fields[-1]):
            values.insert(0, fields.pop())
        blocks.append(("row", fields, values))
    return blocks


def document(report, blocks):
    """The whole report: title, period statement, six sections with the tables in 二, 三 and 四."""
    year = report["year"]
    title = "%s%d年度政府信息公开工作年度报告" % (report.get("agency") or "某局", year)
    meta = {"title": title, "agency": report.get("agency") or "某局", "year": year}
    out = [("text", title), ("text", "本报告统计期限自%d年1月1日至%d年12月31日。" % (year, year)),
           ("text", "一、总体情况"), ("text", "本年度依法依规做好政府信息公开工作，各项工作稳步推进。")]
    out += blocks
    out += [("text", "五、存在的主要问题及改进情况"), ("text", "工作中仍存在不足，下一步将持续改进。"),
            ("text", "六、其他需要报告的事项"), ("text", "本年度未收取信息处理费。")]
    return out, meta


# ---- Writers: blocks → lines ------------------------------------------------------------------------

def cells_of(block):
    return [block[1]] if block[0] in ("text", "heading") else block[1] + block[2]


def one_cell_per_line(doc):
    return [c for b in doc for c in cells_of(b)]


def rows_joined(doc, sep):
    return [sep.join(cells_of(b)) for b in doc]


def glued(doc):
    """Each table run together on one line with no separator at all (the pingtan pages)."""
    out, run = [], ""
    for b in doc:
        if b[0] == "row":
            run += "".join(cells_of(b))
        else:
            if run:
                out.append(run)
                run = ""
            out.append(b[1])
    return out + ([run] if run else [])


ENUMERATOR = re.compile(r"^(（[一二三四五六七]）|[一二三四五六七]、|\d+\.)(.+)$")


def split_labels(doc, rng):
    """One cell per line, every label of four or more characters broken over lines: its enumerator on lines
    of its own (`1.`/`属于国家秘密`, `（`/`一`/`）`/`予以公开`), the rest cut at a random point."""
    out = []
    for b in doc:
        if b[0] != "row":
            out.append(b[1])
            continue
        for label in b[1]:
            m = ENUMERATOR.match(label)
            rest = label
            if m:
                number = m.group(1)
                out += ["（", number[1:-1], "）"] if number.startswith("（") else [number]
                rest = m.group(2)
            if len(rest) >= 4:
                cut = rng.randint(1, len(rest) - 1)
                out += [rest[:cut], rest[cut:]]
            else:
                out.append(rest)
        out += b[2]
    return out


def split_numbers(doc, rng):
    """One cell per line, numbers of two or more digits broken over two lines (`1`/`62` for 162)."""
    out = []
    for b in doc:
        out += cells_of(b)[:len(cells_of(b)) - (len(b[2]) if b[0] == "row" else 0)]
        for v in b[2] if b[0] == "row" else []:
            if re.fullmatch(r"\d{2,}", v) and rng.random() < 0.5:
                cut = rng.randint(1, len(v) - 1)
                out += [v[:cut], v[cut:]]
            else:
                out.append(v)
    return out


def markdown(doc):
    """Paragraphs, and each run of table rows as one Markdown table, its first row the header."""
    out, table = [], []

    def flush():
        if table:
            width = max(len(r) for r in table)
            rows = [r + [""] * (width - len(r)) for r in table]
            out.extend(["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width] +
                       ["| " + " | ".join(r) + " |" for r in rows[1:]] + [""])
            table.clear()

    for b in doc:
        if b[0] == "row":
            table.append(cells_of(b))
        else:
            flush()
            out += [b[1], ""]
    flush()
    return out


def scattered(doc):
    """What PDF-to-Markdown converters make of a table whose labels and numbers stand apart: every row of
    values printed as two rows, its labels with empty cells, then its values under an empty label cell."""
    out = []
    for b in doc:
        if b[0] == "row" and b[2]:
            out.append(("row", b[1] + [""] * len(b[2]), []))
            out.append(("row", [""] * len(b[1]), b[2]))
        else:
            out.append(b)
    return out


def html(doc):
    """Paragraphs, and each run of table rows as one HTML table."""
    out, in_table = ["<html><head><meta charset=\"utf-8\"></head><body>"], False
    for b in doc:
        if b[0] == "row":
            if not in_table:
                out.append("<table>")
                in_table = True
            out.append("<tr>" + "".join("<td>%s</td>" % c for c in cells_of(b)) + "</tr>")
        else:
            if in_table:
                out.append("</table>")
                in_table = False
            out.append("<p>%s</p>" % b[1])
    return out + (["</table>"] if in_table else []) + ["</body></html>"]


def without_repeats(lines):
    """What a crawler that drops a line equal to the one before it saves."""
    out = []
    for line in lines:
        if not out or out[-1] != line:
            out.append(line)
    return out


# ---- Crawler header blocks ---------------------------------------------------------------------------

def header_pingtan(meta):
    return ["标题: " + meta["title"], "发布时间: %d-01-21 15:50" % (meta["year"] + 1), "发布机构: " + meta["agency"],
            "来源: 政府信息公开", "==================== 正文 ===================="]


def header_sanming(meta):
    return ["标题：" + meta["title"], "发布时间：%d-02-03" % (meta["year"] + 1), "文号：", "发布机构：", "索引号：",
            "原始链接：https://www.example.gov.cn/zfxxgk/t%d0203_1.htm" % (meta["year"] + 1),
            "本地目录：zfxxgk/%d02/1" % (meta["year"] + 1), "", "正文："]


def header_putian(meta):
    return ["标题: " + meta["title"], "发布时间: %d-01-13 09:30" % (meta["year"] + 1), "文号: ",
            "发布机构: " + meta["agency"], "原始链接: https://www.example.gov.cn/a/b.htm", "正文:"]


def header_plain(meta):
    return ["题目：" + meta["title"], "日期：%d/1/20" % (meta["year"] + 1), "来源：政务公开办", ""]


# ---- The layouts ---------------------------------------------------------------------------------------

def text(lines, eol="\n", encoding="utf-8", bom=b""):
    return bom + eol.join(lines).encode(encoding)


LAYOUTS = {}


def register(name, writer, floor):
    """Adds a layout: writer(doc, meta) → bytes; floor: the share of cells it must read exactly."""
    LAYOUTS[name] = (writer, floor)


def seeded(meta, name):
    return random.Random("%s/%s/%d" % (name, meta["agency"], meta["year"]))


register("lines", lambda d, m: text(one_cell_per_line(d)), 1.0)
register("tabs", lambda d, m: text(rows_joined(d, "\t")), 1.0)
register("spaces", lambda d, m: text(rows_joined(d, " ")), 1.0)
register("wide_spaces", lambda d, m: text(rows_joined(d, "      ")), 1.0)
register("crlf", lambda d, m: text(one_cell_per_line(d), eol="\r\n"), 1.0)
register("utf8_bom", lambda d, m: text(one_cell_per_line(d), bom=b"\xEF\xBB\xBF"), 1.0)
register("utf16le", lambda d, m: text(rows_joined(d, " "), encoding="utf-16-le", bom=b"\xFF\xFE"), 1.0)
register("utf16be", lambda d, m: text(one_cell_per_line(d), eol="\r\n", encoding="utf-16-be", bom=b"\xFE\xFF"), 1.0)
register("gb18030", lambda d, m: text(rows_joined(d, "\t"), encoding="gb18030"), 1.0)
register("header_pingtan_glued", lambda d, m: text(header_pingtan(m) + glued(d)), 0.6)
register("header_sanming_crlf", lambda d, m: text(header_sanming(m) + one_cell_per_line(d), eol="\r\n"), 1.0)
register("header_putian", lambda d, m: text(header_putian(m) + rows_joined(d, " ")), 1.0)
register("header_plain_gb18030", lambda d, m: text(header_plain(m) + one_cell_per_line(d), encoding="gb18030"), 1.0)
register("split_labels", lambda d, m: text(split_labels(d, seeded(m, "labels"))), 1.0)
register("split_numbers", lambda d, m: text(split_numbers(d, seeded(m, "numbers"))), 0.8)
register("repeats_dropped", lambda d, m: text(header_putian(m) + without_repeats(one_cell_per_line(d))), 0.75)
register("repeats_dropped_split_labels",
         lambda d, m: text(without_repeats(split_labels(d, seeded(m, "labels")))), 0.75)
register("markdown", lambda d, m: text(markdown(d)), 1.0)
register("html", lambda d, m: text(html(d)), 1.0)
register("markdown_scattered", lambda d, m: text(markdown(scattered(d))), 1.0)


# ---- Tables whose rows cannot be matched -------------------------------------------------------------------

def unmatched_labels(doc, table, rows=lambda label: True):
    """The document with the labels of table `table`'s rows of values (those `rows` picks) replaced by words no
    row of the format has (`自列事项乙丑`: no digit, which would read as a value), as a report that names its rows its own way prints them."""
    out, current, n = [], None, 0
    for b in doc:
        if b[0] == "heading":
            current = b[1][0]
        if b[0] == "row" and current == table and b[2] and rows(b[1][-1]):
            n += 1
            b = ("row", b[1][:-1] + ["自列事项" + "甲乙丙丁戊己庚辛壬癸"[n % 10] + "子丑寅卯辰巳午未申酉戌亥"[n % 12]], b[2])
        out.append(b)
    return out


GARBLED_LAYOUTS = ("tabs", "wide_spaces", "markdown", "html")


def write(expected_path, layout, work_dir):
    """The bytes of the report of `expected_path` in `layout`, and the filled report they print."""
    with open(expected_path, encoding="utf-8") as f:
        truth = filled(json.load(f))
    doc, meta = document(truth, tables_of(truth, work_dir))
    return LAYOUTS[layout][0](doc, meta), truth


if __name__ == "__main__":
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        data, _ = write(sys.argv[1], sys.argv[2], tmp)
    sys.stdout.buffer.write(data)
