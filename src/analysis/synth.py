"""A SYNTHETIC demo league: fictional clubs, players, rumours and contracts.

Why it exists: the repo must ship demo data that is obviously not real (every row carries
`dataset = synthetic-demo`, every name is made up, every url is on the reserved `.invalid` domain),
and the benchmarks need rumour files of millions of rows that still look like the real thing:
stories that move through stages, relays, renewal talks, completed moves that change a player's
club, fees written the many ways newspapers write them.

How it stays fast: the world (clubs, squads, contracts) is small; the rumours are planned per
pursuit (one suitor chasing one player) with numpy, then expanded to rows chunk by chunk and written
by DuckDB, which turns integer codes into text through pandas Categoricals (read as ENUMs) and
quotes the CSV per RFC 4180. No Python loop runs per rumour.
"""

from __future__ import annotations

import datetime
import itertools
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import duckdb
import numpy as np
import pandas as pd

DEMO_START = datetime.date(2023, 7, 1)
DEMO_END = datetime.date(2025, 6, 30)
DATASET_LABEL = "synthetic-demo"
RUMOURS_FILE = "synthetic_demo_rumours.csv"
CONTRACTS_FILE = "synthetic_demo_contracts.csv"

RUMOUR_COLUMNS = [
    "reported_on",
    "player",
    "player_club",
    "interested_club",
    "source",
    "via",
    "stage",
    "fee",
    "headline",
    "url",
    "dataset",
]
CONTRACT_COLUMNS = [
    "player",
    "club",
    "contract_expires",
    "recorded_on",
    "position",
    "date_of_birth",
    "market_value",
    "option_until",
    "dataset",
]

SQUAD_SIZE = 25
CHUNK_ROWS = 500_000
MAX_CLUBS = 2000
RUMOURS_PER_CLUB = 2000

_END_DAY = (DEMO_END - DEMO_START).days  # 730: day offsets run 0.._END_DAY inclusive
_MAX_REPORTS = 10  # per pursuit, terminal report included

# Outlets whose country is `Demo` in data/reference/outlets.csv (kept here so the generator does not
# depend on where the reference folder lives); the first is the clubs' own voice.
DEMO_OUTLETS = [
    "Demo Club Statement",
    "Demo Wire Service",
    "The Demo Chronicle",
    "Radar Sport Daily",
    "Goal Line Gazette",
    "Kit Bag Weekly",
    "Terrace Talk Blog",
    "Transfer Tattler",
]
_OUTLET_WEIGHTS = np.array([0.06, 0.12, 0.14, 0.16, 0.13, 0.12, 0.13, 0.14])

# Stage codes follow data/reference/stage_weights.csv order; 10.. are synonyms from aliases.csv.
STAGES = [
    "monitoring",
    "interest",
    "approach",
    "bid",
    "bid_rejected",
    "negotiating",
    "agreed",
    "completed",
    "ruled_out",
    "denied",
]
_SYNONYMS = {1: "circling", 5: "talks", 3: "offer", 8: "ruled out"}
_STAGE_TEXT = STAGES + [_SYNONYMS[k] for k in sorted(_SYNONYMS)]
_SYNONYM_CODE = np.full(len(STAGES), -1, dtype=np.int8)
for _i, _k in enumerate(sorted(_SYNONYMS)):
    _SYNONYM_CODE[_k] = len(STAGES) + _i
# Path levels of a pursuit: monitoring, interest, approach, bid, (bid_rejected|negotiating), agreed,
# completed. Level 4 is resolved per pursuit.
_LEVEL_CODE = np.array([0, 1, 2, 3, 4, 6, 7], dtype=np.int8)
_NEGOTIATING, _COMPLETED, _RULED_OUT, _DENIED = 5, 7, 8, 9

# Transfer windows as [first, last] day offsets: stories cluster around them.
_WINDOWS = np.array([[0, 62], [184, 215], [366, 428], [550, 583]])

_GBP_EUR = 1.17  # EUR per GBP, roughly the reference FX table over the demo seasons
_USD_EUR = 0.93  # EUR per USD

# Fee kinds (SQL below formats them): none, £m, €m, $M, £ million, raw euros, k, undisclosed, free.
_FEE_NONE, _FEE_GBP_M, _FEE_EUR_M, _FEE_USD_M, _FEE_GBP_MILLION = 0, 1, 2, 3, 4
_FEE_RAW, _FEE_K, _FEE_UNDISCLOSED, _FEE_FREE = 5, 6, 7, 8

# ---------------------------------------------------------------------------------------------
# Names: syllables chosen to read as football names while matching no real player or club.
# ---------------------------------------------------------------------------------------------

