"""xxgk.aggregate and xxgk.indicators: the roster, a parent's 汇总 and the indicators through the C library."""

import copy
import json
import os
import pathlib
import sys
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
SOURCE = pathlib.Path(os.environ.get("XXGK_SOURCE_DIR", HERE.parents[2]))
SEED = SOURCE / "examples" / "acheng-yagou-2023.json"

import xxgk  # noqa: E402


def seed(agency, year, published, scale):
    r = json.loads(SEED.read_text(encoding="utf-8"))
    r.update(agency=agency, year=year, published=published)
    for row in r["applications"].values():
        for k in row:
            row[k] *= scale
    r["active_disclosure"]["fees"] = "0.%d5" % scale
    return r


class AggregateTest(unittest.TestCase):
    def test_roster_sum_and_differences(self):
        a, b = seed("甲局", 2024, "2025-01-10", 1), seed("乙局", 2024, "2025-02-04", 2)
        parent = seed("某区人民政府", 2024, "2025-03-01", 3)
        parent["applications"]["granted"]["total"] += 1
        units = [{"unit": "某区人民政府", "kind": "government"},
                 {"unit": "甲局", "kind": "department", "parent": "某区人民政府"},
                 {"unit": "乙局", "kind": "department", "parent": "某区人民政府"},
                 {"unit": "丙局", "kind": "department", "parent": "某区人民政府"}]
        out = xxgk.aggregate({"a.json": a, "b.json": b, "p.json": parent}, units)
        self.assertEqual(out["year"], 2024)
        states = {u["unit"]: (u["state"], u["timeliness"], u["days_late"]) for u in out["roster"]["units"]}
        self.assertEqual(states["丙局"], ("missing", None, None))
        self.assertEqual(states["乙局"], ("published", "late", 4))
        self.assertEqual(states["甲局"], ("published", "on_time", None))
        (s,) = out["aggregates"]
        self.assertEqual(s["report"]["active_disclosure"]["fees"], "0.40")  # 0.15 + 0.25, exactly
        self.assertEqual(s["report"]["applications"]["granted"]["total"], 3 * seed("x", 0, "", 1)["applications"]["granted"]["total"])
        self.assertEqual([(d["pointer"], d["difference"]) for d in s["differences"]],
                         [("/active_disclosure/fees", "-0.05"),
                          ("/applications/granted/total", "1")])
        self.assertFalse(s["complete"])
        self.assertEqual({r["agency"] for r in out["reports"]}, {"甲局", "乙局", "某区人民政府"})

    def test_reports_as_a_list_and_errors(self):
        out = xxgk.aggregate([seed("甲局", 2024, "2025-01-10", 1)])
        self.assertIsNone(out["roster"])
        self.assertEqual(out["reports"][0]["file"], "#0")
        bad = seed("甲局", 2024, "2025-01-10", 1)
        del bad["applications"]
        with self.assertRaises(xxgk.ParseError) as e:
            xxgk.aggregate({"bad.json": bad})
        self.assertIn("/reports/0/report", str(e.exception))
        with self.assertRaises(xxgk.InvalidArgument):
            xxgk.aggregate([], [{"unit": "甲", "parent": "甲"}], year=2024)

    def test_indicators_with_last_year(self):
        now, before = seed("甲局", 2024, "2025-01-10", 2), seed("甲局", 2023, "2024-01-10", 1)
        got = {i["id"]: i for i in xxgk.indicators(now, before)["indicators"]}
        apps = now["applications"]
        processed = apps["total_processed"]["total"]
        if processed:
            expected = (apps["granted"]["total"] + apps["partially_granted"]["total"]) / processed
            self.assertAlmostEqual(got["disclosure_rate"]["value"], expected)
            self.assertAlmostEqual(got["disclosure_rate"]["change"], 0.0)  # the same ratio, twice the counts
        self.assertEqual(xxgk.indicators(copy.deepcopy(now))["indicators"][0]["previous"], None)
        with xxgk.Report.load(now) as r:
            self.assertEqual(xxgk.indicators(r), xxgk.indicators(now))
            self.assertTrue(r.format)  # still open


if __name__ == "__main__":
    unittest.main()
