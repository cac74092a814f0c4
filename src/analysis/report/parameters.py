"""Checks on report and notebook parameters: papermill hands a notebook whatever it was given
(`-p club 007` arrives as the number 7), so each parameter is made exact here, or refused with a
message naming it. Used by the notebooks' first cell and by the command line alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis import config
from analysis.errors import UserError


def check_date(value: str | dt.date | None) -> dt.date:
    """The as-of date; '' or None is today."""
    from analysis.dates import as_date

    return as_date(value or None)


def check_name(value: object, kind: str, warehouse: str | Path | None = None) -> str:
    """The canonical name, or an error naming the closest known ones (papermill may hand us 7 for '007')."""
    from analysis.identity.lookup import resolve_name

    return resolve_name(str(value), kind, Path(warehouse) if warehouse else None)


def check_warehouse(value: str | Path | None) -> Path:
    """The warehouse file, opened once so that a folder or another kind of file is refused here."""
    from analysis.warehouse import reading

    path = (Path(value) if value else config.warehouse_path()).resolve()  # notebooks run elsewhere
    if not path.exists():
        raise UserError(f"{path}: warehouse not found; build it with `python -m analysis ingest` or `make report`")
    with reading(path):
        pass
    return path


def check_positive(value: object, name: str) -> float:
    """A parameter that must be a number above zero (a half-life)."""
    try:
        number = float(str(value).strip())
    except ValueError:
        raise UserError(f"{name} must be a number, got {value!r}") from None
    if not number > 0 or number == float("inf"):
        raise UserError(f"{name} must be above 0, got {value!r}")
    return number


def check_count(value: object, name: str, minimum: int = 1, maximum: int | None = None) -> int:
    """A whole-number parameter within its range (papermill passes what it is given, typed or not)."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise UserError(f"{name} must be a whole number, got {value!r}") from None
    if number < minimum or (maximum is not None and number > maximum):
        span = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
        raise UserError(f"{name} must be {span}, got {number}")
    return number
