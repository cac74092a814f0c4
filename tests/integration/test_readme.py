"""The README's Python examples run as written, so what a new analyst copies works."""

from __future__ import annotations

import re

import pytest

from analysis import config


def test_the_readme_python_examples_run(article_warehouse, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert blocks, "the README shows the API"
    monkeypatch.setenv("TRANSFER_RADAR_WAREHOUSE", str(article_warehouse))
    seen: dict = {}
    for block in blocks:
        namespace: dict = {}
        exec(compile(block, "README.md", "exec"), namespace)  # each block runs on its own
        seen.update(namespace)
    assert seen["events"]["player"].nunique() >= 1
    assert len(seen["intensity"]) > 0 and len(seen["data"]) > 0
    assert len(seen["stories"]) and len(seen["outlets"]) and len(seen["chances"]), "the forecast's examples"


@pytest.mark.parametrize("target", ["setup", "report", "test", "lab", "bench"])
def test_the_readme_names_make_targets_that_exist(target):
    makefile = (config.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{target}:", makefile, re.M)
    assert f"make {target}" in (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
