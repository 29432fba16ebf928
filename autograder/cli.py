"""Command line: `python -m autograder grade|bench|sandbox ...` (see autograder/README.md)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from autograder.grading.assignment import ROOT
from autograder.sandbox.limits import Limits, parse_size


def _limits(args) -> Limits:
    defaults = Limits()
    return Limits(
        cell_timeout=args.cell_timeout if args.cell_timeout is not None else _nbgrader_timeout(defaults.cell_timeout),
        notebook_timeout=args.timeout,
        memory=parse_size(args.memory),
        max_output=parse_size(args.max_output),
        max_notebook_output=max(parse_size(args.max_output), defaults.max_notebook_output),
        max_file_size=parse_size(args.max_file_size),
        max_procs=args.max_procs,
        home_size=parse_size(args.disk),
        cpus=args.cpus,
    )


def _nbgrader_timeout(default: float) -> float:
    """The per-cell timeout of the course's nbgrader_config.py (ExecutePreprocessor.timeout)."""
    try:
        from traitlets.config.loader import PyFileConfigLoader
        config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
        value = config.ExecutePreprocessor.get("timeout")
        return float(value) if value else default
    except Exception:  # noqa: BLE001
        return default


def add_limit_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("limits per submission")
    g.add_argument("--cell-timeout", type=float, default=None,
                   help="seconds per cell, the same for every cell (default for `grade`: derived per cell from the "
                        "reference solution's run, see --time-factor, at most ExecutePreprocessor.timeout of "
                        "nbgrader_config.py)")
    g.add_argument("--time-factor", type=float, default=10.0,
                   help="per-cell limit = this many times the reference solution's time for the cell (default 10)")
    g.add_argument("--time-floor", type=float, default=20.0,
                   help="... but at least this many seconds (default 20)")
    g.add_argument("--timeout", type=float, default=1800, help="seconds per notebook (default 1800)")
    g.add_argument("--memory", default="8G",
                   help="memory of a submission: all its processes together where a memory cgroup can be made, "
                        "else each process's address space (default 8G)")
    g.add_argument("--disk", default="1G", help="size of the submission's folder in the sandbox (default 1G)")
    g.add_argument("--max-output", default="1M", help="output kept per cell (default 1M)")
    g.add_argument("--max-file-size", default="256M", help="largest file a kernel may write (default 256M)")
    g.add_argument("--max-procs", type=int, default=512, help="processes+threads of a kernel (default 512)")
    g.add_argument("--cpus", type=float, default=None,
                   help="cores a submission may keep busy together (default: its kernel's threads + 1); one that "
                        "keeps more busy is slowed down to it and reported")
    p.add_argument("--sandbox", choices=["auto", "bwrap", "rlimit"], default="auto",
                   help="auto: bubblewrap where it works, else resource limits with a warning")


