"""Chart builders: the article's story (25 Jan 2025) drawn right, readable, and safe."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.report.charts import (
    STAGE_ORDER,
    STATUS_COLORS,
    club_color,
    expiry_cliff,
    expiry_timeline,
    intensity_heatmap,
    intensity_over_time,
    joined_steps,
    pursuit_ladder,
)
from analysis.report.export import to_html
from analysis.report.formatting import fmt_fee

AS_OF = "2025-01-25"
AS_OF_TEXT = "as of 25 Jan 2025"
TAA = "Trent Alexander-Arnold"
KONATE = "Ibrahima Konaté"
RM = "Real Madrid"
INTENSITY_AXIS = "Interest intensity"
HOSTILE_HEADLINE = "<script>alert(1)</script>"
HOSTILE_CLUB = "<img src=x onerror=alert(1)>"

EVENT_COLUMNS = [
    "reported_on",
    "player",
    "interested_club",
    "player_club",
    "source",
    "source_tier",
    "via",
    "relays",
    "stage",
    "stage_order",
    "fee_eur",
    "headline",
    "url",
    "weight",
    "is_renewal_talk",
    "direction",
]


def _events(rows: list[tuple]) -> pd.DataFrame:
    """rows: (date, player, club, source, tier, via, stage, fee, headline, renewal)."""
    frame = pd.DataFrame(
        [
            {
                "reported_on": pd.Timestamp(d),
                "player": p,
                "interested_club": c,
                "player_club": "Liverpool",
                "source": s,
                "source_tier": t,
                "via": v,
                "relays": 0 if v is None else 1,
                "stage": st,
                "stage_order": None if st is None else STAGE_ORDER.index(st) + 1,
                "fee_eur": f,
                "headline": h,
                "url": "https://example.com/x",
                "weight": 1.0,
                "is_renewal_talk": r,
                "direction": None if r else "chased",
            }
            for d, p, c, s, t, v, st, f, h, r in rows
        ],
        columns=EVENT_COLUMNS,
    )
    return frame.astype(
        {
            "reported_on": "datetime64[ns]",
            "source_tier": "Int64",
            "stage_order": "Int64",
            "fee_eur": "float64",
            "relays": "int64",
            "weight": "float64",
            "is_renewal_talk": "bool",
        }
    )


@pytest.fixture
def story() -> pd.DataFrame:
    """Real Madrid's pursuit of Alexander-Arnold, Konaté, and Liverpool's own renewal talks."""
    return _events(
        [
            (
                "2024-12-31",
                TAA,
                RM,
                "The Athletic",
                1,
                None,
                "approach",
                None,
                "Real Madrid make approach for Trent",
                False,
            ),
            (
                "2024-12-31",
                TAA,
                RM,
                "The Athletic",
                1,
                None,
                "bid_rejected",
                None,
                "Liverpool reject Real Madrid",
                False,
            ),
            ("2025-01-01", TAA, RM, "Daily Mail", 2, None, "bid", 24e6, "Madrid prepared to pay £20m", False),
            ("2025-01-10", TAA, RM, "AS", 2, None, "interest", None, "Madrid to return in summer", False),
            (
                "2025-01-25",
                TAA,
                RM,
                "Marca",
                2,
                "Liverpool.com",
                "ruled_out",
                None,
                "Real Madrid 'accept' decision",
                False,
            ),
            (
                "2025-01-20",
                TAA,
                "Liverpool",
                "Liverpool Echo",
                3,
                None,
                "negotiating",
                None,
                "Talks over new deal",
                True,
            ),
            (
                "2025-01-24",
                KONATE,
                RM,
                "CaughtOffside",
                4,
                None,
                "interest",
                None,
                "Real Madrid circling Konaté",
                False,
            ),
        ]
    )


def _daily(player: str, club: str, start: str, values: list[float], reports: list[int]) -> pd.DataFrame:
    dates = pd.date_range(start, periods=len(values), freq="D")
    return pd.DataFrame(
        {
            "date": dates,
            "player": player,
            "interested_club": club,
            "player_club": "Liverpool",
            "direction": "chased",
            "intensity": values,
            "reports_to_date": reports,
        }
    )


@pytest.fixture
def intensity() -> pd.DataFrame:
    """Daily series up to the as-of day, plus one day after it that must not be drawn."""
    n = 27  # 31 Dec .. 26 Jan
    taa = _daily(TAA, RM, "2024-12-31", [round(5.0 * 0.95**i, 4) for i in range(n)], [2] + [3] * 9 + [4] * 15 + [5] * 2)
    kon = _daily(KONATE, RM, "2025-01-24", [1.0, 0.95, 0.9], [1, 1, 1])
    return pd.concat([taa, kon], ignore_index=True).astype({"player": "str", "interested_club": "str"})


@pytest.fixture
def contracts() -> pd.DataFrame:
    as_of = pd.Timestamp(AS_OF)
    rows = [
        (TAA, "DF", "1998-10-07", "2025-06-30", "pre-contract window", 75e6, RM, 3.2, 2, "2025-01-20"),
        ("Mohamed Salah", "FW", "1992-06-15", "2025-06-30", "pre-contract window", 55e6, None, None, 1, None),
        ("Virgil van Dijk", "DF", "1991-07-08", "2025-06-30", "pre-contract window", 28e6, None, None, 0, None),
        (KONATE, "DF", "1999-05-25", "2026-06-30", "final year", 50e6, RM, 0.9, 1, "2025-01-10"),
        ("Joe Gomez", "DF", "1997-05-23", "2027-06-30", "secure", 20e6, None, None, 0, None),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "player",
            "position",
            "date_of_birth",
            "contract_expires",
            "expiry_status",
            "market_value_eur",
            "top_suitor",
            "top_suitor_intensity",
            "renewal_talks",
            "last_renewal_talk_on",
        ],
    )
    expires = pd.to_datetime(frame["contract_expires"])
    return frame.assign(
        club="Liverpool",
        date_of_birth=pd.to_datetime(frame["date_of_birth"]),
        age_years=(as_of - pd.to_datetime(frame["date_of_birth"])).dt.days / 365.25,
        contract_expires=expires,
        recorded_on=pd.Timestamp("2024-07-01"),
        days_remaining=(expires - as_of).dt.days,
        pre_contract_window_start=expires + pd.Timedelta(days=1) - pd.DateOffset(months=6),  # 30 Jun -> 1 Jan
        final_year_start=expires + pd.Timedelta(days=1) - pd.DateOffset(years=1),
        option_until=pd.NaT,
        last_renewal_talk_on=pd.to_datetime(frame["last_renewal_talk_on"]),
    )


@pytest.fixture
def cliff() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "window": ["summer 2025", "summer 2026", "summer 2027"],
            "window_start": pd.to_datetime(["2025-07-01", "2026-07-01", "2027-07-01"]),
            "contracts": [3, 1, 1],
            "market_value_eur": [158e6, 50e6, 20e6],
            "players": [f"{TAA}, Mohamed Salah, Virgil van Dijk", KONATE, "Joe Gomez"],
        }
    )


def _named(fig: go.Figure, name: str):
    (trace,) = [t for t in fig.data if t.name == name]
    return trace


def _dates(values) -> list[pd.Timestamp]:
    return [pd.Timestamp(v) for v in values]


def _annotations(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def _assert_report_hover(trace, *fields: str) -> None:
    """A report point's hover names every report field and shows the given values."""
    template = trace.hovertemplate
    for label in ("Date:", "Outlet:", "(%{customdata[2]})", "Via:", "Stage:", "Fee:", "Headline:"):
        assert label in template
    assert all(row[2] == "not in outlets.csv" or row[2].startswith("tier ") for row in trace.customdata)
    rendered = [str(cell) for row in trace.customdata for cell in row]
    for field in fields:
        assert field in rendered, field


