"""The backtest's folder (SPEC 6, 10): metrics.csv, reliability.csv, predictions.csv,
outlet_reliability.csv, origins.csv and an offline index.html with the reliability diagram, the
outlets' hit rates and how to read them (plotly.js beside it, never from a CDN)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
from pathlib import Path

import pandas as pd

from analysis.errors import UserError
from analysis.forecast.backtest import Backtest
from analysis.forecast.settings import Settings
from analysis.report import forecast_charts
from analysis.report.export import write_csv, write_plotly_js
from analysis.report.formatting import fmt_date
from analysis.report.paths import inside
from analysis.wording import noun, plural

FILES = ("metrics.csv", "reliability.csv", "predictions.csv", "outlet_reliability.csv", "origins.csv", "backtest.json")
MODEL_NAMES = {
    "base_rate": "base rate (the share of known outcomes that were moves)",
    "intensity_only": "intensity only (a logistic regression on intensity)",
    "move_probability": "move probability (the full model)",
}

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<script src="plotly.min.js"></script>
<style>body{{font-family:system-ui,sans-serif;max-width:68rem;margin:2rem auto;padding:0 1rem;color:#222}}
table{{border-collapse:collapse;margin:1rem 0}}
td,th{{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:right}}
td:first-child,th:first-child,td.text{{text-align:left}} small{{color:#666}}
.notes{{background:#fff4e5;border-left:4px solid #f5a623;padding:.5em .8em;margin:1rem 0}}
.notes ul{{margin:.3rem 0}}</style></head>
<body><h1>{title}</h1>
{body}
<p><small>Transfer Radar backtest, generated {generated}. Charts are interactive and work offline.</small></p>
</body></html>
"""


def _table(frame: pd.DataFrame, digits: int = 3) -> str:
    def cell(value: object) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return "—"
        if isinstance(value, float):
            return f"{value:,.{digits}f}"
        if isinstance(value, int):
            return f"{value:,}"
        return html.escape(str(value))

    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)

    def td(value: object) -> str:
        text = isinstance(value, str) and not value.replace(".", "").isdigit()
        return f'<td class="text">{cell(value)}</td>' if text else f"<td>{cell(value)}</td>"

    rows = "".join("<tr>" + "".join(td(v) for v in row) + "</tr>" for row in frame.itertuples(False))
    return f"<table><tr>{head}</tr>{rows}</table>"


def _figure(fig) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})


def summary(result: Backtest) -> str:
    """One sentence an analyst can quote: what was replayed and how the full model did."""
    scored = result.metrics.set_index("model")
    if "move_probability" not in scored.index or not scored.loc["move_probability", "predictions"]:
        if result.notes:  # predictions there were, but their horizons close after their data ends
            return (
                f"From {result.start} to {result.end}, no prediction could be scored: those whose horizon closed "
                "were left unscored, their data ending before it (see Not scored below); a --to at or before the "
                "data's newest report scores them."
            )
        return f"From {result.start} to {result.end}, no prediction could be scored yet: {_why_none(result)}"
    full = scored.loc["move_probability"]
    predictions = int(full["predictions"])
    return (
        f"From {result.start} to {result.end}, {plural(predictions, 'prediction')} (horizons closed by the end) "
        f"{noun(predictions, 'was', 'were')} scored, {int(full['positives']):,} of which came true. The full model's "
        f"Brier score is {full['brier']:.3f} (skill {full['brier_skill']:+.1%} over the base rate; intensity alone "
        f"{scored.loc['intensity_only', 'brier_skill']:+.1%}), its calibration error {full['ece']:.3f}."
    )


