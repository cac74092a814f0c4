"""The README's Python examples run as written, so what a new analyst copies works."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from analysis import config
from tests.conftest import run_cli


def test_the_readme_python_examples_run(article_warehouse, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert blocks, "the README shows the API"
    monkeypatch.setenv("TRANSFER_RADAR_WAREHOUSE", str(article_warehouse))
    seen: dict = {}
    for block in blocks:
        namespace: dict = {}
        exec(compile(block, "README.md", "exec"), namespace)  # each block runs on its own
        seen.update(namespace)
    assert seen["events"]["player"].nunique() >= 1
    # the article's chases (Real Madrid after Alexander-Arnold since December, Konaté on the day) and
    # the fixture's two Liverpool chases of its awkward names, from 1 Dec 2024 up to the as-of date
    pairs = {
        ("Real Madrid", "Trent Alexander-Arnold"),
        ("Real Madrid", "Ibrahima Konaté"),
        ("Liverpool", "N'Golo Kanté"),
        ("Liverpool", "Path Walker"),
    }
    for frame in (seen["intensity"], seen["data"]):
        assert set(zip(frame["interested_club"], frame["player"])) == pairs
        assert frame["date"].max() == dt.datetime(2025, 1, 25) and (frame["intensity"] > 0).all()
    assert len(seen["stories"]) and len(seen["outlets"]) and len(seen["chances"]), "the forecast's examples"


@pytest.mark.parametrize("target", ["setup", "report", "test", "lab", "bench"])
def test_the_readme_names_make_targets_that_exist(target):
    makefile = (config.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{target}:", makefile, re.M)
    assert f"make {target}" in (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Every command the README shows with real values runs on the shipped data, as written. Each entry:
# the text as the README writes it, and the command the test runs for it (the README's own words,
# with --warehouse / --out pointed into the test's folder and, for an option shown alone, the command
# it belongs to). An example the README gains must be added here (the last test finds them).

TWO_DAYS_AGO = (dt.date.today() - dt.timedelta(days=2)).isoformat()
LOS_BLANCOS = ["report", "--club", "Los Blancos", "--as-of", "2025-01-25"]
EXAMPLES: dict[str, list[str]] = {
    "python -m analysis ingest": ["ingest"],
    "--link-threshold 0.99": ["ingest", "--link-threshold", "0.99"],
    "--snapshot-date contracts/squad_2022.csv=2022-10-05": [
        "ingest",
        "--snapshot-date",
        "contracts/squad_2022.csv=2022-10-05",
    ],
    'report --league "Premier League" --since "$(date -d \'2 days ago\' +\\%F)"': [
        "report",
        "--league",
        "Premier League",
        "--since",
        TWO_DAYS_AGO,
    ],
    '--market --league "Liga Demo"': ["report", "--market", "--league", "Liga Demo"],
    "report --market": ["report", "--market"],
    "report --all-clubs": ["report", "--all-clubs"],
    '--club "Los Blancos"': LOS_BLANCOS,
    "report -p source_weights learned": [*LOS_BLANCOS, "-p", "source_weights", "learned"],
    "report -p half_life_days 7": [*LOS_BLANCOS, "-p", "half_life_days", "7"],
    "python -m analysis backtest": ["backtest"],
    "--to 2025-06-30 --horizon-windows 1": ["backtest", "--to", "2025-06-30", "--horizon-windows", "1"],
    "--horizon-windows 1": ["backtest", "--to", "2025-06-30", "--horizon-windows", "1"],
}
# values the README says are refused: each is one line and exit 2, before anything is written
REFUSED = {
    "-p half_life_days -3": [*LOS_BLANCOS, "-p", "half_life_days", "-3"],
    "-p min_source_tier 5": [*LOS_BLANCOS, "-p", "min_source_tier", "5"],
    "-p source_weights lerned": [*LOS_BLANCOS, "-p", "source_weights", "lerned"],
}
# run elsewhere, being large or not this command's: said here so that every example is accounted for
RUN_ELSEWHERE = {
    "--rumours 1000000": "a million rumours for benchmarks: benchmarks/run.py (make bench) generates them",
    "-p club 007": "papermill's own option (the README's note to papermill users)",
    "-r club 007": "papermill's own option (the README's note to papermill users)",
}
PLACEHOLDERS = re.compile(r"\[|\.\.\.|\b(NAME|DIR|FILE|N|DATE|YYYY-MM-DD|SECONDS|CONFIDENCE)\b")


def readme_examples(text: str) -> set[str]:
    """Commands with real values: python -m analysis lines of the sh and cron blocks, and code spans
    that are a command (`report ...`) or options with values (`--club "Los Blancos"`)."""
    found = set()
    for block in re.findall(r"```(?:sh|cron)\n(.*?)```", text, re.S):
        for line in block.splitlines():
            for command in re.findall(r"python -m analysis ([^&>]+)", line):
                found.add(command.strip() if command.strip() != "ingest" else "python -m analysis ingest")
    for span in re.findall(r"`([^`\n]+)`", text):
        if re.match(r"(python -m analysis |report |ingest |backtest |synth )", span) or (
            re.match(r"-{1,2}[a-z]", span) and " " in span
        ):
            found.add(span)
    return {f for f in found if not PLACEHOLDERS.search(f)}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> dict:
    """A copy of the shipped raw data (and, for the --snapshot-date example, the squad export it
    names), each ingest example building its own warehouse beside it."""
    root = tmp_path_factory.mktemp("readme")
    raw = root / "raw"
    shutil.copytree(config.RAW_DIR, raw)
    squad = config.PROJECT_ROOT / "tests" / "fixtures" / "transfermarkt" / "squad.csv"
    return {"root": root, "raw": raw, "squad": squad}


def _run(args: list[str], shipped: dict, name: str):
    root = shipped["root"]
    command = args[0]
    if command == "ingest":
        raw = shipped["raw"]
        if any(a.startswith("contracts/squad_2022.csv") for a in args):
            raw = root / f"raw-{name}"
            shutil.copytree(shipped["raw"], raw)
            shutil.copy(shipped["squad"], raw / "contracts" / "squad_2022.csv")
        return run_cli(*args, "--raw", str(raw), "--warehouse", str(root / f"{name}.duckdb"))
    return run_cli(*args, "--warehouse", str(root / "shipped.duckdb"), "--out", str(root / "out" / name))


@pytest.mark.slow
def test_every_readme_command_runs_on_the_shipped_data(shipped):
    readme = (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    built = run_cli("ingest", "--raw", str(shipped["raw"]), "--warehouse", str(shipped["root"] / "shipped.duckdb"))
    assert built.returncode == 0, built.stderr
    done: dict[tuple[str, ...], str] = {}
    for n, (text, args) in enumerate(EXAMPLES.items()):
        assert text in readme, f"the README no longer shows {text!r}: update EXAMPLES"
        if tuple(args) in done:  # one run for several fragments of one command
            continue
        result = _run(args, shipped, f"example-{n}")
        assert result.returncode == 0, f"README example {text!r} failed:\n{result.stdout[-2000:]}\n{result.stderr}"
        done[tuple(args)] = text
    league = (
        shipped["root"] / "out" / f"example-{list(EXAMPLES).index(next(iter(k for k in EXAMPLES if 'Premier' in k)))}"
    )
    assert (league / "liverpool" / "index.html").is_file() and (league / "market" / "index.html").is_file()


@pytest.mark.slow
def test_the_readme_market_watch_helper_runs_on_the_shipped_data(shipped):
    warehouse = shipped["root"] / "helper.duckdb"
    assert run_cli("ingest", "--raw", str(shipped["raw"]), "--warehouse", str(warehouse)).returncode == 0
    readme = " ".join((config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8").split())
    call = 'market.market_watch("2025-03-10", league="Premier League")'
    assert call in readme
    from analysis.marts import market

    watch = market.market_watch("2025-03-10", league="Premier League", warehouse=warehouse)
    assert watch.scope.clubs == ("Liverpool",)


def test_every_readme_example_is_run_by_this_test_or_said_to_run_elsewhere():
    shown = readme_examples((config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8"))
    assert "python -m analysis ingest" in shown and '--market --league "Liga Demo"' in shown
    missing = shown - set(EXAMPLES) - set(REFUSED) - set(RUN_ELSEWHERE)
    assert not missing, f"README examples no test runs: {sorted(missing)}"


def test_the_readme_lists_every_warehouse_table_and_reference_file(article_warehouse):
    """Audit: the ref_* tables, warehouse_info, intensity.yml and no_club_names.csv were missing from
    the README's lists. A table or reference file added without a line there fails here."""
    import duckdb

    readme = (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    where_rows_go = readme.split("### Nothing is lost: where every row goes", 1)[1].split("\n\n", 2)[1]
    reference = readme.split("### Reference data", 1)[1].split("These files are checked", 1)[0]
    listed = set(re.findall(r"`([a-z_]+)`", where_rows_go))
    with duckdb.connect(str(article_warehouse), read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables - listed == set(), "warehouse tables the README does not list"
    shipped = {p.name for p in config.REFERENCE_DIR.iterdir() if p.is_file()} | {"profiles/*.yml"}
    assert shipped == set(re.findall(r"^\| `([^`]+)` \|", reference, re.M))