# ---------------------------------------------------------------------------------------------
# Shared conventions


def test_stage_order_and_status_colours_are_fixed():
    assert STAGE_ORDER == [
        "monitoring",
        "interest",
        "approach",
        "bid",
        "bid_rejected",
        "negotiating",
        "agreed",
        "completed",
        "ruled_out",
        "denied",
    ]
    assert list(STATUS_COLORS) == ["expired", "pre-contract window", "final year", "secure"]
    assert len(set(STATUS_COLORS.values())) == 4


def test_club_color_is_stable_and_ignores_case_and_spaces():
    assert club_color(RM) == club_color(" real  madrid ")
    assert club_color(RM).startswith("#")
    assert club_color(pd.NA) == club_color("")
    # fixed values: a club's colour must not change between runs (no salted hash())
    assert (club_color(RM), club_color("Liverpool")) == ("#11a579", "#620042")


# ---------------------------------------------------------------------------------------------
# intensity_over_time


def test_intensity_over_time_draws_suitor_lines_and_reports(intensity, story):
    before = (intensity.copy(), story.copy())
    fig = intensity_over_time(intensity, story, subject="Liverpool", as_of=AS_OF)
    pd.testing.assert_frame_equal(intensity, before[0])
    pd.testing.assert_frame_equal(story, before[1])

    assert "Liverpool" in fig.layout.title.text and AS_OF_TEXT in fig.layout.title.text
    assert fig.layout.yaxis.title.text == INTENSITY_AXIS
    assert fig.layout.xaxis.title.text == "Date"

    lines = [t for t in fig.data if t.mode == "lines"]
    assert [t.name for t in lines] == [f"{RM} → {TAA}", f"{RM} → {KONATE}"]  # hottest first
    taa_line = lines[0]
    assert _dates(taa_line.x)[0] == pd.Timestamp("2024-12-31")
    assert _dates(taa_line.x)[-1] == pd.Timestamp(AS_OF)  # the 26 Jan value is not drawn
    assert taa_line.y[0] == pytest.approx(5.0)
    # a colour of its own per line: the strongest keeps its suitor's colour, the next takes another
    assert lines[0].line.color == club_color(RM)
    assert len({t.line.color for t in lines}) == len(lines)
    assert fig.layout.legend.title.text == "Pursuit (interested club → player)"

    markers = _named(fig, f"{RM} → {TAA}: reports")
    assert markers.legendgroup == taa_line.legendgroup  # one legend entry toggles the line and its reports
    assert markers.marker.color == taa_line.line.color
    assert len({t.legendgroup for t in lines}) == len(lines)
    assert [d.ceil("D") for d in _dates(markers.x)] == _dates(
        ["2024-12-31", "2024-12-31", "2025-01-01", "2025-01-10", "2025-01-25"]
    )  # the renewal talk (own club) is not a suitor's report
    assert len(set(_dates(markers.x))) == 5  # same-day reports stay separately hoverable
    assert max(_dates(markers.x)) == pd.Timestamp(AS_OF), "no report is drawn past the as-of line"
    assert markers.y[0] == pytest.approx(5.0)  # on the line
    assert markers.y[-1] == pytest.approx(taa_line.y[-1])
    assert list(markers.marker.symbol[:2]) == ["diamond", "square-x-open"]
    _assert_report_hover(
        markers, "25 Jan 2025", "Marca", "tier 2", "Liverpool.com", "ruled out", "€24m", "Real Madrid 'accept' decision"
    )  # quotes as written: plotly decodes no &quot;
    assert "Interest intensity: %{y:.2f}" in markers.hovertemplate

    stage_legend = [t.name for t in fig.data if t.legend == "legend2"]
    assert stage_legend == ["interest", "approach", "bid", "bid rejected", "ruled out"]
    assert any(s.type == "line" and pd.Timestamp(s.x0) == pd.Timestamp(AS_OF) for s in fig.layout.shapes)


def test_fees_show_euros_with_the_amount_as_reported():
    assert fmt_fee(24e6, "£20 million") == "€24m (reported as £20 million)"
    assert fmt_fee(24e6, "€24m") == fmt_fee(24e6, "24,000,000") == fmt_fee(24e6) == "€24m"
    assert fmt_fee(0.0, "free") == "free"
    assert fmt_fee(None, "undisclosed") == "undisclosed"
    assert fmt_fee(None, None) == "—"
    assert fmt_fee(None, "<b>lots</b>") == "&lt;b&gt;lots&lt;/b&gt;"


