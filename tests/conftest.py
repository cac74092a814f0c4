"""Shared fixtures: a real raw folder in tmp_path, a real DuckDB warehouse built from it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analysis import config
from analysis.ingest import ingest
from analysis.progress import Progress

RUMOUR_HEADER = "reported_on,player,player_club,interested_club,source,via,stage,fee,headline,url"
CONTRACT_HEADER = "player,club,contract_expires,recorded_on"
GOOD_ROW = "2025-01-25,Trent Alexander-Arnold,Liverpool,Real Madrid,Marca,,interest,,Madrid keen,"


class RawFolder:
    """A raw data folder for one test, written byte for byte as given."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "rumours").mkdir(parents=True, exist_ok=True)
        (root / "contracts").mkdir(parents=True, exist_ok=True)
        (root / "transfers").mkdir(parents=True, exist_ok=True)
        self.warehouse = root.parent / "warehouse.duckdb"

    def write(self, relative: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    def rumours(self, name: str, *rows: str, header: str = RUMOUR_HEADER) -> Path:
        return self.write(f"rumours/{name}", "\n".join([header, *rows]) + "\n")

    def contracts(self, name: str, *rows: str, header: str = CONTRACT_HEADER) -> Path:
        return self.write(f"contracts/{name}", "\n".join([header, *rows]) + "\n")

    def ingest(self, reference: Path | None = None, **kwargs):
        """Ingest with the shipped reference data, or `reference` (e.g. FIXTURE_REFERENCE)."""
        folder = config.REFERENCE_DIR if reference is None else reference
        return ingest(self.root, folder, self.warehouse, progress=Progress.quiet(), **kwargs)

    def query(self, sql: str, params=None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def cli(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return run_cli("ingest", "--raw", str(self.root), "--warehouse", str(self.warehouse), *args, **kwargs)


# A frozen copy of the reference data for tests whose expected values are computed by hand from its
# weights, so that editing data/reference (an analyst's right) never breaks them.
FIXTURE_REFERENCE = Path(__file__).parent / "fixtures" / "reference"


@pytest.fixture
def fixture_reference(monkeypatch) -> Path:
    """Helpers read their defaults (half-life, lookback) from the fixture folder too."""
    monkeypatch.setattr(config, "REFERENCE_DIR", FIXTURE_REFERENCE)
    return FIXTURE_REFERENCE


def run_cli(*args: str, timeout: float = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def raw(tmp_path: Path) -> RawFolder:
    return RawFolder(tmp_path / "raw")


def assert_accounted(folder: RawFolder) -> None:
    """SPEC 5: for every file rows_read = accepted + rejected + duplicates, and the tables agree."""
    for source_file, kind, read, accepted, rejected, duplicates in folder.query(
        "SELECT source_file, kind, rows_read, accepted, rejected, duplicates FROM ingest_files"
    ):
        assert read == accepted + rejected + duplicates, source_file
        ((stored,),) = folder.query(f"SELECT count(*) FROM {kind} WHERE source_file = ?", [source_file])
        ((listed,),) = folder.query("SELECT count(*) FROM rejected_rows WHERE source_file = ?", [source_file])
        assert (stored, listed) == (accepted, rejected), source_file


ARTICLE_RAW = config.RAW_DIR


@pytest.fixture(scope="session")
def article_warehouse(tmp_path_factory) -> Path:
    """The shipped article data plus clubs whose names are hard on code: '007', an apostrophe, and
    one that looks like a path."""
    import shutil

    root = tmp_path_factory.mktemp("article") / "raw"
    folder = RawFolder(root)
    for kind in ("rumours", "contracts"):
        shutil.copy(ARTICLE_RAW / kind / "article_2025-01-25.csv", root / kind / "article_2025-01-25.csv")
    folder.contracts(
        "awkward.csv",
        "James Bond,007,2025-06-30,",
        "N'Golo Kanté,Olympique d'Ajaccio,2026-06-30,",
        "Path Walker,../../Evil FC,2025-06-30,",
    )
    folder.rumours(
        "awkward.csv",
        "2025-01-20,James Bond,007,Real Madrid,Marca,,bid,€10m,Bond wanted,",
        "2025-01-21,N'Golo Kanté,Olympique d'Ajaccio,Liverpool,Marca,,interest,,Kanté linked,",
        "2025-01-22,Path Walker,../../Evil FC,Liverpool,Marca,,interest,,Walker linked,",
    )
    folder.ingest()
    return folder.warehouse
