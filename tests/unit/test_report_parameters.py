"""`report -p NAME VALUE` / `--parameters FILE.yaml`: typed as each notebook declares it (read by
papermill's own inspection of the committed notebooks), unknown names refused with the known ones."""

from __future__ import annotations

import nbformat
import pytest
import yaml

from analysis import config
from analysis.errors import UserError
from analysis.report.parameters import (
    SET_BY_THE_RUN,
    VALUE_CHECKS,
    check_setting,
    check_values,
    declared_parameters,
    notebook_values,
    read_parameters_file,
)

CLUB_RUN = ("interest_intensity", "expiry_timeline", "player_dossier")


@pytest.fixture(scope="module")
def club_run():
    return declared_parameters(CLUB_RUN)


def test_a_parameter_goes_to_every_notebook_that_declares_it_typed_as_declared(club_run):
    values = notebook_values({"half_life_days": "7", "top_pairs": "007"}, club_run)
    assert values == {
        "interest_intensity": {"half_life_days": 7.0, "top_pairs": 7},
        "expiry_timeline": {},
        "player_dossier": {"half_life_days": 7.0},
    }
    assert type(values["interest_intensity"]["half_life_days"]) is float
    assert type(values["interest_intensity"]["top_pairs"]) is int


def test_an_unknown_name_is_refused_naming_the_ones_that_exist(club_run):
    with pytest.raises(UserError) as caught:
        notebook_values({"half_life": "7"}, club_run)
    assert str(caught.value) == (
        "unknown parameter 'half_life': no notebook of this run (interest_intensity.ipynb, expiry_timeline.ipynb, "
        "player_dossier.ipynb) declares it; they take half_life_days, horizon_months, horizon_windows, lookback_days, "
        "min_source_tier, source_weights, top_pairs"
    )


@pytest.mark.parametrize(
    "name, option",
    [
        ("club", "--club, --league or --all-clubs"),
        ("as_of", "--as-of"),
        ("output_dir", "--out"),
        ("slug", "--club (the report makes each club's file names from its name)"),  # trial 3: 'use the report'
    ],
)
def test_what_the_run_sets_itself_is_refused_naming_its_option(club_run, name, option):
    with pytest.raises(UserError) as caught:
        notebook_values({name: "x"}, club_run)
    assert str(caught.value) == f"parameter '{name}' is set by the report command: use {option}"


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("top_pairs", "ten", "parameter top_pairs (int in interest_intensity.ipynb) must be a whole number, got 'ten'"),
        ("half_life_days", "nan", "must be a finite number, got 'nan'"),
        ("horizon_months", "1.5", "must be a whole number, got '1.5'"),
    ],
)
def test_a_value_that_is_not_of_the_declared_type_is_refused(club_run, name, value, message):
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        notebook_values({name: value}, club_run)


def test_text_parameters_keep_their_text_and_flags_read_as_flags(tmp_path):
    """papermill's -p turns 007 into 7; a notebook that declares str gets '007'."""
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    cell = nbformat.v4.new_code_cell('label: str = "x"  # a text\ndraft: bool = False  # a flag\nn = 3  # untyped')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    nbformat.write(nb, tmp_path / "probe.ipynb")
    declared = declared_parameters(["probe"], tmp_path)
    assert notebook_values({"label": "007", "draft": "yes", "n": "2.5"}, declared) == {
        "probe": {"label": "007", "draft": True, "n": 2.5}
    }
    with pytest.raises(UserError, match=r"parameter draft .* must be true or false, got 'maybe'"):
        notebook_values({"draft": "maybe"}, declared)


def test_a_parameters_file_keeps_values_as_written(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("half_life_days: 7\nclub_label: 007\nquoted: 'x: y'\n", encoding="utf-8")
    assert read_parameters_file(path) == {"half_life_days": "7", "club_label": "007", "quoted": "x: y"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("- 1\n- 2\n", "must be a YAML mapping of parameter names to values"),
        ("a: [1, 2]\n", "parameter 'a' must be a single value, not a list or mapping"),
        ("a: 1\nb: [unclosed\n", "line 3: not valid YAML"),
        # trial 3: the last one silently won
        (
            "half_life_days: 7\ntop_pairs: 3\nhalf_life_days: 3\n",
            "line 3: parameter 'half_life_days' given twice (lines 1 and 3)",
        ),
    ],
)
def test_a_bad_parameters_file_is_one_line_naming_it(tmp_path, text, message):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_parameters_file(path)
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)
    assert "\n" not in str(caught.value)
    with pytest.raises(UserError, match="cannot read parameters"):
        read_parameters_file(tmp_path / "missing.yaml")


