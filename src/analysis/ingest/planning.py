"""Planning a raw file before it is read: its kind, encoding, header, profile and the position of
every standard column, so a file that cannot be used at all fails before anything is built."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import IngestError
from analysis.ingest import csvscan
from analysis.ingest.kinds import KINDS, Kind
from analysis.ingest.profiles import Profile, find_profile, header_key, near_profile
from analysis.wording import noun, plural


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
    bom: bool = False  # starts with a UTF-8 byte-order mark: UTF-8 whatever bytes follow
    delimiter: str = ","  # ';' for a European Excel export, a tab for a tab-separated one
    skipped: str | None = None  # why the file was not read at all (nothing in it); listed, not loaded
    warnings: list[str] = field(default_factory=list)  # about the whole file
    ends_lines_with_separator: bool = False  # every record but the header: read as closing the line (landing)
    line_warnings: list[tuple[int, str]] = field(default_factory=list)  # (physical line, message)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def raw_files(raw_dir: Path) -> list[tuple[Kind, Path]]:
    """The raw files ingest reads (SPEC 1: rumours/*.csv, contracts/*.csv, transfers/*.csv), in
    the order it reads them; none when the folder has none."""
    found = []
    for kind in KINDS:
        folder = raw_dir / kind.name
        for path in sorted(folder.glob("*.csv")) + sorted(folder.glob("*.CSV")):
            found.append((kind, path))
    return found


def discover(raw_dir: Path) -> list[tuple[Kind, Path]]:
    """raw_files, for a build: a folder that is missing or holds none of them is an error."""
    if not raw_dir.is_dir():
        raise IngestError(f"{raw_dir}: raw data folder not found (expected {raw_dir}/rumours/*.csv)")
    found = raw_files(raw_dir)
    if not found:
        # an empty export folder, or --raw pointed one level too deep, must not replace a warehouse
        # with an empty one and exit 0
        strays = stray_files(raw_dir, found)
        instead = f"; found {_listed(strays, raw_dir)} instead: move them there" if strays else ""
        raise IngestError(
            f"{raw_dir}: no raw files to ingest (expected {', '.join(f'{k.name}/*.csv' for k in KINDS)} under it)"
            f"{instead}; the warehouse is unchanged"
        )
    return found


def stray_files(raw_dir: Path, found: list[tuple[Kind, Path]]) -> list[Path]:
    """CSV files under raw_dir that ingest does not read: in the folder itself, in a subfolder of a
    kind's folder (`rumours/2025-01-27/`), or in a folder of another name (`Transfers/`)."""
    taken = {path for _, path in found}
    return sorted(p for p in raw_dir.rglob("*") if p.suffix.lower() == ".csv" and p not in taken and p.is_file())


def _listed(paths: list[Path], raw_dir: Path, most: int = 3) -> str:
    shown = ", ".join(p.relative_to(raw_dir).as_posix() for p in paths[:most])
    more = f" and {len(paths) - most:,} more" if len(paths) > most else ""
    return f"{plural(len(paths), 'CSV file')} ({shown}{more})"


def stray_note(raw_dir: Path, strays: list[Path]) -> str:
    """The summary's line for files ingest did not read."""
    return (
        f"not read: {_listed(strays, raw_dir)} under {raw_dir}, outside "
        f"{', '.join(f'{k.name}/' for k in KINDS)} (only CSVs directly in those folders are ingested)"
    )


HEAD_BYTES = 1 << 16  # how much of a file its encoding and emptiness are judged by


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(HEAD_BYTES)


def sniff_encoding(head: bytes) -> tuple[str, bool]:
    """(encoding, has a BOM) from the file's first bytes. A byte-order mark means UTF-8, whatever
    stray bytes follow (landing replaces them and says where); otherwise UTF-8 unless the first
    bytes say otherwise, and DuckDB catches bad bytes further in."""
    if head.startswith(csvscan.UTF8_BOM):
        return "utf-8", True
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8", False
    except UnicodeDecodeError:
        return "cp1252", False


def _extra_name(header: str, position: int, taken: set[str], reserved: set[str]) -> str:
    """snake_case of the header ('Notes (EN)': notes_en); a header of symbols only ('#') is named by
    its position."""
    snake = re.sub(r"[^0-9a-z]+", "_", strip_accents(header_key(header))).strip("_")
    base = snake or f"column_{position + 1}"
    if base in reserved:
        base = f"extra_{base}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def _profile_mapping(profile: Profile | None, kind: Kind, keys: list[str]) -> tuple[dict[str, int], dict[str, str]]:
    """The header positions and constants a profile gives (the first of its alternatives the file has)."""
    if profile is None:
        return {}, {}
    columns: dict[str, int] = {}
    for standard, alternatives in profile.columns.items():
        if standard not in kind.standard:
            raise IngestError(f"{profile.path}: maps unknown {kind.name} column '{standard}'")
        found = [header_key(w) for w in alternatives if header_key(w) in keys]
        if found:
            columns[standard] = keys.index(found[0])
    for standard in profile.constants:
        if standard not in kind.standard:
            raise IngestError(f"{profile.path}: sets unknown {kind.name} column '{standard}'")
    return columns, dict(profile.constants)


# Field separators a raw file may use: the comma of the SPEC, the semicolon of Excel where the decimal
# mark is a comma (most of Europe), the tab of a tab-separated export.
DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "','", ";": "';'", "\t": "tabs"}


def separator_warning(delimiter: str) -> str:
    """What a file read with another separator than the comma says (raw and reference files alike)."""
    return (
        f"columns separated by {DELIMITER_NAMES[delimiter]}, not commas (as Excel saves a CSV where the decimal "
        f"mark is a comma): read with {DELIMITER_NAMES[delimiter]}"
    )


def sniff_delimiter(path: Path, encoding: str) -> tuple[str, list[str]]:
    """(delimiter, header): the separator that splits the header record into the most fields, a tie
    going to the comma. Only the header is read, so this costs nothing on a large file."""
    best = (",", csvscan.read_header(path, encoding))
    for delimiter in DELIMITERS[1:]:
        header = csvscan.read_header(path, encoding, delimiter)
        if len(header) > len(best[1]):
            best = (delimiter, header)
    return best


def _empty(head: bytes) -> bool:
    """Nothing but blank lines (or a byte-order mark) in the file's first bytes, and nothing after
    them: no header, so nothing to read."""
    if len(head) == HEAD_BYTES:
        return False
    return not head.removeprefix(csvscan.UTF8_BOM).strip()


# Excel's hint line ('sep=;'), which some tools write above the header so Excel splits the columns
EXCEL_SEP_LINE = re.compile(r"sep=.?", re.IGNORECASE)


def _header_on_line_one(source_file: str, head: bytes) -> None:
    """Every line number ingest reports counts from a header on line 1: a file whose first line is
    blank or Excel's 'sep=' hint is stopped with what to delete, not read with lines misnumbered."""
    lines = head.removeprefix(csvscan.UTF8_BOM).split(b"\n")
    first = lines[0].strip().decode("utf-8", errors="replace")
    if not first:
        header_line = next((i for i, line in enumerate(lines) if line.strip()), 0) + 1
        raise IngestError(
            f"{source_file}: line 1 is blank: the header must be line 1 (it is line {header_line}); delete the "
            f"{noun(header_line - 1, 'blank line')} above it"
        )
    if EXCEL_SEP_LINE.fullmatch(first):
        raise IngestError(
            f"{source_file}: line 1 is Excel's '{first}' line, not the header: delete it so that the header is "
            "line 1 (the separator is recognised without it)"
        )


def skipped_plan(file_id: int, kind: Kind, path: Path, source_file: str, reason: str) -> FilePlan:
    """A file listed with nothing read from it, and why (in ingest_files and ingest_warnings)."""
    return FilePlan(
        file_id=file_id,
        path=path,
        source_file=source_file,
        kind=kind,
        header=[],
        encoding="utf-8",
        profile=None,
        columns={},
        constants={},
        date_formats={},
        null_values=(),
        extras={},
        skipped=reason,
        warnings=[f"{reason}; file skipped (expected a header with columns {', '.join(kind.expected)})"],
    )


def plan_file(
    file_id: int, kind: Kind, path: Path, raw_dir: Path, profile_dirs: list[Path], snapshot_date: str | None = None
) -> FilePlan:
    """snapshot_date (contracts, from the command line): the day the file was exported, from which
    its records without recorded_on hold; it overrides the profile's."""
    source_file = path.relative_to(raw_dir).as_posix() if path.is_relative_to(raw_dir) else str(path)
    try:
        head = _head(path)
        if _empty(head):  # a zero-byte file, or blank lines only: skipped, never a stop for the rest
            return skipped_plan(file_id, kind, path, source_file, "empty: no header")
        _header_on_line_one(source_file, head)
        encoding, bom = sniff_encoding(head)
        delimiter, header = sniff_delimiter(path, "utf-8-sig" if encoding == "utf-8" else encoding)
    except OSError as exc:
        raise IngestError(f"{source_file}: cannot be read: {exc.strerror or exc}") from exc
    header = [h.lstrip("\ufeff") for h in header]
    keys = [header_key(h) for h in header]
    profile = find_profile(path, kind.name, header, profile_dirs)

    columns, constants = _profile_mapping(profile, kind, keys)
    if snapshot_date is not None:
        constants["snapshot_date"] = snapshot_date
        columns.pop("snapshot_date", None)
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
        separated = f" (columns separated by {DELIMITER_NAMES[delimiter]})" if delimiter != "," else ""
        near = near_profile(kind.name, header, profile_dirs) if profile is None else None
        if near:
            # a real export with a column deleted: name the column it lacks, not the standard column
            # the first check missed ('reported_on', which its RumourCreated would have given)
            looks_like, lacking = near
            reads = {header_key(c): standard for standard, written in looks_like.columns.items() for c in written}
            what = " and ".join(
                repr(c) + (f" (its {reads[header_key(c)]})" if header_key(c) in reads else "") for c in lacking
            )
            raise IngestError(
                f"{source_file}: missing required column {what}: it looks like a {looks_like.name} export but "
                f"lacks {'it' if len(lacking) == 1 else 'them'}; header has{separated}: {', '.join(header)}"
            )
        raise IngestError(
            f"{source_file}: missing required column {missing}{via}; header has{separated}: "
            f"{', '.join(header) or '(nothing)'}"
        )
    taken: set[str] = set()
    used = set(columns.values())
    extras = {_extra_name(h, i, taken, kind.reserved): i for i, h in enumerate(header) if i not in used}
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
        bom=bom,
        delimiter=delimiter,
    )
    if delimiter != ",":
        plan.warnings.append(separator_warning(delimiter))
    return plan
