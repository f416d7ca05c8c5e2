# privacymap: set-up, demo and tests.
#
#   make system-deps   Debian packages (Graphviz, Chromium, LibreOffice, Java) + npm tools
#   make venv          .venv with privacymap installed editable, with test extras
#   make demo          check and build the Lancashire example notice
#   make test          everything above + lint + the whole test suite
#   make lint          ruff check and ruff format --check
#   make typecheck     mypy --strict on the package (files and settings in pyproject.toml)
#   make clean         remove build output, caches and the venv

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: all install venv system-deps demo test lint typecheck clean

all: test

install: venv

venv: $(STAMP)

# Re-install when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

system-deps:
	bash scripts/install-system-deps.sh

# `check` exits 1 on the published notice because it has defects: show them, carry on.
demo: venv
	-$(BIN)/privacymap check notices/lancashire-cfw
	$(BIN)/privacymap build notices/lancashire-cfw --draft -o build/lancashire-cfw

lint: venv
	$(BIN)/ruff check src tests examples
	$(BIN)/ruff format --check src tests examples

typecheck: venv
	$(BIN)/mypy

test: system-deps venv lint typecheck
	$(BIN)/python -m pytest

clean:
	rm -rf build dist $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +
	find src -name '*.egg-info' -type d -prune -exec rm -rf {} +
