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


def test_views_take_an_as_of_date_written_as_text_like_the_other_helpers(shipped):
    """Trial 3: three views raised a raw TypeError on '2025-01-25' where every other helper takes it."""
    _, data_by_date = views.interest_intensity("Liverpool", ARTICLE_DAY, warehouse=shipped)
    fig, data_by_text = views.interest_intensity("Liverpool", "2025-01-25", warehouse=shipped)
    pd.testing.assert_frame_equal(data_by_date, data_by_text)
    assert "25 Jan 2025" in fig.layout.title.text
    _, suitors = views.player_intensity("Trent Alexander-Arnold", "2025-01-25", warehouse=shipped)
    assert "Real Madrid" in set(suitors["interested_club"])
    assert views.data_warnings("2025-01-25", club="Liverpool", warehouse=shipped) == views.data_warnings(
        ARTICLE_DAY, club="Liverpool", warehouse=shipped
    )


def test_the_helpers_refuse_a_tier_the_notebooks_refuse_and_take_0_as_the_default(shipped):
    """Trial 3: min_source_tier 9 meant every tier and 0 (the notebooks' default) meant none."""
    from analysis import marts
    from analysis.errors import UserError

    default = marts.interest_intensity("Liverpool", as_of=ARTICLE_DAY, warehouse=shipped)
    zero = marts.interest_intensity("Liverpool", as_of=ARTICLE_DAY, min_source_tier=0, warehouse=shipped)
    assert not default.empty
    pd.testing.assert_frame_equal(default, zero)
    for tier in (9, -2):
        with pytest.raises(UserError, match=rf"min_source_tier must be between 1 and 4 \(0: the default\), got {tier}"):
            marts.interest_intensity("Liverpool", as_of=ARTICLE_DAY, min_source_tier=tier, warehouse=shipped)


def test_a_contract_with_no_recorded_date_has_none_in_the_helpers_frame(shipped):
    """Trial 3: club_contracts showed 1900-01-01 (how the warehouse stores 'held from always') where
    the report's CSV and pages show none: a record's age came out as 125 years."""
    from analysis import marts

    contracts = marts.club_contracts("Liverpool", as_of=ARTICLE_DAY, warehouse=shipped)
    assert not contracts.empty and contracts["recorded_on"].isna().all()


def test_the_latest_reports_put_a_days_last_report_first(shipped):
    """Trial 3: newest day first, but within a day oldest first, so the article's last line (Real
    Madrid circling Konaté) sat seventh among the day's reports."""
    latest = views.recent_reports("Liverpool", ARTICLE_DAY, warehouse=shipped)
    first = latest.iloc[0]
    assert (first["player"], first["interested_club"], first["stage"]) == ("Ibrahima Konaté", "Real Madrid", "interest")
    assert list(latest["reported_on"]) == sorted(latest["reported_on"], reverse=True)


def test_a_forecast_years_after_the_data_skips_the_days_no_pair_can_have_interest(shipped):
    """Trial 3: a move probability as of 2031 learned from a snapshot every fortnight up to 2031
    (21 s for an empty answer). After the last day a pair can have interest no day holds an example,
    so none is computed, and the answer (empty) is the same."""
    from analysis import forecast
    from analysis.forecast import predict
    from analysis.forecast.backtest import settings
    from analysis.forecast.session import session

    far = dt.date(2031, 6, 1)
    with session(far, settings(), shipped) as s:
        last = s.last_interest_day()
        assert last is not None and last < far
        capped = predict.training_days(s, far)
        assert capped and max(capped) <= last
        assert capped == predict.training_days(s, last + dt.timedelta(days=1))
    answer = forecast.move_probabilities(far, club="Real Madrid", warehouse=shipped)
    assert answer.empty and str(answer["days_remaining"].dtype) == "Int64"


def test_an_as_of_date_before_any_report_says_when_the_data_starts(shipped):
    """Trial 3: as of 1 Jan 2019 every page said 'No reports up to 1 Jan 2019' but never that the
    warehouse's reports start in July 2023."""
    said = views.data_warnings("2019-01-01", club="Liverpool", warehouse=shipped)
    assert (
        "The as-of date 1 Jan 2019 is before the first report in the warehouse (1 Jul 2023): no report is known "
        "yet on that day."
    ) in said
    assert not any("before the first report" in w for w in views.data_warnings(ARTICLE_DAY, warehouse=shipped))


def test_a_move_known_only_by_its_window_does_not_make_the_data_look_newer(raw):
    """Trial 4: a Transfermarkt listing of a summer 2025 move (window only, known on the window's
    close, 1 Sep 2025 by convention) made the newest data 1 Sep 2025, though the newest report was of
    28 Jun: as of 15 Aug nothing warned that 48 days had passed without data. Such a listing counts
    from its window's opening; a dated move counts from its date."""
    raw.rumours("r.csv", "2025-06-28,Trent Alexander-Arnold,Liverpool,Real Madrid,Marca,,bid,,,")
    raw.contracts("c.csv", "Trent Alexander-Arnold,Liverpool,2025-06-30,2025-04-11")
    raw.write(
        "transfers/tm.csv",
        "season,league,club,window,movement,player_name,player_id,age,position,dealing_club,dealing_country,fee,"
        "is_loan\n2025/26,LaLiga,Real Madrid,summer,in,Trent Alexander-Arnold,314353,26,-,Liverpool,England,"
        "€10.00m,False\n",
    )
    raw.ingest()
    (said,) = views.data_warnings("2025-08-15", warehouse=raw.warehouse)
    assert said.startswith("The as-of date 15 Aug 2025 is after the newest data in the warehouse (28 Jun 2025, 48 days")
    raw.write(
        "transfers/desk.csv",
        "player,from_club,to_club,transfer_date,fee,is_loan\nMarc Guéhi,Crystal Palace,Liverpool,2025-08-14,,false\n",
    )
    raw.ingest()
    (said,) = views.data_warnings("2025-08-15", warehouse=raw.warehouse)
    assert said.startswith("The as-of date 15 Aug 2025 is after the newest data in the warehouse (14 Aug 2025, 1 day")
