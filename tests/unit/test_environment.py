"""environment.yml (conda users) must create the same environment as pyproject.toml (pip users)."""

from __future__ import annotations

import re
import tomllib

import yaml

from analysis import config

# conda-forge names for packages whose PyPI name differs
CONDA_NAMES = {"duckdb": "python-duckdb", "kaleido": "python-kaleido"}


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def pip_requirements() -> dict[str, str]:
    project = tomllib.loads((config.PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["dev"]
    return dict(_split(r) for r in requirements)


def conda_requirements() -> tuple[dict[str, str], list]:
    env = yaml.safe_load((config.PROJECT_ROOT / "environment.yml").read_text())
    conda, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip += dep.get("pip", [])
        else:
            name, spec = _split(dep)
            conda[name] = spec
    return conda, pip


def test_every_pip_requirement_is_in_environment_yml_with_the_same_bound():
    conda, _ = conda_requirements()
    for name, spec in pip_requirements().items():
        conda_name = CONDA_NAMES.get(name, name)
        assert conda_name in conda, f"{name} is in pyproject.toml but not in environment.yml"
        assert conda[conda_name] == spec, f"{name}: pyproject says '{spec}', environment.yml '{conda[conda_name]}'"


def test_environment_yml_has_nothing_pyproject_lacks_and_installs_the_package():
    conda, pip = conda_requirements()
    known = {CONDA_NAMES.get(n, n) for n in pip_requirements()} | {"python", "pip"}
    assert set(conda) - known == set(), "in environment.yml but not in pyproject.toml"
    assert "-e ." in pip
    python = conda["python"]
    requires = tomllib.loads((config.PROJECT_ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == f">={python.lstrip('=')}", (requires, python)


def locked_versions() -> dict[str, str]:
    """Pinned versions of requirements.lock (what `make setup` installs), by normalised name."""
    pins = {}
    for line in (config.PROJECT_ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_requirements_lock_pins_every_requirement_within_its_bound():
    from packaging.specifiers import SpecifierSet

    pins = locked_versions()
    for name, spec in pip_requirements().items():
        bare = name.split("[")[0]
        assert bare in pins, f"{name} is in pyproject.toml but not pinned in requirements.lock: run `make lock`"
        assert pins[bare] in SpecifierSet(spec), f"{name}: lock pins {pins[bare]}, pyproject wants '{spec}'"


def test_requirements_lock_lists_as_direct_exactly_what_pyproject_asks_for():
    """uv marks direct requirements `via transfer-radar`: one dropped from pyproject.toml but still
    pinned as direct means the lock was not recompiled."""
    direct, current = set(), None
    for line in (config.PROJECT_ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==", line)
        if match:
            current = match.group(1).lower().replace("_", "-")
        elif current and "transfer-radar" in line:
            direct.add(current)
    wanted = {name.split("[")[0] for name in pip_requirements()}
    assert direct == wanted, f"lock out of step with pyproject.toml (run `make lock`): {direct ^ wanted}"
