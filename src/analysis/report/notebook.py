"""What a notebook calls to show and export its sections: inline charts that survive HTML export,
tables as analysts read them, and chart files (HTML + CSV) for the report folder.

Imported inside notebooks; it never imports the code that runs them (analysis.report.run).
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from analysis.report.export import CHROMIUM, plotly_js_in, to_html, write_csv
from analysis.report.formatting import readable
from analysis.report.parameters import check_count, check_date, check_name, check_positive, check_warehouse
from analysis.report.paths import chart_name, inside, slugify

__all__ = [
    "check_count",
    "check_date",
    "check_name",
    "check_positive",
    "check_warehouse",
    "export_chart",
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


def table(frame, *, vertical: bool = False, empty: str = "Nothing on record."):
    """Shows a frame as analysts read it (formatting.readable): no row numbers, every value escaped.
    `vertical` lists one record's fields down the page (a player's contract)."""
    from IPython.display import HTML

    if frame.empty:
        return HTML(f"<p>{html.escape(empty)}</p>")
    shown = readable(frame)
    if vertical:
        shown = shown.T
    return HTML(shown.to_html(index=vertical, header=not vertical, escape=True, border=0))


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
        if CHROMIUM.exists():
            os.environ.setdefault("BROWSER_PATH", str(CHROMIUM))
        fig.write_image(inside(charts, f"{stem}.png"), width=1200, height=700)
    return page
