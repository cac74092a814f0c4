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

.PHONY: setup ingest report test test-unit test-integration test-browser lab bench synth clean

setup: $(STAMP)

# Re-installs only when pyproject.toml changes, so `make test` after `make report` is quick.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (Transfer Radar)" >/dev/null
	touch $(STAMP)

ingest: setup
	$(PY) -m analysis ingest

report: ingest
	$(PY) -m analysis report --club Liverpool --as-of $(AS_OF)
	$(PY) -m analysis report --club "$(DEMO_CLUB)" --as-of $(DEMO_AS_OF)
	@echo "Open reports/$(AS_OF)/index.html and reports/$(DEMO_AS_OF)/index.html in a browser."

test: setup
	$(PY) -m pytest

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
