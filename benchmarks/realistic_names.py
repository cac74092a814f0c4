"""Realistic names for the identity benchmark (issue 10): contract players with names from many
countries (accents, dotless i, ø, ß, middle names), and rumours of which a third name players with no
contract or write a contract player another way: an initial ('J. Fernández'), without accents or
with German/Nordic transliteration ('Mueller', 'Oedegaard'), without a middle name, surname first.
Clubs are written now and then without their affix ('Porto' for 'FC Porto'). Written by DuckDB
(seconds for a million rows), deterministic, into <folder>/{rumours,contracts}/, and who each
written name is into <folder>/truth.csv (`quality` scores a warehouse built from the folder).

    python benchmarks/realistic_names.py FOLDER [--players 100000] [--rumours 1000000]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

FIRST = [
    "Álvaro", "Bruno", "Carlos", "Dmitri", "Emre", "Filip", "Gianluca", "Hugo", "Ivan", "Jonas", "Kwame", "Luka",
    "Mateo", "Nils", "Oscar", "Pål", "Quentin", "Rúben", "Søren", "Tomás", "Uroš", "Viktor", "Wojciech", "Xavi",
    "Youssef", "Zoltán", "André", "Björn", "Çağlar", "Dávid", "Barış", "İlkay", "Jürgen", "Mohamed", "Kaoru",
    "Heung-min", "Pierre-Emerick", "Jean-Philippe", "Aleksandr", "Mykhaylo", "Sipho", "Chidi", "Thiago", "João",
    "Matías", "Sebastián", "Nicolò", "Łukasz", "Ødegaard", "Stefan", "Marco", "Lars", "Aaron", "Kieran", "Declan",
    "Mason", "Callum", "Rhys", "Eoin", "Pádraig", "Gustavo", "Raúl", "Iñaki", "Jordi", "Gonçalo", "Diogo", "Yassine",
    "Achraf", "Sofiane", "Amadou", "Ismaïla", "Kalidou", "Ngolo", "Serge", "Kingsley", "Takumi", "Min-jae", "Hwang",
    "Ahmed", "Omar", "Karim", "Riyad", "Emil", "Magnus", "Tiago", "Arda", "Kerem", "Hakan", "Milan", "Dušan",
    "Aleksandar", "Nemanja", "Josip", "Mateusz", "Piotr", "Ondřej", "Tomáš", "Vladimír", "Dominik", "Kenan",
]  # fmt: skip
LAST = [
    "Kovačić", "Martínez", "Silva", "Andersen", "Nowak", "Yılmaz", "Hernández", "Petersen", "Rossi", "Dubois",
    "Fernández", "Jansen", "Müller", "Popović", "Santos", "Olsen", "Ivanov", "Lindqvist", "García", "Moreau",
    "Çalhanoğlu", "Gündoğan", "Højlund", "Ødegaard", "Straße", "Guðmundsson", "Sigurðsson", "Kristiansen",
    "Aubameyang", "Mateta", "Kanté", "Koulibaly", "Mané", "Diallo", "Traoré", "Camara", "Keïta", "Touré",
    "Okafor", "Adeyemi", "Mensah", "Boateng", "Nkunku", "Mbemba", "Salah", "Hakimi", "Mahrez", "Ziyech",
    "Bennacer", "Amrabat", "Kim", "Lee", "Park", "Son", "Mitoma", "Kubo", "Endo", "Tomiyasu", "Minamino",
    "Zinchenko", "Mudryk", "Golovin", "Dovbyk", "Sudakov", "Lewandowski", "Zieliński", "Szczęsny", "Souček",
    "Schick", "Škriniar", "Vlahović", "Mitrović", "Tadić", "Modrić", "Perišić", "Gvardiol", "Džeko", "Oblak",
    "Šeško", "Gyökeres", "Szoboszlai", "Sallai", "O'Brien", "McCarthy", "Murphy", "O'Shea", "Doherty", "Walsh",
    "Evans", "Davies", "Jones", "Williams", "Taylor", "Brown", "Wilson", "Johnson", "Smith", "Robinson",
    "Pereira", "Costa", "Oliveira", "Sousa", "Gonçalves", "Ribeiro", "Almeida", "Carvalho", "Lopes", "Marques",
    "De Jong", "van Dijk", "de Ligt", "van de Ven", "Depay", "Gakpo", "Simons", "Timber", "Frimpong", "Malen",
    "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca",
    "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer",
]  # fmt: skip
# more surnames and given names the way many languages make them (stem + ending: 'Kovač' + 'ević',
# 'Fern' + 'ández', 'Anders' + 'sen'), so that 100,000 players have about as many distinct names as real
# squads do; drawn with a skew (a few very common, most rare), as real names are
STEMS = [
    "Kovač", "Petr", "Jovan", "Nikol", "Marin", "Stojan", "Fern", "Rodrígu", "Gonzál", "Sánch", "Hern", "Ramír",
    "Anders", "Johans", "Nils", "Lars", "Eriks", "Hans", "Oliv", "Pered", "Carv", "Ferr", "Mart", "Rib", "Yıld",
    "Çel", "Öz", "Kaya", "Demir", "Şahin", "Nowak", "Wiśniew", "Kowal", "Zieliń", "Lewand", "Szyma", "Novák",
    "Dvoř", "Svob", "Horv", "Kiss", "Tóth", "Popesc", "Ionesc", "Georg", "Dimitr", "Papad", "Konst", "Okon",
    "Adeb", "Olu", "Mens", "Asam", "Diall", "Tra", "Kon", "Coul", "Benn", "Haddad", "Mansour", "Yamam", "Tanak",
    "Park", "Choi", "Jung", "Nguy", "Tran", "Müll", "Schn", "Bau", "Hoff", "Kra", "Lehm", "Brenn", "Eich", "Gudm",
    "Sigur", "Hald", "Bjørn",
]  # fmt: skip
ENDINGS = [
    "ić", "ović", "ević", "ez", "ández", "es", "sen", "son", "sson", "eira", "alho", "elli", "etti", "ini", "ski",
    "ska", "owski", "ák", "ek", "escu", "ou", "opoulos", "ov", "enko", "a", "e", "o", "i", "er", "mann",
]  # fmt: skip
GIVEN_STEMS = [
    "Al",
    "Bor",
    "Cris",
    "Dan",
    "Ed",
    "Fab",
    "Gor",
    "Har",
    "Ib",
    "Jan",
    "Kar",
    "Len",
    "Mar",
    "Nik",
    "Ol",
    "Pav",
    "Rad",
    "Sam",
    "Ter",
    "Val",
    "Vik",
    "Yur",
    "Zdr",
    "Ém",
    "Ió",
    "Ş",
    "Ar",
    "Eli",
    "Mat",
    "Rob",
]
GIVEN_ENDINGS = ["an", "ko", "ián", "iel", "ir", "o", "is", "ek", "ius", "en", "ijs", "ou", "ert", "el"]
TOWNS = [
    "Porto", "Braga", "Lyon", "Lille", "Nantes", "Sevilla", "Valencia", "Bilbao", "Torino", "Napoli", "Genova",
    "Bremen", "Leipzig", "Mainz", "Brugge", "Gent", "Utrecht", "Twente", "Kraków", "Poznań", "Plzeň", "Zagreb",
    "Beograd", "İstanbul", "İzmir", "Trabzon", "Kyiv", "Lviv", "Malmö", "Göteborg", "København", "Aarhus", "Bergen",
    "Molde", "Glasgow", "Dundee", "Cork", "Leeds", "Norwich", "Derby",
]  # fmt: skip
AFFIXES = ["FC", "SC", "AC", "CF", "FK", "SK", "United", "City", "Athletic", "Sporting"]
TRUTH = "truth.csv"


def generate(folder: Path, players: int = 100_000, rumours: int = 1_000_000, clubs: int = 2_000) -> None:
    first = FIRST + [s + e for s in GIVEN_STEMS for e in GIVEN_ENDINGS]
    last = LAST + [s + e for s in STEMS for e in ENDINGS]
    for kind in ("rumours", "contracts"):
        (folder / kind).mkdir(parents=True, exist_ok=True)
    uncontracted = players // 3
    con = duckdb.connect()
    # an index into a list of n, the first ones drawn far more often (u^1.6: a few common names)
    con.execute("CREATE MACRO skewed(h, n) AS CAST(1 + floor(n * pow((h % 1000003) / 1000003.0, 1.6)) AS BIGINT)")
    # distinct full names: given name, a middle name for some, surname
    con.execute(
        """
        CREATE TABLE people AS
        WITH drawn AS (
            SELECT i,
                $first[skewed(hash(i, 1), len($first))] AS first_name,
                CASE WHEN hash(i, 2) % 10 < 3 THEN $first[skewed(hash(i, 3), len($first))] END AS middle,
                $last[skewed(hash(i, 4), len($last))]
                    || CASE WHEN hash(i, 5) % 8 = 0 THEN '-' || $last[skewed(hash(i, 6), len($last))]
                       ELSE '' END AS surname
            FROM range(CAST($n * 8 AS BIGINT)) t(i)
        ),
        named AS (
            SELECT *, concat_ws(' ', first_name, middle, surname) AS name FROM drawn
        )
        SELECT row_number() OVER (ORDER BY min(i)) - 1 AS id, name, any_value(first_name) AS first_name,
            any_value(middle) AS middle, any_value(surname) AS surname
        FROM named GROUP BY name
        QUALIFY id < $n
        """,
        {"first": first, "last": last, "n": players + uncontracted},
    )
    ((made,),) = con.execute("SELECT count(*) FROM people").fetchall()
    if made < players + uncontracted:
        raise SystemExit(f"only {made:,} distinct names for {players + uncontracted:,} players: widen the name pools")
    con.execute(
        "CREATE TABLE clubs AS SELECT c AS id, $towns[CAST(1 + c % len($towns) AS BIGINT)] || ' ' || "
        "$affixes[CAST(1 + (c // len($towns)) % len($affixes) AS BIGINT)] || "
        "CASE WHEN c >= len($towns) * len($affixes) THEN ' ' || (c // (len($towns) * len($affixes))) ELSE '' END "
        "AS name, "
        "$towns[CAST(1 + c % len($towns) AS BIGINT)] || CASE WHEN c >= len($towns) * len($affixes) "
        "THEN ' ' || (c // (len($towns) * len($affixes))) ELSE '' END AS short FROM range($n) t(c)",
        {"towns": TOWNS, "affixes": AFFIXES, "n": clubs},
    )
    contracts = folder / "contracts" / "squads.csv"
    con.execute(
        f"""
        COPY (
            SELECT p.name AS player, c.name AS club,
                strftime(DATE '2025-06-30' + CAST(365 * (p.id % 4) AS INTEGER), '%Y-%m-%d') AS contract_expires,
                '' AS recorded_on
            FROM people AS p JOIN clubs AS c ON c.id = p.id % $clubs
            WHERE p.id < $players
        ) TO '{contracts}' (HEADER)
        """,
        {"clubs": clubs, "players": players},
    )
    # a third of the reports: half a player with no contract, half a contract player written another way
    con.execute(
        """
        CREATE TABLE reports AS
            WITH reports AS (
                -- kind 0: a player without contract; 1: one of the fifth of contract players some
                -- outlets write their own way (one way per player, as an outlet keeps its spelling)
                -- (salted as text: DuckDB's hash(i, a) and hash(i, b) are not independent)
                SELECT i, hash(i || '/kind') % 6 AS kind,
                    CASE WHEN hash(i || '/kind') % 6 = 0 THEN $players + hash(i || '/pid') % $uncontracted
                         WHEN hash(i || '/kind') % 6 = 1 THEN (hash(i || '/pid') % ($players // 5)) * 5
                         ELSE hash(i || '/pid') % $players END AS pid
                FROM range($rumours) t(i)
            )
            SELECT
                strftime(DATE '2022-01-01' + CAST(hash(r.i, 1) % 1100 AS INTEGER), '%Y-%m-%d') AS reported_on,
                CASE WHEN r.kind = 1 THEN CASE hash(r.pid, 13) % 5
                        WHEN 0 THEN left(p.first_name, 1) || '. ' || p.surname
                        WHEN 1 THEN strip_accents(replace(replace(replace(p.name, 'ı', 'i'), 'ø', 'o'), 'İ', 'I'))
                        WHEN 2 THEN p.first_name || ' ' || p.surname
                        WHEN 3 THEN replace(replace(replace(p.name, 'ü', 'ue'), 'ö', 'oe'), 'ø', 'oe')
                        ELSE p.surname || ' ' || p.first_name
                     END
                     ELSE p.name END AS player,
                CASE WHEN r.kind = 1 AND hash(r.pid, 14) % 5 = 0 THEN own.short ELSE own.name END AS player_club,
                suitor.name AS interested_club,
                'Outlet ' || (hash(r.i, 15) % 40) AS source,
                'interest' AS stage,
                CASE WHEN r.pid < $players THEN p.name END AS truth
            FROM reports AS r
            JOIN people AS p ON p.id = r.pid
            JOIN clubs AS own ON own.id = r.pid % $clubs
            JOIN clubs AS suitor ON suitor.id = hash(r.i, 16) % $clubs
            ORDER BY r.i
        """,
        {"players": players, "uncontracted": uncontracted, "rumours": rumours, "clubs": clubs},
    )
    con.execute(f"COPY (SELECT * EXCLUDE (truth) FROM reports) TO '{folder / 'rumours' / 'reports.csv'}' (HEADER)")
    # who each written name is (outside rumours/ and contracts/: ingest never reads it): the contract
    # name, or empty for a player with no contract; names written alike for two players left out
    con.execute(
        f"""
        COPY (
            SELECT player, any_value(truth) AS truth FROM reports GROUP BY player HAVING count(DISTINCT truth) <= 1
                AND (bool_and(truth IS NULL) OR bool_and(truth IS NOT NULL))
        ) TO '{folder / TRUTH}' (HEADER)
        """
    )
    con.close()


def quality(warehouse: Path, folder: Path) -> dict[str, int]:
    """How right identity was on generated names, from the truth file: automatic links (and how many
    name the right player), and contract players written another way than their contract (and how
    many were linked to him or given him as the first suggestion)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ((links, right, variants, found),) = con.execute(
            """
            WITH truth AS (
                SELECT player, truth FROM read_csv($truth, all_varchar = true)
            ),
            linked AS (
                -- names linked as names (a rumour's club re-points rows, not names: not a name's link)
                SELECT lower(strip_accents(written)) AS key, canonical FROM identity_links
                WHERE kind = 'player' AND decision = 'linked'
            ),
            suggested AS (
                SELECT lower(strip_accents(player)) AS key, suggestions[1] AS suggestion FROM unmatched_players
            ),
            judged AS (
                SELECT
                    t.truth IS NOT NULL AND lower(strip_accents(t.player)) <> lower(strip_accents(t.truth)) AS variant,
                    l.canonical AS linked,
                    lower(strip_accents(coalesce(l.canonical, s.suggestion))) = lower(strip_accents(t.truth)) AS found
                FROM truth AS t
                LEFT JOIN linked AS l ON l.key = lower(strip_accents(t.player))
                LEFT JOIN suggested AS s ON s.key = lower(strip_accents(t.player))
            )
            SELECT
                count(*) FILTER (WHERE linked IS NOT NULL),
                count(*) FILTER (WHERE linked IS NOT NULL AND found),
                count(*) FILTER (WHERE variant),
                count(*) FILTER (WHERE variant AND found)
            FROM judged
            """,
            {"truth": str(folder / TRUTH)},
        ).fetchall()
    return {"links": links, "links_right": right, "variants": variants, "variants_found": found}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--players", type=int, default=100_000)
    parser.add_argument("--rumours", type=int, default=1_000_000)
    args = parser.parse_args()
    generate(args.folder, args.players, args.rumours)
