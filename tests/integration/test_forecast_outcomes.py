"""Outcomes and outlet reliability (SPEC 10) on a warehouse whose every story was built to test one
rule (tests/forecast_data.py): what counts is what was known on the as-of date, the horizon is a
parameter, a judged outcome wins once the horizon has closed, relays credit the original outlet,
and pending stories never count as failures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import forecast, marts
from analysis.errors import UserError
from tests.forecast_data import outcome_warehouse


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return outcome_warehouse(tmp_path_factory.mktemp("outcomes"))


def outcomes(warehouse: Path, as_of: str, **kwargs) -> dict[str, str]:
    stories = forecast.story_outcomes(as_of, warehouse=warehouse, **kwargs)
    assert not stories.duplicated(["player", "interested_club", "reported_on", "source", "stage"]).any()
    return dict(zip(stories["player"], stories["outcome"]))


def test_a_move_counts_from_the_day_it_is_known_and_only_within_the_horizon(warehouse):
    assert outcomes(warehouse, "2025-07-01")["Ann Able"] == "pending", "the July move is not known yet"
    assert outcomes(warehouse, "2025-07-20")["Ann Able"] == "materialised"
    assert outcomes(warehouse, "2025-09-01")["Cid Cole"] == "pending", "the horizon closes at the end of 1 Sep"
    assert outcomes(warehouse, "2025-09-02")["Cid Cole"] == "not materialised"
    assert outcomes(warehouse, "2025-10-05")["Cid Cole"] == "not materialised", "his October move came too late"
    assert outcomes(warehouse, "2025-09-02")["Bob Bolt"] == "not materialised"


def test_a_move_known_only_by_its_window_counts_from_that_windows_close(warehouse):
    assert outcomes(warehouse, "2025-08-31")["Gus Gray"] == "pending"
    assert outcomes(warehouse, "2025-09-01")["Gus Gray"] == "materialised"


def test_a_judged_outcome_wins_once_the_horizon_has_closed(warehouse):
    before, after = outcomes(warehouse, "2025-12-01"), outcomes(warehouse, "2026-02-02")
    assert before["Eve Ely"] == "pending", "judged true, but that was judged in hindsight: not known in December"
    assert after["Eve Ely"] == "materialised"
    assert before["Fay Fox"] == "materialised", "her August move is known"
    assert after["Fay Fox"] == "not materialised", "the curated dataset says it was not this story's move"


def test_the_horizon_is_a_parameter(warehouse):
    one = outcomes(warehouse, "2025-07-20", horizon_windows=1)
    assert one["Ann Able"] == "not materialised", "one window: winter 2025 only, closed 1 February"
    stories = forecast.story_outcomes("2025-07-20", warehouse=warehouse, horizon_windows=3)
    ann = stories[stories["player"] == "Ann Able"].iloc[0]
    assert (str(ann["horizon_closes"])[:10], ann["horizon_window"]) == ("2026-02-01", "winter 2025-26")


def test_renewal_talks_are_no_outcome_and_relays_are_one_story(warehouse):
    stories = forecast.story_outcomes("2026-03-01", warehouse=warehouse)
    assert "Dan Dale" not in set(stories["player"])
    ann = stories[stories["player"] == "Ann Able"]
    assert len(ann) == 1 and (ann["source"].iloc[0], ann["via"].iloc[0]) == ("Daily Post", "Web Relay")


def test_pending_stories_are_counted_apart_never_as_failures(warehouse):
    early = forecast.outlet_reliability("2025-07-01", warehouse=warehouse).set_index("outlet")
    assert early.loc["Daily Post", ["stories", "materialised", "not_materialised", "pending"]].tolist() == [4, 0, 0, 4]
    assert early.loc["Daily Post", "hit_rate"] == pytest.approx(0.5), "nothing settled: the prior (uniform) alone"
    assert "Web Relay" in early.index and early.loc["Web Relay", "stories"] == 2, "the relay credited to Daily Post"


def test_a_hit_rate_rests_on_settled_stories(warehouse):
    table = forecast.outlet_reliability("2025-09-02", warehouse=warehouse).set_index("outlet")
    post = table.loc["Daily Post"]
    # Ann and Gus materialised, Cid did not (all settled: horizon closed); Fay materialised in
    # August but her horizon is open to February: shown as materialised, not yet in the rate
    assert [post["materialised"], post["not_materialised"], post["pending"]] == [3, 1, 0]
    assert [post["settled_stories"], post["settled_materialised"]] == [3, 2]
    assert post["hit_rate"] == pytest.approx((1 + 2) / (2 + 3)), "Beta(1, 1) with two outlets: too few to fit"
    assert post["hit_rate_low"] < post["hit_rate"] < post["hit_rate_high"]
    relay = table.loc["Web Relay"]
    assert [relay["materialised"], relay["not_materialised"], relay["pending"]] == [0, 1, 1]
    spec = ["outlet", "stories", "materialised", "not_materialised", "pending", "hit_rate", "hit_rate_low"]
    spec.append("hit_rate_high")
    assert spec == [c for c in table.reset_index().columns if c in spec], "SPEC 10's columns, in its order"


def test_learned_source_weights_replace_the_tiers_in_intensity(warehouse):
    # Cid's chase (a Daily Post bid) is still one on 2 September; Fay joined Delta on 1 August, so hers
    # is a completed move by then: her reports still count (SPEC 8), flagged joined_on (test_pursuit_story.py)
    fay = marts.intensity_on(player="Fay Fox", as_of="2025-09-02", warehouse=warehouse)
    assert list(fay["interested_club"]) == ["Delta SC"]
    assert list(pd.to_datetime(fay["joined_on"])) == [pd.Timestamp("2025-08-01")]
    tiers = marts.intensity_on(player="Cid Cole", as_of="2025-09-02", warehouse=warehouse)
    learned = marts.intensity_on(player="Cid Cole", as_of="2025-09-02", source_weights="learned", warehouse=warehouse)
    rate = forecast.outlet_reliability("2025-09-02", warehouse=warehouse).set_index("outlet").loc["Daily Post"]
    ratio = learned["intensity"].iloc[0] / tiers["intensity"].iloc[0]
    assert ratio == pytest.approx(rate["hit_rate"] / 0.8), "Daily Post is tier 2 (0.8); learned: its hit rate"
    events = marts.report_events(player="Ann Able", as_of="2025-09-02", warehouse=warehouse)
    assert set(events["source"]) == {"Daily Post"}
    with pytest.raises(UserError, match="source_weights must be 'tiers'"):
        marts.intensity_on(player="Fay Fox", as_of="2025-09-02", source_weights="hunch", warehouse=warehouse)


def test_too_few_outcomes_give_no_probability_but_the_reason(warehouse):
    table = forecast.move_probabilities("2025-03-01", warehouse=warehouse)
    assert set(table["player"]) == {"Ann Able", "Bob Bolt", "Cid Cole", "Eve Ely", "Fay Fox", "Gus Gray", "Hal Hart"}
    assert table["probability"].isna().all()
    assert table["reason"].str.startswith("too few known outcomes to fit: by ").all()
    assert set(pd.to_datetime(table["horizon_closes"]).dt.strftime("%Y-%m-%d")) == {"2026-02-01"}
    assert set(table["window_label"]) == {"winter 2025-26"}


def test_denials_and_reported_completions_keep_their_outcome_but_never_count_for_an_outlet(warehouse):
    """A chase ruled out comes true when the move does not happen, and a completion reported is
    news: neither is a forecast of a move, so neither may make its outlet look right or wrong."""
    stories = forecast.story_outcomes("2025-09-02", warehouse=warehouse)
    hal = stories[stories["player"] == "Hal Hart"].set_index("source")
    assert hal.loc["Denial Desk", "outcome"] == "materialised", "the move came true despite the denial"
    assert hal.loc["Done Deals", "stage"] == "completed"
    outlets = set(forecast.outlet_reliability("2025-09-02", warehouse=warehouse)["outlet"])
    assert {"Daily Post", "Web Relay"} <= outlets
    assert not outlets & {"Denial Desk", "Done Deals"}, outlets
