"""The HTML report (SPEC 6-7) in a real headless Chromium, opened from file:// as an analyst would:
offline, quiet, every chart drawn, every link good, and hostile text from the data shown as text.

The report is built once per module by the real command
`python -m analysis report --club Liverpool --as-of 2025-01-25 --warehouse W --out DIR`
from the shipped article data plus one hostile rumour.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from analysis import config
from tests.browser.conftest import close_watched, open_watched
from tests.conftest import RUMOUR_HEADER, RawFolder, run_cli

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_CLUB = '<img src=x onerror="window.__pwned=1">FC'
HOSTILE_HEADLINE = '<script>window.__pwned=1</script> "hostile" headline'
HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_URL = "javascript:window.__pwned=1"
THREAD_URL = "https://forum.example.com/rumours/thread/42"
CHART_LIMIT = 300 * 1024


@dataclass(frozen=True)
class Report:
    out: Path
    club: Path  # DIR/liverpool

    @property
    def index_pages(self) -> list[Path]:
        return [self.out / "index.html", self.club / "index.html"]

    @property
    def notebook_pages(self) -> list[Path]:
        return sorted(p for p in self.club.glob("*.html") if p.name != "index.html")

    @property
    def chart_pages(self) -> list[Path]:
        return sorted((self.club / "charts").glob("*.html"))

    @property
    def all_pages(self) -> list[Path]:
        return [*self.index_pages, *self.notebook_pages, *self.chart_pages]

    def name(self, page: Path) -> str:
        return page.relative_to(self.out).as_posix()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Report:
    base = tmp_path_factory.mktemp("browser-report")
    folder = RawFolder(base / "raw")
    for kind in ("rumours", "contracts"):
        shutil.copy(config.RAW_DIR / kind / "article_2025-01-25.csv", folder.root / kind / "article_2025-01-25.csv")
    hostile = io.StringIO()
    writer = csv.writer(hostile, lineterminator="\n")
    writer.writerow(RUMOUR_HEADER.split(","))
    hostile_row = ["2025-01-20", "Mohamed Salah", "Liverpool", HOSTILE_CLUB, "Marca", "", "bid", "", HOSTILE_HEADLINE]
    writer.writerow([*hostile_row, HOSTILE_URL])
    writer.writerow(["2025-01-21", "Mohamed Salah", "Liverpool", "Al-Hilal", "Marca", "", "", "", "", THREAD_URL])
    folder.write("rumours/hostile.csv", hostile.getvalue())
    folder.ingest()
    assert folder.query(
        "SELECT count(*) FROM rumours WHERE interested_club = ? AND headline = ?", [HOSTILE_CLUB, HOSTILE_HEADLINE]
    ) == [(1,)], "the hostile rumour is in the warehouse"

    out = base / "out"
    result = run_cli(
        "report",
        "--club",
        "Liverpool",
        "--as-of",
        "2025-01-25",
        "--warehouse",
        str(folder.warehouse),
        "--out",
        str(out),
        timeout=300,
    )
    assert result.returncode == 0, f"report failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return Report(out, out / "liverpool")


# ---------------------------------------------------------------------------------------------
# Helpers run in the page


def _local(url: str) -> bool:
    return url.startswith("file://")


WAIT_FOR_PLOTS = """() => {
  const divs = Array.from(document.querySelectorAll('.plotly-graph-div'));
  return divs.every(gd => gd._fullLayout && gd.calcdata && gd.querySelector('.main-svg'));
}"""

DESCRIBE_PLOTS = """() => Array.from(document.querySelectorAll('.plotly-graph-div')).map(gd => {
  const box = gd.getBoundingClientRect();
  const marks = {
    scatterTraces: gd.querySelectorAll('.scatterlayer .trace').length,
    lines: Array.from(gd.querySelectorAll('.scatterlayer .trace path.js-line'))
      .filter(p => (p.getAttribute('d') || '').length > 1).length,
    points: gd.querySelectorAll('.scatterlayer .trace .points path').length,
    barTraces: gd.querySelectorAll('.barlayer .trace').length,
    bars: Array.from(gd.querySelectorAll('.barlayer .trace .point path'))
      .filter(p => (p.getAttribute('d') || 'M0,0Z') !== 'M0,0Z').length,
    heatmapImages: gd.querySelectorAll('.heatmaplayer image').length,
  };
  return {
    id: gd.id,
    plotted: gd.classList.contains('js-plotly-plot'),
    mainSvgs: gd.querySelectorAll('.main-svg').length,
    width: box.width, height: box.height,
    traces: (gd._fullData || []).length,
    traceTypes: (gd._fullData || []).map(t => t.type),
    marks,
  };
})"""

# Hovers every point of every trace of every chart, the way a user's mouse would, and reads the
# hover label. Plotly throttles hover per chart (50 ms), so each hover waits a little first.
HOVER_EVERYTHING = """async () => {
  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
  const finite = v => v !== null && v !== undefined && Number.isFinite(Number(v));
  const results = [];
  for (const gd of Array.from(document.querySelectorAll('.js-plotly-plot'))) {
    for (let c = 0; c < gd._fullData.length; c++) {
      const trace = gd._fullData[c];
      const cd = gd.calcdata[c] || [];
      const hoverable = trace.visible === true && trace.hoverinfo !== 'skip' && trace.hovertemplate !== false;
      const targets = [];
      if (trace.type === 'heatmap') {
        // plotly.js ignores pointNumber [row, col] for heatmaps: hover the cell centre instead
        const brick = cd[0], z = brick.z;
        for (let i = 0; i < z.length; i++) {
          for (let j = 0; j < z[i].length; j++) {
            targets.push({
              point: [i, j], expect: hoverable && finite(z[i][j]),
              event: {curveNumber: c, xval: (brick.x[j] + brick.x[j + 1]) / 2, yval: (brick.y[i] + brick.y[i + 1]) / 2},
            });
          }
        }
      } else {
        for (let p = 0; p < cd.length; p++) {
          const d = cd[p];
          const placed = trace.type === 'bar' ? finite(d.p) && finite(d.s) : finite(d.x) && finite(d.y);
          targets.push({point: p, expect: hoverable && placed, event: {curveNumber: c, pointNumber: p}});
        }
      }
      for (const t of targets) {
        await sleep(60);
        Plotly.Fx.hover(gd, [t.event], (trace.xaxis || 'x') + (trace.yaxis || 'y'));
        const layer = gd.querySelector('.hoverlayer');
        results.push({
          chart: gd.id, curve: c, point: t.point, type: trace.type, name: trace.name, expect: t.expect,
          label: layer ? layer.textContent : '',
          markup: layer ? Array.from(layer.querySelectorAll('*')).map(e => e.tagName.toLowerCase()) : [],
        });
      }
      Plotly.Fx.unhover(gd);
    }
  }
  return results;
}"""

INJECTION_TRACES = """() => ({
  pwned: typeof window.__pwned,
  imgX: document.querySelectorAll('img[src="x"]').length,
  onerror: document.querySelectorAll('[onerror]').length,
  hostileScripts: Array.from(document.querySelectorAll('script'))
    .filter(s => s.textContent.trim() === 'window.__pwned=1').length,
})"""


@pytest.fixture
def tab(browser):
    """One page, reused for every URL a test visits; file:// only."""
    watched = open_watched(browser, _local)
    yield watched
    close_watched(watched)


