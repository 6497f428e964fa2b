# Supervise: `make run` sets everything up and runs the product; `make test` runs the tests.
# Both work on a fresh Debian machine with Python 3.11, Node.js and apt (see README.md).

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup run demo test browser test-sqlite test-postgres lint format security bench migrations-check clean

setup: $(STAMP)

$(STAMP): pyproject.toml package.json package-lock.json
	@scripts/bootstrap-python $(VENV)
	$(PY) -m pip install -q -e ".[dev]"
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	@touch $(STAMP)

demo: setup
	$(VENV)/bin/supervise demo

run: demo
	@echo
	@echo "Supervise is at http://127.0.0.1:8000 (press Ctrl+C to stop)."
	@echo "Try: $(VENV)/bin/supervise check ../shared/examples/hull-basic --policy hull --as-of 2026-11-22 --format table"
	$(PY) manage.py runserver 127.0.0.1:8000 --noreload

test: setup browser test-sqlite test-postgres

browser:
	@scripts/ensure-chromium

test-sqlite:
	$(PY) -m pytest -q -m "not postgresql"

test-postgres:
	@PY=$(PY) scripts/test-postgres

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

format: setup
	$(VENV)/bin/ruff check --fix src tests bench
	$(VENV)/bin/ruff format src tests bench

security: setup
	@VENV=$(VENV) scripts/security-scan

migrations-check: setup
	$(PY) manage.py makemigrations --check --dry-run

bench: setup
	$(PY) bench/bench_check.py
	$(PY) bench/bench_web.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
