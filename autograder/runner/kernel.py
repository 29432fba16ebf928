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
    """What one execution has seen so far."""
    keep_outputs: bool
    idle: bool = False
    pending_clear: bool = False
    bytes: int = 0


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
        self.kc: BlockingKernelClient | None = None
        self.output_total = 0
        self.poller = zmq.Poller()
        self.context: zmq.Context | None = None
        self.monitors: dict = {}                      # disconnect monitor socket -> its channel
        self.dropped: dict[str, float] = {}           # "shell"/"iopub" -> when its connection was dropped

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
        # A bounded reader: zmq drops a message above the size limit unread, and the connection with it (so a
        # 300 MB print never reaches this process's memory); _reopen connects again.
        self.context = zmq.Context()
        self.context.setsockopt(zmq.MAXMSGSIZE, self.sandbox.limits.max_message())
        kc = BlockingKernelClient(context=self.context)
        kc.load_connection_file(cf)
        kc.start_channels(shell=True, iopub=True, stdin=False, hb=False, control=True)
        self.kc = kc
        self._watch(kc.shell_channel)
        self._watch(kc.iopub_channel)
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
                for channel in self._poll(20):
                    msg = self._read(channel)
                    if msg is not None and msg["parent_header"].get("msg_id") == msg_id:
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
            for channel in self._poll(10):
                self._read(channel)

    @staticmethod
    def _read(channel) -> dict | None:
        """The next message of a channel the poll found readable, or None: a readable socket may have nothing to
        read after all (a message dropped at the size limit, a kernel killed mid-send)."""
        try:
            return channel.get_msg(timeout=0)
        except Empty:
            return None

    def shutdown(self) -> None:
        if self.kc is not None:
            with contextlib.suppress(Exception):      # the kernel may already be gone
                self.kc.stop_channels()
            for monitor in self.monitors:
                monitor.close(linger=0)
            self.context.destroy(linger=0)
        self.sandbox.cleanup()

    # ------------------------------------------------------------------------------------------ sockets
    def _watch(self, channel) -> None:
        """Poll `channel`'s socket, and a monitor that says when zmq drops its connection."""
        self.poller.register(channel.socket, zmq.POLLIN)
        monitor = channel.socket.get_monitor_socket(zmq.EVENT_DISCONNECTED)
        self.poller.register(monitor, zmq.POLLIN)
        self.monitors[monitor] = channel

    def _reopen(self, monitor) -> None:
        """zmq dropped a connection (a message above the size limit, or the kernel is gone): connect anew."""
        channel = self.monitors.pop(monitor)
        name = "shell" if channel is self.kc.shell_channel else "iopub"
        for sock in (monitor, channel.socket):
            self.poller.unregister(sock)
        channel.socket.disable_monitor()
        monitor.close(linger=0)
        channel.socket.close(linger=0)
        channel.socket = self.kc.connect_shell() if name == "shell" else self.kc.connect_iopub()
        self._watch(channel)
        self.dropped[name] = time.monotonic()

    def _poll(self, ms: int) -> list:
        """The channels with a message waiting; dropped connections are opened again on the way."""
        ready = []
        for sock, _ in self.poller.poll(ms):
            if sock in self.monitors:
                self._reopen(sock)
            elif sock is self.kc.shell_channel.socket:
                ready.append(self.kc.shell_channel)
            elif sock is self.kc.iopub_channel.socket:
                ready.append(self.kc.iopub_channel)
        return ready

    def interrupt(self) -> None:
        msg = self.kc.session.msg("interrupt_request", {})
        self.kc.control_channel.send(msg)

    # ------------------------------------------------------------------------------------------ execute
    def request(self, msg_type: str, content: dict, timeout: float) -> ExecResult:
        """Send one of the grader's own shell messages (see autograder/runner/agent.py); `result.reply` is its answer."""
        return self.execute("", timeout, request=(msg_type, content))

    def execute(self, code: str, timeout: float, *, silent: bool = False, store_history: bool = True,
                keep_outputs: bool = True, request: tuple[str, dict] | None = None) -> ExecResult:
        """Run `code` (or send `request`); never raises for anything the kernel does."""
        kc = self.kc
        started = time.monotonic()
        result = ExecResult("ok")
        if not self.sandbox.alive():
            result.status = "dead"
            return result
        self.dropped.clear()
        if request is None:
            msg_id = kc.execute(code, silent=silent, store_history=store_history, allow_stdin=False,
                                stop_on_error=False)
        else:
            msg = kc.session.msg(request[0], request[1])
            kc.shell_channel.send(msg)
            msg_id = msg["header"]["msg_id"]
        deadline = started + timeout
        cell = _Cell(keep_outputs)
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
                        self.interrupt()
                    deadline = now + INTERRUPT_GRACE
                    continue
                result.status, result.killed = "timeout", True
                self.sandbox.kill()
                break
            ready = self._poll(int(min(deadline - now, 0.25) * 1000) + 1)
            if not ready and not self.sandbox.alive():
                # the process is gone: collect what is still queued, then stop
                self._collect_remaining(msg_id, result)
                result.status = "dead"
                break
            if reply is None and self._reply_dropped():
                reply, reply_at, result.reply_dropped = _dropped_reply(self.sandbox.limits), now, True
            for channel in ready:
                msg = self._read(channel)
                if msg is None or msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if channel is kc.shell_channel:
                    reply, reply_at = msg["content"], time.monotonic()
                else:
                    self._on_output(msg, result, cell)
        if "iopub" in self.dropped and self.sandbox.alive():
            result.truncated = True       # an output above the size limit was dropped unread
        self._conclude(result, reply, request is not None)
        result.seconds = time.monotonic() - started
        return result

    def _reply_dropped(self) -> bool:
        """The reply was dropped for its size: the shell connection went while the kernel lives on."""
        dropped = self.dropped.get("shell")
        return dropped is not None and time.monotonic() - dropped > DROP_GRACE and self.sandbox.alive()

    def _on_output(self, msg: dict, result: ExecResult, cell: _Cell) -> None:
        """One iopub message of the running cell: status, outputs (within the size limits), errors."""
        limits = self.sandbox.limits
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status":
            cell.idle = content.get("execution_state") == "idle"
        elif kind == "execute_input":
            result.execution_count = content.get("execution_count")
        elif kind == "clear_output":
            if content.get("wait"):
                cell.pending_clear = True
            else:
                result.outputs.clear()
        if kind not in ("stream", "display_data", "execute_result", "error"):
            return
        if kind == "error":
            result.error_outputs.append((content.get("ename"), content.get("evalue")))
        if cell.pending_clear:
            result.outputs.clear()
            cell.pending_clear = False
        if not cell.keep_outputs:
            return
        size = _size(content)
        if cell.bytes + size > limits.max_output or self.output_total + size > limits.max_notebook_output:
            result.truncated = True
            if kind == "error":       # errors are always kept, shortened
                result.outputs.append(v4.new_output("error", ename=str(content.get("ename")),
                                                    evalue=str(content.get("evalue", ""))[:2000], traceback=[]))
            return
        cell.bytes += size
        self.output_total += size
        self._append(result.outputs, kind, msg)

    def _conclude(self, result: ExecResult, reply: dict | None, own_request: bool) -> None:
        """Status, error and execution count from the reply; the truncation note."""
        limits = self.sandbox.limits
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
