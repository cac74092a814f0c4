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


# --------------------------------------------------------------------------------------------
# Any input, of any kind, ends in a summary or in a one-line error (issue 10, Must show)

from analysis.errors import IngestError  # noqa: E402
from analysis.ingest.kinds import KINDS  # noqa: E402
from analysis.ingest.reference import REFERENCE_FILES  # noqa: E402

VALUE_TOKENS = [
    *TOKENS,
    "2024", "2024/25", "15/16", "summer", "Winter", "in", "out", "Loan fee:€1.00m", "End of loanJun 30, 2004",
    "loan transfer", "free transfer", "?", "-", "true", "False", "0", "1.15", "-3", "Without Club", "Retired",
    "Apr 14, 1998 (24)", "15.01.2025 - 14:00", "06-01", "02-29", "2024-13-01", "club", "player", "outlet", "stage",
    "distinct", "Marca", "Liverpool", "Mohamed Salah", "GBP", "€", "£432Th.", "1", "4", "5",
]  # fmt: skip
value = st.one_of(st.sampled_from(VALUE_TOKENS), st.text(max_size=10))


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _damaged(body: bytes, bom: bool, stray: bytes, at: int) -> bytes:
    if stray:
        at = at % (len(body) + 1)
        body = body[:at] + stray + body[at:]
    return (b"\xef\xbb\xbf" if bom else b"") + body


def _ends_in_a_summary_or_one_line(run) -> None:
    try:
        summary = run()
    except IngestError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    _accounted(summary)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from([k.name for k in KINDS]),
    data=st.data(),
    bom=st.booleans(),
    stray=st.sampled_from([b"", b"\x92", b"\xff\xfe", b"\xe9", b"\r", b'"', b"\x00"]),
    at=st.integers(min_value=0, max_value=10_000),
)
def test_random_raw_files_of_every_kind_end_in_a_summary_or_one_line_error(
    tmp_path_factory, kind, data, bom, stray, at
):
    columns = [*next(k for k in KINDS if k.name == kind).standard, "Season", "#", "note"]
    header = data.draw(st.lists(st.sampled_from(columns), min_size=1, max_size=9, unique=True), label="header")
    rows = data.draw(st.lists(st.lists(value, min_size=1, max_size=len(header) + 1), max_size=12), label="rows")
    root = tmp_path_factory.mktemp("raw")
    (root / kind).mkdir()
    (root / kind / "random.csv").write_bytes(_damaged(_csv(header, rows), bom, stray, at))
    _ends_in_a_summary_or_one_line(lambda: _ingest(root, root.parent / "w.duckdb", force_exact=False))
    shutil.rmtree(root)


REFERENCE_COLUMNS = {spec.name: [c.name for c in spec.columns] for spec in REFERENCE_FILES}
PROFILE_TEXT = st.sampled_from(
    [
        "kind: rumours\ncolumns: {player: Who}\n",
        "kind: contracts\ndetect: [Player]\ndate_formats: {contract_expires: '%Q'}\n",
        "kind: transfers\ncolumns: [a, b]\n",
        "kind: rumours\ndetect: PlayerName\n",
        "kind: [rumours]\n",
        "kind: rumours\nconstants: {nonsense: 1}\n",
        ": : :\n- [\n",
        "\xff\xfe",
    ]
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(sorted(REFERENCE_COLUMNS)),
    data=st.data(),
    stray=st.sampled_from([b"", b"\x92", b'"', b"\r"]),
    at=st.integers(min_value=0, max_value=2_000),
    profile=st.one_of(st.none(), PROFILE_TEXT),
)
def test_random_reference_files_end_in_a_summary_or_one_line_error(tmp_path_factory, name, data, stray, at, profile):
    folder = tmp_path_factory.mktemp("ref") / "reference"
    shutil.copytree(config.REFERENCE_DIR, folder)
    header = data.draw(
        st.lists(st.sampled_from([*REFERENCE_COLUMNS[name], "note", "x"]), max_size=7, unique=True), label="header"
    )
    lines = data.draw(st.lists(st.lists(value, min_size=1, max_size=len(header) + 1), max_size=8), label="lines")
    (folder / name).write_bytes(_damaged(_csv(header, lines) if header else b"", False, stray, at))
    if profile is not None:
        (folder / "profiles" / "random.yml").write_text(profile, encoding="utf-8", errors="surrogateescape")
    root = tmp_path_factory.mktemp("raw")
    for kind, content in {
        "rumours": RUMOUR_HEADER + "\n2025-01-25,Mohamed Salah,Liverpool,Al-Hilal,Marca,,circling,£10m,,\n",
        "contracts": "player,club,contract_expires,recorded_on\nMohamed Salah,Liverpool,2025-06-30,\n",
        "transfers": "player,from_club,to_club,season,window,fee\nMohamed Salah,Liverpool,Al-Hilal,2025,summer,€1m\n",
    }.items():
        (root / kind).mkdir()
        (root / kind / "good.csv").write_text(content, encoding="utf-8")
    warehouse = root.parent / "w.duckdb"
    _ends_in_a_summary_or_one_line(lambda: ingest(root, folder, warehouse, progress=Progress.quiet()))
    shutil.rmtree(root)
    shutil.rmtree(folder.parent)
