"""A player's club on a date from all the evidence, latest first (SPEC 3, issue 14 Build 1): contract
records while they run, completed moves, the current club reports name, 'Without Club' as none; the
disagreements listed; and every club question (roster, renewal talks, top suitor, expiry timeline,
dossiers) answered from it. A real warehouse built by ingest from CSV files, asked through marts."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis import marts
from analysis.warehouse import reading
from tests.conftest import run_cli

TRANSFER_HEADER = "player,from_club,to_club,transfer_date,fee,is_loan"


@pytest.fixture
def history(raw, fixture_reference):
    """Liverpool's 2022 squad, snapshot 1 Sep 2022, and what happened to some of it since."""
    raw.contracts(
        "squad_2022.csv",
        "Roberto Firmino,Liverpool,2023-06-30,2022-09-01",  # expires, moves to Al-Ahli
        "Jordan Henderson,Liverpool,2025-06-30,2022-09-01",  # still running in 2025, but reports say Ajax
        "Loris Karius,Liverpool,2022-06-30,2022-09-01",  # already expired at the snapshot
        "Mohamed Salah,Liverpool,2025-06-30,2022-09-01",
        "Harvey Elliott,Liverpool,2027-06-30,2022-09-01",  # loaned out: still Liverpool's
        "Ryan Gravenberch,Bayern Munich,2026-06-30,2022-09-01",
        "Ryan Gravenberch,Liverpool,2028-06-30,2023-09-01",  # a new record with a new club: a move
        "Mohamed Salah,Liverpool,2027-06-30,2025-04-11",  # renewed in April 2025
    )
    raw.write(
        "transfers/moves.csv",
        "\n".join(
            [
                TRANSFER_HEADER,
                "Roberto Firmino,Liverpool,Al-Ahli SFC,2023-07-19,free,false",
                "Harvey Elliott,Liverpool,Werder Bremen,2024-08-01,loan,true",
            ]
        )
        + "\n",
    )
    raw.rumours(
        "reports.csv",
        "2023-03-01,Roberto Firmino,Liverpool,Barcelona,Marca,,interest,,Barca keen,",
        "2024-01-10,Roberto Firmino,Al-Ahli SFC,Al-Sadd SC,Marca,,interest,,Al-Sadd keen,",
        "2024-02-01,Roberto Firmino,Al-Ahli SFC,Al-Ahli SFC,Marca,,negotiating,,Al-Ahli talk extension,",
        "2024-03-01,Roberto Firmino,,Liverpool,Marca,,interest,,Liverpool want him back,",
        "2024-05-02,Jordan Henderson,Ajax,Feyenoord,De Telegraaf,,interest,,Feyenoord eye Henderson,",
        "2024-06-01,Jordan Henderson,Ajax,PSV,De Telegraaf,,interest,,PSV too,",
        "2024-10-01,Harvey Elliott,Werder Bremen,Werder Bremen,Kicker,,bid,,Werder want to keep Elliott,",
        "2025-01-20,Harvey Elliott,Unknown,Brighton,BBC Sport,,interest,,Brighton look at Elliott,",
        "2025-01-24,Loris Karius,Without Club,FC Schalke 04,Bild,,interest,,Schalke call Karius,",
        "2025-01-22,Mohamed Salah,Liverpool,Al-Hilal SFC,Marca,,bid,,Al-Hilal bid,",
        "2023-09-01,Ryan Gravenberch,Bayern Munich,Liverpool,BBC Sport,,completed,,Gravenberch joins Liverpool,",
    )
    raw.ingest(reference=fixture_reference)
    return raw


def _club_on(warehouse, player: str, day: str):
    with reading(warehouse) as con:
        marts.building_blocks(con)
        rows = con.execute(
            "SELECT club, club_evidence FROM club_on(?::DATE) WHERE player = ?", [day, player]
        ).fetchall()
    return rows[0] if rows else None


@pytest.mark.parametrize(
    ("player", "day", "club", "because"),
    [
        ("Roberto Firmino", "2023-01-01", "Liverpool", "contract"),
        ("Roberto Firmino", "2023-07-05", None, "contract ended"),  # the contract ran out on 30 Jun
        ("Roberto Firmino", "2023-08-01", "Al-Ahli SFC", "move"),
        ("Roberto Firmino", "2025-01-25", "Al-Ahli SFC", "move"),  # reports naming Al-Ahli agree
        ("Jordan Henderson", "2024-05-01", "Liverpool", "contract"),
        ("Jordan Henderson", "2025-01-25", "Ajax", "report"),  # the later report wins over the old contract
        ("Jordan Henderson", "2025-08-01", "Ajax", "report"),  # Liverpool's contract ending says nothing of Ajax
        ("Loris Karius", "2022-09-01", None, "contract ended"),  # expired before it was recorded
        ("Loris Karius", "2025-01-25", None, "contract ended"),  # 'Without Club': still none
        ("Harvey Elliott", "2025-01-25", "Liverpool", "contract"),  # on loan: Werder's name speaks for Liverpool
        ("Ryan Gravenberch", "2023-08-31", "Bayern Munich", "contract"),
        ("Ryan Gravenberch", "2023-09-01", "Liverpool", "contract"),
        ("Mohamed Salah", "2025-07-01", "Liverpool", "contract"),  # renewed before the old one ran out
    ],
)
def test_a_players_club_on_a_date_is_the_latest_evidence(history, player, day, club, because):
    assert _club_on(history.warehouse, player, day) == (club, because)


