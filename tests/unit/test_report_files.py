"""What a report folder holds besides the notebooks: chart CSVs as the pages read, and a club
index linking every chart's data, drawn or not."""

from __future__ import annotations

import csv
import datetime as dt

import pandas as pd

from analysis.report.export import write_csv
from analysis.report.formatting import FAR_PAST
from analysis.report.pages import write_club_index


def test_a_contract_from_always_has_an_empty_recorded_on_as_pages_show_it(tmp_path):
    """Stored as 1900-01-01 (no recorded_on: it holds from always); the CSV writes nothing, as the
    page writes '—', and real dates as dates."""
    frame = pd.DataFrame(
        {
            "player": ["Mohamed Salah", "Virgil van Dijk"],
            "contract_expires": pd.to_datetime(["2025-06-30", "2027-06-30"]),
            "recorded_on": [FAR_PAST, pd.Timestamp("2025-04-17")],
            "reported_at": pd.to_datetime(["2025-01-25 09:30", None]),
        }
    )
    path = write_csv(frame, tmp_path / "expiry_timeline.csv")
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["recorded_on"] for r in rows] == ["", "2025-04-17"]
    assert [r["contract_expires"] for r in rows] == ["2025-06-30", "2027-06-30"]
    assert rows[0]["reported_at"].startswith("2025-01-25 09:30") and rows[1]["reported_at"] == ""


def test_the_club_index_links_every_charts_data_drawn_or_not(tmp_path):
    """No probability as of 25 Jan 2025: move_probability.csv says why and no chart is drawn; the
    index still links it."""
    charts = tmp_path / "charts"
    charts.mkdir()
    (charts / "expiry_timeline.html").write_text("<html><head><title>Liverpool: timeline</title></head></html>")
    for name in ("expiry_timeline", "move_probability", "move_probability-ibrahima-konate"):
        (charts / f"{name}.csv").write_text("player\n", encoding="utf-8")
    (charts / "move_probability-n-golo-kante.csv").write_text(
        "player,interested_club,probability,reason\nN'Golo Kanté,<b>Fenerbahçe</b>,,too few known outcomes\n",
        encoding="utf-8",
    )
    write_club_index(tmp_path, "Liverpool", [], dt.date(2025, 1, 25), "2025-01-25 09:00")
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for name in ("expiry_timeline", "move_probability", "move_probability-ibrahima-konate"):
        assert f'href="charts/{name}.csv"' in index, name
    assert 'href="charts/expiry_timeline.html"' in index and 'href="charts/move_probability.html"' not in index
    assert "move probability (ibrahima konate) <small>(" in index and "no chart: nothing to draw" in index
    assert "move probability (N&#x27;Golo Kanté) <small>(" in index  # the name as the data writes it, escaped
