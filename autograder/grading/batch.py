"""Grade a batch: intake, parallel execution, a single writer, exports.

    report = grade_batch(Options(target="ch01_tensors", submissions=Path("export.zip"), workers=2))

Workers (local processes, or Dask workers when a scheduler is given) only execute and return results;
this process alone writes the gradebook, the autograded notebooks, the feedback pages and the CSV, in the
order results arrive. A submission that breaks anything gets a status; the batch always finishes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import multiprocessing
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from autograder.grading import lateness
from autograder.grading.assignment import ROOT, resolve
from autograder.intake import submissions as intake
from autograder.intake.roster import RosterEntry
from autograder.reporting import feedback
from autograder.reporting import report as class_report
from autograder.runner import timing
from autograder.runner.plan import Plan, exercise_of
from autograder.runner.record import GRADED, INVALID, MISSING, Outcome, Task
from autograder.runner.worker import end_worker, grade_submission
from autograder.sandbox import zygote
from autograder.sandbox.environment import default_datasets
from autograder.sandbox.limits import Limits
from autograder.sandbox.mode import detect
from autograder.sandbox.resources import core_share, fit_concurrency, machine_memory

if TYPE_CHECKING:
    from autograder.grading.gradebook import GradebookWriter  # imported when grading starts: nbgrader is slow to import

EXCHANGE_SECRET = "submission_secret.txt"     # written by `nbgrader submit`, kept by `nbgrader collect`
STATUSES = ["graded", "timeout", "limit exceeded", "invalid notebook", "missing notebook", "tampered", "crashed"]


@dataclass
class Options:
    target: str                               # chapter id from course.toml, or a path to an instructor notebook
    submissions: Path
    course_dir: Path = ROOT
    workers: int = 0                          # 0: number of cores
    scheduler: str | None = None              # Dask scheduler address, or "local" for a local Dask cluster
    limits: Limits = field(default_factory=Limits)
    sandbox: str = "auto"
    csv: Path | None = None
    roster: list[RosterEntry] | list[str] | None = None   # ids, with names when the roster has them
    pattern: str | None = None
    progress: bool = True
    feedback: bool = True
    class_page: bool = True                   # write report-<chapter>.html (the class report) beside the CSV
    threads: int | None = None                # threads per kernel (default: cores / workers)
    prewarm: bool = True                      # start the next kernel while grading (local workers, no zygote)
    zygote: bool = True                       # fork kernels from a pre-imported interpreter per worker
    stream: object = None                     # where progress and the summary go (default stderr)
    reference_timing: bool = False            # per-cell limits from the reference solution's run (autograder.runner.timing)
    time_factor: float = timing.FACTOR        # ... that many times the reference cell's time
    time_floor: float = timing.FLOOR          # ... at least this many seconds (at most limits.cell_timeout)
    due: str | None = None                    # the due date (ISO 8601), written to the gradebook; else the gradebook's
    lms_timezone: str = "UTC"                 # zone of LMS times written without one (Blackboard's attempt time)


@dataclass
class Report:
    rows: list[dict]
    outcomes: dict[str, Outcome]
    plan: Plan
    csv: Path
    layout: str
    sandbox: str
    seconds: float
    grading_seconds: float
    workers: int
    page: Path | None = None                  # the class report, report-<chapter>.html beside the CSV
    class_summary: str = ""
    zygote: bool = False                      # kernels were forked from a pre-imported interpreter per worker

    def by_student(self, student: str) -> dict:
        return next(r for r in self.rows if r["student"] == student)


# ---------------------------------------------------------------------------------------------- executors

def _init_worker() -> None:
    from multiprocessing.util import Finalize

    from autograder.runner.worker import end_worker

    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    Finalize(None, end_worker, exitpriority=100)        # no warm kernel outlives its worker process


class LocalExecutor:
    """Up to `workers` submissions at a time in local worker processes (in this process when workers == 1)."""

    def __init__(self, workers: int, prewarm: bool = True):
        self.workers, self.prewarm = workers, prewarm

    def run(self, tasks: list[Task]):
        # Each worker starts the next submission's kernel while it grades one (the last ones need no spare).
        for i, task in enumerate(tasks):
            task.prewarm = self.prewarm and i < len(tasks) - max(1, self.workers)
        if self.workers <= 1:
            try:
                for task in tasks:
                    yield task, grade_submission(task)
            finally:
                end_worker(keep_zygote=True)      # its zygote serves this process's next batch of this assignment
            return
        pending = list(tasks)
        attempts: dict[int, int] = {}
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["autograder.runner.worker"])
        while pending:
            pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_init_worker)
            futures = {pool.submit(grade_submission, t): t for t in pending}
            pending = []
            broken = False
            try:
                not_done = set(futures)
                while not_done:
                    done, not_done = wait(not_done, return_when=FIRST_COMPLETED)
                    for fut in done:
                        task = futures[fut]
                        try:
                            yield task, fut.result()
                        except BrokenProcessPool:
                            broken = True
                            attempts[id(task)] = attempts.get(id(task), 0) + 1
                            if attempts[id(task)] >= 2:
                                yield task, _failed(task, "the grading worker process died twice on this submission")
                            else:
                                pending.append(task)
                        except Exception as err:  # noqa: BLE001
                            yield task, _failed(task, f"grading worker error: {type(err).__name__}: {err}")
            finally:
                pool.shutdown(wait=not broken, cancel_futures=True)


class DaskExecutor:
    """Submissions as tasks on a Dask cluster (`address`), or on a local cluster of worker processes."""

    def __init__(self, address: str, workers: int):
        self.address, self.workers = address, workers

    def run(self, tasks: list[Task]):
        from distributed import Client, LocalCluster, as_completed

        cluster = None
        if self.address == "local":
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(self.address)
        try:
            futures = {}
            for task in tasks:
                fut = client.submit(grade_submission, task, pure=False, key=f"grade-{task.student}-{time.time_ns()}")
                futures[fut.key] = (fut, task)
            for fut in as_completed([f for f, _ in futures.values()]):
                task = futures[fut.key][1]
                try:
                    yield task, fut.result()
                except Exception as err:  # noqa: BLE001 - KilledWorker, lost connections, ...
                    yield task, _failed(task, f"Dask task failed: {type(err).__name__}: {err}")
                fut.release()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _failed(task: Task, reason: str) -> Outcome:
    out = Outcome.empty(task.student, Plan.from_dict(task.plan))
    out.status, out.reason = "crashed", reason
    return out


# ---------------------------------------------------------------------------------------------- progress

class Progress:
    def __init__(self, total: int, stream, enabled: bool):
        self.total, self.stream, self.enabled = total, stream, enabled
        self.done = 0
        self.counts: dict[str, int] = {}
        self.started = time.monotonic()
        self.tty = enabled and hasattr(stream, "isatty") and stream.isatty()

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else 0
        width = 30
        filled = int(width * self.done / max(1, self.total))
        counts = " · ".join(f"{s} {n}" for s, n in self.counts.items())
        bar = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}  {counts}  " \
              f"{elapsed:.0f}s elapsed, ~{left:.0f}s left"
        if self.tty:
            self.stream.write("\r" + bar.ljust(110))
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"{bar}  — {outcome.student}: {outcome.status} "
                              f"{outcome.score:g}/{outcome.max_score:g}\n")
        self.stream.flush()


# ---------------------------------------------------------------------------------------------- outputs

def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if isinstance(data, str):
        data = data.encode("utf-8")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _same_file(a: Path | None, b: Path) -> bool:
    try:
        return a is not None and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def csv_rows(plan: Plan, outcomes: dict[str, Outcome], subs: dict[str, intake.Submission],
             late: dict[str, lateness.Lateness] | None = None) -> list[dict]:
    rows = []
    for student in sorted(outcomes):
        o = outcomes[student]
        sub = subs.get(student)
        verdict = (late or {}).get(student) or lateness.Lateness()
        row = {"student": student, "name": sub.name if sub else "", "chapter": plan.assignment,
               "status": o.status, "score": f"{o.score:g}", "max_score": f"{plan.max_score:g}",
               "late": verdict.late, "late_penalty": f"{verdict.penalty:g}"}
        for ex in plan.exercises:
            row[ex] = f"{sum(t.score for g, t in o.tests.items() if exercise_of(g) == ex):g}"
        row["reason"] = o.reason
        row["file"] = sub.origin if sub else ""
        rows.append(row)
    return rows


def write_csv(path: Path, plan: Plan, rows: list[dict]) -> None:
    buf = io.StringIO()
    fields = ["student", "name", "chapter", "status", "score", "max_score", "late", "late_penalty", *plan.exercises,
              "reason", "file"]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    _write(path, buf.getvalue())


def _zygote_usable(opts: Options, mode, stream) -> bool:
    """Whether kernels are forked from a pre-imported interpreter; says once why not where it cannot be had."""
    if not opts.zygote or mode.name != "bwrap":
        return False
    why = zygote.works()
    if why:
        print(f"NOTE: every kernel imports TensorFlow itself (slower; the same isolation): a pre-imported "
              f"interpreter per worker cannot be used here: {why}.", file=stream)
    return why is None


def _fit_workers(opts: Options, subs: list[intake.Submission], use_zygote: bool, stream) -> tuple[int, bool]:
    """(workers, prewarm): every local kernel may use the memory limit, so workers x kernels x limit must fit."""
    workers = opts.workers or os.cpu_count() or 1
    prewarm = opts.prewarm and not use_zygote       # a zygote's kernel starts at once: no spare kernels
    n_tasks = sum(1 for s in subs if not s.status)
    if not opts.scheduler and n_tasks:
        local = min(workers, n_tasks)
        fit = fit_concurrency(local, prewarm and n_tasks > local, opts.limits.memory, machine_memory())
        if fit.refused:
            raise RuntimeError(fit.message.removeprefix("error: "))
        if fit.message:
            print(f"NOTE: {fit.message}", file=stream)
            workers, prewarm = fit.workers, fit.prewarm
    return workers, prewarm


def _tasks(subs: list[intake.Submission], plan: Plan, common: dict) -> tuple[list[Task], dict[str, Outcome]]:
    """(tasks for the workers, outcomes of the submissions there is nothing to run for)."""
    tasks, outcomes = [], {}
    for sub in subs:
        if sub.status:
            out = Outcome.empty(sub.student, plan)
            out.status, out.reason = sub.status, "; ".join([sub.reason, *sub.notes]).strip("; ")
            out.set_tests(message=f"not run: {sub.status}")
            outcomes[sub.student] = out
        else:
            tasks.append(Task(sub.student, data=sub.data, files=sub.files, notes=sub.notes, **common))
    return tasks, outcomes


@dataclass
class _Sink:
    """The single writer's side of a batch: each outcome's lateness, gradebook row, files and progress."""
    writer: GradebookWriter
    plan: Plan
    subs: dict[str, intake.Submission]
    policy: lateness.Policy
    lms_zone: tzinfo
    course_dir: Path
    with_feedback: bool
    keep_copies: bool                         # False when the input is this course's own submitted/ folder
    progress: Progress
    late: dict[str, lateness.Lateness] = field(default_factory=dict)

    def take(self, out: Outcome) -> None:
        sub = self.subs[out.student]
        found = lateness.of_submission(sub, self.writer.deadline(sub.student), self.lms_zone)
        verdict = self.late[sub.student] = self.policy.apply(found, sub.student, float(out.score))
        self.writer.record(out, verdict, sub.person)
        _export(out, self.plan, sub, verdict, self.course_dir, self.with_feedback, self.keep_copies)
        out.autograded = None                       # written to disk; keep memory flat for big classes
        self.progress.update(out)


def _deadline_options(opts: Options) -> tuple[datetime | None, tzinfo]:
    """(--due in UTC, the zone of LMS times written without one)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo(opts.lms_timezone)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ValueError(f"--lms-timezone {opts.lms_timezone!r} is not a time zone name") from err
    due = None
    if opts.due:
        due = lateness.parse_time(opts.due)                  # without a zone: UTC, as nbgrader's --duedate
        if due is None:
            raise ValueError(f"--due {opts.due!r} is not a date and time (ISO 8601, e.g. 2026-01-12T23:59:00+01:00)")
    return due, zone


