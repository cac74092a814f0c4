"""Choosing what a chart draws: pure functions on hand-made frames."""

from __future__ import annotations

import pandas as pd

from analysis import views


def test_strongest_pairs_marks_every_row_of_the_pairs_with_the_highest_peaks():
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2025-01-01", "2025-01-02"] * 4),
        "player": ["A", "A", "A", "A", "B", "B", "B", "B"],
        "interested_club": ["Real Madrid", "Real Madrid", "Getafe", "Getafe", "Real Madrid", "Real Madrid",
                            None, None],
        "intensity": [0.5, 3.0, 1.0, 1.0, 2.0, 0.1, 9.0, 0.0],
    })
    marked = views._strongest_pairs(frame, 2)
    assert marked.drop(columns="shown_in_chart").equals(frame), "every row is kept for the CSV"
    # peaks 3.0 (A, Real Madrid) and 2.0 (B, Real Madrid); a pair naming no suitor is never drawn
    assert marked["shown_in_chart"].tolist() == [True, True, False, False, True, True, False, False]
    tie = frame.assign(intensity=1.0)  # equal peaks: first pairs by player, then club
    assert views._strongest_pairs(tie, 1)["shown_in_chart"].tolist() == [False, False, True, True] + [False] * 4
    assert views._strongest_pairs(frame.iloc[:0], 3)["shown_in_chart"].dtype == bool