def _why_none(result: Backtest) -> str:
    """Which of the two reasons left a replay without a scored prediction, and what scores some
    (trial 4: two seasons of data, looking two windows ahead, can never close a horizon)."""
    made = result.predictions
    if not made.empty:
        made = made[(made["model"] == "move_probability") & made["probability"].notna()]
    if made.empty:
        return "too few outcomes were known at every origin to fit the model (see the origins table)."
    first = min(pd.to_datetime(made["horizon_closes"])).date()
    ahead = result.settings.horizon_windows
    fewer = f", or looking fewer windows ahead (--horizon-windows {ahead - 1})," if ahead > 1 else ""
    return (
        f"{plural(len(made), 'prediction')} {noun(len(made), 'was', 'were')} made, but no horizon "
        f"({plural(ahead, 'window')} ahead) had closed by the end; the first closes on {first}. A --to after it"
        f"{fewer} scores some."
    )


def horizon_words(windows: int) -> str:
    """The horizon of a forecast, worded by its number of windows (SPEC 10)."""
    first = "the one open on the day, or else the next to close"
    if windows == 1:
        return f"1 window: {first}"
    after = "the one after it" if windows == 2 else f"the {windows - 1} after it"
    return f"{windows} windows: {first}, and {after}"


def origins_table(origins: pd.DataFrame, pool_column: str) -> pd.DataFrame:
    """origins.csv as the page shows it: what each origin knew (its known outcomes, fitted on or
    not) and whether it was fitted, with the reason when not; a pool without a value named."""

    def text(value: object) -> str:
        return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)

    def pool(value: object) -> str:
        if not pool_column:
            return "every pair (no pools)"
        return text(value) or f"no {pool_column}"

    def fit(row) -> str:
        if text(row.reason):
            return f"not fitted: {text(row.reason)}"
        if text(row.calibration):
            return f"fitted ({text(row.calibration)} calibration)"
        return "nothing to fit: no pair with interest, no known outcome"

    return pd.DataFrame(
        {
            "origin": origins["as_of"].astype(str),
            "pool": [pool(v) for v in origins["pool"]],
            "pairs": origins["pairs"],
            "known outcomes": origins["fitted_on"],
            "known moves": origins["known_moves"],
            "examples": origins["examples"],
            "fit": [fit(row) for row in origins.itertuples(index=False)],
        }
    )


def notes_html(notes: list[str]) -> str:
    """What the replay could not score and why (Backtest.notes), as a box right under the summary,
    each note escaped; nothing when every closed horizon was scored."""
    if not notes:
        return ""
    items = "".join(f"<li>{html.escape(note)}</li>" for note in notes)
    return f'<div class="notes" id="not-scored"><p><b>Not scored</b></p><ul>{items}</ul></div>'


def render(result: Backtest, generated: str) -> str:
    h = result.settings.horizon_windows
    diagram = forecast_charts.reliability_diagram(
        result.reliability,
        title=f"Reliability diagram: backtest from {fmt_date(result.start)}, as of {fmt_date(result.end)}",
        # two lines: one is cut off at the figure's edge (trial 3)
        subtitle="Each point is a bin of predictions: their mean probability against the share that came true<br>"
        "(closer to the diagonal is better calibrated; larger points hold more predictions, faint open ones fewer "
        f"than {forecast_charts.SPARSE_BIN}, too few to judge)",
    )
    outlets = forecast_charts.outlet_reliability(result.outlet_reliability, as_of=result.end)
    metrics = result.metrics.assign(model=result.metrics["model"].map(MODEL_NAMES).fillna(result.metrics["model"]))
    origins = origins_table(result.origins, result.settings.pool_column)
    body = [
        f"<p>{html.escape(summary(result))}</p>",
        notes_html(result.notes),
        "<p>Each origin (the day a transfer window opens and the day after it closes) the models are fitted on "
        "the outcomes known that day and predict, for every pair with interest, whether the club signs the player by "
        f"the close of the horizon ({horizon_words(h)}). A prediction is scored once its horizon has closed by the "
        "end of the replay.</p>",
        "<h2>Scores</h2>",
        "<p><b>Brier score</b>: mean squared error of the probabilities (lower is better). <b>Brier skill</b>: the "
        "share of the base rate's error removed (above 0 beats it). <b>Log loss</b>: penalises confident misses. "
        "<b>AUC</b>: how often a move was ranked above a non-move (0.5 is chance). <b>ECE</b>: expected calibration "
        "error, the average gap between predicted and observed rates over ten probability bins (0 is perfect).</p>",
        _table(metrics),
        "<h2>Calibration</h2>",
        _figure(diagram),
        "<h2>Outlets, as of the end</h2>",
        "<p>Each outlet's hit rate on the stories it broke, relays credited to it, smoothed towards the typical "
        "outlet; only settled stories count (horizon closed), pending ones apart.</p>",
        _figure(outlets),
        "<h2>Origins</h2>",
        "<p>What each origin could learn from, per pool (pairs learn only from pairs of their own "
        f"{html.escape(result.settings.pool_column or 'pool')}): its pairs with interest, the outcomes known that day "
        "(moves and non-moves whose horizon had closed) and whether the models could be fitted on them.</p>",
        _table(origins, digits=0),
        "<h2>Data</h2><ul>"
        + "".join(f'<li><a href="{html.escape(name, quote=True)}">{html.escape(name)}</a></li>' for name in FILES)
        + "</ul>",
    ]
    return PAGE.format(title=html.escape("Backtest: will it happen?"), body="\n".join(body), generated=generated)