def grade_batch(opts: Options) -> Report:
    from autograder.grading.gradebook import GradebookWriter, course_config, prepare

    t0 = time.monotonic()
    stream = opts.stream or sys.stderr
    course_dir = Path(opts.course_dir).resolve()
    assignment, source = resolve(opts.target)
    due, lms_zone = _deadline_options(opts)
    policy = lateness.load_policy(course_config(course_dir), course_dir)
    mode = detect(opts.sandbox)
    if mode.warning:
        print(mode.warning, file=stream)
    use_zygote = _zygote_usable(opts, mode, stream)
    plan, _release = prepare(source, assignment, course_dir)
    subs, layout = intake.collect(Path(opts.submissions), assignment, opts.pattern, opts.roster)
    workers, prewarm = _fit_workers(opts, subs, use_zygote, stream)
    threads = opts.threads or core_share(min(workers, len(subs)))
    datasets = {}
    for path in default_datasets():
        datasets["KERAS_HOME" if "keras" in path.lower() else "SCIKIT_LEARN_DATA"] = path
    limits = opts.limits
    if opts.reference_timing and any(not s.status for s in subs):
        limits = timing.reference_limits(source, plan, mode, limits, datasets, threads, course_dir / ".autograder",
                                         factor=opts.time_factor, floor=opts.time_floor, stream=stream)
    tasks, outcomes = _tasks(subs, plan, {"plan": plan.to_dict(), "limits": limits.__dict__, "sandbox": opts.sandbox,
                                          "threads": threads, "datasets": datasets, "zygote": use_zygote})
    by_student = {s.student: s for s in subs}
    writer = GradebookWriter(course_dir, plan)
    sink = _Sink(writer, plan, by_student, policy, lms_zone, course_dir, opts.feedback,
                 Path(opts.submissions).resolve() not in (course_dir, course_dir / "submitted"),
                 Progress(len(subs), stream, opts.progress))
    try:
        if due is not None:
            writer.set_due(due)
        for out in outcomes.values():
            sink.take(out)
        grading_started = time.monotonic()
        if opts.scheduler:
            executor = DaskExecutor(opts.scheduler, workers)
        else:
            executor = LocalExecutor(min(workers, max(1, len(tasks))), prewarm)
        for _task, out in executor.run(tasks):
            outcomes[out.student] = out
            sink.take(out)
        grading_seconds = time.monotonic() - grading_started
    finally:
        writer.close()
    rows = csv_rows(plan, outcomes, by_student, sink.late)
    csv_path = Path(opts.csv) if opts.csv else course_dir / f"grades-{assignment}.csv"
    write_csv(csv_path, plan, rows)
    page, overview = None, ""
    if opts.class_page:
        names = {s.student: s.name for s in subs if s.name}
        page, stats = class_report.write_report(plan, outcomes, csv_path.parent, names=names, lateness=sink.late,
                                                late_policy=policy.name)
        overview = class_report.terminal_summary(stats)
    return Report(rows, outcomes, plan, csv_path, layout, mode.name, time.monotonic() - t0, grading_seconds,
                  workers, page, overview, use_zygote)


