"""The grader's connection to one kernel: its shell, iopub and control channels over zmq, read with a bound.

zmq drops a message above the size limit unread, and the connection with it, so that a 300 MB print never reaches
the grader's memory; a monitor on each socket says when that happens, and the channel is connected again at once.
When (and which) connection was dropped tells the caller that a reply or an output was too large.
"""

from __future__ import annotations

import contextlib
import time
from queue import Empty

import zmq
from jupyter_client.blocking import BlockingKernelClient


class Channels:
    """Shell and iopub (polled), control (for interrupts) of the kernel named by a connection file."""

    def __init__(self, connection_file: str, max_message: int):
        self.poller = zmq.Poller()
        self.monitors: dict = {}                      # disconnect monitor socket -> its channel
        self.dropped: dict[str, float] = {}           # "shell"/"iopub" -> when its connection was dropped
        self.context = zmq.Context()
        self.context.setsockopt(zmq.MAXMSGSIZE, max_message)
        kc = BlockingKernelClient(context=self.context)
        kc.load_connection_file(connection_file)
        kc.start_channels(shell=True, iopub=True, stdin=False, hb=False, control=True)
        self.kc = kc
        self.shell, self.iopub = kc.shell_channel, kc.iopub_channel
        self._watch(self.shell)
        self._watch(self.iopub)

    def _watch(self, channel) -> None:
        """Poll `channel`'s socket, and a monitor that says when zmq drops its connection."""
        self.poller.register(channel.socket, zmq.POLLIN)
        monitor = channel.socket.get_monitor_socket(zmq.EVENT_DISCONNECTED)
        self.poller.register(monitor, zmq.POLLIN)
        self.monitors[monitor] = channel

    def _reopen(self, monitor) -> None:
        """zmq dropped a connection (a message above the size limit, or the kernel is gone): connect anew."""
        channel = self.monitors.pop(monitor)
        name = "shell" if channel is self.shell else "iopub"
        for sock in (monitor, channel.socket):
            self.poller.unregister(sock)
        channel.socket.disable_monitor()
        monitor.close(linger=0)
        channel.socket.close(linger=0)
        channel.socket = self.kc.connect_shell() if name == "shell" else self.kc.connect_iopub()
        self._watch(channel)
        self.dropped[name] = time.monotonic()

    def poll(self, ms: int) -> list:
        """The channels with a message waiting; dropped connections are opened again on the way."""
        ready = []
        for sock, _ in self.poller.poll(ms):
            if sock in self.monitors:
                self._reopen(sock)
            elif sock is self.shell.socket:
                ready.append(self.shell)
            elif sock is self.iopub.socket:
                ready.append(self.iopub)
        return ready

    @staticmethod
    def read(channel) -> dict | None:
        """The next message of a channel the poll found readable, or None: a readable socket may have nothing to
        read after all (a message dropped at the size limit, a kernel killed mid-send)."""
        try:
            return channel.get_msg(timeout=0)
        except Empty:
            return None

    def drain(self, seconds: float) -> None:
        """Read and forget whatever arrives for `seconds`."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for channel in self.poll(10):
                self.read(channel)

    def send(self, msg_type: str, content: dict) -> str:
        """Send one of the grader's own shell messages; its id."""
        msg = self.kc.session.msg(msg_type, content)
        self.shell.send(msg)
        return msg["header"]["msg_id"]

    def interrupt(self) -> None:
        msg = self.kc.session.msg("interrupt_request", {})
        self.kc.control_channel.send(msg)

    def close(self) -> None:
        with contextlib.suppress(Exception):      # the kernel may already be gone
            self.kc.stop_channels()
        for monitor in self.monitors:
            monitor.close(linger=0)
        self.context.destroy(linger=0)
