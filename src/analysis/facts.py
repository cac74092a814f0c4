"""Domain facts, read from data/reference: the one place code learns stages, outlets, FX rates and
intensity defaults, so editing a reference file changes every user of the fact (charts, synth,
helpers) and nothing keeps a copy that could drift.

Ingest loads the same files into the warehouse (`ref_*` tables) for SQL; this module is for Python
code that needs a fact without a warehouse (chart conventions, the synthetic league, defaults).
Reads are small CSV/YAML files, parsed once per process and folder.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from analysis import config
from analysis.errors import UserError

REQUIRED = ("half_life_days", "min_source_tier", "unknown_outlet_tier", "lookback_days")
OPTIONAL = {"floor": 0.01}  # settings an older intensity.yml may lack, with their defaults


def _folder(reference_dir: Path | None) -> Path:
    return (Path(reference_dir) if reference_dir is not None else config.REFERENCE_DIR).resolve()


def _stamp(path: Path) -> tuple[int, int]:
    """A file's version, so a fact is re-read after an analyst edits its file (kernels stay open)."""
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return stat.st_mtime_ns, stat.st_size


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]
    except OSError as exc:
        raise UserError(f"{path}: cannot read reference file: {exc.strerror or exc}") from None


def intensity_defaults(reference_dir: Path | None = None) -> dict[str, float]:
    """Half-life, tiers counted and lookback (intensity.yml): the defaults of every helper,
    notebook and report. Read live from data/reference, so an edit applies to the next run."""
    path = _folder(reference_dir) / "intensity.yml"
    return dict(_intensity_defaults(path, _stamp(path)))


@cache
def _intensity_defaults(path: Path, _version: tuple[int, int]) -> dict[str, float]:
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"{path}: cannot read intensity defaults: {exc}") from exc
    missing = [k for k in REQUIRED if k not in values]
    if missing:
        raise UserError(f"{path}: missing setting '{missing[0]}'")
    settings = {k: float(values[k]) for k in REQUIRED}
    for key, default in OPTIONAL.items():
        try:
            settings[key] = float(values.get(key, default))
        except (TypeError, ValueError):
            raise UserError(f"{path}: setting '{key}' is not a number: {values.get(key)!r}") from None
    return settings


@dataclass(frozen=True)
class Stage:
    name: str
    order: int
    weight: float
    meaning: str


def stages(reference_dir: Path | None = None) -> tuple[Stage, ...]:
    """The pursuit stages in ladder order (stage_weights.csv): monitoring first, denied last."""
    path = _folder(reference_dir) / "stage_weights.csv"
    return _stages(path, _stamp(path))


@cache
def _stages(path: Path, _version: tuple[int, int]) -> tuple[Stage, ...]:
    try:
        found = [
            Stage(r["stage"], int(r.get("stage_order") or 0), float(r["stage_weight"]), r.get("meaning", ""))
            for r in _rows(path)
        ]
    except (KeyError, ValueError) as exc:
        raise UserError(f"{path}: needs stage, stage_order and stage_weight columns with numbers: {exc}") from None
    return tuple(sorted(found, key=lambda s: s.order))


def stage_names(reference_dir: Path | None = None) -> list[str]:
    return [s.name for s in stages(reference_dir)]


@dataclass(frozen=True)
class Outlet:
    name: str
    tier: int | None
    country: str


def outlets(reference_dir: Path | None = None) -> tuple[Outlet, ...]:
    """Outlets in file order (outlets.csv); tier None when the file gives none."""
    path = _folder(reference_dir) / "outlets.csv"
    return _outlets(path, _stamp(path))


@cache
def _outlets(path: Path, _version: tuple[int, int]) -> tuple[Outlet, ...]:
    found = []
    for r in _rows(path):
        tier = r.get("tier", "")
        found.append(Outlet(r["outlet"], int(tier) if tier.isdigit() else None, r.get("country", "")))
    return tuple(dict.fromkeys(found))  # a line repeated identically is one outlet


@dataclass(frozen=True)
class FxRate:
    currency: str
    eur_per_unit: float
    valid_from: dt.date


def fx_rates(reference_dir: Path | None = None) -> tuple[FxRate, ...]:
    """Euros per unit of each currency, each from the day it applies (fx_rates.csv)."""
    path = _folder(reference_dir) / "fx_rates.csv"
    return _fx_rates(path, _stamp(path))


@cache
def _fx_rates(path: Path, _version: tuple[int, int]) -> tuple[FxRate, ...]:
    try:
        rates = {
            FxRate(r["currency"].upper(), float(r["eur_per_unit"]), dt.date.fromisoformat(r["valid_from"]))
            for r in _rows(path)
        }
    except (KeyError, ValueError) as exc:
        raise UserError(f"{path}: needs currency, eur_per_unit and valid_from (YYYY-MM-DD): {exc}") from None
    return tuple(sorted(rates, key=lambda r: (r.currency, r.valid_from)))


def eur_per_unit(currency: str, on: dt.date, reference_dir: Path | None = None) -> float:
    """The rate in force on a day, as ingest converts fees: the latest valid_from on or before it."""
    currency = currency.upper()
    if currency == "EUR":
        return 1.0
    applying = [r for r in fx_rates(reference_dir) if r.currency == currency and r.valid_from <= on]
    if not applying:
        raise UserError(f"no {currency} rate in fx_rates.csv on or before {on}")
    return applying[-1].eur_per_unit
