"""Random and malformed rows: ingest never crashes, every row is accounted for, and DuckDB's fast path
agrees with the exact record-by-record reader on any file a CSV writer could produce."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import config
from analysis.ingest import ingest
from analysis.progress import Progress
from tests.conftest import RUMOUR_HEADER

TOKENS = [
    "",
    "2025-01-25",
    "25/01/2025",
    "3 Jan 2025",
    "2025-02-30",
    "Real Madrid",
    "N'Golo Kanté",
    "Marca",
    "£20m",
    "undisclosed",
    "free",
    "a lot",
    "bid",
    "circling",
    "nonsense",
    '"',
    '""',
    ",",
    "\n",
    "\r\n",
    "x,y",
    'say "hi"',
    "<script>alert(1)</script>",
    " ",
    "Ünïcødé",
    "😀",
    "\t",
]
field = st.one_of(st.sampled_from(TOKENS), st.text(max_size=12))
row = st.lists(field, min_size=1, max_size=13)
WIDTH = len(RUMOUR_HEADER.split(","))


def _ingest(root: Path, warehouse: Path, force_exact: bool):
    if warehouse.exists():
        warehouse.unlink()
    return ingest(root, config.REFERENCE_DIR, warehouse, progress=Progress.quiet(), force_exact=force_exact)


def _snapshot(warehouse: Path):
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return (
            con.execute("SELECT line_number, player, headline, fee_eur FROM rumours ORDER BY 1").fetchall(),
            con.execute("SELECT line_number FROM rejected_rows ORDER BY 1").fetchall(),
            con.execute("SELECT rows_read, accepted, rejected, duplicates FROM ingest_files").fetchall(),
        )


def _accounted(summary) -> None:
    for f in summary.files:
        assert f.rows_read == f.accepted + f.rejected + f.duplicates


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, max_size=25), line_ending=st.sampled_from(["\n", "\r\n"]))
def test_well_formed_csv_any_content_fast_path_equals_exact_reader(tmp_path_factory, rows, line_ending):
    root = tmp_path_factory.mktemp("raw")
    (root / "rumours").mkdir()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_ending)
    writer.writerow(RUMOUR_HEADER.split(","))
    writer.writerows(rows)
    (root / "rumours" / "random.csv").write_text(buffer.getvalue(), encoding="utf-8", newline="")
    warehouse = root.parent / "w.duckdb"
    fast = _ingest(root, warehouse, force_exact=False)
    _accounted(fast)
    fast_result = _snapshot(warehouse)
    exact = _ingest(root, warehouse, force_exact=True)
    _accounted(exact)
    assert _snapshot(warehouse) == fast_result


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    chunks=st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=20)), max_size=60),
    raw_bytes=st.binary(max_size=40),
)
def test_arbitrary_bytes_never_crash_and_every_row_is_accounted_for(tmp_path_factory, chunks, raw_bytes):
    root = tmp_path_factory.mktemp("raw")
    (root / "rumours").mkdir()
    body = (RUMOUR_HEADER + "\n" + ",".join(chunks)).encode("utf-8") + raw_bytes
    (root / "rumours" / "garbage.csv").write_bytes(body)
    summary = _ingest(root, root.parent / "w.duckdb", force_exact=False)
    _accounted(summary)
    shutil.rmtree(root)
