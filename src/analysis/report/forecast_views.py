"""What the notebooks show of "Will it happen?" (SPEC 10): each function returns a section's figure
and the data exported beside it, or the text that goes with it, so notebooks stay one call per
section and the logic stays here, where it is tested."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd

from analysis import forecast, marts
from analysis.report import forecast_charts
from analysis.report.formatting import fmt_date
from analysis.report.parameters import check_horizon_windows_given

__all__ = [
    "backtest",
    "backtest_outlets",
    "check_horizon_windows",
    "check_source_weights",
    "forecast_lines",
    "metrics_table",
    "move_probability",
    "outlet_reliability",
    "player_move_probability",
    "reliability_diagram",
    "section",
    "sentence",
]


def check_source_weights(value: object) -> str:
    """A notebook's source_weights parameter: 'tiers' (also '') or 'learned', else a clear error."""
    return marts.source_weight_choice(value)


def check_horizon_windows(value: object) -> int:
    """A notebook's horizon_windows: a number of windows, or 0 for the default of forecast.yml."""
    given = check_horizon_windows_given(value)
    return forecast.settings().horizon_windows if given is None else given


def _chart(data: pd.DataFrame, subject: str, as_of: dt.date):
    """The probabilities' chart, or None when there is none to draw (too few known outcomes, or no
    pursuit): then the report says why in words and exports the data alone."""
    if not data["probability"].notna().any():
        return None
    return forecast_charts.move_probability(data, subject=subject, as_of=as_of)


def move_probability(club: str, as_of: dt.date, *, horizon_windows: int | None = None, warehouse: Path | None = None):
    """The club's pursuits and its players' suitors with the probability of each move by the close
    of the horizon (chart `move_probability`; its CSV holds every pair)."""
    data = forecast.move_probabilities(as_of, club=club, horizon_windows=horizon_windows, warehouse=warehouse)
    return _chart(data, club, as_of), data


def player_move_probability(
    player: str, as_of: dt.date, *, horizon_windows: int | None = None, warehouse: Path | None = None
):
    """Each suitor's probability of signing the player by the close of the horizon."""
    data = forecast.move_probabilities(as_of, player=player, horizon_windows=horizon_windows, warehouse=warehouse)
    return _chart(data, player, as_of), data


def section(fig, data: pd.DataFrame, name: str, output_dir: str | Path | None, png: bool = False):
    """A notebook's move-probability section: the chart and its CSV under charts/ (the CSV alone
    when there is no chart), the chart shown, and the pairs in words below it."""
    from analysis.report import notebook as nb

    if fig is None:
        nb.export_csv(data, name, output_dir)
    else:
        nb.export_chart(fig, data, name, output_dir, png)
        nb.show(fig)
    return forecast_lines(data)


def outlet_reliability(as_of: dt.date, *, warehouse: Path | None = None):
    """Every outlet's hit rate with its credible interval, ranked."""
    data = forecast.outlet_reliability(as_of, warehouse=warehouse)
    return forecast_charts.outlet_reliability(data, as_of=as_of), data


def sentence(row: pd.Series) -> str:
    """'Real Madrid -> Trent Alexander-Arnold: 34% by the close of the summer 2025 window, fitted on
    403 known outcomes', or the pair with the reason there is no probability (plain text)."""
    pair = f"{row['interested_club']} -> {row['player']}"
    if pd.isna(row["probability"]):
        return f"{pair}: no probability ({row['reason']})"
    return (
        f"{pair}: {float(row['probability']):.0%} by the close of the {row['window_label']} window, "
        f"fitted on {int(row['fitted_on']):,} known outcomes"
    )


def forecast_lines(data: pd.DataFrame, count: int = 10):
    """The likeliest pairs as sentences, with each pair's interest intensity beside its probability
    (every pair is in the CSV); every name escaped."""
    from IPython.display import HTML

    if data.empty:
        return HTML("<p><em>No pursuit with interest on the as-of date.</em></p>")
    items = "".join(
        f"<li>{html.escape(sentence(row))} <small>(intensity {float(row['intensity']):.2f})</small></li>"
        for _, row in data.head(count).iterrows()
    )
    more = f"<p><small>{len(data) - count} more pairs in the CSV.</small></p>" if len(data) > count else ""
    return HTML(f"<ul>{items}</ul>{more}")


def backtest(
    from_date: str = "",
    to_date: str = "",
    horizon_windows: int | None = None,
    *,
    results: str | Path = "",
    warehouse: Path | None = None,
    output_dir: str | Path = "",
):
    """A backtest: read from `results` (a folder the backtest command wrote) or replayed here on
    the warehouse (progress printed as it goes), and written to `output_dir` when given."""
    from analysis.forecast import backtest as replay
    from analysis.report import backtest_page

    if results:
        return backtest_page.read(results)
    result = replay.run(
        from_date or None, to_date or None, horizon_windows=horizon_windows, warehouse=warehouse, say=print
    )
    if output_dir:
        backtest_page.write(result, Path(output_dir))
    return result


def metrics_table(result) -> pd.DataFrame:
    """metrics.csv as analysts read it: the full model last, scores rounded."""
    from analysis.report.backtest_page import MODEL_NAMES

    shown = result.metrics.assign(model=result.metrics["model"].map(MODEL_NAMES).fillna(result.metrics["model"]))
    return shown.round({c: 3 for c in ("base_rate", "brier", "brier_skill", "log_loss", "auc", "ece")})


def reliability_diagram(result):
    title = f"Reliability diagram: backtest from {fmt_date(result.start)}, as of {fmt_date(result.end)}"
    return forecast_charts.reliability_diagram(result.reliability, title=title)


def backtest_outlets(result):
    return forecast_charts.outlet_reliability(result.outlet_reliability, as_of=result.end)