def test_report_hover_carries_the_fee_as_reported(story):
    reported = story.assign(
        fee_as_written=[None, None, "£20 million", None, "free", None, None],
        fee_eur=[None, None, 24e6, None, 0.0, None, None],
    )
    fig = pursuit_ladder(reported, player=TAA, as_of=AS_OF)
    fees = [row[5] for trace in fig.data if trace.customdata is not None for row in trace.customdata]
    assert "€24m (reported as £20 million)" in fees and "free" in fees


def test_reports_before_the_drawn_lookback_are_not_put_at_zero(intensity, story):
    later = intensity.loc[intensity["date"] >= pd.Timestamp("2025-01-05")]  # lookback starts 5 Jan
    fig = intensity_over_time(later, story, subject="Liverpool", as_of=AS_OF)
    markers = _named(fig, f"{RM} → {TAA}: reports")
    assert [d.ceil("D") for d in _dates(markers.x)] == _dates(["2025-01-10", "2025-01-25"])
    assert min(markers.y) > 0, "every marker sits on its line"


def test_a_story_of_one_day_gets_a_readable_date_axis(intensity, story):
    one_day = intensity.loc[intensity["date"] == pd.Timestamp("2025-01-24")]
    for fig in (
        intensity_over_time(one_day, story, subject=KONATE, as_of="2025-01-24"),
        pursuit_ladder(story.iloc[-1:], player=KONATE, as_of=AS_OF),
    ):
        low, high = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
        assert high - low >= pd.Timedelta(days=30), (low, high)
    long = intensity_over_time(intensity, story, subject="Liverpool", as_of="2025-02-15")  # 31 Dec .. 15 Feb
    low, high = (pd.Timestamp(v) for v in long.layout.xaxis.range)
    assert low < pd.Timestamp("2024-12-31") and high > pd.Timestamp("2025-02-15"), "all of it, the as-of line inside"


def test_intensity_over_time_by_player_sums_suitors(intensity, story):
    extra = _daily(TAA, "Paris Saint-Germain", "2025-01-20", [1.0] * 6, [1] * 6)
    both = pd.concat([intensity, extra], ignore_index=True)
    fig = intensity_over_time(both, story, subject="Liverpool", as_of=AS_OF, by="player")
    lines = [t for t in fig.data if t.mode == "lines"]
    assert [t.name for t in lines] == [TAA, KONATE]
    taa = lines[0]
    on_as_of = dict(zip(_dates(taa.x), taa.y))[pd.Timestamp(AS_OF)]
    assert on_as_of == pytest.approx(5.0 * 0.95**25 + 1.0, abs=1e-3)
    assert taa.line.color == club_color(TAA)


def test_intensity_over_time_one_player_names_lines_by_suitor(intensity, story):
    only_taa = intensity.loc[intensity["player"] == TAA]
    fig = intensity_over_time(only_taa, story, subject=TAA, as_of=AS_OF)
    assert [t.name for t in fig.data if t.mode == "lines"] == [RM]


def test_intensity_over_time_without_events_still_draws_lines(intensity):
    fig = intensity_over_time(intensity, None, subject="Liverpool", as_of=AS_OF)
    assert [t.mode for t in fig.data] == ["lines", "lines"]


def test_intensity_over_time_rejects_unknown_by(intensity, story):
    with pytest.raises(ValueError, match="by must be"):
        intensity_over_time(intensity, story, subject="Liverpool", as_of=AS_OF, by="club")


# ---------------------------------------------------------------------------------------------
# intensity_heatmap


def test_heatmap_takes_each_pairs_value_on_the_as_of_day(intensity):
    before = intensity.copy()
    fig = intensity_heatmap(intensity, subject="Liverpool", as_of=AS_OF)
    pd.testing.assert_frame_equal(intensity, before)
    (heat,) = fig.data
    assert list(heat.y) == [TAA, KONATE]  # hottest player first
    assert list(heat.x) == [RM]
    assert heat.z[0][0] == pytest.approx(5.0 * 0.95**25, abs=1e-3)
    assert heat.z[1][0] == pytest.approx(0.95)  # 25 Jan, not the 26 Jan value
    assert heat.customdata[1][0][:3] == [KONATE, RM, "25 Jan 2025"]
    assert "%{customdata[0]}" in heat.hovertemplate and "%{customdata[1]}" in heat.hovertemplate
    assert "%{z:.2f}" in heat.hovertemplate
    assert INTENSITY_AXIS in heat.hovertemplate
    assert "Liverpool" in fig.layout.title.text and AS_OF_TEXT in fig.layout.title.text
    assert "decayed" in heat.colorbar.title.text
    assert (heat.zmin, heat.zmax) == (0, pytest.approx(5.0 * 0.95**25, abs=1e-3))  # pale means little


def test_heatmap_leaves_pairs_without_reports_blank(intensity):
    extra = _daily(KONATE, "Paris Saint-Germain", "2025-01-20", [2.0] * 6, [1] * 6)
    fig = intensity_heatmap(pd.concat([intensity, extra], ignore_index=True), subject="Liverpool", as_of=AS_OF)
    (heat,) = fig.data
    assert list(heat.y) == [KONATE, TAA]  # PSG's 2.0 for Konaté is the strongest pursuit on the day
    assert list(heat.x) == ["Paris Saint-Germain", RM]
    assert heat.z[1][0] is None and heat.text[1][0] == ""  # nobody reported PSG for Alexander-Arnold
    assert heat.z[0][0] == pytest.approx(2.0)


def test_heatmap_leaves_pairs_below_the_floor_blank_not_zero(intensity):
    quiet = _daily(KONATE, "Paris Saint-Germain", "2025-01-20", [1e-13] * 6, [1] * 6)
    fig = intensity_heatmap(
        pd.concat([intensity, quiet], ignore_index=True), subject="Liverpool", as_of=AS_OF, floor=0.01
    )
    (heat,) = fig.data
    assert "Paris Saint-Germain" not in list(heat.x), "a chase gone quiet is not drawn"
    assert "0.00" not in [t for row in heat.text for t in row]
    assert "below 0.01" in fig.layout.title.subtitle.text
    gone = intensity_heatmap(quiet, subject="Liverpool", as_of=AS_OF, floor=0.01)
    assert not gone.data and any("No pursuit above 0.01" in a for a in _annotations(gone))


