"""Build the warehouse from raw rumour and contract CSVs, losing nothing.

Every input record ends up in exactly one place: `rumours`/`contracts` (accepted), `rejected_rows`
(with the physical line and the reason), or the `duplicates` count of its file. DuckDB parses the
files; `csvscan` tells which physical line each record started on. The whole build happens in a new
file that replaces the old warehouse only when complete (see `warehouse.build_atomically`).
"""

from __future__ import annotations

import codecs
import re
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from analysis import config, sqlfiles
from analysis.errors import IngestError
from analysis.ingest import csvscan
from analysis.ingest.profiles import Profile, find_profile, header_key
from analysis.ingest.reference import References, load_references
from analysis.progress import Progress
from analysis.warehouse import build_atomically


@dataclass(frozen=True)
class Kind:
    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    # columns needed one way or another: the first set of each group, or one of the others
    either: tuple[tuple[tuple[str, ...], ...], ...] = ()

    @property
    def standard(self) -> tuple[str, ...]:
        return self.required + self.optional

    def missing(self, present: set[str]) -> str | None:
        """The first required column the file lacks, with the alternatives it could give instead."""
        for column in self.required:
            if column not in present:
                return f"'{column}'"
        for group in self.either:
            if not any(set(columns) <= present for columns in group):
                first, *others = group
                instead = " or ".join(" and ".join(columns) for columns in others)
                return f"'{first[0]}' (or {instead})"
        return None


RUMOURS = Kind(
    "rumours",
    required=("reported_on", "player", "interested_club", "source"),
    optional=("player_club", "via", "stage", "fee", "headline", "url", "market_value"),
)
CONTRACTS = Kind(
    "contracts",
    required=("player", "club", "contract_expires"),
    optional=("recorded_on", "position", "date_of_birth", "market_value", "option_until"),
)
TRANSFERS = Kind(
    "transfers",
    required=("player",),
    optional=(
        "to_club",
        "from_club",
        "transfer_date",
        "season",
        "window",
        "fee",
        "is_loan",
        "player_id",
        "loan_status",
        # as a club's transfer page lists moves: the club, the club on the other side, in or out
        "club",
        "dealing_club",
        "movement",
    ),
    either=(
        (("to_club",), ("club", "dealing_club", "movement")),
        (("transfer_date",), ("season", "window")),
    ),
)
KINDS = (RUMOURS, CONTRACTS, TRANSFERS)

# An unknown column of a raw file lands as x__<name> (so it never meets a staging column) and is
# published as <name> beside the kind's own columns, which it therefore may not be named after.
EXTRA_PREFIX = "x__"
PUBLISHED = {
    "rumours": (
        "reported_on", "reported_at", "player", "player_club", "interested_club", "source", "source_tier", "via",
        "stage", "fee_as_written", "fee_currency", "fee_eur", "market_value_as_written", "market_value_eur",
        "headline", "url", "source_file", "line_number",
    ),
    "contracts": (
        "player", "club", "contract_expires", "recorded_on", "position", "date_of_birth", "market_value_as_written",
        "market_value_eur", "option_until", "source_file", "line_number",
    ),
    "transfers": (
        "player", "player_id", "from_club", "to_club", "transfer_date", "window_label", "known_on", "fee_as_written",
        "fee_currency", "fee_eur", "is_loan", "loan_return", "evidence", "source_file", "line_number",
    ),
}  # fmt: skip
RESERVED = {kind.name: set(kind.standard) | set(PUBLISHED[kind.name]) for kind in KINDS}

DUCKDB_REASONS = {
    "TOO MANY COLUMNS": "too many fields",
    "MISSING COLUMNS": "too few fields",
    "UNQUOTED VALUE": "malformed quoting",
    "LINE SIZE OVER MAXIMUM": "record too long",
}
MAX_LINE_BYTES = 8 << 20


