"""`python -m analysis <command>`: the interface cron jobs and users rely on (SPEC section 6).

Every failure a user can fix prints one line naming the file and the problem, and exits non-zero.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analysis import config
from analysis.errors import UserError

EXIT_USER_ERROR = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a command stopped by a closed pipe


def _why_not_written(exc: OSError) -> str:
    """An OSError from making a folder or file, in words a user can act on."""
    import errno

    if isinstance(exc, (FileExistsError, NotADirectoryError)) or exc.errno in (errno.EEXIST, errno.ENOTDIR):
        return "a part of that path is a file, not a folder"
    parent = Path(exc.filename).parent if exc.filename else None
    if exc.errno == errno.ENOENT and parent is not None and parent.is_dir():
        return f"{parent} does not accept new files or folders"
    return exc.strerror or str(exc)


def _writable_file(path: Path, what: str) -> None:
    """A file we are about to create (or replace) beside its siblings: its folder is made if need be
    and a probe file is created and removed in it, so a mistyped path (`/proc/x.duckdb`, a path
    under a file, a read-only folder) is one line naming the path and why, before any work starts."""
    if path.is_dir():
        raise UserError(f"cannot write {path}: it is a folder; give a file name for the {what}")
    try:
        _probe(path.parent, prefix=f".{path.name}.probe-")
    except OSError as exc:
        raise UserError(f"cannot write {path}: {_why_not_written(exc)}") from None


def _writable_folder(folder: Path, what: str) -> Path:
    """A folder we are about to fill, shown writable before the work (a backtest replays for
    minutes), as _writable_file does for a file; the folders made for the check are removed again,
    so a bad argument found later leaves nothing behind."""
    made = [f for f in (folder, *folder.parents) if not f.exists()]  # deepest first
    try:
        _probe(folder, prefix=".probe-")
    except OSError as exc:
        raise UserError(f"{folder}: cannot write the {what} there: {_why_not_written(exc)}") from None
    finally:
        for path in made:
            if path.is_dir():
                path.rmdir()
    return folder


def _probe(folder: Path, prefix: str) -> None:
    """Makes the folder if need be, then creates and removes a file in it."""
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    fd, probe = tempfile.mkstemp(prefix=prefix, dir=folder)
    os.close(fd)
    os.unlink(probe)


def _ingest(args: argparse.Namespace) -> int:
    from analysis.ingest import ingest

    warehouse = Path(args.warehouse or config.warehouse_path()).resolve()
    _writable_file(warehouse, "warehouse")  # a user's mistake, said as one, before the build starts
    try:
        summary = ingest(
            args.raw,
            args.reference,
            warehouse,
            snapshot_dates=dict(args.snapshot_date or []),
            link_threshold=args.link_threshold,
        )
    except (UserError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a fault of ours, not of the input: still one line, still the old warehouse
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise UserError(
            f"internal error while ingesting ({type(exc).__name__}: {first}); the previous warehouse is "
            "unchanged; please report this with your files"
        ) from exc
    width = max([len(f.plan.source_file) for f in summary.files] + [4])
    print(f"{'file':<{width}}  {'kind':<9} {'read':>9} {'accepted':>9} {'rejected':>9} {'duplicates':>10}")
    for f in summary.files:
        print(
            f"{f.plan.source_file:<{width}}  {f.plan.kind.name:<9} {f.rows_read:>9,} {f.accepted:>9,} "
            f"{f.rejected:>9,} {f.duplicates:>10,}" + (f"  skipped: {f.plan.skipped}" if f.plan.skipped else "")
        )
    for note in summary.transfer_notes() + summary.reference_notes() + summary.stray_notes():
        print(note)
    print(f"warehouse: {summary.warehouse} ({summary.seconds:.1f}s)")
    for note in summary.count_notes():
        print(note)
    skipped = [f.plan.source_file for f in summary.files if f.plan.skipped]
    if skipped:  # SPEC 6: a file lacking the required columns is an error, even when the rest could be built
        print(
            f"error: {', '.join(skipped)}: empty, no header (lacks every required column); the other files "
            "were built into the warehouse; remove the file or export it again",
            file=sys.stderr,
        )
        return 1
    return 0


def _synth(args: argparse.Namespace) -> int:
    from analysis import synth
    from analysis.progress import Progress

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"synth: --out {out} is a file, not a folder: give the raw folder to write rumours/ into")
    progress = Progress.for_terminal()
    try:
        paths = synth.generate(
            args.out,
            rumours=args.rumours,
            seed=args.seed,
            clubs=args.clubs,
            progress=(lambda m: progress.note(m)) if progress.enabled else None,
            seasons=args.seasons,
            outlets=args.outlets,
        )
    except ValueError as exc:
        raise UserError(f"synth: {exc}") from None
    except OSError as exc:  # a folder that cannot be made or written (`/proc/nope`, a path under a file)
        raise UserError(f"synth: cannot write into {out}: {_why_not_written(exc)}") from None
    for kind, path in paths.items():
        print(f"{kind}: {path}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from analysis.report.parameters import read_parameters_file
    from analysis.report.run import ReportOptions, run_reports

    parameters = read_parameters_file(args.parameters) if args.parameters else {}
    parameters.update({name: value for name, value in args.parameter or []})  # -p wins, as in papermill
    return run_reports(
        ReportOptions(
            clubs=tuple(args.club or ()),
            as_of=args.as_of,
            warehouse=args.warehouse,
            out=args.out,
            png=args.png,
            jobs=args.jobs,
            timeout=args.timeout,
            market=args.market,
            since=args.since,
            all_clubs=args.all_clubs,
            league=args.league,
            country=args.country,
            parameters=parameters,
        )
    )


def _backtest(args: argparse.Namespace) -> int:
    from analysis.forecast import backtest
    from analysis.report import backtest_page

    out = _writable_folder(Path(args.out) if args.out else config.REPORTS_DIR / "backtest", "backtest")
    result = backtest.run(
        args.from_date,
        args.to_date,
        horizon_windows=args.horizon_windows,
        warehouse=args.warehouse,
        say=lambda message: print(message, flush=True),
    )
    try:
        page = backtest_page.write(result, out)
    except OSError as exc:
        raise UserError(f"{out}: cannot write the backtest there: {exc.strerror or exc}") from None
    print(backtest_page.summary(result))
    print(result.metrics.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"backtest written: open {page}")
    return 0


def _snapshot_date(text: str) -> tuple[str, str]:
    """FILE=YYYY-MM-DD, checked before anything is read."""
    import datetime as dt

    pattern, _, day = text.rpartition("=")
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not FILE=DATE with DATE like 2022-09-01") from None
    if not pattern:
        raise argparse.ArgumentTypeError(f"'{text}' names no file: write FILE=DATE, e.g. contracts/squad.csv={day}")
    return pattern, day


def _at_least_one(text: str) -> int:
    """argparse's form of the check notebooks make of their counts."""
    from analysis.report.parameters import check_count

    try:
        return check_count(text, "it")
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("it ")) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Transfer Radar: build the warehouse from raw rumour and contract CSVs, write club reports, and "
        "backtest the move probabilities.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="rebuild the warehouse from raw + reference CSVs")
    ingest.add_argument(
        "--raw", type=Path, default=config.RAW_DIR, help="folder with rumours/, contracts/ and transfers/"
    )
    ingest.add_argument("--reference", type=Path, default=config.REFERENCE_DIR, help="reference data folder")
    ingest.add_argument("--warehouse", type=Path, default=None, help="DuckDB file to (re)build")
    ingest.add_argument(
        "--snapshot-date",
        action="append",
        type=_snapshot_date,
        metavar="FILE=DATE",
        help="a contract export's date (e.g. contracts/squad_2022.csv=2022-09-01; wildcards allowed; repeat "
        "for several): its records without recorded_on hold from then",
    )
    ingest.add_argument(
        "--link-threshold",
        type=float,
        default=None,
        metavar="CONFIDENCE",
        help="link names automatically at or above this confidence (default: auto_link_threshold in "
        "identity.yml; above 1 links nothing)",
    )
    ingest.set_defaults(run=_ingest)

    synth = commands.add_parser("synth", help="write the synthetic demo league (any size, for benchmarks)")
    synth.add_argument(
        "--out", type=Path, default=config.RAW_DIR, help="raw folder to write rumours/ and contracts/ into"
    )
    synth.add_argument("--rumours", type=int, default=4000, help="number of rumour rows")
    synth.add_argument("--clubs", type=int, default=None, help="number of clubs (default: 20, more for big sizes)")
    synth.add_argument("--seed", type=int, default=7, help="random seed (same seed, same files)")
    synth.add_argument("--seasons", type=int, default=2, help="seasons from July 2023 (default 2: to June 2025)")
    synth.add_argument(
        "--outlets", type=int, default=None, help="outlets (default: the 8 demo outlets of outlets.csv; more are named)"
    )
    synth.set_defaults(run=_synth)

    report = commands.add_parser(
        "report", help="run the report notebooks: clubs, a league, every club, and the market watch"
    )
    report.add_argument("--club", action="append", help="club name (repeat for several clubs)")
    report.add_argument(
        "--league", help="every club of this league (clubs reference), the league's market watch on top"
    )
    report.add_argument(
        "--country", help="every club of this country (clubs reference), the country's market watch on top"
    )
    report.add_argument("--all-clubs", action="store_true", help="every club with a squad, the market watch on top")
    report.add_argument("--market", action="store_true", help="the market watch: what changed since --since")
    report.add_argument(
        "--since", default=None, help="market watch: changes after this day YYYY-MM-DD count (default: 7 days before)"
    )
    report.add_argument("--as-of", default=None, help="report date YYYY-MM-DD (default: today)")
    report.add_argument("--warehouse", type=Path, default=None, help="DuckDB warehouse to read")
    report.add_argument("--out", type=Path, default=None, help="output folder (default: reports/<as-of>)")
    report.add_argument("--png", action="store_true", help="also write a static PNG of each chart (needs Chromium)")
    report.add_argument("--jobs", type=_at_least_one, default=2, help="notebooks run at once (default 2)")
    report.add_argument(
        "--timeout",
        type=_at_least_one,
        default=900,
        metavar="SECONDS",
        help="a notebook cell running longer fails its notebook (default 900)",
    )
    report.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        metavar=("NAME", "VALUE"),
        help="notebook parameter for every notebook that declares it, typed as it declares it (repeat)",
    )
    report.add_argument(
        "--parameters", type=Path, metavar="FILE.yaml", help="notebook parameters from a YAML file (name: value)"
    )
    report.set_defaults(run=_report)
    backtest = commands.add_parser(
        "backtest", help="replay history point in time and score the move probabilities against baselines"
    )
    backtest.add_argument(
        "--from", dest="from_date", default=None, help="first origin YYYY-MM-DD (default: first story)"
    )
    backtest.add_argument(
        "--to", dest="to_date", default=None, help="end of the replay YYYY-MM-DD (default: the warehouse's last day)"
    )
    backtest.add_argument(
        "--horizon-windows",
        type=_at_least_one,
        default=None,
        metavar="N",
        help="transfer windows a forecast looks ahead (default: forecast.yml, 2)",
    )
    backtest.add_argument("--warehouse", type=Path, default=None, help="DuckDB warehouse to read")
    backtest.add_argument("--out", type=Path, default=None, help="output folder (default: reports/backtest)")
    backtest.set_defaults(run=_backtest)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = args.run(args)
        sys.stdout.flush()  # here, not at exit: a reader gone away (`| head`) is met in this try
        return code
    except BrokenPipeError:
        # the reader of our output went away (`ingest | head`): stop quietly as Unix tools do, with
        # stdout pointed at /dev/null so the flush at exit raises nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("interrupted: the previous warehouse is unchanged", file=sys.stderr)
        return 130
