"""How the examiner reaches the learner's kernel: one request at a time, one answer each.

`KernelLink` sends each operation to the grader's agent in the sandboxed kernel as a private shell message
(autograder/runner/kernel_agent.py runs it with autograder/runner/examiner/learner.py) and keeps what the kernel
printed meanwhile, for the test cell's outputs. `LocalLink` runs the same operations in this process on a
namespace, through the same JSON round trip: the unit tests' stand-in for a kernel (tests/test_examiner.py).
"""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

from autograder import messages as M
from autograder.runner.examiner import learner
from autograder.runner.examiner.errors import LearnerError
from autograder.runner.examiner.session import KernelGone

# The learner side's source text, sent to the kernel with the agent (never imported inside the sandbox).
LEARNER_SOURCE = Path(learner.__file__).read_text(encoding="utf-8")


class KernelLink:
    def __init__(self, session, msg_type: str, deadline: float):
        self.session, self.msg_type, self.deadline = session, msg_type, deadline
        self.outputs: list = []
        self.results: list = []          # every ExecResult, for the worker's limit checks

    def request(self, payload: dict) -> dict:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise KernelGone("timeout")
        nonce = secrets.token_hex(8)
        result = self.session.request(self.msg_type, {"op": "learner", "nonce": nonce, "request": payload},
                                      timeout=remaining)
        self.results.append(result)
        self.outputs += [o for o in result.outputs if o.get("output_type") != "error"]
        if result.status in ("timeout", "dead"):
            raise KernelGone(result.status)
        if result.reply_dropped:
            raise LearnerError("the learner's object was too large to send back to the test")
        reply = result.reply if isinstance(result.reply, dict) else {}
        if reply.get("nonce") != nonce or reply.get("status") != "ok":
            raise LearnerError.protocol(M.PROTOCOL_NO_ANSWER)
        return reply.get("learner")


class LocalLink:
    """The learner's operations on `namespace`, in this process (for tests of the examiner itself)."""

    def __init__(self, namespace: dict):
        scope: dict = {"__name__": "autograder_examiner_learner"}
        exec(compile(LEARNER_SOURCE, "<examiner learner>", "exec"), scope)
        self.ops = scope["Ops"](namespace)

    def request(self, payload: dict) -> dict:
        sent = json.loads(json.dumps(payload))
        return json.loads(json.dumps(self.ops.run(sent)))
