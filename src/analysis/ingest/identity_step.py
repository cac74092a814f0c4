"""The identity step of the build (the identity track fills it): after landing, before names are
made canonical.

In: the build's connection, where landing_rumours, landing_contracts and landing_transfers hold
every name as written, and the ref_* tables (ref_aliases, ref_clubs, ...) exist; and the reference
files in use (`references.folder` for any settings file of its own).

Out: the temp table stg_identity_links(kind, written, canonical, confidence, evidence): names to
map as an alias would (kind player, club or outlet). Staging applies them after aliases.csv (an
alias line always wins) and before its own rules (reference names, then spelling by case and
accents). The step may leave any other temp tables (id_*) for the identity models it adds to the
build graph (graph.py) to publish, e.g. unmatched_players, unmatched_clubs, identity_links.

Until it is filled it links nothing.
"""

from __future__ import annotations

import duckdb

from analysis.ingest.reference import References


def run(con: duckdb.DuckDBPyConnection, references: References) -> None:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE stg_identity_links "
        "(kind VARCHAR, written VARCHAR, canonical VARCHAR, confidence DOUBLE, evidence VARCHAR)"
    )