_FIRST_NAMES = [
    "Aldo",
    "Bastien",
    "Célio",
    "Dario",
    "Emeric",
    "Gaspard",
    "Hugo",
    "Ilan",
    "Jory",
    "Lorcan",
    "Matéo",
    "Nilo",
    "Oriol",
    "Piet",
    "Quim",
    "Rafe",
    "Santi",
    "Teo",
    "Ulric",
    "Valentin",
    "Wim",
    "Yannick",
    "Zeno",
    "Amadou",
    "Bénédict",
    "Cosmin",
    "Dejan",
    "Élio",
    "Ferran",
    "Goran",
    "Hakon",
    "Idris",
    "Joaquín",
    "Kofi",
    "Linus",
    "Malik",
    "Noé",
    "Osei",
    "Pablo",
    "Rúben",
    "Sékou",
    "Tiago",
    "Umar",
    "Vasco",
    "Wilfried",
    "Yusuf",
    "Zoltán",
    "Aurélien",
    "Brannoc",
    "Ciarán",
    "Darragh",
    "Emil",
    "Florin",
    "Gaël",
    "Henrik",
    "Iñaki",
    "Jonas",
    "Kasper",
    "Leandro",
    "Mattis",
    "Niall",
    "Olek",
    "Pascal",
    "Rasmus",
    "Stellan",
    "Timo",
    "Ugo",
    "Viggo",
    "Warrick",
    "Yoann",
    "Zak",
    "Luca",
    "Anselm",
    "Bruno",
    "Cyprien",
]
_SURNAME_HEADS = [
    "Mar",
    "Vel",
    "Quill",
    "Dor",
    "Bren",
    "Kass",
    "Lun",
    "Tor",
    "Fen",
    "Gar",
    "Hol",
    "Iss",
    "Jav",
    "Kor",
    "Lem",
    "Nov",
    "Orr",
    "Pell",
    "Ras",
    "Sav",
    "Tam",
    "Ulm",
    "Vor",
    "Wend",
    "Yor",
    "Zan",
    "Abr",
    "Cald",
    "Dres",
    "Ebb",
    "Fal",
    "Grel",
    "Hask",
    "Mird",
    "Ners",
    "Pask",
    "Rind",
    "Solm",
    "Trev",
    "Varr",
]
_SURNAME_TAILS = [
    "envo",
    "ardi",
    "ovic",
    "elli",
    "sen",
    "ezzo",
    "ault",
    "ani",
    "eiro",
    "ström",
    "ecki",
    "ouré",
    "enho",
    "aux",
    "berg",
    "enko",
    "ides",
    "ola",
    "ussen",
    "ério",
    "anza",
    "etti",
    "ovar",
    "illo",
    "ander",
    "ot",
    "uzzi",
    "aney",
    "ek",
    "itz",
]
_APOSTROPHE_PREFIXES = ["N'", "D'", "O'"]

_TOWN_HEADS = [
    "North",
    "Ash",
    "Bram",
    "Cinder",
    "Dun",
    "Elder",
    "Fern",
    "Glen",
    "Haw",
    "Iver",
    "Kestrel",
    "Lark",
    "Marl",
    "Nettle",
    "Oak",
    "Pen",
    "Quarry",
    "Raven",
    "Thorn",
    "Umber",
    "Wren",
    "Yar",
    "Zephyr",
    "Alder",
    "Briar",
    "Coal",
    "Drift",
    "Ember",
    "Flint",
    "Gorse",
    "Heron",
    "Ingle",
    "Juniper",
    "Kiln",
    "Lyn",
    "Moss",
    "Otter",
    "Pike",
    "Rook",
    "Sorrel",
]
_TOWN_TAILS = [
    "bridge",
    "combe",
    "holt",
    "mere",
    "wick",
    "stead",
    "haven",
    "moor",
    "dale",
    "worth",
    "gate",
    "brook",
    "wold",
    "den",
    "cliffe",
    "hurst",
    "thorpe",
]
_CLUB_SUFFIXES = [
    "Rovers",
    "Athletic",
    "United",
    "Town",
    "City",
    "Albion",
    "Wanderers",
    "Rangers",
    "Harriers",
    "Borough",
    "Dynamo",
    "FC",
]
_FIRST_CLUBS = [("Northbridge", "Rovers"), ("Ashcombe", "Athletic")]
MAX_NAMED_CLUBS = min(
    len(_TOWN_HEADS) * len(_TOWN_TAILS) * len(_CLUB_SUFFIXES),
    len(_FIRST_NAMES) * len(_SURNAME_HEADS) * len(_SURNAME_TAILS) // SQUAD_SIZE,
)

_POSITIONS = ["GK", "DF", "MF", "FW"]
_SQUAD_POSITIONS = np.repeat(np.arange(4, dtype=np.int8), [3, 8, 8, 6])  # 25 per squad


def demo_club_names(n: int = 20) -> list[str]:
    """Fictional club names, fixed whatever the seed, so the demo club is always the same.

    The list is prefix-stable (the first 20 of 2000 are the 20), towns are all distinct before any
    repeats with another suffix, and every name is unique.
    """
    towns = [h + t for h in _TOWN_HEADS for t in _TOWN_TAILS]
    capacity = len(towns) * len(_CLUB_SUFFIXES)
    if not 0 <= n <= capacity:
        raise ValueError(f"n must be between 0 and {capacity}")
    rng = np.random.default_rng(20230701)
    order = [towns[i] for i in rng.permutation(len(towns))]
    offsets = rng.integers(0, len(_CLUB_SUFFIXES), len(towns))
    for rank, (town, suffix) in enumerate(_FIRST_CLUBS):
        order.remove(town)
        order.insert(rank, town)
        offsets[rank] = _CLUB_SUFFIXES.index(suffix)
    names = []
    for i in range(n):
        t, k = i % len(order), i // len(order)
        names.append(f"{order[t]} {_CLUB_SUFFIXES[(offsets[t] + k) % len(_CLUB_SUFFIXES)]}")
    return names