# ---------------------------------------------------------------------------------------------
# expiry_timeline


def test_expiry_timeline_bars_by_status(contracts):
    before = contracts.copy()
    fig = expiry_timeline(contracts, subject="Liverpool", as_of=AS_OF)
    pd.testing.assert_frame_equal(contracts, before)
    assert "Liverpool" in fig.layout.title.text and AS_OF_TEXT in fig.layout.title.text
    assert fig.layout.xaxis.title.text == "Date"
    assert list(fig.layout.yaxis.categoryarray) == [
        "Mohamed Salah",
        TAA,
        "Virgil van Dijk",
        KONATE,
        "Joe Gomez",  # by contract_expires, then name
    ]

    bars = [t for t in fig.data if t.type == "bar" and t.name in STATUS_COLORS]
    assert [t.name for t in bars] == ["pre-contract window", "final year", "secure"]
    for bar in bars:
        assert bar.marker.color == STATUS_COLORS[bar.name]
        assert bar.orientation == "h"
    red = bars[0]
    assert list(red.y) == ["Mohamed Salah", TAA, "Virgil van Dijk"]
    assert all(pd.Timestamp(b) == pd.Timestamp(AS_OF) for b in red.base)
    assert red.x[1] == pytest.approx(156 * 86_400_000)  # ends on 30 Jun 2025
    for label in ("Contract expires", "days remaining", "Status", "Market value (€m)", "Top suitor", "age"):
        assert label in red.hovertemplate
    assert list(red.customdata[1][:9]) == [
        TAA,
        "DF",
        "26",
        "30 Jun 2025",
        "156",
        "pre-contract window",
        "€75m",
        RM,
        "3.20",
    ]

    hatched = _named(fig, "last 6 months (hatched)")
    assert hatched.legendgroup == "mark:hatched" and hatched.legendgrouptitle.text == "Also marked", (
        "a mark under its own heading, not a status: the legend names each status once"
    )
    assert hatched.marker.pattern.shape == "/"
    # the window has opened for the three June 2025 expiries: hatched from the as-of date;
    # Konaté's opens on 1 Jan 2026
    starts = dict(zip(hatched.y, _dates(hatched.base)))
    assert starts[TAA] == pd.Timestamp(AS_OF)
    assert starts[KONATE] == pd.Timestamp("2026-01-01")

    talks = _named(fig, "last renewal talks (own club)")
    assert dict(zip(talks.y, _dates(talks.x))) == {
        TAA: pd.Timestamp("2025-01-20"),
        KONATE: pd.Timestamp("2025-01-10"),
    }


def test_expiry_timeline_marks_every_renewal_talk_and_expired_contracts(contracts, story):
    expired = contracts.iloc[[0]].assign(
        player="Old Boy",
        contract_expires=pd.Timestamp("2024-06-30"),
        expiry_status="expired",
        days_remaining=-209,
    )
    frame = pd.concat([contracts, expired], ignore_index=True)
    fig = expiry_timeline(frame, subject="Liverpool", as_of=AS_OF, renewal_talks=story)
    gone = _named(fig, "expired")
    assert gone.type == "scatter" and list(gone.y) == ["Old Boy"]
    assert _dates(gone.x) == [pd.Timestamp("2024-06-30")]
    assert gone.marker.color == STATUS_COLORS["expired"]
    assert fig.layout.yaxis.categoryarray[0] == "Old Boy"

    talks = _named(fig, "renewal talks (own club)")
    assert list(talks.y) == [TAA] and _dates(talks.x) == [pd.Timestamp("2025-01-20")]
    _assert_report_hover(talks, "Liverpool Echo", "negotiating", "Talks over new deal")


def test_a_future_as_of_date_keeps_the_bars_readable(contracts, story):
    """As of 1 Jun 2027, renewal talks from January 2025 must not stretch the axis over two years
    and squash a month-long bar: the axis spans the bars (and a little of the past); older talks
    are counted in the subtitle, not drawn."""
    later = contracts.iloc[[0, 4]].assign(  # Alexander-Arnold renewed to June 2027, Gomez's runs to then
        contract_expires=pd.Timestamp("2027-06-30"), expiry_status="pre-contract window", days_remaining=29
    )
    fig = expiry_timeline(later, subject="Liverpool", as_of="2027-06-01", renewal_talks=story)
    start, end = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert pd.Timestamp("2027-04-20") < start < pd.Timestamp("2027-06-01") and end > pd.Timestamp("2027-06-30")
    bar = _named(fig, "pre-contract window")
    assert bar.x[0] / 86_400_000 / ((end - start) / pd.Timedelta(days=1)) > 0.3, "the bars fill a good part of it"
    assert "1 renewal talk before" in fig.layout.title.subtitle.text, "his talk of 20 Jan 2025, said"
    assert not [t for t in fig.data if t.name and "renewal talks" in t.name], "not drawn"
    now = expiry_timeline(contracts, subject="Liverpool", as_of=AS_OF, renewal_talks=story)
    start, end = (pd.Timestamp(v) for v in now.layout.xaxis.range)
    assert start < pd.Timestamp("2025-01-10") and end > pd.Timestamp("2027-06-30"), "recent talks and every bar"
    assert "not drawn" not in now.layout.title.subtitle.text


def test_an_empty_lookback_says_its_reports_are_older_not_absent():
    """The trial's Liverpool as of 1 Jun 2027: reports on record, all from 2025, none in the lookback."""
    empty = pd.DataFrame(columns=["date", "player", "interested_club", "intensity", "reports_to_date"])

    def note(**kwargs) -> str:
        fig = intensity_over_time(empty, None, subject="Liverpool", as_of="2027-06-01", **kwargs)
        return fig.layout.annotations[-1].text

    since = pd.Timestamp("2026-12-03")
    older = note(since=since, latest_report="2025-01-25", latest_interest="2025-01-25")
    assert older == (
        "No reports in the 180 days up to 1 Jun 2027 (the lookback);<br>the latest, on 25 Jan 2025, is older "
        "(a longer lookback_days draws it)"
    )
    talks = note(since=since, latest_report="2025-01-25", latest_interest=None)
    assert talks.endswith("is older (a renewal talk, which never counts)")
    talks_after_interest = note(since=since, latest_report="2025-03-01", latest_interest="2025-01-25")
    assert talks_after_interest.endswith(
        "the latest outside report, on 25 Jan 2025, is older (a longer lookback_days draws it)"
    ), "a later renewal talk is never what a longer lookback draws"
    recent_talks = note(since=since, latest_report="2027-05-01", latest_interest=None)
    assert recent_talks.startswith("No outside interest in the 180 days up to 1 Jun 2027")
    assert note() == note(since=since) == "No reports up to 1 Jun 2027", "nothing on record at all"


