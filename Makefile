# Upward: one word per task. `make demo` to look at it, `make test` to check it.
# Variables from .env (see .env.example) are read and exported when that file exists.

ifneq (,$(wildcard .env))
include .env
export $(shell sed -n 's/^\([A-Z_][A-Z0-9_]*\)=.*/\1/p' .env)
endif

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core; PYTEST_WORKERS=0 runs in this process.
PYTEST_WORKERS ?= auto
DATA_DIR := $(or $(UPWARD_DATA_DIR),var)
STATIC_ROOT := $(DATA_DIR)/staticfiles

# The first interpreter that is Python 3.11 or newer (override with PYTHON=...).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)

# Beside a checkout of the shared workspace, read the release from there unless told otherwise.
SHARED_METRICS := ../shared/data/mobility-metrics
ifeq ($(strip $(UPWARD_METRICS_DIR)),)
ifneq (,$(wildcard $(SHARED_METRICS)))
export UPWARD_METRICS_DIR := $(abspath $(SHARED_METRICS))
endif
endif

STAMP_PY := $(VENV)/.stamp-python
STAMP_NPM := node_modules/.stamp-npm
STAMP_VENDOR := static/vendor/.stamp-vendor
STAMP_STATIC := $(STATIC_ROOT)/.stamp-collectstatic
OUR_STATIC := $(shell find static -path static/vendor -prune -o -type f -print 2>/dev/null)

.PHONY: help setup demo serve test lint bench clean

help:
	@echo "make setup   create .venv, install Python and npm packages, migrate, collect static files"
	@echo "make demo    setup, import the metrics, reset the demo login, serve on $(HOST):$(PORT)"
	@echo "make serve   serve with gunicorn on $(HOST):$(PORT)"
	@echo "make test    run the tests (PYTEST_ARGS='-k name' to choose)"
	@echo "make lint    ruff check, ruff format --check, mypy"
	@echo "make bench   measure import, profile pages, peers and memory against references"
	@echo "make clean   remove .venv, node_modules, copied assets and caches (keeps the database)"

$(STAMP_PY): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "Upward needs Python 3.11 or newer, and none was found (tried python3, python3.13," \
		     "python3.12, python3.11). Install one, or run: make setup PYTHON=/path/to/python3.11" >&2; \
		exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "Upward needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1)." >&2; exit 1; }
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then \
		echo "$(VENV) uses an older Python; making it again."; rm -rf $(VENV); fi
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

$(STAMP_NPM): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Upward needs Node.js 20+ with npm for its front-end files." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STAMP_VENDOR): $(STAMP_NPM) $(STAMP_PY) scripts/vendor_assets.py
	$(BIN)/python scripts/vendor_assets.py
	@touch $@

$(DATA_DIR)/secret_key: | $(STAMP_PY)
	$(BIN)/upward secret-key

$(STAMP_STATIC): $(STAMP_VENDOR) $(OUR_STATIC) | $(DATA_DIR)/secret_key
	$(BIN)/upward collectstatic --noinput --verbosity 0
	@touch $@

setup: $(STAMP_PY) $(STAMP_VENDOR) $(DATA_DIR)/secret_key $(STAMP_STATIC)
	$(BIN)/upward migrate --noinput --verbosity 0
	@echo "Setup done: $(VENV), static files and the database in $(DATA_DIR)."

demo: setup
	$(BIN)/upward demo --host $(HOST) --port $(PORT)

serve: setup
	$(BIN)/upward serve --host $(HOST) --port $(PORT)

# pytest exits 5 when it ran no test: that is a failure, said in words.
test: setup
	@$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS) || { status=$$?; \
		[ $$status -ne 5 ] || echo "make test: pytest ran no tests." >&2; exit $$status; }

lint: $(STAMP_PY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check --extend-exclude '*/migrations/*' .
	$(BIN)/mypy config upward lib $$(ls -d */apps.py | xargs -n1 dirname)

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules static/vendor $(STATIC_ROOT) .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
