"""Landing raw files: every record parsed into landing_<kind> with its physical line, the records
that cannot be split into fields kept apart (landing_rejects), and where each record's text is, so a
rejected row can be shown to the user as written.

Each file is parsed by DuckDB (fast, parallel) and mapped onto its kind's landing columns in one
pass, into a table of its own (landing_<kind>_<file_id>) in file order, so a row's rowid is its
record's position; landing_<kind> is the view over a kind's files. Most files hold one record per
line: then a record's line is its position + 2, which a count of line breaks confirms. Otherwise
`csvscan` tells which physical line each record started on; when the two disagree, or DuckDB gives
up, Python's csv module reads the file exactly.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

from analysis.ingest import csvscan
from analysis.ingest.kinds import EXTRA_PREFIX, KINDS, Kind
from analysis.ingest.planning import FilePlan
from analysis.progress import Progress
from analysis.wording import plural

DUCKDB_REASONS = {
    "TOO MANY COLUMNS": "too many fields",
    "MISSING COLUMNS": "too few fields",
    "UNQUOTED VALUE": "malformed quoting",
    "LINE SIZE OVER MAXIMUM": "record too long",
}
MAX_LINE_BYTES = 8 << 20
CHUNK_BYTES = 1 << 24


@dataclass
class FileOutcome:
    plan: FilePlan
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    mirrored: int = 0  # of the duplicates: other listings of a move already stored (transfers)
    exact_path: bool = False
    raw: RawText | None = None


@dataclass
class RawText:
    """Where the exact text of a file's records can be found again, for the rows users are shown:
    byte offsets from the scan (fast path) or the records the exact reader kept."""

    path: Path | None = None
    index: csvscan.RecordIndex | None = None
    by_line: dict[int, str] | None = None

    def lines(self, line_numbers: list[int]) -> list[str]:
        if self.by_line is not None:
            return [self.by_line.get(line, "") for line in line_numbers]
        assert self.path is not None  # the fast path keeps the file
        if self.index is None:  # one record per line: scanned only now, for the few rows a user is shown
            self.index = csvscan.scan_records(self.path)
        positions = np.searchsorted(self.index.start_line, np.array(line_numbers, dtype=np.int64))
        return csvscan.read_raw(self.path, self.index, positions, "utf-8")


@dataclass
class Loaded:
    """What loading one file found: how many records it has, the ones that could not be split into
    fields, and the physical line of each row of its table (None: one record per line, so the line
    of row `rowid` is rowid + 2)."""

    rows_read: int
    structural: list[tuple[int, str, str]]
    raw: RawText
    lines: np.ndarray | None = None
    bad_encoding: bool = False


def _transcode_cp1252(path: Path, workdir: Path) -> Path:
    """Excel's Windows-1252 export, rewritten as UTF-8 beside the build (the raw file stays as is)."""
    target = workdir / f"{path.stem}.utf8.csv"
    with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(1 << 24):
            dst.write(chunk.decode("cp1252", errors="replace"))
    return target


def _read_as_cp1252(plan: FilePlan, workdir: Path) -> Path:
    """Marks the file as Excel's Windows-1252, says so in a warning, and returns its UTF-8 copy."""
    plan.encoding = "cp1252"
    plan.warnings.append("not valid UTF-8: read as Windows-1252 (Excel's export)")
    return _transcode_cp1252(plan.path, workdir)


