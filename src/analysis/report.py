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

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import functools
import html
import json
import logging
import os
import re
import sys
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import config
from analysis.errors import UserError

NOTEBOOKS = ("interest_intensity", "expiry_timeline")
DOSSIER_NOTEBOOK = "player_dossier"
DOSSIERS_PER_CLUB = 3
CHROMIUM = Path("/usr/bin/chromium")
log = logging.getLogger("analysis.report")
_exporter_lock = threading.Lock()  # the cached exporter is not safe to use from two threads at once


# ---------------------------------------------------------------------------------------------
# Paths: nothing from data or parameters can point outside the output folder


MAX_SLUG = 80  # leaves room for prefixes and extensions within any file system's name limit


def _digest(name: str) -> str:
    import hashlib

    return hashlib.sha1(str(name).encode()).hexdigest()[:8]


def slugify(name: str, fallback: str = "club") -> str:
    """'Real Madrid' -> 'real-madrid'; only [a-z0-9-] survive, so a slug is never a path. A name
    with no letters or digits, or too long for a file name, is told apart by a digest of it."""
    folded = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if not slug:
        return f"{fallback}-{_digest(name)}"
    if len(slug) > MAX_SLUG:
        return f"{slug[:MAX_SLUG - 9].rstrip('-')}-{_digest(name)}"
    return slug


def unique_slugs(names: list[str], fallback: str = "club", others: Iterable[str] = ()) -> dict[str, str]:
    """Each name's slug (SPEC 7), except where names share one ('Twin FC', 'Twin-FC'): then every
    one of them gets its digest appended. Whether a name clashes depends only on the names given and
    `others` (every club the warehouse knows), never on their order or on what an earlier run left
    in the folder: no report overwrites another's, and none takes another's plain slug."""
    plain = {name: slugify(name, fallback) for name in {*names, *others}}
    shared = Counter(plain.values())
    return {name: plain[name] if shared[plain[name]] == 1 else f"{plain[name]}-{_digest(name)}" for name in names}


def chart_name(name: str) -> str:
    """Chart file stem: SPEC names keep their underscores (interest_intensity); anything else that
    could make a path (slashes, dots, spaces) becomes '-'."""
    stem = re.sub(r"[^a-z0-9_-]+", "-", str(name).lower()).strip("-")
    if not stem:
        raise UserError(f"not a usable chart name: {name!r}")
    return stem


def inside(root: Path, *parts: str) -> Path:
    """root/parts, refusing anything that would resolve outside root."""
    root = Path(root).resolve()
    target = root.joinpath(*parts).resolve()
    if target != root and root not in target.parents:
        raise UserError(f"refusing to write outside {root}: {'/'.join(parts)}")
    return target


# ---------------------------------------------------------------------------------------------
# Inside notebooks: validation, inline charts, chart export


def check_date(value: str | dt.date | None) -> dt.date:
    """The as-of date; '' or None is today."""
    from analysis.lookup import as_date

    return as_date(value or None)


def check_name(value: object, kind: str, warehouse: str | Path | None = None) -> str:
    """The canonical name, or an error naming the closest known ones (papermill may hand us 7 for '007')."""
    from analysis.lookup import resolve_name

    return resolve_name(str(value), kind, Path(warehouse) if warehouse else None)


def check_warehouse(value: str | Path | None) -> Path:
    """The warehouse file, opened once so that a folder or another kind of file is refused here."""
    from analysis.warehouse import reading

    path = (Path(value) if value else config.warehouse_path()).resolve()  # notebooks run elsewhere
    if not path.exists():
        raise UserError(f"{path}: warehouse not found; build it with `python -m analysis ingest` or `make report`")
    with reading(path):
        pass
    return path


def check_positive(value: object, name: str) -> float:
    """A parameter that must be a number above zero (a half-life)."""
    try:
        number = float(str(value).strip())
    except ValueError:
        raise UserError(f"{name} must be a number, got {value!r}") from None
    if not number > 0 or number == float("inf"):
        raise UserError(f"{name} must be above 0, got {value!r}")
    return number


