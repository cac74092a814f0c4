"""Real exports as they come (issue 10 Build 5, issue 14 Build 1): the Transfermarkt squad export
with ages after dates of birth, `-` for unknown, its Joined date and a snapshot date for
recorded_on; the rumour-mill export; and UTF-8 files with a byte-order mark and a stray byte."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from analysis.errors import IngestError
from tests.conftest import GOOD_ROW, RUMOUR_HEADER, assert_accounted

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transfermarkt"
BOM = b"\xef\xbb\xbf"


def _squad(raw, name: str = "tm_squad_2022.csv") -> Path:
    target = raw.root / "contracts" / name
    shutil.copy(FIXTURES / "squad_export_2022.csv", target)
    return target


def test_squad_export_dates_with_ages_joined_and_the_season_as_snapshot(raw):
    _squad(raw)
    raw.ingest()
    rows = raw.query(
        "SELECT line_number, player, club, contract_expires, recorded_on, date_of_birth, joined_on, market_value_eur, "
        "position, signed_from, height FROM contracts ORDER BY line_number"
    )
    summer_2022_closes = dt.date(2022, 9, 1)  # Season 2022: as of the close of its summer window
    assert rows[4] == (
        6, "Trent Alexander-Arnold", "Liverpool", dt.date(2025, 6, 30), summer_2022_closes, dt.date(1998, 10, 7),
        dt.date(2016, 7, 1), 80e6, "Right-Back", "Liverpool U18", "1,80m",
    )  # fmt: skip
    assert [r[1] for r in rows] == [
        "Alisson", "Caoimhín Kelleher", "Virgil van Dijk", "Ibrahima Konaté", "Trent Alexander-Arnold", "Naby Keïta",
        "Mohamed Salah", "Roberto Firmino",
    ]  # fmt: skip
    assert {r[4] for r in rows} == {summer_2022_closes}
    # 'Oct 2, 1992 (29)' is a date of birth, not a warning per player; '-' is unknown, not a warning
    assert raw.query("SELECT count(*) FROM ingest_warnings") == [(0,)]
    assert raw.query("SELECT line_number, reason FROM rejected_rows") == [
        (10, "missing required value: contract_expires")
    ]
    assert raw.query("SELECT profile FROM ingest_files") == [("Transfermarkt squad",)]
    assert_accounted(raw)


def test_a_snapshot_date_on_the_command_line_wins_over_the_season(raw):
    _squad(raw)
    result = raw.cli("--snapshot-date", "contracts/tm_squad_*.csv=2022-10-05")
    assert result.returncode == 0, result.stderr
    assert raw.query("SELECT DISTINCT recorded_on FROM contracts") == [(dt.date(2022, 10, 5),)]


def test_a_snapshot_date_as_a_profile_constant_and_a_record_s_own_recorded_on_first(raw):
    raw.write(
        "contracts/scout.csv",
        "Name,Team,Until,Since\nMohamed Salah,Liverpool,2025-06-30,\nMohamed Salah,Liverpool,2027-06-30,2025-04-11\n",
    )
    raw.write(
        "contracts/scout.profile.yml",
        "kind: contracts\ncolumns: {player: Name, club: Team, contract_expires: Until, recorded_on: Since}\n"
        "constants: {snapshot_date: 2024-08-30}\n",
    )
    raw.ingest()
    assert raw.query("SELECT recorded_on FROM contracts ORDER BY line_number") == [
        (dt.date(2024, 8, 30),),
        (dt.date(2025, 4, 11),),
    ]


def test_snapshots_of_two_seasons_make_the_move_between_them_known(raw):
    """The squad of 2022 says Liverpool; a later export says Al-Ahli: a move known from the later
    snapshot (issue 14: old contracts no longer hold forever)."""
    _squad(raw)
    raw.write(
        "contracts/al_ahli_2023.csv",
        "Player,Position,Club,Contract,Market value,Season\n"
        'Roberto Firmino,Second Striker,Al-Ahli SFC,"Jun 30, 2026",€9.00m,2023/24\n',
    )
    raw.ingest()
    assert raw.query("SELECT player, from_club, to_club, known_on, evidence FROM transfers") == [
        ("Roberto Firmino", "Liverpool", "Al-Ahli SFC", dt.date(2023, 9, 1), "contracts")
    ]


def test_a_snapshot_pattern_that_matches_no_contract_file_is_a_one_line_error(raw):
    _squad(raw)
    result = raw.cli("--snapshot-date", "contracts/squad_2023.csv=2023-09-01")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: --snapshot-date contracts/squad_2023.csv=2023-09-01: no contract file under {raw.root} matches "
        "'contracts/squad_2023.csv'"
    ]
    bad = raw.cli("--snapshot-date", "contracts/x.csv=01/09/2023")
    assert bad.returncode == 2 and "is not FILE=DATE with DATE like 2022-09-01" in bad.stderr


def test_a_snapshot_date_that_is_not_a_date_is_a_warning(raw):
    raw.write(
        "contracts/c.csv",
        "player,club,contract_expires,snapshot_date\nMohamed Salah,Liverpool,2025-06-30,last summer\n",
    )
    raw.ingest()
    assert raw.query("SELECT recorded_on FROM contracts") == [(dt.date(1900, 1, 1),)]
    assert raw.query("SELECT line_number, message FROM ingest_warnings") == [
        (2, "snapshot date not understood (records without recorded_on treated as far past): 'last summer'")
    ]


def test_the_rumour_mill_export_unedited(raw):
    shutil.copy(FIXTURES / "rumour_mill_export.csv", raw.root / "rumours" / "rumour_mill.csv")
    raw.ingest()
    rows = raw.query(
        "SELECT line_number, reported_at, player, player_club, interested_club, source, market_value_eur, "
        "playerprofil FROM rumours ORDER BY line_number"
    )
    assert rows[0] == (
        2, dt.datetime(2025, 1, 15, 14, 0), "Trent Alexander-Arnold", "Liverpool", "Real Madrid",
        "Transfermarkt rumour mill", 75e6, "https://www.transfermarkt.com/trent-alexander-arnold/profil/spieler/314353",
    )  # fmt: skip
    assert [(r[2], r[3], r[6]) for r in rows[2:]] == [
        ("Roberto Firmino", "Al-Ahli SFC", 3e6),
        ("Naby Keïta", "Werder Bremen", 2e6),
        ("Loris Karius", "Without Club", None),  # '-' market value: unknown, no warning
        # Liverpool FC of Montevideo (crest 2790), not Liverpool (31, its players' contracts): issue 14
        ("Luciano Rodríguez", "Liverpool FC (club id 2790)", 7e6),
        ("Youth Prospect", "Liverpool", 500e3),
    ]
    assert raw.query("SELECT count(*) FROM ingest_warnings WHERE line_number IS NOT NULL") == [(0,)]
    assert_accounted(raw)


# --------------------------------------------------------------------------------------------
# A byte-order mark means UTF-8


def _with_stray_byte(text: str, line: int) -> bytes:
    """The text as UTF-8 with a BOM, one Windows-1252 byte pasted into the given physical line."""
    lines = text.encode("utf-8").split(b"\n")
    lines[line - 1] = lines[line - 1].replace(b"keen", b"keen \x92", 1)
    return BOM + b"\n".join(lines)


@pytest.mark.parametrize("force_exact", [False, True], ids=["duckdb", "exact"])
@pytest.mark.parametrize("where", [2, 30_001], ids=["near-the-header", "deep-in-the-file"])
def test_a_bom_file_with_a_stray_byte_stays_utf8_and_says_which_line(raw, where, force_exact):
    rows = [GOOD_ROW.replace("Madrid keen", f"Madrid keen {i}") for i in range(30_001)]
    rows[0] = "2025-01-25,N'Golo Kanté,Chelsea,Al-Ittihad,Marca,,interest,,Madrid keen on Kanté,"
    raw.write("rumours/bom.csv", _with_stray_byte(RUMOUR_HEADER + "\n" + "\n".join(rows) + "\n", where))
    raw.ingest(force_exact=force_exact)
    assert raw.query("SELECT encoding FROM ingest_files") == [("utf-8",)]
    assert raw.query("SELECT count(*) FROM rumours") == [(30_001,)]
    assert raw.query("SELECT player FROM rumours WHERE line_number = 2") == [("N'Golo Kanté",)]  # not 'KantÃ©'
    assert raw.query("SELECT headline LIKE '%\ufffd%' FROM rumours WHERE line_number = ?", [where]) == [(True,)]
    assert raw.query("SELECT line_number, message FROM ingest_warnings") == [
        (
            where,
            "1 invalid UTF-8 byte replaced by U+FFFD: the file starts with a UTF-8 byte-order mark, so it is read "
            "as UTF-8",
        )
    ]
    assert_accounted(raw)


def test_a_bom_file_with_a_stray_byte_in_the_header_still_finds_its_columns(raw):
    raw.write(
        "rumours/bom.csv", BOM + b"reported_on,player,interested_club,source,note \x92\n" + b"2025-01-25,A,B,C,x\n"
    )
    raw.ingest()
    assert raw.query("SELECT player, interested_club FROM rumours") == [("A", "B")]
    assert raw.query("SELECT line_number FROM ingest_warnings WHERE message LIKE '%UTF-8%'") == [(1,)]


def test_without_a_bom_a_file_that_is_not_utf8_is_windows_1252(raw):
    raw.write(
        "rumours/excel.csv", (RUMOUR_HEADER + "\n" + GOOD_ROW.replace("Madrid", "Madrïd") + "\n").encode("cp1252")
    )
    raw.ingest()
    assert raw.query("SELECT encoding FROM ingest_files") == [("cp1252",)]
    assert raw.query("SELECT headline FROM rumours") == [("Madrïd keen",)]


# --------------------------------------------------------------------------------------------
# '-' (or '?') is unknown everywhere it is not kept as written


def test_a_dash_or_question_mark_is_unknown_not_a_warning(raw):
    raw.rumours("r.csv", "2025-01-25,Mohamed Salah,-,Al-Hilal,Marca,?,-,-,Salah linked,-")
    raw.contracts(
        "c.csv",
        "Mohamed Salah,Liverpool,2025-06-30,-,-,?,-,–",
        header="player,club,contract_expires,recorded_on,position,date_of_birth,market_value,option_until",
    )
    raw.write("transfers/t.csv", "player,to_club,season,window,fee,is_loan\nMohamed Salah,?,2025,summer,-,-\n")
    raw.ingest()
    assert raw.query("SELECT player_club, via, stage, fee_as_written, fee_eur, url FROM rumours") == [
        (None, None, None, "-", None, None)
    ]
    assert raw.query(
        "SELECT recorded_on, position, date_of_birth, market_value_as_written, option_until FROM contracts"
    ) == [(dt.date(1900, 1, 1), None, None, "-", None)]
    assert raw.query("SELECT to_club, fee_as_written, is_loan FROM transfers WHERE evidence = 'transfers'") == [
        (None, "-", False)  # a move to a club the source does not know
    ]
    assert raw.query("SELECT count(*) FROM ingest_warnings") == [(0,)]
    assert_accounted(raw)


def test_a_dash_in_a_required_column_is_a_missing_value(raw):
    raw.rumours("r.csv", "-,Mohamed Salah,Liverpool,Al-Hilal,Marca,,,,,")
    raw.ingest()
    assert raw.query("SELECT reason FROM rejected_rows") == [("missing required value: reported_on",)]


def test_ingest_error_is_not_raised_for_a_profile_date_with_an_age(raw):
    """The profile's own date format meets 'Apr 14, 1998 (24)' too."""
    raw.write(
        "contracts/c.csv",
        'Player,Club,Contract,Market Value,Date of birth\nA,B,"Jun 30, 2026",€1m,"Apr 14, 1998 (24)"\n',
    )
    try:
        raw.ingest()
    except IngestError as exc:  # pragma: no cover - the assertion below says what went wrong
        pytest.fail(str(exc))
    assert raw.query("SELECT date_of_birth FROM contracts") == [(dt.date(1998, 4, 14),)]
