"""Foreign layouts (SPEC section 4): real Transfermarkt exports ingested unedited via column profiles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
    the error spoke of 'reported_on', which the file has (as RumourCreated)."""
    export = (FIXTURES / "rumour_mill.csv").read_text(encoding="utf-8").splitlines()
    header = export[0].split(",")
    gone = header.index("InterestedClub")
    rows = [",".join(f for i, f in enumerate(line.split(",")) if i != gone) for line in export[:2]]
    raw.write("rumours/tm_rumour_mill.csv", "\n".join(rows) + "\n")
    result = raw.cli()
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(
        "error: rumours/tm_rumour_mill.csv: missing required column 'reported_on'; it looks like a Transfermarkt "
        "rumour mill export but lacks its column 'InterestedClub'; header has: "
    ), line
