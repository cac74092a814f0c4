"""Build the warehouse from raw rumour, contract and transfer CSVs and the reference files, losing
nothing.

Every input record ends up in exactly one place: its published table (accepted), `rejected_rows`
(with the physical line and the reason), or the `duplicates` count of its file. The build runs the
models of graph.py into a new file; the data tests (datatests.py) check it; only then does it
replace the old warehouse (see `warehouse.build_atomically`), so a bad file, a failed test, a crash
or a kill leaves the previous warehouse exactly as it was.

One module per concern: planning (what each file is), landing (reading it), reference (the
reference files), graph (the models and their order), identity_step (linking written names to known
players and clubs), datatests (the checks before the swap).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from analysis import config
from analysis.ingest import graph
from analysis.ingest.datatests import run_data_tests
from analysis.ingest.landing import FileOutcome
from analysis.ingest.planning import stray_note
from analysis.ingest.reference import References
from analysis.progress import Progress
from analysis.warehouse import build_atomically
from analysis.wording import noun, plural

# What the summary counts, when the build has the table: (table, rows counted or None for all,
# one, many, what to read there). A table the connection lacks is left out of the count (the summary
# reads only what the build made): unmatched_* come from name matching, club_disagreements from
# comparing the clubs sources name.
COUNTED: tuple[tuple[str, str | None, str, str, str], ...] = (
    ("rejected_rows", None, "row rejected", "rows rejected", "source_file, line_number, reason, raw"),
    ("ingest_warnings", None, "warning", "warnings", "source_file, line_number, message"),
    (
        "contract_conflicts",
        None,
        "contract record superseded by a conflicting one of the same player and day",
        "contract records superseded by conflicting ones of the same player and day",
        "the line kept and why; each is also a warning",
    ),
    (
        "unmatched_players",
        # every name but those only transfers carry that look like no contract's player
        "seen_in <> 'transfers' OR len(suggestions) > 0",
        "unmatched player name",
        "unmatched player names",
        "suggestions and a ready aliases.csv line",
    ),
    (
        "unmatched_players",
        "seen_in = 'transfers' AND len(suggestions) = 0",
        "player name only in transfers matches no contract and looks like none",
        "player names only in transfers match no contract and look like none",
        "listed last, seen_in 'transfers': players your contracts do not cover",
    ),
    ("unmatched_clubs", None, "unmatched club name", "unmatched club names", "suggestions"),
    ("club_disagreements", None, "club disagreement", "club disagreements", "which sources name which club"),
    (
        "identity_links",
        "decision = 'linked where the rumour names his club'",
        "contract name read as another player where the rumour names his club",
        "contract names read as other players where the rumours name their clubs",
        "decision 'linked where the rumour names his club': the club that decided and the rows that changed",
    ),
)


@dataclass
class IngestSummary:
    warehouse: Path
    files: list[FileOutcome]
    references: References
    seconds: float
    # (table, rows counted) -> rows, for COUNTED tables the build has
    counts: dict[tuple[str, str | None], int] = field(default_factory=dict)
    raw_dir: Path | None = None
    strays: list[Path] = field(default_factory=list)  # CSVs under raw_dir not read (planning.stray_files)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.files)

    def count_notes(self) -> list[str]:
        """One line per counted table with rows: how many, and the table to read."""
        return [
            f"{plural(self.counts[table, where], one, many)}: see table {table} ({what})"
            for table, where, one, many, what in COUNTED
            if self.counts.get((table, where))
        ]

    def transfer_notes(self) -> list[str]:
        mirrored = sum(f.mirrored for f in self.files)
        if not mirrored:
            return []
        return [
            f"transfers: {plural(mirrored, 'listing')} of a move already stored (the other "
            "club's side, or another file) counted under duplicates; see ingest_files.mirrored"
        ]

    def stray_notes(self) -> list[str]:
        """Files a user may think were read: a day's export saved one folder too deep, say."""
        if not self.strays or self.raw_dir is None:
            return []
        return [stray_note(self.raw_dir, self.strays)]

    def reference_notes(self) -> list[str]:
        """What the summary says about the reference files: repeats used once, shipped fallbacks."""
        notes = []
        repeated = [u for u in self.references.used if u.repeated]
        if repeated:
            total = sum(u.repeated for u in repeated)
            each = ", ".join(f"{u.name} {u.repeated:,}" for u in repeated)
            notes.append(f"reference: {plural(total, 'repeated line')} used once ({each}); see table ingest_reference")
        if self.references.fallbacks:
            notes.append(
                f"reference: {self.references.folder} has no {', '.join(self.references.fallbacks)}: "
                f"used the shipped {noun(len(self.references.fallbacks), 'one')} from {config.REFERENCE_DIR}"
            )
        return notes


