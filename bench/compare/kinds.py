"""The cost model of docs/scale.md: CPU time per report by input kind, through the path users run
(`xxgk.check_batch` on one thread: read the file, read the report, every rule, findings JSON out).

The same report (acheng-yagou 2023) in every format — canonical JSON (with its prose), Tika text, a DOCX, an
HTML page, a PDF with a text layer, a Word 97 .doc, an ODT and an RTF (through LibreOffice), and a four-page scan
(OCR) — plus a crawled page (putian-chengguan 2025). Each is checked again and again until `--seconds` of CPU
(at least once); CPU is this process's and its children's (pdftotext, soffice, pdfimages), so waiting for a
core on a shared machine does not count. Prints CPU and wall time per report and reports per second per core.

usage: python3 bench/compare/kinds.py BUILD_DIR [--seconds 2] [--skip-slow]
"""
import os
import resource
import sys
import time

SOURCE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SHARED = os.path.normpath(os.path.join(SOURCE, "..", "shared", "samples", "rendered", "acheng-yagou-2023"))
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/samples/rendered/acheng-yagou-2023"

KINDS = [
    ("JSON (canonical, with prose)", os.path.join(SOURCE, "examples", "acheng-yagou-2023.json"), False),
    ("text (Tika extraction)", os.path.join(SOURCE, "tests", "samples", "acheng-yagou-2023", "report.txt"), False),
    ("HTML (rendered report page)", os.path.join(SHARED, "report.html"), False),
    ("HTML (crawled page, putian-chengguan)", os.path.join(SOURCE, "tests", "samples", "putian-chengguan-2025",
                                                           "page.html"), False),
    ("DOCX", os.path.join(SOURCE, "tests", "samples", "acheng-yagou-2023", "report.docx"), False),
    ("PDF with a text layer (pdftotext)", os.path.join(SHARED, "report.pdf"), False),
    (".doc through LibreOffice", os.path.join(SHARED, "report.doc"), True),
    (".odt through LibreOffice", os.path.join(SHARED, "report.odt"), True),
    (".rtf through LibreOffice", os.path.join(SHARED, "report.rtf"), True),
    ("scanned PDF, 4 pages (OCR)", os.path.join(SHARED, "scanned.pdf"), True),
]


def cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    build = args[0] if args else "build"
    budget = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 2.0
    skip_slow = "--skip-slow" in sys.argv
    os.environ.setdefault("XXGK_LIBRARY", os.path.join(build, "capi", "libxxgk.so.0"))
    sys.path.insert(0, os.path.join(SOURCE, "bindings", "python"))
    import xxgk

    print("%-40s %8s %12s %12s %14s  %s" % ("input", "bytes", "CPU/report", "wall/report", "reports/s/core",
                                            "findings"))
    for name, path, slow in KINDS:
        if slow and skip_slow:
            continue
        item = xxgk.check_batch([path])[0]  # once before timing: the library's and the readers' start-up
        if "error" in item:
            print("%-40s cannot be read here: %s" % (name, item["error"]))
            continue
        runs, c0, w0 = 0, cpu(), time.perf_counter()
        while runs == 0 or cpu() - c0 < budget:
            xxgk.check_batch([path] * (1 if slow else 20))
            runs += 1 if slow else 20
        used, wall = cpu() - c0, time.perf_counter() - w0
        print("%-40s %8d %10.3f ms %10.3f ms %14.1f  %d" % (name, os.path.getsize(path), 1e3 * used / runs,
                                                           1e3 * wall / runs, runs / used, len(item["diagnostics"])))


if __name__ == "__main__":
    sys.exit(main())
