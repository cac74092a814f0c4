"""Identity engines compared on the labelled set (tests/fixtures/identity/): ours (blocking keys and
evidence-weighed scores in DuckDB SQL, run through a real ingest) against splink, the Fellegi-Sunter
record-linkage library on DuckDB (u by random sampling, m by expectation maximisation, its own
name comparisons, blocking on surname, given name and initial + surname). Both see the same folded
names (anyascii) and the club each side names; both are scored alike (analysis.identity.evaluation):
top-1 precision, recall and the precision of links at 0.95; on the ambiguous names (two contracted
players one written name fits), the share of those the rumour's club decides whose best guess is
right, and how many of those it cannot decide were linked (none may be). Splink is not a dependency of the
project (it lost): run this with a Python that has it, e.g.

    python -m venv /tmp/splink && /tmp/splink/bin/pip install splink anyascii pyyaml pandas && \\
        /tmp/splink/bin/pip install --no-deps -e .
    .venv/bin/python benchmarks/identity_compare.py --splink-python /tmp/splink/bin/python

Figures are printed for the whole set, for each part (tune/, holdout/: the held-out part is the one
to read), and, once the set has more than one batch of cases (`# batch:` lines), for each batch in
both parts and in each part alone: a batch written after the weights were set measures them on names
they were not set by. `--engine ours` runs ours alone (no splink needed).

The labelled set is small (about 1,100 names): for speed at scale see `make bench`, section `names`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "fixtures" / "identity"


def ours() -> dict:
    from analysis import config
    from analysis.identity.evaluation import evaluate
    from analysis.ingest import ingest
    from analysis.progress import Progress

    started = time.perf_counter()
    scores = evaluate(LABELLED, lambda raw, wh: ingest(raw, config.REFERENCE_DIR, wh, progress=Progress.quiet()))
    return _report("ours (blocking + scores in DuckDB SQL)", scores, time.perf_counter() - started)


def _report(engine: str, scores, seconds: float) -> dict:
    from analysis.identity.evaluation import batches

    return {
        "engine": engine,
        "seconds": seconds,
        "slices": {label: _figures(part) for label, part in scores.slices(batches(LABELLED))},
    }


def _figures(scores) -> dict:
    variants, near = scores.counts()
    decided, undecided = scores.ambiguous_counts()
    ambiguous = scores.ambiguous()
    return {
        "ambiguous_decided": decided,
        "ambiguous_none": undecided,
        "ambiguous_top1": scores.ambiguous_top1(),
        "ambiguous_links": ambiguous.links,
        "ambiguous_link_precision": ambiguous.auto_link_precision(),
        "none_linked": len(scores.undecided_linked()),
        "variants": variants,
        "near": near,
        "precision": scores.precision(),
        "recall": scores.recall(),
        "precision_hard": scores.precision(trivial=False),
        "recall_hard": scores.recall(trivial=False),
        "links": scores.links,
        "link_precision": scores.auto_link_precision(),
    }


def _frame(names: list[tuple[str, str | None]], prefix: str):
    import pandas as pd

    from analysis.identity.folding import fold

    rows = []
    for i, (name, club) in enumerate(names):
        words = fold(name).split()
        club_words = [w for w in fold(club or "").split() if w not in ("fc", "afc", "cf", "sc", "ac", "cd", "sl")]
        rows.append(
            {
                "unique_id": f"{prefix}{i}",
                "full_name": " ".join(words),
                "first_name": words[0] if words else None,
                "surname": words[-1] if len(words) > 1 else None,
                "club": " ".join(club_words) or None,
            }
        )
    return pd.DataFrame(rows)


def _splink_half(
    half: str, cases, roster, trained: dict | None = None
) -> tuple[list[tuple[str | None, float]], float, dict]:
    """Best roster name and its match probability per case (each is its own record), the seconds
    splink took, and its model. With `trained` (a model from another half) it only predicts: an
    ambiguous round is far too small to train on."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    left = _frame([(c.written, c.written_club) for c in cases], "w")
    right = _frame(roster, "t")
    started = time.perf_counter()
    db_api = DuckDBAPI()
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("full_name", [0.95, 0.88]),
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.ExactMatch("club"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("surname"),
            block_on("first_name"),
            block_on("substr(first_name, 1, 1)", "substr(surname, 1, 4)"),
            block_on("club"),
        ],
    )
    linker = Linker([db_api.register(left), db_api.register(right)], trained or settings, log_level=40)
    if trained is None:
        linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    for column in ("surname", "first_name") if trained is None else ():
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(block_on(column))
        except ValueError as error:  # EM drove an m probability to 0 (splink 5 refuses it): keep the last m
            print(f"splink: {half}: EM blocked on {column} skipped ({str(error).split('.')[0]})", file=sys.stderr)
    predictions = linker.inference.predict(threshold_match_probability=0.01).as_pandas_dataframe()
    seconds = time.perf_counter() - started
    best: dict[str, tuple[str, float]] = {}
    names = dict(zip(right["unique_id"], [n for n, _ in roster]))
    for row in predictions.sort_values("match_probability", ascending=False).itertuples():
        written_id, target_id = (row.unique_id_l, row.unique_id_r)
        if not written_id.startswith("w"):
            written_id, target_id = target_id, written_id
        best.setdefault(written_id, (names[target_id], row.match_probability))
    by_case: list[tuple[str | None, float]] = [best.get(f"w{i}", (None, 0.0)) for i in range(len(cases))]
    return by_case, seconds, trained or linker.misc.save_model_to_json()


