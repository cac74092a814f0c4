"""Nothing a club name, chart name or parameter says can make a path outside the output folder."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from analysis.errors import UserError
from analysis.report import views
from analysis.report.parameters import check_date
from analysis.report.paths import MAX_SLUG, chart_name, inside, slugify, unique_slugs


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Real Madrid", "real-madrid"),
        ("Atlético de Madrid", "atletico-de-madrid"),
        ("007", "007"),
        ("Olympique d'Ajaccio", "olympique-d-ajaccio"),
        ("../../Evil FC", "evil-fc"),
        ("/etc/passwd", "etc-passwd"),
        ("  Brighton & Hove Albion ", "brighton-hove-albion"),
    ],
)
def test_club_slugs_are_letters_and_digits_joined_by_hyphens(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "name, slug",
    [
        ("FK Bodø/Glimt", "fk-bodo-glimt"),
        ("Barış Alper Yılmaz", "baris-alper-yilmaz"),
        ("Martin Ødegaard", "martin-odegaard"),
        ("Łódź KS", "lodz-ks"),
        ("Đorđe Petrović", "dorde-petrovic"),
        ("Straße FC", "strasse-fc"),
        ("北京国安", "beijingguoan"),
    ],
)
def test_letters_that_do_not_decompose_are_transliterated_not_dropped(name, slug):
    """The trial's slugs lost letters: 'FK Bodø/Glimt' was fk-bod-glimt, 'Barış Alper Yılmaz'
    bars-alper-ylmaz; anyascii gives each its ASCII letters."""
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Ibrahima Konaté", "ibrahima-konate"),
        ("Atlético de Madrid", "atletico-de-madrid"),
        ("Kylian Mbappé Lottin", "kylian-mbappe-lottin"),
        ("Thomas Müller", "thomas-muller"),  # decomposes to u: stays, not anyascii's other spellings
        ("Ｆｕｌｌ Ｗｉｄｔｈ ½", "full-width-12"),  # NFKD's ASCII, as before
        ("Zoe\u0301", "zoe"),  # already decomposed
    ],
)
def test_names_that_worked_keep_their_slug(name, slug):
    """Folders of earlier runs stay where they were: a name whose letters decompose keeps its slug."""
    assert slugify(name) == slug


def test_a_name_without_letters_still_gets_a_stable_distinct_slug():
    # literal values: the folder of a club must be the same in every run, machine and Python
    assert (slugify("???"), slugify("!!!"), slugify("..")) == ("club-2d86c2a6", "club-9a7b006d", "club-9d891e73")


def test_slugs_do_not_depend_on_the_process():
    """Python salts str hashes per process; a slug built on hash() would move folders between runs."""
    code = "from analysis.report.paths import slugify; print(slugify('???'), slugify('Longname ' * 40 + 'FC'))"
    seen = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.split()[0]
        for seed in ("1", "2", "3")
    }  # fmt: skip
    assert seen == {"club-2d86c2a6"}


@pytest.mark.parametrize("name", ["interest_intensity", "pursuit_ladder-trent-alexander-arnold"])
def test_chart_names_keep_spec_underscores(name):
    assert chart_name(name) == name


@pytest.mark.parametrize("name", ["../x", "a/b", "x.html"])
def test_chart_names_cannot_be_paths(name):
    cleaned = chart_name(name)
    assert "/" not in cleaned and ".." not in cleaned and "." not in cleaned


@pytest.mark.parametrize("name", ["..", "/", ""])
def test_chart_names_with_nothing_usable_are_refused(name):
    with pytest.raises(UserError, match="not a usable chart name"):
        chart_name(name)


def test_inside_refuses_escapes(tmp_path):
    assert inside(tmp_path, "a", "b.html") == (tmp_path / "a" / "b.html").resolve()
    for escape in (["..", "x"], ["/etc/passwd"], ["a", "..", "..", "x"]):
        with pytest.raises(UserError, match="refusing to write outside"):
            inside(tmp_path, *escape)


def test_bad_dates_are_user_errors():
    with pytest.raises(UserError, match="as_of must be a date"):
        check_date("25/01/2025")
    assert str(check_date("2025-01-25")) == "2025-01-25"


def test_strongest_pairs_are_drawn_and_every_pair_kept():
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-24", "2025-01-25", "2025-01-25", "2025-01-25"]),
            "player": ["A", "A", "B", "C"],
            "interested_club": ["X", "X", "Y", "Z"],
            "intensity": [1.0, 5.0, 3.0, 0.5],
            "reports_to_date": [1, 2, 1, 1],
        }
    )
    marked = views._strongest_pairs(frame, 2, floor=0.01)
    assert len(marked) == len(frame)
    assert marked["shown_in_chart"].tolist() == [True, True, True, False]
    assert views._strongest_pairs(frame.iloc[0:0], 2).empty


def test_a_name_too_long_for_a_file_keeps_a_readable_start_and_a_distinct_end():
    one, other = "Longname " * 40 + "FC", "Longname " * 40 + "Athletic"
    assert len(slugify(one)) <= MAX_SLUG and slugify(one).startswith("longname-longname-")
    assert slugify(one) != slugify(other)
    assert slugify(one) == "longname-" * 7 + "longname-f6f77c66", "the same name, the same folder, every run"


def test_names_sharing_a_slug_all_get_a_digest_whatever_the_order():
    slugs = unique_slugs(["Twin FC", "Twin-FC", "Real Madrid"])
    assert slugs["Real Madrid"] == "real-madrid", "a name nobody shares keeps SPEC's slug"
    assert slugs["Twin FC"] != slugs["Twin-FC"] and all(slugs[n].startswith("twin-fc-") for n in ("Twin FC", "Twin-FC"))
    assert unique_slugs(["Twin-FC", "Twin FC"]) == {n: slugs[n] for n in ("Twin-FC", "Twin FC")}, (
        "order does not matter"
    )
    # a run for one of them alone still knows the other from the warehouse: the same folder every run
    assert unique_slugs(["Twin FC"], others=["Twin-FC", "Real Madrid"]) == {"Twin FC": slugs["Twin FC"]}
    assert unique_slugs(["Real Madrid"], others=["Twin FC", "Twin-FC"]) == {"Real Madrid": "real-madrid"}
    players = unique_slugs(["O'Neil", "O Neil", "O-Neil"], "player")
    assert len(set(players.values())) == 3 and all(p.startswith("o-neil-") for p in players.values())


def test_the_shared_plotly_js_is_readable_by_everyone_who_opens_the_folder(tmp_path):
    """Written through a private temp file and swapped in: it must not stay private (0600), or a
    report folder served by a web server or shared with a team would not draw."""
    from analysis.report.export import write_plotly_js

    path = write_plotly_js(tmp_path / "club")
    assert path.stat().st_mode & 0o777 == 0o644
    assert path.stat().st_size > 1_000_000
