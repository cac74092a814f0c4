"""The market watch's move probabilities and their change since --since (issue 13, SPEC 10-11):
on a league with enough known outcomes they are there with their change and CSVs; on one without,
the section says why; the outlets' reliability is charted under market/charts/ either way."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.forecast_data import synthetic_league
from tests.market_data import AS_OF, build_market_warehouse

pytestmark = pytest.mark.slow  # generates a league and runs the market notebook


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _text(path: Path) -> str:
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture(scope="module")
def league_watch(tmp_path_factory):
    base = tmp_path_factory.mktemp("market-forecast")
    league = synthetic_league(base, rumours=12_000, clubs=25, seasons=3, outlets=12, seed=3)
    out = base / "out"
    args = ["--market", "--as-of", "2025-03-01", "--since", "2025-02-01", "--warehouse", str(league.warehouse)]
    result = run_cli("report", *args, "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "market"


def test_probabilities_and_their_change_since_the_since_date(league_watch):
    rows = _rows(league_watch / "charts" / "move_probability.csv")
    assert rows and list(rows[0])[:6] == [
        "player",
        "interested_club",
        "probability",
        "probability_before",
        "change",
        "horizon_closes",
    ]
    assert all(r["probability"] and r["fitted_on"] and not r["reason"] for r in rows)
    assert {r["window_label"] for r in rows} == {"winter 2025-26"}, "1 March: summer 2025 and the winter after"
    both = [r for r in rows if r["probability_before"]]
    assert both and all(
        abs(float(r["probability"]) - float(r["probability_before"]) - float(r["change"])) < 1e-9 for r in both
    )
    new = [r for r in rows if not r["probability_before"]]
    assert all(not r["change"] for r in new), "a pair without interest on the window's first day has no change"
    assert [float(r["probability"]) for r in rows] == sorted((float(r["probability"]) for r in rows), reverse=True)
    assert (league_watch / "charts" / "move_probability.html").is_file()
    assert "likeliest moves, as of 1 Mar 2025" in (league_watch / "charts" / "move_probability.html").read_text()


def test_the_page_says_the_earlier_probability_is_the_since_dates(league_watch):
    """Not "at the start of the window": a transfer window is something else on this page."""
    text = _text(league_watch / "index.html")
    assert "The likeliest moves on 1 Mar 2025, each with its probability on 1 Feb 2025 (the since date" in text
    assert "start of the window" not in text


def test_the_outlets_reliability_under_market_charts(league_watch):
    rows = _rows(league_watch / "charts" / "outlet_reliability.csv")
    columns = [
        "outlet",
        "stories",
        "materialised",
        "not_materialised",
        "pending",
        "hit_rate",
        "hit_rate_low",
        "hit_rate_high",
    ]
    assert [c for c in rows[0] if c in columns] == columns
    assert len(rows) == 12 and all(
        float(r["hit_rate_low"]) <= float(r["hit_rate"]) <= float(r["hit_rate_high"]) for r in rows
    )
    assert (league_watch / "charts" / "outlet_reliability.html").is_file()


def test_without_known_outcomes_the_section_says_why(tmp_path):
    warehouse = build_market_warehouse(tmp_path / "market")
    out = tmp_path / "out"
    result = run_cli("report", "--market", "--as-of", AS_OF, "--warehouse", str(warehouse), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    text = _text(out / "market" / "index.html")
    assert "No move probability could be fitted: too few known outcomes to fit: by " in text
    rows = _rows(out / "market" / "charts" / "move_probability.csv")
    assert rows and all(not r["probability"] and r["reason"] for r in rows)
    assert not (out / "market" / "charts" / "move_probability.html").exists(), "no chart of nothing"
