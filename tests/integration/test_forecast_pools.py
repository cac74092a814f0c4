"""Pools (forecast.yml pool_column): a pair learns only from pairs of its own `dataset`, so a
synthetic league in the same warehouse never teaches the forecast of a real story beside it, and a
curated dataset's pairs never borrow another's outcomes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import duckdb
import pytest

from analysis import forecast
from analysis.forecast import backtest, predict
from analysis.forecast.session import session
from analysis.forecast.settings import Settings
from analysis.ingest import ingest
from analysis.progress import Progress
from tests.forecast_data import synthetic_league

pytestmark = pytest.mark.slow  # a generated league, fitted
D = dt.date(2025, 3, 1)
REAL = [  # a real-looking story with no dataset column, beside the synthetic league
    "reported_on,player,player_club,interested_club,source,stage",
    "2025-02-20,N'Golo Kanté,Al-Ittihad,Olympique Lyon,L'Équipe,interest",
    "2025-02-25,N'Golo Kanté,Al-Ittihad,Olympique Lyon,L'Équipe,approach",
    "2025-05-20,N'Golo Kanté,Al-Ittihad,Olympique Lyon,L'Équipe,bid",  # still chased when summer 2025 opens
]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    league = synthetic_league(tmp_path_factory.mktemp("pools"), rumours=8_000, clubs=20, seasons=3, outlets=10, seed=7)
    (league.raw / "rumours" / "real_stories.csv").write_text("\n".join(REAL) + "\n", encoding="utf-8")
    ingest(league.raw, league.reference, league.warehouse, progress=Progress.quiet())
    return league.warehouse


def test_a_real_story_never_learns_from_the_synthetic_league(mixed):
    table = forecast.move_probabilities(D, warehouse=mixed)
    real = table[table["player"] == "N'Golo Kanté"]
    assert len(real) == 1 and real["probability"].isna().all()
    assert real["fitted_on"].tolist() == [0]
    reason = real["reason"].iloc[0]
    assert reason.startswith("too few known outcomes to fit: by 2025-03-01, 0 chases had ended in a move"), reason
    assert reason.endswith("without a dataset value count here: another dataset's outcomes never teach these"), reason
    league = table[table["player"] != "N'Golo Kanté"]
    assert len(league) > 20 and league["probability"].notna().all(), "the league's own pairs are fitted"
    assert (league["fitted_on"] > 40).all() and league["reason"].isna().all()


def test_without_a_pool_column_every_pair_learns_from_every_outcome(mixed):
    one_pool = dataclasses.replace(Settings(), pool_column="")
    with session(D, one_pool, mixed) as s:
        table = predict.move_probabilities(s, D)
    real = table[table["player"] == "N'Golo Kanté"]
    assert real["probability"].notna().all() and (real["fitted_on"] > 40).all()


def test_the_backtest_fits_each_pool_apart_and_scores_only_what_was_fitted(mixed):
    said: list[str] = []
    result = backtest.run("2024-06-01", "2025-06-30", horizon_windows=1, warehouse=mixed, say=said.append)
    assert ", horizon 1 window; learning from " in said[0], said[0]
    assert any("no dataset: not fitted (too few outcomes); 1 pair; " in line for line in said), "Kanté's, one pair"
    pools = result.origins.groupby("pool")["fitted_on"].max().to_dict()
    assert pools[""] == 0 and pools["synthetic-demo"] > 40, pools
    assert result.origins.loc[result.origins["pool"] == "", "reason"].str.contains("another dataset").all()
    scored = result.predictions[result.predictions["scored"].astype(bool)]
    assert "N'Golo Kanté" not in set(scored["player"]), "an unfitted pool's pairs are never scored"


def test_a_pool_column_that_is_not_a_name_is_refused():
    from analysis.errors import UserError

    with pytest.raises(UserError, match="pool_column must be a column name"):
        dataclasses.replace(Settings(), pool_column='dataset" ; DROP TABLE rumours; --').check()


def test_predictions_whose_horizon_closes_after_their_pools_data_are_not_scored(mixed):
    """Replayed to a day after the league's data ends, a horizon closing after its newest report
    could only look like a miss: it is left unscored, and the run says so."""
    result = backtest.run(None, "2027-06-30", horizon_windows=1, warehouse=mixed)
    assert any(n.startswith("dataset 'synthetic-demo': its newest report is") for n in result.notes), result.notes
    with duckdb.connect(str(mixed), read_only=True) as con:
        ((newest,),) = con.execute("SELECT max(reported_on) FROM rumours WHERE dataset = 'synthetic-demo'").fetchall()
    scored = result.predictions[result.predictions["scored"].astype(bool)]
    assert len(scored) and (scored["horizon_closes"] < newest).all()
    made = result.predictions
    late = made[(made["horizon_closes"] >= newest) & made["probability"].notna()]
    assert len(late) and not late["scored"].astype(bool).any(), "fitted, closed by the end, yet not scored"


def test_a_pair_is_in_the_pool_of_its_latest_report_known_then(tmp_path):
    """Any rumours column can be the pool column, whatever its type; a blank is the pool ''."""
    from tests.forecast_data import outcome_warehouse

    warehouse = outcome_warehouse(tmp_path)

    def newest_by_pool(column: str, known_by: dt.date) -> dict[str, str]:
        with session(known_by, dataclasses.replace(Settings(), pool_column=column), warehouse) as s:
            return {pool: str(day) for pool, day in s.pool_last_days().items()}

    # Hal Hart's chase: ruled out by Denial Desk on 1 February, its completion reported by Done Deals
    # on 15 July; until then the pair is Denial Desk's
    march = {"Daily Post": "2025-02-10", "Web Relay": "2025-02-10", "Denial Desk": "2025-02-01"}
    assert newest_by_pool("source", dt.date(2025, 3, 1)) == march
    august = {"Daily Post": "2025-02-10", "Web Relay": "2025-02-10", "Done Deals": "2025-07-15"}
    assert newest_by_pool("source", dt.date(2025, 8, 1)) == august
    judged = newest_by_pool("outcome", dt.date(2025, 8, 1))  # a boolean column: Eve judged true, Fay false
    assert judged == {"true": "2025-02-10", "false": "2025-02-10", "": "2025-07-15"}


@pytest.mark.parametrize(("first", "second"), [("alpha", "beta"), ("beta", "alpha")])
def test_two_reports_of_one_moment_put_the_pair_in_the_later_lines_pool(raw, first, second):
    """The same pair reported twice on one day under two datasets: the later line decides, on every
    run (the latest report by date alone was a tie that could go either way)."""
    header = "reported_on,player,player_club,interested_club,source,stage,dataset"
    raw.rumours(
        "two_datasets.csv",
        f"2025-01-10,Ann Ash,Club One,Club Two,Daily Post,interest,{first}",
        f"2025-01-10,Ann Ash,Club One,Club Two,Web Relay,interest,{second}",
        header=header,
    )
    raw.ingest()
    with session(dt.date(2025, 2, 1), Settings(), raw.warehouse) as s:
        assert {pool: str(day) for pool, day in s.pool_last_days().items()} == {second: "2025-01-10"}
