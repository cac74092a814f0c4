"""Identity's parts on an in-memory DuckDB: folding (anyascii and the SQL rules agree), blocking
keys, the word-by-word scoring and the confidence shared among candidates, and the settings file."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from analysis import config, sqlfiles
from analysis.errors import IngestError
from analysis.identity import matching
from analysis.identity.folding import FOLD_SQL, fold
from analysis.identity.settings import load
from analysis.ingest.reference import load_references


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Barış Alper Yılmaz", "baris alper yilmaz"),
        ("Martin Ødegaard", "martin odegaard"),
        ("Hákon Guðmundsson", "hakon gudmundsson"),
        ("Mats Straße", "mats strasse"),
        ("Bjæst Æsir", "bjaest aesir"),
        ("N’Golo Kanté", "ngolo kante"),
        ("Pierre-Emerick Aubameyang", "pierre emerick aubameyang"),
        ("P. Aubameyang", "p aubameyang"),
        ("Łukasz Fabiański", "lukasz fabianski"),
        ("Хвича Кварацхелия", "khvicha kvaratskheliya"),
        ("  Vinícius   Júnior ", "vinicius junior"),
    ],
)
def test_fold_transliterates_what_stripping_accents_cannot(written, folded):
    assert fold(written) == folded


def test_sql_folds_names_with_accents_only_as_python_does():
    names = [
        "N'Golo Kanté",
        "T. Alexander-Arnold",
        "Man Utd",
        "AFC Bournemouth (U21)",
        "O`Neil",
        "  Mo   Salah ",
        "Çağlar Söyüncü",
        "Iñaki Williams",
        "Gonçalo Inácio",
        "Mykhaylo Mudryk",
        "Kenan YILDIZ",
        "Dávid Ćurić",
    ]
    with duckdb.connect() as con:
        got = [con.execute(f"SELECT {FOLD_SQL.format(s='$n')}", {"n": n}).fetchone()[0] for n in names]
    assert got == [fold(n) for n in names]


def build(rumours: list[tuple], contracts: list[tuple], aliases: str = "", threshold: float = 0.95):
    """A connection as ingest has it at the identity step: macros, reference tables, landing tables."""
    con = duckdb.connect()
    sqlfiles.run_file(con, "staging/macros.sql")
    load_references(con, config.REFERENCE_DIR)
    if aliases:
        con.execute(
            "INSERT INTO ref_aliases SELECT * FROM (VALUES " + aliases + ") AS t(kind, alias, canonical, line_number)"
        )
    con.execute(
        "CREATE TEMP TABLE landing_rumours (file_id BIGINT, line_number BIGINT, player VARCHAR, "
        "player_club VARCHAR, interested_club VARCHAR, source VARCHAR, via VARCHAR)"
    )
    con.executemany(
        "INSERT INTO landing_rumours VALUES (1, ?, ?, ?, ?, 'Marca', NULL)", [(i, *r) for i, r in enumerate(rumours, 2)]
    )
    con.execute(
        "CREATE TEMP TABLE landing_contracts (player VARCHAR, club VARCHAR, date_of_birth VARCHAR, position VARCHAR)"
    )
    con.executemany("INSERT INTO landing_contracts VALUES (?, ?, ?, ?)", contracts)
    con.execute(
        "CREATE TEMP TABLE landing_transfers (player VARCHAR, to_club VARCHAR, from_club VARCHAR, club VARCHAR, "
        "dealing_club VARCHAR)"
    )
    matching.run(con, load(config.REFERENCE_DIR, threshold))
    return con


def keys_of(con, side: str, name: str) -> set[str]:
    names = "id_player_open" if side == "w" else "id_player_targets"
    rows = con.execute(
        f"SELECT k.block FROM id_player_keys AS k JOIN {names} AS n ON n.id = k.id "
        "WHERE k.side = $side AND n.key = name_key($name)",
        {"side": side, "name": name},
    ).fetchall()
    return {r[0] for r in rows}


def test_blocking_keys_meet_where_real_variants_differ():
    con = build(
        [("P. Aubameyang", None, "X"), ("Baris Yilmaz", "Galatasaray", "X"), ("Thiago", "Liverpool", "X")],
        [
            ("Pierre-Emerick Aubameyang", "Olympique Marseille", None, None),
            ("Barış Alper Yılmaz", "Galatasaray", None, None),
            ("Thiago Alcántara", "Liverpool", None, None),
        ],
    )
    assert "i:p|aubameyang" in keys_of(con, "w", "P. Aubameyang") & keys_of(con, "t", "Pierre-Emerick Aubameyang")
    assert "p:baris|yilmaz" in keys_of(con, "w", "Baris Yilmaz") & keys_of(con, "t", "Barış Alper Yılmaz")
    assert "m:thiago" in keys_of(con, "w", "Thiago") & keys_of(con, "t", "Thiago Alcántara")
    assert "c:liverpool|thiago" in keys_of(con, "t", "Thiago Alcántara")


def test_a_common_word_alone_proposes_no_candidates():
    """max_block_size: 'Silva' names too many known players to propose any of them by itself."""
    contracts = [
        (f"{first} Silva", f"Club {i}", None, None) for i, first in enumerate(["A" + str(n) for n in range(60)])
    ]
    con = build([("Silva", None, "X")], contracts)
    assert con.execute("SELECT count(*) FROM id_player_candidates").fetchone() == (0,)


def test_each_name_keeps_its_best_candidates_only():
    """max_candidates: of twelve namesakes 'J. Fernández' could be, the one at the club the rumour
    names shares the most keys (initial + surname, and club + surname) and is kept; the kept ones are
    at most max_candidates (8), so the work per name stays bounded however many namesakes there are."""
    contracts = [(f"J{'abcdefghijkl'[i]}rge Fernández", f"Club {i}", None, None) for i in range(12)]
    con = build([("J. Fernández", "Club 11", "X")], contracts)
    assert con.execute("SELECT count(*) FROM id_player_candidates").fetchone() == (8,)
    best = scores(con, "J. Fernández")[0]
    assert best[0] == "Jlrge Fernández" and best[5] == "same club (Club 11)"


def test_a_club_written_otherwise_is_a_blocking_key_too():
    """'Brighton' is not a known club and not linked to one, but like 'Brighton & Hove Albion'
    (id_club_scores): a player named there shares a club key with that club's contract players."""
    con = build([("Kaoru Mitomo", "Brighton", "X")], [("Kaoru Mitoma", "Brighton & Hove Albion", None, None)])
    assert con.execute("SELECT count(*) FROM stg_identity_links WHERE kind = 'club'").fetchone() == (0,)
    shared = keys_of(con, "w", "Kaoru Mitomo") & keys_of(con, "t", "Kaoru Mitoma")
    assert "c:brighton & hove albion|kaoru" in shared


