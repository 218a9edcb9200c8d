# mtpipe: the commands the README documents. `make setup` needs only python3 (and, for the browser
# tests, Debian's chromium and chromium-driver, which it installs when run as root).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS := corpora/quangtri
# The CPU build of torch lies here on the project's machines; pip falls back to the index elsewhere.
WHEELS := $(wildcard /opt/wheels)
PIP_INSTALL := $(BIN)/pip install $(if $(WHEELS),--find-links $(WHEELS))
BROWSER_PACKAGES := chromium chromium-driver

.PHONY: setup browser run demo test bench lint fuzz

setup: $(VENV)/.installed browser

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -e '.[dev,ray]'
	touch $@

# Headless Chromium renders the HTML pages in the tests (glossary diff, report).
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES); \
	else \
		echo "make setup: the tests need Chromium and its driver; install them with:" >&2; \
		echo "    sudo apt-get install $(BROWSER_PACKAGES)" >&2; \
		exit 1; \
	fi

run: setup
	$(BIN)/mtpipe run $(CORPUS) --to ar,en,lo -o runs/quangtri

demo: setup
	$(BIN)/mtpipe run $(CORPUS) --to ar,en,lo -o runs/demo --model tiny

# pytest exits 5 when it collects no test; that is not a failure of the code under test.
test: setup
	$(BIN)/pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest: no tests collected"; exit 0; fi; exit $$rc

bench: setup
	$(BIN)/python bench/run.py

# Each parser fuzzed for FUZZ_SECONDS with atheris (fuzz/run.py; not part of `make test`): only
# mtpipe's documented errors may escape, anything else stops here with the crashing input in .fuzz/.
FUZZ_SECONDS ?= 30
FUZZ_TARGETS := corpus glossary csv tbx text jsonl xliff decoding

$(VENV)/.fuzz-installed: $(VENV)/.installed
	$(PIP_INSTALL) -e '.[dev,ray,fuzz]'
	touch $@

fuzz: setup $(VENV)/.fuzz-installed
	for target in $(FUZZ_TARGETS); do \
		$(BIN)/python fuzz/run.py $$target -max_total_time=$(FUZZ_SECONDS) -timeout=30 || exit 1; \
	done

lint: setup
	$(BIN)/ruff check pipeline tests bench fuzz
	$(BIN)/lint-imports