def _table_counts(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str | None], int]:
    present = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()}
    counts = {}
    for table, where, *_ in COUNTED:
        if table in present:
            ((counts[table, where],),) = con.execute(
                f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
            ).fetchall()
    return counts


def _count(con: duckdb.DuckDBPyConnection, outcomes: list[FileOutcome]) -> None:
    """The summary's per-file counts, as ingest_files has them."""
    by_file = {o.plan.source_file: o for o in outcomes}
    for source_file, accepted, rejected, duplicates, mirrored in con.execute(
        "SELECT source_file, accepted, rejected, duplicates, mirrored FROM ingest_files"
    ).fetchall():
        outcome = by_file[source_file]
        outcome.accepted, outcome.rejected, outcome.duplicates, outcome.mirrored = (
            accepted,
            rejected,
            duplicates,
            mirrored,
        )


def build(
    con: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    reference_dir: Path,
    progress: Progress,
    workdir: Path,
    *,
    warehouse: Path,
    force_exact: bool = False,
    snapshot_dates: dict[str, str] | None = None,
    link_threshold: float | None = None,
) -> IngestSummary:
    """Fills an empty database from raw + reference and checks it; the summary of what it read
    (`warehouse`: the file the database becomes, for the summary to name). Raises IngestError on
    an unusable file or a failed data test."""
    # The build checkpoints once, when it is complete (build_atomically). DuckDB would also checkpoint
    # on its own after every 16 MB of changes, temp tables included: each time it compacts the
    # million-row landing and staging tables the build is about to drop (seconds on a 1M load).
    con.execute("SET checkpoint_threshold = '1TB'")
    state = graph.Build(
        con,
        raw_dir,
        reference_dir,
        workdir,
        progress,
        force_exact,
        dict(snapshot_dates or {}),
        link_threshold=link_threshold,
    )
    graph.run(state)
    progress.step("warehouse", "data tests")
    run_data_tests(con)
    _count(con, state.outcomes)
    progress.step("warehouse", "writing to disk")
    assert state.references is not None  # the first models read them
    return IngestSummary(
        warehouse=warehouse,
        files=state.outcomes,
        references=state.references,
        seconds=0.0,
        counts=_table_counts(con),
        raw_dir=raw_dir,
        strays=state.strays,
    )


def ingest(
    raw_dir: Path | None = None,
    reference_dir: Path | None = None,
    warehouse: Path | None = None,
    progress: Progress | None = None,
    force_exact: bool = False,
    snapshot_dates: dict[str, str] | None = None,
    link_threshold: float | None = None,
) -> IngestSummary:
    """snapshot_dates: contract file (a path under raw_dir or a file name, wildcards allowed) -> the
    day it was exported, from which its records without recorded_on hold. link_threshold: the
    identity auto-link threshold for this run (default: identity.yml's; above 1 links nothing)."""
    raw_dir = Path(raw_dir or config.RAW_DIR).resolve()
    reference_dir = Path(reference_dir or config.REFERENCE_DIR).resolve()
    warehouse = Path(warehouse or config.warehouse_path()).resolve()
    progress = progress or Progress.for_terminal()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="transfer-radar-ingest-") as workdir, build_atomically(warehouse) as con:
        summary = build(
            con,
            raw_dir,
            reference_dir,
            progress,
            Path(workdir),
            force_exact=force_exact,
            snapshot_dates=snapshot_dates,
            link_threshold=link_threshold,
            warehouse=warehouse,
        )
    return replace(summary, seconds=time.perf_counter() - started)
