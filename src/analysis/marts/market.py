"""The market watch's answers (SPEC 11): what changed between two dates across the whole
warehouse, or across one league's or country's clubs (from the clubs reference, `ref_clubs`).

One pass: the stories known on the as-of date, and their completed pursuits, are gathered once
(sql/marts/market_events.sql) and every section is asked of them in DuckDB; only the small answers
come back as DataFrames.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import marts, sqlfiles
from analysis.dates import as_date
from analysis.errors import UserError
from analysis.warehouse import reading

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

SINCE_DAYS = 7  # default --since: a week before the as-of date
MILESTONE_STAGES = ("approach", "bid", "agreed", "completed", "ruled_out")  # "new stages reached"


@dataclass(frozen=True)
class Scope:
    """Which clubs the watch covers: a league's and/or a country's (clubs set), or all (None)."""

    league: str | None = None
    country: str | None = None
    clubs: tuple[str, ...] | None = None

    @property
    def label(self) -> str:
        parts = [p for p in (self.league, self.country) if p]
        return " / ".join(parts) if parts else "All clubs"


def has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name = $t",
        {"t": table},
    ).fetchone()
    return bool(found and found[0])


def scope(league: str | None = None, country: str | None = None, warehouse: Path | None = None) -> Scope:
    """The clubs of a league and/or country from ref_clubs; neither given: every club. An unknown
    league or country is an error listing those the reference has."""
    league, country = (league or "").strip() or None, (country or "").strip() or None
    if league is None and country is None:
        return Scope()
    with reading(warehouse) as con:
        counted = con.execute("SELECT count(*) FROM ref_clubs").fetchone() if has_table(con, "ref_clubs") else None
        if not counted or not counted[0]:  # no table (an old warehouse), or a reference listing no club (none given)
            raise UserError(
                "filtering by league or country needs the clubs reference (data/reference/clubs.csv: club, league, "
                "country), which lists no club in this warehouse; add it and run `python -m analysis ingest`"
            )
        sql = sqlfiles.sql_text("marts/market_scope.sql")
        found = con.execute(sql, {"league": league, "country": country}).fetchall()
        clubs = sorted({r[0] for r in found})
        if not clubs:
            for kind, value in (("league", league), ("country", country)):
                if value is None:
                    continue
                known = [r[0] for r in con.execute(f"SELECT DISTINCT {kind} FROM ref_clubs ORDER BY 1").fetchall()]
                folded = {str(k).casefold().strip() for k in known if k is not None}
                if value.casefold() not in folded:
                    listed = ", ".join(str(k) for k in known if k is not None) or "none"
                    raise UserError(f"unknown {kind} {value!r} in the clubs reference; it lists: {listed}")
            raise UserError(f"no club in the clubs reference is in league {league!r} and country {country!r}")
    spelt = found[0]  # as the reference writes them ('Liga Demo' for 'liga demo')
    return Scope(spelt[1] if league else None, spelt[2] if country else None, tuple(clubs))


def clubs_to_report(as_of: dt.date | str, within: Scope, warehouse: Path | None = None) -> list[str]:
    """An all-clubs run's clubs: every club holding a contract on `as_of`; with a scope, those of
    its clubs the warehouse knows by then (a squad, or a pursuit of its own)."""
    with reading(warehouse) as con:
        marts.building_blocks(con)
        sql = sqlfiles.sql_text("marts/market_clubs.sql")
        scoped = None if within.clubs is None else list(within.clubs)
        return [r[0] for r in con.execute(sql, {"as_of": as_date(as_of), "scope": scoped}).fetchall()]


@dataclass
class MarketWatch:
    """Every section's data, as known on `as_of`, of what changed after `since`."""

    as_of: dt.date
    since: dt.date
    scope: Scope
    half_life_days: float
    new_pursuits: pd.DataFrame
    movers: pd.DataFrame
    new_stages: pd.DataFrame
    contract_milestones: pd.DataFrame
    completed_moves: pd.DataFrame | None  # None: the warehouse has no transfers table
    expiry_cliff: pd.DataFrame
    contracts_on_record: int = 0  # contract states on as_of in the scope: none means the squads are not known yet
    first_contract_recorded_on: dt.date | None = None  # the scope's first dated contract record
    scope_players: tuple[str, ...] | None = None  # with a scope: players whose club on as_of is in it
    notes: dict[str, str] = field(default_factory=dict)  # section -> why it cannot be shown


