# Two commands on a fresh machine with only python3:
#   make lab    set everything up and open the course in JupyterLab
#   make test   set everything up and run the whole test suite (what CI runs)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_WORKERS ?= auto

.PHONY: help setup test suite nbval release check-release outputs lint threshold-audit clean

help:
	@echo "make lab           set up .venv, copy the chapters into my-work/ and open JupyterLab there (student extensions on)"
	@echo "make hub           a local JupyterHub with the course: an instructor, three students, nbgrader's exchange (Ctrl-C or make hub-stop)"
	@echo "make test          set up .venv and run the whole suite in fast mode (what CI runs)"
	@echo "make suite         only the pytest part of make test (tests/)"
	@echo "make colab-test    every solution notebook under nbval in a Colab-like env (Python 3.12, TensorFlow 2.20)"
	@echo "make nbval         every solution notebook under nbval in .venv (not part of make test)"
	@echo "make release       regenerate notebooks/ from solutions/ (and restamp Colab/Binder badges)"
	@echo "make outputs       re-store the checked outputs of solutions/ (CHAPTERS=..., default every chapter)"
	@echo "make lint          ruff on the Python code and every notebook"
	@echo "make grade CHAPTER=ch01_tensors SUBMISSIONS=export.zip   grade a class (see autograder/README.md)"
	@echo "make full-run      run the notebooks without fast mode, record figures in results/full_run.json (CHAPTERS=...)"
	@echo "make benchmark     autograder vs plain nbgrader vs bare nbclient, submissions per minute"
	@echo "make threshold-audit  every trained-model threshold against a grid of right and wrong answers (AUDIT=...)"
	@echo "make clean         remove .venv and local grading state"

# The environment: exact pins, rebuilt whenever a requirements file changes. uv installs them: a fresh .venv took
# 45 s on 2 cores with uv and 72 s with pip, caches cold (uv downloads, unpacks and compiles in parallel); .venv
# keeps pip for learners' own installs. Bytecode is compiled at install time: without .pyc files (this machine sets
# PYTHONDONTWRITEBYTECODE) every kernel's TensorFlow import takes 12 s instead of 4.
# Where uv cannot work (no uv wheel for the machine, a package mirror set only in pip's own config), pip installs
# instead, and says so.
UV_VERSION := 0.13.9
# $(call install,PYTHON,REQUIREMENTS)
install = $(BIN)/uv pip install --quiet --system-certs --compile-bytecode --python $(1) -r $(2) \
	|| { echo "setup: uv could not install $(2) (see above); pip installs it instead" >&2; \
	     $(1) -m pip install --quiet -r $(2); }

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed, found " + sys.version)'
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION) || echo "setup: uv is not available here; pip will install"

$(STAMP): requirements.txt requirements-test.txt | $(BIN)/uv
	$(call install,$(BIN)/python,requirements-test.txt)
	touch $@

setup: $(STAMP)

# The Colab-like environment is built while the suite runs (its install is mostly download and unpacking);
# then the Korean edition's notebooks run under nbval in it: their code cells are the English ones
# (tests/test_translation.py), so each chapter's code runs once on Colab's versions. The English notebooks run whole
# in this environment, under plain nbgrader (tests/test_grading.py: every cell runs, full marks), so nbval here
# (`make nbval`) is not repeated.
test: setup browser-deps autograder-deps graphviz-deps hub-deps
	$(MAKE) --no-print-directory -j2 suite colab-setup
	$(MAKE) --no-print-directory colab-test COLAB_EDITIONS=ko

suite: setup
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup tests

nbval: setup
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile solutions

release: setup
	$(BIN)/python -m coursetools.release

check-release: setup
	$(BIN)/python -m coursetools.release --check

outputs: setup
	$(BIN)/python tools/refresh_outputs.py $(CHAPTERS)

lint: setup
	$(BIN)/ruff check .

# Every test that judges a trained model, run against a grid of reasonable and wrong answers over 10 seeds and 1 and
# 2 threads (about an hour on 2 cores); writes results/threshold_audit.json. AUDIT=ch06_fashion_mnist runs one
# chapter (or a test's grade_id) and re-judges the kept runs of the others. See docs/authoring.md, section 4.
threshold-audit: setup
	$(BIN)/python -m tools.threshold_audit $(AUDIT)

include mk/lab.mk
include mk/browser.mk
include mk/autograder.mk
include mk/graphviz.mk
include mk/colab.mk
include mk/full_run.mk
include mk/hub.mk

clean:
	rm -rf $(VENV) $(COLAB_VENV) $(HUB_DIR) gradebook.db submitted autograded feedback .pytest_cache
