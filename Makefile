# RightsGraph: the two commands of the README are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test lint clean install install-dev test-deps chromium web

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(STAMP)

install: $(STAMP)
install-dev: $(DEVSTAMP)

run: $(STAMP)
	$(BIN)/rightsgraph build corpus/

# What the browser tests need on a fresh machine: Debian's Chromium (driven by the Python
# playwright package of the dev extra; never `playwright install`) and YASGUI from npm.
YASGUI := build/web/node_modules/@zazuko/yasgui/build/yasgui.min.js

$(YASGUI):
	mkdir -p build/web
	cd build/web && npm install --no-audit --no-fund --silent @zazuko/yasgui@^4.6

web: $(YASGUI)

chromium:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

test-deps: $(DEVSTAMP) chromium $(YASGUI)

test: test-deps
	$(BIN)/python -m pytest -q

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests

clean:
	rm -rf build
