"""The backtest (SPEC 6, 10): replay history point in time and score the move probabilities.

Origins roll over the transfer windows: the day each window opens and the day after it closes,
from --from to --to. On each origin the models are fitted on the outcomes known that day only and
predict every pair with interest, by the close of that day's horizon. The predictions are then
scored against the outcomes known at the end (--to): those whose horizon closed by then, so a move
that came early never counts while the misses beside it are still open. Every model is scored on
the same predictions: the full `move_probability` beside the baselines `base_rate` and
`intensity_only`.

Everything is computed in one pass: the stories, moves, outlet reliability and pair features of
every snapshot and origin are built once in DuckDB; each origin then only selects its examples and
fits (scikit-learn), so no Python loop runs over stories or pairs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.dates import as_date
from analysis.errors import UserError
from analysis.forecast import model, predict
from analysis.forecast.session import Session, session, snapshot_days
from analysis.forecast.settings import Settings, settings
from analysis.wording import noun, plural

BINS = 10  # equal-width probability bins of the reliability diagram and the ECE
METRIC_COLUMNS = ["model", "predictions", "positives", "base_rate", "brier", "brier_skill", "log_loss", "auc", "ece"]
ORIGIN_COLUMNS = ["as_of", "pool", "pairs", "fitted_on", "known_moves", "examples", "calibration", "reason"]
PREDICTION_COLUMNS = [
    "as_of",
    "player",
    "interested_club",
    "model",
    "probability",
    "outcome",
    "horizon_closes",
    "window_label",
    "scored",
]


@dataclass
class Backtest:
    start: dt.date
    end: dt.date
    settings: Settings
    origins: pd.DataFrame  # as_of, pool, pairs, fitted_on, known_moves, examples, calibration, reason
    predictions: pd.DataFrame  # PREDICTION_COLUMNS
    metrics: pd.DataFrame  # METRIC_COLUMNS
    reliability: pd.DataFrame  # model, bin, predicted_mean, observed_rate, predictions
    outlet_reliability: pd.DataFrame  # as of the end
    notes: list[str] = field(default_factory=list)  # what the replay could not score, and why

    @property
    def scored(self) -> int:
        return int(self.predictions.loc[self.predictions["model"] == "move_probability", "scored"].sum())


def last_known_day(con) -> dt.date:
    """The latest day the warehouse knows anything of: the default end of a backtest."""
    rows = con.execute(
        "SELECT greatest((SELECT max(reported_on) FROM rumours), (SELECT max(known_on) FROM transfers), "
        "(SELECT max(recorded_on) FROM contracts))"
    ).fetchall()
    if not rows or rows[0][0] is None:
        raise UserError("the warehouse holds no rumours: nothing to replay")
    return rows[0][0]


def origins_between(s: Session, start: dt.date, end: dt.date) -> list[dt.date]:
    """The day each transfer window opens and the day after it closes, within [start, end]."""
    rows = s.con.execute(
        "SELECT DISTINCT d FROM (SELECT opens_on AS d FROM forecast_windows UNION ALL "
        "SELECT closes_on + 1 FROM forecast_windows) WHERE d BETWEEN $start AND $end ORDER BY d",
        {"start": start, "end": end},
    ).fetchall()
    return [r[0] for r in rows]


def outcome_at_end(frame: pd.DataFrame, end: dt.date) -> pd.Series:
    """materialised / not materialised / pending as known at the end of the replay (SPEC 10)."""
    hit = pd.to_datetime(frame["first_hit_known"])
    closes = pd.to_datetime(frame["horizon_closes"])
    day = pd.Timestamp(end)
    return pd.Series(
        np.select([hit.notna() & (hit <= day), closes < day], ["materialised", "not materialised"], "pending"),
        index=frame.index,
    )


def _nothing_to_replay(end: dt.date, last: dt.date, chosen: Settings, warehouse: Path | None) -> str:
    """Why no story was known by `end`: none in the warehouse at all, or none yet by --to."""
    if end < last:
        with session(last, chosen, warehouse) as whole:
            first = whole.first_story_day()
        if first is not None:
            return (
                f"no story of outside interest was known by --to ({end}): the first is from {first}; nothing to replay"
            )
    return "the warehouse holds no stories of outside interest: nothing to replay"


def run(
    from_date: dt.date | str | None = None,
    to_date: dt.date | str | None = None,
    *,
    horizon_windows: int | None = None,
    warehouse: Path | None = None,
    say: Callable[[str], None] | None = None,
) -> Backtest:
    say = say or (lambda _m: None)
    chosen = settings(horizon_windows=horizon_windows)
    from analysis.warehouse import reading

    with reading(warehouse) as con:
        last = last_known_day(con)
    end = as_date(to_date, name="--to") if to_date else last
    given_start = as_date(from_date, name="--from") if from_date else None
    if given_start is not None and given_start > end:
        raise UserError(f"--from ({given_start}) is after --to ({end})")
    with session(end, chosen, warehouse) as s:
        first = s.first_story_day()
        if first is None:
            raise UserError(_nothing_to_replay(end, last, chosen, warehouse))
        start = given_start or first
        if start > end:
            raise UserError(f"--from ({start}) is after --to ({end})")
        origins = origins_between(s, start, end)
        if not origins:
            raise UserError(f"no transfer window opens or closes between {start} and {end}: no origin to replay from")
        grid = snapshot_days(first, origins[-1], chosen.snapshot_days)
        say(
            f"backtest {start} to {end}: {plural(len(origins), 'origin')} (window opens and closes), horizon "
            f"{plural(chosen.horizon_windows, 'window')}; learning from {plural(len(grid), 'snapshot day')}"
        )
        say("  building outlet reliability and pair features for every day (DuckDB)...")
        _, features = predict.learn(s, sorted({*grid, *origins}), _quarters(say))
        outlets = predict.outlet_reliability(s, end)
        last_days = s.pool_last_days()
    features["on_date"] = pd.to_datetime(features["on_date"])
    features["horizon_closes"] = pd.to_datetime(features["horizon_closes"])
    on_grid = features["on_date"].isin(pd.to_datetime(grid))
    rows, summaries = [], []
    beyond: dict[str, int] = {}  # per pool: predictions left unscored, their horizon closing after its data
    fits: dict[str, dict[tuple[int, int], model.Fitted | None]] = {}  # per pool, see predict.fit_pool
    for n, origin in enumerate(origins, 1):
        day = pd.Timestamp(origin)
        learnable = features[on_grid & (features["on_date"] < day) & (features["horizon_closes"] < day)]
        today = features[features["on_date"] == day]
        said = []
        pools = sorted(set(today["pool"]) | set(learnable["pool"]))
        several = len(pools) > 1  # as the origin knew them: a pool first seen later never names these
        for pool in pools:
            examples, current = learnable[learnable["pool"] == pool], today[today["pool"] == pool]
            known = predict.labels(examples, origin)
            note = predict.pool_note(chosen.pool_column, pool, several)
            fitted, reason, moves, non_moves = predict.fit_pool(
                examples, known, origin, chosen.min_outcomes, note, reuse=fits.setdefault(pool, {})
            )
            summaries.append(
                {
                    "as_of": origin,
                    "pool": pool,
                    "pairs": len(current),
                    "fitted_on": moves + non_moves,
                    "known_moves": moves,
                    "examples": len(examples),
                    "calibration": None if fitted is None else fitted.calibration,
                    "reason": reason,
                }
            )
            judged_by = min(end, last_days.get(pool, end))
            rows.append(_predictions(current, fitted, end, judged_by))
            if fitted is not None:
                closes = current["horizon_closes"]
                beyond[pool] = beyond.get(pool, 0) + int(
                    ((closes < pd.Timestamp(end)) & (closes >= pd.Timestamp(judged_by))).sum()
                )
            fit_text = (
                f"fitted on {plural(moves + non_moves, 'known outcome')} ({plural(moves, 'move')})"
                if fitted
                else "not fitted (too few outcomes)"
            )
            label = f"{_pool_label(chosen.pool_column, pool)}: " if several else ""
            said.append(f"{label}{fit_text}; {plural(len(current), 'pair')}")
        if not said:
            summaries.append({"as_of": origin, "pool": "", "pairs": 0, "fitted_on": 0, "known_moves": 0, "examples": 0})
        say(f"  [{n}/{len(origins)}] {origin}: {'; '.join(said) or 'no pairs with interest'}")
    notes = [
        f"{_pool_label(chosen.pool_column, pool)}: its newest report is {last_days[pool]}, before the end ({end}); "
        f"{plural(count, 'prediction')} whose horizon closes after it {noun(count, 'is', 'are')} not scored "
        f"({noun(count, 'it', 'they')} could only look like {noun(count, 'a miss', 'misses')})"
        for pool, count in sorted(beyond.items())
        if count
    ]
    for note in notes:
        say(f"  note: {note}")
    predictions = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=PREDICTION_COLUMNS)
    metrics, reliability = score(predictions)
    summary = pd.DataFrame(summaries).reindex(columns=ORIGIN_COLUMNS)
    return Backtest(start, end, chosen, summary, predictions, metrics, reliability, outlets, notes)


def _quarters(say: Callable[[str], None]) -> Callable[[int, int], None]:
    """Progress of the pair features, said at each quarter of the days (the backtest's long step)."""
    said = [0]

    def done(days_done: int, days: int) -> None:
        quarter = 4 * days_done // days
        if quarter > said[0]:
            said[0] = quarter
            say(f"    pair features: {days_done:,} of {plural(days, 'day')}")

    return done


def _pool_label(column: str, pool: str) -> str:
    return f"{column} {pool!r}" if pool else f"no {column}"


def _predictions(
    current: pd.DataFrame, fitted: model.Fitted | None, end: dt.date, judged_by: dt.date | None = None
) -> pd.DataFrame:
    """One row per pair and model; null probabilities where the origin could not be fitted. Scored
    only when fitted and the horizon closed by `judged_by`: the end, or the pool's newest report
    when its data stops earlier (a horizon closing after that could only look like a miss)."""
    outcome = outcome_at_end(current, end)
    closed = current["horizon_closes"] < pd.Timestamp(judged_by or end)
    probabilities = fitted.predict(current) if fitted is not None else dict.fromkeys(model.MODELS)
    parts = []
    for name in model.MODELS:
        values = probabilities[name]
        parts.append(
            pd.DataFrame(
                {
                    "as_of": current["on_date"].dt.date,
                    "player": current["player"].astype("str"),
                    "interested_club": current["interested_club"].astype("str"),
                    "model": name,
                    "probability": np.nan if values is None else values,
                    "outcome": outcome,
                    "horizon_closes": current["horizon_closes"].dt.date,
                    "window_label": current["horizon_label"].astype("str"),
                    "scored": closed & (fitted is not None),
                }
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=PREDICTION_COLUMNS)


def score(predictions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """metrics.csv and reliability.csv: each model on the predictions scored (horizon closed by the
    end, every model fitted), vectorised over rows."""
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

    scored = predictions[predictions["scored"].astype(bool)]
    metrics, bins = [], []
    base_brier = None
    for name in model.MODELS:
        mine = scored[scored["model"] == name]
        y = (mine["outcome"] == "materialised").to_numpy(dtype=int)
        p = np.clip(mine["probability"].to_numpy(dtype=float), 1e-6, 1 - 1e-6)
        row = {"model": name, "predictions": len(mine), "positives": int(y.sum())}
        if len(mine):
            brier = float(brier_score_loss(y, p))
            base_brier = brier if name == "base_rate" else base_brier
            table = _bins(p, y)
            row |= {
                "base_rate": float(y.mean()),
                "brier": brier,
                "brier_skill": 1 - brier / base_brier if base_brier else np.nan,
                "log_loss": float(log_loss(y, p, labels=[0, 1])),
                "auc": float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else np.nan,
                "ece": float(
                    (table["predictions"] * (table["predicted_mean"] - table["observed_rate"]).abs()).sum() / len(y)
                ),
            }
            bins.append(table.assign(model=name))
        metrics.append(row)
    reliability = (
        pd.concat(bins, ignore_index=True)[["model", "bin", "predicted_mean", "observed_rate", "predictions"]]
        if bins
        else pd.DataFrame(columns=["model", "bin", "predicted_mean", "observed_rate", "predictions"])
    )
    return pd.DataFrame(metrics).reindex(columns=METRIC_COLUMNS), reliability


def _bins(p: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    which = np.minimum((p * BINS).astype(int), BINS - 1)
    frame = pd.DataFrame({"bin": which, "p": p, "y": y})
    grouped = frame.groupby("bin").agg(
        predicted_mean=("p", "mean"), observed_rate=("y", "mean"), predictions=("y", "size")
    )
    grouped = grouped.reset_index()
    grouped["bin"] = [f"{b / BINS:.1f}-{(b + 1) / BINS:.1f}" for b in grouped["bin"]]
    return grouped
