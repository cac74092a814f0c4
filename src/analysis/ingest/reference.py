"""Reference files (aliases, outlets, FX rates, weights, windows) read like any other input.

Analysts edit these by hand, so each is checked before anything is built: a line that cannot be
read, or two lines that define one thing two ways, stops the ingest with one message naming the
file, both line numbers and the conflict (the previous warehouse stays as it was). A line repeated
identically (or differing only in case, accents or spacing) is used once and counted. A reference
folder lacking an optional file falls back to the shipped one; `ingest_reference` says which file
was used for what.

Python reads each file (so every problem has its physical line); the conflict checks and the
tables built from the lines are SQL in sql/reference/, run in the order of REFERENCE_FILES (later
files are checked against earlier ones: outlet tiers against tier_weights.csv, stage synonyms
against stage_weights.csv).
"""

from __future__ import annotations

import codecs
import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np

from analysis import config, sqlfiles
from analysis.errors import IngestError
from analysis.ingest import csvscan
from analysis.ingest.planning import DELIMITER_NAMES, separator_warning, sniff_delimiter
from analysis.ingest.profiles import header_key

ALIAS_KINDS = ("club", "player", "outlet", "stage", "distinct")
NO_CLUB_MEANINGS = ("none", "unknown")
WINDOWS = ("summer", "winter")


def _text(value: str) -> str:
    return value


def _integer(value: str) -> int:
    if not re.fullmatch(r"[+-]?\d+", value):
        raise ValueError("is not a whole number")
    return int(value)