def check_count(value: object, name: str, minimum: int = 1, maximum: int | None = None) -> int:
    """A whole-number parameter within its range (papermill passes what it is given, typed or not)."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise UserError(f"{name} must be a whole number, got {value!r}") from None
    if number < minimum or (maximum is not None and number > maximum):
        span = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
        raise UserError(f"{name} must be {span}, got {number}")
    return number


def show(fig) -> None:
    """Displays a figure so it draws in JupyterLab (plotly's own mimetype) and survives export to
    HTML (a div that uses the page's shared plotly.min.js), never pulling plotly.js from a CDN."""
    from IPython.display import display

    div = fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
    display({"application/vnd.plotly.v1+json": json.loads(fig.to_json()), "text/html": div}, raw=True)


def table(frame, *, vertical: bool = False, empty: str = "Nothing on record."):
    """Shows a frame as analysts read it (views.readable): no row numbers, every value escaped.
    `vertical` lists one record's fields down the page (a player's contract)."""
    from IPython.display import HTML

    from analysis.views import readable

    if frame.empty:
        return HTML(f"<p>{html.escape(empty)}</p>")
    shown = readable(frame)
    if vertical:
        shown = shown.T
    return HTML(shown.to_html(index=vertical, header=not vertical, escape=True, border=0))


def export_chart(fig, data, name: str, output_dir: str | Path | None, png: bool = False) -> Path | None:
    """Writes charts/<name>.html (interactive, offline, sharing ../plotly.min.js) and
    charts/<name>.csv (the data behind it); with png, a static image for slides too."""
    from analysis import charts as charts_module

    if not output_dir:
        return None
    charts = inside(Path(output_dir), "charts")
    charts.mkdir(parents=True, exist_ok=True)
    _plotly_js_in(str(inside(Path(output_dir))))  # the pages load ../plotly.min.js, also outside a report run
    stem = chart_name(name)
    page = charts_module.to_html(fig, inside(charts, f"{stem}.html"), plotlyjs="../plotly.min.js")
    write_csv(data, inside(charts, f"{stem}.csv"))
    if png:
        if CHROMIUM.exists():
            os.environ.setdefault("BROWSER_PATH", str(CHROMIUM))
        fig.write_image(inside(charts, f"{stem}.png"), width=1200, height=700)
    return page


def write_csv(data, path: Path) -> Path:
    """DuckDB's CSV writer (several times faster than pandas on the larger chart data); date-only
    columns are written as dates, as pandas would."""
    import duckdb

    with duckdb.connect() as con:
        relation = con.from_df(data)
        columns = []
        for name, dtype in zip(data.columns, data.dtypes):
            quoted = '"' + str(name).replace('"', '""') + '"'
            values = data[name]
            if str(dtype).startswith("datetime64") and (values.dropna() == values.dropna().dt.normalize()).all():
                columns.append(f"CAST({quoted} AS DATE) AS {quoted}")
            else:
                columns.append(quoted)
        relation.project(", ".join(columns)).write_csv(str(path), header=True)
    return path


@functools.cache
def _plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().encode("utf-8")


def write_plotly_js(folder: Path) -> Path:
    """The one copy of plotly.js a club's report shares (offline: nothing from a CDN). Rewritten
    when it differs (a folder reused after a plotly upgrade), and swapped in whole, as notebooks
    running side by side may each make sure of it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = inside(folder, "plotly.min.js")
    script = _plotly_js()
    if target.exists() and target.stat().st_size == len(script):
        with target.open("rb") as fh:
            if fh.read(1024) == script[:1024]:
                return target
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".plotly-", suffix=".js", delete=False) as fh:
        fh.write(script)
    os.replace(fh.name, target)
    return target


@functools.cache
def _plotly_js_in(folder: str) -> Path:
    """write_plotly_js once per folder and process (a notebook exports several charts)."""
    return write_plotly_js(Path(folder))


MANIFEST = "report.json"  # per club folder: which club, as of when, for the top index
REPORT_FILES = (
    *(f"{name}.{ext}" for name in (*NOTEBOOKS, f"{DOSSIER_NOTEBOOK}-*") for ext in ("ipynb", "html")),
    "index.html", MANIFEST, "charts/*.html", "charts/*.csv", "charts/*.png",
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


# ---------------------------------------------------------------------------------------------
# Running notebooks


@dataclass
class Job:
    club_slug: str
    notebook: str  # template name in notebooks/
    output_name: str  # name of the executed notebook in the club folder
    parameters: dict
    title: str


@dataclass
class Outcome:
    job: Job
    ok: bool
    seconds: float
    error: str | None = None
    files: list[Path] = field(default_factory=list)
    notebook: object = None  # the executed notebook node, until exported


_NETWORK_BITS = [
    re.compile(r'<script[^>]*\bsrc=""[^>]*>\s*</script>', re.S),
    re.compile(r'<script type="text/x-mathjax-config">.*?</script>', re.S),
    re.compile(r'<script type="module">(?:(?!</script>).)*mermaid(?:(?!</script>).)*</script>', re.S),
]


@functools.cache
def _exporter():
    """One HTML exporter per process: building it (imports, template compile) costs over a second,
    reusing it a tenth of that."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        mathjax_url="", require_js_url="", jquery_url="", mermaid_js_url="", widget_renderer_url="",
        jupyter_widgets_base_url="",
    )


def export_html(notebook, target: Path, title: str) -> Path:
    """nbconvert's lab template with code hidden, stripped of every CDN reference, plus the club's
    shared plotly.min.js so the charts stay interactive offline. `notebook` is the executed
    notebook node, or the path of one."""
    import nbformat

    if not isinstance(notebook, nbformat.NotebookNode):
        notebook = nbformat.read(notebook, as_version=4)
    notebook.metadata["title"] = title
    with _exporter_lock:
        body, _ = _exporter().from_notebook_node(notebook)
    for pattern in _NETWORK_BITS:
        body = pattern.sub("", body)
    body = body.replace("</head>", '<script src="plotly.min.js"></script>\n</head>', 1)
    target.write_text(body, encoding="utf-8")
    return target


def kernel_transport(folder: str) -> dict:
    """papermill arguments for a kernel that talks over socket files in `folder` (a fresh, private
    one per kernel) instead of TCP ports.

    Over TCP, each kernel is handed ports that were free a moment before; two kernels starting at
    once (two workers, or an analyst's JupyterLab beside a scheduled run) can be handed the same one,
    and the loser dies with "Kernel died before replying to kernel_info". Socket files in a private
    folder cannot collide. Where zmq has no socket files (Windows), TCP it is."""
    if os.name != "posix":
        return {}
    from jupyter_client import AsyncKernelManager
    from traitlets import default

    class SocketFileKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self) -> str:
            return "ipc"

        @default("ip")
        def _ip_default(self) -> str:  # jupyter_client's own default is relative to the kernel's cwd
            return os.path.join(folder, "kernel")

    return {"kernel_manager_class": SocketFileKernelManager}


