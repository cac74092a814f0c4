"""Index pages of a report folder: plain, offline, every name escaped."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import re
from pathlib import Path

from analysis.report.execute import Outcome
from analysis.report.paths import inside

MANIFEST = "report.json"  # per club folder: which club, as of when, for the top index

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}
li{{margin:.3rem 0}} .failed{{color:#b00020}} small{{color:#666}}</style></head>
<body><h1>{title}</h1>
{body}
<p><small>Transfer Radar report, generated {generated}. Charts are interactive and work offline.</small></p>
</body></html>
"""


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def _manifests(out: Path) -> list[tuple[str, str, dt.date, int]]:
    """The club reports in `out` (slug, club, as-of date, failed notebooks), from their manifests;
    one that is not ours, or half-written by a run still going, is left out."""
    reports = []
    for manifest in out.glob(f"*/{MANIFEST}"):
        if not re.fullmatch(r"[a-z0-9-]+", manifest.parent.name):  # not a folder a report makes: never a link
            continue
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            info = json.loads(manifest.read_text(encoding="utf-8"))
            reports.append(
                (
                    manifest.parent.name,
                    str(info["club"]),
                    dt.date.fromisoformat(info["as_of"]),
                    int(info.get("failed", 0)),
                )
            )
    return reports


def write_indexes(out: Path, slugs: dict[str, str], outcomes: list[Outcome], unknown, as_of: dt.date) -> None:
    generated = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    for club, slug in slugs.items():
        mine = sorted((o for o in outcomes if o.job.club_slug == slug), key=lambda o: o.job.output_name)
        write_club_index(inside(out, slug), club, mine, as_of, generated)
    write_top_index(out, unknown, generated)


def write_top_index(out: Path, unknown, generated: str) -> None:
    """Links every club report in the folder, this run's and earlier runs' (each club folder keeps
    a manifest), so separate runs into one folder, e.g. one cron line per club, add up."""
    reports = sorted(_manifests(out), key=lambda r: (r[1].casefold(), r[0]))
    dates = sorted({r[2] for r in reports})
    items = []
    for slug, club, as_of, failed in reports:
        when = f" <small>as of {as_of:%d %b %Y}</small>" if len(dates) > 1 else ""
        note = f' <span class="failed">({failed} failed)</span>' if failed else ""
        items.append(f"<li>{_link(f'{slug}/index.html', club)}{when}{note}</li>")
    for name, reason in unknown:
        items.append(f'<li class="failed">{html.escape(name)}: {html.escape(reason)}</li>')
    body = f"<ul>{''.join(items)}</ul>" if items else "<p>No clubs.</p>"
    title = f"Transfer Radar as of {dates[0]:%d %b %Y}" if len(dates) == 1 else "Transfer Radar reports"
    inside(out, "index.html").write_text(
        PAGE.format(title=html.escape(title), body=body, generated=generated), encoding="utf-8"
    )


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
    for chart in sorted(charts.glob("*.html")) if charts.is_dir() else []:
        extras = [
            _link(f"charts/{chart.stem}{ext}", ext[1:])
            for ext in (".csv", ".png")
            if (charts / f"{chart.stem}{ext}").exists()
        ]
        parts.append(
            f"<li>{_link(f'charts/{chart.name}', _chart_label(chart))} <small>({', '.join(extras)})</small></li>"
        )
    parts.append("</ul>")
    inside(folder, "index.html").write_text(
        PAGE.format(title=html.escape(f"{club} as of {as_of:%d %b %Y}"), body="".join(parts), generated=generated),
        encoding="utf-8",
    )
    manifest = {
        "club": club,
        "as_of": as_of.isoformat(),
        "generated": generated,
        "failed": sum(not o.ok for o in outcomes),
    }
    inside(folder, MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
