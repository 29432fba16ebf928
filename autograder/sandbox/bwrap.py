"""bubblewrap's command line: the fresh root a kernel (or a worker's zygote) sees, its namespaces and mounts, and
whether bubblewrap can build one on this machine at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from autograder.sandbox.limits import Limits

SANDBOX_HOME = "/home/student"
SANDBOX_UID = 65534
ZYGOTE_IPC_SIZE = 1 << 20       # its tmpfs: sockets and the connection file only
ZYGOTE_IPC = "/run/ipc"          # where a zygote's kernel finds its sockets (autograder/sandbox/zygote_main.py's IPC)

SYSTEM_TOPS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "passwd", "group", "nsswitch.conf", "localtime",
             "alternatives", "os-release", "fonts", "mime.types")


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


def python_roots() -> list[str]:
    """Folders the kernel's interpreter needs: the venv, the base install, the real executable's prefix."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             str(Path(os.path.realpath(sys.executable)).parent.parent)}
    out = []
    for root in sorted(roots, key=len):
        if root.startswith("/usr/") or root == "/usr" or any(root.startswith(o + "/") for o in out):
            continue
        out.append(root)
    return out


def _namespaces(zygote: bool, known: frozenset[str]) -> list[str]:
    """New user, pid, net, ipc, uts and cgroup namespaces; a kernel as uid 65534 that may not make more, a zygote
    as root of its own with the capabilities to give each kernel its own namespaces."""
    uid = "0" if zygote else str(SANDBOX_UID)
    argv = [_bwrap() or "bwrap", "--die-with-parent", "--new-session",
            "--unshare-user", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
            "--unshare-cgroup-try", "--uid", uid, "--gid", uid, "--hostname", "sandbox"]
    if zygote:
        # CAP_SETFCAP: each kernel maps the zygote's root to its own uid 65534 in a nested user namespace, which
        # Linux (5.12+) allows only if the namespace's creator holds it; a grader run as root has it anyway, one run
        # by a regular user (an instructor's server on a hub) needs it granted here.
        argv += ["--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_NET_ADMIN", "--cap-add", "CAP_SETFCAP"]
    elif "--disable-userns" in known:
        argv.append("--disable-userns")
    return argv


def _system_mounts() -> list[str]:
    """The system, read-only: /usr, the top folders (or their links into /usr), a few /etc files, the CPU list,
    a fresh /proc and /dev."""
    argv = ["--ro-bind", "/usr", "/usr"]
    for top in SYSTEM_TOPS:
        if os.path.islink(top):
            argv += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            argv += ["--ro-bind", top, top]
    for etc in ETC_FILES:
        argv += ["--ro-bind-try", f"/etc/{etc}", f"/etc/{etc}"]
    return argv + ["--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu",
                   "--proc", "/proc", "--dev", "/dev"]


def _sized_tmpfs(limits: Limits, known: frozenset[str]) -> list[str]:
    """/dev/shm and /tmp as sized tmpfs (bubblewrap's --size applies to the next --tmpfs)."""
    argv = []
    for target, size in (("/dev/shm", limits.shm_size), ("/tmp", limits.tmp_size)):
        if "--size" in known:
            argv += ["--size", str(size)]
        argv += ["--tmpfs", target]
    return argv


def bwrap_argv(work: str | None, ipc: str | None, ro_binds: list, env: dict[str, str], limits: Limits,
               zygote_stage: str | None = None) -> list[str]:
    """bubblewrap's command line for one submission's kernel; with `zygote_stage`, for a worker's zygote instead
    (autograder/sandbox/zygote.py): root of its own user namespace with the capabilities to give each kernel its own
    namespaces, and the staging folder of the submissions' folders bound where it is on the host."""
    known = _bwrap_flags()
    argv = [*_namespaces(bool(zygote_stage), known), *_system_mounts()]
    # Every writable file system has a size: /tmp and /dev/shm are sized tmpfs; the root tmpfs bubblewrap builds
    # and /dev are made read-only once everything is mounted.
    argv += _sized_tmpfs(limits, known)
    for bind in [*python_roots(), *ro_binds]:      # after the tmpfs: they may live under /tmp
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
def bwrap_works() -> str | None:
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
