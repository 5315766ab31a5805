"""`xxgk aggregate`: the roster, the 汇总 of a hierarchy and the indicators over a generated two-year corpus of a
city with districts and their departments, late and missing units, and planted differences between a parent's
report and the sum of its children. Expected values are computed here from the report files, independently."""
import copy
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

BIN = os.environ.get("XXGK_BIN", "xxgk")
SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TABLES = ("active_disclosure", "applications", "review_litigation")

# unit, kind, parent, own: 甲区 publishes its own 汇总; 乙区 publishes its own office only (本级).
UNITS = [
    ("测试市人民政府", "government", "", ""),
    ("测试市教育局", "department", "测试市人民政府", ""),
    ("测试市财政局", "department", "测试市人民政府", ""),
    ("甲区人民政府", "government", "测试市人民政府", ""),
    ("甲区教育局", "department", "甲区人民政府", ""),
    ("甲区卫健委", "department", "甲区人民政府", ""),
    ("甲区城关街道办事处", "township", "甲区人民政府", ""),
    ("乙区人民政府", "government", "测试市人民政府", "own"),
    ("乙区教育局", "department", "乙区人民政府", ""),
    ("乙区民政局", "department", "乙区人民政府", ""),
]
MISSING_2024 = {"测试市财政局", "乙区民政局"}
LATE_2024 = {"甲区教育局": 9, "乙区人民政府": 1}  # days after the deadline
# Cells of a parent's published 汇总 changed after summing: {parent: [(pointer, delta)]}.
PLANTED = {"甲区人民政府": [("/applications/granted/natural_person", 3), ("/active_disclosure/fees", Decimal("0.01"))],
           "测试市人民政府": [("/review_litigation/administrative_review/corrected", -1)]}


def cells(report):
    """{pointer: value} of tables 二, 三 and 四."""
    out = {}

    def walk(value, pointer):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, pointer + "/" + k)
        else:
            out[pointer] = value
    for t in TABLES:
        walk(report[t], "/" + t)
    return out


def number(v):
    return Decimal(0) if v is None or v in ("/", "—", "无") else Decimal(str(v))


def set_pointer(report, pointer, value):
    keys = pointer.strip("/").split("/")
    target = report
    for k in keys[:-1]:
        target = target[k]
    target[keys[-1]] = value


def get_pointer(report, pointer):
    target = report
    for k in pointer.strip("/").split("/"):
        target = target[k]
    return target


def summed(parts):
    """The cell-by-cell sum of reports' tables (exact decimals)."""
    total = {}
    for p in parts:
        for pointer, v in cells(p).items():
            total[pointer] = total.get(pointer, Decimal(0)) + number(v)
    return total


class Corpus:
    """Two years of reports of UNITS; 2024 with missing, late and planted units."""

    def __init__(self, root):
        self.root = root
        rng = random.Random(19)
        with open(corpus.SEED, encoding="utf-8") as f:
            template = json.load(f)
        self.reports = {2023: {}, 2024: {}}  # year → unit → report
        self.files = {2023: {}, 2024: {}}
        children = {}
        for name, _, parent, _ in UNITS:
            children.setdefault(parent, []).append(name)
        own = {name for name, _, _, o in UNITS if o}
        for year in (2023, 2024):
            # Leaves first, then parents in order of depth (甲区 before 测试市).
            for name, kind, parent, _ in reversed(UNITS):
                if year == 2024 and name in MISSING_2024:
                    continue
                carried = {a: 0 for a in corpus.APPLICANTS}
                if year == 2024 and name in self.reports[2023]:
                    prev = self.reports[2023][name]["applications"]["carried_forward"]
                    carried = {a: prev[a] for a in corpus.APPLICANTS}
                r = corpus.report(template, rng, name, kind, year, carried, {"regulations": 5, "normative_documents": 9})
                r["active_disclosure"]["fees"] = "%d.%02d" % (rng.randint(0, 3), rng.randint(0, 99))
                if name in children and name not in own:
                    # A parent that publishes its 汇总: the sum of what its children published (or summed).
                    s = self.expected_sum(name, year, children, own)
                    for pointer, v in s.items():
                        set_pointer(r, pointer, str(v) if pointer.endswith("/fees") else int(v))
                    if year == 2024:
                        for pointer, delta in PLANTED.get(name, []):
                            v = number(get_pointer(r, pointer)) + delta
                            set_pointer(r, pointer, str(v) if pointer.endswith("/fees") else int(v))
                if year == 2024 and name in LATE_2024:  # deadlines: 31 January, 31 March
                    month_after = 2 if corpus.DEADLINE[kind][0] == 1 else 4
                    r["published"] = "2025-%02d-%02d" % (month_after, LATE_2024[name])
                self.reports[year][name] = r
                path = os.path.join(root, str(year), name + ".json")
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    json.dump(r, f, ensure_ascii=False)
                self.files[year][name] = path
        self.children, self.own = children, own
        self.units = os.path.join(root, "units.csv")
        with open(self.units, "w", encoding="utf-8") as f:
            f.write("unit,kind,parent,own\n")
            for row in UNITS:
                f.write(",".join(row) + "\n")

    def figures(self, name, year, children, own):
        """What a child contributes to its parent's 汇总: its report, or its own 汇总 when its report covers
        only its own office or it published nothing."""
        if name in children and (name in own or name not in self.reports[year]):
            return self.expected_sum(name, year, children, own)
        return summed([self.reports[year][name]]) if name in self.reports[year] else None

    def expected_sum(self, parent, year, children=None, own=None):
        children = children if children is not None else self.children
        own = own if own is not None else self.own
        parts = []
        if parent in own and parent in self.reports[year]:
            parts.append(summed([self.reports[year][parent]]))
        for child in children[parent]:
            f = self.figures(child, year, children, own)
            if f is not None:
                parts.append(f)
        total = {}
        for p in parts:
            for pointer, v in p.items():
                total[pointer] = total.get(pointer, Decimal(0)) + v
        return total