class _BadBytes:
    """Where a decode met invalid UTF-8 (a codecs error handler): byte offsets in the file."""

    def __init__(self) -> None:
        self.offsets: list[int] = []
        self.base = 0  # offset in the file of what the decoder is decoding now

    def __call__(self, exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        self.offsets.extend(range(self.base + exc.start, self.base + exc.end))
        return "\ufffd", exc.end


_BAD_BYTES = _BadBytes()
codecs.register_error("transfer_radar_bad_utf8", _BAD_BYTES)


def _valid_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK_BYTES):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _repair_utf8(plan: FilePlan, workdir: Path) -> Path:
    """A file with a UTF-8 byte-order mark is UTF-8: any invalid byte is replaced by U+FFFD in a
    copy beside the build (the raw file stays as is) and each line holding one gets a warning."""
    if _valid_utf8(plan.path):
        return plan.path
    target = workdir / f"{plan.file_id}-{plan.path.stem}.utf8.csv"
    decoder = codecs.getincrementaldecoder("utf-8")("transfer_radar_bad_utf8")
    _BAD_BYTES.offsets = []
    newlines = []
    fed = 0
    with plan.path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(CHUNK_BYTES):
            _BAD_BYTES.base = fed - len(decoder.getstate()[0])  # bytes held back from the last chunk
            dst.write(decoder.decode(chunk))
            newlines.append(np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == ord("\n")) + fed)
            fed += len(chunk)
        _BAD_BYTES.base = fed - len(decoder.getstate()[0])
        dst.write(decoder.decode(b"", final=True))
    lines = np.searchsorted(np.concatenate(newlines), np.array(_BAD_BYTES.offsets, dtype=np.int64)) + 1
    for line, count in zip(*np.unique(lines, return_counts=True)):
        plan.line_warnings.append(
            (
                int(line),
                f"{plural(count, 'invalid UTF-8 byte', grouped=False)} replaced by U+FFFD: the file starts with a "
                "UTF-8 byte-order mark, so it is read as UTF-8",
            )
        )
    return target


# '-' or '?' in a date, a name or a stage: not known (real exports write it). trim() copies every
# value, so it runs only on values that do not start with an ASCII letter or digit (which trim keeps,
# so those can never trim to a mark).
UNKNOWN_MARK = (
    "CASE WHEN ascii({c}) NOT BETWEEN 48 AND 57 AND ascii({c}) NOT BETWEEN 65 AND 90 "
    "AND ascii({c}) NOT BETWEEN 97 AND 122 AND trim({c}) IN ('-', '–', '—', '?') THEN NULL ELSE {value} END"
)


def file_table(plan: FilePlan) -> str:
    """The table one file lands in; landing_<kind> is the view over its kind's."""
    return f"landing_{plan.kind.name}_{plan.file_id}"


def _landing_select(plan: FilePlan, source: str, landing_extras: list[str]) -> tuple[str, dict]:
    """SELECT that maps a file's c0..cN onto the landing columns of its kind, rows in the order of
    `source`; every value is a bound parameter."""
    params: dict[str, object] = {"file_id": plan.file_id}
    exprs = ["CAST($file_id AS INTEGER) AS file_id"]
    nulls = [v.strip() for v in plan.null_values]
    if nulls:
        params["null_values"] = nulls

    def cell(position: int, marks_unknown: bool = False) -> str:
        value = f"nullif(c{position}, '')"
        if marks_unknown:
            value = UNKNOWN_MARK.format(c=f"c{position}", value=value)
        if nulls:
            value = f"CASE WHEN list_contains($null_values, trim(c{position})) THEN NULL ELSE {value} END"
        return value

    for standard in plan.kind.standard:
        if standard not in plan.columns and standard not in plan.constants:
            exprs.append(f'NULL::VARCHAR AS "{standard}"')
        elif standard in plan.columns:
            value = cell(plan.columns[standard], marks_unknown=standard not in plan.kind.as_written)
            if standard in plan.date_formats:
                params[f"fmt_{standard}"] = plan.date_formats[standard]
                # 'Apr 14, 1998 (24)': the age Transfermarkt appends is not part of the date
                undated = f"regexp_replace(trim({value}), '\\s*\\(\\d{{1,3}}\\)$', '')"
                value = f"coalesce(strftime(try_strptime({undated}, $fmt_{standard}), '%Y-%m-%dT%H:%M:%S'), {value})"
            exprs.append(f'{value} AS "{standard}"')
        elif standard in plan.constants:
            params[f"const_{standard}"] = plan.constants[standard]
            exprs.append(f'CAST($const_{standard} AS VARCHAR) AS "{standard}"')
    for name in landing_extras:
        landed = f"{EXTRA_PREFIX}{name}"
        exprs.append(
            f'{cell(plan.extras[name])} AS "{landed}"' if name in plan.extras else f'NULL::VARCHAR AS "{landed}"'
        )
    mapped = f"SELECT {', '.join(exprs)} FROM {source}"
    # every landing column in one fixed order, so equal rows hash equal across files of any layout
    return f"SELECT *, hash(*COLUMNS(* EXCLUDE (file_id))) AS row_hash FROM ({mapped})", params


