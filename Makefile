# Common commands. Everything runs from the repository root with the project virtualenv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Offline by default: nothing here may fetch weights or data sets from a hub.
export HF_HUB_OFFLINE ?= 1
export HF_DATASETS_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

.PHONY: run test check-data lint venv venv-dev clean

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first, pinned: the local CPU wheel; any other spec pulls gigabytes of CUDA packages
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(PY) -m pip install -q ".[dev]"
	touch $@

venv: $(VENV)/.runtime
venv-dev: $(VENV)/.dev

## make run: train on data/annotations (offline default backbone), evaluate the held-out split,
## write artifacts/model/ and artifacts/report/
run: venv
	$(PY) -m training --output_dir artifacts/model --report_dir artifacts/report $(ARGS)

## make test: the offline test suite
test: venv-dev
	$(PY) -m ruff check .
	$(PY) -m pytest -q $(PYTEST_ARGS)

## make check-data: validate every export in data/annotations, lint, print corpus statistics
check-data: venv
	$(PY) -m data.check data/annotations

lint: venv-dev
	$(PY) -m ruff check .

clean:
	rm -rf $(VENV) artifacts .pytest_cache .ruff_cache
