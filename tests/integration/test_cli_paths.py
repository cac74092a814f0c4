"""A mistyped output path is the user's mistake, said as one line with a non-zero exit, never a
traceback nor an "internal error ... please report this" (the commands as a user types them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOOD_ROW, run_cli


def one_line_error(result) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return lines[0]


def test_synth_into_an_existing_file_says_it_is_a_file(tmp_path: Path):
    target = tmp_path / "x.csv"
    target.write_text("mine\n", encoding="utf-8")
    line = one_line_error(run_cli("synth", "--out", str(target), "--rumours", "10"))
    assert line == f"error: synth: --out {target} is a file, not a folder: give the raw folder to write rumours/ into"
    assert target.read_text(encoding="utf-8") == "mine\n", "the file is left as it was"


def test_synth_where_no_folder_can_be_made_says_why(tmp_path: Path):
    line = one_line_error(run_cli("synth", "--out", "/proc/nope", "--rumours", "10"))
    assert line == "error: synth: cannot write into /proc/nope: /proc does not accept new files or folders"
    under_a_file = tmp_path / "x.csv"
    under_a_file.write_text("mine\n", encoding="utf-8")
    target = under_a_file / "raw"
    line = one_line_error(run_cli("synth", "--out", str(target), "--rumours", "10"))
    assert line == f"error: synth: cannot write into {target}: a part of that path is a file, not a folder"


@pytest.mark.parametrize(
    "warehouse, why",
    [
        ("/proc/x.duckdb", "/proc does not accept new files or folders"),
        ("{tmp}/notes.txt/warehouse.duckdb", "a part of that path is a file, not a folder"),
        ("{tmp}", "it is a folder; give a file name for the warehouse"),
    ],
)
def test_ingest_into_a_path_that_cannot_be_written_is_the_users_mistake(raw, tmp_path: Path, warehouse, why):
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    raw.rumours("r.csv", GOOD_ROW)
    path = warehouse.format(tmp=tmp_path)
    result = run_cli("ingest", "--raw", str(raw.root), "--warehouse", path)
    assert one_line_error(result) == f"error: cannot write {path}: {why}"
    assert result.stdout == "", "nothing was built"


def test_ingest_makes_a_missing_folder_for_its_warehouse(raw, tmp_path: Path):
    raw.rumours("r.csv", GOOD_ROW)
    warehouse = tmp_path / "new" / "folder" / "w.duckdb"
    result = run_cli("ingest", "--raw", str(raw.root), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr
    assert warehouse.is_file() and not list(warehouse.parent.glob("*probe*")), "no probe file left behind"
