"""Run one submission's kernel in a sandbox: its own folder, no network, nothing of the grader's visible, limits.

Two modes, chosen once per process by `detect()`:

- ``bwrap``: bubblewrap builds a fresh mount namespace holding only the system (/usr), the Python install,
  the dataset caches (read-only) and the submission's private folder, with new user/pid/net/ipc/uts
  namespaces. The kernel runs as uid 65534 inside; the grader talks to it over Unix sockets in a folder
  bound into the sandbox, so the notebook with its hidden tests never enters it (cells are sent one by one).
- ``rlimit``: where bubblewrap is missing or user namespaces are blocked (many containers), the kernel runs
  with resource limits only, in its own process group and private working/temporary folder. A warning says
  what is then not enforced (file system and network isolation).

Both modes set rlimits (address space, file size, open files, CPU time, no core files) and, where the
machine lets us create a cgroup, a pids cgroup that caps processes/threads and lets us kill everything the
kernel started. Without a cgroup, RLIMIT_NPROC caps processes when the grader is not root.

Memory is limited per submission, not per process, through a memory cgroup (v2, or v1's memory hierarchy)
wherever the grader may create one; elsewhere only RLIMIT_AS per process holds, and `detect()` says so once.
Every file system the kernel can write to has a size: the sandbox's root and /dev are read-only, /tmp and
/dev/shm are sized tmpfs, and the submission's folder (with the kernel's sockets and log) lives on a sized
tmpfs the grader mounts where it may (root); elsewhere only RLIMIT_FSIZE per file holds, and a warning says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from autograder import messages as M
from autograder.sandbox.remove import remove_tree

LAUNCHER = Path(__file__).with_name("_launch.py")
SANDBOX_HOME = "/home/student"
SANDBOX_UID = 65534
ZYGOTE_IPC_SIZE = 1 << 20       # its tmpfs: sockets and the connection file only
ZYGOTE_IPC = "/run/ipc"          # where a zygote's kernel finds its sockets (autograder/sandbox/zygote_main.py's IPC)

# Settings every grading kernel gets (fast mode, quiet TensorFlow); mirrors autograder.grading.gradebook.GRADING_ENV. No
# PYTHONWARNINGS: test cells silence their own warnings, as plain nbgrader and the Validate button require.
KERNEL_ENV = {
    "COURSE_FAST": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONHASHSEED": "0",          # same grades on every run
    "PYTHONNOUSERSITE": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    # what ipykernel sets when it is unset; set before start so that a zygote's preloaded matplotlib has it too
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}

SIZE_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def parse_size(text: str | int) -> int:
    """'512M', '8G', '1048576' -> bytes."""
    if isinstance(text, int):
        return text
    s = str(text).strip().upper().removesuffix("B").removesuffix("I")
    unit = s[-1] if s and s[-1] in SIZE_UNITS else ""
    return int(float(s[: len(s) - len(unit)]) * SIZE_UNITS[unit])


@dataclass
class Limits:
    cell_timeout: float = 300.0          # seconds per cell
    notebook_timeout: float = 1800.0     # seconds for the whole notebook
    memory: int = 8 << 30                # address space of the kernel (RLIMIT_AS)
    max_output: int = 1 << 20            # bytes of output kept per cell
    max_notebook_output: int = 16 << 20  # bytes of output kept per notebook
    max_file_size: int = 256 << 20       # largest file the kernel may write (RLIMIT_FSIZE)
    max_procs: int = 512                 # processes + threads (pids cgroup, or RLIMIT_NPROC)
    cpus: float | None = None            # cores the submission's processes may use together (cpu cgroup quota);
    #                                      None: its kernel's threads + 1 (headroom for TensorFlow's own threads)
    tmp_size: int = 1 << 30              # private /tmp (bwrap tmpfs)
    shm_size: int = 256 << 20            # /dev/shm (bwrap tmpfs)
    home_size: int = 1 << 30             # the submission's folder, /home/student (a tmpfs mounted by the grader)
    startup_timeout: float = 120.0
    # Per-cell time limits derived from the reference solution's run (autograder.runner.timing): key -> seconds,
    # where the key is a cell's grade_id or cell id, and "*" the limit of cells the reference does not have.
    # Empty: every cell gets `cell_timeout`.
    cell_timeouts: dict = field(default_factory=dict)
    timing_rule: str = ""                # how cell_timeouts were derived, for messages

    @classmethod
    def from_dict(cls, d: dict) -> Limits:
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})

    def max_message(self) -> int:
        """Largest kernel message the grader reads: one above it is dropped unread (autograder/runner/kernel.py)."""
        return self.max_notebook_output + (1 << 20)

    def timeout_for(self, cell) -> float:
        """Seconds `cell` (anything with grade_id and id) may run."""
        if not self.cell_timeouts:
            return self.cell_timeout
        for key in (getattr(cell, "grade_id", None), getattr(cell, "id", None)):
            if key and key in self.cell_timeouts:
                return float(self.cell_timeouts[key])
        return float(self.cell_timeouts.get("*", self.cell_timeout))

    def timeout_text(self, cell) -> str:
        """'20 s' or '20 s (the limit for this cell: ...)' for timeout messages."""
        text = f"{self.timeout_for(cell):.0f} s"
        return f"{text} ({self.timing_rule})" if self.cell_timeouts and self.timing_rule else text


@dataclass(frozen=True)
class Mode:
    name: str                   # "bwrap" or "rlimit"
    procs: str                  # "cgroup-v2", "cgroup-v1", "rlimit" or "none"
    warning: str | None = None
    memory: str = "rlimit"      # "cgroup-v2", "cgroup-v1" (per submission) or "rlimit" (per process)
    disk: str = "per-file"      # "tmpfs" (the submission's folder is a sized tmpfs) or "per-file"
    cpu: str = "none"           # "cgroup-v2", "cgroup-v1" (a CPU quota and an equal share per submission) or "none"

    def describe(self) -> str:
        what = {"bwrap": "bubblewrap (own file system view, no network, uid 65534)",
                "rlimit": "resource limits only"}[self.name]
        procs = {"none": "no process limit"}.get(self.procs, f"process limit via {self.procs}")
        memory = (f"memory limit per submission via {self.memory}" if self.memory != "rlimit"
                  else "memory limit per process only (RLIMIT_AS)")
        disk = ("size-limited file systems" if self.disk == "tmpfs"
                else "the submission's folder limited per file only (RLIMIT_FSIZE)")
        cpu = f"CPU quota per submission via {self.cpu}" if self.cpu != "none" else "no CPU quota"
        return f"{what}; {procs}; {memory}; {disk}; {cpu}"


# ---------------------------------------------------------------------------------------------- detection

def _bwrap() -> str | None:
    return shutil.which("bwrap")


@cache
def _bwrap_flags() -> frozenset[str]:
    """Options this bubblewrap knows (--size and --disable-userns are recent)."""
    try:
        text = subprocess.run([_bwrap() or "bwrap", "--help"], capture_output=True, text=True, timeout=10,
                              check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(word for word in text.split() if word.startswith("--"))


def _python_roots() -> list[str]:
    """Folders the kernel's interpreter needs: the venv, the base install, the real executable's prefix."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             str(Path(os.path.realpath(sys.executable)).parent.parent)}
    out = []
    for root in sorted(roots, key=len):
        if root.startswith("/usr/") or root == "/usr" or any(root.startswith(o + "/") for o in out):
            continue
        out.append(root)
    return out


