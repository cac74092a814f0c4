"""Do two warehouses hold the same published tables? For checking that a change to the build (a
faster plan, a fused pass) changes no result: build the warehouse before and after on the same raw
files, then

    python benchmarks/compare_warehouses.py BEFORE.duckdb AFTER.duckdb [MORE_BEFORE MORE_AFTER ...]

Every table in either file is compared: the same columns with the same types, and the same rows
(as a multiset: a table without ORDER BY has no order to keep). Tables built with an ORDER BY are
also compared row by row in their stored order. warehouse_info (when and from where it was built)
is compared by its columns only. Prints one line per difference and exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

# built with ORDER BY: their stored order is what a user reads, so it must not change either
ORDERED = (
    "rejected_rows",
    "ingest_files",
    "ingest_warnings",
    "ingest_reference",
    "unmatched_players",
    "unmatched_clubs",
    "identity_links",
    "club_disagreements",
    "transfer_windows",
)
CONTENT_VARIES = ("warehouse_info",)  # built_at, raw_dir: differ by design between two builds


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def compare(before: Path, after: Path, ignore: tuple[str, ...] = ()) -> list[str]:
    """ignore: TABLE.COLUMN that may differ (e.g. ingest_reference.path when the two builds ran from
    two copies of the code, each reading its own shipped reference folder)."""
    con = duckdb.connect()
    for alias, path in (("a", before), ("b", after)):
        literal = "'" + str(path).replace("'", "''") + "'"
        con.execute(f"ATTACH {literal} AS {alias} (READ_ONLY)")

    def tables(db: str) -> dict[str, list[tuple[str, str]]]:
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_catalog = ? ORDER BY table_name, ordinal_position",
            [db],
        ).fetchall()
        out: dict[str, list[tuple[str, str]]] = {}
        for table, column, kind in rows:
            out.setdefault(table, []).append((column, kind))
        return out

    left, right = tables("a"), tables("b")
    problems = [f"table {t}: only in {before}" for t in sorted(set(left) - set(right))]
    problems += [f"table {t}: only in {after}" for t in sorted(set(right) - set(left))]
    for table in sorted(set(left) & set(right)):
        if left[table] != right[table]:
            problems.append(f"table {table}: columns differ: {left[table]} vs {right[table]}")
            continue
        if table in CONTENT_VARIES:
            continue
        skipped = {c.split(".", 1)[1] for c in ignore if c.split(".", 1)[0] == table}
        columns = ", ".join(_quoted(c) for c, _ in left[table] if c not in skipped)
        old, new = (f"(SELECT {columns} FROM {db}.{_quoted(table)})" for db in ("a", "b"))
        ((n_old,),) = con.execute(f"SELECT count(*) FROM {old}").fetchall()
        ((n_new,),) = con.execute(f"SELECT count(*) FROM {new}").fetchall()
        ((gone,),) = con.execute(f"SELECT count(*) FROM (FROM {old} EXCEPT ALL FROM {new})").fetchall()
        added = n_new - n_old + gone  # EXCEPT ALL counts multisets: what is only after, without a second pass
        if n_old != n_new or gone or added:
            sample = con.execute(f"FROM {old} EXCEPT ALL FROM {new} LIMIT 1").fetchall()
            problems.append(
                f"table {table}: {n_old:,} rows vs {n_new:,}; {gone:,} only before, {added:,} only after"
                + (f", e.g. {sample[0]!r:.300}" if sample else "")
            )
        elif table in ORDERED:
            ((moved,),) = con.execute(
                f"SELECT count(*) FROM (SELECT row_number() OVER () AS i, * FROM {old}) AS x "
                f"FULL JOIN (SELECT row_number() OVER () AS i, * FROM {new}) AS y USING (i) "
                "WHERE x IS DISTINCT FROM y"
            ).fetchall()
            if moved:
                problems.append(f"table {table}: same rows, {moved:,} in another place")
    con.close()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", type=Path, help="BEFORE AFTER [BEFORE AFTER ...]")
    parser.add_argument("--ignore", action="append", default=[], help="TABLE.COLUMN allowed to differ (repeatable)")
    args = parser.parse_args()
    if len(args.pairs) % 2:
        parser.error("give warehouses in pairs: BEFORE AFTER")
    failed = False
    for before, after in zip(args.pairs[::2], args.pairs[1::2]):
        problems = compare(before, after, tuple(args.ignore))
        failed |= bool(problems)
        print(f"{before} vs {after}: {'no difference' if not problems else f'{len(problems)} difference(s)'}")
        for problem in problems:
            print(f"  {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
