"""The `xxgk` command as people and scripts use it: output, exit status, errors."""
import csv
import io
import json
import os
import re
import resource
import signal
import subprocess
import tempfile
import unittest
import zipfile

XXGK = os.environ.get("XXGK_BIN", "xxgk")
SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
SEED = os.path.join(SOURCE, "examples", "acheng-yagou-2023.json")
FAULTS = os.path.join(SOURCE, "examples", "faults")


def run(*args, stdin=None):
    return subprocess.run([XXGK, *args], input=stdin, capture_output=True, text=True, timeout=60)


class CheckTest(unittest.TestCase):
    def test_the_seed_has_no_error_and_exits_0(self):
        r = run("check", SEED)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("错误 0", r.stdout)

    def test_a_planted_balance_fault_exits_1_and_names_rule_pointer_and_values(self):
        r = run("check", "--format", "json", os.path.join(FAULTS, "balance.json"))
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        diags = doc["files"][0]["diagnostics"]
        self.assertEqual([d["rule"] for d in diags], ["t3.balance", "t3.balance"])
        self.assertEqual(diags[0]["pointers"][3], "/applications/carried_forward/natural_person")
        self.assertEqual((diags[0]["left"], diags[0]["right"], diags[0]["difference"]), ("1", "2", "-1"))
        self.assertEqual(doc["summary"], {"error": 2, "warning": 0, "info": 0})

    def test_each_planted_fault_is_found_with_its_rule(self):
        expected = {
            "outcome-total.json": {"t3.outcome_total"},
            "total-blank.json": {"t3.total_blank"},
            "review-total.json": {"t4.total"},
            "cells.json": {"cell.placeholder", "cell.not_numeric", "t2.fee_unit", "t3.outcome_total",
                           "t3.applicant_total"},
        }
        for name, rules in expected.items():
            with self.subTest(name):
                r = run("check", "--format", "json", os.path.join(FAULTS, name))
                found = {d["rule"] for d in json.loads(r.stdout)["files"][0]["diagnostics"]}
                self.assertEqual(found, rules)

    def test_a_baseline_that_suppresses_nothing_leaves_every_finding_whole(self):
        path = os.path.join(FAULTS, "balance.json")
        with tempfile.TemporaryDirectory() as tmp:
            base = os.path.join(tmp, "b.jsonl")
            with open(base, "w") as f:
                f.write('{"fingerprint":"0"}\n')
            for fmt in ("json", "text", "csv"):
                with self.subTest(fmt):
                    self.assertEqual(run("check", "--format", fmt, "--baseline", base, path).stdout,
                                     run("check", "--format", fmt, path).stdout)

    def test_warnings_alone_exit_0(self):
        self.assertEqual(run("check", os.path.join(FAULTS, "total-blank.json")).returncode, 0)

    def test_english_messages_on_request(self):
        r = run("check", "--lang", "en", os.path.join(FAULTS, "review-total.json"))
        self.assertIn("error: [t4.total] Administrative reconsideration: the total is 0 but upheld + corrected + other "
                      "+ pending = 1", r.stdout)
        self.assertNotRegex(r.stdout, "[\u4e00-\u9fff]")

    def test_malformed_json_exits_2_naming_file_and_position(self):
        path = os.path.join(FAULTS, "malformed.json")
        r = run("check", path)
        self.assertEqual(r.returncode, 2)
        self.assertIn(path, r.stderr)
        self.assertRegex(r.stderr, r"第\d+行第\d+列（第\d+字节）：JSON语法错误")
        r = run("check", "--lang", "en", path)
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"line \d+, column \d+ \(byte \d+\): invalid JSON")

    def test_ill_typed_json_exits_2_with_the_pointer(self):
        r = run("check", os.path.join(FAULTS, "ill-typed.json"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("位置/applications/granted/total：应为数字、字符串或null，实为数组", r.stderr)
        r = run("check", "--lang", "en", os.path.join(FAULTS, "ill-typed.json"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("at /applications/granted/total: expected a number, a string or null, found an array", r.stderr)

    def test_a_bad_file_does_not_hide_the_others(self):
        r = run("check", "--format", "json", os.path.join(FAULTS, "malformed.json"), SEED)
        self.assertEqual(r.returncode, 2)
        files = json.loads(r.stdout)["files"]
        self.assertIn("error", files[0])
        self.assertEqual(files[1]["diagnostics"], [])

    def test_missing_file_exits_2(self):
        r = run("check", "/nonexistent/report.json")
        self.assertEqual(r.returncode, 2)
        self.assertIn("/nonexistent/report.json: 无法打开文件：文件不存在", r.stderr)
        r = run("check", "--lang", "en", "/nonexistent/report.json")
        self.assertIn("/nonexistent/report.json: cannot open file: No such file or directory", r.stderr)

    def test_an_endless_input_stops_at_the_size_limit(self):
        r = run("check", "/dev/zero")
        self.assertEqual(r.returncode, 2)
        self.assertIn("/dev/zero: 输入超过 134217728 字节的上限", r.stderr)
        self.assertIn("/dev/zero: input exceeds the limit of", run("check", "--lang", "en", "/dev/zero").stderr)

    def test_dash_reads_standard_input(self):
        with open(SEED, encoding="utf-8") as f:
            r = run("check", "-", stdin=f.read())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("<stdin>", r.stdout)

    def test_rules_can_be_disabled_and_severities_changed(self):
        path = os.path.join(FAULTS, "review-total.json")
        self.assertEqual(run("check", "--disable", "t4.total", path).returncode, 0)
        r = run("check", "--severity", "t4.total=warning", "--format", "json", path)
        self.assertEqual(r.returncode, 0)
        self.assertEqual(json.loads(r.stdout)["files"][0]["diagnostics"][0]["severity"], "warning")

    def test_fee_threshold_is_configurable(self):
        r = run("check", "--fee-threshold", "0", "--format", "json", SEED)
        self.assertEqual([d["rule"] for d in json.loads(r.stdout)["files"][0]["diagnostics"]], ["t2.fee_unit"])

    def test_html_writes_one_page_per_report_with_the_faulty_cells_marked_and_an_index(self):
        import tempfile
        with tempfile.TemporaryDirectory() as out:
            r = run("check", "--format", "html", "-o", out, SEED, os.path.join(FAULTS, "review-total.json"))
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertIn("xxgk：已写入 %s\n" % os.path.join(out, "index.html"), r.stderr)
            pages = sorted(os.listdir(out))
            self.assertIn("index.html", pages)
            self.assertEqual(len(pages), 3)
            faulty = [p for p in pages if "review-total" in p][0]
            with open(os.path.join(out, faulty), encoding="utf-8") as f:
                page = f.read()
            self.assertIn("t4.total", page)
            self.assertIn("fault", page)

    def test_usage_errors_exit_2(self):
        for args in (["check"], ["check", "--lang", "fr", SEED], ["check", "--disable", "t9.none", SEED],
                     ["check", "--severity", "t4.total", SEED], ["frobnicate"], [], ["schema", "x"]):
            with self.subTest(args):
                r = run(*args)
                self.assertEqual(r.returncode, 2)
                self.assertTrue(r.stderr.startswith("xxgk: "))


class CatalogueTest(unittest.TestCase):
    def test_rules_lists_every_rule_of_the_catalogue(self):
        r = run("rules", "--format", "json")
        self.assertEqual(r.returncode, 0)
        ids = [e["id"] for e in json.loads(r.stdout)]
        with open(os.path.join(SOURCE, "docs", "rules.md"), encoding="utf-8") as f:
            documented = f.read()
        for rule_id in ids:
            self.assertIn("`" + rule_id + "`", documented)
        self.assertIn("t3.balance", run("rules").stdout)

    def test_schema_prints_the_documented_schema(self):
        r = run("schema")
        self.assertEqual(r.returncode, 0)
        with open(os.path.join(SOURCE, "docs", "report.schema.json"), encoding="utf-8") as f:
            self.assertEqual(json.loads(r.stdout), json.load(f))

    def test_version(self):
        self.assertRegex(run("--version").stdout, r"^xxgk \d+\.\d+\.\d+")


if __name__ == "__main__":
    unittest.main()


class LostOutputTest(unittest.TestCase):
    """Output that cannot be written ends the command with status 2 and a message naming the output."""

    COMMANDS = (["parse", SEED], ["check", SEED], ["check", "--format", "json", SEED], ["check", "--format", "jsonl",
                FAULTS], ["check", "--format", "csv", FAULTS], ["check", "--format", "sarif", SEED], ["rules"],
                ["schema"], ["render", SEED], ["--version"])

    def run_into(self, args, stdout, preexec_fn=None):
        return subprocess.run([XXGK, *args], stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60,
                              preexec_fn=preexec_fn)

    def test_a_full_device_is_reported(self):
        for args in self.COMMANDS:
            with self.subTest(args), open("/dev/full", "w") as full:
                r = self.run_into(args, full)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn("xxgk: cannot write standard output: No space left on device\n", r.stderr)

    def test_a_closed_standard_output_is_reported(self):
        for args in self.COMMANDS:
            with self.subTest(args):
                r = self.run_into(args, None, preexec_fn=lambda: os.close(1))
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn("xxgk: cannot write standard output: it is closed\n", r.stderr)

    def test_a_full_disk_stops_a_batch_with_status_2(self):
        def small_files():  # writes past 16 KB fail with EFBIG rather than kill the process
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (16 << 10, 16 << 10))

        with tempfile.TemporaryDirectory() as tmp:
            corpus = os.path.join(tmp, "corpus")
            os.makedirs(corpus)
            for i in range(100):
                os.link(os.path.join(FAULTS, "cells.json"), os.path.join(corpus, "%03d.json" % i))
            with open(os.path.join(tmp, "out.jsonl"), "w") as out:
                r = self.run_into(["check", "--format", "jsonl", corpus], out, preexec_fn=small_files)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("xxgk: cannot write standard output: File too large\n", r.stderr)

    def test_a_page_that_cannot_be_written_is_named(self):
        r = run("render", "--format", "html", "-o", "/dev/full", SEED)
        self.assertEqual(r.returncode, 2)
        self.assertIn("xxgk: cannot write /dev/full: No space left on device", r.stderr)


@unittest.skipIf(any(k in os.environ for k in ("ASAN_OPTIONS", "TSAN_OPTIONS")),
                 "sanitizers reserve more address space than the limit allows")
class ThreadsTest(unittest.TestCase):
    """Threads the system cannot start do not end the run: it goes on with those that started."""

    def test_output_is_the_same_when_few_or_no_threads_can_start(self):
        whole = run("check", "--format", "jsonl", "-j", "2", FAULTS, SEED)

        def no_thread():  # every thread's stack (RLIMIT_STACK) is larger than the address space left
            resource.setrlimit(resource.RLIMIT_STACK, (1 << 30, 1 << 30))
            resource.setrlimit(resource.RLIMIT_AS, (600 << 20, 600 << 20))

        def few_threads():
            resource.setrlimit(resource.RLIMIT_AS, (300 << 20, 300 << 20))

        for limit, jobs in ((no_thread, "4"), (few_threads, "1024")):
            with self.subTest(limit.__name__):
                r = subprocess.run([XXGK, "check", "--format", "jsonl", "-j", jobs, FAULTS, SEED],
                                   capture_output=True, text=True, timeout=60, preexec_fn=limit)
                self.assertEqual((r.returncode, r.stdout), (whole.returncode, whole.stdout), r.stderr)


class OptionsTest(unittest.TestCase):
    """Options as people type them (--help on every command, --opt=value, --) and help in Chinese by default."""

    def test_every_command_has_help_in_chinese_and_on_request_in_english(self):
        for command in ("check", "rules", "schema", "render", "parse"):
            for flag in ("--help", "-h"):
                with self.subTest(command=command, flag=flag):
                    zh = run(command, flag)
                    self.assertEqual(zh.returncode, 0, zh.stderr)
                    self.assertTrue(zh.stdout.startswith("用法：xxgk " + command), zh.stdout)
                    en = run(command, "--lang=en", flag)
                    self.assertEqual(en.returncode, 0, en.stderr)
                    self.assertTrue(en.stdout.startswith("usage: xxgk " + command), en.stdout)
                    self.assertNotRegex(en.stdout.replace("万元", ""), "[\u4e00-\u9fff]")
        self.assertTrue(run("--help").stdout.startswith("用法："))
        self.assertTrue(run("-h", "--lang", "en").stdout.startswith("usage:"))

    def test_an_option_and_its_value_may_be_joined_by_an_equals_sign(self):
        path = os.path.join(FAULTS, "review-total.json")
        self.assertEqual(run("check", "--format=json", "--lang=en", "--severity=t4.total=warning", path).stdout,
                         run("check", "--format", "json", "--lang", "en", "--severity", "t4.total=warning", path).stdout)
        self.assertEqual(run("check", "--jobs=2", path).stdout, run("check", "-j", "2", path).stdout)
        self.assertEqual(run("parse", "--pretty", SEED).stdout, run("parse", "--pretty", SEED).stdout)
        r = run("parse", "--pretty=yes", SEED)
        self.assertEqual(r.returncode, 2)
        self.assertIn("option --pretty takes no value", r.stderr)

    def test_double_dash_ends_the_options(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(SEED, encoding="utf-8") as f, open(os.path.join(tmp, "-h.json"), "w", encoding="utf-8") as g:
                g.write(f.read())
            for command in (["check"], ["parse"], ["render"]):
                with self.subTest(command):
                    r = subprocess.run([XXGK, *command, "--", "-h.json"], capture_output=True, text=True, cwd=tmp,
                                       timeout=60)
                    self.assertEqual(r.returncode, 0, r.stderr)
                    self.assertNotIn("用法", r.stdout)

    def test_an_output_directory_without_html_pages_is_an_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run("check", "-o", tmp, SEED)
            self.assertEqual(r.returncode, 2)
            self.assertIn("-o/--output DIR is where --format html writes its pages", r.stderr)
            self.assertEqual(os.listdir(tmp), [])

    def test_rules_name_severities_in_the_language_asked_for(self):
        zh = run("rules").stdout
        self.assertRegex(zh, r"(?m)^t3\.balance +错误 +\S")
        self.assertRegex(zh, r"(?m)^cell\.blank +警告 +\S")
        self.assertNotRegex(zh, r"\b(error|warning|info)\b")
        self.assertRegex(run("rules", "--lang", "en").stdout, r"(?m)^t3\.balance +error +\S")


class EscapingTest(unittest.TestCase):
    """Names and texts from the inputs cannot break an output: control characters and bytes that are not
    UTF-8 are escaped (\\xNN, a backslash as \\\\) the same way everywhere."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.fsencode(self.tmp.name)
        with open(os.path.join(FAULTS, "balance.json"), "rb") as f:
            content = f.read()
        self.gbk = os.path.join(self.dir, "报告".encode("gbk") + b".json")  # a name from a Windows zip
        self.bell = os.path.join(self.dir, b"a\x1b[31m\x07\nb.json")
        for path in (self.gbk, self.bell):
            with open(path, "wb") as f:
                f.write(content)

    def tearDown(self):
        self.tmp.cleanup()

    def shown(self, path):
        return os.fsdecode(self.dir) + "/" + {self.gbk: "\\xb1\\xa8\\xb8\\xe6.json",
                                                self.bell: "a\\x1b[31m\\x07\\x0ab.json"}[path]

    def check(self, *args):
        r = subprocess.run([XXGK, "check", *args, self.gbk, self.bell], capture_output=True, timeout=60)
        return r.stdout.decode("utf-8"), r.stderr.decode("utf-8")  # strict: every byte is UTF-8

    def test_file_names_are_written_escaped_in_every_output(self):
        for fmt in ("json", "jsonl", "sarif"):
            with self.subTest(fmt):
                out, _ = self.check("--format", fmt)
                docs = [json.loads(line) for line in out.splitlines()] if fmt == "jsonl" else [json.loads(out)]
                text = json.dumps(docs, ensure_ascii=False)
                for path in (self.gbk, self.bell):
                    self.assertIn(json.dumps(self.shown(path), ensure_ascii=False)[1:-1], text)
        out, _ = self.check("--format", "csv")
        files = {row["file"] for row in csv.DictReader(io.StringIO(out, newline=""))}
        self.assertEqual(files, {self.shown(self.gbk), self.shown(self.bell)})
        text, _ = self.check()
        self.assertNotRegex(text, "[\x00-\x09\x0b-\x1f\x7f]")
        self.assertEqual(len(text.splitlines()), len(text.split("\n")) - 1)
        self.assertIn(self.shown(self.bell) + ": 错误: [t3.balance]", text)
        with tempfile.TemporaryDirectory() as pages:
            self.check("--format", "html", "-o", pages)
            for name in os.listdir(pages):
                with open(os.path.join(pages, name), encoding="utf-8") as f:
                    page = f.read()
                self.assertNotRegex(page, "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
                if name == "index.html":
                    self.assertIn(self.shown(self.gbk), page)

    def test_the_escaping_gives_back_the_bytes(self):
        out, _ = self.check("--format", "jsonl")
        names = {d["file"] for d in map(json.loads, out.splitlines())}
        unescape = lambda s: re.sub(rb"\\(\\|x([0-9a-f]{2}))",  # noqa: E731
                                    lambda m: b"\\" if m.group(1) == b"\\" else bytes([int(m.group(2), 16)]),
                                    s.encode("utf-8"))
        self.assertEqual({unescape(n) for n in names}, {self.gbk, self.bell})


class CsvTest(unittest.TestCase):
    def test_a_text_that_a_spreadsheet_would_take_for_a_formula_is_prefixed(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(FAULTS, "balance.json"), encoding="utf-8") as f:
                doc = json.load(f)
            for prefix in "=+-@":
                doc["agency"] = prefix + "HYPERLINK(\"http://x\")"
                path = os.path.join(tmp, prefix + "x.json")
                with open(path, "w", encoding="utf-8") as f:
                    json.dump(doc, f, ensure_ascii=False)
                with self.subTest(prefix):
                    rows = list(csv.DictReader(io.StringIO(run("check", "--format", "csv", path).stdout,
                                                           newline="")))
                    self.assertTrue(rows)
                    for row in rows:
                        self.assertEqual(row["agency"], "'" + doc["agency"])
                        self.assertEqual(row["file"], "'" + path if path.startswith(prefix) else path)
                        self.assertNotIn(row["difference"][:1], ("'",))

    def test_a_bom_on_request(self):
        path = os.path.join(FAULTS, "balance.json")
        plain = run("check", "--format", "csv", path).stdout
        self.assertTrue(plain.startswith("file,agency,"))
        self.assertEqual(run("check", "--format", "csv", "--csv-bom", path).stdout, "\ufeff" + plain)

    def test_a_csv_of_findings_is_a_baseline(self):
        path = os.path.join(FAULTS, "cells.json")
        with tempfile.TemporaryDirectory() as tmp:
            base = os.path.join(tmp, "base.csv")
            for bom in ([], ["--csv-bom"]):
                with self.subTest(bom=bom):
                    with open(base, "w", encoding="utf-8", newline="") as f:
                        f.write(run("check", "--format", "csv", *bom, path).stdout)
                    r = run("check", "--format", "jsonl", "--baseline", base, path)
                    self.assertEqual(r.stdout, "")
                    self.assertIn("基线已知而未列出 5", r.stderr)


class PositionsTest(unittest.TestCase):
    """Text output says where a finding is: the PDF page, the report's table of a DOCX."""

    def test_a_pdf_position_carries_its_page(self):
        pdf = os.path.join(SOURCE, "tests", "samples", "huaian-city-2024", "report.pdf")
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
        before, total, after = text.partition("（七）总计")
        line, newline, rest = after.partition("\n")
        line = line.rstrip()
        digits = line.split()[-1]
        faulty = before + total + line[:-len(digits)] + str(int(digits) + 1) + newline + rest
        page = before.count("\f") + 1
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(faulty)
            zh = run("check", path).stdout
            self.assertRegex(zh, r"(?m)^%s:第%d页:\d+:\d+: 错误: \[t3\.outcome_total\]" % (re.escape(path), page))
            en = run("check", "--lang", "en", path).stdout
            self.assertRegex(en, r"(?m)^%s:page %d:\d+:\d+: error: \[t3\.outcome_total\]" % (re.escape(path), page))

    def test_a_docx_position_names_the_reports_table_not_the_documents_count(self):
        source = os.path.join(SOURCE, "tests", "samples", "acheng-yagou-2023", "report.docx")
        with zipfile.ZipFile(source) as z:
            parts = {i.filename: z.read(i.filename) for i in z.infolist()}
        doc = parts["word/document.xml"].decode("utf-8")
        # A layout table before the report's: table 三 becomes the document's fourth table.
        first = doc.index("<w:tbl>")
        doc = doc[:first] + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>版式</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" + doc[first:]
        at = doc.index("（七）总计")
        number = re.compile(r"(<w:t[^>]*>)(\d+)(</w:t>)").search(doc, at)
        doc = doc[:number.start(2)] + str(int(number.group(2)) + 1) + doc[number.end(2):]
        parts["word/document.xml"] = doc.encode("utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.docx")
            with zipfile.ZipFile(path, "w") as z:
                for name, content in parts.items():
                    z.writestr(name, content)
            zh = run("check", path).stdout
            self.assertRegex(zh, r"(?m)^%s:表三第\d+行第\d+格: 错误: \[t3\.outcome_total\]" % re.escape(path))
            en = run("check", "--lang", "en", path).stdout
            self.assertRegex(en, r"(?m)^%s: report table 3, row \d+, cell \d+: error: \[t3\.outcome_total\]"
                             % re.escape(path))
