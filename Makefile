# orgsim — two commands matter: `make demo` and `make test` (both set everything up).
SHELL := /bin/bash
VENV  ?= .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv demo test quick lint unit calibrate posterior app clean golden

# Python 3.12 is required (Mesa >= 3.4). Look for it on PATH, then in pyenv.
PYTHON312 := $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /root/.pyenv/versions/3.12*/bin/python3.12 /usr/bin/python3.12; do \
	  if $$p -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1; then echo $$p; break; fi; done)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON312)" || { echo "error: Python 3.12 not found (needed by Mesa 3.5)"; exit 1; }
	@echo "Setting up $(VENV) (first time only): orgsim and its dependencies, a few minutes;"
	@echo "pip names each package as it collects and installs it."
	$(PYTHON312) -m venv $(VENV)
	$(PY) -m pip install --progress-bar on --upgrade pip
	$(PY) -m pip install --progress-bar on -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)  ## the baseline organisation over 5 futures, explained, and what to try next
	$(VENV)/bin/orgsim demo

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts benchmarks studies
	$(VENV)/bin/mypy

unit: $(STAMP)
	$(VENV)/bin/pytest -q

test: lint unit  ## everything CI runs

quick: $(STAMP)  ## while working: the tests not marked slow, no lint (under a minute)
	$(VENV)/bin/pytest -q -m "not slow"

# Not a smoke command: re-runs the calibration check (20 seeds, ~1-2 min) and regenerates
# committed files on purpose - docs/calibration_results.json and the tables in
# docs/calibration.md and README.md - then prints the table. Fails (after writing) if a
# target misses.
calibrate: $(STAMP)  ## regenerate docs/calibration_results.json and the calibration tables
	$(PY) scripts/calibrate.py --seeds 20 --json docs/calibration_results.json; status=$$?; \
	$(PY) scripts/calibration_table.py docs/calibration_results.json \
	    --update docs/calibration.md --readme README.md || exit $$?; \
	exit $$status

# Not a smoke command: the likelihood-free calibration (ABC-SMC, `orgsim calibrate`; see
# docs/calibration.md "Parameter uncertainty" for its cost) rewrites the shipped posterior
# ensemble src/orgsim/data/posterior/ on purpose. Interrupted, the same command continues
# from its history in outputs/posterior.
posterior: $(STAMP)  ## regenerate the shipped posterior ensemble (ABC-SMC, 7 generations: about 3,800 CPU s, half an hour on 2 free cores)
	$(VENV)/bin/orgsim calibrate --population 100 --generations 7 --seeds 2 --seed 1 \
	    --n-jobs 2 --outdir outputs/posterior --install

clean:
	rm -rf $(VENV) outputs multirun .pytest_cache .mypy_cache .ruff_cache

golden: $(STAMP)  ## regenerate the golden baseline (only when the model changes on purpose)
	$(PY) tests/golden/make_golden.py
