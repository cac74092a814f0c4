"""Chart builders of "Will it happen?": titled for whom and as of when, every name from the data
escaped before plotly sees it, and an empty frame still a figure that says why it is empty."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go

from analysis.report import forecast_charts
from analysis.report.forecast_views import sentence

HOSTILE_OUTLET = '<img src=x onerror="alert(1)">Daily'
HOSTILE_CLUB = "<script>alert(1)</script> FC"


def _outlets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outlet": [HOSTILE_OUTLET, "Marca", "Tabloid"],
            "tier": [2, 2, None],
            "stories": [40, 12, 300],
            "materialised": [12, 2, 40],
            "not_materialised": [20, 6, 200],
            "pending": [8, 4, 60],
            "hit_rate": [0.36, 0.3, 0.17],
            "hit_rate_low": [0.24, 0.15, 0.13],
            "hit_rate_high": [0.5, 0.48, 0.21],
            "settled_stories": [30, 8, 230],
        }
    )


def _probabilities(probability=(0.42, 0.05)) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "player": ["Trent Alexander-Arnold", "Ibrahima Konaté"],
            "interested_club": [HOSTILE_CLUB, "Real Madrid"],
            "probability": list(probability),
            "horizon_closes": pd.to_datetime(["2025-09-01", "2025-09-01"]),
            "window_label": ["summer 2025", "summer 2025"],
            "fitted_on": [403, 403],
            "known_moves": [63, 63],
            "reason": [None, None],
            "intensity": [1.47, 0.25],
            "furthest_stage": ["bid_rejected", "interest"],
        }
    )


def _text(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), default=str, ensure_ascii=False)


def test_outlets_ranked_with_intervals_and_names_escaped():
    fig = forecast_charts.outlet_reliability(_outlets(), as_of="2025-01-25")
    assert "as of 25 Jan 2025" in fig.layout.title.text
    trace = fig.data[0]
    assert list(trace.y)[-1] == '&lt;img src=x onerror="alert(1)"&gt;Daily', "the highest rate on top, escaped"
    assert list(trace.x) == [0.17, 0.3, 0.36]
    assert [round(v, 2) for v in trace.error_x.array] == [0.04, 0.18, 0.14]
    assert [round(v, 2) for v in trace.error_x.arrayminus] == [0.04, 0.15, 0.12]
    assert "<img" not in _text(fig)
    assert trace.customdata[0][1] == "not in outlets.csv", "an outlet without a tier says where it is missing"
    assert trace.customdata[-1][1] == "tier 2" and "(%{customdata[1]})" in trace.hovertemplate
    assert list(trace.customdata[-1][5:10]) == ["40", "12", "20", "8", "30"], "stories, hits, misses, pending, settled"


def test_outlets_with_no_settled_story_show_the_prior_apart():
    """An outlet none of whose stories has settled gets only the prior: grey, open, below the
    ranking, and labelled so in the legend and the hover."""
    frame = pd.concat(
        [
            _outlets(),
            pd.DataFrame(
                {
                    "outlet": ["New Blog"],
                    "tier": [3],
                    "stories": [4],
                    "materialised": [1],
                    "not_materialised": [0],
                    "pending": [3],
                    "hit_rate": [0.4],  # the prior's mean: above the settled outlets, but not a rate of its own
                    "hit_rate_low": [0.1],
                    "hit_rate_high": [0.75],
                    "settled_stories": [0],
                }
            ),
        ],
        ignore_index=True,
    )
    fig = forecast_charts.outlet_reliability(frame, as_of="2025-01-25")
    settled, prior = fig.data
    assert prior.name == "no settled story yet: prior only" and prior.showlegend
    assert list(prior.y) == ["New Blog"] and "New Blog" not in list(settled.y)
    assert list(prior.marker.color) == [forecast_charts.PRIOR_ONLY_COLOR] and prior.marker.symbol == "circle-open"
    assert "no settled story yet: prior only" in prior.customdata[0][10] and settled.customdata[0][10] == ""
    assert fig.layout.yaxis.categoryarray[0] == "New Blog", "below every outlet with a rate of its own"
    assert forecast_charts.PRIOR_ONLY_COLOR not in list(settled.marker.color)
    alone = forecast_charts.outlet_reliability(_outlets(), as_of="2025-01-25")
    assert len(alone.data) == 1 and alone.data[0].showlegend is False, "no legend when every outlet has settled"


def test_move_probabilities_as_bars_with_what_they_rest_on():
    fig = forecast_charts.move_probability(_probabilities(), subject="Liverpool", as_of="2025-01-25")
    assert (
        fig.layout.title.text.startswith("Liverpool: will it happen?") and "as of 25 Jan 2025" in fig.layout.title.text
    )
    assert "summer 2025 window" in fig.layout.title.subtitle.text
    bars = fig.data[0]
    assert list(bars.x) == [0.05, 0.42] and list(bars.text) == ["5%", "42%"]
    assert bars.y[-1] == "&lt;script&gt;alert(1)&lt;/script&gt; FC → Trent Alexander-Arnold"
    assert bars.customdata[-1][7] == "403" and "<script>" not in _text(fig)


def test_no_probability_says_why():
    frame = _probabilities((None, None)).assign(reason="too few known outcomes to fit: 0 chases <b>")
    fig = forecast_charts.move_probability(frame, subject="Liverpool", as_of="2025-01-25")
    notes = [a.text for a in fig.layout.annotations]
    assert notes[0] == "No probability yet" and notes[1] == "too few known outcomes to fit: 0 chases &lt;b&gt;"
    empty = forecast_charts.move_probability(frame.iloc[0:0], subject="Liverpool", as_of="2025-01-25")
    assert [a.text for a in empty.layout.annotations] == ["No pursuit to give a probability for"]


def test_reliability_diagram_draws_each_model_beside_the_diagonal():
    bins = pd.DataFrame(
        {
            "model": ["move_probability", "move_probability", "base_rate"],
            "bin": ["0.0-0.1", "0.4-0.5", "0.1-0.2"],
            "predicted_mean": [0.05, 0.45, 0.12],
            "observed_rate": [0.04, 0.5, 0.1],
            "predictions": [900, 100, 1000],
        }
    )
    fig = forecast_charts.reliability_diagram(bins, title="Reliability diagram <i>", subtitle="x")
    assert [t.name for t in fig.data] == ["Perfect calibration", "Move probability (full model)", "Base rate"]
    assert fig.layout.title.text == "Reliability diagram &lt;i&gt;"
    assert list(fig.data[1].x) == [0.05, 0.45] and fig.data[1].marker.size[0] > fig.data[1].marker.size[1]
    empty = forecast_charts.reliability_diagram(bins.iloc[0:0], title="t")
    assert empty.layout.annotations[0].text == "No prediction could be scored yet"


def test_sparse_bins_are_faint_and_left_out_of_the_line():
    """The trial's backtest: bins of 4, 1, 1 and 1 predictions made the full model's line zig-zag
    75% -> 0% -> 0% -> 100%; each bin's count shows (size, hover) and sparse ones are set apart."""
    bins = pd.DataFrame(
        {
            "model": ["move_probability"] * 6,
            "bin": ["0.0-0.1", "0.1-0.2", "0.4-0.5", "0.5-0.6", "0.7-0.8", "0.9-1.0"],
            "predicted_mean": [0.04, 0.14, 0.43, 0.57, 0.71, 0.97],
            "observed_rate": [0.03, 0.08, 0.75, 0.0, 0.0, 1.0],
            "predictions": [364, 74, 4, 1, 1, 16],
        }
    )
    fig = forecast_charts.reliability_diagram(bins, title="t")
    full, faint = fig.data[1], fig.data[2]
    assert full.mode == "lines+markers" and list(full.x) == [0.04, 0.14, 0.97], "the line skips the sparse bins"
    assert faint.mode == "markers" and list(faint.x) == [0.43, 0.57, 0.71]
    assert faint.opacity < 0.5 and faint.marker.symbol == "circle-open" and faint.legendgroup == full.legendgroup
    assert [row[1] for row in faint.customdata] == [
        "4 predictions (fewer than 10: too few to judge)",
        "1 prediction (fewer than 10: too few to judge)",
        "1 prediction (fewer than 10: too few to judge)",
    ]
    assert [row[1] for row in full.customdata] == ["364 predictions", "74 predictions", "16 predictions"]
    sizes = list(full.marker.size)
    assert sizes[0] > sizes[1] > sizes[2] > max(faint.marker.size), "marker size grows with the count"
    assert "fewer than 10 predictions" in fig.layout.annotations[0].text


def test_the_sentence_of_the_club_report():
    rows = _probabilities().assign(interested_club="Real Madrid")
    assert sentence(rows.iloc[0]) == (
        "Real Madrid -> Trent Alexander-Arnold: 42% by the close of the summer 2025 window, "
        "fitted on 403 known outcomes"
    )
    none = rows.iloc[1].copy()
    none["probability"], none["reason"] = None, "too few known outcomes to fit"
    assert sentence(none) == "Real Madrid -> Ibrahima Konaté: no probability (too few known outcomes to fit)"
