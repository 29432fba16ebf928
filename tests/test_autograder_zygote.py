"""The pre-imported interpreter per worker (autograder/sandbox/zygote.py): kernels forked from it are confined as before,
nothing one submission does reaches the next one in the same worker, and grading falls back when it cannot be had.
"""

import json
import os
import sys
from pathlib import Path
from unittest import mock

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import grade, submission, write

from autograder.sandbox import zygote
from autograder.sandbox.bwrap import python_roots
from autograder.sandbox.limits import Limits
from autograder.sandbox.mode import detect
from autograder.sandbox.sandbox import Sandbox

MODE = detect("auto")
needs_bwrap = pytest.mark.skipif(MODE.name != "bwrap", reason="the zygote lives in a bubblewrap sandbox")
MARK = "zygote-leak-5c1d"
BOUND_UNDER_TMP = {Path(p).parts[2] for p in python_roots() if p.startswith("/tmp/")}
GiB = 1 << 30

ATTACK = f'''
import ctypes, json, math, os, signal, subprocess, sys
import numpy as np
MARK = {MARK!r}
tried = {{}}
np.mean = lambda *a, **k: 42.0                  # patch modules in memory
math.sqrt = lambda x: 5.0
for folder in ("/tmp", "/dev/shm", "/home/student", "/run/ipc"):
    try:
        open(os.path.join(folder, MARK), "w").write("left behind")
    except OSError as err:
        tried[folder] = err.strerror
for target in ("/proc/1/mem", "/proc/1/environ", "/usr/" + MARK, os.path.join(sys.prefix, MARK), "/" + MARK):
    try:
        with open(target, "w") as f:
            f.write("x")
        tried[target] = "written"
    except OSError as err:
        tried[target] = err.strerror
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", MARK], start_new_session=True)
libc = ctypes.CDLL(None, use_errno=True)
tried["ptrace pid 1"] = "attached" if libc.ptrace(16, 1, 0, 0) == 0 else os.strerror(ctypes.get_errno())
for sig in (signal.SIGINT, signal.SIGSTOP, signal.SIGKILL):
    try:
        os.kill(1, sig)
    except OSError as err:
        tried[f"signal {{sig}}"] = err.strerror
tried["user namespace"] = "created" if libc.unshare(0x10000000) == 0 else os.strerror(ctypes.get_errno())
print("ATTACK " + json.dumps(tried))
'''

SPY = f'''
import json, math, os
import numpy as np
MARK = {MARK!r}
found = []
for root in ("/tmp", "/dev/shm", "/home/student", "/run", "/var/tmp"):
    for folder, _, files in os.walk(root):
        found += [os.path.join(folder, f) for f in files if MARK in f]
procs = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
marked = [p for p in procs if MARK.encode() in open(f"/proc/{{p}}/cmdline", "rb").read()]
print("SPY " + json.dumps({{"found": found, "procs": procs, "marked": marked, "mean": float(np.mean([1, 2, 3])),
                            "sqrt": math.sqrt(16.0), "home": sorted(os.listdir("/home/student"))}}))
'''


def _printed(course: Path, student: str, prefix: str) -> dict:
    nb = nbformat.read(course / "autograded" / student / "mini" / "mini.ipynb", as_version=4)
    for c in nb.cells:
        for out in c.get("outputs", []):
            for line in out.get("text", "").splitlines():
                if line.startswith(prefix):
                    return json.loads(line[len(prefix):])
    raise AssertionError(f"{student} printed no {prefix.strip()} line")


def _host_processes_with(mark: str) -> list[int]:
    out = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if mark.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                out.append(int(pid))
        except OSError:
            pass
    return out


@needs_bwrap
def test_a_forked_kernel_is_confined_like_a_bubblewrap_kernel():
    assert zygote.works() is None, zygote.works()
    z = zygote.Zygote({"PATH": "/usr/bin:/bin"}, [], [])
    try:
        z.wait_ready(60)
        reports = []
        for name in ("first.txt", "second.txt"):
            box = Sandbox(MODE, Limits(), zygote=z, files={name: b"mine"})
            try:
                box.launch_probe()
                reports.append(box.probe_report(30))
            finally:
                box.cleanup()
    finally:
        z.stop()
    for report, name in zip(reports, ("first.txt", "second.txt")):
        assert report is not None
        assert (report["uid"], report["gid"], report["no_new_privs"]) == (65534, 65534, "1")
        assert int(report["cap_eff"], 16) == 0 and int(report["cap_bnd"], 16) == 0
        assert report["pids"] == [1, 2], "a kernel sees only its own pid namespace"
        assert report["home"] == [name], "its folder holds its own files only"
        # a fresh /tmp: nothing in it but the folders of read-only binds that live under /tmp (a venv in /tmp, say)
        assert set(report["tmp"]) <= BOUND_UNDER_TMP and not report["stage_visible"], report["tmp"]
        assert report["nested_userns"].startswith("refused") and report["proc_sys"].startswith("refused")
        assert report["interfaces"] == ["lo"] and report["hostname"] == "sandbox"
        assert report["python_install"], "the Python install is visible (also where it lives under /tmp)"


