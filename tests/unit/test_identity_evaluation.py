"""The labelled set's reader (analysis.identity.evaluation): parts, batches started by `# batch:`
lines, ambiguous names (two contracted players one name fits), and scores read per part and per
batch. The set itself is run in tests/integration/test_identity_quality.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.identity.evaluation import (
    ORIGINAL,
    Case,
    Outcome,
    Scores,
    ambiguous_roster,
    batches,
    load_ambiguous,
    load_cases,
    rounds,
)

VARIANTS_HEAD = "# written | contract name | contract club | kind | club the rumour names\n"
NEAR_HEAD = "# written | look-alike | his club | club the rumour names | how they look alike\n"
AMBIGUOUS_HEAD = "# written | contract A | club A | contract B | club B | club the rumour names | expected\n"


def _set(tmp_path: Path, files: dict[str, str]) -> Path:
    for part in ("tune", "holdout"):
        (tmp_path / part).mkdir(parents=True)
        for name in ("variants.txt", "near_misses.txt"):
            head = VARIANTS_HEAD if name == "variants.txt" else NEAR_HEAD
            (tmp_path / part / name).write_text(head + files.get(f"{part}/{name}", ""), encoding="utf-8")
        if f"{part}/ambiguous.txt" in files:  # optional: older sets have none
            (tmp_path / part / "ambiguous.txt").write_text(
                AMBIGUOUS_HEAD + files[f"{part}/ambiguous.txt"], encoding="utf-8"
            )
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


XHAKA = "Xhaka|Granit Xhaka|Bayer 04 Leverkusen|Taulant Xhaka|FC Basel 1893"
EDERSON = "Ederson|Ederson|Manchester City|Éderson|Atalanta BC"


def _ambiguous_set(tmp_path: Path) -> Path:
    return _set(
        tmp_path,
        {
            "tune/variants.txt": "A. Adli|Amine Adli|Bayer 04 Leverkusen|initials|=\n",
            "tune/ambiguous.txt": f"# batch: ambiguous-2026-12\n{XHAKA}|Bayer 04 Leverkusen|A\n"
            f"{XHAKA}|FC Basel 1893|B\n{XHAKA}||none\n{XHAKA}|Arsenal FC| none \n",
            "holdout/ambiguous.txt": f"# batch: ambiguous-2026-12\n{EDERSON}|Atalanta BC|B\n"
            "Dembélé|Ousmane Dembélé|Paris Saint-Germain|Moussa Dembélé|Al-Ettifaq|Paris Saint-Germain|A\n",
        },
    )


def test_ambiguous_lines_are_one_case_each_with_both_players(tmp_path):
    folder = _ambiguous_set(tmp_path)
    cases = load_ambiguous(folder)
    assert [(c.written, c.written_club, c.truth, c.part) for c in cases] == [
        ("Xhaka", "Bayer 04 Leverkusen", "Granit Xhaka", "tune"),
        ("Xhaka", "FC Basel 1893", "Taulant Xhaka", "tune"),
        ("Xhaka", None, None, "tune"),  # no club: nobody
        ("Xhaka", "Arsenal FC", None, "tune"),  # a club of neither: nobody
        ("Ederson", "Atalanta BC", "Éderson", "holdout"),
        ("Dembélé", "Paris Saint-Germain", "Ousmane Dembélé", "holdout"),
    ]
    assert all(c.ambiguous and c.kind == "ambiguous" and c.batch == "ambiguous-2026-12" for c in cases)
    assert (cases[0].target, cases[0].target_club, cases[0].other, cases[0].other_club) == (
        "Granit Xhaka",
        "Bayer 04 Leverkusen",
        "Taulant Xhaka",
        "FC Basel 1893",
    )
    assert [c.written for c in load_ambiguous(folder, "holdout")] == ["Ederson", "Dembélé"]
    assert load_cases(folder)[1] == [] and len(load_cases(folder)[0]) == 1  # variants and near misses apart
    assert batches(folder) == [ORIGINAL, "ambiguous-2026-12"]
    assert load_ambiguous(_set(tmp_path / "old", {})) == []  # a set without ambiguous.txt


def test_an_ambiguous_line_of_the_wrong_shape_is_an_error_naming_file_and_line(tmp_path):
    folder = _set(tmp_path, {"tune/ambiguous.txt": f"{XHAKA}|Bayer 04 Leverkusen|Granit\n"})
    with pytest.raises(ValueError, match=r"tune/ambiguous\.txt, line 2: .*A, B or none"):
        load_ambiguous(folder)
    with pytest.raises(ValueError, match="part must be one of"):
        load_ambiguous(folder, "train")


def test_ambiguous_cases_that_could_meet_are_ingested_apart(tmp_path):
    """One written name is one identity per ingest, so its lines go to different rounds; so do
    cases sharing a word or its first four letters (a third player who fits)."""
    cases = load_ambiguous(_ambiguous_set(tmp_path))
    grouped = rounds(cases)
    assert [[(c.written, c.written_club) for c in group] for group in grouped] == [
        [("Xhaka", "Bayer 04 Leverkusen"), ("Ederson", "Atalanta BC"), ("Dembélé", "Paris Saint-Germain")],
        [("Xhaka", "FC Basel 1893")],
        [("Xhaka", None)],
        [("Xhaka", "Arsenal FC")],
    ]
    edersen = Case("Edersen", None, None, "Edersen Silva", "Some Club", "ambiguous", other="Some One")
    assert len(rounds([cases[4], edersen])) == 2  # 'eder' in common with Ederson
    # both players go into the contract file, even two whose names fold alike
    assert ambiguous_roster(grouped[0]) == [
        ("Granit Xhaka", "Bayer 04 Leverkusen"),
        ("Ederson", "Manchester City"),
        ("Ousmane Dembélé", "Paris Saint-Germain"),
        ("Taulant Xhaka", "FC Basel 1893"),
        ("Éderson", "Atalanta BC"),
        ("Moussa Dembélé", "Al-Ettifaq"),
    ]


def test_ambiguous_scores_count_links_top_1_and_the_undecided_linked(tmp_path):
    folder = _ambiguous_set(tmp_path)
    granit, taulant, nobody, arsenal, ederson, ousmane = load_ambiguous(folder)
    adli = load_cases(folder)[0][0]
    scores = Scores(
        [
            Outcome(adli, "Amine Adli", True),  # a variant, right, linked
            Outcome(granit, "Granit Xhaka", True),  # decided, linked right
            Outcome(taulant, "Granit Xhaka", False),  # decided, suggested wrong
            Outcome(nobody, "Granit Xhaka", True),  # undecided but linked: wrong
            Outcome(arsenal, "Granit Xhaka", False),  # undecided, a suggestion only: fine
            Outcome(ederson, "Ederson", False, named=True),  # folds like Éderson, but is the other player
            Outcome(ousmane, "Ousmane Dembélé", True),  # right
        ]
    )
    ambiguous = scores.ambiguous()
    assert scores.ambiguous_counts() == (4, 2) and ambiguous.links == 3
    assert scores.ambiguous_top1() == 0.5  # Granit and Ousmane of four decided
    assert [(o.case.written, o.case.written_club) for o in scores.ambiguous_wrong()] == [
        ("Xhaka", "FC Basel 1893"),
        ("Ederson", "Atalanta BC"),
    ]
    assert [o.case.written_club for o in scores.undecided_linked()] == [None]
    assert scores.undecided_named() == []  # Ederson is a decided case: not counted there
    assert scores.auto_link_precision() == 0.75 and ambiguous.auto_link_precision() == 2 / 3
    assert [o.case.written_club for o in scores.wrong_links()] == [None]
    # the variants' and near misses' figures are unchanged by ambiguous cases
    assert scores.counts() == (1, 0) and scores.precision() == 1.0 and scores.recall() == 1.0
    assert scores.mistakes() == [] and scores.unambiguous().auto_link_precision() == 1.0
    summary = scores.summary()
    assert "6 ambiguous (4 the club decides, 2 none): top-1 right 50.0%, 3 linked (66.7% right)" in summary
    assert "1 of the none linked" in summary and summary.endswith("4 automatic links, 75.0% right")
    alone = ambiguous.summary()
    assert "variant pairs" not in alone and alone.startswith("6 ambiguous")
    undecided_named = Scores([Outcome(nobody, "Granit Xhaka", False, named=True)])
    assert len(undecided_named.undecided_named()) == 1 and undecided_named.undecided_linked() == []
