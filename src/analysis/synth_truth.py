"""The known truth behind the synthetic league's outcomes (issue 12), so the forecast's estimators
can be checked against it rather than against themselves.

Synth draws, per league: each outlet's hit rate (the share of its stories that come true, SPEC
10), each pursuit stage's effect on the chase ending in a move, and the effect of a contract running
out. Which pursuits end in a move follows from the stage effects; which outlet reports each story
is then drawn given whether that story came true (by SPEC 10's rule, with the default horizon of two
transfer windows):

    P(outlet o | came true)     = share_o x hit_o / s
    P(outlet o | did not)       = share_o x (1 - hit_o) / (1 - s)

where s is the share of the league's stories that came true. Bayes' rule then gives
P(came true | outlet o) = hit_o exactly, in expectation, provided sum(share_o x hit_o) = s; so the
drawn rates are first moved together on the log-odds scale (one root found by scipy) until they
average s, keeping each outlet's standing against the others. `hit_rate` in the truth file is each
outlet's rate after that shift: the truth an estimate of its reliability is checked against.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

HORIZON_WINDOWS = 2  # SPEC 10's default horizon: the truth is stated for it
TRUTH_FILE = "synthetic_demo_truth.json"
# A tier's typical hit rate (long-run tables put outlets between ~12% and ~39%); each outlet's own
# rate is drawn around its tier's on the log-odds scale.
TIER_HIT_RATE = {1: 0.42, 2: 0.32, 3: 0.24, 4: 0.16}
OUTLET_SPREAD = 0.45  # sd of an outlet's log-odds around its tier's
# The stage a chase had reached when it was decided, in the order of synth's path levels.
DECIDING_STAGES = ("monitoring", "interest", "approach", "bid", "bid_rejected", "negotiating")
_PAPERS = ["Courier", "Post", "Echo", "Bugle", "Sentinel", "Herald", "Gazette", "Mercury", "Dispatch", "Clarion"]
_PLACES = ["Northmere", "Eastholt", "Westwick", "Southdale", "Highgate", "Lowmoor", "Midhurst", "Farbrook"]


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p / (1 - p))


def _expit(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


# ---------------------------------------------------------------------------------------------
# The transfer calendar (SPEC 9's default windows: summer 1 June - 1 September, winter 1 January -
# 1 February), as day offsets from the league's first day.


@dataclass(frozen=True)
class Calendar:
    start: datetime.date
    seasons: int
    end_day: int  # the league's last day, as an offset: days run 0..end_day
    windows: np.ndarray  # (k, 2) open and close offsets of every window from a year before to two after
    in_league: np.ndarray  # (m, 2) those overlapping the league, clipped to it: where moves complete
    horizon_close: np.ndarray  # per day 0..end_day: when a story of that day is settled (SPEC 10)

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=self.end_day)

    def next_window_day(self, ready: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """A completion day on or after `ready` inside a window of the league, -1 where none is
        left: a few days on when the window is open, else in the first weeks of the next one."""
        index = np.searchsorted(self.in_league[:, 1], ready, side="left")
        found = index < len(self.in_league)
        window = self.in_league[np.minimum(index, len(self.in_league) - 1)]
        open_now = ready >= window[:, 0]
        day = np.where(open_now, ready + rng.integers(0, 8, len(ready)), window[:, 0] + rng.integers(0, 21, len(ready)))
        day = np.minimum(day, window[:, 1])
        return np.where(found, day, -1)


def calendar(start: datetime.date, seasons: int) -> Calendar:
    end = datetime.date(start.year + seasons, start.month, start.day) - datetime.timedelta(days=1)
    end_day = (end - start).days
    spans = []
    for year in range(start.year - 1, end.year + 3):
        spans.append((datetime.date(year, 1, 1), datetime.date(year, 2, 1)))
        spans.append((datetime.date(year, 6, 1), datetime.date(year, 9, 1)))
    windows = np.array([[(o - start).days, (c - start).days] for o, c in spans], dtype=np.int64)
    overlap = (windows[:, 1] >= 0) & (windows[:, 0] <= end_day)
    in_league = np.clip(windows[overlap], 0, end_day)
    days = np.arange(end_day + 1)
    first = np.searchsorted(windows[:, 1], days, side="left")  # the window open on the day, or the next to close
    horizon_close = windows[first + HORIZON_WINDOWS - 1, 1]
    return Calendar(start, seasons, end_day, windows, in_league, horizon_close)


# ---------------------------------------------------------------------------------------------
# Outlets and stage effects


@dataclass
class Outlets:
    names: list[str]
    tiers: np.ndarray  # int per outlet
    shares: np.ndarray  # how much of the news each outlet would carry, before the tilt
    drawn_hit_rate: np.ndarray


def outlet_names(demo: list[str], n: int) -> list[str]:
    """The demo outlets first, then fictional papers ('Northmere Courier'); never a real title."""
    extra = [f"{place} {paper}" for paper in _PAPERS for place in _PLACES]
    if n > len(demo) + len(extra):
        raise ValueError(f"at most {len(demo) + len(extra)} outlets can be named")
    return (demo + extra)[:n]


def draw_outlets(
    rng: np.random.Generator, n: int, demo: list[str], demo_tiers: list[int], demo_shares: np.ndarray
) -> Outlets:
    names = outlet_names(demo, n)
    if n <= len(demo):
        tiers = np.array(demo_tiers[:n])
        shares = demo_shares[:n] / demo_shares[:n].sum()
    else:
        tiers = np.concatenate([demo_tiers, rng.choice([1, 2, 3, 4], n - len(demo), p=[0.1, 0.25, 0.3, 0.35])])
        shares = rng.dirichlet(np.full(n, 4.0))
    typical = np.array([TIER_HIT_RATE[int(t)] for t in tiers])
    hit = _expit(_logit(typical) + rng.normal(0.0, OUTLET_SPREAD, n))
    return Outlets(names, tiers.astype(np.int64), shares, np.clip(hit, 0.03, 0.9))


@dataclass
class Effects:
    """Log-odds of a chase ending in a move: base + the effect of the stage it had reached when it
    was decided + the effect of the player's contract running out within about a year."""

    base_logit: float
    stage: np.ndarray  # per DECIDING_STAGES
    contract: float

    def logit(self, stage_index: np.ndarray, expiring: np.ndarray) -> np.ndarray:
        return self.base_logit + self.stage[stage_index] + self.contract * expiring


