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
"""

from __future__ import annotations

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

LAUNCHER = Path(__file__).with_name("_launch.py")
SANDBOX_HOME = "/home/student"
SANDBOX_UID = 65534

# Settings every grading kernel gets (fast mode, quiet TensorFlow); mirrors autograder.grading.GRADING_ENV.
KERNEL_ENV = {
    "COURSE_FAST": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONWARNINGS": "ignore",
    "PYTHONHASHSEED": "0",          # same grades on every run
    "PYTHONNOUSERSITE": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
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
    tmp_size: int = 1 << 30              # private /tmp (bwrap tmpfs)
    startup_timeout: float = 120.0

    @classmethod
    def from_dict(cls, d: dict) -> Limits:
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Mode:
    name: str                   # "bwrap" or "rlimit"
    procs: str                  # "cgroup-v2", "cgroup-v1", "rlimit" or "none"
    warning: str | None = None

    def describe(self) -> str:
        what = {"bwrap": "bubblewrap (own file system view, no network, uid 65534)",
                "rlimit": "resource limits only"}[self.name]
        procs = {"none": "no process limit"}.get(self.procs, f"process limit via {self.procs}")
        return f"{what}; {procs}"


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


def bwrap_argv(work: str, ipc: str, ro_binds: list[str], env: dict[str, str], limits: Limits) -> list[str]:
    known = _bwrap_flags()
    argv = [_bwrap() or "bwrap", "--die-with-parent", "--new-session",
            "--unshare-user", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
            "--unshare-cgroup-try", "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID),
            "--hostname", "sandbox", "--ro-bind", "/usr", "/usr"]
    if "--disable-userns" in known:
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
    if "--size" in known:
        argv += ["--size", str(limits.tmp_size)]
    argv += ["--tmpfs", "/tmp"]
    for path in [*_python_roots(), *ro_binds]:      # after the tmpfs: they may live under /tmp
        argv += ["--ro-bind", path, path]
    argv += ["--bind", ipc, ipc, "--bind", work, SANDBOX_HOME, "--chdir", SANDBOX_HOME, "--clearenv"]
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
def detect(requested: str = "auto") -> Mode:
    """The sandbox this process can give kernels. `requested`: auto, bwrap (required) or rlimit."""
    if requested not in ("auto", "bwrap", "rlimit"):
        raise ValueError(f"unknown sandbox {requested!r}: use auto, bwrap or rlimit")
    cg = _cgroup_kind()
    procs = cg[0] if cg else ("rlimit" if os.geteuid() != 0 else "none")
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
        return Mode("rlimit", procs, warning)
    warning = None
    if procs == "none":
        warning = "WARNING: no process limit: the grader runs as root and cannot create a pids cgroup here."
    return Mode("bwrap", procs, warning)


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


@dataclass
class Sandbox:
    """One submission's kernel: private folders, limits, launch, and clean-up of everything it started."""

    mode: Mode
    limits: Limits
    files: dict[str, bytes] = field(default_factory=dict)     # the student's other files, by relative path
    datasets: dict[str, str] = field(default_factory=dict)    # env var -> path (KERAS_HOME, SCIKIT_LEARN_DATA)
    threads: int | None = None

    def __post_init__(self):
        self.base = Path(tempfile.mkdtemp(prefix="ag-", dir="/tmp" if os.path.isdir("/tmp") else None))
        self.work, self.ipc, self.private = self.base / "w", self.base / "i", self.base / "p"
        for d in (self.work, self.ipc, self.private):
            d.mkdir(mode=0o700)
        self.add_files(self.files)
        self.proc: subprocess.Popen | None = None
        self.cgroup: Path | None = None
        self.log_path = self.private / "kernel.log"

    def add_files(self, files: dict[str, bytes]) -> None:
        """Put the student's other files in its folder (also after the kernel started: the folder is shared)."""
        root = self.work.resolve()
        for rel, data in files.items():
            target = (self.work / rel).resolve()
            if root in target.parents:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)

    # -- environment
    def env(self) -> dict[str, str]:
        inside_home = SANDBOX_HOME if self.mode.name == "bwrap" else str(self.work)
        tmp = "/tmp" if self.mode.name == "bwrap" else str(self.work / ".tmp")
        env = {
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
            "HOME": inside_home, "TMPDIR": tmp, "MPLCONFIGDIR": f"{tmp}/.matplotlib", "IPYTHONDIR": f"{tmp}/.ipython",
            "JUPYTER_CONFIG_DIR": f"{tmp}/.jupyter", "JUPYTER_DATA_DIR": f"{tmp}/.jupyter-data",
            **KERNEL_ENV,
        }
        env.update(self.datasets)
        if self.threads:
            for var in ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
                env[var] = str(self.threads)
            env["TF_NUM_INTEROP_THREADS"] = str(max(1, self.threads))
        return env

    def rlimits(self) -> dict[str, int]:
        lim = self.limits
        out = {"as": lim.memory, "fsize": lim.max_file_size, "nofile": 4096, "core": 0,
               "cpu": int(lim.notebook_timeout * max(2, os.cpu_count() or 2) + 60)}
        if self.mode.procs == "rlimit":
            out["nproc"] = _count_own_processes() + lim.max_procs
        return out

    def _make_cgroup(self) -> None:
        kind = _cgroup_kind()
        if not kind:
            return
        path = Path(kind[1]) / f"autograder-{self.base.name}-{uuid.uuid4().hex[:6]}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(self.limits.max_procs))
            self.cgroup = path
        except OSError:
            self.cgroup = None

    def kernel_argv(self, connection_file: str) -> list[str]:
        return [sys.executable, "-m", "ipykernel_launcher", "-f", connection_file,
                "--HistoryManager.enabled=False", "--IPKernelApp.quiet=True"]

    def launch(self, connection_file: str) -> subprocess.Popen:
        self._make_cgroup()
        env = self.env()
        if self.mode.name == "bwrap":
            ro = sorted({p for p in self.datasets.values() if os.path.isdir(p)})
            argv = bwrap_argv(str(self.work), str(self.ipc), ro, env, self.limits) + self.kernel_argv(connection_file)
            spec = {"argv": argv, "env": {"PATH": "/usr/bin:/bin"}}
        else:
            Path(env["TMPDIR"]).mkdir(exist_ok=True)
            spec = {"argv": self.kernel_argv(connection_file), "env": env, "cwd": str(self.work)}
        spec["rlimits"] = self.rlimits()
        spec["cgroups"] = [str(self.cgroup)] if self.cgroup else []
        spec_path = self.private / "launch.json"
        spec_path.write_text(json.dumps(spec))
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen([sys.executable, "-I", "-S", str(LAUNCHER), str(spec_path)],
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True, close_fds=True)
        return self.proc

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
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self.cgroup is not None:
            for _ in range(50):
                try:
                    pids = [int(p) for p in (self.cgroup / "cgroup.procs").read_text().split()]
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
        if self.cgroup is not None:
            for _ in range(50):
                try:
                    self.cgroup.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)
        shutil.rmtree(self.base, ignore_errors=True)


def describe(mode: Mode) -> dict:
    return asdict(mode)