def bwrap_argv(work: str | None, ipc: str | None, ro_binds: list, env: dict[str, str], limits: Limits,
               zygote_stage: str | None = None) -> list[str]:
    """bubblewrap's command line for one submission's kernel; with `zygote_stage`, for a worker's zygote instead
    (autograder/sandbox/zygote.py): root of its own user namespace with the capabilities to give each kernel its own
    namespaces, and the staging folder of the submissions' folders bound where it is on the host."""
    known = _bwrap_flags()
    uid = "0" if zygote_stage else str(SANDBOX_UID)
    argv = [_bwrap() or "bwrap", "--die-with-parent", "--new-session",
            "--unshare-user", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
            "--unshare-cgroup-try", "--uid", uid, "--gid", uid,
            "--hostname", "sandbox", "--ro-bind", "/usr", "/usr"]
    if zygote_stage:
        # CAP_SETFCAP: each kernel maps the zygote's root to its own uid 65534 in a nested user namespace, which
        # Linux (5.12+) allows only if the namespace's creator holds it; a grader run as root has it anyway, one run
        # by a regular user (an instructor's server on a hub) needs it granted here.
        argv += ["--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_NET_ADMIN", "--cap-add", "CAP_SETFCAP"]
    elif "--disable-userns" in known:
        argv.append("--disable-userns")
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            argv += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            argv += ["--ro-bind", top, top]
    for etc in ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "passwd", "group", "nsswitch.conf", "localtime",
                "alternatives", "os-release", "fonts", "mime.types"):
        argv += ["--ro-bind-try", f"/etc/{etc}", f"/etc/{etc}"]
    argv += ["--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu", "--proc", "/proc", "--dev", "/dev"]
    # Every writable file system has a size: /tmp and /dev/shm are sized tmpfs (bubblewrap's --size applies to
    # the next --tmpfs); the root tmpfs bubblewrap builds and /dev are made read-only once everything is mounted.
    for target, size in (("/dev/shm", limits.shm_size), ("/tmp", limits.tmp_size)):
        if "--size" in known:
            argv += ["--size", str(size)]
        argv += ["--tmpfs", target]
    for bind in [*_python_roots(), *ro_binds]:      # after the tmpfs: they may live under /tmp
        source, target = (bind, bind) if isinstance(bind, str) else bind
        argv += ["--ro-bind", source, target]
    if zygote_stage:
        argv += ["--bind", zygote_stage, zygote_stage, "--dir", SANDBOX_HOME, "--dir", ZYGOTE_IPC]
    else:
        argv += ["--bind", ipc, ipc, "--bind", work, SANDBOX_HOME]
    if "--remount-ro" in known:
        argv += ["--remount-ro", "/dev", "--remount-ro", "/"]
    argv += ["--chdir", SANDBOX_HOME, "--clearenv"]
    for key, value in env.items():
        argv += ["--setenv", key, value]
    return argv + ["--"]


