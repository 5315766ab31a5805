"""Hostile files through the `xxgk` command (docs/robustness.md): every one ends with exit status 2 and one
clear `xxgk:` line naming the file and the reason — never a signal, a traceback-like dump, a hang, or a
report made of guesses. Files are made here, in a temporary directory."""
import io
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from concurrent.futures import ThreadPoolExecutor

XXGK = os.environ.get("XXGK_BIN", "xxgk")
SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
SAMPLES = os.path.join(SOURCE, "tests", "samples")
SEED_TEXT = os.path.join(SAMPLES, "acheng-yagou-2023", "report.txt")
TEMPLATE = os.path.join(SAMPLES, "template-2021", "template.docx")
PDF = os.path.join(SAMPLES, "huaian-city-2024", "report.pdf")
CRAWLED = os.path.join(SAMPLES, "pingtan", "93-haitan-2024", "page.txt")


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

    def assert_refused(self, path, *words, command="parse", lang="zh"):
        """Exit status 2, one `xxgk:` message naming the file and containing every word (the reason in `lang`)."""
        r = run(command, "--lang", lang, path)
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
        path = self.file("nul.txt", text[:at] + b"\0" + text[at:])
        self.assert_refused(path, "NUL", f"第{at}字节")
        self.assert_refused(path, "NUL", f"byte {at}", lang="en")

    def test_invalid_utf8_is_refused_with_the_byte(self):
        text = read(SEED_TEXT)
        path = self.file("bad.txt", text[:1000] + b"\xff\xfe\xff" + text[1000:])
        self.assert_refused(path, "字节", "UTF-8")
        self.assert_refused(path, "byte", "UTF-8", lang="en")

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


def sanitized():
    """Whether the command under test is built with AddressSanitizer (valgrind and address limits cannot run it)."""
    with open(shutil.which(XXGK) or XXGK, "rb") as f:
        return b"__asan_init" in f.read()


def instructions(path, fmt):
    """The instructions `xxgk parse` executes on `path` (valgrind's count: the same on every machine and load)."""
    r = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                        XXGK, "parse", "--input-format", fmt, path], capture_output=True, timeout=600)
    m = re.search(rb"I\s+refs:\s+([\d,]+)", r.stderr)
    assert m, r.stderr[-2000:]
    assert r.returncode in (0, 1, 2), r.stderr[-2000:]
    return int(m.group(1).replace(b",", b""))


def docx_body(body):
    """The official template with `body` as its document's body (stored, not compressed: the zip-bomb ratio
    limit is not what is measured)."""
    return docx_with(document=b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                              b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>",
                     compress=zipfile.ZIP_STORED)


def crawled(body):
    """The crawled page's head (its title, source and date lines) with `body` after it."""
    return read(CRAWLED)[:400].rsplit(b"\n", 1)[0] + b"\n" + body


