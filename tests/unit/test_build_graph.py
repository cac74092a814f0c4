"""The build's order comes from the models' dependencies, never from file names."""

from __future__ import annotations

import pytest

from analysis.config import SQL_DIR
from analysis.ingest import graph
from analysis.ingest.graph import MODELS, Model, order


def _positions(models):
    return {m.name: i for i, m in enumerate(order(models))}


def test_every_model_comes_after_what_it_reads():
    at = _positions(MODELS)
    assert [(m.name, d) for m in MODELS for d in m.after if at[d] >= at[m.name]] == []
    assert at["references"] < at["landing"] < at["identity"] < at["stg_names"] < at["stg_rumours"] < at["rumours"]


def test_listing_the_models_in_another_order_gives_a_valid_order_too():
    """What a rename could do to a name-ordered build: here nothing but ties can move."""
    at = _positions(tuple(reversed(MODELS)))
    assert [(m.name, d) for m in MODELS for d in m.after if at[d] >= at[m.name]] == []


def test_every_sql_file_of_the_build_is_a_model_and_every_model_file_exists():
    files = {f"{layer}/{p.name}" for layer in ("staging", "warehouse") for p in (SQL_DIR / layer).glob("*.sql")}
    models = {m.sql for m in MODELS if m.sql}
    assert files == models
    assert all((SQL_DIR / m).exists() for m in models)
    assert all(m.sql.endswith(f"/{m.name}.sql") for m in MODELS if m.sql), "a model's file is named after its table"


def test_a_cycle_is_refused_naming_it():
    models = (Model("a", ("c",), sql="x"), Model("b", ("a",), sql="x"), Model("c", ("b",), sql="x"))
    with pytest.raises(ValueError, match=r"cycle: .*a.*->.*"):
        order(models)


def test_an_unknown_dependency_is_refused():
    with pytest.raises(ValueError, match="unknown models: nowhere"):
        order((Model("a", ("nowhere",), sql="x"),))


def test_the_identity_step_sits_after_landing_and_before_names_are_made_canonical():
    identity = next(m for m in MODELS if m.name == "identity")
    assert identity.run is graph._identity
    assert "landing" in identity.after
    assert "identity" in next(m for m in MODELS if m.name == "stg_names").after
