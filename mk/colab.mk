# The Colab-like second environment, included by the top-level Makefile.
#   make colab-setup   build .venv-colab (Python 3.12 + requirements-colab.txt) if missing or stale
#   make colab-test    run every solution notebook in it, each alone in a scratch folder (tools/colab_check.py);
#                      COLAB_EDITIONS=ko runs only the Korean edition's (what `make test` does: their code is the
#                      English code, which the suite runs whole in .venv), en only the English ones
# Colab's runtime is older than requirements.txt (TensorFlow 2.20, Python 3.12): this proves "runs on Colab".
# Cost: one install (~1.5 GB, under a minute with uv, once per requirements change) plus one fast-mode run per notebook;
# tools/colab_check.py prints the time of each.

COLAB_VENV  ?= .venv-colab
COLAB_STAMP := $(COLAB_VENV)/.installed
# The first Python 3.12 found: COLAB_PYTHON if given, else python3.12 on PATH, /usr/bin, or a pyenv install.
COLAB_PYTHON ?= $(firstword $(foreach p,python3.12 /usr/bin/python3.12 /usr/local/bin/python3.12 \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12),\
	$(if $(shell $(p) -c 'import sys; print(sys.version_info[:2] == (3, 12))' 2>/dev/null | grep -x True),$(p))))

.PHONY: colab-setup colab-test

# Installed by .venv's uv, or pip where uv cannot work (the `install` macro in the top-level Makefile).
$(COLAB_STAMP): requirements-colab.txt | $(BIN)/uv
	@test -n "$(COLAB_PYTHON)" || { echo "colab-setup: Python 3.12 is needed (Colab's version); set COLAB_PYTHON=/path/to/python3.12" >&2; exit 1; }
	@echo "colab-setup: building $(COLAB_VENV) with $(COLAB_PYTHON) from requirements-colab.txt"
	rm -rf $(COLAB_VENV)
	$(COLAB_PYTHON) -m venv $(COLAB_VENV)
	$(call install,$(COLAB_VENV)/bin/python,requirements-colab.txt)
	touch $@

colab-setup: $(COLAB_STAMP)

colab-test: setup colab-setup
	$(BIN)/python tools/colab_check.py --python $(COLAB_VENV)/bin/python $(if $(COLAB_WORKERS),--workers $(COLAB_WORKERS)) \
		$(if $(COLAB_EDITIONS),--editions $(COLAB_EDITIONS))