def default_clubs(rumours: int) -> int:
    """20 clubs for a demo; for benchmarks about 2000 rumours per club, at most 2000 clubs."""
    if rumours <= 20_000:
        return 20
    return int(min(MAX_CLUBS, max(20, round(rumours / RUMOURS_PER_CLUB))))


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def _unique_slugs(names: list[str]) -> list[str]:
    """Slugs serve as Categorical categories, which must be unique even if two names fold alike."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        s = _slug(name)
        seen[s] = seen.get(s, 0) + 1
        out.append(s if seen[s] == 1 else f"{s}-{seen[s]}")
    return out


def _player_names(rng: np.random.Generator, n: int) -> list[str]:
    surnames = [h + t for h in _SURNAME_HEADS for t in _SURNAME_TAILS]
    total = len(_FIRST_NAMES) * len(surnames)
    if n > total:
        raise ValueError(f"at most {total} players can be named")
    combos = rng.choice(total, size=n, replace=False)
    apostrophe = rng.random(n) < 0.05
    prefix = rng.integers(0, len(_APOSTROPHE_PREFIXES), n)
    names = []
    for c, apo, pre in zip(combos.tolist(), apostrophe.tolist(), prefix.tolist()):
        first, sur = _FIRST_NAMES[c // len(surnames)], surnames[c % len(surnames)]
        names.append(f"{first} {_APOSTROPHE_PREFIXES[pre]}{sur}" if apo else f"{first} {sur}")
    return names


# ---------------------------------------------------------------------------------------------
# The world: clubs, squads, initial contracts.
# ---------------------------------------------------------------------------------------------


@dataclass
class _World:
    clubs: list[str]
    players: list[str]
    club_of: np.ndarray  # int32 per player: club at DEMO_START
    position: np.ndarray  # int8 per player
    dob: np.ndarray  # datetime64[D]
    value: np.ndarray  # float64 euros
    expiry_year: np.ndarray  # int16
    has_option: np.ndarray  # bool
    weight: np.ndarray  # float64, chance of being chased (stars are chased by several clubs)


def _build_world(rng: np.random.Generator, n_clubs: int) -> _World:
    clubs = demo_club_names(n_clubs)
    n = n_clubs * SQUAD_SIZE
    players = _player_names(rng, n)
    club_of = np.repeat(np.arange(n_clubs, dtype=np.int32), SQUAD_SIZE)
    position = np.tile(_SQUAD_POSITIONS, n_clubs)
    age_days = rng.integers(17 * 365, 35 * 365, n)
    dob = np.datetime64(DEMO_START.isoformat(), "D") - age_days.astype("timedelta64[D]")
    strength = rng.lognormal(0.0, 0.7, n_clubs)[club_of]
    age = age_days / 365.25
    age_curve = np.exp(-(((age - 26.5) / 6.0) ** 2))
    pos_factor = np.array([0.55, 0.9, 1.1, 1.3])[position]
    star = rng.random(n) < 0.06
    value = 6e6 * strength * age_curve * pos_factor * rng.lognormal(0.0, 0.6, n) * np.where(star, 4.0, 1.0)
    value = np.clip(value, 5e4, 2.2e8)
    value = np.where(value >= 1e6, np.round(value / 1e5) * 1e5, np.round(value / 2.5e4) * 2.5e4)
    expiry_year = rng.choice(np.arange(2025, 2030, dtype=np.int16), n, p=[0.28, 0.26, 0.18, 0.15, 0.13])
    has_option = rng.random(n) < 0.12
    weight = (value / 1e6) ** 0.7
    return _World(clubs, players, club_of, position, dob, value, expiry_year, has_option, weight / weight.sum())


# ---------------------------------------------------------------------------------------------
# The plan: one record per pursuit, numpy arrays throughout.
# ---------------------------------------------------------------------------------------------

_NORMAL, _TALK = 0, 1


@dataclass
class _Plan:
    player: np.ndarray  # int32
    suitor: np.ndarray  # int32
    kind: np.ndarray  # int8: _NORMAL | _TALK (renewal talks: suitor is the player's own club)
    entry: np.ndarray  # int8 path level of the first report
    top: np.ndarray  # int8 path level of the last path report
    level4: np.ndarray  # int8 stage code used at level 4 (bid_rejected or negotiating)
    terminal: np.ndarray  # int8 stage code of a closing report, -1 for none
    n_path: np.ndarray  # int8 path reports planned
    n_emit: np.ndarray  # int8 reports written (the plan is cut to the requested row count)
    n_relay: np.ndarray  # int8 relayed copies written
    relay_shift: np.ndarray  # int8 which reports are relayed
    start: np.ndarray  # int16 day offset of the first report
    offsets: np.ndarray  # int16 (pursuits, _MAX_REPORTS) day offset of each report from start
    move_day: np.ndarray  # int16 per player: completion day, large when the player never moves
    new_club: np.ndarray  # int32 per player
    renewal_day: np.ndarray  # int16 per player, large when no renewal


def _skip_map(r: np.ndarray, a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    """Maps uniform draws onto clubs other than a (and b), so suitors never need re-drawing."""
    if b is None:
        return r + (r >= a)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    s = r + (r >= lo)
    return s + (s >= hi)


def _report_offsets(rng: np.random.Generator, n: int) -> np.ndarray:
    """Days from a pursuit's first report to each of its reports: days to weeks apart."""
    scale = rng.uniform(3.0, 14.0, n)[:, None]
    gaps = np.minimum(1 + np.floor(rng.exponential(1.0, (n, _MAX_REPORTS - 1)) * scale), 45)
    offsets = np.zeros((n, _MAX_REPORTS), dtype=np.int16)
    np.cumsum(gaps, axis=1, out=gaps)
    offsets[:, 1:] = gaps
    return offsets


def _window_days(rng: np.random.Generator, n: int, p: list[float]) -> np.ndarray:
    w = _WINDOWS[rng.choice(len(_WINDOWS), n, p=p)]
    return rng.integers(w[:, 0], w[:, 1] + 1)


