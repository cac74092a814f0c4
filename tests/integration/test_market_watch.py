"""`python -m analysis report --market` and `--league` end to end (SPEC 11), on a warehouse built
for the purpose (tests/market_data.py): each kind of news in the window shows in its section and
CSV, nothing older or later does, and an empty section says so."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.market_data import AS_OF, HOSTILE_CLUB, HOSTILE_PLAYER, PATH_CLUB, build_market_warehouse

pytestmark = pytest.mark.slow


def market(warehouse: Path, out: Path, *extra: str):
    return run_cli("report", "--market", "--as-of", AS_OF, "--warehouse", str(warehouse), "--out", str(out), *extra)


def rows(out: Path, section: str) -> list[dict]:
    with (out / "market" / "charts" / f"{section}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def header(out: Path, section: str) -> list[str]:
    with (out / "market" / "charts" / f"{section}.csv").open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def page_text(out: Path) -> str:
    """The market page's words as a reader sees them (tags dropped, entities read)."""
    import html

    text = (out / "market" / "index.html").read_text(encoding="utf-8")
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", text, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return build_market_warehouse(tmp_path_factory.mktemp("market"))


@pytest.fixture(scope="module")
def week(warehouse, tmp_path_factory):
    """The default window: the week before the as-of date (after 3 March up to 10 March 2025)."""
    out = tmp_path_factory.mktemp("week") / "out"
    return out, market(warehouse, out)


def test_the_market_page_and_its_files_are_where_spec_11_puts_them(week):
    out, result = week
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "market" / "index.html").is_file() and (out / "market" / "market_watch.ipynb").is_file()
    assert (out / "market" / "plotly.min.js").is_file()
    for section in (
        "new_pursuits",
        "movers",
        "new_stages",
        "contract_milestones",
        "completed_moves",
        "expiry_cliff",
        "move_probability",
        "outlet_reliability",
    ):
        assert (out / "market" / "charts" / f"{section}.csv").is_file(), section
    assert header(out, "movers")[:5] == ["player", "interested_club", "intensity", "intensity_before", "change"]
    assert header(out, "new_stages")[:5] == ["reported_on", "player", "interested_club", "stage", "source"]
    assert 'href="market/index.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert "[1/1] market/market_watch" in result.stdout


def test_a_new_pursuit_shows_and_an_older_one_does_not(week):
    out, _ = week
    pairs = {(r["player"], r["interested_club"]): r for r in rows(out, "new_pursuits")}
    assert set(pairs) == {("Spanish Star", "Alpha FC"), (HOSTILE_PLAYER, "Alpha FC"), ("Walker Path", HOSTILE_CLUB)}
    assert pairs[("Spanish Star", "Alpha FC")]["first_reported_on"] == "2025-03-05"
    assert pairs[("Spanish Star", "Alpha FC")]["player_club"] == "Gamma CF"
    # Beta have chased Old Timer since 1 February, and Delta's approach for Window Man came on
    # 3 March itself: neither is new after 3 March
    text = page_text(out)
    assert "Alpha eye" not in text and "Spanish Star" in text


def test_a_bid_is_a_new_stage_and_a_repeated_or_later_one_is_not(week):
    out, _ = week
    stages = {(r["player"], r["interested_club"], r["stage"]): r for r in rows(out, "new_stages")}
    assert set(stages) == {
        ("Old Timer", "Beta United", "bid"),
        (HOSTILE_PLAYER, "Alpha FC", "bid"),
        ("Walker Path", HOSTILE_CLUB, "approach"),
    }, "out: Gamma's second bid for Year Man (first in February), Delta's approach on 3 March, its agreement after"
    bid = stages[("Old Timer", "Beta United", "bid")]
    assert (bid["reported_on"], bid["source"]) == ("2025-03-04", "Marca")
    assert "Beta bid for Old Timer" in page_text(out)


