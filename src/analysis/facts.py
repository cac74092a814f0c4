"""Reference settings read at analysis time (the CSV reference tables travel in the warehouse)."""

from __future__ import annotations

from functools import cache

import yaml

from analysis import config
from analysis.errors import UserError

REQUIRED = ("half_life_days", "min_source_tier", "unknown_outlet_tier", "lookback_days")


@cache
def intensity_defaults() -> dict[str, float]:
    path = config.REFERENCE_DIR / "intensity.yml"
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"{path}: cannot read intensity defaults: {exc}") from exc
    missing = [k for k in REQUIRED if k not in values]
    if missing:
        raise UserError(f"{path}: missing setting '{missing[0]}'")
    return {k: float(values[k]) for k in REQUIRED}
