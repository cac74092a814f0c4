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
SOURCE_WEIGHT_CHOICES = ("tiers", "learned")  # source_weights by name: tier_weights.csv, or learned hit rates
SourceWeights = Mapping[int, float] | str | None


@dataclass(frozen=True)
class Weights:
    """How much a report counts: stage weight x source weight, decayed with the half-life."""

    half_life_days: float = field(default_factory=lambda: facts.intensity_defaults()["half_life_days"])
    stage_weights: Mapping[str, float] | None = None  # None: data/reference/stage_weights.csv
    source_weights: Mapping[int, float] | None = None  # by outlet tier; None: tier_weights.csv
    outlet_weights: Mapping[str, float] | None = None  # per outlet, before its tier's (source_weights='learned')
    min_source_tier: int = field(default_factory=lambda: int(facts.intensity_defaults()["min_source_tier"]))
    unknown_tier: int = field(default_factory=lambda: int(facts.intensity_defaults()["unknown_outlet_tier"]))


def _named(sql: str, params: dict) -> dict:
    """Just the parameters a statement names outside comments (DuckDB rejects unused ones)."""
    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    wanted = set(PARAMETER.findall(code))
    return {k: v for k, v in params.items() if k in wanted}


NEEDED_TABLES = ("rumours", "contracts", "player_clubs", "transfers")  # what the building blocks read


def building_blocks(con: duckdb.DuckDBPyConnection) -> None:
    """The point-in-time macros every mart uses (sql/marts/00_building_blocks.sql), on a warehouse
    that has the tables they read: one built before players' clubs were tracked must be rebuilt."""
    present = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()}
    missing = [t for t in NEEDED_TABLES if t not in present]
    if missing:
        raise UserError(
            f"the warehouse has no table {missing[0]} (built by an older version): run `python -m analysis ingest`"
        )
    sqlfiles.run_file(con, "marts/00_building_blocks.sql")


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
            building_blocks(self._con)
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
            "SELECT pair_id, player, interested_club, player_club, direction, joined_on "
            "FROM focus_pairs ORDER BY pair_id"
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
        )[
            [
                "date",
                "player",
                "interested_club",
                "player_club",
                "direction",
                "intensity",
                "reports_to_date",
                "joined_on",
            ]
        ]

    def intensity_on(self) -> pd.DataFrame:
        return self._answer(("intensity_on",), lambda: _run(self.con, "marts/intensity_on.sql", self.params))

    def events(self) -> pd.DataFrame:
        return self._answer(("events",), lambda: _run(self.con, "marts/events.sql", self.params))

    def completed_pursuits(self) -> pd.DataFrame:
        return self._answer(("completed",), lambda: _run(self.con, "marts/completed_pursuits.sql", self.params))

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
    source_weights: SourceWeights = None,
    min_source_tier: int | None = None,
    warehouse: Path | None = None,
) -> Iterator[Focus]:
    """A club (both directions) or one player, as known on `as_of`, with the given weights. Names
    are matched as the notebooks match them (case, accents, aliases); an unknown one is an error.
    source_weights: tier weights ({1: 1.0, 2: 0.8, ...}), 'tiers' (tier_weights.csv, the default) or
    'learned' (each outlet weighted by its hit rate as of `as_of`, analysis.forecast)."""
    if club is None and player is None:
        raise UserError("give a club or a player")
    if club is not None and player is not None:
        raise UserError("give a club or a player, not both")
    weights = _weights(half_life_days, stage_weights, source_weights, min_source_tier, as_date(as_of), warehouse)
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
    unknown = sorted(set(weights.stage_weights or {}) - set(stages))
    if unknown:  # a typo ('bidd') would otherwise leave every weight as it was, silently
        raise UserError(
            f"stage_weights: unknown stage {', '.join(map(repr, unknown))}; the stages are {', '.join(stages)}"
        )
    stages.update(weights.stage_weights or {})
    tiers = dict(con.execute("SELECT tier, source_weight FROM ref_tier_weights ORDER BY tier").fetchall())
    tiers.update({int(k): float(v) for k, v in (weights.source_weights or {}).items()})
    if weights.unknown_tier not in tiers:
        raise UserError(f"no source weight for tier {weights.unknown_tier} (unknown outlets count as that tier)")
    if weights.half_life_days <= 0:
        raise UserError(f"half_life_days must be positive, got {weights.half_life_days}")
    if not 1 <= weights.min_source_tier <= max(tiers):  # as the notebooks refuse it (trial 3: 9 meant all tiers)
        raise UserError(
            f"min_source_tier must be between 1 and {max(tiers)} (0: the default), got {weights.min_source_tier}"
        )
    outlets = dict(weights.outlet_weights or {})
    return {
        "outlet_names": list(outlets) or None,
        "outlet_weights": [float(v) for v in outlets.values()] or None,
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
        "floor": facts.intensity_defaults()["floor"],
    }


