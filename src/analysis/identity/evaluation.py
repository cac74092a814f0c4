"""How good identity is, measured on a labelled set (tests/fixtures/identity/): true variant pairs
(a name as a rumour writes it, the player's contract name) and near misses (a rumoured player with no
contract, and a different player who has one). Both are run through a real ingest, as an analyst's
files would be, and scored:

- top-1 precision: of the names given a best guess (an automatic link, a name equal but for case and
  accents, or the first of `suggestions`), how many guessed the right player (a near miss's guess is
  always wrong: his player has no contract);
- recall: of the true variants, how many were guessed right;
- auto-link precision: of the automatic links, how many are right.

Ambiguous cases (`ambiguous.txt`) are names that fit two players who both have contracts (`Xhaka`:
Granit at Leverkusen, Taulant at Basel). The rumour's club decides who he is when it names the club
of one of them; otherwise nobody may be linked automatically (an analyst must choose). They count in
auto-link precision, and apart (`Scores.ambiguous`): the share of decided cases whose best guess is
the right player, and the undecided ones linked (each must be none). Precision and recall above stay
the variants' and near misses' figures.

The set is split by player into tune/ (what weights are set by looking at) and holdout/ (the
quality test's gate, never read to set weights). Both are ingested together, so each name meets the
same contract players and clubs whichever part it is in; `Scores.only(part)` scores one part. Cases
added later come in batches (a `# batch: NAME` comment line starts one; lines above the first are
batch `original`): `Scores.batch(name)` scores one, in both parts, so cases written after the
weights were set can be read apart from those the weights were set on.

Used by the quality test (tests/integration/test_identity_quality.py) and benchmarks/identity_compare.py.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analysis.identity.folding import fold

SUITOR = "Evaluation Suitors FC"


@dataclass(frozen=True)
class Case:
    written: str
    written_club: str | None
    truth: str | None  # the contract name he is; None for a near miss
    target: str  # the contract name in the set (his own, or the look-alike's)
    target_club: str
    kind: str
    part: str = "tune"
    batch: str = "original"
    other: str | None = None  # an ambiguous case's second player (contract name); target is the first
    other_club: str | None = None

    @property
    def ambiguous(self) -> bool:
        return self.other is not None


@dataclass
class Outcome:
    case: Case
    guess: str | None
    linked: bool
    named: bool = False  # the written name is itself a contract name (folded): his without any link


@dataclass
class Scores:
    outcomes: list[Outcome] = field(default_factory=list)

    def only(self, part: str) -> Scores:
        """The outcomes of one part of the set ('tune' or 'holdout')."""
        return Scores([o for o in self.outcomes if o.case.part == part])

    def batch(self, name: str) -> Scores:
        """The outcomes of one batch of cases (see `batches`), in both parts."""
        return Scores([o for o in self.outcomes if o.case.batch == name])

    def _subset(self, variants: bool | None = None, trivial: bool | None = None) -> list[Outcome]:
        """Variants and near misses (ambiguous cases are scored apart)."""
        chosen = [o for o in self.outcomes if not o.case.ambiguous]
        if variants is not None:
            chosen = [o for o in chosen if (o.case.truth is not None) == variants]
        if trivial is not None:
            chosen = [
                o for o in chosen if (o.case.truth is not None and same_key(o.case.written, o.case.truth)) == trivial
            ]
        return chosen

    @staticmethod
    def _right(o: Outcome) -> bool:
        if o.case.truth is None or o.guess is None:
            return False
        if o.case.ambiguous and o.guess != o.case.truth:  # 'Ederson' / 'Éderson': one folded name, two players
            other = o.case.target if o.case.truth == o.case.other else o.case.other
            return same_key(o.guess, o.case.truth) and not same_key(o.guess, other or "")
        return same_key(o.guess, o.case.truth)

    def precision(self, trivial: bool | None = None) -> float:
        guessed = [o for o in self._subset(trivial=trivial) if o.guess is not None]
        return sum(self._right(o) for o in guessed) / max(len(guessed), 1)

    def recall(self, trivial: bool | None = None) -> float:
        variants = self._subset(variants=True, trivial=trivial)
        return sum(self._right(o) for o in variants) / max(len(variants), 1)

    def auto_link_precision(self) -> float:
        """Of every automatic link (ambiguous cases' too), the share naming the right player."""
        links = [o for o in self.outcomes if o.linked]
        return sum(self._right(o) for o in links) / max(len(links), 1)

    def wrong_links(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.linked and not self._right(o)]

    def _ambiguous_cases(self, decided: bool | None = None) -> list[Outcome]:
        """The ambiguous cases' outcomes; decided: those the rumour's club decides (True), or those
        nobody may be linked in (False, `none`)."""
        chosen = [o for o in self.outcomes if o.case.ambiguous]
        return chosen if decided is None else [o for o in chosen if (o.case.truth is not None) == decided]

    def ambiguous(self) -> Scores:
        """The ambiguous cases' outcomes."""
        return Scores(self._ambiguous_cases())

    def unambiguous(self) -> Scores:
        """The variants' and near misses' outcomes."""
        return Scores(self._subset())

    def ambiguous_counts(self) -> tuple[int, int]:
        """(ambiguous cases the rumour's club decides, cases nobody may be linked in)."""
        return len(self._ambiguous_cases(decided=True)), len(self._ambiguous_cases(decided=False))

    def ambiguous_top1(self) -> float:
        """Of the ambiguous cases the club decides, the share whose best guess is the right player."""
        decided = self._ambiguous_cases(decided=True)
        return sum(self._right(o) for o in decided) / max(len(decided), 1)

    def ambiguous_wrong(self) -> list[Outcome]:
        """Ambiguous cases the club decides whose best guess is not the right player (or missing)."""
        return [o for o in self._ambiguous_cases(decided=True) if not self._right(o)]

    def undecided_linked(self) -> list[Outcome]:
        """Ambiguous cases nobody may be linked in (`none`) that were linked automatically."""
        return [o for o in self._ambiguous_cases(decided=False) if o.linked]

    def undecided_named(self) -> list[Outcome]:
        """`none` cases whose written name is itself one of the two contract names: the rumour is that
        player's without any link (no `identity_links` line shows it)."""
        return [o for o in self._ambiguous_cases(decided=False) if o.named]

    def counts(self) -> tuple[int, int]:
        """(variant pairs, near misses)."""
        return len(self._subset(variants=True)), len(self._subset(variants=False))

    @property
    def links(self) -> int:
        return sum(o.linked for o in self.outcomes)

    def slices(self, batch_names: list[str]) -> list[tuple[str, Scores]]:
        """The ways the figures are read: the whole set, each part, and each batch (both parts, then
        each part alone) when there is more than one."""
        chosen = [("all", self), *((part, self.only(part)) for part in PARTS)]
        if len(batch_names) > 1:
            for name in batch_names:
                chosen.append((f"batch {name}", self.batch(name)))
                chosen += [(f"batch {name}, {part}", self.batch(name).only(part)) for part in PARTS]
        return chosen

    def mistakes(self) -> list[Outcome]:
        """Variants and near misses given a wrong best guess (ambiguous cases: `ambiguous_wrong`)."""
        return [o for o in self._subset() if o.guess is not None and not self._right(o)]

    def misses(self) -> list[Outcome]:
        return [o for o in self._subset(variants=True) if not self._right(o)]

    def summary(self) -> str:
        variants, near = self.counts()
        hard = len(self._subset(variants=True, trivial=False))
        decided, undecided = self.ambiguous_counts()
        said = []
        if variants or near:
            said.append(
                f"{variants} variant pairs ({hard} differing beyond case and accents), {near} near misses: "
                f"top-1 precision {self.precision():.1%}, recall {self.recall():.1%} "
                f"(beyond case and accents: precision {self.precision(trivial=False):.1%}, "
                f"recall {self.recall(trivial=False):.1%})"
            )
        if decided or undecided:
            ambiguous = self.ambiguous()
            said.append(
                f"{decided + undecided} ambiguous ({decided} the club decides, {undecided} none): "
                f"top-1 right {self.ambiguous_top1():.1%}, {ambiguous.links} linked "
                f"({ambiguous.auto_link_precision():.1%} right), {len(self.undecided_linked())} of the none "
                f"linked, {len(self.undecided_named())} of them a contract's name as written"
            )
        return "; ".join(said) + f"; {self.links} automatic links, {self.auto_link_precision():.1%} right"


def same_key(a: str, b: str) -> bool:
    return fold(a) == fold(b)


PARTS = ("tune", "holdout")
ORIGINAL = "original"  # the batch of the lines above a file's first `# batch:` line
BATCH_MARK = "# batch:"
AMBIGUOUS = "ambiguous.txt"  # optional in a part: a set without it has no ambiguous cases
EXPECTED = ("A", "B", "none")


def _rows(path: Path) -> list[tuple[str, list[str]]]:
    """(batch, fields) per case line; a `# batch: NAME` comment starts batch NAME."""
    return [(batch, fields) for _, batch, fields in _numbered_rows(path)]


def _numbered_rows(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line number, batch, fields) per case line."""
    rows, batch = [], ORIGINAL
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(BATCH_MARK):
            words = line[len(BATCH_MARK) :].split()
            if not words:
                raise ValueError(f"{path}, line {number}: '{BATCH_MARK}' names no batch")
            batch = words[0]
        elif line.strip() and not line.startswith("#"):
            rows.append((number, batch, line.split("|")))
    return rows


def batches(folder: Path) -> list[str]:
    """The batches of the set, in the order they first appear (tune's variants first)."""
    found: dict[str, None] = {}
    for part in PARTS:
        for name in ("variants.txt", "near_misses.txt", AMBIGUOUS):
            if name != AMBIGUOUS or (folder / part / name).exists():
                found.update(dict.fromkeys(batch for batch, _ in _rows(folder / part / name)))
    return list(found)


def _parts(part: str | None) -> tuple[str, ...]:
    """The parts to read: `part`, or both (tune first)."""
    if part is not None and part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    return PARTS if part is None else (part,)


def load_cases(folder: Path, part: str | None = None) -> tuple[list[Case], list[Case]]:
    """(variants, near misses) of one part of the set, or of both (tune first); one case per
    distinct written name."""
    variants: list[Case] = []
    near: list[Case] = []
    seen_variants, seen_near = set(), set()
    for name in PARTS:
        for batch, (written, truth, club, kind, said) in _rows(folder / name / "variants.txt"):
            if fold(written) not in seen_variants:
                seen_variants.add(fold(written))
                said_club = club if said == "=" else (said or None)
                variants.append(Case(written, said_club, truth, truth, club, kind, name, batch))
        for batch, (written, target, club, said, kind) in _rows(folder / name / "near_misses.txt"):
            if fold(written) not in seen_near:
                seen_near.add(fold(written))
                near.append(Case(written, said or None, None, target, club, kind, name, batch))
    wanted = _parts(part)  # both parts are read all the same: a name is one case, in its first part
    return [c for c in variants if c.part in wanted], [c for c in near if c.part in wanted]


def load_ambiguous(folder: Path, part: str | None = None) -> list[Case]:
    """The ambiguous cases of one part, or of both (tune first); one case a line (one written name
    may come with several clubs). Their target is player A, `other` player B."""
    cases = []
    for name in _parts(part):
        path = folder / name / AMBIGUOUS
        if not path.exists():
            continue
        for number, batch, fields in _numbered_rows(path):
            if len(fields) != 7 or fields[6].strip() not in EXPECTED:
                raise ValueError(
                    f"{path}, line {number}: not 'written | contract A | club A | contract B | club B | "
                    f"club the rumour names | A, B or none' ({len(fields)} fields, last {fields[-1].strip()!r})"
                )
            written, a, a_club, b, b_club, said, expected = (f.strip() for f in fields)
            truth = {"A": a, "B": b}.get(expected)
            cases.append(Case(written, said or None, truth, a, a_club, "ambiguous", name, batch, b, b_club))
    return cases


def rounds(cases: list[Case]) -> list[list[Case]]:
    """Ambiguous cases grouped into ingests in which they cannot meet: no two cases of a round share
    a word, or a word's first four letters, among their written name and both players' (one written
    name is one identity per ingest whatever clubs it comes with, and a third player who fits would
    change the question). First fit, in the given order."""

    def words(c: Case) -> set[str]:
        found = set()
        for name in (c.written, c.target, c.other or ""):
            for word in fold(name).split():
                found |= {word, word[:4]}
        return found

    grouped: list[tuple[set[str], list[Case]]] = []
    for case in cases:
        mine = words(case)
        for taken, members in grouped:
            if not taken & mine:
                taken |= mine
                members.append(case)
                break
        else:
            grouped.append((mine, [case]))
    return [members for _, members in grouped]


def _write(folder: Path, cases: list[Case], roster: list[tuple[str, str]]) -> None:
    for sub in ("rumours", "contracts"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    with (folder / "contracts" / "roster.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["player", "club", "contract_expires"])
        out.writerows([name, club, "2027-06-30"] for name, club in roster)
    with (folder / "rumours" / "rumours.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["reported_on", "player", "player_club", "interested_club", "source"])
        out.writerows(["2025-01-20", c.written, c.written_club or "", SUITOR, "Evaluation"] for c in cases)


def roster(cases: list[Case], distractors: list[Case]) -> list[tuple[str, str]]:
    roster: dict[str, tuple[str, str]] = {}
    for c in [*cases, *distractors]:
        roster.setdefault(fold(c.target), (c.target, c.target_club))
    return list(roster.values())


def ambiguous_roster(cases: list[Case]) -> list[tuple[str, str]]:
    """Both players of every case, as written (two players whose names fold alike stay two lines)."""
    both = [(c.target, c.target_club) for c in cases] + [(c.other or "", c.other_club or "") for c in cases]
    return list(dict.fromkeys(both))


def _guesses(warehouse: Path, cases: list[Case]) -> list[Outcome]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        stored = dict(con.execute("SELECT line_number, player FROM rumours").fetchall())
        contracted = {fold(r[0]) for r in con.execute("SELECT DISTINCT player FROM contracts").fetchall()}
        linked = {
            fold(r[0]) for r in con.execute("SELECT written FROM identity_links WHERE kind = 'player'").fetchall()
        }
        suggested = {
            fold(player): list(suggestions)
            for player, suggestions in con.execute("SELECT player, suggestions FROM unmatched_players").fetchall()
        }
    outcomes = []
    for line, case in enumerate(cases, 2):
        player = stored[line]
        if fold(player) in contracted:
            is_linked = fold(case.written) in linked
            outcomes.append(Outcome(case, player, is_linked, named=not is_linked and fold(case.written) in contracted))
        else:
            first = (suggested.get(fold(player)) or [None])[0]
            outcomes.append(Outcome(case, first, False))
    return outcomes


Ingest = Callable[[Path, Path], None]  # (raw folder, warehouse) -> builds it


def evaluate(folder: Path, ingest: Ingest) -> Scores:
    """Runs the labelled set (variants, near misses, ambiguous names; each with both parts, tune and
    holdout) through `ingest` in a temporary folder."""
    variants, near = load_cases(folder)
    ambiguous = load_ambiguous(folder)
    scores = Scores()
    with tempfile.TemporaryDirectory(prefix="identity-eval-") as tmp:
        # variants among every player of the set (the near misses' players are distractors)
        raw = Path(tmp) / "variants"
        _write(raw, variants, roster(variants, near))
        ingest(raw, Path(tmp) / "variants.duckdb")
        scores.outcomes += _guesses(Path(tmp) / "variants.duckdb", variants)
        # near misses among their look-alikes: the rumoured player himself has no contract
        raw = Path(tmp) / "near"
        rumoured = {fold(c.written) for c in near}  # a look-alike who is himself rumoured here has no contract
        _write(raw, near, [(name, club) for name, club in roster(near, []) if fold(name) not in rumoured])
        ingest(raw, Path(tmp) / "near.duckdb")
        scores.outcomes += _guesses(Path(tmp) / "near.duckdb", near)
        # ambiguous names: both players have contracts; cases that could meet go to different ingests
        for number, group in enumerate(rounds(ambiguous), 1):
            raw = Path(tmp) / f"ambiguous-{number}"
            _write(raw, group, ambiguous_roster(group))
            ingest(raw, Path(tmp) / f"ambiguous-{number}.duckdb")
            scores.outcomes += _guesses(Path(tmp) / f"ambiguous-{number}.duckdb", group)
    return scores
