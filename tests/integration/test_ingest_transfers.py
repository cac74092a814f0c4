"""Completed moves as data (SPEC 9): transfer CSVs with the usual guarantees, the two common
Transfermarkt club-transfer layouts ingested unedited (each move once although both clubs list it),
moves known from contract records, and the transfer windows table."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.conftest import assert_accounted

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transfermarkt"
TRANSFER_HEADER = "player,from_club,to_club,transfer_date,season,window,fee,is_loan"
SUMMER_2004_CLOSES = dt.date(2004, 9, 1)
GBP_2004 = 1.15  # fx_rates.csv: GBP before 2023-07-01


def moves(raw, source_file: str | None = None):
    where = "WHERE source_file = ?" if source_file else ""
    return raw.query(
        "SELECT line_number, player, from_club, to_club, window_label, known_on, fee_as_written, fee_eur, is_loan, "
        f"loan_return FROM transfers {where} ORDER BY source_file, line_number",
        [source_file] if source_file else [],
    )


def counts(raw):
    return raw.query(
        "SELECT source_file, rows_read, accepted, rejected, duplicates, mirrored, profile FROM ingest_files ORDER BY 1"
    )


def test_plain_transfer_file_dates_windows_fees_aliases_and_bad_rows(raw):
    raw.write(
        "transfers/moves.csv",
        "\n".join(
            [
                TRANSFER_HEADER,
                "TAA,Liverpool FC,Los Blancos,2025-05-30,,,€10m,false",  # 2
                "Mohamed Salah,Liverpool,Al-Hilal,,2025,Summer,?,",  # 3
                "Ibrahima Konaté,Liverpool,Real Madrid,,2025/26,winter,loan,",  # 4
                "Virgil van Dijk,Celtic,Southampton,,15/16,s,£13m,0",  # 5
                "Darwin Núñez,Benfica,Liverpool,14/06/2022,,,€75m,no",  # 6
                "Luis Díaz,FC Porto,Liverpool,2022-01-30,,,£37.5m,",  # 7
                "N'Golo Kanté,Chelsea,Al-Ittihad,2023-06-20,,,-,",  # 8
                "Jordan Henderson,Al-Ettifaq,Ajax,2024-01-18,,,free,",  # 9
                ",Liverpool,Real Madrid,2025-05-30,,,,",  # 10: no player
                "Some Player,Liverpool,,2025-05-30,,,,",  # 11: no to_club
                "Some Player,Liverpool,Everton,,,,,",  # 12: no date, no season
                "Some Player,Liverpool,Everton,,2025,,,",  # 13: season without window
                "Some Player,Liverpool,Everton,,2025,autumn,,",  # 14: no such window
                "Some Player,Liverpool,Everton,someday,,,,",  # 15: date not understood
                "Other Player,Liverpool,Everton,someday,2024,summer,a lot,maybe",  # 16: kept, three warnings
                "TAA,Liverpool FC,Los Blancos,2025-05-30,,,€10m,false",  # 17: exact duplicate of line 2
            ]
        )
        + "\n",
    )
    raw.ingest()
    assert moves(raw) == [
        (2, "Trent Alexander-Arnold", "Liverpool", "Real Madrid", "summer 2025", dt.date(2025, 5, 30), "€10m", 10e6,
         False, False),
        (3, "Mohamed Salah", "Liverpool", "Al-Hilal", "summer 2025", dt.date(2025, 9, 1), "?", None, False, False),
        (4, "Ibrahima Konaté", "Liverpool", "Real Madrid", "winter 2025-26", dt.date(2026, 2, 1), "loan", None,
         True, False),
        (5, "Virgil van Dijk", "Celtic", "Southampton", "summer 2015", dt.date(2015, 9, 1), "£13m", 13e6 * GBP_2004,
         False, False),
        (6, "Darwin Núñez", "Benfica", "Liverpool", "summer 2022", dt.date(2022, 6, 14), "€75m", 75e6, False, False),
        (7, "Luis Díaz", "FC Porto", "Liverpool", "winter 2021-22", dt.date(2022, 1, 30), "£37.5m",
         pytest.approx(37.5e6 * GBP_2004), False, False),
        (8, "N'Golo Kanté", "Chelsea", "Al-Ittihad", "summer 2023", dt.date(2023, 6, 20), "-", None, False, False),
        (9, "Jordan Henderson", "Al-Ettifaq", "Ajax", "winter 2023-24", dt.date(2024, 1, 18), "free", 0.0, False,
         False),
        (16, "Other Player", "Liverpool", "Everton", "summer 2024", dt.date(2024, 9, 1), "a lot", None, False, False),
    ]  # fmt: skip
    assert raw.query("SELECT line_number, reason FROM rejected_rows ORDER BY 1") == [
        (10, "missing required value: player"),
        (11, "missing required value: to_club"),
        (12, "missing required value: transfer_date (or season and window)"),
        (13, "missing required value: window (season '2025' has a summer and a winter window)"),
        (14, "unrecognised window: 'autumn' (summer or winter)"),
        (15, "unrecognised date in transfer_date: 'someday'"),
    ]
    assert raw.query("SELECT raw FROM rejected_rows WHERE line_number = 14") == [
        ("Some Player,Liverpool,Everton,,2025,autumn,,",)
    ]
    assert raw.query("SELECT line_number, message FROM ingest_warnings ORDER BY 1, 2") == [
        (16, "fee not understood, stored as null: 'a lot'; is_loan not understood, taken from the fee: 'maybe'; "
             "unrecognised date in transfer_date, the window's close is used: 'someday'"),
    ]  # fmt: skip
    assert counts(raw) == [("transfers/moves.csv", 16, 9, 6, 1, 0, None)]
    assert raw.query("SELECT DISTINCT evidence FROM transfers") == [("transfers",)]
    assert_accounted(raw)


def test_transfermarkt_club_transfers_layout_each_move_once(raw):
    """Layout (a): season, league, club, window, movement, player_name, player_id, ..., dealing_club,
    dealing_country, fee, is_loan; unedited, with both clubs' listings of four moves."""
    shutil.copy(FIXTURES / "club_transfers_2020.csv", raw.root / "transfers" / "premier_league_2020.csv")
    raw.ingest()
    assert counts(raw) == [("transfers/premier_league_2020.csv", 22, 18, 0, 4, 4, "Transfermarkt club transfers")]
    stored = {(m[1], m[2], m[3]): m for m in moves(raw)}
    # both sides listed, under different names for each other: one move, the buyer's listing, the
    # seller's own name; matched by player_id where the names have nothing in common (Wolves)
    assert stored["Emiliano Martínez", "Arsenal FC", "Aston Villa"][0] == 10
    assert stored["Ross Barkley", "Chelsea FC", "Aston Villa"][6:10] == ("loan transfer", None, True, False)
    assert ("Adam Lallana", "Liverpool", "Brighton & Hove Albion") in stored  # 'Liverpool FC' is an alias
    assert stored["Ki-Jana Hoever", "Liverpool", "Wolverhampton Wanderers"][7] == 10.13e6
    assert len([m for m in moves(raw) if m[1] in ("Emiliano Martínez", "Ross Barkley", "Adam Lallana")]) == 3
    # the same name at other clubs: two players, two moves (their player_ids differ)
    assert raw.query("SELECT player_id, from_club, to_club FROM transfers WHERE player = 'Gabriel' ORDER BY 1") == [
        ("435338", "LOSC Lille", "Arsenal FC"),
        ("776115", "Grêmio", "Wolverhampton Wanderers"),
    ]
    # fees as Transfermarkt writes them
    assert stored["Mattéo Guendouzi", "Arsenal FC", "Hertha BSC"][4:10] == (
        "summer 2020",
        dt.date(2020, 9, 1),
        "Loan fee:€1.00m",
        1e6,
        True,
        False,
    )
    assert stored["Pablo Marí", "Arsenal FC", "Flamengo"][6:10] == ("End of loanJun 30, 2020", None, False, True)
    assert stored["Pablo Marí", "Flamengo", "Arsenal FC"][6:10] == ("€5.00m", 5e6, False, False)
    assert stored["Mesut Özil", "Arsenal FC", "Fenerbahce"][4:8] == (
        "winter 2020-21",
        dt.date(2021, 2, 1),
        "free transfer",
        0.0,
    )
    assert stored["Will Norris", "Wolves", "Burnley FC"][6:8] == ("?", None)
    assert stored["Andre Green", "Aston Villa", None][6:10] == (None, None, False, False)  # '-': unknown
    # unknown columns kept under their own names
    assert raw.query("SELECT league, age, dealing_country FROM transfers WHERE player = 'Thomas Partey'") == [
        ("Premier League", "27", "Spain")
    ]
    assert_accounted(raw)