def draw_effects(rng: np.random.Generator) -> Effects:
    """Later stages make a move likelier (a bid more than interest; talks more than a bid; a
    rejected bid less than a live one), by amounts drawn per league."""
    steps = rng.uniform(0.35, 0.85, 3)
    monitoring_to_bid = np.concatenate([[0.0], np.cumsum(steps)])
    rejected = monitoring_to_bid[3] - rng.uniform(0.1, 0.6)
    talks = monitoring_to_bid[3] + rng.uniform(0.5, 1.1)
    stage = np.concatenate([monitoring_to_bid, [rejected, talks]])
    return Effects(float(rng.uniform(-2.3, -1.9)), stage, float(rng.uniform(0.7, 1.2)))


# ---------------------------------------------------------------------------------------------
# Who reports what


@dataclass
class Assignment:
    codes: np.ndarray  # outlet per story (index into Outlets.names)
    hit_rate: np.ndarray  # each outlet's true hit rate (expected share of its stories that came true)
    story_share: float  # s: the share of judged stories that came true
    shift: float  # log-odds added to every drawn rate so that the outlets' rates average s


def assign_outlets(rng: np.random.Generator, came_true: np.ndarray, judged: np.ndarray, outlets: Outlets) -> Assignment:
    """An outlet for every story: judged stories (outside interest) by whether they came true, as
    the module's docstring says; the rest (renewal talks) by the outlets' shares alone."""
    from scipy.optimize import brentq

    base = outlets.shares
    s = float(came_true[judged].mean()) if judged.any() else float(np.dot(base, outlets.drawn_hit_rate))
    s = min(max(s, 1e-4), 1 - 1e-4)
    drawn = _logit(outlets.drawn_hit_rate)

    def rates(shift: float) -> np.ndarray:
        return _expit(drawn + shift)

    shift = brentq(lambda x: float(np.dot(base, rates(x))) - s, -30.0, 30.0)
    hit = rates(shift)
    given_true = base * hit / s
    given_false = base * (1 - hit) / (1 - s)
    codes = np.empty(len(came_true), dtype=np.int16)
    n_out = len(hit)
    for mask, p in ((judged & came_true, given_true), (judged & ~came_true, given_false), (~judged, base)):
        codes[mask] = rng.choice(n_out, int(mask.sum()), p=p / p.sum())
    return Assignment(codes, hit, s, float(shift))


# ---------------------------------------------------------------------------------------------
# The truth file


@dataclass
class Truth:
    seed: int
    rumours: int
    clubs: int
    seasons: int
    outlets: Outlets
    effects: Effects
    assignment: Assignment | None = None
    moves: int = 0
    pursuits: int = 0
    notes: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        hit = self.assignment.hit_rate if self.assignment is not None else self.outlets.drawn_hit_rate
        return {
            "dataset": "synthetic-demo",
            "what": "the drawn truth behind the synthetic league's outcomes (see analysis/synth_truth.py)",
            "seed": self.seed,
            "rumours": self.rumours,
            "clubs": self.clubs,
            "seasons": self.seasons,
            "horizon_windows": HORIZON_WINDOWS,
            "pursuits": self.pursuits,
            "moves": self.moves,
            "story_share_came_true": None if self.assignment is None else round(self.assignment.story_share, 6),
            "hit_rate_shift": None if self.assignment is None else round(self.assignment.shift, 6),
            "outlets": [
                {
                    "outlet": name,
                    "tier": int(tier),
                    "hit_rate": round(float(h), 6),
                    "drawn_hit_rate": round(float(d), 6),
                }
                for name, tier, h, d in zip(self.outlets.names, self.outlets.tiers, hit, self.outlets.drawn_hit_rate)
            ],
            "stage_effects": {s: round(float(e), 6) for s, e in zip(DECIDING_STAGES, self.effects.stage)},
            "base_logit": round(self.effects.base_logit, 6),
            "contract_effect": round(self.effects.contract, 6),
        }

    def write(self, path: Path) -> Path:
        path.write_text(json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path


def read_truth(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))
