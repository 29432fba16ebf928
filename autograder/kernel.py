"""Drive a sandboxed kernel from outside, one cell at a time, with time and output limits.

    session = KernelSession(sandbox)
    session.start()
    result = session.execute("x = 1", timeout=30)     # ExecResult: status, outputs, ename/evalue, ...
    session.shutdown()

The kernel listens on Unix sockets in the sandbox's ipc folder (works across network namespaces).
A cell that runs too long is interrupted over the control channel; a kernel that does not answer then is
killed. Outputs beyond the limits are dropped and a note says so.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import time
from dataclasses import dataclass, field
from queue import Empty

import zmq
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.connect import write_connection_file
from nbformat import v4

from autograder.sandbox import Sandbox

INTERRUPT_GRACE = 5.0      # seconds a kernel gets to answer after an interrupt before it is killed
IOPUB_GRACE = 3.0          # seconds to wait for trailing output after the reply


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
    message: str = ""                 # learner-facing message of a test cell (autograder/worker.py)
    findings: dict | None = None      # the agent's report on a test cell
    seconds: float = 0.0
    killed: bool = False              # the kernel had to be killed (did not recover from an interrupt)

    @property
    def failed(self) -> bool:
        return self.status != "ok" or bool(self.error_outputs)


def _size(content: dict) -> int:
    try:
        return len(json.dumps(content.get("data") or content.get("text") or content))
    except (TypeError, ValueError):
        return 1 << 30


class KernelSession:
    def __init__(self, sandbox: Sandbox):
        self.sandbox = sandbox
        self.kc: BlockingKernelClient | None = None
        self.output_total = 0
        self.poller = zmq.Poller()

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
        started, cf = self.launched, self.cf
        kc = BlockingKernelClient()
        kc.load_connection_file(cf)
        kc.start_channels(shell=True, iopub=True, stdin=False, hb=False, control=True)
        self.kc = kc
        self.poller.register(kc.shell_channel.socket, zmq.POLLIN)
        self.poller.register(kc.iopub_channel.socket, zmq.POLLIN)
        deadline = started + self.sandbox.limits.startup_timeout
        # Ask until both the reply (shell) and the kernel's status (iopub) arrive: iopub messages sent before
        # our subscription reached the kernel are lost, so once the kernel answers, ask again quickly.
        while True:
            msg_id = kc.kernel_info()
            got_reply = got_iopub = False
            try_until = time.monotonic() + 2.0
            while time.monotonic() < min(try_until, deadline) and not (got_reply and got_iopub):
                if not self.sandbox.alive():
                    raise KernelStartError(f"the kernel did not start ({self.sandbox.exit_description()}): "
                                           f"{self.sandbox.log_tail(600)}")
                for sock, _ in self.poller.poll(20):
                    channel = kc.shell_channel if sock is kc.shell_channel.socket else kc.iopub_channel
                    msg = channel.get_msg(timeout=0)
                    if msg["parent_header"].get("msg_id") == msg_id:
                        if channel is kc.shell_channel and not got_reply:
                            got_reply = True
                            try_until = min(try_until, time.monotonic() + 0.15)
                        got_iopub |= channel is kc.iopub_channel
            if got_reply and got_iopub:
                break
            if time.monotonic() >= deadline:
                raise KernelStartError(f"the kernel did not answer within {self.sandbox.limits.startup_timeout:.0f} s")
        self._drain(0.05)
        return time.monotonic() - started

    def _drain(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for sock, _ in self.poller.poll(10):
                channel = self.kc.shell_channel if sock is self.kc.shell_channel.socket else self.kc.iopub_channel
                try:
                    channel.get_msg(timeout=0)
                except Empty:
                    pass

    def shutdown(self) -> None:
        if self.kc is not None:
            with contextlib.suppress(Exception):      # the kernel may already be gone
                self.kc.stop_channels()
        self.sandbox.cleanup()

    def interrupt(self) -> None:
        msg = self.kc.session.msg("interrupt_request", {})
        self.kc.control_channel.send(msg)

    # ------------------------------------------------------------------------------------------ execute
    def request(self, msg_type: str, content: dict, timeout: float) -> ExecResult:
        """Send one of the grader's own shell messages (see autograder/agent.py); `result.reply` is its answer."""
        return self.execute("", timeout, request=(msg_type, content))

    def execute(self, code: str, timeout: float, *, silent: bool = False, store_history: bool = True,
                keep_outputs: bool = True, request: tuple[str, dict] | None = None) -> ExecResult:
        """Run `code` (or send `request`); never raises for anything the kernel does."""
        kc, limits = self.kc, self.sandbox.limits
        started = time.monotonic()
        result = ExecResult("ok")
        if not self.sandbox.alive():
            result.status = "dead"
            return result
        if request is None:
            msg_id = kc.execute(code, silent=silent, store_history=store_history, allow_stdin=False,
                                stop_on_error=False)
        else:
            msg = kc.session.msg(request[0], request[1])
            kc.shell_channel.send(msg)
            msg_id = msg["header"]["msg_id"]
        deadline = started + timeout
        reply = None
        idle = False
        interrupted = False
        reply_at = None
        cell_bytes = 0
        pending_clear = False
        while not (reply is not None and idle):
            now = time.monotonic()
            if reply is not None and reply_at is not None and now - reply_at > IOPUB_GRACE:
                break                     # the reply came but the idle status got lost (iopub overflow)
            if now >= deadline:
                if not interrupted:
                    interrupted = True
                    result.status = "timeout"
                    with contextlib.suppress(Exception):   # a dead kernel is handled below
                        self.interrupt()
                    deadline = now + INTERRUPT_GRACE
                    continue
                result.status, result.killed = "timeout", True
                self.sandbox.kill()
                break
            events = self.poller.poll(int(min(deadline - now, 0.25) * 1000) + 1)
            if not events and not self.sandbox.alive():
                # the process is gone: collect what is still queued, then stop
                self._collect_remaining(msg_id, result)
                result.status = "dead"
                break
            for sock, _ in events:
                if sock is kc.shell_channel.socket:
                    msg = kc.shell_channel.get_msg(timeout=0)
                    if msg["parent_header"].get("msg_id") != msg_id:
                        continue
                    reply = msg["content"]
                    reply_at = time.monotonic()
                    continue
                msg = kc.iopub_channel.get_msg(timeout=0)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind, content = msg["msg_type"], msg["content"]
                if kind == "status":
                    idle = content.get("execution_state") == "idle"
                    continue
                if kind == "execute_input":
                    result.execution_count = content.get("execution_count")
                    continue
                if kind == "clear_output":
                    if content.get("wait"):
                        pending_clear = True
                    else:
                        result.outputs.clear()
                    continue
                if kind not in ("stream", "display_data", "execute_result", "error"):
                    continue
                if kind == "error":
                    result.error_outputs.append((content.get("ename"), content.get("evalue")))
                if pending_clear:
                    result.outputs.clear()
                    pending_clear = False
                if not keep_outputs:
                    continue
                size = _size(content)
                if cell_bytes + size > limits.max_output or self.output_total + size > limits.max_notebook_output:
                    result.truncated = True
                    if kind == "error":       # errors are always kept, shortened
                        result.outputs.append(v4.new_output("error", ename=str(content.get("ename")),
                                                            evalue=str(content.get("evalue", ""))[:2000], traceback=[]))
                    continue
                cell_bytes += size
                self.output_total += size
                self._append(result.outputs, kind, msg)
        if reply is not None:
            result.reply = reply
            if request is not None:
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
        result.seconds = time.monotonic() - started
        return result

    def _collect_remaining(self, msg_id: str, result: ExecResult) -> None:
        for _ in range(1000):
            try:
                msg = self.kc.iopub_channel.get_msg(timeout=0.01)
            except Empty:
                return
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] in ("stream", "display_data", "error"):
                if msg["msg_type"] == "error":
                    result.error_outputs.append((msg["content"].get("ename"), msg["content"].get("evalue")))
                self._append(result.outputs, msg["msg_type"], msg)

    @staticmethod
    def _append(outputs: list, kind: str, msg: dict) -> None:
        if kind == "stream" and outputs and outputs[-1].get("output_type") == "stream" \
                and outputs[-1].get("name") == msg["content"].get("name"):
            outputs[-1]["text"] += msg["content"].get("text", "")
            return
        try:
            outputs.append(v4.output_from_msg(msg))
        except (KeyError, ValueError):
            pass
