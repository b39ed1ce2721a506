# kerava-etl: `make build` regenerates out/ from raw/; `make test` runs the test suite.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.test-installed

.PHONY: help build test lint schemas docs bench clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $@

$(TEST_INSTALLED): pyproject.toml $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[all,test]'
	touch $@

build: $(INSTALLED) ## Build out/ from raw/ (creates .venv/ on first use)
	$(BIN)/kerava-etl build raw --out out --with all

test: $(TEST_INSTALLED) ## Run the test suite (creates .venv/ with the test tools on first use)
	$(BIN)/python -m pytest

bench: $(INSTALLED) ## Benchmark builds of 1-1000 documents against the floor (a few minutes)
	$(BIN)/python bench/run.py

schemas: $(INSTALLED) ## Regenerate schemas/ from the models
	$(BIN)/kerava-etl schema --out schemas/action.schema.json

docs: $(INSTALLED) ## Regenerate the README's tables and out/README.md from the registries
	$(BIN)/python scripts/update_docs.py

lint: $(TEST_INSTALLED) ## ruff and mypy
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

clean: ## Remove .venv/ and the generated files in out/
	rm -rf $(VENV) build src/*.egg-info
	find out -mindepth 1 ! -name README.md ! -name .kerava-etl -delete 2>/dev/null || true
