"""Point in time (SPEC 10): an answer as of a day reads nothing known later. Two warehouses share
everything known by D; in the second, the future is rewritten: every move after D is replaced by
moves of the very pairs that had interest on D (the answer a leak would find), and every later
report and contract record is dropped. The answers as of D, probability, reliability and outcomes
alike, must not change; later answers must (or the test would prove nothing)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import forecast
from analysis.forecast import backtest
from analysis.ingest import ingest
from analysis.progress import Progress
from tests.forecast_data import synthetic_league

pytestmark = pytest.mark.slow  # two generated warehouses, fitted and replayed
D = dt.date(2025, 3, 1)


def _rewrite(path, keep, extra=()) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = reader.fieldnames, [r for r in reader if keep(r)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header)
        writer.writeheader()
        writer.writerows([*rows, *extra])


@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    base = tmp_path_factory.mktemp("pit")
    league = synthetic_league(base / "known", rumours=12_000, clubs=25, seasons=3, outlets=12, seed=3)
    chased = forecast.move_probabilities(D, warehouse=league.warehouse)
    assert chased["probability"].notna().all() and len(chased) > 50, "a fitted model on D, or the test is empty"
    other = base / "rewritten"
    shutil.copytree(league.raw, other / "raw")
    after = lambda r, column: r[column][:10] > D.isoformat()
    fake = [
        {"player": p, "from_club": "", "to_club": c, "transfer_date": (D + dt.timedelta(days=20 + i % 60)).isoformat()}
        | {"fee": "€1m", "is_loan": "false", "dataset": "synthetic-demo"}
        for i, (p, c) in enumerate(zip(chased["player"], chased["interested_club"]))
    ]
    _rewrite(other / "raw/transfers/synthetic_demo_transfers.csv", lambda r: not after(r, "transfer_date"), fake)
    _rewrite(other / "raw/rumours/synthetic_demo_rumours.csv", lambda r: not after(r, "reported_on"))
    _rewrite(
        other / "raw/contracts/synthetic_demo_contracts.csv",
        lambda r: not r["recorded_on"] or not after(r, "recorded_on"),
    )
    warehouse = other / "warehouse.duckdb"
    ingest(other / "raw", league.reference, warehouse, progress=Progress.quiet())
    return league.warehouse, warehouse


def test_move_probabilities_as_of_d_ignore_the_future(worlds):
    known, rewritten = (forecast.move_probabilities(D, warehouse=w) for w in worlds)
    assert_frame_equal(known, rewritten)
    later = dt.date(2025, 9, 2)
    changed = (
        forecast.move_probabilities(later, warehouse=worlds[0]),
        forecast.move_probabilities(later, warehouse=worlds[1]),
    )
    assert not changed[0]["probability"].equals(changed[1]["probability"]) or len(changed[0]) != len(changed[1])


def test_outlet_reliability_and_outcomes_as_of_d_ignore_the_future(worlds):
    assert_frame_equal(*(forecast.outlet_reliability(D, warehouse=w) for w in worlds))
    # where each story sits in its file moves when later lines are dropped; nothing else may
    assert_frame_equal(*(forecast.story_outcomes(D, warehouse=w).drop(columns="line_number") for w in worlds))
    later = [forecast.story_outcomes(dt.date(2026, 6, 30), warehouse=w) for w in worlds]
    before_d = [o[pd.to_datetime(o["reported_on"]) <= pd.Timestamp(D)].reset_index(drop=True) for o in later]
    assert before_d[0][["player", "interested_club"]].equals(before_d[1][["player", "interested_club"]])
    assert (before_d[0]["outcome"] != before_d[1]["outcome"]).sum() > 10, "the same stories came out otherwise"


def test_the_backtests_predictions_up_to_d_ignore_the_future(worlds):
    replays = [backtest.run(to_date="2025-06-30", warehouse=w) for w in worlds]
    up_to_d = [r.predictions[pd.to_datetime(r.predictions["as_of"]) <= pd.Timestamp(D)] for r in replays]
    assert up_to_d[0]["probability"].notna().any(), "some origin before D was fitted"
    columns = ["as_of", "player", "interested_club", "model", "probability", "horizon_closes"]
    assert_frame_equal(up_to_d[0][columns].reset_index(drop=True), up_to_d[1][columns].reset_index(drop=True))
    assert not up_to_d[0]["outcome"].equals(up_to_d[1]["outcome"]), "their outcomes, known later, do differ"
