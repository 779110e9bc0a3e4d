# sitroom — targets:
#   make demo   install into .venv, load the bundled sample, print the briefing, serve on :8000
#   make test   the whole test suite (SQLite and PostgreSQL, browser test in Debian's chromium)
#   make lint   ruff, mypy --strict, import-linter's layer contract
#   make fmt    ruff format
#   make bench  the benchmarks under bench/ (extraction, control, briefing)
# Plain `make` runs test then lint.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: all demo test lint fmt bench install clean

all: test lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/sitroom demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/control.py
	$(BIN)/python bench/briefing.py

clean:
	rm -rf $(VENV) build *.egg-info