# ---------------------------------------------------------------------------------------------
# expiry_cliff


def test_expiry_cliff_counts_and_value_per_window(cliff):
    before = cliff.copy()
    fig = expiry_cliff(cliff, subject="Liverpool", as_of=AS_OF)
    pd.testing.assert_frame_equal(cliff, before)
    count, value = fig.data
    assert list(count.x) == list(value.x) == ["summer 2025", "summer 2026", "summer 2027"]
    assert list(count.y) == [3, 1, 1]
    assert list(value.y) == pytest.approx([158, 50, 20])
    assert fig.layout.yaxis.title.text == "Contracts expiring (players)"
    assert fig.layout.yaxis2.title.text == "Market value (€m)"
    assert "Players: %{customdata[4]}" in count.hovertemplate
    assert f"{TAA}, Mohamed Salah, Virgil van Dijk" in count.customdata[0][4]
    assert count.customdata[0][2] == "€158m"
    assert "Liverpool" in fig.layout.title.text and AS_OF_TEXT in fig.layout.title.text


# ---------------------------------------------------------------------------------------------
# pursuit_ladder


def test_pursuit_ladder_tells_the_articles_story(story):
    history = story.loc[story["player"] == TAA]
    before = history.copy()
    fig = pursuit_ladder(history, player=TAA, as_of=AS_OF)
    pd.testing.assert_frame_equal(history, before)
    assert TAA in fig.layout.title.text and AS_OF_TEXT in fig.layout.title.text
    assert fig.layout.xaxis.title.text == "Date"
    assert list(fig.layout.yaxis.categoryarray) == STAGE_ORDER
    assert list(fig.layout.yaxis.range) == [-0.5, 9.5]  # all ten stages shown

    assert [t.name for t in fig.data] == [RM, "Liverpool: renewal talks (own club)"]
    madrid, renewal = fig.data
    assert list(madrid.y) == ["approach", "bid_rejected", "bid", "interest", "ruled_out"]
    assert _dates(madrid.x) == _dates(["2024-12-31", "2024-12-31", "2025-01-01", "2025-01-10", "2025-01-25"])
    assert madrid.line.shape == "hv" and madrid.line.color == club_color(RM)
    _assert_report_hover(
        madrid,
        "1 Jan 2025",
        "Daily Mail",
        "€24m",
        "bid",
        "Madrid prepared to pay £20m",
        "Liverpool.com",
        "ruled out",
        "Marca",
    )
    assert renewal.line.dash == "dash" and list(renewal.y) == ["negotiating"]


def test_a_ladder_finds_its_player_in_a_frame_of_several_as_the_helpers_do(story):
    """Trial 3: 'trent alexander-arnold' (or a typo) drew an empty ladder saying 'No reports' from a
    frame that holds his reports. Case and accents are ignored, the title names him as the frame
    does, and a name the frame does not hold is an error naming the closest it does."""
    assert story["player"].nunique() > 1
    typed = pursuit_ladder(story, player="trent alexander-arnold", as_of=AS_OF)
    exact = pursuit_ladder(story, player=TAA, as_of=AS_OF)
    assert typed.layout.title.text == exact.layout.title.text and TAA in typed.layout.title.text
    assert [t.name for t in typed.data] == [t.name for t in exact.data] and len(typed.data) >= 2
    with pytest.raises(
        ValueError,
        match=r"no reports of 'Trent Alexandr-Arnold' in this frame of \d+ players; "
        r"the closest: Trent Alexander-Arnold",
    ):
        pursuit_ladder(story, player="Trent Alexandr-Arnold", as_of=AS_OF)


def test_pursuit_ladder_skips_reports_after_as_of_and_puts_stageless_ones_at_interest(story):
    later = _events(
        [
            ("2025-02-01", TAA, RM, "AS", 2, None, "bid", 30e6, "New bid", False),
            ("2025-01-15", TAA, RM, "AS", 2, None, None, None, "Something happened", False),
        ]
    )
    fig = pursuit_ladder(pd.concat([story, later], ignore_index=True), player=TAA, as_of=AS_OF)
    madrid = _named(fig, RM)
    assert len(madrid.y) == 6  # the story and the stageless report; not Konaté's, not February's bid
    at = [d.normalize() for d in _dates(madrid.x)].index(pd.Timestamp("2025-01-15"))
    assert madrid.y[at] == "interest" and madrid.marker.symbol[at] == "circle", "no stage means interest (README)"
    assert madrid.customdata[at][4] == "interest (no stage given)", "and its hover says so"


def test_a_report_without_a_stage_reads_as_interest_in_the_intensity_legend(intensity, story):
    stageless = story.assign(stage=None)
    fig = intensity_over_time(intensity, stageless, subject="Liverpool", as_of=AS_OF)
    assert [t.name for t in fig.data if t.legend == "legend2"] == ["interest (or no stage given)"]
    markers = _named(fig, f"{RM} → {TAA}: reports")
    assert set(markers.marker.symbol) == {"circle"}


