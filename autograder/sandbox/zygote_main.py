"""A grading worker's pre-imported interpreter (the "zygote"): imports TensorFlow once, forks a kernel per submission.

Runs inside the worker's bubblewrap sandbox (see autograder/sandbox/zygote.py, which sends this file as source: the
sandbox holds no course files). Standard library only until `main()` imports the kernel's libraries. The zygote
itself runs no learner code and never sees instructor material: it only receives where a submission's folder is.

Each kernel, before any learner code, gets what today's one-bubblewrap-per-submission sandbox gives it:

- its own mount, pid, network (loopback only), IPC, UTS and cgroup namespaces (`_child`);
- its own /proc, and fresh sized tmpfs on /home/student (a copy of the submission's files), /tmp and /dev/shm;
  the staging folder that holds every submission's files is unmounted (`_pid1`);
- a nested user namespace in which it is uid/gid 65534 with no capabilities, no_new_privs, a read-only
  /proc/sys and no further user namespaces (`_drop_privileges`).

Process tree: zygote -> child (joins the submission's cgroups, waits for the grader's "go") -> pid 1 of the new
pid namespace (mounts, then reaps) -> the kernel. Killing the child's process group ends them all (pid 1 has a
parent-death signal, and pid 1's death ends its namespace).

Protocol, one JSON object per line. In: first {"preload": [modules]}, then per kernel {"op": "spawn", "id",
"stage", "hello", "log", "argv", "env", "rlimits", "sizes", "ro_binds", "probe"}. Out: {"ready": seconds,
"threads": n}, {"exit": id, "status": n}. (The grader learns a kernel's host pid from the kernel itself, over the
"hello" socket.)
"""

import ctypes
import json
import os
import resource
import select
import shutil
import signal
import socket
import struct
import sys
import time

CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC = 0x20000, 0x02000000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC = 0x1, 0x2, 0x4, 0x8, 0x20, 0x1000, 0x4000
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 4, 24, 38
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
SANDBOX_UID = 65534
HOME = "/home/student"
IPC = "/run/ipc"                     # the kernel's socket folder, a tmpfs (bubblewrap made the folder)
PROC_READ_ONLY = ("sys", "sysrq-trigger", "irq", "bus")   # as bubblewrap does
LIMITS = {"as": resource.RLIMIT_AS, "fsize": resource.RLIMIT_FSIZE, "nofile": resource.RLIMIT_NOFILE,
          "nproc": resource.RLIMIT_NPROC, "cpu": resource.RLIMIT_CPU, "core": resource.RLIMIT_CORE}

libc = ctypes.CDLL(None, use_errno=True)


def _check(rc: int, what: str) -> None:
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source, target, fstype, flags, data=None, what=""):
    enc = lambda s: None if s is None else os.fsencode(s)
    _check(libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
           what or f"mount {target}")


def _read(path: str) -> str:
    with open(path) as f:
        return f.read()


