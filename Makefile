# RightsGraph: the two commands of the README are `make run` and `make test`.
PYTHON ?= python3
SUDO   ?= $(shell [ "$$(id -u)" = 0 ] || echo sudo)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test test-virtuoso fuzz lint bench clean install install-dev java fonts test-deps chromium web poppler npm

# HermiT (rightsgraph ontology check) runs on Java: install a JRE when there is none.
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "java not found: installing default-jre-headless"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }

# The PDF fixtures of the tests are set in DejaVu Serif (full Unicode, embedded in the PDF).
fonts:
	@[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || { \
	  echo "DejaVu fonts not found: installing fonts-dejavu-core"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq fonts-dejavu-core >/dev/null; }

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

run: $(STAMP) $(YASGUI)
	$(BIN)/rightsgraph build corpus/

# What the browser tests need on a fresh machine: Debian's Chromium (driven by the Python
# playwright package of the dev extra; never `playwright install`) and YASGUI from npm.
YASGUI := build/web/node_modules/@zazuko/yasgui/build/yasgui.min.js

npm:
	@command -v npm >/dev/null 2>&1 || { \
	  echo "npm not found: installing Debian's npm (for YASGUI, the query editor)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm >/dev/null; }

$(YASGUI): | npm
	mkdir -p build/web
	cd build/web && npm install --no-audit --no-fund --silent @zazuko/yasgui@^4.6

web: $(YASGUI)

chromium:
	@test -x /usr/bin/chromium || { \
	  echo "chromium not found: installing Debian's chromium"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# pdftotext (Debian's poppler-utils) is the tests' and benchmarks' reference reading of the real
# UN PDFs in ../shared/corpus-real: what a page holds, to compare the graph with. Not a dependency.
poppler:
	@command -v pdftotext >/dev/null 2>&1 || { \
	  echo "pdftotext not found: installing poppler-utils"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }

test-deps: $(DEVSTAMP) java fonts chromium poppler $(YASGUI)

test: test-deps
	$(BIN)/python -m pytest -q

# Far more fuzzing than `make test`: the hypothesis `fuzz` profile (25x the examples, random
# seeds, failures replayed from .hypothesis/). FUZZ_FACTOR=100 make fuzz for a longer run.
fuzz: $(DEVSTAMP)
	HYPOTHESIS_PROFILE=fuzz RIGHTSGRAPH_FUZZ_FACTOR=$${FUZZ_FACTOR:-25} $(BIN)/python -m pytest -q -m fuzz \
	  --hypothesis-show-statistics tests

# The endpoint tests against a second real engine: Debian's Virtuoso, installed if missing,
# started on loopback with a temp database by tests/virtuoso.sh and stopped afterwards.
test-virtuoso: $(DEVSTAMP)
	command -v virtuoso-t >/dev/null 2>&1 || { apt-get update && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q virtuoso-opensource; }
	bash tests/virtuoso.sh $(BIN)/python -m pytest -q tests/test_endpoint.py -k virtuoso

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests bench

# Benchmarks (bench/RESULTS.md): scales 1, 10, 100 and SCALE; `make bench SCALE=1000` for the full run.
SCALE ?= 100
bench: $(DEVSTAMP)
	$(BIN)/python bench/run.py --scales 1 10 $(sort 100 $(SCALE))

clean:
	rm -rf build