def _add_grade_command(sub) -> None:
    g = sub.add_parser("grade", help="grade a chapter for a batch of submissions")
    g.add_argument("chapter", help="chapter id from course.toml, ko/<chapter id> for the Korean edition (course "
                                   "root ko/), or a path to an instructor notebook")
    g.add_argument("submissions", type=Path,
                   help="nbgrader submitted/ folder (or course root), a flat folder, or a zip exported by an LMS")
    g.add_argument("--course-dir", type=Path, default=ROOT,
                   help="nbgrader course root receiving gradebook.db, submitted/, autograded/, feedback/ "
                        "(default: the repository)")
    g.add_argument("--workers", type=int, default=0, help="parallel submissions (default: number of cores)")
    g.add_argument("--scheduler", default=None,
                   help="Dask scheduler address (tcp://host:port) to grade on a cluster; 'local' starts a local "
                        "Dask cluster of --workers processes")
    g.add_argument("--csv", type=Path, default=None, help="grades CSV (default: COURSE_DIR/grades-CHAPTER.csv)")
    g.add_argument("--roster", type=Path, default=None,
                   help="student ids (one per line, or a CSV with an id column: nbgrader's students.csv, Canvas's "
                        "gradebook export, Blackboard's Grade Center, Moodle's grading worksheet); absent ones get "
                        "'missing notebook'; first/last names are shown on the feedback pages")
    g.add_argument("--pattern", default=None,
                   help="regular expression with a (?P<student>...) group, matched against each file's path")
    g.add_argument("--due", default=None,
                   help="due date, ISO 8601 (2026-01-12T23:59:00+01:00; without an offset: UTC, as nbgrader reads "
                        "--duedate); written to the gradebook as the assignment's due date (default: the one there, "
                        "from `nbgrader db assignment add CHAPTER --duedate=...`)")
    g.add_argument("--lms-timezone", default="UTC",
                   help="time zone of submission times an LMS writes without one (Blackboard's attempt time), e.g. "
                        "Europe/Berlin (default UTC)")
    g.add_argument("--threads", type=int, default=None, help="threads per kernel (default: cores / workers)")
    g.add_argument("--no-feedback", action="store_true", help="do not write feedback HTML")
    g.add_argument("--no-prewarm", action="store_true",
                   help="do not start the next submission's kernel while grading one (halves the kernels alive)")
    g.add_argument("--no-zygote", action="store_true",
                   help="start every kernel from scratch (each imports TensorFlow) instead of forking it from a "
                        "pre-imported interpreter per worker")
    g.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_limit_options(g)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    _add_grade_command(sub)

    b = sub.add_parser("bench", help="submissions per minute vs plain nbgrader, and overhead vs bare nbclient")
    b.add_argument("chapter")
    b.add_argument("--submissions", type=int, default=4)
    b.add_argument("--workers", default="1,2", help="worker counts to measure (default 1,2)")
    b.add_argument("--skip-nbgrader", action="store_true")
    b.add_argument("--grader-only", action="store_true",
                   help="only this autograder with each --workers count (for a class-sized batch)")
    b.add_argument("--repeat", type=int, default=2, help="rounds, in alternating order (default 2)")
    b.add_argument("--keep", type=Path, default=None, help="keep the benchmark folder here")
    add_limit_options(b)

    r = sub.add_parser("report", help="rebuild the class report page from the last run, without grading again")
    r.add_argument("chapter", help="chapter id from course.toml, or a path to an instructor notebook")
    r.add_argument("--dir", type=Path, default=ROOT,
                   help="folder holding the last run's results-CHAPTER.json and the gradebook (default: the "
                        "repository; the folder of --csv if the grades went elsewhere)")

    s = sub.add_parser("sandbox", help="say which sandbox works on this machine")
    s.add_argument("--sandbox", choices=["auto", "bwrap", "rlimit"], default="auto")

    args = parser.parse_args(argv)
    if args.command == "sandbox":
        from autograder.sandbox.mode import detect
        mode = detect(args.sandbox)
        print(f"sandbox: {mode.describe()}")
        if mode.warning:
            print(mode.warning)
        return 0
    if args.command == "report":
        return _report(args.chapter, args.dir)
    if args.command == "bench":
        from coursetools.bench import run_bench
        return run_bench(args.chapter, args.submissions, [int(w) for w in args.workers.split(",")],
                         _limits(args), args.sandbox, skip_nbgrader=args.skip_nbgrader, keep=args.keep,
                         repeat=args.repeat, grader_only=args.grader_only)

    from autograder.grading.batch import Options, grade_batch, summary
    from autograder.intake.roster import read_roster
    roster = read_roster(args.roster) if args.roster else None
    # the Korean edition (`ko/ch01_tensors`) has its own course root, ko/, unless one is given
    course_dir = ROOT / args.chapter.split("/")[0] if "/" in args.chapter and args.course_dir == ROOT and \
        not args.chapter.endswith(".ipynb") else args.course_dir
    opts = Options(target=args.chapter, submissions=args.submissions, course_dir=course_dir,
                   workers=args.workers or (os.cpu_count() or 1), scheduler=args.scheduler, limits=_limits(args),
                   sandbox=args.sandbox, csv=args.csv, roster=roster, pattern=args.pattern,
                   progress=not args.no_progress, feedback=not args.no_feedback, threads=args.threads,
                   prewarm=not args.no_prewarm, zygote=not args.no_zygote, reference_timing=args.cell_timeout is None,
                   time_factor=args.time_factor, time_floor=args.time_floor, due=args.due,
                   lms_timezone=args.lms_timezone)
    try:
        report = grade_batch(opts)
    except (FileNotFoundError, KeyError, RuntimeError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(summary(report))
    return 0


def _report(target: str, folder: Path) -> int:
    from autograder.grading.assignment import resolve
    from autograder.reporting import report

    try:
        page, stats = report.rebuild(resolve(target)[0], Path(folder).resolve())
    except (FileNotFoundError, KeyError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(report.terminal_summary(stats))
    print(f"  class report: {page}")
    return 0