def _visit_with_plots(watched, path: Path) -> None:
    watched.visit(path.as_uri())
    watched.page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)


# ---------------------------------------------------------------------------------------------
# Files


def test_report_has_the_pages_and_one_plotly_per_club(report: Report):
    names = {report.name(p) for p in report.all_pages}
    assert {
        "index.html",
        "liverpool/index.html",
        "liverpool/interest_intensity.html",
        "liverpool/expiry_timeline.html",
        "liverpool/player_dossier-mohamed-salah.html",
        "liverpool/charts/interest_intensity.html",
        "liverpool/charts/expiry_timeline.html",
        "liverpool/charts/intensity_heatmap.html",
    } <= names, sorted(names)
    assert len(report.notebook_pages) == 5, "2 club notebooks + 3 dossiers"
    assert len(report.chart_pages) >= 4

    copies = sorted(p.relative_to(report.out).as_posix() for p in report.out.rglob("plotly.min.js"))
    assert copies == ["liverpool/plotly.min.js"], "exactly one plotly.min.js, in the club folder"
    assert (report.club / "plotly.min.js").stat().st_size > 1_000_000

    for chart in report.chart_pages:
        text = chart.read_text(encoding="utf-8")
        assert chart.stat().st_size < CHART_LIMIT, f"{report.name(chart)}: {chart.stat().st_size} bytes"
        assert re.findall(r'<script[^>]*\bsrc="([^"]*)"', text) == ["../plotly.min.js"], (
            f"{report.name(chart)} must load the shared ../plotly.min.js and nothing else"
        )
        assert "http://" not in text and "https://" not in text, f"{report.name(chart)} names a URL"
    for page in report.notebook_pages:
        text = page.read_text(encoding="utf-8")
        assert re.findall(r'<script[^>]*\bsrc="([^"]*)"', text) == ["plotly.min.js"], report.name(page)


