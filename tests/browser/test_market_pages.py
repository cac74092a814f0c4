"""The market watch and an all-clubs report folder in a real headless Chromium, opened from file://
as an analyst would: offline, quiet, charts drawn, links good, and hostile names from the data
(`<script>`, `<img onerror>`, quotes, `../`) shown as text, never run.

Built once per module by `python -m analysis report --all-clubs --as-of 2025-03-10 ...` on the
warehouse of tests/market_data.py.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.browser.conftest import close_watched, open_watched
from tests.browser.test_report_pages import DESCRIBE_PLOTS, HOVER_EVERYTHING, INJECTION_TRACES, WAIT_FOR_PLOTS
from tests.conftest import run_cli
from tests.market_data import AS_OF, HOSTILE_CLUB, HOSTILE_PLAYER, build_market_warehouse

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CLEAN = {"pwned": "undefined", "imgX": 0, "onerror": 0, "hostileScripts": 0}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("market-browser")
    warehouse = build_market_warehouse(base)
    folder = base / "out"
    result = run_cli(
        "report", "--all-clubs", "--as-of", AS_OF, "--warehouse", str(warehouse), "--out", str(folder), timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def _local(url: str) -> bool:
    return url.startswith("file://")


@pytest.fixture
def tab(browser):
    watched = open_watched(browser, _local)
    yield watched
    close_watched(watched)


def _pages(out: Path) -> list[Path]:
    return [out / "index.html", out / "market" / "index.html", *sorted((out / "market" / "charts").glob("*.html"))]


def test_the_index_and_the_market_pages_open_offline_quietly_and_draw(tab, out):
    failures = []
    for path in _pages(out):
        name = path.relative_to(out).as_posix()
        tab.visit(path.as_uri())
        if path.parent.name == "charts" or path.parent.name == "market":
            tab.page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)
            plots = tab.page.evaluate(DESCRIBE_PLOTS)
            if not plots:
                failures.append(f"{name}: no chart")
            for plot in plots:
                marks = plot["marks"]
                if not plot["plotted"] or marks["bars"] + marks["points"] + marks["lines"] < 1:
                    failures.append(f"{name}: chart {plot['id']} drew nothing ({plot})")
        tab.page.wait_for_timeout(200)  # late errors from deferred scripts
        failures += [f"{name}: network request {u}" for u in tab.disallowed(_local)]
        failures += [f"{name}: {p}" for p in tab.problems()]
        if tab.page.evaluate(INJECTION_TRACES) != CLEAN:
            failures.append(f"{name}: hostile markup became live: {tab.page.evaluate(INJECTION_TRACES)}")
    assert not failures, "\n".join(failures)
    tab.visit((out / "market" / "index.html").as_uri())
    titles = tab.page.eval_on_selector_all(".js-plotly-plot .gtitle", "ts => ts.map(t => t.textContent)")
    assert any("biggest risers and fallers" in t for t in titles) and any("expiring contracts" in t for t in titles)


def test_every_link_of_the_index_and_the_market_page_leads_to_a_page_in_the_folder(tab, out):
    for path in (out / "index.html", out / "market" / "index.html"):
        tab.visit(path.as_uri())
        hrefs = tab.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        targets = {Path(unquote(urlparse(h.split("#")[0]).path)) for h in hrefs if h.startswith("file:")}
        assert targets, f"{path} links nothing"
        assert all(t.is_file() for t in targets), sorted(str(t) for t in targets if not t.is_file())
        assert all(out.resolve() in t.resolve().parents for t in targets)
        assert all(h.startswith("file:") for h in hrefs), [h for h in hrefs if not h.startswith("file:")]
    clubs = {p.parent.name for p in out.glob("*/expiry_timeline.html")}
    tab.visit((out / "index.html").as_uri())
    listed = tab.page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert listed[0] == "market/index.html", "the market watch on top"
    assert {h.split("/")[0] for h in listed[1:]} == clubs


def test_from_the_index_to_the_market_to_a_club_report(tab, out):
    tab.visit((out / "index.html").as_uri())
    page = tab.page
    page.get_by_role("link", name="Market watch", exact=True).click()
    page.wait_for_url((out / "market" / "index.html").as_uri())
    page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)
    page.get_by_role("link", name="Beta United", exact=True).first.click()
    page.wait_for_url((out / "beta-united" / "index.html").as_uri())
    assert tab.disallowed(_local) == [] and tab.problems() == []


def test_hostile_names_show_as_text_in_tables_and_hovers(tab, out):
    tab.visit((out / "market" / "index.html").as_uri())
    tab.page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)
    text = tab.page.evaluate("document.body.innerText")
    assert HOSTILE_CLUB in text and HOSTILE_PLAYER in text, "shown verbatim, as text"
    labels = [h["label"] for h in tab.page.evaluate(HOVER_EVERYTHING) if h["label"]]
    assert any(HOSTILE_PLAYER in label for label in labels), labels
    assert not any("&lt;" in label or "&quot;" in label for label in labels), "no entities shown literally"
    assert tab.page.evaluate(INJECTION_TRACES) == CLEAN
    assert tab.problems() == [] and tab.disallowed(_local) == []
    tab.visit((out / "index.html").as_uri())
    assert HOSTILE_CLUB in tab.page.evaluate("document.body.innerText"), "its club report is listed by name"
    assert tab.page.evaluate(INJECTION_TRACES) == CLEAN


# Every legend's box against every axis title and tick label of its chart, and the figure's edge:
# [chart id, what it hits] per clash, and how many legends were looked at.
LEGEND_CLASHES = """() => {
  const clashes = [];
  let legends = 0;
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const figure = gd.querySelector('.main-svg').getBoundingClientRect();
    const labels = [...gd.querySelectorAll('.g-xtitle text, .g-ytitle text, .xtick text, .ytick text')]
      .filter(t => t.getBoundingClientRect().width > 0);
    for (const legend of gd.querySelectorAll('g.legend')) {
      const box = (legend.querySelector('rect.bg') || legend).getBoundingClientRect();
      if (!box.width) continue;
      legends += 1;
      for (const label of labels)
        if (hit(box, label.getBoundingClientRect())) clashes.push([gd.id, 'legend on "' + label.textContent + '"']);
      if (box.bottom > figure.bottom + 1 || box.top < figure.top - 1)
        clashes.push([gd.id, 'legend outside the figure']);
    }
  }
  return {clashes, legends};
}"""


FITS_WIDTH = "w => [...document.querySelectorAll('.js-plotly-plot')].every(gd => gd._fullLayout.width <= w)"


def test_no_legend_lies_on_an_axis_title_or_its_labels(browser, out):
    """A legend placed as a fraction of the plot height drifted onto the axis title whenever the
    height changed (the outlet chart grows with its outlets). Every chart page of the run, at a
    desk monitor's width and then, resized, a laptop's: the market's charts and every chart kind of a
    club report (the clubs' folders hold the same charts of other data)."""
    watched = open_watched(browser, _local, viewport={"width": 1400, "height": 900})
    try:
        pages = sorted([*out.glob("market/charts/*.html"), *out.glob("alpha-fc/charts/*.html")])
        assert out / "market" / "charts" / "outlet_reliability.html" in pages
        clashes, legends = [], 0
        for path in pages:
            watched.page.set_viewport_size({"width": 1400, "height": 900})
            watched.visit(path.as_uri())
            for width in (1400, 800):
                watched.page.set_viewport_size({"width": width, "height": 900})
                watched.page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)
                watched.page.wait_for_function(FITS_WIDTH, arg=width)
                found = watched.page.evaluate(LEGEND_CLASHES)
                clashes += [f"{path.relative_to(out)} at {width} px: {what}" for _, what in found["clashes"]]
                legends += found["legends"]
    finally:
        close_watched(watched)
    assert legends >= len(pages), "most charts have a legend to check, at both widths"
    assert clashes == []