@dataclass
class FilePlan:
    """How one raw file maps onto the standard columns, decided from its header before loading."""

    file_id: int
    path: Path  # the file as given (never modified)
    source_file: str  # what users see: path relative to the raw folder
    kind: Kind
    header: list[str]
    encoding: str  # 'utf-8' or 'cp1252'
    profile: Profile | None
    columns: dict[str, int]  # standard name -> header position
    constants: dict[str, str]
    date_formats: dict[str, str]
    null_values: tuple[str, ...]
    extras: dict[str, int]  # extra column name -> header position
    warnings: list[str] = field(default_factory=list)


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
        assert self.index is not None and self.path is not None  # the fast path keeps both
        positions = np.searchsorted(self.index.start_line, np.array(line_numbers, dtype=np.int64))
        return csvscan.read_raw(self.path, self.index, positions, "utf-8")


@dataclass
class Loaded:
    """What loading one file found: the physical lines of every record, the records that could not
    be split into fields, and whether they are already in the landing table."""

    read_lines: np.ndarray
    structural: list[tuple[int, str, str]]
    raw: RawText
    landed: bool = False
    bad_encoding: bool = False


@dataclass
class IngestSummary:
    warehouse: Path
    files: list[FileOutcome]
    references: References
    seconds: float

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.files)

    def transfer_notes(self) -> list[str]:
        mirrored = sum(f.mirrored for f in self.files)
        if not mirrored:
            return []
        return [
            f"transfers: {mirrored:,} listing{'s' if mirrored != 1 else ''} of a move already stored (the other "
            "club's side, or another file) counted under duplicates; see ingest_files.mirrored"
        ]

    def reference_notes(self) -> list[str]:
        """What the summary says about the reference files: repeats used once, shipped fallbacks."""
        notes = []
        repeated = [u for u in self.references.used if u.repeated]
        if repeated:
            total = sum(u.repeated for u in repeated)
            each = ", ".join(f"{u.name} {u.repeated:,}" for u in repeated)
            notes.append(
                f"reference: {total:,} repeated line{'s' if total != 1 else ''} used once ({each}); "
                "see table ingest_reference"
            )
        if self.references.fallbacks:
            notes.append(
                f"reference: {self.references.folder} has no {', '.join(self.references.fallbacks)}: "
                f"used the shipped one{'s' if len(self.references.fallbacks) > 1 else ''} from {config.REFERENCE_DIR}"
            )
        return notes


# ---------------------------------------------------------------------------------------------
# Planning: header, encoding, profile, column mapping


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def discover(raw_dir: Path) -> list[tuple[Kind, Path]]:
    if not raw_dir.is_dir():
        raise IngestError(f"{raw_dir}: raw data folder not found (expected {raw_dir}/rumours/*.csv)")
    found = []
    for kind in KINDS:
        folder = raw_dir / kind.name
        for path in sorted(folder.glob("*.csv")) + sorted(folder.glob("*.CSV")):
            found.append((kind, path))
    return found


