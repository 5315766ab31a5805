"""`xxgk parse` / `xxgk check` on PDF reports and laid-out text: the huaian-city-2024 sample cell by cell
against its expected.json, and exit status 2 with a clear message for every PDF that cannot be read."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import unittest

XXGK = os.environ.get("XXGK_BIN", "xxgk")
SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
SAMPLE = os.path.join(SOURCE, "tests", "samples", "huaian-city-2024")
PDF = os.path.join(SAMPLE, "report.pdf")
LAYOUT = os.path.join(SOURCE, "tests", "data", "pdf", "huaian.layout.txt")


def run(*args):
    return subprocess.run([XXGK, *args], capture_output=True, text=True, timeout=120)


def cells(value, path=""):
    """Every leaf of a JSON value by its JSON Pointer."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from cells(item, f"{path}/{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from cells(item, f"{path}/{i}")
    else:
        yield path, value


def image_only_pdf():
    """A valid one-page PDF whose page is only an 8x8 grey image, as a scanner makes them."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length 64 >>\nstream\n" + b"\x80" * 64 + b"\nendstream",
        b"<< /Length 35 >>\nstream\nq 500 0 0 700 40 70 cm /Im0 Do Q\nendstream",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return pdf


# ---- A PDF laid out otherwise: the sample's numbers printed by `xxgk render --format text`, long labels
# wrapped around their numbers, table 四 as its one row of 15 numbers, a page break with a footer inside
# table 三, set in a font whose ASCII is half as wide as CJK, so that pdftotext lays the text out anew.

def width(ch):
    return 2 if unicodedata.east_asian_width(ch) in "WFA" and ord(ch) > 0x2000 else 1

def runs(line):
    """(display column, text) of every run separated by two or more spaces."""
    out, col, i = [], 0, 0
    for m in re.finditer(r"\S+(?: \S+)*", line):
        col += sum(width(c) for c in line[i:m.start()])
        out.append((col, m.group()))
        col += sum(width(c) for c in m.group())
        i = m.end()
    return out

def pdf_of(pages):
    """A PDF whose pages show `pages` (lists of lines laid out by display width), with a ToUnicode map."""
    size, left, top, leading = 7.0, 30.0, 800.0, 12.0
    chars = sorted({c for page in pages for line in page for c in line if c != " "})
    objs = []
    def add(body):
        objs.append(body)
        return len(objs)
    cmap = ["/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange"]
    for k in range(0, len(chars), 100):
        block = chars[k:k + 100]
        cmap.append("%d beginbfchar" % len(block))
        cmap += ["<%04X> <%04X>" % (ord(c), ord(c)) for c in block]
        cmap.append("endbfchar")
    cmap.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    cmap = "\n".join(cmap).encode()
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    widths = " ".join("%d [%d]" % (ord(c), 1000 if width(c) == 2 else 500) for c in chars)
    cid = add(("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
               "/Ordering (Identity) /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName /SimSun "
               "/Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 "
               "/StemV 80 >> /DW 1000 /W [%s] /CIDToGIDMap /Identity >>" % widths).encode())
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [%d 0 R] "
               b"/ToUnicode %d 0 R >>" % (cid, tounicode))
    page_ids = []
    pages_id = len(objs) + 1 + 2 * len(pages)
    for page in pages:
        ops = []
        for n, line in enumerate(page):
            for col, text in runs(line):
                hexs = "".join("%04X" % ord(c) for c in text)
                ops.append("BT /F1 %.1f Tf %.2f %.2f Td <%s> Tj ET" % (size, left + col * size / 2, top - n * leading, hexs))
        content = "\n".join(ops).encode()
        c = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, c, font)))
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % p for p in page_ids), len(page_ids)))
    root = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    pdf, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, root, xref)
    return pdf


def reflowed_pages(text):
    """The rendered text as two pages the way a word processor might print it."""
    out = []
    lines = text.split("\n")
    review = next(i for i, l in enumerate(lines) if l.startswith("四、") and len(runs(l)) == 1)  # the heading
    for line in lines[:review + 1]:
        found = runs(line)
        numbers = [r for r in found[1:] if re.fullmatch(r"[0-9.]+", r[1])]
        label = found[0][1] if found else ""
        if len(numbers) == 7 and len(label) > 16:
            pad = " " * sum(width(c) for c in label)
            rest = line[len(label):]
            chunks = [label[i:i + 14] for i in range(0, len(label), 14)]
            if len(chunks) == 2:
                out += [chunks[0], pad + rest, chunks[1]]
            else:
                out += [chunks[0], chunks[1] + " " * sum(width(c) for c in "".join(chunks[2:]) + chunks[0][len(chunks[1]):]) + rest]
                out += ["".join(chunks[2:])]
        else:
            out.append(line)
        if label.startswith("1.本机关不掌握"):
            out += ["", "                                        - 2 -", "\f"]
    numbers = [r[1] for l in lines[review + 1:] for r in runs(l) if re.fullmatch(r"[0-9.]+", r[1])]
    out += ["", "行政复议                        行政诉讼", "", "   ".join(numbers), "", "五、存在的主要问题及改进情况", "无。"]
    pages, page = [], []
    for line in out:
        if line == "\f":
            pages.append(page)
            page = []
        else:
            page.append(line)
    return pages + [page]


class SampleTest(unittest.TestCase):
    def assert_parses_to_expected(self, *args):
        r = run("parse", *args)
        self.assertEqual(r.returncode, 0, r.stderr)
        got = dict(cells(json.loads(r.stdout)))
        with open(os.path.join(SAMPLE, "expected.json"), encoding="utf-8") as f:
            expected = dict(cells(json.load(f)))
        self.assertGreater(len(expected), 100)
        for pointer, value in expected.items():
            self.assertEqual(got.get(pointer), value, pointer)

    def test_the_pdf_parses_to_every_cell_of_expected_json(self):
        self.assert_parses_to_expected(PDF)

    def test_its_laid_out_text_parses_to_every_cell_of_expected_json(self):
        self.assert_parses_to_expected("--input-format", "layout", LAYOUT)

    def test_a_pdf_laid_out_otherwise_parses_to_the_same_tables(self):
        rendered = run("render", "--format", "text", os.path.join(SAMPLE, "expected.json"))
        self.assertEqual(rendered.returncode, 0, rendered.stderr)
        with tempfile.TemporaryDirectory(prefix="xxgk-pdf-cli-") as tmp:
            path = os.path.join(tmp, "reflowed.pdf")
            with open(path, "wb") as f:
                f.write(pdf_of(reflowed_pages(rendered.stdout)))
            r = run("parse", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        got = dict(cells(json.loads(r.stdout)))
        with open(os.path.join(SAMPLE, "expected.json"), encoding="utf-8") as f:
            expected = json.load(f)
        for table in ("active_disclosure", "applications", "review_litigation"):
            for pointer, value in cells(expected[table], "/" + table):
                self.assertEqual(got.get(pointer), value, pointer)

    def test_positions_point_at_page_line_and_column(self):
        r = run("parse", "--positions", PDF)
        self.assertEqual(r.returncode, 0, r.stderr)
        positions = json.loads(r.stdout)["positions"]
        # 447 stands on the middle line of the broken label （二）部分公开（区分处理的，只计这一情 / 形，…）.
        self.assertEqual(positions["/applications/partially_granted/natural_person"],
                         {"page": 4, "line": 40, "column": 33})
        # After the page break inside table 三, on page 5.
        self.assertEqual(positions["/applications/unavailable_needs_creation/total"]["page"], 5)

    def test_check_finds_no_error_in_the_sample(self):
        r = run("check", PDF)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)


class UnreadablePdfTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="xxgk-pdf-cli-")
        with open(PDF, "rb") as f:
            self.pdf = f.read()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def assert_unreadable(self, path, *words):
        """Exit status 2 from parse and check, with every word of the English reason."""
        for command in ("parse", "check"):
            r = run(command, "--lang", "en", path)
            self.assertEqual(r.returncode, 2, f"{command}: {r.stdout}{r.stderr}")
            for word in words:
                self.assertIn(word, r.stderr, command)

    def test_a_truncated_pdf(self):
        self.assert_unreadable(self.write("cut.pdf", self.pdf[: len(self.pdf) // 2]), "truncated")

    def test_a_pdf_with_corrupted_bytes(self):
        data = bytearray(self.pdf)
        data[-3000:-10] = b"x" * 2990  # the cross-reference table and trailer, keeping %%EOF
        self.assert_unreadable(self.write("corrupt.pdf", bytes(data)), "corrupt")

    def test_a_scanned_pdf_says_ocr_is_needed(self):
        # "OCR is needed", or where the build has OCR: "OCR found no text in its pages" (the image is blank).
        self.assert_unreadable(self.write("scan.pdf", image_only_pdf()), "no text layer", "OCR")

    def test_an_encrypted_pdf(self):
        if not shutil.which("qpdf"):
            self.skipTest("qpdf is not installed (cmake/install-deps.sh installs it); it makes the encrypted PDF")
        out = os.path.join(self.dir, "locked.pdf")
        subprocess.run(["qpdf", "--encrypt", "secret", "secret", "256", "--", PDF, out], check=True)
        self.assert_unreadable(out, "encrypted", "password")


if __name__ == "__main__":
    unittest.main()
