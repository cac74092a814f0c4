"""The build as a graph of models: each makes one table (or, for a few Python steps, a set of
them) from the ones it names in `after`. The order comes from these dependencies alone (checked for
cycles and unknown names), so renaming or adding a .sql file can never reorder the build.

The layers: reference files -> landing (raw files as text, every record with its line) -> identity
-> staged tables (stg_*: values parsed, names canonical, a verdict per row) -> published tables and
counts, plain SQL over the staged ones. Data tests (datatests.py) then check the result before the
new warehouse replaces the old one.

To add a model: write sql/<layer>/<table>.sql creating one table and add a line below naming what
it reads. Temp tables (landing_*: a view over each file's own table; stg_*, club_evidence) last only
while ingest runs; the rest is the warehouse.
"""

from __future__ import annotations

import fnmatch
import graphlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np

from analysis import __version__, facts, sqlfiles
from analysis.errors import IngestError, UserError
from analysis.ingest import identity_step
from analysis.ingest.kinds import CONTRACTS, KINDS, Kind
from analysis.ingest.landing import FileOutcome, land
from analysis.ingest.planning import FilePlan, discover, plan_file, stray_files
from analysis.ingest.reference import References, load_references
from analysis.progress import Progress


@dataclass
class Build:
    """What one build's Python steps share."""

    con: duckdb.DuckDBPyConnection
    raw_dir: Path
    reference_dir: Path
    workdir: Path
    progress: Progress
    force_exact: bool = False
    snapshot_dates: dict[str, str] = field(default_factory=dict)  # file pattern -> YYYY-MM-DD
    link_threshold: float | None = None  # identity: overrides identity.yml's auto_link_threshold
    references: References | None = None
    plans: list[FilePlan] = field(default_factory=list)
    outcomes: list[FileOutcome] = field(default_factory=list)
    strays: list[Path] = field(default_factory=list)  # CSVs under raw_dir that are not read (planning.stray_files)


@dataclass(frozen=True)
class Model:
    name: str
    after: tuple[str, ...] = ()
    sql: str | None = None  # a file under sql/ creating the table `name`
    run: Callable[[Build], None] | None = None  # or a Python step
    what: str = ""  # what progress says while it runs


# ---------------------------------------------------------------------------------------------
# Python steps


def _references(build: Build) -> None:
    build.references = load_references(build.con, build.reference_dir)


def _landing(build: Build) -> None:
    assert build.references is not None  # after references
    # rows need no order in any table from here on (line_number says where each came from); landing
    # keeps file order only while DuckDB parses a file
    build.con.execute("SET preserve_insertion_order = false")
    discovered = discover(build.raw_dir)
    build.strays = stray_files(build.raw_dir, discovered)
    snapshots = snapshot_dates(build.snapshot_dates, discovered, build.raw_dir)
    build.plans = [
        plan_file(i, kind, path, build.raw_dir, build.references.profile_dirs, snapshots.get(path))
        for i, (kind, path) in enumerate(discovered, 1)
    ]
    build.outcomes = land(build.con, build.plans, build.workdir, build.progress, build.force_exact)


def snapshot_dates(patterns: dict[str, str], files: list[tuple[Kind, Path]], raw_dir: Path) -> dict[Path, str]:
    """Which contract file has which snapshot date (`ingest --snapshot-date FILE=DATE`): FILE is a
    path under --raw or a file name, shell wildcards allowed; the last pattern a file matches wins.
    A pattern matching no contract file is an error, so a typo never passes unnoticed."""
    chosen: dict[Path, str] = {}
    for pattern, day in patterns.items():
        matched = [
            (kind, path)
            for kind, path in files
            if fnmatch.fnmatch(path.relative_to(raw_dir).as_posix(), pattern) or fnmatch.fnmatch(path.name, pattern)
        ]
        contracts = [path for kind, path in matched if kind is CONTRACTS]
        if not contracts:
            others = f" (only contract files have one; it matches {matched[0][1].name})" if matched else ""
            raise IngestError(
                f"--snapshot-date {pattern}={day}: no contract file under {raw_dir} matches '{pattern}'{others}"
            )
        chosen.update(dict.fromkeys(contracts, day))
    return chosen


