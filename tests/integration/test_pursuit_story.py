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
    # the README's call with both (trial 3: 'give a club or a player' although both were given)
    pair = marts.completed_pursuits("real madrid", "trent alexander-arnold", as_of="2025-07-01", warehouse=warehouse)
    assert [(r.player, r.interested_club) for r in pair.itertuples(index=False)] == [(TAA, RM)]
    assert marts.completed_pursuits("Liverpool", TAA, as_of="2025-07-01", warehouse=warehouse).empty
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


def test_the_intensity_line_stops_the_day_he_joined_and_the_data_runs_on(warehouse):
    """SPEC 7 and 8: the CSV holds the daily values up to the as-of date, every report counting,
    joined_on a flag; only the chart's line stops on the day he joined."""
    as_of = dt.date(2025, 6, 10)
    fig, data = views.interest_intensity(RM, as_of, warehouse=warehouse, lookback_days=200, half_life_days=60)
    taa = data[data["player"] == TAA]
    assert pd.to_datetime(taa["date"]).max() == pd.Timestamp(as_of)
    assert set(pd.to_datetime(taa["joined_on"])) == {pd.Timestamp("2025-05-30")}
    on_the_day = marts.intensity_on(player=TAA, as_of=as_of, half_life_days=60, warehouse=warehouse)
    (madrid_today,) = on_the_day[on_the_day["interested_club"] == RM].itertuples(index=False)
    last = taa[pd.to_datetime(taa["date"]) == pd.Timestamp(as_of)]
    assert float(last["intensity"].iloc[0]) == pytest.approx(madrid_today.intensity) and madrid_today.intensity > 0
    konate = data[data["player"] == "Ibrahima Konaté"]
    assert pd.to_datetime(konate["date"]).max() == pd.Timestamp(as_of) and konate["joined_on"].isna().all()
    names = [t.name for t in fig.data]
    assert f"{RM} → {TAA} (joined 30 May 2025)" in names and f"{RM} → Ibrahima Konaté" in names
    (joined,) = [t for t in fig.data if t.name == f"{RM} → {TAA} (joined 30 May 2025): joined"]
    assert pd.Timestamp(joined.x[0]) == pd.Timestamp("2025-05-30") and joined.marker.symbol == "hexagram"
    (line,) = [t for t in fig.data if t.name == f"{RM} → {TAA} (joined 30 May 2025)"]
    assert max(pd.to_datetime(line.x)) == pd.Timestamp("2025-05-30")
    on = {
        day: marts.intensity_on(RM, as_of=day, warehouse=warehouse)
        for day in ("2025-05-29", "2025-05-30", "2025-06-10")
    }
    flag = {day: frame.loc[frame["player"] == TAA, "joined_on"] for day, frame in on.items()}
    assert len(flag["2025-05-29"]) == 1 and flag["2025-05-29"].isna().all(), "a chase until the day before"
    for day in ("2025-05-30", "2025-06-10"):  # then a completed move: still counted, flagged
        assert list(pd.to_datetime(flag[day])) == [pd.Timestamp("2025-05-30")]
    heat, cells = views.intensity_heatmap(RM, as_of, warehouse=warehouse, half_life_days=60)
    taa_cell = cells[cells["player"] == TAA]
    assert len(taa_cell) == 1 and not taa_cell["shown_in_chart"].any(), "the heatmap shows who is chasing"
    assert all(TAA not in str(t.y) for t in heat.data if t.type == "heatmap")


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


# --- a completion covers the reports up to the join: the club may chase him again ----------------

SEAN, NOVAK, KAITO = "Seán O'Driscoll", "Jiří Novák", "Kaito Nakamura"
RESUMED_AS_OF = dt.date(2024, 9, 15)


