"""BASELINE — what users do today: a straightforward Python implementation of the table 三/四 identities
(I-1 balance, I-2 outcome total, I-3 applicant total, I-4 proceedings) over canonical JSON reports.
It exists only to be measured against xxgk (see compare.py); it is not part of the product."""
import json

APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"]
OUTCOMES_2021 = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited_by_law",
                 "denied_security_stability", "denied_third_party_rights", "denied_internal_affairs",
                 "denied_process_information", "denied_enforcement_file", "denied_administrative_query",
                 "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear_after_correction",
                 "rejected_complaint", "rejected_repeated", "rejected_publication", "rejected_excessive",
                 "rejected_confirmation", "other_no_correction", "other_fee_unpaid", "other_other"]
RESULTS = ["upheld", "corrected", "other", "pending"]


def number(v):
    if v is None:
        return 0
    if isinstance(v, str):
        try:
            return float(v.replace(",", ""))
        except ValueError:
            return 0
    return v


def check(report):
    """Returns a list of (rule, pointer) findings for one report dict."""
    findings = []
    t3 = report["applications"]
    outcomes = OUTCOMES_2021 if report.get("format") == "2021" else [
        r for r in OUTCOMES_2021 if not r.startswith("other_")] + ["other_handling"]
    for col in APPLICANTS:
        new, over = number(t3["new_received"][col]), number(t3["carried_over"][col])
        done, fwd = number(t3["total_processed"][col]), number(t3["carried_forward"][col])
        if new + over != done + fwd:
            findings.append(("t3.balance", "/applications/new_received/" + col))
        if done != sum(number(t3[r][col]) for r in outcomes):
            findings.append(("t3.outcome_total", "/applications/total_processed/" + col))
    for name, row in t3.items():
        if number(row["total"]) != sum(number(row[c]) for c in APPLICANTS[:-1]):
            findings.append(("t3.applicant_total", "/applications/%s/total" % name))
    for name, p in report["review_litigation"].items():
        if number(p["total"]) != sum(number(p[c]) for c in RESULTS):
            findings.append(("t4.total", "/review_litigation/%s/total" % name))
    return findings


def check_jsonl(path):
    """Checks every report of a JSON Lines file; returns (reports, findings)."""
    reports = findings = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            findings += len(check(json.loads(line)))
            reports += 1
    return reports, findings


def check_files(paths):
    """Checks every report file (canonical JSON); returns (reports, findings)."""
    reports = findings = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            findings += len(check(json.load(f)))
        reports += 1
    return reports, findings
