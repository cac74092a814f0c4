"""Chart builders of "Will it happen?" (SPEC 10): pure functions from a DataFrame to a plotly
Figure, with the conventions of `analysis.report.charts` (a title saying what, for whom and as of
when; every text from data escaped before plotly sees it; an empty frame still gives a titled
figure saying why it is empty)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.report.formatting import fmt_date, fmt_tier, safe_text
from analysis.wording import plural

TIER_COLORS = {1: "#1b4f72", 2: "#2e86c1", 3: "#b9770e", 4: "#a93226"}
UNKNOWN_TIER_COLOR = "#7f8c8d"
MODEL_STYLE = {
    "move_probability": ("#1b4f72", "Move probability (full model)"),
    "intensity_only": ("#b9770e", "Intensity only"),
    "base_rate": ("#7f8c8d", "Base rate"),
}


def _layout(fig: go.Figure, title: str, subtitle: str, height: int) -> None:
    """A subtitle may break its lines with <br> (plotly never wraps one, and cuts it at the figure's
    edge): the top margin grows by a line for each."""
    fig.update_layout(
        title={"text": title, "x": 0.01, "subtitle": {"text": subtitle}},
        template="plotly_white",
        hovermode="closest",
        hoverlabel={"align": "left"},
        margin={"t": 90 + 18 * subtitle.count("<br>"), "l": 10},
        height=height,
    )
    fig.update_yaxes(automargin=True)


def _empty(fig: go.Figure, text: str) -> go.Figure:
    fig.add_annotation(
        x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, text=text, font={"size": 15, "color": "#555"}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _percent(value: Any) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):.0%}"


def _unique(labels: list[str]) -> list[str]:
    """Category labels must be unique: a repeat (never, but cheap to guard) gets a number."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


PRIOR_ONLY = "no settled story yet: prior only"
PRIOR_ONLY_COLOR = "#b3b3b3"


def _outlet_hover(shown: pd.DataFrame, tiers: pd.Series, prior_only: np.ndarray) -> np.ndarray:
    rows = []
    for o, t, h, lo, hi, n, m, f, p, s, prior in zip(
        shown["outlet"],
        tiers,
        shown["hit_rate"].astype(float),
        shown["hit_rate_low"],
        shown["hit_rate_high"],
        shown["stories"],
        shown["materialised"],
        shown["not_materialised"],
        shown["pending"],
        _settled(shown),
        prior_only,
    ):
        rows.append(
            [
                safe_text(o),
                fmt_tier(t),
                _percent(h),
                _percent(lo),
                _percent(hi),
                str(int(n)),
                str(int(m)),
                str(int(f)),
                str(int(p)),
                str(int(s)),
                f"<br><i>{PRIOR_ONLY}</i>: the typical outlet's rate, nothing of its own yet" if prior else "",
            ]
        )
    return np.array(rows, dtype=object).reshape(len(shown), 11)


def _settled(frame: pd.DataFrame) -> pd.Series:
    """Stories whose horizon has closed: the rate rests on these alone."""
    if "settled_stories" in frame:
        return pd.to_numeric(frame["settled_stories"], errors="coerce").fillna(0)
    return frame["materialised"] + frame["not_materialised"]


