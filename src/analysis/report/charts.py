"""Chart builders: pandas DataFrames in, plotly Figures out, readable without explanation.

Every builder is a pure function (no I/O, no warehouse, no global plotly settings) so notebooks,
scheduled reports and tests get the same figure from the same frames. Conventions shared by all:

* the title says what is shown, for whom, and "as of <d Mon YYYY>"; axes carry units;
* a club has one colour everywhere (`club_color`) unless two lines of one chart would share it:
  every line of a chart has its own colour (`_distinct_colors`); an expiry status has one colour
  everywhere (`STATUS_COLORS`), a report stage has one marker symbol everywhere;
* a report without a stage is interest (README): drawn and named as interest, "(no stage given)"
  in its hover;
* a legend entry toggles everything drawn for it (a line with its report markers); legend titles
  say what the entries are;
* every point that is a report hovers the same fields (`_report_hover`): date, outlet, tier, via,
  stage, fee, headline;
* nothing dated after `as_of` is drawn: the chart shows the world as it was known then;
* text from data has <, > and & escaped (`escape`) before it reaches plotly, because plotly.js renders
  a subset of HTML in names, hovers, titles and tick labels; data never becomes a link;
* an empty frame still gives a titled figure with a note saying why it is empty.

Text formatting lives in `analysis.report.formatting`; writing files in `analysis.report.export`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis import facts
from analysis.report.formatting import (
    MISSING,
    escape,
    fmt_date,
    fmt_eur_m,
    fmt_fee,
    fmt_int,
    fmt_number,
    fmt_tier,
    is_missing,
    safe_text,
    wrapped,
)
from analysis.wording import plural

__all__ = [
    "STAGE_ORDER",
    "STATUS_COLORS",
    "club_color",
    "expiry_cliff",
    "expiry_timeline",
    "intensity_heatmap",
    "intensity_over_time",
    "joined_steps",
    "pursuit_ladder",
]

STAGE_ORDER: list[str] = facts.stage_names()  # the ladder's rungs, bottom first (stage_weights.csv)

STATUS_COLORS: dict[str, str] = {
    "expired": "#8c8c8c",  # grey: already gone
    "pre-contract window": "#d62728",  # red: a club abroad may sign him now
    "final year": "#f5a623",  # amber: act this season
    "secure": "#2ca02c",  # green: more than a year left
}
STATUS_ORDER: tuple[str, ...] = tuple(STATUS_COLORS)  # legend order, most urgent story first

# Dark, distinct colours that read on white; hashed into by name so a club keeps its colour.
_PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f3c8d",
    "#11a579",
    "#3969ac",
    "#e73f74",
    "#80ba5a",
    "#e68310",
    "#008695",
    "#cf1c90",
    "#f97b72",
    "#4b4b8f",
    "#a5aa99",
    "#0d2a63",
    "#af0038",
    "#6c4516",
    "#620042",
    "#1616a7",
    "#00a08b",
)
_UNKNOWN_COLOR = "#7f7f7f"
_AS_OF_COLOR = "#555555"
_RENEWAL_LABEL = "renewal talks (own club)"

_STAGE_SYMBOLS: dict[str, str] = {
    "monitoring": "circle-open",
    "interest": "circle",
    "approach": "diamond",
    "bid": "square",
    "bid_rejected": "square-x-open",
    "negotiating": "triangle-up",
    "agreed": "star",
    "completed": "hexagram",
    "ruled_out": "x",
    "denied": "circle-x-open",
}
_OTHER_STAGE_SYMBOL = "circle-dot"  # a stage added to stage_weights.csv after these were chosen
DEFAULT_STAGE = "interest"  # what a report without a stage is (README: no stage means interest)
_NO_STAGE_LABEL = "interest (no stage given)"
_NEGATIVE_STAGES = ("ruled_out", "denied")
_COMPLETED_STAGE = "completed"  # where a pursuit ends when the player joined the suitor (a completed move)
_EVIDENCE_WORDS = {"transfers": "transfer record", "contracts": "contract record with the new club"}

INTENSITY_TITLE = "Interest intensity"  # the subtitle says how it is weighted and decayed
MARKET_VALUE_TITLE = "Market value (€m)"
DATE_TITLE = "Date"

_MS_PER_DAY = 86_400_000
TALL_TIMELINE = 16  # players on an expiry timeline beyond which its dates are shown at the top
TIMELINE_PAST_SHARE = 0.25  # an expiry timeline shows this share of its span ahead before the as-of date


def _stage_label(stage: Any) -> str:
    return _NO_STAGE_LABEL if is_missing(stage) else escape(str(stage).replace("_", " "))


def _stage_of(stage: Any) -> str:
    """The stage a report is drawn at: its own, or interest when it gives none (or one we do not know)."""
    return DEFAULT_STAGE if is_missing(stage) or str(stage) not in STAGE_ORDER else str(stage)


def _stage_symbol(stage: Any) -> str:
    return _STAGE_SYMBOLS.get(_stage_of(stage), _OTHER_STAGE_SYMBOL)


def _as_of(value: Any) -> pd.Timestamp:
    """The as-of day as a naive midnight Timestamp, whatever the caller passed."""
    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column, or all-missing when an upstream frame lacks it (optional fields stay optional)."""
    if name in frame.columns:
        return frame[name]
    return pd.Series([pd.NA] * len(frame), index=frame.index, dtype="object")


