#!/usr/bin/env python3
"""Checks every report under a folder with Dask, on one machine's cores or on a cluster's, and writes the findings
as JSON Lines in the shape of `xxgk check --format jsonl`.

    python3 dask_folder.py FOLDER [-o findings.jsonl] [--scheduler tcp://HOST:8786 | --workers N]
                          [--partition 256] [--language en] [--disable RULE]...

The files are listed here (recursively, by the extensions `xxgk check DIR` reads, in its order), cut into
partitions of `--partition` files, and each partition is one Dask task: `xxgk.check_batch` on a worker, which
reads the files itself (every worker must see the folder: a shared or copied file system, and have the xxgk
package installed), so only paths go out and findings come back. Without `--scheduler` a LocalCluster of
`--workers` processes runs here.

Each line is a finding — the library's JSON with "file", "agency" and "year" — or {"file", "error"} for a file
that cannot be read, as the command prints them; the command's "fingerprint" is not written. Each report is
checked alone: the cross-year rules (last year's report of the same agency) and the hierarchy rule need the other
reports and stay with `xxgk check DIR` (see docs/scale.md for sharding a decade by agency).
Exits 1 when a finding is an error, 2 when a file could not be read, else 0 (as `xxgk check`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Iterable

try:
    import xxgk
except ImportError:  # run from a source checkout: use the package beside this folder (and so do local workers)
    _PACKAGE_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    sys.path.insert(0, _PACKAGE_DIR)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_DIR, os.environ.get("PYTHONPATH")) if p)
    import xxgk

# The extensions `xxgk check DIR` reads (src/cli/batch_discovery.cpp).
REPORT_EXTENSIONS = (".json", ".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps", ".rtf", ".odt")


def list_reports(folder: str) -> list[str]:
    """The report files under `folder` as `xxgk check DIR` takes them: regular files with a report extension, links
    to directories not followed, sorted by their bytes."""
    found = []
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            if name.lower().endswith(REPORT_EXTENSIONS) and os.path.isfile(path):
                found.append(path)
    return sorted(found, key=os.fsencode)


def finding_lines(items: Iterable[dict]) -> list[dict]:
    """`xxgk check --format jsonl`'s lines (without "fingerprint") of check_batch's items."""
    lines = []
    for item in items:
        if "error" in item:
            lines.append({"file": item["file"], "error": item["error"]})
            continue
        for d in item["diagnostics"]:
            lines.append(dict(d, file=item["file"], agency=item["agency"], year=item["year"]))
    return lines


def check_partition(paths: list[str], options: dict) -> list[dict]:
    """One Dask task: a partition's files checked in one library call, on the worker's one thread."""
    return finding_lines(xxgk.check_batch(paths, threads=1, **options))


def check_paths(paths: list[str], partition: int = 256, **options) -> list[dict]:
    """The finding lines of `paths`, in order, computed by Dask on the current scheduler (a distributed Client when
    one is active)."""
    import dask.bag

    if not paths:
        return []
    bag = dask.bag.from_sequence(paths, partition_size=partition)
    return bag.map_partitions(check_partition, options).compute()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("-o", "--output", default="-", help="JSON Lines file to write (default: standard output)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster here)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="LocalCluster processes")
    parser.add_argument("--partition", type=int, default=256, help="files per Dask task (default: 256)")
    parser.add_argument("--language", choices=["zh", "en"], default="zh")
    parser.add_argument("--disable", action="append", default=[], metavar="RULE", help="rule id not to run")
    args = parser.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    paths = list_reports(args.folder)
    options = {"language": args.language, "disabled": args.disable}
    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    try:
        lines = check_paths(paths, args.partition, **options)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if any("error" in line and "rule" not in line for line in lines):
        return 2
    return 1 if any(line.get("severity") == "error" for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main())
