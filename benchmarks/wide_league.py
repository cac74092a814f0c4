"""A wide synthetic league for the ingest benchmark: many rumours over 6,000 players, 200 clubs
and 300 outlets, a fifth relayed by another outlet (issue 10). Names carry accents, as real ones
do. Written by DuckDB itself (seconds for a million rows), deterministic, into
<folder>/raw/{rumours,contracts}/ and a reference folder whose outlets.csv lists the 300 outlets
(every other reference file is taken from the shipped folder).

    python benchmarks/wide_league.py FOLDER [--rumours N]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
FIRST = [
    "Álvaro", "Bruno", "Carlos", "Dmitri", "Emre", "Filip", "Gianluca", "Hugo", "Ivan", "Jonas", "Kwame", "Luka",
    "Mateo", "Nils", "Oscar", "Pål", "Quentin", "Rúben", "Søren", "Tomás", "Uroš", "Viktor", "Wojciech", "Xavi",
    "Youssef", "Zoltán", "André", "Björn", "Çağlar", "Dávid",
]  # fmt: skip
STEMS = ["Kov", "Mart", "Silv", "Ander", "Nowak", "Yıl", "Hern", "Peters", "Rossi", "Dub"]
STEMS += ["Fern", "Jans", "Mül", "Popo", "Sant", "Olsen", "Ivan", "Lind", "Garc", "Moreau"]
ENDS = ["ić", "ínez", "a", "sen", "ski", "maz", "ández", "son", "i", "ois"]
SURNAMES = [stem + end for stem in STEMS for end in ENDS]  # 200
TOWNS = ["North", "South", "East", "West", "Port", "Saint", "Old", "New", "Upper", "Lower"]
STAGES = ["interest", "monitoring", "approach", "bid", "negotiating", "agreed", "circling", "bid rejected"]


def generate(folder: Path, rumours: int = 1_000_000, players: int = 6000, clubs: int = 200, outlets: int = 300) -> None:
    raw = folder / "raw"
    for kind in ("rumours", "contracts"):
        (raw / kind).mkdir(parents=True, exist_ok=True)
    reference = folder / "reference"
    reference.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE players AS SELECT p AS id, $first[CAST(1 + p % 30 AS BIGINT)] || ' ' "
        "|| $surnames[CAST(1 + (p // 30) % 200 AS BIGINT)] || CASE WHEN p >= 6000 THEN ' ' || (p // 6000) ELSE '' END"
        " AS name FROM range($n) t(p)",
        {"first": FIRST, "surnames": SURNAMES, "n": players},
    )
    con.execute(
        "CREATE TABLE clubs AS SELECT c AS id, $towns[CAST(1 + c % 10 AS BIGINT)] || ' ' "
        "|| $surnames[CAST(1 + (c // 10) % 200 AS BIGINT)] || ' ' "
        "|| ['FC', 'United', 'City'][CAST(1 + c % 3 AS BIGINT)] AS name FROM range($n) t(c)",
        {"towns": TOWNS, "surnames": SURNAMES, "n": clubs},
    )
    con.execute(
        "CREATE TABLE outlets AS SELECT o AS id, 'The ' || $surnames[CAST(1 + o % 200 AS BIGINT)] || ' ' "
        "|| ['Gazette', 'Daily', 'Herald'][CAST(1 + o // 200 % 3 AS BIGINT)] AS name, 1 + o % 4 AS tier "
        "FROM range($n) t(o)",
        {"surnames": SURNAMES, "n": outlets},
    )
    con.execute(
        f"""
        COPY (
            SELECT
                strftime(DATE '2022-01-01' + CAST(hash(i, 1) % 1100 AS INTEGER), '%Y-%m-%d') AS reported_on,
                p.name AS player, own.name AS player_club, suitor.name AS interested_club, o.name AS source,
                CASE WHEN hash(i, 5) % 5 = 0 THEN relay.name END AS via,
                $stages[CAST(1 + hash(i, 6) % 8 AS BIGINT)] AS stage,
                CASE WHEN hash(i, 7) % 4 = 0 THEN '£' || (hash(i, 8) % 90) || 'm' END AS fee,
                suitor.name || ' keen on ' || p.name AS headline,
                'https://demo.invalid/' || i AS url
            FROM range({int(rumours)}) t(i)
            JOIN players AS p ON p.id = hash(i, 2) % $players
            JOIN clubs AS own ON own.id = p.id % $clubs
            JOIN clubs AS suitor ON suitor.id = hash(i, 3) % $clubs
            JOIN outlets AS o ON o.id = hash(i, 4) % $outlets
            JOIN outlets AS relay ON relay.id = (hash(i, 4) + 1 + hash(i, 9) % ($outlets - 1)) % $outlets
        ) TO '{raw / "rumours" / "wide.csv"}' (HEADER)
        """,
        {"stages": STAGES, "players": players, "clubs": clubs, "outlets": outlets},
    )
    con.execute(
        f"""
        COPY (
            SELECT p.name AS player, c.name AS club,
                   strftime(DATE '2025-06-30' + CAST(365 * (p.id % 4) AS INTEGER), '%Y-%m-%d') AS contract_expires,
                   '' AS recorded_on
            FROM players AS p JOIN clubs AS c ON c.id = p.id % $clubs
        ) TO '{raw / "contracts" / "wide.csv"}' (HEADER)
        """,
        {"clubs": clubs},
    )
    shutil.copy(ROOT / "data" / "reference" / "aliases.csv", reference / "aliases.csv")
    con.execute(
        f"COPY (SELECT name AS outlet, tier, 'Somewhere' AS country FROM outlets ORDER BY id) "
        f"TO '{reference / 'outlets.csv'}' (HEADER)"
    )
    con.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rumours", type=int, default=1_000_000)
    args = parser.parse_args()
    generate(args.folder, args.rumours)
