"""One test cell graded by the examiner, as the worker records it (an `ExecResult`, like a cell the kernel ran).

The examiner's modules are the chapter's, imported once per worker process under the aliases the tests use
(`np`, `tf`, `keras`); each submission gets its own `Examiner`, whose handles live as long as its kernel.
"""

from __future__ import annotations

import importlib
import os
import time
import warnings

from autograder.runner.examiner.links import KernelLink
from autograder.runner.examiner.session import Examiner
from autograder.runner.kernel import ExecResult

_MODULES: dict[tuple[str, str | None], object] = {}


def examiner_aliases(aliases: dict) -> dict:
    """alias -> the examiner's own module or object for `[module, attribute or None]` (imported once)."""
    out = {}
    for alias, (module, attr) in aliases.items():
        key = (module, attr)
        if key not in _MODULES:
            os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    imported = importlib.import_module(module)
                    _MODULES[key] = getattr(imported, attr) if attr else imported
            except (ImportError, AttributeError):
                _MODULES[key] = None       # the test then reads the learner's name of that alias
        if _MODULES[key] is not None:
            out[alias] = _MODULES[key]
    return out


def examine(examiner: Examiner, session, msg_type: str, grade_id: str, source: str, aliases: dict,
            timeout: float) -> ExecResult:
    """Run one test cell in the examiner; the kernel only answers its operations."""
    started = time.monotonic()
    link = examiner.link = KernelLink(session, msg_type, started + timeout)
    verdict = examiner.run_test(grade_id, source, examiner_aliases(aliases))
    result = ExecResult(verdict.status, outputs=link.outputs, seconds=time.monotonic() - started)
    result.killed = any(r.killed for r in link.results)
    result.truncated = any(r.truncated for r in link.results)
    result.reply = verdict.reply()
    return result