def _draw_pursuits(
    rng: np.random.Generator, world: _World, n: int, is_mover: np.ndarray, new_club: np.ndarray, non_movers: np.ndarray
) -> dict[str, np.ndarray]:
    """Pursuits that do not end in a move: ordinary chases and renewal talks."""
    n_clubs = len(world.clubs)
    talk = rng.random(n) < (0.065 if len(non_movers) else 0.0)
    player = rng.choice(len(world.players), n, p=world.weight).astype(np.int32)
    if talk.any():
        w = world.weight[non_movers]
        player[talk] = rng.choice(non_movers, int(talk.sum()), p=w / w.sum())
    own = world.club_of[player]
    mover = is_mover[player]
    suitor = np.where(
        mover,
        _skip_map(rng.integers(0, n_clubs - 2, n), own, new_club[player]),
        _skip_map(rng.integers(0, n_clubs - 1, n), own),
    ).astype(np.int32)
    suitor[talk] = own[talk]
    entry = rng.choice(np.array([0, 1, 2], dtype=np.int8), n, p=[0.3, 0.6, 0.1])
    top = rng.choice(np.arange(6, dtype=np.int8), n, p=[0.12, 0.4, 0.2, 0.12, 0.11, 0.05])
    top = np.maximum(top, entry)
    n_path = np.minimum(1 + rng.binomial(8, 0.3, n), _MAX_REPORTS - 1).astype(np.int8)
    n_path[talk] = 1 + rng.binomial(4, 0.4, int(talk.sum()))
    top = np.where(n_path == 1, entry, top).astype(np.int8)
    level4 = np.where(rng.random(n) < 0.55, 4, _NEGOTIATING).astype(np.int8)
    level4[top > 4] = _NEGOTIATING
    closes = (rng.random(n) < 0.15) & ~talk
    terminal = np.where(closes, np.where(rng.random(n) < 0.65, _RULED_OUT, _DENIED), -1).astype(np.int8)
    offsets = _report_offsets(rng, n)
    n_full = n_path + closes
    span = offsets[np.arange(n), n_full - 1]
    in_window = rng.random(n) < 0.55
    target = _window_days(rng, n, [0.3, 0.2, 0.3, 0.2])
    # A story aimed at a window it cannot reach from DEMO_START opens in that window instead.
    start = np.where(in_window, np.where(target >= span, target - span, target), rng.integers(0, _END_DAY + 1 - span))
    start = np.clip(start, 0, _END_DAY - span).astype(np.int16)
    kind = np.where(talk, _TALK, _NORMAL).astype(np.int8)
    return dict(
        player=player,
        suitor=suitor,
        kind=kind,
        entry=entry,
        top=top,
        level4=level4,
        terminal=terminal,
        n_path=n_path,
        start=start,
        offsets=offsets,
    )


