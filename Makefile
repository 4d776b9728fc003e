# casestudy: two commands on a fresh machine with only python3 and make.
#   make reproduce   set up .venv, execute every notebook in order, regenerate reports/
#   make test        set up .venv, run ruff and mypy, unit tests and doctests, then strict nbval on every notebook
#   make lab         open JupyterLab on the notebooks
#   make bench       run the benchmarks (prints figures and ratios)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))

# Determinism for every command below (inherited by notebook kernels).
export PYTHONHASHSEED := 0
export IPYKERNEL_CELL_NAME := <IPY-INPUT>
export TQDM_DISABLE := 1
export SOURCE_DATE_EPOCH := 1704067200
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# One BLAS/OpenMP thread: sums in one order on every machine, so fitted numbers agree to the last digit.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
unexport MPLBACKEND

.PHONY: all setup reproduce notebooks exports test lint unit nbval lab bench qc-tool-check clean

all: test

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install -qq --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

reproduce: $(STAMP) notebooks exports
	@echo "reproduce: done (git status should be clean)"

notebooks: $(STAMP)
	$(BIN)/python tools/run_notebooks.py --jobs 2 $(NOTEBOOKS)

exports: $(STAMP)
	$(BIN)/python tools/reproduce_exports.py

test: $(STAMP) lint unit nbval

lint: $(STAMP)
	$(BIN)/ruff check --no-cache casestudy tests tools benchmarks conftest.py
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests casestudy

nbval: $(STAMP)
	@out=$$(mktemp -d) && echo "nbval: notebooks write to $$out, not to reports/" && \
	CASESTUDY_OUTPUT_ROOT=$$out $(BIN)/python -m pytest -q -p no:cacheprovider --nbval --nbval-current-env \
		--nbval-sanitize-with nbval_sanitize.cfg $(NOTEBOOKS)

# JupyterLab is in the lock, so the setup stamp covers it (pip runs only when the lock changed);
# root (containers, CI) needs --allow-root.
lab: $(STAMP)
	$(BIN)/jupyter lab $$(test "$$(id -u)" = 0 && echo --allow-root) notebooks

# Our pt_xyz.qdpx in the `qc` tool (qualitative-coding, whose pins clash with our lock: own venv).
qc-tool-check: $(STAMP)
	@test -x .venv-qc/bin/qc || ($(PYTHON) -m venv .venv-qc && .venv-qc/bin/python -m pip install -qq \
		--disable-pip-version-check qualitative-coding==1.7.8)
	CASESTUDY_QC=$(CURDIR)/.venv-qc/bin/qc $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/exchange/test_exchange_qc_tool.py

bench: $(STAMP)
	$(BIN)/python -m pip install -qq -c requirements/lock.txt -r requirements/bench.txt
	$(BIN)/python benchmarks/autocode.py
	$(BIN)/python benchmarks/store.py
	$(BIN)/python benchmarks/crm.py
	$(BIN)/python benchmarks/refi_import.py
	$(BIN)/python benchmarks/study_scale.py

clean:
	rm -rf build .pytest_cache
