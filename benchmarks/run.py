"""Speed goals, measured side by side in one run (`make bench`).

These machines are noisy, so every goal is a ratio between two things timed in the same run,
alternating, median of several repeats; absolute seconds are printed only for orientation. Each
measured step runs in its own process so its peak memory (max RSS) can be read from the kernel.

Sections:
  ingest     `python -m analysis ingest` against a bare DuckDB read_csv of the same files into a
             new database file, at 100k and 1M rumours (goal: at most 2x, peak under 2 GB), and a
             single 10M-rumour ingest that must complete.
  intensity  interest intensity for one club on the 1M warehouse, DuckDB mart against the same
             computation written plainly in pandas (goal: at least 10x faster).
  report     a club report on 1M rumours against papermill running as many empty notebooks
             (goal: at most 2x), 1M against 10k (goal: within 1.3x), chart files under 300 KB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
PYTHON = sys.executable


@dataclass
class Run:
    seconds: float
    peak_mb: float


def measure(argv: list[str], env: dict | None = None) -> Run:
    """Runs argv in a child process; wall time and the child's own peak RSS."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"benchmark step failed: {' '.join(argv)}\n{err}")
    return Run(seconds, usage.ru_maxrss / 1024)


def alternate(steps: dict[str, list[str]], repeat: int, before_each=None) -> dict[str, Run]:
    """Runs the steps in turn, `repeat` rounds; median seconds and max peak memory per step."""
    results: dict[str, list[Run]] = {name: [] for name in steps}
    for _ in range(repeat):
        for name, argv in steps.items():
            if before_each:
                before_each(name)
            results[name].append(measure(argv))
    return {
        name: Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))
        for name, runs in results.items()
    }


def synth_raw(rumours: int) -> Path:
    """Synthetic raw folder of the given size, made once and kept in benchmarks/.data/."""
    folder = DATA / str(rumours)
    marker = folder / ".complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"  making {rumours:,} synthetic rumours in {folder} ...", flush=True)
        subprocess.run([PYTHON, "-m", "analysis", "synth", "--out", str(folder), "--rumours", str(rumours)],
                       check=True, stdout=subprocess.DEVNULL)
        marker.touch()
    return folder


BARE_LOAD = """
import sys, duckdb
raw, target = sys.argv[1], sys.argv[2]
con = duckdb.connect(target)
con.execute("CREATE TABLE rumours AS SELECT * FROM read_csv($p)", {"p": raw + "/rumours/*.csv"})
con.execute("CREATE TABLE contracts AS SELECT * FROM read_csv($p)", {"p": raw + "/contracts/*.csv"})
con.close()
"""


def bench_ingest(sizes: list[int], huge: int | None, repeat: int) -> bool:
    print("\n== Ingest against bare DuckDB read_csv of the same files into a new database file ==")
    header = f"{'rumours':>12} {'bare s':>8} {'ingest s':>9} {'ratio':>7} {'bare MB':>9} {'ingest MB':>10}  goal"
    print(header)
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        for size in sizes:
            raw = synth_raw(size)
            bare_db, ingest_db = Path(tmp) / "bare.duckdb", Path(tmp) / "ingest.duckdb"

            def clean(_name: str) -> None:
                for db in (bare_db, ingest_db):
                    db.unlink(missing_ok=True)

            res = alternate(
                {
                    "bare": [PYTHON, "-c", BARE_LOAD, str(raw), str(bare_db)],
                    "ingest": [PYTHON, "-m", "analysis", "ingest", "--raw", str(raw), "--warehouse", str(ingest_db)],
                },
                repeat,
                before_each=clean,
            )
            ratio = res["ingest"].seconds / res["bare"].seconds
            if size >= 1_000_000:
                goal_ok = ratio <= 2.0 and res["ingest"].peak_mb < 2048
                ok &= goal_ok
                goal = f"ratio <= 2.0, peak < 2048 MB: {'OK' if goal_ok else 'MISSED'}"
            else:
                goal = "(context: fixed start-up cost weighs more on small loads; the goal is set at 1M)"
            print(f"{size:>12,} {res['bare'].seconds:>8.2f} {res['ingest'].seconds:>9.2f} {ratio:>6.2f}x "
                  f"{res['bare'].peak_mb:>9.0f} {res['ingest'].peak_mb:>10.0f}  {goal}")
        if huge:
            raw = synth_raw(huge)
            target = Path(tmp) / "huge.duckdb"
            run = measure([PYTHON, "-m", "analysis", "ingest", "--raw", str(raw), "--warehouse", str(target)])
            print(f"{huge:>12,} {'':>8} {run.seconds:>9.2f} {'':>7} {'':>9} {run.peak_mb:>10.0f}  completes: OK")
    return ok


def built_warehouse(rumours: int) -> Path:
    """The warehouse of a synthetic size, ingested once and kept beside its raw files."""
    raw = synth_raw(rumours)
    target = DATA / f"{rumours}.duckdb"
    marker = DATA / f"{rumours}.duckdb.complete"
    if not marker.exists() or marker.stat().st_mtime < max(p.stat().st_mtime for p in (ROOT / "src").rglob("*.sql")):
        print(f"  building the {rumours:,}-rumour warehouse ...", flush=True)
        subprocess.run([PYTHON, "-m", "analysis", "ingest", "--raw", str(raw), "--warehouse", str(target)],
                       check=True, stdout=subprocess.DEVNULL)
        marker.touch()
    return target


def bench_intensity(args: argparse.Namespace) -> bool:
    print("\n== Interest intensity for one club, DuckDB mart against plain pandas (groupby + rolling) ==")
    from analysis.synth import demo_club_names

    warehouse = built_warehouse(1_000_000)
    club, as_of, start = demo_club_names()[0], "2025-01-31", "2024-08-04"
    out = subprocess.run(
        [PYTHON, str(HERE / "intensity_pandas.py"), str(warehouse), club, as_of, start, str(args.repeat)],
        check=True, capture_output=True, text=True,
    ).stdout.split()
    duck, plain, rows, same = float(out[0]), float(out[1]), int(out[2]), out[3] == "1"
    speedup = plain / duck
    ok = speedup >= 10 and same
    print(f"{'club':<20} {'rows':>8} {'duckdb s':>9} {'pandas s':>9} {'speed-up':>9}  goal")
    print(f"{club:<20} {rows:>8,} {duck:>9.3f} {plain:>9.3f} {speedup:>8.1f}x  at least 10x, same values: "
          f"{'OK' if ok else 'MISSED'}{'' if same else ' (VALUES DIFFER)'}")
    return ok


SECTIONS = {"ingest": bench_ingest, "intensity": bench_intensity}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated: " + ", ".join(SECTIONS))
    parser.add_argument("--sizes", default="100000,1000000", help="rumour counts for the ratio rows")
    parser.add_argument("--huge", type=int, default=10_000_000, help="one ingest that must complete (0: skip)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per measurement (median is reported)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    ok = True
    for section in args.sections.split(","):
        if section == "ingest":
            ok &= bench_ingest(sizes, args.huge or None, args.repeat)
        else:
            ok &= SECTIONS[section](args)
    print("\nall goals met" if ok else "\nsome goals MISSED (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
