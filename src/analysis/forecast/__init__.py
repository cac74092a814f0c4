"""Will it happen? Outcomes of stories, outlet reliability learned from them, and move
probabilities fitted point in time (SPEC 10; README, "Will it happen?").

Every answer is as of a day and reads only what was known then: stories reported by then, moves
known by then (a move known later is not yet an outcome), contracts recorded by then. The heavy
work runs in DuckDB (sql/forecast/*.sql); scipy fits the outlets' prior and scikit-learn the model.

    from analysis import forecast
    forecast.story_outcomes("2025-07-01", player="Trent Alexander-Arnold")
    forecast.outlet_reliability("2025-01-25")
    forecast.move_probabilities("2025-01-25", club="Liverpool")
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from pathlib import Path

import pandas as pd

from analysis.dates import as_date
from analysis.forecast import predict
from analysis.forecast.session import session as open_session
from analysis.forecast.settings import Settings, settings
from analysis.identity.lookup import resolve_name
from analysis.warehouse import snapshot

__all__ = [
    "Settings",
    "learned_source_weights",
    "move_probabilities",
    "outlet_reliability",
    "settings",
    "story_outcomes",
]

_answers: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
_lock = threading.Lock()
_KEEP = 8


def _remembered(key: tuple, compute) -> pd.DataFrame:
    """A fitted answer is remembered per warehouse file and question: a club report asks it in
    several notebooks on one kernel (and the market watch twice), the fit runs once."""
    with _lock:
        if key in _answers:
            _answers.move_to_end(key)
            return _answers[key].copy(deep=False)
    answer = compute()
    with _lock:
        _answers[key] = answer
        while len(_answers) > _KEEP:
            _answers.popitem(last=False)
    return answer.copy(deep=False)


def _settings(horizon_windows: int | None, credible_level: float | None = None) -> Settings:
    return settings(horizon_windows=horizon_windows, credible_level=credible_level)


def story_outcomes(
    as_of: dt.date | str | None = None,
    *,
    player: str | None = None,
    club: str | None = None,
    horizon_windows: int | None = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """Every story of outside interest reported by `as_of` (relays merged) with its outcome as known
    then: materialised, not materialised or pending; optionally one player's, or one suitor's."""
    day = as_date(as_of)
    player = None if player is None else resolve_name(player, "player", warehouse)
    club = None if club is None else resolve_name(club, "club", warehouse)
    with open_session(day, _settings(horizon_windows), warehouse) as s:
        stories = s.story_outcomes(day)
    if player is not None:
        stories = stories[stories["player"] == player]
    if club is not None:
        stories = stories[stories["interested_club"] == club]
    return stories.reset_index(drop=True)


def outlet_reliability(
    as_of: dt.date | str | None = None,
    *,
    horizon_windows: int | None = None,
    credible_level: float | None = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """Each outlet's hit rate as of `as_of`: stories it broke (relays credited to it), how many
    materialised, did not, or are pending; the Beta-smoothed hit rate and its credible interval."""
    day = as_date(as_of)
    chosen = _settings(horizon_windows, credible_level)
    key = ("outlet_reliability", snapshot(warehouse), day, chosen)

    def compute() -> pd.DataFrame:
        with open_session(day, chosen, warehouse) as s:
            return predict.outlet_reliability(s, day)

    return _remembered(key, compute)


def learned_source_weights(as_of: dt.date | str | None = None, *, warehouse: Path | None = None) -> dict[str, float]:
    """Each outlet's learned hit rate on `as_of`, as the source weight intensity uses with
    source_weights='learned' instead of tier weights."""
    table = outlet_reliability(as_of, warehouse=warehouse)
    return {str(o): float(h) for o, h in zip(table["outlet"], table["hit_rate"])}


def move_probabilities(
    as_of: dt.date | str | None = None,
    *,
    club: str | None = None,
    player: str | None = None,
    horizon_windows: int | None = None,
    warehouse: Path | None = None,
) -> pd.DataFrame:
    """The probability of each pair with interest on `as_of` ending in the move by the close of the
    horizon (window_label), fitted on the outcomes known on `as_of` (fitted_on of them, known_moves
    moves); null with the reason when too few are known. `club`: pairs where it is the suitor or the
    player's club; `player`: his suitors."""
    day = as_date(as_of)
    chosen = _settings(horizon_windows)
    club = None if club is None else resolve_name(club, "club", warehouse)
    player = None if player is None else resolve_name(player, "player", warehouse)
    key = ("move_probabilities", snapshot(warehouse), day, chosen)

    def compute() -> pd.DataFrame:
        with open_session(day, chosen, warehouse) as s:
            return predict.move_probabilities(s, day)

    table = _remembered(key, compute)
    if club is not None:
        table = table[(table["interested_club"] == club) | (table["player_club"] == club)]
    if player is not None:
        table = table[table["player"] == player]
    return table.reset_index(drop=True)