def sniff_encoding(path: Path) -> str:
    """UTF-8 unless the first bytes say otherwise; DuckDB catches bad bytes further in."""
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _extra_name(header: str, position: int, taken: set[str], reserved: set[str]) -> str:
    """snake_case of the header; a header of symbols only ('#') is named by its position."""
    base = re.sub(r"[^0-9a-z_]+", "_", strip_accents(header_key(header))).strip("_") or f"column_{position + 1}"
    if base in reserved:
        base = f"extra_{base}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def plan_file(file_id: int, kind: Kind, path: Path, raw_dir: Path, profile_dirs: list[Path]) -> FilePlan:
    source_file = path.relative_to(raw_dir).as_posix() if path.is_relative_to(raw_dir) else str(path)
    try:
        if path.stat().st_size == 0:
            raise IngestError(
                f"{source_file}: file is empty (no header line); expected columns "
                f"{', '.join(kind.required + tuple(g[0][0] for g in kind.either))}"
            )
        encoding = sniff_encoding(path)
        header = csvscan.read_header(path, "utf-8-sig" if encoding == "utf-8" else encoding)
    except OSError as exc:
        raise IngestError(f"{source_file}: cannot be read: {exc.strerror or exc}") from exc
    header = [h.lstrip("\ufeff") for h in header]
    keys = [header_key(h) for h in header]
    profile = find_profile(path, kind.name, header, profile_dirs)

    columns: dict[str, int] = {}
    if profile:
        for standard, alternatives in profile.columns.items():
            if standard not in kind.standard:
                raise IngestError(f"{profile.path}: maps unknown {kind.name} column '{standard}'")
            found = [header_key(w) for w in alternatives if header_key(w) in keys]
            if found:  # the first of the profile's alternatives the file has
                columns[standard] = keys.index(found[0])
    constants = dict(profile.constants) if profile else {}
    for position, key in enumerate(keys):
        # a profile's constant wins over a same-named column (the rumour mill's own 'Source' is a link)
        if key in kind.standard and key not in columns and key not in constants and position not in columns.values():
            columns[key] = position
    missing = kind.missing(set(columns) | set(constants))
    if missing:
        name = missing.split("'")[1]
        via = (
            f" (profile '{profile.name}' maps {name} to {' or '.join(repr(w) for w in profile.columns[name])})"
            if profile and name in profile.columns
            else ""
        )
        raise IngestError(
            f"{source_file}: missing required column {missing}{via}; header has: {', '.join(header) or '(nothing)'}"
        )
    taken: set[str] = set()
    used = set(columns.values())
    extras = {_extra_name(h, i, taken, RESERVED[kind.name]): i for i, h in enumerate(header) if i not in used}
    plan = FilePlan(
        file_id=file_id,
        path=path,
        source_file=source_file,
        kind=kind,
        header=header,
        encoding=encoding,
        profile=profile,
        columns=columns,
        constants=constants,
        date_formats=dict(profile.date_formats) if profile else {},
        null_values=profile.null_values if profile else (),
        extras=extras,
    )
    return plan


# ---------------------------------------------------------------------------------------------
# Loading one file into the landing table


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


def _landing_select(plan: FilePlan, source: str, landing_extras: list[str]) -> tuple[str, dict]:
    """SELECT that maps a file's c0..cN onto the landing columns; every value is a bound parameter."""
    params: dict[str, object] = {"file_id": plan.file_id}
    exprs = ["$file_id AS file_id", "lines.line_number AS line_number"]
    nulls = [v.strip() for v in plan.null_values]
    if nulls:
        params["null_values"] = nulls

    def cell(position: int) -> str:
        value = f"nullif(c{position}, '')"
        if nulls:
            value = f"CASE WHEN list_contains($null_values, trim(c{position})) THEN NULL ELSE {value} END"
        return value

    for standard in plan.kind.standard:
        if standard not in plan.columns and standard not in plan.constants:
            exprs.append(f'NULL::VARCHAR AS "{standard}"')
        elif standard in plan.columns:
            value = cell(plan.columns[standard])
            if standard in plan.date_formats:
                params[f"fmt_{standard}"] = plan.date_formats[standard]
                value = (
                    f"coalesce(strftime(try_strptime(trim({value}), $fmt_{standard}), '%Y-%m-%dT%H:%M:%S'), {value})"
                )
            exprs.append(f'{value} AS "{standard}"')
        elif standard in plan.constants:
            params[f"const_{standard}"] = plan.constants[standard]
            exprs.append(f'$const_{standard} AS "{standard}"')
    for name in landing_extras:
        landed = f"{EXTRA_PREFIX}{name}"
        exprs.append(
            f'{cell(plan.extras[name])} AS "{landed}"' if name in plan.extras else f'NULL::VARCHAR AS "{landed}"'
        )
    mapped = f"SELECT {', '.join(exprs)} FROM {source} POSITIONAL JOIN file_lines AS lines"
    # every landing column in one fixed order, so equal rows hash equal across files of any layout
    return f"SELECT *, hash(*COLUMNS(* EXCLUDE (file_id, line_number))) AS row_hash FROM ({mapped})", params


