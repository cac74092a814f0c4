"""Identity settings (data/reference/identity.yml): the auto-link threshold and the knobs of
candidate generation. A --reference folder without the file uses the shipped one; a bad value stops
ingest with one line naming the file and the key."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis import config
from analysis.errors import IngestError

FILE = "identity.yml"


@dataclass(frozen=True)
class IdentitySettings:
    auto_link_threshold: float = 0.95
    suggestion_floor: float = 0.5
    max_block_size: int = 15
    max_candidates: int = 8
    # standard club column ('player_club', 'interested_club') -> header keys carrying its club id
    club_id_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    path: Path | None = None
    shipped_fallback: bool = False


def _number(path: Path, doc: dict, key: str, default: float, low: float, high: float) -> float:
    value = doc.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise IngestError(f"{path}: {key} {value!r} is not a number from {low:g} to {high:g}")
    return float(value)


def load(folder: Path, threshold: float | None = None) -> IdentitySettings:
    """The folder's identity.yml (else the shipped one); `threshold` overrides auto_link_threshold."""
    path, fallback = folder / FILE, False
    if not path.exists():
        path, fallback = config.REFERENCE_DIR / FILE, True
    if not path.exists():
        return IdentitySettings(auto_link_threshold=threshold if threshold is not None else 0.95)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problem = " ".join(str(getattr(exc, "strerror", None) or exc).split())
        raise IngestError(f"{path}: cannot read identity settings: {problem}") from exc
    if not isinstance(doc, dict):
        raise IngestError(f"{path}: identity settings must be 'name: value' lines")
    known = ("auto_link_threshold", "suggestion_floor", "max_block_size", "max_candidates", "club_id_columns")
    unknown = sorted(set(doc) - set(known))
    if unknown:
        raise IngestError(f"{path}: unknown setting {unknown[0]!r}; known: {', '.join(known)}")
    auto = _number(path, doc, "auto_link_threshold", 0.95, 0.0, 2.0)
    if threshold is not None:
        if not 0.0 <= threshold <= 2.0:
            raise IngestError(f"--link-threshold {threshold:g} is not a number from 0 to 2 (above 1 links nothing)")
        auto = threshold
    floor = _number(path, doc, "suggestion_floor", 0.5, 0.0, 1.0)
    block = _number(path, doc, "max_block_size", 15, 2, 100_000)
    candidates = _number(path, doc, "max_candidates", 8, 1, 1_000)
    columns = doc.get("club_id_columns") or {}
    if not isinstance(columns, dict) or not all(
        k in ("player_club", "interested_club") and isinstance(v, list) and all(isinstance(h, str) for h in v)
        for k, v in columns.items()
    ):
        raise IngestError(
            f"{path}: club_id_columns must map player_club and/or interested_club to a list of column names"
        )
    # (imported here: importing analysis.ingest imports the build, whose identity step imports this)
    from analysis.ingest.profiles import header_key

    return IdentitySettings(
        auto_link_threshold=auto,
        suggestion_floor=floor,
        max_block_size=int(block),
        max_candidates=int(candidates),
        club_id_columns={k: tuple(header_key(h) for h in v) for k, v in columns.items()},
        path=path,
        shipped_fallback=fallback,
    )