def _plan(rng: np.random.Generator, world: _World, rumours: int) -> _Plan:
    n_players, n_clubs = len(world.players), len(world.clubs)
    star = world.weight > np.quantile(world.weight, 0.9)
    p_move = 0.08 * (1.0 + (world.expiry_year <= 2026)) * (1.0 + 0.8 * star)
    is_mover = rng.random(n_players) < np.minimum(p_move, 0.5)
    movers = np.flatnonzero(is_mover).astype(np.int32)
    non_movers = np.flatnonzero(~is_mover).astype(np.int32)
    new_club = world.club_of.copy()
    own = world.club_of[movers]
    new_club[movers] = _skip_map(rng.integers(0, n_clubs - 1, len(movers)), own)

    # One winning pursuit per mover, planned to complete inside a window (or, for a player whose
    # contract runs out in 2025, any time in the pre-contract months of 2025 as a free transfer).
    m = len(movers)
    free = (world.expiry_year[movers] == 2025) & (rng.random(m) < 0.5)
    n_path = (4 + rng.binomial(5, 0.5, m)).astype(np.int8)
    offsets = _report_offsets(rng, m)
    span = offsets[np.arange(m), n_path - 1]
    done_day = np.where(free, rng.integers(550, _END_DAY + 1, m), _window_days(rng, m, [0.3, 0.2, 0.3, 0.2]))
    # A long chase cannot finish in the first summer: it finishes a year later.
    done_day = np.where((done_day < span) & (done_day + 366 <= _END_DAY), done_day + 366, done_day)
    start = np.clip(done_day - span, 0, _END_DAY - span).astype(np.int16)
    parts = [
        dict(
            player=movers,
            suitor=new_club[movers],
            kind=np.zeros(m, np.int8),
            entry=rng.choice(np.array([0, 1], dtype=np.int8), m, p=[0.4, 0.6]),
            top=np.full(m, 6, np.int8),
            level4=np.full(m, _NEGOTIATING, np.int8),
            terminal=np.full(m, -1, np.int8),
            n_path=n_path,
            start=start,
            offsets=offsets,
        )
    ]

    def rows_of(part: dict[str, np.ndarray]) -> np.ndarray:
        n_full = part["n_path"].astype(np.int64) + (part["terminal"] >= 0)
        part["n_relay"] = rng.binomial(n_full, 0.15).astype(np.int8)
        return n_full + part["n_relay"]

    total = int(rows_of(parts[0]).sum())
    while total < rumours:
        want = int((rumours - total) / 4.0 * 1.05) + 16
        part = _draw_pursuits(rng, world, want, is_mover, new_club, non_movers)
        total += int(rows_of(part).sum())
        parts.append(part)
    cols = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}

    # Cut the plan to exactly `rumours` rows; the last pursuit kept may stop early.
    n_full = cols["n_path"].astype(np.int64) + (cols["terminal"] >= 0)
    rows = n_full + cols["n_relay"]
    ends = np.cumsum(rows)
    keep = int(np.searchsorted(ends, rumours, side="left")) + 1 if rumours > 0 else 0
    keep = min(keep, len(rows))
    cols = {k: v[:keep] for k, v in cols.items()}
    n_emit = n_full[:keep].copy()
    n_relay = cols["n_relay"].astype(np.int64)
    if keep:
        remaining = rumours - (int(ends[keep - 2]) if keep > 1 else 0)
        last = keep - 1
        if remaining <= n_emit[last]:
            n_emit[last], n_relay[last] = remaining, 0
        else:
            n_relay[last] = remaining - n_emit[last]

    # Moves happen only where the winning pursuit's completion report survived the cut.
    move_day = np.full(n_players, 32767, dtype=np.int16)
    idx = np.arange(min(m, keep))
    won = n_emit[idx] == cols["n_path"][idx]
    won_idx = idx[won]
    completion = cols["start"][won_idx] + cols["offsets"][won_idx, cols["n_path"][won_idx] - 1]
    move_day[movers[won_idx]] = completion
    new_club = np.where(move_day < 32767, new_club, world.club_of).astype(np.int32)

    # Some renewal talks end in a new contract a few days to two weeks after the last talk.
    renewal_day = np.full(n_players, 32767, dtype=np.int16)
    talks = np.flatnonzero(cols["kind"] == _TALK)
    if len(talks):
        last_talk = cols["start"][talks] + cols["offsets"][talks, n_emit[talks] - 1]
        np.minimum.at(renewal_day, cols["player"][talks], last_talk.astype(np.int16))
        talked = renewal_day < 32767
        day = renewal_day.astype(np.int32) + rng.integers(1, 15, n_players)
        renews = talked & (rng.random(n_players) < 0.4) & (day <= _END_DAY)
        renewal_day = np.where(renews, day, 32767).astype(np.int16)

    order = np.argsort(cols["start"], kind="stable")
    cols = {k: v[order] for k, v in cols.items()}
    n_emit, n_relay = n_emit[order], n_relay[order]
    relay_shift = (rng.random(keep) * np.maximum(n_emit, 1)).astype(np.int8)
    return _Plan(
        player=cols["player"],
        suitor=cols["suitor"],
        kind=cols["kind"],
        entry=cols["entry"],
        top=cols["top"],
        level4=cols["level4"],
        terminal=cols["terminal"],
        n_path=cols["n_path"],
        n_emit=n_emit.astype(np.int8),
        n_relay=n_relay.astype(np.int8),
        relay_shift=relay_shift,
        start=cols["start"],
        offsets=cols["offsets"],
        move_day=move_day,
        new_club=new_club,
        renewal_day=renewal_day,
    )


# ---------------------------------------------------------------------------------------------
# Rows: a chunk of pursuits expanded to reports, then to rows (relays are extra rows).
# ---------------------------------------------------------------------------------------------


