"""A warehouse built for the market watch's tests: in the week to 10 March 2025 (the default
window: after 3 March), one of each kind of news, each with an older twin that must not show.

Clubs come from a clubs reference (`ref_clubs`, SPEC 5 interface: club, league, country) and
completed moves from `data/raw/transfers/` (`transfers`); where this checkout's ingest does not
build those tables yet, they are made here from the same rows, exactly as the interface has them.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb

from analysis import config
from tests.conftest import RUMOUR_HEADER, RawFolder

AS_OF, SINCE = "2025-03-10", "2025-03-03"
HOSTILE_CLUB = '<img src=x onerror="window.__pwned=1">FC'
HOSTILE_PLAYER = '<script>window.__pwned=1</script> O\'Hara "Jr"'
PATH_CLUB = "../../Evil FC"

CLUBS = [  # club, league, country
    ("Alpha FC", "Test League", "England"),
    ("Beta United", "Test League", "England"),
    ("Gamma CF", "Liga Demo", "Spain"),
    ("Delta SC", "Liga Demo", "Spain"),
    (HOSTILE_CLUB, "Liga Demo", "Spain"),
    (PATH_CLUB, "Test League", "England"),
]

CONTRACTS = [  # player, club, contract_expires, recorded_on
    ("Old Timer", "Alpha FC", "2027-06-30", ""),
    ("Window Man", "Alpha FC", "2025-09-05", ""),  # pre-contract window from 6 Mar 2025: news
    ("Year Man", "Beta United", "2026-03-08", ""),  # final year from 9 Mar 2025: news
    ("Past Window", "Beta United", "2025-08-31", ""),  # pre-contract window from 1 Mar 2025: older
    ("Spanish Star", "Gamma CF", "2027-06-30", ""),
    ("Mover Guy", "Gamma CF", "2026-06-30", ""),
    ("Early Mover", "Gamma CF", "2026-06-30", ""),
    (HOSTILE_PLAYER, HOSTILE_CLUB, "2027-06-30", ""),
    ("Walker Path", PATH_CLUB, "2027-06-30", ""),
]

RUMOURS = [  # reported_on, player, player_club, interested_club, source, via, stage, fee, headline
    ("2025-03-05", "Spanish Star", "Gamma CF", "Alpha FC", "Marca", "", "interest", "", "Alpha eye Spanish Star"),
    ("2025-02-01", "Old Timer", "Alpha FC", "Beta United", "Marca", "", "interest", "", "Beta keen on Old Timer"),
    ("2025-03-04", "Old Timer", "Alpha FC", "Beta United", "Marca", "", "bid", "€12m", "Beta bid for Old Timer"),
    ("2025-02-10", "Year Man", "Beta United", "Gamma CF", "Marca", "", "bid", "€8m", "Gamma bid for Year Man"),
    ("2025-03-06", "Year Man", "Beta United", "Gamma CF", "Marca", "", "bid", "€9m", "Gamma bid again"),
    ("2025-03-03", "Window Man", "Alpha FC", "Delta SC", "Marca", "", "approach", "", "Delta approach, on since"),
    ("2025-03-12", "Window Man", "Alpha FC", "Delta SC", "Marca", "", "agreed", "", "Delta agree: after as-of"),
    ("2025-03-07", HOSTILE_PLAYER, HOSTILE_CLUB, "Alpha FC", "Marca", "", "bid", "", '<img src=x onerror="x">'),
    ("2025-03-08", "Walker Path", PATH_CLUB, HOSTILE_CLUB, "Marca", "", "approach", "", "<script>alert(1)</script>"),
]

TRANSFERS = [  # player, from_club, to_club, transfer_date, fee
    ("Mover Guy", "Gamma CF", "Delta SC", "2025-03-07", "€5m"),
    ("Early Mover", "Gamma CF", "Delta SC", "2025-02-20", "€2m"),
]


def _csv(header: list[str], rows) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue()


def _has(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()[0])


def build_market_warehouse(root: Path) -> Path:
    """Raw files, a reference folder with clubs.csv, an ingest; the interface tables where missing."""
    folder = RawFolder(root / "raw")
    folder.write("rumours/market.csv", _csv(RUMOUR_HEADER.split(","), [(*r, "") for r in RUMOURS]))
    folder.write("contracts/market.csv", _csv(["player", "club", "contract_expires", "recorded_on"], CONTRACTS))
    folder.write("transfers/market.csv", _csv(["player", "from_club", "to_club", "transfer_date", "fee"], TRANSFERS))
    reference = root / "reference"
    shutil.copytree(config.REFERENCE_DIR, reference)
    (reference / "clubs.csv").write_text(_csv(["club", "league", "country"], CLUBS), encoding="utf-8")
    from analysis.ingest import ingest
    from analysis.progress import Progress

    ingest(folder.root, reference, folder.warehouse, progress=Progress.quiet())
    with duckdb.connect(str(folder.warehouse)) as con:
        if not _has(con, "ref_clubs"):
            con.execute("CREATE TABLE ref_clubs (club VARCHAR, league VARCHAR, country VARCHAR)")
            con.executemany("INSERT INTO ref_clubs VALUES (?, ?, ?)", CLUBS)
        if not _has(con, "transfers"):
            con.execute(
                "CREATE TABLE transfers (player VARCHAR, from_club VARCHAR, to_club VARCHAR, transfer_date DATE, "
                "window_label VARCHAR, known_on DATE, fee_eur DOUBLE, is_loan BOOLEAN, source_file VARCHAR, "
                "line_number BIGINT, fee_as_written VARCHAR, evidence VARCHAR)"
            )
            con.executemany(
                "INSERT INTO transfers VALUES (?, ?, ?, CAST(? AS DATE), NULL, CAST(? AS DATE), ?, false, "
                "'transfers/market.csv', ?, ?, 'transfers')",
                [
                    (p, f, t, d, d, float(fee.strip("€m")) * 1e6, line, fee)
                    for line, (p, f, t, d, fee) in enumerate(TRANSFERS, 2)
                ],
            )
    return folder.warehouse
