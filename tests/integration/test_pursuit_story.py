"""Real Madrid's pursuit of Alexander-Arnold on the shipped data (a real DuckDB warehouse built by
ingest from data/raw): the ladder tells the story in the order it was reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analysis import marts
from analysis.report import views
from tests.forecast_data import shipped_warehouse

TAA = "Trent Alexander-Arnold"
RM = "Real Madrid"
ARTICLE = "rumours/article_2025-01-25.csv"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return shipped_warehouse(tmp_path_factory.mktemp("shipped"))


def test_the_history_keeps_a_days_reports_in_file_order(warehouse):
    """25 January in the article file: line 6 'ruled out' a second offer, line 7 they will look to
    sign him for free in the summer. The history lists them in that order."""
    history = marts.pursuit_history(TAA, as_of="2025-01-25", warehouse=warehouse)
    madrid = history[history["interested_club"] == RM]
    day = madrid[pd.to_datetime(madrid["reported_on"]) == pd.Timestamp("2025-01-25")]
    assert list(day["source_file"]) == [ARTICLE, ARTICLE]
    assert list(zip(day["line_number"], day["stage"])) == [(6, "ruled_out"), (7, "interest")]


def test_the_ladder_ends_on_the_last_thing_reported(warehouse):
    fig, _ = views.pursuit_ladder(TAA, dt.date(2025, 1, 25), warehouse=warehouse)
    (madrid,) = [t for t in fig.data if t.name == RM]
    assert list(madrid.y) == ["approach", "bid_rejected", "bid", "interest", "ruled_out", "interest"]
    assert pd.Timestamp(madrid.x[-1]) == pd.Timestamp("2025-01-25")
    assert "free in the summer" in madrid.customdata[-1][6], "the last step is line 7's report"
