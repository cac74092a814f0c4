"""How fresh the warehouse behind a report is: when it was built, from which raw files, and
whether a raw or reference file has changed (or appeared) since, so a scheduled run on a stale
warehouse says so in its log and on the market page instead of passing old news off as this
morning's (and an analyst who edited aliases.csv is told the edit is not in it yet)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from analysis.warehouse import reading
from analysis.wording import plural


@dataclass(frozen=True)
class RawFile:
    source_file: str  # relative to the raw folder, as ingest_files has it
    kind: str
    rows_read: int
    accepted: int
    rejected: int
    duplicates: int


@dataclass(frozen=True)
class Freshness:
    warehouse: Path
    built_at: dt.datetime | None  # None: a warehouse older than warehouse_info
    raw_dir: Path | None
    files: list[RawFile] = field(default_factory=list)
    newer: list[tuple[str, dt.datetime]] = field(default_factory=list)  # raw files changed or added since
    newer_reference: list[tuple[str, dt.datetime]] = field(default_factory=list)  # reference files changed since

    @property
    def stale(self) -> bool:
        return bool(self.newer or self.newer_reference)

    def summary(self) -> str:
        if self.built_at is None:
            return f"warehouse {self.warehouse} (build time not recorded: rebuild it with `python -m analysis ingest`)"
        rows = sum(f.rows_read for f in self.files)
        return (
            f"warehouse {self.warehouse} built {_when(self.built_at)} from {plural(len(self.files), 'raw file')}, "
            f"{plural(rows, 'row')}, in {self.raw_dir}"
        )

    def warning(self) -> str | None:
        if not self.stale or self.built_at is None:
            return None
        kind, newer = ("raw", self.newer) if self.newer else ("reference", self.newer_reference)
        name, changed = max(newer, key=lambda item: item[1])
        more = f" and {len(newer) - 1} more" if len(newer) > 1 else ""
        # within one minute, minutes alone would read 'built 19:22 ... changed 19:22'
        exact = _when(self.built_at) == _when(changed)
        return (
            f"the warehouse (built {_when(self.built_at, exact)}) is older than its newest {kind} file {name} "
            f"(changed {_when(changed, exact)}){more}: this report does not show it; run `python -m analysis ingest`"
        )


def _when(moment: dt.datetime, seconds: bool = False) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC" if seconds else "%Y-%m-%d %H:%M UTC")


def _has(con, table: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name = $t",
        {"t": table},
    ).fetchone()
    return bool(found and found[0])


def freshness(warehouse: Path) -> Freshness:
    """The warehouse's build time and raw files (tables warehouse_info, ingest_files), and the raw
    files now newer than the build: changed since, or new in the raw folder."""
    with reading(warehouse) as con:
        info = (
            con.execute("SELECT epoch(built_at), raw_dir, reference_dir FROM warehouse_info").fetchone()
            if _has(con, "warehouse_info")
            else None
        )
        files = (
            [
                RawFile(*row)
                for row in con.execute(
                    "SELECT source_file, kind, rows_read, accepted, rejected, duplicates FROM ingest_files "
                    "ORDER BY kind, source_file"
                ).fetchall()
            ]
            if _has(con, "ingest_files")
            else []
        )
    if info is None:
        return Freshness(Path(warehouse), None, None, files)
    built_at = dt.datetime.fromtimestamp(float(info[0]), dt.UTC)
    raw_dir = Path(info[1]) if info[1] else None
    reference_dir = Path(info[2]) if info[2] else None
    return Freshness(
        Path(warehouse),
        built_at,
        raw_dir,
        files,
        _newer(raw_dir, built_at, files),
        _newer_reference(reference_dir, built_at),
    )


def _newer(raw_dir: Path | None, built_at: dt.datetime, files: list[RawFile]) -> list[tuple[str, dt.datetime]]:
    """Raw files modified after the build, or in the raw folder but not in the build."""
    if raw_dir is None or not raw_dir.is_dir():
        return []
    from analysis.ingest.planning import raw_files

    known = {f.source_file for f in files}
    newer = []
    for _, path in raw_files(raw_dir):
        try:
            changed = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        except OSError:
            continue
        name = path.relative_to(raw_dir).as_posix()
        if changed > built_at or name not in known:
            newer.append((name, changed))
    return newer


def _newer_reference(reference_dir: Path | None, built_at: dt.datetime) -> list[tuple[str, dt.datetime]]:
    """Reference files (aliases.csv, outlets.csv, identity.yml, profiles/...) modified after the
    build: an edit an analyst made and has not ingested yet."""
    if reference_dir is None or not reference_dir.is_dir():
        return []
    newer = []
    for path in sorted(reference_dir.rglob("*")):
        if path.suffix.lower() not in (".csv", ".yml", ".yaml") or not path.is_file():
            continue
        changed = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        if changed > built_at:
            newer.append((path.relative_to(reference_dir).as_posix(), changed))
    return newer
