"""What analysts type, made exact: club or player names matched ignoring case and accents, through
aliases.csv, or through the names ingest linked on its own (table identity_links: 'Man Utd' is
Manchester United when the data links them).

Kept apart from the marts (and pandas) so the report command can check its arguments and start
the first notebooks before paying for the heavier imports.
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path

from analysis import config
from analysis.errors import UserError
from analysis.identity.folding import fold
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


def _links(con, kind: str) -> list[tuple[str, str]]:
    """Names ingest linked on its own (none in a warehouse built before identity_links existed)."""
    has = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'identity_links' AND NOT temporary"
    ).fetchone()
    if not has or not has[0]:
        return []
    return con.execute(
        "SELECT written, canonical FROM identity_links WHERE kind = $kind AND decision = 'linked'", {"kind": kind}
    ).fetchall()


def known_names(kind: str, warehouse: Path | None = None) -> list[str]:
    """Canonical club or player names in the warehouse (contracts and rumours)."""
    with reading(warehouse) as con:
        return sorted(r[0] for r in con.execute(_KNOWN[kind]).fetchall())


def _fold(text: str) -> str:
    """As identity folds names: case, accents, transliteration (ı, ø, ß) and punctuation ignored."""
    return fold(text)


def resolve_name(name: str, kind: str = "club", warehouse: Path | None = None) -> str:
    """The canonical spelling of a club or player as the warehouse stores it: the name as typed,
    ignoring case and accents, an alias from aliases.csv ('Los Blancos', 'TAA'), or a name ingest
    linked (identity_links). An unknown or empty name is an error that names the closest known
    ones, never a silently empty answer."""
    if kind not in _KNOWN:
        raise ValueError(f"kind must be 'club' or 'player', not {kind!r}")
    if name is None or not str(name).strip():
        raise UserError(f"No {kind} name given (got {name!r}): name a {kind}, e.g. one from known_names({kind!r})")
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
            for alias, canonical in [
                *_links(con, kind),
                *con.execute("SELECT alias, canonical FROM ref_aliases WHERE kind = $kind", {"kind": kind}).fetchall(),
            ]
        }  # an alias line wins over a link, as in ingest
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
