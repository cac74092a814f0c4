"""Data tests check each build before it is swapped in: every test can fail (shown on a warehouse
broken on purpose), and a failing one keeps the old warehouse and names the test and a sample row.
Also: the identity step's links are applied, after aliases."""

from __future__ import annotations

import hashlib

import duckdb
import pytest

from analysis import config, sqlfiles
from analysis.errors import IngestError
from analysis.ingest import graph, identity_step
from analysis.ingest.datatests import bad_rows, data_tests, published_columns, run_data_tests
from analysis.progress import Progress
from tests.conftest import GOOD_ROW

TRANSFERS = "player,from_club,to_club,transfer_date\nTrent Alexander-Arnold,Liverpool,Real Madrid,2025-05-30\n"


@pytest.fixture
def built(raw, tmp_path):
    """A build's connection after every model, before the data tests (as ingest has it)."""
    raw.rumours("r.csv", GOOD_ROW, GOOD_ROW.replace("interest", "circling"), "not-a-date,X,Y,Z,Marca,,,,,")
    raw.contracts("c.csv", "Trent Alexander-Arnold,Liverpool,2025-06-30,", "Mohamed Salah,Liverpool,2027-06-30,")
    raw.write("transfers/t.csv", TRANSFERS)
    con = duckdb.connect(str(tmp_path / "building.duckdb"))
    state = graph.Build(con, raw.root, config.REFERENCE_DIR, tmp_path, Progress.quiet())
    graph.run(state)
    yield con
    con.close()


def test_a_good_build_passes_every_data_test(built):
    assert run_data_tests(built) == [
        "accounting_per_file",
        "alias_chains_resolved",
        "canonical_names_not_null",
        "identity_links_not_vetoed",
        "stages_accepted",
        "transfers_known",
        "unique_source_lines",
        "published_columns",
    ]


BREAKAGES = {
    "accounting_per_file": "UPDATE ingest_files SET accepted = accepted + 1 WHERE source_file = 'rumours/r.csv'",
    "unique_source_lines": "INSERT INTO rumours SELECT * FROM rumours LIMIT 1",
    "stages_accepted": "UPDATE rumours SET stage = 'circling'",
    "canonical_names_not_null": "UPDATE contracts SET club = NULL WHERE player = 'Mohamed Salah'",
    "alias_chains_resolved": "UPDATE rumours SET interested_club = 'Los Blancos'",
    "transfers_known": "UPDATE transfers SET window_label = NULL",
    "identity_links_not_vetoed": "INSERT INTO ref_aliases VALUES ('distinct', 'Mo Salahh', 'Mohamed Salah', 99); "
    "INSERT INTO identity_links VALUES ('player', 'Mo Salahh', 'Mohamed Salah', 0.99, 'a link', 'linked', 1, NULL)",
}


def test_there_is_a_breakage_for_every_data_test():
    assert sorted(BREAKAGES) == data_tests()


@pytest.mark.parametrize("test", sorted(BREAKAGES))
def test_each_data_test_finds_its_bad_rows(built, test):
    assert bad_rows(built, test)[1] == []
    built.execute(BREAKAGES[test])
    assert bad_rows(built, test)[1] != []


def test_kept_and_rejected_at_once_is_caught(built):
    built.execute("INSERT INTO rejected_rows SELECT source_file, line_number, 'x', '' FROM rumours LIMIT 1")
    columns, rows = bad_rows(built, "unique_source_lines")
    assert [dict(zip(columns, r))["in_table"] for r in rows] == ["kept and rejected"]


def test_a_missing_published_column_is_caught(built):
    built.execute("ALTER TABLE transfers DROP COLUMN known_on")
    assert published_columns(built)[1] == [("transfers", "known_on")]


def test_a_failing_data_test_keeps_the_old_warehouse_and_names_the_test_and_a_sample_row(raw, monkeypatch):
    raw.rumours("r.csv", GOOD_ROW)
    raw.ingest()
    before = hashlib.sha256(raw.warehouse.read_bytes()).hexdigest()
    original = sqlfiles.sql_text

    def rumours_stored_twice(relative: str) -> str:  # a bug in a model, as a data test sees it
        text = original(relative)
        if relative == "warehouse/rumours.sql":
            text = (
                text.replace("CREATE TABLE rumours AS", "CREATE TABLE rumours AS SELECT * FROM (").rstrip(";\n")
                + ") UNION ALL SELECT * FROM ("
                + text.split("AS\n", 1)[1].rstrip(";\n")
                + ");"
            )
        return text

    monkeypatch.setattr(sqlfiles, "sql_text", rumours_stored_twice)
    with pytest.raises(IngestError) as caught:
        raw.ingest()
    message = str(caught.value)
    assert message.startswith("data test 'accounting_per_file' failed on 1 row, e.g. source_file='rumours/r.csv', ")
    assert "rows_in_table=2" in message and "the previous warehouse is unchanged" in message
    assert hashlib.sha256(raw.warehouse.read_bytes()).hexdigest() == before
    assert [p.name for p in raw.warehouse.parent.iterdir() if ".building-" in p.name] == []


def test_the_cli_says_a_failed_data_test_in_one_line_and_exits_non_zero(raw, monkeypatch, capsys):
    """A model that loses a published column (a bug, as the data test sees it), through the CLI."""
    from analysis import cli

    raw.rumours("r.csv", GOOD_ROW)
    original = sqlfiles.sql_text

    def rumours_without_fee_eur(relative: str) -> str:
        text = original(relative)
        return text.replace("    s.fee_eur,\n", "") if relative == "warehouse/rumours.sql" else text

    monkeypatch.setattr(sqlfiles, "sql_text", rumours_without_fee_eur)
    code = cli.main(["ingest", "--raw", str(raw.root), "--warehouse", str(raw.warehouse)])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: data test 'published_columns' failed on 1 row, e.g. table='rumours', missing column='fee_eur'; "
        "the previous warehouse is unchanged. This is a fault of ingest, not of your files: please report it with them"
    ]
    assert not raw.warehouse.exists()


def test_the_identity_step_links_names_and_an_alias_still_wins(raw, monkeypatch):
    """A link the identity step makes on its own (an initial and the surname, at the contract's club),
    and an alias line beating a link the step would make (one added here: the shipped data has
    no club name the step would link against aliases.csv)."""
    raw.contracts("c.csv", "Trent Alexander-Arnold,Liverpool,2025-06-30,2024-07-01")
    raw.rumours("r.csv", "2025-01-25,T. Alexander-Arnold,Liverpool,Los Blancos,Marca,,interest,,,")
    raw.ingest()
    assert raw.query("SELECT kind, written, canonical FROM identity_links") == [
        ("player", "T. Alexander-Arnold", "Trent Alexander-Arnold")
    ]
    assert raw.query("SELECT player, interested_club FROM rumours") == [("Trent Alexander-Arnold", "Real Madrid")]

    step = identity_step.run

    def with_a_club_link(con, references, *threshold):
        step(con, references, *threshold)
        con.execute(
            "INSERT INTO stg_identity_links VALUES "
            "('club', 'Los Blancos', 'Atletico Madrid', 0.99, 'a link an alias overrules')"
        )

    monkeypatch.setattr(identity_step, "run", with_a_club_link)
    raw.ingest()
    assert raw.query("SELECT player, interested_club FROM rumours") == [("Trent Alexander-Arnold", "Real Madrid")]