def _dates(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as naive datetime64 (tolerates date objects and strings from other producers)."""
    values = pd.to_datetime(_column(frame, name), errors="coerce")
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_localize(None)
    return values


def _hash_index(key: str, size: int) -> int:
    """Same bucket in every run and process (unlike the salted built-in hash())."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % size


def club_color(club: str) -> str:
    """One colour per club name in every chart and every run, so a reader learns it once.

    Case and surrounding spaces are ignored; a missing name is neutral grey."""
    if is_missing(club) or not str(club).strip():
        return _UNKNOWN_COLOR
    key = " ".join(str(club).split()).casefold()
    return _PALETTE[_hash_index(key, len(_PALETTE))]


def _extra_color(n: int) -> str:
    """The n-th colour beyond the palette: hues a golden angle apart, dark enough to read on white."""
    import colorsys

    red, green, blue = colorsys.hls_to_rgb((0.61803398875 * (n + 1)) % 1.0, 0.38, 0.75)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


def _distinct_colors(keys: list[Any]) -> list[str]:
    """A colour per line, none repeated within the chart: each line gets its key's `club_color`
    unless an earlier (stronger) line took it, else the next free colour of the palette, and past
    the palette a generated one."""
    used: set[str] = set()
    colors = []
    extra = 0
    for key in keys:
        color = club_color(key)
        if color in used or color == _UNKNOWN_COLOR:
            free = [c for c in _PALETTE if c not in used]
            if free:
                color = free[0]
            else:
                while (color := _extra_color(extra)) in used:
                    extra += 1
        used.add(color)
        colors.append(color)
    return colors


# ---------------------------------------------------------------------------------------------
# Shared figure furniture


def _title(subject: str, what: str, as_of: pd.Timestamp, subtitle: str | None = None) -> dict:
    title: dict[str, Any] = {"text": f"{safe_text(subject)}: {what}, as of {fmt_date(as_of)}", "x": 0.01}
    if subtitle:
        title["subtitle"] = {"text": subtitle}
    return title


def _base_layout(fig: go.Figure, title: dict, x_title: str, y_title: str, **layout: Any) -> None:
    fig.update_layout(
        title=title,
        template="plotly_white",
        hovermode="closest",
        hoverlabel={"align": "left"},
        margin={"t": 90},
        **layout,
    )
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)


def _as_of_line(fig: go.Figure, as_of: pd.Timestamp) -> None:
    """A dotted vertical line at the as-of date: everything right of it is not yet known."""
    fig.add_shape(
        type="line",
        xref="x",
        yref="paper",
        x0=as_of,
        x1=as_of,
        y0=0,
        y1=1,
        line={"color": _AS_OF_COLOR, "width": 1.5, "dash": "dot"},
    )
    fig.add_annotation(
        x=as_of,
        y=1,
        xref="x",
        yref="paper",
        yanchor="bottom",
        xanchor="right",
        showarrow=False,
        text=f"as of {fmt_date(as_of)}",
        font={"color": _AS_OF_COLOR, "size": 11},
    )


def _date_window(fig: go.Figure, day: pd.Timestamp, earliest: pd.Timestamp | None = None) -> None:
    """From the earliest data (at least the month before the as-of day) to a little after the as-of
    day, so its line never sits on the plot's edge: a story of one day would otherwise get an axis a
    millisecond wide, and no data plotly's year 2000."""
    start = day - pd.Timedelta(days=30)
    if earliest is not None and not pd.isna(earliest) and earliest < start:
        start = earliest
    pad = max(pd.Timedelta(days=3), (day - start) * 0.03)
    fig.update_xaxes(range=[start - pad, day + pad])


def _note(fig: go.Figure, text: str, around: pd.Timestamp | None = None, keep_y: bool = False) -> None:
    """A centred explanation where data would be (empty input); `around` puts the empty date axis
    at the as-of day. An axis with nothing on it is hidden (no ticks from -1 to 4 for nothing),
    unless `keep_y` (the ladder's stages say what the chart would show)."""
    if around is not None:
        _date_window(fig, around)
    else:
        fig.update_xaxes(visible=False)
    if not keep_y:
        fig.update_yaxes(visible=False)
    fig.add_annotation(
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        text=text,
        font={"size": 15, "color": _AS_OF_COLOR},
    )


def _report_hover(reports: pd.DataFrame, extra: str = "") -> tuple[np.ndarray, str]:
    """customdata and hovertemplate for points that are reports, shared by every chart.

    Fields (all escaped): 0 date, 1 outlet, 2 its tier (fmt_tier), 3 via, 4 stage, 5 fee, 6 headline,
    7 player, 8 interested club. `extra` is a template fragment (e.g. the point's intensity)."""
    columns = [
        [fmt_date(v) for v in _column(reports, "reported_on")],
        [safe_text(v) for v in _column(reports, "source")],
        [fmt_tier(v) for v in _column(reports, "source_tier")],
        [safe_text(v) for v in _column(reports, "via")],
        [_stage_label(v) for v in _column(reports, "stage")],
        [fmt_fee(v, w) for v, w in zip(_column(reports, "fee_eur"), _column(reports, "fee_as_written"))],
        [wrapped(v) for v in _column(reports, "headline")],
        [safe_text(v) for v in _column(reports, "player")],
        [safe_text(v) for v in _column(reports, "interested_club")],
    ]
    customdata = np.array(columns, dtype=object).T.reshape(len(reports), len(columns))
    template = (
        "<b>%{customdata[8]} → %{customdata[7]}</b><br>"
        "Date: %{customdata[0]}<br>"
        "Outlet: %{customdata[1]} (%{customdata[2]})<br>"
        "Via: %{customdata[3]}<br>"
        "Stage: %{customdata[4]}<br>"
        "Fee: %{customdata[5]}<br>"
        f"{extra}"
        "Headline: %{customdata[6]}"
        "<extra></extra>"
    )
    return customdata, template


def _reports_up_to(events: pd.DataFrame | None, as_of: pd.Timestamp) -> pd.DataFrame:
    """Reports known on the as-of day, oldest first. Within a day, in the order they were reported:
    by time where a report gave one, then by file and line, so a ladder ends on the day's last
    report (a 'ruled out' followed by renewed interest ends on interest). Frames without file
    lines (other producers) fall back on stage order: an approach before its rejection."""
    if events is None or len(events) == 0:
        return pd.DataFrame()
    reported = _dates(events, "reported_on")
    keys = {
        "_at": _dates(events, "reported_at"),
        "_file": _column(events, "source_file").astype("string"),
        "_line": pd.to_numeric(_column(events, "line_number"), errors="coerce"),
        "_order": pd.to_numeric(_column(events, "stage_order"), errors="coerce"),
    }
    # assign before filtering: assigning a Series to an empty frame would adopt the Series' rows
    frame = events.assign(reported_on=reported, **keys).loc[reported.notna() & (reported <= as_of)]
    return frame.sort_values(["reported_on", *keys], kind="stable", na_position="last").drop(columns=list(keys))


