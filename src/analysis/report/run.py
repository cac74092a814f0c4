"""Report runs: parameterised notebooks executed by papermill, exported as offline HTML (SPEC 6-7).

Layout of `--out DIR`:
    DIR/index.html                        links to each club's report
    DIR/report.log                        what ran, when, and what failed
    DIR/<club-slug>/index.html            links to everything below
    DIR/<club-slug>/plotly.min.js         the one plotly.js every page of the club's report shares
    DIR/<club-slug>/<notebook>.ipynb      executed notebooks (errors kept visible)
    DIR/<club-slug>/<notebook>.html       the same, code hidden, charts interactive
    DIR/<club-slug>/charts/<chart>.html   each chart alone; charts/<chart>.csv its data

A failing notebook does not stop the others: it is kept with its error, listed in the index and
the log, and the command exits non-zero naming it. Notebooks only read the warehouse (read-only),
so a run may overlap an analyst's JupyterLab session or another report.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from analysis import config
from analysis.errors import UserError
from analysis.report.execute import (
    Job,
    Outcome,
    export_outcome,
    import_papermill,
    quiet_worker,
    run_job,
)
from analysis.report.export import warm_exporter, write_plotly_js
from analysis.report.pages import MANIFEST, write_indexes
from analysis.report.parameters import check_date, check_warehouse
from analysis.report.paths import inside, unique_slugs

NOTEBOOKS = ("interest_intensity", "expiry_timeline")
DOSSIER_NOTEBOOK = "player_dossier"
DOSSIERS_PER_CLUB = 3
log = logging.getLogger("analysis.report")


@dataclass(frozen=True)
class ReportOptions:
    """One report run, as the command line or a scheduler asks for it."""

    clubs: tuple[str, ...]
    as_of: str | dt.date | None = None  # default: today
    warehouse: Path | None = None  # default: config.warehouse_path()
    out: Path | None = None  # default: reports/<as-of>
    png: bool = False
    jobs: int = 2
    timeout: int | None = 900  # seconds per cell


REPORT_FILES = (
    *(f"{name}.{ext}" for name in (*NOTEBOOKS, f"{DOSSIER_NOTEBOOK}-*") for ext in ("ipynb", "html")),
    "index.html",
    MANIFEST,
    "charts/*.html",
    "charts/*.csv",
    "charts/*.png",
    ".plotly-*.js",  # left by a kernel stopped while it swapped plotly.min.js in
)


def clear_previous(folder: Path) -> None:
    """A run replaces the club's report in its folder: last run's dossiers and charts would
    otherwise still be linked, under another date, as if current. Only the files a report writes
    go (its notebooks by name, its index, charts/): anything else an analyst put there stays."""
    for pattern in REPORT_FILES:
        for path in folder.glob(pattern):
            inside(folder, str(path.relative_to(folder)))  # a link planted here, leading out: refused
            if path.is_file():
                path.unlink()


def _dossier_players(club: str, as_of: dt.date, warehouse: Path, count: int) -> list[str]:
    from analysis import marts

    with marts.focus(club, as_of=as_of, warehouse=warehouse) as session:
        return session.dossier_players(count)


def club_jobs(club: str, slug: str, as_of: dt.date, warehouse: Path, out: Path, png: bool) -> list[Job]:
    """The club's own notebooks: known without asking the warehouse anything."""
    return [
        Job(
            slug,
            notebook,
            notebook,
            {**_common(slug, as_of, warehouse, out, png), "club": club},
            f"{club}: {notebook.replace('_', ' ')} as of {as_of:%d %b %Y}",
        )
        for notebook in NOTEBOOKS
    ]


def dossier_jobs(club: str, slug: str, as_of: dt.date, warehouse: Path, out: Path, png: bool) -> list[Job]:
    """Dossiers for the club's most-chased players, then for the players it chases hardest; each
    player's files carry his own slug (told apart if two names share one: O'Neil, O-Neil)."""
    players = _dossier_players(club, as_of, warehouse, DOSSIERS_PER_CLUB)
    slugs = unique_slugs(players, "player")
    return [
        Job(
            slug,
            DOSSIER_NOTEBOOK,
            f"{DOSSIER_NOTEBOOK}-{slugs[player]}",
            {**_common(slug, as_of, warehouse, out, png), "player": player, "slug": slugs[player]},
            f"{player}: dossier as of {as_of:%d %b %Y}",
        )
        for player in players
    ]