def write(result: Backtest, out: Path) -> Path:
    """Every file of the backtest folder; returns index.html."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    frames = {
        "metrics.csv": result.metrics,
        "reliability.csv": result.reliability,
        "predictions.csv": result.predictions,
        "outlet_reliability.csv": result.outlet_reliability,
        "origins.csv": result.origins,
    }
    for name, frame in frames.items():
        write_csv(frame, inside(out, name))
    run = {
        "start": str(result.start),
        "end": str(result.end),
        "settings": dataclasses.asdict(result.settings),
        "notes": list(result.notes),
    }
    inside(out, "backtest.json").write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    write_plotly_js(out)
    page = inside(out, "index.html")
    page.write_text(render(result, dt.datetime.now().strftime("%Y-%m-%d %H:%M")), encoding="utf-8")
    return page


def read(folder: str | Path) -> Backtest:
    """A backtest folder written by `python -m analysis backtest`, read back (the notebook shows one)."""
    folder = Path(folder)
    missing = [name for name in FILES if not (folder / name).is_file()]
    if missing:
        raise UserError(
            f"{folder}: not a backtest folder (no {missing[0]}); write one with `python -m analysis backtest`"
        )
    try:
        run = json.loads((folder / "backtest.json").read_text(encoding="utf-8"))
        start, end = dt.date.fromisoformat(run["start"]), dt.date.fromisoformat(run["end"])
        settings = Settings(**run["settings"])
        notes = [str(note) for note in run.get("notes", [])]  # folders written before notes were kept have none
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UserError(
            f"{folder / 'backtest.json'}: not a backtest file ({_problem(exc)}); write the folder again "
            "with `python -m analysis backtest`"
        ) from None
    frames = {}
    for name in FILES:
        if name.endswith(".csv"):
            try:
                frames[name] = pd.read_csv(folder / name)
            except (OSError, UnicodeDecodeError, ValueError) as exc:  # pandas' parser errors are ValueErrors
                raise UserError(
                    f"{folder / name}: cannot be read back ({_problem(exc)}); write the folder again "
                    "with `python -m analysis backtest`"
                ) from None
    return Backtest(
        start=start,
        end=end,
        settings=settings,
        origins=frames["origins.csv"],
        predictions=frames["predictions.csv"],
        metrics=frames["metrics.csv"],
        reliability=frames["reliability.csv"],
        outlet_reliability=frames["outlet_reliability.csv"],
        notes=notes,
    )


def _problem(exc: Exception) -> str:
    """One line of what was wrong (a missing key is named as a key, not bare)."""
    if isinstance(exc, KeyError):
        return f"no {exc.args[0]!r}"
    return " ".join(str(getattr(exc, "strerror", None) or exc).split()) or type(exc).__name__
