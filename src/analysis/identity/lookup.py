"""What analysts type, made exact: club or player names matched ignoring case and accents, or
through aliases.csv.

Kept apart from the marts (and pandas) so the report command can check its arguments and start
the first notebooks before paying for the heavier imports.
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path

from analysis import config
from analysis.errors import UserError
from analysis.warehouse import reading, snapshot

_KNOWN = {
    "club": "SELECT club FROM contracts UNION SELECT interested_club FROM rumours "
    "UNION SELECT player_club FROM rumours WHERE player_club IS NOT NULL",
    "player": "SELECT player FROM contracts UNION SELECT player FROM rumours",
}
# A name exactly as stored: the common case (notebooks, views and the report pass canonical names),
# answered without reading every rumoured name.
_EXACT = {
    "club": "SELECT EXISTS (SELECT 1 FROM contracts WHERE club = $name) "
    "OR EXISTS (SELECT 1 FROM rumours WHERE interested_club = $name OR player_club = $name)",
    "player": "SELECT EXISTS (SELECT 1 FROM contracts WHERE player = $name) "
    "OR EXISTS (SELECT 1 FROM rumours WHERE player = $name)",
}
_ROSTER = {"club": "SELECT DISTINCT club FROM contracts", "player": "SELECT DISTINCT player FROM contracts"}


def known_names(kind: str, warehouse: Path | None = None) -> list[str]:
    """Canonical club or player names in the warehouse (contracts and rumours)."""
    with reading(warehouse) as con:
        return sorted(r[0] for r in con.execute(_KNOWN[kind]).fetchall())


def _fold(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).lower().split())


def resolve_name(name: str, kind: str = "club", warehouse: Path | None = None) -> str:
    """The canonical spelling of a club or player as the warehouse stores it: the name as typed,
    ignoring case and accents, or an alias from aliases.csv ('Los Blancos', 'TAA'). An unknown name
    is an error that names the closest known ones, never a silently empty answer."""
    if kind not in _KNOWN:
        raise ValueError(f"kind must be 'club' or 'player', not {kind!r}")
    return _resolve(snapshot(warehouse), str(name), kind, warehouse)


@functools.lru_cache(maxsize=512)
def _resolve(_snapshot: tuple, name: str, kind: str, warehouse: Path | None) -> str:
    """Cheapest first: the name as stored, the contracts' names (small), the aliases, and only then
    every rumoured name, since reading those is what costs on a large warehouse."""
    with reading(warehouse) as con:
        found = con.execute(_EXACT[kind], {"name": name}).fetchone()
        if found and found[0]:
            return name
        rostered = {_fold(r[0]): r[0] for r in con.execute(_ROSTER[kind]).fetchall()}
        aliases = {
            _fold(alias): canonical
            for alias, canonical in con.execute(
                "SELECT alias, canonical FROM ref_aliases WHERE kind = $kind", {"kind": kind}
            ).fetchall()
        }
    wanted = _fold(name)
    if wanted in rostered:
        return rostered[wanted]
    by_fold = {_fold(n): n for n in known_names(kind, warehouse)}
    for candidate in (wanted, _fold(aliases.get(wanted, ""))):
        if candidate in by_fold:
            return by_fold[candidate]
    close = difflib.get_close_matches(wanted, list(by_fold), n=3, cutoff=0.5)
    hint = f" Closest known: {', '.join(by_fold[c] for c in close)}." if close else ""
    raise UserError(f"Unknown {kind} {name!r} in {Path(warehouse or config.warehouse_path()).name}.{hint}")
