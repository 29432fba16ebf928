"""Drive a sandboxed kernel from outside, one cell at a time, with time and output limits.

    session = KernelSession(sandbox)
    session.start()
    result = session.execute("x = 1", timeout=30)     # ExecResult: status, outputs, ename/evalue, ...
    session.shutdown()

The kernel listens on Unix sockets in the sandbox's ipc folder (works across network namespaces); the channels
and their bounded reads are autograder/runner/channels.py's. A cell that runs too long is interrupted over the
control channel; a kernel that does not answer then is killed. Outputs beyond the limits are dropped and a note
says so.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import time
from dataclasses import dataclass, field
from queue import Empty

from jupyter_client.connect import write_connection_file
from nbformat import v4

from autograder.runner.channels import Channels
from autograder.sandbox.limits import Limits
from autograder.sandbox.sandbox import Sandbox

INTERRUPT_GRACE = 5.0      # seconds a kernel gets to answer after an interrupt before it is killed
IOPUB_GRACE = 3.0          # seconds to wait for trailing output after the reply
DROP_GRACE = 0.5           # seconds after a dropped reply before a kernel that is still alive is taken to have sent it


class KernelStartError(RuntimeError):
    pass


@dataclass
class ExecResult:
    status: str                       # ok | error | timeout | dead
    outputs: list = field(default_factory=list)
    execution_count: int | None = None
    ename: str | None = None
    evalue: str | None = None
    error_outputs: list = field(default_factory=list)   # (ename, evalue) of every iopub error
    truncated: bool = False
    reply: dict | None = None         # the reply's content (the grader's own requests use it)
    message: str = ""                 # learner-facing message of a test cell (autograder/runner/worker.py)
    findings: dict | None = None      # the agent's report on a test cell
    seconds: float = 0.0
    killed: bool = False              # the kernel had to be killed (did not recover from an interrupt)
    reply_dropped: bool = False       # the reply was above the message size limit: `reply` stands for it

    @property
    def failed(self) -> bool:
        return self.status != "ok" or bool(self.error_outputs)


@dataclass
class _Cell:
    """One execution: what it has seen so far, and its outputs, kept within the limits."""
    result: ExecResult
    limits: Limits
    keep_outputs: bool
    idle: bool = False
    pending_clear: bool = False
    bytes: int = 0

    def take(self, msg: dict, notebook_bytes: int) -> int:
        """One iopub message of the running cell: status, outputs (within the size limits), errors. Returns the
        bytes of output kept (`notebook_bytes`: those the notebook's cells kept so far)."""
        result, limits = self.result, self.limits
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status":
            self.idle = content.get("execution_state") == "idle"
        elif kind == "execute_input":
            result.execution_count = content.get("execution_count")
        elif kind == "clear_output":
            if content.get("wait"):
                self.pending_clear = True
            else:
                result.outputs.clear()
        if kind not in ("stream", "display_data", "execute_result", "error"):
            return 0
        if kind == "error":
            result.error_outputs.append((content.get("ename"), content.get("evalue")))
        if self.pending_clear:
            result.outputs.clear()
            self.pending_clear = False
        if not self.keep_outputs:
            return 0
        size = _size(content)
        if self.bytes + size > limits.max_output or notebook_bytes + size > limits.max_notebook_output:
            result.truncated = True
            if kind == "error":       # errors are always kept, shortened
                result.outputs.append(v4.new_output("error", ename=str(content.get("ename")),
                                                    evalue=str(content.get("evalue", ""))[:2000], traceback=[]))
            return 0
        self.bytes += size
        _append(result.outputs, kind, msg)
        return size

    def collect_remaining(self, iopub, msg_id: str) -> None:
        """What is still queued of this cell's output once the kernel is gone."""
        result = self.result
        for _ in range(1000):
            try:
                msg = iopub.get_msg(timeout=0.01)
            except Empty:
                return
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] in ("stream", "display_data", "error"):
                if msg["msg_type"] == "error":
                    result.error_outputs.append((msg["content"].get("ename"), msg["content"].get("evalue")))
                _append(result.outputs, msg["msg_type"], msg)

    def conclude(self, reply: dict | None, own_request: bool) -> None:
        """Status, error and execution count from the reply; the truncation note."""
        result, limits = self.result, self.limits
        if reply is not None:
            result.reply = reply
            if own_request:
                reply = {}
            if reply.get("status") == "error" and result.status == "ok":
                result.status = "error"
            if reply.get("status") in ("error", "aborted"):
                result.ename = reply.get("ename")
                result.evalue = reply.get("evalue")
            if result.execution_count is None:
                result.execution_count = reply.get("execution_count")
        elif result.status == "ok":
            result.status = "dead"
        if result.ename is None and result.error_outputs:
            result.ename, result.evalue = result.error_outputs[-1]
        if result.truncated:
            result.outputs.append(v4.new_output("stream", name="stderr", text=(
                f"[output truncated by the grader: more than {limits.max_output} bytes in this cell "
                f"or {limits.max_notebook_output} bytes in the notebook]\n")))


def _append(outputs: list, kind: str, msg: dict) -> None:
    if kind == "stream" and outputs and outputs[-1].get("output_type") == "stream" \
            and outputs[-1].get("name") == msg["content"].get("name"):
        outputs[-1]["text"] += msg["content"].get("text", "")
        return
    try:
        outputs.append(v4.output_from_msg(msg))
    except (KeyError, ValueError):
        pass


def _dropped_reply(limits) -> dict:
    """Stands for a reply zmq dropped unread for its size."""
    return {"status": "error", "ename": "OutputLimitExceeded",
            "evalue": f"the kernel's reply was larger than {limits.max_message() >> 20} MiB and was dropped unread"}