def _write(path: str, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


# ------------------------------------------------------------------------------------------ the zygote

def _import(modules: list) -> None:
    for name in modules:
        try:
            __import__(name)
        except Exception as err:  # noqa: BLE001 - a kernel then imports it itself, as without the zygote
            print(f"zygote: {name} not preloaded: {type(err).__name__}: {err}", file=sys.stderr, flush=True)


def _say(**msg) -> None:
    sys.stdout.write(json.dumps(msg) + "\n")
    sys.stdout.flush()


def main() -> None:
    started = time.monotonic()
    config = json.loads(sys.stdin.readline())
    _import(config.get("preload", []))
    _check(libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "non-dumpable")   # no child may read our memory or trace us
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    children: dict = {}
    _say(ready=round(time.monotonic() - started, 2), threads=len(os.listdir("/proc/self/task")))
    stdin = sys.stdin.buffer.raw if hasattr(sys.stdin.buffer, "raw") else sys.stdin.buffer
    pending = b""
    while True:
        ready, _, _ = select.select([stdin, wake_r], [], [])
        if wake_r in ready:
            os.read(wake_r, 4096)
            _reap(children)
        if stdin in ready:
            chunk = os.read(stdin.fileno(), 1 << 16)
            if not chunk:
                break                      # the grader is gone: so are its kernels
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                request = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    _run_child(request, (wake_r, wake_w))
                children[pid] = request["id"]
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _reap(children: dict) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid in children:
            _say(exit=children.pop(pid), status=os.waitstatus_to_exitcode(status))


# ------------------------------------------------------------------------------------------ one submission

def _run_child(request: dict, zygote_fds) -> None:
    """The forked child: never returns into the zygote's loop."""
    code = 1
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for fd in zygote_fds:
            os.close(fd)
        code = _child(request)
    except BaseException as err:  # noqa: BLE001 - reported in the kernel's log, which the grader shows
        print(f"zygote child: {type(err).__name__}: {err}", file=sys.stderr, flush=True)
    finally:
        os._exit(code)


def _redirect(log: str) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.closerange(3, 65536)


def _child(request: dict) -> int:
    """In the zygote's pid namespace: new namespaces, the grader's go-ahead (after it moved us into the
    submission's cgroups), then pid 1 of the new pid namespace."""
    os.setsid()
    _check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent-death signal")
    _redirect(request["log"])
    _check(libc.unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS), "unshare")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as hello:
        hello.connect(request["hello"])
        if hello.recv(16) != b"go":
            return 1
    libc.unshare(CLONE_NEWCGROUP)            # the submission's cgroup becomes its root (best effort, as bwrap's -try)
    alive_r, alive_w = os.pipe()             # pid 1 sees EOF here if this process is gone
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(alive_w)
            code = _pid1(request, alive_r)
        except BaseException as err:  # noqa: BLE001
            print(f"zygote pid 1: {type(err).__name__}: {err}", file=sys.stderr, flush=True)
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return _exit_code(status)


def _exit_code(status: int) -> int:
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code      # killed by a signal: 128 + signal, as bubblewrap reports it


def _pid1(request: dict, parent_alive: int) -> int:
    """pid 1 of the submission's pid namespace, still privileged in the worker's sandbox: the submission's own
    file systems, then the kernel as a child; reaps every orphan until the kernel ends."""
    _check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent-death signal")
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the kernel may signal its pid 1; only SIGKILL from outside ends it
    if select.select([parent_alive], [], [], 0)[0]:
        return 1                                   # the child died before the signal was set: stop here
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    sizes = request["sizes"]
    # The socket folder: a small tmpfs of its own (a folder of the host's staging folder would let the kernel fill
    # the host's disk); the grader reaches the sockets through /proc/<pid>/root. Its connection file comes along.
    _tmpfs(IPC, sizes["ipc"], 0o700)
    if not request.get("probe"):
        shutil.copyfile(os.path.join(request["stage"], "i", "kernel-inside.json"), os.path.join(IPC, "kernel-inside.json"))
    _tmpfs(HOME, sizes["home"])
    _copy_files(os.path.join(request["stage"], "w"), HOME)
    _check(libc.umount2(os.fsencode(os.path.dirname(request["stage"])), MNT_DETACH), "hide the staging folder")
    # fresh /tmp and /dev/shm (after the staging folder is gone: it may live under /tmp); read-only folders that
    # live under them (dataset caches in /tmp) are bound again on top
    kept = [(path, os.open(path, os.O_PATH | os.O_DIRECTORY)) for path in request.get("ro_binds", [])
            if path.startswith(("/tmp/", "/dev/shm/")) and os.path.isdir(path)]
    _tmpfs("/tmp", sizes["tmp"], 0o1777)
    _tmpfs("/dev/shm", sizes["shm"], 0o1777)
    for path, fd in kept:
        os.makedirs(path, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
        _mount(None, path, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
        os.close(fd)
    _check(libc.sethostname(b"sandbox", 7), "hostname")
    _loopback_up()
    for name, value in request["rlimits"].items():
        resource.setrlimit(LIMITS[name], (int(value), int(value)))
    kernel = os.fork()
    if kernel == 0:
        code = 1
        try:
            os.close(parent_alive)
            signal.signal(signal.SIGINT, signal.default_int_handler)   # an interrupt is a KeyboardInterrupt again
            _drop_privileges()
            code = _kernel(request)
        except BaseException as err:  # noqa: BLE001
            print(f"zygote kernel: {type(err).__name__}: {err}", file=sys.stderr, flush=True)
        finally:
            os._exit(code)
    while True:
        pid, status = os.wait()
        if pid == kernel:
            return _exit_code(status)


def _tmpfs(target: str, size: int, mode: int = 0o755) -> None:
    _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, f"size={max(size, 1 << 20)},mode={mode:o}")


def _copy_files(source: str, target: str) -> None:
    """The submission's other files into its own tmpfs; a file that does not fit is left out (as without the
    zygote, where the grader writes them into a sized tmpfs)."""
    for root, dirs, files in os.walk(source):
        rel = os.path.relpath(root, source)
        dest = target if rel == "." else os.path.join(target, rel)
        os.makedirs(dest, exist_ok=True)
        for name in files:
            try:
                shutil.copyfile(os.path.join(root, name), os.path.join(dest, name))
            except OSError as err:
                print(f"zygote: {os.path.join(rel, name)} left out: {err}", file=sys.stderr, flush=True)


def _loopback_up() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        import fcntl
        ifreq = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(s, SIOCGIFFLAGS, ifreq))[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _drop_privileges() -> None:
    """Become uid/gid 65534 in a nested user namespace with nothing: no capabilities, no way to gain any."""
    outer_uid, outer_gid = os.geteuid(), os.getegid()
    _check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNS), "user namespace")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{SANDBOX_UID} {outer_uid} 1\n")
    _write("/proc/self/gid_map", f"{SANDBOX_UID} {outer_gid} 1\n")
    # This namespace may hold no further user namespace; then /proc/sys and friends become read-only.
    _write("/proc/sys/user/max_user_namespaces", "0")
    for name in PROC_READ_ONLY:
        path = f"/proc/{name}"
        if os.path.exists(path):
            _mount(path, path, None, MS_BIND)
            _mount(None, path, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    os.setresgid(SANDBOX_UID, SANDBOX_UID, SANDBOX_UID)
    os.setresuid(SANDBOX_UID, SANDBOX_UID, SANDBOX_UID)
    for cap in range(64):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
    _check(libc.capset(ctypes.byref(_CapHeader(0x20080522, 0)), (_CapData * 2)()), "drop capabilities")
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)     # its own processes may inspect it, as in a plain sandbox


