"""What each notebook section shows: the data (from marts) and its chart (from charts), together.

Notebooks call one function per section and get (figure, data) back: the figure to show, the data
to export beside it as CSV. Keeping this here, not in notebooks, is what lets it be tested.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis import facts, marts
from analysis.dates import as_date
from analysis.report import charts
from analysis.report.formatting import fmt_fee
from analysis.wording import plural

TOP_PAIRS = 10
HEATMAP_PLAYERS, HEATMAP_SUITORS = 20, 15  # a readable grid; the CSV keeps every pair
NO_STAGE = "interest (no stage given)"  # README: no stage means interest
CONTRACTS_STALE_DAYS = 365  # contract data older than this behind a report: it says so


def _series_start(as_of: dt.date, lookback_days: int | None) -> dt.date:
    """The first day a daily series draws; the lookback defaults to data/reference/intensity.yml."""
    days = facts.intensity_defaults()["lookback_days"] if lookback_days is None else lookback_days
    return as_of - dt.timedelta(days=int(days))


def _pairs(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_frame(frame[["player", "interested_club"]])


def _floor() -> float:
    """Intensity below which a pursuit has gone quiet (intensity.yml `floor`): not drawn."""
    return float(facts.intensity_defaults()["floor"])


def _strongest_pairs(intensity: pd.DataFrame, count: int, floor: float | None = None) -> pd.DataFrame:
    """Marks the pairs a chart draws: the strongest on the as-of date (each series' last day), the
    latest report breaking a tie, none decayed below the floor (a chart of hundreds of lines helps
    nobody, and stays small enough to share); the CSV keeps every pair. Pairs are numbered once
    and ranked on the numbers: a club's daily series runs to a hundred thousand rows and more."""
    if intensity.empty:
        return intensity.assign(shown_in_chart=pd.Series(dtype=bool))
    floor = _floor() if floor is None else floor
    numbered = intensity.groupby(["player", "interested_club"], observed=True, sort=False).ngroup()
    pair = numbered.fillna(-1).to_numpy(dtype=np.int64)  # -1: a row naming no suitor, never drawn
    days = pd.DataFrame(
        {
            "pair": pair,
            "date": intensity["date"].to_numpy(),
            "intensity": intensity["intensity"].to_numpy(),
            "reports": intensity["reports_to_date"].to_numpy(),
        }
    )
    days = days[days["pair"] >= 0].sort_values(["pair", "date"], kind="stable")
    by_pair = days.groupby("pair", sort=False)
    ranking = by_pair.tail(1).set_index("pair")  # each pair on its last day: the as-of date
    # the day of the pair's latest report: the first day its count of reports reached the last count
    reached = days[days["reports"] == by_pair["reports"].transform("max")]
    ranking["latest_report"] = reached.groupby("pair")["date"].min()
    ranking = ranking[ranking["intensity"] >= floor]
    keep = ranking.sort_values(["intensity", "latest_report"], ascending=False, kind="stable").head(count).index
    marked = intensity.assign(shown_in_chart=np.isin(pair, keep.to_numpy()))
    marked.attrs["not_drawn"] = int(pair.max() + 1 - len(keep))
    return marked


def _not_drawn(data: pd.DataFrame) -> int:
    """Pursuits in the data a chart leaves out (weaker than those drawn, or gone quiet)."""
    if "not_drawn" in data.attrs:
        return int(data.attrs["not_drawn"])
    pairs = data.dropna(subset=["player", "interested_club"]).drop_duplicates(["player", "interested_club"])
    return int((~pairs["shown_in_chart"]).sum())


def data_warnings(
    as_of: dt.date | str, *, club: str | None = None, player: str | None = None, warehouse: Path | None = None
) -> list[str]:
    """What a page must say before its charts: an as-of date after the newest data (nothing after
    it is known, every pursuit only decays) or before the first report, and contract data much older
    than the as-of date behind a club's or a player's report (players who joined or left since are
    not on record)."""
    from analysis.report.formatting import fmt_date

    as_of = as_date(as_of)

    known = marts.data_dates(as_of, club=club, player=player, warehouse=warehouse)
    warnings = []
    newest = max(
        (d for d in (known["newest_report_on"], known["newest_move_on"], known["newest_contract_on"]) if d),
        default=None,
    )
    if newest is not None and as_of > newest:
        days = (as_of - newest).days
        warnings.append(
            f"The as-of date {fmt_date(as_of)} is after the newest data in the warehouse ({fmt_date(newest)}, "
            f"{plural(days, 'day', grouped=False)} earlier): nothing after {fmt_date(newest)} is known, and every "
            "pursuit shown has only decayed since."
        )
    first = known.get("first_report_on")
    if first is not None and as_of < first:  # trial 3: empty pages that never said the data starts later
        warnings.append(
            f"The as-of date {fmt_date(as_of)} is before the first report in the warehouse ({fmt_date(first)}): "
            "no report is known yet on that day."
        )
    subject = club or player
    recorded = known["newest_contract_behind_on"]
    if subject and recorded is not None and (as_of - recorded).days > CONTRACTS_STALE_DAYS:
        warnings.append(
            f"The contract data behind this report is old: the newest contract record for {subject} is from "
            f"{fmt_date(recorded)}, {(as_of - recorded).days} days before the as-of date. Players who joined "
            "since are missing unless a move or a report names their club; add a newer squad export."
        )
    return warnings


def interest_intensity(
    club: str,
    as_of: dt.date | str,
    *,
    lookback_days: int | None = None,
    half_life_days: float | None = None,
    min_source_tier: int | None = None,
    top_pairs: int = TOP_PAIRS,
    source_weights: str | None = None,
    warehouse: Path | None = None,
):
    """Daily intensity of the club's pursuits and of rivals' pursuits of its players."""
    as_of = as_date(as_of)
    with marts.focus(
        club=club,
        as_of=as_of,
        half_life_days=half_life_days,
        min_source_tier=min_source_tier,
        source_weights=source_weights,
        warehouse=warehouse,
    ) as session:
        start = _series_start(as_of, lookback_days)
        intensity = session.intensity_daily(start)
        events = session.events()
    data = _strongest_pairs(intensity, top_pairs)
    shown = data[data["shown_in_chart"]].drop(columns="shown_in_chart")
    shown_events = events[_pairs(events).isin(_pairs(shown))]
    fig = charts.intensity_over_time(
        shown,
        shown_events,
        subject=club,
        as_of=as_of,
        not_drawn=_not_drawn(data),
        since=start,
        **_latest_reports(events),
    )
    return fig, data


def _latest_reports(events: pd.DataFrame) -> dict[str, Any]:
    """The latest report known (renewal talks too) and the latest that counts towards intensity,
    drawn or not: a chart with nothing in its lookback says its reports are older, not absent."""
    talks = events["is_renewal_talk"].astype("boolean").fillna(False).astype(bool)
    when = pd.to_datetime(events["reported_on"])

    def latest(values: pd.Series) -> pd.Timestamp | None:
        found = values.max() if len(values) else None
        return None if found is None or pd.isna(found) else found

    return {"latest_report": latest(when), "latest_interest": latest(when[~talks])}


def intensity_heatmap(
    club: str,
    as_of: dt.date,
    *,
    half_life_days: float | None = None,
    min_source_tier: int | None = None,
    source_weights: str | None = None,
    warehouse: Path | None = None,
):
    """Who is chasing whom on the as-of date, at a glance: the players and suitors of the strongest
    pursuits that day (the latest report breaking a tie); pursuits decayed below the floor are not
    drawn, so their cells stay blank, and so are pursuits that ended with the player joining the
    suitor (joined_on: a completed move, not a chase). The CSV keeps every pair, with shown_in_chart."""
    today = marts.intensity_on(
        club,
        as_of=as_of,
        half_life_days=half_life_days,
        min_source_tier=min_source_tier,
        source_weights=source_weights,
        warehouse=warehouse,
    )
    chase = today["joined_on"].isna()
    live = today[chase & (today["intensity"] >= _floor())]
    players = _ranked(live, "player", HEATMAP_PLAYERS)
    suitors = _ranked(live, "interested_club", HEATMAP_SUITORS)
    shown = today.index.isin(live.index) & today["player"].isin(players) & today["interested_club"].isin(suitors)
    quiet = chase & (today["intensity"] < _floor())  # passed on so the chart can say a grid left empty is all quiet
    fig = charts.intensity_heatmap(
        today[shown | quiet].assign(date=pd.Timestamp(as_of)), subject=club, as_of=as_of, floor=_floor()
    )
    return fig, today.assign(shown_in_chart=shown)


def _ranked(pairs: pd.DataFrame, by: str, count: int) -> list:
    """The `count` names of column `by` with the strongest pursuit, the latest report breaking a tie."""
    best = pairs.sort_values(["intensity", "last_reported_on"], ascending=False, kind="stable")
    return list(best.drop_duplicates(by)[by].head(count))


def recent_reports(
    club: str | None, as_of: dt.date, *, player: str | None = None, count: int = 20, warehouse: Path | None = None
) -> pd.DataFrame:
    """The latest stories, newest first, in the columns an analyst reads: a report without a stage
    is interest (said so), the fee in euros with the amount as reported, and each report's link
    (its url, or the thread link its export carried: marts.story_links)."""
    events = marts.report_events(club, player, as_of=as_of, warehouse=warehouse)
    # newest first within a day too: its last report (by time, else further down its file) on top
    order = [c for c in ("reported_on", "reported_at", "source_file", "line_number") if c in events.columns]
    latest = events.sort_values(order, ascending=False, kind="stable").head(count)
    stage = latest["stage"].astype("string").str.replace("_", " ", regex=False)
    shown = pd.DataFrame(
        {
            "reported_on": latest["reported_on"],
            "player": latest["player"],
            "interested_club": latest["interested_club"],
            "stage": stage.fillna(NO_STAGE),
            "source": latest["source"],
            "source_tier": latest["source_tier"],
            "via": latest["via"],
            "fee": [fmt_fee(e, w, for_chart=False) for e, w in zip(latest["fee_eur"], latest["fee_as_written"])],
            "headline": latest["headline"],
            "link": marts.story_links(latest, warehouse),
            "is_renewal_talk": latest["is_renewal_talk"],
        }
    )
    return shown.reset_index(drop=True)


def expiry_timeline(club: str, as_of: dt.date, *, warehouse: Path | None = None):
    """Every contract the club holds on the as-of date, from today to its end."""
    with marts.focus(club=club, as_of=as_of, warehouse=warehouse) as session:
        contracts = session.contracts()
        events = session.events()
    talks = events[events["is_renewal_talk"] & (events["interested_club"] == club)]
    fig = charts.expiry_timeline(contracts, subject=club, as_of=as_of, renewal_talks=talks)
    return fig, with_age_to_a_tenth(contracts)


def with_age_to_a_tenth(contracts: pd.DataFrame) -> pd.DataFrame:
    """age_years for a CSV: one decimal, rounded down as ages are (25.96 is 25.9, never 26.0), so
    the whole years a page shows from it are the player's age."""
    if "age_years" not in contracts:
        return contracts
    ages = pd.to_numeric(contracts["age_years"], errors="coerce")
    return contracts.assign(age_years=np.floor(ages * 10 + 1e-9) / 10)


def no_contract_on_record(club: str, as_of: dt.date) -> str:
    """What a club's expiry sections say when no contract of its players is known on the as-of date
    (not that none ends soon: nothing is known of its squad)."""
    from analysis.report.formatting import fmt_date

    return f"No contract on record for {club} on {fmt_date(as_of)}: no contract file lists a player of the club then."


def ending_soon(contracts: pd.DataFrame, club: str, as_of: dt.date, months: int) -> tuple[pd.DataFrame, str]:
    """The 'Ending soon' table and what it says when empty: none ending within the horizon, or, for
    a club with no contract on record, that."""
    empty = (
        no_contract_on_record(club, as_of)
        if contracts.empty
        else f"No contract ends within {plural(months, 'month', grouped=False)}."
    )
    return expiring_within(contracts, as_of, months), empty


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
    return charts.expiry_cliff(cliff, subject=club, as_of=as_of, empty=no_contract_on_record(club, as_of)), cliff


def pursuit_ladder(player: str, as_of: dt.date, *, warehouse: Path | None = None):
    """Which stage each club reached with the player, and when; a pursuit that ended with him
    joining the club ends on the completed rung (marts.completed_pursuits). The data: his reports,
    then a row per completed pursuit (source 'transfer record', its file and line)."""
    with marts.focus(player=player, as_of=as_of, warehouse=warehouse) as session:
        history = session.events()
        completed = session.completed_pursuits()
    steps = charts.joined_steps(completed, pd.Timestamp(as_of))  # drawn, then listed in the data
    fig = charts.pursuit_ladder(history, player=player, as_of=as_of, steps=steps)
    if len(steps):
        whole = [c for c, kind in history.dtypes.items() if pd.api.types.is_integer_dtype(kind)]
        history = pd.concat([history, steps], ignore_index=True)
        history = history.astype(dict.fromkeys(whole, "Int64"))  # counts stay counts beside the record's blanks
    return fig, history


def player_intensity(
    player: str,
    as_of: dt.date | str,
    *,
    lookback_days: int | None = None,
    half_life_days: float | None = None,
    top_suitors: int = TOP_PAIRS,
    source_weights: str | None = None,
    warehouse: Path | None = None,
):
    """How hard each suitor has been chasing the player, day by day."""
    as_of = as_date(as_of)
    with marts.focus(
        player=player, as_of=as_of, half_life_days=half_life_days, source_weights=source_weights, warehouse=warehouse
    ) as session:
        start = _series_start(as_of, lookback_days)
        intensity = session.intensity_daily(start)
        events = session.events()
    data = _strongest_pairs(intensity, top_suitors)
    shown = data[data["shown_in_chart"]].drop(columns="shown_in_chart")
    suitors = set(shown["interested_club"])
    fig = charts.intensity_over_time(
        shown,
        events[events["interested_club"].isin(suitors)],
        subject=player,
        as_of=as_of,
        by="interested_club",
        not_drawn=_not_drawn(data),
        since=start,
        **_latest_reports(events),
    )
    return fig, data


def player_contract(player: str, as_of: dt.date, *, warehouse: Path | None = None) -> pd.DataFrame:
    """The player's contract on the as-of date, as his club's timeline shows it (no row: none on record)."""
    with marts.focus(player=player, as_of=as_of, warehouse=warehouse) as session:
        return session.contracts(include_expired=True).reset_index(drop=True)
