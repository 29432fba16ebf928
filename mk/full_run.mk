# The full (non-fast) run of the chapter notebooks, included by the top-level Makefile.
#   make full-run                                           every chapter in course.toml
#   make full-run CHAPTERS="ch01_tensors ch07_california_housing"
# Writes results/full_run.json (one row per chapter and device); `make release` then regenerates the README's
# "where the course stands" table from it. See coursetools/full_run.py.

.PHONY: full-run
full-run: setup
	$(BIN)/python -m coursetools.full_run $(CHAPTERS)