def _kernel(request: dict) -> int:
    os.setsid()
    if request.get("probe"):
        return _probe(request)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(HOME)
    sys.path[:] = [HOME, *[p for p in sys.path if p not in ("", ".")]]
    sys.argv = list(request["argv"])
    _blas_threads(int(os.environ.get("OPENBLAS_NUM_THREADS", "1")))
    from ipykernel import kernelapp
    kernelapp.launch_new_instance()
    return 0


def _blas_threads(n: int) -> None:
    """The thread count the kernel would have had: the zygote loaded BLAS with one thread."""
    if n > 1 and "numpy" in sys.modules:
        try:
            from threadpoolctl import threadpool_limits
            threadpool_limits(n)
        except Exception as err:  # noqa: BLE001 - fewer threads is slower, not wrong
            print(f"zygote kernel: BLAS keeps 1 thread ({type(err).__name__}: {err})", file=sys.stderr, flush=True)


def _probe(request: dict) -> int:
    """What a kernel would find (for the grader's start-up check and the isolation tests), printed to the log."""
    status = dict(line.split(":", 1) for line in _read("/proc/self/status").splitlines() if ":" in line)
    try:
        _check(libc.unshare(CLONE_NEWUSER), "nested user namespace")
        nested = "allowed"
    except OSError as err:
        nested = f"refused: {err.strerror}"
    try:
        _write("/proc/sys/kernel/hostname", "escaped")
        proc_sys = "writable"
    except OSError as err:
        proc_sys = f"refused: {err.strerror}"
    report = {"uid": os.getuid(), "gid": os.getgid(), "cap_eff": status["CapEff"].strip(),
              "cap_bnd": status["CapBnd"].strip(), "no_new_privs": status["NoNewPrivs"].strip(),
              "pid": os.getpid(), "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
              "hostname": socket.gethostname(), "home": sorted(os.listdir(HOME)), "tmp": sorted(os.listdir("/tmp")),
              "stage_visible": os.path.exists(request["stage"]), "nested_userns": nested, "proc_sys": proc_sys,
              "interfaces": sorted(line.split(":")[0].strip() for line in _read("/proc/net/dev").splitlines()[2:]),
              "modules": sorted(m for m in ("numpy", "tensorflow", "keras") if m in sys.modules),
              "python_install": os.path.isdir(os.path.join(sys.prefix, "lib"))}
    print("PROBE " + json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    main()
