"""Checks on report and notebook parameters: papermill hands a notebook whatever it was given
(`-p club 007` arrives as the number 7), so each parameter is made exact here, or refused with a
message naming it. Used by the notebooks' first cell and by the command line alike.

The report command's `-p NAME VALUE` / `--parameters FILE.yaml` (SPEC 6) are typed here too, as
each notebook's parameters cell declares them (read with papermill's own inspection)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from pathlib import Path

from analysis import config, facts
from analysis.errors import UserError
from analysis.wording import noun


def check_date(value: str | dt.date | None, name: str = "as_of") -> dt.date:
    """The as-of date; '' or None is today. `name`: the option or parameter it came from."""
    from analysis.dates import as_date

    return as_date(value or None, name=name)


def check_name(value: object, kind: str, warehouse: str | Path | None = None) -> str:
    """The canonical name, or an error naming the closest known ones (papermill may hand us 7 for '007')."""
    from analysis.identity.lookup import resolve_name

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


def check_count(
    value: object, name: str, minimum: int = 1, maximum: int | None = None, zero_is_default: bool = False
) -> int:
    """A whole-number parameter within its range (papermill passes what it is given, typed or not);
    zero_is_default: the message says 0 is taken too (the parameters cell's 'default')."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise UserError(f"{name} must be a whole number, got {value!r}") from None
    if number < minimum or (maximum is not None and number > maximum):
        span = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
        default = " (0: the default)" if zero_is_default else ""
        raise UserError(f"{name} must be {span}{default}, got {number}")
    return number


# ---------------------------------------------------------------------------------------------
# Settings whose defaults live in data/reference/intensity.yml: a parameters cell declares them
# as 0 ("0 = default from intensity.yml"), so the number is written down once, in the reference.

SETTINGS = {
    "half_life_days": "positive",
    "lookback_days": "count",
    "min_source_tier": "tier",
}


def check_setting(name: str, value: object) -> float | int:
    """An intensity setting as given, or, for 0 (or ''), its default from intensity.yml."""
    kind = SETTINGS[name]
    if value in (0, "", None) or (isinstance(value, str) and value.strip() in ("0", "0.0")):
        default = facts.intensity_defaults()[name]
        return float(default) if kind == "positive" else int(default)
    if kind == "positive":
        return check_positive(value, name)
    if kind == "tier":
        return check_count(value, name, 1, 4, zero_is_default=True)
    return check_count(value, name, zero_is_default=True)


HORIZON_WINDOWS_MAX = 8  # transfer windows a move probability may look ahead (four seasons)


def check_horizon_windows_given(value: object) -> int | None:
    """horizon_windows as given: 0 (or '') is forecast.yml's default (None here), else 1 to 8."""
    if value in (0, "", None) or str(value).strip() in ("0", "0.0"):
        return None
    return check_count(value, "horizon_windows", 1, HORIZON_WINDOWS_MAX, zero_is_default=True)


def _check_source_weights(value: object) -> str:
    from analysis.marts import source_weight_choice  # only when given: the report starts without pandas

    return source_weight_choice(value)


# How the notebooks check each parameter in their first cell; the report command runs the same check
# on every -p / --parameters value before any folder or notebook is made, so a bad value is one line
# (exit 2) instead of every notebook failing on it.
VALUE_CHECKS = {
    "half_life_days": lambda v: check_setting("half_life_days", v),
    "lookback_days": lambda v: check_setting("lookback_days", v),
    "min_source_tier": lambda v: check_setting("min_source_tier", v),
    "top_pairs": lambda v: check_count(v, "top_pairs"),
    "top_movers": lambda v: check_count(v, "top_movers"),
    "horizon_months": lambda v: check_count(v, "horizon_months"),
    "horizon_windows": check_horizon_windows_given,
    "source_weights": _check_source_weights,
}


def check_values(values: Mapping[str, Mapping[str, object]]) -> None:
    """Every given value (per notebook, typed as it declares it) through its notebook's own check."""
    for per_notebook in values.values():
        for name, value in per_notebook.items():
            if name in VALUE_CHECKS:
                try:
                    VALUE_CHECKS[name](value)
                except UserError as exc:
                    raise UserError(f"parameter {exc}") from None


# ---------------------------------------------------------------------------------------------
# The report command's notebook parameters

# Set by the report for each notebook: given with -p they would contradict the run itself.
SET_BY_THE_RUN = {
    "club": "--club, --league or --all-clubs",
    "player": "the report (it chooses each club's dossiers)",
    "slug": "--club (the report makes each club's file names from its name)",
    "as_of": "--as-of",
    "since": "--since",
    "warehouse": "--warehouse",
    "output_dir": "--out",
    "png": "--png",
    "league": "--league",
    "country": "--country",
}


def declared_parameters(notebooks: Iterable[str], folder: Path | None = None) -> dict[str, dict[str, dict]]:
    """notebook -> its parameters as papermill infers them (name, inferred_type_name, default, help)."""
    from papermill import inspect_notebook

    folder = folder or config.NOTEBOOKS_DIR
    return {name: inspect_notebook(str(folder / f"{name}.ipynb")) for name in notebooks}


def read_parameters_file(path: str | Path) -> dict[str, str]:
    """A YAML mapping of parameter names to values, every value kept as written (`club: 007` stays
    '007'): each is typed later as the notebook declares it, not as YAML would guess."""
    import yaml

    class Loader(yaml.BaseLoader):
        """A name given twice is a mistake to say, not a silent last-one-wins (trial 3)."""

        def construct_mapping(self, node, deep=False):
            seen: dict[str, int] = {}
            for key_node, _ in node.value:
                name = self.construct_object(key_node, deep=deep)
                line = key_node.start_mark.line + 1
                if name in seen:
                    twice = f"parameter {name!r} given twice (lines {seen[name]} and {line})"
                    raise UserError(f"{path}: line {line}: {twice}")
                seen[name] = line
            return super().construct_mapping(node, deep=deep)

    path = Path(path)
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except OSError as exc:
        raise UserError(f"{path}: cannot read parameters: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: cannot read parameters: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UserError(f"{path}:{where}: not valid YAML: {problem}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise UserError(f"{path}: must be a YAML mapping of parameter names to values (name: value)")
    values = {}
    for name, value in loaded.items():
        if not isinstance(value, str):
            raise UserError(f"{path}: parameter {name!r} must be a single value, not a list or mapping")
        values[str(name)] = value
    return values


def _guessed(text: str) -> object:
    """A value for a parameter whose type the notebook does not declare: as papermill's -p."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False, "none": None}.get(text.strip().lower(), text)


def _typed(text: str, type_name: str | None, name: str, notebook: str) -> object:
    where = f"parameter {name} ({type_name} in {notebook}.ipynb)"
    if type_name == "str":
        return text
    if type_name == "int":
        try:
            return int(text.strip())
        except ValueError:
            raise UserError(f"{where} must be a whole number, got {text!r}") from None
    if type_name == "float":
        try:
            number = float(text.strip())
        except ValueError:
            raise UserError(f"{where} must be a number, got {text!r}") from None
        if not math.isfinite(number):
            raise UserError(f"{where} must be a finite number, got {text!r}")
        return number
    if type_name == "bool":
        word = text.strip().lower()
        if word in ("true", "yes", "1"):
            return True
        if word in ("false", "no", "0"):
            return False
        raise UserError(f"{where} must be true or false, got {text!r}")
    return _guessed(text)


def notebook_values(given: Mapping[str, str], declared: Mapping[str, Mapping[str, dict]]) -> dict[str, dict]:
    """notebook -> the given parameters it declares, typed as it declares them. A name no notebook
    of the run declares, or one the run sets itself, is an error naming what can be given."""
    settable = sorted({p for params in declared.values() for p in params} - set(SET_BY_THE_RUN))
    for name in given:
        if name in SET_BY_THE_RUN:
            raise UserError(f"parameter {name!r} is set by the report command: use {SET_BY_THE_RUN[name]}")
        if not any(name in params for params in declared.values()):
            notebooks = ", ".join(f"{n}.ipynb" for n in declared)
            raise UserError(
                f"unknown parameter {name!r}: no notebook of this run ({notebooks}) declares it; "
                f"they take {', '.join(settable) or 'none'}"
            )
    return {
        notebook: {
            name: _typed(str(value), params[name].get("inferred_type_name"), name, notebook)
            for name, value in given.items()
            if name in params
        }
        for notebook, params in declared.items()
    }


# settings that change the numbers pages show (intensities, suitors, probabilities), not only how much
# a chart draws: one run's pages should agree on them
NUMBER_SETTINGS = (*SETTINGS, "source_weights", "horizon_windows")


def reach_warnings(names: Iterable[str], values: Mapping[str, Mapping[str, object]]) -> list[str]:
    """A -p parameter that only some notebooks of a run declare changes only their pages: said, so
    that two pages of one report that disagree (an intensity filtered on one, not on the next) are
    explained rather than silently inconsistent. values: notebook_values' answer."""
    warnings = []
    for name in names:
        if name not in NUMBER_SETTINGS:
            continue  # how much a chart draws (top_pairs) is each page's own business
        took = [f"{notebook}.ipynb" for notebook, given in values.items() if name in given]
        skipped = [f"{notebook}.ipynb" for notebook, given in values.items() if name not in given]
        if took and skipped:
            pages = noun(len(skipped), "its page uses", "their pages use")
            warnings.append(
                f"parameter {name} reaches {', '.join(took)} only: {', '.join(skipped)} "
                f"{noun(len(skipped), 'does', 'do')} not take it, so {pages} the default"
            )
    return warnings
