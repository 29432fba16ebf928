"""One pre-imported interpreter per grading worker: TensorFlow is imported once, each kernel is a fork of it.

    zygote = zygote.for_worker(env, ro_binds, preload)     # started once per worker process (and kept)
    child = zygote.spawn(request, cgroups, timeout)        # a Popen-like handle on one submission's kernel

The zygote runs `autograder/sandbox/zygote_main.py` (sent as source) in a bubblewrap sandbox of its own, which holds no
course files, only the staging folder where the worker puts each submission's folder. A kernel forked from it
gets its own namespaces, file systems, uid and limits before any learner code runs (zygote_main.py says how);
the grader moves it into the submission's cgroups before it starts. `works()` checks once that this machine
allows all of it; where it does not, grading imports TensorFlow per submission as before
(`--no-zygote` forces that).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from functools import cache
from pathlib import Path

from autograder.sandbox.bwrap import bwrap_argv
from autograder.sandbox.limits import Limits
from autograder.sandbox.remove import remove_tree

SOURCE = Path(__file__).with_name("zygote_main.py")
KERNEL_PRELOAD = ["ipykernel.kernelapp"]
SINGLE_THREADED = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
IMPORT_LINE = re.compile(r"^(?:import|from)\s+([A-Za-z_][\w.]*)", re.MULTILINE)


class ZygoteError(RuntimeError):
    pass


class Child:
    """A kernel forked by the zygote, seen from the grader: its host pid (the head of its process group) and,
    once the zygote reports it, its exit status. Enough of subprocess.Popen for autograder.sandbox.sandbox."""

    def __init__(self, zygote: Zygote, ident: str, pid: int | None):
        self.zygote, self.ident, self.pid = zygote, ident, pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.zygote.exit_status(self.ident)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                raise subprocess.TimeoutExpired("zygote kernel", timeout)
            time.sleep(0.02)
        return self.returncode


class Zygote:
    def __init__(self, env: dict[str, str], ro_binds: list, preload: list[str], log: Path | None = None):
        self.stage = Path(tempfile.mkdtemp(prefix="ag-zygote-"))
        self.log_path = log or self.stage.with_suffix(".log")
        self._exits: dict[str, int] = {}
        self._changed = threading.Condition()
        self.ready: dict | None = None
        self.preload = list(preload)
        # BLAS/OpenMP pools start threads when their library loads: the zygote loads them single-threaded (a fork
        # keeps only the forking thread); each kernel then gets its own thread count (zygote_main._kernel).
        env = {**env, **{var: "1" for var in SINGLE_THREADED if var in env}}
        argv = bwrap_argv(None, None, ro_binds, env, Limits(), zygote_stage=str(self.stage))
        with open(self.log_path, "ab") as log_file:
            self.proc = subprocess.Popen([*argv, sys.executable, "-c", SOURCE.read_text()],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log_file,
                                         start_new_session=True, close_fds=True)
        self._send({"preload": preload})
        threading.Thread(target=self._read, name="autograder-zygote", daemon=True).start()

    # -- talking to the zygote
    def _send(self, msg: dict) -> None:
        try:
            self.proc.stdin.write(json.dumps(msg).encode() + b"\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError) as err:
            raise ZygoteError(f"the zygote is gone: {self.log_tail()}") from err

    def _read(self) -> None:
        for line in self.proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            with self._changed:
                if "ready" in msg:
                    self.ready = msg
                elif "exit" in msg:
                    self._exits[msg["exit"]] = msg["status"]
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_ready(self, timeout: float) -> dict:
        with self._changed:
            self._changed.wait_for(lambda: self.ready is not None or self.proc.poll() is not None, timeout)
        if self.ready is None:
            raise ZygoteError(f"the zygote did not start within {timeout:.0f} s: {self.log_tail()}")
        return self.ready

    def alive(self) -> bool:
        return self.proc.poll() is None

    def exit_status(self, ident: str) -> int | None:
        with self._changed:
            if ident in self._exits:
                return self._exits[ident]
        return None if self.alive() else -signal.SIGKILL

    def log_tail(self, n: int = 2000) -> str:
        try:
            return self.log_path.read_bytes()[-n:].decode("utf-8", "replace")
        except OSError:
            return ""

    # -- one kernel
    def new_folder(self) -> Path:
        """A submission's folder in the staging folder (the only host folder the zygote sees)."""
        return Path(tempfile.mkdtemp(prefix="ag-", dir=self.stage))

    def spawn(self, request: dict, cgroups: list[Path], timeout: float) -> Child:
        """Fork a kernel for `request` (see zygote_main.py); it starts once it is in `cgroups`."""
        ident = uuid.uuid4().hex
        hello_path = Path(request["stage"]) / "p" / "hello"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as hello:
            hello.bind(str(hello_path))
            hello.listen(1)
            hello.settimeout(timeout)
            self._send({**request, "op": "spawn", "id": ident, "hello": str(hello_path)})
            try:
                conn, _ = hello.accept()
            except TimeoutError:
                return Child(self, ident, None)        # it died before saying hello: its exit status tells why
            with conn:
                pid, _uid, _gid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                                      struct.calcsize("3i")))
                for cgroup in cgroups:
                    (cgroup / "cgroup.procs").write_text(str(pid))
                conn.sendall(b"go")
        hello_path.unlink(missing_ok=True)
        return Child(self, ident, pid)

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        remove_tree(self.stage)
        with contextlib.suppress(OSError):
            self.log_path.unlink()