# ---------------------------------------------------------------------------------------------
# Offline and quiet


def test_every_page_opens_offline_without_errors(tab, report: Report):
    failures = []
    for path in report.all_pages:
        tab.visit(path.as_uri())
        if path in report.notebook_pages or path in report.chart_pages:
            tab.page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)
        tab.page.wait_for_timeout(200)  # late errors from deferred scripts
        title = tab.page.title()
        if path.as_uri() not in tab.requests:
            failures.append(f"{report.name(path)}: never requested from file:// ({tab.requests})")
        if path not in report.chart_pages and not title.strip():  # plotly's chart pages have none
            failures.append(f"{report.name(path)}: no title")
        for url in tab.disallowed(_local):
            failures.append(f"{report.name(path)}: network request {url}")
        failures += [f"{report.name(path)}: {p}" for p in tab.problems()]
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------------------------------------
# Charts draw


def test_every_chart_is_drawn(tab, report: Report):
    failures = []
    for path in [*report.notebook_pages, *report.chart_pages]:
        _visit_with_plots(tab, path)
        plots = tab.page.evaluate(DESCRIBE_PLOTS)
        name = report.name(path)
        expected = range(1, 2) if path in report.chart_pages else range(2, 4)
        if len(plots) not in expected:
            failures.append(f"{name}: {len(plots)} charts, expected {list(expected)}")
        for plot in plots:
            marks = plot["marks"]
            drawn = marks["lines"] + marks["points"] + marks["bars"] + marks["heatmapImages"]
            layers = marks["scatterTraces"] + marks["barTraces"] + marks["heatmapImages"]
            if not plot["plotted"] or plot["mainSvgs"] < 1:
                failures.append(f"{name}: chart {plot['id']} not plotted ({plot})")
            elif plot["width"] < 300 or plot["height"] < 200:
                failures.append(f"{name}: chart {plot['id']} is {plot['width']}x{plot['height']} px")
            elif plot["traces"] < 1 or layers < 1 or drawn < 1:
                failures.append(f"{name}: chart {plot['id']} has no plotted traces ({plot})")
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------------------------------------
# Links


def _file_path(url: str) -> Path:
    parsed = urlparse(url)
    assert parsed.scheme == "file", url
    return Path(unquote(parsed.path))


def test_index_pages_link_to_every_page_and_chart(tab, report: Report):
    linked: dict[str, set[Path]] = {}
    for path in report.index_pages:
        tab.visit(path.as_uri())
        hrefs = tab.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        assert hrefs, f"{report.name(path)} has no links"
        targets = {_file_path(h.split("#")[0]) for h in hrefs}
        missing = sorted(str(t) for t in targets if not t.is_file())
        assert not missing, f"{report.name(path)} links to missing files: {missing}"
        outside = sorted(str(t) for t in targets if report.out.resolve() not in t.resolve().parents)
        assert not outside, f"{report.name(path)} links outside the report: {outside}"
        linked[report.name(path)] = {t.resolve() for t in targets}

    assert linked["index.html"] == {(report.club / "index.html").resolve()}
    club_links = linked["liverpool/index.html"]
    expected = {p.resolve() for p in [*report.notebook_pages, *report.chart_pages]}
    assert not expected - club_links, f"not linked: {sorted(map(str, expected - club_links))}"
    for page in report.notebook_pages:
        assert page.with_suffix(".ipynb").resolve() in club_links, f"{page.stem}.ipynb not linked"
    for chart in report.chart_pages:
        assert chart.with_suffix(".csv").resolve() in club_links, f"charts/{chart.stem}.csv not linked"