def test_contracts_entering_their_pre_contract_window_or_final_year(week):
    out, _ = week
    found = {(r["player"], r["milestone"], r["entered_on"]) for r in rows(out, "contract_milestones")}
    assert found == {
        ("Window Man", "pre-contract window", "2025-03-06"),
        ("Year Man", "final year", "2025-03-09"),
    }, "Past Window entered its pre-contract window on 1 March, before the window"
    text = page_text(out)
    assert "Window Man" in text and "pre-contract window" in text and "Past Window" not in text


def test_a_completed_move_in_the_window_shows_and_an_older_one_does_not(week):
    out, _ = week
    moves = rows(out, "completed_moves")
    assert [(m["player"], m["from_club"], m["to_club"], m["known_on"]) for m in moves] == [
        ("Mover Guy", "Gamma CF", "Delta SC", "2025-03-07")
    ]
    assert "Early Mover" not in page_text(out)


def test_movers_rise_with_news_and_fall_with_silence(week):
    out, _ = week
    movers = {(r["player"], r["interested_club"]): r for r in rows(out, "movers")}
    new = movers[("Spanish Star", "Alpha FC")]
    assert float(new["intensity_before"]) == 0 and float(new["change"]) == pytest.approx(float(new["intensity"]))
    assert float(movers[("Year Man", "Gamma CF")]["change"]) > 0, "a second bid"
    quiet = movers[("Old Timer", "Beta United")]
    assert float(quiet["change"]) > 0, "the bid of 4 March outweighs the decay"
    changes = [float(r["change"]) for r in rows(out, "movers")]
    assert changes == sorted(changes, reverse=True), "risers first, fallers last"


def test_an_empty_section_says_nothing_new(warehouse, tmp_path):
    out = tmp_path / "out"
    result = market(warehouse, out, "--since", "2025-03-08")
    assert result.returncode == 0, result.stdout + result.stderr
    assert rows(out, "completed_moves") == [] and header(out, "completed_moves")[:3] == [
        "known_on",
        "player",
        "from_club",
    ]
    assert rows(out, "new_stages") == [], "the approach of 8 March is not after 8 March"
    text = page_text(out)
    assert "Nothing new: no completed move after 8 Mar 2025 up to 10 Mar 2025." in text
    assert (
        "Nothing new: no chase reaching approach, bid, agreed, completed or ruled out for the first time after "
        "8 Mar 2025" in text
    )
    assert [r["player"] for r in rows(out, "contract_milestones")] == ["Year Man"], "9 March is in this window"
    assert re.search(
        r"^report as of 2025-03-10: 1 notebook for 0 clubs and the market watch into ", result.stdout, re.M
    )
    top = " ".join(re.sub(r"<[^>]+>", " ", (out / "index.html").read_text(encoding="utf-8")).split())
    assert "What changed across all clubs:" in top, "not 'across All clubs'"


def test_a_league_filter_keeps_that_leagues_clubs(warehouse, tmp_path):
    out = tmp_path / "out"
    result = market(warehouse, out, "--league", "liga DEMO")  # names as analysts type them
    assert result.returncode == 0, result.stdout + result.stderr
    assert {(r["player"], r["stage"]) for r in rows(out, "new_stages")} == {
        (HOSTILE_PLAYER, "bid"),
        ("Walker Path", "approach"),
    }, "Old Timer (Alpha FC) chased by Beta United: both in Test League"
    assert [m["player"] for m in rows(out, "completed_moves")] == ["Mover Guy"]
    assert rows(out, "contract_milestones") == []
    assert "Liga Demo" in page_text(out)
    # outlets are ranked on their whole record, not the league's: the chart says whose it is
    outlets = (out / "market" / "charts" / "outlet_reliability.html").read_text(encoding="utf-8")
    assert "Every outlet: how often each outlet" in outlets and "Liga Demo: how often" not in outlets
    result = market(warehouse, tmp_path / "again", "--country", "Narnia")
    assert result.returncode == 2
    assert "unknown country 'Narnia' in the clubs reference; it lists: England, Spain" in result.stderr


