# Set-up and everyday commands. Each target creates .venv and installs the project first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)  ## build the default review site and serve it on http://127.0.0.1:8000/
	$(BIN)/mkdocs serve

build: $(STAMP)  ## build the default site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint  ## lint, type-check and run the whole test suite
	$(BIN)/python -m pytest
