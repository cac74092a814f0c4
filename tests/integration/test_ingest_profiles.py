"""Foreign layouts (SPEC section 4): real Transfermarkt exports ingested unedited via column profiles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import config
from tests.conftest import assert_accounted

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transfermarkt"


def test_transfermarkt_rumour_mill_export(raw):
    shutil.copy(FIXTURES / "rumour_mill.csv", raw.root / "rumours" / "tm_rumour_mill.csv")
    raw.ingest()
    assert raw.query(
        "SELECT line_number, reported_at::VARCHAR, player, player_club, interested_club, source, market_value_eur, "
        "probability, extra_source FROM rumours ORDER BY line_number"
    ) == [
        (
            2,
            "2025-01-15 14:00:00",
            "Trent Alexander-Arnold",
            "Liverpool",
            "Real Madrid",
            "Transfermarkt rumour mill",
            75e6,
            "45%",
            "https://example.invalid/a",
        ),
        (
            3,
            "2025-01-20 09:30:00",
            "Ibrahima Konaté",
            "Liverpool",
            "Real Madrid",
            "Transfermarkt rumour mill",
            60e6,
            None,
            "https://example.invalid/b",
        ),
        (
            4,
            "2025-01-31 23:59:00",
            "Youth Prospect",
            "Liverpool",
            "Brighton & Hove Albion",
            "Transfermarkt rumour mill",
            250e3,
            "10%",
            None,
        ),
    ]
    assert raw.query("SELECT line_number, reason FROM rejected_rows") == [
        (5, "impossible date in reported_on: '31.02.2025 - 10:00'")
    ]
    assert raw.query("SELECT profile FROM ingest_files") == [("Transfermarkt rumour mill",)]
    assert_accounted(raw)


def test_transfermarkt_squad_export(raw):
    shutil.copy(FIXTURES / "squad.csv", raw.root / "contracts" / "tm_squad.csv")
    raw.ingest()
    assert raw.query(
        "SELECT player, club, contract_expires::VARCHAR, date_of_birth::VARCHAR, market_value_eur, position, "
        "recorded_on::VARCHAR FROM contracts ORDER BY line_number"
    ) == [
        ("Trent Alexander-Arnold", "Liverpool", "2025-06-30", "1998-10-07", 75e6, "Right-Back", "1900-01-01"),
        ("Virgil van Dijk", "Liverpool", "2025-06-30", "1991-07-08", 28e6, "Centre-Back", "1900-01-01"),
        ("Ibrahima Konaté", "Liverpool", "2026-06-30", "1999-05-25", 60e6, "Centre-Back", "1900-01-01"),
        ("Mohamed Salah", "Liverpool", "2025-06-30", "1992-06-15", 55e6, "Right Winger", "1900-01-01"),
    ]
    assert raw.query("SELECT line_number, reason FROM rejected_rows") == [
        (6, "missing required value: contract_expires")
    ]
    # the export's unnamed '#' column is kept, named by its position
    assert raw.query("SELECT column_1 FROM contracts ORDER BY line_number LIMIT 1") == [("66",)]
    assert_accounted(raw)


def test_sidecar_profile_beside_the_csv(raw):
    raw.write(
        "rumours/scout.csv",
        "When,Who,Suitor,Paper\n25/01/2025,Mohamed Salah,Al-Hilal,Marca\n",
    )
    raw.write(
        "rumours/scout.profile.yml",
        "kind: rumours\ncolumns: {reported_on: When, player: Who, interested_club: Suitor, source: Paper}\n"
        "constants: {stage: approach}\n",
    )
    raw.ingest()
    assert raw.query("SELECT reported_on::VARCHAR, player, interested_club, source, stage FROM rumours") == [
        ("2025-01-25", "Mohamed Salah", "Al-Hilal", "Marca", "approach")
    ]


def test_profile_for_the_wrong_kind_is_a_clear_error(raw):
    raw.write("rumours/odd.csv", "a,b\n1,2\n")
    raw.write("rumours/odd.profile.yml", "kind: contracts\ncolumns: {player: a}\n")
    result = raw.cli()
    assert result.returncode != 0
    assert "odd.profile.yml: profile is for contracts, but odd.csv is in rumours/" in result.stderr


def test_a_profile_date_format_duckdb_cannot_use_is_a_clear_error(raw):
    """Formats are checked before any file is read (in one in-memory database for the whole run):
    a bad one is refused naming the profile, the column and what DuckDB says; fixed, the file reads."""
    raw.write("rumours/scout.csv", "When,Who,Suitor,Paper\n25.01.2025,Mohamed Salah,Al-Hilal,Marca\n")
    profile = "kind: rumours\ncolumns: {reported_on: When, player: Who, interested_club: Suitor, source: Paper}\n"
    raw.write("rumours/scout.profile.yml", profile + "date_formats: {reported_on: '%d.%Q.%Y'}\n")
    result = raw.cli()
    assert result.returncode == 2  # the input's fault, as every input error
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith(
            "error: " + str(raw.root / "rumours/scout.profile.yml") + ": date format '%d.%Q.%Y' for reported_on is "
            "not a strptime format (Failed to parse format specifier %d.%Q.%Y: Unrecognized format"
        )
    ), result.stderr
    raw.write("rumours/scout.profile.yml", profile + "date_formats: {reported_on: '%d.%m.%Y'}\n")
    raw.ingest()
    assert raw.query("SELECT reported_on::VARCHAR, player FROM rumours") == [("2025-01-25", "Mohamed Salah")]


@pytest.mark.parametrize(
    "header", ["Reported_On,PLAYER,Interested Club,source", "source,interested-club,player,reported_on"]
)
def test_headers_match_ignoring_case_order_and_spacing(raw, header):
    values = {"reported_on": "2025-01-25", "player": "Mohamed Salah", "interested_club": "PSG", "source": "Marca"}
    from analysis.ingest.profiles import header_key

    row = ",".join(values[header_key(h).replace("interested_club", "interested_club")] for h in header.split(","))
    raw.write("rumours/any_order.csv", header + "\n" + row + "\n")
    raw.ingest()
    assert raw.query("SELECT player, interested_club, source FROM rumours") == [("Mohamed Salah", "PSG", "Marca")]


def test_a_real_export_with_a_column_deleted_is_named_for_what_it_looks_like(raw):
    """Trial 2: a rumour-mill export whose InterestedClub column was deleted matches no profile, and
    the error spoke of 'reported_on', which the file has (as RumourCreated); trial 6 still read
    'missing required column 'reported_on'' first. It names the column the export lacks."""
    export = (FIXTURES / "rumour_mill.csv").read_text(encoding="utf-8").splitlines()
    header = export[0].split(",")
    gone = header.index("InterestedClub")
    rows = [",".join(f for i, f in enumerate(line.split(",")) if i != gone) for line in export[:2]]
    raw.write("rumours/tm_rumour_mill.csv", "\n".join(rows) + "\n")
    result = raw.cli()
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(
        "error: rumours/tm_rumour_mill.csv: missing required column 'InterestedClub' (its interested_club): it "
        "looks like a Transfermarkt rumour mill export but lacks it; header has: PlayerName, PlayerID, "
    ), line


DATASETS = Path(__file__).parent.parent / "fixtures" / "transfermarkt_datasets"


def test_transfermarkt_datasets_players_and_transfers_unedited(raw, tmp_path):
    """dcaribou/transfermarkt-datasets (Kaggle's 'Football Data from Transfermarkt'): players.csv as
    contracts, transfers.csv as moves, both unedited (header and quirks as the dump writes them: the
    clubs' full names, timestamps for dates, euros as floats, an empty fee, 'Retired' and 'Without
    Club'). They failed with "missing required column 'player'" before their profiles."""
    import datetime as dt

    shutil.copy(DATASETS / "players.csv", raw.root / "contracts" / "players.csv")
    shutil.copy(DATASETS / "transfers.csv", raw.root / "transfers" / "transfers.csv")
    raw.ingest()
    assert raw.query("SELECT source_file, rows_read, accepted, rejected, profile FROM ingest_files ORDER BY 1") == [
        ("contracts/players.csv", 6, 5, 1, "transfermarkt-datasets players"),
        ("transfers/transfers.csv", 6, 6, 0, "transfermarkt-datasets transfers"),
    ]
    # a retired player has no contract date: rejected for it, kept in rejected_rows
    assert raw.query("SELECT line_number, reason FROM rejected_rows") == [
        (6, "missing required value: contract_expires")
    ]
    # a record holds from the close of its last_season's summer window (2024: 1 Sep 2024)
    assert raw.query(
        "SELECT player, club, contract_expires, recorded_on, position, date_of_birth, market_value_eur, player_id "
        "FROM contracts WHERE player IN ('Mohamed Salah', 'Ömer Toprak') ORDER BY player"
    ) == [
        ("Mohamed Salah", "Liverpool Football Club", dt.date(2027, 6, 30), dt.date(2024, 9, 1), "Right Winger",
         dt.date(1992, 6, 15), 55e6, "148455"),
        ("Ömer Toprak", "Antalyaspor", dt.date(2023, 6, 30), dt.date(2022, 9, 1), "Centre-Back",
         dt.date(1989, 7, 21), 5e5, "26399"),
    ]  # fmt: skip
    assert raw.query(
        "SELECT player, player_id, from_club, to_club, transfer_date, window_label, fee_eur, is_loan FROM transfers "
        "ORDER BY line_number"
    ) == [
        ("Mohamed Salah", "148455", "AS Roma", "Liverpool", dt.date(2017, 7, 1), "summer 2017", 42e6, False),
        ("Virgil van Dijk", "139208", "Southampton", "Liverpool", dt.date(2018, 1, 1), "winter 2017-18", 84.65e6,
         False),
        ("Ibrahima Konaté", "357662", "RB Leipzig", "Liverpool", dt.date(2021, 7, 1), "summer 2021", 40e6, False),
        # 'Al-Ittihad' is the contract's 'Al-Ittihad Club' (identity: the same name but for Club)
        ("N'Golo Kanté", "225083", "Chelsea", "Al-Ittihad Club", dt.date(2023, 7, 1), "summer 2023", 0.0, False),
        ("Kaká", "3333", "Orlando City SC", None, dt.date(2017, 12, 31), "winter 2017-18", None, False),
        ("Ömer Toprak", "26399", "Antalyaspor", None, dt.date(2023, 7, 1), "summer 2023", 0.0, False),
    ]  # fmt: skip
    # the dump names clubs in full; clubs.csv (shipped) says 'Liverpool': two clubs, said with the cure
    assert raw.query("SELECT source_file, line_number, message FROM ingest_warnings") == [
        (
            "contracts/players.csv",
            2,
            "contract club 'Liverpool Football Club' is written like 'Liverpool' of clubs.csv (the same name apart "
            "from FC, Football Club and the like): two clubs now, and Liverpool's reports and pages list none of "
            "these contracts; if they are one, add this line to aliases.csv: club,Liverpool Football Club,Liverpool",
        )
    ]
    assert_accounted(raw)
    reference = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, reference)
    with (reference / "aliases.csv").open("a", encoding="utf-8") as fh:
        fh.write("club,Liverpool Football Club,Liverpool\n")
    raw.ingest(reference)
    assert raw.query("SELECT DISTINCT club FROM contracts WHERE player_id IN ('148455', '139208', '357662')") == [
        ("Liverpool",)
    ]
    assert raw.query("SELECT count(*) FROM ingest_warnings") == [(0,)]
    # a club clubs.csv lists itself is one the analyst keeps apart: no warning, no merge
    listed = tmp_path / "listed"
    shutil.copytree(config.REFERENCE_DIR, listed)
    with (listed / "clubs.csv").open("a", encoding="utf-8") as fh:
        fh.write("Liverpool Football Club,Premier League,England,\n")
    raw.ingest(listed)
    assert raw.query("SELECT count(*) FROM ingest_warnings") == [(0,)]
    assert raw.query("SELECT DISTINCT club FROM contracts WHERE player = 'Mohamed Salah'") == [
        ("Liverpool Football Club",)
    ]