@pytest.fixture(scope="module")
def comebacks(tmp_path_factory) -> Path:
    """Raw exports as the repo's fixtures have them (a relayed story, fees as written, a loan and its
    'End of loan' return listed as moves), ingested into a real warehouse. O'Driscoll went to Beta
    FC on loan and back; Beta then bid for him. Nakamura joined Delta SC, left for Epsilon AC, and
    Delta came back. Novák joined Gamma CF and only talks with his own club followed."""
    from tests.conftest import RawFolder

    folder = RawFolder(tmp_path_factory.mktemp("comebacks") / "raw")
    folder.rumours(
        "rumour_mill.csv",
        f"2023-06-01,{SEAN},Alpha FC,Beta FC,The Athletic,,interest,,Beta keen on O'Driscoll,",
        f"2023-06-01,{SEAN},Alpha FC,Beta FC,The Athletic,Sky Sports,interest,,Beta keen on O'Driscoll,",
        f'2024-09-01,{SEAN},Alpha FC,Beta FC,The Athletic,,bid,€15m,"Beta bid €15m for ""the Cork kid""",',
        f"2024-09-10,{SEAN},Alpha FC,Beta FC,Marca,,bid,€18m,Beta return with a second bid,",
        f"2024-05-01,{NOVAK},Alpha FC,Gamma CF,Marca,,interest,,Gamma watch Novák,",
        f"2024-06-15,{NOVAK},Alpha FC,Gamma CF,Marca,,bid,€9m,Gamma bid for Novák,",
        f"2024-08-01,{NOVAK},Gamma CF,Gamma CF,Marca,,,,Gamma open talks on a new deal,",
        f"2023-07-10,{KAITO},Alpha FC,Delta SC,The Athletic,,approach,,Delta approach Nakamura,",
        f"2024-09-05,{KAITO},Epsilon AC,Delta SC,The Athletic,,approach,,Delta want Nakamura back,",
    )
    folder.contracts(
        "squad.csv",
        f'"{SEAN}",Alpha FC,2026-06-30,2023-01-01',
        f"{NOVAK},Alpha FC,2025-06-30,2023-01-01",
        f"{KAITO},Alpha FC,2025-06-30,2023-01-01",
    )
    folder.write(
        "transfers/club_moves.csv",
        "player,from_club,to_club,transfer_date,fee,is_loan\n"
        f"{SEAN},Alpha FC,Beta FC,2023-07-01,loan,true\n"
        f"{SEAN},Beta FC,Alpha FC,2024-07-01,End of loan,false\n"
        f"{NOVAK},Alpha FC,Gamma CF,2024-07-15,€9m,false\n"
        f"{KAITO},Alpha FC,Delta SC,2023-08-01,€4m,false\n"
        f"{KAITO},Delta SC,Epsilon AC,2024-01-15,€6m,false\n",
    )
    summary = folder.ingest()
    assert sum(f.rejected for f in summary.files) == 0
    return folder.warehouse


def _pair(frame: pd.DataFrame, player: str, club: str) -> pd.DataFrame:
    return frame[(frame["player"] == player) & (frame["interested_club"] == club)]


def test_a_loan_and_its_return_do_not_hide_the_clubs_later_bids(comebacks):
    """The review's case: Beta's bids of September 2024 are a new chase, not renewal talks."""
    (done,) = marts.completed_pursuits(player=SEAN, as_of=RESUMED_AS_OF, warehouse=comebacks).itertuples(index=False)
    assert (done.interested_club, pd.Timestamp(done.joined_on), done.pursuit_stories) == (
        "Beta FC",
        pd.Timestamp("2023-07-01"),
        1,  # the relayed story counts once
    )
    assert pd.Timestamp(done.chase_resumed_on) == pd.Timestamp("2024-09-01")

    (today,) = marts.intensity_on(player=SEAN, as_of=RESUMED_AS_OF, warehouse=comebacks).itertuples(index=False)
    assert today.interested_club == "Beta FC" and today.reports_to_date == 3 and pd.isna(today.joined_on)
    assert today.intensity > 1

    fig, _ = views.pursuit_ladder(SEAN, RESUMED_AS_OF, warehouse=comebacks)
    (beta,) = [t for t in fig.data if t.name.startswith("Beta FC")]
    assert beta.name == "Beta FC", "not '(joined 1 Jul 2023)': he went back and Beta came again"
    assert list(zip(pd.to_datetime(beta.x).strftime("%Y-%m-%d"), beta.y)) == [
        ("2023-06-01", "interest"),
        ("2023-07-01", "completed"),
        ("2024-09-01", "bid"),
        ("2024-09-10", "bid"),
    ]

    chart, series = views.player_intensity(SEAN, RESUMED_AS_OF, warehouse=comebacks)
    assert "Beta FC" in [t.name for t in chart.data]
    assert not any("No outside interest" in (a.text or "") for a in chart.layout.annotations)
    assert series["joined_on"].isna().all()
    assert pd.to_datetime(series["date"]).max() == pd.Timestamp(RESUMED_AS_OF)


