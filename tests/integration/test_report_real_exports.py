"""The right story from real data (issue 14 Must show): a Transfermarkt squad export of 2022 (no
recorded_on, a Season; Karius's contract already run out, Keïta's and Firmino's ending in 2023,
Henderson's still running) and a rumour-mill export of 2021-2025 whose later rows name other current
clubs (`Al-Ahli SFC`, `Werder Bremen`, `Ajax Amsterdam`, `Without Club`), ingested unedited; then the
real report command for Liverpool as of 25 Jan 2025, and again as of a day after all the data.

The club's report chases and lists only the players who were Liverpool's on the as-of date, its
charts are ranked by that date, and every page says what it cannot know."""

from __future__ import annotations

import csv
import html
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import RawFolder, run_cli

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transfermarkt" / "story"
LIVERPOOL_ON_THE_DAY = {
    "Alisson",
    "Caoimhín Kelleher",
    "Virgil van Dijk",
    "Ibrahima Konaté",
    "Trent Alexander-Arnold",
    "Mohamed Salah",
}
GONE = {"Roberto Firmino", "Naby Keïta", "Loris Karius", "Jordan Henderson"}


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> RawFolder:
    folder = RawFolder(tmp_path_factory.mktemp("real-exports") / "raw")
    shutil.copy(FIXTURES / "squad_liverpool_2022.csv", folder.root / "contracts" / "tm_squad_liverpool_2022.csv")
    shutil.copy(FIXTURES / "rumour_mill_2021_2025.csv", folder.root / "rumours" / "tm_rumour_mill.csv")
    result = folder.cli()
    assert result.returncode == 0, result.stderr
    assert "1 club disagreement: see table club_disagreements" in result.stdout  # Henderson: Ajax, not Liverpool
    return folder


def _report(exports: RawFolder, out: Path, as_of: str, *extra: str):
    result = run_cli(
        "report", "--club", "Liverpool", "--as-of", as_of, "--warehouse", str(exports.warehouse), "--out", str(out),
        *extra,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _text(page: Path) -> str:
    """A page's words, as a reader sees them (tags dropped, entities decoded, spaces collapsed)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).split())


@pytest.fixture(scope="module")
def on_the_day(exports, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report-2025-01-25")
    _report(exports, out, "2025-01-25")
    return out / "liverpool"


def test_the_club_chases_and_lists_only_its_players_on_the_day(on_the_day):
    intensity = _rows(on_the_day / "charts" / "interest_intensity.csv")
    chased = {r["player"] for r in intensity if r["direction"] == "chased"}
    assert chased == {"Trent Alexander-Arnold", "Ibrahima Konaté", "Mohamed Salah"}
    assert not chased & GONE, "players whose contracts ended, or who are at other clubs, are not Liverpool's"
    assert {r["player"] for r in intensity if r["direction"] == "chasing"} == {"Marc Guéhi", "Martín Zubimendi"}
    timeline = {r["player"] for r in _rows(on_the_day / "charts" / "expiry_timeline.csv")}
    assert timeline == LIVERPOOL_ON_THE_DAY
    dossiers = {p.name for p in on_the_day.glob("player_dossier-*.html")}
    assert dossiers == {
        "player_dossier-ibrahima-konate.html",
        "player_dossier-trent-alexander-arnold.html",
        "player_dossier-mohamed-salah.html",
    }


def test_charts_are_ranked_by_the_as_of_date_and_quiet_pursuits_are_not_drawn(on_the_day):
    intensity = _rows(on_the_day / "charts" / "interest_intensity.csv")
    drawn = {(r["interested_club"], r["player"]) for r in intensity if r["shown_in_chart"] == "true"}
    assert ("Al-Hilal SFC", "Mohamed Salah") in drawn, "third strongest on the day: drawn"
    assert ("Liverpool", "Martín Zubimendi") not in drawn, "an August pursuit decayed to nothing is not drawn"
    zubimendi = [r for r in intensity if r["player"] == "Martín Zubimendi"]
    assert zubimendi and float(zubimendi[-1]["intensity"]) < 0.01, "but kept in the CSV"
    heatmap = _rows(on_the_day / "charts" / "intensity_heatmap.csv")
    assert {r["player"] for r in heatmap if r["shown_in_chart"] == "true"} == {
        "Marc Guéhi",
        "Ibrahima Konaté",
        "Trent Alexander-Arnold",
        "Mohamed Salah",
    }
    page = (on_the_day / "charts" / "intensity_heatmap.html").read_text(encoding="utf-8")
    assert "Martín Zubimendi" not in page and "Mart\\u00edn Zubimendi" not in page


def test_pages_warn_that_the_contract_data_is_from_2022(on_the_day):
    for name in ("interest_intensity.html", "expiry_timeline.html", "player_dossier-mohamed-salah.html"):
        text = _text(on_the_day / name)
        assert "Warning: The contract data behind this report is old" in text, name
        assert "is from 1 Sep 2022" in text, name
    assert "is after the newest data" not in _text(on_the_day / "interest_intensity.html")


def test_transfermarkt_rows_link_to_their_thread(on_the_day):
    page = (on_the_day / "interest_intensity.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)"[^>]*target="_blank"', page)
    assert "https://www.transfermarkt.com/trent-alexander-arnold/thread/forum/343/thread_id/1009" in links
    assert all(link.startswith("https://www.transfermarkt.com/") and "/thread/" in link for link in links)
    assert "interest (no stage given)" in _text(on_the_day / "interest_intensity.html")


def test_an_as_of_date_after_the_data_says_so_on_every_page(exports, tmp_path):
    result = _report(exports, tmp_path, "2027-06-01", "--market")
    assert "WARNING: The as-of date 1 Jun 2027 is after the newest data in the warehouse (31 Jan 2025" in result.stdout
    pages = [*sorted((tmp_path / "liverpool").glob("*.html")), tmp_path / "market" / "index.html"]
    pages = [p for p in pages if p.name != "index.html" or p.parent.name == "market"]
    assert len(pages) >= 3
    for page in pages:
        text = _text(page)
        assert "The as-of date 1 Jun 2027 is after the newest data in the warehouse (31 Jan 2025" in text, page.name
    intensity = _rows(tmp_path / "liverpool" / "charts" / "interest_intensity.csv")
    assert intensity and not [r for r in intensity if r["shown_in_chart"] == "true"], "every pursuit has gone quiet"
    charts = tmp_path / "liverpool" / "charts"
    assert "Every pursuit has gone quiet by 1 Jun 2027" in (charts / "interest_intensity.html").read_text("utf-8")
    assert "No pursuit above 0.01 on 1 Jun 2027" in (charts / "intensity_heatmap.html").read_text("utf-8")