def _size(content: dict) -> int:
    try:
        return len(json.dumps(content.get("data") or content.get("text") or content))
    except (TypeError, ValueError):
        return 1 << 30


class KernelSession:
    def __init__(self, sandbox: Sandbox):
        self.sandbox = sandbox
        self.channels: Channels | None = None
        self.output_total = 0

    # ------------------------------------------------------------------------------------------ start/stop
    def start(self) -> float:
        """Launch the kernel and wait until it answers; returns the seconds it took."""
        self.launch()
        return self.connect()

    def launch(self) -> None:
        """Start the kernel process. Call it from a long-lived thread: bubblewrap's --die-with-parent kills the
        sandbox when the *thread* that started it ends."""
        self.launched = time.monotonic()
        self.cf = str(self.sandbox.ipc / "kernel.json")
        write_connection_file(self.cf, transport="ipc", ip=str(self.sandbox.ipc / "k"),
                              key=secrets.token_hex(16).encode())
        self.sandbox.launch(self.cf)

    def connect(self) -> float:
        """Connect to the launched kernel and wait until it answers (may run in another thread)."""
        started = self.launched
        self.channels = channels = Channels(self.cf, self.sandbox.limits.max_message())
        deadline = started + self.sandbox.limits.startup_timeout
        # Ask until both the reply (shell) and the kernel's status (iopub) arrive: iopub messages sent before
        # our subscription reached the kernel are lost, so once the kernel answers, ask again quickly.
        while not self._answers(channels.kc.kernel_info(), deadline):
            if time.monotonic() >= deadline:
                raise KernelStartError(f"the kernel did not answer within {self.sandbox.limits.startup_timeout:.0f} s")
        channels.drain(0.05)
        return time.monotonic() - started

    def _answers(self, msg_id: str, deadline: float) -> bool:
        """Whether both the reply to kernel_info `msg_id` and its status on iopub arrive within 2 s (or soon after
        the reply, or by `deadline`)."""
        channels = self.channels
        got_reply = got_iopub = False
        try_until = time.monotonic() + 2.0
        while time.monotonic() < min(try_until, deadline) and not (got_reply and got_iopub):
            if not self.sandbox.alive():
                raise KernelStartError(f"the kernel did not start ({self.sandbox.exit_description()}): "
                                       f"{self.sandbox.log_tail(600)}")
            for channel in channels.poll(20):
                msg = channels.read(channel)
                if msg is not None and msg["parent_header"].get("msg_id") == msg_id:
                    if channel is channels.shell and not got_reply:
                        got_reply = True
                        try_until = min(try_until, time.monotonic() + 0.15)
                    got_iopub |= channel is channels.iopub
        return got_reply and got_iopub

    def shutdown(self) -> None:
        if self.channels is not None:
            self.channels.close()
        self.sandbox.cleanup()

    # ------------------------------------------------------------------------------------------ execute
    def request(self, msg_type: str, content: dict, timeout: float) -> ExecResult:
        """Send one of the grader's own shell messages (see autograder/runner/agent.py); `result.reply` is its answer."""
        return self.execute("", timeout, request=(msg_type, content))

    def execute(self, code: str, timeout: float, *, silent: bool = False, store_history: bool = True,
                keep_outputs: bool = True, request: tuple[str, dict] | None = None) -> ExecResult:
        """Run `code` (or send `request`); never raises for anything the kernel does."""
        channels = self.channels
        started = time.monotonic()
        result = ExecResult("ok")
        if not self.sandbox.alive():
            result.status = "dead"
            return result
        channels.dropped.clear()
        if request is None:
            msg_id = channels.kc.execute(code, silent=silent, store_history=store_history, allow_stdin=False,
                                         stop_on_error=False)
        else:
            msg_id = channels.send(*request)
        deadline = started + timeout
        cell = _Cell(result, self.sandbox.limits, keep_outputs)
        reply = reply_at = None
        interrupted = False
        while not (reply is not None and cell.idle):
            now = time.monotonic()
            if reply is not None and reply_at is not None and now - reply_at > IOPUB_GRACE:
                break                     # the reply came but the idle status got lost (iopub overflow)
            if now >= deadline:
                if not interrupted:
                    interrupted = True
                    result.status = "timeout"
                    with contextlib.suppress(Exception):   # a dead kernel is handled below
                        channels.interrupt()
                    deadline = now + INTERRUPT_GRACE
                    continue
                result.status, result.killed = "timeout", True
                self.sandbox.kill()
                break
            ready = channels.poll(int(min(deadline - now, 0.25) * 1000) + 1)
            if not ready and not self.sandbox.alive():
                # the process is gone: collect what is still queued, then stop
                cell.collect_remaining(channels.iopub, msg_id)
                result.status = "dead"
                break
            if reply is None and self._reply_dropped():
                reply, reply_at, result.reply_dropped = _dropped_reply(self.sandbox.limits), now, True
            for channel in ready:
                msg = channels.read(channel)
                if msg is None or msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if channel is channels.shell:
                    reply, reply_at = msg["content"], time.monotonic()
                else:
                    self.output_total += cell.take(msg, self.output_total)
        if "iopub" in channels.dropped and self.sandbox.alive():
            result.truncated = True       # an output above the size limit was dropped unread
        cell.conclude(reply, request is not None)
        result.seconds = time.monotonic() - started
        return result

    def _reply_dropped(self) -> bool:
        """The reply was dropped for its size: the shell connection went while the kernel lives on."""
        dropped = self.channels.dropped.get("shell")
        return dropped is not None and time.monotonic() - dropped > DROP_GRACE and self.sandbox.alive()
