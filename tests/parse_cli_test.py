"""`xxgk parse FILE`: any input format to canonical JSON; unreadable input exits 2 with a clear message."""
import json
import os
import subprocess
import tempfile
import unittest

XXGK = os.environ.get("XXGK_BIN", "xxgk")
SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
SAMPLES = os.path.join(SOURCE, "tests", "samples")
SEED = os.path.join(SAMPLES, "acheng-yagou-2023", "report.txt")
TABLES = ("active_disclosure", "applications", "review_litigation")


def run(*args, stdin=None):
    return subprocess.run([XXGK, *args], input=stdin, capture_output=True, timeout=120)


def expected(sample_dir):
    with open(os.path.join(sample_dir, "expected.json"), encoding="utf-8") as f:
        return json.load(f)


def same_number(a, b):
    """Expected files write amounts as strings ("0") or numbers; compare the values."""
    if a == b:
        return True
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return False


class ParseTest(unittest.TestCase):
    def assert_cells(self, got, want):
        for table in TABLES:
            def walk(w, g, at):
                if isinstance(w, dict):
                    for k, v in w.items():
                        self.assertIn(k, g, at + "/" + k)
                        walk(v, g[k], at + "/" + k)
                else:
                    self.assertTrue(same_number(w, g), "%s: want %r, got %r" % (at, w, g))
            walk(want[table], got[table], "/" + table)
        self.assertEqual(sorted(got.get("ambiguous", [])), sorted(want.get("ambiguous", [])))
        self.assertEqual(got["format"], want["format"])
        self.assertEqual(got["year"], want["year"])

    def test_the_seed_parses_to_its_expected_cells(self):
        r = run("parse", SEED)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        got = json.loads(r.stdout)
        self.assert_cells(got, expected(os.path.dirname(SEED)))
        self.assertEqual(got["agency"], "阿城区亚沟街道办事处")
        self.assertNotIn("positions", got)
        self.assertIn("doc.table_layout", r.stderr.decode())

    def test_every_sample_parses_from_its_own_format(self):
        for folder, name in [("shuyang-county-2025", "report.md"), ("hangzhou-style-html", "report.html"),
                             ("pingtan/93-haitan-2024", "page.txt"), ("pingtan/04-gwhban-2019", "page.txt")]:
            with self.subTest(folder):
                r = run("parse", os.path.join(SAMPLES, folder, name))
                self.assertEqual(r.returncode, 0, r.stderr.decode())
                self.assert_cells(json.loads(r.stdout), expected(os.path.join(SAMPLES, folder)))

    def test_positions_on_request(self):
        r = run("parse", "--positions", "--pretty", SEED)
        self.assertEqual(r.returncode, 0)
        got = json.loads(r.stdout)
        pos = got["positions"]["/applications/new_received/natural_person"]
        self.assertEqual(pos["column"], 2)
        self.assertEqual(pos["line"], 89)  # the line after 一、本年新收政府信息公开申请数量

    def test_standard_input_and_forced_format(self):
        with open(SEED, "rb") as f:
            data = f.read()
        r = run("parse", "--input-format", "text", "-", stdin=data)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(json.loads(r.stdout)["year"], 2023)

    def test_gb18030_text_is_converted(self):
        with open(SEED, encoding="utf-8") as f:
            gb = f.read().encode("gb18030")
        r = run("parse", "-", stdin=gb)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(json.loads(r.stdout)["agency"], "阿城区亚沟街道办事处")

    def test_unreadable_inputs_exit_2_with_a_clear_message(self):
        with open(SEED, "rb") as f:
            data = f.read()
        # The reason in Chinese (the default) and in English.
        cases = {
            "truncated": (data[:data.find("年度报告".encode()) + 1], "文件不完整", b"truncated"),
            "binary": (bytes(range(256)) * 4, "字节", b"byte"),
            "not a report": ("这不是年度报告。\n".encode(), "未找到年度报告", b"no report found"),
            "empty": (b"", "未找到年度报告", b"no report found"),
        }
        for what, (content, chinese, english) in cases.items():
            with self.subTest(what):
                r = run("parse", "--input-format", "text", "-", stdin=content)
                self.assertEqual(r.returncode, 2, r.stdout)
                self.assertIn(chinese.encode(), r.stderr)
                self.assertEqual(r.stdout, b"")
                r = run("parse", "--lang", "en", "--input-format", "text", "-", stdin=content)
                self.assertEqual(r.returncode, 2, r.stdout)
                self.assertIn(english, r.stderr)
                self.assertEqual(r.stdout, b"")

    def test_a_corrupted_docx_exits_2(self):
        with tempfile.NamedTemporaryFile(suffix=".docx") as f:
            f.write(b"PK\x03\x04" + b"\x00" * 40)
            f.flush()
            r = run("parse", f.name)
            self.assertEqual(r.returncode, 2)
            self.assertTrue(r.stderr)

    def test_usage_errors_exit_2(self):
        self.assertEqual(run("parse").returncode, 2)
        r = run("parse", "--input-format", "xls", SEED)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"--input-format", r.stderr)


if __name__ == "__main__":
    unittest.main()