def test_ewenme_transfers_layout_across_two_league_files(raw):
    """Layout (b), the ewenme/transfers dataset: club_name, player_name, age, position,
    club_involved_name, fee, transfer_movement, transfer_period, fee_cleaned, league_name, year, season."""
    for name in ("transfers_ewenme_premier_league_2004.csv", "transfers_ewenme_primera_division_2004.csv"):
        shutil.copy(FIXTURES / name, raw.root / "transfers" / name)
    raw.ingest()
    profile = "Transfermarkt club transfers (ewenme/transfers)"
    assert counts(raw) == [
        ("transfers/transfers_ewenme_premier_league_2004.csv", 30, 23, 0, 7, 7, profile),
        ("transfers/transfers_ewenme_primera_division_2004.csv", 4, 4, 0, 0, 0, profile),
    ]
    found = raw.query(
        "SELECT player, from_club, to_club, fee_eur, is_loan, regexp_extract(source_file, '(premier|primera)'), "
        "line_number FROM transfers WHERE player IN ('Nicky Butt', 'Francis Jeffers', 'Danny Murphy', 'Carlton Cole',"
        " 'Michael Owen', 'Jonathan Woodgate', 'Facundo Sava') ORDER BY player"
    )
    assert found == [
        ("Carlton Cole", "Chelsea FC", "Aston Villa", None, True, "premier", 26),
        ("Danny Murphy", "Liverpool", "Charlton Athletic", pytest.approx(2.93e6 * GBP_2004), False, "premier", 28),
        ("Facundo Sava", "Fulham FC", "Celta de Vigo", pytest.approx(0.9e6 * GBP_2004), True, "primera", 5),
        ("Francis Jeffers", "Arsenal FC", "Charlton Athletic", pytest.approx(3.51e6 * GBP_2004), False, "premier", 27),
        ("Jonathan Woodgate", "Newcastle United", "Real Madrid", pytest.approx(16.47e6 * GBP_2004), False, "primera",
         3),
        ("Michael Owen", "Liverpool", "Real Madrid", pytest.approx(10.8e6 * GBP_2004), False, "primera", 2),
        # Newcastle's page says 'Man Utd'; United's own name is kept
        ("Nicky Butt", "Manchester United", "Newcastle United", pytest.approx(3.38e6 * GBP_2004), False, "premier", 22),
    ]  # fmt: skip
    # two players named Alex, at other clubs, same window and fee: not one move
    assert raw.query("SELECT from_club, to_club FROM transfers WHERE player = 'Alex' ORDER BY 1") == [
        ("Newcastle United", "Santos FC"),
        ("Santos FC", "Chelsea FC"),
    ]
    # one player in and out of one club in a window: two moves
    assert raw.query("SELECT from_club, to_club FROM transfers WHERE player = 'Stephen Bradley' ORDER BY 1") == [
        ("Arsenal FC", "Dunfermline A."),
        ("Arsenal U18", "Arsenal FC"),
    ]
    assert raw.query(
        "SELECT player, fee_as_written, fee_eur, loan_return, window_label, known_on FROM transfers "
        "WHERE player IN ('Mathieu Flamini', 'Frank Simek', 'Jean-Alain Boumsong', 'Nick Culkin') ORDER BY player"
    ) == [
        ("Frank Simek", "End of loanMay 1, 2005", None, True, "summer 2004", SUMMER_2004_CLOSES),
        ("Jean-Alain Boumsong", "£9.72m", pytest.approx(9.72e6 * GBP_2004), False, "winter 2004-05",
         dt.date(2005, 2, 1)),
        ("Mathieu Flamini", "£432Th.", pytest.approx(432e3 * GBP_2004), False, "summer 2004", SUMMER_2004_CLOSES),
        ("Nick Culkin", "?", None, False, "summer 2004", SUMMER_2004_CLOSES),
    ]  # fmt: skip
    # 'Without Club', 'Retired', 'Career break': a move to no club
    assert raw.query("SELECT player FROM transfers WHERE to_club IS NULL ORDER BY 1") == [
        ("Gary Rowett",),
        ("Rami Shaaban",),
        ("Richard Rufus",),
        ("Winston Bogarde",),
    ]
    assert raw.query("SELECT fee_cleaned, year FROM transfers WHERE player = 'Robin van Persie'") == [("4.05", "2004")]
    assert_accounted(raw)