@functools.cache
def _engine() -> str:
    """papermill's nbclient engine, except that a cell running past its timeout, or a kernel that
    dies, fails the notebook as any error does: shown on the cell that was running, and the
    notebook saved. Plain papermill would raise past the save and lose the notebook."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.engines import NBClientEngine, papermill_engines

    class KeepStoppedNotebooks(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
            try:
                return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
            except (CellTimeoutError, DeadKernelError) as exc:
                started = [c for c in nb_man.nb.cells if c.get("metadata", {}).get("papermill", {}).get("start_time")]
                if not started:
                    raise
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "the kernel stopped"
                started[-1].outputs.append(nbformat.v4.new_output(
                    "error", ename=type(exc).__name__, evalue=reason, traceback=[f"{type(exc).__name__}: {reason}"]))
                nb_man.cell_exception(started[-1])

    papermill_engines.register("transfer-radar", KeepStoppedNotebooks)
    return "transfer-radar"


def run_job(job: Job, out_root: str, cell_timeout: int | None = None) -> Outcome:
    """Executes one notebook (in a worker); any failure, a cell running past `cell_timeout` seconds
    included, is caught and reported, never raised. The executed notebook comes back with the
    outcome, for the main process to export."""
    import papermill

    started = time.perf_counter()
    executed = inside(Path(out_root), job.club_slug, f"{job.output_name}.ipynb")
    error, notebook = None, None
    try:
        with tempfile.TemporaryDirectory(prefix="transfer-radar-kernel-") as sockets:
            notebook = papermill.execute_notebook(
                str(config.NOTEBOOKS_DIR / f"{job.notebook}.ipynb"), str(executed), parameters=job.parameters,
                kernel_name="python3", engine_name=_engine(), progress_bar=False, cwd=str(config.NOTEBOOKS_DIR),
                request_save_on_cell_execute=False,  # saved once at the end (also on failure), not per cell
                execution_timeout=cell_timeout,  # a scheduled run must end, even if a cell never does
                shutdown_kernel="immediate",  # every output is in hand and the kernel only read: no need to wait
                **kernel_transport(sockets),
            )
    except Exception as exc:  # papermill keeps the executed notebook with the failing cell marked
        error = _short_error(exc)
    files = [executed] if executed.exists() else []
    return Outcome(job, error is None, time.perf_counter() - started, error, files, notebook)


def export_outcome(outcome: Outcome, out_root: Path) -> Outcome:
    """The executed notebook as HTML beside it (also a failed one: its error is what to read)."""
    if not outcome.files:
        return outcome
    page = inside(out_root, outcome.job.club_slug, f"{outcome.job.output_name}.html")
    try:
        outcome.files.append(export_html(outcome.notebook or outcome.files[0], page, outcome.job.title))
    except Exception as exc:
        outcome.ok, outcome.error = False, outcome.error or f"HTML export failed: {exc}"
    outcome.notebook = None  # exported: no need to hold it
    return outcome


def _quiet_worker(log_path: str) -> None:
    """Kernels chatter on stderr (transport warnings, shutdown notices): into the run log with it,
    so the terminal and cron mail show only our progress and failures."""
    handle = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(handle, 2)
    os.close(handle)


def _warm_exporter() -> None:
    """Builds the exporter and compiles its templates on a one-cell notebook: the first export
    costs several times any later one, so this runs while the first notebooks execute."""
    import nbformat

    with _exporter_lock:
        _exporter().from_notebook_node(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("warm-up")]))


def _short_error(exc: Exception) -> str:
    name = getattr(exc, "ename", type(exc).__name__)
    value = getattr(exc, "evalue", str(exc))
    return f"{name}: {value}".strip().splitlines()[0][:500]


# ---------------------------------------------------------------------------------------------
# The command


def _dossier_players(club: str, as_of: dt.date, warehouse: Path, count: int) -> list[str]:
    from analysis import marts

    with marts.focus(club, as_of=as_of, warehouse=warehouse) as session:
        return session.dossier_players(count)


def club_jobs(club: str, slug: str, as_of: dt.date, warehouse: Path, out: Path, png: bool) -> list[Job]:
    """The club's own notebooks: known without asking the warehouse anything."""
    return [
        Job(slug, notebook, notebook, {**_common(slug, as_of, warehouse, out, png), "club": club},
            f"{club}: {notebook.replace('_', ' ')} as of {as_of:%d %b %Y}")
        for notebook in NOTEBOOKS
    ]


