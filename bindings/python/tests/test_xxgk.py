"""The Python package over the C library: reading, checking, options, errors, batch, catalogue, threads."""

import concurrent.futures
import json
import os
import pathlib
import subprocess
import sys
import unittest
from decimal import Decimal

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
SOURCE = pathlib.Path(os.environ.get("XXGK_SOURCE_DIR", HERE.parents[2]))
SEED = SOURCE / "examples" / "acheng-yagou-2023.json"
FAULTS = SOURCE / "examples" / "faults"

import xxgk  # noqa: E402


class ReadingTest(unittest.TestCase):
    def test_every_kind_of_source_reads_to_the_same_report(self):
        text = (FAULTS / "balance.json").read_text(encoding="utf-8")
        expected = xxgk.check(str(FAULTS / "balance.json"))
        with xxgk.Report.load(text) as r:
            sources = [json.loads(text), text, FAULTS / "balance.json", text.encode("utf-8"), r]
            for source in sources:
                with self.subTest(type(source).__name__):
                    self.assertEqual(xxgk.check(source), expected)
        self.assertEqual([d.rule for d in expected], ["t3.balance", "t3.balance"])

    def test_json_round_trips_and_to_dict_is_canonical_data(self):
        with xxgk.Report.load(SEED) as r:
            self.assertEqual(r.format, "json")
            text = r.to_json()
            with xxgk.Report.from_json(text) as again:
                self.assertEqual(again.to_json(), text)
            self.assertEqual(r.to_dict(), json.loads(text))
            self.assertEqual(r.to_dict()["year"], 2023)
            pretty = r.to_json(pretty=True)
            self.assertTrue(pretty.startswith('{\n  "') and pretty.endswith("\n"))
            self.assertEqual(json.loads(pretty), json.loads(text))

    def test_a_closed_report_refuses_work(self):
        r = xxgk.Report.load(SEED)
        r.close()
        r.close()  # twice is fine
        with self.assertRaises(xxgk.InvalidArgument):
            r.to_json()
        self.assertIn("closed", repr(r))

    def test_report_is_not_built_directly(self):
        with self.assertRaises(TypeError):
            xxgk.Report(None)
        with self.assertRaises(TypeError):
            xxgk.Report.load(42)


class CheckTest(unittest.TestCase):
    def test_balance_finding_carries_values_labels_and_cells(self):
        d = xxgk.check(FAULTS / "balance.json", language="en")[0]
        self.assertEqual((d.rule, d.severity, d.status), ("t3.balance", "error", "fail"))
        self.assertEqual(d.pointer, "/applications/new_received/natural_person")
        self.assertEqual(d.pointers[0], d.pointer)
        self.assertEqual(len(d.pointers), 4)
        self.assertEqual(d.left, d.right + d.difference)
        self.assertIsInstance(d.left, Decimal)
        self.assertEqual(d.column, "自然人")
        self.assertIn("三、收到和处理", d.table)
        self.assertIn("carried forward", d.message)
        self.assertFalse(d.source)

    def test_a_report_against_last_years_finds_the_carry_over_column(self):
        with xxgk.Report.load(SEED) as current, \
                xxgk.Report.load(SOURCE / "tests" / "data" / "pairs" / "acheng-yagou-2022-synthetic.json") as previous:
            found = current.check_pair(previous, language="en")
        self.assertEqual([(d.rule, d.pointer) for d in found],
                         [("xy.carry_over", "/applications/carried_over/natural_person"),
                          ("xy.carry_over", "/applications/carried_over/total")])
        self.assertEqual((found[0].left, found[0].right, found[0].difference), (Decimal(0), Decimal(1), Decimal(-1)))

    def test_clean_seed_has_no_findings(self):
        self.assertEqual(xxgk.check(SEED), [])

    def test_options(self):
        balance = FAULTS / "balance.json"
        self.assertEqual(xxgk.check(balance, disabled=["t3.balance"]), [])
        self.assertEqual(xxgk.check(balance, disabled="t3.balance"), [])
        self.assertEqual({d.severity for d in xxgk.check(balance, severity={"t3.balance": "info"})}, {"info"})
        fees = xxgk.check(SEED, fee_unit_threshold=0)
        self.assertEqual([d.rule for d in fees], ["t2.fee_unit"])
        self.assertEqual(xxgk.check(SEED, fee_unit_threshold=Decimal("0.5")), [])
        self.assertIn("列", xxgk.check(balance)[0].message)

    def test_bad_options_raise_with_the_library_message(self):
        with self.assertRaises(xxgk.UnknownRule) as e:
            xxgk.check(SEED, disabled=["t9.nothing"])
        self.assertIn("t9.nothing", str(e.exception))
        self.assertEqual(e.exception.code, "XXGK_E_NOT_FOUND")
        with self.assertRaises(xxgk.InvalidArgument) as e:
            xxgk.check(SEED, fee_unit_threshold=-1)
        self.assertIn("-1", e.exception.message)
        with self.assertRaises(xxgk.InvalidArgument):
            xxgk.check(SEED, language="fr")
        with self.assertRaises(xxgk.InvalidArgument):
            xxgk.check(SEED, severity={"t3.balance": "fatal"})
        with self.assertRaises(xxgk.InvalidArgument):
            xxgk.check(SEED, format="xls")


