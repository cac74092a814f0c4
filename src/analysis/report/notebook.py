"""What a notebook calls to show and export its sections: inline charts that survive HTML export,
tables as analysts read them, and chart files (HTML + CSV) for the report folder.

Imported inside notebooks; it never imports the code that runs them (analysis.report.run).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path

from analysis.report.export import plotly_js_in, to_html, write_csv, write_png
from analysis.report.formatting import readable
from analysis.report.parameters import (
    check_count,
    check_date,
    check_name,
    check_positive,
    check_setting,
    check_warehouse,
)
from analysis.report.paths import chart_name, inside, slugify

__all__ = [
    "check_count",
    "check_date",
    "check_name",
    "check_positive",
    "check_setting",
    "check_warehouse",
    "club_list",
    "export_chart",
    "export_csv",
    "freshness",
    "section",
    "show",
    "slugify",
    "table",
]


def show(fig) -> None:
    """Displays a figure so it draws in JupyterLab (plotly's own mimetype) and survives export to
    HTML (a div that uses the page's shared plotly.min.js), never pulling plotly.js from a CDN."""
    from IPython.display import display

    div = fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
    display({"application/vnd.plotly.v1+json": json.loads(fig.to_json()), "text/html": div}, raw=True)


LINKED_COLUMNS = ("club", "player_club", "interested_club", "from_club", "to_club", "top_suitor")


def table(frame, *, vertical: bool = False, empty: str = "Nothing on record.", links: Mapping[str, str] | None = None):
    """Shows a frame as analysts read it (formatting.readable): no row numbers, every value escaped.
    `vertical` lists one record's fields down the page (a player's contract). `links` maps club
    names to pages (relative links made by the report, never by data): those clubs' names in the
    club columns become links."""
    from IPython.display import HTML

    if frame.empty:
        return HTML(f"<p>{html.escape(empty)}</p>")
    shown = readable(frame)
    if links:
        shown = _linked_cells(shown, frame, links)
        escape = False
    else:
        escape = True
    if vertical:
        shown = shown.T
    return HTML(shown.to_html(index=vertical, header=not vertical, escape=escape, border=0))


def _linked_cells(shown, frame, links: Mapping[str, str]):
    """Every cell and header escaped by hand, club names in the club columns as links."""
    columns = {}
    for (name, values), original in zip(shown.items(), frame.columns):
        cells = []
        for text, value in zip(values, frame[original]):
            cell = html.escape(str(text))
            if original in LINKED_COLUMNS and isinstance(value, str) and value in links:
                cell = f'<a href="{html.escape(links[value], quote=True)}">{cell}</a>'
            cells.append(cell)
        columns[html.escape(str(name))] = cells
    return type(shown)(columns, index=shown.index)


def section(part, output_dir: str | Path | None, png: bool = False, links: Mapping[str, str] | None = None) -> None:
    """One market-watch section (analysis.report.market.Section): its CSV (and chart page) under
    charts/, then its chart or table, or the sentence saying there is nothing to show."""
    from IPython.display import HTML, display

    if part.figure is not None and part.empty is None:
        export_chart(part.figure, part.data, part.name, output_dir, png)
        show(part.figure)
    else:
        export_csv(part.data, part.name, output_dir)
    if part.empty is not None:
        display(HTML(f'<p class="nothing-new"><em>{html.escape(part.empty)}</em></p>'))
    elif part.table is not None:
        display(table(part.table, links=links))


def export_csv(data, name: str, output_dir: str | Path | None) -> Path | None:
    """charts/<name>.csv alone: a table section's data."""
    if not output_dir:
        return None
    charts = inside(Path(output_dir), "charts")
    charts.mkdir(parents=True, exist_ok=True)
    return write_csv(data, inside(charts, f"{chart_name(name)}.csv"))


def export_chart(fig, data, name: str, output_dir: str | Path | None, png: bool = False) -> Path | None:
    """Writes charts/<name>.html (interactive, offline, sharing ../plotly.min.js) and
    charts/<name>.csv (the data behind it); with png, a static image for slides too."""
    if not output_dir:
        return None
    charts = inside(Path(output_dir), "charts")
    charts.mkdir(parents=True, exist_ok=True)
    plotly_js_in(str(inside(Path(output_dir))))  # the pages load ../plotly.min.js, also outside a report run
    stem = chart_name(name)
    page = to_html(fig, inside(charts, f"{stem}.html"), plotlyjs="../plotly.min.js")
    write_csv(data, inside(charts, f"{stem}.csv"))
    if png:
        write_png(fig, inside(charts, f"{stem}.png"))
    return page


def freshness(watch, warehouse: str | Path):
    """What the page is built on: the window, the scope, and the warehouse's build time and raw
    files, with a warning when a raw file is newer than the build (a stale warehouse)."""
    from IPython.display import HTML

    from analysis.report.formatting import fmt_date
    from analysis.report.freshness import freshness as freshness_of

    fresh = freshness_of(Path(warehouse))
    parts = [
        f"<p><strong>{html.escape(watch.scope.label)}</strong>, as known on {fmt_date(watch.as_of)}: what changed "
        f"after {fmt_date(watch.since)}. Intensity half-life {watch.half_life_days:g} days.</p>",
        f"<p>Data: {html.escape(fresh.summary())}.</p>",
    ]
    warning = fresh.warning()
    if warning:
        parts.append(f'<p class="stale-warning"><strong>Warning:</strong> {html.escape(warning)}.</p>')
    if fresh.files:
        rows = "".join(
            f"<tr><td>{html.escape(f.source_file)}</td><td>{html.escape(f.kind)}</td><td>{f.rows_read:,}</td>"
            f"<td>{f.accepted:,}</td><td>{f.rejected:,}</td><td>{f.duplicates:,}</td></tr>"
            for f in fresh.files
        )
        parts.append(
            "<details><summary>Raw files behind this warehouse</summary><table><tr><th>file</th><th>kind</th>"
            f"<th>rows read</th><th>accepted</th><th>rejected</th><th>duplicates</th></tr>{rows}</table></details>"
        )
    return HTML("".join(parts))


def club_list(links: Mapping[str, str]):
    """Links to every club report in the same report folder (none outside a report run)."""
    from IPython.display import HTML

    if not links:
        return HTML("<p>No club reports in this folder.</p>")
    items = "".join(
        f'<li><a href="{html.escape(href, quote=True)}">{html.escape(club)}</a></li>'
        for club, href in sorted(links.items(), key=lambda item: item[0].casefold())
    )
    return HTML(f"<ul>{items}</ul>")