def _read_csv_sql(plan: FilePlan) -> str:
    """DuckDB's reader with nothing guessed: every column text, strict RFC 4180, rejects kept."""
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(plan.header))) + "}"
    return (
        f"read_csv($path, columns = {columns}, header = true, auto_detect = false, delim = $delim, quote = '\"', "
        "escape = '\"', strict_mode = true, null_padding = false, store_rejects = true, "
        f"rejects_table = 'file_rejects', rejects_scan = 'file_reject_scans', max_line_size = {MAX_LINE_BYTES})"
    )


def _clear_rejects(con: duckdb.DuckDBPyConnection) -> None:
    """DuckDB appends to its reject tables: each file's read starts from empty ones."""
    con.execute("DROP TABLE IF EXISTS file_rejects; DROP TABLE IF EXISTS file_reject_scans")


@dataclass
class Rejects:
    """DuckDB's structural rejects of one file, in line order (DuckDB's own line numbers)."""

    line: np.ndarray
    error_type: list[str]
    error_message: list[str]

    @property
    def empty(self) -> bool:
        return not len(self.line)


def _rejects(con: duckdb.DuckDBPyConnection) -> Rejects:
    rows = con.execute("SELECT line, error_type, error_message FROM file_rejects ORDER BY line").fetchall()
    return Rejects(np.array([r[0] for r in rows], dtype=np.int64), [r[1] for r in rows], [r[2] for r in rows])


def _land_in_file_order(con: duckdb.DuckDBPyConnection, plan: FilePlan, select: str, params: dict) -> None:
    """The file's table from `select`, its rows stored in the order they come (parsed in parallel all
    the same), so that a row's rowid is its record's position; the rest of the build needs no order."""
    con.execute("SET preserve_insertion_order = true")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {file_table(plan)} AS {select}", params)
    finally:
        con.execute("SET preserve_insertion_order = false")


def _parse_with_duckdb(
    con: duckdb.DuckDBPyConnection, plan: FilePlan, path: Path, landing_extras: list[str]
) -> Rejects:
    """Parses and maps the file into its table; returns DuckDB's structural rejects."""
    _clear_rejects(con)
    select, params = _landing_select(plan, _read_csv_sql(plan), landing_extras)
    _land_in_file_order(con, plan, select, {**params, "path": str(path), "delim": plan.delimiter})
    return _rejects(con)


def _structural_reason(error_type: str, message: str, width: int) -> str:
    found = re.search(r"Found:\s*(\d+)", message or "")
    if error_type in ("TOO MANY COLUMNS", "MISSING COLUMNS") and found:
        return f"{DUCKDB_REASONS[error_type]}: expected {width}, found {found.group(1)}"
    return f"{DUCKDB_REASONS.get(error_type, error_type.lower())}: {message}"