class ErrorTest(unittest.TestCase):
    def test_syntax_error_names_line_column_and_byte(self):
        with self.assertRaises(xxgk.ParseError) as e:
            xxgk.check('{\n  "format": ]')
        err = e.exception
        self.assertEqual((err.line, err.column, err.offset), (2, 13, 14))
        self.assertEqual(err.code, "XXGK_E_PARSE")
        self.assertIsInstance(err, ValueError)
        self.assertIn("line 2", str(err))
        self.assertEqual(err.reason, "json_syntax")
        self.assertIsInstance(err, xxgk.InvalidJson)

    def test_the_reason_chooses_the_exception_class(self):
        with self.assertRaises(xxgk.NotAReport) as e:
            xxgk.check(b"Rar!\x1a\x07\x00 an archive, not a report")
        self.assertEqual((e.exception.reason, e.exception.code), ("foreign_file", "XXGK_E_PARSE"))
        with self.assertRaises(xxgk.DamagedDocument) as e:
            xxgk.check(b"PK\x03\x04 broken", format="docx")
        self.assertEqual(e.exception.reason, "damaged")
        self.assertIs(xxgk._errors.exception_class(2, "scanned"), xxgk.ScannedDocument)
        self.assertIs(xxgk._errors.exception_class(2, "encrypted"), xxgk.EncryptedDocument)
        self.assertIs(xxgk._errors.exception_class(4, "out_of_memory"), xxgk.OutOfMemory)
        self.assertIs(xxgk._errors.exception_class(8, ""), xxgk.InternalError)

    def test_wrong_value_names_its_pointer(self):
        with self.assertRaises(xxgk.ParseError) as e:
            xxgk.check(FAULTS / "ill-typed.json")
        self.assertEqual(e.exception.pointer, "/applications/granted/total")
        self.assertIn(e.exception.pointer, e.exception.message)
        self.assertEqual(e.exception.reason, "json_expected_cell")

    def test_missing_file(self):
        with self.assertRaises(xxgk.FileError) as e:
            xxgk.check(SOURCE / "examples" / "missing.json")
        self.assertIsInstance(e.exception, OSError)
        self.assertIn("missing.json", str(e.exception))

    def test_every_error_is_an_xxgk_error(self):
        for cls in (xxgk.InvalidArgument, xxgk.ParseError, xxgk.FileError, xxgk.OutOfMemory, xxgk.RangeError,
                    xxgk.UnknownRule, xxgk.VersionError, xxgk.InternalError, xxgk.LibraryNotFound):
            self.assertTrue(issubclass(cls, xxgk.Error), cls)

    def test_missing_library_is_reported(self):
        env = dict(os.environ, XXGK_LIBRARY="/nonexistent/libxxgk.so.0")
        r = subprocess.run([sys.executable, "-c", "import xxgk"], cwd=HERE.parent, env=env, capture_output=True,
                           text=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("LibraryNotFound", r.stderr)
        self.assertIn("/nonexistent/libxxgk.so.0", r.stderr)


class BatchTest(unittest.TestCase):
    def test_many_reports_in_one_call_match_one_by_one(self):
        seed = json.loads(SEED.read_text(encoding="utf-8"))
        sources = [seed, "{not json", FAULTS / "balance.json", (FAULTS / "cells.json").read_text(encoding="utf-8")]
        items = xxgk.check_many(sources, language="en")
        self.assertEqual([i.index for i in items], [0, 1, 2, 3])
        self.assertEqual(items[0].diagnostics, [])
        self.assertFalse(items[1].ok)
        self.assertIn("invalid JSON", items[1].error)
        self.assertEqual(items[2].diagnostics, xxgk.check(FAULTS / "balance.json", language="en"))
        self.assertEqual(items[3].diagnostics, xxgk.check(FAULTS / "cells.json", language="en"))
        self.assertEqual(xxgk.check_many([]), [])

    def test_many_documents_keep_the_readings_findings(self):
        docx = SOURCE / "tests" / "samples" / "acheng-yagou-2023" / "report.docx"
        alone = xxgk.check(docx)
        self.assertTrue(any(d.rule.startswith("doc.") for d in alone), alone)
        self.assertEqual(xxgk.check_many([docx, FAULTS / "balance.json"])[0].diagnostics, alone)

    def test_publication_deadlines_last_year_and_children(self):
        seed = json.loads(SEED.read_text(encoding="utf-8"))
        late = dict(seed, published="2024-03-01", agency_kind="township")
        self.assertEqual([d.rule for d in xxgk.check(late)], [])
        found = xxgk.check(late, deadlines={"township": "02-28"})
        self.assertEqual([(d.rule, d.difference) for d in found], [("pub.late", Decimal(2))])  # 2024 has 29 February
        with self.assertRaises(xxgk.InvalidArgument):
            xxgk.check(late, deadlines={"township": "2-28"})
        self.assertEqual([d.status for d in xxgk.check(seed, require_date=True)], ["not_assessable"])
        same_year = xxgk.check(seed, previous=seed)
        self.assertEqual([(d.rule, d.status) for d in same_year], [("xy.carry_over", "not_assessable")])
        parent = dict(seed, agency="父机关")
        self.assertTrue(any(d.rule == "xy.hierarchy" for d in xxgk.check(parent, children=[seed, seed])))
        self.assertEqual(xxgk.check(parent, children=[seed], language="en"), [])

    def test_render_is_the_commands(self):
        text = xxgk.render(FAULTS / "balance.json", "text", check=True, language="en")
        command = subprocess.run([os.environ.get("XXGK_BIN", str(SOURCE / "build" / "xxgk")), "render", "--format",
                                  "text", "--check", "--lang", "en", str(FAULTS / "balance.json")],
                                 capture_output=True, text=True)
        if command.returncode == 0:
            self.assertEqual(text, command.stdout)
        self.assertIn("t3.balance", text)
        self.assertNotIn("t3.balance", xxgk.render(FAULTS / "balance.json", "markdown"))
        self.assertIn("<html", xxgk.render(FAULTS / "balance.json", check=True).lower())

    def test_jsonl_is_the_c_batch_format(self):
        line = json.dumps(json.loads(SEED.read_text(encoding="utf-8")), ensure_ascii=False)
        out = xxgk.check_jsonl(line + "\n\n" + line + "\n").splitlines()
        self.assertEqual([json.loads(o)["line"] for o in out], [1, 3])
        self.assertEqual(json.loads(out[0])["summary"], {"error": 0, "warning": 0, "info": 0})


class CatalogueTest(unittest.TestCase):
    def test_rules(self):
        rules = xxgk.rules()
        ids = [r.id for r in rules]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(ids, [r["id"] for r in json.loads(xxgk.rules_json())])
        balance = xxgk.rule("t3.balance")
        self.assertEqual((balance.severity, balance.scope), ("error", "tables"))
        self.assertEqual(balance.title_en, "balance identity fails")
        self.assertIn("across_years", {r.scope for r in rules})
        by_id = {r["id"]: r for r in json.loads(xxgk.rules_json())}
        for r in rules:  # both rationales, the same as the rules JSON's
            self.assertEqual((r.rationale_en, r.rationale_zh), (by_id[r.id]["rationale"]["en"], by_id[r.id]["rationale"]["zh"]))
            self.assertNotEqual(r.rationale_zh, r.rationale_en)
            self.assertEqual(r.rationale, r.rationale_en)
        with self.assertRaises(xxgk.UnknownRule):
            xxgk.rule("no.such")
        self.assertTrue(xxgk.rules_json(pretty=True).startswith("[\n  {"))

    def test_version(self):
        self.assertEqual(xxgk.library_version(), xxgk.__version__)


class ThreadTest(unittest.TestCase):
    def test_distinct_reports_checked_from_many_threads(self):
        paths = sorted(FAULTS.glob("*.json"))
        paths = [p for p in paths if p.name not in ("ill-typed.json", "malformed.json")] * 6
        expected = {p: xxgk.check(p) for p in paths}
        with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(xxgk.check, paths))
        for p, r in zip(paths, results):
            self.assertEqual(r, expected[p], p)