def _one_of(names: Iterable[str], wanted: str) -> str:
    """The name in a frame that `wanted` is, ignoring case and accents ('trent alexander-arnold'),
    as the frame writes it; a name the frame does not hold is an error naming the closest it does
    (trial 3: a typo drew an empty chart saying 'No reports')."""
    import difflib
    import unicodedata

    def key(name: str) -> str:
        folded = unicodedata.normalize("NFKD", str(name).casefold())
        return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())

    by_key = {key(n): str(n) for n in names}
    if key(wanted) in by_key:
        return by_key[key(wanted)]
    closest = [by_key[k] for k in difflib.get_close_matches(key(wanted), list(by_key), n=3, cutoff=0.6)]
    hint = f"; the closest: {', '.join(closest)}" if closest else ""
    raise ValueError(f"no reports of {wanted!r} in this frame of {plural(len(by_key), 'player')}{hint}")


def _is(values: pd.Series, value: Any) -> pd.Series:
    """values == value as a plain boolean mask (missing never matches)."""
    return (values == value).astype("boolean").fillna(False).astype(bool)


def _renewal_mask(frame: pd.DataFrame) -> pd.Series:
    flags = _column(frame, "is_renewal_talk")
    return flags.astype("boolean").fillna(False).astype(bool)


def _same_day_offsets(dates: pd.Series) -> pd.Series:
    """Several reports of one line on one day would hide each other's hover: spread them over the
    18 hours before the date, the last exactly on it, so none is drawn past the as-of line."""
    dates = dates.reset_index(drop=True)
    rank = dates.groupby(dates).cumcount()
    count = dates.groupby(dates).transform("size")
    return dates - pd.to_timedelta((count - 1 - rank) * 18 / count, unit="h")


# ---------------------------------------------------------------------------------------------
# Interest intensity


def _pair_lines(intensity: pd.DataFrame, by: str) -> list[dict]:
    """The lines to draw: (player, suitor) pairs, or one summed line per player. A pair flagged
    joined_on (a completed move, marts.interest_intensity) is drawn up to that day only."""
    keys = ["player", "interested_club"] if by == "interested_club" else ["player"]
    frame = intensity.dropna(subset=keys)
    joined: dict = {}  # (player, suitor) -> the day he joined the suitor (a completed pursuit)
    if by == "interested_club" and "joined_on" in frame.columns:
        done = frame.assign(joined_on=_dates(frame, "joined_on")).dropna(subset=["joined_on"])
        joined = done.groupby(keys, sort=False)["joined_on"].min().to_dict()
    frame = frame.groupby([*keys, "date"], sort=True, as_index=False)[["intensity", "reports_to_date"]].sum(min_count=1)
    lines = []
    for key, series in frame.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        series = series.sort_values("date")
        if key in joined:  # a completed move: the data runs to the as-of date (SPEC 7), the line stops
            series = series.loc[series["date"] <= joined[key]]
            if series.empty:  # he joined before the first day drawn: nothing of the chase to show
                continue
        counts = series["reports_to_date"]
        reached = series.loc[counts == counts.max(), "date"]  # the day of the latest report drawn
        lines.append(
            {
                "player": key[0],
                "club": key[1] if len(key) > 1 else None,
                "joined_on": joined.get(key),
                "series": series,
                "latest": float(series["intensity"].iloc[-1]) if series["intensity"].notna().any() else 0.0,
                "latest_report": reached.min().value if len(reached) and not pd.isna(reached.min()) else 0,
            }
        )
    # strongest on the last day drawn first, the latest report breaking a tie: the legend is a ranking
    return sorted(
        lines, key=lambda line: (-line["latest"], -line["latest_report"], str(line["club"] or ""), str(line["player"]))
    )


