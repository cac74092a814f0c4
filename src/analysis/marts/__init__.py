"""Answers as DataFrames, for notebooks and analysts in JupyterLab.

Every helper takes an `as_of` date and sees the world as it was known then; the heavy work runs in
DuckDB (sql/marts/*.sql) on a short-lived read-only connection, and only the small reshaped result
comes back to pandas. Weights and half-life default to data/reference/ (see README, "Interest
intensity"); pass them to explore other assumptions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from analysis import facts, sqlfiles
from analysis.dates import as_date
from analysis.errors import UserError
from analysis.identity.lookup import known_names, resolve_name  # noqa: F401  (part of this module's API)
from analysis.warehouse import reading
from analysis.warehouse import snapshot as snapshot_of

if TYPE_CHECKING:  # pandas comes with the first answer (DuckDB's .df()): choosing dossiers needs none
    import pandas as pd

PARAMETER = re.compile(r"\$([a-z_]+)")
MAX_HALVINGS = 900  # 2 ** 900 still fits a double: bounds the running-sum trick in intensity_daily


@dataclass(frozen=True)
class Weights:
    """How much a report counts: stage weight x source weight, decayed with the half-life."""

    half_life_days: float = field(default_factory=lambda: facts.intensity_defaults()["half_life_days"])
    stage_weights: Mapping[str, float] | None = None  # None: data/reference/stage_weights.csv
    source_weights: Mapping[int, float] | None = None  # by outlet tier; None: tier_weights.csv
    min_source_tier: int = field(default_factory=lambda: int(facts.intensity_defaults()["min_source_tier"]))
    unknown_tier: int = field(default_factory=lambda: int(facts.intensity_defaults()["unknown_outlet_tier"]))


def _named(sql: str, params: dict) -> dict:
    """Just the parameters a statement names outside comments (DuckDB rejects unused ones)."""
    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    wanted = set(PARAMETER.findall(code))
    return {k: v for k, v in params.items() if k in wanted}


def _execute(con: duckdb.DuckDBPyConnection, relative: str, params: dict) -> None:
    for statement in sqlfiles.statements(relative):
        con.execute(statement, _named(statement, params))


def _run(con: duckdb.DuckDBPyConnection, relative: str, params: dict) -> pd.DataFrame:
    sql = sqlfiles.sql_text(relative)
    return con.execute(sql, _named(sql, params)).df()


def _frozen(value):
    """A hashable form of a parameter value (lists of weights become tuples)."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, Mapping):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


class _Memo:
    """Recent answers, by warehouse snapshot and question: a notebook asking the same thing twice
    (a dossier's ladder and its report list, an analyst re-running a cell) reads the warehouse once.
    Callers get a shallow copy, so changing one (copy-on-write) never changes what is remembered."""

    def __init__(self, size: int = 16) -> None:
        self.size, self.lock = size, threading.Lock()
        self.answers: OrderedDict[tuple, pd.DataFrame] = OrderedDict()

    def get(self, key) -> pd.DataFrame | None:
        with self.lock:
            if key not in self.answers:
                return None
            self.answers.move_to_end(key)
            return self.answers[key].copy(deep=False)

    def put(self, key, answer: pd.DataFrame) -> pd.DataFrame:
        with self.lock:
            self.answers[key] = answer
            while len(self.answers) > self.size:
                self.answers.popitem(last=False)
        return answer.copy(deep=False)

    def clear(self) -> None:
        with self.lock:
            self.answers.clear()


_memo = _Memo()


