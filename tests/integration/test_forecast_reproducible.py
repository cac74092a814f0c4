"""A backtest is published: run twice on the same warehouse it must give the same numbers, however
DuckDB splits the work between threads. A float sum adds in whatever order the threads finish, so
the last bits of a pair's intensity (and of everything fitted on it) changed from run to run; the
forecast's sums are compensated (`fsum`), which gives the same double whatever the order."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.forecast import predict
from analysis.forecast.backtest import settings
from analysis.forecast.session import session, snapshot_days
from tests.forecast_data import shipped_warehouse

pytestmark = pytest.mark.slow  # the shipped league's features on every snapshot day, twice


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return shipped_warehouse(tmp_path_factory.mktemp("shipped"))


def test_pair_features_are_the_same_whichever_thread_adds_what(warehouse):
    end = dt.date(2025, 6, 30)
    chosen = settings(horizon_windows=1)
    with session(end, chosen, warehouse) as s:
        # more threads than this machine has cores: the aggregation is split however DuckDB likes
        s.con.execute("SET threads = 8")
        days = snapshot_days(s.first_story_day(), end, chosen.snapshot_days)
        assert len(days) > 40  # the demo league's two seasons: enough rows to be split between threads
        runs = [predict.learn(s, days)[1] for _ in range(4)]
    assert len(runs[0]) > 1000 and runs[0]["intensity"].notna().all()
    for again in runs[1:]:
        pd.testing.assert_frame_equal(runs[0], again, check_exact=True)
