"""The estimators on their own: the outlets' Beta prior (scipy's beta-binomial, fitted), the
posterior and its interval, the model's features and its refusal to guess, the forecast settings,
and synth's truth mechanism (outlets drawn given whether a story came true)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from scipy.stats import betabinom

from analysis.errors import UserError
from analysis.forecast import model, predict, reliability
from analysis.forecast.settings import Settings, settings
from analysis.synth_truth import Outlets, assign_outlets, calendar, draw_effects


def test_the_prior_fitted_to_all_outlets_recovers_the_truth():
    rng = np.random.default_rng(1)
    n = rng.integers(20, 200, 300)
    hits = betabinom.rvs(n, 4.0, 12.0, random_state=rng)
    prior = reliability.fit_prior(hits, n)
    assert prior.fitted and prior.mean == pytest.approx(0.25, abs=0.02)
    assert prior.alpha + prior.beta == pytest.approx(16.0, rel=0.35)


def test_too_few_outlets_keep_the_uniform_prior():
    assert reliability.fit_prior(np.array([3, 1]), np.array([10, 5])) == reliability.UNIFORM
    assert reliability.fit_prior(np.array([0, 3, 1]), np.array([0, 10, 5])) == reliability.UNIFORM, "unsettled"


def test_a_pool_where_every_story_failed_or_came_true_keeps_the_uniform_prior():
    """The article's outlets on the shipped data, 30 Jun 2025: three outlets, six settled stories, no
    hit. The likelihood's maximum is a point prior at 0, which made one story's outlet certain
    (hit rate 6e-05, interval up to 1e-181)."""
    none = reliability.fit_prior(np.array([0, 0, 0]), np.array([1, 1, 4]))
    every = reliability.fit_prior(np.array([2, 1, 3]), np.array([2, 1, 3]))
    assert none == every == reliability.UNIFORM
    counts = pd.DataFrame({"settled_stories": [1], "settled_materialised": [0]})
    one_miss = reliability.posterior(counts, none, 0.9).iloc[0]
    assert one_miss["hit_rate"] == pytest.approx(1 / 3)  # Beta(1, 2)
    assert one_miss["hit_rate_high"] > 0.5


def test_the_posterior_counts_settled_stories_only():
    counts = pd.DataFrame(
        {
            "outlet": ["a", "b"],
            "materialised": [5, 0],
            "not_materialised": [5, 0],
            "pending": [90, 7],
            "settled_stories": [8, 0],
            "settled_materialised": [3, 0],
        }
    )
    table = reliability.posterior(counts, reliability.Prior(2.0, 6.0, True), 0.9)
    assert table["hit_rate"].tolist() == pytest.approx([(2 + 3) / (8 + 8), 0.25])
    assert table["raw_hit_rate"].iloc[0] == pytest.approx(3 / 8) and np.isnan(table["raw_hit_rate"].iloc[1])
    low, high = table.loc[1, ["hit_rate_low", "hit_rate_high"]]
    assert (low, high) == pytest.approx((0.0534, 0.5207), abs=1e-4), "the prior's own 90% interval, Beta(2, 6)"


def _examples(moves: int, non_moves: int, inside: float = 0.5) -> pd.DataFrame:
    n = moves + non_moves
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "player": [f"p{i}" for i in range(n)],
            "interested_club": "C",
            "horizon_closes": pd.Timestamp("2025-09-01"),
            "intensity": rng.uniform(0, 3, n),
            "intensity_before": 0.0,
            "intensity_share": 1.0,
            "reached_approach": rng.random(n) < 0.5,
            "reached_bid": False,
            "reached_negotiating": False,
            "reached_agreed": False,
            "bid_rejected": False,
            "called_off": False,
            "stories": 2,
            "outlets": 1,
            "outlet_evidence": 0.0,
            "days_since_last_story": 3,
            "under_contract": True,
            "days_remaining": 400,
            "expires_in_horizon": False,
            "rivals": 0,
            "market_value_eur": np.where(rng.random(n) < 0.5, 5e6, np.nan),
            "in_window": rng.random(n) < inside,
            "window_days_ahead": 90,
            "days_to_horizon_close": 200,
        }
    )


def test_no_model_without_enough_moves_non_moves_and_kinds_of_day():
    labels = np.r_[np.ones(5), np.zeros(40)].astype(bool)
    assert model.why_not(_examples(5, 40), labels, "2025-01-25", 20).startswith(
        "too few known outcomes to fit: by 2025-01-25, 5 chases had ended in a move and 40 had not"
    )
    one = np.r_[np.ones(1), np.zeros(40)].astype(bool)
    assert "by 2025-01-25, 1 chase had ended in a move and 40 had not" in model.why_not(
        _examples(1, 40), one, "2025-01-25", 20
    )
    labels = np.r_[np.ones(30), np.zeros(40)].astype(bool)
    inside_only = model.why_not(_examples(30, 40, inside=1.0), labels, "2024-02-02", 20)
    assert "only 0 were seen on days outside a transfer window" in inside_only
    assert model.why_not(_examples(30, 40), labels, "2024-02-02", 20) is None
    assert model.fit(_examples(5, 40), np.r_[np.ones(5), np.zeros(40)].astype(bool), 20) is None


def test_a_fitted_model_never_extrapolates_and_reads_an_unknown_value_as_typical():
    examples = _examples(60, 140)
    labels = (examples["intensity"] > 1.5).to_numpy()
    fitted = model.fit(examples, labels, 20)
    assert fitted is not None and fitted.unknown_value == pytest.approx(5e6)
    beyond = examples.iloc[[0, 0]].assign(intensity=[1e6, examples["intensity"].max()])
    probabilities = fitted.predict(beyond)["move_probability"]
    assert probabilities[0] == pytest.approx(probabilities[1]), "held within the range the model has seen"
    assert set(fitted.predict(examples)) == set(model.MODELS)


def test_a_pool_is_fitted_once_per_set_of_examples_and_labels_across_origins():
    """The backtest's origins share one pool's fits (fit_pool's `reuse`); a move coming to light
    changes the labels, so the pool is fitted again."""
    examples = _examples(60, 140)
    labels = (examples["intensity"] > 1.5).to_numpy()
    reuse: dict = {}
    first, reason, moves, non_moves = predict.fit_pool(examples, labels, dt.date(2024, 2, 2), 20, "", reuse=reuse)
    assert first is not None and reason is None and (moves, non_moves) == (labels.sum(), (~labels).sum())
    assert predict.fit_pool(examples, labels, dt.date(2024, 6, 1), 20, "", reuse=reuse)[0] is first
    alone = predict.fit_pool(examples, labels, dt.date(2024, 6, 1), 20, "")[0]
    assert alone is not None and alone is not first
    np.testing.assert_allclose(alone.predict(examples)["move_probability"], first.predict(examples)["move_probability"])
    one_more = labels.copy()
    one_more[np.flatnonzero(~labels)[0]] = True
    refit = predict.fit_pool(examples, one_more, dt.date(2024, 9, 2), 20, "", reuse=reuse)[0]
    assert refit is not None and refit is not first and refit.moves == first.moves + 1
    few = np.r_[np.ones(5), np.zeros(195)].astype(bool)
    fitted, reason, *_ = predict.fit_pool(examples, few, dt.date(2024, 9, 2), 20, ". Only chases of x", reuse=reuse)
    assert fitted is None and reason is not None and reason.endswith(". Only chases of x") and len(reuse) == 2


def test_calibration_folds_keep_each_pairs_snapshots_together():
    examples = pd.DataFrame({"player": list("aabbccddee") * 3, "interested_club": "C"})
    folds = model.pair_folds(examples)
    assert len(folds) == model.FOLDS
    for train, test in folds:
        assert not set(examples["player"].iloc[train]) & set(examples["player"].iloc[test])


def test_forecast_settings_come_from_forecast_yml_and_refuse_nonsense():
    shipped = settings()
    assert shipped == Settings(), "data/reference/forecast.yml holds the documented defaults"
    assert settings(horizon_windows=1).horizon_windows == 1 and settings(horizon_windows=0) == shipped
    with pytest.raises(UserError, match="credible_level must be between 0 and 1"):
        settings(credible_level=1.5)
    with pytest.raises(UserError, match="horizon_windows must be a number"):
        settings(horizon_windows="two")


def test_synth_draws_outlets_so_each_comes_true_at_its_rate():
    rng = np.random.default_rng(3)
    outlets = Outlets(["a", "b", "c"], np.array([1, 2, 4]), np.array([0.2, 0.3, 0.5]), np.array([0.6, 0.3, 0.1]))
    came_true = rng.random(400_000) < 0.22
    judged = rng.random(400_000) < 0.95
    drawn = assign_outlets(rng, came_true, judged, outlets)
    assert np.dot(outlets.shares, drawn.hit_rate) == pytest.approx(drawn.story_share)
    for k in range(3):
        mine = judged & (drawn.codes == k)
        assert came_true[mine].mean() == pytest.approx(drawn.hit_rate[k], abs=0.006)
    assert np.argsort(drawn.hit_rate).tolist() == [2, 1, 0], "each outlet keeps its standing"


def test_the_synthetic_calendar_and_stage_effects():
    import datetime as dt

    cal = calendar(dt.date(2023, 7, 1), 2)
    day = (dt.date(2025, 1, 25) - dt.date(2023, 7, 1)).days
    assert dt.date(2023, 7, 1) + dt.timedelta(days=int(cal.horizon_close[day])) == dt.date(2025, 9, 1)
    assert cal.end == dt.date(2025, 6, 30)
    effects = draw_effects(np.random.default_rng(0)).stage
    assert effects[0] == 0 and effects[1] < effects[2] < effects[3] < effects[5] and effects[4] < effects[3]
