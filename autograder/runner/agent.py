"""How the grader talks to its agent inside the student's kernel (the agent itself: autograder/runner/kernel_agent.py).

The preamble (the first code a kernel runs, before any student code) sends the agent's source with the watch
spec as data; from then on test cells and checks go to the agent as a private message type, never through
IPython's `run_cell`. What the agent does with them (reset, run, classify, fingerprint, restore) is described in
autograder/runner/kernel_agent.py.

The reply echoes a nonce only the grader knows. Everything here shares the interpreter with student code,
so a determined attacker can still reach it (see autograder/README.md, "What is and is not guaranteed").
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import zlib
from pathlib import Path

from autograder.runner import kernel_agent
from autograder.runner.examiner.links import LEARNER_SOURCE

# The agent's source text, sent to the kernel: it is compiled there into a private namespace. The repository is
# never imported inside the sandbox (nothing of the course is visible there).
SOURCE = Path(kernel_agent.__file__).read_text(encoding="utf-8")

BOOT = r'''
def __AG_boot():
    ns = {"__name__": "autograder_kernel_agent", "__builtins__": __import__("builtins")}
    exec(compile(__SOURCE__, "<autograder agent>", "exec", dont_inherit=True), ns)
    return ns["install"](__import__("json").loads(__SPEC__), __MSGTYPE__)


class __AG_E(AssertionError):
    def _render_traceback_(self):
        return ["AssertionError: autograder preamble"]


__AG_E.__name__ = __AG_E.__qualname__ = "AssertionError"
try:
    raise __AG_E(__NONCE__ + __import__("json").dumps({"fp": __AG_boot()}))
finally:
    del __AG_E, __AG_boot
'''


def new_msg_type() -> str:
    return f"autograder_{secrets.token_hex(8)}_request"


def preamble(spec: dict, msg_type: str, nonce: str) -> str:
    """The first code a kernel runs: imports, installs the agent, ends in AssertionError(nonce + report)."""
    spec = {**spec, "examiner_source": LEARNER_SOURCE}   # the examiner's operations (examiner/learner.py)
    values = {"__SOURCE__": SOURCE, "__SPEC__": json.dumps(spec), "__MSGTYPE__": msg_type, "__NONCE__": nonce}
    return re.sub("|".join(values), lambda m: repr(values[m.group(0)]), BOOT)


def test_request(grade_id: str, source: str, nonce: str) -> dict:
    # compressed: the raw test text is never in the kernel's message buffers as plain text
    return {"op": "test", "grade_id": grade_id, "nonce": nonce,
            "code": base64.b64encode(zlib.compress(source.encode())).decode()}
