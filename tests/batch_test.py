"""`xxgk check DIR...`: recursion, pairing, parallel determinism, unreadable files, outputs, baseline, database."""
import csv
import io
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import unittest

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

BIN = os.environ.get("XXGK_BIN", "xxgk")
SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
SEED = os.path.join(SOURCE, "examples", "acheng-yagou-2023.json")
HUAIAN = os.path.join(SOURCE, "tests", "samples", "huaian-city-2024", "expected.json")


def run(*args, cwd=None):
    return subprocess.run([BIN, "check", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def jsonl(stdout):
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def findings(stdout):
    return [d for d in jsonl(stdout) if "rule" in d]


def write(path, doc):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# A faithful subset of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json, OASIS): the required properties, the
# enumerations and the types of every object xxgk writes; objects are closed where the standard's are.
def _closed(props, required=()):
    return {"type": "object", "properties": props, "required": list(required), "additionalProperties": False}


_MESSAGE = {"type": "object", "properties": {"text": {"type": "string"}, "id": {"type": "string"}},
            "anyOf": [{"required": ["text"]}, {"required": ["id"]}]}
_MULTIFORMAT = _closed({"text": {"type": "string"}, "markdown": {"type": "string"}}, ["text"])
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
_ARTIFACT_LOCATION = _closed({"uri": {"type": "string", "format": "uri-reference"}, "uriBaseId": {"type": "string"},
                              "index": {"type": "integer", "minimum": -1}})
_REGION = _closed({"startLine": {"type": "integer", "minimum": 1}, "startColumn": {"type": "integer", "minimum": 1},
                   "endLine": {"type": "integer", "minimum": 1}, "endColumn": {"type": "integer", "minimum": 1}})
_LOCATION = _closed({
    "physicalLocation": _closed({"artifactLocation": _ARTIFACT_LOCATION, "region": _REGION}),
    "logicalLocations": {"type": "array", "uniqueItems": True, "items": _closed({
        "name": {"type": "string"}, "fullyQualifiedName": {"type": "string"}, "kind": {"type": "string"}})},
    "properties": {"type": "object"}})
SARIF_SCHEMA = _closed({
    "$schema": {"type": "string", "format": "uri"},
    "version": {"enum": ["2.1.0"]},
    "runs": {"type": "array", "minItems": 1, "items": _closed({
        "tool": _closed({"driver": _closed({
            "name": {"type": "string"}, "version": {"type": "string"}, "informationUri": {"type": "string"},
            "rules": {"type": "array", "items": _closed({
                "id": {"type": "string"}, "name": {"type": "string"},
                "shortDescription": _MULTIFORMAT, "fullDescription": _MULTIFORMAT,
                "messageStrings": {"type": "object", "additionalProperties": _MULTIFORMAT},
                "defaultConfiguration": _closed({"level": _LEVEL, "enabled": {"type": "boolean"}}),
                "properties": {"type": "object"}}, ["id"])}}, ["name"])}, ["driver"]),
        "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
        "results": {"type": "array", "items": _closed({
            "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1},
            "kind": {"enum": ["notApplicable", "pass", "fail", "review", "open", "informational"]},
            "level": _LEVEL, "message": _MESSAGE, "locations": {"type": "array", "items": _LOCATION},
            "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
            "properties": {"type": "object"}}, ["message"])},
        "invocations": {"type": "array", "items": _closed({
            "executionSuccessful": {"type": "boolean"},
            "toolExecutionNotifications": {"type": "array", "items": _closed({
                "level": _LEVEL, "message": _MESSAGE, "locations": {"type": "array", "items": _LOCATION}},
                ["message"])}}, ["executionSuccessful"])},
        "properties": {"type": "object"}}, ["tool"])}}, ["version", "runs"])


class CorpusTest(unittest.TestCase):
    """N=200 synthetic reports over two years with planted faults and three unreadable files."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="xxgk-batch-")
        cls.dir = os.path.join(cls.tmp, "corpus")
        cls.manifest = corpus.generate(cls.dir, 200, seed=7)
        cls.jsonl = run("--format", "jsonl", "-j", "2", cls.dir)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_every_planted_fault_is_found_at_its_cell_and_nothing_else_across_years(self):
        found = {(d["file"], d["rule"], d["pointer"]) for d in findings(self.jsonl.stdout)}
        planted = {(f["file"], f["rule"], f["pointer"]) for f in self.manifest["faults"]}
        self.assertTrue(planted)
        self.assertEqual(planted - found, set())
        self.assertEqual(found - planted, set(), "a clean report was flagged")

    def test_a_carry_over_fault_names_the_column_and_both_values(self):
        fault = next(f for f in self.manifest["faults"] if f["rule"] == "xy.carry_over")
        d = next(d for d in findings(self.jsonl.stdout) if (d["file"], d["pointer"]) == (fault["file"], fault["pointer"]))
        self.assertEqual(d["pointers"][1], fault["pointer"].replace("carried_over", "carried_forward"))
        self.assertEqual(int(d["left"]) - int(d["right"]), int(d["difference"]))
        self.assertEqual(d["difference"], "2")
        self.assertTrue(d["previous"].endswith(os.path.join("2023", os.path.basename(fault["file"]))))

    def test_unreadable_files_are_reported_and_counted_and_the_run_goes_on(self):
        self.assertEqual(self.jsonl.returncode, 2)
        errors = [d for d in jsonl(self.jsonl.stdout) if "error" in d]
        self.assertEqual(sorted(e["file"] for e in errors), sorted(self.manifest["unreadable"]))
        for path in self.manifest["unreadable"]:
            self.assertIn(path, self.jsonl.stderr)
        self.assertRegex(self.jsonl.stderr, r"文件 203，报告 200，与上年配对 100，无法读取 3")

    def test_the_json_summary_counts_rules_agencies_pairs_and_unreadable_files(self):
        r = run("--format", "json", self.dir)
        doc = json.loads(r.stdout)
        stats = doc["statistics"]
        self.assertEqual((stats["files"], stats["reports"], stats["pairs"]), (203, 200, 100))
        self.assertEqual(len(stats["unreadable"]), 3)
        expected = {}
        for f in self.manifest["faults"]:
            expected[f["rule"]] = expected.get(f["rule"], 0) + 1
        self.assertEqual(stats["rules"], expected)
        self.assertEqual(len(stats["agencies"]), 100, "the two years of an agency are one agency")
        self.assertEqual(sum(a["reports"] for a in stats["agencies"].values()), 200)
        self.assertEqual(doc["summary"]["error"] + doc["summary"]["warning"] + doc["summary"]["info"],
                         len(self.manifest["faults"]))

    def test_the_text_summary_lists_the_agencies_with_errors_or_warnings_as_the_json_summary_counts_them(self):
        agencies = json.loads(run("--format", "json", self.dir).stdout)["statistics"]["agencies"]
        faulty = {name: c for name, c in agencies.items() if c["error"] + c["warning"] > 0}
        self.assertGreater(len(faulty), 5)
        self.assertLess(len(faulty), len(agencies))
        self.assertIn("有错误或警告的机关 %d 个" % len(faulty), self.jsonl.stderr)
        listed = [line.strip() for line in self.jsonl.stderr.splitlines() if "：报告 " in line]
        self.assertEqual(len(listed), min(20, len(faulty)), "at most the 20 agencies with most errors and warnings")
        for line in listed:
            name, counts = line.split("：报告 ")
            c = faulty[name]
            self.assertEqual(counts, "%d，错误 %d，警告 %d" % (c["reports"], c["error"], c["warning"]))

    def test_output_is_the_same_on_one_and_on_four_threads(self):
        one = run("--format", "jsonl", "-j", "1", self.dir)
        four = run("--format", "jsonl", "-j4", self.dir)
        self.assertEqual(one.stdout, four.stdout)
        self.assertEqual(one.stdout, self.jsonl.stdout)

    def test_each_similarity_threshold_finds_exactly_the_prose_pairs_at_or_above_it(self):
        # At 0 every prose pair long enough is compared in full and reported with its similarity; a
        # higher threshold lets last year's shingle filter rule pairs out, which must never lose one.
        def prose(threshold):
            return {(d["file"], d["pointer"]): d["left"] for d in findings(run(
                "--format", "jsonl", "-j", "2", "--similarity", threshold, self.dir).stdout)
                if d["rule"] == "xy.duplicate" and d["text"] == "正文"}
        everything = prose("0")
        self.assertGreater(len(everything), 100)
        for threshold in ("0.3", "0.45", "0.6", "0.9"):
            self.assertEqual(prose(threshold), {k: v for k, v in everything.items() if float(v) >= float(threshold)},
                             threshold)

    def test_findings_from_the_first_pass_and_the_extracts_are_those_of_both_reports_read_whole(self):
        # Automatic pairs are checked from what the first pass kept of each report; a --pairs row makes the run
        # read both reports again and check them whole. The two must agree finding for finding.
        pairs = os.path.join(self.tmp, "pairs.csv")
        with open(pairs, "w", encoding="utf-8") as f:
            for i in range(self.manifest["agencies"]):
                name = "agency-%05d.json" % i
                f.write("%s,%s\n" % (os.path.join(self.dir, "2024", name), os.path.join(self.dir, "2023", name)))
        for threshold in ("0.9", "0.2"):
            kept = findings(run("--format", "jsonl", "--similarity", threshold, self.dir).stdout)
            whole = findings(run("--format", "jsonl", "--similarity", threshold, "--pairs", pairs, self.dir).stdout)
            self.assertEqual(kept, whole, threshold)
            self.assertGreater(len(kept), len(self.manifest["faults"]) if threshold == "0.2" else 0)

    def test_each_file_is_read_once(self):
        # Pipes can be read only once: a run that read a report a second time (to print it, or as someone's
        # previous year) would find it empty.
        names = sorted(os.listdir(os.path.join(self.dir, "2023")))[:3]
        pipes, fds = [], []
        for name in names:
            for year in ("2023", "2024"):
                with open(os.path.join(self.dir, year, name), "rb") as f:
                    content = f.read()
                read_end, write_end = os.pipe()
                self.assertLess(len(content), 65536)  # the pipe holds it all: no writer needed during the run
                os.write(write_end, content)
                os.close(write_end)
                fds.append(read_end)
                pipes.append("/dev/fd/%d" % read_end)
        try:
            r = subprocess.run([BIN, "check", "--format", "json", *pipes], capture_output=True, text=True, timeout=60,
                               pass_fds=fds)
        finally:
            for fd in fds:
                os.close(fd)
        result = json.loads(r.stdout)
        self.assertEqual([f.get("error") for f in result["files"]], [None] * 6, r.stdout)
        self.assertEqual(result["statistics"]["pairs"], 3)
        self.assertEqual([f.get("previous") for f in result["files"]], [None, pipes[0], None, pipes[2], None, pipes[4]])

    def test_csv_has_one_row_per_finding_and_per_unreadable_file(self):
        r = run("--format", "csv", self.dir)
        rows = list(csv.DictReader(io.StringIO(r.stdout, newline="")))
        self.assertEqual(len(rows), len(self.manifest["faults"]) + 3)
        self.assertEqual(sum(row["status"] == "unreadable" for row in rows), 3)
        carry = [row for row in rows if row["rule"] == "xy.carry_over"]
        self.assertTrue(carry and all(row["table"].startswith("三、") for row in carry))

    def test_sarif_validates_and_fingerprints_are_stable(self):
        r = run("--format", "sarif", self.dir)
        log = json.loads(r.stdout)
        jsonschema.validate(log, SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
        run0 = log["runs"][0]
        rules = run0["tool"]["driver"]["rules"]
        for result in run0["results"]:
            self.assertEqual(rules[result["ruleIndex"]]["id"], result["ruleId"])
            self.assertEqual(result["level"] == "none", result["kind"] != "fail")
        notes = run0["invocations"][0]["toolExecutionNotifications"]
        self.assertEqual(len(notes), 3)
        again = json.loads(run("--format", "sarif", "-j", "1", self.dir).stdout)
        self.assertEqual([x["partialFingerprints"] for x in run0["results"]],
                         [x["partialFingerprints"] for x in again["runs"][0]["results"]])

    def test_a_baseline_suppresses_known_findings_but_not_new_ones(self):
        base = os.path.join(self.tmp, "baseline.jsonl")
        with open(base, "w", encoding="utf-8") as f:
            f.write(self.jsonl.stdout)
        quiet = run("--format", "jsonl", "--baseline", base, self.dir)
        self.assertEqual(findings(quiet.stdout), [])
        self.assertIn("基线已知而未列出 %d" % len(self.manifest["faults"]), quiet.stderr)
        sarif = os.path.join(self.tmp, "baseline.sarif")
        with open(sarif, "w", encoding="utf-8") as f:
            f.write(run("--format", "sarif", self.dir).stdout)
        self.assertEqual(findings(run("--format", "jsonl", "--baseline", sarif, self.dir).stdout), [])
        # A new fault in a copy of the corpus elsewhere: fingerprints do not depend on the path.
        moved = os.path.join(self.tmp, "moved")
        shutil.copytree(self.dir, moved)
        clean = next(p for p in sorted(os.listdir(os.path.join(moved, "2024"))) if p.startswith("agency-")
                     and os.path.join(self.dir, "2024", p) not in {f["file"] for f in self.manifest["faults"]})
        path = os.path.join(moved, "2024", clean)
        doc = load(path)
        doc["review_litigation"]["litigation_direct"]["total"] += 1
        write(path, doc)
        new = findings(run("--format", "jsonl", "--baseline", base, moved).stdout)
        self.assertEqual([(d["file"], d["rule"]) for d in new], [(path, "t4.total")])
        shutil.rmtree(moved)

    def test_progress_goes_to_stderr_on_request(self):
        r = run("--progress", "--format", "jsonl", self.dir)
        self.assertIn("xxgk：检查 203/203", r.stderr)
        self.assertIn("xxgk: checking 203/203", run("--progress", "--lang", "en", "--format", "jsonl", self.dir).stderr)
        self.assertEqual(r.stdout, self.jsonl.stdout)


class PairingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xxgk-pair-")
        self.previous = load(HUAIAN)
        self.current = json.loads(json.dumps(self.previous))
        self.current["year"] = 2025
        for column, v in self.previous["applications"]["carried_forward"].items():
            # Carry over what was carried forward and process the difference, so table 三 still balances.
            delta = v - self.current["applications"]["carried_over"][column]
            self.current["applications"]["carried_over"][column] = v
            self.current["applications"]["total_processed"][column] += delta
            self.current["applications"]["granted"][column] += delta
        # Rewrite the tables' activity so only what a test plants repeats last year's.
        self.current["active_disclosure"]["licensing"] = 1 + (self.previous["active_disclosure"]["licensing"] or 0)
        self.current["review_litigation"] = {
            p: {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
            for p in self.previous["review_litigation"]}
        for kind in ("regulations", "normative_documents"):  # nothing issued or repealed: in force continues
            self.current["active_disclosure"][kind] = {
                "issued": 0, "repealed": 0, "in_force": self.previous["active_disclosure"][kind]["in_force"]}
        # Every section present (an absent one is doc.section_missing), each year's prose its own.
        for seed, r in ((1, self.previous), (2, self.current)):
            rng = corpus.random.Random(seed)
            r["sections"] = {k: corpus.prose(rng, 5) for k in ("overview", "active_disclosure", "applications",
                                                              "review_litigation", "problems", "other_matters")}
            r["sections"]["other_matters"] += "本年度未收取信息处理费。"
        apps = self.current["applications"]
        for column in apps["new_received"]:  # keep every identity of table 三 with a new year's figures
            for row in ("new_received", "granted", "total_processed"):
                apps[row][column] += 6 if column == "total" else 1

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def rules(self, stdout):
        return [(d["rule"], d["pointer"]) for d in findings(stdout) if d["rule"].startswith("xy.")]

    def test_directories_recurse_and_only_report_extensions_are_read(self):
        write(os.path.join(self.tmp, "a", "b", "c", "2024.json"), self.previous)
        write(os.path.join(self.tmp, "a", "2025.json"), self.current)
        with open(os.path.join(self.tmp, "a", "b", "notes.csv"), "w") as f:
            f.write("not a report\n")
        r = run("--format", "json", self.tmp)
        files = [f["file"] for f in json.loads(r.stdout)["files"]]
        self.assertEqual(files, [os.path.join(self.tmp, "a", "2025.json"),
                                 os.path.join(self.tmp, "a", "b", "c", "2024.json")])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_what_a_directory_holds_besides_reports_is_listed_with_the_reason_and_counted(self):
        write(os.path.join(self.tmp, "2024.json"), self.previous)
        for name in ("scan.png", "slides.pptx", "table.xlsx"):
            with open(os.path.join(self.tmp, name), "wb") as f:
                f.write(b"\x89PNG\r\n" if name.endswith(".png") else b"PK\x03\x04")
        os.mkfifo(os.path.join(self.tmp, "pipe"))
        r = run("--format", "json", self.tmp)
        self.assertEqual(r.returncode, 0, r.stderr)
        stats = json.loads(r.stdout)["statistics"]
        skipped = {os.path.basename(s["file"]): s["reason"] for s in stats["skipped"]}
        self.assertEqual(set(skipped), {"scan.png", "slides.pptx", "table.xlsx", "pipe"})
        self.assertIn("FIFO", skipped["pipe"])
        self.assertIn("扩展名", skipped["scan.png"])
        self.assertEqual((stats["files"], stats["skipped_count"], stats["seen"]), (1, 4, 5))
        text = run(self.tmp).stdout
        self.assertIn("无法读取 0，跳过 4（共见 5 个）", text)
        self.assertIn("跳过：%s: 命名管道（FIFO），不是普通文件" % os.path.join(self.tmp, "pipe"), text)
        self.assertIn("skipped 4 (seen 5)", run("--lang", "en", self.tmp).stdout)

    def test_a_subdirectory_that_cannot_be_read_is_reported_and_the_run_exits_2(self):
        write(os.path.join(self.tmp, "open", "2024.json"), self.previous)
        write(os.path.join(self.tmp, "locked", "2025.json"), self.current)
        os.chmod(os.path.join(self.tmp, "locked"), 0)
        for d, _, files in os.walk(self.tmp):
            os.chmod(d, 0o755 if not d.endswith("locked") else 0)
            for f in files:
                os.chmod(os.path.join(d, f), 0o644)
        os.chmod(self.tmp, 0o755)

        def nobody():  # root reads every directory: the run is made by an unprivileged user
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)

        r = subprocess.run([BIN, "check", "--format", "json", self.tmp], capture_output=True, text=True, timeout=60,
                           preexec_fn=nobody)
        os.chmod(os.path.join(self.tmp, "locked"), 0o755)
        self.assertEqual(r.returncode, 2, r.stderr)
        files = {f["file"]: f for f in json.loads(r.stdout)["files"]}
        locked = files[os.path.join(self.tmp, "locked")]
        self.assertEqual(locked["error"], "无法打开目录：没有读取权限")
        self.assertIn(os.path.join(self.tmp, "locked"), r.stderr)
        self.assertNotIn("error", files[os.path.join(self.tmp, "open", "2024.json")])

    def test_automatic_pairing_sees_through_spacing_width_and_a_qualifier(self):
        self.current["agency"] = "淮安市 人民政府（本级）"
        self.current["applications"]["carried_over"]["research"] += 1
        self.current["applications"]["carried_over"]["total"] += 1
        self.current["applications"]["new_received"]["research"] -= 1
        self.current["applications"]["new_received"]["total"] -= 1
        write(os.path.join(self.tmp, "2024.json"), self.previous)
        write(os.path.join(self.tmp, "2025.json"), self.current)
        r = run("--format", "jsonl", self.tmp)
        self.assertEqual(self.rules(r.stdout), [("xy.carry_over", "/applications/carried_over/research"),
                                                ("xy.carry_over", "/applications/carried_over/total")])
        self.assertEqual(findings(r.stdout)[0]["previous"], os.path.join(self.tmp, "2024.json"))

    def test_a_pairs_file_pairs_reports_whose_names_differ(self):
        self.current["agency"] = "淮安市政府办公室"
        self.current["sections"]["problems"] = self.previous["sections"]["problems"]
        cur, prev = os.path.join(self.tmp, "x.json"), os.path.join(self.tmp, "y.json")
        write(cur, self.current)
        write(prev, self.previous)
        self.assertEqual(self.rules(run("--format", "jsonl", cur, prev).stdout), [])
        pairs = os.path.join(self.tmp, "pairs.csv")
        with open(pairs, "w", encoding="utf-8") as f:
            f.write("current,previous\n%s,%s\n" % (cur, prev))
        r = run("--format", "jsonl", "--pairs", pairs, cur, prev)
        self.assertEqual(self.rules(r.stdout), [("xy.duplicate", "/sections/problems")])

    def test_an_unreadable_previous_report_leaves_the_current_one_checked(self):
        cur, prev = os.path.join(self.tmp, "cur.json"), os.path.join(self.tmp, "prev.json")
        write(cur, self.current)
        with open(prev, "w") as f:
            f.write("{")
        pairs = os.path.join(self.tmp, "pairs.csv")
        with open(pairs, "w", encoding="utf-8") as f:
            f.write("%s,%s\n" % (cur, prev))
        r = run("--format", "jsonl", "--pairs", pairs, cur)
        self.assertEqual(r.returncode, 0, r.stderr)
        (d,) = findings(r.stdout)
        self.assertEqual((d["rule"], d["status"]), ("xy.carry_over", "not_assessable"))
        self.assertIn(prev, d["text"])
        self.assertTrue(d["text"].startswith("上年报告无法读取："), d["text"])
        (en,) = findings(run("--format", "jsonl", "--lang", "en", "--pairs", pairs, cur).stdout)
        self.assertTrue(en["text"].startswith("last year's report %s cannot be read: " % prev), en["text"])
        self.assertNotRegex(en["text"], "[\u3000-\u9fff\uff00-\uffef]")

    def test_in_force_and_copied_tables_are_found(self):
        self.current["active_disclosure"]["normative_documents"]["issued"] = 2
        write(os.path.join(self.tmp, "2024.json"), self.previous)
        write(os.path.join(self.tmp, "2025.json"), self.current)
        self.assertEqual(self.rules(run("--format", "jsonl", self.tmp).stdout),
                         [("xy.in_force", "/active_disclosure/normative_documents/in_force")])
        self.current["review_litigation"] = self.previous["review_litigation"]
        write(os.path.join(self.tmp, "2025.json"), self.current)
        self.assertIn(("xy.duplicate", "/sections/review_litigation"),
                      self.rules(run("--format", "jsonl", self.tmp).stdout))

    def test_sarif_names_each_cell_of_an_in_force_finding_once(self):
        self.current["active_disclosure"]["normative_documents"]["issued"] = 2
        write(os.path.join(self.tmp, "2024.json"), self.previous)
        write(os.path.join(self.tmp, "2025.json"), self.current)
        log = json.loads(run("--format", "sarif", self.tmp).stdout)
        jsonschema.validate(log, SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
        (result,) = [x for x in log["runs"][0]["results"] if x["ruleId"] == "xy.in_force"]
        names = [loc["fullyQualifiedName"] for loc in result["locations"][0]["logicalLocations"]]
        self.assertIn("/active_disclosure/normative_documents/in_force", names)
        self.assertEqual(len(names), len(set(names)))

    def test_a_copied_table_is_found_when_its_numbers_are_printed_with_another_scale(self):
        # Last year's figures are not kept but digested: 72 and a printed "72.0" must still be the same value.
        copied = json.loads(json.dumps(self.previous["review_litigation"]))
        copied["administrative_review"]["upheld"] = "72.0"
        self.current["review_litigation"] = copied
        write(os.path.join(self.tmp, "2024.json"), self.previous)
        write(os.path.join(self.tmp, "2025.json"), self.current)
        self.assertIn(("xy.duplicate", "/sections/review_litigation"),
                      self.rules(run("--format", "jsonl", self.tmp).stdout))
        copied["administrative_review"]["upheld"] = 72.5
        write(os.path.join(self.tmp, "2025.json"), self.current)
        self.assertNotIn(("xy.duplicate", "/sections/review_litigation"),
                         self.rules(run("--format", "jsonl", self.tmp).stdout))

    def test_text_in_last_years_carried_forward_makes_its_column_not_assessable(self):
        self.previous["applications"]["carried_forward"]["natural_person"] = "见附件"
        write(os.path.join(self.tmp, "2024.json"), self.previous)
        write(os.path.join(self.tmp, "2025.json"), self.current)
        carry = [(d["pointer"], d["status"], d.get("text")) for d in findings(run("--format", "jsonl", self.tmp).stdout)
                 if d["rule"] == "xy.carry_over" and d["file"].endswith("2025.json")]
        self.assertEqual(carry, [("/applications/carried_over/natural_person", "not_assessable", "上年：见附件")])

    def test_files_named_are_taken_in_order_and_each_directory_in_sorted_path_order(self):
        names = ["a-b/2024.json", "a/2025.json", "a.json", "a/b.json", "b/z/2024.json", "b/z.json", "中/2024.json"]
        for name in names:
            write(os.path.join(self.tmp, "d", name), self.previous)
        write(os.path.join(self.tmp, "first.json"), self.current)
        with open(SEED, encoding="utf-8") as f:
            r = subprocess.run([BIN, "check", "--format", "json", os.path.join(self.tmp, "first.json"),
                                os.path.join(self.tmp, "d"), "-", SEED], input=f.read(), capture_output=True,
                               text=True, timeout=60)
        files = [f["file"] for f in json.loads(r.stdout)["files"]]
        in_directory = sorted(os.path.join(self.tmp, "d", n).encode() for n in names)
        self.assertEqual(files, [os.path.join(self.tmp, "first.json")] + [p.decode() for p in in_directory] +
                         ["<stdin>", SEED])

    def test_of_two_reports_of_an_agency_and_year_the_first_in_path_order_is_last_years(self):
        other = json.loads(json.dumps(self.previous))
        other["agency"] = "淮安市人民政府（本级）"
        other["applications"]["carried_forward"]["natural_person"] += 1
        other["applications"]["carried_forward"]["total"] += 1
        other["applications"]["total_processed"]["natural_person"] -= 1
        other["applications"]["total_processed"]["total"] -= 1
        other["applications"]["granted"]["natural_person"] -= 1
        other["applications"]["granted"]["total"] -= 1
        write(os.path.join(self.tmp, "a", "2024.json"), other)
        write(os.path.join(self.tmp, "b", "2024.json"), self.previous)
        write(os.path.join(self.tmp, "c", "2025.json"), self.current)
        r = run("--format", "jsonl", self.tmp)
        mine = [(d["rule"], d["pointer"], d["previous"]) for d in findings(r.stdout) if d["file"].endswith("2025.json")]
        first = os.path.join(self.tmp, "a", "2024.json")
        self.assertEqual(mine, [("xy.carry_over", "/applications/carried_over/natural_person", first),
                                ("xy.carry_over", "/applications/carried_over/total", first)])

    def test_against_a_2019_format_year_carry_over_is_checked_and_in_force_is_not_assessable(self):
        previous = load(os.path.join(SOURCE, "tests", "samples", "pingtan", "36-suping-2020", "expected.json"))
        current = load(SEED)
        current["agency"], current["year"] = previous["agency"], 2021
        apps = current["applications"]
        for row in ("carried_over", "total_processed", "granted"):  # balanced, but last year carried 0 forward
            apps[row]["commercial"] += 2
            apps[row]["total"] += 2
        write(os.path.join(self.tmp, "2020.json"), previous)
        write(os.path.join(self.tmp, "2021.json"), current)
        xy = [(d["rule"], d["status"], d["pointer"], d.get("text")) for d in findings(run("--format", "jsonl", self.tmp).stdout)
              if d["rule"].startswith("xy.") and d["file"].endswith("2021.json")]
        self.assertEqual(xy, [
            ("xy.carry_over", "fail", "/applications/carried_over/commercial", None),
            ("xy.carry_over", "fail", "/applications/carried_over/total", None),
            ("xy.in_force", "not_assessable", "/format", "上年报告为2019年试行格式，无现行有效件数")])

    def test_hierarchy_on_request_compares_a_parent_with_its_childrens_sum(self):
        child = load(SEED)
        child["agency"] = "甲街道"
        child2 = json.loads(json.dumps(child))
        child2["agency"] = "乙街道"
        parent = json.loads(json.dumps(child))
        parent["agency"] = "测试区人民政府"
        for row in ("new_received", "granted", "total_processed"):
            for column in parent["applications"][row]:
                parent["applications"][row][column] *= 2
        parent["active_disclosure"]["licensing"] = 3  # the children report 0 each
        for name, doc in (("p", parent), ("c1", child), ("c2", child2)):
            write(os.path.join(self.tmp, name + ".json"), doc)
        mapping = os.path.join(self.tmp, "tree.csv")
        with open(mapping, "w", encoding="utf-8") as f:
            f.write("parent,child\n测试区人民政府,甲街道\n测试区人民政府,乙街道\n")
        self.assertEqual([d for d in findings(run("--format", "jsonl", self.tmp).stdout)
                          if d["rule"] == "xy.hierarchy"], [])
        r = run("--format", "jsonl", "--hierarchy", mapping, self.tmp)
        h = [(d["file"], d["pointer"], d["left"], d["right"]) for d in findings(r.stdout) if d["rule"] == "xy.hierarchy"]
        self.assertEqual(h, [(os.path.join(self.tmp, "p.json"), "/active_disclosure/licensing", "3", "0")])
        os.remove(os.path.join(self.tmp, "c1.json"))
        os.remove(os.path.join(self.tmp, "c2.json"))
        for lang, text in (("zh", "缺少下级机关2023年度可读的报告：甲街道、乙街道"), ("en", "no readable report of 2023 of: 甲街道, 乙街道")):
            (d,) = [d for d in findings(run("--format", "jsonl", "--lang", lang, "--hierarchy", mapping, self.tmp).stdout)
                    if d["rule"] == "xy.hierarchy"]
            self.assertEqual((d["status"], d["text"]), ("not_assessable", text))

    def test_a_carry_over_fault_against_a_real_crawled_page_is_found_in_its_column(self):
        sample = os.path.join(SOURCE, "tests", "samples", "pingtan", "57-lvwenti-2022")
        shutil.copy(os.path.join(sample, "page.txt"), os.path.join(self.tmp, "2022.txt"))
        nxt = load(os.path.join(sample, "expected.json"))
        nxt["year"], nxt["published"] = 2023, "2024-01-20"
        apps = nxt["applications"]
        for row in ("carried_over", "total_processed", "granted"):  # still balanced within the year
            apps[row]["legal_service"] += 1
            apps[row]["total"] += 1
        write(os.path.join(self.tmp, "2023.json"), nxt)
        r = run("--format", "jsonl", self.tmp)
        carry = [(d["pointer"], d["left"], d["right"]) for d in findings(r.stdout) if d["rule"] == "xy.carry_over"]
        self.assertEqual(carry, [("/applications/carried_over/legal_service", "1", "0"),
                                 ("/applications/carried_over/total", "1", "0")])
        self.assertEqual([d["rule"] for d in findings(r.stdout) if d["rule"] == "pub.late"], [])

    def test_cross_year_findings_computed_from_the_extracts_say_where_the_cell_stands_in_the_document(self):
        # This year's report as Markdown (its cells have lines and columns), last year's as JSON with other prose
        # and other tables: the extracts settle the pair, and the findings must point into the Markdown as when
        # both reports are read whole (a --pairs row).
        rendered = subprocess.run([BIN, "render", "--format", "markdown", HUAIAN], capture_output=True, text=True,
                                  timeout=60, check=True).stdout
        with open(os.path.join(self.tmp, "2024.md"), "w", encoding="utf-8") as f:
            f.write("# 淮安市人民政府2024年政府信息公开工作年度报告\n\n" + rendered)
        self.previous["year"] = 2023
        for row in ("carried_forward", "total_processed", "granted"):  # last year balanced, one more carried forward
            self.previous["applications"][row]["legal_service"] += 1
            self.previous["applications"][row]["total"] += 1
        self.previous["active_disclosure"]["licensing"] = 1 + (self.previous["active_disclosure"]["licensing"] or 0)
        self.previous["review_litigation"]["administrative_review"]["upheld"] += 1
        self.previous["review_litigation"]["administrative_review"]["total"] += 1
        write(os.path.join(self.tmp, "2023.json"), self.previous)
        pairs = os.path.join(self.tmp, "pairs.csv")
        with open(pairs, "w", encoding="utf-8") as f:
            f.write("%s,%s\n" % (os.path.join(self.tmp, "2024.md"), os.path.join(self.tmp, "2023.json")))
        kept = run("--format", "text", "--lang", "en", self.tmp).stdout
        whole = run("--format", "text", "--lang", "en", "--pairs", pairs, self.tmp).stdout
        self.assertEqual(kept, whole)
        self.assertRegex(kept, r"2024\.md:\d+:\d+: error: \[xy\.carry_over\].*\(/applications/carried_over/legal_service\)")
        self.assertNotIn("xy.duplicate", kept)

    def test_deadline_of_townships_is_configurable(self):
        seed = load(SEED)
        seed["published"] = "2024-02-20"
        path = os.path.join(self.tmp, "t.json")
        write(path, seed)
        self.assertEqual(findings(run("--format", "jsonl", path).stdout), [])
        r = run("--format", "jsonl", "--deadline", "township=01-31", path)
        self.assertEqual([(d["rule"], d["difference"]) for d in findings(r.stdout)], [("pub.late", "20")])
        self.assertEqual(run("--deadline", "township=02-30", path).returncode, 2)


class DatabaseTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xxgk-db-")
        self.dir = os.path.join(self.tmp, "c")
        self.manifest = corpus.generate(self.dir, 20, seed=3, fault_every=3, unreadable=1)
        self.db = os.path.join(self.tmp, "x.sqlite")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def counts(self):
        with sqlite3.connect(self.db) as c:
            return tuple(c.execute("SELECT count(*) FROM " + t).fetchone()[0] for t in ("reports", "cells", "findings"))

    def test_reports_cells_and_findings_are_stored_and_a_rerun_updates_rather_than_duplicates(self):
        r = run("--format", "jsonl", "--db", self.db, self.dir)
        self.assertEqual(r.returncode, 2, r.stderr)
        n_findings = len(findings(r.stdout))
        cells_per_report = 10 + 25 * 7 + 3 * 5
        self.assertEqual(self.counts(), (21, 20 * cells_per_report, n_findings))
        with sqlite3.connect(self.db) as c:
            self.assertEqual(c.execute("SELECT count(*) FROM reports WHERE error IS NOT NULL").fetchone()[0], 1)
            row = c.execute("SELECT r.agency, r.year, c.kind, c.value, c.number FROM cells c JOIN reports r ON "
                            "r.id = c.report_id WHERE c.pointer = '/applications/new_received/total' "
                            "ORDER BY r.file LIMIT 1").fetchone()
            self.assertEqual((row[1], row[2]), (2023, "number"))
            self.assertEqual(float(row[3]), row[4])
            rules = dict(c.execute("SELECT rule, count(*) FROM findings GROUP BY rule").fetchall())
        expected = {}
        for f in self.manifest["faults"]:
            expected[f["rule"]] = expected.get(f["rule"], 0) + 1
        self.assertEqual(rules, expected)
        run("--format", "jsonl", "--db", self.db, self.dir)
        self.assertEqual(self.counts(), (21, 20 * cells_per_report, n_findings))
        path = os.path.join(self.dir, "2023", "agency-00001.json")
        doc = load(path)
        doc["applications"]["new_received"]["other"] = "见附件"
        write(path, doc)
        run("--format", "jsonl", "--db", self.db, self.dir)
        with sqlite3.connect(self.db) as c:
            kind, printed = c.execute(
                "SELECT c.kind, c.printed FROM cells c JOIN reports r ON r.id = c.report_id WHERE r.file = ? AND "
                "c.pointer = '/applications/new_received/other'", (os.path.realpath(path),)).fetchone()
        self.assertEqual((kind, printed), ("text", "见附件"))
        self.assertEqual(self.counts()[:2], (21, 20 * cells_per_report))


    def test_the_documented_queries_run_and_answer_from_the_stored_reports(self):
        run("--format", "jsonl", "--db", self.db, self.dir)
        with open(os.path.join(SOURCE, "docs", "batch.md"), encoding="utf-8") as f:
            docs = f.read()
        examples = docs[docs.index("Examples:\n\n```sql\n"):]
        examples = examples[examples.index("\n-- ") + 1:examples.index("```\n", 10)]
        queries = [q.strip() for q in examples.split(";") if q.strip()]
        self.assertEqual(len(queries), 2)
        expected_errors = {}
        for f in self.manifest["faults"]:
            if f["rule"] in ("xy.carry_over", "t3.balance") and "/2024/" in f["file"]:
                expected_errors[f["file"]] = expected_errors.get(f["file"], 0) + 1
        with sqlite3.connect(self.db) as c:
            ranked = c.execute(queries[0]).fetchall()
            self.assertEqual(sorted(n for _, n in ranked), sorted(expected_errors.values()))
            side_by_side = c.execute(queries[1]).fetchall()
            self.assertEqual(len(side_by_side), 10)
            for agency, y2023, y2024 in side_by_side:
                self.assertEqual(c.execute(
                    "SELECT json_extract(cells, '$[' || (SELECT position FROM layout WHERE format = '2021' AND "
                    "pointer = '/applications/new_received/total') || ']') FROM reports WHERE year = 2023 AND "
                    "agency = ?", (agency,)).fetchone()[0], y2023)
                self.assertIsInstance(y2024, float)

    def test_a_database_of_the_row_per_cell_schema_is_refused_with_a_clear_error(self):
        with sqlite3.connect(self.db) as c:
            c.execute("CREATE TABLE cells (report_id, pointer)")
        r = run("--format", "jsonl", "--db", self.db, self.dir)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--db: the database was written by an earlier xxgk", r.stderr)


class IndexTest(unittest.TestCase):
    """The file index lives in a temporary SQLite database on disk (docs/batch.md)."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="xxgk-index-")
        self.dir = os.path.join(self.tmp, "reports")
        os.makedirs(self.dir)
        for i in range(10000):  # ≈ 4 MB of index, beyond the 2 MB SQLite keeps in memory
            os.link(SEED, os.path.join(self.dir, "%05d.json" % i))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_when_the_index_cannot_be_written_the_run_stops_with_a_clear_error(self):
        def small_files():  # writes past 64 KB fail with EFBIG rather than kill the process
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 10, 64 << 10))

        env = dict(os.environ, SQLITE_TMPDIR=self.tmp)
        full = subprocess.run([BIN, "check", "--format", "jsonl", self.dir], capture_output=True, text=True,
                              timeout=300, preexec_fn=small_files, env=env)
        self.assertEqual(full.returncode, 2, full.stderr)
        self.assertRegex(full.stderr, "^xxgk: temporary index in %s: write: (disk I/O error|database or disk is full)\n$"
                         % self.tmp)
        self.assertNotIn("Traceback", full.stderr)
        whole = run("--format", "jsonl", "--summary", self.dir)
        self.assertEqual(whole.returncode, 0, whole.stderr)
        self.assertIn("文件 10000，报告 10000", whole.stderr)


if __name__ == "__main__":
    unittest.main()
