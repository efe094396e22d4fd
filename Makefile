# alaskaki — every target creates .venv and installs the kit when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
ROOTFLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: venv demo test test-fast lab lint format bench dasbor hub dist dist-check clean

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip >/dev/null
	$(BIN)/python -m pip install -q -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

venv: $(STAMP)  ## the development venv (.venv, editable install of everything)

demo: $(STAMP)  ## the whole workshop on the sample cohort; reports in demo/laporan/
	$(BIN)/alaskaki demo --out demo

test: $(STAMP)  ## every test (browser, hub and PostgreSQL tests skip when their parts are missing)
	$(BIN)/python -m pytest -q -ra --durations=30

test-fast: $(STAMP)  ## unit and CLI tests only
	$(BIN)/python -m pytest -q -m "not slow and not browser and not hub and not postgres"

lab: $(STAMP)  ## JupyterLab in Bahasa Indonesia on the kit
	JUPYTER_CONFIG_PATH=$(CURDIR)/grading/lab $(BIN)/jupyter lab --notebook-dir=$(CURDIR) $(ROOTFLAG)

lint: $(STAMP)  ## ruff (lint + format check) and notebook hygiene
	$(BIN)/ruff check src tests bench kitbuild setup.py
	$(BIN)/ruff format --check src tests bench kitbuild setup.py
	$(BIN)/python -m pytest -q tests/notebooks/test_modules.py -k clean

format: $(STAMP)
	$(BIN)/ruff format src tests bench kitbuild setup.py
	$(BIN)/ruff check --fix src tests bench kitbuild setup.py

bench: $(STAMP)  ## benchmarks (never part of `make test`)
	$(BIN)/python bench/run_all.py

dasbor: $(STAMP)  ## reviewer dashboard (Voila) on the demo workshop
	$(BIN)/alaskaki dashboard demo

hub: $(STAMP)  ## a trial JupyterHub on http://127.0.0.1:8000 (see docs/deploy.md)
	$(BIN)/python grading/hub/trial.py

dist: $(STAMP)  ## wheels + sdists in dist/: alaskaki (trainer) and alaskaki-peserta (participant)
	$(BIN)/python kitbuild/build_dists.py --out dist

dist-check: $(STAMP)  ## build both, install them (pip, pipx) outside the clone, run the demo (as CI)
	bash .ci/packaging

clean:
	rm -rf demo artifacts .pytest_cache .ruff_cache build dist