def test_a_ladders_same_day_steps_follow_the_file_not_the_stage_order():
    """The article's 25 January: 'ruled out' (line 6) then renewed interest (line 7). The ladder
    ends on the day's last report; rows arriving in another order are put back in file order, and
    frames without file lines fall back on stage order (an approach before its rejection)."""
    rows = [
        ("2025-01-10", TAA, RM, "AS", 2, None, "interest", None, "h", False),
        ("2025-01-25", TAA, RM, "Marca", 1, None, "interest", None, "free in the summer", False),
        ("2025-01-25", TAA, RM, "Marca", 1, None, "ruled_out", None, "no second offer", False),
    ]
    lines = _events(rows).assign(source_file="rumours/article_2025-01-25.csv", line_number=[5, 7, 6])
    for frame in (lines, lines.iloc[::-1]):
        assert list(pursuit_ladder(frame, player=TAA, as_of=AS_OF).data[0].y) == ["interest", "ruled_out", "interest"]
    # a report with a time of day sorts by it before the file line
    timed = lines.assign(reported_at=pd.to_datetime(["2025-01-10 00:00", "2025-01-25 18:00", "2025-01-25 09:00"]))
    assert list(pursuit_ladder(timed, player=TAA, as_of=AS_OF).data[0].y) == ["interest", "ruled_out", "interest"]
    timed = timed.assign(reported_at=pd.to_datetime(["2025-01-10 00:00", "2025-01-25 09:00", "2025-01-25 18:00"]))
    assert list(pursuit_ladder(timed, player=TAA, as_of=AS_OF).data[0].y) == ["interest", "interest", "ruled_out"]
    unlined = pursuit_ladder(_events(rows), player=TAA, as_of=AS_OF)
    assert list(unlined.data[0].y) == ["interest", "interest", "ruled_out"], "no lines: stage order"


def test_a_completed_pursuit_ends_the_ladder_on_completed_named_and_escaped(story):
    """marts.completed_pursuits as the ladder reads it: the club's line ends the day he joined, on
    the completed rung, its hover naming the record; a club named like markup stays text."""
    history = story.loc[story["player"] == TAA]
    completed = pd.DataFrame(
        {
            "player": [TAA, TAA],
            "interested_club": [RM, HOSTILE_CLUB],
            "joined_on": pd.to_datetime(["2025-02-01", "2025-03-01"]),  # the second after the as-of day
            "joined_evidence": ["transfers", "contracts"],
            "source_file": ["transfers/t.csv", "contracts/c.csv"],
            "line_number": [2, 3],
        }
    )
    fig = pursuit_ladder(history, player=TAA, as_of="2025-02-15", completed=completed)
    madrid = _named(fig, f"{RM} (joined 1 Feb 2025)")
    assert list(madrid.y)[-1] == "completed" and madrid.marker.symbol[-1] == "hexagram"
    assert [d.normalize() for d in _dates(madrid.x)][-1] == pd.Timestamp("2025-02-01")
    assert list(madrid.customdata[-1][[1, 4, 6]]) == ["transfer record", "completed", f"{TAA} joined {RM}"]
    assert not any(HOSTILE_CLUB in t.name or "(joined 1 Mar" in t.name for t in fig.data), "not known on the day"
    later = pursuit_ladder(history, player=TAA, as_of="2025-03-02", completed=completed)
    assert all("<img" not in t.name for t in later.data)
    assert [t.name for t in later.data if t.name.startswith("&lt;img")] == [
        f"{html.escape(HOSTILE_CLUB, quote=False)} (joined 1 Mar 2025)"
    ]
    assert pursuit_ladder(history, player=TAA, as_of=AS_OF).data[0].name == RM, "no completions: as before"


def test_the_ladder_draws_the_same_from_its_joined_steps_as_from_the_completions(story):
    """views makes the steps once, draws them and lists them in the data: the chart given those
    steps is the chart given the completions; given both, it cannot tell which to believe."""
    history = story.loc[story["player"] == TAA]
    completed = pd.DataFrame(
        {
            "player": [TAA],
            "interested_club": [RM],
            "joined_on": pd.to_datetime(["2025-02-01"]),
            "joined_evidence": ["transfers"],
            "source_file": ["transfers/t.csv"],
            "line_number": [2],
        }
    )
    day = pd.Timestamp("2025-02-15")
    steps = joined_steps(completed, day)
    assert len(steps) == 1
    from_completed = pursuit_ladder(history, player=TAA, as_of=day, completed=completed)
    from_steps = pursuit_ladder(history, player=TAA, as_of=day, steps=steps)
    assert from_steps.to_json() == from_completed.to_json()
    assert _named(from_steps, f"{RM} (joined 1 Feb 2025)").y[-1] == "completed"
    with pytest.raises(ValueError, match="not both"):
        pursuit_ladder(history, player=TAA, as_of=day, completed=completed, steps=steps)


def test_a_pursuit_taken_up_again_after_the_join_goes_on_unnamed(story):
    """He joined Real Madrid on loan on 12 Jan 2025, went back, and Madrid reported in again on 25
    Jan (chase_resumed_on): the join is a step on the way, the line goes on and is not "(joined)"."""
    history = story.loc[story["player"] == TAA]
    completed = pd.DataFrame(
        {
            "player": [TAA],
            "interested_club": [RM],
            "joined_on": pd.to_datetime(["2025-01-12"]),
            "joined_evidence": ["transfers"],
            "source_file": ["transfers/t.csv"],
            "line_number": [2],
            "chase_resumed_on": pd.to_datetime(["2025-01-25"]),
        }
    )
    fig = pursuit_ladder(history, player=TAA, as_of=AS_OF, completed=completed)
    madrid = _named(fig, RM)
    assert not any("(joined" in t.name for t in fig.data)
    steps = list(zip([d.normalize() for d in _dates(madrid.x)], madrid.y))
    assert (pd.Timestamp("2025-01-12"), "completed") in steps
    assert steps[-1][0] == pd.Timestamp("2025-01-25") and steps[-1][1] != "completed", "the new chase is last"


def test_a_completed_pursuits_intensity_line_ends_the_day_he_joined_and_says_so(intensity, story):
    """The mart's series runs to the as-of date (SPEC 7) with joined_on as a flag: the chart alone
    stops the line there."""
    joined = intensity.assign(joined_on=pd.NaT)
    taa = joined["player"] == TAA
    joined.loc[taa, "joined_on"] = pd.Timestamp("2025-01-20")
    assert joined.loc[taa, "date"].max() > pd.Timestamp("2025-01-20"), "the data goes on past the join"
    fig = intensity_over_time(joined, story, subject="Liverpool", as_of=AS_OF)
    line = _named(fig, f"{RM} → {TAA} (joined 20 Jan 2025)")
    assert max(_dates(line.x)) == pd.Timestamp("2025-01-20")
    kept = joined.loc[taa & (joined["date"] <= pd.Timestamp("2025-01-20"))].sort_values("date")
    assert list(line.y) == pytest.approx(list(kept["intensity"])), "the values drawn are the mart's"
    marker = _named(fig, f"{RM} → {TAA} (joined 20 Jan 2025): joined")
    assert marker.marker.symbol == "hexagram" and marker.y[0] == pytest.approx(line.y[-1])
    assert list(marker.customdata[0]) == [TAA, RM, "20 Jan 2025"]
    assert _named(fig, f"{RM} → {KONATE}").name, "a chase still going is drawn as before"
    assert "completed" in [t.name for t in fig.data if t.legend == "legend2"], "the stage key explains the marker"