def test_settings_default_to_intensity_yml():
    shipped = yaml.safe_load((config.REFERENCE_DIR / "intensity.yml").read_text(encoding="utf-8"))
    assert check_setting("half_life_days", 0.0) == float(shipped["half_life_days"])
    assert check_setting("lookback_days", 0) == int(shipped["lookback_days"])
    assert check_setting("min_source_tier", 0) == int(shipped["min_source_tier"])
    assert check_setting("half_life_days", 7) == 7.0
    assert check_setting("min_source_tier", "2") == 2
    with pytest.raises(UserError, match=r"half_life_days must be above 0, got -3\.0"):
        check_setting("half_life_days", -3.0)
    with pytest.raises(UserError, match="min_source_tier must be between 1 and 4 \\(0: the default\\), got 9"):
        check_setting("min_source_tier", 9)


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("half_life_days", "-3", "parameter half_life_days must be above 0, got -3.0"),
        ("lookback_days", "-1", "parameter lookback_days must be at least 1 (0: the default), got -1"),
        ("min_source_tier", "5", "parameter min_source_tier must be between 1 and 4 (0: the default), got 5"),
        ("top_pairs", "0", "parameter top_pairs must be at least 1, got 0"),
        ("horizon_windows", "9", "parameter horizon_windows must be between 1 and 8 (0: the default), got 9"),
        ("source_weights", "lerned", "parameter source_weights must be 'tiers' (by outlet tier"),
    ],
)
def test_a_value_the_notebooks_would_refuse_is_refused_before_they_run(club_run, name, value, message):
    """The report command checks each given value as the notebooks' first cell would, so a bad one
    is one line before any folder or notebook is made, not a failure of every notebook taking it."""
    with pytest.raises(UserError) as caught:
        check_values(notebook_values({name: value}, club_run))
    assert str(caught.value).startswith(message)


def test_defaults_and_good_values_pass_the_checks(club_run):
    check_values(notebook_values({"half_life_days": "0", "horizon_windows": "0", "source_weights": ""}, club_run))
    check_values(notebook_values({"half_life_days": "7", "min_source_tier": "2", "top_pairs": "007"}, club_run))


def test_every_number_a_notebook_takes_is_checked_up_front():
    """A new numeric parameter in a notebook needs its check here too (or the report would let a
    bad value through to every notebook that declares it)."""
    declared = declared_parameters(("interest_intensity", "expiry_timeline", "player_dossier", "market_watch"))
    numbers = {
        name
        for params in declared.values()
        for name, spec in params.items()
        if spec.get("inferred_type_name") in ("int", "float") and name not in SET_BY_THE_RUN
    }
    assert numbers and numbers <= set(VALUE_CHECKS), sorted(numbers - set(VALUE_CHECKS))


def test_a_parameter_some_notebooks_of_the_run_do_not_take_is_said(club_run):
    """Trial 3: -p min_source_tier 1 filtered the club page's intensity but not the dossiers' of the
    same run, and nothing said so: two pages of one report disagreed in silence."""
    from analysis.report.parameters import reach_warnings

    values = notebook_values({"min_source_tier": "1", "half_life_days": "7", "top_pairs": "3"}, club_run)
    assert reach_warnings(["min_source_tier", "half_life_days", "top_pairs"], values) == [
        "parameter min_source_tier reaches interest_intensity.ipynb only: expiry_timeline.ipynb, "
        "player_dossier.ipynb do not take it, so their pages use the default",
        "parameter half_life_days reaches interest_intensity.ipynb, player_dossier.ipynb only: "
        "expiry_timeline.ipynb does not take it, so its page uses the default",
    ]
    assert reach_warnings([], values) == []