def _fee_columns(
    rng: np.random.Generator, stage: np.ndarray, value: np.ndarray, day: np.ndarray, expiring: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fees only where a sum is on the table, written the many ways the press writes them."""
    n = len(stage)
    has_fee = (stage == 3) | (stage == 6) | (stage == _COMPLETED)
    factor = np.where(stage == 3, rng.uniform(0.6, 1.1, n), rng.uniform(0.9, 1.6, n))
    eur = value * factor
    kind = rng.choice(np.array([1, 2, 3, 4, 5, 7], dtype=np.int8), n, p=[0.32, 0.26, 0.06, 0.12, 0.10, 0.14])
    small = eur < 1e6
    kind = np.where(small & (kind != _FEE_UNDISCLOSED), _FEE_K, kind)
    # A player whose contract ends on 30 June 2025 can sign a pre-contract from January: free.
    free = (stage != 3) & expiring & (day >= 550) & (rng.random(n) < 0.8)
    kind = np.where(free, _FEE_FREE, kind)
    kind = np.where(has_fee, kind, _FEE_NONE).astype(np.int8)
    millions = (
        np.select(
            [kind == _FEE_GBP_M, kind == _FEE_GBP_MILLION, kind == _FEE_USD_M],
            [eur / _GBP_EUR, eur / _GBP_EUR, eur / _USD_EUR],
            eur,
        )
        / 1e6
    )
    millions = np.where(millions >= 10, np.round(millions * 2) / 2, np.round(millions, 1))
    raw = np.where(kind == _FEE_K, np.round(eur / 5e4) * 5e4, np.round(eur / 1e5) * 1e5)
    return kind, millions, np.maximum(raw, 5e4).astype(np.int64)


def _chunk_frame(
    plan: _Plan, world: _World, a: int, b: int, rng: np.random.Generator, categories: dict[str, pd.Index]
) -> pd.DataFrame:
    """Rows for pursuits a..b-1; every text column is a Categorical so DuckDB sees ENUM codes."""
    n_emit = plan.n_emit[a:b].astype(np.int64)
    pid = np.repeat(np.arange(a, b), n_emit)
    first = np.cumsum(n_emit) - n_emit
    j = np.arange(len(pid)) - np.repeat(first, n_emit)
    nrep = len(pid)

    day = plan.start[pid].astype(np.int32) + plan.offsets[pid, j]
    player = plan.player[pid]
    suitor = plan.suitor[pid]
    kind = plan.kind[pid]
    entry, top, n_path = plan.entry[pid].astype(np.int32), plan.top[pid], plan.n_path[pid].astype(np.int32)
    level = entry + (j * (top - entry)) // np.maximum(n_path - 1, 1)
    stage = _LEVEL_CODE[np.minimum(level, 6)]
    stage = np.where(level == 4, plan.level4[pid], stage)
    stage = np.where(j >= n_path, plan.terminal[pid], stage)
    stage = np.where(kind == _TALK, _NEGOTIATING, stage).astype(np.int8)
    synonym = _SYNONYM_CODE[stage]
    written = np.where((synonym >= 0) & (rng.random(nrep) < 0.1), synonym, stage)

    moved = plan.move_day[player] < day
    player_club = np.where(moved, plan.new_club[player], world.club_of[player])

    source = rng.choice(len(DEMO_OUTLETS), nrep, p=_OUTLET_WEIGHTS).astype(np.int8)
    official = ((stage == _COMPLETED) & (rng.random(nrep) < 0.55)) | ((stage == _DENIED) & (rng.random(nrep) < 0.4))
    source[official] = 0
    stamped = rng.random(nrep) < 0.1
    seconds = rng.integers(6 * 3600, 23 * 3600, nrep)
    expiring = (world.expiry_year[player] == 2025) & (plan.renewal_day[player] > day)
    fee_kind, fee_m, fee_raw = _fee_columns(rng, stage, world.value[player], day, expiring)
    variant = rng.integers(0, 60, nrep).astype(np.int8)
    report_id = pid.astype(np.int64) * _MAX_REPORTS + j

    n_relay = plan.n_relay[pid].astype(np.int64)
    relayed = ((j - plan.relay_shift[pid]) % np.maximum(plan.n_emit[pid], 1)) < n_relay
    rep = np.repeat(np.arange(nrep), 1 + relayed)
    is_relay = np.zeros(len(rep), dtype=bool)
    is_relay[1:] = rep[1:] == rep[:-1]
    via = np.full(len(rep), -1, dtype=np.int16)
    src = source[rep]
    other = rng.integers(0, len(DEMO_OUTLETS) - 1, int(is_relay.sum()))
    via[is_relay] = (src[is_relay] + 1 + other) % len(DEMO_OUTLETS)

    def cat(codes: np.ndarray, name: str) -> pd.Categorical:
        return pd.Categorical.from_codes(codes, categories=categories[name], validate=False)

    sec = seconds[rep]
    return pd.DataFrame(
        {
            "d": cat(day[rep], "dates"),
            "stamped": stamped[rep],
            "hh": (sec // 3600).astype(np.int8),
            "mi": (sec // 60 % 60).astype(np.int8),
            "ss": (sec % 60).astype(np.int8),
            "player": cat(player[rep], "players"),
            "pslug": cat(player[rep], "player_slugs"),
            "pclub": cat(player_club[rep], "clubs"),
            "iclub": cat(suitor[rep], "clubs"),
            "islug": cat(suitor[rep], "club_slugs"),
            "source": cat(src, "outlets"),
            "via": cat(via, "outlets"),
            "stage": cat(written[rep], "stages"),
            "st": stage[rep],
            "renewal": (kind == _TALK)[rep],
            "fk": fee_kind[rep],
            "fm": fee_m[rep],
            "fr": fee_raw[rep],
            "hv": variant[rep],
            "rid": report_id[rep],
        }
    )


# Headline templates per stage: {S} suitor, {P} player, {C} the player's club. Some carry commas and
# double quotes on purpose, so the CSV quoting is exercised.
_HEADLINES: dict[int, list[str]] = {
    0: ["{S} keeping tabs on {P}", "{S} scouts watch {C} ace {P} again", "{P} on {S} shortlist"],
    1: [
        "{S} step up interest in {P}",
        "{S} keen on {C} star {P}",
        "{P}, wanted by {S}, weighs future at {C}",
        "{S} circling {P}",
    ],
    2: ["{S} make contact over {P}", "{S} approach {C} about {P}", "{P}'s camp meets {S}"],
    3: ["{S} table offer for {P}", "{C} weigh {S} bid for {P}", "{S} launch bid for {P}, say sources"],
    4: ["{C} reject {S} bid for {P}", "{S} offer for {P} turned down", '{C} to {S}: "{P} not for sale"'],
    5: ["{S} in talks with {C} over {P}", "{S} and {C} negotiate {P} fee"],
    6: ["{S} agree terms for {P}", "{P} to {S}: fee agreed, medical next", "Here we go: {P} to {S}"],
    7: ["{S} complete signing of {P}", "Official: {P} joins {S} from {C}", "{P} signs for {S}"],
    8: ["{S} rule out move for {P}", "{S} cool interest in {P}", "{S} pull out of {P} race"],
    9: ["{C} deny {P} approach from {S}", '{S} boss: "No truth in {P} links"', "{S} deny {P} bid"],
}
_RENEWAL_HEADLINES = [
    "{C} open contract talks with {P}",
    "{P}, {C} discuss new deal",
    "{P} in talks over fresh {C} contract",
]


def _template_sql(template: str) -> str:
    """Turns '{S} step up interest in {P}' into a SQL concatenation of columns and literals."""
    parts, rest = [], template
    refs = {"{S}": "iclub::VARCHAR", "{P}": "player::VARCHAR", "{C}": "pclub::VARCHAR"}
    while rest:
        hits = [(rest.find(k), k) for k in refs if rest.find(k) >= 0]
        if not hits:
            parts.append("'" + rest.replace("'", "''") + "'")
            break
        pos, key = min(hits)
        if pos:
            parts.append("'" + rest[:pos].replace("'", "''") + "'")
        parts.append(refs[key])
        rest = rest[pos + len(key) :]
    return " || ".join(parts)


def _pick_sql(templates: list[str]) -> str:
    whens = " ".join(f"WHEN {i} THEN {_template_sql(t)}" for i, t in enumerate(templates))
    return f"CASE hv % {len(templates)} {whens} END"


def _rumour_select() -> str:
    by_stage = " ".join(f"WHEN {s} THEN {_pick_sql(t)}" for s, t in _HEADLINES.items())
    headline = f"CASE WHEN renewal THEN {_pick_sql(_RENEWAL_HEADLINES)} ELSE CASE st {by_stage} END END"
    fee = f"""CASE fk
        WHEN {_FEE_GBP_M} THEN '£' || printf('%g', fm) || 'm'
        WHEN {_FEE_EUR_M} THEN '€' || printf('%g', fm) || 'm'
        WHEN {_FEE_USD_M} THEN '$' || printf('%g', fm) || 'M'
        WHEN {_FEE_GBP_MILLION} THEN '£' || printf('%g', fm) || ' million'
        WHEN {_FEE_RAW} THEN printf('%d', fr)
        WHEN {_FEE_K} THEN printf('%d', fr // 1000) || 'k'
        WHEN {_FEE_UNDISCLOSED} THEN 'undisclosed'
        WHEN {_FEE_FREE} THEN 'free'
        ELSE NULL END"""
    return f"""SELECT
        CASE WHEN stamped THEN d::VARCHAR || printf('T%02d:%02d:%02dZ', hh, mi, ss)
             ELSE d::VARCHAR END AS reported_on,
        player::VARCHAR AS player, pclub::VARCHAR AS player_club, iclub::VARCHAR AS interested_club,
        source::VARCHAR AS source, via::VARCHAR AS via, stage::VARCHAR AS stage,
        {fee} AS fee,
        {headline} AS headline,
        'https://demo.invalid/' || pslug::VARCHAR || '-' || islug::VARCHAR || '-' || rid::VARCHAR AS url,
        '{DATASET_LABEL}' AS dataset
      FROM chunk"""


# ---------------------------------------------------------------------------------------------
# Contracts
# ---------------------------------------------------------------------------------------------


def _market_value(euros: np.ndarray) -> list[str]:
    return [f"€{v / 1e6:.2f}m" if v >= 1e6 else f"€{round(v / 1e3)}k" for v in euros.tolist()]


def _june30(years: np.ndarray) -> list[str]:
    return [f"{y}-06-30" for y in years.tolist()]


def _days_to_iso(days: np.ndarray) -> list[str]:
    base = np.datetime64(DEMO_START.isoformat(), "D")
    return np.datetime_as_string(base + days.astype("timedelta64[D]"), unit="D").tolist()


def _season_end_year(days: np.ndarray) -> np.ndarray:
    """The calendar year whose 30 June closes the season containing each day."""
    base = np.datetime64(DEMO_START.isoformat(), "D")
    dates = base + days.astype("timedelta64[D]")
    year = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    month = (dates.astype("datetime64[M]").astype(np.int64) % 12) + 1
    return np.where(month >= 7, year + 1, year)


def _contracts_frame(rng: np.random.Generator, world: _World, plan: _Plan) -> pd.DataFrame:
    n = len(world.players)
    positions = np.array(_POSITIONS)[world.position].tolist()
    dob = np.datetime_as_string(world.dob, unit="D").tolist()
    option = np.where(world.has_option, world.expiry_year + 1, 0)
    initial = pd.DataFrame(
        {
            "player": world.players,
            "club": [world.clubs[c] for c in world.club_of.tolist()],
            "contract_expires": _june30(world.expiry_year),
            "recorded_on": [None] * n,
            "position": positions,
            "date_of_birth": dob,
            "market_value": _market_value(world.value),
            "option_until": [f"{y}-06-30" if y else None for y in option.tolist()],
        }
    )

    renewers = np.flatnonzero(plan.renewal_day <= _END_DAY)
    r_day = plan.renewal_day[renewers]
    r_year = np.maximum(world.expiry_year[renewers], _season_end_year(r_day))
    r_year = r_year + rng.integers(1, 5, len(renewers))
    r_value = np.round(world.value[renewers] * rng.uniform(1.0, 1.3, len(renewers)) / 1e5) * 1e5
    movers = np.flatnonzero(plan.move_day <= _END_DAY)
    m_day = plan.move_day[movers]
    m_year = _season_end_year(m_day) + rng.integers(2, 6, len(movers))
    m_value = np.round(world.value[movers] * rng.uniform(1.0, 1.5, len(movers)) / 1e5) * 1e5
    players = np.concatenate([renewers, movers])
    later = pd.DataFrame(
        {
            "player": [world.players[p] for p in players.tolist()],
            "club": [world.clubs[c] for c in np.concatenate([world.club_of[renewers], plan.new_club[movers]]).tolist()],
            "contract_expires": _june30(np.concatenate([r_year, m_year])),
            "recorded_on": _days_to_iso(np.concatenate([r_day, m_day])),
            "position": [positions[p] for p in players.tolist()],
            "date_of_birth": [dob[p] for p in players.tolist()],
            "market_value": _market_value(np.maximum(np.concatenate([r_value, m_value]), 5e4)),
            "option_until": [None] * len(players),
        }
    )
    later = later.sort_values(["recorded_on", "player"], kind="stable")
    frame = pd.concat([initial, later], ignore_index=True)
    frame["dataset"] = DATASET_LABEL
    return frame


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def _copy_csv(con: duckdb.DuckDBPyConnection, select: str, path: Path, header: bool) -> None:
    target = str(path).replace("'", "''")
    con.execute(f"COPY ({select}) TO '{target}' (FORMAT CSV, HEADER {str(header).lower()}, DELIMITER ',')")


def generate(
    out_dir: Path,
    rumours: int = 4000,
    seed: int = 7,
    clubs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Path]:
    """Writes out_dir/rumours/synthetic_demo_rumours.csv and out_dir/contracts/synthetic_demo_contracts.csv
    (creating folders); returns {"rumours": path, "contracts": path}.

    Deterministic for a seed (and clubs); the rumours file has exactly `rumours` data rows.
    """
    if rumours < 0:
        raise ValueError("rumours must be >= 0")
    n_clubs = default_clubs(rumours) if clubs is None else int(clubs)
    if not 3 <= n_clubs <= MAX_NAMED_CLUBS:
        # 3: a player who moves still needs suitors other than his old and new club.
        raise ValueError(f"clubs must be between 3 and {MAX_NAMED_CLUBS}")
    report = progress or (lambda _msg: None)
    out_dir = Path(out_dir)
    rumours_path = out_dir / "rumours" / RUMOURS_FILE
    contracts_path = out_dir / "contracts" / CONTRACTS_FILE
    rumours_path.parent.mkdir(parents=True, exist_ok=True)
    contracts_path.parent.mkdir(parents=True, exist_ok=True)

    rng = np.random.default_rng([seed, 0])
    world = _build_world(rng, n_clubs)
    report(f"synthetic world: {n_clubs} clubs, {len(world.players)} players")
    plan = _plan(rng, world, rumours)
    report(f"planned {len(plan.player)} pursuits for {rumours} rumours")

    con = duckdb.connect()
    tmp_contracts = contracts_path.with_name(contracts_path.name + ".part")
    try:
        contracts = _contracts_frame(rng, world, plan)
        con.register("contracts_frame", contracts)
        _copy_csv(con, f"SELECT {', '.join(CONTRACT_COLUMNS)} FROM contracts_frame", tmp_contracts, True)
        con.unregister("contracts_frame")
        os.replace(tmp_contracts, contracts_path)
        report(f"contracts: {len(contracts)} rows -> {contracts_path}")
        _write_rumours(con, plan, world, seed, rumours, rumours_path, report)
    finally:
        con.close()
        tmp_contracts.unlink(missing_ok=True)
    return {"rumours": rumours_path, "contracts": contracts_path}


def _append(part: Path, out: BinaryIO) -> None:
    """Appends a part file without passing gigabytes through Python where the kernel can copy."""
    with open(part, "rb") as src:
        size = os.fstat(src.fileno()).st_size
        if hasattr(os, "copy_file_range"):
            out.flush()
            done = 0
            try:
                while done < size:
                    n = os.copy_file_range(src.fileno(), out.fileno(), size - done)
                    if n == 0:
                        break
                    done += n
            except OSError:
                pass
            if done == size:
                out.seek(0, os.SEEK_END)
                return
            src.seek(done)
            out.seek(0, os.SEEK_END)
        shutil.copyfileobj(src, out, 16 << 20)


def _write_rumours(
    con: duckdb.DuckDBPyConnection,
    plan: _Plan,
    world: _World,
    seed: int,
    rumours: int,
    path: Path,
    report: Callable[[str], None],
) -> None:
    """Chunks go to part files (DuckDB cannot append to a CSV), then are concatenated in-kernel."""
    categories = {
        "dates": pd.Index(_days_to_iso(np.arange(_END_DAY + 1))),
        "players": pd.Index(world.players),
        "player_slugs": pd.Index(_unique_slugs(world.players)),
        "clubs": pd.Index(world.clubs),
        "club_slugs": pd.Index(_unique_slugs(world.clubs)),
        "outlets": pd.Index(DEMO_OUTLETS),
        "stages": pd.Index(_STAGE_TEXT),
    }
    rows = plan.n_emit.astype(np.int64) + plan.n_relay
    ends = np.cumsum(rows)
    bounds = [0]
    while bounds[-1] < len(rows):
        target = (int(ends[bounds[-1] - 1]) if bounds[-1] else 0) + CHUNK_ROWS
        bounds.append(max(bounds[-1] + 1, int(np.searchsorted(ends, target, side="right"))))
    select = _rumour_select()
    tmp_dir = Path(tempfile.mkdtemp(prefix=".synth-", dir=path.parent.parent))
    tmp_path = path.with_name(path.name + ".part")
    try:
        header = tmp_dir / "header.csv"
        header.write_text(",".join(RUMOUR_COLUMNS) + "\n", encoding="utf-8")
        parts = [header]
        written = 0
        for i, (a, b) in enumerate(itertools.pairwise(bounds)):
            frame = _chunk_frame(plan, world, a, b, np.random.default_rng([seed, 1, i]), categories)
            con.register("chunk", frame)
            part = tmp_dir / f"part-{i:05d}.csv"
            _copy_csv(con, select, part, False)
            con.unregister("chunk")
            parts.append(part)
            written += len(frame)
            report(f"rumours: {written:,}/{rumours:,} rows")
        with open(tmp_path, "wb") as out:
            for part in parts:
                _append(part, out)
                part.unlink()
        os.replace(tmp_path, path)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        tmp_path.unlink(missing_ok=True)
