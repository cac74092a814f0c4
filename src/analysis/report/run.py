"""Report runs: parameterised notebooks executed by papermill, exported as offline HTML (SPEC 6-7, 11).

Layout of `--out DIR`:
    DIR/index.html                        links the market watch and each club's report
    DIR/report.log                        what ran, when, on which warehouse, and what failed
    DIR/market/index.html                 the market watch (SPEC 11); market/charts/<section>.csv
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
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    time_breakdown,
)
from analysis.report.export import warm_exporter, write_plotly_js
from analysis.report.manifests import MANIFEST, MARKET, write_manifest
from analysis.report.pages import now_text, write_indexes
from analysis.report.parameters import (
    check_date,
    check_values,
    check_warehouse,
    declared_parameters,
    notebook_values,
    reach_warnings,
)
from analysis.report.paths import inside, unique_slugs
from analysis.wording import plural

NOTEBOOKS = ("interest_intensity", "expiry_timeline")
DOSSIER_NOTEBOOK = "player_dossier"
MARKET_NOTEBOOK = "market_watch"
DOSSIERS_PER_CLUB = 3
log = logging.getLogger("analysis.report")


@dataclass(frozen=True)
class ReportOptions:
    """One report run, as the command line or a scheduler asks for it."""

    clubs: tuple[str, ...] = ()
    as_of: str | dt.date | None = None  # default: today
    warehouse: Path | None = None  # default: config.warehouse_path()
    out: Path | None = None  # default: reports/<as-of>
    png: bool = False
    jobs: int = 2
    timeout: int | None = 900  # seconds per cell
    market: bool = False  # the market watch into DIR/market/
    since: str | dt.date | None = None  # the market watch's window start; default a week before as_of
    all_clubs: bool = False  # every club with a squad on as_of (in the league or country, when given)
    league: str | None = None  # the clubs of one league (clubs reference); also narrows the market watch
    country: str | None = None  # the clubs of one country, likewise
    parameters: Mapping[str, str] = field(default_factory=dict)  # -p NAME VALUE / --parameters, as text

    @property
    def every_club(self) -> bool:
        """--all-clubs, or --league/--country on their own: every club in scope, market on top."""
        scoped = bool(self.league or self.country)
        return self.all_clubs or (scoped and not self.clubs and not self.market)

    @property
    def with_market(self) -> bool:
        return self.market or self.every_club


REPORT_FILES = (
    *(f"{name}.{ext}" for name in (*NOTEBOOKS, f"{DOSSIER_NOTEBOOK}-*") for ext in ("ipynb", "html")),
    "index.html",
    MANIFEST,
    "charts/*.html",
    "charts/*.csv",
    "charts/*.png",
    ".plotly-*.js",  # left by a kernel stopped while it swapped plotly.min.js in
)
MARKET_FILES = (f"{MARKET_NOTEBOOK}.ipynb", "index.html", MANIFEST, "charts/*.html", "charts/*.csv", "charts/*.png")


def clear_previous(folder: Path, patterns: tuple[str, ...] = REPORT_FILES) -> None:
    """A run replaces the club's report in its folder: last run's dossiers and charts would
    otherwise still be linked, under another date, as if current. Only the files a report writes
    go (its notebooks by name, its index, charts/): anything else an analyst put there stays."""
    for pattern in patterns:
        for path in folder.glob(pattern):
            inside(folder, str(path.relative_to(folder)))  # a link planted here, leading out: refused
            if path.is_file():
                path.unlink()


def _dossier_players(club: str, as_of: dt.date, warehouse: Path, count: int) -> list[str]:
    from analysis import marts

    with marts.focus(club, as_of=as_of, warehouse=warehouse) as session:
        return session.dossier_players(count)


def club_jobs(club: str, slug: str, as_of: dt.date, warehouse: Path, out: Path, png: bool, given=None) -> list[Job]:
    """The club's own notebooks: known without asking the warehouse anything."""
    given = given or {}
    return [
        Job(
            slug,
            notebook,
            notebook,
            {**given.get(notebook, {}), **_common(slug, as_of, warehouse, out, png), "club": club},
            f"{club}: {notebook.replace('_', ' ')} as of {as_of:%d %b %Y}",
        )
        for notebook in NOTEBOOKS
    ]


def dossier_jobs(club: str, slug: str, as_of: dt.date, warehouse: Path, out: Path, png: bool, given=None) -> list[Job]:
    """Dossiers for the club's most-chased players, then for the players it chases hardest; each
    player's files carry his own slug (told apart if two names share one: O'Neil, O-Neil)."""
    given = given or {}
    players = _dossier_players(club, as_of, warehouse, DOSSIERS_PER_CLUB)
    slugs = unique_slugs(players, "player")
    return [
        Job(
            slug,
            DOSSIER_NOTEBOOK,
            f"{DOSSIER_NOTEBOOK}-{slugs[player]}",
            {
                **given.get(DOSSIER_NOTEBOOK, {}),
                **_common(slug, as_of, warehouse, out, png),
                "player": player,
                "slug": slugs[player],
            },
            f"{player}: dossier as of {as_of:%d %b %Y}",
        )
        for player in players
    ]


