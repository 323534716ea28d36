# Every target a user runs; `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help report test test-fast lint format lab bench clean lock env

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=/path/to/python3.11 ...'"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "error: $(PYTHON) is not Python 3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

env: $(STAMP) ## Create the pinned environment in .venv (the other targets do this for you)

report: $(STAMP) ## Build every report into reports/ (YEAR=2021: only that year's review)
	$(BIN)/python -m helpers build $(if $(YEAR),--year $(YEAR))

test: lint ## Lint, then run the whole test suite (notebooks, builds, browser)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## Run the unit tests only (no kernels, no browser): the edit loop
	$(BIN)/python -m pytest -m "not slow" -q

lint: $(STAMP) ## Check style and format with ruff (src, tests, notebooks)
	$(BIN)/ruff check src tests notebooks
	$(BIN)/ruff format --check src tests notebooks

format: $(STAMP) ## Format the code and fix what ruff can
	$(BIN)/ruff check --fix src tests notebooks
	$(BIN)/ruff format src tests notebooks

lab: $(STAMP) ## Open the notebooks in JupyterLab with the project's kernel
	$(BIN)/python -m helpers kernel
	cd notebooks && ../$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## Run the benchmarks and print the figures quoted in the README
	$(BIN)/python tests/benchmarks/bench_build.py
	$(BIN)/python tests/benchmarks/bench_segment.py

lock: ## Re-resolve the newest versions into requirements.lock and environment.yml
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet --upgrade pip setuptools
	build/lock-venv/bin/python -m pip install --quiet -e '.[test]'
	build/lock-venv/bin/python -m helpers lock build/lock-venv/bin/python

clean: ## Remove caches and build artefacts (never reports/ or data/raw/)
	rm -rf build data/processed .pytest_cache
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +
