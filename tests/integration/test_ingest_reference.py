"""Reference files are inputs like any other: repeated lines used once, conflicting definitions a
one-line error naming the file, both lines and the conflict, and missing optional files taken from
the shipped folder (issue 10, Build 1)."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from analysis import config
from analysis.errors import IngestError
from analysis.ingest import ingest
from analysis.progress import Progress
from tests.conftest import GOOD_ROW, assert_accounted

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transfermarkt"


class Reference:
    """A copy of the shipped reference folder that a test edits like an analyst would."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(config.REFERENCE_DIR, root)

    def append(self, name: str, *lines: str) -> None:
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + "\n".join(lines) + "\n", encoding="utf-8")

    def write(self, name: str, *lines: str) -> None:
        (self.root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")

    def line_count(self, name: str) -> int:
        return len((self.root / name).read_text(encoding="utf-8").splitlines())


@pytest.fixture
def reference(tmp_path) -> Reference:
    return Reference(tmp_path / "reference")


def run(raw, reference: Reference):
    return ingest(raw.root, reference.root, raw.warehouse, progress=Progress.quiet())


def error_of(raw, reference: Reference) -> str:
    with pytest.raises(IngestError) as caught:
        run(raw, reference)
    message = str(caught.value)
    assert "\n" not in message
    return message


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------
# Repeated lines


def test_a_repeated_outlet_line_no_longer_makes_rumours_join_twice(raw, reference):
    """The crash of issue 10: `Marca,2,Spain` appended although it is there made every Marca
    report join twice and ingest die with 'RuntimeError: internal error: ... rows read but ...'."""
    reference.append("outlets.csv", "Marca,2,Spain")
    raw.rumours("r.csv", GOOD_ROW, GOOD_ROW.replace("2025-01-25", "2025-01-26"))
    summary = run(raw, reference)
    assert raw.query("SELECT line_number, source, source_tier FROM rumours ORDER BY 1") == [
        (2, "Marca", 2),
        (3, "Marca", 2),
    ]
    assert_accounted(raw)
    assert raw.query("SELECT count(*) FROM ref_outlets WHERE outlet = 'Marca'") == [(1,)]
    assert raw.query(
        "SELECT lines, repeated_lines, definitions FROM ingest_reference WHERE reference_file = 'outlets.csv'"
    ) == [(reference.line_count("outlets.csv") - 1, 1, reference.line_count("outlets.csv") - 2)]
    assert summary.reference_notes()[0].startswith("reference: 1 repeated line used once (outlets.csv 1)")


def test_repeated_alias_lines_even_differing_in_case_and_spacing_are_used_once(raw, reference):
    reference.append(
        "aliases.csv",
        "club,Los Blancos,Real Madrid",  # the very same line again
        "club,los  blancos,REAL MADRID",  # the same definition, typed differently
        "stage,Circling,interest",
        "player,TAA,Trent Alexander-Arnold",
    )
    reference.append("fx_rates.csv", 'GBP,£,1.20,2025-01-01,,"the same rate, noted again"')
    raw.rumours("r.csv", "2025-01-25,TAA,Liverpool,Los Blancos,Marca,,circling,£10m,,")
    summary = run(raw, reference)
    assert raw.query("SELECT player, interested_club, stage, fee_eur FROM rumours") == [
        ("Trent Alexander-Arnold", "Real Madrid", "interest", 12e6)
    ]
    # identical lines are counted as repeats; all five are used once
    assert raw.query(
        "SELECT reference_file, lines - definitions, repeated_lines FROM ingest_reference "
        "WHERE lines > definitions ORDER BY 1"
    ) == [("aliases.csv", 4, 2), ("fx_rates.csv", 1, 0), ("no_club_names.csv", 1, 0)]  # 'Without club' too
    assert summary.references.repeated == 2
    assert "2 repeated lines used once (aliases.csv 2)" in summary.reference_notes()[0]


def test_the_cli_says_how_many_repeated_lines_were_used_once(raw, reference):
    reference.append("outlets.csv", "Marca,2,Spain", "Marca,2,Spain")
    raw.rumours("r.csv", GOOD_ROW)
    result = raw.cli("--reference", str(reference.root))
    assert result.returncode == 0, result.stderr
    assert "reference: 2 repeated lines used once (outlets.csv 2); see table ingest_reference" in result.stdout


def test_alias_chains_are_followed_to_the_end(raw, reference):
    reference.append("aliases.csv", "player,Mo,Mo Salah", "stage,mulling,keen")  # Mo Salah -> Mohamed Salah
    raw.rumours("r.csv", "2025-01-25,Mo,Liverpool,Al-Hilal,Marca,,mulling,,,")
    run(raw, reference)
    assert raw.query("SELECT player, stage FROM rumours") == [("Mohamed Salah", "interest")]
    assert raw.query("SELECT canonical FROM ref_aliases WHERE alias = 'Mo'") == [("Mohamed Salah",)]


# --------------------------------------------------------------------------------------------
# Conflicts: one test per kind, each one clear line naming the file, both lines and the conflict

CONFLICTS = {
    "alias_two_canonical_names": (
        "aliases.csv",
        ["club,Madrid,Atletico Madrid"],
        "lines 3 and {n}: club alias 'Madrid' is given two canonical names: 'Real Madrid' and 'Atletico Madrid'",
    ),
    "alias_two_names_typed_differently": (
        "aliases.csv",
        ["player,mo  SALAH,Mohamed Salah Ghaly"],
        "lines 10 and {n}: player alias 'Mo Salah' is given two canonical names: "
        "'Mohamed Salah' and 'Mohamed Salah Ghaly'",
    ),
    "alias_cycle": (
        "aliases.csv",
        ["player,Trent Alexander-Arnold,Alexander-Arnold"],
        "lines 9 and {n}: player aliases go round in a circle through 'Alexander-Arnold' and "
        "'Trent Alexander-Arnold': keep one direction",
    ),
    "stage_synonym_two_stages": (
        "aliases.csv",
        ["stage,offer,approach"],
        "lines 28 and {n}: stage synonym 'offer' is given two stages: 'bid' and 'approach'",
    ),
    "stage_synonym_to_no_stage": (
        "aliases.csv",
        ["stage,sniffing,intrest"],
        "line {n}: stage synonym 'sniffing' maps to 'intrest', which is not a stage in stage_weights.csv "
        "(monitoring, interest, approach, bid, bid_rejected, negotiating, agreed, completed, ruled_out, denied)",
    ),
    "stage_synonym_renames_a_stage": (
        "aliases.csv",
        ["stage,bid,approach"],
        "line {n}: stage synonym 'bid' is itself a stage in stage_weights.csv; it cannot also mean 'approach'",
    ),
    "outlet_two_tiers": (
        "outlets.csv",
        ["marca,3,Spain"],
        "lines 3 and {n}: outlet 'Marca' is given two tiers: 2 and 3",
    ),
    "outlet_two_tiers_through_an_alias": (
        "outlets.csv",
        ["Caught Offside,3,England"],
        "lines 5 and {n}: outlet 'CaughtOffside' is given two tiers: 4 and 3 "
        "('CaughtOffside' and 'Caught Offside' are one outlet through aliases.csv)",
    ),
    "outlet_two_countries": (
        "outlets.csv",
        ["Marca,2,Mexico"],
        "lines 3 and {n}: outlet 'Marca' is given two countries: 'Spain' and 'Mexico'",
    ),
    "outlet_tier_without_weight": (
        "outlets.csv",
        ["Pub Talk,5,England"],
        "line {n}: outlet 'Pub Talk' has tier 5, which has no source weight in tier_weights.csv (tiers 1, 2, 3, 4)",
    ),
    "fx_two_rates_from_one_day": (
        "fx_rates.csv",
        ["GBP,£,1.19,2025-01-01,,typed from another source"],
        "lines 7 and {n}: two GBP rates from 2025-01-01: 1.2 and 1.19",
    ),
    "fx_validity_overlaps": (
        "fx_rates.csv",
        ["CHF,CHF,1.05,2024-01-01", "CHF,CHF,1.06,2024-06-01", "CHF,CHF,1.04,2023-01-01,2024-03-31"],
        "lines {n_minus_2} and {n}: CHF rates overlap: the rate from 2023-01-01 holds until 2024-03-31, "
        "but the next one starts 2024-01-01",
    ),
    "fx_ends_before_it_starts": (
        "fx_rates.csv",
        ["CHF,CHF,1.05,2024-01-01,2023-12-31"],
        "line {n}: CHF rate valid_until 2023-12-31 is before its valid_from 2024-01-01",
    ),
    "stage_two_weights": (
        "stage_weights.csv",
        ["Bid,4,3.5,an offer"],
        "lines 5 and {n}: stage 'bid' is given two weights: 3.0 and 3.5",
    ),
    "tier_two_weights": (
        "tier_weights.csv",
        ["2,0.7,national outlet"],
        "lines 3 and {n}: tier 2 is given two source weights: 0.8 and 0.7",
    ),
    "window_two_definitions": (
        "transfer_windows.csv",
        ["summer,06-15,08-31,,English window"],
        "lines 2 and {n}: two summer windows for every year: 06-01 to 09-01 and 06-15 to 08-31",
    ),
    "window_overlaps_the_next": (
        "transfer_windows.csv",
        ["summer,2024-06-01,2025-01-15,2024,a season that never ends"],
        "lines 3 and {n}: summer 2024 closes 2025-01-15, after winter 2024-25 opens 2025-01-01",
    ),
    "window_closes_before_it_opens": (
        "transfer_windows.csv",
        ["winter,2025-02-01,2025-01-01,2024,typed the wrong way round"],
        "line {n}: winter 2024-25 closes 2025-01-01, before it opens 2025-02-01",
    ),
}


@pytest.mark.parametrize("case", list(CONFLICTS), ids=list(CONFLICTS))
def test_each_conflict_kind_is_one_line_naming_the_file_both_lines_and_the_conflict(raw, reference, case):
    name, lines, expected = CONFLICTS[case]
    reference.append(name, *lines)
    n = reference.line_count(name)
    raw.rumours("r.csv", GOOD_ROW)
    message = error_of(raw, reference)
    assert message == f"{reference.root / name} {expected.format(n=n, n_minus_2=n - 2)}"


def test_a_conflict_is_a_nonzero_exit_with_one_line_and_the_previous_warehouse_untouched(raw, reference):
    raw.rumours("r.csv", GOOD_ROW)
    assert raw.cli("--reference", str(reference.root)).returncode == 0
    before = _digest(raw.warehouse)
    reference.append("outlets.csv", "Marca,1,Spain")
    result = raw.cli("--reference", str(reference.root))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: {reference.root / 'outlets.csv'} lines 3 and {reference.line_count('outlets.csv')}: "
        "outlet 'Marca' is given two tiers: 2 and 1"
    ]
    assert "Traceback" not in result.stderr
    assert _digest(raw.warehouse) == before
    assert [p.name for p in raw.warehouse.parent.iterdir() if ".building-" in p.name] == []