def test_an_unknown_league_names_the_known_ones(warehouse, tmp_path):
    result = run_cli("report", "--league", "Premier Leage", "--warehouse", str(warehouse), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: unknown league 'Premier Leage' in the clubs reference; it lists: Liga Demo, Test League"
    )
    assert not (tmp_path / "o").exists(), "refused before anything is written"


def test_a_clubs_reference_listing_no_club_says_the_reference_is_needed(raw, tmp_path):
    """A reference folder whose clubs.csv lists no club (header only, as a user may start one): not
    'unknown league ... it lists: none', but what is missing and where to add it."""
    import shutil

    from analysis import config
    from tests.conftest import GOOD_ROW

    reference = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, reference)
    (reference / "clubs.csv").write_text("club,league,country,club_id\n", encoding="utf-8")
    raw.rumours("r.csv", GOOD_ROW)
    raw.ingest(reference)
    result = run_cli(
        "report", "--league", "Premier League", "--warehouse", str(raw.warehouse), "--out", str(tmp_path / "o")
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: filtering by league or country needs the clubs reference (data/reference/clubs.csv: club, league, "
        "country), which lists no club in this warehouse; add it and run `python -m analysis ingest`"
    )
    assert not (tmp_path / "o").exists()


@pytest.fixture(scope="module")
def league(warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("league") / "out"
    result = run_cli(
        "report", "--league", "Test League", "--as-of", AS_OF, "--warehouse", str(warehouse), "--out", str(out)
    )
    return out, result


def test_a_league_run_reports_every_club_of_the_league_with_the_market_on_top(league):
    out, result = league
    assert result.returncode == 0, result.stdout + result.stderr
    folders = sorted(p.parent.name for p in out.glob("*/report.json"))
    assert folders == ["alpha-fc", "beta-united", "evil-fc", "market"]
    top = (out / "index.html").read_text(encoding="utf-8")
    assert top.index('href="market/index.html"') < top.index('href="alpha-fc/index.html"'), "market on top"
    assert all(f'href="{f}/index.html"' in top for f in folders)
    progress = re.findall(r"^\[(\d+)/(\d+)\] (\S+) [\d.]+s ok$", result.stdout, re.M)
    assert [int(n) for n, _, _ in progress] == list(range(1, len(progress) + 1))
    assert {total for _, total, _ in progress} == {str(len(progress))}
    assert {"market/market_watch", "alpha-fc/interest_intensity", "evil-fc/expiry_timeline"} <= {
        p for *_, p in progress
    }
    assert "Test League: 3 clubs with a squad or a pursuit on" in result.stdout


def test_the_market_page_links_the_club_reports_in_its_folder(league):
    out, _ = league
    page = (out / "market" / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'<a href="(\.\./[^"]+)"', page))
    assert links == {"../alpha-fc/index.html", "../beta-united/index.html", "../evil-fc/index.html"}
    assert all((out / "market" / link).resolve().is_file() for link in links)
    assert '<a href="../beta-united/index.html">Beta United</a>' in page, "Beta's bid links Beta's report"
    assert HOSTILE_CLUB not in page and "&lt;img src=x onerror=" in page, "data is text, never markup"


def test_the_log_and_the_page_record_the_warehouse_behind_them(league, warehouse):
    import duckdb

    out, _ = league
    with duckdb.connect(str(warehouse), read_only=True) as con:
        files = con.execute("SELECT count(*) FROM ingest_files").fetchone()[0]  # 2, or 3 once transfers are ingested
    log = (out / "report.log").read_text(encoding="utf-8")
    built = rf"built \d{{4}}-\d\d-\d\d \d\d:\d\d UTC from {files} raw file"
    assert re.search(rf"warehouse \S+warehouse.duckdb {built}", log), log
    assert "raw file rumours/market.csv (rumours): 9 read, 9 accepted, 0 rejected, 0 duplicates" in log
    assert "time per notebook" in log
    text = page_text(out)
    assert re.search(built, text)
    assert "rumours/market.csv" in text and "older than its newest raw file" not in text


def test_a_stale_warehouse_says_so_in_the_log_and_on_the_page(tmp_path):
    warehouse = build_market_warehouse(tmp_path / "w")
    later = time.time() + 3600
    os.utime(tmp_path / "w" / "raw" / "rumours" / "market.csv", (later, later))  # edited after the build
    out = tmp_path / "out"
    result = market(warehouse, out)
    assert result.returncode == 0, result.stdout + result.stderr
    warning = "is older than its newest raw file rumours/market.csv"
    assert "WARNING: the warehouse (built " in result.stdout and warning in result.stdout
    assert warning in (out / "report.log").read_text(encoding="utf-8")
    assert warning in page_text(out)


def test_no_club_name_makes_a_path_outside_the_folder(league):
    out, _ = league
    assert PATH_CLUB not in {p.name for p in out.rglob("*")}
    written = [p.resolve() for p in out.parent.rglob("*") if p.is_file()]
    assert all(out.resolve() in p.parents for p in written)


def test_a_reference_file_edited_after_the_build_is_said_and_an_emptied_raw_folder_is_no_crash(tmp_path):
    """Trial 2: an analyst edits aliases.csv and runs a report without ingesting: the report must
    say the edit is not in it yet. And reports only read: a raw folder emptied since the build is not
    an ingest error for them."""
    from analysis.report.freshness import freshness

    warehouse = build_market_warehouse(tmp_path / "w")
    assert freshness(warehouse).warning() is None
    later = time.time() + 3600
    os.utime(tmp_path / "w" / "reference" / "aliases.csv", (later, later))
    warning = freshness(warehouse).warning()
    assert warning is not None and "is older than its newest reference file aliases.csv (changed " in warning
    for path in (tmp_path / "w" / "raw").rglob("*.csv"):
        path.unlink()
    assert "reference file aliases.csv" in (freshness(warehouse).warning() or "")


def test_an_expiry_cliff_before_any_contract_is_recorded_says_so_not_that_none_runs_out(raw):
    """Trial 4: as of 2020, before the first squad export (1 Sep 2023), the market watch's cliff said
    'No contract runs out after the as-of date', as if the squads were known; the club pages said no
    contract was on record. After the contracts all ran out, none runs out is right."""
    from analysis.report import market as market_report

    raw.rumours("r.csv", "2023-09-02,Mohamed Salah,Liverpool,Al-Hilal,Marca,,interest,,,")
    raw.contracts(
        "squad.csv", "Mohamed Salah,Liverpool,2025-06-30,2023-09-01", "Virgil van Dijk,Liverpool,2025-06-30,2023-09-01"
    )
    raw.ingest()
    before = market_report.expiry_cliff(market_report.watch(dt.date(2020, 1, 1), warehouse=raw.warehouse))
    said = (
        "No contract on record on 1 Jan 2020: no contract file lists a player then (the first is recorded on "
        "1 Sep 2023)."
    )
    assert before.data.empty and before.empty == said
    assert said in [a.text for a in before.figure.layout.annotations]
    after = market_report.expiry_cliff(market_report.watch(dt.date(2026, 1, 1), warehouse=raw.warehouse))
    assert after.data.empty and after.empty == "No contract runs out after the as-of date."
    during = market_report.expiry_cliff(market_report.watch(dt.date(2024, 1, 1), warehouse=raw.warehouse))
    assert during.empty is None and during.data["contracts"].tolist() == [2]


def test_completed_moves_put_signings_first_and_count_returns_and_departures_to_no_club(raw):
    """Trial 5: around 1 July a dump's transfers list hundreds of released and retired players and
    loan returns among the signings (447 moves, 265 signings); the section lists signings first,
    then loan returns, then departures to no club, and says how many of each."""
    from analysis.report import market as market_report

    raw.rumours("r.csv", "2024-06-20,Mohamed Salah,Liverpool,Al-Hilal,Marca,,interest,,,")
    raw.write(
        "transfers/t.csv",
        "player,from_club,to_club,transfer_date,fee,is_loan\n"
        "Old Boy,AC Milan,Retired,2024-07-01,,false\n"
        'Loan Man,Aston Villa,Manchester United,2024-06-30,"End of loanJun 30, 2024",false\n'
        "Mohamed Salah,Liverpool,Al-Hilal,2024-07-02,€150m,false\n"
        "Free Man,Antalyaspor,Without Club,2024-07-03,,false\n",
    )
    raw.ingest()
    moves = market_report.completed_moves(
        market_report.watch(dt.date(2024, 7, 5), since="2024-06-27", warehouse=raw.warehouse)
    )
    assert moves.data["player"].tolist() == ["Mohamed Salah", "Loan Man", "Free Man", "Old Boy"]
    assert moves.data["loan_return"].tolist() == [False, True, False, False]
    assert moves.intro == (
        "1 move to a club first, then 1 return from a loan and 2 players leaving for no club (released, retired)."
    )


def test_a_renewal_in_the_window_is_a_milestone_with_its_old_end(raw):
    """Trial 6: van Dijk's recorded renewal showed in no section of the watch. A renewal is a record
    dated in the window with the club of his previous one, running longer; a record repeating the
    same end, a move, an undated record and a renewal before the window are not listed."""
    from analysis.marts import market as mart

    raw.contracts(
        "squad.csv",
        "Virgil van Dijk,Liverpool,2025-06-30,",  # undated: from the far past
        "Virgil van Dijk,Liverpool,2027-06-30,2025-04-12",  # renewed in the window
        "Mohamed Salah,Liverpool,2025-06-30,2024-09-01",
        "Mohamed Salah,Liverpool,2025-06-30,2025-04-11",  # the same end again: no news
        "Trent Alexander-Arnold,Liverpool,2025-06-30,2024-09-01",
        "Trent Alexander-Arnold,Real Madrid,2031-06-30,2025-04-13",  # a move, not a renewal
        "Andrew Robertson,Liverpool,2026-06-30,2024-09-01",
        "Andrew Robertson,Liverpool,2027-06-30,2025-04-01",  # renewed before the window
        "Ibrahima Konaté,Liverpool,2026-06-30,2024-09-01",
        "Ibrahima Konaté,Liverpool,2026-06-30,2025-04-14",  # two records of one day: the later line holds
        "Ibrahima Konaté,Liverpool,2029-06-30,2025-04-14",
        "Alisson Becker,Liverpool,2026-06-30,",
        "Alisson Becker,Liverpool,2029-06-30,",  # undated both: no renewal date to speak of
        "Harvey Elliott,Liverpool,2025-10-13,2024-09-01",  # enters his pre-contract window in the window
    )
    raw.rumours("r.csv", "2025-04-10,Virgil van Dijk,Liverpool,Real Madrid,Marca,,interest,,,")
    raw.ingest()
    watch = mart.market_watch("2025-04-15", "2025-04-08", warehouse=raw.warehouse)
    renewed = watch.contract_milestones[watch.contract_milestones["milestone"] == "renewed"]
    got = [
        (r.player, r.club, str(r.entered_on)[:10], str(r.contract_expires)[:10], str(r.contract_expires_before)[:10])
        for r in renewed.itertuples()
    ]
    assert got == [
        ("Ibrahima Konaté", "Liverpool", "2025-04-14", "2029-06-30", "2026-06-30"),
        ("Virgil van Dijk", "Liverpool", "2025-04-12", "2027-06-30", "2025-06-30"),
    ]
    assert renewed.set_index("player").loc["Virgil van Dijk", "top_suitor"] == "Real Madrid"
    others = watch.contract_milestones[watch.contract_milestones["milestone"] != "renewed"]
    assert list(zip(others["player"], others["milestone"])) == [("Harvey Elliott", "pre-contract window")]
    assert others["contract_expires_before"].isna().all()
