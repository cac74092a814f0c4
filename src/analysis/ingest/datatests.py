"""Data tests: after each build, before the new warehouse is swapped in, queries that return bad
rows (dbt style, sql/tests/*.sql, one test per file, named after it). Any bad row stops the ingest
with one line naming the test and a sample row; the previous warehouse stays as it was.

A failing test means the build went wrong, not the input (bad input is rejected row by row before
it gets here), so the message asks for a report with the files.
"""

from __future__ import annotations

import duckdb

from analysis import sqlfiles
from analysis.config import SQL_DIR
from analysis.errors import IngestError
from analysis.ingest.kinds import KINDS
from analysis.wording import plural

SAMPLE_WIDTH = 300


def data_tests() -> list[str]:
    return sorted(p.stem for p in (SQL_DIR / "tests").glob("*.sql"))


def bad_rows(con: duckdb.DuckDBPyConnection, test: str) -> tuple[list[str], list[tuple]]:
    result = con.execute(sqlfiles.sql_text(f"tests/{test}.sql"))
    columns = [d[0] for d in result.description or []]
    return columns, result.fetchall()


def published_columns(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple]]:
    """Each kind's published table has its own columns (kinds.py: the contract others read)."""
    rows = []
    for kind in KINDS:
        have = {r[0] for r in con.execute(f"DESCRIBE {kind.name}").fetchall()}
        rows += [(kind.name, column) for column in kind.published if column not in have]
    return ["table", "missing column"], rows


def _sample(columns: list[str], row: tuple) -> str:
    text = ", ".join(f"{c}={v!r}" for c, v in zip(columns, row))
    return text if len(text) <= SAMPLE_WIDTH else text[: SAMPLE_WIDTH - 3] + "..."


def run_data_tests(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Runs every data test; returns their names, or raises IngestError on the first that fails."""
    names = [*data_tests(), "published_columns"]
    for name in names:
        columns, rows = published_columns(con) if name == "published_columns" else bad_rows(con, name)
        if rows:
            raise IngestError(
                f"data test '{name}' failed on {plural(len(rows), 'row')}, e.g. "
                f"{_sample(columns, rows[0])}; the previous warehouse is unchanged. This is a fault of "
                "ingest, not of your files: please report it with them"
            )
    return names
