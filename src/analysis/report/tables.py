"""Tables as analysts read them in a notebook or its HTML page: text on the left, numbers on the
right, no row numbers, every value escaped, and only two kinds of link: club names the report
itself links to (its own relative pages), and a report's web address (http or https alone, opened
in a new tab; anything else, a javascript: URL for one, stays plain text)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

import pandas as pd

from analysis.report.formatting import readable

LINKED_COLUMNS = ("club", "player_club", "interested_club", "from_club", "to_club", "top_suitor")
LINK_COLUMNS = ("link", "url")  # a report's web address
WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
STYLE = (
    "<style>table.tr-table{border-collapse:collapse;margin:.5em 0}"
    "table.tr-table th,table.tr-table td{padding:.25em .6em;border-bottom:1px solid #e5e5e5;vertical-align:top}"
    "table.tr-table thead th{border-bottom:1px solid #999}"
    "table.tr-table .num{font-variant-numeric:tabular-nums;white-space:nowrap}</style>"
)
# the alignment inline too: it then holds in JupyterLab, nbconvert's page and anywhere the table is pasted
_TEXT = 'class="text" style="text-align:left"'
_NUM = 'class="num" style="text-align:right"'


def is_numeric(frame: pd.DataFrame, column: str) -> bool:
    """Right-aligned: numbers and money (yes/no flags and dates are read as words)."""
    values = frame[column]
    if pd.api.types.is_bool_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
        return False
    return pd.api.types.is_numeric_dtype(values) or str(column).endswith("_eur")


def web_link(value: object) -> str | None:
    """A safe href for a report's address, or None: http(s) only, no quotes, spaces or markup."""
    if not isinstance(value, str) or not WEB_ADDRESS.match(value.strip()):
        return None
    return value.strip()


def _link_text(href: str) -> str:
    host = urlsplit(href).hostname or href
    return host.removeprefix("www.")


def _cell(text: str, value: object, column: str, links: Mapping[str, str] | None) -> str:
    if column in LINK_COLUMNS:
        href = web_link(value)
        if href is not None:
            return (
                f'<a href="{html.escape(href, quote=True)}" target="_blank" rel="noopener noreferrer">'
                f"{html.escape(_link_text(href))}</a>"
            )
        return html.escape(text)
    cell = html.escape(text)
    if links and column in LINKED_COLUMNS and isinstance(value, str) and value in links:
        cell = f'<a href="{html.escape(links[value], quote=True)}">{cell}</a>'
    return cell


def to_html(frame: pd.DataFrame, *, vertical: bool = False, links: Mapping[str, str] | None = None) -> str:
    """The frame as an HTML table (see the module docstring); `vertical` lists one record's fields
    down the page, names in the first column, values left (a list of facts, not a column to sum).
    `links` maps club names to the report's own pages."""
    shown = readable(frame)
    headers = [html.escape(str(name)) for name in shown.columns]
    kinds = [_NUM if is_numeric(frame, c) else _TEXT for c in frame.columns]
    cells = [
        [_cell(text, value, str(column), links) for text, value in zip(shown[name], frame[column])]
        for name, column in zip(shown.columns, frame.columns)
    ]  # by column
    if vertical:
        rows = "".join(
            f"<tr><th {_TEXT}>{header}</th>" + "".join(f"<td {_TEXT}>{c}</td>" for c in column_cells) + "</tr>"
            for header, column_cells in zip(headers, cells)
        )
        return f'{STYLE}<table class="dataframe tr-table">{rows}</table>'
    head = "".join(f"<th {kind}>{header}</th>" for header, kind in zip(headers, kinds))
    body = "".join(
        "<tr>" + "".join(f"<td {kind}>{column[i]}</td>" for kind, column in zip(kinds, cells)) + "</tr>"
        for i in range(len(frame))
    )
    return f'{STYLE}<table class="dataframe tr-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
