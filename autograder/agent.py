"""How the grader talks to its agent inside the student's kernel (the agent itself: autograder/kernel_agent.py).

The preamble (the first code a kernel runs, before any student code) installs a private shell-message
handler with a random message type. From then on the grader never sends its own code through IPython's
`run_cell`: test cells and checks arrive as that message, and the agent

1. saves what the notebook changed and puts back the grader's known state: IPython's input and AST
   transformers, event callbacks, custom exception handler, display and exception hooks, tracing hooks,
   patched IPython/kernel methods, every watched function of the modules the tests use (and its code,
   defaults and keyword defaults), the module aliases the tests use (`np`, `tf`, `keras`: the real modules,
   whatever the notebook bound them to) and builtins the notebook shadowed;
2. compiles the test cell itself (with the builtins captured at start-up, under a file name that is in no
   cache, so `linecache`, `inspect`, IPython's history, `In`/`_ih` never hold it) and runs it in the
   notebook's namespace, catching every exception itself;
3. classifies a failure: an `AssertionError` raised by the test cell's own code (or by a library it
   called), with no student code in the traceback, keeps its message; anything else is reported as the
   exception type plus the student's line;
4. fingerprints everything again and probes classes created or changed since start-up, then restores the
   notebook's own state so the student's later cells see exactly what they set up.

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

from autograder import kernel_agent

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
    values = {"__SOURCE__": SOURCE, "__SPEC__": json.dumps(spec), "__MSGTYPE__": msg_type, "__NONCE__": nonce}
    return re.sub("|".join(values), lambda m: repr(values[m.group(0)]), BOOT)


def test_request(grade_id: str, source: str, nonce: str) -> dict:
    # compressed: the raw test text is never in the kernel's message buffers as plain text
    return {"op": "test", "grade_id": grade_id, "nonce": nonce,
            "code": base64.b64encode(zlib.compress(source.encode())).decode()}