def _read_csv_sql(plan: FilePlan) -> str:
    """DuckDB's reader with nothing guessed: every column text, strict RFC 4180, rejects kept."""
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(plan.header))) + "}"
    return (
        f"read_csv($path, columns = {columns}, header = true, auto_detect = false, delim = ',', quote = '\"', "
        "escape = '\"', strict_mode = true, null_padding = false, store_rejects = true, "
        f"rejects_table = 'file_rejects', rejects_scan = 'file_reject_scans', max_line_size = {MAX_LINE_BYTES})"
    )


def _clear_rejects(con: duckdb.DuckDBPyConnection) -> None:
    """DuckDB appends to its reject tables: each file's read starts from empty ones."""
    con.execute("DROP TABLE IF EXISTS file_rejects; DROP TABLE IF EXISTS file_reject_scans")


def _rejects(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("SELECT line, error_type, error_message FROM file_rejects ORDER BY line").df()


def _read_with_duckdb(con: duckdb.DuckDBPyConnection, plan: FilePlan, path: Path) -> pd.DataFrame:
    """Parses the file into temp table raw_file; returns DuckDB's structural rejects."""
    _clear_rejects(con)
    con.execute(f"CREATE OR REPLACE TEMP TABLE raw_file AS SELECT * FROM {_read_csv_sql(plan)}", {"path": str(path)})
    return _rejects(con)


def _load_clean_in_one_pass(
    con, plan: FilePlan, path: Path, index: csvscan.RecordIndex, landing_extras: list[str]
) -> bool:
    """Most large files have no bad record: then parse, number and land in one statement.

    Any reject shifts the pairing of rows with line numbers, so then the load is undone and the
    two-step path (parse, map rejects, then number) runs instead.
    """
    _clear_rejects(con)
    con.register("file_lines", pd.DataFrame({"line_number": index.start_line}))
    select, params = _landing_select(plan, _read_csv_sql(plan), landing_extras)
    con.execute("BEGIN TRANSACTION")
    try:
        ((inserted,),) = con.execute(
            f"INSERT INTO landing_{plan.kind.name} BY NAME {select}", {**params, "path": str(path)}
        ).fetchall()
        clean = inserted == len(index) and len(_rejects(con)) == 0
    except duckdb.Error:  # the parser gave up; the two-step path will say why, row by row
        clean = False
    con.execute("COMMIT" if clean else "ROLLBACK")
    con.unregister("file_lines")
    return clean


def _structural_reason(error_type: str, message: str, width: int) -> str:
    found = re.search(r"Found:\s*(\d+)", message or "")
    if error_type in ("TOO MANY COLUMNS", "MISSING COLUMNS") and found:
        return f"{DUCKDB_REASONS[error_type]}: expected {width}, found {found.group(1)}"
    return f"{DUCKDB_REASONS.get(error_type, error_type.lower())}: {message}"


def _load_fast(con, plan: FilePlan, path: Path, progress: Progress, landing_extras: list[str]) -> Loaded | None:
    """DuckDB parse + numpy line scan. None when the two disagree about where records are; then the
    exact reader takes over."""
    index = csvscan.scan_records(path, progress=progress.bytes_callback(plan.source_file, "scanning"))
    progress.step(plan.source_file, f"parsing {len(index):,} records")
    raw = RawText(path=path, index=index)
    if _load_clean_in_one_pass(con, plan, path, index, landing_extras):
        return Loaded(index.start_line, [], raw, landed=True)
    try:
        rejects = _read_with_duckdb(con, plan, path)
    except duckdb.InvalidInputException:
        return None  # a shape DuckDB's parser gives up on (e.g. a stray carriage return): read exactly
    if (rejects["error_type"] == "INVALID ENCODING").any():
        return Loaded(np.empty(0, np.int64), [], raw, bad_encoding=True)
    positions = np.searchsorted(index.duckdb_line, rejects["line"].to_numpy(dtype=np.int64))
    if len(positions) and (
        positions.max(initial=0) >= len(index) or not np.array_equal(index.duckdb_line[positions], rejects["line"])
    ):
        return None
    reasons: dict[int, str] = {}
    seen: set[tuple[int, str]] = set()
    for pos, row in zip(positions.tolist(), rejects.itertuples(index=False)):
        if (pos, row.error_type) in seen:  # DuckDB repeats an error once per affected column
            continue
        seen.add((pos, row.error_type))
        reason = _structural_reason(row.error_type, row.error_message, len(plan.header))
        reasons[pos] = f"{reasons[pos]}; {reason}" if pos in reasons else reason
    accepted = np.ones(len(index), dtype=bool)
    accepted[list(reasons)] = False
    ((loaded,),) = con.execute("SELECT count(*) FROM raw_file").fetchall()
    if loaded != int(accepted.sum()):
        return None
    rejected_positions = np.array(sorted(reasons), dtype=np.int64)
    raws = csvscan.read_raw(path, index, rejected_positions, "utf-8")
    structural = [(int(index.start_line[p]), reasons[int(p)], raw) for p, raw in zip(rejected_positions, raws)]
    con.register("file_lines", pd.DataFrame({"line_number": index.start_line[accepted]}))
    return Loaded(index.start_line, structural, raw)


def _load_exact(con, plan: FilePlan, path: Path, encoding: str) -> Loaded:
    """Python's csv module, record by record: slow, but never misplaces a line."""
    with path.open(encoding=encoding, errors="replace", newline="") as fh:  # keep \r as written
        text = fh.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    width = len(plan.header)
    fields: list[list[str]] = []
    lines: list[int] = []
    structural = []
    read_lines = []
    raw_by_line = {}
    for record in csvscan.read_records_exact(text):
        read_lines.append(record.line_number)
        raw_by_line[record.line_number] = record.raw
        if record.error or record.fields is None:
            structural.append((record.line_number, record.error or "malformed record", record.raw))
        elif len(record.fields) != width:
            kind = "too many fields" if len(record.fields) > width else "too few fields"
            structural.append((record.line_number, f"{kind}: expected {width}, found {len(record.fields)}", record.raw))
        else:
            fields.append(record.fields)
            lines.append(record.line_number)
    frame = pd.DataFrame(fields, columns=[f"c{i}" for i in range(width)], dtype=object)
    con.register("exact_rows", frame)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE raw_file AS SELECT "
        + ", ".join(f"CAST(c{i} AS VARCHAR) AS c{i}" for i in range(width))
        + " FROM exact_rows"
    )
    con.unregister("exact_rows")
    con.register("file_lines", pd.DataFrame({"line_number": np.array(lines, dtype=np.int64)}))
    return Loaded(np.array(read_lines, dtype=np.int64), structural, RawText(by_line=raw_by_line))


