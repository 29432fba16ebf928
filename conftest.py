"""Suite-wide set-up: fast mode, offline dataset caches, and a per-chapter timing report.

Every process of the run (and every kernel it starts, nbval's included) sees COURSE_FAST=1 and
KERAS_HOME / SCIKIT_LEARN_DATA pointing at caches seeded in a temporary folder.
"""

import os
import sys
from collections import defaultdict
from pathlib import Path

import nbval.plugin as nbval_plugin

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from autograder.sandbox.resources import thread_env
from coursetools.course import chapters
from data.fixtures import seeded_caches

_caches = None


def _ignore_stderr(coalesce):
    """nbval compares every stream of a checked cell; stderr (TensorFlow logs, warnings) is never compared."""
    def wrapped(outputs):
        return coalesce([o for o in outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")])
    return wrapped


nbval_plugin.coalesce_streams = _ignore_stderr(nbval_plugin.coalesce_streams)
_durations: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))


def pytest_configure(config):
    global _caches
    os.environ["COURSE_FAST"] = "1"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("MPLBACKEND", "Agg")
    # Test workers run side by side: each one's kernels (nbval's, plain nbgrader's) get its share of the cores, so
    # that two TensorFlow thread pools do not fight over the same cores.
    for var, value in thread_env(int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))).items():
        os.environ.setdefault(var, value)
    _caches = seeded_caches()
    _caches.__enter__()


def pytest_unconfigure(config):
    if _caches is not None:
        _caches.__exit__(None, None, None)


def chapter_of(nodeid: str) -> str | None:
    return next((c.id for c in chapters() if c.id in nodeid), None)


def pytest_collection_modifyitems(session, config, items):
    """test_grading's gradings of one chapter side by side (pristine, reference, wrong and right answers): a test
    worker keeps its pre-imported interpreter for as long as it grades the same chapter."""
    order = {c.id: n for n, c in enumerate(chapters())}
    slots = [n for n, item in enumerate(items) if "test_grading.py" in item.nodeid]
    grading = sorted((items[n] for n in slots), key=lambda item: order.get(chapter_of(item.nodeid), -1))
    for n, item in zip(slots, grading):
        items[n] = item


def pytest_runtest_logreport(report):
    ch = chapter_of(report.nodeid)
    if ch:
        kind = "nbval" if ".ipynb" in report.nodeid else "grading" if "test_grading" in report.nodeid else "other"
        _durations[ch][kind] += report.duration


def pytest_terminal_summary(terminalreporter):
    if not _durations:
        return
    terminalreporter.section("time per chapter (seconds, summed over workers)")
    for ch in sorted(_durations):
        parts = ", ".join(f"{kind} {secs:6.1f}" for kind, secs in sorted(_durations[ch].items()))
        terminalreporter.write_line(f"{ch:28s} {parts}")
