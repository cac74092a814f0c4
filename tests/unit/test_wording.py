"""analysis.wording: every count a report, chart or terminal line writes with its noun."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.wording import noun, plural


def test_plurals_follow_the_count():
    assert [plural(n, "notebook") for n in (0, 1, 2, 1200)] == [
        "0 notebooks",
        "1 notebook",
        "2 notebooks",
        "1,200 notebooks",
    ]


def test_an_irregular_plural_is_given():
    assert [plural(n, "child", "children") for n in (1, 3)] == ["1 child", "3 children"]
    assert plural(2, "contract record superseded", "contract records superseded") == "2 contract records superseded"


def test_a_count_ungrouped_reads_as_charts_write_counts():
    """Chart subtitles count as their hovers do (formatting.fmt_int): no thousands separator."""
    from analysis.report.formatting import fmt_int

    assert plural(1200, "renewal talk", grouped=False) == "1200 renewal talks"
    assert plural(1200, "renewal talk", grouped=False).split()[0] == fmt_int(1200)
    assert plural(1, "renewal talk", grouped=False) == "1 renewal talk"
    assert plural(1_234_567, "day") == "1,234,567 days", "grouped unless asked otherwise"


@pytest.mark.parametrize("count", [np.int64(1), np.int32(1)])
def test_numpy_counts_are_counts(count):
    """Counts from pandas and numpy (np.unique's, a sum of a mask) are worded as ints are."""
    assert plural(count, "invalid UTF-8 byte", grouped=False) == "1 invalid UTF-8 byte"
    assert plural(count * 2000, "row") == "2,000 rows"


def test_the_noun_alone_agrees_with_its_count():
    assert [noun(n, "one") for n in (1, 2)] == ["one", "ones"]
    assert [noun(n, "is", "are") for n in (0, 1, 5)] == ["are", "is", "are"]