def test_the_cli_says_how_many_listings_were_the_other_side_of_a_move(raw):
    shutil.copy(FIXTURES / "club_transfers_2020.csv", raw.root / "transfers" / "premier_league_2020.csv")
    result = raw.cli()
    assert result.returncode == 0, result.stderr
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("transfers/premier_league_2020.csv"))
    assert line.split()[1:] == ["transfers", "22", "18", "0", "4"]
    assert "transfers: 4 listings of a move already stored" in result.stdout


def test_a_contract_record_with_a_new_club_is_a_move_known_from_its_recorded_on(raw):
    raw.contracts(
        "c.csv",
        "Trent Alexander-Arnold,Liverpool,2025-06-30,",  # 2
        "Trent Alexander-Arnold,Real Madrid,2031-06-30,2025-06-01",  # 3: a move
        "Mohamed Salah,Liverpool,2025-06-30,",  # 4
        "Mohamed Salah,Liverpool,2027-06-30,2025-04-11",  # 5: a renewal, no move
        "Ibrahima Konaté,Liverpool,2026-06-30,2024-07-01",  # 6: his first record, no move
        "Jordan Henderson,Liverpool,2025-06-30,2022-01-01",  # 7
        "Jordan Henderson,Al-Ettifaq,2026-06-30,2023-07-27",  # 8: a move
        "Jordan Henderson,Ajax,2026-06-30,2024-01-18",  # 9: and another
    )
    raw.ingest()
    assert raw.query(
        "SELECT player, from_club, to_club, transfer_date, window_label, known_on, is_loan, evidence, source_file, "
        "line_number FROM transfers ORDER BY known_on"
    ) == [
        ("Jordan Henderson", "Liverpool", "Al-Ettifaq", None, "summer 2023", dt.date(2023, 7, 27), False, "contracts",
         "contracts/c.csv", 8),
        ("Jordan Henderson", "Al-Ettifaq", "Ajax", None, "winter 2023-24", dt.date(2024, 1, 18), False, "contracts",
         "contracts/c.csv", 9),
        ("Trent Alexander-Arnold", "Liverpool", "Real Madrid", None, "summer 2025", dt.date(2025, 6, 1), False,
         "contracts", "contracts/c.csv", 3),
    ]  # fmt: skip
    assert_accounted(raw)