def scores(con, written: str) -> list[tuple]:
    return con.execute(
        "SELECT t_name, relation, bits, round(confidence, 3), reason, evidence FROM id_player_scores "
        "WHERE w_key = name_key($w) ORDER BY confidence DESC",
        {"w": written},
    ).fetchall()


def test_scoring_weighs_the_name_the_club_and_the_date_of_birth():
    con = build(
        [("T. Alexander-Arnold", "Liverpool", "X"), ("Gabriel", "Arsenal", "X"), ("Dean Huijsen", "Bournemouth", "X")],
        [
            ("Trent Alexander-Arnold", "Liverpool", "1998-10-07", "Right-Back"),
            ("Gabriel Martinelli", "Arsenal", None, None),
            ("Gabriel Jesus", "Arsenal", None, None),
            ("Dean Huiberts", "Almere City", None, None),
        ],
    )
    ((name, relation, bits, confidence, reason, evidence),) = scores(con, "T. Alexander-Arnold")
    assert (name, relation, bits, reason, evidence) == (
        "Trent Alexander-Arnold", "variant", 12, "same initial and surname", "same club (Liverpool)"
    )  # fmt: skip
    assert confidence == round(2**12 / (2**6 + 2**12), 3)
    # two Gabriels at Arsenal: each a mononym at the same club, the confidence shared between them
    gabriels = scores(con, "Gabriel")
    assert [g[1] for g in gabriels] == ["mononym", "mononym"]
    assert gabriels[0][3] == gabriels[1][3] < 0.5
    # a near miss: the same given name, another surname, another club
    ((_, relation, bits, confidence, reason, _),) = scores(con, "Dean Huijsen")
    assert (relation, reason) == ("one name", "one name in common, the others differ") and confidence < 0.01
    links = con.execute("SELECT written, canonical FROM stg_identity_links WHERE kind = 'player'").fetchall()
    assert links == [("T. Alexander-Arnold", "Trent Alexander-Arnold")]


def test_a_different_date_of_birth_outweighs_a_matching_name():
    con = build([("J. Silva", "Benfica", "X")], [("João Silva", "Benfica", "2001-01-01", None)])
    con.execute(
        "CREATE OR REPLACE TEMP TABLE id_written_facts AS SELECT 'j. silva' AS key, DATE '1990-05-05' AS born, "
        "NULL::VARCHAR AS position_group"
    )
    for statement in sqlfiles.statements("identity/players.sql"):
        wanted = {k: v for k, v in {"max_block": 40, "max_candidates": 8}.items() if f"${k}" in statement}
        con.execute(statement, wanted or None)
    ((_, _, bits, _, _, evidence),) = scores(con, "J. Silva")
    assert evidence == "same club (Benfica); another date of birth" and bits == 7 + 5 - 10


