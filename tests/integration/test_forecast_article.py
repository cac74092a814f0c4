"""The article's story end to end, on the shipped data: its outcomes as public record has them
are data (data/raw/{contracts,transfers}/article_outcomes_2025.csv), the Liverpool report of 25
January 2025 gives Real Madrid's pursuits of Alexander-Arnold and Konaté a probability (or the
reason there is none), and by July the one story has come true and the other has not."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import duckdb
import pytest

from analysis import forecast
from tests.conftest import run_cli
from tests.forecast_data import shipped_warehouse

TAA, KONATE, RM = "Trent Alexander-Arnold", "Ibrahima Konaté", "Real Madrid"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return shipped_warehouse(tmp_path_factory.mktemp("shipped"))


def test_the_articles_outcomes_are_data_with_where_each_fact_comes_from(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        renewals = con.execute(
            "SELECT player, club, contract_expires, recorded_on, public_record FROM contracts "
            "WHERE source_file = 'contracts/article_outcomes_2025.csv' ORDER BY line_number"
        ).fetchall()
        moves = con.execute(
            "SELECT player, from_club, to_club, transfer_date, window_label, fee_eur, is_loan, public_record "
            "FROM transfers WHERE source_file = 'transfers/article_outcomes_2025.csv'"
        ).fetchall()
    assert [(r[0], r[1], str(r[2]), str(r[3])) for r in renewals[:2]] == [
        ("Mohamed Salah", "Liverpool", "2027-06-30", "2025-04-11"),
        ("Virgil van Dijk", "Liverpool", "2027-06-30", "2025-04-17"),
    ]
    assert all(r[4] for r in renewals), "every row says where its fact comes from"
    ((player, seller, buyer, day, window, fee, loan, record),) = moves
    assert (player, seller, buyer, str(day), window, fee, loan) == (
        TAA,
        "Liverpool",
        RM,
        "2025-05-30",
        "summer 2025",
        1e7,
        False,
    )
    assert "Real Madrid announced" in record


def test_as_of_july_alexander_arnolds_story_came_true_and_konates_did_not(warehouse):
    july = forecast.story_outcomes("2025-07-01", club=RM, warehouse=warehouse)
    taa, konate = july[july["player"] == TAA], july[july["player"] == KONATE]
    assert len(taa) == 6 and set(taa["outcome"]) == {"materialised"}, "every Real Madrid story of him"
    assert set(konate["outcome"]) == {"pending"}, "no move; the summer window is still open until 1 September"
    autumn = forecast.story_outcomes("2025-09-02", club=RM, warehouse=warehouse)
    assert set(autumn.loc[autumn["player"] == KONATE, "outcome"]) == {"not materialised"}
    january = forecast.story_outcomes("2025-01-25", club=RM, warehouse=warehouse)
    assert set(january["outcome"]) == {"pending"}, "on the article's day nothing was known yet"


@pytest.mark.slow
def test_the_liverpool_report_gives_each_pursuit_a_probability_or_the_reason(warehouse, tmp_path):
    out = tmp_path / "out"
    result = run_cli(
        "report", "--club", "Liverpool", "--as-of", "2025-01-25", "--warehouse", str(warehouse), "--out", str(out)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with (out / "liverpool" / "charts" / "move_probability.csv").open(encoding="utf-8", newline="") as fh:
        rows = {(r["interested_club"], r["player"]): r for r in csv.DictReader(fh)}
    for pair in ((RM, TAA), (RM, KONATE)):
        row = rows[pair]
        # the demo league's outcomes in the same warehouse never teach a real story's forecast
        assert not row["probability"], row
        assert row["reason"].startswith("too few known outcomes to fit: by 2025-01-25, 0 chases had ended"), row
        assert "another dataset's outcomes never teach these" in row["reason"], row
        assert (row["horizon_closes"], row["window_label"]) == ("2025-09-01", "summer 2025")
    page = html.unescape(
        re.sub(r"<[^>]+>", " ", (out / "liverpool" / "interest_intensity.html").read_text(encoding="utf-8"))
    )
    said = re.search(rf"{RM} -> {TAA}: no probability \(too few known outcomes", page)
    assert said, "the report says it in words, next to the intensity"
    assert not (out / "liverpool" / "charts" / "move_probability.html").exists(), "no probability, nothing drawn"
    assert list((out / "liverpool" / "charts").glob("move_probability-*.csv")), "and the dossiers"
