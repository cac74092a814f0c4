"""Chart builders of the market watch: pure functions from a DataFrame to a plotly Figure, with
the conventions of `analysis.report.charts` (a title saying what, for whom and as of when; every
text from data escaped before plotly sees it; an empty frame still gives a titled figure)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.report.formatting import fmt_date, fmt_number, safe_text

RISE_COLOR, FALL_COLOR = "#1a7f37", "#b42318"


def _layout(fig: go.Figure, title: str, subtitle: str, x_title: str, height: int) -> None:
    fig.update_layout(
        title={"text": title, "x": 0.01, "subtitle": {"text": subtitle}},
        template="plotly_white",
        hovermode="closest",
        hoverlabel={"align": "left"},
        margin={"t": 90, "l": 10},
        height=height,
        showlegend=False,
    )
    fig.update_xaxes(title_text=x_title, zeroline=True, zerolinecolor="#888")
    fig.update_yaxes(automargin=True)


def _empty(fig: go.Figure, text: str) -> go.Figure:
    fig.add_annotation(
        x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, text=text, font={"size": 15, "color": "#555"}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _pair_labels(frame: pd.DataFrame) -> list[str]:
    """'Club → Player', escaped; a pair listed twice (never, but cheap to guard) stays apart."""
    labels = [f"{safe_text(c)} → {safe_text(p)}" for c, p in zip(frame["interested_club"], frame["player"])]
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique


def movers(frame: pd.DataFrame, *, subject: str, as_of: Any, since: Any, count: int = 10) -> go.Figure:
    """The pursuits whose intensity rose most (green, right) and fell most (red, left) between
    `since` and `as_of`, one bar per suitor-player pair, biggest change at the top of each group."""
    fig = go.Figure()
    _layout(
        fig,
        f"{safe_text(subject)}: biggest risers and fallers in interest intensity, as of {fmt_date(as_of)}",
        f"Change in intensity since {fmt_date(since)} (green: rose, red: fell); hover a bar for both days' values",
        "Change in interest intensity",
        height=420,
    )
    if frame is None or frame.empty:
        return _empty(fig, f"No pursuit changed since {fmt_date(since)}")
    change = pd.to_numeric(frame["change"], errors="coerce")
    risers = frame[change > 0].nlargest(count, "change")
    fallers = frame[change < 0].nsmallest(count, "change")
    shown = pd.concat([fallers.iloc[::-1], risers.iloc[::-1]])  # plotly draws the first bar at the bottom
    if shown.empty:
        return _empty(fig, f"No pursuit changed since {fmt_date(since)}")
    labels = _pair_labels(shown)
    customdata = np.array(
        [
            [safe_text(p), safe_text(c), safe_text(pc), fmt_number(now), fmt_number(before), fmt_number(d)]
            for p, c, pc, now, before, d in zip(
                shown["player"],
                shown["interested_club"],
                shown.get("player_club", pd.Series([None] * len(shown), index=shown.index)),
                shown["intensity"],
                shown["intensity_before"],
                shown["change"],
            )
        ],
        dtype=object,
    ).reshape(len(shown), 6)
    fig.add_trace(
        go.Bar(
            x=shown["change"].astype(float).tolist(),
            y=labels,
            orientation="h",
            marker={"color": [RISE_COLOR if d > 0 else FALL_COLOR for d in shown["change"]]},
            customdata=customdata,
            hovertemplate=(
                "<b>%{customdata[1]}</b> chasing <b>%{customdata[0]}</b> (%{customdata[2]})<br>"
                f"Intensity {fmt_date(since)}: " + "%{customdata[4]}<br>"
                f"Intensity {fmt_date(as_of)}: " + "%{customdata[3]}<br>Change: %{customdata[5]}<extra></extra>"
            ),
        )
    )
    fig.update_layout(height=max(420, 120 + 28 * len(shown)))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels)
    return fig


def probability_changes(frame: pd.DataFrame, *, subject: str, as_of: Any, since: Any, count: int = 15) -> go.Figure:
    """Move probabilities on `as_of` (bars) for the likeliest pairs, with the change since `since`
    in the hover and as a marker where the bar stood then."""
    fig = go.Figure()
    _layout(
        fig,
        f"{safe_text(subject)}: likeliest moves, as of {fmt_date(as_of)}",
        f"Probability of the club signing the player by the close of the horizon; grey dot: {fmt_date(since)}",
        "Move probability",
        height=420,
    )
    known = frame[pd.to_numeric(frame.get("probability"), errors="coerce").notna()] if frame is not None else frame
    if known is None or known.empty:
        return _empty(fig, "No fitted move probabilities")
    shown = known.nlargest(count, "probability").iloc[::-1]
    labels = _pair_labels(shown)
    before = pd.to_numeric(shown.get("probability_before"), errors="coerce")
    customdata = np.array(
        [
            [safe_text(p), safe_text(c), f"{float(now):.0%}", "—" if pd.isna(b) else f"{float(b):.0%}", safe_text(w)]
            for p, c, now, b, w in zip(
                shown["player"], shown["interested_club"], shown["probability"], before, shown["window_label"]
            )
        ],
        dtype=object,
    ).reshape(len(shown), 5)
    fig.add_trace(
        go.Bar(
            x=shown["probability"].astype(float).tolist(),
            y=labels,
            orientation="h",
            marker={"color": "#3f5f8f"},
            customdata=customdata,
            hovertemplate=(
                "<b>%{customdata[1]}</b> signing <b>%{customdata[0]}</b> by the close of the %{customdata[4]} window"
                f"<br>{fmt_date(as_of)}: " + "%{customdata[2]}" + f"<br>{fmt_date(since)}: " + "%{customdata[3]}"
                "<extra></extra>"
            ),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=before.tolist(),
            y=labels,
            mode="markers",
            marker={"color": "#888", "size": 9},
            hoverinfo="skip",
        )
    )
    fig.update_layout(height=max(420, 120 + 28 * len(shown)))
    fig.update_xaxes(range=[0, 1], tickformat=".0%")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels)
    return fig