def load_file(
    con, plan: FilePlan, workdir: Path, progress: Progress, landing_extras: list[str], force_exact: bool = False
) -> FileOutcome:
    outcome = FileOutcome(plan)
    path = _read_as_cp1252(plan, workdir) if plan.encoding == "cp1252" else plan.path
    loaded = None if force_exact else _load_fast(con, plan, path, progress, landing_extras)
    if loaded is not None and loaded.bad_encoding:  # bad bytes deeper in the file than the header sniff saw
        path = _read_as_cp1252(plan, workdir)
        loaded = _load_fast(con, plan, path, progress, landing_extras)
    if loaded is None:
        outcome.exact_path = True
        progress.step(plan.source_file, "re-reading record by record")
        loaded = _load_exact(con, plan, path, "utf-8")
    outcome.rows_read = len(loaded.read_lines)
    outcome.raw = loaded.raw  # rows rejected later (bad date, missing value) show their text from here
    structural = loaded.structural
    if not loaded.landed:
        select, params = _landing_select(plan, "raw_file", landing_extras)
        con.execute(f"INSERT INTO landing_{plan.kind.name} BY NAME {select}", params)
        con.unregister("file_lines")
        con.execute("DROP TABLE raw_file")
    if structural:
        con.executemany(
            "INSERT INTO rejected_rows VALUES (?, ?, ?, ?)",
            [(plan.source_file, line, reason, raw) for line, reason, raw in structural],
        )
    for message in plan.warnings:
        con.execute("INSERT INTO ingest_warnings VALUES (?, NULL, ?)", [plan.source_file, message])
    return outcome