def test_clubs_abbreviated_or_with_affixes_meet_their_known_club():
    con = build(
        [("Marcus Rashford", "Man Utd", "Newcastle"), ("Bruno Guimarães", "Newcastle", "Spurs")],
        [("Marcus Rashford", "Manchester United", None, None), ("Bruno Guimarães", "Newcastle United", None, None)],
    )
    rows = dict(
        con.execute(
            "SELECT w_name, (t_name, relation, round(confidence, 2)) FROM id_club_scores "
            "QUALIFY row_number() OVER (PARTITION BY w_key ORDER BY confidence DESC) = 1"
        ).fetchall()
    )
    assert rows["Man Utd"][:2] == ("Manchester United", "abbreviated") and rows["Man Utd"][2] >= 0.95
    assert rows["Newcastle"][:2] == ("Newcastle United", "contained") and rows["Newcastle"][2] >= 0.95


def test_settings_are_checked_and_the_threshold_overridable(tmp_path):
    assert load(config.REFERENCE_DIR).auto_link_threshold == 0.95
    assert load(config.REFERENCE_DIR, 0.99).auto_link_threshold == 0.99
    assert load(tmp_path).shipped_fallback  # a folder without identity.yml uses the shipped one
    (tmp_path / "identity.yml").write_text("auto_link_treshold: 0.9\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"unknown setting 'auto_link_treshold'"):
        load(tmp_path)
    (tmp_path / "identity.yml").write_text("max_block_size: 1\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"max_block_size 1 is not a number from 2 to 100000"):
        load(tmp_path)
    (tmp_path / "identity.yml").write_text("max_candidates: 0\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"max_candidates 0 is not a number from 1 to 1000"):
        load(tmp_path)
    (tmp_path / "identity.yml").write_text("max_candidates: 3\n", encoding="utf-8")
    assert load(tmp_path).max_candidates == 3
    with pytest.raises(IngestError, match=r"--link-threshold 3 is not a number from 0 to 2"):
        load(config.REFERENCE_DIR, 3.0)


@pytest.mark.parametrize("module", ["analysis.identity.settings", "analysis.identity.matching"])
def test_identity_modules_import_on_their_own(module):
    """In a fresh interpreter, first thing (a notebook's `from analysis.identity import settings`):
    the build imports the identity step, which imports these, so they must not import the build."""
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr.strip().splitlines()[-1:]


def test_a_contract_name_at_another_players_club_is_asked_who_fits_there():
    """'Pedro' (Lazio's contract name) named at Tottenham: Pedro Porro is the one candidate with a
    contract there, scored with that club as the club evidence (a mononym, 4 bits, + the same club, 5)
    against the others at another club (4 - 2 each) and "none of them" (2^6): 2^9 / (2^6 + 2^9 + 2 *
    2^2). At Chelsea two fit alike (Pedro Neto, João Pedro: under 0.5 each), so nothing is decided;
    'Bruno Fernandes' at Southampton shares only a surname with Mateus Fernandes (one name in common
    counts against), so Mateus is no fit. The asked name is never linked as a name."""
    con = build(
        [
            ("Pedro", "Tottenham Hotspur", "X"),
            ("Pedro", "Chelsea FC", "X"),
            ("Pedro", "SS Lazio", "X"),
            ("Bruno Fernandes", "Southampton FC", "X"),
        ],
        [
            ("Pedro", "SS Lazio", None, None),
            ("Pedro Porro", "Tottenham Hotspur", None, None),
            ("Pedro Neto", "Chelsea FC", None, None),
            ("João Pedro", "Chelsea FC", None, None),
            ("Bruno Fernandes", "Manchester United", None, None),
            ("Mateus Fernandes", "Southampton FC", None, None),
        ],
    )
    asked = con.execute("SELECT written, written_club FROM id_homonym_questions ORDER BY ALL").fetchall()
    assert asked == [("Bruno Fernandes", "Southampton FC"), ("Pedro", "Chelsea FC"), ("Pedro", "Tottenham Hotspur")]
    decided = con.execute("SELECT w_key, club_key, canonical, round(fit, 4) FROM id_homonym_decisions").fetchall()
    assert decided == [("pedro", "tottenham hotspur", "Pedro Porro", round(2**9 / (2**6 + 2**9 + 2 * 2**2), 4))]
    assert con.execute("SELECT line_number, player FROM stg_rumour_player_overrides").fetchall() == [(2, "Pedro Porro")]
    assert con.execute("SELECT count(*) FROM stg_identity_links WHERE kind = 'player'").fetchone() == (0,)
