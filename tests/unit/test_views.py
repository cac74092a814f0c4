"""Choosing what a chart draws: pure functions on hand-made frames."""

from __future__ import annotations

import re

import pandas as pd

from analysis.report import formatting, views


def _daily(player: str, club: str | None, values: list[float], counts: list[int]) -> pd.DataFrame:
    """A pair's daily series as marts.interest_intensity gives it: one row per day to the as-of date."""
    days = pd.date_range(end="2025-01-25", periods=len(values))
    return pd.DataFrame(
        {"date": days, "player": player, "interested_club": club, "intensity": values, "reports_to_date": counts}
    )


def test_strongest_pairs_are_ranked_by_the_as_of_date_not_their_peak():
    frame = pd.concat(
        [
            _daily("A", "Real Madrid", [9.0, 4.0, 0.5], [1, 1, 1]),  # the highest peak, faded by the as-of date
            _daily("B", "Al-Hilal", [0.0, 1.5, 1.2], [0, 1, 1]),  # third strongest that day, still drawn
            _daily("C", "Getafe", [2.0, 1.6, 1.3], [1, 1, 1]),
            _daily("D", None, [3.0, 3.0, 3.0], [1, 1, 1]),  # names no suitor: never drawn
        ],
        ignore_index=True,
    )
    marked = views._strongest_pairs(frame, 2, floor=0.01)
    assert marked.drop(columns="shown_in_chart").equals(frame), "every row is kept for the CSV"
    shown = marked[marked["shown_in_chart"]].groupby("player").size()
    assert shown.to_dict() == {"B": 3, "C": 3}, "every row of a drawn pair is marked"
    assert set(marked[marked["shown_in_chart"]]["player"]) == {"B", "C"}
    three = views._strongest_pairs(frame, 3, floor=0.01)
    assert set(three[three["shown_in_chart"]]["player"]) == {"A", "B", "C"}
    assert views._strongest_pairs(frame.iloc[:0], 3)["shown_in_chart"].dtype == bool


def test_a_tie_on_the_as_of_date_goes_to_the_latest_report():
    frame = pd.concat(
        [
            _daily("Early", "X", [1.0, 1.0, 1.0], [2, 2, 2]),  # its last report three days ago
            _daily("Late", "Y", [0.0, 0.0, 1.0], [0, 0, 1]),  # reported on the as-of date
        ],
        ignore_index=True,
    )
    marked = views._strongest_pairs(frame, 1, floor=0.01)
    assert set(marked[marked["shown_in_chart"]]["player"]) == {"Late"}


def test_pairs_decayed_below_the_floor_are_not_drawn():
    frame = pd.concat(
        [_daily("Quiet", "X", [1.0, 0.02, 1e-13], [1, 1, 1]), _daily("Live", "Y", [0.0, 0.2, 0.1], [0, 1, 1])],
        ignore_index=True,
    )
    marked = views._strongest_pairs(frame, 10, floor=0.01)
    assert set(marked[marked["shown_in_chart"]]["player"]) == {"Live"}
    everything = views._strongest_pairs(frame, 10, floor=0.0)
    assert set(everything[everything["shown_in_chart"]]["player"]) == {"Live", "Quiet"}, "floor 0 draws every pair"


def test_heatmap_names_are_ranked_by_their_strongest_pursuit_then_the_latest_report():
    pairs = pd.DataFrame(
        {
            "player": ["P1", "P2", "P3", "P1"],
            "interested_club": ["X", "Y", "Y", "Z"],
            "intensity": [0.5, 2.0, 0.5, 0.4],
            "last_reported_on": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-20", "2025-01-24"]),
        }
    )
    assert views._ranked(pairs, "player", 3) == ["P2", "P3", "P1"]  # P3 and P1 tie at 0.5: P3 reported later
    assert views._ranked(pairs, "interested_club", 2) == ["Y", "X"]


TABLE = pd.DataFrame(
    {
        "reported_on": pd.to_datetime(["2025-01-25", None]),
        "recorded_on": pd.to_datetime(["1900-01-01", "2025-04-10"]),  # the first: stored 'from always'
        "fee_eur": [24e6, 0.0],
        "market_value_eur": [75e6, None],
        "top_suitor_intensity": [1.4738, None],
        "is_renewal_talk": [True, False],
        "headline": ["<b>Madrid</b> 'accept' " + "and more " * 12 + "the end", None],
        "source_tier": pd.array([1, None], dtype="Int64"),
    }
)


