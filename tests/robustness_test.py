"""Hostile files through the `xxgk` command (docs/robustness.md): every one ends with exit status 2 and one
clear `xxgk:` line naming the file and the reason — never a signal, a traceback-like dump, a hang, or a
report made of guesses. Files are made here, in a temporary directory."""
import io
import os
import subprocess
import tempfile
import unittest
import zipfile

XXGK = os.environ.get("XXGK_BIN", "xxgk")
SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
SAMPLES = os.path.join(SOURCE, "tests", "samples")
SEED_TEXT = os.path.join(SAMPLES, "acheng-yagou-2023", "report.txt")
TEMPLATE = os.path.join(SAMPLES, "template-2021", "template.docx")
PDF = os.path.join(SAMPLES, "huaian-city-2024", "report.pdf")


def run(*args, timeout=120):
    return subprocess.run([XXGK, *args], capture_output=True, timeout=timeout)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def docx_with(extra=(), document=None, compress=zipfile.ZIP_DEFLATED):
    """The official template as a DOCX, with `document` as word/document.xml and extra (name, bytes) entries."""
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(out, "w", compress) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml" and document is not None:
                data = document
            dst.writestr(item.filename, data)
        for name, data in extra:
            info = zipfile.ZipInfo(name)
            info.compress_type = compress
            dst.writestr(info, data)
    return out.getvalue()


class HostileFilesTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def file(self, name, data):
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def assert_refused(self, path, *words, command="parse"):
        """Exit status 2, one `xxgk:` message naming the file and containing every word."""
        r = run(command, path)
        err = r.stderr.decode("utf-8", "replace")
        self.assertEqual(r.returncode, 2, f"{os.path.basename(path)}: status {r.returncode}\n{err}")
        self.assertTrue(err.startswith("xxgk: "), err)
        self.assertIn(os.path.basename(path), err)
        for w in words:
            self.assertIn(w, err)
        self.assertEqual(r.stdout, b"", "nothing is written for a file that cannot be read")
        return err

    def test_empty_files_of_every_kind_are_refused(self):
        for name in ("empty.json", "empty.txt", "empty.md", "empty.html", "empty.docx", "empty.pdf"):
            with self.subTest(name):
                self.assert_refused(self.file(name, b""))

    def test_nul_bytes_in_text_are_refused_with_the_byte(self):
        text = read(SEED_TEXT)
        at = text.index(b"\n", 200) + 1
        self.assert_refused(self.file("nul.txt", text[:at] + b"\0" + text[at:]), "NUL", "byte")

    def test_invalid_utf8_is_refused_with_the_byte(self):
        text = read(SEED_TEXT)
        self.assert_refused(self.file("bad.txt", text[:1000] + b"\xff\xfe\xff" + text[1000:]), "byte")

    def test_gb18030_text_reads_exactly_like_its_utf8(self):
        utf8 = read(SEED_TEXT)
        expected = run("parse", self.file("utf8.txt", utf8))
        self.assertEqual(expected.returncode, 0, expected.stderr)
        got = run("parse", self.file("gb.txt", utf8.decode("utf-8").encode("gb18030")))
        self.assertEqual(got.returncode, 0, got.stderr)
        self.assertEqual(got.stdout, expected.stdout)

    def test_truncated_docx_and_pdf_are_refused(self):
        for name, data in (("cut.docx", read(TEMPLATE)[:5000]), ("cut.pdf", read(PDF)[:20000]),
                           ("junk.docx", b"PK\x03\x04" + b"\0" * 100), ("junk.pdf", b"%PDF-1.7\n" + b"x" * 1000)):
            with self.subTest(name):
                self.assert_refused(self.file(name, data))

    def test_docx_zip_bomb_is_refused(self):
        body = b"<w:p><w:r><w:t>0</w:t></w:r></w:p>" * 300000
        document = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                    b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>")
        self.assert_refused(self.file("bomb.docx", docx_with(document=document)), "zip bomb")

    def test_docx_entries_with_absolute_or_parent_paths_are_refused(self):
        for evil in ("/etc/cron.d/x", "../../x.xml", "word/../../x.xml"):
            with self.subTest(evil):
                self.assert_refused(self.file("evil.docx", docx_with(extra=[(evil, b"x")])), evil)

    def test_check_goes_on_after_a_hostile_file_and_counts_it(self):
        good = os.path.join(SOURCE, "examples", "acheng-yagou-2023.json")
        bad = self.file("nul.txt", b"\0\0\0")
        r = run("check", good, bad)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(b"nul.txt", r.stderr)
        self.assertIn("acheng-yagou-2023.json".encode(), r.stdout)


if __name__ == "__main__":
    unittest.main()