def weighted_parameters(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | str,
    *,
    half_life_days: float | None = None,
    stage_weights: Mapping[str, float] | None = None,
    source_weights: SourceWeights = None,
    min_source_tier: int | None = None,
    warehouse: Path | None = None,
) -> dict:
    """What report_events and the intensity macros take for every story of the warehouse (no
    club or player in focus: the market watch), weights from data/reference unless overridden."""
    day = as_date(as_of)
    weights = _weights(half_life_days, stage_weights, source_weights, min_source_tier, day, warehouse)
    return _parameters(con, day, None, None, weights)


def source_weight_choice(value: object) -> str:
    """'tiers' or 'learned' from what a user typed ('' and None are tiers); anything else an error."""
    choice = "tiers" if value is None else str(value).strip().lower() or "tiers"
    if choice not in SOURCE_WEIGHT_CHOICES:
        raise UserError(
            f"source_weights must be 'tiers' (by outlet tier, tier_weights.csv) or 'learned' (by each outlet's "
            f"hit rate, learned from outcomes), got {value!r}"
        )
    return choice


def _weights(
    half_life_days, stage_weights, source_weights, min_source_tier, as_of: dt.date, warehouse: Path | None
) -> Weights:
    defaults = Weights()
    tier_weights, outlet_weights = source_weights, None
    if source_weights is None or isinstance(source_weights, str):
        tier_weights = None
        if source_weight_choice(source_weights) == "learned":
            from analysis import forecast  # the forecast reads the warehouse through marts itself

            outlet_weights = forecast.learned_source_weights(as_of, warehouse=warehouse)
    return Weights(
        half_life_days=defaults.half_life_days if half_life_days is None else float(half_life_days),
        stage_weights=stage_weights,
        source_weights=tier_weights,
        outlet_weights=outlet_weights,
        # 0 is the default, as a notebook's parameters cell writes it
        min_source_tier=defaults.min_source_tier if min_source_tier in (None, 0) else int(min_source_tier),
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
    source_weights: SourceWeights = None,
    min_source_tier: int | None = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """Daily interest intensity up to `as_of`, for a club (both directions) or one player.

    Columns: date, player, interested_club, player_club, direction ('chasing': the club chasing
    another club's player; 'chased': a rival chasing the club's player; null for a player focus),
    intensity, reports_to_date, joined_on (a flag: the day the player joined the suitor when that
    pursuit is a completed move on `as_of`, see completed_pursuits; null while it is a chase, or
    chased again since). `start` defaults to the lookback in data/reference/intensity.yml before
    `as_of`; each pair's series begins at its first report and runs to the as-of date, a completed
    one too (SPEC 7, 8: only the chart stops its line at joined_on). Renewal talks never count.
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
    source_weights: SourceWeights = None,
    min_source_tier: int | None = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """Intensity on `as_of` alone of every pair the focus is in (the club's players and the players
    it chases, or the player's suitors; the whole market's pairs are the market watch's,
    analysis.marts.market.MarketWatch), strongest first (heatmaps, rankings): every report counts
    (SPEC 8); joined_on flags a pursuit that is a completed move on `as_of` (he joined the suitor, no
    outside report since: completed_pursuits), which a "who is chasing" view leaves out."""
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
    source_weights: SourceWeights = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """Every story (relays merged) of a club's pursuits or a player's up to `as_of`, oldest first,
    with its outlet, tier, relaying outlets, stage, fee (in euros and as written), headline, weight,
    renewal-talk flag and, for a club, direction ('chasing', 'chased' or 'renewal talk')."""
    with focus(
        club, player, as_of=as_of, min_source_tier=min_source_tier, source_weights=source_weights, warehouse=warehouse
    ) as session:
        return session.events()


def pursuit_history(player: str, *, as_of: dt.date | str | None = None, warehouse: Path | None = None) -> pd.DataFrame:
    """A player's pursuit story: every report up to `as_of`, stage by stage, per club (renewal
    talks included and flagged)."""
    return report_events(player=player, as_of=as_of, warehouse=warehouse)


def completed_pursuits(
    club: str | None = None,
    player: str | None = None,
    *,
    as_of: dt.date | str | None = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """The pursuits of a club's story (or a player's) that ended with the player joining the suitor
    by `as_of`, one row per completion: player, interested_club, pursued_since and pursuit_stories
    (the outside reports it completed, since the pair's previous join), joined_on (the move's day),
    joined_known_on, joined_evidence ('transfers' or 'contracts'), source_file, line_number, and
    chase_resumed_on: the first outside report of the pair after the join (he left, or was only on
    loan, and the club came back: a new chase), null when none, the pair then a completed move and
    no longer a chase. The moves are the ones outcomes count (SPEC 9, 10). Both a club and a player:
    that pair's completions alone."""
    if club is not None and player is not None:
        name = resolve_name(player, "player", warehouse)
        frame = completed_pursuits(club, as_of=as_of, warehouse=warehouse)
        return frame[frame["player"] == name].reset_index(drop=True)
    with focus(club, player, as_of=as_of, warehouse=warehouse) as session:
        return session.completed_pursuits()


