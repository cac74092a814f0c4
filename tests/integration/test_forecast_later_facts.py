"""Point in time against every kind of later fact (SPEC 10): warehouse A holds exactly what was known
on D (a day inside the summer 2025 window), warehouse B holds A's files unchanged plus files of
what became known only after D: the league's later reports, moves and contract records, and rows
made by hand for each kind of input: later stages of the chases open on D (agreed, relayed,
completed by an outlet new to the data and to outlets.csv), a new player and his suitors, judged
`outcome`s, a second `dataset` pool (a pair open on D reported again under it, and an outlet whose
stories turn mostly to it), a new spelling of a chased player, a move known only by a window that
closes after D, renewals and moves recorded after D, a transfer listing dated after D of a move a
contract record showed before D, and a second listing of a move, dated later in the same window.

Everything as of D must be equal, to the last bit: move probabilities with their nulls and reasons,
outlet reliability and its prior, story outcomes, and the backtest's predictions and origins up
to D (replayed in B to its own end, in A to D), with the outlet reliability and pair features of
every day it learns from. test_forecast_point_in_time.py rewrites the future of one league; this
adds the future instead, kind by kind."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import forecast
from analysis.forecast import backtest, predict
from analysis.forecast.session import session, snapshot_days
from analysis.forecast.settings import settings
from analysis.ingest import ingest
from analysis.progress import Progress
from tests.forecast_data import synthetic_league

pytestmark = pytest.mark.slow  # a generated league, two warehouses, fitted and replayed
D = dt.date(2025, 8, 1)  # inside the summer 2025 window (1 June to 1 September)
RUMOURS = "reported_on,player,player_club,interested_club,source,via,stage,fee,headline,url,outcome,dataset"
TRANSFERS = "player,from_club,to_club,transfer_date,season,window,fee,is_loan,dataset"
CONTRACTS = "player,club,contract_expires,recorded_on,market_value,dataset"
NEW_PLAYER = "Øyvind N'Kemelu-Åberg"
LEAGUE = "synthetic-demo"


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str] | str, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = header.split(",") if isinstance(header, str) else header
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def _after(days: int) -> str:
    return (D + dt.timedelta(days=days)).isoformat()


@dataclasses.dataclass
class Worlds:
    known: Path  # A: what was known on D
    later: Path  # B: A's files, and files of what became known after D
    chased: pd.DataFrame  # A's move probabilities on D


def _split_league(league, a: Path, b: Path) -> None:
    """The league's rows known by D into both raw folders, unchanged; the rest into B's *_later files."""
    known = {
        "rumours": lambda r: _day(r["reported_on"]) <= D,
        "transfers": lambda r: _day(r["transfer_date"]) <= D,
        "contracts": lambda r: not r["recorded_on"] or _day(r["recorded_on"]) <= D,
    }
    for kind, by_d in known.items():
        header, rows = _read(league.raw / kind / f"synthetic_demo_{kind}.csv")
        for world in (a, b):
            _write(world / "raw" / kind / f"synthetic_demo_{kind}.csv", header, [r for r in rows if by_d(r)])
        _write(b / "raw" / kind / f"synthetic_demo_{kind}_later.csv", header, [r for r in rows if not by_d(r)])
        assert any(not by_d(r) for r in rows) or kind == "transfers", f"the league has {kind} after D"
    for world in (a, b):
        shutil.copytree(league.reference, world / "reference")


def _later_reports(pairs: list[tuple[str, str, str]]) -> list[dict]:
    rows: list[dict] = []

    def story(days, player, club, suitor, source, stage, via="", outcome="", dataset=LEAGUE, fee=""):
        rows.append(
            {"reported_on": _after(days), "player": player, "player_club": club, "interested_club": suitor}
            | {"source": source, "via": via, "stage": stage, "fee": fee, "outcome": outcome, "dataset": dataset}
            | {"headline": f"{suitor} and {player}: {stage}", "url": ""}
        )

    for player, suitor, club in pairs[:8]:  # the chases open on D go further: agreed, relayed, completed
        story(5, player, club, suitor, "Transfer Tattler", "agreed", fee="€12m")
        story(5, player, club, suitor, "Transfer Tattler", "agreed", via="Demo Wire Service", fee="€12m")
        story(12, player, club, suitor, "Gazzetta Nuova", "completed")
    for days in (3, 9, 15):  # a new player, chased by two clubs, first reported by a new outlet
        for via in ("", "Radar Sport Daily"):
            story(days, NEW_PLAYER, "Quarrygate United", "Pikemere Athletic", "Gazzetta Nuova", "interest", via)
        story(days + 1, NEW_PLAYER, "Quarrygate United", "Dunholt United", "Radar Sport Daily", "bid", fee="£20m")
    for i, (player, suitor, club) in enumerate(pairs[8:20]):  # a curated dataset's verdicts
        story(20, player, club, suitor, "Goal Line Gazette", "interest", outcome="yes" if i % 2 else "no")
    for k in range(700):  # a desk's own dataset, mostly by one outlet: its stories turn to that pool
        desk_pair = (f"Desk Player {k % 90}", "Desk Town", f"Desk Club {k % 7}")
        story(30 + k % 60, *desk_pair, "Demo Club Statement", "interest", dataset="desk-2025")
    player, suitor, club = pairs[20]  # a pair open on D, reported again under the desk's dataset
    story(40, player, club, suitor, "Kit Bag Weekly", "interest", dataset="desk-2025")
    player, suitor, club = pairs[21]  # a chased player written another way
    story(7, player.upper(), club, suitor, "Kit Bag Weekly", "approach")
    return rows


def _build(root: Path) -> Worlds:
    league = synthetic_league(root / "league", rumours=12_000, clubs=25, seasons=3, outlets=12, seed=3)
    a, b = root / "known", root / "later"
    _split_league(league, a, b)
    # a contract record (a squad export of 20 July, known on D in both) shows a move the transfer
    # file below lists only with its registration date, after D
    july = predict_table(a, dt.date(2025, 7, 10))
    open_on_d = predict_table(a, D)
    pairs = list(zip(open_on_d["player"], open_on_d["interested_club"], open_on_d["player_club"].replace("nan", "")))
    used = {p for p, _, _ in pairs[:25]}
    signed = next(
        (p, c, club)
        for p, c, club in zip(july["player"], july["interested_club"], july["player_club"])
        if club != "nan" and p not in used
    )
    squad = {"player": signed[0], "club": signed[1], "contract_expires": "2029-06-30", "recorded_on": "2025-07-20"}
    for world in (a, b):
        _write(world / "raw/contracts/desk_squad.csv", CONTRACTS, [squad | {"market_value": "€5m", "dataset": LEAGUE}])
    _, moves = _read(a / "raw/transfers/synthetic_demo_transfers.csv")
    summer = next(m for m in moves if "2025-06-01" <= m["transfer_date"][:10] <= "2025-07-31")

    _write(b / "raw/rumours/later_desk.csv", RUMOURS, _later_reports(pairs))
    move = {"season": "", "window": "", "is_loan": "false", "dataset": LEAGUE}
    (p0, c0, club0), (p1, c1, club1), (p2, _, club2), (p3, c3, _) = pairs[:4]
    _write(
        b / "raw/transfers/later_moves.csv",
        TRANSFERS,
        [
            move
            | {"player": p0, "from_club": club0, "to_club": c0, "season": "2025", "window": "summer"}
            | {"fee": "€12m"},  # known only when the window closes, a month after D
            move | {"player": p1, "from_club": club1, "to_club": c1, "transfer_date": _after(20), "fee": "€9m"},
            move
            | {"player": NEW_PLAYER, "from_club": "Quarrygate United", "to_club": "Pikemere Athletic"}
            | {"transfer_date": _after(25), "fee": "£22m"},
            move
            | {"player": signed[0], "from_club": signed[2], "to_club": signed[1], "transfer_date": "2025-08-20"}
            | {"fee": "€5m"},
        ],
    )
    # the other club's listing of a summer move known by D, in a file that sorts first, dated later
    header, _ = _read(a / "raw/transfers/synthetic_demo_transfers.csv")
    _write(b / "raw/transfers/a_club_listing.csv", header, [summer | {"transfer_date": "2025-08-25"}])
    _write(
        b / "raw/contracts/later_records.csv",
        CONTRACTS,
        [
            {"player": p2, "club": club2, "contract_expires": "2030-06-30", "recorded_on": _after(30)},  # renewal
            {"player": p3, "club": c3, "contract_expires": "2029-06-30", "recorded_on": _after(40)},  # a move
            {"player": NEW_PLAYER, "club": "Quarrygate United", "contract_expires": "2027-06-30"}
            | {"recorded_on": _after(10)},
        ],
    )
    with (b / "reference/outlets.csv").open("a", encoding="utf-8") as fh:
        fh.write("Gazzetta Nuova,2,Italia\n")
    for world in (a, b):
        ingest(world / "raw", world / "reference", world / "warehouse.duckdb", progress=Progress.quiet())
    return Worlds(a / "warehouse.duckdb", b / "warehouse.duckdb", predict_table(a, D))


def predict_table(world: Path, day: dt.date) -> pd.DataFrame:
    """The move probabilities on `day` of a raw folder's league, ingested as it stands."""
    warehouse = world / "warehouse.duckdb"
    ingest(world / "raw", world / "reference", warehouse, progress=Progress.quiet())
    return forecast.move_probabilities(day, warehouse=warehouse).sort_values(["player", "interested_club"])


