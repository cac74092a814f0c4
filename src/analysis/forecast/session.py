"""One read-only pass over the warehouse for outcomes and forecasts: the stories and moves known by
a date are gathered once in DuckDB (sql/forecast/*.sql), then asked for outcomes on any earlier
day, outlet counts on many days, and pair features on many days; only small answers come back."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import duckdb
import pandas as pd

from analysis import marts, sqlfiles
from analysis.errors import UserError
from analysis.forecast.settings import Settings
from analysis.warehouse import reading

DAYS_PER_PASS = 8  # snapshot days whose pair features are computed together
NAME_COLUMNS = ("player", "interested_club", "player_club", "furthest_stage", "horizon_label")
EPOCH = dt.date(2000, 1, 3)  # training snapshots fall on the same days whatever the question's date
PARAMETER = re.compile(r"\$([a-z_]+)")


def _named(sql: str, params: dict) -> dict:
    """Just the parameters a statement names outside comments (DuckDB rejects unused ones)."""
    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    wanted = set(PARAMETER.findall(code))
    return {k: v for k, v in params.items() if k in wanted}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND table_name = $t",
        {"t": table},
    ).fetchall()
    return {r[0] for r in rows}


def check_warehouse(con: duckdb.DuckDBPyConnection) -> None:
    """Outcomes need completed moves, transfer windows and the judged outcome column, which a
    warehouse built before them lacks: say so, rather than fail inside a query."""
    needs = {"transfers": "known_on", "transfer_windows": "closes_on", "rumours": "outcome"}
    for table, column in needs.items():
        if column not in _columns(con, table):
            raise UserError(
                f"this warehouse predates outcomes and forecasts (table {table} has no column {column}); "
                "rebuild it with `python -m analysis ingest`"
            )


class Session:
    """The stories (relays merged, weighted with the reference defaults) and moves known by
    `known_by`, with each story's horizon and the first day a move made it come true."""

    def __init__(self, con: duckdb.DuckDBPyConnection, known_by: dt.date, settings: Settings) -> None:
        self.con, self.known_by, self.settings = con, known_by, settings
        check_warehouse(con)
        params = marts.weighted_parameters(con, known_by)
        self.params = {
            **params,
            "known_by": known_by,
            "all_tiers": max(params["tiers"]),  # outcomes count every outlet, whatever tiers intensity reads
            "horizon_windows": settings.horizon_windows,
            "interest_days": settings.interest_days,
            "history_days": settings.history_days,
            "trend_days": settings.trend_days,
        }
        sqlfiles.run_file(con, "marts/00_building_blocks.sql")
        self._execute("forecast/00_blocks.sql")
        self._execute("forecast/stories.sql")
        self._pools_made = False

    def _execute(self, relative: str, extra: dict | None = None) -> None:
        params = {**self.params, **(extra or {})}
        for statement in sqlfiles.statements(relative):
            self.con.execute(statement, _named(statement, params))

    def _frame(self, relative: str, extra: dict | None = None) -> pd.DataFrame:
        sql = sqlfiles.sql_text(relative)
        return self.con.execute(sql, _named(sql, {**self.params, **(extra or {})})).df()

    def first_story_day(self) -> dt.date | None:
        rows = self.con.execute("SELECT min(reported_on) FROM forecast_stories WHERE is_pursuit").fetchall()
        return rows[0][0] if rows else None

    def last_interest_day(self) -> dt.date | None:
        """The last day any pair can have interest: its latest story is at most interest_days old
        (pair_snapshots.sql). No day after it has a pair to learn from or to predict."""
        rows = self.con.execute("SELECT max(reported_on) FROM forecast_stories WHERE is_pursuit").fetchall()
        last = rows[0][0] if rows else None
        return None if last is None else last + dt.timedelta(days=self.settings.interest_days - 1)

    def set_dates(self, days: Sequence[dt.date]) -> None:
        """The days later questions are asked for (temp table forecast_dates)."""
        frame = pd.DataFrame({"on_date": pd.to_datetime(sorted(set(days)))})
        self.con.register("forecast_dates_given", frame)
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE forecast_dates AS "
            "SELECT CAST(on_date AS DATE) AS on_date FROM forecast_dates_given"
        )
        self.con.unregister("forecast_dates_given")

    def horizons(self) -> pd.DataFrame:
        """on_date, horizon_closes, horizon_label for every day of forecast_dates."""
        return self.con.execute(
            "SELECT * FROM horizons('forecast_dates', $n) ORDER BY on_date", {"n": self.settings.horizon_windows}
        ).df()

    def story_outcomes(self, as_of: dt.date) -> pd.DataFrame:
        return self._frame("forecast/story_outcomes.sql", {"as_of": as_of})

    def outlet_counts(self) -> pd.DataFrame:
        """Per day of forecast_dates and outlet: its pool, stories, materialised, not_materialised,
        pending, settled_stories, settled_materialised."""
        self._ensure_pools()
        return self._frame("forecast/outlet_counts.sql")

    def _ensure_pools(self) -> None:
        """forecast_pair_pools (sql/forecast/pair_pools.sql), made on first need (story outcomes
        never need it); rumours without the pool column are one pool, '', so it stays empty."""
        if self._pools_made:
            return
        column = self.settings.pool_column
        if column and column in _columns(self.con, "rumours"):
            self._execute("forecast/pair_pools.sql", {"pool_column": column})
        else:
            self.con.execute(
                "CREATE OR REPLACE TEMP TABLE forecast_pair_pools "
                "(player VARCHAR, interested_club VARCHAR, pool_from DATE, pool VARCHAR)"
            )
        self._pools_made = True

    def pool_last_days(self) -> dict[str, dt.date]:
        """Each pool's newest report: after it, the pool's data says nothing, so a horizon closing
        later cannot be judged a miss (the backtest leaves such predictions unscored)."""
        self._ensure_pools()
        rows = self.con.execute(
            "SELECT coalesce(p.pool, '') AS pool, max(s.reported_on) FROM forecast_stories AS s LEFT JOIN "
            "(SELECT player, interested_club, arg_max(pool, pool_from) AS pool FROM forecast_pair_pools GROUP BY ALL) "
            "AS p USING (player, interested_club) GROUP BY ALL"
        ).fetchall()
        return {pool: day for pool, day in rows}

    def outlet_tiers(self) -> pd.DataFrame:
        return self.con.execute(
            "SELECT outlet, tier FROM ref_outlets UNION ALL SELECT DISTINCT source, NULL FROM forecast_stories "
            "WHERE source NOT IN (SELECT outlet FROM ref_outlets)"
        ).df()

    def pair_features(self, reliability: pd.DataFrame, done: Callable[[int, int], None] | None = None) -> pd.DataFrame:
        """Every pair with interest on every day of forecast_dates, with its features and the first
        day a move within that day's horizon became known, and its pool (see
        sql/forecast/pair_snapshots.sql). Computed DAYS_PER_PASS days at a time, so a large warehouse
        never holds every day's joins at once; names come back as categories (they repeat across
        days). `done(days done, days)` after each pass: the long step of a backtest shows progress."""
        self._ensure_pools()
        self.con.register("forecast_reliability_given", reliability[["on_date", "outlet", "hit_rate", "evidence"]])
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE forecast_reliability AS SELECT CAST(on_date AS DATE) AS on_date, "
            "CAST(outlet AS VARCHAR) AS outlet, hit_rate, evidence FROM forecast_reliability_given"
        )
        self.con.unregister("forecast_reliability_given")
        days = [r[0] for r in self.con.execute("SELECT on_date FROM forecast_dates ORDER BY on_date").fetchall()]
        parts = []
        for start in range(0, len(days), DAYS_PER_PASS):
            self.set_dates(days[start : start + DAYS_PER_PASS])
            self._execute("forecast/pair_snapshots.sql")
            # in a fixed order: the model's folds and the names' categories follow it
            part = self.con.execute("SELECT * FROM forecast_pairs ORDER BY on_date, player, interested_club").df()
            for column in NAME_COLUMNS:
                part[column] = part[column].astype("str").astype("category")  # str even when all null
            parts.append(part)
            if done:
                done(min(start + DAYS_PER_PASS, len(days)), len(days))
        self.con.execute("DROP TABLE IF EXISTS forecast_pairs")
        self.set_dates(days)
        return _concat(parts)


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The passes' frames as one, each name column one categorical over every pass's names."""
    from pandas.api.types import union_categoricals

    if not parts:
        return pd.DataFrame()
    names = {c: union_categoricals([p[c] for p in parts], ignore_order=True) for c in NAME_COLUMNS}
    frame = pd.concat([p.drop(columns=list(NAME_COLUMNS)) for p in parts], ignore_index=True)
    return frame.assign(**names)[list(parts[0].columns)]


@contextlib.contextmanager
def session(known_by: dt.date, settings: Settings, warehouse: Path | None = None) -> Iterator[Session]:
    with reading(warehouse) as con:
        yield Session(con, known_by, settings)


def snapshot_days(first: dt.date | None, before: dt.date, every: int) -> list[dt.date]:
    """Training snapshot days from the first story to the day before `before`, every `every` days
    on a fixed calendar (so two questions on different days learn from the same snapshots)."""
    if first is None or first >= before:
        return []
    start = -(-(first - EPOCH).days // every) * every  # the first snapshot day on or after the first story
    end = (before - EPOCH).days
    return [EPOCH + dt.timedelta(days=k) for k in range(start, end, every)]
