"""Index pages of a report folder: plain, offline, every name escaped."""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
from pathlib import Path

from analysis.report.execute import Outcome
from analysis.report.manifests import MANIFEST, club_reports, read_reports, write_manifest
from analysis.report.paths import inside

__all__ = ["MANIFEST", "now_text", "write_club_index", "write_indexes", "write_top_index"]

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}
li{{margin:.3rem 0}} .failed{{color:#b00020}} .warning{{color:#8a5300}} small{{color:#666}}</style></head>
<body><h1>{title}</h1>
{body}
<p><small>Transfer Radar report, generated {generated}. Charts are interactive and work offline.</small></p>
</body></html>
"""


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def write_indexes(
    out: Path, slugs: dict[str, str], outcomes: list[Outcome], unknown, as_of: dt.date, generated: str | None = None
) -> None:
    generated = generated or now_text()
    for club, slug in slugs.items():
        mine = sorted((o for o in outcomes if o.job.club_slug == slug), key=lambda o: o.job.output_name)
        write_club_index(inside(out, slug), club, mine, as_of, generated)
    write_top_index(out, unknown, generated)


def now_text() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")


def write_top_index(out: Path, unknown, generated: str, notes: list[str] | None = None) -> None:
    """Links the market watch (on top) and every club report in the folder, this run's and earlier
    runs' (each folder keeps a manifest), so separate runs into one folder, e.g. one cron line per
    club, add up."""
    everything = read_reports(out)
    reports = club_reports(out)
    markets = [r for r in everything if r.kind == "market"]
    dates = sorted({r.as_of for r in everything})
    items = []
    for slug, club, as_of, failed in ((r.slug, r.club, r.as_of, r.failed) for r in reports):
        when = f" <small>as of {as_of:%d %b %Y}</small>" if len(dates) > 1 else ""
        note = f' <span class="failed">({failed} failed)</span>' if failed else ""
        items.append(f"<li>{_link(f'{slug}/index.html', club)}{when}{note}</li>")
    for name, reason in unknown:
        items.append(f'<li class="failed">{html.escape(name)}: {html.escape(reason)}</li>')
    parts = [f'<p class="warning">{html.escape(n)}</p>' for n in notes or []]
    for market in markets:
        when = f" <small>as of {market.as_of:%d %b %Y}</small>" if len(dates) > 1 else ""
        broken = ' <span class="failed">(failed)</span>' if market.failed else ""
        parts.append(
            f"<h2>{_link(f'{market.slug}/index.html', 'Market watch')}</h2>"
            f"<p>What changed across {html.escape(_scope_words(market.club))}: new pursuits, risers and fallers, "
            f"stages reached, contracts entering their last year, completed moves.{when}{broken}</p>"
        )
    if items or not markets:
        parts.append("<h2>Clubs</h2>" if markets else "")
        parts.append(f"<ul>{''.join(items)}</ul>" if items else "<p>No clubs.</p>")
    title = f"Transfer Radar as of {dates[0]:%d %b %Y}" if len(dates) == 1 else "Transfer Radar reports"
    inside(out, "index.html").write_text(
        PAGE.format(title=html.escape(title), body="".join(parts), generated=generated), encoding="utf-8"
    )


def _scope_words(label: str) -> str:
    """The market watch's scope inside a sentence: 'all clubs', or the league or country as named."""
    return "all clubs" if label == "All clubs" else label


def _data_label(data: Path) -> str:
    """A chart with data and no page ('move_probability-ibrahima-konate.csv'), named in words: the
    player as his data writes him ("N'Golo Kanté", not the file name's 'n golo kante')."""
    name, _, who = data.stem.partition("-")
    if who:
        with data.open(encoding="utf-8", errors="replace", newline="") as fh:
            first = next(csv.DictReader(fh), None) or {}
        who = first.get("player") or who.replace("-", " ")
    return name.replace("_", " ") + (f" ({who})" if who else "")


def _chart_label(page: Path) -> str:
    """The chart's own title (charts.to_html writes it, escaped, into <title>), for the index."""
    with page.open(encoding="utf-8", errors="replace") as fh:
        match = re.search(r"<title>(.*?)</title>", fh.read(4096), re.S)
    return html.unescape(match.group(1)).strip() if match else page.stem.replace("_", " ")


def write_club_index(folder: Path, club: str, outcomes: list[Outcome], as_of: dt.date, generated: str) -> None:
    parts = ["<h2>Notebooks</h2><ul>"]
    for o in outcomes:
        name = o.job.output_name
        failed = "" if o.ok else f' <span class="failed">failed: {html.escape(o.error or "")}</span>'
        page = _link(f"{name}.html", o.job.title) if (folder / f"{name}.html").exists() else html.escape(o.job.title)
        executed = (
            f" <small>({_link(f'{name}.ipynb', 'notebook')})</small>" if (folder / f"{name}.ipynb").exists() else ""
        )
        parts.append(f"<li>{page}{executed}{failed}</li>")
    parts.append("</ul><h2>Charts</h2><ul>")
    charts = folder / "charts"
    stems = (
        sorted({p.stem for p in charts.glob("*.html")} | {p.stem for p in charts.glob("*.csv")})
        if charts.is_dir()
        else []
    )
    for stem in stems:  # every chart's data, drawn or not (no probability: a CSV saying why, no chart)
        chart = charts / f"{stem}.html"
        extras = [
            _link(f"charts/{stem}{ext}", ext[1:]) for ext in (".csv", ".png") if (charts / f"{stem}{ext}").exists()
        ]
        if chart.exists():
            parts.append(
                f"<li>{_link(f'charts/{chart.name}', _chart_label(chart))} <small>({', '.join(extras)})</small></li>"
            )
        else:
            parts.append(
                f"<li>{html.escape(_data_label(charts / f'{stem}.csv'))} "
                f"<small>({', '.join(extras)}; no chart: nothing to draw)</small></li>"
            )
    parts.append("</ul>")
    inside(folder, "index.html").write_text(
        PAGE.format(title=html.escape(f"{club} as of {as_of:%d %b %Y}"), body="".join(parts), generated=generated),
        encoding="utf-8",
    )
    write_manifest(folder, club, as_of, generated, sum(not o.ok for o in outcomes))