def test_windows_need_a_line_for_every_year(raw, reference):
    reference.write("transfer_windows.csv", "window,opens,closes,season_start_year", "summer,06-01,09-01,")
    raw.rumours("r.csv", GOOD_ROW)
    assert error_of(raw, reference) == (
        f"{reference.root / 'transfer_windows.csv'}: no winter window for every year "
        "(a line with season_start_year blank, like winter,01-01,02-01)"
    )


# --------------------------------------------------------------------------------------------
# Lines that cannot be read say what is wrong on that line

UNREADABLE = {
    "unknown_alias_kind": (
        "aliases.csv",
        "clubs,Spurs,Tottenham Hotspur",
        "kind 'clubs' is not one of club, player, outlet, stage, distinct",
    ),
    "missing_value": ("aliases.csv", "club,Spurs,", "no value for 'canonical': 'club,Spurs,'"),
    "tier_not_a_number": ("outlets.csv", "The Athletic,two,England", "tier 'two' is not a whole number"),
    "decimal_comma": ("fx_rates.csv", 'CHF,CHF,"1,05",2024-01-01', "eur_per_unit '1,05' is not a number (write 1.05)"),
    "negative_rate": ("fx_rates.csv", "CHF,CHF,-1,2024-01-01", "eur_per_unit '-1' must be above 0"),
    "date_day_first": (
        "fx_rates.csv",
        "CHF,CHF,1.05,01/06/2024",
        "valid_from '01/06/2024' is not a date like 2025-01-31",
    ),
    "impossible_date": ("fx_rates.csv", "CHF,CHF,1.05,2024-02-30", "valid_from '2024-02-30' is not a real date"),
    "window_name": ("transfer_windows.csv", "autumn,10-01,10-31,,", "window 'autumn' is not summer or winter"),
    "leap_day_every_year": (
        "transfer_windows.csv",
        "winter,02-29,03-01,,",
        "opens '02-29' is not a day of every year (MM-DD, e.g. 06-01)",
    ),
    "unquoted_comma": (
        "outlets.csv",
        "Sky Sports, News,1,England",
        "4 fields but the header has 3 (outlet, tier, country); a value holding a comma needs double quotes: "
        "'Sky Sports, News,1,England'",
    ),
}


