# Every target a user runs; `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# uv makes and installs the lock (uv.lock); it is bootstrapped, pinned, into build/ with pip.
UV_VERSION := 0.13.8
UV := build/uv-$(UV_VERSION)/bin/uv
# Never download a Python: use $(PYTHON). The environment is .venv, whatever the caller's settings.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Compile .pyc at install, as pip does: kernels start faster, and old sdists' warnings stay at install time.
export UV_COMPILE_BYTECODE := 1
# .venv/.installed: what `make report` needs (no pytest, Playwright or ruff); .venv/.installed-dev: plus the dev group.
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# The build group (setuptools) goes in first, so that the sdists (jieba, fontmeta) and this project build with
# the locked setuptools rather than the newest one: --no-build-isolation builds them in .venv.
SYNC = $(UV) sync --frozen --python $(PYTHON) --no-build-isolation
# A .venv copied or moved with its checkout (cp -a) still imports the other checkout's src/ (its editable install
# of helpers) and its scripts start the other .venv's python: such a .venv is made again here. The editable
# install's .pth file names the src/ it imports.
VENV_SRC := $(strip $(foreach pth,$(wildcard $(VENV)/lib/python3.11/site-packages/__editable__.*.pth),$(file < $(pth))))
FOREIGN_VENV := $(if $(VENV_SRC),$(if $(filter $(realpath $(CURDIR)/src),$(realpath $(VENV_SRC))),,1))
REMAKE_FOREIGN_VENV = echo "$(VENV) belongs to $(patsubst %/src,%,$(VENV_SRC)), not to $(CURDIR): making it again" && rm -rf $(VENV)

.DEFAULT_GOAL := help
.PHONY: help report test test-fast lint format lab bench clean lock env env-dev FORCE

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(UV):
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=/path/to/python3.11 ...'"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(not ((3, 11, 5) <= sys.version_info[:3] < (3, 12)))' || { echo "error: $(PYTHON) is not Python 3.11 (3.11.5 or later)"; exit 1; }
	rm -rf build/uv-$(UV_VERSION) && $(PYTHON) -m venv build/uv-$(UV_VERSION)
	build/uv-$(UV_VERSION)/bin/python -m pip install --quiet --quiet --disable-pip-version-check --only-binary :all: uv==$(UV_VERSION)

# A report-only .venv is synced exactly; one that also holds the dev group keeps it (--inexact).
$(STAMP): uv.lock pyproject.toml $(if $(FOREIGN_VENV),FORCE) | $(UV)
	$(if $(FOREIGN_VENV),@$(REMAKE_FOREIGN_VENV))
	$(SYNC) --only-group build --no-install-project --inexact
	$(SYNC) --no-dev --group build $(if $(wildcard $(DEV_STAMP)),--inexact)
	$(BIN)/python -m helpers kernel  # the notebooks' kernel "jhn", so that papermill and JupyterLab find it
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(SYNC) --all-groups
	touch $(DEV_STAMP)

env: $(STAMP) ## Create the pinned environment in .venv (the other targets do this for you)

env-dev: $(DEV_STAMP) ## The same, plus the dev group (pytest, pytest-xdist, Playwright, ruff)

report: $(STAMP) ## Build every report into reports/ (YEAR=2021: only that year's review)
	$(BIN)/python -m helpers build $(if $(YEAR),--year "$$YEAR")  # the shell reads YEAR as one word: never run as code

test: lint ## Lint, then run the whole test suite (notebooks, builds, browser)
	$(BIN)/python -m pytest

test-fast: $(DEV_STAMP) ## Run the unit tests only (no kernels, no browser): the edit loop
	$(BIN)/python -m pytest -m "not slow and not browser" -q -n 2  # pytest-xdist: both cores

lint: $(DEV_STAMP) ## Check style and format with ruff (src, tests, notebooks)
	$(BIN)/ruff check src tests notebooks
	$(BIN)/ruff format --check src tests notebooks

format: $(DEV_STAMP) ## Format the code and fix what ruff can
	$(BIN)/ruff check --fix src tests notebooks
	$(BIN)/ruff format src tests notebooks

lab: $(STAMP) ## Open the notebooks in JupyterLab with the project's kernel
	$(BIN)/python -m helpers kernel
	cd notebooks && ../$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## Run the benchmarks and print the figures quoted in the README (about 15 min)
	$(BIN)/python tests/benchmarks/bench_build.py
	$(BIN)/python tests/benchmarks/bench_scale.py
	$(BIN)/python tests/benchmarks/bench_segment.py

lock: $(STAMP) ## Re-resolve the newest versions into uv.lock (uv lock) and environment.yml
	$(UV) lock --upgrade --python $(PYTHON)
	$(BIN)/python -m helpers lock $(UV)

clean: ## Remove caches and build artefacts (never reports/ or data/raw/)
	rm -rf build data/processed .pytest_cache
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +
