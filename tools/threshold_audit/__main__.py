"""python -m tools.threshold_audit [CHAPTER | TEST_GRADE_ID ...] [--seeds N] [--threads 1 2] [--report]

Runs the selected audits (default: all) and keeps each one's runs in .cache/threshold_audit/; then, from the runs of
every audit, prints the table and writes results/threshold_audit.json (figures do not depend on the thresholds, so
`--report` re-judges new thresholds without running anything). `--answers TEXT` and `--kind right|wrong` run only
some answers, and add their runs to those kept.
"""

import argparse
import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from coursetools import notebook
from coursetools.course import Chapter, chapters
from data.fixtures import seeded_caches
from tools.threshold_audit import report, run, specs
from tools.threshold_audit.spec import Answer, Audit

RESULTS = ROOT / "results" / "threshold_audit.json"
RUNS = ROOT / ".cache" / "threshold_audit"
DATA_NOTE = ("California housing: the real file; Fashion-MNIST: the generated stand-in (data/fashion_mnist_standin.py), "
             "calibrated to the real data's difficulty (results/standin_calibration.json)")


def _course_answers(audit: Audit) -> tuple[Answer, ...]:
    """The suite's own right and wrong answers to this exercise (tests/right_answers, tests/wrong_answers)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_grading import right_answers, wrong_answers

    chapter = Chapter(audit.chapter, "")
    order = [c.grade_id for c in notebook.nbgrader_cells(notebook.read(chapter.source))]
    out = []
    for entry in right_answers(chapter):
        if audit.answer_cell in entry["cells"]:
            before = {g: s for g, s in entry["cells"].items() if order.index(g) < order.index(audit.answer_cell)}
            out.append(Answer(f"right_answers:{entry['name']}", entry["cells"][audit.answer_cell], True, before, True))
    for n, entry in enumerate(wrong_answers(chapter)):
        if entry["cell"] == audit.answer_cell:
            out.append(Answer(f"wrong_answers:{n}", entry["source"], False, whole_cell=True))
    return tuple(out)


def audits() -> list[Audit]:
    out = []
    for module in pkgutil.iter_modules(specs.__path__):
        for audit in importlib.import_module(f"{specs.__name__}.{module.name}").AUDITS:
            out.append(Audit(audit.chapter, audit.answer_cell, audit.answers + _course_answers(audit),
                             audit.margin, audit.why))
    known = {c.id for c in chapters()}
    assert all(a.chapter in known for a in out), "an audit names an unknown chapter"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("select", nargs="*", help="chapters or test grade_ids (default: all, and write the results)")
    parser.add_argument("--seeds", type=int, default=10, help="seeds per answer and thread count (default 10)")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="thread counts (default 1 2)")
    # One more than the cores: much of a run is single-threaded Python (tracing), so a 2-thread run leaves room.
    parser.add_argument("--cores", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--answers", default="", help="only answers whose name contains this text")
    parser.add_argument("--kind", choices=("right", "wrong"), help="only the reasonable answers, or only the wrong")
    parser.add_argument("--report", action="store_true", help="run nothing: judge the kept runs again")
    args = parser.parse_args()

    chosen = [a for a in audits() if not args.select
              or a.chapter in args.select or a.test_cell in args.select or a.id in args.select]
    if args.answers or args.kind:
        chosen = [Audit(a.chapter, a.answer_cell, tuple(x for x in a.answers if args.answers in x.name
                                                        and (args.kind is None or x.right == (args.kind == "right"))),
                        a.margin, a.why) for a in chosen]
    if not args.report:
        print(f"auditing {len(chosen)} test(s), {sum(len(a.answers) for a in chosen)} answers, "
              f"{args.seeds} seeds, threads {args.threads}, {args.cores} cores")
        with seeded_caches():
            run.run(chosen, list(range(args.seeds)), args.threads, args.cores, finished=_keep)
    everything = audits()
    missing = [a.id for a in everything if not _runs_file(a).exists()]
    records = [json.loads(line) for a in everything if _runs_file(a).exists()
               for line in _runs_file(a).read_text().splitlines()]
    rows = [row for audit in everything for row in report.rows(audit, records)]
    rejections = [report.rejection(audit, records) for audit in everything]
    print(report.table(rows))
    print(report.rejection_table(rejections))
    if missing:
        print(f"not written: no runs yet for {missing}")
    else:
        seeds = max(r["seed"] for r in records) + 1
        threads = sorted({r["threads"] for r in records})
        RESULTS.write_text(json.dumps(report.as_json(rows, rejections, records, seeds, threads, DATA_NOTE), indent=1)
                           + "\n")
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    sys.exit(0 if all(row.ok for row in rows) and all(r.ok for r in rejections) and not missing else 1)


def _keep(audit: Audit, records: list[dict]) -> None:
    """Keep an audit's runs, replacing the kept runs of the same answers and thread counts (so that `--threads 1` or
    `--kind wrong` adds to what is kept)."""
    RUNS.mkdir(parents=True, exist_ok=True)
    fresh = {(r["answer"], r["threads"]) for r in records}
    kept = [json.loads(line) for line in _runs_file(audit).read_text().splitlines()] if _runs_file(audit).exists() \
        else []
    records = [r for r in kept if (r["answer"], r["threads"]) not in fresh] + records
    _runs_file(audit).write_text("".join(json.dumps(r) + "\n" for r in records))


def _runs_file(audit: Audit) -> Path:
    return RUNS / f"{audit.chapter}-{audit.answer_cell}.jsonl"


if __name__ == "__main__":
    main()