@pytest.fixture(scope="module")
def worlds(tmp_path_factory) -> Worlds:
    built = _build(tmp_path_factory.mktemp("later_facts"))
    assert built.chased["probability"].notna().all() and len(built.chased) > 100, "a model fitted on D"
    return built


def test_probabilities_reliability_and_outcomes_as_of_d_ignore_every_later_fact(worlds):
    pairs = [forecast.move_probabilities(D, warehouse=w) for w in (worlds.known, worlds.later)]
    assert_frame_equal(*pairs)
    assert_frame_equal(*(forecast.outlet_reliability(D, warehouse=w) for w in (worlds.known, worlds.later)))
    assert_frame_equal(*(forecast.story_outcomes(D, warehouse=w) for w in (worlds.known, worlds.later)))
    early = dt.date(2025, 3, 1)  # and on a day outside a window, before the later files' first word
    assert_frame_equal(*(forecast.move_probabilities(early, warehouse=w) for w in (worlds.known, worlds.later)))


def test_what_became_known_after_d_does_change_later_answers(worlds):
    """Or the equalities above would prove nothing."""
    later_day = dt.date(2025, 8, 20)
    chased = forecast.move_probabilities(later_day, warehouse=worlds.later)
    assert NEW_PLAYER in set(chased["player"]), "the new player's chase is open in B"
    outcomes = [forecast.story_outcomes("2025-09-02", warehouse=w) for w in (worlds.known, worlds.later)]
    up_to_d = [o[pd.to_datetime(o["reported_on"]) <= pd.Timestamp(D)].reset_index(drop=True) for o in outcomes]
    assert (up_to_d[0]["outcome"] != up_to_d[1]["outcome"]).sum() >= 3, "later moves settle D's stories"
    reliability = forecast.outlet_reliability("2025-12-01", warehouse=worlds.later)
    assert {"Gazzetta Nuova", "Demo Club Statement"} <= set(reliability["outlet"])
    assert reliability.set_index("outlet").loc["Demo Club Statement", "pool"] == "desk-2025"


