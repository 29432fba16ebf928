# The learner's JupyterLab, included by the top-level Makefile.
#   make lab         copy every chapter not yet in $(WORK)/ from notebooks/ (the Korean edition's from ko/notebooks/
#                    into $(WORK)/ko/), then open JupyterLab on $(WORK)/
#   make workspace   only the copy
# Answers live in $(WORK)/ (ignored by git), never in the tracked notebooks/: `git pull` brings course fixes without
# conflicts, and a chapter copied once is never overwritten. For a fresh copy of a chapter, rename its folder and run
# `make lab` again (or use the Assignments tab's Fetch, which puts chapters into the same folder).

WORK        ?= my-work
LAB_PORT    ?= 8888
# auto: open a browser where Python finds one (none on a server: then only the URL is printed); none: never.
LAB_BROWSER ?= auto
# Where binder/postBuild writes the learner's Jupyter set-up: the course environment (--sys-prefix), or the user's
# Jupyter config folder (--user; tests/test_lab.py points JUPYTER_CONFIG_DIR at a scratch folder, so a test run
# never leaves its temporary exchange in the environment's config, where the next JupyterLab would look for it).
LAB_CONFIG  ?= --sys-prefix

# Quiet by default: info lines (some 40 "extension linked/loaded" and a 20-name "Skipped non-installed server(s)"
# line from the language-server extension) go; warnings and the URL banner stay. JupyterLab's kernel websockets
# ping every 30 s and jupyter_server asks for a 90 s timeout, which tornado refuses with a warning on the first
# connection: ask for the timeout it accepts. Kernels talk to the server over Unix sockets (ipc) rather than
# unencrypted TCP on loopback, which every new kernel warned about.
LAB_ARGS = --ServerApp.root_dir=$(WORK) --ServerApp.port=$(LAB_PORT) --ServerApp.log_level=WARN --LabApp.log_level=WARN \
	--ServerApp.tornado_settings="{'ws_ping_timeout': 30000}" --KernelManager.transport=ipc \
	$(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab workspace

# New copies are signed as this user's own (`jupyter trust`): JupyterLab then does not warn "Notebook ... is not
# trusted" on opening them. They hold no outputs, so trusting them shows nothing that was not reviewed.
workspace:
	@mkdir -p "$(WORK)"; copied=""; \
	for src in notebooks/ch[0-9][0-9]_*/ ko/notebooks/ch[0-9][0-9]_*/; do [ -d "$$src" ] || continue; \
	  ch=$$(basename "$$src"); case "$$src" in ko/*) ch="ko/$$ch"; mkdir -p "$(WORK)/ko";; esac; \
	  if [ ! -e "$(WORK)/$$ch" ]; then cp -R "$$src" "$(WORK)/$$ch"; copied="$$copied $$ch"; fi; \
	done; \
	if [ -n "$$copied" ]; then \
	  echo "workspace: copied$$copied into $(WORK)/"; \
	  "$(BIN)/jupyter" trust --log-level=WARN $$(for ch in $$copied; do echo "$(WORK)/$$ch/$$(basename $$ch).ipynb"; done) >/dev/null; \
	fi

# Started from the repository root, so that nbgrader finds the course's nbgrader_config.py; the file browser opens
# on $(WORK)/, where the Assignments tab's Fetch puts chapters too.
lab: setup graphviz-deps workspace
	@PATH="$(abspath $(BIN)):$$PATH" bash binder/postBuild $(LAB_CONFIG)
	@echo "lab: your answers go into $(WORK)/ (a copy of notebooks/ that git ignores). Stop with Ctrl-C."
	@browser=$(LAB_BROWSER); \
	if [ "$$browser" = auto ] && ! "$(BIN)/python" -c 'import webbrowser; webbrowser.get()' 2>/dev/null; then browser=none; fi; \
	exec "$(BIN)/jupyter" lab $(LAB_ARGS) $$([ "$$browser" = none ] && echo --no-browser)
