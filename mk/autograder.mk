# Autograder extras, included by the Makefile.
#   make autograder-deps   install bubblewrap (the grading sandbox) if missing; quick and idempotent
#   make benchmark         submissions/min of the autograder vs plain nbgrader, and its overhead vs bare nbclient,
#                          for chapter 1 and chapter 4 (BENCH_CHAPTERS, BENCH_SUBMISSIONS, BENCH_REPEAT)
#   make grade CHAPTER=ch01_tensors SUBMISSIONS=path/to/export.zip [WORKERS=2]

BENCH_CHAPTERS    ?= ch01_tensors ch04_keras_workflow
BENCH_SUBMISSIONS ?= 8
BENCH_REPEAT      ?= 1

.PHONY: autograder-deps benchmark grade

# bubblewrap gives every submission its own file system view, no network and no access to instructor files.
# Without it (or where user namespaces are blocked) grading falls back to resource limits and says so.
autograder-deps:
	@if command -v bwrap >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing bubblewrap (grading sandbox)"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null 2>&1 || \
		{ apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null; } || \
		echo "warning: could not install bubblewrap; grading will use resource limits only"; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && command -v apt-get >/dev/null 2>&1; then \
		sudo -n apt-get install -y -qq bubblewrap >/dev/null 2>&1 || \
		echo "warning: could not install bubblewrap; grading will use resource limits only"; \
	else \
		echo "warning: bubblewrap (bwrap) is not installed and cannot be installed here; grading will use resource limits only"; \
	fi

# One run per chapter (chapter 1 and chapter 4 by default: a small chapter and one that trains models).
benchmark: setup autograder-deps
	@for chapter in $(BENCH_CHAPTERS); do \
		$(BIN)/python -m autograder bench $$chapter --submissions $(BENCH_SUBMISSIONS) --repeat $(BENCH_REPEAT) || exit 1; \
	done

grade: setup autograder-deps
	@test -n "$(CHAPTER)" -a -n "$(SUBMISSIONS)" || { echo "usage: make grade CHAPTER=ch01_tensors SUBMISSIONS=path [WORKERS=n]"; exit 2; }
	$(BIN)/python -m autograder grade $(CHAPTER) $(SUBMISSIONS) $(if $(WORKERS),--workers $(WORKERS))
