"""`report -p NAME VALUE` and `--parameters FILE.yaml` reach the notebooks, and the settings in
data/reference/intensity.yml are the notebooks' defaults: either way a report's numbers change."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from analysis import config
from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def report(warehouse: Path, out: Path, *extra: str, env: dict | None = None):
    return run_cli(
        "report", "--club", "Liverpool", "--as-of", "2025-01-25", "--warehouse", str(warehouse), "--out", str(out),
        *extra, env=env,
    )  # fmt: skip


def intensities(out: Path) -> dict[tuple[str, str, str], float]:
    with (out / "liverpool" / "charts" / "interest_intensity.csv").open(encoding="utf-8") as fh:
        return {(r["date"], r["player"], r["interested_club"]): float(r["intensity"]) for r in csv.DictReader(fh)}


def injected(out: Path, notebook: str) -> str:
    nb = json.loads((out / "liverpool" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    return "".join(cells[0]["source"])


@pytest.fixture(scope="module")
def runs(article_warehouse, tmp_path_factory):
    base = tmp_path_factory.mktemp("parameters")
    default = report(article_warehouse, base / "default")
    given = base / "given.yaml"
    given.write_text("half_life_days: 3\ntop_pairs: 1\n", encoding="utf-8")
    flagged = report(article_warehouse, base / "flag", "--parameters", str(given), "-p", "half_life_days", "7")
    root = base / "root"  # a checkout whose intensity.yml an analyst has edited
    shutil.copytree(config.REFERENCE_DIR, root / "data" / "reference")
    yml = root / "data" / "reference" / "intensity.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("half_life_days: 14", "half_life_days: 7"), encoding="utf-8")
    assert "half_life_days: 7 " in yml.read_text(encoding="utf-8")
    edited = report(
        article_warehouse,
        base / "edited",
        env={"TRANSFER_RADAR_ROOT": str(root), "TRANSFER_RADAR_NOTEBOOKS": str(config.NOTEBOOKS_DIR)},
    )
    for result in (default, flagged, edited):
        assert result.returncode == 0, result.stdout + result.stderr
    return base / "default", base / "flag", base / "edited"


def test_p_half_life_days_7_and_an_edited_intensity_yml_both_change_the_numbers(runs):
    default, flagged, edited = (intensities(out) for out in runs)
    assert default.keys() == flagged.keys() == edited.keys()
    changed = [k for k in default if default[k] != pytest.approx(flagged[k])]
    assert len(changed) > len(default) / 2, "a shorter half-life changes most days' intensity"
    assert all(flagged[k] == pytest.approx(edited[k]) for k in default), "-p 7 and intensity.yml's 7 agree"
    # on the day after a report the faster decay shows: 0.5 ** (1/7) < 0.5 ** (1/14)
    assert any(flagged[k] < default[k] for k in changed)


def test_the_executed_notebooks_record_what_was_given(runs):
    _, flagged, edited = runs
    assert "half_life_days = 7.0" in injected(flagged, "interest_intensity"), "-p wins over the file's 3"
    assert "top_pairs = 1" in injected(flagged, "interest_intensity")
    assert "top_pairs" not in injected(flagged, "expiry_timeline"), "only notebooks that declare it get it"
    assert "half_life_days" not in injected(edited, "interest_intensity"), "the default came from intensity.yml"
    log = (flagged / "report.log").read_text(encoding="utf-8")
    assert "parameters for interest_intensity: half_life_days=7.0, top_pairs=1" in log
    # the expiry page's suitors keep the default half-life: said (trial 3), and only of what changes numbers
    said = (
        "WARNING: parameter half_life_days reaches interest_intensity.ipynb, player_dossier.ipynb only: "
        "expiry_timeline.ipynb does not take it, so its page uses the default"
    )
    assert said in log and "parameter top_pairs reaches" not in log


def test_a_parameters_file_reaches_the_charts(runs):
    _, flagged, _ = runs
    with (flagged / "liverpool" / "charts" / "interest_intensity.csv").open(encoding="utf-8") as fh:
        shown = {(r["player"], r["interested_club"]) for r in csv.DictReader(fh) if r["shown_in_chart"] == "true"}
    assert len(shown) == 1, "top_pairs: 1"


def test_an_unknown_parameter_is_a_one_line_error_before_anything_runs(article_warehouse, tmp_path):
    result = report(article_warehouse, tmp_path / "out", "-p", "half_life", "7")
    assert result.returncode == 2
    assert result.stderr.startswith("error: unknown parameter 'half_life': no notebook of this run")
    assert (
        "they take half_life_days, horizon_months, horizon_windows, lookback_days, min_source_tier, source_weights, "
        "top_pairs" in result.stderr
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
    result = report(article_warehouse, tmp_path / "out", "-p", "top_pairs", "ten")
    assert result.returncode == 2 and "must be a whole number, got 'ten'" in result.stderr


def test_a_bad_value_is_one_line_before_any_folder_or_notebook(article_warehouse, tmp_path):
    result = report(article_warehouse, tmp_path / "out", "-p", "half_life_days", "-3")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == "error: parameter half_life_days must be above 0, got -3.0"
    assert not (tmp_path / "out").exists(), "no folder, no notebook"