def outlet_reliability(frame: pd.DataFrame, *, as_of: Any, subject: str = "Every outlet", count: int = 40) -> go.Figure:
    """Outlets ranked by hit rate, each with its credible interval, coloured by tier; the hover gives
    its stories (materialised, not, pending) and the settled ones the rate rests on. An outlet with
    no settled story shows only the prior (the typical outlet's rate): it is drawn grey, apart
    below the ranking, and labelled so, never read as a rate of its own."""
    fig = go.Figure()
    _layout(
        fig,
        f"{safe_text(subject)}: how often each outlet's stories came true, as of {fmt_date(as_of)}",
        "Hit rate (dot) with its credible interval (bar), smoothed towards the typical outlet; only stories whose "
        "horizon has closed count, pending ones are counted apart",
        height=420,
    )
    if frame is None or frame.empty:
        return _empty(fig, "No outlet has a story yet")
    ranked = frame.assign(_prior_only=(_settled(frame) == 0).to_numpy())
    ranked = ranked.sort_values(["_prior_only", "hit_rate", "stories"], ascending=[True, False, False], kind="stable")
    shown = ranked.head(count).iloc[::-1]  # the categorical axis draws its first label at the bottom
    labels = _unique([safe_text(o) for o in shown["outlet"]])
    tiers = pd.to_numeric(shown.get("tier", pd.Series([np.nan] * len(shown), index=shown.index)), errors="coerce")
    prior_only = shown["_prior_only"].to_numpy(dtype=bool)
    tier_colors = [TIER_COLORS.get(int(t), UNKNOWN_TIER_COLOR) if pd.notna(t) else UNKNOWN_TIER_COLOR for t in tiers]
    colors = [PRIOR_ONLY_COLOR if prior else color for color, prior in zip(tier_colors, prior_only)]
    rate = shown["hit_rate"].astype(float)
    customdata = _outlet_hover(shown, tiers, prior_only)
    template = (
        "<b>%{customdata[0]}</b> (%{customdata[1]})<br>Hit rate %{customdata[2]} "
        "(%{customdata[3]} to %{customdata[4]})<br>%{customdata[5]} stories: %{customdata[6]} materialised, "
        "%{customdata[7]} not, %{customdata[8]} pending<br>%{customdata[9]} settled stories behind the rate"
        "%{customdata[10]}<extra></extra>"
    )
    for prior in (False, True):
        at = np.flatnonzero(prior_only == prior)
        if not len(at):
            continue
        fig.add_trace(
            go.Scatter(
                x=rate.iloc[at].tolist(),
                y=[labels[i] for i in at],
                mode="markers",
                name=PRIOR_ONLY if prior else "rate from settled stories (colour: outlet tier)",
                marker={
                    "color": [colors[i] for i in at],
                    "size": 10,
                    "symbol": "circle-open" if prior else "circle",
                    "line": {"width": 2} if prior else {"width": 0},
                },
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": (shown["hit_rate_high"].astype(float) - rate).iloc[at].tolist(),
                    "arrayminus": (rate - shown["hit_rate_low"].astype(float)).iloc[at].tolist(),
                    "color": PRIOR_ONLY_COLOR if prior else "#888",
                    "thickness": 1.5,
                },
                customdata=customdata[at],
                hovertemplate=template,
                showlegend=bool(prior_only.any()),  # a legend only to set the prior-only outlets apart
            )
        )
    # the legend at the foot of the figure, in pixels below the axis title (a fraction of the plot
    # put it on the title whenever the height changed with the number of outlets)
    fig.update_layout(
        height=max(420, 160 + 24 * len(shown)),
        margin_b=100,
        legend={"orientation": "h", "yref": "container", "y": 0.01, "yanchor": "bottom", "x": 0, "xanchor": "left"},
    )
    fig.update_xaxes(range=[0, 1], tickformat=".0%", title_text="Share of stories that came true")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels)
    return fig


def move_probability(frame: pd.DataFrame, *, subject: str, as_of: Any, count: int = 20) -> go.Figure:
    """The likeliest moves: one bar per suitor and player, the probability of the club signing him by
    the close of the horizon; pairs without one (too few known outcomes) are named in the title."""
    fig = go.Figure()
    window = _window(frame)
    _layout(
        fig,
        f"{safe_text(subject)}: will it happen? Move probabilities as of {fmt_date(as_of)}",
        f"Probability of the club signing the player by the close of the {safe_text(window)} window, fitted on "
        "the outcomes known then; hover a bar for what it rests on",
        height=420,
    )
    known = frame[pd.to_numeric(frame.get("probability"), errors="coerce").notna()] if frame is not None else None
    if known is None or known.empty:
        reasons = (
            sorted({str(r) for r in frame.get("reason", pd.Series(dtype=object)).dropna()}) if frame is not None else []
        )
        text = "No pursuit to give a probability for" if frame is None or frame.empty else "No probability yet"
        fig = _empty(fig, text)
        if reasons:
            fig.add_annotation(
                x=0.5, y=0.38, xref="paper", yref="paper", showarrow=False, text=safe_text(reasons[0]),
                font={"size": 12, "color": "#555"},
            )  # fmt: skip
        return fig
    shown = known.sort_values("probability", ascending=False, kind="stable").head(count).iloc[::-1]
    labels = _unique([f"{safe_text(c)} → {safe_text(p)}" for c, p in zip(shown["interested_club"], shown["player"])])
    customdata = np.array(
        [
            [
                safe_text(c),
                safe_text(p),
                _percent(prob),
                safe_text(w),
                fmt_date(h),
                f"{float(i):.2f}",
                safe_text(s),
                str(int(f)),
                str(int(m)),
            ]
            for c, p, prob, w, h, i, s, f, m in zip(
                shown["interested_club"],
                shown["player"],
                shown["probability"],
                shown["window_label"],
                shown["horizon_closes"],
                shown["intensity"],
                shown["furthest_stage"].astype(object).where(shown["furthest_stage"].notna(), None),
                shown["fitted_on"],
                shown["known_moves"],
            )
        ],
        dtype=object,
    ).reshape(len(shown), 9)
    fig.add_trace(
        go.Bar(
            x=shown["probability"].astype(float).tolist(),
            y=labels,
            orientation="h",
            marker={"color": "#1b4f72"},
            customdata=customdata,
            text=[_percent(p) for p in shown["probability"]],
            textposition="outside",
            hovertemplate=(
                "<b>%{customdata[0]}</b> signing <b>%{customdata[1]}</b>: %{customdata[2]}<br>by the close of the "
                "%{customdata[3]} window (%{customdata[4]})<br>Intensity %{customdata[5]}, furthest stage "
                "%{customdata[6]}<br>Fitted on %{customdata[7]} known outcomes (%{customdata[8]} moves)<extra></extra>"
            ),
            showlegend=False,
        )
    )
    fig.update_layout(height=max(300, 150 + 30 * len(shown)), bargap=0.35)
    fig.update_xaxes(range=[0, 1.08], tickformat=".0%", title_text="Move probability")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels)
    return fig


