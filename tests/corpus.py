"""A synthetic corpus for `xxgk check DIR`: N reports over two years, built from the seed.

    python3 tests/corpus.py OUT_DIR N [--seed S]

writes OUT_DIR/<year>/<agency>.json for N/2 agencies × two data years (2023, 2024), a few unreadable files
(malformed JSON, a truncated report, a .docx that is not a ZIP), and OUT_DIR/MANIFEST (JSON, no report
extension so `xxgk check OUT_DIR` skips it) listing every
planted fault as {file, rule, pointer}. Every report is internally consistent (tables 三 and 四 balance,
documents in force continue, what 2023 carried forward is what 2024 carries over, the prose is written
afresh each year) except where a fault is planted, so a checker must find exactly the planted
cross-year faults. Agency names vary between the two years in whitespace, full-width letters and a
trailing （本级）, which pairing must see through.
"""
import argparse
import copy
import json
import os
import random

SOURCE = os.environ.get("XXGK_SOURCE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SEED = os.path.join(SOURCE, "examples", "acheng-yagou-2023.json")
APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other"]
STOCK_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")
WORDS = ["政务公开", "依申请公开", "主动公开", "政府网站", "政务新媒体", "信息发布", "解读回应", "公开目录", "基层公开",
         "标准化", "规范化", "培训", "考核", "监督", "平台建设", "数据开放", "便民服务", "办事指南", "政策文件", "公开专栏"]
KINDS = ["department", "government", "township"]
DEADLINE = {"department": (1, 31), "government": (3, 31), "township": (3, 31)}
FAULTS = ["carry_over", "in_force", "duplicate", "late", "balance"]


def prose(rng, sentences):
    return "".join("本年度围绕" + "、".join(rng.sample(WORDS, 3)) + "开展工作，" + rng.choice(WORDS) + "取得新进展，共计" +
                   str(rng.randint(1, 999)) + "项。" for _ in range(sentences))


def applications(template, rng, carried_over):
    """Table 三 with the given carried-over column values, balanced in every identity."""
    rows = {name: {a: 0 for a in APPLICANTS} for name in template}
    outcome_rows = [r for r in template if r not in STOCK_ROWS]
    for a in APPLICANTS:
        new = rng.choice([0, 0, 1, 2, 5, 13, 40])
        over = carried_over[a]
        forward = rng.randint(0, min(3, new + over))
        processed = new + over - forward
        rows["new_received"][a], rows["carried_over"][a] = new, over
        rows["total_processed"][a], rows["carried_forward"][a] = processed, forward
        for _ in range(processed):
            rows[rng.choice(outcome_rows[:4])][a] += 1
    for r in rows.values():
        r["total"] = sum(r[a] for a in APPLICANTS)
    return rows


def review(rng):
    t = {}
    for p in ("administrative_review", "litigation_direct", "litigation_after_review"):
        parts = {k: rng.choice([0, 0, 0, 1, 2]) for k in ("upheld", "corrected", "other", "pending")}
        t[p] = dict(parts, total=sum(parts.values()))
    return t


def agency_name(i, kind, year, variant):
    base = {"department": "测试市第%d局", "government": "测试县%d人民政府", "township": "测试镇%d街道办事处"}[kind] % i
    if year == 2024 and variant == 1:
        return base + "（本级）"
    if year == 2024 and variant == 2:
        return base[:2] + " " + base[2:]
    if year == 2024 and variant == 3:
        return base.replace(str(i), str(i).translate(str.maketrans("0123456789", "０１２３４５６７８９")))
    return base


def report(template, rng, name, kind, year, carried_over, in_force):
    r = copy.deepcopy(template)
    r["agency"], r["agency_kind"], r["year"] = name, kind, year
    r["title"] = "%s%d年政府信息公开工作年度报告" % (name, year)
    month, day = DEADLINE[kind]
    r["published"] = "%d-%02d-%02d" % (year + 1, month, rng.randint(1, day))
    r["preamble"] = "本报告中所列数据统计期限自%d年1月1日至%d年12月31日截止。" % (year, year)
    r["sections"] = {k: prose(rng, 4) for k in r["sections"]}
    r["sections"]["other_matters"] += "本年度未收取信息处理费。"  # doc.fee_statement: section 六 says it
    t2 = r["active_disclosure"]
    for kind_of_doc in ("regulations", "normative_documents"):
        issued, repealed = rng.randint(0, 5), rng.randint(0, min(2, in_force[kind_of_doc]))
        t2[kind_of_doc] = {"issued": issued, "repealed": repealed,
                           "in_force": in_force[kind_of_doc] + issued - repealed}
    t2["licensing"], t2["punishment"], t2["enforcement"] = (rng.randint(0, 300) for _ in range(3))
    t2["fees"] = "0"
    r["applications"] = applications(template["applications"], rng, carried_over)
    r["review_litigation"] = review(rng)
    return r


def plant(fault, current, previous, rng):
    """Plants one fault into `current`; returns the findings a checker must report: [(rule, pointer)]."""
    apps = current["applications"]
    if fault == "carry_over":
        column = rng.choice(APPLICANTS)
        # Shift one column's carried-over count and keep the year's own balance by moving new_received.
        apps["carried_over"][column] += 2
        apps["carried_over"]["total"] += 2
        apps["new_received"][column] -= 2
        apps["new_received"]["total"] -= 2
        if apps["new_received"][column] < 0:  # keep counts non-negative: raise what was processed instead
            apps["new_received"][column] += 2
            apps["new_received"]["total"] += 2
            apps["granted"][column] += 2
            apps["granted"]["total"] += 2
            apps["total_processed"][column] += 2
            apps["total_processed"]["total"] += 2
        return [("xy.carry_over", "/applications/carried_over/" + column),
                ("xy.carry_over", "/applications/carried_over/total")]
    if fault == "in_force":
        current["active_disclosure"]["normative_documents"]["in_force"] += 3
        return [("xy.in_force", "/active_disclosure/normative_documents/in_force")]
    if fault == "duplicate":
        current["sections"]["problems"] = previous["sections"]["problems"].replace("2023", "2024")
        return [("xy.duplicate", "/sections/problems")]
    if fault == "late":
        current["published"] = "2025-06-30"
        return [("pub.late", "/published")]
    if fault == "balance":
        apps["carried_forward"]["natural_person"] += 1
        apps["carried_forward"]["total"] += 1
        return [("t3.balance", "/applications/new_received/natural_person"),
                ("t3.balance", "/applications/new_received/total")]
    raise ValueError(fault)


def generate(out_dir, n, seed=1, fault_every=10, unreadable=3):
    """Writes the corpus; returns the manifest {reports, agencies, faults: [{file, rule, pointer}], unreadable}."""
    rng = random.Random(seed)
    with open(SEED, encoding="utf-8") as f:
        template = json.load(f)
    for year in (2023, 2024):
        os.makedirs(os.path.join(out_dir, str(year)), exist_ok=True)
    faults, written = [], 0
    agencies = n // 2
    for i in range(agencies):
        kind = KINDS[i % len(KINDS)]
        variant = rng.randint(0, 3)
        zero = {a: 0 for a in APPLICANTS}
        start = {"regulations": rng.randint(0, 3), "normative_documents": rng.randint(0, 30)}
        previous = report(template, rng, agency_name(i, kind, 2023, variant), kind, 2023, zero, start)
        carried = {a: previous["applications"]["carried_forward"][a] for a in APPLICANTS}
        in_force = {k: previous["active_disclosure"][k]["in_force"] for k in start}
        current = report(template, rng, agency_name(i, kind, 2024, variant), kind, 2024, carried, in_force)
        # Tables that repeat by chance would be true xy.duplicate findings; draw again so only planted ones exist.
        while any(current[t] == previous[t] for t in ("applications", "review_litigation", "active_disclosure")):
            current = report(template, rng, agency_name(i, kind, 2024, variant), kind, 2024, carried, in_force)
        current_file = os.path.join(out_dir, "2024", "agency-%05d.json" % i)
        if i % fault_every == 0:
            fault = FAULTS[(i // fault_every) % len(FAULTS)]
            for rule, pointer in plant(fault, current, previous, rng):
                faults.append({"file": current_file, "rule": rule, "pointer": pointer})
        for year, r in ((2023, previous), (2024, current)):
            with open(os.path.join(out_dir, str(year), "agency-%05d.json" % i), "w", encoding="utf-8") as f:
                json.dump(r, f, ensure_ascii=False)
            written += 1
    bad = []
    samples = [("broken-%d.json", '{"format": "2021", "agency": '), ("truncated-%d.json", None),
               ("not-a-zip-%d.docx", "PK not really a zip")]
    for k in range(unreadable):
        pattern, content = samples[k % len(samples)]
        path = os.path.join(out_dir, "2024", pattern % k)
        if content is None:
            with open(SEED, encoding="utf-8") as f:
                content = f.read()[:500]
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)
        bad.append(path)
    manifest = {"reports": written, "agencies": agencies, "faults": faults, "unreadable": bad}
    with open(os.path.join(out_dir, "MANIFEST"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return manifest


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out_dir")
    p.add_argument("n", type=int, help="number of reports (two per agency)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--unreadable", type=int, default=3)
    a = p.parse_args()
    m = generate(a.out_dir, a.n, a.seed, unreadable=a.unreadable)
    print("%d reports of %d agencies, %d planted findings, %d unreadable files in %s" %
          (m["reports"], m["agencies"], len(m["faults"]), len(m["unreadable"]), a.out_dir))


if __name__ == "__main__":
    main()
