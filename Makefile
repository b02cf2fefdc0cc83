# Two entry points (see README): `make demo` and `make test`. Both create or refresh the local
# virtualenv in .venv; the install step reruns only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The stamp names the extras installed, so that `make test EXTRAS=…` with other extras reinstalls. Order
# matters: `:=` expands at once, so comma and EXTRAS_TAG must be defined before STAMP.
EXTRAS ?= all,dev
comma := ,
EXTRAS_TAG := $(subst $(comma),-,$(EXTRAS))
STAMP := $(VENV)/.installed-$(EXTRAS_TAG)
LINT_DIRS := $(wildcard src tests benchmarks scripts)

.PHONY: demo test lint typecheck pytest venv clean data bench golden

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade uv

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e ".[$(EXTRAS)]"
	rm -f $(VENV)/.installed-*
	touch $@

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/secarch compare --out out

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/ruff format --check $(LINT_DIRS)

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

# Rewrite the report's golden files (tests/data/report/golden-*.json) after an intended change; review the
# diff before committing (docs/report.md, "Tests").
golden: $(STAMP)
	SECARCH_UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_report_golden.py

bench: $(STAMP)
	for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) out .mypy_cache .pytest_cache .ruff_cache
