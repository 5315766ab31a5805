"""`xxgk check --format xlsx -o FILE` read back with openpyxl (Debian's python3-openpyxl): every sheet's cells
against `xxgk check --format json` over the same files, numbers stored as numbers, frozen header rows,
filters, Chinese or English headers, and a workbook that cannot be written exits 2 naming the file."""
import copy
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from decimal import Decimal

import openpyxl

XXGK = os.environ.get("XXGK_BIN", "xxgk")
SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
SEED = os.path.join(SOURCE, "examples", "acheng-yagou-2023.json")
FAULTS = os.path.join(SOURCE, "examples", "faults")

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS = {"fail": "不通过", "not_assessable": "无法核对"}
KIND = {"department": "政府部门", "government": "人民政府", "township": "乡镇（街道）", "other": "其他"}


def run(*args):
    return subprocess.run([XXGK, *args], capture_output=True, text=True, timeout=60)


def write_report(directory, name, **changes):
    with open(SEED, encoding="utf-8") as f:
        report = json.load(f)
    report.update(changes)
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False)
    return path


def make_corpus(directory, reports, faults):
    """A folder `corpus` in `directory`: the seed changed as `reports` says ({file name: changes}), and copies of
    the fault examples named in `faults`."""
    corpus = os.path.join(directory, "corpus")
    os.mkdir(corpus)
    for name, changes in reports.items():
        write_report(corpus, name, **changes)
    for name in faults:
        shutil.copy(os.path.join(FAULTS, name), corpus)
    return corpus


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def number_or_text(value):
    """What the workbook holds for a JSON value: a number for numbers and exact decimals, else the text."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    return value


def numbers_of(tree):
    """Every number of a canonical report's tables (leaves that are numbers or exact decimals), as Decimals."""
    if isinstance(tree, dict):
        return [n for v in tree.values() for n in numbers_of(v)]
    if isinstance(tree, bool) or tree is None:
        return []
    if isinstance(tree, (int, float)):
        return [Decimal(str(tree))]
    try:
        return [Decimal(tree)]
    except ArithmeticError:
        return []


def office_document(files):
    """A document shaped as `xxgk aggregate` prints it, over the files of a check's JSON output: a roster with a
    published, a late, a missing and an unreadable unit and an unmatched report; one parent's 汇总 with two cells
    that differ from its published report; indicators with last year's per report and for the 汇总."""
    with open(SEED, encoding="utf-8") as f:
        total = json.load(f)
    total["agency"] = "某市人民政府"
    total["applications"]["new_received"]["natural_person"] = 17
    total["applications"]["new_received"]["total"] = 23
    total["active_disclosure"]["fees"] = "1.55"
    indicators = lambda v: {"indicators": [
        {"id": "disclosure_rate", "label": "实质公开率", "formula": "(予以公开 + 部分公开) ÷ （七）总计",
         "formula_en": "(granted + partly) / total", "numerator": "3", "denominator": "4", "value": v,
         "previous": 0.5, "change": v - 0.5, "flagged": False, "reason": None},
        {"id": "prose_repetition", "label": "与上年度报告正文重复率", "value": None, "previous": None, "change": None,
         "flagged": False, "reason": "没有上年度报告"}], "applications": []}
    readable = [f for f in files if "error" not in f]
    return {
        "roster": {"year": 2023, "counts": {}, "units": [
            {"unit": "某市财政局", "kind": "department", "parent": "某市人民政府", "own_office": False,
             "state": "published", "file": readable[0]["file"], "published": "2024-03-01", "deadline": "2024-01-31",
             "timeliness": "late", "days_late": 30, "error": "", "errors": 0, "warnings": 1, "other_files": []},
            {"unit": "某市教育局", "kind": "department", "parent": "某市人民政府", "own_office": False,
             "state": "missing", "file": "", "published": None, "deadline": "2024-01-31", "timeliness": None,
             "days_late": 0, "error": "", "errors": 0, "warnings": 0, "other_files": []},
            {"unit": "某市人民政府", "kind": "government", "parent": "", "own_office": True, "state": "unreadable",
             "file": "x.pdf", "published": None, "deadline": "2024-03-31", "timeliness": None, "days_late": 0,
             "error": "第1页：无法读取", "errors": 0, "warnings": 0, "other_files": ["y.pdf", "z.pdf"]}],
            "unmatched": [{"file": readable[1]["file"], "agency": readable[1]["agency"]}]},
        "aggregates": [{"parent": "某市人民政府", "year": 2023, "complete": False, "report": total,
                        "compared_file": "p.pdf", "error": "",
                        "differences": [
                            {"pointer": "/applications/new_received/total", "published": "25", "sum": "23",
                             "difference": "2"},
                            {"pointer": "/active_disclosure/fees", "published": "1.5", "sum": "1.55",
                             "difference": "-0.05"}],
                        "indicators": indicators(0.25)}],
        "reports": [{"file": f["file"], "agency": f["agency"], "year": f["year"],
                     "indicators": indicators(0.75 if k == 0 else 0.5)} for k, f in enumerate(readable)],
    }


class WorkbookTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="xxgk-workbook-")
        corpus = make_corpus(cls.dir, {
            "a-on-time.json": {"published": "2024-01-20"},
            # A department's deadline is 31 January: 1 March 2024 is 30 days late (2024 is a leap year).
            "b-late.json": {"agency": "某市财政局", "agency_kind": "department", "published": "2024-03-01"},
            "c-formula.json": {"agency": "=HYPERLINK(\"http://x\")局", "agency_kind": "other"},
        }, ("balance.json", "cells.json", "malformed.json", "outcome-total.json"))
        cls.corpus = corpus
        r = run("check", "--format", "json", corpus)
        cls.json = json.loads(r.stdout)
        cls.book_path = os.path.join(cls.dir, "out.xlsx")
        cls.result = run("check", "--format", "xlsx", "-o", cls.book_path, corpus)
        cls.book = openpyxl.load_workbook(cls.book_path)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_exit_status_and_summary_are_those_of_the_check(self):
        self.assertEqual(self.result.returncode, 2, self.result.stderr)  # malformed.json cannot be read
        self.assertIn("malformed.json", self.result.stderr)
        self.assertIn(self.book_path, self.result.stderr)
        self.assertEqual(self.result.stdout, "")
        self.assertEqual(self.book.sheetnames, ["问题清单", "报告一览", "规则"])

    def test_every_sheet_has_a_frozen_header_row_and_a_filter_over_its_rows(self):
        for sheet in self.book:
            self.assertEqual(sheet.freeze_panes, "A2", sheet.title)
            self.assertEqual(sheet.auto_filter.ref, "A1:%s%d" % (openpyxl.utils.get_column_letter(sheet.max_column),
                                                                 sheet.max_row), sheet.title)
            for letter, dimension in sheet.column_dimensions.items():
                self.assertGreaterEqual(dimension.width, 6, (sheet.title, letter))

    def test_findings_sheet_holds_every_finding_of_the_json_output(self):
        table = rows(self.book["问题清单"])
        self.assertEqual(table[0], ["单位", "文件", "年度", "规则", "规则名称", "级别", "状态", "表", "行", "列", "说明",
                                    "左值", "右值", "差额", "单元格", "指纹"])
        rules = {r["id"]: r for r in json.loads(run("rules", "--format", "json").stdout)}
        expected = []
        for f in self.json["files"]:
            if "error" in f:
                expected.append([None, f["file"], None, None, None, "错误", "无法读取", None, None, None, f["error"],
                                 None, None, None, None, None])
                continue
            for d in f["diagnostics"]:
                labels = d["labels"]
                expected.append([f["agency"] or None, f["file"], f["year"], d["rule"], rules[d["rule"]]["title"]["zh"],
                                 SEVERITY[d["severity"]], STATUS[d["status"]], labels["table"] or None,
                                 labels["row"] or None, labels["column"] or None, d["message"],
                                 number_or_text(d.get("left")), number_or_text(d.get("right")),
                                 number_or_text(d.get("difference")), d["pointer"] or None, d["fingerprint"]])
        self.assertGreater(len(expected), 5)
        self.assertEqual(len(table) - 1, len(expected))
        numbers = 0
        for got, want in zip(table[1:], expected):
            for k, (g, w) in enumerate(zip(got, want)):
                if isinstance(w, Decimal):
                    self.assertIsInstance(g, (int, float), (k, got))  # a number, not text
                    self.assertEqual(Decimal(repr(g)) if isinstance(g, float) else Decimal(g), w, (k, got))
                    numbers += 1
                else:
                    self.assertEqual(g, w, (k, got))
        self.assertGreater(numbers, 3)

    def test_reports_sheet_has_a_row_per_file_with_publication_and_counts(self):
        table = rows(self.book["报告一览"])
        self.assertEqual(table[0], ["单位", "文件", "机关类型", "年度", "发布日期", "按时发布", "逾期天数", "上年报告",
                                    "错误", "警告", "提示", "问题数", "无法读取的原因"])
        self.assertEqual(len(table) - 1, len(self.json["files"]))
        for got, f in zip(table[1:], self.json["files"]):
            self.assertEqual(got[1], f["file"])
            if "error" in f:
                self.assertEqual((got[5], got[12]), ("无法读取", f["error"]))
                continue
            late = f["late_days"]
            want = [f["agency"], f["file"], KIND.get(f["kind"]), f["year"], f["published"],
                    "无法判断" if late is None else "按时" if late == 0 else "逾期", late or None,
                    f.get("previous"), f["summary"]["error"], f["summary"]["warning"], f["summary"]["info"],
                    len(f["diagnostics"]), None]
            self.assertEqual(got, want)
        by_file = {os.path.basename(r[1]): r for r in table[1:]}
        self.assertEqual(by_file["b-late.json"][5:7], ["逾期", 30])
        self.assertEqual(by_file["a-on-time.json"][5:7], ["按时", None])
        self.assertEqual(by_file["balance.json"][5:7], ["无法判断", None])  # no publication date
        # A name that looks like a formula is text, never a formula.
        self.assertEqual(by_file["c-formula.json"][0], "=HYPERLINK(\"http://x\")局")
        self.assertEqual(self.book["报告一览"]["A4"].data_type, "s")

    def test_rules_sheet_is_the_catalogue_with_the_runs_counts(self):
        table = rows(self.book["规则"])
        catalogue = json.loads(run("rules", "--format", "json").stdout)
        self.assertEqual(len(table) - 1, len(catalogue))
        counts = self.json["statistics"]["rules"]
        for got, rule in zip(table[1:], catalogue):
            self.assertEqual(got[0], rule["id"])
            self.assertEqual(got[1], rule["title"]["zh"])
            self.assertEqual(got[2], SEVERITY[rule["severity"]])
            self.assertEqual(got[4], counts.get(rule["id"], 0))
            self.assertEqual(got[6], rule["rationale"]["zh"])
        self.assertGreater(sum(r[4] for r in table[1:]), 0)

    def test_english_headers_with_lang_en(self):
        path = os.path.join(self.dir, "en.xlsx")
        r = run("check", "--lang", "en", "--format", "xlsx", "-o", path, os.path.join(self.corpus, "b-late.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        book = openpyxl.load_workbook(path)
        self.assertEqual(book.sheetnames, ["Findings", "Reports", "Rules"])
        self.assertEqual(rows(book["Reports"])[0][:6], ["agency", "file", "kind", "year", "published", "on time"])
        self.assertEqual(rows(book["Reports"])[1][2:7], ["department", 2023, "2024-03-01", "late", 30])

    def test_a_workbook_that_cannot_be_written_exits_2_naming_it(self):
        for target in (os.path.join(self.dir, "missing", "out.xlsx"), "/dev/full"):
            r = run("check", "--format", "xlsx", "-o", target, SEED)
            self.assertEqual(r.returncode, 2, (target, r.stderr))
            self.assertIn(target, r.stderr)
            self.assertNotIn("已写入", r.stderr)
        # A file that cannot be created is refused before the run, in one line.
        r = run("check", "--format", "xlsx", "-o", os.path.join(self.dir, "missing", "out.xlsx"), SEED)
        self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
        self.assertIn("No such file or directory", r.stderr)

    def test_output_option_is_refused_for_formats_that_print(self):
        r = run("check", "--format", "csv", "-o", os.path.join(self.dir, "x.csv"), SEED)
        self.assertEqual(r.returncode, 2)
        self.assertIn("-o", r.stderr)


class OfficeWorkbookTest(unittest.TestCase):
    """`--aggregate FILE`: the roster, 汇总 and indicators of `xxgk aggregate` in the workbook."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="xxgk-office-")
        corpus = make_corpus(cls.dir, {"a.json": {"published": "2024-01-20"},
                                       "b.json": {"agency": "某市财政局", "agency_kind": "department"}},
                             ("balance.json", "malformed.json"))
        cls.json = json.loads(run("check", "--format", "json", corpus).stdout)
        cls.office = office_document(cls.json["files"])
        cls.office_path = os.path.join(cls.dir, "year.json")
        with open(cls.office_path, "w", encoding="utf-8") as f:
            json.dump(cls.office, f, ensure_ascii=False)
        cls.path = os.path.join(cls.dir, "office.xlsx")
        cls.result = run("check", "--format", "xlsx", "-o", cls.path, "--aggregate", cls.office_path, corpus)
        cls.book = openpyxl.load_workbook(cls.path)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_sheets(self):
        self.assertEqual(self.result.returncode, 2, self.result.stderr)  # malformed.json
        self.assertEqual(self.book.sheetnames, ["问题清单", "报告一览", "名单", "汇总", "指标", "规则"])

    def test_roster_sheet_is_the_roster(self):
        table = rows(self.book["名单"])
        self.assertEqual(table[0][:10], ["单位", "机关类型", "上级", "本级", "状态", "文件", "发布日期", "截止日期",
                                         "是否按时", "逾期天数"])
        units = self.office["roster"]["units"]
        self.assertEqual(len(table) - 1, len(units) + len(self.office["roster"]["unmatched"]))
        self.assertEqual(table[1], ["某市财政局", "政府部门", "某市人民政府", None, "已公开", units[0]["file"], "2024-03-01",
                                    "2024-01-31", "逾期", 30, 0, 1, None, None])
        self.assertEqual(table[2][:5] + table[2][10:], ["某市教育局", "政府部门", "某市人民政府", None, "未公开",
                                                        None, None, None, None])
        self.assertEqual(table[3][3:6] + table[3][12:], ["是", "无法读取", "x.pdf", "第1页：无法读取", "y.pdf\nz.pdf"])
        self.assertEqual(table[4][0], self.office["roster"]["unmatched"][0]["agency"])
        self.assertEqual(table[4][5], self.office["roster"]["unmatched"][0]["file"])
        self.assertEqual(self.book["名单"].freeze_panes, "A2")

    def test_sum_sheet_holds_the_sum_cell_for_cell_and_marks_the_differences(self):
        sheet = self.book["汇总"]
        aggregate = self.office["aggregates"][0]
        self.assertEqual(sheet["A1"].value, "某市人民政府 2023 年汇总")
        numbers, marked = [], {}
        for row in sheet.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    numbers.append(Decimal(repr(c.value)) if isinstance(c.value, float) else Decimal(c.value))
                if c.fill is not None and c.fill.fgColor is not None and c.fill.fgColor.rgb == "FFF7A8A8":
                    marked[c.coordinate] = (c.value, c.comment.text if c.comment else None)
        report = aggregate["report"]
        tables = {k: report[k] for k in ("active_disclosure", "applications", "review_litigation")}
        self.assertEqual(sorted(numbers), sorted(numbers_of(tables)))
        self.assertIn(Decimal("1.55"), numbers)
        self.assertEqual(sorted((Decimal(repr(v)) if isinstance(v, float) else Decimal(v), note)
                                for v, note in marked.values()),
                         sorted((Decimal(d["sum"]), "本级公开报告：%s；差额（公开 − 汇总）：%s" % (d["published"], d["difference"]))
                                for d in aggregate["differences"]))
        # The official layout: the three tables under their headings, with merged labels.
        headings = [c.value for c in sheet["A"]]
        for heading in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"):
            self.assertIn(heading, headings)
        self.assertGreater(len(sheet.merged_cells.ranges), 10)

    def test_indicators_sheet_and_columns(self):
        table = rows(self.book["指标"])
        expected = []
        for r in self.office["reports"]:
            for i in r["indicators"]["indicators"]:
                expected.append([r["agency"], r["file"], i["id"], i["label"], i["value"], i["previous"], i["change"]])
        for i in self.office["aggregates"][0]["indicators"]["indicators"]:
            expected.append(["某市人民政府", "（汇总）", i["id"], i["label"], i["value"], i["previous"], i["change"]])
        self.assertEqual([r[:7] for r in table[1:]], expected)
        self.assertEqual(self.book["指标"]["E2"].number_format, "0.00%")
        reports = rows(self.book["报告一览"])
        self.assertEqual(reports[0][13:], ["实质公开率", "实质公开率较上年", "与上年度报告正文重复率",
                                           "与上年度报告正文重复率较上年"])
        by_file = {r["file"]: r for r in self.office["reports"]}
        for row in reports[1:]:
            mine = by_file.get(row[1])
            if not mine:
                self.assertEqual(row[13:], [None] * 4)
                continue
            values = mine["indicators"]["indicators"]
            self.assertEqual(row[13:], [values[0]["value"], values[0]["change"], None, None])

    def test_aggregate_needs_the_workbook_and_json(self):
        r = run("check", "--aggregate", self.office_path, SEED)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--aggregate", r.stderr)
        bad = os.path.join(self.dir, "bad.json")
        with open(bad, "w") as f:
            f.write("{not json")
        r = run("check", "--format", "xlsx", "-o", os.path.join(self.dir, "x.xlsx"), "--aggregate", bad, SEED)
        self.assertEqual(r.returncode, 2)
        self.assertIn("bad.json", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "x.xlsx")))


if __name__ == "__main__":
    unittest.main()