# ---------------------------------------------------------------------------------------------
# The whole build


def _create_tables(con, plans: list[FilePlan]) -> dict[str, list[str]]:
    """Landing tables hold every column of every file of a kind; returns the extra columns per kind."""
    landing_extras = {}
    for kind in KINDS:
        extras = sorted({name for p in plans if p.kind is kind for name in p.extras})
        cols = ["file_id INTEGER", "line_number BIGINT"] + [f'"{c}" VARCHAR' for c in kind.standard]
        cols += [f'"{EXTRA_PREFIX}{e}" VARCHAR' for e in extras] + ["row_hash UBIGINT"]
        con.execute(f"CREATE TEMP TABLE landing_{kind.name} ({', '.join(cols)})")
        landing_extras[kind.name] = extras
    con.execute(
        "CREATE TABLE rejected_rows (source_file VARCHAR, line_number BIGINT, reason VARCHAR, raw VARCHAR);"
        "CREATE TABLE ingest_warnings (source_file VARCHAR, line_number BIGINT, message VARCHAR);"
        "CREATE TABLE ingest_file_list (file_id INTEGER, source_file VARCHAR, kind VARCHAR, encoding VARCHAR,"
        " profile VARCHAR, bytes BIGINT);"
    )
    if plans:
        con.executemany(
            "INSERT INTO ingest_file_list VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    p.file_id,
                    p.source_file,
                    p.kind.name,
                    p.encoding,
                    p.profile.name if p.profile else None,
                    p.path.stat().st_size,
                )
                for p in plans
            ],
        )
    return landing_extras


def _publish(con, outcomes: list[FileOutcome]) -> None:
    """Staging verdicts (on the just-built tables) become rejected rows and per-file counts."""
    by_file = {o.plan.source_file: o for o in outcomes}
    for kind in KINDS:
        bad = con.execute(
            f"SELECT source_file, line_number, _reject_reason FROM {kind.name} WHERE _reject_reason IS NOT NULL "
            "ORDER BY source_file, line_number"
        ).fetchall()
        rows = []
        for source_file in sorted({b[0] for b in bad}):
            mine = [b for b in bad if b[0] == source_file]
            raw_text = by_file[source_file].raw
            assert raw_text is not None  # every loaded file keeps where its records are
            raws = raw_text.lines([b[1] for b in mine])
            rows += [(source_file, line, reason, raw) for (_, line, reason), raw in zip(mine, raws)]
        if rows:
            con.executemany("INSERT INTO rejected_rows VALUES (?, ?, ?, ?)", rows)
        mirrored = "count(*) FILTER (WHERE _is_mirrored)" if kind is TRANSFERS else "0"
        for source_file, accepted, duplicates, mirrors in con.execute(
            f"SELECT source_file, count(*) FILTER (WHERE NOT _is_duplicate), count(*) FILTER (WHERE _is_duplicate), "
            f"{mirrored} FROM {kind.name} WHERE _reject_reason IS NULL GROUP BY source_file"
        ).fetchall():
            outcome = by_file[source_file]
            outcome.accepted, outcome.duplicates, outcome.mirrored = accepted, duplicates, mirrors
    for source_file, rejected in con.execute(
        "SELECT source_file, count(*) FROM rejected_rows GROUP BY source_file"
    ).fetchall():
        by_file[source_file].rejected = rejected
    for o in outcomes:
        if o.rows_read != o.accepted + o.rejected + o.duplicates:
            raise RuntimeError(
                f"internal error: {o.plan.source_file}: {o.rows_read} rows read but {o.accepted} accepted + "
                f"{o.rejected} rejected + {o.duplicates} duplicates; please report this with the file"
            )
    con.execute(
        "CREATE TABLE ingest_files (source_file VARCHAR, kind VARCHAR, rows_read BIGINT, accepted BIGINT,"
        " rejected BIGINT, duplicates BIGINT, mirrored BIGINT, encoding VARCHAR, profile VARCHAR, bytes BIGINT)"
    )
    if outcomes:
        con.executemany(
            "INSERT INTO ingest_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    o.plan.source_file,
                    o.plan.kind.name,
                    o.rows_read,
                    o.accepted,
                    o.rejected,
                    o.duplicates,
                    o.mirrored,
                    o.plan.encoding,
                    o.plan.profile.name if o.plan.profile else None,
                    o.plan.path.stat().st_size,
                )
                for o in outcomes
            ],
        )