def preload_for(plan) -> list[str]:
    """What the zygote imports for a chapter: the kernel itself, what the grader's preamble imports, and every
    module the released notebook imports at the start of a line (the instructor's code, never a submission's)."""
    # in the notebook's order: some libraries change others when imported first (tensorboard before tensorflow)
    found = [m for cell in plan.cells if cell.cell_type == "code" for m in IMPORT_LINE.findall(cell.release_source)]
    return list(dict.fromkeys(m for m in [*KERNEL_PRELOAD, *found, *plan.imports] if m != "__future__"))


# ---------------------------------------------------------------------------------------------- one per worker

_WORKER: tuple[str, Zygote] | None = None


def for_worker(env: dict[str, str], ro_binds: list, preload: list[str], timeout: float = 300) -> Zygote:
    """This worker process's zygote for these settings (started, or restarted when they changed or it died).

    Only for exactly the same preload: a kernel forked from a zygote that imported more would start with those
    modules' memory and address space too (RLIMIT_AS counts them), so its limits would depend on what the
    worker graded before."""
    global _WORKER
    key = json.dumps([env, ro_binds, preload], sort_keys=True)
    if _WORKER is not None and (_WORKER[0] != key or not _WORKER[1].alive()):
        stop_worker()
    if _WORKER is None:
        _WORKER = (key, Zygote(env, ro_binds, preload))
    zygote = _WORKER[1]
    ready = zygote.wait_ready(timeout)
    if ready.get("threads") != 1:       # forking a process with other threads is not safe
        stop_worker()
        raise ZygoteError(f"the zygote has {ready.get('threads')} threads after its imports, not 1")
    return zygote


def stop_worker() -> None:
    """End this worker's zygote (and with it any kernel still running)."""
    global _WORKER
    if _WORKER is not None:
        _WORKER[1].stop()
        _WORKER = None


atexit.register(stop_worker)


@cache
def works() -> str | None:
    """None if a zygote can give kernels their sandbox on this machine, else why not (checked once, without
    importing TensorFlow: a probe kernel reports what it sees)."""
    from autograder.sandbox.mode import detect
    from autograder.sandbox.sandbox import Sandbox
    if not sys.platform.startswith("linux"):
        return f"it needs Linux namespaces, not {sys.platform}"
    mode = detect("auto")
    if mode.name != "bwrap":
        return "it needs the bubblewrap sandbox"
    zygote = None
    try:
        zygote = Zygote({"PATH": "/usr/bin:/bin"}, [], [])
        zygote.wait_ready(60)
        box = Sandbox(mode, Limits(), zygote=zygote)
        try:
            box.launch_probe()
            report = box.probe_report(30)
        finally:
            box.cleanup()
        if report is None:
            return f"a probe kernel did not start ({box.log_tail(300).strip() or 'no output'})"
        if report["uid"] != 65534 or report["cap_eff"].strip("0") or report["nested_userns"] == "allowed":
            return f"a probe kernel was not confined as required: {report}"
        return None
    except (OSError, ZygoteError) as err:
        return f"the zygote could not start: {err}"
    finally:
        if zygote is not None:
            zygote.stop()
