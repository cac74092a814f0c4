"""The notebooks as committed, and executed for real through papermill."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import nbformat
import papermill
import pytest

from analysis import config

pytestmark = pytest.mark.slow  # runs notebooks or several processes

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))
PLOTLY = "application/vnd.plotly.v1+json"


def test_there_are_the_five_notebooks():
    assert [p.stem for p in NOTEBOOKS] == [
        "backtest",
        "expiry_timeline",
        "interest_intensity",
        "market_watch",
        "player_dossier",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_clean_with_one_typed_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "committed with outputs"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines():
        statement, _, help_text = line.partition("#")
        node = ast.parse(statement).body[0]
        assert isinstance(node, ast.AnnAssign), f"{path.name}: '{line}' is not 'name: type = literal  # help'"
        assert help_text.strip(), f"{path.name}: '{line}' has no # help comment"
        value = ast.literal_eval(node.value)
        assert type(value).__name__ == node.annotation.id, f"{path.name}: {line}"
    declared = papermill.inspect_notebook(str(path))  # what `papermill --help-notebook` and `report -p` read
    assigned = [ln.split(":")[0] for ln in tagged[0].source.splitlines() if ln.strip()]
    assert list(declared) == assigned, f"{path.name}: papermill cannot read every line of the parameters cell"
    for name, parameter in declared.items():
        assert parameter["help"].strip() and parameter["inferred_type_name"] != "None", (path.name, name)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_stay_thin(path):
    nb = nbformat.read(path, as_version=4)
    code_lines = [
        ln
        for c in nb.cells
        if c.cell_type == "code"
        for ln in c.source.splitlines()
        if ln.strip() and not ln.strip().startswith("#")
    ]
    assert len(code_lines) <= 40, "logic belongs in src/analysis, where it is tested"
    assert not any(ln.lstrip().startswith(("def ", "class ", "for ", "while ")) for ln in code_lines)


def _execute(tmp_path, name, **parameters):
    out = tmp_path / f"{name}-out.ipynb"
    papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / f"{name}.ipynb"),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    return nbformat.read(out, as_version=4)


def _charts(nb) -> list[dict]:
    return [
        o["data"][PLOTLY]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if PLOTLY in o.get("data", {})
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, charts",
    [
        ("interest_intensity", 2),  # no move probability to draw: the article alone settles no outcome
        ("expiry_timeline", 2),
        ("player_dossier", 2),
        ("market_watch", range(2, 5)),
        ("backtest", 2),
    ],
)
def test_each_notebook_runs_on_its_defaults(tmp_path, monkeypatch, article_warehouse, name, charts):
    monkeypatch.setenv("TRANSFER_RADAR_WAREHOUSE", str(article_warehouse))
    nb = _execute(tmp_path, name)
    drawn = _charts(nb)
    assert len(drawn) in (charts if isinstance(charts, range) else [charts])
    titles = [fig["layout"]["title"]["text"] for fig in drawn]
    assert all("as of 25 Jan 2025" in t for t in titles), titles
    html_outputs = [o for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    plotted = [o for o in html_outputs if 'class="plotly-graph-div"' in "".join(o["data"]["text/html"])]
    assert len(plotted) == len(drawn), "each chart's HTML form (for exported pages) is there too"
    if name == "interest_intensity":
        said = " ".join("".join(o["data"]["text/html"]) for o in html_outputs)
        pair = "Real Madrid -&gt; Trent Alexander-Arnold"
        assert f"{pair}: no probability (too few known outcomes to fit: by 2025-01-25, 0 chases" in said


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, parameters, expect",
    [
        ("interest_intensity", {"club": "007", "half_life_days": 7.0, "min_source_tier": 2}, "007"),
        ("expiry_timeline", {"club": "olympique D'AJACCIO", "horizon_months": 24}, "Olympique d'Ajaccio"),
        ("player_dossier", {"player": "n’golo kante", "lookback_days": 30}, "N'Golo Kanté"),
        ("player_dossier", {"player": "TAA"}, "Trent Alexander-Arnold"),  # an alias from aliases.csv
        ("interest_intensity", {"source_weights": "learned", "horizon_windows": 1}, "Liverpool"),
    ],
)
def test_notebooks_on_non_default_parameters(tmp_path, article_warehouse, name, parameters, expect):
    """Each writes its charts (an HTML page and its CSV) under the slug of its subject; the move
    probabilities, with none fitted on the article's few outcomes, only their CSV (with the reason)."""
    output_dir = tmp_path / "out"
    nb = _execute(
        tmp_path, name, as_of="2025-01-25", warehouse=str(article_warehouse), output_dir=str(output_dir), **parameters
    )
    titles = [fig["layout"]["title"]["text"] for fig in _charts(nb)]
    assert titles and all(t.startswith(expect) for t in titles), titles
    written = sorted(p.name for p in (output_dir / "charts").iterdir())
    slug = {"N'Golo Kanté": "-n-golo-kante", "Trent Alexander-Arnold": "-trent-alexander-arnold"}.get(expect, "")
    charts = {
        "interest_intensity": ["intensity_heatmap", "interest_intensity"],
        "expiry_timeline": ["expiry_cliff", "expiry_timeline"],
        "player_dossier": ["pursuit_ladder", "suitor_intensity"],
    }[name]
    tables = ["move_probability"] if name != "expiry_timeline" else []
    expected = [f"{c}{slug}.{ext}" for c in charts for ext in ("csv", "html")] + [f"{t}{slug}.csv" for t in tables]
    assert written == sorted(expected)
    assert (output_dir / "plotly.min.js").stat().st_size > 1_000_000, "the chart pages' ../plotly.min.js is there"


@pytest.mark.slow
def test_club_007_through_the_papermill_command_line(tmp_path, article_warehouse):
    out = tmp_path / "007.ipynb"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(config.NOTEBOOKS_DIR / "expiry_timeline.ipynb"),
            str(out),
            "-r",
            "club",
            "007",
            "-p",
            "as_of",
            "2025-01-25",
            "-p",
            "warehouse",
            str(article_warehouse),
            "--kernel",
            "python3",
            "--no-progress-bar",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    nb = nbformat.read(out, as_version=4)
    assert [f["layout"]["title"]["text"].split(":")[0] for f in _charts(nb)] == ["007", "007"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, parameters, message",
    [
        ("interest_intensity", {"top_pairs": 0}, "top_pairs must be at least 1, got 0"),
        (
            "interest_intensity",
            {"min_source_tier": 9},
            "min_source_tier must be between 1 and 4 (0: the default), got 9",
        ),
        ("expiry_timeline", {"horizon_months": "abc"}, "horizon_months must be a whole number, got 'abc'"),
        ("player_dossier", {"half_life_days": -3.0}, "half_life_days must be above 0, got -3.0"),
        ("interest_intensity", {"source_weights": "hunch"}, "source_weights must be 'tiers' (by outlet tier"),
        ("backtest", {"horizon_windows": 99}, "horizon_windows must be between 1 and 8 (0: the default), got 99"),
    ],
)
def test_bad_numbers_stop_at_validation(tmp_path, article_warehouse, name, parameters, message):
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        _execute(tmp_path, name, warehouse=str(article_warehouse), **parameters)
    assert caught.value.evalue.startswith(message)


@pytest.mark.slow
def test_unknown_club_stops_at_validation_naming_the_closest(tmp_path, article_warehouse):
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        _execute(tmp_path, "interest_intensity", club="Liverpol", warehouse=str(article_warehouse))
    assert "Unknown club 'Liverpol'" in caught.value.evalue
    assert "Closest known: Liverpool" in caught.value.evalue
    nb = json.loads((tmp_path / "interest_intensity-out.ipynb").read_text())
    assert not _charts(nbformat.from_dict(nb)), "nothing ran after the validation cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_settings_are_not_repeated_from_intensity_yml(path):
    """A setting whose default lives in data/reference/intensity.yml is declared as 0 ('default from
    intensity.yml'), never as a copy of the number, so editing the file changes every report."""
    from analysis.report.parameters import SETTINGS

    declared = papermill.inspect_notebook(str(path))
    for name in set(SETTINGS) & set(declared):
        assert declared[name]["default"] in ("0", "0.0"), f"{path.name}: {name} = {declared[name]['default']}"
        assert "default from intensity.yml" in declared[name]["help"], f"{path.name}: {name}"
