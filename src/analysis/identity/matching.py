"""Which written names are which player or club: candidates by blocking keys, scored with the
evidence both sources give, linked above a threshold (README, "Names").

Runs inside ingest on the build's connection, on distinct names (never rows): the SQL files of
sql/identity/ in order, with two Python parts, folding non-ASCII names with anyascii and finding
which raw columns carry club ids. What it leaves:

- stg_identity_links(kind, written, canonical, confidence, evidence): the links staging applies
  after aliases.csv (an alias line always wins), with kept-apart clubs in stg_rumour_club_overrides
  and rumours whose club names another player than the contract name they write in
  stg_rumour_player_overrides (homonyms.sql);
- id_homonym_links: those rows' players, as identity_links lists them;
- id_player_scores, id_club_scores, id_club_links, id_club_contexts: what the published tables
  identity_links, unmatched_players and unmatched_clubs are made of.
"""

from __future__ import annotations

import duckdb
import numpy as np

from analysis import sqlfiles
from analysis.identity.folding import fold_many
from analysis.identity.settings import IdentitySettings
from analysis.ingest.kinds import EXTRA_PREFIX

STEPS = ("names", "damaged", "folded", "clubs", "club_links", "players", "homonyms", "links")
# the raw columns a written player's date of birth and position may come in (rumours, transfers)
WRITTEN_FACTS = {"date_of_birth": ("date_of_birth", "dob", "born"), "position": ("position",)}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _fold_non_ascii(con: duckdb.DuckDBPyConnection) -> None:
    names = [r[0] for r in con.execute("SELECT name FROM id_non_ascii").fetchall()]
    folds = {"name": np.array(names, dtype=object), "folded": np.array(fold_many(names), dtype=object)}
    con.register("id_folds_frame", folds)
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE id_folds AS SELECT CAST(name AS VARCHAR) AS name, "
            "CAST(folded AS VARCHAR) AS folded FROM id_folds_frame"
        )
    finally:
        con.unregister("id_folds_frame")


def _club_ids(con: duckdb.DuckDBPyConnection, settings: IdentitySettings) -> None:
    """id_club_ids(role, file_id, line_number, written_key, club_id, player_key): each report naming
    a club with the id an export gives it (a crest URL's number, or a bare id). Ids are read once
    per distinct value and names' keys from id_keys_by_written, never cleaned row by row."""
    present = _columns(con, "landing_rumours")
    parts = []
    for role, headers in settings.club_id_columns.items():
        columns = [_quoted(f"{EXTRA_PREFIX}{h}") for h in headers if f"{EXTRA_PREFIX}{h}" in present]
        if not columns:
            continue
        value = columns[0] if len(columns) == 1 else f"coalesce({', '.join(columns)})"
        parts.append(
            f"SELECT '{role}' AS role, file_id, line_number, {role} AS club, {value} AS club_ref, player "
            f"FROM landing_rumours WHERE {value} IS NOT NULL AND {role} IS NOT NULL"
        )
    reports = " UNION ALL ".join(parts) or (
        "SELECT NULL::VARCHAR AS role, NULL::BIGINT AS file_id, NULL::BIGINT AS line_number, "
        "NULL::VARCHAR AS club, NULL::VARCHAR AS club_ref, NULL::VARCHAR AS player WHERE false"
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE id_club_ids AS
        WITH reports AS ({reports}),
        refs AS (SELECT DISTINCT club_ref FROM reports),
        ids AS (
            SELECT club_ref, nullif(regexp_extract(trim(club_ref), '(\\d+)(\\.[A-Za-z]+)?(\\?.*)?$', 1), '') AS club_id
            FROM refs
        )
        SELECT r.role, r.file_id, r.line_number, club.key AS written_key, ids.club_id, player.key AS player_key
        FROM reports AS r
        JOIN ids USING (club_ref)
        JOIN id_keys_by_written AS club ON club.kind = 'club' AND club.written = r.club
        LEFT JOIN id_keys_by_written AS player ON player.kind = 'player' AND player.written = r.player
        WHERE ids.club_id IS NOT NULL
        """
    )


def _written_facts(con: duckdb.DuckDBPyConnection) -> None:
    """id_written_facts(key, born, position_group) of names in rumours and transfers, from the
    columns a raw file may carry them in (most rumour exports carry neither)."""
    parts = []
    for table in ("landing_rumours", "landing_transfers"):
        present = _columns(con, table)
        found = {
            fact: next((f"{EXTRA_PREFIX}{c}" for c in candidates if f"{EXTRA_PREFIX}{c}" in present), None)
            for fact, candidates in WRITTEN_FACTS.items()
        }
        if not any(found.values()):
            continue
        born = f"CAST(parse_when({_quoted(found['date_of_birth'])}) AS DATE)" if found["date_of_birth"] else "NULL"
        position = f"position_group({_quoted(found['position'])})" if found["position"] else "NULL"
        parts.append(f"SELECT player, {born} AS born, {position} AS position_group FROM {table}")
    select = " UNION ALL ".join(parts) or (
        "SELECT NULL::VARCHAR AS player, NULL::DATE AS born, NULL::VARCHAR AS position_group WHERE false"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE id_written_facts AS SELECT p.canonical_key AS key, "
        "mode(f.born) AS born, mode(f.position_group) AS position_group "
        f"FROM ({select}) AS f "
        "JOIN id_keys_by_written AS w ON w.kind = 'player' AND w.written = f.player "
        "JOIN id_player_keys_by_alias AS p ON p.key = w.key GROUP BY ALL"
    )


def run(con: duckdb.DuckDBPyConnection, settings: IdentitySettings) -> None:
    params = {
        "threshold": settings.auto_link_threshold,
        "floor": settings.suggestion_floor,
        "max_block": settings.max_block_size,
        "max_candidates": settings.max_candidates,
    }
    for step in STEPS:
        if step == "folded":
            _fold_non_ascii(con)
        elif step == "club_links":
            _club_ids(con, settings)
        elif step == "players":
            _written_facts(con)
        _run(con, f"identity/{step}.sql", params)


def _run(con: duckdb.DuckDBPyConnection, relative: str, params: dict) -> None:
    for statement in sqlfiles.statements(relative):
        wanted = {k: v for k, v in params.items() if f"${k}" in statement}
        con.execute(statement, wanted or None)
