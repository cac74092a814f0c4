"""The identity step of the build: after landing, before names are made canonical.

In: the build's connection, where landing_rumours, landing_contracts and landing_transfers hold
every name as written, and the ref_* tables (ref_aliases, ref_clubs, ...) exist; and the reference
folder in use, for its identity.yml (the shipped one when it has none).

Out: the temp table stg_identity_links(kind, written, canonical, confidence, evidence): names to
map as an alias would. Staging applies them after aliases.csv (an alias line always wins) and before
its own rules (reference names, then spelling by case and accents); stg_rumour_club_overrides holds
the reports whose club the export's club id tells apart from its name, stg_rumour_player_overrides
those that write one contract player's name but name the club of another the name fits ('Danilo' at
Paris Saint-Germain: Danilo Pereira). The id_* temp tables are
what the identity models of the build graph publish (identity_links, unmatched_players,
unmatched_clubs). The matching itself is analysis.identity.matching.
"""

from __future__ import annotations

import duckdb

from analysis.identity import matching
from analysis.identity.settings import IdentitySettings, load
from analysis.ingest.reference import References


def run(
    con: duckdb.DuckDBPyConnection, references: References, link_threshold: float | None = None
) -> IdentitySettings:
    settings = load(references.folder, link_threshold)
    matching.run(con, settings)
    return settings