def _identity(build: Build) -> None:
    assert build.references is not None
    identity_step.run(build.con, build.references, build.link_threshold)


def _rejected_rows(build: Build) -> None:
    """Records that could not be split into fields, and staged rows with a reject_reason, each
    with its text exactly as in the file (found again by byte offset, so only these are read)."""
    con = build.con
    con.execute(
        "CREATE TABLE rejected_rows AS SELECT f.source_file, r.line_number, r.reason, r.raw "
        "FROM landing_rejects AS r JOIN ingest_file_list AS f USING (file_id)"
    )
    by_id = {o.plan.file_id: o for o in build.outcomes}
    for kind in KINDS:
        bad = con.execute(
            f"SELECT file_id, line_number, reject_reason FROM stg_{kind.name} WHERE reject_reason IS NOT NULL "
            "ORDER BY file_id, line_number"
        ).fetchall()
        if not bad:
            continue
        file_ids = np.array([b[0] for b in bad])
        rows = []
        for file_id in np.unique(file_ids).tolist():
            outcome = by_id[file_id]
            mine = [b for b in bad if b[0] == file_id]
            assert outcome.raw is not None  # every landed file keeps where its records are
            raws = outcome.raw.lines([b[1] for b in mine])
            rows += [(outcome.plan.source_file, line, reason, raw) for (_, line, reason), raw in zip(mine, raws)]
        con.executemany("INSERT INTO rejected_rows VALUES (?, ?, ?, ?)", rows)
    # in file order, as a user reads them; a table cannot be re-sorted in place, so rebuild it
    con.execute(
        "CREATE OR REPLACE TABLE rejected_rows AS SELECT r.* FROM rejected_rows AS r "
        "JOIN ingest_file_list AS f USING (source_file) ORDER BY f.file_id, r.line_number"
    )


def _intensity_settings(build: Build) -> None:
    """The unknown-outlet tier reports will weigh an outlet missing from outlets.csv at, for the
    ingest warning that names such an outlet. Reports read intensity.yml when they run (from
    data/reference, whatever --reference ingest was given), so the warning says where the tier
    comes from; an unreadable file leaves the tier unsaid here and fails the report that needs it."""
    try:
        tier: int | None = int(facts.intensity_defaults()["unknown_outlet_tier"])
    except UserError:
        tier = None
    build.con.execute(
        "CREATE TEMP TABLE stg_intensity_settings AS SELECT $tier::INTEGER AS unknown_outlet_tier", {"tier": tier}
    )


def _warehouse_info(build: Build) -> None:
    build.con.execute(
        "CREATE TABLE warehouse_info AS SELECT now() AS built_at, $raw AS raw_dir, $ref AS reference_dir, "
        "$version AS version",
        {"raw": str(build.raw_dir), "ref": str(build.reference_dir), "version": __version__},
    )


# ---------------------------------------------------------------------------------------------
# The models. Order here does not matter (only `after` does); it only breaks ties.

STAGED = ("stg_rumours", "stg_contracts", "stg_transfers")

