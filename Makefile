# mtpipe: the commands the README documents. `make setup` needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS := corpora/quangtri
# The CPU build of torch lies here on the project's machines; pip falls back to the index elsewhere.
WHEELS := $(wildcard /opt/wheels)
PIP_INSTALL := $(BIN)/pip install $(if $(WHEELS),--find-links $(WHEELS))

.PHONY: setup run demo test bench lint

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -e '.[dev]'
	touch $@

run: setup
	$(BIN)/mtpipe run $(CORPUS) --targets ar,en,lo --out runs/quangtri

demo: setup
	$(BIN)/mtpipe run $(CORPUS) --targets ar,en,lo --out runs/demo --model tiny

# pytest exits 5 when it collects no test; that is not a failure of the code under test.
test: setup
	$(BIN)/pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest: no tests collected"; exit 0; fi; exit $$rc

bench: setup
	$(BIN)/python bench/run.py

lint: setup
	$(BIN)/ruff check pipeline tests bench
