# The course on a local JupyterHub (hub/, docs/instructors.md "Run the course on a JupyterHub"), included by the
# top-level Makefile.
#   make hub-deps   JupyterHub's configurable-http-proxy, pinned in hub/package.json (and its lock file), into .hub/
#                   with npm; as root, also Debian's acl (setfacl), with which the hub lets its accounts reach a
#                   Python installed under /root. JupyterHub itself is pinned in requirements-test.txt.
#   make hub        start the hub on http://127.0.0.1:$(HUB_PORT)/ and print the test logins; Ctrl-C stops it
#   make hub-stop   stop it from another terminal
# Without Node.js 20+ the hub cannot start: `make hub-deps` says so, tests/test_hub.py skips (fails with CI=true).

HUB_PORT   ?= 8000
HUB_STATE  ?= $(or $(TMPDIR),/tmp)/tf-keras-course-hub
HUB_PREFIX ?= tfk-
HUB_DIR    := .hub
HUB_STAMP  := $(HUB_DIR)/.installed

.PHONY: hub-deps hub hub-stop

$(HUB_STAMP): hub/package.json hub/package-lock.json
	@if ! command -v npm >/dev/null 2>&1 || ! node -e 'process.exit(parseInt(process.versions.node) >= 20 ? 0 : 1)'; then \
	  echo "hub-deps: Node.js 20+ with npm is needed for JupyterHub's proxy (found: $$(node --version 2>/dev/null || echo none))" >&2; \
	  if [ "$$CI" = true ]; then exit 1; else exit 0; fi; \
	fi; \
	rm -rf $(HUB_DIR) && mkdir -p $(HUB_DIR) && cp hub/package.json hub/package-lock.json $(HUB_DIR)/ && \
	echo "hub-deps: npm ci (configurable-http-proxy, hub/package-lock.json) into $(HUB_DIR)/" && \
	(cd $(HUB_DIR) && npm ci --omit=dev --no-audit --no-fund --loglevel=error) && touch $@

hub-deps: setup $(HUB_STAMP)
	@if [ "$$(id -u)" = 0 ] && ! command -v setfacl >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
	  echo "hub-deps: installing acl (setfacl) with apt-get"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends acl >/dev/null 2>&1 || \
	  { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends acl >/dev/null; } || \
	  echo "hub-deps: could not install acl; the hub works where the course's Python is reachable by every user" >&2; \
	fi
	@if [ -x $(HUB_DIR)/node_modules/.bin/configurable-http-proxy ]; then \
	  echo "hub-deps: jupyterhub $$($(BIN)/python -c 'from importlib.metadata import version; print(version("jupyterhub"))')," \
	    "configurable-http-proxy $$($(HUB_DIR)/node_modules/.bin/configurable-http-proxy --version)"; fi

hub: setup hub-deps
	$(BIN)/python -m hub start --state $(HUB_STATE) --port $(HUB_PORT) --prefix $(HUB_PREFIX)

hub-stop:
	@$(BIN)/python -m hub stop --state $(HUB_STATE)
