"""Warehouses built for the forecast's tests (SPEC 10).

`outcome_warehouse`: a handful of stories, each built to land in one corner of the outcome rules
(a move inside the horizon, one after it, one known only when its window closed, a judged outcome
that overrides, a relay, a renewal talk), with the days each one changes state.

`synthetic_league`: a generated league with known truth (analysis.synth_truth): outlets' true hit
rates and stage effects, its outlets listed in its own outlets.csv with the tiers synth drew.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from analysis import config, synth
from analysis.ingest import ingest
from analysis.progress import Progress
from tests.conftest import RawFolder

RUMOUR_COLUMNS = ["reported_on", "player", "player_club", "interested_club", "source", "via", "stage", "outcome"]
STORIES = [
    # Ann: a move to Beta on 15 July 2025, inside the horizon of a 10 January story (winter 2025 and
    # summer 2025: closes 1 September); relayed once by Web Relay, credited to Daily Post
    ("2025-01-10", "Ann Able", "Alpha FC", "Beta United", "Daily Post", "", "interest", ""),
    ("2025-01-10", "Ann Able", "Alpha FC", "Beta United", "Daily Post", "Web Relay", "interest", ""),
    # Bob: no move at all
    ("2025-01-12", "Bob Bolt", "Alpha FC", "Gamma CF", "Web Relay", "", "interest", ""),
    # Cid: moves to Beta, but on 1 October 2025, after the horizon closed
    ("2025-01-15", "Cid Cole", "Alpha FC", "Beta United", "Daily Post", "", "bid", ""),
    # Dan: his own club talking to him: a renewal talk, no outcome
    ("2025-01-20", "Dan Dale", "Alpha FC", "Alpha FC", "Daily Post", "", "negotiating", ""),
    # Eve: judged true by a curated dataset, no move on record; horizon summer 2025 + winter 2025-26
    ("2025-02-10", "Eve Ely", "Alpha FC", "Delta SC", "Web Relay", "", "interest", "yes"),
    # Fay: judged false, though she moved to Delta on 1 August 2025 (the judgement wins at the close)
    ("2025-02-10", "Fay Fox", "Alpha FC", "Delta SC", "Daily Post", "", "interest", "0"),
    # Gus: his move is known only by its window (summer 2025), so from that window's close
    ("2025-01-10", "Gus Gray", "Alpha FC", "Beta United", "Daily Post", "", "approach", ""),
    # Hal: a chase ruled out (by Denial Desk) and a completion reported on its day (by Done Deals):
    # neither foretells a move, so neither counts for its outlet's hit rate
    ("2025-02-01", "Hal Hart", "Alpha FC", "Beta United", "Denial Desk", "", "ruled_out", ""),
    ("2025-07-15", "Hal Hart", "Alpha FC", "Beta United", "Done Deals", "", "completed", ""),
]
MOVES = [  # player, from_club, to_club, transfer_date, season, window, fee
    ("Ann Able", "Alpha FC", "Beta United", "2025-07-15", "", "", "€5m"),
    ("Cid Cole", "Alpha FC", "Beta United", "2025-10-01", "", "", "€3m"),
    ("Fay Fox", "Alpha FC", "Delta SC", "2025-08-01", "", "", "€1m"),
    ("Gus Gray", "Alpha FC", "Beta United", "", "2025", "summer", "€2m"),
    ("Hal Hart", "Alpha FC", "Beta United", "2025-07-15", "", "", "€4m"),
]
PLAYERS = ["Ann Able", "Bob Bolt", "Cid Cole", "Dan Dale", "Eve Ely", "Fay Fox", "Gus Gray", "Hal Hart"]


def _csv(header: list[str], rows) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue()


def outcome_warehouse(root: Path) -> Path:
    folder = RawFolder(root / "raw")
    folder.write("rumours/stories.csv", _csv(RUMOUR_COLUMNS, STORIES))
    folder.write(
        "contracts/squad.csv",
        _csv(
            ["player", "club", "contract_expires", "recorded_on"], [(p, "Alpha FC", "2027-06-30", "") for p in PLAYERS]
        ),
    )
    folder.write(
        "transfers/moves.csv",
        _csv(["player", "from_club", "to_club", "transfer_date", "season", "window", "fee"], MOVES),
    )
    reference = root / "reference"
    shutil.copytree(config.REFERENCE_DIR, reference)
    with (reference / "outlets.csv").open("a", encoding="utf-8") as fh:
        fh.write("Daily Post,2,England\nWeb Relay,4,England\n")
    ingest(folder.root, reference, folder.warehouse, progress=Progress.quiet())
    return folder.warehouse


@dataclass
class League:
    raw: Path
    reference: Path
    warehouse: Path
    truth: dict

    @property
    def last_day(self) -> str:
        return str(synth.DEMO_START.replace(year=synth.DEMO_START.year + self.truth["seasons"]))


def synthetic_league(
    root: Path, rumours: int = 20_000, clubs: int = 30, seasons: int = 4, outlets: int = 30, seed: int = 5
) -> League:
    """A generated league and its warehouse, with an outlets.csv listing every outlet at its tier."""
    raw = root / "raw"
    paths = synth.generate(raw, rumours=rumours, seed=seed, clubs=clubs, seasons=seasons, outlets=outlets)
    truth = json.loads(paths["truth"].read_text(encoding="utf-8"))
    reference = root / "reference"
    reference.mkdir(parents=True, exist_ok=True)
    shutil.copy(config.REFERENCE_DIR / "aliases.csv", reference / "aliases.csv")
    (reference / "outlets.csv").write_text(
        _csv(["outlet", "tier", "country"], [(o["outlet"], o["tier"], "Demo") for o in truth["outlets"]]),
        encoding="utf-8",
    )
    warehouse = root / "warehouse.duckdb"
    ingest(raw, reference, warehouse, progress=Progress.quiet())
    return League(raw, reference, warehouse, truth)


def shipped_warehouse(root: Path) -> Path:
    """The shipped data as `make report` ingests it: the article, its outcomes and the demo league."""
    warehouse = root / "warehouse.duckdb"
    ingest(config.RAW_DIR, config.REFERENCE_DIR, warehouse, progress=Progress.quiet())
    return warehouse