def test_the_market_watch_and_heatmap_see_the_new_chases(comebacks):
    from analysis.marts import market

    watch = market.market_watch(RESUMED_AS_OF, "2024-08-25", warehouse=comebacks)
    for player, club in ((SEAN, "Beta FC"), (KAITO, "Delta SC")):
        assert len(_pair(watch.movers, player, club)) == 1, (player, club)
    fresh = _pair(watch.new_pursuits, SEAN, "Beta FC")
    assert (pd.Timestamp(fresh["first_reported_on"].iloc[0]), int(fresh["stories"].iloc[0])) == (
        pd.Timestamp("2024-09-01"),
        2,  # the new chase's stories, not the one the loan completed
    )
    assert fresh["furthest_stage"].iloc[0] == "bid"
    assert len(_pair(watch.new_pursuits, KAITO, "Delta SC")) == 1
    assert _pair(watch.movers, NOVAK, "Gamma CF").empty, "Novák's pursuit ended with him joining"

    _, cells = views.intensity_heatmap("Alpha FC", RESUMED_AS_OF, warehouse=comebacks)
    assert _pair(cells, SEAN, "Beta FC")["shown_in_chart"].tolist() == [True]


def test_he_left_the_club_and_its_reports_are_a_chase_again(comebacks):
    (done,) = marts.completed_pursuits(player=KAITO, as_of=RESUMED_AS_OF, warehouse=comebacks).itertuples(index=False)
    assert pd.Timestamp(done.joined_on) == pd.Timestamp("2023-08-01")
    assert pd.Timestamp(done.chase_resumed_on) == pd.Timestamp("2024-09-05")
    before = marts.completed_pursuits(player=KAITO, as_of="2024-09-04", warehouse=comebacks)
    assert before["chase_resumed_on"].isna().all(), "completed until Delta reported in again"
    today = marts.intensity_on(player=KAITO, as_of=RESUMED_AS_OF, warehouse=comebacks)
    assert list(today["interested_club"]) == ["Delta SC"] and today["joined_on"].isna().all()
    fig, _ = views.pursuit_ladder(KAITO, RESUMED_AS_OF, warehouse=comebacks)
    assert [t.name for t in fig.data if t.name.startswith("Delta")] == ["Delta SC"]


def test_talks_with_his_own_club_after_the_join_leave_it_completed(comebacks):
    """Novák joined Gamma CF on 15 July 2024; Gamma's talks of 1 August are with his own club."""
    (done,) = marts.completed_pursuits(player=NOVAK, as_of=RESUMED_AS_OF, warehouse=comebacks).itertuples(index=False)
    assert pd.isna(done.chase_resumed_on) and done.pursuit_stories == 2
    today = marts.intensity_on(player=NOVAK, as_of=RESUMED_AS_OF, warehouse=comebacks)
    assert list(pd.to_datetime(today["joined_on"])) == [pd.Timestamp("2024-07-15")]
    assert list(today["reports_to_date"]) == [2], "every outside report still counts (SPEC 8)"
    fig, series = views.player_intensity(NOVAK, RESUMED_AS_OF, warehouse=comebacks, half_life_days=60)
    assert pd.to_datetime(series["date"]).max() == pd.Timestamp(RESUMED_AS_OF), "the data runs to the as-of date"
    (line,) = [t for t in fig.data if t.name == "Gamma CF (joined 15 Jul 2024)"]
    assert max(pd.to_datetime(line.x)) == pd.Timestamp("2024-07-15"), "the line stops the day he joined"
    ladder, _ = views.pursuit_ladder(NOVAK, RESUMED_AS_OF, warehouse=comebacks)
    assert "Gamma CF (joined 15 Jul 2024)" in [t.name for t in ladder.data]