def test_no_evidence_yet_means_no_club_known(history):
    assert _club_on(history.warehouse, "Roberto Firmino", "2020-01-01") is None


def test_disagreements_are_listed_with_both_sides(history):
    rows = history.query(
        "SELECT player, reported_club, reports, first_reported_on, last_reported_on, report_file, report_line, "
        "recorded_club, recorded_by, recorded_from, contract_expires, record_file, record_line "
        "FROM club_disagreements ORDER BY player"
    )
    assert rows == [
        (
            "Jordan Henderson", "Ajax", 2, dt.date(2024, 5, 2), dt.date(2024, 6, 1), "rumours/reports.csv", 6,
            "Liverpool", "contract", dt.date(2022, 9, 1), dt.date(2025, 6, 30), "contracts/squad_2022.csv", 3,
        ),
    ]  # fmt: skip
    # Elliott's loan club, Firmino's club after his move and Karius's 'Without Club' all agree with the
    # record; the report of Gravenberch's move names, on the day the new contract is recorded, the club he left


def test_the_ingest_summary_counts_disagreements_with_the_table_to_read(history):
    result = run_cli("ingest", "--raw", str(history.root), "--warehouse", str(history.warehouse))
    assert result.returncode == 0, result.stderr
    assert "1 club disagreement: see table club_disagreements (which sources name which club)" in result.stdout


def test_renewal_talks_follow_the_players_club_on_the_day(history):
    events = marts.report_events(player="Roberto Firmino", as_of="2025-01-25", warehouse=history.warehouse)
    talks = dict(zip(events["interested_club"], events["is_renewal_talk"]))
    assert talks == {"Barcelona": False, "Al-Sadd SC": False, "Al-Ahli SFC": True, "Liverpool": False}
    elliott = marts.report_events(player="Harvey Elliott", as_of="2025-01-25", warehouse=history.warehouse)
    assert dict(zip(elliott["interested_club"], elliott["is_renewal_talk"])) == {
        "Werder Bremen": False,  # his loan club wanting to keep him is a suitor, not his club
        "Brighton": False,
    }


def test_the_report_of_a_move_is_no_renewal_talk_with_the_new_club(history):
    events = marts.report_events(player="Ryan Gravenberch", as_of="2025-01-25", warehouse=history.warehouse)
    assert events[["interested_club", "stage", "is_renewal_talk"]].values.tolist() == [
        ["Liverpool", "completed", False]
    ]


def test_the_clubs_roster_and_top_suitors_follow_the_players_club(history):
    contracts = marts.club_contracts("Liverpool", as_of="2025-01-25", warehouse=history.warehouse)
    assert sorted(contracts["player"]) == ["Harvey Elliott", "Mohamed Salah", "Ryan Gravenberch"]
    suitors = dict(zip(contracts["player"], contracts["top_suitor"]))
    assert suitors["Mohamed Salah"] == "Al-Hilal SFC"
    chased = marts.interest_intensity("Liverpool", as_of="2025-01-25", warehouse=history.warehouse)
    assert set(chased.loc[chased["direction"] == "chased", "player"]) == {"Harvey Elliott", "Mohamed Salah"}
    assert "Jordan Henderson" not in set(chased["player"]), "Ajax's player now: not chased from Liverpool"
    # Liverpool wanting Firmino back is a pursuit of another club's player
    firmino = chased.loc[chased["player"] == "Roberto Firmino"]
    assert set(firmino["direction"]) == {"chasing"}
    expired = marts.club_contracts("Liverpool", as_of="2025-01-25", include_expired=True, warehouse=history.warehouse)
    assert "Loris Karius" in set(expired["player"]), "an expiry view still lists his, as expired"
    assert "Roberto Firmino" not in set(expired["player"]), "at Al-Ahli now: not Liverpool's, not even expired"


def test_an_old_warehouse_without_players_clubs_asks_for_an_ingest(history, tmp_path):
    import duckdb

    old = tmp_path / "old.duckdb"
    with duckdb.connect(str(old)) as con:
        con.execute(f"ATTACH '{history.warehouse}' AS new (READ_ONLY)")
        for table in ("rumours", "contracts", "ref_stage_weights", "ref_tier_weights"):
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM new.{table}")
    from analysis.errors import UserError

    with pytest.raises(UserError, match=r"no table player_clubs .*run `python -m analysis ingest`"):
        marts.club_contracts("Liverpool", as_of="2025-01-25", warehouse=old)
