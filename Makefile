# Two entry points a fresh machine needs: `make demo` and `make test`. Both create .venv
# and install the locked dependencies (requirements.lock) the first time.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint format lock clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

install: $(VENV)/.installed

# The main job on the embedded store (no server): generate a synthetic corpus of 200
# reports in every layout and format (.txt, .md, .docx, .pdf) with its ground truth, build
# it and the seven hand-written demo reports into ./.kompetansekart, and print the summary
# and a catalog query.
demo: install
	$(BIN)/kompetansekart demo --reports 200 --seed 1 -o .kompetansekart-demo --force
	$(BIN)/kompetansekart build .kompetansekart-demo/reports demo/reports --store .kompetansekart -q
	$(BIN)/kompetansekart report summary --store .kompetansekart
	$(BIN)/kompetansekart query institutions-by-region --store .kompetansekart

test: install
	bash tests/browser/install-chromium.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-lock after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/python -m pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