def test_a_move_in_a_transfer_file_is_not_repeated_from_the_contract_that_follows_it(raw):
    raw.contracts(
        "c.csv",
        "Trent Alexander-Arnold,Liverpool,2025-06-30,",
        "Trent Alexander-Arnold,Real Madrid,2031-06-30,2025-06-12",
    )
    raw.write(
        "transfers/t.csv", TRANSFER_HEADER + "\nTrent Alexander-Arnold,Liverpool,Real Madrid,2025-05-30,,,€10m,\n"
    )
    raw.ingest()
    assert raw.query("SELECT evidence, known_on, source_file FROM transfers") == [
        ("transfers", dt.date(2025, 5, 30), "transfers/t.csv")
    ]


def test_a_listing_dated_after_the_contract_that_showed_the_move_is_known_from_that_contract(raw):
    """A squad export of 20 July already has him at Real Madrid; the transfer file lists the move
    with its registration date, 20 August. One move, known from 20 July: the later listing never
    makes a move known by then unknown (an answer as of 1 August must not change when it arrives)."""
    raw.contracts(
        "c.csv",
        "Trent Alexander-Arnold,Liverpool,2025-06-30,",
        "Trent Alexander-Arnold,Real Madrid,2031-06-30,2025-07-20",
    )
    raw.write(
        "transfers/t.csv", TRANSFER_HEADER + "\nTrent Alexander-Arnold,Liverpool,Real Madrid,2025-08-20,,,€10m,\n"
    )
    raw.ingest()
    assert raw.query("SELECT evidence, transfer_date, known_on, source_file FROM transfers") == [
        ("transfers", dt.date(2025, 8, 20), dt.date(2025, 7, 20), "transfers/t.csv")
    ]