def club_contracts(
    club: str,
    *,
    as_of: dt.date | str | None = None,
    include_expired: bool = False,
    half_life_days: float | None = None,
    source_weights: SourceWeights = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """Contracts the club holds on `as_of`: days remaining, expiry status, pre-contract window start,
    age, market value, top suitor and its intensity, renewal talks so far."""
    with focus(
        club, as_of=as_of, half_life_days=half_life_days, source_weights=source_weights, warehouse=warehouse
    ) as session:
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
        building_blocks(con)
        return _run(
            con,
            "marts/expiry_cliff.sql",
            {"as_of": as_date(as_of), "club": club, "clubs": None if clubs is None else list(clubs)},
        )


def data_dates(
    as_of: dt.date | str | None = None,
    *,
    club: str | None = None,
    player: str | None = None,
    warehouse: Path | None = None,
) -> dict:
    """How far the warehouse's data reaches (first and newest report, newest move and dated contract record), and
    the contract records behind a club's or a player's report on `as_of` (how many, how many
    undated, the newest recorded_on): what a report must say when it reaches past its data."""
    club = None if club is None else resolve_name(club, "club", warehouse)
    player = None if player is None else resolve_name(player, "player", warehouse)
    with reading(warehouse) as con:
        sql = sqlfiles.sql_text("marts/data_dates.sql")
        result = con.execute(sql, _named(sql, {"as_of": as_date(as_of), "club": club, "player": player}))
        names = [d[0] for d in result.description or []]
        return dict(zip(names, result.fetchone() or ()))


WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
NOT_A_LINK = re.compile(r"img|image|photo|logo|portrait|wappen|crest|profil", re.IGNORECASE)  # pictures, profiles


def story_links(stories: pd.DataFrame, warehouse: Path | None = None) -> list[str | None]:
    """Each story's link (stories: report_events rows, with source_file and line_number): its url,
    else the first extra column of its row whose name says link (url, link, thread, href, source;
    not a picture or a player's profile) holding a web address. Only http(s) addresses count:
    anything else (a javascript: URL, plain text) is no link. None where there is none."""
    if stories.empty:
        return []
    with reading(warehouse) as con:
        sql = sqlfiles.sql_text("marts/report_links.sql")
        params = {"files": list(stories["source_file"]), "lines": [int(n) for n in stories["line_number"]]}
        rows = con.execute(sql, params).df()
    standard = {"url", "source", "source_tier", "source_file", "line_number"}
    candidates = ["url", *(c for c in rows.columns if c not in standard and not NOT_A_LINK.search(c))]
    found: dict[tuple[str, int], str] = {}
    for values in rows.to_dict("records"):
        for column in candidates:
            value = values.get(column)
            if isinstance(value, str) and WEB_ADDRESS.match(value.strip()):
                found[(values["source_file"], int(values["line_number"]))] = value.strip()
                break
    return [found.get((f, int(n))) for f, n in zip(stories["source_file"], stories["line_number"])]


def unmatched_players(warehouse: Path | None = None) -> pd.DataFrame:
    """Player names in rumours or transfers that match no contract, with suggestions to review
    (never merged): see README, "Names". Rumoured names first; names only transfers carry after
    them, those with a suggestion first (the rest are players the contracts do not cover)."""
    with reading(warehouse) as con:
        return con.execute(
            "SELECT * FROM unmatched_players ORDER BY reports = 0, reports = 0 AND len(suggestions) = 0, "
            "reports + transfers DESC, player"
        ).df()


def unmatched_clubs(warehouse: Path | None = None) -> pd.DataFrame:
    """Club names that match no known club, with suggestions to review (never merged)."""
    with reading(warehouse) as con:
        return con.execute("SELECT * FROM unmatched_clubs ORDER BY reports + transfers DESC, club").df()


def identity_links(warehouse: Path | None = None) -> pd.DataFrame:
    """Names ingest linked on its own, and clubs it kept apart, each with its evidence and the
    aliases.csv line that vetoes it."""
    with reading(warehouse) as con:
        return con.execute("SELECT * FROM identity_links ORDER BY kind DESC, reports DESC, written").df()
