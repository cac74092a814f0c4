"""Dates as analysts type them ('2025-01-25', a date, a datetime), made exact."""

from __future__ import annotations

import datetime as dt

from analysis.errors import UserError


def as_date(value: dt.date | str | None, default: dt.date | None = None, *, name: str = "as_of") -> dt.date:
    """A date from a date, a datetime or 'YYYY-MM-DD'; None gives the default (today). `name` is
    what the user gave it as (`--since` on the command line), so an error names that."""
    if value is None:
        return default or dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UserError(f"{name} must be a date like 2025-01-25, got {value!r}") from None
