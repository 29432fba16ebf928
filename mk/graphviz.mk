# Graphviz, the system package behind keras.utils.plot_model (chapter 8), included by the top-level Makefile.
#   make graphviz-deps   install Debian's graphviz (the `dot` program) if missing; quick and idempotent
# Without `dot`, plot_model cannot draw and chapter 8's notebook fails: CI=true makes a missing install an error.

.PHONY: graphviz-deps
graphviz-deps:
	@if command -v dot >/dev/null 2>&1; then :; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	  else echo "graphviz-deps: Graphviz (dot) is missing and installing it needs root: apt-get install graphviz" >&2; \
	    if [ "$$CI" = true ]; then exit 1; else exit 0; fi; fi; \
	  echo "graphviz-deps: installing Graphviz with apt-get"; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends graphviz >/dev/null 2>&1 || \
	  { $$SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends graphviz >/dev/null; } || \
	  { echo "graphviz-deps: could not install Graphviz" >&2; exit 1; }; \
	  dot -V; \
	fi
