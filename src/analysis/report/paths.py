"""Paths a report writes: slugs and file names made from data, never able to leave the output folder."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from analysis.errors import UserError

MAX_SLUG = 80  # leaves room for prefixes and extensions within any file system's name limit


def _digest(name: str) -> str:
    return hashlib.sha1(str(name).encode()).hexdigest()[:8]


def _ascii(name: str) -> str:
    """Each character as ASCII: its decomposition's ASCII part where it has one ('é' -> 'e', as
    slugs always were), else its anyascii transliteration ('ø' -> 'o', 'ı' -> 'i', '北' -> 'Bei'),
    so no letter is dropped. Names whose letters all decompose keep their old slug; a letter that was
    dropped before ('ø', 'ß', 'ł', 'æ', 'ı') is now written, so such a club gets a new folder once
    (FK Bodø/Glimt: fk-bod-glimt before, fk-bodo-glimt now)."""
    from anyascii import anyascii

    parts = []
    for char in name:
        if char.isascii():
            parts.append(char)
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        kept = decomposed.encode("ascii", "ignore").decode()
        parts.append(kept if kept else anyascii(char))
    return "".join(parts)


def slugify(name: str, fallback: str = "club") -> str:
    """'Real Madrid' -> 'real-madrid', 'FK Bodø/Glimt' -> 'fk-bodo-glimt'; only [a-z0-9-] survive,
    so a slug is never a path. A name with no letters or digits, or too long for a file name, is
    told apart by a digest of it."""
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(str(name)).lower()).strip("-")
    if not slug:
        return f"{fallback}-{_digest(name)}"
    if len(slug) > MAX_SLUG:
        return f"{slug[: MAX_SLUG - 9].rstrip('-')}-{_digest(name)}"
    return slug


def unique_slugs(
    names: list[str], fallback: str = "club", others: Iterable[str] = (), reserved: Iterable[str] = ()
) -> dict[str, str]:
    """Each name's slug (SPEC 7), except where names share one ('Twin FC', 'Twin-FC'): then every
    one of them gets its digest appended. Whether a name clashes depends only on the names given and
    `others` (every club the warehouse knows), never on their order or on what an earlier run left
    in the folder: no report overwrites another's, and none takes another's plain slug. A slug in
    `reserved` (the market watch's folder) is taken by no name."""
    plain = {name: slugify(name, fallback) for name in {*names, *others}}
    shared = Counter([*plain.values(), *reserved, *reserved])
    return {name: plain[name] if shared[plain[name]] == 1 else f"{plain[name]}-{_digest(name)}" for name in names}


def chart_name(name: str) -> str:
    """Chart file stem: SPEC names keep their underscores (interest_intensity); anything else that
    could make a path (slashes, dots, spaces) becomes '-'."""
    stem = re.sub(r"[^a-z0-9_-]+", "-", str(name).lower()).strip("-")
    if not stem:
        raise UserError(f"not a usable chart name: {name!r}")
    return stem


def inside(root: Path, *parts: str) -> Path:
    """root/parts, refusing anything that would resolve outside root."""
    root = Path(root).resolve()
    target = root.joinpath(*parts).resolve()
    if target != root and root not in target.parents:
        raise UserError(f"refusing to write outside {root}: {'/'.join(parts)}")
    return target