def _shifted(plan: FilePlan, extra: str) -> bool:
    """Whether DuckDB's rows are shifted by records with an empty field too many (csvscan.
    extra_empty_fields): when only some records have one; when every record does, the exporter ends
    its lines with the separator, DuckDB's reading is right, and the file says so in a warning."""
    if extra == "every" and not plan.ends_lines_with_separator:
        plan.ends_lines_with_separator = True  # the exact reader, if it takes over, reads them so too
        plan.warnings.append(
            f"every line ends with {'a tab' if plan.delimiter == chr(9) else repr(plan.delimiter)} after its "
            "last field, the header's excepted: read as a separator closing the line, not as an empty column"
        )
    return extra == "some"


def _load_fast(con, plan: FilePlan, path: Path, progress: Progress, landing_extras: list[str]) -> Loaded | None:
    """DuckDB parse, then each record's line: by a count of line breaks when the file holds one record
    per line, else by the numpy line scan. None when DuckDB and the scan disagree about where records
    are; then the exact reader takes over."""
    progress.step(plan.source_file, "parsing")
    try:
        rejects = _parse_with_duckdb(con, plan, path, landing_extras)
    except duckdb.InvalidInputException:
        return None  # a shape DuckDB's parser gives up on (e.g. a stray carriage return): read exactly
    if "INVALID ENCODING" in rejects.error_type:
        return Loaded(0, [], RawText(), bad_encoding=True)
    ((parsed,),) = con.execute(f"SELECT count(*) FROM {file_table(plan)}").fetchall()
    width = len(plan.header)
    # DuckDB keeps a record with a field too many when the last is empty (a stray comma before an
    # empty url), every field shifted: such a file goes to the exact reader, which rejects the record
    if rejects.empty:
        single, trailing = csvscan.one_record_per_line(
            path, parsed, plan.delimiter, progress=progress.bytes_callback(plan.source_file, "counting lines")
        )
        if single:  # (otherwise the scan below is made anyway, and the check reads its index)
            if trailing and _shifted(plan, csvscan.extra_empty_fields(path, plan.delimiter, width)):
                return None
            return Loaded(parsed, [], RawText(path=path))
    index = csvscan.scan_records(path, progress=progress.bytes_callback(plan.source_file, "scanning"))
    if _shifted(plan, csvscan.extra_empty_fields(path, plan.delimiter, width, index)):
        return None
    raw = RawText(path=path, index=index)
    positions = np.searchsorted(index.duckdb_line, rejects.line)
    if len(positions) and (
        positions.max(initial=0) >= len(index) or not np.array_equal(index.duckdb_line[positions], rejects.line)
    ):
        return None
    reasons: dict[int, str] = {}
    seen: set[tuple[int, str]] = set()
    for pos, error_type, message in zip(positions.tolist(), rejects.error_type, rejects.error_message):
        if (pos, error_type) in seen:  # DuckDB repeats an error once per affected column
            continue
        seen.add((pos, error_type))
        reason = _structural_reason(error_type, message, width)
        reasons[pos] = f"{reasons[pos]}; {reason}" if pos in reasons else reason
    accepted = np.ones(len(index), dtype=bool)
    accepted[list(reasons)] = False
    if parsed != int(accepted.sum()):
        return None
    rejected_positions = np.array(sorted(reasons), dtype=np.int64)
    raws = csvscan.read_raw(path, index, rejected_positions, "utf-8")
    if any("\n" in raw for raw in raws):
        return None  # a rejected record over several lines (a quote left open): the exact reader bounds it
    structural = [(int(index.start_line[p]), reasons[int(p)], raw) for p, raw in zip(rejected_positions, raws)]
    return Loaded(len(index), structural, raw, lines=index.start_line[accepted])