def test_a_move_listed_twice_in_one_window_is_known_from_its_earlier_listing(raw):
    """The kept listing is the first file's (a_desk.csv), dated 25 August; the other, 20 July: the
    move was known on 20 July, whichever listing speaks for it."""
    raw.write("transfers/b_club.csv", TRANSFER_HEADER + "\nKofi Mensah,Alpha FC,Beta United,2025-07-20,,,€2m,\n")
    raw.write("transfers/a_desk.csv", TRANSFER_HEADER + "\nKofi Mensah,Alpha FC,Beta United,2025-08-25,,,€2m,\n")
    raw.ingest()
    assert raw.query("SELECT transfer_date, known_on, source_file FROM transfers") == [
        (dt.date(2025, 8, 25), dt.date(2025, 7, 20), "transfers/a_desk.csv")
    ]
    assert_accounted(raw)


TM_CLUB_TRANSFERS = (
    "season,league,club,window,movement,player_name,player_id,age,position,dealing_club,dealing_country,fee,is_loan"
)
TM_SQUAD = "#,Player,Position,Date of birth/Age,Nat.,Height,Foot,Joined,Signed from,Contract,Market value,Club,Season"


def test_one_move_in_a_desk_file_both_clubs_listings_and_the_next_squad_export_is_stored_once(raw):
    """Trial 4: a January move written in a desk's dated file, listed by both clubs in Transfermarkt's
    club-transfers export (with a player_id), and seen again in the next season's squad export was
    stored three times: the listings with an id and the one without were never compared, and the
    squad export, taken seven months after the move, added a move of its own. The market watch of
    1-3 Sep 2024 announced a January move as new. One move now: the desk's dated listing."""
    raw.write(
        "contracts/squad_2023.csv",
        f'{TM_SQUAD}\n1,Dušan Matić,Centre-Back,"Jan 05, 1999 (24)",-,"1,85m",right,"Jul 01, 2022",-,'
        '"Jun 30, 2027",€20.00m,Benfica,2023/24\n',
    )
    raw.write(
        "contracts/squad_2024.csv",
        f'{TM_SQUAD}\n1,Dušan Matić,Centre-Back,"Jan 05, 1999 (25)",-,"1,85m",right,"Jan 29, 2024",-,'
        '"Jun 30, 2028",€25.00m,Manchester City,2024/25\n',
    )
    raw.write(
        "transfers/desk_moves.csv",
        "player,from_club,to_club,transfer_date,fee,is_loan\n"
        "Dušan Matić,Benfica,Manchester City,29/01/2024,€20m,false\n",
    )
    raw.write(
        "transfers/tm_club_transfers.csv",
        f"{TM_CLUB_TRANSFERS}\n"
        "2023/24,Premier League,Manchester City,winter,in,Dušan Matić,10007,25,-,Benfica,Portugal,€20.00m,False\n"
        "2023/24,Liga Portugal,Benfica,winter,out,Dušan Matić,10007,25,-,Manchester City,England,€20.00m,False\n",
    )
    raw.ingest()
    assert raw.query(
        "SELECT player, from_club, to_club, transfer_date, window_label, known_on, evidence, source_file, line_number "
        "FROM transfers"
    ) == [
        ("Dušan Matić", "Benfica", "Manchester City", dt.date(2024, 1, 29), "winter 2023-24", dt.date(2024, 1, 29),
         "transfers", "transfers/desk_moves.csv", 2)
    ]  # fmt: skip
    assert raw.query("SELECT source_file, duplicates, mirrored FROM ingest_files WHERE kind = 'transfers'") == [
        ("transfers/desk_moves.csv", 0, 0),
        ("transfers/tm_club_transfers.csv", 2, 2),
    ]
    assert_accounted(raw)


def test_a_listing_without_an_id_stays_apart_from_namesakes_with_ids_of_their_own(raw):
    """Two players named Gabriel, each with his Transfermarkt id, both moving to Arsenal in one window
    (made up, to test the rule): a desk's listing without an id cannot say which it is, so it is
    merged with neither; a name with one id in the load is that player (the test above)."""
    raw.write(
        "transfers/tm.csv",
        f"{TM_CLUB_TRANSFERS}\n"
        "2020/21,Premier League,Arsenal FC,summer,in,Gabriel,435338,22,-,LOSC Lille,France,€26.00m,False\n"
        "2020/21,Premier League,Arsenal FC,summer,in,Gabriel,999001,19,-,LOSC Lille,France,€1.00m,False\n",
    )
    raw.write(
        "transfers/desk.csv",
        "player,from_club,to_club,transfer_date,fee,is_loan\nGabriel,LOSC Lille,Arsenal FC,01/09/2020,,false\n",
    )
    raw.ingest()
    assert raw.query(
        "SELECT player_id, fee_as_written, source_file FROM transfers ORDER BY source_file, player_id"
    ) == [
        (None, None, "transfers/desk.csv"),
        ("435338", "€26.00m", "transfers/tm.csv"),
        ("999001", "€1.00m", "transfers/tm.csv"),
    ]
    assert_accounted(raw)


