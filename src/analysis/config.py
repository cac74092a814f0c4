"""Every path the workbook uses, in one place.

Paths are anchored at the project root (found from this file, or TRANSFER_RADAR_ROOT), never at the
working directory, so notebooks, papermill runs and cron jobs agree wherever they start.
Notebooks and tests point at another warehouse through TRANSFER_RADAR_WAREHOUSE, and report runs at
another notebook folder through TRANSFER_RADAR_NOTEBOOKS.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = Path(os.environ.get("TRANSFER_RADAR_ROOT", PACKAGE_DIR.parents[1])).resolve()

DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
REFERENCE_DIR = DATA_DIR / "reference"
PROFILES_DIR = REFERENCE_DIR / "profiles"
NOTEBOOKS_DIR = Path(os.environ.get("TRANSFER_RADAR_NOTEBOOKS", PROJECT_ROOT / "notebooks")).resolve()
REPORTS_DIR = PROJECT_ROOT / "reports"
SQL_DIR = PACKAGE_DIR / "sql"

RUMOURS_SUBDIR = "rumours"
CONTRACTS_SUBDIR = "contracts"


def warehouse_path() -> Path:
    """The warehouse file: TRANSFER_RADAR_WAREHOUSE when set, else data/warehouse.duckdb."""
    override = os.environ.get("TRANSFER_RADAR_WAREHOUSE")
    return Path(override).resolve() if override else DATA_DIR / "warehouse.duckdb"