def test_every_suitor_on_a_ladder_has_its_own_colour():
    """The trial's Bastien Tamides: Juniperwick FC and Northbridge Rovers hash to one colour; the
    club that got further keeps it, the other takes a free one."""
    assert club_color("Juniperwick FC") == club_color("Northbridge Rovers"), "the clash this test is about"
    rows = [
        ("2025-01-05", "Bastien Tamides", "Northbridge Rovers", "Radar", 2, None, "interest", None, "h", False),
        ("2025-01-10", "Bastien Tamides", "Juniperwick FC", "Radar", 2, None, "bid", None, "h", False),
        ("2025-01-12", "Bastien Tamides", "Juniperwick FC", "Radar", 2, None, "negotiating", None, "h", False),
    ]
    rows += [  # and more suitors than the palette has colours
        ("2025-01-06", "Bastien Tamides", f"Club {n:02d}", "Radar", 2, None, "interest", None, "h", False)
        for n in range(30)
    ]
    fig = pursuit_ladder(_events(rows), player="Bastien Tamides", as_of=AS_OF)
    colors = {t.name: t.line.color for t in fig.data}
    assert len(colors) == 32 and len(set(colors.values())) == 32, "no two suitors alike"
    assert colors["Juniperwick FC"] == club_color("Juniperwick FC"), "the furthest pursuit keeps the club's colour"
    assert colors["Northbridge Rovers"] != colors["Juniperwick FC"]
    assert all(t.marker.color == t.line.color for t in fig.data), "markers in their line's colour"
    again = pursuit_ladder(_events(rows[::-1]), player="Bastien Tamides", as_of=AS_OF)
    assert {t.name: t.line.color for t in again.data} == colors, "the same colours whatever the row order"


def test_club_colour_is_the_same_in_every_chart(intensity, story):
    over_time = intensity_over_time(intensity, story, subject="Liverpool", as_of=AS_OF)
    ladder = pursuit_ladder(story, player=TAA, as_of=AS_OF)
    assert _named(over_time, f"{RM} → {TAA}").line.color == _named(ladder, RM).line.color == club_color(RM)


# ---------------------------------------------------------------------------------------------
# Empty input, hostile text, HTML output


EMPTY_CASES = [
    (
        "intensity_over_time",
        lambda: intensity_over_time(pd.DataFrame(), pd.DataFrame(), subject="Liverpool", as_of=AS_OF),
        "No reports up to 25 Jan 2025",
    ),
    (
        "intensity_heatmap",
        lambda: intensity_heatmap(
            pd.DataFrame(columns=["date", "player", "interested_club", "intensity"]), subject="Liverpool", as_of=AS_OF
        ),
        "No reports up to 25 Jan 2025",
    ),
    (
        "expiry_timeline",
        lambda: expiry_timeline(pd.DataFrame(), subject="Liverpool", as_of=AS_OF),
        "No contract on record for Liverpool on 25 Jan 2025",
    ),
    (
        "expiry_cliff",
        lambda: expiry_cliff(pd.DataFrame(), subject="Liverpool", as_of=AS_OF),
        "No contracts expiring after 25 Jan 2025",
    ),
    (
        "pursuit_ladder",
        lambda: pursuit_ladder(pd.DataFrame(columns=EVENT_COLUMNS), player=TAA, as_of=AS_OF),
        "No reports up to 25 Jan 2025",
    ),
]


@pytest.mark.parametrize(("name", "build", "note"), EMPTY_CASES, ids=[c[0] for c in EMPTY_CASES])
def test_empty_input_gives_an_explained_figure(name, build, note):
    fig = build()
    assert isinstance(fig, go.Figure)
    assert note in _annotations(fig)
    assert AS_OF_TEXT in fig.layout.title.text
    assert [t for t in fig.data if t.type in ("bar", "heatmap") or t.mode] == []
    if name in ("intensity_over_time", "expiry_timeline", "pursuit_ladder"):  # not plotly's year 2000
        low, high = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
        assert low < pd.Timestamp(AS_OF) < high
    if name != "pursuit_ladder":  # no bare axis from -1 to 4 around nothing (the ladder's stages say what it shows)
        assert fig.layout.yaxis.visible is False
    json.loads(fig.to_json())


def test_the_status_legend_names_each_status_once_final_year_included(contracts):
    secure_only = contracts.assign(expiry_status="secure")
    fig = expiry_timeline(secure_only, subject="Liverpool", as_of=AS_OF)
    entries = [t.name for t in fig.data if t.showlegend is not False]
    assert entries == [
        "pre-contract window",
        "final year",
        "secure",
        "last 6 months (hatched)",
        "last renewal talks (own club)",
    ], "the same key on every timeline, each status once"
    assert fig.layout.legend.title.text == "Contract status on the as-of date"
    key = _named(fig, "final year")
    assert key.marker.color == STATUS_COLORS["final year"] and list(key.y) == [None]


def test_a_timeline_taller_than_a_laptop_screen_has_its_dates_at_the_top(contracts):
    many = pd.concat([contracts.assign(player=contracts["player"] + f" {i}") for i in range(4)], ignore_index=True)
    tall = expiry_timeline(many, subject="Liverpool", as_of=AS_OF)
    assert tall.layout.xaxis.side == "top"
    assert expiry_timeline(contracts, subject="Liverpool", as_of=AS_OF).layout.xaxis.side in (None, "bottom")


