"""Interest intensity written plainly in pandas (groupby plus rolling): the benchmark's baseline.

Same definition as sql/marts (SPEC section 8): relays merged, renewal talks (own club at the start
of the day) excluded, weight = stage weight x source weight, decayed with the half-life. Run as a
script it times this against analysis.marts.interest_intensity on the same warehouse, alternating,
and checks that both give the same numbers.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd


def load(warehouse: Path) -> dict[str, pd.DataFrame]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            name: con.execute(f"SELECT * FROM {name}").df()
            for name in ("rumours", "contracts", "ref_stage_weights", "ref_tier_weights")
        }


def intensity_pandas(
    data: dict[str, pd.DataFrame],
    club: str,
    as_of: dt.date,
    start: dt.date,
    half_life_days: float = 14.0,
    unknown_tier: int = 4,
) -> pd.DataFrame:
    as_of_ts, start_ts = pd.Timestamp(as_of), pd.Timestamp(start)
    rumours = data["rumours"][data["rumours"]["reported_on"] <= as_of_ts]
    contracts = data["contracts"].assign(recorded_on=lambda c: c["recorded_on"].fillna(pd.Timestamp("1900-01-01")))
    state = (
        contracts[contracts["recorded_on"] <= as_of_ts]
        .sort_values(["recorded_on", "source_file", "line_number"])
        .groupby("player")
        .tail(1)
    )
    roster = set(state.loc[state["club"] == club, "player"])
    focus = rumours[(rumours["interested_club"] == club) | rumours["player"].isin(roster)]

    stories = (
        focus.sort_values(["via"], na_position="first")
        .groupby(["reported_on", "player", "interested_club", "source", "stage"], dropna=False)
        .agg(player_club=("player_club", "first"), source_tier=("source_tier", "first"))
        .reset_index()
    )
    holders = contracts.sort_values("recorded_on")[["player", "club", "recorded_on"]]
    stories = pd.merge_asof(
        stories.sort_values("reported_on"),
        holders.rename(columns={"club": "contract_club"}),
        left_on="reported_on",
        right_on="recorded_on",
        by="player",
        allow_exact_matches=False,
    )
    own = stories["contract_club"].fillna(stories["player_club"])
    stories = stories[stories["interested_club"] != own]

    stage_weight = dict(zip(data["ref_stage_weights"]["stage"], data["ref_stage_weights"]["stage_weight"]))
    tier_weight = dict(zip(data["ref_tier_weights"]["tier"], data["ref_tier_weights"]["source_weight"]))
    stories = stories.assign(
        weight=stories["stage"].fillna("interest").map(stage_weight)
        * stories["source_tier"].fillna(unknown_tier).astype(int).map(tier_weight)
    )

    frames = []
    for (player, suitor), group in stories.groupby(["player", "interested_club"]):
        first = max(group["reported_on"].min(), start_ts)
        days = pd.date_range(group["reported_on"].min(), as_of_ts, freq="D")
        daily = group.groupby("reported_on")["weight"].sum().reindex(days, fill_value=0.0)
        decay = 0.5 ** (np.arange(len(days))[::-1] / half_life_days)
        values = daily.rolling(window=len(days), min_periods=1).apply(
            lambda window, decay=decay: float(np.dot(window, decay[-len(window) :])), raw=True
        )
        values = values[values.index >= first]
        frames.append(
            pd.DataFrame(
                {"date": values.index, "player": player, "interested_club": suitor, "intensity": values.to_numpy()}
            )
        )
    return (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["date", "player", "interested_club", "intensity"])
    )


def main() -> int:
    from analysis import marts

    warehouse, club, as_of, start, repeat = (
        Path(sys.argv[1]),
        sys.argv[2],
        dt.date.fromisoformat(sys.argv[3]),
        dt.date.fromisoformat(sys.argv[4]),
        int(sys.argv[5]),
    )
    data = load(warehouse)
    timings: dict[str, list[float]] = {"duckdb": [], "pandas": []}
    results = {}
    for _ in range(repeat):
        marts._memo.clear()  # every round computes: a remembered answer would time the memo, not the mart
        t = time.perf_counter()
        results["duckdb"] = marts.interest_intensity(club, as_of=as_of, start=start, warehouse=warehouse)
        timings["duckdb"].append(time.perf_counter() - t)
        t = time.perf_counter()
        results["pandas"] = intensity_pandas(data, club, as_of, start)
        timings["pandas"].append(time.perf_counter() - t)
    key = ["date", "player", "interested_club"]
    merged = results["duckdb"].merge(results["pandas"], on=key, how="outer", suffixes=("_duckdb", "_pandas"))
    same = len(merged) == len(results["duckdb"]) == len(results["pandas"]) and np.allclose(
        merged["intensity_duckdb"], merged["intensity_pandas"], rtol=1e-9, atol=1e-12
    )
    print(
        f"{statistics.median(timings['duckdb']):.4f} {statistics.median(timings['pandas']):.4f} "
        f"{len(results['duckdb'])} {int(same)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