def test_report_links_open_their_page_and_are_never_script(tab, report: Report):
    """A report's web address is a link that opens it (in a new tab); a javascript: URL in the data
    is shown as text, never as a link, and clicking around runs nothing."""
    for name in ("interest_intensity.html", "player_dossier-mohamed-salah.html"):
        tab.visit((report.club / name).as_uri())
        page = tab.page
        hrefs = page.eval_on_selector_all("table a[href]", "links => links.map(a => a.getAttribute('href'))")
        assert THREAD_URL in hrefs, f"{name}: {hrefs}"
        assert all(h.startswith(("https://", "http://")) for h in hrefs), f"{name}: {hrefs}"
        assert page.locator('a[href^="javascript"]').count() == 0
        assert HOSTILE_URL not in hrefs
        link = page.locator(f'table a[href="{THREAD_URL}"]').first
        assert link.get_attribute("target") == "_blank" and "noopener" in (link.get_attribute("rel") or "")
        assert link.inner_text() == "forum.example.com"
        with page.context.expect_page() as opened:
            link.click()
        opened.value.close()
        assert THREAD_URL in tab.blocked, "the click asked for the thread (blocked here: no network in tests)"
        assert page.evaluate("typeof window.__pwned") == "undefined" and tab.dialogs == []


def test_a_legend_entry_toggles_a_line_with_its_report_markers(tab, report: Report):
    _visit_with_plots(tab, report.club / "charts" / "interest_intensity.html")
    page = tab.page
    state = """() => document.querySelector('.js-plotly-plot').data
        .filter(t => t.legendgroup).map(t => [t.name, t.legendgroup, t.visible === undefined ? true : t.visible])"""
    before = page.evaluate(state)
    first = before[0]
    group = [t for t in before if t[1] == first[1]]
    assert len(group) == 2 and group[1][0] == f"{first[0]}: reports", "a line and its report markers share a group"
    first_visible = "document.querySelector('.js-plotly-plot').data[0].visible"
    page.locator(".legend .traces").first.click()
    page.wait_for_function(f"() => {first_visible} === 'legendonly'", timeout=5_000)  # after a double-click's wait
    after = {t[0]: t[2] for t in page.evaluate(state)}
    assert after[first[0]] == after[f"{first[0]}: reports"] == "legendonly", "both hidden by one click"
    assert all(v is True for n, v in after.items() if not n.startswith(first[0])), "the others stay"
    page.wait_for_timeout(600)  # a second click now is a click, not the second half of a double-click
    page.locator(".legend .traces").first.click()
    page.wait_for_function(f"() => {first_visible} !== 'legendonly'", timeout=5_000)
    assert all(v is True for _, _, v in page.evaluate(state)), "and shown again by the next"
    assert (
        page.evaluate("() => document.querySelector('.js-plotly-plot').layout.legend.title.text")
        == "Pursuit (interested club → player)"
    )


def test_links_navigate_from_the_top_index_to_a_drawn_chart(tab, report: Report):
    tab.visit((report.out / "index.html").as_uri())
    page = tab.page
    page.get_by_role("link", name="Liverpool", exact=True).click()
    page.wait_for_url((report.club / "index.html").as_uri())
    page.get_by_role("link", name="Liverpool: interest intensity over time, as of 25 Jan 2025", exact=True).click()
    page.wait_for_url((report.club / "charts" / "interest_intensity.html").as_uri())
    page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() >= 2
    assert tab.disallowed(_local) == [] and tab.problems() == []


# ---------------------------------------------------------------------------------------------
# Hostile text


@pytest.fixture(scope="module")
def hovered(browser, report: Report) -> dict[str, dict]:
    """For every page with charts: every point hovered, its labels, and what ran meanwhile."""
    pages = {}
    watched = open_watched(browser, _local)
    try:
        for path in [*report.notebook_pages, *report.chart_pages]:
            _visit_with_plots(watched, path)
            labels = watched.page.evaluate(HOVER_EVERYTHING)
            pages[report.name(path)] = {
                "labels": labels,
                "traces": watched.page.evaluate(INJECTION_TRACES),
                "text": watched.page.evaluate("document.body.innerText"),
                "svg_text": watched.page.evaluate(
                    "Array.from(document.querySelectorAll('.js-plotly-plot .main-svg text')).map(t => t.textContent)"
                ),
                "problems": watched.problems(),
                "network": watched.disallowed(_local),
            }
    finally:
        close_watched(watched)
    return pages