def test_an_empty_market_value_panel_says_why(cliff):
    fig = expiry_cliff(cliff.assign(market_value_eur=None), subject="Liverpool", as_of=AS_OF)
    assert "No market value on record for these contracts" in _annotations(fig)
    assert fig.layout.yaxis2.showticklabels is False
    assert "No market value on record for these contracts" not in _annotations(
        expiry_cliff(cliff, subject="Liverpool", as_of=AS_OF)
    )


def test_a_lone_line_still_has_its_legend_entry(intensity, story):
    one = intensity.loc[intensity["player"] == TAA]
    fig = intensity_over_time(one, story, subject=TAA, as_of=AS_OF)
    assert fig.layout.showlegend is True and fig.layout.legend.title.text == "Interested club"
    assert pursuit_ladder(story, player=KONATE, as_of=AS_OF).layout.showlegend is True


def test_reports_only_after_as_of_count_as_empty(intensity, story):
    fig = intensity_over_time(intensity, story, subject="Liverpool", as_of="2024-12-01")
    assert "No reports up to 1 Dec 2024" in _annotations(fig)


@pytest.fixture
def hostile(story, intensity, contracts, cliff):
    events = story.assign(headline=HOSTILE_HEADLINE, interested_club=HOSTILE_CLUB, source=HOSTILE_HEADLINE)
    return {
        "events": events,
        "intensity": intensity.assign(interested_club=HOSTILE_CLUB),
        "contracts": contracts.assign(
            player=[HOSTILE_CLUB + str(i) for i in range(len(contracts))],
            top_suitor=HOSTILE_CLUB,
            position=HOSTILE_HEADLINE,
        ),
        "cliff": cliff.assign(window=HOSTILE_HEADLINE, players=HOSTILE_CLUB),
    }


def test_hostile_text_stays_escaped_in_every_chart(hostile):
    figures = [
        intensity_over_time(hostile["intensity"], hostile["events"], subject=HOSTILE_CLUB, as_of=AS_OF),
        intensity_over_time(hostile["intensity"], hostile["events"], subject=HOSTILE_CLUB, as_of=AS_OF, by="player"),
        intensity_heatmap(hostile["intensity"], subject=HOSTILE_CLUB, as_of=AS_OF),
        expiry_timeline(
            hostile["contracts"],
            subject=HOSTILE_CLUB,
            as_of=AS_OF,
            renewal_talks=hostile["events"].assign(player=HOSTILE_CLUB + "0"),
        ),
        expiry_timeline(pd.DataFrame(), subject=HOSTILE_CLUB, as_of=AS_OF),
        expiry_cliff(hostile["cliff"], subject=HOSTILE_CLUB, as_of=AS_OF),
        pursuit_ladder(hostile["events"].assign(player=HOSTILE_CLUB), player=HOSTILE_CLUB, as_of=AS_OF),
    ]
    for fig in figures:
        text = fig.to_json()
        assert "<script>" not in text and "<img" not in text
        assert "&lt;script&gt;" in text or "&lt;img" in text
        assert html.escape(HOSTILE_CLUB, quote=False) in fig.layout.title.text
    ladder = figures[-1]
    assert ladder.data[0].name == html.escape(HOSTILE_CLUB, quote=False)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in [row[6] for row in ladder.data[0].customdata]
    assert "<a " not in "".join(f.to_json() for f in figures)


def test_to_html_writes_offline_page_with_plotly_beside_it(tmp_path, hostile):
    fig = pursuit_ladder(hostile["events"], player=TAA, as_of=AS_OF)
    path = to_html(fig, tmp_path / "reports" / "ladder.html")
    assert path == tmp_path / "reports" / "ladder.html"
    page = path.read_text(encoding="utf-8")
    assert "cdn.plot.ly" not in page
    assert re.search(r"<script[^>]*src=[^>]*mathjax", page, re.IGNORECASE) is None
    assert '<script charset="utf-8" src="plotly.min.js">' in page
    assert (path.parent / "plotly.min.js").is_file()
    assert '"displaylogo": false' in page
    assert HOSTILE_HEADLINE not in page and HOSTILE_CLUB not in page


def test_builders_accept_date_objects_and_string_columns(intensity, story):
    """Frames straight from DuckDB may carry object columns and datetime.date as_of."""
    import datetime as dt

    as_objects = story.astype({"player": "object", "interested_club": "object", "stage": "object"})
    fig = pursuit_ladder(as_objects, player=TAA, as_of=dt.date(2025, 1, 25))
    assert list(_named(fig, RM).y) == ["approach", "bid_rejected", "bid", "interest", "ruled_out"]
    assert len(fig.data) == 2


def test_missing_report_fields_show_a_dash_not_nan(intensity, story):
    """DuckDB frames: microsecond dates, missing strings, a timezone-aware as-of."""
    bare = story.assign(
        source=pd.NA,
        via=pd.NA,
        headline=pd.NA,
        fee_eur=np.nan,
        source_tier=pd.array([pd.NA] * len(story), dtype="Int64"),
    )
    fig = intensity_over_time(
        intensity.astype({"date": "datetime64[us]"}),
        bare,
        subject="Liverpool",
        as_of=pd.Timestamp(AS_OF, tz="Europe/London"),
    )
    markers = _named(fig, f"{RM} → {TAA}: reports")
    first = list(markers.customdata[0])
    # an outlet with no tier is one outlets.csv does not list: the hover says so, not a dash
    assert first[:7] == ["31 Dec 2024", "—", "not in outlets.csv", "—", "approach", "—", "—"]
    assert markers.y[0] == pytest.approx(5.0)
    cells = [
        str(cell) for trace in fig.data if trace.customdata is not None for row in trace.customdata for cell in row
    ]
    assert cells and not [c for c in cells if c.lower() in ("nan", "<na>", "nat", "none")]


def test_pursuits_left_out_are_counted_and_a_chart_of_quiet_ones_says_why(intensity, story):
    fig = intensity_over_time(intensity, story, subject="Liverpool", as_of=AS_OF, not_drawn=3)
    assert "3 weaker or quiet pursuits not drawn (in the CSV)" in fig.layout.title.subtitle.text
    quiet = intensity_over_time(intensity.iloc[:0], story, subject="Liverpool", as_of=AS_OF, not_drawn=2)
    assert "Every pursuit has gone quiet by 25 Jan 2025 (none drawn; see the CSV)" in _annotations(quiet)