def market_job(options: ReportOptions, as_of: dt.date, since: dt.date, scope, warehouse: Path, out: Path, given) -> Job:
    parameters = {
        **given.get(MARKET_NOTEBOOK, {}),
        **_common(MARKET, as_of, warehouse, out, options.png),
        "since": since.isoformat(),
        "league": options.league or "",
        "country": options.country or "",
    }
    title = f"Market watch, {scope.label}: {since.day} {since:%b} to {as_of.day} {as_of:%b %Y}"
    return Job(MARKET, MARKET_NOTEBOOK, MARKET_NOTEBOOK, parameters, title, page="index")


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
    clubs: list[str], warehouse: Path, out: Path, as_of: dt.date, problems: list[tuple[str, str]]
) -> dict[str, str]:
    """Slug for every club that can be reported. `clubs` are already the warehouse's names
    (_known_clubs resolved each --club, and stopped the run on an unknown one), so none is looked
    up again. A folder that cannot be written goes to `problems`, so the other clubs still run.
    Each folder gets a manifest at once, so the market watch, running alongside, links every club."""
    from analysis.identity import lookup

    known = lookup.known_names("club", warehouse)
    slugs = unique_slugs(list(dict.fromkeys(clubs)), "club", others=known, reserved=(MARKET,))
    ready = {}
    generated = now_text()
    for club, slug in slugs.items():
        try:
            folder = inside(out, slug)
            clear_previous(folder)
            write_plotly_js(folder)
            write_manifest(folder, club, as_of, generated, 0)
            ready[club] = slug
        except (OSError, UserError) as exc:  # this club cannot be written; the others still can
            why = f"cannot write its report in {out / slug}: {exc}"
            problems.append((club, why))
            _say(f"FAILED {club}: {why}", error=True)
    return ready


def _prepare_market(out: Path, problems: list[tuple[str, str]]) -> bool:
    try:
        folder = inside(out, MARKET)
        clear_previous(folder, MARKET_FILES)
        write_plotly_js(folder)
        return True
    except (OSError, UserError) as exc:
        problems.append(("market watch", f"cannot write it in {out / MARKET}: {exc}"))
        _say(f"FAILED market watch: cannot write it in {out / MARKET}: {exc}", error=True)
        return False


def _run_notebooks(options: ReportOptions, as_of: dt.date, warehouse: Path, out: Path, plan) -> list[Outcome]:
    """Every notebook of the run, `options.jobs` at a time, each worker on one kept kernel."""
    outcomes: list[Outcome] = []
    first_jobs, later_jobs, expected = plan
    workers = max(1, min(options.jobs, expected or 1))
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, initializer=quiet_worker, initargs=(str(inside(out, "report.log")),)
    ) as pool:
        futures: dict[concurrent.futures.Future, Job] = {}

        def submit(jobs) -> None:
            futures.update({pool.submit(run_job, job, str(out), options.timeout): job for job in jobs})

        submit(first_jobs)  # the market and the club notebooks start while the dossiers are chosen
        for jobs in later_jobs():
            submit(jobs)
        total = len(futures)
        clubs = len({job.club_slug for job in futures.values()} - {MARKET})
        market = " and the market watch" if any(job.club_slug == MARKET for job in futures.values()) else ""
        _say(f"report as of {as_of}: {plural(total, 'notebook')} for {plural(clubs, 'club')}{market} into {out}")
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
                f"[{n}/{total}] {job.club_slug}/{job.output_name} {outcome.seconds:.1f}s {status}",
                error=not outcome.ok,
            )
    log.info(time_breakdown(outcomes))
    return outcomes


def _plan(options: ReportOptions, named: list[str], as_of, since, scope, warehouse: Path, out: Path, given, problems):
    """The run's clubs (canonical name -> slug) and its notebooks: those known at once (the market
    watch first, then each club's own), those to choose from the warehouse (dossiers), how many.
    `named`: the --club names as _known_clubs resolved them."""
    from analysis.marts import market as market_mart

    names = list(named)
    if options.every_club:
        names += market_mart.clubs_to_report(as_of, scope, warehouse)
        _say(f"{scope.label}: {plural(len(names), 'club')} with a squad or a pursuit on {as_of}")
    slugs = _prepare_clubs(names, warehouse, out, as_of, problems)
    clubs = list(slugs)
    first = []
    if options.with_market and _prepare_market(out, problems):
        first.append(market_job(options, as_of, since, scope, warehouse, out, given))
    for club in clubs:
        first += club_jobs(club, slugs[club], as_of, warehouse, out, options.png, given)

    def later():
        for club in clubs:
            try:
                yield dossier_jobs(club, slugs[club], as_of, warehouse, out, options.png, given)
            except UserError as exc:  # the club's own notebooks still run
                problems.append((f"{club} (dossiers)", str(exc)))
                _say(f"FAILED {club} dossiers: {exc}", error=True)

    return slugs, (first, later, len(first) + DOSSIERS_PER_CLUB * len(clubs))


