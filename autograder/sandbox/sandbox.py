"""Run one submission's kernel in a sandbox: its own folder, no network, nothing of the grader's visible, limits.

Two modes, chosen once per process by `detect()` (mode.py):

- ``bwrap``: bubblewrap builds a fresh mount namespace holding only the system (/usr), the Python install,
  the dataset caches (read-only) and the submission's private folder, with new user/pid/net/ipc/uts
  namespaces (bwrap.py). The kernel runs as uid 65534 inside; the grader talks to it over Unix sockets in a
  folder bound into the sandbox, so the notebook with its hidden tests never enters it (cells are sent one by one).
- ``rlimit``: where bubblewrap is missing or user namespaces are blocked (many containers), the kernel runs
  with resource limits only, in its own process group and private working/temporary folder. A warning says
  what is then not enforced (file system and network isolation).

Both modes set rlimits (address space, file size, open files, CPU time, no core files; limits.py) and, where the
machine lets us create a cgroup, a pids cgroup that caps processes/threads and lets us kill everything the
kernel started (cgroups.py). Without a cgroup, RLIMIT_NPROC caps processes when the grader is not root.

Memory is limited per submission, not per process, through a memory cgroup (v2, or v1's memory hierarchy)
wherever the grader may create one; elsewhere only RLIMIT_AS per process holds, and `detect()` says so once.
Every file system the kernel can write to has a size: the sandbox's root and /dev are read-only, /tmp and
/dev/shm are sized tmpfs, and the submission's folder (with the kernel's sockets and log) lives on a sized
tmpfs the grader mounts where it may (root; tmpfs.py); elsewhere only RLIMIT_FSIZE per file holds, and a warning
says so.

This module is the lifecycle of one sandbox: make its folder, launch the kernel (through `_launch.py`, or forked
from the worker's zygote), watch it, and kill and remove everything it started.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from autograder import messages as M
from autograder.sandbox.bwrap import ZYGOTE_IPC, ZYGOTE_IPC_SIZE, bwrap_argv, python_roots
from autograder.sandbox.cgroups import Cgroups
from autograder.sandbox.environment import dataset_binds, kernel_env
from autograder.sandbox.limits import Limits, human_size
from autograder.sandbox.mode import Mode
from autograder.sandbox.tmpfs import SubmissionFolder

LAUNCHER = Path(__file__).with_name("_launch.py")


@dataclass
class Sandbox:
    """One submission's kernel: private folders, limits, launch, and clean-up of everything it started."""

    mode: Mode
    limits: Limits
    files: dict[str, bytes] = field(default_factory=dict)     # the student's other files, by relative path
    datasets: dict[str, str] = field(default_factory=dict)    # env var -> path (KERAS_HOME, SCIKIT_LEARN_DATA)
    threads: int | None = None
    zygote: object | None = None      # the worker's autograder.sandbox.zygote.Zygote: the kernel is forked from it

    def __post_init__(self):
        if self.zygote is not None:
            # In the zygote's staging folder; the kernel copies its files into a sized tmpfs of its own.
            self.folder = SubmissionFolder(self.zygote.new_folder(), room=self.limits.home_size)
        else:
            # the files, the sockets and the kernel's log on one tmpfs (16 MiB above the files' share)
            self.folder = SubmissionFolder.on_host(self.mode.disk == "tmpfs", self.limits.home_size + (16 << 20))
        self.proc: subprocess.Popen | None = None
        self.cgroups = Cgroups()                      # made when the kernel is launched
        self.log_path = self.folder.private / "kernel.log"
        self.add_files(self.files)

    @property
    def work(self) -> Path:
        return self.folder.work

    @property
    def ipc(self) -> Path:
        return self.folder.ipc

    def add_files(self, files: dict[str, bytes]) -> None:
        """Put the student's other files in its folder (also after the kernel started: the folder is shared).
        Files that do not fit in the folder's size are left out (listed in `folder.skipped_files`)."""
        self.folder.add_files(files)

    # -- launch
    def env(self) -> dict[str, str]:
        return kernel_env(self.mode, self.datasets, self.threads, self.work)

    def rlimits(self) -> dict[str, int]:
        return self.limits.rlimits(cap_processes=self.mode.procs == "rlimit")

    def _make_cgroups(self) -> None:
        name = f"autograder-{self.folder.base.name}-{uuid.uuid4().hex[:6]}"
        self.cgroups = Cgroups.make(name, self.limits.max_procs, self.limits.memory,
                                    self.limits.cpu_quota(self.threads))

    @staticmethod
    def kernel_argv(connection_file: str) -> list[str]:
        return [sys.executable, "-m", "ipykernel_launcher", "-f", connection_file,
                "--HistoryManager.enabled=False", "--IPKernelApp.quiet=True"]

    def launch(self, connection_file: str):
        self._make_cgroups()
        if self.zygote is not None:
            return self._fork_from_zygote(connection_file)
        spec_path = self.folder.private / "launch.json"
        spec_path.write_text(json.dumps(self._launch_spec(connection_file)))
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen([sys.executable, "-I", "-S", str(LAUNCHER), str(spec_path)],
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True, close_fds=True)
        return self.proc

    def _launch_spec(self, connection_file: str) -> dict:
        """What `_launch.py` joins, sets and execs: bubblewrap around the kernel, or the kernel in its folder."""
        env = self.env()
        if self.mode.name == "bwrap":
            argv = (bwrap_argv(str(self.work), str(self.ipc), dataset_binds(self.datasets), env, self.limits)
                    + self.kernel_argv(connection_file))
            spec = {"argv": argv, "env": {"PATH": "/usr/bin:/bin"}}
        else:
            Path(env["TMPDIR"]).mkdir(exist_ok=True)
            spec = {"argv": self.kernel_argv(connection_file), "env": env, "cwd": str(self.work)}
        return {**spec, "rlimits": self.rlimits(), "cgroups": [str(p) for p in self.cgroups.all]}

    def _fork_from_zygote(self, connection_file: str | None, probe: bool = False):
        """The kernel as a fork of the worker's zygote; it reads a copy of the connection file that names its
        sockets where it sees them."""
        argv = ["ipykernel_launcher"]
        if connection_file:
            _rewrite_ip(connection_file, f"{ZYGOTE_IPC}/k", self.ipc / "kernel-inside.json")
            argv = ["ipykernel_launcher", *self.kernel_argv(f"{ZYGOTE_IPC}/kernel-inside.json")[3:]]
        request = {"stage": str(self.folder.base), "log": str(self.log_path), "argv": argv, "env": self.env(),
                   "rlimits": self.rlimits(), "probe": probe,
                   # what its fresh /tmp would cover: the Python install and dataset caches may live under /tmp
                   "ro_binds": [*python_roots(), *[t for _, t in dataset_binds(self.datasets)]],
                   "sizes": {"home": self.limits.home_size, "tmp": self.limits.tmp_size, "shm": self.limits.shm_size,
                             "ipc": ZYGOTE_IPC_SIZE}}
        self.proc = self.zygote.spawn(request, self.cgroups.all, self.limits.startup_timeout)
        if connection_file and self.proc.pid:
            # the sockets live in the kernel's own tmpfs: seen from here, under its root in /proc
            _rewrite_ip(connection_file, f"/proc/{self.proc.pid}/root{ZYGOTE_IPC}/k", Path(connection_file))
        return self.proc

    def launch_probe(self):
        """A kernel that only reports what it sees (uid, capabilities, processes, files) in its log."""
        self._make_cgroups()
        return self._fork_from_zygote(None, probe=True)

    def probe_report(self, timeout: float) -> dict | None:
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        for line in self.log_tail(20000).splitlines():
            if line.startswith("PROBE "):
                return json.loads(line[6:])
        return None

    # -- state
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def exit_description(self) -> str:
        if self.proc is None or self.proc.poll() is None:
            return "still running"
        rc = self.proc.returncode
        if rc < 0:
            return f"killed by signal {signal.Signals(-rc).name}"
        if rc > 128 and self.mode.name == "bwrap":
            try:
                return f"killed by signal {signal.Signals(rc - 128).name}"
            except ValueError:
                pass
        return f"exit status {rc}"

    def pids_limit_hit(self) -> bool:
        return self.cgroups.pids_limit_hit()

    def limit_notes(self, result, where: str) -> list[str]:
        """Limits of this sandbox that the cell `where` ran into, beyond what the caller checks itself."""
        notes = []
        text = f"{getattr(result, 'ename', '') or ''}: {getattr(result, 'evalue', '') or ''}"
        if "[Errno 28]" in text or "No space left on device" in text:
            notes.append(M.FILLED_DISK.format(where=where, sizes=self._sizes()))
        if self.cgroups.memory_limit_hit():
            notes.append(M.CGROUP_MEMORY.format(where=where, limit=human_size(self.limits.memory)))
        if self.cgroups.cpu_limit_hit():
            notes.append(M.CPU_THROTTLED.format(where=where, cores=f"{self.limits.cpu_quota(self.threads):g}"))
        return notes

    def _sizes(self) -> str:
        """The sizes of the file systems the kernel may write, in words."""
        lim = self.limits
        sizes = (f"/home/student {human_size(lim.home_size)}, /tmp {human_size(lim.tmp_size)}, "
                 f"/dev/shm {human_size(lim.shm_size)}")
        return f"{sizes}, {ZYGOTE_IPC} {human_size(ZYGOTE_IPC_SIZE)}" if self.zygote is not None else sizes

    def log_tail(self, n: int = 2000) -> str:
        try:
            data = self.log_path.read_bytes()
        except OSError:
            return ""
        return data[-n:].decode("utf-8", "replace")

    # -- ending
    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None and self.proc.pid:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.cgroups.kill()
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass

    def cleanup(self) -> None:
        self.kill()
        self.cgroups.remove()
        self.folder.remove()             # whatever the kernel left there: deep chains, unreadable folders


def _rewrite_ip(connection_file: str, ip: str, to: Path) -> None:
    """A copy of `connection_file` (at `to`) whose sockets are named `ip`."""
    info = json.loads(Path(connection_file).read_text())
    info["ip"] = ip
    to.write_text(json.dumps(info))