@cache
def _bwrap_works() -> str | None:
    """None if a bubblewrap sandbox starts here, else why not."""
    if not _bwrap():
        return "bubblewrap (bwrap) is not installed"
    with tempfile.TemporaryDirectory(prefix="ag-probe-") as tmp:
        work, ipc = os.path.join(tmp, "w"), os.path.join(tmp, "i")
        os.makedirs(work), os.makedirs(ipc)
        argv = bwrap_argv(work, ipc, [], {"PATH": "/usr/bin:/bin"}, Limits())
        try:
            done = subprocess.run([*argv, sys.executable, "-I", "-S", "-c", "import os; os.listdir('.')"],
                                  capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            return f"bwrap failed to start: {err}"
        if done.returncode != 0:
            return f"bwrap cannot create its namespaces here ({done.stderr.strip() or done.returncode})"
    return None


def _cgroup_bases() -> list[tuple[str, Path]]:
    bases = []
    v2 = Path("/sys/fs/cgroup")
    try:
        if "pids" in (v2 / "cgroup.subtree_control").read_text().split():
            bases.append(("cgroup-v2", v2))
    except OSError:
        pass
    if (Path("/sys/fs/cgroup/pids") / "cgroup.procs").exists():
        bases.append(("cgroup-v1", Path("/sys/fs/cgroup/pids")))
    return bases


@cache
def _cgroup_kind() -> tuple[str, str] | None:
    """(kind, base folder) of a pids cgroup hierarchy we may create children in, or None."""
    for kind, base in _cgroup_bases():
        probe = base / f"autograder-probe-{uuid.uuid4().hex[:8]}"
        try:
            probe.mkdir()
            (probe / "pids.max").write_text("64")
            probe.rmdir()
            return kind, str(base)
        except OSError:
            try:
                probe.rmdir()
            except OSError:
                pass
    return None


@cache
def _memory_cgroup_kind() -> tuple[str, str] | None:
    """(kind, base folder) of a memory cgroup hierarchy we may create children in and limit, or None."""
    return _controller_kind("memory", "memory", ("memory.max", "memory.limit_in_bytes"), str(256 << 20))


@cache
def _cpu_cgroup_kind() -> tuple[str, str] | None:
    """(kind, base folder) of a cpu cgroup hierarchy we may create children in and give a quota, or None."""
    return _controller_kind("cpu", "cpu", ("cpu.max", "cpu.cfs_quota_us"), None)


def _controller_kind(controller: str, v1_folder: str, limit_files: tuple[str, str],
                     probe_value: str | None) -> tuple[str, str] | None:
    """A cgroup hierarchy with `controller` where a child can be made and its limit file written (v2 first)."""
    v2 = Path("/sys/fs/cgroup")
    candidates = []
    try:
        if controller in (v2 / "cgroup.subtree_control").read_text().split():
            candidates.append(("cgroup-v2", v2, limit_files[0]))
    except OSError:
        pass
    if (v2 / v1_folder / "cgroup.procs").exists():
        candidates.append(("cgroup-v1", v2 / v1_folder, limit_files[1]))
    for kind, base, limit_file in candidates:
        probe = base / f"autograder-probe-{uuid.uuid4().hex[:8]}"
        try:
            probe.mkdir()
            value = probe_value or ("100000 100000" if kind == "cgroup-v2" else "100000")
            (probe / limit_file).write_text(value)
            return kind, str(base)
        except OSError:
            pass
        finally:
            try:
                probe.rmdir()
            except OSError:
                pass
    return None


_libc = None


def _mount_tmpfs(path: Path, size: int) -> bool:
    """Mount a tmpfs of `size` bytes on `path` (needs root); False where not allowed."""
    global _libc
    if os.geteuid() != 0 or not sys.platform.startswith("linux"):
        return False
    if _libc is None:
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    opts = f"size={max(size, 1 << 20)},mode=0700".encode()
    return _libc.mount(b"tmpfs", os.fsencode(path), b"tmpfs", ctypes.c_ulong(0x2 | 0x4 | 0x8), opts) == 0  # nosuid nodev noexec


def _unmount(path: Path) -> None:
    if _libc is not None:
        _libc.umount2(os.fsencode(path), 2)      # MNT_DETACH


@cache
def _can_mount() -> bool:
    probe = Path(tempfile.mkdtemp(prefix="ag-mount-probe-"))
    try:
        if not _mount_tmpfs(probe, 1 << 20):
            return False
        _unmount(probe)
        return True
    finally:
        shutil.rmtree(probe, ignore_errors=True)


def _resource_warning(memory: str, disk: str, name: str, cpu: str) -> str | None:
    """What the limits cannot enforce on this machine, said once per batch."""
    missing = []
    if memory == "rlimit":
        missing.append("memory is limited per process (--memory as an address-space limit), not per submission: "
                       "several processes of one submission may together use more (no memory cgroup can be "
                       "created here: that needs root on cgroup v1, or a delegated cgroup v2 with the memory "
                       "controller)")
    if disk != "tmpfs":
        where = "the submission's folder (/home/student)" if name == "bwrap" else "the submission's folder"
        missing.append(f"{where} is limited per file (--max-file-size), not in total (mounting a size-limited "
                       "tmpfs for it needs root)")
    if cpu == "none":
        missing.append("processors are not shared out per submission: one that starts many busy processes slows "
                       "the submissions graded beside it (a cpu cgroup needs root on cgroup v1, or a delegated "
                       "cgroup v2 with the cpu controller)")
    return ("NOTE: " + "; ".join(missing) + ".") if missing else None


@cache
def detect(requested: str = "auto") -> Mode:
    """The sandbox this process can give kernels. `requested`: auto, bwrap (required) or rlimit."""
    if requested not in ("auto", "bwrap", "rlimit"):
        raise ValueError(f"unknown sandbox {requested!r}: use auto, bwrap or rlimit")
    cg = _cgroup_kind()
    procs = cg[0] if cg else ("rlimit" if os.geteuid() != 0 else "none")
    mem = _memory_cgroup_kind()
    memory = mem[0] if mem else "rlimit"
    disk = "tmpfs" if _can_mount() else "per-file"
    cpu = (_cpu_cgroup_kind() or ("none",))[0]
    why = None if requested == "rlimit" else _bwrap_works()
    if requested == "bwrap" and why:
        raise RuntimeError(f"--sandbox bwrap was requested but {why}")
    if requested == "rlimit" or why:
        reason = "--sandbox rlimit was requested" if requested == "rlimit" else why
        warning = (f"WARNING: {reason}; kernels run with resource limits only (own process group, private "
                   "working and temporary folder). Student code can read files this account can read and use "
                   "the network. Install bubblewrap (`make autograder-deps`) on a machine that allows user "
                   "namespaces for full isolation.")
        if procs == "none":
            warning += " No process limit either: the grader runs as root and cannot create a pids cgroup."
        note = _resource_warning(memory, disk, "rlimit", cpu)
        return Mode("rlimit", procs, f"{warning}\n{note}" if note else warning, memory, disk, cpu)
    warnings = []
    if procs == "none":
        warnings.append("WARNING: no process limit: the grader runs as root and cannot create a pids cgroup here.")
    note = _resource_warning(memory, disk, "bwrap", cpu)
    if note:
        warnings.append(note)
    return Mode("bwrap", procs, "\n".join(warnings) or None, memory, disk, cpu)


# ---------------------------------------------------------------------------------------------- one sandbox

def _count_own_processes() -> int:
    uid, n = os.getuid(), 0
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if os.stat(f"/proc/{pid}").st_uid == uid:
                    n += len(os.listdir(f"/proc/{pid}/task"))
            except OSError:
                pass
    return n


def default_datasets() -> list[str]:
    """Dataset caches to expose read-only: $KERAS_HOME and $SCIKIT_LEARN_DATA, else the usual home folders."""
    out = []
    for var, fallback in (("KERAS_HOME", "~/.keras"), ("SCIKIT_LEARN_DATA", "~/scikit_learn_data")):
        path = os.environ.get(var) or os.path.expanduser(fallback)
        if os.path.isdir(path):
            out.append(os.path.realpath(path))
    return out


# Keras reads its dataset cache from $KERAS_HOME only where it may write there; a read-only cache makes it look in
# /tmp/.keras instead (keras.utils.get_file). So the cache's datasets are bound read-only there too.
KERAS_FALLBACK = "/tmp/.keras/datasets"


def dataset_binds(datasets: dict[str, str]) -> list[tuple[str, str]]:
    """(host folder, folder in the sandbox) of the dataset caches, all read-only."""
    binds = [(p, p) for p in sorted({p for p in datasets.values() if os.path.isdir(p)})]
    keras = os.path.join(datasets.get("KERAS_HOME") or "/nonexistent", "datasets")
    if os.path.isdir(keras):
        binds.append((keras, KERAS_FALLBACK))
    return binds


def kernel_env(mode: Mode, datasets: dict[str, str], threads: int | None, work: Path) -> dict[str, str]:
    """The whole environment of a grading kernel (`work`: the submission's folder, for the rlimit mode)."""
    inside_home = SANDBOX_HOME if mode.name == "bwrap" else str(work)
    tmp = "/tmp" if mode.name == "bwrap" else str(work / ".tmp")
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": inside_home, "TMPDIR": tmp, "MPLCONFIGDIR": f"{tmp}/.matplotlib", "IPYTHONDIR": f"{tmp}/.ipython",
        "JUPYTER_CONFIG_DIR": f"{tmp}/.jupyter", "JUPYTER_DATA_DIR": f"{tmp}/.jupyter-data",
        **KERNEL_ENV,
    }
    env.update(datasets)
    if threads:
        for var in ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = str(threads)
        env["TF_NUM_INTEROP_THREADS"] = str(max(1, threads))
    return env


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
            self.base = self.zygote.new_folder()
            self.mounted = False
        else:
            self.base = Path(tempfile.mkdtemp(prefix="ag-", dir="/tmp" if os.path.isdir("/tmp") else None))
            # The submission's folder, the sockets and the kernel's log: one tmpfs of a fixed size where we may
            # mount one, so that what the kernel writes there is bounded in total, not only per file.
            self.mounted = self.mode.disk == "tmpfs" and _mount_tmpfs(self.base, self.limits.home_size + (16 << 20))
        self._room = self.limits.home_size if self.zygote is not None else None
        self.work, self.ipc, self.private = self.base / "w", self.base / "i", self.base / "p"
        for d in (self.work, self.ipc, self.private):
            d.mkdir(mode=0o700)
        self.proc: subprocess.Popen | None = None
        self.cgroup: Path | None = None               # pids cgroup (v2: also the memory cgroup)
        self.memcg: Path | None = None                # memory cgroup
        self.cpucg: Path | None = None                # cpu cgroup (quota, and an equal share with its neighbours)
        self._cpu_seen = (0, 0)                       # cpu.stat's (periods, throttled periods) at the last look
        self.cgroups: list[Path] = []                 # every cgroup the kernel joins
        self._oom_seen = 0
        self.log_path = self.private / "kernel.log"
        self.skipped_files: list[str] = []
        self.add_files(self.files)

    def add_files(self, files: dict[str, bytes]) -> None:
        """Put the student's other files in its folder (also after the kernel started: the folder is shared).
        Files that do not fit in the folder's size are left out (listed in `skipped_files`)."""
        root = self.work.resolve()
        for rel, data in files.items():
            target = (self.work / rel).resolve()
            if root in target.parents:
                if self._room is not None:        # what the kernel's own tmpfs will hold, counted in pages
                    need = -(-len(data) // 4096) * 4096 + 4096
                    if need > self._room:
                        self.skipped_files.append(rel)
                        continue
                    self._room -= need
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    target.write_bytes(data)
                except OSError as err:
                    if err.errno not in (errno.ENOSPC, errno.EFBIG):
                        raise
                    target.unlink(missing_ok=True)
                    self.skipped_files.append(rel)

    # -- environment
    def env(self) -> dict[str, str]:
        return kernel_env(self.mode, self.datasets, self.threads, self.work)

    def read_only_binds(self) -> list[tuple[str, str]]:
        return dataset_binds(self.datasets)

    def rlimits(self) -> dict[str, int]:
        lim = self.limits
        out = {"as": lim.memory, "fsize": lim.max_file_size, "nofile": 4096, "core": 0,
               "cpu": int(lim.notebook_timeout * max(2, os.cpu_count() or 2) + 60)}
        if self.mode.procs == "rlimit":
            out["nproc"] = _count_own_processes() + lim.max_procs
        return out

    def _make_cgroup(self) -> None:
        name = f"autograder-{self.base.name}-{uuid.uuid4().hex[:6]}"
        kind = _cgroup_kind()
        if kind:
            path = Path(kind[1]) / name
            try:
                path.mkdir()
                (path / "pids.max").write_text(str(self.limits.max_procs))
                self.cgroup = path
                self.cgroups.append(path)
            except OSError:
                self.cgroup = None
        mem = _memory_cgroup_kind()
        if mem:
            path = Path(mem[1]) / name
            try:
                path.mkdir(exist_ok=path == self.cgroup)
                limit = str(self.limits.memory)
                if mem[0] == "cgroup-v2":
                    (path / "memory.max").write_text(limit)
                    extra = [("memory.swap.max", "0")]
                else:
                    (path / "memory.limit_in_bytes").write_text(limit)
                    extra = [("memory.memsw.limit_in_bytes", limit), ("memory.swappiness", "0")]
                for file, value in extra:          # no escape into swap, where the kernel offers it
                    try:
                        (path / file).write_text(value)
                    except OSError:
                        pass
                self.memcg = path
                if path not in self.cgroups:
                    self.cgroups.append(path)
            except OSError:
                self.memcg = None
        self._make_cpu_cgroup(name)

    def cpu_quota(self) -> float:
        """Cores the submission's processes may use together."""
        return self.limits.cpus or float((self.threads or os.cpu_count() or 1) + 1)

    def _make_cpu_cgroup(self, name: str) -> None:
        """A cgroup of its own in the cpu hierarchy: the scheduler shares the processors equally between
        submissions (however many processes each starts), and the quota caps what one may use."""
        cpu = _cpu_cgroup_kind()
        if not cpu:
            return
        path, period = Path(cpu[1]) / name, 100_000
        quota = str(max(1_000, int(self.cpu_quota() * period)))
        try:
            path.mkdir(exist_ok=path in self.cgroups)
            if cpu[0] == "cgroup-v2":
                (path / "cpu.max").write_text(f"{quota} {period}")
            else:
                (path / "cpu.cfs_period_us").write_text(str(period))
                (path / "cpu.cfs_quota_us").write_text(quota)
        except OSError:
            return
        self.cpucg = path
        if path not in self.cgroups:
            self.cgroups.append(path)

    def cpu_limit_hit(self) -> bool:
        """True when, since the last call, the quota held the submission back most of the time it ran (more than
        half of at least 10 periods of 0.1 s): it kept more processors busy than its share."""
        if self.cpucg is None:
            return False
        try:
            stat = dict(line.split() for line in (self.cpucg / "cpu.stat").read_text().splitlines())
            now = (int(stat["nr_periods"]), int(stat["nr_throttled"]))
        except (OSError, KeyError, ValueError):
            return False
        periods, throttled = now[0] - self._cpu_seen[0], now[1] - self._cpu_seen[1]
        self._cpu_seen = now
        return throttled >= 10 and throttled * 2 > periods

    def memory_limit_hit(self) -> bool:
        """True when the memory cgroup killed a process for memory since the last call."""
        if self.memcg is None:
            return False
        count = 0
        for file in ("memory.events", "memory.oom_control"):
            try:
                text = (self.memcg / file).read_text()
            except OSError:
                continue
            for line in text.splitlines():
                if line.startswith("oom_kill "):
                    count = int(line.split()[1])
        new, self._oom_seen = count > self._oom_seen, max(count, self._oom_seen)
        return new

    def limit_notes(self, result, where: str) -> list[str]:
        """Limits of this sandbox that the cell `where` ran into, beyond what the caller checks itself."""
        notes = []
        text = f"{getattr(result, 'ename', '') or ''}: {getattr(result, 'evalue', '') or ''}"
        if "[Errno 28]" in text or "No space left on device" in text:
            sizes = (f"/home/student {_human_size(self.limits.home_size)}, /tmp {_human_size(self.limits.tmp_size)}, "
                     f"/dev/shm {_human_size(self.limits.shm_size)}"
                     f"{f', {ZYGOTE_IPC} {_human_size(ZYGOTE_IPC_SIZE)}' if self.zygote is not None else ''}")
            notes.append(M.FILLED_DISK.format(where=where, sizes=sizes))
        if self.memory_limit_hit():
            notes.append(M.CGROUP_MEMORY.format(where=where, limit=_human_size(self.limits.memory)))
        if self.cpu_limit_hit():
            notes.append(M.CPU_THROTTLED.format(where=where, cores=f"{self.cpu_quota():g}"))
        return notes

    def kernel_argv(self, connection_file: str) -> list[str]:
        return [sys.executable, "-m", "ipykernel_launcher", "-f", connection_file,
                "--HistoryManager.enabled=False", "--IPKernelApp.quiet=True"]

    def launch(self, connection_file: str):
        self._make_cgroup()
        if self.zygote is not None:
            return self._fork_from_zygote(connection_file)
        env = self.env()
        if self.mode.name == "bwrap":
            argv = (bwrap_argv(str(self.work), str(self.ipc), self.read_only_binds(), env, self.limits)
                    + self.kernel_argv(connection_file))
            spec = {"argv": argv, "env": {"PATH": "/usr/bin:/bin"}}
        else:
            Path(env["TMPDIR"]).mkdir(exist_ok=True)
            spec = {"argv": self.kernel_argv(connection_file), "env": env, "cwd": str(self.work)}
        spec["rlimits"] = self.rlimits()
        spec["cgroups"] = [str(p) for p in self.cgroups]
        spec_path = self.private / "launch.json"
        spec_path.write_text(json.dumps(spec))
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen([sys.executable, "-I", "-S", str(LAUNCHER), str(spec_path)],
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True, close_fds=True)
        return self.proc

    def _fork_from_zygote(self, connection_file: str | None, probe: bool = False):
        """The kernel as a fork of the worker's zygote; it reads a copy of the connection file that names its
        sockets where it sees them."""
        argv = ["ipykernel_launcher"]
        if connection_file:
            inside = json.loads(Path(connection_file).read_text())
            inside["ip"] = f"{ZYGOTE_IPC}/k"
            (self.ipc / "kernel-inside.json").write_text(json.dumps(inside))
            argv = ["ipykernel_launcher", *self.kernel_argv(f"{ZYGOTE_IPC}/kernel-inside.json")[3:]]
        request = {"stage": str(self.base), "log": str(self.log_path), "argv": argv, "env": self.env(),
                   "rlimits": self.rlimits(), "probe": probe,
                   # what its fresh /tmp would cover: the Python install and dataset caches may live under /tmp
                   "ro_binds": [*_python_roots(), *[t for _, t in self.read_only_binds()]],
                   "sizes": {"home": self.limits.home_size, "tmp": self.limits.tmp_size, "shm": self.limits.shm_size,
                             "ipc": ZYGOTE_IPC_SIZE}}
        self.proc = self.zygote.spawn(request, self.cgroups, self.limits.startup_timeout)
        if connection_file and self.proc.pid:
            # the sockets live in the kernel's own tmpfs: seen from here, under its root in /proc
            outside = json.loads(Path(connection_file).read_text())
            outside["ip"] = f"/proc/{self.proc.pid}/root{ZYGOTE_IPC}/k"
            Path(connection_file).write_text(json.dumps(outside))
        return self.proc

    def launch_probe(self):
        """A kernel that only reports what it sees (uid, capabilities, processes, files) in its log."""
        self._make_cgroup()
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
        if not self.cgroup:
            return False
        try:
            events = (self.cgroup / "pids.events").read_text()
        except OSError:
            return False
        return any(line.split()[-1] != "0" for line in events.splitlines() if line.startswith("max"))

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
        for cgroup in self.cgroups:
            for _ in range(50):
                try:
                    pids = [int(p) for p in (cgroup / "cgroup.procs").read_text().split()]
                except OSError:
                    break
                if not pids:
                    break
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                time.sleep(0.02)
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass

    def cleanup(self) -> None:
        self.kill()
        for cgroup in self.cgroups:
            for _ in range(50):
                try:
                    cgroup.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)
        if self.mounted:
            _unmount(self.base)
            self.mounted = False
        remove_tree(self.base)             # whatever the kernel left there: deep chains, unreadable folders


def _human_size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:g} {unit}" if unit == "B" else f"{n:.1f} {unit}".replace(".0 ", " ")
        n /= 1024
    return str(n)


def describe(mode: Mode) -> dict:
    return asdict(mode)