@pytest.mark.parametrize("case", list(UNREADABLE), ids=list(UNREADABLE))
def test_a_line_that_cannot_be_read_says_what_is_wrong_on_it(raw, reference, case):
    name, line, problem = UNREADABLE[case]
    reference.append(name, line)
    raw.rumours("r.csv", GOOD_ROW)
    assert error_of(raw, reference) == f"{reference.root / name} line {reference.line_count(name)}: {problem}"


def test_an_open_quote_names_its_line(raw, reference):
    reference.append("outlets.csv", '"The Athletic,1,England', "Marca,2,Spain")
    raw.rumours("r.csv", GOOD_ROW)
    message = error_of(raw, reference)
    assert message.startswith(f"{reference.root / 'outlets.csv'} line {reference.line_count('outlets.csv') - 1}: ")
    assert "quot" in message.lower()


def test_a_short_line_leaves_optional_columns_blank(raw, reference):
    reference.append("outlets.csv", "The Athletic,1")
    raw.rumours("r.csv", GOOD_ROW.replace("Marca", "The Athletic"))
    run(raw, reference)
    assert raw.query("SELECT source_tier FROM rumours") == [(1,)]


def test_a_windows_1252_reference_file_is_read_with_a_warning(raw, reference):
    path = reference.root / "aliases.csv"
    path.write_bytes(path.read_bytes() + "club,Atlético,Atlético Madrid\n".encode("cp1252"))
    raw.rumours("r.csv", GOOD_ROW.replace("Real Madrid", "Atlético"))
    run(raw, reference)
    assert raw.query("SELECT interested_club FROM rumours") == [("Atlético Madrid",)]
    assert raw.query("SELECT source_file, message FROM ingest_warnings") == [
        (str(path), "not valid UTF-8: read as Windows-1252 (Excel's export)")
    ]


