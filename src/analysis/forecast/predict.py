"""Answers as of one day, point in time: outlet reliability, and the move probability of every pair
with interest, fitted on the outcomes known that day (SPEC 10). The backtest asks the same of many
days at once (backtest.py)."""

from __future__ import annotations

import datetime as dt

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


def learn(session: Session, days: list[dt.date]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each outlet's reliability, and each pair's features, on each of `days` (as known then)."""
    session.set_dates(days)
    learned = reliability.by_day(session.outlet_counts(), session.settings.credible_level)
    return learned, session.pair_features(learned)


def training_days(session: Session, before: dt.date) -> list[dt.date]:
    """Snapshot days whose horizon had closed before `before`: their outcomes were known then."""
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
    prior = reliability.fit_prior(counts["settled_materialised"].to_numpy(), counts["settled_stories"].to_numpy())
    table = reliability.posterior(counts.drop(columns="on_date"), prior, session.settings.credible_level)[columns]
    tiers = session.outlet_tiers().drop_duplicates("outlet")
    table = table.merge(tiers, on="outlet", how="left")[reliability.COLUMNS]
    return table.sort_values(
        ["hit_rate", "stories", "outlet"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def move_probabilities(session: Session, as_of: dt.date) -> pd.DataFrame:
    """Every pair with interest on `as_of` with its probability of a move by the close of the
    horizon, fitted on the outcomes known on `as_of`, or, when too few are known, none and why."""
    train_on = training_days(session, as_of)
    _, features = learn(session, [*train_on, as_of])
    day = pd.Timestamp(as_of)
    current = features[pd.to_datetime(features["on_date"]) == day]
    examples = features[pd.to_datetime(features["on_date"]) < day]
    known = labels(examples, as_of)
    reason = model.why_not(examples, known, as_of, session.settings.min_outcomes)
    fitted = None if reason else model.fit(examples, known, session.settings.min_outcomes, as_of)
    moves, non_moves = model.outcome_counts(examples, known)
    out = current.assign(
        as_of=day,
        window_label=current["horizon_label"],
        fitted_on=moves + non_moves,
        known_moves=moves,
    )
    if fitted is None:
        out = out.assign(probability=np.nan, reason=reason)
    else:
        out = out.assign(probability=fitted.predict(current)["move_probability"], reason=None)
    names = ["player", "interested_club", "window_label", "furthest_stage", "player_club"]
    out = out.assign(**{c: out[c].astype("str") for c in names})  # plain text, as every answer gives names
    out = out[PROBABILITY_COLUMNS].sort_values(
        ["probability", "intensity", "interested_club", "player"],
        ascending=[False, False, True, True],
        na_position="last",
        kind="stable",
    )
    return out.reset_index(drop=True)
