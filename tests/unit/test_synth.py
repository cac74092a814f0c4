"""The synthetic demo league must look like real rumour data (stories, relays, moves) and stay
self-consistent, because demos and benchmarks are read by the same ingest and reports as real files."""

from __future__ import annotations

import csv
import datetime
import itertools
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from analysis import config, synth

RUMOUR_HEADER = "reported_on,player,player_club,interested_club,source,via,stage,fee,headline,url,dataset"
CONTRACT_HEADER = "player,club,contract_expires,recorded_on,position,date_of_birth,market_value,option_until,dataset"
DEMO_OUTLETS = {
    "Demo Club Statement",
    "Demo Wire Service",
    "The Demo Chronicle",
    "Radar Sport Daily",
    "Goal Line Gazette",
    "Kit Bag Weekly",
    "Terrace Talk Blog",
    "Transfer Tattler",
}
STAGE_TEXT = {
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
    "circling",
    "talks",
    "offer",
    "ruled out",
}
FEE_FORMATS = {
    "gbp_m": re.compile(r"£\d+(\.\d)?m"),
    "eur_m": re.compile(r"€\d+(\.\d)?m"),
    "usd_m": re.compile(r"\$\d+(\.\d)?M"),
    "gbp_million": re.compile(r"£\d+(\.\d)? million"),
    "thousands": re.compile(r"\d+k"),
    "raw": re.compile(r"\d{5,}"),
    "undisclosed": re.compile(r"undisclosed"),
    "free": re.compile(r"free"),
}


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value[:10])


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("demo")
    paths = synth.generate(out, rumours=4000, seed=7)
    return {"paths": paths, "rumours": _read(paths["rumours"]), "contracts": _read(paths["contracts"])}


def test_paths_and_headers_exact(demo: dict) -> None:
    paths = demo["paths"]
    assert paths["rumours"].name == "synthetic_demo_rumours.csv"
    assert paths["rumours"].parent.name == "rumours"
    assert paths["contracts"].name == "synthetic_demo_contracts.csv"
    assert paths["contracts"].parent.name == "contracts"
    assert paths["rumours"].read_text(encoding="utf-8").split("\n", 1)[0] == RUMOUR_HEADER
    assert paths["contracts"].read_text(encoding="utf-8").split("\n", 1)[0] == CONTRACT_HEADER
    assert not list(paths["rumours"].parent.parent.glob(".synth-*")), "temporary parts left behind"


def test_deterministic_for_a_seed(demo: dict, tmp_path: Path) -> None:
    again = synth.generate(tmp_path / "a", rumours=4000, seed=7)
    other = synth.generate(tmp_path / "b", rumours=4000, seed=8)
    for kind in ("rumours", "contracts"):
        assert again[kind].read_bytes() == demo["paths"][kind].read_bytes()
        assert other[kind].read_bytes() != demo["paths"][kind].read_bytes()


def test_exact_row_count_for_small_sizes(tmp_path: Path) -> None:
    for n in (0, 1, 7, 123):
        paths = synth.generate(tmp_path / str(n), rumours=n, seed=3)
        assert len(_read(paths["rumours"])) == n
        assert len(_read(paths["contracts"])) >= 20 * synth.SQUAD_SIZE


def test_labelled_synthetic_and_well_formed(demo: dict) -> None:
    rumours, contracts = demo["rumours"], demo["contracts"]
    assert len(rumours) == 4000
    assert {r["dataset"] for r in rumours} == {"synthetic-demo"}
    assert {c["dataset"] for c in contracts} == {"synthetic-demo"}
    assert all(None not in r and len(r) == 11 for r in rumours)
    assert {r["source"] for r in rumours} <= DEMO_OUTLETS
    assert {r["stage"] for r in rumours} <= STAGE_TEXT
    assert {"circling", "talks", "offer"} <= {r["stage"] for r in rumours}
    assert all(r["url"].startswith("https://demo.invalid/") and r["headline"] for r in rumours)


