#!/usr/bin/env python3
"""Checks every report in a folder (recursively) and writes a CSV of the findings.

    python3 check_folder.py FOLDER [-o findings.csv] [--language en] [--pattern '*.json'] [--disable RULE]...

One row per finding: file, rule, severity, status, pointer, table, row, column, left, right, difference,
message, line. A file that cannot be read gets one row with rule `read_error` and the library's message.
Exits 1 when any finding is an error or a file could not be read, else 0.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys

try:
    import xxgk
except ImportError:  # run from a source checkout: use the package beside this folder
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import xxgk

COLUMNS = ["file", "rule", "severity", "status", "pointer", "table", "row", "column", "left", "right", "difference",
           "message", "line"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("-o", "--output", default="-", help="CSV file to write (default: standard output)")
    parser.add_argument("--pattern", default="*.json", help="file name pattern (default: *.json)")
    parser.add_argument("--language", choices=["zh", "en"], default="zh")
    parser.add_argument("--disable", action="append", default=[], metavar="RULE", help="rule id not to run")
    args = parser.parse_args(argv)

    import fnmatch
    files = sorted(os.path.join(root, name) for root, _, names in os.walk(args.folder)
                   for name in names if fnmatch.fnmatch(name, args.pattern))
    if not files:
        print(f"check_folder: no {args.pattern} files under {args.folder}", file=sys.stderr)
        return 2

    out = sys.stdout if args.output == "-" else open(args.output, "w", newline="", encoding="utf-8")
    failed = False
    findings = 0
    try:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for path in files:
            shown = os.path.relpath(path, args.folder)
            try:
                diagnostics = xxgk.check(path, language=args.language, disabled=args.disable)
            except xxgk.Error as e:
                failed = True
                writer.writerow({"file": shown, "rule": "read_error", "severity": "error", "message": e.message,
                                 "pointer": e.pointer, "line": e.line or ""})
                continue
            for d in diagnostics:
                findings += 1
                failed = failed or d.severity == "error"
                writer.writerow({"file": shown, "rule": d.rule, "severity": d.severity, "status": d.status,
                                 "pointer": d.pointer, "table": d.table, "row": d.row, "column": d.column,
                                 "left": d.left if d.left is not None else "",
                                 "right": d.right if d.right is not None else "",
                                 "difference": d.difference if d.difference is not None else "",
                                 "message": d.message, "line": d.source.line or ""})
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"check_folder: {len(files)} files, {findings} findings", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
