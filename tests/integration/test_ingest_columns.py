"""The published tables' columns are exactly the SPEC's, the extras the README documents and the raw
files' own unknown columns: nothing leaks in from a table a model only joins (a reference file's
line_number once came through as rumours.line_number_1)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import GOOD_ROW, RUMOUR_HEADER

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transfermarkt"
README = Path(__file__).parent.parent.parent / "README.md"
SPEC_RUMOURS = [
    "reported_on", "player", "player_club", "interested_club", "source", "via", "stage", "fee_eur", "headline", "url",
    "source_file", "line_number",
]  # fmt: skip
# documented in the README's "Nothing is lost" table, rumours row
DOCUMENTED_EXTRAS = [
    "reported_at", "source_tier", "fee_as_written", "fee_currency", "market_value_as_written", "market_value_eur",
    "outcome",
]  # fmt: skip


def _readme_rumours_row() -> str:
    (row,) = [line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("| `rumours`")]
    return row


def test_the_readme_documents_every_extra_rumours_column():
    documented = set(re.findall(r"`([a-z_]+)`", _readme_rumours_row()))
    assert set(DOCUMENTED_EXTRAS) <= documented, set(DOCUMENTED_EXTRAS) - documented


def test_rumours_columns_are_the_spec_s_the_documented_extras_and_the_file_s_own(raw):
    # a real rumour-mill export (its unknown columns are kept) beside a plain file, with the shipped
    # outlets reference, whose rows carry a line_number of their own
    shutil.copy(FIXTURES / "rumour_mill_export.csv", raw.root / "rumours" / "rumour_mill.csv")
    raw.rumours("plain.csv", GOOD_ROW)
    raw.ingest()
    assert raw.query("SELECT count(*) FROM rumours") != [(0,)]
    columns = [r[0] for r in raw.query("SELECT column_name FROM duckdb_columns() WHERE table_name = 'rumours'")]
    own = ["playerprofil", "imgcurrentclub", "imginterestedclub", "imgplayer"]
    assert sorted(columns) == sorted(SPEC_RUMOURS + DOCUMENTED_EXTRAS + own)
    # the SPEC's and the documented ones first, the file's own after them
    assert sorted(columns[: -len(own)]) == sorted(SPEC_RUMOURS + DOCUMENTED_EXTRAS)


def test_unknown_columns_are_named_by_their_headers_in_snake_case_as_the_readme_says(raw):
    """Audit: the README said unknown columns keep their own names; they are snake_case, and
    'Notes (EN)' came out 'notes__en'. Every rule the README gives, on one file."""
    raw.rumours(
        "desk.csv",
        GOOD_ROW + ",Jorge Mendes,dit is een test,7,nope,1,2",
        header=RUMOUR_HEADER + ",Agent Name,Notes (EN),#,Player ID?,Agent Name,Héadline",
    )
    raw.ingest()
    columns = [r[0] for r in raw.query("SELECT column_name FROM duckdb_columns() WHERE table_name = 'rumours'")]
    # after the standard ones, in name order (files of one kind may each bring their own)
    assert columns[-6:] == ["agent_name", "agent_name_2", "column_13", "extra_headline", "notes_en", "player_id"]
    assert raw.query("SELECT agent_name, notes_en, column_13, extra_headline FROM rumours") == [
        ("Jorge Mendes", "dit is een test", "7", "2")
    ]
