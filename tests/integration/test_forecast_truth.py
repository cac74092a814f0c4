"""The estimators checked against a generated league's known truth (issue 12, "Must show"): synth
draws each outlet's true hit rate and each stage's effect and makes its moves from them
(analysis.synth_truth); the outlets' credible intervals must cover the truth, and the backtest must
show the full model beating both baselines and calibrated on the windows it never saw.

League: 20,000 rumours, 30 clubs, 30 outlets, four seasons (a fixed seed): four seasons so that,
with a horizon of two windows, several held-out windows' outcomes are settled by the end."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis import forecast
from analysis.forecast import backtest
from tests.forecast_data import synthetic_league

COVERAGE_GOAL, STORIES_FOR_COVERAGE, ECE_GOAL = 0.80, 30, 0.05
pytestmark = pytest.mark.slow  # generates, ingests and replays a four-season league (~15 s)


@pytest.fixture(scope="module")
def league(tmp_path_factory):
    return synthetic_league(tmp_path_factory.mktemp("truth"))


@pytest.fixture(scope="module")
def replay(league):
    return backtest.run(warehouse=league.warehouse)


def test_outlet_intervals_cover_the_true_hit_rates(league):
    settled = dt.date.fromisoformat(league.last_day) + dt.timedelta(days=366)  # every horizon has closed
    table = forecast.outlet_reliability(settled, warehouse=league.warehouse)
    truth = {o["outlet"]: o["hit_rate"] for o in league.truth["outlets"]}
    assert table["pending"].sum() == 0 and set(table["outlet"]) <= set(truth)
    judged = table[table["stories"] >= STORIES_FOR_COVERAGE].assign(truth=lambda t: t["outlet"].map(truth))
    covered = (judged["hit_rate_low"] <= judged["truth"]) & (judged["truth"] <= judged["hit_rate_high"])
    assert len(judged) >= 20, "enough outlets with 30+ stories for the share to mean something"
    assert covered.mean() >= COVERAGE_GOAL, (
        f"90% intervals cover {covered.mean():.0%} of {len(judged)} outlets:\n"
        f"{judged.loc[~covered, ['outlet', 'stories', 'hit_rate_low', 'hit_rate_high', 'truth']]}"
    )
    error = (judged["hit_rate"] - judged["truth"]).abs().mean()
    assert error < 0.03, f"mean absolute error of the hit rates {error:.3f}"


def test_the_full_model_beats_both_baselines(replay):
    scores = replay.metrics.set_index("model")
    full, intensity = scores.loc["move_probability"], scores.loc["intensity_only"]
    assert full["predictions"] >= 1500 and full["positives"] >= 100, scores
    assert full["brier_skill"] > 0, f"Brier skill over the base rate {full['brier_skill']:.3f}"
    assert full["brier_skill"] > intensity["brier_skill"], (
        f"full {full['brier_skill']:.3f} against intensity only {intensity['brier_skill']:.3f}"
    )
    assert scores.loc["base_rate", "brier_skill"] == 0 and full["auc"] > intensity["auc"]


def test_the_full_model_is_calibrated_on_held_out_windows(replay):
    scored = replay.predictions[replay.predictions["scored"] & (replay.predictions["model"] == "move_probability")]
    origins = sorted(set(scored["as_of"]))
    assert len(origins) >= 4, f"held-out windows scored: {origins}"
    fitted = replay.origins.set_index("as_of").loc[origins]
    assert (fitted["reason"].isna()).all(), "every scored origin was fitted"
    ece = replay.metrics.set_index("model").loc["move_probability", "ece"]
    assert ece <= ECE_GOAL, f"expected calibration error {ece:.3f}\n{replay.reliability}"


def test_each_origin_learned_only_from_horizons_closed_before_it(replay):
    """Fitted on M known outcomes, M growing as windows close; none before anything had closed."""
    origins = replay.origins.sort_values("as_of")
    assert origins["fitted_on"].is_monotonic_increasing
    assert origins["reason"].iloc[0].startswith("too few known outcomes")
    first_closed = dt.date(2024, 2, 1)  # the close of the first horizon (summer 2023 + winter 2023-24)
    assert all(r.startswith("too few") for r in origins.loc[origins["as_of"] <= first_closed, "reason"])