def test_readable_shows_values_as_an_analyst_reads_them():
    shown = formatting.readable(TABLE)
    assert list(shown.columns) == [
        "reported on",
        "recorded on",
        "fee (€)",
        "market value (€)",
        "top suitor intensity",
        "is renewal talk",
        "headline",
        "source tier",
    ]
    assert shown.iloc[0].tolist() == ["25 Jan 2025", "—", "€24m", "€75m", "1.47", "yes", TABLE["headline"][0], "1"]
    assert shown.iloc[1].tolist() == ["—", "10 Apr 2025", "free", "—", "—", "no", "—", "—"]


def test_table_escapes_text_whole_and_shows_no_row_numbers():
    from analysis.report import notebook as report

    page = report.table(TABLE).data
    assert "&lt;b&gt;Madrid&lt;/b&gt;" in page and "<b>" not in page
    assert "and more " * 12 + "the end" in page, "headlines are not cut short"
    assert ">0</th>" not in page and ">1</th>" not in page, "no row numbers"
    vertical = report.table(TABLE.iloc[:1], vertical=True).data
    assert ">fee (€)</th>" in vertical and "<thead>" not in vertical, "field names down the side, no header row"
    assert report.table(TABLE.iloc[:0], empty="No contract on record.").data == "<p>No contract on record.</p>"


def test_table_puts_text_left_and_numbers_right():
    from analysis.report import tables

    page = tables.to_html(TABLE)
    header = page.split("<thead>")[1].split("</thead>")[0]
    aligned = {name: side for side, name in re.findall(r'<th [^>]*text-align:(\w+)"[^>]*>([^<]*)</th>', header)}
    assert aligned == {
        "reported on": "left",
        "recorded on": "left",
        "fee (€)": "right",
        "market value (€)": "right",
        "top suitor intensity": "right",
        "is renewal talk": "left",
        "headline": "left",
        "source tier": "right",
    }
    first_row = page.split("<tbody>")[1].split("</tr>")[0]
    assert '<td class="num" style="text-align:right">€24m</td>' in first_row
    assert '<td class="text" style="text-align:left">yes</td>' in first_row


def test_report_links_are_web_addresses_only_and_never_script():
    from analysis.report import tables

    frame = pd.DataFrame(
        {
            "headline": ["Thread", "Hostile", "Quoted", "Plain"],
            "link": [
                "https://www.transfermarkt.com/x/thread/forum/343/thread_id/1",
                "javascript:alert(1)",
                'https://example.com/" onmouseover="alert(1)',
                "see the forum",
            ],
        }
    )
    page = tables.to_html(frame)
    assert page.count("<a ") == 1
    assert (
        '<a href="https://www.transfermarkt.com/x/thread/forum/343/thread_id/1" target="_blank" '
        'rel="noopener noreferrer">transfermarkt.com</a>'
    ) in page
    assert "javascript:alert(1)" in page and 'href="javascript' not in page, "shown as text, never a link"
    assert "onmouseover=&quot;" in page and 'onmouseover="' not in page
    assert tables.web_link(" http://example.com/a ") == "http://example.com/a"
    assert tables.web_link("ftp://example.com") is None and tables.web_link(None) is None


def test_ages_are_whole_years_and_headers_read_as_words():
    """The trial's dossier said 'age years 33.85' and 'pre contract window start'."""
    frame = pd.DataFrame(
        {
            "age_years": [33.85, 25.99, None],
            "pre_contract_window_start": pd.to_datetime(["2025-01-01", None, "2026-01-01"]),
            "market_value_eur": [75e6, None, 1.5e6],
        }
    )
    shown = formatting.readable(frame)
    assert list(shown.columns) == ["age", "pre-contract window start", "market value (€)"]
    assert list(shown["age"]) == ["33", "25", "—"], "whole years, rounded down as ages are"


def test_a_csvs_age_keeps_one_decimal_rounded_down():
    ages = views.with_age_to_a_tenth(pd.DataFrame({"age_years": [33.85, 25.96, 30.0, None]}))["age_years"]
    assert ages.iloc[:3].tolist() == [33.8, 25.9, 30.0] and pd.isna(ages.iloc[3])
    assert views.with_age_to_a_tenth(pd.DataFrame({"player": ["x"]})).columns.tolist() == ["player"]


def test_a_bad_market_watch_since_is_named_since():
    import datetime as dt

    import pytest

    from analysis.errors import UserError
    from analysis.marts.market import check_since

    with pytest.raises(UserError, match=r"^since must be a date like 2025-01-25, got 'yesterday'$"):
        check_since("yesterday", dt.date(2025, 1, 25))