def test_dates_inside_the_two_seasons(demo: dict) -> None:
    stamped = 0
    for r in demo["rumours"]:
        value = r["reported_on"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?", value), value
        stamped += "T" in value
        assert synth.DEMO_START <= _day(value) <= synth.DEMO_END
    assert 0.05 < stamped / len(demo["rumours"]) < 0.15
    assert datetime.date(2023, 7, 1) == synth.DEMO_START
    assert datetime.date(2025, 6, 30) == synth.DEMO_END


def test_every_name_is_known(demo: dict) -> None:
    clubs = set(synth.demo_club_names(20))
    players = {c["player"] for c in demo["contracts"]}
    assert {c["club"] for c in demo["contracts"]} <= clubs
    for r in demo["rumours"]:
        assert r["player"] in players
        assert r["player_club"] in clubs and r["interested_club"] in clubs
    assert any("'" in p for p in players) and any(re.search(r"[éóúíáñöàè]", p) for p in players)


def test_quoting_round_trips(demo: dict) -> None:
    text = demo["paths"]["rumours"].read_text(encoding="utf-8")
    assert any("," in r["headline"] for r in demo["rumours"])
    assert any('"' in r["headline"] for r in demo["rumours"])
    assert any("'" in r["player"] for r in demo["rumours"])
    physical_lines = text.count("\n")
    assert physical_lines == len(demo["rumours"]) + 1  # no field spans lines


def test_relays_share_everything_but_via(demo: dict) -> None:
    rumours = demo["rumours"]
    originals = set()
    for r in rumours:
        if not r["via"]:
            originals.add(tuple(v for k, v in r.items() if k != "via"))
    relays = [r for r in rumours if r["via"]]
    assert 0.10 < len(relays) / len(rumours) < 0.18
    for r in relays:
        assert r["via"] in DEMO_OUTLETS and r["via"] != r["source"]
        assert tuple(v for k, v in r.items() if k != "via") in originals


def test_renewal_talks(demo: dict) -> None:
    talks = [r for r in demo["rumours"] if r["interested_club"] == r["player_club"]]
    assert 0.02 < len(talks) / len(demo["rumours"]) < 0.10
    assert {r["stage"] for r in talks} <= {"negotiating", "talks"}


def test_fee_only_on_money_stages_and_varied(demo: dict) -> None:
    seen = set()
    for r in demo["rumours"]:
        if r["stage"] in {"bid", "offer", "agreed", "completed"}:
            assert r["fee"], r
            kinds = [k for k, rx in FEE_FORMATS.items() if rx.fullmatch(r["fee"])]
            assert len(kinds) == 1, r["fee"]
            seen.add(kinds[0])
        else:
            assert r["fee"] == "", r
    assert len(seen) >= 7, seen


def test_contracts_shape(demo: dict) -> None:
    contracts = demo["contracts"]
    initial = [c for c in contracts if not c["recorded_on"]]
    assert len(initial) == len({c["player"] for c in contracts}) == 20 * synth.SQUAD_SIZE
    expiries = [c["contract_expires"] for c in initial]
    assert {e[5:] for e in expiries} == {"06-30"}
    assert {e[:4] for e in expiries} == {"2025", "2026", "2027", "2028", "2029"}
    assert sum(e.startswith(("2025", "2026")) for e in expiries) > 0.35 * len(expiries)
    assert all(re.fullmatch(r"€\d+\.\d\dm|€\d+k", c["market_value"]) for c in contracts)
    assert all(c["position"] in {"GK", "DF", "MF", "FW"} for c in contracts)
    assert any(c["option_until"] for c in initial)
    positions = defaultdict(int)
    for c in initial:
        positions[c["position"]] += 1
    assert positions["GK"] < positions["FW"] < positions["DF"]


def test_renewals_extend_the_contract(demo: dict) -> None:
    by_player = defaultdict(list)
    for c in demo["contracts"]:
        by_player[c["player"]].append(c)
    renewals = 0
    for rows in by_player.values():
        first = rows[0]
        for later in rows[1:]:
            assert synth.DEMO_START <= _day(later["recorded_on"]) <= synth.DEMO_END
            if later["club"] == first["club"]:
                renewals += 1
                assert later["contract_expires"] > first["contract_expires"]
    assert renewals > 0


def test_completed_move_changes_club(demo: dict) -> None:
    contracts = demo["contracts"]
    completions = [r for r in demo["rumours"] if r["stage"] == "completed"]
    assert completions
    later_seen = 0
    for done in completions:
        day = done["reported_on"][:10]
        moved = [c for c in contracts if c["player"] == done["player"] and c["recorded_on"] == day]
        assert [c["club"] for c in moved] == [done["interested_club"]]
        assert done["player_club"] != done["interested_club"]
        next_move = min(
            (_day(c["recorded_on"]) for c in contracts if c["player"] == done["player"] and c["recorded_on"] > day),
            default=datetime.date.max,
        )
        for r in demo["rumours"]:
            if r["player"] == done["player"] and _day(day) < _day(r["reported_on"]) <= next_move:
                assert r["player_club"] == done["interested_club"]
                later_seen += 1
    assert later_seen > 0


def test_player_club_follows_contract_state(demo: dict) -> None:
    """A report shows the club of the latest contract record before its day (a move shows from the
    day after completion: the completion report itself names the selling club)."""
    records = defaultdict(list)
    for c in demo["contracts"]:
        records[c["player"]].append((c["recorded_on"] or "0000-00-00", c["club"]))
    for r in demo["rumours"]:
        day = r["reported_on"][:10]
        before = [club for on, club in sorted(records[r["player"]]) if on < day]
        assert r["player_club"] == before[-1]


def test_stars_chased_by_several_clubs(demo: dict) -> None:
    suitors = defaultdict(set)
    for r in demo["rumours"]:
        if r["interested_club"] != r["player_club"]:
            suitors[r["player"]].add(r["interested_club"])
    assert max(len(s) for s in suitors.values()) >= 4


def test_progress_called_per_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synth, "CHUNK_ROWS", 1000)
    messages: list[str] = []
    paths = synth.generate(tmp_path, rumours=4000, seed=1, progress=messages.append)
    assert sum(m.startswith("rumours:") for m in messages) >= 4
    assert len(_read(paths["rumours"])) == 4000