def dossier_jobs(club: str, slug: str, as_of: dt.date, warehouse: Path, out: Path, png: bool) -> list[Job]:
    """Dossiers for the club's most-chased players, then for the players it chases hardest; each
    player's files carry his own slug (told apart if two names share one: O'Neil, O-Neil)."""
    players = _dossier_players(club, as_of, warehouse, DOSSIERS_PER_CLUB)
    slugs = unique_slugs(players, "player")
    return [
        Job(slug, DOSSIER_NOTEBOOK, f"{DOSSIER_NOTEBOOK}-{slugs[player]}",
            {**_common(slug, as_of, warehouse, out, png), "player": player, "slug": slugs[player]},
            f"{player}: dossier as of {as_of:%d %b %Y}")
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


def import_papermill() -> None:
    """Imports papermill once, before the workers fork, so none of them pays for it again.

    Through nbformat, jsonschema loads rfc3987_syntax, which builds an IRI grammar at import: about
    1 s, plus 0.2 s to tear down at exit, on every run (python-jsonschema/jsonschema#1428). Notebooks
    never use that format check, so it is left out while papermill loads, and only then. Later
    imports of rfc3987_syntax work as usual."""
    if "papermill" in sys.modules:
        return
    skipped = "rfc3987_syntax" not in sys.modules
    if skipped:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import papermill  # noqa: F401
    finally:
        if skipped and sys.modules.get("rfc3987_syntax", False) is None:
            del sys.modules["rfc3987_syntax"]


def run_reports(args: argparse.Namespace) -> int:
    import_papermill()

    from analysis import lookup

    as_of = check_date(args.as_of)
    warehouse = check_warehouse(args.warehouse)
    out = (Path(args.out) if args.out else config.REPORTS_DIR / as_of.isoformat()).resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
        handler = _setup_log(out)
    except OSError as exc:
        raise UserError(f"{out}: cannot write the report there: {exc.strerror or exc}") from None
    try:
        clubs, problems = [], []  # (what, why): unknown clubs, dossiers not chosen
        for name in args.club:
            try:
                clubs.append(lookup.resolve_name(name, "club", warehouse))
            except UserError as exc:
                problems.append((name, str(exc)))
                _say(f"FAILED {name}: {exc}", error=True)
        slugs = unique_slugs(list(dict.fromkeys(clubs)), "club", others=lookup.known_names("club", warehouse))
        clubs = []
        for club, slug in slugs.items():
            try:
                folder = inside(out, slug)
                clear_previous(folder)
                write_plotly_js(folder)
                clubs.append(club)
            except (OSError, UserError) as exc:  # this club cannot be written; the others still can
                why = f"cannot write its report in {out / slug}: {exc}"
                problems.append((club, why))
                _say(f"FAILED {club}: {why}", error=True)
        outcomes: list[Outcome] = []
        cell_timeout = getattr(args, "timeout", None)
        workers = max(1, min(getattr(args, "jobs", 2) or 2, 2 * len(clubs) or 1))
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, initializer=_quiet_worker, initargs=(str(inside(out, "report.log")),)
        ) as pool:
            futures: dict[concurrent.futures.Future, Job] = {}

            def submit(jobs) -> None:
                futures.update({pool.submit(run_job, job, str(out), cell_timeout): job for job in jobs})

            for club in clubs:  # the club notebooks start while the dossiers are still being chosen
                submit(club_jobs(club, slugs[club], as_of, warehouse, out, args.png))
            for club in clubs:
                try:
                    submit(dossier_jobs(club, slugs[club], as_of, warehouse, out, args.png))
                except UserError as exc:  # the club's own notebooks still run
                    problems.append((f"{club} (dossiers)", str(exc)))
                    _say(f"FAILED {club} dossiers: {exc}", error=True)
            _say(f"report as of {as_of}: {len(futures)} notebooks for {len(clubs)} club(s) into {out}")
            _warm_exporter()  # HTML export happens here, so the workers go straight on to the next notebook
            for n, future in enumerate(concurrent.futures.as_completed(futures), 1):
                job = futures[future]
                try:
                    outcome = export_outcome(future.result(), out)
                except Exception as exc:  # the worker itself died
                    outcome = Outcome(job, False, 0.0, f"worker failed: {exc}")
                outcomes.append(outcome)
                status = "ok" if outcome.ok else f"FAILED: {outcome.error}"
                _say(f"[{n}/{len(futures)}] {job.club_slug}/{job.output_name} {outcome.seconds:.1f}s {status}",
                     error=not outcome.ok)
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