class Focus:
    """One question's stories (a club in both directions, or one player) as known on `as_of`, with
    its weights: ask it several things for the price of one pass over the warehouse (see `focus`).
    The stories are gathered on the first question the memo cannot answer."""

    def __init__(self, snapshot: tuple, con: duckdb.DuckDBPyConnection, params: dict) -> None:
        self._snapshot, self._con, self.params, self._gathered = snapshot, con, params, False
        self._key = tuple(sorted((k, _frozen(v)) for k, v in params.items()))

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The session, holding the focus's weighted stories in temp table focus_events."""
        if not self._gathered:
            sqlfiles.run_file(self._con, "marts/00_building_blocks.sql")
            _execute(self._con, "marts/10_focus_events.sql", self.params)
            self._gathered = True
        return self._con

    def _answer(self, question: tuple, compute) -> pd.DataFrame:
        key = (self._snapshot, self._key, question)
        known = _memo.get(key)
        return known if known is not None else _memo.put(key, compute())

    def intensity_daily(self, start: dt.date | str) -> pd.DataFrame:
        start = as_date(start)
        if (self.params["as_of"] - start).days / self.params["half_life_days"] > MAX_HALVINGS:
            raise UserError(
                f"{(self.params['as_of'] - start).days} days with a half-life of {self.params['half_life_days']} "
                "days is too long a series; start later or use a longer half-life"
            )
        return self._answer(("intensity_daily", start), lambda: self._intensity_daily(start))

    def _intensity_daily(self, start: dt.date) -> pd.DataFrame:
        import pandas as pd

        _execute(self.con, "marts/intensity_daily.sql", {**self.params, "start_date": start})
        pairs = self.con.execute(
            "SELECT pair_id, player, interested_club, player_club, direction FROM focus_pairs ORDER BY pair_id"
        ).df()
        days = self.con.execute(
            "SELECT pair_id, date, intensity, reports_to_date FROM focus_daily ORDER BY pair_id, date"
        ).fetchnumpy()
        labels = pairs.drop(columns="pair_id").take(days["pair_id"]).reset_index(drop=True)
        return pd.concat(
            [
                pd.DataFrame({"date": pd.to_datetime(days["date"])}),
                labels,
                pd.DataFrame({"intensity": days["intensity"], "reports_to_date": days["reports_to_date"]}),
            ],
            axis=1,
        )[["date", "player", "interested_club", "player_club", "direction", "intensity", "reports_to_date"]]

    def intensity_on(self) -> pd.DataFrame:
        return self._answer(("intensity_on",), lambda: _run(self.con, "marts/intensity_on.sql", self.params))

    def events(self) -> pd.DataFrame:
        return self._answer(("events",), lambda: _run(self.con, "marts/events.sql", self.params))

    def dossier_players(self, count: int) -> list[str]:
        """A club's players others chase hardest, then those it chases hardest (see the SQL)."""
        sql = sqlfiles.sql_text("marts/dossier_players.sql")
        params = {**self.params, "count": count}
        return [row[0] for row in self.con.execute(sql, _named(sql, params)).fetchall()]

    def contracts(self, include_expired: bool = False) -> pd.DataFrame:
        """The club's contracts, or the focus player's (his row as his club's table shows it)."""
        return self._answer(
            ("contracts", include_expired),
            lambda: _run(self.con, "marts/contracts.sql", {**self.params, "include_expired": include_expired}),
        )


@contextlib.contextmanager
def focus(
    club: str | None = None,
    player: str | None = None,
    *,
    as_of: dt.date | str | None = None,
    half_life_days: float | None = None,
    stage_weights: Mapping[str, float] | None = None,
    source_weights: Mapping[int, float] | None = None,
    min_source_tier: int | None = None,
    warehouse: Path | None = None,
) -> Iterator[Focus]:
    """A club (both directions) or one player, as known on `as_of`, with the given weights. Names
    are matched as the notebooks match them (case, accents, aliases); an unknown one is an error."""
    if (club is None) == (player is None):
        raise UserError("give a club or a player")
    weights = _weights(half_life_days, stage_weights, source_weights, min_source_tier)
    snapshot = snapshot_of(warehouse)
    club = None if club is None else resolve_name(club, "club", warehouse)
    player = None if player is None else resolve_name(player, "player", warehouse)
    with reading(warehouse) as con:
        yield Focus(snapshot, con, _parameters(con, as_date(as_of), club, player, weights))


def _parameters(
    con: duckdb.DuckDBPyConnection, as_of: dt.date, club: str | None, player: str | None, weights: Weights
) -> dict:
    """Everything the focus SQL takes: the reference weights with the caller's overrides."""
    stages = dict(con.execute("SELECT stage, stage_weight FROM ref_stage_weights ORDER BY stage").fetchall())
    stages.update(weights.stage_weights or {})
    tiers = dict(con.execute("SELECT tier, source_weight FROM ref_tier_weights ORDER BY tier").fetchall())
    tiers.update({int(k): float(v) for k, v in (weights.source_weights or {}).items()})
    if weights.unknown_tier not in tiers:
        raise UserError(f"no source weight for tier {weights.unknown_tier} (unknown outlets count as that tier)")
    if weights.half_life_days <= 0:
        raise UserError(f"half_life_days must be positive, got {weights.half_life_days}")
    return {
        "as_of": as_of,
        "club": club,
        "player": player,
        "stage_names": list(stages),
        "stage_weights": [float(v) for v in stages.values()],
        "tiers": list(tiers),
        "tier_weights": [float(v) for v in tiers.values()],
        "unknown_tier": weights.unknown_tier,
        "min_source_tier": weights.min_source_tier,
        "half_life_days": float(weights.half_life_days),
    }


def weighted_parameters(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | str,
    *,
    half_life_days: float | None = None,
    stage_weights: Mapping[str, float] | None = None,
    source_weights: Mapping[int, float] | None = None,
    min_source_tier: int | None = None,
) -> dict:
    """What report_events and the intensity macros take for every story of the warehouse (no
    club or player in focus: the market watch), weights from data/reference unless overridden."""
    weights = _weights(half_life_days, stage_weights, source_weights, min_source_tier)
    return _parameters(con, as_date(as_of), None, None, weights)


def _weights(half_life_days, stage_weights, source_weights, min_source_tier) -> Weights:
    defaults = Weights()
    return Weights(
        half_life_days=defaults.half_life_days if half_life_days is None else float(half_life_days),
        stage_weights=stage_weights,
        source_weights=source_weights,
        min_source_tier=defaults.min_source_tier if min_source_tier is None else int(min_source_tier),
        unknown_tier=defaults.unknown_tier,
    )


