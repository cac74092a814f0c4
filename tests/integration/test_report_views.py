"""What a club's sections say on the shipped data when there is little to show: a club with no
contract on record, and an as-of date long after the data (views on a real warehouse, built from
data/raw and data/reference as `make report` builds it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analysis.report import views
from tests.forecast_data import shipped_warehouse


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    return shipped_warehouse(tmp_path_factory.mktemp("shipped"))


ARTICLE_DAY = dt.date(2025, 1, 25)
FUTURE = dt.date(2027, 6, 1)


def _notes(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_a_club_with_no_contract_on_record_says_so_in_every_expiry_section(shipped):
    """Real Madrid holds no contract in the article's data (Alexander-Arnold signs in May 2025): its
    page must not say that none ends within 12 months, as if its squad were known."""
    said = "No contract on record for Real Madrid on 25 Jan 2025"
    fig, contracts = views.expiry_timeline("Real Madrid", ARTICLE_DAY, warehouse=shipped)
    assert contracts.empty and said in _notes(fig)
    soon, empty = views.ending_soon(contracts, "Real Madrid", ARTICLE_DAY, 12)
    assert soon.empty and empty.startswith(said) and "within 12 months" not in empty
    cliff, _ = views.expiry_cliff("Real Madrid", ARTICLE_DAY, warehouse=shipped)
    assert any(note.startswith(said) for note in _notes(cliff))


def test_a_club_with_contracts_says_none_ends_soon(shipped):
    _, contracts = views.expiry_timeline("Liverpool", ARTICLE_DAY, warehouse=shipped)
    assert views.ending_soon(contracts, "Liverpool", ARTICLE_DAY, 3)[1] == "No contract ends within 3 months."
    assert views.ending_soon(contracts, "Liverpool", ARTICLE_DAY, 1)[1] == "No contract ends within 1 month."


def test_an_as_of_date_long_after_the_data_says_its_reports_are_older(shipped):
    """The trial's Liverpool as of 1 Jun 2027: the reports are from January 2025, not absent."""
    fig, data = views.interest_intensity("Liverpool", FUTURE, warehouse=shipped)
    assert data.empty
    (note,) = [n for n in _notes(fig) if n.startswith("No ")]
    assert note.startswith("No reports in the 180 days up to 1 Jun 2027 (the lookback);<br>the latest, on ")
    assert "2025, is older" in note
    assert "(a renewal talk, which never counts)" in note, "Liverpool's 2025 reports of its 2027 squad: renewal talks"


def test_a_future_timeline_is_not_stretched_back_to_the_data(shipped):
    timeline, contracts = views.expiry_timeline("Liverpool", FUTURE, warehouse=shipped)
    assert sorted(contracts["player"]) == ["Mohamed Salah", "Virgil van Dijk"], "renewed in April 2025, to 2027"
    start, end = (pd.Timestamp(v) for v in timeline.layout.xaxis.range)
    assert pd.Timestamp("2027-04-01") < start and end < pd.Timestamp("2027-08-01"), "the bars' month, not 2025-27"
    assert "renewal talks before" in timeline.layout.title.subtitle.text
