"""The market watch's sections (SPEC 11): for each, its data (the CSV), its chart or table, and,
when there is nothing to show, a sentence saying so (nothing new since the `since` date, or why
the section cannot be filled yet). The notebook `market_watch.ipynb` shows them in order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.marts import market as mart
from analysis.report import charts, forecast_charts, market_charts
from analysis.report.formatting import fmt_date
from analysis.report.manifests import club_reports
from analysis.wording import plural

CLIFF_NAMES = 12  # players named per window in the cliff's hover; the CSV keeps them all


@dataclass
class Section:
    name: str  # file stem under charts/: <name>.csv, and <name>.html when there is a chart
    data: pd.DataFrame  # what the CSV holds
    figure: object | None = None  # a plotly Figure, or None for a table section
    table: pd.DataFrame | None = None  # the columns shown, for a table section
    empty: str | None = None  # shown instead of the chart or table: nothing new, or why not
    intro: str | None = None  # a sentence above it that needs the run's dates (the notebook's text cannot)


def watch(
    as_of: dt.date,
    since: dt.date | str | None = None,
    *,
    league: str | None = None,
    country: str | None = None,
    half_life_days: float | None = None,
    min_source_tier: int | None = None,
    source_weights: str | None = None,
    warehouse: Path | None = None,
) -> mart.MarketWatch:
    """Every section's data in one pass over the warehouse (see analysis.marts.market)."""
    return mart.market_watch(
        as_of,
        since,
        league=league,
        country=country,
        half_life_days=half_life_days,
        min_source_tier=min_source_tier,
        source_weights=source_weights,
        warehouse=warehouse,
    )


def _nothing_new(w: mart.MarketWatch, what: str) -> str:
    return f"Nothing new: no {what} after {fmt_date(w.since)} up to {fmt_date(w.as_of)}."


