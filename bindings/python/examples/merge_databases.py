#!/usr/bin/env python3
"""Merges the databases of `xxgk check --db` runs over separate shards (folders, machines) into one.

    python3 merge_databases.py OUT.sqlite SHARD.sqlite...

OUT is created from the first shard (or added to when it exists); each further shard's reports get new ids after
OUT's last one, and every table that refers to a report (a `report_id` column) follows them; tables without one
(the labels, the cell layout) are the same in every database and are only completed. A file already in OUT (the
same absolute path) is replaced by the shard's, as a second `--db` run over it would. The database's schema is
read from the files, not assumed, so the script works with every version of docs/batch.md's tables.
Standard library only.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys


def _tables(db: sqlite3.Connection, schema: str) -> dict[str, list[str]]:
    names = [r[0] for r in db.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
                                      "AND name NOT LIKE 'sqlite_%'")]
    return {t: [r[1] for r in db.execute(f'PRAGMA {schema}.table_info("{t}")')] for t in names}


def merge(out: str, shard: str) -> int:
    """Adds the reports of `shard` to the database `out`; returns how many were added."""
    db = sqlite3.connect(out, isolation_level=None)
    try:
        db.execute("ATTACH DATABASE ? AS shard", (shard,))
        tables = _tables(db, "shard")
        if "reports" not in tables or tables.keys() != _tables(db, "main").keys():
            raise SystemExit(f"merge_databases: {shard} and {out} are not databases of the same xxgk version")
        db.execute("BEGIN")
        # Files of the shard already in OUT: replaced, as `xxgk check --db` replaces a file it checks again.
        replaced = "SELECT id FROM main.reports WHERE file IN (SELECT file FROM shard.reports)"
        for table, columns in tables.items():
            if "report_id" in columns:
                db.execute(f'DELETE FROM main."{table}" WHERE report_id IN ({replaced})')
        db.execute("DELETE FROM main.reports WHERE file IN (SELECT file FROM shard.reports)")
        offset = db.execute("SELECT coalesce(max(id), 0) FROM main.reports").fetchone()[0]
        for table, columns in tables.items():
            listed = ", ".join(f'"{c}"' for c in columns)
            moved = ", ".join(f'"{c}" + {offset}' if (table, c) in (("reports", "id"),) or c == "report_id"
                              else f'"{c}"' for c in columns)
            verb = "INSERT" if table == "reports" or "report_id" in columns else "INSERT OR IGNORE"
            db.execute(f'{verb} INTO main."{table}" ({listed}) SELECT {moved} FROM shard."{table}"')
        added = db.execute("SELECT count(*) FROM shard.reports").fetchone()[0]
        db.execute("COMMIT")
        return added
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out, shards = args[0], args[1:]
    if not os.path.exists(out):
        shutil.copyfile(shards[0], out)
        shards = shards[1:]
    for shard in shards:
        print(f"{shard}: {merge(out, shard)} reports", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
