"""Answers as of one day, point in time: outlet reliability, and the move probability of every pair
with interest, fitted on the outcomes known that day (SPEC 10). The backtest asks the same of many
days at once (backtest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.forecast import model, reliability
from analysis.forecast.session import Session, snapshot_days

PROBABILITY_COLUMNS = [
    "as_of",
    "player",
    "interested_club",
    "probability",
    "horizon_closes",
    "window_label",
    "fitted_on",
    "known_moves",
    "reason",
    "intensity",
    "furthest_stage",
    "stories",
    "outlets",
    "rivals",
    "player_club",
    "days_remaining",
    "last_reported_on",
]


def learn(
    session: Session, days: list[dt.date], done: Callable[[int, int], None] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each outlet's reliability, and each pair's features (with its pool), on each of `days` (as
    known then); `done` hears of the days done (Session.pair_features)."""
    session.set_dates(days)
    learned = reliability.by_day(session.outlet_counts(), session.settings.credible_level)
    return learned, session.pair_features(learned, done)


def pool_note(column: str, pool: str, several: bool) -> str:
    """What a reason adds when the warehouse holds several pools: which chases were counted."""
    if not several:
        return ""
    if pool:
        return f". Only chases of {column} '{pool}' count here"
    return f". Only chases without a {column} value count here: another {column}'s outcomes never teach these"


def fit_pool(
    examples: pd.DataFrame,
    known: np.ndarray,
    as_of: dt.date,
    min_outcomes: int,
    note: str,
    reuse: dict[tuple[int, int], model.Fitted | None] | None = None,
) -> tuple[model.Fitted | None, str | None, int, int]:
    """One pool's fit, or the reason there is none; with its known moves and non-moves. `reuse`
    holds one pool's fits across a backtest's origins, whose examples only grow: the same number of
    examples and of known moves means the same examples and labels, so the same fit, made once."""
    reason = model.why_not(examples, known, as_of, min_outcomes)
    fitted = None
    if reason is None:
        same = (len(examples), int(known.sum()))
        if reuse is None or same not in reuse:
            fitted = model.fit(examples, known, min_outcomes, as_of)
            if reuse is not None:
                reuse[same] = fitted
        else:
            fitted = reuse[same]
    moves, non_moves = model.outcome_counts(examples, known)
    return fitted, (reason + note if reason else None), moves, non_moves


def training_days(session: Session, before: dt.date) -> list[dt.date]:
    """Snapshot days whose horizon had closed before `before`: their outcomes were known then. None
    after the last day a pair can have interest: they hold no example (an as-of date years after the
    data cost a pass per fortnight for nothing; trial 3)."""
    last = session.last_interest_day()
    if last is not None:
        before = min(before, last + dt.timedelta(days=1))
    grid = snapshot_days(session.first_story_day(), before, session.settings.snapshot_days)
    if not grid:
        return []
    session.set_dates(grid)
    horizons = session.horizons()
    closed = horizons[pd.to_datetime(horizons["horizon_closes"]) < pd.Timestamp(before)]
    return [pd.Timestamp(d).date() for d in closed["on_date"]]


def labels(examples: pd.DataFrame, known_on: dt.date) -> np.ndarray:
    """Did a move within the snapshot's horizon become known by `known_on`?"""
    known = pd.to_datetime(examples["first_hit_known"])
    return (known.notna() & (known <= pd.Timestamp(known_on))).to_numpy()


def outlet_reliability(session: Session, as_of: dt.date) -> pd.DataFrame:
    """Every outlet that broke a story by `as_of`, most reliable first (SPEC 10's columns first)."""
    session.set_dates([as_of])
    counts = session.outlet_counts()
    columns = [c for c in reliability.COLUMNS if c != "tier"]
    if counts.empty:
        return pd.DataFrame(columns=reliability.COLUMNS)
    table = reliability.smoothed(counts.drop(columns="on_date"), session.settings.credible_level)[columns]
    tiers = session.outlet_tiers().drop_duplicates("outlet")
    table = table.merge(tiers, on="outlet", how="left")[reliability.COLUMNS]
    return table.sort_values(
        ["hit_rate", "stories", "outlet"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def move_probabilities(session: Session, as_of: dt.date) -> pd.DataFrame:
    """Every pair with interest on `as_of` with its probability of a move by the close of the
    horizon, fitted on the outcomes known on `as_of`, or, when too few are known, none and why."""
    last = session.last_interest_day()
    # no pair has interest after the last such day: nothing to predict, so nothing to learn for it
    train_on = training_days(session, as_of) if last is not None and as_of <= last else []
    _, features = learn(session, [*train_on, as_of])
    day = pd.Timestamp(as_of)
    on_day = pd.to_datetime(features["on_date"]) if len(features) else pd.Series(dtype="datetime64[ns]")
    current = features[on_day == day]
    examples = features[on_day < day]
    several = features["pool"].nunique() > 1 if len(features) else False
    parts = []
    for pool in current["pool"].unique():
        now, learned_from = current[current["pool"] == pool], examples[examples["pool"] == pool]
        known = labels(learned_from, as_of)
        note = pool_note(session.settings.pool_column, pool, several)
        fitted, reason, moves, non_moves = fit_pool(learned_from, known, as_of, session.settings.min_outcomes, note)
        probability = np.nan if fitted is None else fitted.predict(now)["move_probability"]
        parts.append(now.assign(probability=probability, reason=reason, fitted_on=moves + non_moves, known_moves=moves))
    out = pd.concat(parts) if parts else current.assign(probability=np.nan, reason=None, fitted_on=0, known_moves=0)
    out = out.assign(as_of=day, window_label=out["horizon_label"])
    names = ["player", "interested_club", "window_label", "furthest_stage", "player_club"]
    out = out.assign(**{c: out[c].astype("str") for c in names})  # plain text, as every answer gives names
    # one dtype whatever the data: null where the player has no contract (it was int64 or Int64)
    out = out.assign(days_remaining=out["days_remaining"].astype("Int64"))
    out = out[PROBABILITY_COLUMNS].sort_values(
        ["probability", "intensity", "interested_club", "player"],
        ascending=[False, False, True, True],
        na_position="last",
        kind="stable",
    )
    return out.reset_index(drop=True)
