"""Choosing what a chart draws: pure functions on hand-made frames."""

from __future__ import annotations

import pandas as pd

from analysis.report import formatting, views


def test_strongest_pairs_marks_every_row_of_the_pairs_with_the_highest_peaks():
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-01", "2025-01-02"] * 4),
            "player": ["A", "A", "A", "A", "B", "B", "B", "B"],
            "interested_club": [
                "Real Madrid",
                "Real Madrid",
                "Getafe",
                "Getafe",
                "Real Madrid",
                "Real Madrid",
                None,
                None,
            ],
            "intensity": [0.5, 3.0, 1.0, 1.0, 2.0, 0.1, 9.0, 0.0],
        }
    )
    marked = views._strongest_pairs(frame, 2)
    assert marked.drop(columns="shown_in_chart").equals(frame), "every row is kept for the CSV"
    # peaks 3.0 (A, Real Madrid) and 2.0 (B, Real Madrid); a pair naming no suitor is never drawn
    assert marked["shown_in_chart"].tolist() == [True, True, False, False, True, True, False, False]
    tie = frame.assign(intensity=1.0)  # equal peaks: first pairs by player, then club
    assert views._strongest_pairs(tie, 1)["shown_in_chart"].tolist() == [False, False, True, True] + [False] * 4
    assert views._strongest_pairs(frame.iloc[:0], 3)["shown_in_chart"].dtype == bool


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
    assert "<th>0</th>" not in page and "<th>1</th>" not in page
    vertical = report.table(TABLE.iloc[:1], vertical=True).data
    assert "<th>fee (€)</th>" in vertical and "<thead>" not in vertical, "field names down the side, no header row"
    assert report.table(TABLE.iloc[:0], empty="No contract on record.").data == "<p>No contract on record.</p>"
