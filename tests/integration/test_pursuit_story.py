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


# --- a completed pursuit (he joined the suitor) is a completed move, not a chase ---------------------


def test_the_move_that_completes_a_pursuit_is_the_one_outcomes_count(warehouse):
    """Alexander-Arnold joined Real Madrid on 30 May 2025 (transfers/article_outcomes_2025.csv): the
    pursuit is completed from that day, by the same move that makes his story materialise."""
    from analysis import forecast

    assert marts.completed_pursuits(player=TAA, as_of="2025-05-29", warehouse=warehouse).empty
    (done,) = marts.completed_pursuits(player=TAA, as_of="2025-05-30", warehouse=warehouse).itertuples(index=False)
    assert (done.interested_club, done.joined_evidence, done.source_file, done.line_number) == (
        RM,
        "transfers",
        "transfers/article_outcomes_2025.csv",
        2,
    )
    assert (
        pd.Timestamp(done.joined_on)
        == pd.Timestamp("2025-05-30")
        == pd.Timestamp(done.pursued_since) + pd.Timedelta(days=150)
    )
    stories = forecast.story_outcomes("2025-07-01", player=TAA, warehouse=warehouse)
    madrid = stories[stories["interested_club"] == RM]
    assert set(madrid["outcome"]) == {"materialised"}
    assert {pd.Timestamp(d) for d in madrid["move_known_on"]} == {pd.Timestamp(done.joined_known_on)}


def test_the_ladder_ends_on_completed_the_day_he_joined(warehouse):
    before, _ = views.pursuit_ladder(TAA, dt.date(2025, 5, 29), warehouse=warehouse)
    assert [t.name for t in before.data if t.name.startswith(RM)] == [RM], "not joined yet: still a pursuit"
    fig, data = views.pursuit_ladder(TAA, dt.date(2025, 6, 30), warehouse=warehouse)
    (madrid,) = [t for t in fig.data if t.name.startswith(RM)]
    last = data.iloc[-1]  # the chart's CSV: his reports, then the record that completed the pursuit
    assert (last["stage"], last["source"], last["source_file"], last["line_number"]) == (
        "completed",
        "transfer record",
        "transfers/article_outcomes_2025.csv",
        2,
    )
    assert len(data) == len(marts.pursuit_history(TAA, as_of="2025-06-30", warehouse=warehouse)) + 1
    assert madrid.name == "Real Madrid (joined 30 May 2025)"
    assert list(madrid.y)[-2:] == ["interest", "completed"]
    assert pd.Timestamp(madrid.x[-1]) == pd.Timestamp("2025-05-30")
    assert list(madrid.customdata[-1][[1, 6]]) == ["transfer record", f"{TAA} joined {RM}"]


def test_intensity_stops_the_day_he_joined_and_says_so(warehouse):
    as_of = dt.date(2025, 6, 10)
    fig, data = views.interest_intensity(RM, as_of, warehouse=warehouse, lookback_days=200, half_life_days=60)
    taa = data[data["player"] == TAA]
    assert pd.to_datetime(taa["date"]).max() == pd.Timestamp("2025-05-30")
    assert set(pd.to_datetime(taa["joined_on"])) == {pd.Timestamp("2025-05-30")}
    konate = data[data["player"] == "Ibrahima Konaté"]
    assert pd.to_datetime(konate["date"]).max() == pd.Timestamp(as_of) and konate["joined_on"].isna().all()
    names = [t.name for t in fig.data]
    assert f"{RM} → {TAA} (joined 30 May 2025)" in names and f"{RM} → Ibrahima Konaté" in names
    (joined,) = [t for t in fig.data if t.name == f"{RM} → {TAA} (joined 30 May 2025): joined"]
    assert pd.Timestamp(joined.x[0]) == pd.Timestamp("2025-05-30") and joined.marker.symbol == "hexagram"
    on = {
        day: marts.intensity_on(RM, as_of=day, warehouse=warehouse)
        for day in ("2025-05-29", "2025-05-30", "2025-06-10")
    }
    assert TAA in set(on["2025-05-29"]["player"]), "a chase until the day before"
    assert TAA not in set(on["2025-05-30"]["player"]) | set(on["2025-06-10"]["player"]), "then a completed move"


def test_the_market_watch_lists_a_completed_pursuit_under_completed_moves_not_movers(warehouse):
    """Quarrygate United's chase of Ferran Pelletti (demo league) is a mover up to the day before he
    joins on 1 June 2025; from that day it is a completed move, with the pursuit it ended."""
    from analysis.marts import market

    player, suitor = "Ferran Pelletti", "Quarrygate United"
    day_before = market.market_watch("2025-05-31", "2025-05-24", warehouse=warehouse)
    chase = day_before.movers[
        (day_before.movers["player"] == player) & (day_before.movers["interested_club"] == suitor)
    ]
    assert len(chase) == 1 and chase["intensity"].iloc[0] > 0
    watch = market.market_watch("2025-06-01", "2025-05-25", warehouse=warehouse)
    for section in (watch.movers, watch.new_pursuits):
        assert not ((section["player"] == player) & (section["interested_club"] == suitor)).any()
    (move,) = watch.completed_moves[watch.completed_moves["player"] == player].itertuples(index=False)
    assert move.to_club == suitor and pd.Timestamp(move.pursued_since) <= pd.Timestamp("2025-05-08")
    assert move.pursuit_stories >= 1


@pytest.mark.slow
def test_the_dossier_notebook_shows_the_completed_pursuit(warehouse, tmp_path):
    """notebooks/player_dossier.ipynb through papermill as of 30 June 2025: the ladder's Real Madrid
    line ends on completed the day he joined, and his suitor intensity line stops there too."""
    import nbformat
    import papermill

    from analysis import config

    out = tmp_path / "dossier.ipynb"
    papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / "player_dossier.ipynb"),
        str(out),
        parameters={
            "player": "TAA",
            "as_of": "2025-06-30",
            "lookback_days": 200,
            "half_life_days": 60.0,  # slow decay: the chase is still above the floor when he joins
            "warehouse": str(warehouse),
        },
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    charts = [
        o["data"]["application/vnd.plotly.v1+json"]
        for c in nbformat.read(out, as_version=4).cells
        for o in c.get("outputs", [])
        if "application/vnd.plotly.v1+json" in o.get("data", {})
    ]
    ladder = next(c for c in charts if "pursuit ladder" in c["layout"]["title"]["text"])
    (madrid,) = [t for t in ladder["data"] if t["name"].startswith(RM)]
    assert madrid["name"] == "Real Madrid (joined 30 May 2025)" and madrid["y"][-1] == "completed"
    intensity = next(c for c in charts if "interest intensity over time" in c["layout"]["title"]["text"])
    (line,) = [t for t in intensity["data"] if t["name"] == "Real Madrid (joined 30 May 2025)"]
    assert str(line["x"][-1]).startswith("2025-05-30")