# ---------------------------------------------------------------------------------------------
# Index pages: plain, offline, every name escaped

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}
li{{margin:.3rem 0}} .failed{{color:#b00020}} small{{color:#666}}</style></head>
<body><h1>{title}</h1>
{body}
<p><small>Transfer Radar report, generated {generated}. Charts are interactive and work offline.</small></p>
</body></html>
"""


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def _manifests(out: Path) -> list[tuple[str, str, dt.date, int]]:
    """The club reports in `out` (slug, club, as-of date, failed notebooks), from their manifests;
    one that is not ours, or half-written by a run still going, is left out."""
    reports = []
    for manifest in out.glob(f"*/{MANIFEST}"):
        if not re.fullmatch(r"[a-z0-9-]+", manifest.parent.name):  # not a folder a report makes: never a link
            continue
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            info = json.loads(manifest.read_text(encoding="utf-8"))
            reports.append((manifest.parent.name, str(info["club"]), dt.date.fromisoformat(info["as_of"]),
                            int(info.get("failed", 0))))
    return reports


def write_indexes(out: Path, slugs: dict[str, str], outcomes: list[Outcome], unknown, as_of: dt.date) -> None:
    generated = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    for club, slug in slugs.items():
        mine = sorted((o for o in outcomes if o.job.club_slug == slug), key=lambda o: o.job.output_name)
        write_club_index(inside(out, slug), club, mine, as_of, generated)
    write_top_index(out, unknown, generated)


def write_top_index(out: Path, unknown, generated: str) -> None:
    """Links every club report in the folder, this run's and earlier runs' (each club folder keeps
    a manifest), so separate runs into one folder, e.g. one cron line per club, add up."""
    reports = sorted(_manifests(out), key=lambda r: (r[1].casefold(), r[0]))
    dates = sorted({r[2] for r in reports})
    items = []
    for slug, club, as_of, failed in reports:
        when = f" <small>as of {as_of:%d %b %Y}</small>" if len(dates) > 1 else ""
        note = f' <span class="failed">({failed} failed)</span>' if failed else ""
        items.append(f"<li>{_link(f'{slug}/index.html', club)}{when}{note}</li>")
    for name, reason in unknown:
        items.append(f'<li class="failed">{html.escape(name)}: {html.escape(reason)}</li>')
    body = f"<ul>{''.join(items)}</ul>" if items else "<p>No clubs.</p>"
    title = f"Transfer Radar as of {dates[0]:%d %b %Y}" if len(dates) == 1 else "Transfer Radar reports"
    inside(out, "index.html").write_text(PAGE.format(title=html.escape(title), body=body, generated=generated),
                                         encoding="utf-8")


def _chart_label(page: Path) -> str:
    """The chart's own title (charts.to_html writes it, escaped, into <title>), for the index."""
    with page.open(encoding="utf-8", errors="replace") as fh:
        match = re.search(r"<title>(.*?)</title>", fh.read(4096), re.S)
    return html.unescape(match.group(1)).strip() if match else page.stem.replace("_", " ")


def write_club_index(folder: Path, club: str, outcomes: list[Outcome], as_of: dt.date, generated: str) -> None:
    parts = ["<h2>Notebooks</h2><ul>"]
    for o in outcomes:
        name = o.job.output_name
        failed = "" if o.ok else f' <span class="failed">failed: {html.escape(o.error or "")}</span>'
        page = _link(f"{name}.html", o.job.title) if (folder / f"{name}.html").exists() else html.escape(o.job.title)
        executed = f" <small>({_link(f'{name}.ipynb', 'notebook')})</small>" if (folder / f"{name}.ipynb").exists() else ""
        parts.append(f"<li>{page}{executed}{failed}</li>")
    parts.append("</ul><h2>Charts</h2><ul>")
    charts = folder / "charts"
    for chart in sorted(charts.glob("*.html")) if charts.is_dir() else []:
        extras = [_link(f"charts/{chart.stem}{ext}", ext[1:]) for ext in (".csv", ".png")
                  if (charts / f"{chart.stem}{ext}").exists()]
        parts.append(f"<li>{_link(f'charts/{chart.name}', _chart_label(chart))} "
                     f"<small>({', '.join(extras)})</small></li>")
    parts.append("</ul>")
    inside(folder, "index.html").write_text(
        PAGE.format(title=html.escape(f"{club} as of {as_of:%d %b %Y}"), body="".join(parts), generated=generated),
        encoding="utf-8")
    manifest = {"club": club, "as_of": as_of.isoformat(), "generated": generated,
                "failed": sum(not o.ok for o in outcomes)}
    inside(folder, MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