def _export(out: Outcome, plan: Plan, sub: intake.Submission, verdict: lateness.Lateness, course_dir: Path,
            with_feedback: bool, keep_copies: bool) -> None:
    student, assignment = out.student, plan.assignment
    nb_name = f"{plan.notebook}.ipynb"
    # nbgrader's timestamp.txt beside the notebook, so plain nbgrader (autograde, release_feedback) sees the time too
    stamp = lateness.stamp(verdict.submitted) if verdict.submitted else sub.timestamp
    autograded_nb = None
    if keep_copies and out.valid and sub.data is not None:
        submitted = course_dir / "submitted" / student / assignment / nb_name
        if not _same_file(sub.path, submitted):
            if not submitted.exists() or hashlib.sha256(submitted.read_bytes()).digest() != hashlib.sha256(
                    sub.data).digest():
                _write(submitted, sub.data)
            if stamp:
                _write(submitted.parent / "timestamp.txt", stamp)
    target = course_dir / "autograded" / student / assignment / nb_name
    if not out.autograded and target.exists():
        target.unlink()                                   # stale result of an earlier run
    if out.autograded:
        _write(target, out.autograded)
        if stamp:
            _write(target.parent / "timestamp.txt", stamp)
        autograded_nb = nbformat.reads(out.autograded, as_version=4)
    if with_feedback:
        page = feedback.render(out, plan, autograded_nb, name=sub.name, lateness=verdict)
        target = course_dir / "feedback" / student / assignment
        _write(target / f"{plan.notebook}.html", page)
        # What `nbgrader release_feedback` reads beside the page to file it where the student's Fetch Feedback
        # looks (submissions that came through nbgrader's exchange carry both files). The time as nbgrader wrote
        # it: the secret's hash is made from that text.
        secret = sub.files.get(EXCHANGE_SECRET)
        if sub.timestamp and secret is not None:
            _write(target / "timestamp.txt", sub.timestamp)
            _write(target / EXCHANGE_SECRET, secret)


def summary(report: Report) -> str:
    counts: dict[str, int] = {}
    for row in report.rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    graded = sum(1 for o in report.outcomes.values() if o.status not in (INVALID, MISSING))
    rate = graded / report.grading_seconds * 60 if report.grading_seconds > 0 else 0
    lines = [(f"{report.plan.assignment}: {len(report.rows)} submissions ({report.layout} layout) in "
              f"{report.seconds:.1f} s — {rate:.1f} submissions/min with {report.workers} workers, "
              f"sandbox: {report.sandbox}"),
             "  " + ", ".join(f"{s}: {counts[s]}" for s in STATUSES if s in counts),
             f"  grades: {report.csv}"]
    if report.page:
        lines.append(f"  class report: {report.page}")
    for row in report.rows:
        if row["status"] != GRADED:
            lines.append(f"  {row['student']}: {row['status']} — {row['reason'][:200]}")
    if report.class_summary:
        lines.append(report.class_summary)
    return "\n".join(lines)
