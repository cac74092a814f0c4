"""Which reports a report folder holds: each club folder (and the market folder) keeps a small
manifest, so the top index, the market page's links and later runs into the same folder agree."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.report.paths import inside

MANIFEST = "report.json"  # per report folder: which club (or the market), as of when, what failed
MARKET = "market"  # DIR/market/ (SPEC 11); no club slug may take it


@dataclass(frozen=True)
class Report:
    slug: str  # the folder's name
    club: str  # the club, or for the market watch its scope ("All clubs", a league)
    as_of: dt.date
    failed: int = 0
    kind: str = "club"  # or "market"


def read_reports(out: Path) -> list[Report]:
    """The reports in `out`, from their manifests; one that is not ours, or half-written, is left
    out, and so is any folder whose name a report would never make (never a link)."""
    reports = []
    for manifest in Path(out).glob(f"*/{MANIFEST}"):
        if not re.fullmatch(r"[a-z0-9-]+", manifest.parent.name):
            continue
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            info = json.loads(manifest.read_text(encoding="utf-8"))
            kind = "market" if manifest.parent.name == MARKET and info.get("kind") == "market" else "club"
            reports.append(
                Report(
                    manifest.parent.name,
                    str(info["club"]),
                    dt.date.fromisoformat(info["as_of"]),
                    int(info.get("failed", 0)),
                    kind,
                )
            )
    return reports


def club_reports(out: Path) -> list[Report]:
    return sorted((r for r in read_reports(out) if r.kind == "club"), key=lambda r: (r.club.casefold(), r.slug))


def write_manifest(folder: Path, club: str, as_of: dt.date, generated: str, failed: int, kind: str = "club") -> None:
    manifest = {"club": club, "as_of": as_of.isoformat(), "generated": generated, "failed": failed, "kind": kind}
    inside(folder, MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