def interest_intensity(
    club: str | None = None,
    player: str | None = None,
    *,
    as_of: dt.date | str | None = None,
    start: dt.date | str | None = None,
    half_life_days: float | None = None,
    stage_weights: Mapping[str, float] | None = None,
    source_weights: Mapping[int, float] | None = None,
    min_source_tier: int | None = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """Daily interest intensity up to `as_of`, for a club (both directions) or one player.

    Columns: date, player, interested_club, player_club, direction ('chasing': the club chasing
    another club's player; 'chased': a rival chasing the club's player; null for a player focus),
    intensity, reports_to_date. `start` defaults to the lookback in data/reference/intensity.yml
    before `as_of`; each pair's series begins at its first report. Renewal talks never count.
    """
    as_of = as_date(as_of)
    start = as_date(start, as_of - dt.timedelta(days=int(facts.intensity_defaults()["lookback_days"])))
    with focus(
        club,
        player,
        as_of=as_of,
        half_life_days=half_life_days,
        stage_weights=stage_weights,
        source_weights=source_weights,
        min_source_tier=min_source_tier,
        warehouse=warehouse,
    ) as session:
        return session.intensity_daily(start)


def intensity_on(
    club: str | None = None,
    player: str | None = None,
    *,
    as_of: dt.date | str | None = None,
    half_life_days: float | None = None,
    stage_weights: Mapping[str, float] | None = None,
    source_weights: Mapping[int, float] | None = None,
    min_source_tier: int | None = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """Intensity of every suitor-player pair on `as_of` alone, strongest first (heatmaps, rankings)."""
    with focus(
        club,
        player,
        as_of=as_of,
        half_life_days=half_life_days,
        stage_weights=stage_weights,
        source_weights=source_weights,
        min_source_tier=min_source_tier,
        warehouse=warehouse,
    ) as session:
        return session.intensity_on()


def report_events(
    club: str | None = None,
    player: str | None = None,
    *,
    as_of: dt.date | str | None = None,
    min_source_tier: int | None = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """Every story (relays merged) of a club's pursuits or a player's up to `as_of`, oldest first,
    with its outlet, tier, relaying outlets, stage, fee (in euros and as written), headline, weight,
    renewal-talk flag and, for a club, direction ('chasing', 'chased' or 'renewal talk')."""
    with focus(club, player, as_of=as_of, min_source_tier=min_source_tier, warehouse=warehouse) as session:
        return session.events()


def pursuit_history(player: str, *, as_of: dt.date | str | None = None, warehouse: Path | None = None) -> pd.DataFrame:
    """A player's pursuit story: every report up to `as_of`, stage by stage, per club (renewal
    talks included and flagged)."""
    return report_events(player=player, as_of=as_of, warehouse=warehouse)


def club_contracts(
    club: str,
    *,
    as_of: dt.date | str | None = None,
    include_expired: bool = False,
    half_life_days: float | None = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """Contracts the club holds on `as_of`: days remaining, expiry status, pre-contract window start,
    age, market value, top suitor and its intensity, renewal talks so far."""
    with focus(club, as_of=as_of, half_life_days=half_life_days, warehouse=warehouse) as session:
        return session.contracts(include_expired)


def expiry_cliff(
    club: str | None = None,
    *,
    as_of: dt.date | str | None = None,
    clubs: list[str] | None = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """How many contracts and how much market value run out in each transfer window after `as_of`
    (one club, or all clubs when `club` is None: all of `clubs`, when given, e.g. a league's)."""
    club = None if club is None else resolve_name(club, "club", warehouse)
    with reading(warehouse) as con:
        sqlfiles.run_file(con, "marts/00_building_blocks.sql")
        return _run(
            con,
            "marts/expiry_cliff.sql",
            {"as_of": as_date(as_of), "club": club, "clubs": None if clubs is None else list(clubs)},
        )


def unmatched_players(warehouse: Path | None = None) -> pd.DataFrame:
    """Player names in rumours or transfers that match no contract, with suggestions to review
    (never merged): see README, "Names"."""
    with reading(warehouse) as con:
        return con.execute("SELECT * FROM unmatched_players ORDER BY reports + transfers DESC, player").df()


def unmatched_clubs(warehouse: Path | None = None) -> pd.DataFrame:
    """Club names that match no known club, with suggestions to review (never merged)."""
    with reading(warehouse) as con:
        return con.execute("SELECT * FROM unmatched_clubs ORDER BY reports + transfers DESC, club").df()


def identity_links(warehouse: Path | None = None) -> pd.DataFrame:
    """Names ingest linked on its own, and clubs it kept apart, each with its evidence and the
    aliases.csv line that vetoes it."""
    with reading(warehouse) as con:
        return con.execute("SELECT * FROM identity_links ORDER BY kind DESC, reports DESC, written").df()
