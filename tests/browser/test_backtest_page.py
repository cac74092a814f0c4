"""The backtest's page in a real headless Chromium, opened from file:// as an analyst would:
offline, quiet, the reliability diagram and the outlets drawn, and an outlet named like markup
shown as text, never run."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.ingest import ingest
from analysis.progress import Progress
from tests.browser.conftest import close_watched, open_watched
from tests.browser.test_report_pages import DESCRIBE_PLOTS, HOVER_EVERYTHING, INJECTION_TRACES, WAIT_FOR_PLOTS
from tests.conftest import run_cli
from tests.forecast_data import shipped_warehouse, synthetic_league

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_OUTLET = '<img src=x onerror="window.__pwned=1">Post'
CLEAN = {"pwned": "undefined", "imgX": 0, "onerror": 0, "hostileScripts": 0}


def _rename(path: Path, column: str, old: str, new: str) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row[column] == old:
            row[column] = new
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("backtest-browser")
    league = synthetic_league(base, rumours=12_000, clubs=25, seasons=3, outlets=12, seed=3)
    renamed = league.truth["outlets"][2]["outlet"]
    _rename(league.raw / "rumours" / "synthetic_demo_rumours.csv", "source", renamed, HOSTILE_OUTLET)
    _rename(league.reference / "outlets.csv", "outlet", renamed, HOSTILE_OUTLET)
    ingest(league.raw, league.reference, league.warehouse, progress=Progress.quiet())
    out = base / "bt"
    result = run_cli(
        "backtest",
        "--warehouse",
        str(league.warehouse),
        "--to",
        "2026-06-30",
        "--horizon-windows",
        "1",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "index.html"


def _local(url: str) -> bool:
    return url.startswith("file://")


@pytest.fixture
def tab(browser):
    watched = open_watched(browser, _local)
    yield watched
    close_watched(watched)


def test_the_page_opens_offline_quietly_and_draws_both_charts(tab, page):
    tab.visit(page.as_uri())
    tab.page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)
    plots = tab.page.evaluate(DESCRIBE_PLOTS)
    assert len(plots) == 2
    diagram, outlets = plots
    assert diagram["marks"]["lines"] >= 3, "the diagonal and a line per model"
    assert outlets["marks"]["points"] >= 12, "a dot per outlet"
    tab.page.wait_for_timeout(200)
    assert tab.disallowed(_local) == [] and tab.problems() == []
    text = tab.page.evaluate("document.body.innerText")
    assert "move probability (the full model)" in text and "Brier skill" in text


def test_an_outlet_named_like_markup_is_shown_as_text(tab, page):
    tab.visit(page.as_uri())
    tab.page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)
    ticks = tab.page.eval_on_selector_all(".ytick text", "ts => ts.map(t => t.textContent)")
    assert HOSTILE_OUTLET in ticks
    labels = [h["label"] for h in tab.page.evaluate(HOVER_EVERYTHING) if h["label"]]
    assert any(HOSTILE_OUTLET in label for label in labels) and not any("&lt;" in label for label in labels)
    assert tab.page.evaluate(INJECTION_TRACES) == CLEAN and tab.problems() == []


@pytest.fixture(scope="module")
def late_page(tmp_path_factory) -> Path:
    """The shipped data replayed to eight months past the demo league's newest report."""
    base = tmp_path_factory.mktemp("backtest-late-browser")
    warehouse = shipped_warehouse(base)
    out = base / "bt"
    result = run_cli(
        "backtest", "--warehouse", str(warehouse), "--to", "2026-03-01", "--horizon-windows", "1", "--out", str(out)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "index.html"


def test_predictions_left_unscored_are_said_in_a_visible_box_under_the_summary(tab, late_page):
    tab.visit(late_page.as_uri())
    tab.page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)
    box = tab.page.locator("#not-scored")
    assert box.is_visible()
    said = box.inner_text()
    assert said.startswith("Not scored\n")
    assert "dataset 'synthetic-demo': its newest report is 2025-06-30, before the end (2026-03-01); " in said
    assert "whose horizon closes after it are not scored" in said
    summary_bottom = tab.page.evaluate("document.querySelector('body > p').getBoundingClientRect().bottom")
    scores_top = tab.page.evaluate(
        "[...document.querySelectorAll('h2')].find(h => h.textContent === 'Scores').getBoundingClientRect().top"
    )
    assert summary_bottom <= box.bounding_box()["y"] < scores_top, "between the summary and the scores"
    assert tab.problems() == []


def test_every_title_and_subtitle_fits_inside_its_chart(tab, page):
    """Trial 3: at 1400 pixels the reliability diagram's subtitle ran past the chart's edge and was
    cut ('... faint ope'): plotly never wraps a subtitle, so a long one is given its own lines."""
    tab.page.set_viewport_size({"width": 1400, "height": 1000})
    tab.visit(page.as_uri())
    tab.page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)
    overflow = tab.page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
            const edge = plot.getBoundingClientRect().right;
            return [...plot.querySelectorAll('text.gtitle, text.gtitle-subtitle')]
                .filter(t => t.getBoundingClientRect().right > edge + 1)
                .map(t => t.textContent);
        })"""
    )
    subtitles = tab.page.eval_on_selector_all("text.gtitle-subtitle", "ts => ts.map(t => t.textContent)")
    assert any("too few to judge" in s for s in subtitles), subtitles
    assert overflow == []