# Hostile shapes of every reader (docs/robustness.md, "Bounded work"): (name, format, the document for a size
# parameter n, about n bytes). Each is read at n and 4n.
SHAPES = [
    ("html: <ul><li> nested", "html", lambda n: b"<ul><li>" * (n // 8)),
    ("html: <div\\f> nested", "html", lambda n: b"<div\f>" * (n // 6)),
    ("html: <b> nested", "html", lambda n: b"<b>" * (n // 3)),
    ("html: <table><tr><td> nested", "html", lambda n: b"<table><tr><td>" * (n // 15)),
    ("html: text cut by stray end tags", "html", lambda n: b"<p>" + b"x</i>" * (n // 5)),
    ("html: text cut by stray cells", "html", lambda n: b"<p>" + b"<td>x" * (n // 5)),
    ("html: cells without a table", "html", lambda n: b"<td>" * (n // 4)),
    ("html: one wide row", "html", lambda n: b"<table><tr>" + b"<td>1" * (n // 5)),
    ("html: many tables", "html", lambda n: b"<table><tr><td>1<td>2</table>" * (n // 29)),
    ("html: text moved before tables", "html", lambda n: b"<table> x<tr><td>1<td>2</table>" * (n // 32)),
    ("html: links across paragraphs", "html", lambda n: b"".join(b"<p><a href=%d>x</p>" % i for i in range(n // 24))),
    ("html: comments and declarations", "html", lambda n: b"<p>x<!--c--><!>" * (n // 15)),
    ("markdown: one wide row", "markdown", lambda n: b"|" + b" 1 |" * (n // 4) + b"\n"),
    ("markdown: many tables", "markdown", lambda n: b"| a | b |\n|---|---|\n| 1 | 2 |\n\n" * (n // 31)),
    ("markdown: one long line", "markdown", lambda n: "# 三、收到\n".encode() + "字".encode() * (n // 3)),
    ("markdown: nested quotes and lists", "markdown", lambda n: b">" * (n // 2) + b" x\n" + b"- " * (n // 4) + b"y\n"),
    ("markdown: html tables nested", "markdown", lambda n: b"<table><tr><td>" * (n // 15)),
    ("text: one wide row", "text", lambda n: b"\t1" * (n // 2)),
    ("text: many short lines", "text", lambda n: b"1\n" * (n // 2)),
    ("text: one long line", "text", lambda n: b"1 " * (n // 2)),
    ("text: cell continued on many lines", "text", lambda n: b"\t1\n" + b"x\n" * (n // 2)),
    ("crawled text: many short lines", "text", lambda n: crawled(b"1\n" * (n // 2))),
    ("crawled text: one long line", "text", lambda n: crawled(b"1 " * (n // 2))),
    ("crawled text: one wide row", "text", lambda n: crawled(b"\t1" * (n // 2))),
    ("docx: tables nested", "docx", lambda n: docx_body(b"<w:tbl><w:tr><w:tc>" * (n // 19))),
    ("docx: one wide row", "docx", lambda n: docx_body(b"<w:tbl><w:tr>" + b"<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>" * (n // 46) + b"</w:tr></w:tbl>")),
    ("docx: many paragraphs", "docx", lambda n: docx_body(b"<w:p><w:r><w:t>1</w:t></w:r></w:p>" * (n // 34))),
    ("docx: runs nested", "docx", lambda n: docx_body(b"<w:p>" + b"<w:hyperlink>" * (n // 13) + b"<w:r><w:t>1</w:t></w:r>")),
    ("layout: one long line", "layout", lambda n: b"    1" * (n // 5)),
    ("layout: wide rows", "layout", lambda n: b"\f" + (b"label     " + b"    1" * 200 + b"\n") * (n // 1010)),
    ("layout: many pages", "layout", lambda n: b"1    2\n\f" * (n // 8)),
]

# Instructions per byte of input beyond the command's start-up, at most, on any shape (the documented
# constant; the largest measured is a third of it).
MAX_INSTRUCTIONS_PER_BYTE = 5000


def measure_shapes(directory, shapes, sizes, measure):
    """Writes every shape at every size, and a one-byte input of each format (the command's start-up), and
    measures each with `measure(path, format)`, two at a time: ({(shape index, size): (value, bytes)},
    {format: value of the start-up})."""
    jobs = []
    for i, (_, fmt, make) in enumerate(shapes):
        for size in sizes:
            path = os.path.join(directory, f"{i}-{size}")
            with open(path, "wb") as f:
                f.write(make(size))
            jobs.append((path, fmt, (i, size)))
    for fmt in {fmt for _, fmt, _ in shapes}:
        path = os.path.join(directory, "start-" + fmt)
        with open(path, "wb") as f:
            f.write(b"x")
        jobs.append((path, fmt, fmt))
    with ThreadPoolExecutor(2) as pool:
        values = list(pool.map(lambda j: measure(j[0], j[1]), jobs))
    shaped = {key: (v, os.path.getsize(path)) for (path, _, key), v in zip(jobs, values) if not isinstance(key, str)}
    start = {key: v for (_, _, key), v in zip(jobs, values) if isinstance(key, str)}
    return shaped, start


@unittest.skipUnless(shutil.which("valgrind"), "valgrind counts the instructions")
class BoundedWorkTest(unittest.TestCase):
    """Every reader is linear in its input: reading four times the input costs at most about four times the
    instructions (a quadratic reader costs sixteen), and at most MAX_INSTRUCTIONS_PER_BYTE per byte."""

    def test_every_hostile_shape_is_read_in_linear_work(self):
        if sanitized():
            self.skipTest("valgrind cannot run a sanitized command")
        n = 10000
        with tempfile.TemporaryDirectory() as d:
            counts, start = measure_shapes(d, SHAPES, (n, 4 * n), instructions)
        for i, (name, fmt, _) in enumerate(SHAPES):
            with self.subTest(name):
                small = counts[(i, n)][0] - start[fmt]
                large, size = counts[(i, 4 * n)]
                large -= start[fmt]
                self.assertLess(large, 6 * max(small, 100000), f"{name}: {small:,} then {large:,} instructions")
                self.assertLess(large / size, MAX_INSTRUCTIONS_PER_BYTE, f"{name}: {large / size:.0f} per byte")


# More hostile shapes for memory (read at some 2 MB): many tiny cells and rows, many one-character lines, text
# of millions of tokens, DOCX of many tiny cells, JSON with a huge array.
MEMORY_SHAPES = SHAPES + [
    ("html: many rows of tiny cells", "html", lambda n: b"<html><body><table>" + b"<tr><td>1<td>2" * (n // 14)),
    ("html: cells of text", "html", lambda n: b"<table>" + b"<td>xxxxxxx" * (n // 11)),
    ("markdown: many rows", "markdown", lambda n: b"| a | b |\n|---|---|\n" + b"| 1 | 2 |\n" * (n // 10)),
    ("markdown: many lines of one character", "markdown", lambda n: b"x\n" * (n // 2)),
    ("text: millions of tokens", "text", lambda n: b"1 x " * (n // 4)),
    ("docx: many rows of tiny cells", "docx", lambda n: docx_body(b"<w:tbl>" + b"<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>" * (n // 83) + b"</w:tbl>")),
    ("docx: empty paragraphs", "docx", lambda n: docx_body(b"<w:p/>" * (n // 6))),
    ("json: a huge array", "json", lambda n: b'{"a":[' + b"1," * (n // 2) + b"1]}"),
]

# Peak memory of `xxgk parse` beyond its start-up, over the input's size, at most (docs/robustness.md, "Bounded
# memory"): the bound of issue 18.
MAX_MEMORY_PER_BYTE = 20
# Shapes that need more, each with its bound (about 1.2 times the measured ratio, so that they cannot grow):
# the document model keeps a block of 56 bytes per paragraph line and a cell of 56 bytes, and the mapper an
# entry of 56 bytes and a prose pointer of 8 per paragraph or row, which is more than 20 times a line of one
# character or a cell of two bytes (docs/robustness.md, "Bounded memory"). JSON: Boost.JSON's value of 16
# bytes per number of two bytes, besides its parser's stack.
MEMORY_GAPS = {
    "html: text cut by stray cells": 34,
    "html: one wide row": 30,
    "html: many rows of tiny cells": 28,
    "markdown: many rows": 27,
    "text: many short lines": 75,
    "text: cell continued on many lines": 75,
    "crawled text: many short lines": 75,
    "layout: one long line": 38,
    "layout: many pages": 63,
    "json: a huge array": 30,
}


# Runs a command and prints its exit status and peak resident memory in KiB (its rusage, from wait4). Run by a
# bare interpreter (`python3 -S`, some 5 MiB): a process's peak counts the memory of the process it was
# forked from (Linux keeps it across exec), so forked from this test (tens of MiB) it would hide the
# command's own start-up and understate every ratio.
PEAK_OF_COMMAND = """
import os, sys
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def memory_of(path, fmt):
    """The peak resident memory, in bytes, of `xxgk parse` on `path` (the command's own, see PEAK_OF_COMMAND)."""
    r = subprocess.run([sys.executable, "-S", "-c", PEAK_OF_COMMAND, XXGK, "parse", "--input-format", fmt, path],
                       capture_output=True, timeout=300)
    status, peak = map(int, r.stdout.split())
    assert status in (0, 1, 2), f"{path}: exit status {status}"
    return peak << 10


class MemoryBoundTest(unittest.TestCase):
    """Every reader reads in memory linear in its input: the peak resident memory of `xxgk parse` beyond the
    command's own on a one-byte input is at most MAX_MEMORY_PER_BYTE times the input (MEMORY_GAPS: more)."""

    def test_every_hostile_shape_is_read_in_bounded_memory(self):
        if sanitized():
            self.skipTest("a sanitized command keeps shadow memory and quarantine")
        n = 2_000_000
        with tempfile.TemporaryDirectory() as d:
            peaks, start = measure_shapes(d, MEMORY_SHAPES, (n,), memory_of)
        for i, (name, fmt, _) in enumerate(MEMORY_SHAPES):
            with self.subTest(name):
                peak, size = peaks[(i, n)]
                ratio = (peak - start[fmt]) / size
                bound = MEMORY_GAPS.get(name, MAX_MEMORY_PER_BYTE)
                self.assertLessEqual(ratio, bound, f"{name}: {ratio:.1f} times the input")

    def test_the_gaps_are_shapes_that_exist(self):
        names = {name for name, _, _ in MEMORY_SHAPES}
        self.assertEqual(set(MEMORY_GAPS) - names, set())


# One sample of each reader, and a page of 800,000 table cells (6 MB) whose reading needs some 180 MiB, far more
# than the limits tried.
READER_SAMPLES = [SEED_TEXT, CRAWLED, os.path.join(SAMPLES, "shuyang-county-2025", "report.md"),
                  os.path.join(SAMPLES, "hangzhou-style-html", "report.html"), TEMPLATE,
                  os.path.join(SOURCE, "tests", "data", "pdf", "huaian.layout.txt"),
                  os.path.join(SOURCE, "examples", "acheng-yagou-2023.json")]
CELLS_PAGE = b"<html><body><table>" + b"<tr><td>1<td>2" * 400000


def address_limit(megabytes):
    """For preexec_fn: the child's address space limited to `megabytes` MiB (RLIMIT_AS)."""
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))
    return apply


class OutOfMemoryTest(unittest.TestCase):
    """Out of memory is an error, never a crash: under a small address-space limit the command exits 2 with
    "out of memory" and Python raises xxgk.OutOfMemory (tests/robustness_oom.cpp fails every allocation in turn)."""

    def setUp(self):
        if sanitized():
            self.skipTest("a sanitized command cannot run under an address-space limit")
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.page = os.path.join(self.dir.name, "cells.html")
        with open(self.page, "wb") as f:
            f.write(CELLS_PAGE)

    def test_the_command_exits_2_with_out_of_memory_under_an_address_space_limit(self):
        seen = set()
        for path in READER_SAMPLES + [self.page]:
            for megabytes in (24, 32, 48, 64, 100, 128, 160):
                with self.subTest(os.path.basename(path), megabytes=megabytes):
                    r = subprocess.run([XXGK, "parse", "--lang", "en", path], capture_output=True, timeout=120,
                                       preexec_fn=address_limit(megabytes))
                    err = r.stderr.decode("utf-8", "replace")
                    if "error while loading shared libraries" in err:
                        continue  # too small to start at all
                    self.assertIn(r.returncode, (0, 2), err[-2000:])
                    if r.returncode == 2 and path != self.page:
                        self.assertIn("out of memory", err)
                    if "out of memory" in err:
                        self.assertTrue(err.startswith("xxgk: "), err)
                        seen.add(path)
        self.assertIn(self.page, seen, "the page of 800,000 cells ran out of memory under no limit tried")

    def test_python_raises_out_of_memory_under_an_address_space_limit(self):
        library = os.path.join(os.environ.get("XXGK_BUILD_DIR", os.path.join(SOURCE, "build")), "capi", "libxxgk.so.0")
        if not os.path.exists(library):
            self.skipTest("libxxgk.so is not built")
        with open(library, "rb") as f:
            if b"__asan_init" in f.read():
                self.skipTest("a sanitized library cannot run under an address-space limit")
        # The limit is set once the library is loaded (with OCR it maps Tesseract and ICU, some 60 MiB): the
        # interpreter and the library as they are, and 34 MiB more, where the page needs far more.
        script = ("import resource, sys, xxgk\n"
                  "size = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmSize:')) << 10\n"
                  "resource.setrlimit(resource.RLIMIT_AS, (size + (34 << 20), size + (34 << 20)))\n"
                  "try:\n"
                  "    xxgk.Report.from_file(sys.argv[1], 'html')\n"
                  "except xxgk.OutOfMemory as e:\n"
                  "    print('OutOfMemory', e.code)\n"
                  "except xxgk.ParseError as e:\n"
                  "    print('ParseError', e.message)\n")
        env = dict(os.environ, XXGK_LIBRARY=library, PYTHONPATH=os.path.join(SOURCE, "bindings", "python"))
        r = subprocess.run([sys.executable, "-c", script, self.page], capture_output=True, timeout=120, env=env)
        self.assertEqual(r.returncode, 0, r.stderr.decode("utf-8", "replace")[-2000:])
        self.assertEqual(r.stdout.decode().strip(), "OutOfMemory XXGK_E_NOMEM")


if __name__ == "__main__":
    unittest.main()
