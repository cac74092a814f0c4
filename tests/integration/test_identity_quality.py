"""Issue 10 Build 3: identity measured on the labelled set (tests/fixtures/identity/: real players,
variant pairs of real-world kinds and near misses), through real ingests at the shipped settings.
The gate is the held-out part (holdout/, never read to set weights): top-1 suggestion precision at
least 95%, recall at least 70%, automatic links at least 99% precise; on all pairs and on those
differing beyond case and accents. The tuning part's figures are printed beside them. A failure
names the tuning part's mistakes only, and counts the held-out ones: reading those to fix them
would make the held-out part one more tuning set.

Ambiguous names (a written name fitting two players who both have contracts) count in the links'
precision, and none of those the rumour's club cannot decide may be linked."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import config
from analysis.identity.evaluation import batches, evaluate, load_ambiguous, load_cases
from analysis.identity.folding import fold
from analysis.ingest import ingest
from analysis.progress import Progress

LABELLED = Path(__file__).resolve().parent.parent / "fixtures" / "identity"
KINDS = {"initials", "accents", "transliteration", "middle names", "mononym", "order", "shortened"}


@pytest.fixture(scope="module")
def scores():
    return evaluate(
        LABELLED, lambda raw, warehouse: ingest(raw, config.REFERENCE_DIR, warehouse, progress=Progress.quiet())
    )


@pytest.fixture(scope="module")
def holdout(scores):
    for label, part in scores.slices(batches(LABELLED)):  # the whole set, each part, each batch
        print(f"{label}: {part.summary()}")
    return scores.only("holdout")


def test_the_labelled_set_is_as_large_and_varied_as_promised():
    variants, near = load_cases(LABELLED)
    assert len(variants) >= 300 and len(near) >= 300
    assert {c.kind for c in variants} >= KINDS
    assert sum(c.written_club not in (None, c.target_club) for c in variants) >= 100  # clubs written otherwise
    held_variants, held_near = load_cases(LABELLED, "holdout")
    assert len(held_variants) >= 100 and len(held_near) >= 100
    assert {c.kind for c in held_variants} >= KINDS
    assert sum(c.written_club not in (None, c.target_club) for c in held_variants) >= 30
    ambiguous = load_ambiguous(LABELLED)
    assert len(ambiguous) >= 40
    for part in ("tune", "holdout"):  # each part has cases for A, for B and for nobody
        chosen = [c for c in ambiguous if c.part == part]
        assert {c.truth == c.target for c in chosen if c.truth} == {True, False}
        assert any(c.truth is None for c in chosen)


def test_no_player_is_in_both_parts():
    """Split by player: a held-out player's other spellings are not in the tuning part either."""
    for index in (0, 1):  # variants (by the player himself), near misses (by the look-alike)
        tune = {fold(c.target) for c in load_cases(LABELLED, "tune")[index]}
        held = {fold(c.target) for c in load_cases(LABELLED, "holdout")[index]}
        assert tune and held and not tune & held
    # ambiguous cases by their pair of players (the split is by the first, A)
    pairs = {
        part: {frozenset((fold(c.target), fold(c.other or ""))) for c in load_ambiguous(LABELLED, part)}
        for part in ("tune", "holdout")
    }
    assert pairs["tune"] and pairs["holdout"] and not pairs["tune"] & pairs["holdout"]


def test_a_later_batch_brings_players_no_earlier_batch_has():
    """A batch measures names the weights were not set by only if its players are new: a variant's
    player, and a near miss's rumoured player, appear in no earlier batch under any spelling (a look-
    alike may be met again: he is the distractor, not the case). Ambiguous batches are of players
    chosen for their namesakes, known or not: their question is the two contracts, not a new name."""
    variants, near = load_cases(LABELLED)
    order = [b for b in batches(LABELLED) if any(c.batch == b for c in [*variants, *near])]
    assert len(order) > 1
    for later in order[1:]:
        earlier = {
            name
            for c in [*variants, *near]
            if order.index(c.batch) < order.index(later)
            for name in (c.written, c.target)
        }
        earlier = {fold(name) for name in earlier}
        fresh = [c for c in [*variants, *near] if c.batch == later]
        assert len({c.part for c in fresh}) == 2  # both parts got some
        reused = [c.written for c in fresh if fold(c.written) in earlier or (c.truth and fold(c.truth) in earlier)]
        assert reused == []


def _mistakes(scores) -> str:
    tune, held = scores.only("tune"), scores.only("holdout")
    return f"{len(held.mistakes())} held-out mistakes; tuning part's: " + repr(
        [(o.case.written, o.guess) for o in tune.mistakes()]
    )


def test_top_1_suggestions_are_precise_and_find_most_variants(scores, holdout):
    assert holdout.precision() >= 0.95, _mistakes(scores)
    assert holdout.recall() >= 0.70, f"{len(holdout.misses())} held-out variants missed"
    assert holdout.precision(trivial=False) >= 0.95, _mistakes(scores)
    assert holdout.recall(trivial=False) >= 0.70


def test_automatic_links_are_at_least_99_percent_right(holdout):
    pairs = holdout.unambiguous()
    variants = [o for o in pairs.outcomes if o.case.truth is not None]
    assert pairs.links >= len(variants) // 4  # the threshold links a good share on its own, not next to nothing
    assert pairs.auto_link_precision() >= 0.99


def _ambiguous(outcomes) -> list[tuple[str, str | None, str, str | None]]:
    """(written, the club the rumour names, expected, what it became) per case."""
    return [(o.case.written, o.case.written_club, o.case.truth or "none", o.guess) for o in outcomes]


def test_automatic_links_stay_99_percent_right_counting_ambiguous_names(scores, holdout):
    """A name fitting two contracted players (`Xhaka`: Granit at Leverkusen, Taulant at Basel) is
    linked only to the one the rumour's club names, and never when its club names neither of them
    or both: an analyst must choose. Held-out mistakes are counted, the tuning part's named."""
    tune, held = scores.only("tune"), holdout
    for label, part in (("tune", tune.ambiguous()), ("holdout", held.ambiguous())):
        decided, undecided = part.ambiguous_counts()
        print(
            f"ambiguous, {label}: {decided} the club decides, {undecided} none: top-1 right "
            f"{part.ambiguous_top1():.1%}, {part.links} links ({part.auto_link_precision():.1%} right), "
            f"{len(part.undecided_linked())} none linked, {len(part.undecided_named())} none taken by an equal name"
        )
    failing = (
        f"ambiguous names linked wrongly: {len(held.ambiguous().wrong_links())} held-out; tuning part's "
        f"(written, club named, expected, linked to): {_ambiguous(tune.ambiguous().wrong_links())}"
    )
    assert not held.ambiguous().undecided_linked() and not tune.ambiguous().undecided_linked(), failing
    assert held.auto_link_precision() >= 0.99, failing


def test_near_misses_are_never_linked(scores):
    linked = [o for o in scores.outcomes if o.case.truth is None and o.linked]
    assert sum(o.case.part == "holdout" for o in linked) == 0
    assert [o.case.written for o in linked if o.case.part == "tune"] == []
