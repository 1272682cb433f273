# The two quick-start commands: `make site` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The sample company is dated: judge its health as of a fixed day, so the site is stable.
export OKRSITE_TODAY ?= 2026-11-23

.PHONY: site serve test lint clean

$(BIN)/okrsite: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

site: $(BIN)/okrsite ## set up and build the sample company's site into site/
	$(BIN)/okrsite check
	$(BIN)/okrsite build

serve: $(BIN)/okrsite ## live-reloading preview of the sample site
	$(BIN)/okrsite serve

test: lint ## set up and run the whole test suite (lint, unit, built-site and browser tests)
	scripts/ensure-browser
	$(BIN)/pytest

lint: $(BIN)/okrsite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) site test-output
