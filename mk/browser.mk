# Dependencies of the real-browser test (tests/test_browser.py), included by the top-level Makefile.
#   make browser-deps   Debian's Chromium (only if $(CHROMIUM) is missing) + the pinned Playwright driver
# Playwright drives this system Chromium through `executable_path`; it never downloads a browser.
# Without Chromium the test skips locally and fails in CI (CI=true).

CHROMIUM ?= /usr/bin/chromium

.PHONY: browser-deps
browser-deps: setup
	@if [ -x "$(CHROMIUM)" ]; then \
	  echo "browser-deps: $(CHROMIUM) is there ($$("$(CHROMIUM)" --version 2>/dev/null))"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "browser-deps: $(CHROMIUM) is missing and installing it needs root (apt-get install chromium)" >&2; exit 1; fi; \
	  echo "browser-deps: installing Chromium with apt-get"; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation \
	    >/dev/null && \
	  "$(CHROMIUM)" --version; \
	fi
	@$(BIN)/python -c "import playwright.sync_api; from importlib.metadata import version; \
	  print('browser-deps: playwright', version('playwright'))"
