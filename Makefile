# Transfer Radar: `make report` builds the warehouse and writes the reports; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
AS_OF ?= 2025-01-25
DEMO_AS_OF ?= 2025-01-31
NOTEBOOK_DIR ?= notebooks
LAB_ARGS ?=
# first club of the synthetic demo league (analysis.synth.demo_club_names)
DEMO_CLUB ?= Northbridge Rovers
# the demo league's backtest: its two seasons end on 30 June 2025; one window ahead, so that some
# forecasts' horizons have closed by then (README, "Will it happen?")
DEMO_BACKTEST_TO ?= 2025-06-30
DEMO_BACKTEST_HORIZON ?= 1

.PHONY: setup lock lint ingest report test test-quick test-unit test-integration test-browser lab bench synth clean

setup: $(STAMP)

# Installs the pinned versions of requirements.lock, then the package itself (editable, no other
# dependencies); re-installs only when pyproject.toml or the lock changes.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (Transfer Radar)" >/dev/null
	touch $(STAMP)

ingest: setup
	$(PY) -m analysis ingest

report: ingest
	$(PY) -m analysis report --club Liverpool --as-of $(AS_OF)
	$(PY) -m analysis report --club "$(DEMO_CLUB)" --market --as-of $(DEMO_AS_OF)
	$(PY) -m analysis backtest --to $(DEMO_BACKTEST_TO) --horizon-windows $(DEMO_BACKTEST_HORIZON) --out reports/backtest
	@echo "Open reports/$(AS_OF)/index.html, reports/$(DEMO_AS_OF)/index.html and reports/backtest/index.html in a browser."

# Re-pins requirements.lock after a change to pyproject.toml (tests/unit/test_environment.py checks it).
lock: setup
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --no-header --quiet -o requirements.lock

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: setup
	$(PY) -m pytest

# everything but the tests marked slow (notebook runs, browsers, large files)
test-quick: setup
	$(PY) -m pytest -m "not slow"

test-unit: setup
	$(PY) -m pytest tests/unit

test-integration: setup
	$(PY) -m pytest tests/integration

test-browser: setup
	$(PY) -m pytest tests/browser

# LAB_ARGS passes JupyterLab options through, e.g. LAB_ARGS="--no-browser --port 8899"
lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir=$(NOTEBOOK_DIR) $(LAB_ARGS)

bench: setup
	$(PY) benchmarks/run.py

synth: setup
	$(PY) -m analysis synth --out data/raw --rumours 4000

clean:
	rm -rf $(VENV) data/warehouse.duckdb data/warehouse.duckdb.* reports/*/ benchmarks/.data