def test_an_aliases_file_excel_saved_with_semicolons_is_read_with_a_warning(raw, reference):
    """Trial 2: Excel saves aliases.csv with ';' where the decimal mark is a comma (most of
    Europe); raw files were read so, reference files stopped with a missing column 'kind'."""
    path = reference.root / "aliases.csv"
    text = path.read_text(encoding="utf-8")
    lines = [";".join(next(csv.reader([line]))) for line in text.splitlines() if line.strip()]
    path.write_text("\n".join([*lines, "club;Atlético;Atlético Madrid", 'player;"Kanté; N.";N\'Golo Kanté']) + "\n")
    raw.rumours("r.csv", GOOD_ROW.replace("Real Madrid", "Atlético"))
    run(raw, reference)
    assert raw.query("SELECT interested_club FROM rumours") == [("Atlético Madrid",)]
    assert raw.query("SELECT source_file, message FROM ingest_warnings") == [
        (
            str(path),
            "columns separated by ';', not commas (as Excel saves a CSV where the decimal mark is a comma): "
            "read with ';'",
        )
    ]
    reference.append("aliases.csv", "club;Sporting;Sporting CP;a note; with a semicolon")
    assert error_of(raw, reference).endswith(
        "fields but the header has 3 (kind, alias, canonical); a value holding a ';' needs double quotes: "
        "'club;Sporting;Sporting CP;a note; with a semicolon'"
    )