def check_since(since: dt.date | str | None, as_of: dt.date, *, name: str = "since") -> dt.date:
    """The start of the watch's window: given, or a week before the as-of date; never after it.
    `name`: what the user gave it as (`--since` on the command line), so an error names that."""
    start = as_date(since or None, as_of - dt.timedelta(days=SINCE_DAYS), name=name)
    if start >= as_of:
        raise UserError(f"{name} ({start}) must be before the as-of date ({as_of})")
    return start


def market_watch(
    as_of: dt.date | str | None = None,
    since: dt.date | str | None = None,
    *,
    league: str | None = None,
    country: str | None = None,
    half_life_days: float | None = None,
    min_source_tier: int | None = None,
    source_weights: marts.SourceWeights = None,
    warehouse: Path | None = None,
) -> MarketWatch:
    """What changed after `since` (default: a week before), as known on `as_of`: new pursuits,
    intensity movers, new stages reached, contracts renewed or entering their final year or
    pre-contract window, completed moves, and the expiry cliff; for every club, or a league's or country's."""
    as_of = as_date(as_of)
    start = check_since(since, as_of)
    within = scope(league, country, warehouse)
    scoped = None if within.clubs is None else list(within.clubs)
    with reading(warehouse) as con:
        params = marts.weighted_parameters(
            con,
            as_of,
            half_life_days=half_life_days,
            min_source_tier=min_source_tier,
            source_weights=source_weights,
            warehouse=warehouse,
        )
        params |= {"since": start, "scope": scoped, "stages": list(MILESTONE_STAGES)}
        marts.building_blocks(con)
        for statement in sqlfiles.statements("marts/market_events.sql"):
            con.execute(statement, _named(statement, params))
        answers = {
            name: _run(con, f"marts/market_{name}.sql", params)
            for name in ("new_pursuits", "movers", "new_stages", "contract_milestones")
        }
        notes = {}
        moves = None
        if has_table(con, "transfers"):
            moves = _run(con, "marts/market_completed_moves.sql", params)
        else:
            notes["completed_moves"] = (
                "This warehouse has no completed moves yet (table transfers, built from data/raw/transfers/*.csv "
                "by `python -m analysis ingest`)."
            )
        cliff = _run(con, "marts/expiry_cliff.sql", {"as_of": as_of, "club": None, "clubs": scoped})
        on_record, first_recorded = len(cliff), None  # asked only when nothing runs out: why not
        if cliff.empty:
            sql = sqlfiles.sql_text("marts/contracts_on_record.sql")
            ((on_record, first_recorded),) = con.execute(sql, _named(sql, {"as_of": as_of, "scope": scoped})).fetchall()
        players = None
        if scoped is not None:
            rows = con.execute("SELECT player FROM market_roster WHERE list_contains($scope, club)", {"scope": scoped})
            players = tuple(sorted(r[0] for r in rows.fetchall()))
    return MarketWatch(
        as_of=as_of,
        since=start,
        scope=within,
        half_life_days=params["half_life_days"],
        completed_moves=moves,
        expiry_cliff=cliff,
        contracts_on_record=on_record,
        first_contract_recorded_on=first_recorded,
        scope_players=players,
        notes=notes,
        **answers,
    )


def _named(sql: str, params: dict) -> dict:
    """Just the parameters a statement names (DuckDB rejects unused ones)."""
    import re

    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    wanted = set(re.findall(r"\$([a-z_]+)", code))
    return {k: v for k, v in params.items() if k in wanted}


def _run(con: duckdb.DuckDBPyConnection, relative: str, params: dict) -> pd.DataFrame:
    sql = sqlfiles.sql_text(relative)
    return con.execute(sql, _named(sql, params)).df()
