"""SQL lives in .sql files under analysis/sql/; this reads and runs them. The order ingest runs its
files in comes from its build graph (ingest/graph.py), never from their names."""

from __future__ import annotations

import re
from functools import cache

import duckdb

from analysis.config import SQL_DIR


@cache
def sql_text(relative: str) -> str:
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def statements(relative: str) -> list[str]:
    """A file's statements, for running one at a time with bound parameters (DuckDB binds only the
    last statement of a batch). Whole-line comments are dropped; a statement ends with ';' at the
    end of a line, which our files never put inside a string."""
    code = "\n".join(line for line in sql_text(relative).splitlines() if not line.lstrip().startswith("--"))
    return [part.strip() + ";" for part in re.split(r";[ \t]*\n", code + "\n") if part.strip()]


def run_file(con: duckdb.DuckDBPyConnection, relative: str, params: dict | None = None) -> None:
    """Runs every statement of a file; values always travel as bound parameters."""
    if params:
        con.execute(sql_text(relative), params)
    else:
        con.execute(sql_text(relative))