def test_size_50000_rows_exact(tmp_path: Path) -> None:
    paths = synth.generate(tmp_path, rumours=50_000, seed=11)
    with open(paths["rumours"], newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        assert next(reader) == RUMOUR_HEADER.split(",")
        rows = sum(1 for row in reader if len(row) == 11)
    assert rows == 50_000
    assert len(_read(paths["contracts"])) >= synth.default_clubs(50_000) * synth.SQUAD_SIZE


def test_club_names() -> None:
    names = synth.demo_club_names(2000)
    assert len(set(names)) == 2000
    assert names[:20] == synth.demo_club_names(20) == synth.demo_club_names()
    assert names[0] == "Northbridge Rovers"
    assert synth.default_clubs(4000) == 20 and synth.default_clubs(20_000) == 20
    assert synth.default_clubs(1_000_000) == 500 and synth.default_clubs(10_000_000) == 2000


def test_demo_outlets_are_in_outlets_csv_with_a_tier():
    with (config.REFERENCE_DIR / "outlets.csv").open(encoding="utf-8") as fh:
        tiers = {row["outlet"]: row["tier"] for row in csv.DictReader(fh)}
    assert set(synth.DEMO_OUTLETS) <= set(tiers), set(synth.DEMO_OUTLETS) - set(tiers)
    assert tiers[synth.DEMO_OUTLETS[0]] == "1", "index 0 stands for the club's own statement"


TRANSFER_HEADER = "player,from_club,to_club,transfer_date,fee,is_loan,dataset"


def test_every_completed_move_is_a_transfer_row_as_spec_9_reads_it(demo: dict) -> None:
    path = demo["paths"]["transfers"]
    assert path == path.parent.parent / "transfers" / "synthetic_demo_transfers.csv"
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == TRANSFER_HEADER
    moves = _read(path)
    assert moves and {m["dataset"] for m in moves} == {"synthetic-demo"} and {m["is_loan"] for m in moves} == {"false"}
    by_move = {(m["player"], m["to_club"], m["transfer_date"]): m for m in moves}
    completions = {
        (r["player"], r["interested_club"], r["reported_on"][:10]): r
        for r in demo["rumours"]
        if r["stage"] == "completed"
    }
    assert set(completions) <= set(by_move), "every completion report is a move on its day"
    for key, report in completions.items():
        assert by_move[key]["from_club"] == report["player_club"]
    assert all(m["fee"] == "free" or re.fullmatch(r"€\d+(\.\d)?m|€\d+k", m["fee"]) for m in moves)
    assert all(synth.DEMO_START <= _day(m["transfer_date"]) <= synth.DEMO_END for m in moves)


def test_a_player_moves_again_only_a_season_later(demo: dict) -> None:
    days = defaultdict(list)
    for m in _read(demo["paths"]["transfers"]):
        days[m["player"]].append(_day(m["transfer_date"]))
    gaps = [(b - a).days for d in days.values() for a, b in itertools.pairwise(sorted(d))]
    assert all(gap >= synth.MOVE_GAP_DAYS for gap in gaps)


def test_the_truth_file_says_what_the_league_was_drawn_from(demo: dict) -> None:
    truth = json.loads(demo["paths"]["truth"].read_text(encoding="utf-8"))
    assert truth["dataset"] == "synthetic-demo" and truth["horizon_windows"] == 2 and truth["seasons"] == 2
    assert [o["outlet"] for o in truth["outlets"]] == synth.DEMO_OUTLETS
    with (config.REFERENCE_DIR / "outlets.csv").open(encoding="utf-8") as fh:
        tiers = {row["outlet"]: int(row["tier"]) for row in csv.DictReader(fh)}
    assert all(o["tier"] == tiers[o["outlet"]] and 0 < o["hit_rate"] < 1 for o in truth["outlets"])
    assert list(truth["stage_effects"]) == ["monitoring", "interest", "approach", "bid", "bid_rejected", "negotiating"]
    assert truth["moves"] == len(_read(demo["paths"]["transfers"]))
    assert 0.1 < truth["story_share_came_true"] < 0.5, "gossip comes true now and then, not always"


def test_a_longer_league_with_more_outlets(tmp_path: Path) -> None:
    paths = synth.generate(tmp_path, rumours=3000, seed=2, seasons=4, outlets=20)
    rumours = _read(paths["rumours"])
    assert max(_day(r["reported_on"]) for r in rumours) > datetime.date(2026, 7, 1)
    assert all(_day(r["reported_on"]) <= datetime.date(2027, 6, 30) for r in rumours)
    outlets = {r["source"] for r in rumours}
    assert len(outlets) > 12 and set(synth.DEMO_OUTLETS) < {
        o["outlet"] for o in json.loads(paths["truth"].read_text())["outlets"]
    }
    with pytest.raises(ValueError, match="seasons must be between 1 and 20"):
        synth.generate(tmp_path / "x", rumours=10, seasons=0)


def test_the_shipped_clubs_reference_lists_the_demo_league_and_the_articles_clubs() -> None:
    """So the README's `--league "Premier League"` and `--market --league "Liga Demo"` run on the
    shipped data: the demo league's clubs in a fictional country, and the two real clubs the
    article names with their Transfermarkt ids."""
    with (config.REFERENCE_DIR / "clubs.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["club", "league", "country", "club_id"]
        rows = list(reader)
    demo = [r for r in rows if r["league"] == "Liga Demo"]
    assert [r["club"] for r in demo] == synth.demo_club_names(20)
    assert {(r["country"], r["club_id"]) for r in demo} == {("Demoland", "")}
    real = {r["club"]: (r["league"], r["country"], r["club_id"]) for r in rows if r["league"] != "Liga Demo"}
    assert real == {"Liverpool": ("Premier League", "England", "31"), "Real Madrid": ("LaLiga", "Spain", "418")}