@needs_bwrap
def test_nothing_a_submission_does_reaches_the_next_one_in_the_same_worker(tmp_path):
    chain, alone = tmp_path / "chain", tmp_path / "alone"
    victim = submission(wrong=("ex2_mean",))
    write(submission(append={"ex1_add": ATTACK}), chain / "a_attacker.ipynb")
    write(submission(append={"ex1_add": SPY}), chain / "b_spy.ipynb")
    write(victim, chain / "c_victim.ipynb")
    write(victim, alone / "c_victim.ipynb")
    # one worker: the three are forked from the same zygote, one after the other
    report = grade(chain, tmp_path / "course-chain", workers=1)
    assert report.zygote, report.log
    alone_report = grade(alone, tmp_path / "course-alone", workers=1)

    tried = _printed(tmp_path / "course-chain", "a_attacker", "ATTACK ")
    for target in ("/proc/1/mem", "/proc/1/environ", "/usr/" + MARK, "/" + MARK):
        assert tried[target] != "written", (target, tried)
    assert tried["ptrace pid 1"] != "attached" and tried["user namespace"] != "created", tried

    spy = _printed(tmp_path / "course-chain", "b_spy", "SPY ")
    assert spy["found"] == [] and spy["marked"] == [], spy
    assert (spy["mean"], spy["sqrt"]) == (2.0, 4.0), "a module patched by the previous submission leaked"
    assert spy["procs"][:2] == [1, 2] and spy["home"] == [], spy
    assert report.outcomes["b_spy"].score == 7

    chained, single = report.outcomes["c_victim"], alone_report.outcomes["c_victim"]
    assert (chained.status, chained.score) == (single.status, single.score) == ("graded", 4)
    assert {k: t.score for k, t in chained.tests.items()} == {k: t.score for k, t in single.tests.items()}
    assert _host_processes_with(MARK) == [], "a process the attacker started outlived its submission"


def test_grading_falls_back_and_says_so_once_where_no_zygote_can_start(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    for name in ("one", "two", "three"):
        write(submission(wrong=("ex3_hypotenuse",) if name == "two" else ()), folder / f"{name}.ipynb")
    monkeypatch.setattr(zygote, "works", lambda: "user namespaces are not allowed here (simulated)")
    # a machine with 4 GiB: 2 workers x 2 kernels (one kept warm) x 1.5 GiB does not fit, 2 x 1 x 1.5 does
    with mock.patch("autograder.grading.batch.machine_memory", return_value=4 * GiB):
        report = grade(folder, tmp_path / "course", workers=2, limits={"memory": 3 * GiB // 2})
    assert not report.zygote
    if MODE.name == "bwrap":
        assert report.log.count("pre-imported interpreter per worker cannot be used here: user namespaces are not "
                                "allowed here (simulated)") == 1, report.log
    assert "2 workers × 2 kernels × 1.5 GiB memory limit = 6 GiB, more than this machine's 4 GiB" in report.log
    assert {s: o.score for s, o in report.outcomes.items()} == {"one": 7, "two": 5, "three": 7}

    forced = grade(folder, tmp_path / "course-forced", workers=1, zygote=False)
    assert not forced.zygote and "pre-imported" not in forced.log
    assert {s: o.score for s, o in forced.outcomes.items()} == {"one": 7, "two": 5, "three": 7}


def test_the_zygote_preloads_the_instructors_imports_only():
    from autograder.runner.plan import PlanCell

    def code(source, release=None):
        return PlanCell(0, None, "code", "free", None, 0, source, source if release is None else release)

    plan = mock.Mock(imports=["numpy", "math"], cells=[
        code("import tensorflow as tf\nfrom keras import layers\n  import indented_only"),
        code("### BEGIN SOLUTION\nimport secret_solution_module\n### END SOLUTION", release="raise NotImplementedError"),
        PlanCell(0, None, "markdown", "free", None, 0, "import markdown_text", "import markdown_text"),
    ])
    # in the notebook's order, then what the grader's preamble needs
    assert zygote.preload_for(plan) == ["ipykernel.kernelapp", "tensorflow", "keras", "numpy", "math"]


@needs_bwrap
def test_a_worker_reuses_its_zygote_only_for_the_same_imports():
    # a kernel forked from a zygote that imported more would carry that memory and address space (RLIMIT_AS) too:
    # its limits would depend on what the worker graded before (a 2 GB mini kernel after a TensorFlow chapter died)
    env, small, big = {"PATH": "/usr/bin:/bin"}, ["ipykernel.kernelapp", "json"], ["ipykernel.kernelapp", "json", "csv"]
    try:
        first = zygote.for_worker(env, [], big)
        assert zygote.for_worker(env, [], list(big)) is first, "the same imports: the same zygote"
        second = zygote.for_worker(env, [], small)
        assert second is not first and second.preload == small and not first.alive()
    finally:
        zygote.stop_worker()


def test_the_cli_has_a_switch_for_the_old_path(capsys):
    from autograder.cli import main
    with pytest.raises(SystemExit):
        main(["grade", "--help"])
    assert "--no-zygote" in capsys.readouterr().out


@needs_bwrap
@pytest.mark.parametrize("use_zygote", [True, False], ids=["zygote", "no-zygote"])
def test_keras_finds_its_read_only_dataset_cache(tmp_path, use_zygote):
    # keras.utils.get_file looks in /tmp/.keras when $KERAS_HOME is not writable; the sandbox binds the cache there
    if not os.environ.get("KERAS_HOME"):
        pytest.skip("no dataset cache seeded")
    probe = ("import os\nhome = os.path.join(os.environ['KERAS_HOME'], 'datasets')\n"
             "assert not os.access(home, os.W_OK)\n"
             "assert sorted(os.listdir('/tmp/.keras/datasets')) == sorted(os.listdir(home)) != []\n")
    write(submission(append={"ex1_add": probe}), tmp_path / "in" / "kim.ipynb")
    report = grade(tmp_path / "in", tmp_path / "course", workers=1, zygote=use_zygote)
    assert report.zygote == use_zygote
    assert report.outcomes["kim"].score == 7, report.outcomes["kim"].tests