def intensity_over_time(
    intensity: pd.DataFrame,
    events: pd.DataFrame | None,
    *,
    subject: str,
    as_of: Any,
    by: str = "interested_club",
    not_drawn: int = 0,
    since: Any = None,
    latest_report: Any = None,
    latest_interest: Any = None,
) -> go.Figure:
    """How interest built and faded: one line per suitor (or per player) with its reports on it.
    `not_drawn`: how many more pursuits the data has (weaker, or gone quiet): the subtitle says so,
    and a chart left with no line says why instead of "no reports". `since` (the first day drawn,
    as_of minus the lookback), `latest_report` (the latest report known on as_of, drawn or not,
    renewal talks too) and `latest_interest` (the latest that counts) let a chart with nothing in
    its lookback say that its reports are older, or renewal talks, not absent.

    by="interested_club": a line per (suitor, player) pair, named "Suitor → Player" when several
    players are shown; by="player": a line per player summing all suitors' intensity (total heat
    on him). Every line has its own colour (the suitor's `club_color` where no stronger line took
    it) and the legend lists them strongest on the as-of date first. Report markers sit on their
    line at the report date (symbol = stage, second legend) and toggle with it; renewal talks (own
    club) do not count towards intensity and are left to `pursuit_ladder`.
    """
    if by not in ("interested_club", "player"):
        raise ValueError(f"by must be 'interested_club' or 'player', not {by!r}")
    day = _as_of(as_of)
    fig = go.Figure()
    _base_layout(
        fig,
        _title(
            subject,
            "interest intensity over time",
            day,
            "Lines: decayed, weighted report count per "
            + ("suitor" if by == "interested_club" else "player (all suitors)")
            + "; markers: individual reports (shape = stage)"
            + (
                f"; {plural(not_drawn, 'weaker or quiet pursuit', grouped=False)} not drawn (in the CSV)"
                if not_drawn
                else ""
            ),
        ),
        DATE_TITLE,
        INTENSITY_TITLE,
        showlegend=True,  # even for one line: the legend says whose it is
        legend={"title": {"text": "Interested club" if by == "interested_club" else "Player (all suitors)"}},
        legend2={
            "title": {"text": "Report stage (marker shape)"},
            "orientation": "h",
            "x": 0,
            "y": -0.22,
            "xanchor": "left",
            "yanchor": "top",
            "itemclick": False,
            "itemdoubleclick": False,
        },
    )
    fig.update_layout(margin_b=110, height=560)  # room for the stage legend below the date axis title
    fig.update_xaxes(type="date")
    fig.update_yaxes(rangemode="tozero")
    _as_of_line(fig, day)

    frame = pd.DataFrame()
    if intensity is not None and len(intensity):
        when = _dates(intensity, "date")
        frame = intensity.assign(
            date=when,
            intensity=pd.to_numeric(_column(intensity, "intensity"), errors="coerce"),
            reports_to_date=pd.to_numeric(_column(intensity, "reports_to_date"), errors="coerce"),
        ).loc[when.notna() & (when <= day)]
    if len(frame) == 0:
        _note(fig, _why_no_line(day, not_drawn, since, (latest_report, latest_interest)), around=day)
        return fig

    _date_window(fig, day, frame["date"].min())
    reports = _reports_up_to(events, day)
    if len(reports):
        reports = reports.loc[~_renewal_mask(reports)]
    lines = _pair_lines(frame, by)
    several_players = len({line["player"] for line in lines}) > 1
    if by == "interested_club" and several_players:
        fig.update_layout(legend_title_text="Pursuit (interested club → player)")
    colors = _distinct_colors([line["club"] if by == "interested_club" else line["player"] for line in lines])
    stages_shown: set[str] = set()
    stageless = False
    if len(reports):  # row positions of each line's reports, and their hover text, worked out once
        hover, template = _report_hover(reports, extra="Interest intensity: %{y:.2f}<br>")
        positions = reports.groupby(
            ["player", "interested_club"] if by == "interested_club" else "player", sort=False
        ).indices
    traces: list[dict] = []

    for number, (line, color) in enumerate(zip(lines, colors)):
        player, club, series = line["player"], line["club"], line["series"]
        suffix = f" → {safe_text(player)}" if several_players else ""
        label = safe_text(player) if club is None else safe_text(club) + suffix
        joined_on = line.get("joined_on")
        drawn_to = series["date"].max()
        completed = joined_on is not None and not pd.isna(joined_on) and joined_on <= drawn_to
        if completed:  # a completed move: the line stops the day he joined, and says so
            label = f"{label} (joined {fmt_date(joined_on)})"
        line_data = np.array(
            [[label, fmt_date(d), fmt_int(n)] for d, n in zip(series["date"], series["reports_to_date"])],
            dtype=object,
        ).reshape(len(series), 3)
        group = f"line-{number}"  # the line and its report markers: one legend entry toggles both
        traces.append(
            dict(
                type="scatter",
                x=series["date"],
                y=series["intensity"],
                mode="lines",
                name=label,
                legendgroup=group,
                line={"color": color, "width": 2},
                customdata=line_data,
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>Date: %{customdata[1]}<br>"
                    "Interest intensity: %{y:.2f}<br>Reports to date: %{customdata[2]}<extra></extra>"
                ),
            )
        )

        if completed:
            stages_shown.add(_COMPLETED_STAGE)
            end = series.loc[series["date"] == drawn_to, "intensity"].fillna(0.0)
            traces.append(
                dict(
                    type="scatter",
                    x=[drawn_to],
                    y=[float(end.iloc[-1]) if len(end) else 0.0],
                    mode="markers",
                    name=f"{label}: joined",
                    legendgroup=group,
                    showlegend=False,
                    customdata=[[safe_text(player), safe_text(club), fmt_date(joined_on)]],
                    hovertemplate=(
                        "<b>%{customdata[0]} joined %{customdata[1]}</b> on %{customdata[2]}<br>"
                        "A completed move: the pursuit is over, no longer a chase<extra></extra>"
                    ),
                    marker={
                        "color": color,
                        "size": 14,
                        "symbol": _stage_symbol(_COMPLETED_STAGE),
                        "line": {"color": "white", "width": 1},
                    },
                )
            )

        rows = positions.get((player, club) if by == "interested_club" else player, []) if len(reports) else []
        if not len(rows):
            continue
        # each report sits on its line: the line's value on the report day (or the last before it);
        # one from before the line's first drawn day (outside the lookback) has no place on it
        days = series["date"].to_numpy(dtype="datetime64[ns]")
        values = series["intensity"].fillna(0.0).to_numpy(dtype=float)
        at = np.searchsorted(days, reports["reported_on"].to_numpy(dtype="datetime64[ns]")[rows], side="right") - 1
        rows, at = rows[at >= 0], at[at >= 0]
        if not len(rows):
            continue
        mine = reports.iloc[rows]
        y = values[at]
        stages = list(_column(mine, "stage"))
        stages_shown.update(_stage_of(s) for s in stages)
        stageless = stageless or any(_stage_of(s) != s for s in stages)
        traces.append(
            dict(
                type="scatter",
                x=_same_day_offsets(mine["reported_on"]),
                y=y,
                mode="markers",
                name=f"{label}: reports",
                legendgroup=group,
                showlegend=False,
                customdata=hover[rows],
                hovertemplate=template,
                marker={
                    "color": color,
                    "size": 10,
                    "symbol": [_stage_symbol(s) for s in stages],
                    "line": {"color": "white", "width": 1},
                },
            )
        )

    traces += _stage_key(stages_shown, stageless)
    fig.add_traces(traces)  # at once: plotly validates each trace once, not again per added trace
    return fig


def _why_no_line(day: pd.Timestamp, not_drawn: int, since: Any, latest: tuple[Any, Any]) -> str:
    """What a chart with no line says: all quiet, reports only before the lookback, or none."""
    if not_drawn:
        return f"Every pursuit has gone quiet by {fmt_date(day)} (none drawn; see the CSV)"
    report, interest = latest
    if is_missing(since) or is_missing(report):
        return f"No reports up to {fmt_date(day)}"
    start = _as_of(since)
    days = (day - start).days
    if _as_of(report) < start:
        if is_missing(interest):
            latest_text = f"the latest, on {fmt_date(report)}, is older (a renewal talk, which never counts)"
        else:  # named by the latest outside report: no lookback ever draws a later renewal talk
            which = "latest" if _as_of(interest) == _as_of(report) else "latest outside report"
            latest_text = f"the {which}, on {fmt_date(interest)}, is older (a longer lookback_days draws it)"
        return f"No reports in the {days} days up to {fmt_date(day)} (the lookback);<br>{latest_text}"
    return (
        f"No outside interest in the {days} days up to {fmt_date(day)}:<br>its reports are renewal talks, "
        "which never count"
    )


def _stage_key(stages_shown: set[str], stageless: bool) -> list[dict]:
    """Legend-only markers in the second legend: what each marker shape drawn means."""
    key = []
    for stage in STAGE_ORDER:
        if stage not in stages_shown:
            continue
        name = _stage_label(stage)
        if stage == DEFAULT_STAGE and stageless:
            name = f"{name} (or no stage given)"
        key.append(
            dict(
                type="scatter",
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                legend="legend2",
                hoverinfo="skip",
                marker={"color": _AS_OF_COLOR, "size": 10, "symbol": _stage_symbol(stage)},
            )
        )
    return key


