"""The move probability (SPEC 10): will club C sign player P by the close of the horizon, given what
was known about the pair on a day? A logistic regression (scikit-learn) on the pair's features,
calibrated with held-out folds that keep each pair's snapshots together (CalibratedClassifierCV),
and two baselines fitted on the same examples: `base_rate` (the share of examples that ended in a
move) and `intensity_only` (a logistic regression on intensity alone).

Examples are pairs with interest on snapshot days whose horizon had closed by the day of the
question, labelled by whether a move became known by then: only outcomes known on that day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.wording import noun, plural

FEATURES = (
    "log_intensity",
    "intensity_trend",
    "intensity_share",
    "reached_approach",
    "reached_bid",
    "reached_negotiating",
    "reached_agreed",
    "bid_rejected",
    "called_off",
    "log_stories",
    "log_outlets",
    "outlet_evidence",
    "mean_outlet_evidence",
    "log_days_since_last_story",
    "under_contract",
    "years_remaining",
    "expires_in_horizon",
    "log_rivals",
    "log_market_value",
    "market_value_known",
    "in_window",
    "log_window_days_ahead",
    "years_to_horizon_close",
)
MODELS = ("base_rate", "intensity_only", "move_probability")  # as metrics.csv lists them
ISOTONIC_FROM = 500  # known moves from which calibration is isotonic (flexible); fewer: sigmoid (Platt)
FOLDS = 3


def typical_value(frame: pd.DataFrame) -> float:
    """The median market value of the examples' players: stands in for an unknown one, so a player
    without a value is read as a typical player, never as one worth nothing."""
    known = pd.to_numeric(frame["market_value_eur"], errors="coerce")
    known = known[known > 0]
    return float(known.median()) if len(known) else 1e6


def design(frame: pd.DataFrame, unknown_value: float = 1e6) -> np.ndarray:
    """The feature matrix of pair snapshots (sql/forecast/pair_snapshots.sql), in FEATURES order;
    an unknown market value counts as `unknown_value` (flagged by market_value_known)."""
    number = lambda name: pd.to_numeric(frame[name], errors="coerce").astype(float).fillna(0.0).to_numpy()
    flag = lambda name: frame[name].fillna(False).astype(bool).to_numpy(dtype=float)
    intensity = number("intensity")
    value = number("market_value_eur")
    stories = np.maximum(number("stories"), 1.0)
    columns = {
        "log_intensity": np.log1p(intensity),
        "intensity_trend": np.log1p(intensity) - np.log1p(number("intensity_before")),
        "intensity_share": number("intensity_share"),
        "reached_approach": flag("reached_approach"),
        "reached_bid": flag("reached_bid"),
        "reached_negotiating": flag("reached_negotiating"),
        "reached_agreed": flag("reached_agreed"),
        "bid_rejected": flag("bid_rejected"),
        "called_off": flag("called_off"),
        "log_stories": np.log(stories),
        "log_outlets": np.log(np.maximum(number("outlets"), 1.0)),
        "outlet_evidence": number("outlet_evidence"),
        "mean_outlet_evidence": number("outlet_evidence") / stories,
        "log_days_since_last_story": np.log1p(number("days_since_last_story")),
        "under_contract": flag("under_contract"),
        "years_remaining": number("days_remaining") / 365.25,
        "expires_in_horizon": flag("expires_in_horizon"),
        "log_rivals": np.log1p(number("rivals")),
        "log_market_value": np.log(np.where(value > 0, value, unknown_value)),
        "market_value_known": (value > 0).astype(float),
        "in_window": flag("in_window"),
        "log_window_days_ahead": np.log1p(number("window_days_ahead")),
        "years_to_horizon_close": number("days_to_horizon_close") / 365.25,
    }
    return np.column_stack([columns[name] for name in FEATURES])


@dataclass
class Fitted:
    full: object  # CalibratedClassifierCV
    intensity_only: object  # Pipeline
    base_rate: float
    unknown_value: float  # market value assumed for a player without one (the examples' median)
    low: np.ndarray  # each feature's range in the examples: a forecast is held within it, so a
    high: np.ndarray  # pair unlike any seen (a contract shorter than any) is never extrapolated
    outcomes: int  # settled (pair, horizon) outcomes learned from
    moves: int  # of which a move
    examples: int  # pair snapshots learned from
    calibration: str

    def predict(self, frame: pd.DataFrame) -> dict[str, np.ndarray]:
        """Each model's probability for each row of `frame`."""
        if frame.empty:
            return {name: np.zeros(0) for name in MODELS}
        x = np.clip(design(frame, self.unknown_value), self.low, self.high)
        return {
            "base_rate": np.full(len(frame), self.base_rate),
            "intensity_only": self.intensity_only.predict_proba(x[:, :1])[:, 1],  # type: ignore[attr-defined]
            "move_probability": self.full.predict_proba(x)[:, 1],  # type: ignore[attr-defined]
        }


