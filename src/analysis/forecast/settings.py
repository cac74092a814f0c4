"""The forecast's defaults (data/reference/forecast.yml): read live, like the intensity defaults,
so an edit applies to the next helper call, notebook or backtest."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path

import yaml

from analysis import config
from analysis.errors import UserError

FILE = "forecast.yml"
TEXT = ("pool_column",)  # settings that are text, not numbers
COLUMN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Settings:
    horizon_windows: int = 2  # transfer windows a story or a forecast looks ahead (SPEC 10)
    interest_days: int = 90  # a pair has interest while its latest story is at most this old
    history_days: int = 120  # stories a pair's features are computed from
    trend_days: int = 28  # intensity now against this many days before
    snapshot_days: int = 14  # how often the model's training examples are taken
    min_outcomes: int = 20  # known moves, and known non-moves, needed to fit a probability
    credible_level: float = 0.9  # of each outlet's interval for its hit rate
    # a rumours column whose values keep stories apart: a pair is learned from and forecast only with
    # pairs of the same value (a synthetic league beside real data never teaches real forecasts)
    pool_column: str = "dataset"

    def check(self) -> Settings:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "pool_column":
                if value and not COLUMN_NAME.fullmatch(value):
                    raise UserError(f"pool_column must be a column name (letters, digits, _), got {value!r}")
            elif f.name == "credible_level":
                if not 0 < value < 1:
                    raise UserError(f"credible_level must be between 0 and 1, got {value}")
            elif value < 1:
                raise UserError(f"{f.name} must be at least 1, got {value}")
        return self


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return stat.st_mtime_ns, stat.st_size


@cache
def _read(path: Path, _version: tuple[int, int]) -> Settings:
    if not path.exists():
        return Settings()
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"{path}: cannot read forecast settings: {exc}") from exc
    known = [f.name for f in fields(Settings)]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise UserError(f"{path}: unknown setting '{unknown[0]}' (known: {', '.join(known)})")
    typed = {k: _number(k, v) for k, v in values.items()}
    return replace(Settings(), **typed).check()  # type: ignore[arg-type]


def _number(name: str, value: object) -> int | float | str:
    if name in TEXT:
        return "" if value is None else str(value).strip()
    try:
        return float(str(value)) if name == "credible_level" else int(str(value))
    except ValueError:
        raise UserError(f"{name} must be a number, got {value!r}") from None


def settings(reference_dir: Path | None = None, **overrides: object) -> Settings:
    """The defaults from forecast.yml, with the caller's overrides (None or 0 keeps the default)."""
    path = (Path(reference_dir) if reference_dir else config.REFERENCE_DIR) / FILE
    chosen = _read(path.resolve(), _stamp(path))
    known = {f.name for f in fields(Settings)}
    given = {k: _number(k, v) for k, v in overrides.items() if k in known and v is not None and (k in TEXT or v)}
    return replace(chosen, **given).check() if given else chosen  # type: ignore[arg-type]
