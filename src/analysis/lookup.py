"""What analysts type, made exact: dates, and club or player names matched ignoring case and accents.

Kept apart from the marts (and pandas) so the report command can check its arguments and start
the first notebooks before paying for the heavier imports.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from analysis import config
from analysis.errors import UserError
from analysis.warehouse import reading


def as_date(value: dt.date | str | None, default: dt.date | None = None) -> dt.date:
    """A date from a date, a datetime or 'YYYY-MM-DD'; None gives the default (today)."""
    if value is None:
        return default or dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UserError(f"as_of must be a date like 2025-01-25, got {value!r}") from None



def known_names(kind: str, warehouse: Path | None = None) -> list[str]:
    """Canonical club or player names in the warehouse (contracts and rumours)."""
    queries = {
        "club": "SELECT club FROM contracts UNION SELECT interested_club FROM rumours "
                "UNION SELECT player_club FROM rumours WHERE player_club IS NOT NULL",
        "player": "SELECT player FROM contracts UNION SELECT player FROM rumours",
    }
    with reading(warehouse) as con:
        return sorted(r[0] for r in con.execute(queries[kind]).fetchall())


def _fold(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).lower().split())


def resolve_name(name: str, kind: str = "club", warehouse: Path | None = None) -> str:
    """The canonical spelling of a club or player, ignoring case and accents; an unknown name is an
    error that names the closest known ones. Contracts (small) are asked first; every rumoured name
    only when that fails, since reading those is what costs on a large warehouse."""
    column = {"club": "club", "player": "player"}[kind]
    with reading(warehouse) as con:
        rostered = [r[0] for r in con.execute(f"SELECT DISTINCT {column} FROM contracts").fetchall()]
    for known in rostered:
        if _fold(known) == _fold(name):
            return known
    names = known_names(kind, warehouse)
    by_fold = {_fold(n): n for n in names}
    if _fold(name) in by_fold:
        return by_fold[_fold(name)]
    close = difflib.get_close_matches(_fold(name), list(by_fold), n=3, cutoff=0.5)
    hint = f" Closest known: {', '.join(by_fold[c] for c in close)}." if close else ""
    raise UserError(f"Unknown {kind} {name!r} in {Path(warehouse or config.warehouse_path()).name}.{hint}")