def intensity_heatmap(intensity: pd.DataFrame, *, subject: str, as_of: Any, floor: float = 0.0) -> go.Figure:
    """Who wants whom right now: players (rows) x suitors (columns), each cell the pair's intensity
    on its latest day on or before `as_of`. Players and suitors with the strongest pursuit first
    (the latest report breaking a tie). A pair below `floor` has gone quiet: its cell stays blank,
    as does a pair with no reports."""
    day = _as_of(as_of)
    fig = go.Figure()
    _base_layout(
        fig,
        _title(
            subject,
            "interest intensity by player and suitor",
            day,
            "Each cell: the pair's intensity on the as-of date; blank = no reports"
            + (f", or a chase gone quiet (below {floor:g})" if floor > 0 else ""),
        ),
        "Interested club",
        "Player",
    )
    latest = pd.DataFrame()
    if intensity is not None and len(intensity):
        when = _dates(intensity, "date")
        latest = (
            intensity.assign(date=when, intensity=pd.to_numeric(_column(intensity, "intensity"), errors="coerce"))
            .loc[when.notna() & (when <= day)]
            .dropna(subset=["player", "interested_club"])
            .sort_values("date", kind="stable")
            .groupby(["player", "interested_club"], sort=False)
            .tail(1)
        )
        latest = latest.loc[latest["intensity"] >= floor]
    if len(latest) == 0:
        quiet = f" above {floor:g}" if floor > 0 and intensity is not None and len(intensity) else ""
        _note(fig, f"No pursuit{quiet} on {fmt_date(day)}" if quiet else f"No reports up to {fmt_date(day)}")
        return fig

    values = latest.pivot(index="player", columns="interested_club", values="intensity")
    recency = _dates(latest, "last_reported_on").fillna(latest["date"]).astype("int64")
    ranked = latest.assign(_recency=recency).sort_values(["intensity", "_recency"], ascending=False, kind="stable")
    players = list(dict.fromkeys(ranked["player"]))
    clubs = list(dict.fromkeys(ranked["interested_club"]))
    values = values.loc[players, clubs]
    cell = latest.set_index(["player", "interested_club"])
    customdata, text = [], []
    for player in players:
        row_data, row_text = [], []
        for club in clubs:
            known = (player, club) in cell.index
            row = cell.loc[(player, club)] if known else None
            row_data.append(
                [
                    safe_text(player),
                    safe_text(club),
                    fmt_date(row["date"]) if row is not None else MISSING,
                    fmt_int(row["reports_to_date"])
                    if row is not None and "reports_to_date" in cell.columns
                    else MISSING,
                ]
            )
            row_text.append(fmt_number(values.loc[player, club]) if known else "")
        customdata.append(row_data)
        text.append(row_text)
    z = [[None if is_missing(v) else float(v) for v in row] for row in values.to_numpy()]
    peak = values.max(axis=None)  # the scale starts at 0 so a pale cell means little interest
    top = float(peak) if not is_missing(peak) and peak > 0 else 1.0
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=[safe_text(c) for c in clubs],
            y=[safe_text(p) for p in players],
            customdata=customdata,
            text=text,
            texttemplate="%{text}",
            hoverongaps=False,
            colorscale="YlOrRd",
            zmin=0,
            zmax=top,
            colorbar={"title": {"text": "Interest intensity<br>(weighted reports,<br>decayed)"}},
            hovertemplate=(
                "Player: %{customdata[0]}<br>Interested club: %{customdata[1]}<br>"
                f"{INTENSITY_TITLE}: "
                "%{z:.2f}<br>Value on: %{customdata[2]}<br>"
                "Reports to date: %{customdata[3]}<extra></extra>"
            ),
            name=INTENSITY_TITLE,
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="bottom")
    fig.update_layout(height=max(380, 160 + 34 * len(players)))
    return fig


# ---------------------------------------------------------------------------------------------
# Contracts


def _contract_hover(rows: pd.DataFrame) -> tuple[np.ndarray, str]:
    """customdata/hovertemplate for a contract (a bar or an expiry marker)."""
    columns = [
        [safe_text(v) for v in _column(rows, "player")],
        [safe_text(v) for v in _column(rows, "position")],
        [fmt_int(np.floor(v)) if not is_missing(v) else MISSING for v in _column(rows, "age_years")],
        [fmt_date(v) for v in _dates(rows, "contract_expires")],
        [fmt_int(v) for v in _column(rows, "days_remaining")],
        [safe_text(v) for v in _column(rows, "expiry_status")],
        [fmt_eur_m(v) for v in _column(rows, "market_value_eur")],
        [safe_text(v, "none") for v in _column(rows, "top_suitor")],
        [fmt_number(v) for v in _column(rows, "top_suitor_intensity")],
        [fmt_date(v) for v in _dates(rows, "pre_contract_window_start")],
        [fmt_int(v) for v in _column(rows, "renewal_talks")],
        [fmt_date(v) for v in _dates(rows, "last_renewal_talk_on")],
    ]
    customdata = np.array(columns, dtype=object).T.reshape(len(rows), len(columns))
    template = (
        "<b>%{customdata[0]}</b> (%{customdata[1]}, age %{customdata[2]})<br>"
        "Contract expires: %{customdata[3]} (%{customdata[4]} days remaining)<br>"
        "Status: %{customdata[5]}<br>"
        "Pre-contract window from: %{customdata[9]}<br>"
        f"{MARKET_VALUE_TITLE}: "
        "%{customdata[6]}<br>"
        "Top suitor: %{customdata[7]} (intensity %{customdata[8]})<br>"
        "Renewal talks: %{customdata[10]} (last %{customdata[11]})"
        "<extra></extra>"
    )
    return customdata, template