MODELS: tuple[Model, ...] = (
    Model("macros", sql="staging/macros.sql", what="parsing rules"),
    Model("references", ("macros",), run=_references, what="reading reference files"),
    Model("landing", ("references",), run=_landing, what="reading raw files"),
    # name matching (identity_step.py): links written names to known players and clubs, after landing
    # and before staging makes names canonical
    Model("identity", ("landing", "references"), run=_identity, what="identity: linking names"),
    Model("stg_names", ("landing", "references", "identity"), sql="staging/stg_names.sql"),
    Model("stg_stages", ("landing", "references"), sql="staging/stg_stages.sql"),
    Model("stg_fx_ranges", ("references",), sql="staging/stg_fx_ranges.sql"),
    Model("stg_transfer_windows", ("references",), sql="staging/stg_transfer_windows.sql"),
    Model("stg_rumours", ("stg_names", "stg_stages", "stg_fx_ranges"), sql="staging/stg_rumours.sql"),
    Model("stg_contracts", ("stg_names", "stg_fx_ranges", "stg_transfer_windows"), sql="staging/stg_contracts.sql"),
    Model("stg_transfers", ("stg_names", "stg_fx_ranges", "stg_transfer_windows"), sql="staging/stg_transfers.sql"),
    Model("rumours", ("stg_rumours",), sql="warehouse/rumours.sql"),
    Model("contracts", ("stg_contracts",), sql="warehouse/contracts.sql"),
    Model("contract_club_changes", ("contracts", "identity"), sql="warehouse/contract_club_changes.sql"),
    Model("transfers", ("stg_transfers", "contract_club_changes"), sql="warehouse/transfers.sql"),
    Model("transfer_windows", ("rumours", "contracts", "transfers"), sql="warehouse/transfer_windows.sql"),
    Model("rejected_rows", STAGED, run=_rejected_rows, what="listing rejected rows"),
    Model("contract_conflicts", ("contracts",), sql="warehouse/contract_conflicts.sql"),
    Model("intensity_settings", run=_intensity_settings),
    Model(
        "ingest_warnings",
        (*STAGED, "rumours", "contract_conflicts", "contract_club_changes", "identity", "intensity_settings"),
        sql="warehouse/ingest_warnings.sql",
    ),
    Model("ingest_files", (*STAGED, "rejected_rows"), sql="warehouse/ingest_files.sql"),
    Model(
        "unmatched_players", ("rumours", "contracts", "transfers", "identity"), sql="warehouse/unmatched_players.sql"
    ),
    Model("unmatched_clubs", ("rumours", "contracts", "transfers", "identity"), sql="warehouse/unmatched_clubs.sql"),
    Model("identity_links", ("rumours", "transfers", "identity"), sql="warehouse/identity_links.sql"),
    # a player's club on a date, from all evidence, the latest first (SPEC 3), and where it disagrees
    Model("club_evidence", ("rumours", "contracts", "transfers"), sql="warehouse/club_evidence.sql"),
    Model("player_clubs", ("club_evidence",), sql="warehouse/player_clubs.sql", what="players' clubs over time"),
    Model("club_disagreements", ("club_evidence", "player_clubs"), sql="warehouse/club_disagreements.sql"),
    Model("warehouse_info", ("landing",), run=_warehouse_info),
)


def order(models: tuple[Model, ...] = MODELS) -> list[Model]:
    """The models, each after everything it reads; ties in the order they are listed."""
    by_name = {m.name: m for m in models}
    if len(by_name) != len(models):
        raise ValueError("two models share a name")
    unknown = sorted({d for m in models for d in m.after if d not in by_name})
    if unknown:
        raise ValueError(f"models read unknown models: {', '.join(unknown)}")
    position = {m.name: i for i, m in enumerate(models)}
    sorter = graphlib.TopologicalSorter({m.name: m.after for m in models})
    try:
        sorter.prepare()
    except graphlib.CycleError as exc:
        raise ValueError(f"the build graph has a cycle: {' -> '.join(exc.args[1])}") from None
    ordered = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=position.__getitem__)
        ordered += [by_name[name] for name in ready]
        sorter.done(*ready)
    return ordered


def run(build: Build, models: tuple[Model, ...] | None = None) -> None:
    for model in order(models or MODELS):
        build.progress.step("warehouse", model.what or model.name)
        if model.run is not None:
            model.run(build)
        elif model.sql is not None:
            sqlfiles.run_file(build.con, model.sql)
