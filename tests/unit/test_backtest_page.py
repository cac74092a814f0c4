"""The backtest page's words: the horizon by its number of windows, and the origins table saying
what each origin knew and whether it was fitted (origins.csv as `backtest` writes and reads it)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from analysis.forecast.backtest import METRIC_COLUMNS, ORIGIN_COLUMNS, PREDICTION_COLUMNS, Backtest
from analysis.forecast.settings import Settings
from analysis.report.backtest_page import horizon_words, notes_html, origins_table, summary

TOO_FEW = (
    "too few known outcomes to fit: by 2025-02-02, 0 chases had ended in a move and 2 had not; 20 of each are needed"
)


def test_the_horizon_is_worded_by_its_number_of_windows():
    assert horizon_words(1) == "1 window: the one open on the day, or else the next to close"
    assert horizon_words(2) == "2 windows: the one open on the day, or else the next to close, and the one after it"
    assert horizon_words(3) == "3 windows: the one open on the day, or else the next to close, and the 2 after it"


def _origins() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("2025-02-02", "", 2, 2, 0, 3, None, TOO_FEW),
            ("2025-02-02", "synthetic-demo", 107, 1050, 116, 4606, "sigmoid", None),
            ("2025-06-01", "", 0, 0, 0, 0, None, None),  # an origin with no pair and nothing learnable
        ],
        columns=ORIGIN_COLUMNS,
    )


def test_origins_say_what_was_known_and_whether_it_was_fitted():
    shown = origins_table(_origins(), "dataset")
    assert list(shown.columns) == ["origin", "pool", "pairs", "known outcomes", "known moves", "examples", "fit"]
    assert "fitted_on" not in shown.columns, "an origin that was not fitted was fitted on nothing"
    assert list(shown["pool"]) == ["no dataset", "synthetic-demo", "no dataset"]
    assert list(shown["fit"]) == [
        f"not fitted: {TOO_FEW}",
        "fitted (sigmoid calibration)",
        "nothing to fit: no pair with interest, no known outcome",
    ]
    assert list(shown["known outcomes"]) == [2, 1050, 0]


def test_origins_read_back_from_csv_read_the_same():
    """A folder read back (the notebook shows one): blank pools and reasons come back as NaN."""
    buffer = io.StringIO()
    _origins().to_csv(buffer, index=False)
    read = pd.read_csv(io.StringIO(buffer.getvalue()))
    pd.testing.assert_frame_equal(origins_table(read, "dataset"), origins_table(_origins(), "dataset"))
    assert set(origins_table(read, "")["pool"]) == {"every pair (no pools)"}


def test_notes_are_boxed_under_the_summary_escaped_and_absent_when_there_are_none():
    note = "dataset '<b>demo</b>': its newest report is 2025-06-30, before the end (2026-03-01); 287 prediction(s) ..."
    box = notes_html([note])
    assert box.startswith('<div class="notes" id="not-scored"><p><b>Not scored</b></p><ul><li>')
    assert "&lt;b&gt;demo&lt;/b&gt;" in box and "<b>demo</b>" not in box
    assert notes_html([]) == ""


def _scored(predictions: int, positives: int) -> Backtest:
    metrics = pd.DataFrame(
        [
            (model, predictions, positives, 0.1, 0.05, skill, 0.2, 0.8, 0.02)
            for model, skill in (("base_rate", 0.0), ("intensity_only", 0.031), ("move_probability", 0.371))
        ],
        columns=METRIC_COLUMNS,
    )
    empty = pd.DataFrame()
    return Backtest(dt.date(2023, 7, 1), dt.date(2025, 6, 30), Settings(), empty, empty, metrics, empty, empty)


def test_the_summary_counts_its_predictions_in_words():
    assert summary(_scored(1501, 43)).startswith(
        "From 2023-07-01 to 2025-06-30, 1,501 predictions (horizons closed by the end) were scored, 43 of which "
        "came true. The full model's Brier score is 0.050 (skill +37.1% over the base rate; intensity alone +3.1%)"
    )
    assert summary(_scored(1, 1)).startswith(
        "From 2023-07-01 to 2025-06-30, 1 prediction (horizons closed by the end) was scored, 1 of which came true."
    )


def test_a_replay_that_scored_nothing_because_its_data_ended_says_so_not_too_few_outcomes():
    """Trial 3: the backtest notebook on its defaults (to the warehouse's last day, past the demo
    data) scored nothing and its headline blamed too few outcomes; the cause was in the box below."""
    nothing = _scored(0, 0)
    assert summary(nothing) == (
        "From 2023-07-01 to 2025-06-30, no prediction could be scored yet: too few outcomes were known at every "
        "origin to fit the model (see the origins table)."
    )
    nothing.notes = ["dataset 'synthetic-demo': its newest report is 2025-06-30, before the end (2025-09-02); ..."]
    said = summary(nothing)
    assert said == (
        "From 2023-07-01 to 2025-06-30, no prediction could be scored: those whose horizon closed were left "
        "unscored, their data ending before it (see Not scored below); a --to at or before the data's newest report "
        "scores them."
    )


def test_a_replay_whose_horizons_all_close_after_its_end_says_so_and_what_scores_some():
    """Trial 4: two seasons of data, looking two windows ahead: four origins were fitted, yet the
    summary said 'too few outcomes were known at the origins, or no horizon had closed by the end'
    (which?), and the README's advice, a later --to, found no data there."""
    nothing = _scored(0, 0)
    made = [
        ("2025-02-03", "A", "B", "move_probability", 0.2, "pending", "2025-09-01", "summer 2025", False),
        ("2025-06-16", "A", "C", "move_probability", 0.1, "pending", "2026-02-02", "winter 2025-26", False),
        ("2025-06-16", "A", "C", "base_rate", 0.1, "pending", "2026-02-02", "winter 2025-26", False),
        ("2023-07-01", "A", "D", "move_probability", None, "pending", "2024-02-01", "winter 2023-24", False),
    ]
    nothing.predictions = pd.DataFrame(made, columns=PREDICTION_COLUMNS)
    assert summary(nothing) == (
        "From 2023-07-01 to 2025-06-30, no prediction could be scored yet: 2 predictions were made, but no horizon "
        "(2 windows ahead) had closed by the end; the first closes on 2025-09-01. A --to after it, or looking "
        "fewer windows ahead (--horizon-windows 1), scores some."
    )