def _stage_words(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """'ruled_out' as an analyst reads it in a table (the CSV keeps the stage's name)."""
    if column not in frame or frame.empty:
        return frame
    return frame.assign(**{column: frame[column].str.replace("_", " ", regex=False)})


def new_pursuits(w: mart.MarketWatch) -> Section:
    data = w.new_pursuits
    shown = _stage_words(data, "furthest_stage")
    return Section("new_pursuits", data, table=shown, empty=None if len(data) else _nothing_new(w, "new pursuit"))


def movers(w: mart.MarketWatch, count: int = 10) -> Section:
    data = w.movers[["player", "interested_club", "intensity", "intensity_before", "change", "player_club"]]
    fig = market_charts.movers(data, subject=w.scope.label, as_of=w.as_of, since=w.since, count=count)
    changed = data[data["change"].abs() > 0]
    return Section("movers", data, fig, empty=None if len(changed) else _nothing_new(w, "change in intensity"))


def new_stages(w: mart.MarketWatch) -> Section:
    data = w.new_stages
    shown = _stage_words(data.drop(columns=["fee_as_written"]) if "fee_as_written" in data else data, "stage")
    # the milestones by name: talks or a rejected bid are stages too, but not these, so a bare "no
    # stage reached" would be false on a day of talks
    milestones = [stage.replace("_", " ") for stage in mart.MILESTONE_STAGES]
    what = f"chase reaching {', '.join(milestones[:-1])} or {milestones[-1]} for the first time"
    return Section("new_stages", data, table=shown, empty=None if len(data) else _nothing_new(w, what))


def contract_milestones(w: mart.MarketWatch) -> Section:
    data = w.contract_milestones
    return Section(
        "contract_milestones",
        data,
        table=data,
        empty=None
        if len(data)
        else _nothing_new(w, "contract renewed or entering its final year or pre-contract window"),
    )


def completed_moves(w: mart.MarketWatch) -> Section:
    if w.completed_moves is None:
        columns = [
            *("known_on", "player", "from_club", "to_club", "transfer_date", "window_label", "fee_eur", "is_loan"),
            "loan_return",
            *("pursued_since", "pursuit_stories"),
        ]
        return Section("completed_moves", pd.DataFrame(columns=columns), empty=w.notes["completed_moves"])
    data = w.completed_moves
    if not len(data):
        return Section("completed_moves", data, table=data, empty=_nothing_new(w, "completed move"))
    return Section("completed_moves", data, table=data, intro=_moves_intro(data))


def _moves_intro(moves: pd.DataFrame) -> str | None:
    """How many of the moves are signings, and how many only loan returns or departures to no club,
    listed after them (trial 5: a dump's 447 moves around 1 July held 151 released or retired
    players). None when every move is a signing."""
    to_nobody = int(moves["to_club"].isna().sum())
    returns = int((moves["to_club"].notna() & moves["loan_return"].fillna(False).astype(bool)).sum())
    if not (to_nobody or returns):
        return None
    others = [plural(returns, "return") + " from a loan"] if returns else []
    if to_nobody:
        others.append(f"{plural(to_nobody, 'player')} leaving for no club (released, retired)")
    signings = len(moves) - to_nobody - returns
    return f"{plural(signings, 'move')} to a club first, then {' and '.join(others)}."


def expiry_cliff(w: mart.MarketWatch) -> Section:
    data = w.expiry_cliff
    shown = data.assign(players=[_first_names(p) for p in data["players"]])
    empty = None if len(data) else _no_cliff(w)
    fig = charts.expiry_cliff(shown, subject=w.scope.label, as_of=w.as_of, empty=empty)
    return Section("expiry_cliff", data, fig, empty=empty)


def _no_cliff(w: mart.MarketWatch) -> str:
    """Why no contract runs out after the as-of date: none runs on, or none is on record yet (trial
    4: before the first squad export the page said none runs out, as if the squads were known)."""
    if w.contracts_on_record:
        return "No contract runs out after the as-of date."
    whose = "of these clubs " if w.scope_players is not None else ""
    first = w.first_contract_recorded_on
    since = f" (the first is recorded on {fmt_date(first)})" if first and first > w.as_of else ""
    return f"No contract on record {whose}on {fmt_date(w.as_of)}: no contract file lists a player then{since}."


def _first_names(players: object) -> object:
    if not isinstance(players, str):
        return players
    names = [p.strip() for p in players.split(",") if p.strip()]
    if len(names) <= CLIFF_NAMES:
        return players
    return ", ".join(names[:CLIFF_NAMES]) + f", and {len(names) - CLIFF_NAMES} more (see the CSV)"


PROBABILITY_COLUMNS = [
    "player",
    "interested_club",
    "probability",
    "probability_before",
    "change",
    "horizon_closes",
    "window_label",
    "fitted_on",
    "reason",
]


def move_probabilities(w: mart.MarketWatch, warehouse: Path | None = None, count: int = 15) -> Section:
    """Move probabilities on the as-of date and their change since the `since` date, for the pairs
    in scope, where the forecast model could be fitted (SPEC 10)."""
    from analysis import forecast

    now = forecast.move_probabilities(w.as_of, warehouse=warehouse)
    before = forecast.move_probabilities(w.since, warehouse=warehouse)
    data = now.merge(
        before[["player", "interested_club", "probability"]].rename(columns={"probability": "probability_before"}),
        on=["player", "interested_club"],
        how="left",
    )
    data = data.assign(change=data["probability"] - data["probability_before"])
    if w.scope.clubs is not None:
        data = data[data["interested_club"].isin(w.scope.clubs) | data["player"].isin(w.scope_players or ())]
    data = data[[c for c in PROBABILITY_COLUMNS if c in data]].sort_values(
        "probability", ascending=False, na_position="last", kind="stable"
    )
    fig = market_charts.probability_changes(data, subject=w.scope.label, as_of=w.as_of, since=w.since, count=count)
    fitted = data["probability"].notna().any() if len(data) else False
    reasons = sorted({str(r) for r in data.get("reason", pd.Series(dtype=object)).dropna()})
    empty = None if fitted else ("No move probability could be fitted: " + "; ".join(reasons) if reasons else None)
    if not len(data):
        empty = "No pursuit to give a move probability for."
    intro = (
        f"The likeliest moves on {fmt_date(w.as_of)}, each with its probability on {fmt_date(w.since)} (the since "
        "date, a grey dot), where the forecast model could be fitted on the outcomes known on each day."
    )
    return Section("move_probability", data.reset_index(drop=True), fig, empty=empty, intro=intro)


def outlet_reliability(w: mart.MarketWatch, warehouse: Path | None = None) -> Section:
    """Each outlet's hit rate as of the as-of date (SPEC 10: outlet_reliability.csv)."""
    from analysis import forecast

    data = forecast.outlet_reliability(w.as_of, warehouse=warehouse)
    # an outlet's record is its whole record, whatever league the page is about: titled as such
    # (trial 3: 'LaLiga: how often each outlet's stories came true' ranked every outlet)
    fig = forecast_charts.outlet_reliability(data, as_of=w.as_of)
    return Section("outlet_reliability", data, fig, empty=None if len(data) else "No outlet has a story yet.")


def club_links(output_dir: str | Path | None) -> dict[str, str]:
    """Club -> link (from the market folder) to its report in the same report folder."""
    if not output_dir:
        return {}
    folder = Path(output_dir)
    return {r.club: f"../{r.slug}/index.html" for r in club_reports(folder.parent)}
