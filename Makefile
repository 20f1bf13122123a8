# Common commands. Everything runs from the repository root with the project virtualenv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Offline by default: nothing here may fetch weights or data sets from a hub.
export HF_HUB_OFFLINE ?= 1
export HF_DATASETS_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

LS_VENV := .venv-ls

.PHONY: run test check-data lint venv venv-dev studio-server chromium agreement clean

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

# The Label Studio server for integration tests, in its own virtualenv (it pins numpy and
# pyarrow, which must not constrain the training environment), plus a prepared data dir.
$(LS_VENV)/.installed:
	$(PYTHON) -m venv $(LS_VENV)
	$(LS_VENV)/bin/python -m pip install -q --upgrade pip
	$(LS_VENV)/bin/python -m pip install -q label-studio==1.23.2
	$(PYTHON) -m tests.studio_server init $(LS_VENV)/template
	touch $@

# Debian's chromium renders report.html once in the tests (a headless screenshot).
CHROMIUM ?= /usr/bin/chromium
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null

venv: $(VENV)/.runtime
venv-dev: $(VENV)/.dev
studio-server: $(LS_VENV)/.installed
chromium: $(CHROMIUM)

## make run: train on data/annotations (offline default backbone), evaluate the held-out split,
## write artifacts/model/ and artifacts/report/
run: venv
	$(PY) -m training --output_dir artifacts/model --report_dir artifacts/report $(ARGS)

## make test: the offline test suite (integration tests start a local Label Studio on 127.0.0.1)
test: venv-dev studio-server chromium
	$(PY) -m ruff check .
	$(PY) -m pytest -q $(PYTEST_ARGS)

## make check-data: validate every export in data/annotations, lint, print corpus statistics
check-data: venv
	$(PY) -m data.check data/annotations --strict

## make agreement: blind double annotation vs first annotation (docs/agreement.md)
agreement: venv
	$(PY) -m eval.agreement data/annotations --out artifacts/agreement

lint: venv-dev
	$(PY) -m ruff check .

clean:
	rm -rf $(VENV) $(LS_VENV) artifacts .pytest_cache .ruff_cache