def _load_exact(con, plan: FilePlan, path: Path, encoding: str, landing_extras: list[str]) -> Loaded:
    """Python's csv module, record by record: slow, but never misplaces a line."""
    with path.open(encoding=encoding, errors="replace", newline="") as fh:  # keep \r as written
        text = fh.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    width = len(plan.header)
    _shifted(plan, csvscan.extra_empty_fields(path, plan.delimiter, width))  # an exporter's closing separator
    fields: list[list[str]] = []
    lines: list[int] = []
    structural = []
    read_lines = []
    raw_by_line = {}
    for record in csvscan.read_records_exact(text, delimiter=plan.delimiter, width=width):
        read_lines.append(record.line_number)
        raw_by_line[record.line_number] = record.raw
        if record.fields is not None and plan.ends_lines_with_separator and record.fields[width:] == [""]:
            record = dataclasses.replace(record, fields=record.fields[:width])
        if record.error or record.fields is None:
            structural.append((record.line_number, record.error or "malformed record", record.raw))
        elif len(record.fields) != width:
            kind = "too many fields" if len(record.fields) > width else "too few fields"
            structural.append((record.line_number, f"{kind}: expected {width}, found {len(record.fields)}", record.raw))
        else:
            fields.append(record.fields)
            lines.append(record.line_number)
    # column by column, as arrays DuckDB scans directly in order (no pandas: ingest starts faster)
    columns = {f"c{i}": np.array([f[i] for f in fields], dtype=object) for i in range(width)}
    con.register("exact_rows", columns)
    as_text = "(SELECT " + ", ".join(f"CAST(c{i} AS VARCHAR) AS c{i}" for i in range(width)) + " FROM exact_rows)"
    select, params = _landing_select(plan, as_text, landing_extras)
    _land_in_file_order(con, plan, select, params)
    con.unregister("exact_rows")
    return Loaded(len(read_lines), structural, RawText(by_line=raw_by_line), lines=np.array(lines, dtype=np.int64))


def load_file(
    con, plan: FilePlan, workdir: Path, progress: Progress, landing_extras: list[str], force_exact: bool = False
) -> tuple[FileOutcome, str]:
    """Lands one file; returns what it read and the SELECT of its landing rows, each with its line."""
    outcome = FileOutcome(plan)
    if plan.encoding == "cp1252":
        path = _read_as_cp1252(plan, workdir)
    elif plan.bom:
        path = _repair_utf8(plan, workdir)
    else:
        path = plan.path
    loaded = None if force_exact else _load_fast(con, plan, path, progress, landing_extras)
    if loaded is not None and loaded.bad_encoding:  # bad bytes deeper in the file than the header sniff saw
        path = _read_as_cp1252(plan, workdir)
        loaded = _load_fast(con, plan, path, progress, landing_extras)
    if loaded is None:
        outcome.exact_path = True
        progress.step(plan.source_file, "re-reading record by record")
        loaded = _load_exact(con, plan, path, "utf-8", landing_extras)
    outcome.rows_read = loaded.rows_read
    if not loaded.rows_read:
        plan.warnings.append("header only: no rows")
    outcome.raw = loaded.raw  # rows rejected later (bad date, missing value) show their text from here
    table = file_table(plan)
    if loaded.lines is None:  # one record per line
        rows = f"SELECT file_id, rowid + 2 AS line_number, * EXCLUDE (file_id) FROM {table}"
    else:  # each row's line, from its position
        positions = np.arange(len(loaded.lines), dtype=np.int64)
        con.register("file_lines", {"position": positions, "line_number": loaded.lines})
        con.execute(
            f"CREATE TEMP TABLE {table}_lines AS SELECT t.file_id, lines.line_number, t.* EXCLUDE (file_id) "
            f"FROM {table} AS t JOIN file_lines AS lines ON lines.position = t.rowid"
        )
        con.unregister("file_lines")
        con.execute(f"DROP TABLE {table}")
        rows = f"SELECT * FROM {table}_lines"
    if loaded.structural:
        con.executemany(
            "INSERT INTO landing_rejects VALUES (?, ?, ?, ?)",
            [(plan.file_id, line, reason, raw) for line, reason, raw in loaded.structural],
        )
    _list_file(con, plan, outcome.rows_read)
    return outcome, rows