class WorkbookTest(unittest.TestCase):
    """xxgk.write_workbook over xxgk_write_workbook, read back with openpyxl (Debian's python3-openpyxl)."""

    DOCUMENT = {
        "files": [
            {"file": "a/报告.json", "agency": "某县人民政府", "kind": "government", "year": 2024,
             "published": "2025-04-02", "late_days": 2, "previous": "b/报告.json",
             "diagnostics": [{"rule": "t3.balance", "severity": "error", "status": "fail",
                              "pointer": "/applications/new_received/total",
                              "pointers": ["/applications/new_received/total"],
                              "labels": {"table": "三、收到和处理政府信息公开申请情况",
                                         "row": "一、本年新收政府信息公开申请数量", "column": "总计"},
                              "left": "12.5", "right": "12345678901234567890", "difference": "-3",
                              "message": "总计列不平衡", "fingerprint": "0123456789abcdef"}],
             "summary": {"error": 1, "warning": 0, "info": 0}},
            {"file": "c.pdf", "error": "第2页：无法读取"},
        ],
        "summary": {"error": 1, "warning": 0, "info": 0},
        "statistics": {"rules": {"t3.balance": 1}},
    }

    def setUp(self):
        import tempfile
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def test_the_sheets_hold_the_documents_cells(self):
        import openpyxl
        path = pathlib.Path(self.dir.name) / "out.xlsx"
        xxgk.write_workbook(path, self.DOCUMENT)
        book = openpyxl.load_workbook(path)
        self.assertEqual(book.sheetnames, ["问题清单", "报告一览", "规则"])
        findings = [list(r) for r in book["问题清单"].iter_rows(min_row=2, values_only=True)]
        self.assertEqual(findings[0][:11], ["某县人民政府", "a/报告.json", 2024, "t3.balance", "勾稽关系不成立", "错误",
                                            "不通过", "三、收到和处理政府信息公开申请情况",
                                            "一、本年新收政府信息公开申请数量", "总计", "总计列不平衡"])
        # Numbers are numbers; 20 significant digits, which a double would change, stay text.
        self.assertEqual(findings[0][11:], [12.5, "12345678901234567890", -3, "/applications/new_received/total",
                                            "0123456789abcdef"])
        self.assertEqual(findings[1], [None, "c.pdf", None, None, None, "错误", "无法读取", None, None, None,
                                       "第2页：无法读取", None, None, None, None, None])
        reports = [list(r) for r in book["报告一览"].iter_rows(min_row=2, values_only=True)]
        self.assertEqual(reports[0], ["某县人民政府", "a/报告.json", "人民政府", 2024, "2025-04-02", "逾期", 2,
                                      "b/报告.json", 1, 0, 0, 1, None])
        self.assertEqual(reports[1][1], "c.pdf")
        self.assertEqual(reports[1][5], "无法读取")
        rules = {r[0]: r for r in book["规则"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(len(rules), len(xxgk.rules()))
        self.assertEqual(rules["t3.balance"][4], 1)
        self.assertEqual(rules["t3.total_blank"][4], 0)

    def test_english_and_json_text(self):
        import openpyxl
        path = pathlib.Path(self.dir.name) / "en.xlsx"
        xxgk.write_workbook(str(path), json.dumps(self.DOCUMENT), language="en")
        book = openpyxl.load_workbook(path)
        self.assertEqual(book.sheetnames, ["Findings", "Reports", "Rules"])
        self.assertEqual(book["Reports"]["F2"].value, "late")

    def test_the_office_sheets_come_with_an_aggregate_document(self):
        import openpyxl
        path = pathlib.Path(self.dir.name) / "office.xlsx"
        with open(SEED, encoding="utf-8") as f:
            total = json.load(f)
        office = {"roster": {"year": 2024, "units": [{"unit": "某县人民政府", "state": "published", "file": "a/报告.json",
                                                      "timeliness": "late", "days_late": 2, "errors": 1,
                                                      "warnings": 0}], "unmatched": []},
                  "aggregates": [{"parent": "某市人民政府", "year": 2024, "complete": True, "report": total,
                                  "differences": []}],
                  "reports": [{"file": "a/报告.json", "agency": "某县人民政府",
                               "indicators": {"indicators": [{"id": "carry_forward_rate", "label": "结转率",
                                                              "value": 0.125, "previous": 0.25, "change": -0.125}]}}]}
        xxgk.write_workbook(path, self.DOCUMENT, office=office)
        book = openpyxl.load_workbook(path)
        self.assertEqual(book.sheetnames, ["问题清单", "报告一览", "名单", "汇总", "指标", "规则"])
        self.assertEqual([c.value for c in book["名单"][2]][:10],
                         ["某县人民政府", None, None, None, "已公开", "a/报告.json", None, None, "逾期", 2])
        self.assertEqual(book["报告一览"]["N1"].value, "结转率")
        self.assertEqual((book["报告一览"]["N2"].value, book["报告一览"]["O2"].value), (0.125, -0.125))
        self.assertEqual(book["汇总"]["A1"].value, "某市人民政府 2024 年汇总")
        with self.assertRaises(xxgk.ParseError):
            xxgk.write_workbook(path, self.DOCUMENT, office={"reports": []})

    def test_errors_name_what_is_wrong(self):
        with self.assertRaises(xxgk.ParseError):
            xxgk.write_workbook(pathlib.Path(self.dir.name) / "x.xlsx", "{not json")
        with self.assertRaises(xxgk.ParseError):
            xxgk.write_workbook(pathlib.Path(self.dir.name) / "x.xlsx", {"reports": []})
        with self.assertRaises(xxgk.ParseError):
            xxgk.write_workbook(pathlib.Path(self.dir.name) / "x.xlsx", {"files": [1]})
        missing = pathlib.Path(self.dir.name) / "missing" / "x.xlsx"
        with self.assertRaises(xxgk.FileError) as caught:
            xxgk.write_workbook(missing, self.DOCUMENT)
        self.assertIn(str(missing), str(caught.exception))
        with self.assertRaises(xxgk.InvalidArgument):
            xxgk.write_workbook(missing, self.DOCUMENT, language="fr")


class PackageTest(unittest.TestCase):
    def test_only_the_ffi_module_touches_ctypes(self):
        package = HERE.parent / "xxgk"
        users = sorted(f.name for f in package.glob("*.py") if "ctypes" in f.read_text(encoding="utf-8"))
        self.assertEqual(users, ["_ffi.py"])


if __name__ == "__main__":
    unittest.main()