def build(
    con: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    reference_dir: Path,
    progress: Progress,
    workdir: Path,
    force_exact: bool = False,
) -> tuple[list[FileOutcome], References]:
    """Fills an empty database from raw + reference. Raises IngestError on an unusable file."""
    con.execute("SET preserve_insertion_order = true")
    sqlfiles.run_file(con, "staging/00_macros.sql")
    references = load_references(con, reference_dir)
    plans = [
        plan_file(i, kind, path, raw_dir, references.profile_dirs)
        for i, (kind, path) in enumerate(discover(raw_dir), 1)
    ]
    landing_extras = _create_tables(con, plans)
    for use in references.used:
        for message in use.warnings:
            con.execute("INSERT INTO ingest_warnings VALUES (?, NULL, ?)", [str(use.path), message])
    outcomes = []
    for n, plan in enumerate(plans, 1):
        progress.start_file(n, len(plans), plan.source_file, plan.path.stat().st_size)
        outcomes.append(
            load_file(con, plan, workdir, progress, landing_extras[plan.kind.name], force_exact=force_exact)
        )
    for relative in sqlfiles.layer_files("staging")[1:]:
        progress.step("warehouse", f"staging: {relative}")
        sqlfiles.run_file(con, relative)
    # rows need no order in the published tables (line_number says where each came from), and
    # writing them unordered is faster; loading above relied on order for POSITIONAL JOIN
    con.execute("SET preserve_insertion_order = false")
    for relative in sqlfiles.layer_files("warehouse"):
        if relative.startswith("warehouse/6"):  # the tables exist: count and list before finalising
            progress.step("warehouse", "counting and listing rejected rows")
            _publish(con, outcomes)
        progress.step("warehouse", f"publishing: {relative}")
        sqlfiles.run_file(con, relative)
    progress.step("warehouse", "writing to disk")
    con.execute(
        "CREATE TABLE warehouse_info AS SELECT now() AS built_at, $raw AS raw_dir, $ref AS reference_dir, "
        "$version AS version",
        {"raw": str(raw_dir), "ref": str(reference_dir), "version": __import__("analysis").__version__},
    )
    con.execute("DROP TABLE ingest_file_list")
    return outcomes, references


def ingest(
    raw_dir: Path | None = None,
    reference_dir: Path | None = None,
    warehouse: Path | None = None,
    progress: Progress | None = None,
    force_exact: bool = False,
) -> IngestSummary:
    raw_dir = Path(raw_dir or config.RAW_DIR).resolve()
    reference_dir = Path(reference_dir or config.REFERENCE_DIR).resolve()
    warehouse = Path(warehouse or config.warehouse_path()).resolve()
    progress = progress or Progress.for_terminal()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="transfer-radar-ingest-") as workdir, build_atomically(warehouse) as con:
        outcomes, references = build(con, raw_dir, reference_dir, progress, Path(workdir), force_exact=force_exact)
    return IngestSummary(
        warehouse=warehouse, files=outcomes, references=references, seconds=time.perf_counter() - started
    )
