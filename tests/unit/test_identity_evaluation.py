"""The labelled set's reader (analysis.identity.evaluation): parts, batches started by `# batch:`
lines, and scores read per part and per batch. The set itself is run in
tests/integration/test_identity_quality.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.identity.evaluation import ORIGINAL, Outcome, Scores, batches, load_cases

VARIANTS_HEAD = "# written | contract name | contract club | kind | club the rumour names\n"
NEAR_HEAD = "# written | look-alike | his club | club the rumour names | how they look alike\n"


def _set(tmp_path: Path, files: dict[str, str]) -> Path:
    for part in ("tune", "holdout"):
        (tmp_path / part).mkdir()
        for name in ("variants.txt", "near_misses.txt"):
            head = VARIANTS_HEAD if name == "variants.txt" else NEAR_HEAD
            (tmp_path / part / name).write_text(head + files.get(f"{part}/{name}", ""), encoding="utf-8")
    return tmp_path


def test_lines_belong_to_the_batch_above_them_in_their_part(tmp_path):
    folder = _set(
        tmp_path,
        {
            "tune/variants.txt": "K. De Bruyne|Kevin De Bruyne|Manchester City|initials|Man City\n"
            "# batch: fresh-2026-12\n# a comment inside the batch\n"
            "N. Madueke|Noni Madueke|Chelsea FC|initials|Chelsea\n\n"
            "Kostas Tsimikas|Konstantinos Tsimikas|Liverpool FC|shortened|=\n",
            "holdout/variants.txt": "Jules Kounde|Jules Koundé|FC Barcelona|accents|\n"
            "# batch: fresh-2026-12 (written after the weights)\nIto Hiroki|Hiroki Ito|Bayern Munich|order|Bayern\n",
            "holdout/near_misses.txt": "# batch: fresh-2026-12\n"
            "Junya Ito|Hiroki Ito|Bayern Munich|Stade de Reims|same surname\n",
        },
    )
    variants, near = load_cases(folder)
    assert [(c.written, c.part, c.batch) for c in variants] == [
        ("K. De Bruyne", "tune", ORIGINAL),
        ("N. Madueke", "tune", "fresh-2026-12"),
        ("Kostas Tsimikas", "tune", "fresh-2026-12"),
        ("Jules Kounde", "holdout", ORIGINAL),
        ("Ito Hiroki", "holdout", "fresh-2026-12"),
    ]
    assert variants[2].written_club == "Liverpool FC" and variants[3].written_club is None  # '=' and blank
    assert [(c.written, c.truth, c.target, c.part, c.batch) for c in near] == [
        ("Junya Ito", None, "Hiroki Ito", "holdout", "fresh-2026-12")
    ]
    assert batches(folder) == [ORIGINAL, "fresh-2026-12"]


def test_a_batch_line_without_a_name_is_an_error_naming_file_and_line(tmp_path):
    folder = _set(tmp_path, {"holdout/near_misses.txt": "#   batch:\n# batch:   \n"})
    with pytest.raises(ValueError, match=r"holdout/near_misses\.txt, line 3: '# batch:' names no batch"):
        load_cases(folder)


def test_scores_are_read_per_part_and_per_batch(tmp_path):
    folder = _set(
        tmp_path,
        {
            "tune/variants.txt": "A. Adli|Amine Adli|Bayer 04 Leverkusen|initials|=\n"
            "# batch: later\nJ. Wind|Jonas Wind|VfL Wolfsburg|initials|Wolfsburg\n",
            "holdout/variants.txt": "# batch: later\nIto Hiroki|Hiroki Ito|Bayern Munich|order|Bayern\n",
            "holdout/near_misses.txt": "# batch: later\n"
            "Junya Ito|Hiroki Ito|Bayern Munich|Stade de Reims|same surname\n",
        },
    )
    variants, near = load_cases(folder)
    adli, wind, ito = variants
    scores = Scores(
        [
            Outcome(adli, "Amine Adli", True),  # right, linked
            Outcome(wind, None, False),  # missed
            Outcome(ito, "Hiroki Ito", False),  # right, suggested
            Outcome(near[0], "Hiroki Ito", False),  # a near miss guessed: wrong
        ]
    )
    later = scores.batch("later")
    assert later.counts() == (2, 1)
    assert later.precision() == 0.5 and later.recall() == 0.5 and later.links == 0
    assert scores.batch(ORIGINAL).recall() == 1.0 and scores.batch(ORIGINAL).auto_link_precision() == 1.0
    assert later.only("holdout").precision() == 0.5 and later.only("tune").recall() == 0.0
    labels = [label for label, _ in scores.slices(batches(folder))]
    assert labels == [
        "all",
        "tune",
        "holdout",
        f"batch {ORIGINAL}",
        f"batch {ORIGINAL}, tune",
        f"batch {ORIGINAL}, holdout",
        "batch later",
        "batch later, tune",
        "batch later, holdout",
    ]
    assert [label for label, _ in Scores().slices([ORIGINAL])] == ["all", "tune", "holdout"]  # one batch: no split
