"""The one way into the warehouse.

Readers (notebooks, helpers, reports) open it read-only and briefly, so a JupyterLab kernel never
blocks a scheduled ingest. Ingest never writes into the live file: it builds a new one beside it and
renames it into place when complete, so a reader keeps its old snapshot and a crash, kill or bad
file leaves the previous warehouse exactly as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb

from analysis import config
from analysis.errors import WarehouseError

BUILDING_MARK = ".building-"


def _lock_holder(message: str) -> str:
    """DuckDB names the process holding a conflicting lock; pass that on in plain words."""
    match = re.search(r"held in (.+?) \(PID (\d+)\)", message)
    if match:
        return f"process {match.group(2)} ({match.group(1)})"
    return "another process"


CATALOG = "warehouse"  # the name a read-only connection attaches the warehouse file under


def connect(path: Path | None = None, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Opens the warehouse; errors say what is wrong and what to do, not DuckDB's internals.

    Read-only, the file is attached to a fresh in-memory database rather than opened directly:
    DuckDB hands a second connect() to a path this process already holds the same database, so
    while an analyst kept any connection open, every later one would still read the file that an
    ingest has since replaced. Attached, each connection reads the file as it is now. The empty
    in-memory database is then dropped, so the warehouse is the default for the connection and
    its cursors alike, and large queries spill beside the warehouse, as DuckDB would for the file."""
    path = Path(path or config.warehouse_path())
    if read_only and not path.exists():
        raise WarehouseError(
            f"{path}: warehouse not found. Build it with `python -m analysis ingest` (or `make report`)."
        )
    try:
        if not read_only:
            return duckdb.connect(str(path))
        con = duckdb.connect(":memory:", config={"temp_directory": f"{path.resolve()}.tmp"})
        try:
            con.execute(f"ATTACH $path AS {CATALOG} (READ_ONLY)", {"path": str(path)})
            con.execute(f"USE {CATALOG}")
            con.execute("DETACH memory")
        except BaseException:
            con.close()
            raise
        return con
    except duckdb.Error as exc:  # locked, a folder, not a DuckDB file, another version's format...
        text = str(exc)
        if isinstance(exc, duckdb.IOException) and "lock" in text.lower():
            raise WarehouseError(
                f"{path}: locked for writing by {_lock_holder(text)}. Close that connection (in JupyterLab: "
                "Kernel > Restart, or con.close()) and try again. Connections made with "
                "analysis.warehouse.connect() are read-only and never cause this."
            ) from exc
        raise WarehouseError(f"{path}: cannot be opened: {text.splitlines()[0]}") from exc


_connections: dict[Path, tuple[tuple[int, int, int], duckdb.DuckDBPyConnection]] = {}
_shared_lock = threading.Lock()


def _identity(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _shared(path: Path | None, cursor: bool) -> tuple[Path, tuple[int, int, int], duckdb.DuckDBPyConnection | None]:
    """The file's identity and, if asked, a cursor on the process's connection to it (made under
    the lock, so no other thread closes that connection in between)."""
    path = Path(path or config.warehouse_path()).resolve()
    if not path.exists():
        connect(path)  # raises the friendly 'not found'
    with _shared_lock:
        identity = _identity(path)
        known = _connections.get(path)
        if known is None or known[0] != identity:
            if known is not None:
                known[1].close()
            _connections[path] = (identity, connect(path, read_only=True))
        return path, identity, _connections[path][1].cursor() if cursor else None


def snapshot(path: Path | None = None) -> tuple:
    """Names the warehouse file as it is now (path, inode, mtime, size): ingest swaps in a new file,
    so answers remembered under one snapshot are never served for another."""
    resolved, identity, _ = _shared(path, cursor=False)
    return (str(resolved), *identity)


@contextlib.contextmanager
def reading(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only cursor on a connection kept per warehouse file, so an analyst's repeated questions
    skip opening the file; when ingest has swapped in a new file, the next call opens that one."""
    _, _, cursor = _shared(path, cursor=True)
    assert cursor is not None  # asked for with cursor=True
    try:
        yield cursor
    finally:
        cursor.close()


@contextlib.contextmanager
def ingest_lock(warehouse: Path) -> Iterator[None]:
    """One ingest at a time per warehouse; a second one is told who is running instead of racing."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(warehouse.name + ".ingest.lock")
    with open(lock_path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            raise WarehouseError(
                f"{warehouse}: another ingest (PID {holder}) is building this warehouse; wait for it to finish"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


def _remove_build(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal"), path.with_name(path.name + ".tmp")):
        with contextlib.suppress(FileNotFoundError):
            if leftover.is_dir():
                import shutil

                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_builds(warehouse: Path) -> None:
    """Half-built files of killed ingests: their process is gone, so nobody will finish them."""
    for leftover in warehouse.parent.glob(warehouse.name + BUILDING_MARK + "*"):
        match = re.search(re.escape(BUILDING_MARK) + r"(\d+)", leftover.name)
        if match and not _pid_alive(int(match.group(1))):
            _remove_build(leftover)


@contextlib.contextmanager
def build_atomically(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yields a connection to a new, empty file that replaces `warehouse` only if the block succeeds."""
    with ingest_lock(warehouse):
        remove_stale_builds(warehouse)
        building = warehouse.with_name(f"{warehouse.name}{BUILDING_MARK}{os.getpid()}")
        _remove_build(building)
        con = duckdb.connect(str(building))
        try:
            yield con
            con.execute("CHECKPOINT")
            con.close()
            with open(building, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(building, warehouse)
            with contextlib.suppress(FileNotFoundError):
                warehouse.with_name(warehouse.name + ".wal").unlink()
            dir_fd = os.open(warehouse.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except BaseException:
            with contextlib.suppress(Exception):
                con.close()
            _remove_build(building)
            raise
