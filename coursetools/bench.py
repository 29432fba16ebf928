"""Benchmark: `python -m autograder bench CHAPTER --submissions N` (or `make benchmark`).

On one batch of N submissions (the student release with the reference answers filled in), in one run:

- bare nbclient: each notebook executed as is, one after the other (no grading at all);
- plain nbgrader: `nbgrader autograde CHAPTER` over the same submissions (sequential, unsandboxed);
- this autograder with each requested --workers count (sandboxed, integrity checks, feedback, CSV), and with the
  most workers but `--no-zygote` (every kernel imports TensorFlow itself: the path before the zygote).

With `--grader-only`, only this autograder's --workers counts run (for a class-sized batch: for 200 submissions the
other three would take about an hour together). Reported: submissions per minute, the speed-up over plain nbgrader,
and the overhead of `--workers 1` over bare execution. The load average is printed before and after: other work on
the machine skews the figures.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.grading.assignment import resolve
from autograder.grading.batch import Options, grade_batch
from autograder.sandbox import zygote
from autograder.sandbox.limits import Limits
from autograder.sandbox.mode import detect
from coursetools.course import ROOT

OLD_PATH = "autograder --no-zygote (max workers)"
BARE = "bare nbclient, sequential"
NBGRADER = "plain nbgrader autograde"


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def make_submissions(source: Path, assignment: str, n: int, folder: Path) -> list[Path]:
    """N student-format notebooks: the nbgrader release with the reference answers in the answer cells."""
    from autograder.grading.gradebook import prepare

    with tempfile.TemporaryDirectory() as tmp:
        _, release = prepare(source, assignment, Path(tmp))
    answers = {}
    for cell in nbformat.read(source, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            answers[meta["grade_id"]] = cell.source
    for cell in release.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    paths = []
    for i in range(n):
        path = folder / "submitted" / f"student{i:02d}" / assignment / f"{assignment}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(release, path)
        paths.append(path)
    return paths


def bare_nbclient(paths: list[Path], timeout: float) -> float:
    from nbclient import NotebookClient

    from autograder.grading.gradebook import grading_environment

    started = time.monotonic()
    with grading_environment():
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                           resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.monotonic() - started


def plain_nbgrader(source: Path, assignment: str, folder: Path) -> float:
    from autograder.grading.gradebook import GRADING_ENV

    course = folder / "nbgrader-course"
    shutil.copytree(folder / "submitted", course / "submitted")
    shutil.copy2(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    (course / "solutions" / assignment).mkdir(parents=True)
    shutil.copyfile(source, course / "solutions" / assignment / f"{assignment}.ipynb")
    env = {**os.environ, **GRADING_ENV,
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    nbgrader = [sys.executable, "-m", "nbgrader"]
    done = subprocess.run([*nbgrader, "generate_assignment", assignment, "--force"], cwd=course, env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader generate_assignment failed:\n{done.stderr[-2000:]}")
    started = time.monotonic()
    done = subprocess.run([*nbgrader, "autograde", assignment, "--force"], cwd=course, env=env,
                          capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader autograde failed:\n{done.stderr[-2000:]}")
    return elapsed


def ours(target: str, folder: Path, workers: int, limits: Limits, sandbox: str, use_zygote: bool = True
         ) -> tuple[float, dict]:
    course = folder / f"course-w{workers}{'' if use_zygote else '-no-zygote'}"
    shutil.rmtree(course, ignore_errors=True)
    zygote.stop_worker()                  # every run starts its zygotes (TensorFlow imports) from nothing
    started = time.monotonic()
    report = grade_batch(Options(target=target, submissions=folder, course_dir=course, workers=workers, limits=limits,
                                 sandbox=sandbox, progress=False, stream=io.StringIO(), zygote=use_zygote))
    elapsed = time.monotonic() - started
    statuses: dict[str, int] = {}
    for row in report.rows:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    return elapsed, statuses


def run_bench(target: str, n: int, workers_list: list[int], limits: Limits, sandbox: str = "auto",
              skip_nbgrader: bool = False, keep: Path | None = None, repeat: int = 1, grader_only: bool = False) -> int:
    """Run every configuration `repeat` times, alternating the order (ABC CBA ...) so that a change in the
    machine's load during the run affects all of them alike; report the mean time of each. `grader_only`: only
    this autograder with the requested --workers counts (see the module's docstring)."""
    assignment, source = resolve(target)
    mode = detect(sandbox)
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="ag-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    configs: list[tuple[str, object]] = []
    if not grader_only:
        configs.append((BARE, lambda: (bare_nbclient(paths, limits.cell_timeout), {})))
        if not skip_nbgrader:
            configs.append((NBGRADER, lambda: (plain_nbgrader(source, assignment, folder), {})))
        # the path every kernel took before the zygote (each imports TensorFlow; the next kernel is started ahead)
        configs.append((OLD_PATH, lambda: ours(target, folder, max(workers_list), limits, sandbox, False)))
    for w in workers_list:
        configs.append((f"autograder --workers {w}", lambda w=w: ours(target, folder, w, limits, sandbox)))
    times: dict[str, list[float]] = {name: [] for name, _ in configs}
    try:
        paths = make_submissions(source, assignment, n, folder)
        print(f"benchmark {assignment}: {n} submissions, {os.cpu_count()} cores, sandbox {mode.name}, "
              f"{repeat} round(s); load average before: {_load()}", flush=True)
        for r in range(repeat):
            for name, run in (configs if r % 2 == 0 else configs[::-1]):
                shutil.rmtree(folder / "nbgrader-course", ignore_errors=True)
                t, statuses = run()
                times[name].append(t)
                print(f"  round {r + 1}: {name:38s} {t:7.1f} s  {statuses or ''}  (load {_load()})", flush=True)
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    mean = {name: sum(ts) / len(ts) for name, ts in times.items()}
    bare = mean.get(BARE)
    nbgrader = mean.get(NBGRADER)
    old = mean.get(OLD_PATH)
    print(f"\nmean of {repeat} round(s), {n} submissions of {assignment}:")
    for name, t in mean.items():
        line = f"  {name:38s} {t:7.1f} s  {n / t * 60:6.2f} submissions/min"
        if name.startswith("autograder") and bare:
            line += f"  vs bare {100 * (t / bare - 1):+6.1f} %"
            if nbgrader:
                line += f"  {nbgrader / t:4.2f}x plain nbgrader"
            if old and name != OLD_PATH:
                line += f"  {old / t:4.2f}x --no-zygote"
        print(line)
    print(f"load average after: {_load()}  (1, 5, 15 min; {os.cpu_count()} cores)")
    return 0
