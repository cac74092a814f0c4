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

from analysis.synth_truth import (
    TRUTH_FILE,
    Assignment,
    Calendar,
    Effects,
    Truth,
    assign_outlets,
    calendar,
    draw_effects,
    draw_outlets,
)

DEMO_START = datetime.date(2023, 7, 1)
DEMO_END = datetime.date(2025, 6, 30)
DATASET_LABEL = "synthetic-demo"
RUMOURS_FILE = "synthetic_demo_rumours.csv"
CONTRACTS_FILE = "synthetic_demo_contracts.csv"
TRANSFERS_FILE = "synthetic_demo_transfers.csv"

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

TRANSFER_COLUMNS = ["player", "from_club", "to_club", "transfer_date", "fee", "is_loan", "dataset"]

SQUAD_SIZE = 25
CHUNK_ROWS = 500_000
MAX_CLUBS = 2000
RUMOURS_PER_CLUB = 2000

_MAX_REPORTS = 10  # per pursuit, closing reports (agreed, completed, ruled out, denied) included

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
_DEMO_TIERS = [1, 1, 2, 2, 3, 3, 4, 4]  # as data/reference/outlets.csv lists them

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

NEVER = 10**6  # a day offset no league reaches: "never moves", "never renews"


@dataclass
class _World:
    clubs: list[str]
    players: list[str]
    club_of: np.ndarray  # int32 per player: club at DEMO_START
    position: np.ndarray  # int8 per player
    dob: np.ndarray  # datetime64[D]
    value: np.ndarray  # float64 euros
    expiry_year: np.ndarray  # int16
    expiry_day: np.ndarray  # int64 day offset of that 30 June
    has_option: np.ndarray  # bool
    weight: np.ndarray  # float64, chance of being chased (stars are chased by several clubs)


def _expiry_years(rng: np.random.Generator, n: int, seasons: int) -> np.ndarray:
    """Contracts run out on 30 June, two to six years after the league starts (two seasons), or
    spread over more years for a longer league."""
    first = DEMO_START.year + 2
    if seasons == 2:
        p = np.array([0.28, 0.26, 0.18, 0.15, 0.13])
    else:
        p = np.linspace(1.0, 0.5, seasons + 3)
        p = p / p.sum()
    return (first + rng.choice(len(p), n, p=p)).astype(np.int16)


def _build_world(rng: np.random.Generator, n_clubs: int, seasons: int = 2) -> _World:
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
    expiry_year = _expiry_years(rng, n, seasons)
    june30 = np.array([f"{y}-06-30" for y in expiry_year.tolist()], dtype="datetime64[D]")
    expiry_day = (june30 - np.datetime64(DEMO_START.isoformat(), "D")).astype(np.int64)
    has_option = rng.random(n) < 0.12
    weight = (value / 1e6) ** 0.7
    return _World(
        clubs, players, club_of, position, dob, value, expiry_year, expiry_day, has_option, weight / weight.sum()
    )


# ---------------------------------------------------------------------------------------------
# The plan: one record per pursuit, numpy arrays throughout. A pursuit is decided (ends in a move
# or not) from its drawn stage effects; who reports each of its stories comes last, from whether
# the story came true (see analysis.synth_truth).
# ---------------------------------------------------------------------------------------------

_NORMAL, _TALK = 0, 1
_AGREED = 6


@dataclass
class _Plan:
    player: np.ndarray  # int32
    suitor: np.ndarray  # int32
    kind: np.ndarray  # int8: _NORMAL | _TALK (renewal talks: suitor is the player's own club)
    n_emit: np.ndarray  # int8 reports written (the plan is cut to the requested row count)
    n_relay: np.ndarray  # int8 relayed copies written
    relay_shift: np.ndarray  # int8 which reports are relayed
    start: np.ndarray  # int64 day offset of the first report
    offsets: np.ndarray  # int16 (pursuits, _MAX_REPORTS) day offset of each report from start
    stage: np.ndarray  # int8 (pursuits, _MAX_REPORTS) stage code of each report
    source: np.ndarray  # int16 (pursuits, _MAX_REPORTS) outlet of each report
    moves: _Moves  # every completed move
    renewal_day: np.ndarray  # int64 per player, NEVER when no renewal


_KEY = 1 << 20  # day offsets stay below this: (player, day) pairs become one sortable integer
MOVE_GAP_DAYS = 300  # a player moves again only this long after his last move


@dataclass
class _Moves:
    """Completed moves (several per player over a long league), sorted by player and day, with
    the point-in-time lookups the rows need: a player's club on a day, his next move to a club."""

    player: np.ndarray  # int64
    day: np.ndarray  # int64
    from_club: np.ndarray  # int64
    to_club: np.ndarray  # int64
    n_clubs: int

    @classmethod
    def of(cls, world: _World, player: np.ndarray, day: np.ndarray, to_club: np.ndarray) -> _Moves:
        order = np.lexsort((day, player))
        player, day, to_club = (np.asarray(a, dtype=np.int64)[order] for a in (player, day, to_club))
        same = np.r_[False, player[1:] == player[:-1]]
        from_club = np.where(same, np.r_[0, to_club[:-1]], world.club_of[player]).astype(np.int64)
        keep = from_club != to_club  # never a move to the club he is at (a chain broken by the row cut)
        return cls(player[keep], day[keep], from_club[keep], to_club[keep], len(world.clubs))

    def __len__(self) -> int:
        return len(self.player)

    def _latest_before(self, player: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(index of his latest move strictly before the day, whether there is one)."""
        keys = self.player * _KEY + self.day
        at = np.searchsorted(keys, np.asarray(player, dtype=np.int64) * _KEY + day, side="left") - 1
        safe = np.maximum(at, 0)
        found = (at >= 0) & (self.player[safe] == player) if len(self) else np.zeros(len(at), dtype=bool)
        return safe, found

    def club_at(self, world: _World, player: np.ndarray, day: np.ndarray) -> np.ndarray:
        """The player's club at the start of the day (a move shows from the day after it)."""
        if not len(self):
            return world.club_of[player].astype(np.int64)
        at, found = self._latest_before(player, day)
        return np.where(found, self.to_club[at], world.club_of[player])

    def moved_before(self, player: np.ndarray, day: np.ndarray) -> np.ndarray:
        if not len(self):
            return np.zeros(len(player), dtype=bool)
        return self._latest_before(player, day)[1]

    def next_to(self, player: np.ndarray, club: np.ndarray, day: np.ndarray) -> np.ndarray:
        """The day of the player's first move to the club on or after the day; NEVER if none."""
        if not len(self):
            return np.full(len(player), NEVER, dtype=np.int64)
        pair = (self.player * self.n_clubs + self.to_club) * _KEY + self.day
        order = np.argsort(pair, kind="stable")
        keys = pair[order]
        wanted = (np.asarray(player, dtype=np.int64) * self.n_clubs + club) * _KEY + day
        at = np.minimum(np.searchsorted(keys, wanted, side="left"), len(keys) - 1)
        same = keys[at] // _KEY == wanted // _KEY
        return np.where(same & (keys[at] >= wanted), self.day[order][at], NEVER)


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


def _window_days(rng: np.random.Generator, cal: Calendar, n: int) -> np.ndarray:
    """Days inside the league's transfer windows, a longer window drawing more stories."""
    w = cal.in_league
    weight = np.sqrt(w[:, 1] - w[:, 0] + 1.0)
    chosen = w[rng.choice(len(w), n, p=weight / weight.sum())]
    return rng.integers(chosen[:, 0], chosen[:, 1] + 1)


def _draw_pursuits(rng: np.random.Generator, world: _World, cal: Calendar, n: int) -> dict[str, np.ndarray]:
    """Chases of a player by another club (and renewal talks with his own), each with the stage it
    reaches before it is decided, and, for some, a closing report (ruled out or denied)."""
    n_clubs = len(world.clubs)
    talk = rng.random(n) < 0.065
    player = rng.choice(len(world.players), n, p=world.weight).astype(np.int32)
    own = world.club_of[player]
    suitor = _skip_map(rng.integers(0, n_clubs - 1, n), own).astype(np.int32)
    suitor[talk] = own[talk]  # the club holding him when the talks start: settled once moves are known
    entry = rng.choice(np.array([0, 1, 2], dtype=np.int8), n, p=[0.3, 0.6, 0.1])
    top = rng.choice(np.arange(5, dtype=np.int8), n, p=[0.13, 0.42, 0.21, 0.13, 0.11])
    top = np.maximum(top, entry)
    n_path = np.minimum(1 + rng.binomial(8, 0.3, n), _MAX_REPORTS - 2).astype(np.int8)  # room for 2 more
    n_path[talk] = 1 + rng.binomial(4, 0.4, int(talk.sum()))
    top = np.where(n_path == 1, entry, top).astype(np.int8)
    level4 = np.where(rng.random(n) < 0.55, 4, _NEGOTIATING).astype(np.int8)
    closes = (rng.random(n) < 0.15) & ~talk
    tail = np.full((n, 2), -1, dtype=np.int8)
    tail[:, 0] = np.where(closes, np.where(rng.random(n) < 0.65, _RULED_OUT, _DENIED), -1)
    offsets = _report_offsets(rng, n)
    span = offsets[np.arange(n), n_path + closes - 1].astype(np.int64)
    in_window = rng.random(n) < 0.55
    target = _window_days(rng, cal, n)
    # A story aimed at a window it cannot reach from the league's start opens in that window instead.
    anywhere = rng.integers(0, np.maximum(cal.end_day + 1 - span, 1))
    start = np.where(in_window, np.where(target >= span, target - span, target), anywhere)
    start = np.clip(start, 0, np.maximum(cal.end_day - span, 0)).astype(np.int64)
    kind = np.where(talk, _TALK, _NORMAL).astype(np.int8)
    return dict(
        player=player,
        suitor=suitor,
        kind=kind,
        entry=entry,
        top=top,
        level4=level4,
        n_path=n_path,
        tail=tail,
        start=start,
        offsets=offsets,
        won=np.zeros(n, dtype=bool),
        completion=np.full(n, -1, dtype=np.int64),
    )


def _decide(rng: np.random.Generator, world: _World, cal: Calendar, effects: Effects, part: dict) -> None:
    """Which chases end in a move, from the stage each reached and the player's contract; a chase
    that does gets an agreement (mostly) and a completion inside the next window of the league."""
    n = len(part["player"])
    deciding = np.where(part["top"] == 4, np.where(part["level4"] == 4, 4, 5), part["top"]).astype(np.int64)
    last = part["start"] + part["offsets"][np.arange(n), part["n_path"] - 1]
    expiring = (world.expiry_day[part["player"]] - part["start"]) <= 400
    p = 1 / (1 + np.exp(-effects.logit(deciding, expiring)))
    won = (part["kind"] == _NORMAL) & (part["tail"][:, 0] < 0) & (rng.random(n) < p)
    agreed = rng.random(n) < 0.7
    gap = (
        part["offsets"][np.arange(n), np.minimum(part["n_path"], _MAX_REPORTS - 1)]
        - part["offsets"][np.arange(n), part["n_path"] - 1]
    )
    agreed_day = last + np.maximum(gap, 1)
    ready = np.where(agreed, agreed_day + 1, last + 1)
    completion = cal.next_window_day(ready, rng)
    won &= (completion >= 0) & (completion <= cal.end_day) & (completion - part["start"] < 30000)
    rows = np.flatnonzero(won)
    at = part["n_path"][rows].astype(np.int64)
    with_agreed = agreed[rows]
    part["tail"][rows, 0] = np.where(with_agreed, _AGREED, _COMPLETED)
    part["tail"][rows, 1] = np.where(with_agreed, _COMPLETED, -1)
    part["offsets"][rows[with_agreed], at[with_agreed]] = (agreed_day - part["start"])[rows[with_agreed]]
    part["offsets"][rows, at + with_agreed] = (completion - part["start"])[rows]
    part["won"], part["completion"] = won, np.where(won, completion, -1)


def _tail_length(cols: dict) -> np.ndarray:
    return (cols["tail"] >= 0).sum(axis=1).astype(np.int64)


def _resolve(cols: dict, world: _World) -> None:
    """A player moves at most once in MOVE_GAP_DAYS, and never to the club he is at: of the chases
    that would end in his move, the first to complete does, then the first to complete long enough
    after it, and so on (in rounds, each vectorised); the others lose their agreement and
    completion and stop at the stage they reached."""
    remaining = np.flatnonzero(cols["won"])
    last_move = np.full(len(world.players), -NEVER, dtype=np.int64)
    club_now = world.club_of.astype(np.int64).copy()
    losers = []
    while len(remaining):
        order = remaining[np.lexsort((remaining, cols["completion"][remaining], cols["player"][remaining]))]
        firsts = order[np.unique(cols["player"][order], return_index=True)[1]]
        player = cols["player"][firsts]
        rested = cols["completion"][firsts] >= last_move[player] + MOVE_GAP_DAYS
        ok = rested & (cols["suitor"][firsts] != club_now[player])
        accepted = firsts[ok]
        last_move[cols["player"][accepted]] = cols["completion"][accepted]
        club_now[cols["player"][accepted]] = cols["suitor"][accepted]
        losers.append(firsts[~ok])
        remaining = np.setdiff1d(remaining, firsts)
    lost = np.concatenate(losers) if losers else np.zeros(0, dtype=np.int64)
    cols["won"][lost] = False
    cols["completion"][lost] = -1
    cols["tail"][lost] = -1


def _stage_codes(cols: dict, n_full: np.ndarray) -> np.ndarray:
    """Each report's stage: the path from the entry level to the top, then the tail (agreed,
    completed, or a chase ruled out or denied); renewal talks are negotiations throughout."""
    n = len(cols["player"])
    j = np.arange(_MAX_REPORTS)[None, :]
    entry, top = cols["entry"].astype(np.int64)[:, None], cols["top"].astype(np.int64)[:, None]
    n_path = cols["n_path"].astype(np.int64)[:, None]
    level = entry + (j * (top - entry)) // np.maximum(n_path - 1, 1)
    stage = _LEVEL_CODE[np.minimum(level, 6)]
    stage = np.where(level == 4, cols["level4"][:, None], stage)
    tail_at = np.clip(j - n_path, 0, 1)
    tail = np.take_along_axis(cols["tail"], np.broadcast_to(tail_at, (n, _MAX_REPORTS)), axis=1)
    stage = np.where(j >= n_path, tail, stage)
    stage = np.where(cols["kind"][:, None] == _TALK, _NEGOTIATING, stage)
    return np.where(j < n_full[:, None], stage, -1).astype(np.int8)


def _plan(
    rng: np.random.Generator, world: _World, rumours: int, cal: Calendar, truth: Truth
) -> tuple[_Plan, Assignment | None]:
    parts: list[dict] = []
    cols: dict = {}
    n_relay = np.zeros(0, dtype=np.int64)
    total = 0
    while total < rumours:
        want = int((rumours - total) / 4.0 * 1.05) + 16
        part = _draw_pursuits(rng, world, cal, want)
        _decide(rng, world, cal, truth.effects, part)
        parts.append(part)
        cols = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
        _resolve(cols, world)
        n_full = cols["n_path"].astype(np.int64) + _tail_length(cols)
        n_relay = rng.binomial(n_full, 0.15).astype(np.int64)
        total = int((n_full + n_relay).sum())
    if not parts:
        cols = _draw_pursuits(rng, world, cal, 0)

    # Cut the plan to exactly `rumours` rows; the last pursuit kept may stop early.
    n_full = cols["n_path"].astype(np.int64) + _tail_length(cols)
    rows = n_full + n_relay
    ends = np.cumsum(rows)
    keep = int(np.searchsorted(ends, rumours, side="left")) + 1 if rumours > 0 else 0
    keep = min(keep, len(rows))
    cols = {k: v[:keep] for k, v in cols.items()}
    n_full, n_relay = n_full[:keep], n_relay[:keep]
    n_emit = n_full.copy()
    if keep:
        remaining = rumours - (int(ends[keep - 2]) if keep > 1 else 0)
        last = keep - 1
        if remaining <= n_emit[last]:
            n_emit[last], n_relay[last] = remaining, 0
        else:
            n_relay[last] = remaining - n_emit[last]

    # Moves happen only where the completion report survived the cut.
    won = np.flatnonzero(cols["won"] & (n_emit == n_full))
    moves = _Moves.of(world, cols["player"][won], cols["completion"][won], cols["suitor"][won])
    winner = np.zeros(keep, dtype=bool)
    winner[won] = True
    _after_moves(rng, world, cols, n_emit, winner, moves)
    renewal_day = _renewals(rng, cal, world, cols, n_emit, moves)

    order = np.argsort(cols["start"], kind="stable")
    cols = {k: v[order] for k, v in cols.items()}
    n_emit, n_relay, n_full = n_emit[order], n_relay[order], n_full[order]
    stage = _stage_codes(cols, n_emit)
    source, assignment = _sources(rng, world, cal, truth, cols, stage, moves)
    relay_shift = (rng.random(keep) * np.maximum(n_emit, 1)).astype(np.int8)
    plan = _Plan(
        player=cols["player"],
        suitor=cols["suitor"],
        kind=cols["kind"],
        n_emit=n_emit.astype(np.int8),
        n_relay=n_relay.astype(np.int8),
        relay_shift=relay_shift,
        start=cols["start"],
        offsets=cols["offsets"],
        stage=stage,
        source=source,
        moves=moves,
        renewal_day=renewal_day,
    )
    return plan, assignment


def _after_moves(
    rng: np.random.Generator, world: _World, cols: dict, n_emit: np.ndarray, winner: np.ndarray, moves: _Moves
) -> None:
    """Once moves are known: renewal talks are with the club the player is at when they start, and
    a chase by a club he plays for at its start or end (not the one that signed him) is another
    club's instead (its reports would otherwise be a club talking to its own player)."""
    player, start = cols["player"], cols["start"]
    last = start + cols["offsets"][np.arange(len(start)), np.maximum(n_emit, 1) - 1]
    at_start, at_end = moves.club_at(world, player, start), moves.club_at(world, player, last + 1)
    talk = cols["kind"] == _TALK
    cols["suitor"] = np.where(talk, at_start, cols["suitor"]).astype(np.int32)
    clash = ~talk & ~winner & ((cols["suitor"] == at_start) | (cols["suitor"] == at_end))
    n_clubs = len(world.clubs)
    one = _skip_map(rng.integers(0, n_clubs - 1, len(start)), at_start)
    two = _skip_map(rng.integers(0, n_clubs - 2, len(start)), at_start, at_end)
    other = np.where(at_start == at_end, one, two)
    cols["suitor"] = np.where(clash, other, cols["suitor"]).astype(np.int32)


def _renewals(
    rng: np.random.Generator, cal: Calendar, world: _World, cols: dict, n_emit: np.ndarray, moves: _Moves
) -> np.ndarray:
    """Some renewal talks end in a new contract a few days to two weeks after the last talk (never
    when the player moves in between)."""
    n_players = len(world.players)
    renewal_day = np.full(n_players, NEVER, dtype=np.int64)
    talks = np.flatnonzero((cols["kind"] == _TALK) & (n_emit > 0))
    if len(talks):
        last_talk = cols["start"][talks] + cols["offsets"][talks, n_emit[talks] - 1]
        np.minimum.at(renewal_day, cols["player"][talks], last_talk.astype(np.int64))
        talked = renewal_day < NEVER
        day = renewal_day + rng.integers(1, 15, n_players)
        everyone = np.arange(n_players)
        same_club = moves.club_at(world, everyone, renewal_day) == moves.club_at(world, everyone, day + 1)
        renews = talked & (rng.random(n_players) < 0.4) & (day <= cal.end_day) & same_club
        renewal_day = np.where(renews, day, NEVER)
    return renewal_day


def _sources(
    rng: np.random.Generator,
    world: _World,
    cal: Calendar,
    truth: Truth,
    cols: dict,
    stage: np.ndarray,
    moves: _Moves,
) -> tuple[np.ndarray, Assignment | None]:
    """Who reports each story: judged by SPEC 10's rule (a move of the player to the suitor dated
    on or after the story's day and by the close of its horizon), then drawn as synth_truth says."""
    valid = stage >= 0
    pid, j = np.nonzero(valid)
    player = cols["player"][pid]
    day = cols["start"][pid] + cols["offsets"][pid, j]
    suitor = cols["suitor"][pid]
    holder = moves.club_at(world, player, day)
    # only stories that foretell a move are judged (outlet reliability leaves out denials, chases
    # ruled out and completed moves reported: sql/forecast/outlet_counts.sql)
    foretells = ~np.isin(stage[pid, j], (_COMPLETED, _RULED_OUT, _DENIED))
    judged = (cols["kind"][pid] == _NORMAL) & (suitor != holder) & foretells
    came_true = judged & (moves.next_to(player, suitor, day) <= cal.horizon_close[day])
    source = np.full(stage.shape, -1, dtype=np.int16)
    if not len(pid):
        return source, None
    assignment = assign_outlets(rng, came_true, judged, truth.outlets)
    source[pid, j] = assignment.codes
    return source, assignment


# ---------------------------------------------------------------------------------------------
# Rows: a chunk of pursuits expanded to reports, then to rows (relays are extra rows).
# ---------------------------------------------------------------------------------------------


def _fee_columns(
    rng: np.random.Generator, stage: np.ndarray, value: np.ndarray, pre_contract: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fees only where a sum is on the table, written the many ways the press writes them."""
    n = len(stage)
    has_fee = (stage == 3) | (stage == 6) | (stage == _COMPLETED)
    factor = np.where(stage == 3, rng.uniform(0.6, 1.1, n), rng.uniform(0.9, 1.6, n))
    eur = value * factor
    kind = rng.choice(np.array([1, 2, 3, 4, 5, 7], dtype=np.int8), n, p=[0.32, 0.26, 0.06, 0.12, 0.10, 0.14])
    small = eur < 1e6
    kind = np.where(small & (kind != _FEE_UNDISCLOSED), _FEE_K, kind)
    # A player in the last six months of his contract can sign a pre-contract: free.
    free = (stage != 3) & pre_contract & (rng.random(n) < 0.8)
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

    day = plan.start[pid] + plan.offsets[pid, j]
    player = plan.player[pid]
    suitor = plan.suitor[pid]
    kind = plan.kind[pid]
    stage = plan.stage[pid, j]
    synonym = _SYNONYM_CODE[stage]
    written = np.where((synonym >= 0) & (rng.random(nrep) < 0.1), synonym, stage)

    moved = plan.moves.moved_before(player, day)
    player_club = plan.moves.club_at(world, player, day)

    source = plan.source[pid, j]
    stamped = rng.random(nrep) < 0.1
    seconds = rng.integers(6 * 3600, 23 * 3600, nrep)
    to_expiry = world.expiry_day[player] - day
    pre_contract = (to_expiry >= 0) & (to_expiry <= 183) & (plan.renewal_day[player] > day) & ~moved
    fee_kind, fee_m, fee_raw = _fee_columns(rng, stage, world.value[player], pre_contract)
    variant = rng.integers(0, 60, nrep).astype(np.int8)
    report_id = pid.astype(np.int64) * _MAX_REPORTS + j

    n_relay = plan.n_relay[pid].astype(np.int64)
    relayed = ((j - plan.relay_shift[pid]) % np.maximum(plan.n_emit[pid], 1)) < n_relay
    rep = np.repeat(np.arange(nrep), 1 + relayed)
    is_relay = np.zeros(len(rep), dtype=bool)
    is_relay[1:] = rep[1:] == rep[:-1]
    via = np.full(len(rep), -1, dtype=np.int16)
    src = source[rep]
    n_outlets = len(categories["outlets"])
    other = rng.integers(0, n_outlets - 1, int(is_relay.sum()))
    via[is_relay] = (src[is_relay] + 1 + other) % n_outlets

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

    renewers = np.flatnonzero(plan.renewal_day < NEVER)
    r_day = plan.renewal_day[renewers]
    r_club = plan.moves.club_at(world, renewers, r_day + 1)
    r_year = np.maximum(world.expiry_year[renewers], _season_end_year(r_day))
    r_year = r_year + rng.integers(1, 5, len(renewers))
    r_value = np.round(world.value[renewers] * rng.uniform(1.0, 1.3, len(renewers)) / 1e5) * 1e5
    movers, m_day = plan.moves.player, plan.moves.day
    m_year = _season_end_year(m_day) + rng.integers(2, 6, len(movers))
    m_value = np.round(world.value[movers] * rng.uniform(1.0, 1.5, len(movers)) / 1e5) * 1e5
    players = np.concatenate([renewers, movers])
    later = pd.DataFrame(
        {
            "player": [world.players[p] for p in players.tolist()],
            "club": [world.clubs[c] for c in np.concatenate([r_club, plan.moves.to_club]).tolist()],
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


def _fee_text(euros: np.ndarray) -> list[str]:
    return [f"€{v / 1e6:.1f}m" if v >= 1e6 else f"€{round(v / 1e3)}k" for v in euros.tolist()]


def _transfers_frame(rng: np.random.Generator, world: _World, plan: _Plan) -> pd.DataFrame:
    """Every completed move, as a transfer file lists it (SPEC 9): dated, with the selling club and
    a fee (free when the player was in the last six months of his contract, mostly)."""
    order = np.argsort(plan.moves.day, kind="stable")
    movers, day = plan.moves.player[order], plan.moves.day[order]
    from_club, to_club = plan.moves.from_club[order], plan.moves.to_club[order]
    to_expiry = world.expiry_day[movers] - day
    first_move = ~plan.moves.moved_before(movers, day)  # later contracts run for years
    free = first_move & (to_expiry >= 0) & (to_expiry <= 183) & (rng.random(len(movers)) < 0.8)
    euros = np.round(world.value[movers] * rng.uniform(0.9, 1.6, len(movers)) / 5e4) * 5e4
    fees = np.where(free, "free", np.array(_fee_text(np.maximum(euros, 5e4)), dtype=object))
    return pd.DataFrame(
        {
            "player": [world.players[p] for p in movers.tolist()],
            "from_club": [world.clubs[c] for c in from_club.tolist()],
            "to_club": [world.clubs[c] for c in to_club.tolist()],
            "transfer_date": _days_to_iso(day),
            "fee": fees.tolist(),
            "is_loan": ["false"] * len(movers),
            "dataset": [DATASET_LABEL] * len(movers),
        }
    )


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
    *,
    seasons: int = 2,
    outlets: int | None = None,
) -> dict[str, Path]:
    """Writes out_dir/rumours/synthetic_demo_rumours.csv, out_dir/contracts/synthetic_demo_contracts.csv,
    out_dir/transfers/synthetic_demo_transfers.csv and the league's drawn truth (each outlet's hit
    rate, each stage's effect) in out_dir/synthetic_demo_truth.json, creating folders; returns
    {"rumours", "contracts", "transfers", "truth"} -> path.

    Deterministic for a seed (and clubs, seasons, outlets); the rumours file has exactly `rumours`
    data rows. `seasons` from 1 July 2023 (2: to 30 June 2025); `outlets` beyond the eight demo
    outlets of data/reference/outlets.csv get fictional names that reference file does not list.
    """
    if rumours < 0:
        raise ValueError("rumours must be >= 0")
    if not 1 <= seasons <= 20:
        raise ValueError("seasons must be between 1 and 20")
    n_outlets = len(DEMO_OUTLETS) if outlets is None else int(outlets)
    if n_outlets < 2:
        raise ValueError("outlets must be at least 2 (a relay needs another outlet)")
    n_clubs = default_clubs(rumours) if clubs is None else int(clubs)
    if not 3 <= n_clubs <= MAX_NAMED_CLUBS:
        # 3: a player who moves still needs suitors other than his old and new club.
        raise ValueError(f"clubs must be between 3 and {MAX_NAMED_CLUBS}")
    report = progress or (lambda _msg: None)
    out_dir = Path(out_dir)
    paths = {
        "rumours": out_dir / "rumours" / RUMOURS_FILE,
        "contracts": out_dir / "contracts" / CONTRACTS_FILE,
        "transfers": out_dir / "transfers" / TRANSFERS_FILE,
        "truth": out_dir / TRUTH_FILE,
    }
    for path in paths.values():
        path.parent.mkdir(parents=True, exist_ok=True)

    cal = calendar(DEMO_START, seasons)
    truth_rng = np.random.default_rng([seed, 2])
    truth = Truth(
        seed,
        rumours,
        n_clubs,
        seasons,
        draw_outlets(truth_rng, n_outlets, DEMO_OUTLETS, _DEMO_TIERS, _OUTLET_WEIGHTS),
        draw_effects(truth_rng),
    )
    rng = np.random.default_rng([seed, 0])
    world = _build_world(rng, n_clubs, seasons)
    report(f"synthetic world: {n_clubs} clubs, {len(world.players)} players, {n_outlets} outlets, {seasons} seasons")
    plan, truth.assignment = _plan(rng, world, rumours, cal, truth)
    truth.pursuits, truth.moves = len(plan.player), len(plan.moves)
    report(f"planned {len(plan.player)} pursuits ({truth.moves} ending in a move) for {rumours} rumours")

    con = duckdb.connect()
    parts = {kind: path.with_name(path.name + ".part") for kind, path in paths.items()}
    try:
        contracts = _contracts_frame(rng, world, plan)
        transfers = _transfers_frame(rng, world, plan)
        for kind, frame, columns in (
            ("contracts", contracts, CONTRACT_COLUMNS),
            ("transfers", transfers, TRANSFER_COLUMNS),
        ):
            con.register("frame", frame)
            _copy_csv(con, f"SELECT {', '.join(columns)} FROM frame", parts[kind], True)
            con.unregister("frame")
            os.replace(parts[kind], paths[kind])
            report(f"{kind}: {len(frame)} rows -> {paths[kind]}")
        _write_rumours(con, plan, world, cal, truth.outlets.names, seed, rumours, paths["rumours"], report)
        truth.write(parts["truth"])
        os.replace(parts["truth"], paths["truth"])
    finally:
        con.close()
        for part in parts.values():
            part.unlink(missing_ok=True)
    return paths


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
    cal: Calendar,
    outlets: list[str],
    seed: int,
    rumours: int,
    path: Path,
    report: Callable[[str], None],
) -> None:
    """Chunks go to part files (DuckDB cannot append to a CSV), then are concatenated in-kernel."""
    categories = {
        "dates": pd.Index(_days_to_iso(np.arange(cal.end_day + 1))),
        "players": pd.Index(world.players),
        "player_slugs": pd.Index(_unique_slugs(world.players)),
        "clubs": pd.Index(world.clubs),
        "club_slugs": pd.Index(_unique_slugs(world.clubs)),
        "outlets": pd.Index(outlets),
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