def splink() -> dict:
    from analysis.identity.evaluation import (
        Outcome,
        Scores,
        ambiguous_roster,
        load_ambiguous,
        load_cases,
        roster,
        rounds,
    )
    from analysis.identity.folding import fold

    variants, near = load_cases(LABELLED)
    scores, seconds = Scores(), 0.0
    rumoured = {fold(c.written) for c in near}
    halves = [
        ("variants", variants, roster(variants, near)),
        ("near misses", near, [(n, c) for n, c in roster(near, []) if fold(n) not in rumoured]),
    ]
    # ambiguous names in the same rounds as ours (each round: its cases' two players each), scored by
    # the model trained on the variants' half
    halves += [
        (f"ambiguous {n}", group, ambiguous_roster(group))
        for n, group in enumerate(rounds(load_ambiguous(LABELLED)), 1)
    ]
    model = None
    for half, cases, names in halves:
        best, took, trained = _splink_half(half, cases, names, model if half.startswith("ambiguous") else None)
        model = model or trained
        seconds += took
        for case, (guess, probability) in zip(cases, best, strict=True):
            scores.outcomes.append(Outcome(case, guess if probability >= 0.5 else None, probability >= 0.95))
    return _report("splink 5 (Fellegi-Sunter, EM, DuckDB)", scores, seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splink-python", default=None, help="a Python with splink installed (default: this one)")
    parser.add_argument("--engine", choices=["ours", "splink"], default=None, help="run one engine only")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one engine's figures, for main
    args = parser.parse_args()
    if args.json and args.engine:
        print(json.dumps(ours() if args.engine == "ours" else splink()))
        return 0
    results = []
    engines = (("ours", sys.executable), ("splink", args.splink_python or sys.executable))
    for engine, python in engines if args.engine is None else [e for e in engines if e[0] == args.engine]:
        out = subprocess.run([python, __file__, "--engine", engine, "--json"], capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{engine}: failed: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode}")
            continue
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(*[line for line in out.stderr.splitlines() if line.startswith(f"{engine}:")], sep="\n", end="")
    if not results:
        return 1
    for label in results[0]["slices"]:
        first = results[0]["slices"][label]
        print(f"\n{label}: {first['variants']} variant pairs, {first['near']} near misses")
        if first["variants"] or first["near"]:  # (a batch of ambiguous names alone has none)
            print(
                f"  {'engine':<42} {'top-1 prec':>10} {'recall':>7} {'hard prec':>10} {'hard rec':>9} {'links':>6} "
                f"{'link prec':>10}"
            )
            for r in results:
                f = r["slices"][label]
                print(
                    f"  {r['engine']:<42} {f['precision']:>10.1%} {f['recall']:>7.1%} {f['precision_hard']:>10.1%} "
                    f"{f['recall_hard']:>9.1%} {f['links']:>6} {f['link_precision']:>10.1%}"
                )
        if first["ambiguous_decided"] or first["ambiguous_none"]:
            print(
                f"  ambiguous names: {first['ambiguous_decided']} the rumour's club decides, "
                f"{first['ambiguous_none']} none may be linked"
            )
            print(f"  {'engine':<42} {'top-1 right':>11} {'links':>6} {'link prec':>10} {'none linked':>12}")
            for r in results:
                f = r["slices"][label]
                print(
                    f"  {r['engine']:<42} {f['ambiguous_top1']:>11.1%} {f['ambiguous_links']:>6} "
                    f"{f['ambiguous_link_precision']:>10.1%} {f['none_linked']:>12}"
                )
    print("\n" + ", ".join(f"{r['engine']}: {r['seconds']:.2f} s" for r in results))
    print(
        "(hard: pairs differing beyond case and accents; links and link prec count the ambiguous names' links; "
        "ours: whole ingests, splink: training and prediction)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