def aggregate(*args):
    return subprocess.run([BIN, "aggregate", *args], capture_output=True, text=True, timeout=120)


class AggregateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.corpus = Corpus(cls.tmp.name)
        run = aggregate("--units", cls.corpus.units, cls.tmp.name)
        if run.returncode != 0:
            raise AssertionError(run.stderr)
        cls.out = json.loads(run.stdout)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_roster_names_exactly_the_missing_and_late_units(self):
        roster = self.out["roster"]
        self.assertEqual(roster["year"], 2024)
        by_state = {}
        for u in roster["units"]:
            by_state.setdefault(u["state"], set()).add(u["unit"])
        self.assertEqual(by_state["missing"], MISSING_2024)
        self.assertNotIn("unreadable", by_state)
        late = {u["unit"]: u["days_late"] for u in roster["units"] if u["timeliness"] == "late"}
        self.assertEqual(late, LATE_2024)
        self.assertEqual(roster["counts"]["late"], len(LATE_2024))
        self.assertEqual(roster["counts"]["missing"], len(MISSING_2024))
        self.assertEqual(roster["unmatched"], [])
        published = [u for u in roster["units"] if u["state"] == "published"]
        for u in published:
            self.assertTrue(u["file"].endswith(os.path.join("2024", u["unit"] + ".json")), u)

    def test_each_parent_is_the_sum_of_its_children_cell_for_cell(self):
        sums = {a["parent"]: a for a in self.out["aggregates"]}
        self.assertEqual(set(sums), {"测试市人民政府", "甲区人民政府", "乙区人民政府"})
        for parent, a in sums.items():
            expected = self.corpus.expected_sum(parent, 2024)
            got = cells(a["report"])
            self.assertEqual(set(got), set(expected))
            for pointer, v in expected.items():
                self.assertEqual(number(got[pointer]), v, (parent, pointer))
            self.assertEqual(a["report"]["agency"], parent)
            self.assertEqual(a["report"]["year"], 2024)
        self.assertFalse(sums["乙区人民政府"]["complete"])  # 乙区民政局 is missing
        self.assertFalse(sums["测试市人民政府"]["complete"])
        self.assertTrue(sums["甲区人民政府"]["complete"])
        self.assertEqual([p["source"] for p in sums["测试市人民政府"]["parts"]], ["report", "missing", "report", "aggregate"])
        self.assertTrue(sums["乙区人民政府"]["parts"][0]["own_office"])

    def test_the_planted_differences_and_nothing_else_are_reported(self):
        for a in self.out["aggregates"]:
            got = {d["pointer"]: Decimal(d["difference"]) for d in a["differences"]}
            self.assertEqual(got, {p: Decimal(delta) for p, delta in PLANTED.get(a["parent"], [])}, a["parent"])
            if a["parent"] in PLANTED:
                self.assertTrue(a["compared_file"].endswith(a["parent"] + ".json"))
            else:
                self.assertIsNone(a["compared_file"])

    def test_indicators_follow_their_formulas_with_last_year(self):
        reports = {r["agency"]: r for r in self.out["reports"]}
        self.assertEqual(set(reports), {u[0] for u in UNITS} - MISSING_2024)
        for name, entry in reports.items():
            now, before = self.corpus.reports[2024][name], self.corpus.reports[2023].get(name)
            ind = {i["id"]: i for i in entry["indicators"]["indicators"]}

            def ratio(r, num, den):
                n = sum(number(get_pointer(r, p)) for p in num)
                d = sum(number(get_pointer(r, p)) for p in den)
                return None if d == 0 else float(n) / float(d)
            a = "/applications/%s/total"
            checks = {
                "disclosure_rate": ([a % "granted", a % "partially_granted"], [a % "total_processed"]),
                "carry_forward_rate": ([a % "carried_forward"], [a % "new_received", a % "carried_over"]),
            }
            for id, (num, den) in checks.items():
                expected = ratio(now, num, den)
                if expected is None:
                    self.assertIsNone(ind[id]["value"])
                else:
                    self.assertAlmostEqual(ind[id]["value"], expected, places=12)
                if before is not None and expected is not None and ratio(before, num, den) is not None:
                    self.assertAlmostEqual(ind[id]["previous"], ratio(before, num, den), places=12)
                    self.assertAlmostEqual(ind[id]["change"], expected - ratio(before, num, den), places=12)
            rv = now["review_litigation"]["administrative_review"]
            concluded = rv["total"] - rv["pending"]
            value = ind["review_correction_rate"]["value"]
            self.assertEqual(value, None if concluded == 0 else rv["corrected"] / concluded)
            self.assertEqual(entry["previous"] is not None, before is not None)
            self.assertIsNotNone(ind["prose_repetition"]["value"] if before else 0)
            self.assertFalse(ind["prose_repetition"]["flagged"])  # the corpus writes its prose afresh each year

    def test_the_parent_sum_is_a_canonical_report_that_render_and_check_read(self):
        run = aggregate("--units", self.corpus.units, "--parent", "甲区 人民政府", self.tmp.name)
        self.assertEqual(run.returncode, 0, run.stderr)
        report = json.loads(run.stdout)
        self.assertEqual(report["agency"], "甲区人民政府")
        path = os.path.join(self.tmp.name, "sum.out")
        with open(path, "w", encoding="utf-8") as f:
            f.write(run.stdout)
        rendered = subprocess.run([BIN, "render", "--input-format", "json", path], capture_output=True, text=True)
        self.assertEqual(rendered.returncode, 0, rendered.stderr)
        self.assertIn("（七）总计", rendered.stdout)
        checked = subprocess.run([BIN, "check", "--format", "json", "--input-format", "json", path],
                                 capture_output=True, text=True)
        self.assertIn(checked.returncode, (0, 1), checked.stderr)
        # A parent no unit names is an error that says so.
        run = aggregate("--units", self.corpus.units, "--parent", "丙区人民政府", self.tmp.name)
        self.assertEqual(run.returncode, 2)
        self.assertIn("丙区人民政府", run.stderr)

    def test_an_explicit_file_mapping_and_an_unreadable_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            broken = os.path.join(tmp, "2024", "minzheng.docx")
            os.makedirs(os.path.dirname(broken))
            with open(broken, "wb") as f:
                f.write(b"not a zip")
            stray = copy.deepcopy(self.corpus.reports[2024]["测试市教育局"])
            stray["agency"] = "别处的局"
            with open(os.path.join(tmp, "2024", "stray.json"), "w", encoding="utf-8") as f:
                json.dump(stray, f, ensure_ascii=False)
            mapping = os.path.join(tmp, "files.csv")
            with open(mapping, "w", encoding="utf-8") as f:
                f.write("file,unit\nminzheng.docx,乙区民政局\n")
            run = aggregate("--units", self.corpus.units, "--unit-files", mapping, self.tmp.name, tmp)
            self.assertEqual(run.returncode, 0, run.stderr)
            out = json.loads(run.stdout)
            units = {u["unit"]: u for u in out["roster"]["units"]}
            self.assertEqual(units["乙区民政局"]["state"], "unreadable")
            self.assertTrue(units["乙区民政局"]["error"])
            self.assertEqual([u["file"] for u in out["roster"]["unmatched"]], [os.path.join(tmp, "2024", "stray.json")])
            self.assertEqual(len(out["unreadable"]), 1)

    def test_the_python_package_gives_the_same_document(self):
        os.environ.setdefault("XXGK_LIBRARY", os.path.join(os.environ["XXGK_BUILD_DIR"], "capi", "libxxgk.so.0"))
        sys.path.insert(0, os.path.join(SOURCE, "bindings", "python"))
        import xxgk
        files = sorted(path for year in self.corpus.files.values() for path in year.values())
        units = [{"unit": u, "kind": k, "parent": p, "own": bool(o)} for u, k, p, o in UNITS]
        self.assertEqual(xxgk.aggregate({f: f for f in files}, units), self.out)

    def test_bad_units_files_are_refused_naming_the_unit(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "units.csv")
            for text, says in (("甲,department,乙\n乙,,甲\n", "own ancestor"), ("甲,ministry,\n", "ministry"),
                               ("甲,,\n甲 ,,\n", "twice")):
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                run = aggregate("--units", path, self.tmp.name)
                self.assertEqual(run.returncode, 2, text)
                self.assertIn(says, run.stderr)


if __name__ == "__main__":
    unittest.main()
