"""`python -m analysis backtest` (SPEC 6, 10) on the shipped data: the files SPEC names with their
columns, an offline page, progress as it goes, and one-line errors a user can act on."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from analysis import config
from analysis.report import backtest_page
from tests.conftest import run_cli
from tests.forecast_data import shipped_warehouse

pytestmark = pytest.mark.slow  # replays the demo league in a child process


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return shipped_warehouse(tmp_path_factory.mktemp("shipped"))


@pytest.fixture(scope="module")
def replay(warehouse, tmp_path_factory):
    """The demo league's backtest as `make report` writes it (two seasons: one window ahead)."""
    out = tmp_path_factory.mktemp("backtest") / "bt"
    args = ["--to", "2025-06-30", "--horizon-windows", "1", "--warehouse", str(warehouse), "--out", str(out)]
    return out, run_cli("backtest", *args)


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_files_and_columns_spec_10_names(replay):
    out, result = replay
    assert result.returncode == 0, result.stdout + result.stderr
    expect = {
        "metrics.csv": [
            "model",
            "predictions",
            "positives",
            "base_rate",
            "brier",
            "brier_skill",
            "log_loss",
            "auc",
            "ece",
        ],
        "reliability.csv": ["model", "bin", "predicted_mean", "observed_rate", "predictions"],
        "predictions.csv": ["as_of", "player", "interested_club", "model", "probability", "outcome"],
        "outlet_reliability.csv": [
            *("outlet", "stories", "materialised", "not_materialised", "pending"),
            *("hit_rate", "hit_rate_low", "hit_rate_high"),
        ],
    }
    for name, columns in expect.items():
        header = next(csv.reader((out / name).open(encoding="utf-8")))
        assert [c for c in header if c in columns] == columns, name
    metrics = {r["model"]: r for r in _rows(out / "metrics.csv")}
    assert list(metrics) == ["base_rate", "intensity_only", "move_probability"]
    assert float(metrics["base_rate"]["brier_skill"]) == 0
    # the table the README prints for this very run (make report's backtest), row by row as written
    readme = (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for model_name, row in metrics.items():
        values = [row[c] for c in ("predictions", "positives")] + [
            f"{float(row[c]):.3f}" for c in ("base_rate", "brier", "brier_skill", "log_loss", "auc", "ece")
        ]
        assert f"| {model_name} | {' | '.join(values)} |" in readme, (model_name, values)
    full, intensity = metrics["move_probability"], metrics["intensity_only"]
    assert float(full["brier_skill"]) > float(intensity["brier_skill"]) > 0, "the full model beats both baselines"
    predictions = _rows(out / "predictions.csv")
    assert {p["outcome"] for p in predictions} <= {"materialised", "not materialised", "pending"}
    assert {p["model"] for p in predictions} == set(metrics)
    run = json.loads((out / "backtest.json").read_text(encoding="utf-8"))
    assert (run["end"], run["settings"]["horizon_windows"]) == ("2025-06-30", 1)


def test_progress_and_the_table_are_printed(replay):
    _, result = replay
    lines = result.stdout.splitlines()
    assert lines[0].startswith("backtest 2023-07-01 to 2025-06-30: 8 origins")
    # the long step (pair features of every snapshot day) says how far it is, a quarter at a time
    steps = [line.strip() for line in lines if line.strip().startswith("pair features: ")]
    assert len(steps) == 4 and re.fullmatch(r"pair features: (\d+) of \1 days", steps[-1]), steps
    assert any(line.strip().startswith("[8/8] 2025-06-01:") for line in lines)
    assert any("not fitted (too few outcomes)" in line for line in lines), "the first origins know too little"
    assert any(line.split()[:1] == ["move_probability"] for line in lines) and "open " in lines[-1]


def test_the_page_is_offline_and_shows_the_reliability_diagram(replay):
    out, _ = replay
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<script src="plotly.min.js"></script>' in page and (out / "plotly.min.js").stat().st_size > 1_000_000
    assert "Reliability diagram" in page and "cdn" not in page.lower() and "https://" not in page
    for name in ("metrics.csv", "reliability.csv", "predictions.csv", "outlet_reliability.csv"):
        assert f'href="{name}"' in page


def test_the_page_words_the_horizon_and_the_origins_as_they_were(replay):
    """One window ahead, the real stories' pool has no dataset and was never fitted: the page says
    so, and shows what each origin knew rather than a 'fitted_on' for origins never fitted."""
    out, _ = replay
    page = (out / "index.html").read_text(encoding="utf-8")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "(1 window: the one open on the day, or else the next to close)" in text
    assert "and those after it" not in text
    origins = page[page.index("<h2>Origins</h2>") : page.index("<h2>Data</h2>")]
    assert "<th>fitted_on</th>" not in origins and "<th>known outcomes</th>" in origins
    assert '<td class="text">no dataset</td>' in origins, "the article's stories: no dataset, said"
    assert '<td class="text">not fitted: too few known outcomes to fit' in origins
    assert '<td class="text">fitted (sigmoid calibration)</td>' in origins


@pytest.fixture(scope="module")
def past_the_data(warehouse, tmp_path_factory):
    """A replay that ends eight months after the demo league's newest report (30 June 2025)."""
    out = tmp_path_factory.mktemp("backtest-late") / "bt"
    args = ["--to", "2026-03-01", "--horizon-windows", "1", "--warehouse", str(warehouse), "--out", str(out)]
    return out, run_cli("backtest", *args)


NOTE_START = "dataset 'synthetic-demo': its newest report is 2025-06-30, before the end (2026-03-01); "


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_replay_within_the_data_has_no_notes(replay):
    out, result = replay
    assert "note:" not in result.stdout
    assert json.loads((out / "backtest.json").read_text(encoding="utf-8"))["notes"] == []
    assert 'id="not-scored"' not in (out / "index.html").read_text(encoding="utf-8")
    assert backtest_page.read(out).notes == []


def test_predictions_left_unscored_past_the_data_are_noted_everywhere(past_the_data):
    """The CLI, backtest.json, the page (right under the summary, before the scores) and the folder
    read back all carry the same note, and its count is the fitted predictions whose horizon closes
    between the pool's newest report and the end, which predictions.csv leaves unscored."""
    out, result = past_the_data
    assert result.returncode == 0, result.stdout + result.stderr
    (printed,) = [line.strip().removeprefix("note: ") for line in result.stdout.splitlines() if "note:" in line]
    assert printed.startswith(NOTE_START)
    count = int(printed.removeprefix(NOTE_START).split()[0].replace(",", ""))
    left = [
        row
        for row in _rows(out / "predictions.csv")
        if row["model"] == "move_probability"
        and row["probability"]
        and "2025-06-30" <= row["horizon_closes"] < "2026-03-01"
    ]
    assert count == len(left) > 0 and all(row["scored"] == "false" for row in left)
    assert json.loads((out / "backtest.json").read_text(encoding="utf-8"))["notes"] == [printed]
    page = (out / "index.html").read_text(encoding="utf-8")
    box = page[page.index('<div class="notes" id="not-scored">') :]
    assert page.index('id="not-scored"') < page.index("<h2>Scores</h2>")
    assert _text(box[: box.index("</div>")]) == f"Not scored {printed}"
    assert backtest_page.read(out).notes == [printed]


def _notebook_html(nb) -> str:
    return " ".join(
        "".join(o["data"]["text/html"])
        for c in nb.cells
        for o in c.get("outputs", [])
        if "text/html" in o.get("data", {})
    )


def test_the_backtest_notebook_shows_the_notes_replayed_or_read_back(past_the_data, warehouse, tmp_path):
    """notebooks/backtest.ipynb through papermill: replayed on the warehouse past its data, and on
    the folder the CLI wrote, it shows the same note, escaped, under the summary."""
    out, result = past_the_data
    (printed,) = [line.strip().removeprefix("note: ") for line in result.stdout.splitlines() if "note:" in line]
    runs = {
        "replayed": {"to_date": "2026-03-01", "horizon_windows": 1, "warehouse": str(warehouse)},
        "read back": {"results": str(out)},
    }
    for how, parameters in runs.items():
        executed = tmp_path / f"{how}.ipynb"
        papermill.execute_notebook(
            str(config.NOTEBOOKS_DIR / "backtest.ipynb"),
            str(executed),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            cwd=str(tmp_path),
        )
        shown = _notebook_html(nbformat.read(executed, as_version=4))
        assert f"<strong>Not scored:</strong> {html.escape(printed)}</p>" in shown, how


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2025-03-01", "--to", "2024-03-01"], "error: --from (2025-03-01) is after --to (2024-03-01)"),
        # both before the first story (trial 3: said the warehouse held no stories at all)
        (["--from", "2024-01-01", "--to", "2023-01-01"], "error: --from (2024-01-01) is after --to (2023-01-01)"),
        (
            ["--from", "2019-01-01", "--to", "2019-06-01"],
            "error: no story of outside interest was known by --to (2019-06-01): the first is from 2023-07-01; "
            "nothing to replay",
        ),
        (["--to", "2025-13-01"], "error: --to must be a date like 2025-01-25, got '2025-13-01'"),
        (["--horizon-windows", "0"], "argument --horizon-windows: must be at least 1, got 0"),
    ],
)
def test_bad_arguments_are_one_line(warehouse, tmp_path, args, message):
    result = run_cli("backtest", "--warehouse", str(warehouse), "--out", str(tmp_path / "bt"), *args)
    assert result.returncode == 2, result.stdout
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "bt").exists()


