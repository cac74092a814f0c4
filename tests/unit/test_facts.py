"""Domain facts come from the reference folder, so an edit there reaches every user of the fact."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from analysis import facts
from analysis.errors import UserError
from analysis.report import charts
from tests.conftest import FIXTURE_REFERENCE


def test_stages_in_ladder_order_with_their_weights():
    stages = facts.stages(FIXTURE_REFERENCE)
    assert [s.name for s in stages] == [
        "monitoring", "interest", "approach", "bid", "bid_rejected",
        "negotiating", "agreed", "completed", "ruled_out", "denied",
    ]  # fmt: skip
    assert {s.name: s.weight for s in stages}["bid"] == 3.0
    assert {s.name: s.order for s in stages}["denied"] == 10


def test_an_edited_stage_file_changes_the_facts(tmp_path):
    folder = tmp_path / "reference"
    shutil.copytree(FIXTURE_REFERENCE, folder)
    (folder / "stage_weights.csv").write_text(
        "stage,stage_order,stage_weight,meaning\nrumoured,2,1.5,said to want\nscouted,1,0.5,watched\n", encoding="utf-8"
    )
    assert facts.stage_names(folder) == ["scouted", "rumoured"]
    assert facts.stages(folder)[1].weight == 1.5


def test_charts_draw_the_ladder_of_the_shipped_reference():
    assert facts.stage_names() == charts.STAGE_ORDER
    assert set(charts.STAGE_ORDER) <= set(charts._STAGE_SYMBOLS), "every stage has its marker symbol"


def test_fx_rate_in_force_on_a_day():
    assert facts.eur_per_unit("GBP", dt.date(2025, 1, 25), FIXTURE_REFERENCE) == 1.20
    assert facts.eur_per_unit("gbp", dt.date(2024, 12, 31), FIXTURE_REFERENCE) == 1.18
    assert facts.eur_per_unit("USD", dt.date(2020, 1, 1), FIXTURE_REFERENCE) == 0.90
    assert facts.eur_per_unit("EUR", dt.date(2020, 1, 1), FIXTURE_REFERENCE) == 1.0
    with pytest.raises(UserError, match="no CHF rate"):
        facts.eur_per_unit("CHF", dt.date(2025, 1, 1), FIXTURE_REFERENCE)


def test_outlets_keep_file_order_and_tiers():
    outlets = facts.outlets(FIXTURE_REFERENCE)
    assert outlets[0] == facts.Outlet("Press conference", 1, "England")
    assert next(o.name for o in outlets if o.country == "Demo") == "Demo Club Statement"
    assert {o.name: o.tier for o in outlets}["Unnamed reports"] == 4


def test_intensity_defaults_follow_an_edited_file(tmp_path):
    folder = tmp_path / "reference"
    shutil.copytree(FIXTURE_REFERENCE, folder)
    assert facts.intensity_defaults(folder)["half_life_days"] == 14.0
    text = (folder / "intensity.yml").read_text(encoding="utf-8").replace("half_life_days: 14", "half_life_days: 7")
    (folder / "intensity.yml").write_text(text, encoding="utf-8")
    assert facts.intensity_defaults(folder)["half_life_days"] == 7.0, "an open kernel sees the edit"
    (folder / "intensity.yml").write_text("half_life_days: 7\n", encoding="utf-8")
    with pytest.raises(UserError, match="missing setting 'min_source_tier'"):
        facts.intensity_defaults(folder)
