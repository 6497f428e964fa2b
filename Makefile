# Supervise: `make run` sets everything up and runs the product; `make test` runs the tests.
# Both work on a fresh Debian machine with Python 3.11, Node.js and apt (see README.md).

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEMO   := var/demo-authority
AS_OF  ?= $(shell date +%F)

.PHONY: setup run demo test test-sqlite test-postgres lint format bench migrations-check clean

setup: $(STAMP)

$(STAMP): pyproject.toml package.json package-lock.json
	@scripts/bootstrap-python $(VENV)
	$(PY) -m pip install -q -e ".[dev]"
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	@touch $(STAMP)

demo: setup
	@if [ ! -f $(DEMO)/staff.csv ]; then \
	  $(VENV)/bin/supervise generate $(DEMO) --staff 60 --children 500 --years 2 --seed 7 --as-of $(AS_OF); \
	fi

run: demo
	@echo "== Supervision compliance of the demo authority (Hull's policy), as of $(AS_OF)"
	$(VENV)/bin/supervise check $(DEMO) --policy hull --as-of $(AS_OF) --format table
	@echo
	@echo "Next: try another policy (--policy hertfordshire|bath-ne-somerset|york|nottingham),"
	@echo "      --format json or csv, or your own export: $(VENV)/bin/supervise check FOLDER --policy SLUG --as-of DATE"

test: setup test-sqlite test-postgres

test-sqlite:
	$(PY) -m pytest -q

test-postgres:
	@PY=$(PY) scripts/test-postgres

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

format: setup
	$(VENV)/bin/ruff check --fix src tests bench
	$(VENV)/bin/ruff format src tests bench

migrations-check: setup
	$(PY) manage.py makemigrations --check --dry-run

bench: setup
	$(PY) bench/bench_check.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
