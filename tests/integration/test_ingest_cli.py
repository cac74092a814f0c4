"""`python -m analysis ingest` as users and cron jobs call it: counts, exit codes, one-line errors."""

from __future__ import annotations

import hashlib
import os

from tests.conftest import GOOD_ROW as GOOD


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_prints_per_file_counts_and_exits_zero_when_rows_are_only_rejected(raw):
    raw.rumours("mixed.csv", GOOD, "not-a-date,X,Y,Z,Marca,,,,,", GOOD)
    result = raw.cli()
    assert result.returncode == 0, result.stderr
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("rumours/mixed.csv"))
    assert line.split()[1:] == ["rumours", "3", "1", "1", "1"]
    assert "1 row rejected: see table rejected_rows (source_file, line_number, reason, raw)" in result.stdout


def test_missing_required_column_is_one_line_nonzero_and_keeps_the_old_warehouse(raw):
    raw.rumours("good.csv", GOOD)
    assert raw.cli().returncode == 0
    before = _digest(raw.warehouse)
    raw.write("rumours/broken.csv", "reported_on,player,source\n2025-01-25,Mohamed Salah,Marca\n")
    result = raw.cli()
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: rumours/broken.csv: missing required column 'interested_club'; header has: reported_on, player, source"
    ]
    assert _digest(raw.warehouse) == before
    assert raw.query("SELECT count(*) FROM rumours") == [(1,)]
    assert [p.name for p in raw.warehouse.parent.iterdir() if ".building-" in p.name] == []


def test_unreadable_file_is_one_line_nonzero_and_keeps_the_old_warehouse(raw):
    raw.rumours("good.csv", GOOD)
    assert raw.cli().returncode == 0
    before = _digest(raw.warehouse)
    os.symlink(raw.root / "nowhere.csv", raw.root / "rumours" / "dangling.csv")
    result = raw.cli()
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: rumours/dangling.csv: cannot be read: ")
    assert _digest(raw.warehouse) == before


def test_an_empty_file_is_skipped_and_a_missing_folder_is_a_clear_error(raw, tmp_path):
    raw.write("rumours/empty.csv", "")
    raw.rumours("good.csv", GOOD)
    result = raw.cli()
    assert result.returncode == 1, result.stderr  # SPEC 6: non-zero, but the others are built (trial B12)
    assert "skipped: empty: no header" in result.stdout
    assert "rumours/empty.csv: empty, no header" in result.stderr
    assert raw.query("SELECT count(*) FROM rumours") == [(1,)]
    from tests.conftest import run_cli

    missing = run_cli("ingest", "--raw", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert missing.returncode == 2 and "raw data folder not found" in missing.stderr


def test_broken_reference_file_is_a_clear_error(raw, tmp_path):
    import shutil

    from analysis import config

    reference = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, reference)
    (reference / "outlets.csv").write_text("name,tier\nMarca,2\n")
    raw.rumours("good.csv", GOOD)
    result = raw.cli("--reference", str(reference))
    assert result.returncode == 2
    assert "outlets.csv: missing required column 'outlet'" in result.stderr


def test_progress_is_quiet_when_not_a_terminal(raw):
    raw.rumours("good.csv", GOOD)
    result = raw.cli()
    assert result.stderr == ""


def test_the_summary_counts_warnings_unmatched_names_and_disagreements_with_the_table_to_read(raw, capsys):
    """Issue 14 Build 5: each count with the table to read, club_disagreements included."""
    from analysis import cli

    raw.rumours(
        "r.csv",
        GOOD,
        "2025-01-26,Mo Salahh,Liverpool,Al-Hilal,Pub Talk,,pondering,,,",  # unmatched, two warnings
        "not-a-date,X,Y,Z,Marca,,,,,",
        "2025-01-27,Mohamed Salah,Al-Hilal,Juventus,Marca,,interest,,,",  # his contract says Liverpool
    )
    raw.contracts("c.csv", "Mohamed Salah,Liverpool,2025-06-30,")
    assert cli.main(["ingest", "--raw", str(raw.root), "--warehouse", str(raw.warehouse)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-5:] == [
        "1 row rejected: see table rejected_rows (source_file, line_number, reason, raw)",
        "2 warnings: see table ingest_warnings (source_file, line_number, message)",
        "2 unmatched player names: see table unmatched_players (suggestions and a ready aliases.csv line)",
        # Al-Hilal and Juventus: rumours name them, no contract or reference file does
        "2 unmatched club names: see table unmatched_clubs (suggestions)",
        "1 club disagreement: see table club_disagreements (which sources name which club)",
    ]
    assert raw.query("SELECT count(*) FROM unmatched_players") == [(2,)]
    assert raw.query("SELECT player, reported_club, recorded_club FROM club_disagreements") == [
        ("Mohamed Salah", "Al-Hilal", "Liverpool")
    ]


def test_no_raw_file_found_is_an_error_that_keeps_the_old_warehouse(raw):
    """`--raw` pointed one folder too deep (at rumours/ itself), or an export folder that came out
    empty, used to replace the warehouse with an empty one and exit 0 (trial 2)."""
    raw.rumours("daily export.csv", GOOD)
    assert raw.cli().returncode == 0
    before = _digest(raw.warehouse)
    from tests.conftest import run_cli

    too_deep = run_cli("ingest", "--raw", str(raw.root / "rumours"), "--warehouse", str(raw.warehouse))
    assert too_deep.returncode == 2
    assert too_deep.stderr.strip().splitlines() == [
        f"error: {raw.root / 'rumours'}: no raw files to ingest (expected rumours/*.csv, contracts/*.csv, "
        "transfers/*.csv under it); found 1 CSV file (daily export.csv) instead: move them there; "
        "the warehouse is unchanged"
    ]
    empty = raw.root.parent / "empty export"
    (empty / "rumours").mkdir(parents=True)
    nothing = run_cli("ingest", "--raw", str(empty), "--warehouse", str(raw.warehouse))
    assert nothing.returncode == 2
    assert nothing.stderr.strip().splitlines() == [
        f"error: {empty}: no raw files to ingest (expected rumours/*.csv, contracts/*.csv, transfers/*.csv "
        "under it); the warehouse is unchanged"
    ]
    assert _digest(raw.warehouse) == before
    assert raw.query("SELECT count(*) FROM rumours") == [(1,)]


def test_csv_files_ingest_does_not_read_are_named_in_the_summary(raw):
    """A day's export saved one folder too deep, in the raw folder itself or under another folder
    name is not read (SPEC 1: rumours/*.csv ...), and the summary says so instead of keeping quiet."""
    raw.rumours("good.csv", GOOD)
    raw.write("rumours/2025-01-27/reports.csv", "reported_on,player\n")
    raw.write("Transfers/moves.csv", "player,to_club\n")
    raw.write("squad.csv", "player,club\n")
    result = raw.cli()
    assert result.returncode == 0, result.stderr
    assert (
        f"not read: 3 CSV files (Transfers/moves.csv, rumours/2025-01-27/reports.csv, squad.csv) under "
        f"{raw.root}, outside rumours/, contracts/, transfers/ (only CSVs directly in those folders are ingested)"
    ) in result.stdout.splitlines()
    assert raw.query("SELECT source_file FROM ingest_files") == [("rumours/good.csv",)]


def test_a_reader_that_goes_away_stops_the_output_without_a_traceback(raw):
    """`ingest | head -1`: the summary's later lines meet a closed pipe (trial 2: a BrokenPipeError
    traceback). Stop quietly with the shell's code for it; the warehouse is built all the same."""
    import subprocess
    import sys

    raw.rumours("good.csv", GOOD)
    argv = [sys.executable, "-m", "analysis", "ingest", "--raw", str(raw.root), "--warehouse", str(raw.warehouse)]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line is written
    stderr = proc.stderr.read().decode()
    assert proc.wait() == 141, stderr
    assert stderr == ""
    assert raw.query("SELECT count(*) FROM rumours") == [(1,)]