def _window(frame: pd.DataFrame | None) -> str:
    if frame is None or frame.empty or "window_label" not in frame:
        return "horizon's last"
    labels = frame["window_label"].dropna()
    return str(labels.iloc[0]) if len(labels) else "horizon's last"


SPARSE_BIN = 10  # a reliability bin with fewer predictions than this is too small to judge calibration by


def reliability_diagram(frame: pd.DataFrame, *, title: str, subtitle: str = "") -> go.Figure:
    """Predicted against observed: one line per model through its probability bins (marker size and
    hover: how many predictions), beside the diagonal a perfectly calibrated model would follow. A
    bin of fewer than SPARSE_BIN predictions says little (one prediction is 0% or 100%): it is drawn
    as a faint open marker the line does not pass through, so it never reads as a zig-zag."""
    fig = go.Figure()
    _layout(
        fig,
        safe_text(title),
        subtitle or "Each point is a bin of predictions: their mean probability against the share that came true",
        height=560,
    )
    fig.add_trace(
        go.Scatter(
            x=[0, 1], y=[0, 1], mode="lines", line={"color": "#bbb", "dash": "dash"}, name="Perfect calibration",
            hoverinfo="skip",
        )
    )  # fmt: skip
    if frame is None or frame.empty:
        return _empty(fig, "No prediction could be scored yet")
    largest = max(float(frame["predictions"].max()), 1.0)
    any_sparse = False
    for name, (color, label) in MODEL_STYLE.items():
        mine = frame[frame["model"] == name].sort_values("predicted_mean")
        if mine.empty:
            continue
        sparse = mine["predictions"].astype(int) < SPARSE_BIN
        any_sparse = any_sparse or bool(sparse.any())
        for faint, part in ((False, mine[~sparse]), (True, mine[sparse])):
            if part.empty:
                continue
            counts = part["predictions"].astype(int)
            note = f" (fewer than {SPARSE_BIN}: too few to judge)" if faint else ""
            fig.add_trace(
                go.Scatter(
                    x=part["predicted_mean"].astype(float).tolist(),
                    y=part["observed_rate"].astype(float).tolist(),
                    mode="markers" if faint else "lines+markers",
                    name=f"{label}: bins under {SPARSE_BIN} predictions" if faint else label,
                    legendgroup=name,
                    showlegend=not faint or mine[~sparse].empty,
                    line={"color": color},
                    opacity=0.35 if faint else 1.0,
                    marker={
                        "color": color,
                        "size": (8 + 22 * np.sqrt(counts / largest)).tolist(),
                        "symbol": "circle-open" if faint else "circle",
                        "line": {"width": 2, "color": color},
                    },
                    customdata=np.array(
                        [[safe_text(b), plural(n, "prediction") + note] for b, n in zip(part["bin"], counts)],
                        dtype=object,
                    ).reshape(len(part), 2),
                    hovertemplate=(
                        f"<b>{label}</b><br>Bin %{{customdata[0]}}: %{{customdata[1]}}<br>"
                        "Mean predicted %{x:.1%}<br>Came true %{y:.1%}<extra></extra>"
                    ),
                )
            )
    if any_sparse:
        fig.add_annotation(
            x=0.01, y=0.99, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False,
            align="left", font={"size": 11, "color": "#555"},
            text=f"Faint open markers: bins of fewer than {SPARSE_BIN} predictions,<br>too few to judge; "
            "the lines leave them out",
        )  # fmt: skip
    fig.update_xaxes(range=[0, 1], tickformat=".0%", title_text="Predicted probability (bin mean)")
    fig.update_yaxes(range=[0, 1], tickformat=".0%", title_text="Share that came true")
    fig.update_layout(legend={"orientation": "h", "y": -0.15})
    return fig
