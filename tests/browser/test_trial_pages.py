"""What a new user saw in the trial of the shipped data, in a real headless Chromium, opened from
file:// as they would: each page now says what is so.

Built once per module by the real commands, on a warehouse ingested from data/raw and
data/reference exactly as `make report` builds it:
`report --club "Real Madrid" --club Liverpool --club "Northbridge Rovers" --market --as-of 2025-01-31`
and `report --club Liverpool --as-of 2027-06-01` (an as-of date long after the data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.conftest import close_watched, open_watched
from tests.browser.test_report_pages import WAIT_FOR_PLOTS
from tests.conftest import run_cli
from tests.forecast_data import shipped_warehouse

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# every plotly chart of the page: its annotations' texts, its traces' names and line colours, and
# the drawn width of each bar against the plot area (what a reader sees, not what was asked for)
DESCRIBE = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
  title: gd._fullLayout.title.text,
  notes: (gd._fullLayout.annotations || []).map(a => a.text),
  lines: gd._fullData.filter(t => t.type === 'scatter' && t.mode && t.mode.includes('lines'))
    .map(t => ({name: t.name, color: t.line.color})),
  plotWidth: gd._fullLayout._size.w,
  barWidths: Array.from(gd.querySelectorAll('.barlayer .trace .point path'))
    .map(p => p.getBoundingClientRect().width).filter(w => w > 0),
}))"""


@dataclass(frozen=True)
class Trial:
    january: Path  # the report folder of 31 Jan 2025
    future: Path  # the report folder of 1 Jun 2027


@pytest.fixture(scope="module")
def trial(tmp_path_factory) -> Trial:
    base = tmp_path_factory.mktemp("trial")
    warehouse = shipped_warehouse(base)
    january, future = base / "january", base / "future"
    clubs = ["--club", "Real Madrid", "--club", "Liverpool", "--club", "Northbridge Rovers"]
    for out, args in (
        (january, [*clubs, "--market", "--as-of", "2025-01-31"]),
        (future, ["--club", "Liverpool", "--as-of", "2027-06-01"]),
    ):
        result = run_cli("report", *args, "--warehouse", str(warehouse), "--out", str(out), timeout=600)
        assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    return Trial(january, future)


@pytest.fixture
def tab(browser):
    watched = open_watched(browser, lambda url: url.startswith("file://"))
    yield watched
    close_watched(watched)


def _open(tab, page: Path) -> tuple[str, list[dict]]:
    """The page's visible text (whitespace folded) and its charts, once drawn."""
    tab.visit(page.as_uri())
    tab.page.wait_for_function(WAIT_FOR_PLOTS, timeout=20_000)
    text = " ".join(tab.page.inner_text("body").split())
    assert not tab.problems(), tab.problems()
    return text, tab.page.evaluate(DESCRIBE)


def _chart(charts: list[dict], title_part: str) -> dict:
    (found,) = [c for c in charts if title_part in c["title"]]
    return found


def test_a_club_with_no_contract_on_record_says_so(tab, trial):
    text, charts = _open(tab, trial.january / "real-madrid" / "expiry_timeline.html")
    said = "No contract on record for Real Madrid on 31 Jan 2025"
    assert f"{said}: no contract file lists a player of the club then." in text, "the ending-soon table"
    assert "No contract ends within" not in text
    assert said in _chart(charts, "contract expiry timeline")["notes"]
    assert any(n.startswith(said) for n in _chart(charts, "expiring contracts by transfer window")["notes"])


def test_every_suitor_on_a_pursuit_ladder_has_its_own_colour(tab, trial):
    """The trial's Bastien Tamides: Juniperwick FC and Northbridge Rovers were both #00a08b. He
    joined Northbridge Rovers on 8 June 2024: that line says so in its name."""
    _, charts = _open(tab, trial.january / "northbridge-rovers" / "charts" / "pursuit_ladder-bastien-tamides.html")
    (ladder,) = charts
    suitors = {line["name"]: line["color"] for line in ladder["lines"] if "renewal" not in line["name"]}
    assert {"Juniperwick FC", "Northbridge Rovers (joined 8 Jun 2024)"} <= set(suitors)
    assert len(set(suitors.values())) == len(suitors), suitors


def test_the_market_watch_says_the_earlier_probability_is_the_since_dates(tab, trial):
    text, _ = _open(tab, trial.january / "market" / "index.html")
    assert "The likeliest moves on 31 Jan 2025, each with its probability on 24 Jan 2025 (the since date" in text
    assert "start of the window" not in text
    top = trial.january / "index.html"
    tab.visit(top.as_uri())
    assert "What changed across all clubs:" in " ".join(tab.page.inner_text("body").split())


def test_a_dossier_gives_an_age_in_years_and_its_csv_one_decimal(tab, trial):
    text, _ = _open(tab, trial.january / "northbridge-rovers" / "player_dossier-bastien-tamides.html")
    match = re.search(r"\bage (\S+)", text)
    assert match and match.group(1).isdigit(), f"whole years, not {match and match.group(1)}"
    assert "age years" not in text
    timeline = (trial.january / "northbridge-rovers" / "charts" / "expiry_timeline.csv").read_text(encoding="utf-8")
    header, *rows = [line.split(",") for line in timeline.splitlines()]
    ages = [row[header.index("age_years")] for row in rows]
    assert ages and all(re.fullmatch(r"\d+\.\d", a) for a in ages if a), ages[:5]
    assert all(row[header.index("recorded_on")] != "1900-01-01" for row in rows), "a from-always record is empty"


def test_the_club_index_links_the_data_of_a_chart_not_drawn(tab, trial):
    """The article's pairs have no probability on 31 Jan 2025: move_probability.csv says why."""
    club = trial.january / "liverpool"
    assert not (club / "charts" / "move_probability.html").exists()
    tab.visit((club / "index.html").as_uri())
    hrefs = tab.page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert "charts/move_probability.csv" in hrefs
    csvs = {f"charts/{p.name}" for p in (club / "charts").glob("*.csv")}
    assert csvs <= set(hrefs), sorted(csvs - set(hrefs))


def test_an_as_of_date_long_after_the_data_keeps_the_timeline_readable(tab, trial):
    _, charts = _open(tab, trial.future / "liverpool" / "expiry_timeline.html")
    timeline = _chart(charts, "contract expiry timeline")
    assert timeline["barWidths"], "Salah's and van Dijk's contracts run to June 2027"
    assert min(timeline["barWidths"]) > 0.25 * timeline["plotWidth"], "not squashed by renewal talks from 2025"


def test_an_as_of_date_long_after_the_data_says_its_reports_are_older(tab, trial):
    _, charts = _open(tab, trial.future / "liverpool" / "interest_intensity.html")
    over_time = _chart(charts, "interest intensity over time")
    (note,) = [n for n in over_time["notes"] if n.startswith("No ")]
    assert note.startswith("No reports in the 180 days up to 1 Jun 2027 (the lookback);<br>the latest, on 25 Jan 2025")
    assert "No reports up to" not in " ".join(over_time["notes"])