def _list_file(con: duckdb.DuckDBPyConnection, plan: FilePlan, rows_read: int) -> None:
    """The file in ingest_file_list, and what was doubtful about it in landing_warnings."""
    for message in plan.warnings:
        con.execute("INSERT INTO landing_warnings VALUES (?, NULL, ?)", [plan.file_id, message])
    if plan.line_warnings:
        con.executemany(
            "INSERT INTO landing_warnings VALUES (?, ?, ?)", [(plan.file_id, line, m) for line, m in plan.line_warnings]
        )
    con.execute(
        "INSERT INTO ingest_file_list VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            plan.file_id,
            plan.source_file,
            plan.kind.name,
            plan.encoding,
            plan.profile.name if plan.profile else None,
            plan.path.stat().st_size,
            rows_read,
        ],
    )


def create_landing_tables(con: duckdb.DuckDBPyConnection, plans: list[FilePlan]) -> dict[str, list[str]]:
    """The tables every file adds to; returns the extra columns of each kind (its files' unknown
    columns, which every landing row of the kind has).

    landing_rejects holds the records that could not be split into fields, landing_warnings what
    was doubtful about a whole file (its encoding), ingest_file_list every file with its rows read.
    """
    con.execute(
        "CREATE TEMP TABLE landing_rejects (file_id INTEGER, line_number BIGINT, reason VARCHAR, raw VARCHAR);"
        "CREATE TEMP TABLE landing_warnings (file_id INTEGER, line_number BIGINT, message VARCHAR);"
        "CREATE TEMP TABLE ingest_file_list (file_id INTEGER, source_file VARCHAR, kind VARCHAR, encoding VARCHAR,"
        " profile VARCHAR, bytes BIGINT, rows_read BIGINT);"
    )
    return {kind.name: sorted({name for p in plans if p.kind is kind for name in p.extras}) for kind in KINDS}


def _create_landing_view(con: duckdb.DuckDBPyConnection, kind: Kind, extras: list[str], files: list[str]) -> None:
    """landing_<kind>: every landed row of the kind's files (file_id, line_number, the standard
    columns, the extra ones, row_hash), a view over the files' own tables."""
    columns = [*kind.standard, *(f"{EXTRA_PREFIX}{e}" for e in extras)]
    if not files:  # no file of this kind: the same columns, no rows
        typed = ", ".join(f'NULL::VARCHAR AS "{c}"' for c in columns)
        files = [
            f"SELECT NULL::INTEGER AS file_id, NULL::BIGINT AS line_number, {typed}, NULL::UBIGINT AS row_hash LIMIT 0"
        ]
    listed = ", ".join(f'"{c}"' for c in columns)
    union = " UNION ALL ".join(f"SELECT file_id, line_number, {listed}, row_hash FROM ({rows})" for rows in files)
    con.execute(f"CREATE OR REPLACE TEMP VIEW landing_{kind.name} AS {union}")


def land(
    con: duckdb.DuckDBPyConnection, plans: list[FilePlan], workdir: Path, progress: Progress, force_exact: bool = False
) -> list[FileOutcome]:
    """Every planned file into its landing table, in order (file_id), then each kind's view over them."""
    landing_extras = create_landing_tables(con, plans)
    outcomes = []
    rows: dict[str, list[str]] = {kind.name: [] for kind in KINDS}
    for n, plan in enumerate(plans, 1):
        progress.start_file(n, len(plans), plan.source_file, plan.path.stat().st_size)
        if plan.skipped:  # nothing to read (an empty file): listed with its reason, the rest goes on
            _list_file(con, plan, 0)
            outcomes.append(FileOutcome(plan))
            continue
        outcome, selected = load_file(con, plan, workdir, progress, landing_extras[plan.kind.name], force_exact)
        outcomes.append(outcome)
        rows[plan.kind.name].append(selected)
    for kind in KINDS:
        _create_landing_view(con, kind, landing_extras[kind.name], rows[kind.name])
    return outcomes
