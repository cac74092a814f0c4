"""Ingest beside readers, and ingest killed half-way: the warehouse is never half-built or missing."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from analysis.errors import WarehouseError
from analysis.warehouse import connect
from tests.conftest import GOOD_ROW, RawFolder

pytestmark = pytest.mark.slow  # runs notebooks or several processes

READER = textwrap.dedent(
    """
    import os, sys, time
    from analysis.warehouse import connect
    path, go = sys.argv[1], sys.argv[2]
    con = connect(path)  # read-only, as notebooks open it
    print(con.execute("SELECT count(*) FROM rumours").fetchall()[0][0], flush=True)
    while not os.path.exists(go):
        time.sleep(0.05)
    print(con.execute("SELECT count(*) FROM rumours").fetchall()[0][0], flush=True)
    con.close()
    print(connect(path).execute("SELECT count(*) FROM rumours").fetchall()[0][0], flush=True)
    """
)

WRITER = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])  # an analyst's own read-write connection
    print("holding", flush=True)
    time.sleep(60)
    """
)


def _spawn(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_reader_holding_the_warehouse_does_not_block_ingest_nor_break(raw, tmp_path):
    raw.rumours("a.csv", GOOD_ROW)
    raw.ingest()
    go = tmp_path / "go"
    reader = _spawn(READER, str(raw.warehouse), str(go))
    try:
        assert reader.stdout.readline().strip() == "1"
        raw.rumours("b.csv", GOOD_ROW.replace("2025-01-25", "2025-01-26"))
        raw.ingest()  # must not wait for, or fail because of, the reader
        go.touch()
        out, err = reader.communicate(timeout=60)
    finally:
        reader.kill()
    assert reader.returncode == 0, err
    assert out.split() == ["1", "2"], "old snapshot stays readable; a new connection sees the new build"


def test_analyst_write_connection_gets_a_clear_message_and_ingest_still_runs(raw):
    raw.rumours("a.csv", GOOD_ROW)
    raw.ingest()
    writer = _spawn(WRITER, str(raw.warehouse))
    try:
        assert writer.stdout.readline().strip() == "holding"
        with pytest.raises(WarehouseError) as caught:
            connect(raw.warehouse)
        message = str(caught.value)
        assert f"locked for writing by process {writer.pid}" in message
        assert "Kernel > Restart" in message
        raw.ingest()  # builds beside the locked file and renames it into place
    finally:
        writer.kill()
        writer.wait()
    assert raw.query("SELECT count(*) FROM rumours") == [(1,)]


def test_second_ingest_at_the_same_time_is_told_who_is_running(raw):
    from analysis.warehouse import ingest_lock

    raw.rumours("a.csv", GOOD_ROW)
    with ingest_lock(raw.warehouse):
        result = raw.cli()
    assert result.returncode == 2
    assert f"another ingest (PID {os.getpid()}) is building this warehouse" in result.stderr


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_ingest_killed_half_way_leaves_the_previous_warehouse_intact(raw, tmp_path):
    raw.rumours("small.csv", GOOD_ROW)
    raw.ingest()
    before = _digest(raw.warehouse)

    big = RawFolder(tmp_path / "big_raw")
    with duckdb.connect() as con:
        con.execute(
            f"""COPY (SELECT '2025-01-' || lpad((1 + i % 28)::VARCHAR, 2, '0') AS reported_on,
                       'Player ' || (i % 5000) AS player, 'Club ' || (i % 20) AS player_club,
                       'Club ' || ((i * 7) % 20) AS interested_club, 'Marca' AS source, '' AS via,
                       'interest' AS stage, '£' || (i % 90) || 'm' AS fee, 'headline ' || i AS headline,
                       'https://demo.invalid/' || i AS url
                FROM range(1500000) t(i)) TO '{big.root / "rumours" / "big.csv"}' (HEADER)"""
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "ingest", "--raw", str(big.root), "--warehouse", str(raw.warehouse)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    building = raw.warehouse.with_name(f"{raw.warehouse.name}.building-{proc.pid}")
    deadline = time.monotonic() + 120
    while not (building.exists() and building.stat().st_size > 0) and proc.poll() is None:
        assert time.monotonic() < deadline, "ingest never started building"
        time.sleep(0.02)
    time.sleep(0.3)
    assert proc.poll() is None, "ingest finished before it could be killed: make the input larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    assert _digest(raw.warehouse) == before
    assert raw.query("SELECT count(*) FROM rumours") == [(1,)]
    raw.ingest()  # the next run sweeps the dead run's half-built file away
    assert not building.exists()
    assert [p.name for p in raw.warehouse.parent.iterdir() if ".building-" in p.name] == []


def test_a_connection_held_in_this_process_does_not_make_later_reads_stale(raw):
    """An analyst's kernel keeps a connection; an ingest swaps the file. Every later question in that
    kernel must read the new warehouse (DuckDB would otherwise hand back the held, old database)."""
    from analysis import marts

    raw.contracts("c.csv", "Player A,Liverpool,2026-06-30,")
    raw.ingest()
    held = connect(raw.warehouse)
    assert len(marts.club_contracts("Liverpool", as_of="2025-01-25", warehouse=raw.warehouse)) == 1
    raw.contracts("c.csv", "Player A,Liverpool,2026-06-30,", "Player B,Liverpool,2027-06-30,")
    raw.ingest()
    try:
        assert len(marts.club_contracts("Liverpool", as_of="2025-01-25", warehouse=raw.warehouse)) == 2
        assert marts.resolve_name("player b", "player", raw.warehouse) == "Player B"
        assert connect(raw.warehouse).execute("SELECT count(*) FROM contracts").fetchone() == (2,)
        assert connect(raw.warehouse).cursor().execute("SELECT count(*) FROM contracts").fetchone() == (2,), (
            "a cursor (one per thread) sees the warehouse too"
        )
        assert held.execute("SELECT count(*) FROM contracts").fetchone() == (1,), "the held one keeps its snapshot"
    finally:
        held.close()