def test_an_output_folder_that_cannot_be_written_is_one_line(warehouse, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli("backtest", "--warehouse", str(warehouse), "--to", "2024-02-10", "--out", str(blocker / "bt"))
    assert (
        result.returncode == 2 and result.stderr.startswith("error: ") and "cannot write the backtest" in result.stderr
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == "", "refused before the replay (minutes on a large warehouse), not after it"


def test_a_damaged_backtest_folder_read_back_is_one_line_naming_the_file(replay, tmp_path):
    """The backtest notebook reads a saved folder (`results`): a backtest.json cut short, or a CSV
    that is not one, is a message naming the file, not a JSONDecodeError from deep in the reader."""
    import shutil

    from analysis.errors import UserError

    out, _ = replay
    copy = tmp_path / "bt"
    shutil.copytree(out, copy)
    text = (copy / "backtest.json").read_text(encoding="utf-8")
    (copy / "backtest.json").write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(UserError, match=r"bt/backtest\.json: not a backtest file \(.+\); write the folder again"):
        backtest_page.read(copy)
    (copy / "backtest.json").write_text(text, encoding="utf-8")
    (copy / "metrics.csv").write_bytes(b'model,predictions\n"base_rate,1\n')  # a quote left open
    with pytest.raises(UserError, match=r"bt/metrics\.csv: cannot be read back \("):
        backtest_page.read(copy)
