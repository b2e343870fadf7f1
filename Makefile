# RightsGraph: the two commands of the README are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test test-virtuoso lint clean install install-dev

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

test: $(DEVSTAMP)
	$(BIN)/python -m pytest -q

# The endpoint tests against a second real engine: Debian's Virtuoso, installed if missing,
# started on loopback with a temp database by tests/virtuoso.sh and stopped afterwards.
test-virtuoso: $(DEVSTAMP)
	command -v virtuoso-t >/dev/null 2>&1 || { apt-get update && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q virtuoso-opensource; }
	bash tests/virtuoso.sh $(BIN)/python -m pytest -q tests/test_endpoint.py -k virtuoso

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests

clean:
	rm -rf build