def expiry_timeline(
    contracts: pd.DataFrame,
    *,
    subject: str,
    as_of: Any,
    renewal_talks: pd.DataFrame | None = None,
) -> go.Figure:
    """Time left on each contract: a bar from `as_of` to expiry per player, coloured by status,
    soonest expiry at the top; the pre-contract window is hatched, renewal talks are marked.

    `renewal_talks` (events-shaped) puts a marker at every talk; without it, the contract frame's
    last_renewal_talk_on is used. Expired contracts are a marker at their expiry date."""
    day = _as_of(as_of)
    fig = go.Figure()
    _base_layout(
        fig,
        _title(
            subject,
            "contract expiry timeline",
            day,
            "Bars: time left from the as-of date to contract expiry, by status; "
            "hatched: pre-contract window (a club abroad may sign him)",
        ),
        DATE_TITLE,
        "Player (soonest expiry first)",
        barmode="overlay",
        # one legend, statuses first, then the marks under their own heading: both in view at the top
        legend={"title": {"text": "Contract status on the as-of date"}, "traceorder": "grouped"},
    )
    fig.update_xaxes(type="date")
    _as_of_line(fig, day)
    rows = pd.DataFrame()
    if contracts is not None and len(contracts):
        expires = _dates(contracts, "contract_expires")
        rows = contracts.assign(
            contract_expires=expires,
            pre_contract_window_start=_dates(contracts, "pre_contract_window_start"),
            last_renewal_talk_on=_dates(contracts, "last_renewal_talk_on"),
        ).loc[expires.notna()]
        rows = rows.sort_values(["contract_expires", "player"], kind="stable")
    if len(rows) == 0:
        _note(fig, f"No contract on record for {safe_text(subject)} on {fmt_date(day)}", around=day)
        return fig

    labels = [safe_text(p) for p in rows["player"]]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, autorange="reversed")
    if len(labels) > TALL_TIMELINE:  # taller than a laptop screen: the dates at the top, where reading starts
        fig.update_xaxes(side="top", title_text="")
        fig.update_layout(margin_t=120)
        fig.layout.annotations[-1].update(y=1, yanchor="top", bgcolor="rgba(255,255,255,0.85)")  # as-of label inside
    fig.update_layout(height=max(360, 170 + 30 * len(labels)))
    rows = rows.assign(_label=labels)
    status = _column(rows, "expiry_status")
    running = rows["contract_expires"] > day  # a contract ending today has no bar left: a marker
    shown: set[str] = set()
    # every status but expired is always in the legend (a key to the colours); expired when drawn
    always = [s for s in STATUS_ORDER if s != "expired" or _is(status, s).any()]
    others = sorted({str(s) for s in status.dropna()} - set(STATUS_ORDER))
    for name in [*always, *others, None]:
        mask = status.isna() if name is None else _is(status, name)
        if not mask.any():
            if name is not None:  # a legend entry alone, so the key is the same on every timeline
                fig.add_trace(
                    go.Bar(
                        x=[None],
                        y=[None],
                        orientation="h",
                        name=name,
                        legendgroup=f"status:{name}",
                        marker={"color": STATUS_COLORS[name]},
                        hoverinfo="skip",
                    )
                )
            continue
        legend_name = safe_text(name, "status unknown")
        color = STATUS_COLORS.get(name, _UNKNOWN_COLOR) if name is not None else _UNKNOWN_COLOR
        for is_bar in (True, False):
            part = rows.loc[mask & (running if is_bar else ~running)]
            if not len(part):
                continue
            customdata, template = _contract_hover(part)
            common = dict(
                y=part["_label"],
                name=legend_name,
                legendgroup=f"status:{legend_name}",
                showlegend=legend_name not in shown,
                customdata=customdata,
                hovertemplate=template,
            )
            shown.add(legend_name)
            if is_bar:
                span = (part["contract_expires"] - day) / pd.Timedelta(milliseconds=1)
                fig.add_trace(
                    go.Bar(
                        orientation="h",
                        base=[day] * len(part),
                        x=span.to_numpy(dtype=float),
                        marker={"color": color},
                        **common,
                    )
                )
            else:  # expired (or ends today): a marker where the contract ends
                fig.add_trace(
                    go.Scatter(
                        x=part["contract_expires"],
                        mode="markers",
                        marker={"color": color, "size": 12, "symbol": "line-ns", "line": {"color": color, "width": 4}},
                        **common,
                    )
                )

    window = rows.loc[
        running
        & rows["pre_contract_window_start"].notna()
        & (rows["pre_contract_window_start"] < rows["contract_expires"])
    ]
    if len(window):
        start = window["pre_contract_window_start"].where(window["pre_contract_window_start"] > day, day)
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=window["_label"],
                base=start,
                x=((window["contract_expires"] - start) / pd.Timedelta(milliseconds=1)).to_numpy(dtype=float),
                name="last 6 months (hatched)",
                legendgroup="mark:hatched",
                legendgrouptitle={"text": "Also marked"},
                hoverinfo="skip",
                marker={"color": "rgba(0,0,0,0)", "pattern": {"shape": "/", "fgcolor": "rgba(0,0,0,0.55)", "size": 8}},
            )
        )

    _renewals_and_span(fig, rows, renewal_talks, day)
    return fig


def _renewals_and_span(
    fig: go.Figure, rows: pd.DataFrame, renewal_talks: pd.DataFrame | None, day: pd.Timestamp
) -> None:
    """The timeline's renewal-talk markers within its date span, and the span itself."""
    start, end = _timeline_span(rows, day)
    talks, older = _renewal_points(rows, renewal_talks, day, start)
    if talks is not None:
        fig.add_trace(talks)
    if older:
        fig.layout.title.subtitle.text += (
            f"; {plural(older, 'renewal talk', grouped=False)} before {fmt_date(start)} not drawn "
            "(the hover counts them)"
        )
    pad = max(pd.Timedelta(days=3), (end - start) * 0.02)
    fig.update_xaxes(range=[start - pad, end + pad])