def _number(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        hint = f" (write {value.replace(',', '.')})" if re.fullmatch(r"\d+,\d+", value) else ""
        raise ValueError(f"is not a number{hint}") from None
    if not math.isfinite(number):
        raise ValueError("is not a finite number")
    return number


def _positive(value: str) -> float:
    number = _number(value)
    if number <= 0:
        raise ValueError("must be above 0")
    return number


def _not_negative(value: str) -> float:
    number = _number(value)
    if number < 0:
        raise ValueError("must not be negative")
    return number


def _date(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("is not a date like 2025-01-31")
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError("is not a real date") from None


def _month_day_or_date(value: str) -> str:
    """'06-01' (every year) or '2025-06-01' (one season)."""
    if re.fullmatch(r"\d{2}-\d{2}", value):
        try:
            dt.date(2001, int(value[:2]), int(value[3:]))  # a non-leap year: 02-29 is not every year
        except ValueError:
            raise ValueError("is not a day of every year (MM-DD, e.g. 06-01)") from None
        return value
    try:
        return _date(value)
    except ValueError:
        raise ValueError("is not a day like 06-01 (every year) or 2025-06-01 (one season)") from None


def _alias_kind(value: str) -> str:
    kind = value.strip().lower()
    if kind not in ALIAS_KINDS:
        raise ValueError(f"is not one of {', '.join(ALIAS_KINDS)}")
    return kind


def _no_club_meaning(value: str) -> str:
    meaning = value.strip().lower()
    if meaning not in NO_CLUB_MEANINGS:
        raise ValueError("is not none (he has no club) or unknown (the source does not know)")
    return meaning


def _window(value: str) -> str:
    window = value.strip().lower()
    if window not in WINDOWS:
        raise ValueError("is not summer or winter")
    return window


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str = "VARCHAR"
    parse: Callable[[str], object] = _text
    in_header: bool = False  # the header must have it
    needs_value: bool = False  # every line must give it


@dataclass(frozen=True)
class ReferenceFile:
    name: str
    columns: tuple[Column, ...]
    what: str
    optional: bool = True  # a --reference folder without it uses the shipped one
    may_be_absent: bool = False  # neither folder has it: an empty table

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".csv")

    @property
    def table(self) -> str:
        return f"ref_{self.stem}"


def _col(name: str, sql_type: str = "VARCHAR", parse: Callable[[str], object] = _text, required: bool = False):
    return Column(name, sql_type, parse, in_header=required, needs_value=required)


# In build order: each file's checks may use the tables of the files above it.
REFERENCE_FILES = (
    ReferenceFile(
        "stage_weights.csv",
        (
            _col("stage", required=True),
            _col("stage_order", "INTEGER", _integer),
            _col("stage_weight", "DOUBLE", _not_negative, required=True),
            _col("meaning"),
        ),
        "stage weights",
    ),
    ReferenceFile(
        "tier_weights.csv",
        (
            _col("tier", "INTEGER", _integer, required=True),
            _col("source_weight", "DOUBLE", _not_negative, required=True),
            _col("meaning"),
        ),
        "source weights by outlet tier",
    ),
    ReferenceFile(
        "fx_rates.csv",
        (
            _col("currency", required=True),
            _col("symbol"),
            _col("eur_per_unit", "DOUBLE", _positive, required=True),
            _col("valid_from", "DATE", _date, required=True),
            _col("valid_until", "DATE", _date),
            _col("note"),
        ),
        "exchange rates to euros",
    ),
    ReferenceFile(
        "transfer_windows.csv",
        (
            _col("window", parse=_window, required=True),
            _col("opens", parse=_month_day_or_date, required=True),
            _col("closes", parse=_month_day_or_date, required=True),
            _col("season_start_year", "INTEGER", _integer),
            _col("note"),
        ),
        "transfer window dates",
    ),
    ReferenceFile(
        "no_club_names.csv",
        (_col("name", required=True), _col("meaning", parse=_no_club_meaning), _col("note")),
        "names that mean no club ('Without Club', 'Retired')",
    ),
    ReferenceFile(
        "clubs.csv",
        (_col("club", required=True), _col("league"), _col("country"), _col("club_id")),
        "known clubs (club identity)",
        may_be_absent=True,
    ),
    ReferenceFile(
        "aliases.csv",
        (
            _col("kind", parse=_alias_kind, required=True),
            _col("alias", required=True),
            _col("canonical", required=True),
        ),
        "aliases",
        optional=False,
    ),
    ReferenceFile(
        "outlets.csv",
        (
            _col("outlet", required=True),
            _col("tier", "INTEGER", _integer, required=True),
            _col("country"),
        ),
        "outlet tiers",
        optional=False,
    ),
)


@dataclass
class ReferenceUse:
    """Which file gave one kind of reference data, and how many of its lines were repeats."""

    name: str
    path: Path | None  # None: neither folder has it (an optional file that may be absent)
    shipped_fallback: bool  # the --reference folder lacked it; the shipped one was used
    lines: int = 0
    repeated: int = 0  # lines identical to an earlier one (values trimmed), used once
    definitions: int = 0  # what the table holds: lines typed differently that mean one thing are one
    warnings: list[str] = field(default_factory=list)


@dataclass
class References:
    folder: Path
    used: list[ReferenceUse]
    profile_dirs: list[Path]  # where column profiles are looked up, first match wins

    @property
    def fallbacks(self) -> list[str]:
        names = [u.name for u in self.used if u.shipped_fallback]
        if self.profile_dirs and self.profile_dirs[0] != self.folder / "profiles":
            names.append("profiles/")
        return names

    @property
    def repeated(self) -> int:
        return sum(u.repeated for u in self.used)


def _choose(spec: ReferenceFile, folder: Path) -> tuple[Path | None, bool]:
    given = folder / spec.name
    if given.exists():
        return given, False
    shipped = config.REFERENCE_DIR / spec.name
    if spec.optional and shipped.exists() and shipped.resolve() != given.resolve():
        return shipped, True
    if spec.may_be_absent:
        return None, False
    hint = "" if spec.optional else f" ({spec.what} must be given in every reference folder)"
    raise IngestError(f"{given}: reference file missing{hint}; see README, 'Reference data'")


def _decode(path: Path, use: ReferenceUse) -> tuple[str, str]:
    """(text, the encoding it was read in)."""
    data = path.read_bytes()
    try:
        return codecs.decode(data, "utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        use.warnings.append("not valid UTF-8: read as Windows-1252 (Excel's export)")
        return data.decode("cp1252", errors="replace"), "cp1252"


def _read_lines(spec: ReferenceFile, path: Path, use: ReferenceUse) -> list[dict[str, object]]:
    """Every line of a reference file as typed values, or an IngestError naming the line."""
    try:
        text, encoding = _decode(path, use)
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    # the separator as for raw files: Excel saves aliases.csv with ';' where the decimal mark is a comma
    delimiter, _ = sniff_delimiter(path, encoding)
    if delimiter != ",":
        use.warnings.append(separator_warning(delimiter))
    records = iter(csvscan.read_records_exact(text, include_header=True, delimiter=delimiter))
    header_record = next(records, None)
    if header_record is None or not header_record.fields:
        names = ", ".join(c.name for c in spec.columns)
        raise IngestError(f"{path}: file is empty (no header line); expected columns {names}")
    if header_record.error:
        raise IngestError(f"{path} line 1: header cannot be read: {header_record.error}")
    header = [header_key(h) for h in header_record.fields]
    for column in spec.columns:
        if column.in_header and column.name not in header:
            raise IngestError(
                f"{path}: missing required column '{column.name}'; header has: {', '.join(header) or '(nothing)'}"
            )
    # the known columns by position; other columns are the analyst's notes and are ignored
    positions = {c.name: header.index(c.name) for c in spec.columns if c.name in header}
    return [_typed_row(spec, path, header, positions, record, delimiter) for record in records]


def _typed_row(
    spec: ReferenceFile,
    path: Path,
    header: list[str],
    positions: dict[str, int],
    record: csvscan.ExactRecord,
    delimiter: str = ",",
) -> dict[str, object]:
    where = f"{path} line {record.line_number}"
    if record.error or record.fields is None:
        raise IngestError(f"{where}: {record.error or 'cannot be split into fields'}")
    fields = record.fields
    if len(fields) > len(header):
        holding = "a comma" if delimiter == "," else f"a {DELIMITER_NAMES[delimiter]}"
        raise IngestError(
            f"{where}: {len(fields)} fields but the header has {len(header)} "
            f"({', '.join(header)}); a value holding {holding} needs double quotes: {record.raw!r}"
        )
    row: dict[str, object] = {"line_number": record.line_number}
    for column in spec.columns:
        position = positions.get(column.name)
        value = fields[position].strip() if position is not None and position < len(fields) else ""
        if not value:
            if column.needs_value:
                raise IngestError(f"{where}: no value for '{column.name}': {record.raw!r}")
            row[column.name] = None
            continue
        try:
            row[column.name] = column.parse(value)
        except ValueError as exc:
            raise IngestError(f"{where}: {column.name} '{value}' {exc}") from None
    return row


def _land(con: duckdb.DuckDBPyConnection, spec: ReferenceFile, lines: list[dict[str, object]]) -> None:
    # column by column, as arrays DuckDB scans directly (no pandas: ingest starts faster without it)
    columns = {
        name: np.array([row[name] for row in lines], dtype=object)
        for name in ("line_number", *(c.name for c in spec.columns))
    }
    casts = ", ".join(
        ["CAST(line_number AS BIGINT) AS line_number"]
        + [f'CAST("{c.name}" AS {c.sql_type}) AS "{c.name}"' for c in spec.columns]
    )
    con.register("reference_lines", columns)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {spec.table}_lines AS SELECT {casts} FROM reference_lines")
    finally:
        con.unregister("reference_lines")


def _check(con: duckdb.DuckDBPyConnection, spec: ReferenceFile, path: Path) -> None:
    """The file's conflict checks: each row names line_a (and line_b when two lines disagree)."""
    conflicts = con.execute(sqlfiles.sql_text(f"reference/{spec.stem}_conflicts.sql")).fetchall()
    if conflicts:
        line_a, line_b, message = conflicts[0]
        if line_a is None:
            where = f"{path}:"
        elif line_b is None or line_b == line_a:
            where = f"{path} line {line_a}:"
        else:
            where = f"{path} lines {min(line_a, line_b)} and {max(line_a, line_b)}:"
        more = f" (and {len(conflicts) - 1} more)" if len(conflicts) > 1 else ""
        raise IngestError(f"{where} {message}{more}")


def load_references(con: duckdb.DuckDBPyConnection, folder: Path) -> References:
    """Reads, checks and builds every ref_* table; raises IngestError on the first unusable line."""
    used = []
    for spec in REFERENCE_FILES:
        path, fallback = _choose(spec, folder)
        use = ReferenceUse(spec.name, path, fallback)
        lines = [] if path is None else _read_lines(spec, path, use)
        _land(con, spec, lines)
        sqlfiles.run_file(con, f"reference/{spec.stem}.sql")  # built first, so checks can read it too
        _check(con, spec, path or folder / spec.name)
        ((definitions,),) = con.execute(f"SELECT count(*) FROM {spec.table}").fetchall()
        distinct = {tuple(str(v) for k, v in row.items() if k != "line_number") for row in lines}
        use.lines, use.definitions, use.repeated = len(lines), definitions, len(lines) - len(distinct)
        used.append(use)
    given_profiles = folder / "profiles"
    shipped_profiles = config.REFERENCE_DIR / "profiles"
    profile_dirs = [d for d in (given_profiles, shipped_profiles) if d.is_dir()]
    if given_profiles.is_dir() and shipped_profiles.is_dir() and given_profiles.resolve() == shipped_profiles.resolve():
        profile_dirs = [given_profiles]
    _record(con, used)
    return References(folder=folder, used=used, profile_dirs=profile_dirs)


def _record(con: duckdb.DuckDBPyConnection, used: list[ReferenceUse]) -> None:
    con.execute(
        "CREATE TABLE ingest_reference (reference_file VARCHAR, path VARCHAR, shipped_fallback BOOLEAN,"
        " lines BIGINT, repeated_lines BIGINT, definitions BIGINT);"
        "CREATE TEMP TABLE reference_warnings (reference_file VARCHAR, message VARCHAR)"
    )
    con.executemany(
        "INSERT INTO ingest_reference VALUES (?, ?, ?, ?, ?, ?)",
        [
            (u.name, str(u.path) if u.path else None, u.shipped_fallback, u.lines, u.repeated, u.definitions)
            for u in used
        ],
    )
    warnings = [(str(u.path), message) for u in used for message in u.warnings]
    if warnings:
        con.executemany("INSERT INTO reference_warnings VALUES (?, ?)", warnings)