def outcome_counts(examples: pd.DataFrame, labels: np.ndarray) -> tuple[int, int]:
    """(known moves, known non-moves) among the settled outcomes behind the examples: a pair's
    snapshots within one horizon are one outcome."""
    if examples.empty:
        return 0, 0
    keys = examples[["player", "interested_club", "horizon_closes"]].assign(moved=labels)
    per_outcome = keys.groupby(["player", "interested_club", "horizon_closes"], observed=True)["moved"].max()
    moves = int(per_outcome.sum())
    return moves, int(len(per_outcome) - moves)


def why_not(examples: pd.DataFrame, labels: np.ndarray, known_by: object, min_outcomes: int) -> str | None:
    """Why no model can be fitted on these examples, or None when one can: at least `min_outcomes`
    known moves and as many known non-moves, learned on days both inside and outside transfer
    windows (a model that has only seen one kind of day would be guessing on the other)."""
    moves, non_moves = outcome_counts(examples, labels)
    if moves < min_outcomes or non_moves < min_outcomes:
        return (
            f"too few known outcomes to fit: by {known_by}, {plural(moves, 'chase')} had ended in a move and "
            f"{non_moves:,} had not; {min_outcomes} of each are needed"
        )
    inside = examples["in_window"].fillna(False).astype(bool)
    for kind, days in (("inside", examples[inside]), ("outside", examples[~inside])):
        settled = sum(outcome_counts(days, labels[(inside if kind == "inside" else ~inside).to_numpy()]))
        if settled < min_outcomes:
            other = "outside" if kind == "inside" else "inside"
            return (
                f"too few known outcomes to fit: of the {plural(moves + non_moves, 'chase')} "
                f"settled by {known_by}, only {settled} {noun(settled, 'was', 'were')} seen on days {kind} a "
                f"transfer window ({min_outcomes} are needed on days {kind} and {other} alike)"
            )
    return None


def fit(examples: pd.DataFrame, labels: np.ndarray, min_outcomes: int, known_by: object = None) -> Fitted | None:
    """The three models fitted on the examples; None when why_not() says they cannot be (the caller
    says why: a probability is never guessed)."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if why_not(examples, labels, known_by, min_outcomes) is not None:
        return None
    moves, non_moves = outcome_counts(examples, labels)
    unknown_value = typical_value(examples)
    x = design(examples, unknown_value)
    y = np.asarray(labels, dtype=int)
    folds = pair_folds(examples)
    method = "isotonic" if moves >= ISOTONIC_FROM else "sigmoid"
    full = CalibratedClassifierCV(
        make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000)), method=method, cv=folds
    )
    full.fit(x, y)
    intensity_only = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(x[:, :1], y)
    low, high = x.min(axis=0), x.max(axis=0)
    return Fitted(
        full, intensity_only, float(y.mean()), unknown_value, low, high, moves + non_moves, moves, len(y), method
    )


def pair_folds(examples: pd.DataFrame) -> list[tuple[np.ndarray, np.ndarray]]:
    """FOLDS calibration folds keeping each pair's snapshots together (a pair seen in training and
    calibration alike would flatter the fit): pairs shuffled once, with a fixed seed, and dealt out."""
    pairs, names = pd.factorize(examples["player"].astype(str) + "\x1f" + examples["interested_club"].astype(str))
    fold_of_pair = np.random.default_rng(0).permutation(len(names)) % FOLDS
    fold = fold_of_pair[pairs]
    everything = np.arange(len(examples))
    return [(everything[fold != k], everything[fold == k]) for k in range(FOLDS)]