# --------------------------------------------------------------------------------------------
# Fallbacks: a reference folder lacking an optional file uses the shipped one, and says so


def test_a_folder_with_only_aliases_and_outlets_falls_back_to_the_shipped_files(raw, tmp_path):
    folder = tmp_path / "my_reference"
    folder.mkdir()
    for name in ("aliases.csv", "outlets.csv"):
        shutil.copy(config.REFERENCE_DIR / name, folder / name)
    raw.rumours("r.csv", GOOD_ROW.replace(",,Madrid keen", ",£10m,Madrid keen"))
    shutil.copy(FIXTURES / "squad.csv", raw.root / "contracts" / "tm_squad.csv")  # needs the shipped profile
    result = raw.cli("--reference", str(folder))
    assert result.returncode == 0, result.stderr
    assert (
        f"reference: {folder} has no stage_weights.csv, tier_weights.csv, fx_rates.csv, transfer_windows.csv, "
        f"no_club_names.csv, clubs.csv, profiles/: used the shipped ones from {config.REFERENCE_DIR}"
    ) in result.stdout
    assert raw.query("SELECT fee_eur FROM rumours") == [(12e6,)]
    assert raw.query("SELECT profile FROM ingest_files WHERE kind = 'contracts'") == [("Transfermarkt squad",)]
    assert dict(raw.query("SELECT reference_file, shipped_fallback FROM ingest_reference")) == {
        "stage_weights.csv": True,
        "tier_weights.csv": True,
        "fx_rates.csv": True,
        "transfer_windows.csv": True,
        "no_club_names.csv": True,
        "clubs.csv": True,  # the demo league's clubs and the article's two real ones
        "aliases.csv": False,
        "outlets.csv": False,
    }


def test_own_profiles_come_first_and_the_shipped_ones_still_apply(raw, reference):
    (reference.root / "profiles" / "transfermarkt_rumour_mill.yml").unlink()
    (reference.root / "profiles" / "scout.yml").write_text(
        "kind: rumours\ndetect: [When, Who, Suitor, Paper]\n"
        "columns: {reported_on: When, player: Who, interested_club: Suitor, source: Paper}\n",
        encoding="utf-8",
    )
    raw.write("rumours/scout.csv", "When,Who,Suitor,Paper\n25/01/2025,Mohamed Salah,Al-Hilal,Marca\n")
    shutil.copy(FIXTURES / "rumour_mill.csv", raw.root / "rumours" / "tm.csv")
    run(raw, reference)
    assert dict(raw.query("SELECT source_file, profile FROM ingest_files")) == {
        "rumours/scout.csv": "scout",
        "rumours/tm.csv": "Transfermarkt rumour mill",  # not in the folder: the shipped one
    }


@pytest.mark.parametrize("name", ["aliases.csv", "outlets.csv"])
def test_aliases_and_outlets_must_be_in_the_folder(raw, reference, name):
    (reference.root / name).unlink()
    raw.rumours("r.csv", GOOD_ROW)
    assert error_of(raw, reference).startswith(f"{reference.root / name}: reference file missing")
