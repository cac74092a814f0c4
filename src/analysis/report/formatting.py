"""Text as reports show it: dates, euros and fees in one style, and every string from data escaped
before plotly.js or a page sees it (plotly renders a subset of HTML in names, hovers and titles)."""

from __future__ import annotations

import datetime as dt
import html
import re
import textwrap
from typing import Any

import numpy as np
import pandas as pd

MISSING = "—"
# an outlet outlets.csv does not list: ingest warns of it and intensity counts it as intensity.yml's
# unknown_outlet_tier; hovers say where its tier is missing, not a dash
NO_TIER = "not in outlets.csv"
FAR_PAST = pd.Timestamp("1900-01-01")  # how a contract with no recorded_on is stored (SPEC 3: from always)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def escape(text: str) -> str:
    """<, > and & as entities: plotly.js then shows them as text and never as tags. Quotes stay as
    they are, because plotly decodes only those three entities (&quot; would show literally)."""
    return html.escape(text, quote=False)


def is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-likes are never "missing" scalars
        return False


def safe_text(value: Any, missing: str = MISSING) -> str:
    """Data as safe display text: escaped, so plotly.js shows it and never interprets it."""
    return missing if is_missing(value) else escape(str(value))


def wrapped(value: Any, width: int = 70) -> str:
    """Long text (headlines, player lists) on several hover lines; escaped line by line so an
    entity is never split, then joined with our own <br>."""
    if is_missing(value):
        return MISSING
    lines = textwrap.wrap(str(value), width=width) or [""]
    return "<br>".join(escape(line) for line in lines)


def fmt_date(value: Any) -> str:
    """'25 Jan 2025': locale-independent, no leading zero."""
    if is_missing(value):
        return MISSING
    ts = pd.Timestamp(value)
    return f"{ts.day} {_MONTHS[ts.month - 1]} {ts.year}"


def fmt_eur_m(value: Any) -> str:
    """Euros as '€24m' / '€22.5m'."""
    if is_missing(value):
        return MISSING
    millions = f"{float(value) / 1e6:,.1f}".removesuffix(".0")
    return f"€{millions}m"


def fmt_fee(eur: Any, written: Any = None, *, for_chart: bool = True) -> str:
    """A fee in euros, with the amount as the outlet reported it when that was another currency
    ('€24m (reported as £20 million)'); 0 is a free transfer; unconvertible text is shown as written.
    Text from data comes escaped for plotly (see safe_text); `for_chart=False` gives plain text for
    a table, which escapes it itself."""
    as_text = safe_text if for_chart else (lambda v: MISSING if is_missing(v) else str(v))
    if is_missing(eur):
        return MISSING if is_missing(written) else as_text(written)
    if float(eur) == 0:
        return "free"
    shown = fmt_eur_m(eur)
    if is_missing(written) or "€" in str(written) or re.fullmatch(r"[\d.,\s]+", str(written)):
        return shown
    return f"{shown} (reported as {as_text(written)})"


def fmt_number(value: Any, digits: int = 2) -> str:
    return MISSING if is_missing(value) else f"{float(value):.{digits}f}"


def fmt_int(value: Any) -> str:
    return MISSING if is_missing(value) else str(int(value))


def fmt_tier(value: Any) -> str:
    """An outlet's tier as a hover says it: 'tier 2', or where it is missing (NO_TIER)."""
    return NO_TIER if is_missing(value) else f"tier {int(value)}"


# headers in words where the column's name does not read as one ('pre contract window start')
HEADERS = {"age_years": "age", "pre_contract_window_start": "pre-contract window start"}


def _header(name: str) -> str:
    if name in HEADERS:
        return HEADERS[name]
    return re.sub(r"_eur$", " (€)", name).replace("pre_contract", "pre-contract").replace("_", " ")


def _cell(value, column: str) -> str:
    if is_missing(value):
        return "—"
    if column == "age_years":  # whole years, as anyone says an age (the CSV keeps a decimal)
        return str(int(np.floor(float(value))))
    if isinstance(value, (pd.Timestamp, dt.date)):
        return "—" if pd.Timestamp(value) <= FAR_PAST else fmt_date(value)
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if column == "fee_eur":
        return fmt_fee(value)
    if column.endswith("_eur"):
        return fmt_eur_m(value)
    if isinstance(value, (float, np.floating)):
        return f"{value:,.2f}"
    return str(value)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as text an analyst reads: dates as '25 Jan 2025', euros as '€24m' (a free transfer
    'free'), yes/no, two decimals, an age in whole years, '—' for unknown (also a contract's
    far-past start), and headers in words. Plain text: whoever shows it as HTML escapes it."""
    return pd.DataFrame(
        {_header(str(name)): [_cell(v, str(name)) for v in frame[name]] for name in frame.columns},
        index=frame.index,
    )