def _timeline_span(rows: pd.DataFrame, day: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates a timeline draws: the bars, with a little of the past before the as-of date for
    recent renewal talks (a quarter of what lies ahead, at least a month), and any expired
    contract's end. Older talks do not widen it: for an as-of date long after the data, talks from
    years before would squash every bar into a sliver."""
    end = max(rows["contract_expires"].max(), day + pd.Timedelta(days=30))
    start = day - max(pd.Timedelta(days=30), (end - day) * TIMELINE_PAST_SHARE)
    return min(start, rows["contract_expires"].min()), end


def _renewal_points(
    rows: pd.DataFrame, renewal_talks: pd.DataFrame | None, day: pd.Timestamp, start: pd.Timestamp
) -> tuple[go.Scatter | None, int]:
    """Renewal talks as markers on each player's row (every talk report if given, else the last),
    those from `start` on; and how many older ones are left out."""
    marker = {"symbol": "star", "size": 13, "color": "#222222", "line": {"color": "white", "width": 1}}
    label_of = dict(zip(rows["player"], rows["_label"]))
    if renewal_talks is not None:
        talks = _reports_up_to(renewal_talks, day)
        if len(talks):
            if "is_renewal_talk" in talks.columns:
                talks = talks.loc[_renewal_mask(talks)]
            talks = talks.loc[_column(talks, "player").isin(list(label_of))]
        older = int((talks["reported_on"] < start).sum()) if len(talks) else 0
        talks = talks.loc[talks["reported_on"] >= start] if len(talks) else talks
        if not len(talks):
            return None, older
        customdata, template = _report_hover(talks)
        return go.Scatter(
            x=talks["reported_on"],
            y=[label_of[p] for p in talks["player"]],
            mode="markers",
            name=_RENEWAL_LABEL,
            legendgroup="mark:renewal",
            marker=marker,
            customdata=customdata,
            hovertemplate=template,
        ), older
    known = rows.loc[rows["last_renewal_talk_on"].notna() & (rows["last_renewal_talk_on"] <= day)]
    last = known.loc[known["last_renewal_talk_on"] >= start]
    older = len(known) - len(last)
    if not len(last):
        return None, older
    customdata = np.array(
        [
            [label, fmt_date(d), fmt_int(n)]
            for label, d, n in zip(last["_label"], last["last_renewal_talk_on"], _column(last, "renewal_talks"))
        ],
        dtype=object,
    ).reshape(len(last), 3)
    return go.Scatter(
        x=last["last_renewal_talk_on"],
        y=last["_label"],
        mode="markers",
        name=f"last {_RENEWAL_LABEL}",
        legendgroup="mark:renewal",
        marker=marker,
        customdata=customdata,
        hovertemplate=(
            "<b>%{customdata[0]}</b><br>Last renewal talk: %{customdata[1]}<br>"
            "Renewal talks so far: %{customdata[2]}<extra></extra>"
        ),
    ), older


def expiry_cliff(cliff: pd.DataFrame, *, subject: str, as_of: Any, empty: str | None = None) -> go.Figure:
    """How much runs out when: per transfer window, the number of contracts expiring (top) and
    their market value (bottom), so a cliff of departures is visible a season ahead. `empty`: what
    to say instead when nothing runs out (plain text; a club's cliff says it has no contract)."""
    day = _as_of(as_of)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    _base_layout(
        fig,
        _title(
            subject,
            "expiring contracts by transfer window",
            day,
            "A contract ending January-June frees the player for that summer's window, "
            "July-December for the next winter's",
        ),
        "",
        "",
        showlegend=False,
        bargap=0.35,
        height=640,  # two panels, each tall enough for its axis title
    )
    fig.update_xaxes(title_text="Transfer window the player becomes free in", row=2, col=1)
    fig.update_yaxes(title_text="Contracts expiring (players)", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text=MARKET_VALUE_TITLE, rangemode="tozero", row=2, col=1)
    if cliff is None or len(cliff) == 0:
        _note(fig, safe_text(empty) if empty else f"No contracts expiring after {fmt_date(day)}")
        return fig

    frame = cliff.assign(window_start=_dates(cliff, "window_start")).sort_values(
        "window_start", kind="stable", na_position="last"
    )
    windows = [safe_text(w) for w in _column(frame, "window")]
    counts = pd.to_numeric(_column(frame, "contracts"), errors="coerce")
    value_m = pd.to_numeric(_column(frame, "market_value_eur"), errors="coerce") / 1e6
    players = [
        MISSING
        if is_missing(v)
        else "<br>".join(
            wrapped(", ".join(names), 60) for names in _chunks([p.strip() for p in str(v).split(",") if p.strip()], 4)
        )
        for v in _column(frame, "players")
    ]
    customdata = np.array(
        [
            [w, fmt_int(n), fmt_eur_m(m), fmt_date(s), p]
            for w, n, m, s, p in zip(
                windows, counts, _column(frame, "market_value_eur"), frame["window_start"], players
            )
        ],
        dtype=object,
    ).reshape(len(frame), 5)
    template = (
        "<b>%{customdata[0]}</b> (opens %{customdata[3]})<br>Contracts expiring: %{customdata[1]}<br>"
        f"{MARKET_VALUE_TITLE}: "
        "%{customdata[2]}<br>Players: %{customdata[4]}<extra></extra>"
    )
    fig.add_trace(
        go.Bar(
            x=windows,
            y=[None if is_missing(n) else int(n) for n in counts],
            name="Contracts expiring",
            marker={"color": "#3f5f8f"},
            customdata=customdata,
            hovertemplate=template,
            text=[fmt_int(n) for n in counts],
            textposition="outside",
            cliponaxis=False,
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Bar(
            x=windows,
            y=[None if is_missing(m) else float(m) for m in value_m],
            name=MARKET_VALUE_TITLE,
            marker={"color": "#b07d2b"},
            customdata=customdata,
            hovertemplate=template,
            text=[fmt_eur_m(v) for v in _column(frame, "market_value_eur")],
            textposition="outside",
            cliponaxis=False,
        ),
        row=2,
        col=1,
    )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=windows)
    if value_m.isna().all():  # the bottom panel would be bare axes: say why
        fig.update_yaxes(showticklabels=False, showgrid=False, row=2, col=1)
        fig.add_annotation(
            x=0.5,
            y=0.5,
            xref="x2 domain",
            yref="y2 domain",
            showarrow=False,
            text="No market value on record for these contracts",
            font={"size": 14, "color": _AS_OF_COLOR},
        )
    return fig


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------------------------------------
# One player's story


def _ladder_colors(reports: pd.DataFrame, codes: np.ndarray, clubs: pd.Index) -> dict[int, str]:
    """Club code -> colour, no two clubs alike: the club that got furthest (then the one with more
    reports) keeps its own `club_color`, the others take free colours; an unknown club stays grey."""
    rung = reports["_rung"].map({stage: n for n, stage in enumerate(STAGE_ORDER)}).to_numpy()
    best = {c: (int(rung[codes == c].max()), int((codes == c).sum())) for c in range(len(clubs))}
    ranked = sorted(best, key=lambda c: (-best[c][0], -best[c][1], str(clubs[c])))
    return dict(zip(ranked, _distinct_colors([clubs[c] for c in ranked])))


def joined_steps(completed: pd.DataFrame | None, day: pd.Timestamp) -> pd.DataFrame:
    """Completed pursuits (marts.completed_pursuits) known on `day` as ladder steps, in the columns
    of a report: on the day he joined, on the completed rung, the record that says so in place of an
    outlet ('transfer record'), the record's file and line; chase_resumed_on carried over (a later
    outside report of the club: a new chase, the line goes on). The ladder draws them; its CSV
    lists them after the reports."""
    if completed is None or len(completed) == 0:
        return pd.DataFrame()
    joined = _dates(completed, "joined_on")
    done = completed.loc[joined.notna() & (joined <= day)]
    if len(done) == 0:
        return pd.DataFrame()
    evidence = [_EVIDENCE_WORDS.get(str(e), "completed move") for e in _column(done, "joined_evidence")]
    return pd.DataFrame(
        {
            "reported_on": _dates(done, "joined_on"),
            "player": done["player"].to_numpy(),
            "interested_club": done["interested_club"].to_numpy(),
            "source": evidence,
            "stage": _COMPLETED_STAGE,
            "stage_order": STAGE_ORDER.index(_COMPLETED_STAGE) + 1,
            "headline": [f"{p} joined {c}" for p, c in zip(done["player"], done["interested_club"])],
            "is_renewal_talk": False,
            "source_file": _column(done, "source_file").to_numpy(),
            "line_number": _column(done, "line_number").to_numpy(),
            "chase_resumed_on": _dates(done, "chase_resumed_on").to_numpy(),
        }
    )


def pursuit_ladder(
    history: pd.DataFrame,
    *,
    player: str,
    as_of: Any,
    completed: pd.DataFrame | None = None,
    steps: pd.DataFrame | None = None,
) -> go.Figure:
    """How far each club got, and when: a step line per interested club climbing the ten stages
    (a rejection or a club ruling itself out shows as the line moving). Renewal talks with the
    player's own club are dashed and labelled so they never read as a rival's pursuit.

    `history` is one player's reports; if it names several players only `player`'s rows are drawn
    (a single-player frame is drawn whatever spelling `player` uses for the title). `completed`
    (marts.completed_pursuits): pursuits that ended with him joining the suitor; each club's line
    steps onto the completed rung the day he joined. A line whose last word is that join is named
    "(joined <date>)" (his later reports with that club are talks with his own club); one the club
    took up again after (an outside report since: he left, or was only on loan) goes on unnamed.
    `steps`: joined_steps(completed, as_of) instead of `completed`, for a caller that keeps them."""
    if completed is not None and steps is not None:
        raise ValueError("give completed or its joined_steps, not both")
    day = _as_of(as_of)
    names = _column(history, "player").dropna().unique()
    if len(names) > 1:  # a frame holding several players' stories: this player's, named as it names him
        player = _one_of(names, player)
    fig = go.Figure()
    _base_layout(
        fig,
        _title(
            player,
            "pursuit ladder, stage reached by each club",
            day,
            "Each step is a report; hover a marker for the outlet and headline",
        ),
        DATE_TITLE,
        "Stage reached",
        showlegend=True,  # even for one club: the legend says whose line it is
        legend={"title": {"text": "Interested club"}},
    )
    fig.update_xaxes(type="date")
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=STAGE_ORDER,
        range=[-0.5, len(STAGE_ORDER) - 0.5],
        tickmode="array",
        tickvals=STAGE_ORDER,
        ticktext=[_stage_label(s) for s in STAGE_ORDER],
    )
    # the stages where a pursuit ends without a move, shaded so the eye reads them as dead ends
    first = STAGE_ORDER.index(_NEGATIVE_STAGES[0])
    fig.add_shape(
        type="rect",
        xref="paper",
        yref="y",
        x0=0,
        x1=1,
        y0=first - 0.5,
        y1=len(STAGE_ORDER) - 0.5,
        fillcolor="rgba(140,140,140,0.12)",
        line={"width": 0},
        layer="below",
    )
    _as_of_line(fig, day)

    reports = _reports_up_to(history, day)
    if len(names) > 1:
        reports = reports.loc[_is(_column(reports, "player"), player)]
    steps = joined_steps(completed, day) if steps is None else steps
    if len(steps) and len(reports):
        steps = steps.loc[steps["player"].isin(set(_column(reports, "player")))]
        reports = _reports_up_to(pd.concat([reports, steps], ignore_index=True), day)
    final = steps.loc[steps["chase_resumed_on"].isna()] if len(steps) else steps  # completed, not resumed
    joined_on = {c: d for c, d in zip(final.get("interested_club", []), final.get("reported_on", []))}
    if len(reports):  # a report without a stage is interest: on that rung, its hover says so
        reports = reports.assign(_rung=[_stage_of(s) for s in _column(reports, "stage")])
    if len(reports) == 0:
        _note(fig, f"No reports up to {fmt_date(day)}", around=day, keep_y=True)
        return fig
    _date_window(fig, day, reports["reported_on"].min())

    renewal = _renewal_mask(reports).to_numpy()
    customdata, template = _report_hover(reports)  # once for all reports, sliced per line
    codes, clubs = pd.factorize(reports["interested_club"])  # missing club: code -1
    order = sorted(range(len(clubs)), key=lambda c: str(clubs[c])) + ([-1] if (codes == -1).any() else [])
    colors = _ladder_colors(reports, codes, clubs)
    traces = []
    for is_renewal in (False, True):
        for code in order:
            at = np.flatnonzero((renewal == is_renewal) & (codes == code))
            if not len(at):
                continue
            club = None if code == -1 else clubs[code]
            mine = reports.iloc[at]
            name = safe_text(club, "club unknown")
            if is_renewal:
                name = f"{name}: {_RENEWAL_LABEL}" if club is not None else _RENEWAL_LABEL
            elif club in joined_on:
                name = f"{name} (joined {fmt_date(joined_on[club])})"
            color = colors.get(code, _UNKNOWN_COLOR)  # a club's renewal talks in its own colour, dashed
            traces.append(
                dict(
                    type="scatter",
                    x=mine["reported_on"],
                    y=list(mine["_rung"]),
                    mode="lines+markers",
                    name=name,
                    line={
                        "shape": "hv",
                        "color": color,
                        "width": 2.5 if not is_renewal else 1.5,
                        "dash": "dash" if is_renewal else "solid",
                    },
                    marker={
                        "color": color,
                        "size": 11,
                        "symbol": [_stage_symbol(s) for s in mine["_rung"]],
                        "line": {"color": "white", "width": 1},
                    },
                    customdata=customdata[at],
                    hovertemplate=template,
                )
            )
    fig.add_traces(traces)  # at once: plotly validates each trace once, not again per added trace
    return fig