def test_a_squad_export_long_after_a_listed_move_adds_no_move_but_a_later_move_still_counts(raw):
    """A squad export recorded seven months after a listed January move is that move (it was known
    after the previous record put him elsewhere); a later record at yet another club, with no listing,
    is a move of its own, known from its recorded_on."""
    raw.contracts(
        "c.csv",
        "Dušan Matić,Benfica,2027-06-30,2023-09-01",
        "Dušan Matić,Manchester City,2028-06-30,2024-09-01",
        "Dušan Matić,Juventus,2029-06-30,2025-09-01",
    )
    raw.write("transfers/t.csv", TRANSFER_HEADER + "\nDušan Matić,Benfica,Manchester City,2024-01-29,,,€20m,\n")
    raw.ingest()
    assert raw.query("SELECT from_club, to_club, known_on, evidence FROM transfers ORDER BY known_on") == [
        ("Benfica", "Manchester City", dt.date(2024, 1, 29), "transfers"),
        ("Manchester City", "Juventus", dt.date(2025, 9, 1), "contracts"),
    ]
    assert_accounted(raw)


def test_transfer_windows_cover_the_seasons_the_data_touches_and_three_either_side(raw):
    raw.write("transfers/t.csv", TRANSFER_HEADER + "\nSomeone,A,B,2024-07-15,,,,\n")
    raw.ingest()
    windows = raw.query('SELECT window_label, season_start_year, "window", opens_on, closes_on FROM transfer_windows')
    assert windows[0] == ("summer 2021", 2021, "summer", dt.date(2021, 6, 1), dt.date(2021, 9, 1))
    assert windows[-1] == ("winter 2027-28", 2027, "winter", dt.date(2028, 1, 1), dt.date(2028, 2, 1))
    assert len(windows) == 2 * 7
    assert [w[0] for w in windows[6:8]] == ["summer 2024", "winter 2024-25"]


def test_a_season_with_its_own_window_dates(raw, tmp_path):
    reference = tmp_path / "reference"
    from analysis import config
    from analysis.ingest import ingest
    from analysis.progress import Progress

    shutil.copytree(config.REFERENCE_DIR, reference)
    with (reference / "transfer_windows.csv").open("a", encoding="utf-8") as fh:
        fh.write("summer,2020-07-27,2020-10-05,2020,the window moved by the pandemic (England)\n")
    raw.write("transfers/t.csv", TRANSFER_HEADER + "\nSomeone,A,B,,2020,summer,,\nOther,A,B,2020-09-20,,,,\n")
    ingest(raw.root, reference, raw.warehouse, progress=Progress.quiet())
    assert raw.query("SELECT player, window_label, known_on FROM transfers ORDER BY 1") == [
        ("Other", "summer 2020", dt.date(2020, 9, 20)),
        ("Someone", "summer 2020", dt.date(2020, 10, 5)),
    ]
    assert raw.query("SELECT opens_on, closes_on FROM transfer_windows WHERE window_label = 'summer 2020'") == [
        (dt.date(2020, 7, 27), dt.date(2020, 10, 5))
    ]


@pytest.mark.parametrize(
    "header, missing",
    [
        ("player,from_club,transfer_date", "'to_club' (or club and dealing_club and movement)"),
        ("player,to_club,fee", "'transfer_date' (or season and window)"),
        ("from_club,to_club,transfer_date", "'player'"),
    ],
)
def test_a_transfer_file_without_a_way_to_tell_the_move_is_a_one_line_error(raw, header, missing):
    raw.write("transfers/t.csv", header + "\na,b,c\n")
    result = raw.cli()
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: transfers/t.csv: missing required column {missing}; header has: {header.replace(',', ', ')}"
    ]


