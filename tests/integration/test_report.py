"""`python -m analysis report` end to end, as a scheduled run calls it (SPEC sections 6-7)."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from analysis import config
from analysis.report.paths import unique_slugs
from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def report(warehouse: Path, out: Path, *clubs: str, env: dict | None = None, extra: tuple = ()):
    args = ["report", "--as-of", "2025-01-25", "--warehouse", str(warehouse), "--out", str(out), *extra]
    for club in clubs:
        args += ["--club", club]
    return run_cli(*args, env=env)


def notebooks_with(tmp_path: Path, **cells: str) -> dict:
    """A copy of the notebooks with one extra code cell (after the validation cell) in each named
    notebook; the env that makes a report run them."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(config.NOTEBOOKS_DIR, notebooks)
    for name, source in cells.items():
        path = notebooks / f"{name}.ipynb"
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(3, nbformat.v4.new_code_cell(source))
        nbformat.write(nb, path)
    return {"TRANSFER_RADAR_NOTEBOOKS": str(notebooks)}


@pytest.fixture(scope="module")
def liverpool_and_007(article_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports") / "run"
    result = report(article_warehouse, out, "Liverpool", "007")
    return out, result


def test_layout_is_as_spec_section_7(liverpool_and_007):
    out, result = liverpool_and_007
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").exists() and (out / "report.log").exists()
    club = out / "liverpool"
    for notebook in (
        "interest_intensity",
        "expiry_timeline",
        "player_dossier-trent-alexander-arnold",
        "player_dossier-ibrahima-konate",
    ):
        assert (club / f"{notebook}.ipynb").exists() and (club / f"{notebook}.html").exists(), notebook
    for chart in ("interest_intensity", "expiry_timeline", "intensity_heatmap", "expiry_cliff"):
        assert (club / "charts" / f"{chart}.html").exists() and (club / "charts" / f"{chart}.csv").exists(), chart
    assert (club / "index.html").exists()
    assert (out / "007" / "charts" / "expiry_timeline.csv").exists()
    assert [p.name for p in club.glob("**/plotly.min.js")] == ["plotly.min.js"]
    assert "report written: open" in result.stdout


def test_chart_data_has_the_columns_spec_promises(liverpool_and_007):
    out, _ = liverpool_and_007
    with (out / "liverpool" / "charts" / "expiry_timeline.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert {"player", "club", "contract_expires"} <= set(rows[0])
    assert sorted(r["player"] for r in rows) == [
        "Ibrahima Konaté",
        "Mohamed Salah",
        "Trent Alexander-Arnold",
        "Virgil van Dijk",
    ]
    with (out / "liverpool" / "charts" / "interest_intensity.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert {"date", "player", "interested_club", "intensity"} <= set(rows[0])
    assert max(r["date"] for r in rows) == "2025-01-25"
    assert {(r["player"], r["interested_club"]) for r in rows} == {
        ("Trent Alexander-Arnold", "Real Madrid"),
        ("Ibrahima Konaté", "Real Madrid"),
        ("N'Golo Kanté", "Liverpool"),
        ("Path Walker", "Liverpool"),
    }, "its players' suitors and whom it chases"


def test_pages_are_offline_and_code_hidden(liverpool_and_007):
    out, _ = liverpool_and_007
    loads_from_web = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\(\s*["']?(?:https?:)?//""")
    for page in (out / "liverpool").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not loads_from_web.search(text), f"{page.name}: {loads_from_web.search(text)}"
        assert "cdn.plot.ly" not in text and "cdnjs" not in text and "require.min.js" not in text, page.name
    notebook_page = (out / "liverpool" / "interest_intensity.html").read_text(encoding="utf-8")
    assert "views.interest_intensity(" not in notebook_page, "code is hidden"
    assert '<script src="plotly.min.js"></script>' in notebook_page
    chart = (out / "liverpool" / "charts" / "interest_intensity.html").read_text(encoding="utf-8")
    assert '<script charset="utf-8" src="../plotly.min.js"></script>' in chart or 'src="../plotly.min.js"' in chart


def test_index_pages_link_everything(liverpool_and_007):
    out, _ = liverpool_and_007
    top = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="liverpool/index.html"' in top and 'href="007/index.html"' in top
    club_index = (out / "liverpool" / "index.html").read_text(encoding="utf-8")
    for page in (out / "liverpool").glob("*.html"):
        if page.name != "index.html":
            assert f'href="{page.name}"' in club_index
    for chart in (out / "liverpool" / "charts").glob("*.html"):
        assert f'href="charts/{chart.name}"' in club_index


def test_a_rerun_replaces_the_clubs_report_and_the_index_keeps_the_other_clubs(
    liverpool_and_007, article_warehouse, tmp_path
):
    out, _ = liverpool_and_007
    again = tmp_path / "run"
    shutil.copytree(out, again)
    assert (again / "007" / "player_dossier-james-bond.html").exists(), "25 Jan: Real Madrid's bid for Bond"
    for own in ("analyst-notes.txt", "analyst-notes.html"):
        (again / "007" / own).write_text("mine", encoding="utf-8")
    (again / "javascript:alert(1)").mkdir()  # not a folder a report makes: never linked
    (again / "javascript:alert(1)" / "report.json").write_text(
        json.dumps({"club": "x", "as_of": "2025-01-25"}), encoding="utf-8"
    )

    result = report(article_warehouse, again, "007", extra=("--as-of", "2025-01-19"))  # before that bid
    assert result.returncode == 0, result.stderr
    club = again / "007"
    assert not list(club.rglob("*james-bond*")), "last run's dossier is gone, not linked as if current"
    assert "25 Jan 2025" not in (club / "index.html").read_text(encoding="utf-8")
    assert "as of 19 Jan 2025" in (club / "charts" / "expiry_timeline.html").read_text(encoding="utf-8")
    for own in ("analyst-notes.txt", "analyst-notes.html"):
        assert (club / own).read_text(encoding="utf-8") == "mine", "only report files are replaced"
    top = (again / "index.html").read_text(encoding="utf-8")
    assert 'href="liverpool/index.html"' in top and 'href="007/index.html"' in top, "the other club stays listed"
    assert "as of 25 Jan 2025" in top and "as of 19 Jan 2025" in top, "each club with its own date"
    assert "javascript" not in top


def test_a_failing_notebook_does_not_stop_the_others(article_warehouse, tmp_path):
    env = notebooks_with(tmp_path, expiry_timeline='assert club != "007", "deliberate failure for club 007"')
    out = tmp_path / "run"
    result = report(article_warehouse, out, "007", "Liverpool", env=env)
    assert result.returncode == 1
    assert "report finished with failures: 007/expiry_timeline" in result.stderr
    assert (out / "liverpool" / "expiry_timeline.html").exists(), "the other club still ran"
    assert (out / "007" / "interest_intensity.html").exists(), "the club's other notebooks still ran"
    failed_page = (out / "007" / "expiry_timeline.html").read_text(encoding="utf-8")
    assert "deliberate failure for club 007" in failed_page, "kept, with its error visible"
    assert "failed" in (out / "007" / "index.html").read_text(encoding="utf-8")
    log = (out / "report.log").read_text(encoding="utf-8")
    assert "007/expiry_timeline" in log and "FAILED" in log


def test_an_unknown_club_is_one_line_before_any_folder_is_made(article_warehouse, tmp_path):
    out = tmp_path / "run"
    result = report(article_warehouse, out, "Liverpol", "007")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        "error: --club: Unknown club 'Liverpol' in warehouse.duckdb. Closest known: Liverpool. Nothing was written."
    )
    assert result.stdout == "" and not out.exists(), "no folder, no index listing a failure"


def test_no_club_name_writes_outside_the_output_folder(article_warehouse, tmp_path):
    out = tmp_path / "inside" / "run"
    result = report(article_warehouse, out, "../../Evil FC")
    assert result.returncode == 0, result.stderr
    assert (out / "evil-fc" / "charts" / "expiry_timeline.csv").exists()
    written = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()}
    assert all(out.resolve() in p.parents for p in written), "everything stays under --out"


def test_missing_warehouse_and_bad_date_are_one_line_errors(tmp_path):
    result = run_cli(
        "report", "--club", "Liverpool", "--warehouse", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "o")
    )
    assert result.returncode == 2 and "warehouse not found" in result.stderr
    result = run_cli("report", "--club", "Liverpool", "--as-of", "yesterday", "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "error: --as-of must be a date like 2025-01-25, got 'yesterday'" in result.stderr
    result = run_cli("report", "--market", "--since", "yesterday", "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and result.stderr.strip() == (
        "error: --since must be a date like 2025-01-25, got 'yesterday'"
    ), "names the option given, not as_of"
    result = run_cli(
        "report", "--market", "--as-of", "2025-01-25", "--since", "2025-02-01", "--out", str(tmp_path / "o")
    )
    assert result.returncode == 2 and result.stderr.strip() == (
        "error: --since (2025-02-01) must be before the as-of date (2025-01-25)"
    )
    result = run_cli("report", "--club", "Liverpool", "--jobs", "0", "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "--jobs: must be at least 1, got 0" in result.stderr


def test_png_export_for_slides(article_warehouse, tmp_path):
    if not Path("/usr/bin/chromium").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required for --png under CI (apt-get install chromium)")
        pytest.skip("no Chromium here (apt-get install chromium)")
    out = tmp_path / "run"
    result = report(article_warehouse, out, "007", extra=("--png",))
    assert result.returncode == 0, result.stderr
    png = out / "007" / "charts" / "expiry_timeline.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_executed_notebooks_record_their_parameters(liverpool_and_007, article_warehouse):
    out, _ = liverpool_and_007
    nb = json.loads((out / "liverpool" / "expiry_timeline.ipynb").read_text())
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert injected and 'club = "Liverpool"' in "".join(injected[0]["source"])
    assert str(article_warehouse) in "".join(injected[0]["source"])


def test_relative_paths_work_from_any_working_directory(article_warehouse, tmp_path):
    import subprocess
    import sys

    (tmp_path / "w").mkdir()
    shutil.copy(article_warehouse, tmp_path / "w" / "warehouse.duckdb")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "report",
            "--club",
            "007",
            "--as-of",
            "2025-01-25",
            "--warehouse",
            "w/warehouse.duckdb",
            "--out",
            "out",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "007" / "charts" / "expiry_timeline.html").exists()


ANALYST_KERNEL = """
import sys, time
from pathlib import Path
from analysis import marts
warehouse, go = Path(sys.argv[1]), Path(sys.argv[2])
# as a JupyterLab kernel does: ask, keep the (read-only) warehouse open, ask again later
print(len(marts.club_contracts("Liverpool", as_of="2025-01-25", warehouse=warehouse)), flush=True)
while not go.exists():
    time.sleep(0.05)
print(len(marts.club_contracts("Liverpool", as_of="2025-01-25", warehouse=warehouse)), flush=True)
"""


def test_a_scheduled_run_overlaps_an_open_kernel_and_an_ingest(tmp_path):
    """Cron's ingest + report beside an analyst's open kernel: the ingest swaps the warehouse while
    the report's notebooks are reading it, and nobody blocks, fails or sees a half-built file."""
    import subprocess
    import sys
    import time

    from tests.conftest import ARTICLE_RAW, RawFolder

    folder = RawFolder(tmp_path / "raw")
    for kind in ("rumours", "contracts"):
        shutil.copy(ARTICLE_RAW / kind / "article_2025-01-25.csv", folder.root / kind / "article_2025-01-25.csv")
    folder.ingest()
    go, ingested = tmp_path / "go", tmp_path / "ingested"
    # the expiry timelines wait until the ingest is done, so the swap falls mid-report however busy
    # the machine is (a race between the two made this test fail now and then)
    env = notebooks_with(
        tmp_path,
        expiry_timeline=f"import pathlib, time\nwhile not pathlib.Path({str(ingested)!r}).exists():\n"
        "    time.sleep(0.05)",
    )
    kernel = subprocess.Popen(
        [sys.executable, "-c", ANALYST_KERNEL, str(folder.warehouse), str(go)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out = tmp_path / "run"
    try:
        assert kernel.stdout.readline().strip() == "4", "the kernel holds the warehouse open"
        running = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "analysis",
                "report",
                "--club",
                "Liverpool",
                "--club",
                "Real Madrid",
                "--as-of",
                "2025-01-25",
                "--warehouse",
                str(folder.warehouse),
                "--out",
                str(out),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **env},
        )
        deadline = time.monotonic() + 120
        log = out / "report.log"
        while not (log.exists() and "notebooks for" in log.read_text(encoding="utf-8")):
            assert running.poll() is None, running.communicate()
            assert time.monotonic() < deadline, "the report never started its notebooks"
            time.sleep(0.05)
        folder.contracts("new.csv", "New Signing,Liverpool,2029-06-30,")  # the ingest brings news
        ingest = folder.cli()
        assert ingest.returncode == 0, ingest.stderr
        assert running.poll() is None, "the ingest swapped the warehouse mid-report"
        ingested.touch()
        stdout, stderr = running.communicate(timeout=600)
        go.touch()
        kernel_out, kernel_err = kernel.communicate(timeout=60)
    finally:
        ingested.touch()
        kernel.kill()
    assert running.returncode == 0, f"{stdout}\n{stderr}"
    assert "report written" in stdout and "FAILED" not in stdout + stderr
    for club in ("liverpool", "real-madrid"):
        assert (out / club / "charts" / "expiry_timeline.csv").exists(), club
    assert kernel.returncode == 0, kernel_err
    assert kernel_out.split() == ["5"], "after the swap the kernel reads the new warehouse"


LONG_CLUB = "Longname " * 40 + "FC"
LONG_PLAYER = "Verylongplayer " * 20 + "Junior"


@pytest.fixture(scope="module")
def awkward_names(tmp_path_factory):
    """Clubs and players whose names share a slug, or are too long for a file name."""
    from tests.conftest import RawFolder

    folder = RawFolder(tmp_path_factory.mktemp("awkward") / "raw")
    folder.contracts(
        "c.csv",
        "Twin Player,Twin FC,2026-06-30,",
        "Other Twin,Twin-FC,2027-06-30,",
        "O'Neil,Collide FC,2026-06-30,",
        "O-Neil,Collide FC,2026-06-30,",
        f"{LONG_PLAYER},Collide FC,2026-06-30,",
        f"Long Player,{LONG_CLUB},2026-06-30,",
    )
    folder.rumours(
        "r.csv",
        "2025-01-20,O'Neil,Collide FC,Real Madrid,Marca,,bid,,O'Neil bid,",
        "2025-01-21,O-Neil,Collide FC,Getafe,Marca,,interest,,O-Neil linked,",
        f"2025-01-22,{LONG_PLAYER},Collide FC,Getafe,Marca,,interest,,long name linked,",
    )
    folder.ingest()
    out = folder.root.parent / "out"
    result = report(folder.warehouse, out, "Twin FC", "Twin-FC", "Collide FC", LONG_CLUB)
    return out, result


def test_clubs_sharing_a_slug_each_keep_their_own_report(awkward_names):
    out, result = awkward_names
    assert result.returncode == 0, result.stdout + result.stderr
    folders = {}
    for manifest in out.glob("*/report.json"):
        folders[json.loads(manifest.read_text(encoding="utf-8"))["club"]] = manifest.parent
    assert folders["Twin FC"].name != folders["Twin-FC"].name, "neither overwrites the other"
    assert all(folders[c].name.startswith("twin-fc-") for c in ("Twin FC", "Twin-FC")), "neither takes the other's slug"
    assert not (out / "twin-fc").exists()
    for club, player in (("Twin FC", "Twin Player"), ("Twin-FC", "Other Twin")):
        with (folders[club] / "charts" / "expiry_timeline.csv").open(encoding="utf-8") as fh:
            assert [r["player"] for r in csv.DictReader(fh)] == [player], club
    top = (out / "index.html").read_text(encoding="utf-8")
    assert len(set(re.findall(r'href="([^"]+)"', top))) == 4, "four clubs, four reports"


def test_players_sharing_a_slug_each_get_their_own_dossier(awkward_names):
    out, _ = awkward_names
    club = out / "collide-fc"
    dossiers = sorted(p.stem for p in club.glob("player_dossier-*.html"))
    assert len(dossiers) == 3 and sum(d.startswith("player_dossier-o-neil-") for d in dossiers) == 2, dossiers
    titles = {}
    for page in (club / "charts").glob("pursuit_ladder-*.html"):
        titles[page.name] = re.search(r"<title>(.*?):", page.read_text(encoding="utf-8")).group(1)
    assert sorted(titles.values()) == sorted(["O'Neil", "O-Neil", LONG_PLAYER]), titles
    slugs = unique_slugs(["O'Neil", "O-Neil", LONG_PLAYER], "player")
    for page, player in titles.items():  # each name's files hold that player
        assert page == f"pursuit_ladder-{slugs[player]}.html", (page, player)


def test_names_too_long_for_a_file_name_still_report(awkward_names):
    out, result = awkward_names
    assert "FAILED" not in result.stdout + result.stderr
    names = [p.name for p in out.rglob("*")]
    assert max(len(n.encode()) for n in names) < 255
    (long_folder,) = [
        m.parent for m in out.glob("*/report.json") if json.loads(m.read_text(encoding="utf-8"))["club"] == LONG_CLUB
    ]
    assert (
        long_folder.name.startswith("longname-longname-") and (long_folder / "charts" / "expiry_timeline.csv").exists()
    )


def test_links_planted_in_the_output_folder_are_never_written_through(article_warehouse, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.html").write_text("mine", encoding="utf-8")
    (outside / "keep.csv").write_text("mine", encoding="utf-8")
    out = tmp_path / "run"
    (out / "007").mkdir(parents=True)
    (out / "index.html").symlink_to(outside / "victim.html")
    (out / "007" / "charts").symlink_to(outside, target_is_directory=True)
    result = report(article_warehouse, out, "007")
    assert result.returncode != 0
    assert "refusing to write outside" in result.stdout + result.stderr
    assert (outside / "victim.html").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in outside.iterdir()) == ["keep.csv", "victim.html"], "nothing removed or added"
    assert (outside / "keep.csv").read_text(encoding="utf-8") == "mine"


def test_a_cell_that_never_ends_fails_its_notebook_and_the_run_ends(article_warehouse, tmp_path):
    env = notebooks_with(
        tmp_path, expiry_timeline="import time\ntime.sleep(3600)", player_dossier="import os\nos._exit(1)"
    )  # a cell that never ends, a kernel that dies
    out = tmp_path / "run"
    # long enough that no ordinary cell reaches it on a loaded machine, where 5 s can pass in an import
    result = report(article_warehouse, out, "007", env=env, extra=("--timeout", "20"))
    assert result.returncode == 1
    assert "007/expiry_timeline" in result.stderr and "timed out" in result.stderr
    assert "007/player_dossier-james-bond" in result.stderr and "DeadKernelError" in result.stderr
    assert (out / "007" / "interest_intensity.html").exists(), "the other notebooks ran"
    for name, error in (("expiry_timeline", "timed out"), ("player_dossier-james-bond", "DeadKernelError")):
        assert error in (out / "007" / f"{name}.html").read_text(encoding="utf-8"), f"{name}: kept with its error"
        assert (out / "007" / f"{name}.ipynb").exists()


def test_an_output_folder_that_cannot_be_written_is_a_one_line_error(article_warehouse, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    result = report(article_warehouse, a_file / "run", "007")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: {a_file / 'run'}: cannot write the report there: Not a directory"
    ]
    result = report(article_warehouse / "nope", tmp_path / "run", "007")
    assert result.returncode == 2 and "warehouse not found" in result.stderr and not (tmp_path / "run").exists()