def _learned(warehouse: Path, known_by: dt.date, days: list[dt.date]) -> tuple[pd.DataFrame, pd.DataFrame]:
    with session(known_by, settings(), warehouse) as s:
        return predict.learn(s, days)


def test_every_day_the_backtest_learns_from_up_to_d_is_as_known_then(worlds):
    """The backtest reads one session known by its end: each day's outlet reliability and pair
    features (pools included) must be those a session known by D gives, but for the day a move
    became known, which only a later session can know (it must agree wherever it is by D)."""
    with session(D, settings(), worlds.known) as s:
        days = [*snapshot_days(s.first_story_day(), D, settings().snapshot_days), D]
    end = dt.date(2026, 6, 30)
    (rel_a, feat_a), (rel_b, feat_b) = _learned(worlds.known, D, days), _learned(worlds.later, end, days)
    assert len(rel_a) and len(feat_a) > 1000
    assert_frame_equal(rel_a.reset_index(drop=True), rel_b.reset_index(drop=True))
    hit_a, hit_b = (pd.to_datetime(f["first_hit_known"]) for f in (feat_a, feat_b))
    assert (hit_a.dropna() <= pd.Timestamp(D)).all()
    assert hit_a.equals(hit_b.where(hit_b <= pd.Timestamp(D)))
    assert (hit_b > pd.Timestamp(D)).sum() > 10, "B knows moves A cannot"
    names = ["player", "interested_club", "player_club", "furthest_stage", "horizon_label"]
    same = [f.drop(columns="first_hit_known").assign(**{c: f[c].astype(str) for c in names}) for f in (feat_a, feat_b)]
    assert_frame_equal(*same)


def test_the_backtests_predictions_and_origins_up_to_d_ignore_every_later_fact(worlds):
    replays = [backtest.run(to_date=D, warehouse=worlds.known), backtest.run(warehouse=worlds.later)]
    assert replays[1].end > D
    columns = ["as_of", "player", "interested_club", "model", "probability", "horizon_closes", "window_label"]
    by_d = [r.predictions[pd.to_datetime(r.predictions["as_of"]) <= pd.Timestamp(D)][columns] for r in replays]
    assert by_d[0]["probability"].notna().sum() > 1000, "origins before D were fitted"
    assert_frame_equal(*(p.reset_index(drop=True) for p in by_d))
    origins = [r.origins[pd.to_datetime(r.origins["as_of"]) <= pd.Timestamp(D)].reset_index(drop=True) for r in replays]
    assert_frame_equal(*origins)
    later_pools = set(replays[1].origins.loc[pd.to_datetime(replays[1].origins["as_of"]) > pd.Timestamp(D), "pool"])
    assert later_pools == {LEAGUE, "desk-2025"}, "after D, B's replay does see the desk's pool"