def test_a_club_written_another_way_in_a_later_contract_record_is_not_a_move(raw):
    """Trial 2: a desk types a renewal as 'Bodø/Glimt' and 'Fenerbahce' where the squad export wrote
    'FK Bodø/Glimt' and 'Fenerbahçe SK'. That is one club written two ways, not a move from FK
    Bodø/Glimt to Bodø/Glimt: no transfer, and a warning with the aliases.csv line that makes them
    one club. A move to a club of other words stays a move."""
    raw.contracts(
        "squad_export.csv",
        "Ulrik Saltnes,FK Bodø/Glimt,2025-12-31,2024-10-01",
        "Kasper Høgh,FK Bodø/Glimt,2026-12-31,2024-10-01",
        "Çağlar Söyüncü,Fenerbahçe SK,2027-06-30,2024-10-01",
    )
    raw.contracts(
        "desk.csv",
        "Ulrik Saltnes,Bodø/Glimt,2026-12-31,2025-01-24",
        "Caglar Soyuncu,Fenerbahce,2028-06-30,2025-01-24",
        "Kasper Høgh,PSV Eindhoven,2029-06-30,2025-01-25",
    )
    # the desk's rumours write him without accents, more often than the export writes him with them
    raw.rumours(
        "desk.csv", *[f"2025-01-2{d},Caglar Soyuncu,Fenerbahce,Lazio,Fanatik,,interest,,Lazio keen," for d in (4, 5)]
    )
    raw.ingest()
    assert raw.query("SELECT player, from_club, to_club, evidence FROM transfers ORDER BY player") == [
        ("Kasper Høgh", "FK Bodø/Glimt", "PSV Eindhoven", "contracts")
    ]
    assert raw.query("SELECT line_number, message FROM ingest_warnings WHERE source_file = 'contracts/desk.csv'") == [
        (
            2,
            "club written another way than in Ulrik Saltnes's previous contract record: 'Bodø/Glimt' here, "
            "'FK Bodø/Glimt' before; kept as written but not read as a move; if they are one club add this line "
            "to aliases.csv: club,Bodø/Glimt,FK Bodø/Glimt",
        ),
        (
            3,
            "club written another way than in Çağlar Söyüncü's previous contract record: 'Fenerbahce' here, "
            "'Fenerbahçe SK' before; kept as written but not read as a move; if they are one club add this line "
            "to aliases.csv: club,Fenerbahce,Fenerbahçe SK",
        ),
    ]
    # one player, stored as the squad export writes him: the accents are what the desk's spelling lost
    assert raw.query(
        "SELECT DISTINCT player FROM contracts WHERE player LIKE '%oyunc%' UNION SELECT player FROM rumours"
    ) == [("Çağlar Söyüncü",)]
    assert_accounted(raw)


def test_a_contract_name_with_words_left_out_beside_the_full_one_at_his_club_is_said(raw):
    """Trial 2: a renewal typed 'Irfan Kahveci' where the squad export has 'İrfan Can Kahveci' made
    a second player of Fenerbahçe with nothing said. Contract names are never matched to each other,
    so it stays two players, with a warning giving the alias line; 'Gabriel' beside 'Gabriel Jesus'
    (one word) and players of other clubs say nothing."""
    raw.contracts(
        "squad_export.csv",
        "İrfan Can Kahveci,Fenerbahçe SK,2025-06-30,2024-10-01",
        "Gabriel,Arsenal FC,2029-06-30,2024-10-01",
        "Gabriel Jesus,Arsenal FC,2027-06-30,2024-10-01",
        "Kasper Høgh,FK Bodø/Glimt,2026-12-31,2024-10-01",
    )
    raw.contracts(
        "desk.csv", "Irfan Kahveci,Fenerbahçe SK,2027-06-30,2025-01-25", "Kasper Høgh,PSV,2029-06-30,2025-01-25"
    )
    raw.ingest()
    assert raw.query(
        "SELECT source_file, line_number, message FROM ingest_warnings WHERE message LIKE 'contract player%'"
    ) == [
        (
            "contracts/desk.csv",
            2,
            "contract player 'Irfan Kahveci' at Fenerbahçe SK is written like 'İrfan Can Kahveci' of the same club "
            "with words left out: two players now; if he is one, add this line to aliases.csv: "
            "player,Irfan Kahveci,İrfan Can Kahveci",
        )
    ]
    assert_accounted(raw)
