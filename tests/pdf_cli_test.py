"""`xxgk parse` / `xxgk check` on PDF reports and laid-out text: the huaian-city-2024 sample cell by cell
against its expected.json, and exit status 2 with a clear message for every PDF that cannot be read."""
import json
import os
import shutil
import subprocess
import tempfile
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
        for command in ("parse", "check"):
            r = run(command, path)
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
        self.assert_unreadable(self.write("scan.pdf", image_only_pdf()), "no text layer", "OCR is needed")

    def test_an_encrypted_pdf(self):
        if not shutil.which("qpdf"):
            self.skipTest("qpdf is not installed (cmake/install-deps.sh installs it); it makes the encrypted PDF")
        out = os.path.join(self.dir, "locked.pdf")
        subprocess.run(["qpdf", "--encrypt", "secret", "secret", "256", "--", PDF, out], check=True)
        self.assert_unreadable(out, "encrypted", "password")


if __name__ == "__main__":
    unittest.main()
