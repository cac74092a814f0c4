"""Freshness.warning: the times it compares read as different times."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.report.freshness import Freshness


def test_times_within_one_minute_are_written_to_the_second():
    built = dt.datetime(2025, 1, 22, 19, 22, 5, tzinfo=dt.UTC)
    same_minute = Freshness(Path("w.duckdb"), built, Path("raw"), newer=[("rumours/day.csv", built.replace(second=40))])
    assert "(built 2025-01-22 19:22:05 UTC) is older than its newest raw file rumours/day.csv (changed " in (
        same_minute.warning() or ""
    )
    assert "(changed 2025-01-22 19:22:40 UTC)" in (same_minute.warning() or "")
    later = Freshness(Path("w.duckdb"), built, Path("raw"), newer=[("rumours/day.csv", built + dt.timedelta(hours=2))])
    assert "(built 2025-01-22 19:22 UTC)" in (later.warning() or "") and "(changed 2025-01-22 21:22 UTC)" in (
        later.warning() or ""
    )