def _common(slug: str, as_of: dt.date, warehouse: Path, out: Path, png: bool) -> dict:
    return {"as_of": as_of.isoformat(), "warehouse": str(warehouse), "output_dir": str(inside(out, slug)), "png": png}


def _setup_log(out: Path) -> logging.Handler:
    handler = logging.FileHandler(inside(out, "report.log"), encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return handler


def _say(message: str, *, error: bool = False) -> None:
    """Progress to the terminal (or cron's mail) and the run log alike."""
    (log.error if error else log.info)(message)
    print(message, file=sys.stderr if error else sys.stdout, flush=True)


def _prepare_clubs(
    names: tuple[str, ...], warehouse: Path, out: Path, problems: list[tuple[str, str]]
) -> dict[str, str]:
    """Canonical club -> slug for every club that can be reported; unknown names and folders that
    cannot be written go to `problems`, so the other clubs still run."""
    from analysis.identity import lookup

    clubs = []
    for name in names:
        try:
            clubs.append(lookup.resolve_name(name, "club", warehouse))
        except UserError as exc:
            problems.append((name, str(exc)))
            _say(f"FAILED {name}: {exc}", error=True)
    slugs = unique_slugs(list(dict.fromkeys(clubs)), "club", others=lookup.known_names("club", warehouse))
    ready = {}
    for club, slug in slugs.items():
        try:
            folder = inside(out, slug)
            clear_previous(folder)
            write_plotly_js(folder)
            ready[club] = slug
        except (OSError, UserError) as exc:  # this club cannot be written; the others still can
            why = f"cannot write its report in {out / slug}: {exc}"
            problems.append((club, why))
            _say(f"FAILED {club}: {why}", error=True)
    return ready


def run_reports(options: ReportOptions) -> int:
    import_papermill()
    as_of = check_date(options.as_of)
    warehouse = check_warehouse(options.warehouse)
    out = (Path(options.out) if options.out else config.REPORTS_DIR / as_of.isoformat()).resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
        handler = _setup_log(out)
    except OSError as exc:
        raise UserError(f"{out}: cannot write the report there: {exc.strerror or exc}") from None
    try:
        problems: list[tuple[str, str]] = []  # (what, why): unknown clubs, unwritable folders, dossiers not chosen
        slugs = _prepare_clubs(options.clubs, warehouse, out, problems)
        clubs = list(slugs)
        outcomes: list[Outcome] = []
        cell_timeout = options.timeout
        workers = max(1, min(options.jobs, 2 * len(clubs) or 1))
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, initializer=quiet_worker, initargs=(str(inside(out, "report.log")),)
        ) as pool:
            futures: dict[concurrent.futures.Future, Job] = {}

            def submit(jobs) -> None:
                futures.update({pool.submit(run_job, job, str(out), cell_timeout): job for job in jobs})

            for club in clubs:  # the club notebooks start while the dossiers are still being chosen
                submit(club_jobs(club, slugs[club], as_of, warehouse, out, options.png))
            for club in clubs:
                try:
                    submit(dossier_jobs(club, slugs[club], as_of, warehouse, out, options.png))
                except UserError as exc:  # the club's own notebooks still run
                    problems.append((f"{club} (dossiers)", str(exc)))
                    _say(f"FAILED {club} dossiers: {exc}", error=True)
            _say(f"report as of {as_of}: {len(futures)} notebooks for {len(clubs)} club(s) into {out}")
            warm_exporter()  # HTML export happens here, so the workers go straight on to the next notebook
            for n, future in enumerate(concurrent.futures.as_completed(futures), 1):
                job = futures[future]
                try:
                    outcome = export_outcome(future.result(), out)
                except Exception as exc:  # the worker itself died
                    outcome = Outcome(job, False, 0.0, f"worker failed: {exc}")
                outcomes.append(outcome)
                status = "ok" if outcome.ok else f"FAILED: {outcome.error}"
                _say(
                    f"[{n}/{len(futures)}] {job.club_slug}/{job.output_name} {outcome.seconds:.1f}s {status}",
                    error=not outcome.ok,
                )
        write_indexes(out, {club: slugs[club] for club in clubs}, outcomes, problems, as_of)
        failed = [o for o in outcomes if not o.ok]
        if failed or problems:
            names = [f"{o.job.club_slug}/{o.job.output_name}" for o in failed] + [u[0] for u in problems]
            _say(f"report finished with failures: {', '.join(names)} (see {out / 'report.log'})", error=True)
            return 1
        _say(f"report written: open {out / 'index.html'}")
        return 0
    finally:
        log.removeHandler(handler)
        handler.close()
