# ruff: noqa
# Throwaway feasibility probe (unmerged experiment, issue 13): compact on purpose.
"""Feasibility probe: a pre-imported parent inside bwrap forks children that each take fresh namespaces."""
import ctypes, os, sys, time, json
t0 = time.perf_counter()
import numpy, tensorflow as tf, keras  # noqa
libc0 = ctypes.CDLL("libc.so.6"); libc0.prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0
t_import = time.perf_counter() - t0
libc = ctypes.CDLL("libc.so.6", use_errno=True)
CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWIPC, CLONE_NEWUTS = 0x20000, 0x10000000, 0x20000000, 0x40000000, 0x08000000, 0x04000000
def check(rc, what):
    if rc != 0:
        e = ctypes.get_errno(); raise OSError(e, f"{what}: {os.strerror(e)}")
def child(n):
    uid = os.getuid()
    check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS), "unshare")
    open("/proc/self/setgroups", "w").write("deny")
    open("/proc/self/uid_map", "w").write(f"{uid} {uid} 1")
    open("/proc/self/gid_map", "w").write(f"{os.getgid()} {os.getgid()} 1")
    pid = os.fork()
    if pid:
        _, st = os.waitpid(pid, 0); os._exit(os.waitstatus_to_exitcode(st))
    # pid 1 of the new pid namespace
    check(libc.mount(b"none", b"/", None, 0x40000 | 0x4000, None), "make-rprivate")  # MS_REC|MS_PRIVATE
    for target, size in ((b"/tmp", 1 << 30), (b"/home/student", 1 << 30)):
        check(libc.mount(b"tmpfs", target, b"tmpfs", 0x2 | 0x4, f"size={size},mode=0700".encode()), f"tmpfs {target}")
    pass  # check(libc.mount(b"proc", b"/proc", b"proc", 0x2 | 0x4 | 0x8, None), "proc")
    # drop every capability: bounding set, then effective/permitted/inheritable
    for cap in range(64):
        libc.prctl(24, cap, 0, 0, 0)   # PR_CAPBSET_DROP
    libc.prctl(38, 1, 0, 0, 0)          # PR_SET_NO_NEW_PRIVS
    class H(ctypes.Structure): _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]
    class D(ctypes.Structure): _fields_ = [("e", ctypes.c_uint32), ("p", ctypes.c_uint32), ("i", ctypes.c_uint32)]
    h = H(0x20080522, 0); d = (D * 2)()
    check(libc.capset(ctypes.byref(h), d), "capset")
    t = time.perf_counter()
    x = tf.constant([[1.0, 2.0]]); m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    m.compile("sgd", "mse"); m.fit(numpy.ones((8, 2)), numpy.ones((8, 1)), verbose=0, epochs=1)
    caps = [l for l in open("/proc/self/status") if l.startswith(("CapEff", "CapBnd", "NoNewPrivs", "Uid"))]
    procs = sorted(p for p in os.listdir("/proc") if p.isdigit())
    try:
        check(libc.unshare(CLONE_NEWUSER), "nested unshare"); nested = "nested userns allowed"
    except OSError as e:
        nested = f"nested userns refused: {e}"
    print(json.dumps({"n": n, "pid": os.getpid(), "visible_pids": procs, "caps": [c.strip() for c in caps],
                      "fit_s": round(time.perf_counter() - t, 2), "nested": nested, "tmp": os.listdir("/tmp")}), flush=True)
    open("/tmp/leftover", "w").write("x")
    os._exit(0)
print(json.dumps({"import_s": round(t_import, 2), "threads": len(os.listdir("/proc/self/task"))}), flush=True)
for n in range(3):
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            child(n)
        except BaseException as e:
            print("child failed", repr(e), flush=True); os._exit(1)
    os.waitpid(pid, 0)
    print(json.dumps({"child_total_s": round(time.perf_counter() - t, 2)}), flush=True)