def test_hovering_every_point_runs_no_hostile_script(hovered):
    assert "liverpool/charts/interest_intensity.html" in hovered
    failures = []
    for name, page in hovered.items():
        if not page["labels"]:
            failures.append(f"{name}: nothing to hover")
        traces = page["traces"]
        if traces != {"pwned": "undefined", "imgX": 0, "onerror": 0, "hostileScripts": 0}:
            failures.append(f"{name}: hostile markup became live: {traces}")
        failures += [f"{name}: {p}" for p in page["problems"]]  # includes any dialog
        failures += [f"{name}: network request {u}" for u in page["network"]]
        for hover in page["labels"]:
            where = f"{name} chart {hover['chart']} trace {hover['curve']} ({hover['name']}) point {hover['point']}"
            if hover["expect"] and not hover["label"].strip():
                failures.append(f"{where}: no hover label")
            if not hover["expect"] and hover["label"].strip():
                failures.append(f"{where}: unexpected hover label {hover['label']!r}")
            if {"img", "script", "a", "iframe"} & set(hover["markup"]):
                failures.append(f"{where}: markup in the hover label: {hover['markup']}")
    assert not failures, "\n".join(failures)


def _labels(page: dict) -> list[str]:
    return [h["label"] for h in page["labels"] if h["label"]]


def test_hostile_headline_and_club_show_as_text(hovered):
    # The hostile report is Mohamed Salah (Liverpool) chased by the hostile club: it is a report
    # marker on Liverpool's interest intensity chart, and on Salah's dossier charts.
    for name in (
        "liverpool/charts/interest_intensity.html",
        "liverpool/interest_intensity.html",
        "liverpool/player_dossier-mohamed-salah.html",
        "liverpool/charts/suitor_intensity-mohamed-salah.html",
        "liverpool/charts/pursuit_ladder-mohamed-salah.html",
    ):
        labels = _labels(hovered[name])
        shown = [label for label in labels if HOSTILE_SCRIPT in label]
        assert shown, f"{name}: no hover label shows the headline {HOSTILE_SCRIPT!r} as text; labels: {labels}"
        assert all("Mohamed Salah" in label and "Marca" in label for label in shown), shown
        assert any("<img src=x onerror=" in label for label in labels), f"{name}: hostile club not in a label"

    # the club name as plain text in the notebook's table of latest reports (pandas escapes it)
    for name in ("liverpool/interest_intensity.html", "liverpool/player_dossier-mohamed-salah.html"):
        assert HOSTILE_CLUB in hovered[name]["text"], f"{name}: hostile club name not shown as text"
    # and as the heatmap's column label
    assert any(
        t.startswith("<img src=x onerror=") for t in hovered["liverpool/charts/intensity_heatmap.html"]["svg_text"]
    )


def test_hostile_text_is_shown_verbatim(hovered):
    """What the user reads is exactly what the source wrote: no HTML entities left over."""
    chart = hovered["liverpool/charts/interest_intensity.html"]
    heatmap = hovered["liverpool/charts/intensity_heatmap.html"]
    wrong = []
    if not any(HOSTILE_HEADLINE in label for label in _labels(chart)):
        wrong.append(
            f"no interest_intensity hover label contains {HOSTILE_HEADLINE!r}: "
            f"{[label for label in _labels(chart) if HOSTILE_SCRIPT in label]}"
        )
    if not any(t.startswith(HOSTILE_CLUB) for t in chart["svg_text"]):
        wrong.append(
            f"interest_intensity legend does not show {HOSTILE_CLUB!r}: {[t for t in chart['svg_text'] if 'img' in t]}"
        )
    if HOSTILE_CLUB not in heatmap["svg_text"]:
        wrong.append(
            f"intensity_heatmap axis does not show {HOSTILE_CLUB!r}: {[t for t in heatmap['svg_text'] if 'img' in t]}"
        )
    leftovers = sorted(
        {
            f"{name}: {text}"
            for name, page in hovered.items()
            for text in [*page["svg_text"], *_labels(page)]
            if "&quot;" in text or "&#x27;" in text or "&amp;" in text or "&lt;" in text or "&gt;" in text
        }
    )
    assert not wrong, "\n".join(wrong)
    assert not leftovers, "HTML entities shown literally:\n" + "\n".join(leftovers)
