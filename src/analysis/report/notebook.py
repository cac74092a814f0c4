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
from analysis.report.parameters import (
    check_count,
    check_date,
    check_name,
    check_positive,
    check_setting,
    check_warehouse,
)
from analysis.report.paths import chart_name, inside, slugify
from analysis.report.tables import to_html as table_html

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
    "notes",
    "section",
    "show",
    "slugify",
    "table",
    "warnings",
]


WARNING_STYLE = "background:#fff4e5;border-left:4px solid #f5a623;padding:.5em .8em;margin:.5em 0"


def show(fig) -> None:
    """Displays a figure so it draws in JupyterLab (plotly's own mimetype) and survives export to
    HTML (a div that uses the page's shared plotly.min.js), never pulling plotly.js from a CDN."""
    from IPython.display import display

    div = fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
    display({"application/vnd.plotly.v1+json": json.loads(fig.to_json()), "text/html": div}, raw=True)


def table(frame, *, vertical: bool = False, empty: str = "Nothing on record.", links: Mapping[str, str] | None = None):
    """Shows a frame as analysts read it (analysis.report.tables): text left, numbers right, no row
    numbers, every value escaped. `vertical` lists one record's fields down the page (a player's
    contract). `links` maps club names to pages (relative links made by the report, never by
    data): those clubs' names in the club columns become links; a report's web address (column
    link or url, http or https only) becomes a link opening in a new tab."""
    from IPython.display import HTML

    if frame.empty:
        return HTML(f"<p>{html.escape(empty)}</p>")
    return HTML(table_html(frame, vertical=vertical, links=links))


def warnings(messages) -> object:
    """What a page must say before anything else (views.data_warnings): each message as a warning
    paragraph, escaped; nothing at all when there is nothing to say."""
    return notes(messages, label="Warning", css_class="data-warning")


def notes(messages, label: str = "Note", css_class: str = "result-note") -> object:
    """Notes a result carries (Backtest.notes: what could not be scored, and why), each a boxed
    paragraph led by `label`, escaped; nothing at all when there are none."""
    from IPython.display import HTML

    if not messages:
        return None
    return HTML(
        "".join(
            f'<p class="{css_class}" style="{WARNING_STYLE}"><strong>{html.escape(label)}:</strong> '
            f"{html.escape(m)}</p>"
            for m in messages
        )
    )


def section(part, output_dir: str | Path | None, png: bool = False, links: Mapping[str, str] | None = None) -> None:
    """One market-watch section (analysis.report.market.Section): its CSV (and chart page) under
    charts/, then its chart or table, or the sentence saying there is nothing to show."""
    from IPython.display import HTML, display

    if getattr(part, "intro", None):
        display(HTML(f'<p class="section-intro">{html.escape(part.intro)}</p>'))
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
    files, with a warning when a raw file is newer than the build (a stale warehouse) and when the
    as-of date is after the newest data (views.data_warnings)."""
    from IPython.display import HTML

    from analysis.report.formatting import fmt_date
    from analysis.report.freshness import freshness as freshness_of
    from analysis.report.views import data_warnings

    fresh = freshness_of(Path(warehouse))
    parts = [
        f"<p><strong>{html.escape(watch.scope.label)}</strong>, as known on {fmt_date(watch.as_of)}: what changed "
        f"after {fmt_date(watch.since)}. Intensity half-life {watch.half_life_days:g} days.</p>",
        f"<p>Data: {html.escape(fresh.summary())}.</p>",
    ]
    warning = fresh.warning()
    if warning:
        parts.append(f'<p class="stale-warning"><strong>Warning:</strong> {html.escape(warning)}.</p>')
    parts += [
        f'<p class="data-warning" style="{WARNING_STYLE}"><strong>Warning:</strong> {html.escape(m)}</p>'
        for m in data_warnings(watch.as_of, warehouse=Path(warehouse))
    ]
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
