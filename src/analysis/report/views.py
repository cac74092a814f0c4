"""What each notebook section shows: the data (from marts) and its chart (from charts), together.

Notebooks call one function per section and get (figure, data) back: the figure to show, the data
to export beside it as CSV. Keeping this here, not in notebooks, is what lets it be tested.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from analysis import facts, marts
from analysis.report import charts

TOP_PAIRS = 10
HEATMAP_PLAYERS, HEATMAP_SUITORS = 20, 15  # a readable grid; the CSV keeps every pair


def _series_start(as_of: dt.date, lookback_days: int | None) -> dt.date:
    """The first day a daily series draws; the lookback defaults to data/reference/intensity.yml."""
    days = facts.intensity_defaults()["lookback_days"] if lookback_days is None else lookback_days
    return as_of - dt.timedelta(days=int(days))


def _pairs(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_frame(frame[["player", "interested_club"]])


def _strongest_pairs(intensity: pd.DataFrame, count: int) -> pd.DataFrame:
    """Marks the pairs a chart draws: the strongest at their peak (a chart of hundreds of lines
    helps nobody, and stays small enough to share); the CSV keeps every pair."""
    if intensity.empty:
        return intensity.assign(shown_in_chart=pd.Series(dtype=bool))
    peaks = intensity.groupby(["player", "interested_club"], observed=True)["intensity"].max()
    keep = peaks.sort_values(ascending=False, kind="stable").head(count).index
    return intensity.assign(shown_in_chart=_pairs(intensity).isin(keep))


def interest_intensity(
    club: str,
    as_of: dt.date,
    *,
    lookback_days: int | None = None,
    half_life_days: float | None = None,
    min_source_tier: int | None = None,
    top_pairs: int = TOP_PAIRS,
    source_weights: str | None = None,
    warehouse: Path | None = None,
):
    """Daily intensity of the club's pursuits and of rivals' pursuits of its players."""
    with marts.focus(
        club=club,
        as_of=as_of,
        half_life_days=half_life_days,
        min_source_tier=min_source_tier,
        source_weights=source_weights,
        warehouse=warehouse,
    ) as session:
        intensity = session.intensity_daily(_series_start(as_of, lookback_days))
        events = session.events()
    data = _strongest_pairs(intensity, top_pairs)
    shown = data[data["shown_in_chart"]].drop(columns="shown_in_chart")
    shown_events = events[_pairs(events).isin(_pairs(shown))]
    fig = charts.intensity_over_time(shown, shown_events, subject=club, as_of=as_of)
    return fig, data


def intensity_heatmap(
    club: str,
    as_of: dt.date,
    *,
    half_life_days: float | None = None,
    min_source_tier: int | None = None,
    source_weights: str | None = None,
    warehouse: Path | None = None,
):
    """Who is chasing whom on the as-of date, at a glance."""
    today = marts.intensity_on(
        club,
        as_of=as_of,
        half_life_days=half_life_days,
        min_source_tier=min_source_tier,
        source_weights=source_weights,
        warehouse=warehouse,
    )
    players = today.groupby("player")["intensity"].max().nlargest(HEATMAP_PLAYERS).index
    suitors = today.groupby("interested_club")["intensity"].max().nlargest(HEATMAP_SUITORS).index
    shown = today["player"].isin(players) & today["interested_club"].isin(suitors)
    fig = charts.intensity_heatmap(today[shown].assign(date=pd.Timestamp(as_of)), subject=club, as_of=as_of)
    return fig, today.assign(shown_in_chart=shown)


def recent_reports(
    club: str | None, as_of: dt.date, *, player: str | None = None, count: int = 20, warehouse: Path | None = None
) -> pd.DataFrame:
    """The latest stories, newest first, in the columns an analyst reads."""
    events = marts.report_events(club, player, as_of=as_of, warehouse=warehouse)
    columns = [
        "reported_on",
        "player",
        "interested_club",
        "stage",
        "source",
        "source_tier",
        "via",
        "fee_eur",
        "fee_as_written",
        "headline",
        "is_renewal_talk",
    ]
    latest = events.sort_values("reported_on", ascending=False, kind="stable")[columns].head(count)
    return latest.reset_index(drop=True)


def expiry_timeline(club: str, as_of: dt.date, *, warehouse: Path | None = None):
    """Every contract the club holds on the as-of date, from today to its end."""
    with marts.focus(club=club, as_of=as_of, warehouse=warehouse) as session:
        contracts = session.contracts()
        events = session.events()
    talks = events[events["is_renewal_talk"] & (events["interested_club"] == club)]
    fig = charts.expiry_timeline(contracts, subject=club, as_of=as_of, renewal_talks=talks)
    return fig, contracts


def expiring_within(contracts: pd.DataFrame, as_of: dt.date, months: int) -> pd.DataFrame:
    """The contracts ending within the horizon an analyst cares about, soonest first."""
    horizon = pd.Timestamp(as_of) + pd.DateOffset(months=months)
    columns = [
        "player",
        "position",
        "contract_expires",
        "days_remaining",
        "expiry_status",
        "pre_contract_window_start",
        "market_value_eur",
        "top_suitor",
        "renewal_talks",
    ]
    soon = contracts[contracts["contract_expires"] <= horizon]
    return soon[columns].reset_index(drop=True)


def expiry_cliff(club: str, as_of: dt.date, *, warehouse: Path | None = None):
    """How many contracts, and how much value, run out window by window."""
    cliff = marts.expiry_cliff(club, as_of=as_of, warehouse=warehouse)
    return charts.expiry_cliff(cliff, subject=club, as_of=as_of), cliff


def pursuit_ladder(player: str, as_of: dt.date, *, warehouse: Path | None = None):
    """Which stage each club reached with the player, and when."""
    history = marts.pursuit_history(player, as_of=as_of, warehouse=warehouse)
    return charts.pursuit_ladder(history, player=player, as_of=as_of), history


def player_intensity(
    player: str,
    as_of: dt.date,
    *,
    lookback_days: int | None = None,
    half_life_days: float | None = None,
    top_suitors: int = TOP_PAIRS,
    source_weights: str | None = None,
    warehouse: Path | None = None,
):
    """How hard each suitor has been chasing the player, day by day."""
    with marts.focus(
        player=player, as_of=as_of, half_life_days=half_life_days, source_weights=source_weights, warehouse=warehouse
    ) as session:
        intensity = session.intensity_daily(_series_start(as_of, lookback_days))
        events = session.events()
    data = _strongest_pairs(intensity, top_suitors)
    shown = data[data["shown_in_chart"]].drop(columns="shown_in_chart")
    suitors = set(shown["interested_club"])
    fig = charts.intensity_over_time(
        shown, events[events["interested_club"].isin(suitors)], subject=player, as_of=as_of, by="interested_club"
    )
    return fig, data


def player_contract(player: str, as_of: dt.date, *, warehouse: Path | None = None) -> pd.DataFrame:
    """The player's contract on the as-of date, as his club's timeline shows it (no row: none on record)."""
    with marts.focus(player=player, as_of=as_of, warehouse=warehouse) as session:
        return session.contracts(include_expired=True).reset_index(drop=True)
