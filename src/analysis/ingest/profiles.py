"""Column profiles: how a foreign CSV layout maps onto the standard columns (SPEC section 4).

A profile lets a real export (Transfermarkt, a scout's spreadsheet) be dropped into data/raw/
unedited. It is found, in this order: a sidecar `<file stem>.profile.yml` beside the CSV, then the
first profile in data/reference/profiles/ of the same kind whose `detect` columns are all in the
header. Without one, headers are matched to standard names ignoring case, spaces and hyphens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb
import yaml

from analysis.errors import IngestError

KINDS = ("rumours", "contracts", "transfers")


def header_key(name: str) -> str:
    """Case-insensitive, space/hyphen-tolerant form of a header name."""
    return "_".join(name.strip().lstrip("\ufeff").lower().replace("-", " ").split())


@dataclass(frozen=True)
class Profile:
    name: str
    kind: str
    path: Path | None
    detect: tuple[str, ...] = ()
    # standard name -> header(s) in the file: the first one the file has is used
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)  # standard name -> value for every row
    date_formats: dict[str, str] = field(default_factory=dict)  # standard name -> strptime format
    null_values: tuple[str, ...] = ()

    def matches(self, header: list[str]) -> bool:
        keys = {header_key(h) for h in header}
        return bool(self.detect) and all(header_key(d) in keys for d in self.detect)


@lru_cache(maxsize=1024)
def _format_problem(fmt: str) -> str | None:
    """What DuckDB says of a strptime format it cannot use (checked before any file is read, once
    per format: opening a database for each took 15 ms, a twentieth of a small ingest)."""
    try:
        _format_checker().execute("SELECT try_strptime('2000-01-01', $f)", {"f": fmt}).fetchall()
    except duckdb.Error as exc:
        return str(exc).splitlines()[0].removeprefix("Invalid Input Error: ")
    return None


@lru_cache(maxsize=1)
def _format_checker() -> duckdb.DuckDBPyConnection:
    """One in-memory database for every format check of the process."""
    return duckdb.connect()


def load_profile(path: Path) -> Profile:
    """The profile in `path`, read once while the file is unchanged (every raw file looks through
    every profile)."""
    try:
        stat = path.stat()
    except OSError:
        return _load_profile(path, None)
    return _load_profile(path, (stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=256)
def _load_profile(path: Path, version: tuple[int, int] | None) -> Profile:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problem = " ".join(str(getattr(exc, "strerror", None) or exc).split())  # YAML errors span lines
        raise IngestError(f"{path}: cannot read column profile: {problem}") from exc
    if not isinstance(doc, dict):
        raise IngestError(f"{path}: column profile must be a mapping")
    kind = doc.get("kind")
    if kind not in KINDS:
        raise IngestError(f"{path}: column profile needs 'kind:' one of {', '.join(KINDS)}, got {kind!r}")

    def mapping(key: str) -> dict[str, str]:
        value = doc.get(key) or {}
        if not isinstance(value, dict):
            raise IngestError(f"{path}: '{key}' must be a mapping of standard column to value")
        return {str(k): str(v) for k, v in value.items()}

    def alternatives() -> dict[str, tuple[str, ...]]:
        value = doc.get("columns") or {}
        if not isinstance(value, dict):
            raise IngestError(f"{path}: 'columns' must be a mapping of standard column to header")
        return {
            str(k): tuple(str(w) for w in v) if isinstance(v, list) else (str(v),)
            for k, v in value.items()
            if v is not None
        }

    formats = mapping("date_formats")
    for column, fmt in formats.items():
        unusable = _format_problem(fmt)
        if unusable:
            raise IngestError(f"{path}: date format {fmt!r} for {column} is not a strptime format ({unusable})")
    detect = doc.get("detect") or []
    if not isinstance(detect, list):
        raise IngestError(f"{path}: 'detect' must be a list of headers, like [PlayerName, RumourCreated]")
    nulls = doc.get("null_values") or []
    if not isinstance(nulls, list):
        raise IngestError(f"{path}: 'null_values' must be a list, like [\"-\"]")

    return Profile(
        name=str(doc.get("name") or path.stem),
        kind=kind,
        path=path,
        detect=tuple(str(d) for d in detect),
        columns=alternatives(),
        constants=mapping("constants"),
        date_formats=formats,
        null_values=tuple(str(v) for v in nulls),
    )


def profile_files(profile_dirs: Sequence[Path]) -> list[Path]:
    """Profiles of every folder, in order; a file in an earlier folder hides a same-named one later
    (so a reference folder's own `transfermarkt_squad.yml` replaces the shipped one)."""
    chosen: dict[str, Path] = {}
    for folder in profile_dirs:
        if folder.is_dir():
            for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
                chosen.setdefault(path.name, path)
    return list(chosen.values())


def find_profile(csv_path: Path, kind: str, header: list[str], profile_dirs: Sequence[Path]) -> Profile | None:
    for sidecar in (csv_path.with_suffix(".profile.yml"), csv_path.with_suffix(".profile.yaml")):
        if sidecar.exists():
            profile = load_profile(sidecar)
            if profile.kind != kind:
                raise IngestError(f"{sidecar}: profile is for {profile.kind}, but {csv_path.name} is in {kind}/")
            return profile
    for path in profile_files(profile_dirs):
        profile = load_profile(path)
        if profile.kind == kind and profile.matches(header):
            return profile
    return None


def near_profile(kind: str, header: list[str], profile_dirs: Sequence[Path]) -> tuple[Profile, list[str]] | None:
    """A profile the header nearly matches (most of its detect columns, not all) and the detect
    columns it lacks: a real export with a column deleted, which no profile then reads, so the
    missing-column error can say which export it looks like and what it lacks."""
    keys = {header_key(h) for h in header}
    best: tuple[Profile, list[str]] | None = None
    for path in profile_files(profile_dirs):
        profile = load_profile(path)
        if profile.kind != kind or not profile.detect:
            continue
        lacking = [d for d in profile.detect if header_key(d) not in keys]
        if lacking and len(lacking) * 2 < len(profile.detect) and (best is None or len(lacking) < len(best[1])):
            best = (profile, lacking)
    return best