def _check_options(options: ReportOptions) -> None:
    if not (options.clubs or options.market or options.every_club):
        raise UserError("say what to report: --club NAME, --league NAME, --country NAME, --all-clubs or --market")


def _known_clubs(names: tuple[str, ...], warehouse: Path) -> list[str]:
    """Each --club as the warehouse names it; any unknown one stops the run before a folder or a
    notebook is made, in one line naming it and the closest known names (a typo in a cron line
    must not leave a half-written report behind)."""
    from analysis.identity import lookup

    clubs, unknown = [], []
    for name in names:
        try:
            clubs.append(lookup.resolve_name(name, "club", warehouse))
        except UserError as exc:
            unknown.append(str(exc).rstrip("."))
    if unknown:
        raise UserError(f"--club: {'; '.join(unknown)}. Nothing was written.")
    return clubs


def _since(options: ReportOptions, as_of: dt.date) -> dt.date:
    """The day after which the market watch counts changes; a bad --since is named as the option given."""
    from analysis.marts import market as market_mart

    if not options.with_market:
        return as_of
    return market_mart.check_since(options.since, as_of, name="--since")


def _log_warehouse(warehouse: Path) -> None:
    """The warehouse's build time and raw files into the log; a stale one said out loud."""
    from analysis.report.freshness import freshness

    fresh = freshness(warehouse)
    log.info(fresh.summary())
    for f in fresh.files:
        log.info(
            "  raw file %s (%s): %d read, %d accepted, %d rejected, %d duplicates",
            f.source_file,
            f.kind,
            f.rows_read,
            f.accepted,
            f.rejected,
            f.duplicates,
        )
    warning = fresh.warning()
    if warning:
        _say(f"WARNING: {warning}")


def _warn_as_of(as_of: dt.date, warehouse: Path) -> None:
    """An as-of date after the newest data, said on the terminal too (every page says it as well)."""
    from analysis.report.views import data_warnings

    for message in data_warnings(as_of, warehouse=warehouse):
        _say(f"WARNING: {message}")


def _given(options: ReportOptions) -> dict[str, dict]:
    """-p / --parameters typed per notebook of this run (unknown names refused before anything runs)."""
    run_notebooks = [*((*NOTEBOOKS, DOSSIER_NOTEBOOK) if options.clubs or options.every_club else ())]
    if options.with_market:
        run_notebooks.insert(0, MARKET_NOTEBOOK)
    values = notebook_values(options.parameters, declared_parameters(run_notebooks))
    check_values(values)  # -p half_life_days -3: refused here, not by every notebook that takes it
    return values


def _finish(out: Path, slugs: dict[str, str], outcomes: list[Outcome], problems, as_of: dt.date, scope) -> int:
    generated = now_text()
    market = [o for o in outcomes if o.job.club_slug == MARKET]
    if market:
        write_manifest(inside(out, MARKET), scope.label, as_of, generated, sum(not o.ok for o in market), "market")
    write_indexes(out, slugs, outcomes, problems, as_of, generated)
    failed = [o for o in outcomes if not o.ok]
    if failed or problems:
        names = [f"{o.job.club_slug}/{o.job.output_name}" for o in failed] + [u[0] for u in problems]
        _say(f"report finished with failures: {', '.join(names)} (see {out / 'report.log'})", error=True)
        return 1
    _say(f"report written: open {out / 'index.html'}")
    return 0


def run_reports(options: ReportOptions) -> int:
    _check_options(options)
    import_papermill()
    as_of = check_date(options.as_of, "--as-of")
    since = _since(options, as_of)
    warehouse = check_warehouse(options.warehouse)
    given = _given(options)
    from analysis.marts import market as market_mart

    scope = market_mart.scope(options.league, options.country, warehouse)
    clubs = _known_clubs(options.clubs, warehouse)
    out = (Path(options.out) if options.out else config.REPORTS_DIR / as_of.isoformat()).resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
        handler = _setup_log(out)
    except OSError as exc:
        raise UserError(f"{out}: cannot write the report there: {exc.strerror or exc}") from None
    try:
        _log_warehouse(warehouse)
        _warn_as_of(as_of, warehouse)
        for warning in reach_warnings(options.parameters, given):
            _say(f"WARNING: {warning}")
        for name, values in given.items():
            if values:
                log.info("parameters for %s: %s", name, ", ".join(f"{k}={v!r}" for k, v in values.items()))
        problems: list[tuple[str, str]] = []  # (what, why): unknown clubs, unwritable folders, dossiers not chosen
        slugs, plan = _plan(options, clubs, as_of, since, scope, warehouse, out, given, problems)
        outcomes = _run_notebooks(options, as_of, warehouse, out, plan)
        return _finish(out, slugs, outcomes, problems, as_of, scope)
    finally:
        log.removeHandler(handler)
        handler.close()
