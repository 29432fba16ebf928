"""The class report: what a whole class got right and wrong in one chapter, on one self-contained page.

    record = run_record(plan, outcomes, names, late)    # after a batch: plain data, saved as results-<chapter>.json
    stats = class_stats(record)                          # counts, shares, message groups, discrimination, timings,
                                                         # who needs a look, who was late
    page = render_html(stats)                            # report-<chapter>.html (plots embedded, no JavaScript)
    print(terminal_summary(stats))                       # the same in a few lines

`python -m autograder report CHAPTER` rebuilds the page from the saved run record, taking the current scores
from nbgrader's gradebook (so manual grades given after review count). Messages are stored scrubbed of hidden-test
lines, as on the feedback pages, and the page never shows test code.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from autograder.grading.lateness import NO, UNKNOWN, YES, Lateness, duration
from autograder.reporting import feedback
from autograder.runner.plan import Plan, exercise_of
from autograder.runner.record import Outcome

STATUSES = ["graded", "timeout", "limit exceeded", "crashed", "tampered", "invalid notebook", "missing notebook"]
NOT_GRADED = {"invalid notebook", "missing notebook"}
# What the instructor does about each status other than "graded"; every such submission is listed by id.
ACTIONS = {
    "invalid notebook": "ask the student to resubmit: the file is not a usable notebook",
    "missing notebook": "ask the student for the notebook, or look for it in the export",
    "tampered": "review the reason and the autograded notebook; award held tests by hand after a false alarm",
    "crashed": "look at the reason: later tests did not run",
    "timeout": "look at the reason: a cell was stopped, later cells may have failed because of it",
    "limit exceeded": "look at the reason: a cell hit a resource limit",
}
REPAIRED = "check what the grader repaired in the notebook"
UNDECIDED = "decide the late penalty by hand (the submission is flagged in formgrader)"
# Reasons of graded submissions that still deserve a look: the grader changed something about the notebook.
NOTE_WORDS = ("renamed", "restored", "retyped", "deleted", "duplicated", "edited", "converted", "another name")
MESSAGE_GROUPS = 5          # failure-message groups shown per test
IDS_PER_GROUP = 4           # student ids shown per group
MAX_MESSAGE = 300


# ---------------------------------------------------------------------------------------------- the run record

def run_record(plan: Plan, outcomes: dict[str, Outcome], names: dict[str, str] | None = None,
               lateness: dict[str, Lateness] | None = None, late_policy: str = "") -> dict:
    """Everything the report needs from one batch, as JSON-ready data without hidden-test text."""
    tests = [{"grade_id": c.grade_id, "exercise": exercise_of(c.grade_id), "points": c.points} for c in plan.tests]
    students = {}
    for student, out in sorted(outcomes.items()):
        answers = out.answers
        students[student] = {
            "status": out.status,
            "name": (names or {}).get(student, ""),
            "late": ((lateness or {}).get(student) or Lateness()).to_json(),
            "reason": _clean(out.reason, plan),
            "seconds": float(out.seconds or 0.0),
            "scores": {gid: float(t.score or 0.0) for gid, t in out.tests.items()},
            "messages": {gid: _clean(t.message or "", plan)
                         for gid, t in out.tests.items() if (t.score or 0) < t.points},
            # an exercise counts as attempted when any of its answer cells differs from the release
            "attempted": sorted({exercise_of(gid) for gid, changed in answers.items() if changed}),
            "answered": bool(answers),
        }
    return {"assignment": plan.assignment, "exercises": dict(plan.exercises), "tests": tests, "students": students,
            "late_policy": late_policy}


def _clean(text: str, plan: Plan) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", feedback.scrub(str(text), plan))
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + " …"


def save_record(record: dict, path: Path) -> None:
    path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_record(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def apply_gradebook_scores(record: dict, course_dir: Path) -> dict:
    """Take each test cell's current score from the gradebook (manual grades after review included)."""
    from nbgrader.api import Gradebook, MissingEntry

    from autograder.grading.gradebook import course_id, db_url

    notebook = record.get("notebook") or record["assignment"]
    with Gradebook(db_url(course_dir), course_id()) as gb:
        for student, row in record["students"].items():
            if row["status"] in NOT_GRADED:
                continue
            for gid in row["scores"]:
                try:
                    grade = gb.find_grade(gid, notebook, record["assignment"], student)
                except MissingEntry:
                    continue
                if grade.score is not None:
                    row["scores"][gid] = float(grade.score)
    return record


# ---------------------------------------------------------------------------------------------- statistics

@dataclass
class ExerciseStats:
    name: str
    points: float
    full: float                 # shares of the submissions that were graded (0..1)
    partial: float
    none: float
    not_attempted: float
    mean: float                 # mean points
    discrimination: float | None
    tests: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Look:
    """A submission the instructor has to act on: not graded, held, cut short, repaired, a late penalty to decide."""
    student: str
    status: str
    reason: str
    action: str
    name: str = ""


@dataclass(frozen=True)
class LateRow:
    """A late submission, for the report's list."""
    student: str
    name: str
    how_late: str                         # "2 h 5 min", or "" when the LMS gave only a marker
    source: str
    penalty: float
    note: str


@dataclass
class ClassStats:
    assignment: str
    max_score: float
    submissions: int
    graded: int                           # submissions with a notebook that ran (not invalid / missing)
    status_counts: dict[str, int]
    scores: list[float]
    mean: float | None
    median: float | None
    exercises: list[ExerciseStats]
    manual: list[Look]                    # every submission not graded cleanly, by id
    median_seconds: float | None
    slowest: tuple[str, float] | None
    late: list[LateRow] = field(default_factory=list)
    late_counts: dict[str, int] = field(default_factory=dict)     # yes / no / unknown
    late_policy: str = ""


def class_stats(record: dict) -> ClassStats:
    students = record["students"]
    ran = {s: r for s, r in students.items() if r["status"] not in NOT_GRADED}
    totals = {s: sum(r["scores"].values()) for s, r in ran.items()}
    by_exercise = defaultdict(list)
    for test in record["tests"]:
        by_exercise[test["exercise"]].append(test)
    exercises = [_exercise_stats(name, tests, ran, totals) for name, tests in by_exercise.items()]
    counts = Counter(r["status"] for r in students.values())
    scores = sorted(totals.values())
    seconds = {s: r["seconds"] for s, r in ran.items() if r["seconds"] > 0}
    slowest = max(seconds.items(), key=lambda kv: kv[1]) if seconds else None
    return ClassStats(
        assignment=record["assignment"], max_score=sum(t["points"] for t in record["tests"]),
        submissions=len(students), graded=len(ran), status_counts={s: counts.get(s, 0) for s in STATUSES},
        scores=scores, mean=statistics.fmean(scores) if scores else None,
        median=statistics.median(scores) if scores else None, exercises=exercises,
        manual=_needs_a_look(students), median_seconds=statistics.median(seconds.values()) if seconds else None,
        slowest=slowest, late=_late_rows(students), late_counts=_late_counts(students),
        late_policy=record.get("late_policy", ""))


def _lateness(row: dict) -> Lateness:
    return Lateness.from_json(row.get("late"))       # records written before lateness was kept: not recorded


def _late_counts(students: dict) -> dict[str, int]:
    counts = Counter(_lateness(r).late for r in students.values())
    return {k: counts.get(k, 0) for k in (YES, NO, UNKNOWN)}


def _late_rows(students: dict) -> list[LateRow]:
    rows = []
    for student, r in sorted(students.items()):
        verdict = _lateness(r)
        if verdict.late == YES:
            how = duration(verdict.seconds_late) if verdict.seconds_late is not None else ""
            rows.append(LateRow(student, r.get("name", ""), how, verdict.source, verdict.penalty, verdict.note))
    return rows


def _exercise_stats(name: str, tests: list[dict], ran: dict, totals: dict) -> ExerciseStats:
    points = sum(t["points"] for t in tests)
    got = {s: sum(r["scores"].get(t["grade_id"], 0.0) for t in tests) for s, r in ran.items()}
    n = len(ran) or 1
    attempted = {s for s, r in ran.items() if name in r["attempted"] or not r["answered"]}
    rest = {s: totals[s] - got[s] for s in ran}
    return ExerciseStats(
        name=name, points=points,
        full=sum(1 for v in got.values() if v >= points) / n,
        partial=sum(1 for v in got.values() if 0 < v < points) / n,
        none=sum(1 for v in got.values() if v <= 0) / n,
        not_attempted=sum(1 for s in ran if s not in attempted) / n,
        mean=statistics.fmean(got.values()) if got else 0.0,
        discrimination=_correlation([got[s] for s in ran], [rest[s] for s in ran]),
        tests=[_test_stats(t, ran) for t in tests])


def _test_stats(test: dict, ran: dict) -> dict:
    gid, points = test["grade_id"], test["points"]
    scores = {s: r["scores"].get(gid, 0.0) for s, r in ran.items()}
    n = len(ran) or 1
    groups: dict[str, list[str]] = defaultdict(list)
    examples: dict[str, str] = {}
    for student, r in sorted(ran.items()):
        message = r["messages"].get(gid)
        if message and scores[student] < points:
            key = message_key(message)
            groups[key].append(student)
            examples.setdefault(key, message)
    top = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:MESSAGE_GROUPS]
    return {"grade_id": gid, "points": points,
            "full": sum(1 for v in scores.values() if v >= points) / n,
            "partial": sum(1 for v in scores.values() if 0 < v < points) / n,
            "none": sum(1 for v in scores.values() if v <= 0) / n,
            "messages": [{"message": examples[key], "count": len(ids), "students": ids[:IDS_PER_GROUP]}
                         for key, ids in top]}


def message_key(message: str) -> str:
    """Messages that differ only in their numbers (values, shapes, counts) fall into one group."""
    return re.sub(r"[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?", "#", message.strip(), flags=re.IGNORECASE)


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r; None when there are fewer than 3 values or one side does not vary."""
    if len(xs) < 3:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / (sxx * syy) ** 0.5


def _needs_a_look(students: dict) -> list[Look]:
    """Every submission whose status is not "graded" (an unusable or absent notebook included: that student must
    be asked to resubmit), and graded ones the grader had to repair."""
    out = []
    for student, r in sorted(students.items()):
        reason, action = r["reason"] or "(no reason recorded)", ""
        if r["status"] != "graded":
            action = ACTIONS.get(r["status"], "look at the reason")
        elif any(w in r["reason"].lower() for w in NOTE_WORDS):
            action = REPAIRED
        verdict = _lateness(r)
        if verdict.undecided:
            reason, action = ("; ".join(x for x in (r["reason"], verdict.note) if x),
                              "; ".join(x for x in (action, UNDECIDED) if x))
        if action:
            out.append(Look(student, r["status"], reason, action, r.get("name", "")))
    return out


# ---------------------------------------------------------------------------------------------- rendering

def terminal_summary(stats: ClassStats) -> str:
    """A few lines for the end of a batch."""
    if not stats.graded:
        return f"class report: no submission of {stats.assignment} could be graded"
    hardest = min(stats.exercises, key=lambda e: e.mean / e.points if e.points else 1.0, default=None)
    lines = [(f"class report: {stats.graded} graded of {stats.submissions}; mean {stats.mean:.1f}, "
             f"median {stats.median:g} of {stats.max_score:g} points")]
    if hardest is not None:
        lines.append(f"  hardest exercise: {hardest.name} (mean {hardest.mean:.1f}/{hardest.points:g}, "
                     f"full marks {hardest.full:.0%}, not attempted {hardest.not_attempted:.0%})")
    common = max(((m["count"], t["grade_id"], m["message"]) for e in stats.exercises for t in e.tests
                  for m in t["messages"]), default=None)
    if common:
        lines.append(f"  most common failure: {common[1]} ×{common[0]}: {common[2][:100]}")
    if stats.manual:
        lines.append(f"  needs a manual look: {len(stats.manual)} ("
                     + ", ".join(f"{look.student} {look.status}" for look in stats.manual[:6])
                     + (" …" if len(stats.manual) > 6 else "") + ")")
    if stats.late_counts.get(YES):
        lines.append(f"  late: {stats.late_counts[YES]} ("
                     + ", ".join(f"{r.student}" + (f" −{r.penalty:g}" if r.penalty else "") for r in stats.late[:6])
                     + (" …" if len(stats.late) > 6 else "") + f"), on time {stats.late_counts[NO]}, "
                     f"not known {stats.late_counts[UNKNOWN]}")
    if stats.median_seconds is not None:
        lines.append(f"  grading time: median {stats.median_seconds:.1f} s, slowest {stats.slowest[1]:.1f} s "
                     f"({stats.slowest[0]})")
    return "\n".join(lines)


CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;
color:#1d2330;line-height:1.45}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccd;padding:.25rem .6rem;text-align:left;
vertical-align:top}th{background:#eef2f7}.num{text-align:right}.muted{color:#667;font-size:.9rem}
code{background:#f5f6f8;padding:0 .2rem}img{max-width:100%}
"""


def render_html(stats: ClassStats) -> str:
    parts = [(f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
             f"<title>Class report — {html.escape(stats.assignment)}</title><style>{CSS}</style></head><body>"),
             f"<h1>Class report — {html.escape(stats.assignment)}</h1>",
             _overview(stats), _exercise_table(stats), _message_section(stats), _manual_section(stats),
             _late_section(stats), _method_note(), "</body></html>"]
    return "\n".join(parts)


def _overview(stats: ClassStats) -> str:
    counts = "".join(f"<tr><td>{s}</td><td class='num'>{n}</td></tr>" for s, n in stats.status_counts.items())
    centre = ("no submission could be graded" if stats.mean is None else
              f"mean <b>{stats.mean:.2f}</b>, median <b>{stats.median:g}</b> of {stats.max_score:g} points "
              f"({stats.graded} graded submissions)")
    timing = ("" if stats.median_seconds is None else
              f"<p>Grading time per submission: median {stats.median_seconds:.1f} s, slowest "
              f"{stats.slowest[1]:.1f} s (<code>{html.escape(stats.slowest[0])}</code>).</p>")
    return (f"<h2>Scores</h2><p>{stats.submissions} submissions: {centre}.</p>"
            f"{_figure(_histogram, stats, 'Histogram of total scores')}"
            f"<table><tr><th>status</th><th>submissions</th></tr>{counts}</table>{timing}")


def _exercise_table(stats: ClassStats) -> str:
    rows = []
    for e in stats.exercises:
        disc = "n/a" if e.discrimination is None else f"{e.discrimination:+.2f}"
        rows.append(f"<tr><td><b>{e.name}</b></td><td class='num'>{e.points:g}</td><td class='num'>{e.mean:.2f}</td>"
                    f"<td class='num'>{e.full:.0%}</td><td class='num'>{e.partial:.0%}</td>"
                    f"<td class='num'>{e.none:.0%}</td><td class='num'>{e.not_attempted:.0%}</td>"
                    f"<td class='num'>{disc}</td></tr>")
        for t in e.tests:
            rows.append(f"<tr class='muted'><td>&nbsp;&nbsp;{html.escape(t['grade_id'])}</td>"
                        f"<td class='num'>{t['points']:g}</td><td></td><td class='num'>{t['full']:.0%}</td>"
                        f"<td class='num'>{t['partial']:.0%}</td><td class='num'>{t['none']:.0%}</td>"
                        f"<td></td><td></td></tr>")
    head = ("<tr><th>exercise / test cell</th><th>points</th><th>mean</th><th>full</th><th>partial</th>"
            "<th>none</th><th>not attempted</th><th>discrimination</th></tr>")
    return (f"<h2>Exercises</h2>{_figure(_exercise_bars, stats, 'Share of full, partial and no points per exercise')}"
            f"<table>{head}{''.join(rows)}</table>"
            "<p class='muted'>Shares are of the graded submissions. <i>Not attempted</i>: every answer cell of the "
            "exercise is unchanged from the release.</p>")


def _message_section(stats: ClassStats) -> str:
    blocks = []
    for e in stats.exercises:
        for t in e.tests:
            if not t["messages"]:
                continue
            items = "".join(
                f"<tr><td class='num'>{m['count']}</td><td><code>{html.escape(m['message'])}</code></td>"
                f"<td>{html.escape(', '.join(m['students']))}{' …' if m['count'] > len(m['students']) else ''}"
                f"</td></tr>" for m in t["messages"])
            blocks.append(f"<h3>{html.escape(t['grade_id'])}</h3><table><tr><th>students</th><th>message</th>"
                          f"<th>for example</th></tr>{items}</table>")
    body = "".join(blocks) or "<p>No test failed.</p>"
    return ("<h2>Most frequent failure messages</h2><p class='muted'>Per test cell; messages that differ only in "
            "their numbers count as one.</p>" + body)


def _manual_section(stats: ClassStats) -> str:
    if not stats.manual:
        return "<h2>Needs a manual look</h2><p>Nothing.</p>"
    e = html.escape
    rows = "".join(f"<tr><td><code>{e(look.student)}</code></td><td>{e(look.name)}</td><td>{e(look.status)}</td>"
                   f"<td>{e(look.reason)}</td><td>{e(look.action)}</td></tr>" for look in stats.manual)
    return ("<h2>Needs a manual look</h2><table><tr><th>student</th><th>name</th><th>status</th><th>reason</th>"
            f"<th>what to do</th></tr>{rows}</table>")


def _late_section(stats: ClassStats) -> str:
    e = html.escape
    counts = stats.late_counts
    head = (f"<h2>Late submissions</h2><p><b>{counts.get(YES, 0)}</b> late, {counts.get(NO, 0)} on time, "
            f"{counts.get(UNKNOWN, 0)} not known (no submission time or no due date, and no LMS marker). "
            f"Late policy: {e(stats.late_policy or 'not recorded')}.</p>")
    if not stats.late:
        return head
    rows = "".join(f"<tr><td><code>{e(r.student)}</code></td><td>{e(r.name)}</td>"
                   f"<td>{e(r.how_late or 'no time given')}</td><td>{e(r.source)}</td>"
                   f"<td class='num'>{r.penalty:g}</td><td>{e(r.note)}</td></tr>" for r in stats.late)
    return (f"{head}<table><tr><th>student</th><th>name</th><th>how late</th><th>according to</th>"
            f"<th>penalty (points)</th><th>note</th></tr>{rows}</table>")


def _method_note() -> str:
    return ("<h2>How the numbers are computed</h2><p class='muted'><b>Discrimination</b> is the corrected "
            "item–total correlation: Pearson's r between a submission's points on the exercise and its points on "
            "all <i>other</i> exercises, over the graded submissions. Near +1: strong submissions get it right and "
            "weak ones do not; near 0 or negative: it does not separate them (a test that is broken, too strict or "
            "too easy). It is n/a with fewer than 3 graded submissions or when every submission got the same "
            "points. Scores are the gradebook's, manual grades included when the page is rebuilt with "
            "<code>python -m autograder report</code>.</p>")


def _figure(draw, stats: ClassStats, alt: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = draw(plt, stats)
    if fig is None:
        return ""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f"<p><img alt='{html.escape(alt)}' src='data:image/png;base64,{data}'></p>"


def _histogram(plt, stats: ClassStats):
    if not stats.scores:
        return None
    fig, ax = plt.subplots(figsize=(7, 3))
    top = int(stats.max_score) if stats.max_score == int(stats.max_score) else stats.max_score
    ax.hist(stats.scores, bins=[b - 0.5 for b in range(int(top) + 2)], color="#4c78a8", edgecolor="white")
    ax.axvline(stats.mean, color="#c0392b", linestyle="--", label=f"mean {stats.mean:.1f}")
    ax.axvline(stats.median, color="#2a8a3e", linestyle=":", label=f"median {stats.median:g}")
    ax.set_xlabel("total score (points)")
    ax.set_ylabel("submissions")
    ax.legend()
    return fig


def _exercise_bars(plt, stats: ClassStats):
    if not stats.exercises or not stats.graded:
        return None
    names = [e.name for e in stats.exercises]
    fig, ax = plt.subplots(figsize=(7, 0.5 + 0.45 * len(names)))
    left = [0.0] * len(names)
    for label, colour, key in (("full", "#2a8a3e", "full"), ("partial", "#e6a23c", "partial"),
                               ("none", "#c0392b", "none")):
        values = [getattr(e, key) * 100 for e in stats.exercises]
        ax.barh(names, values, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel("share of graded submissions (%)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return fig


# ---------------------------------------------------------------------------------------------- files

def paths(course_dir: Path, assignment: str) -> tuple[Path, Path]:
    """(run record, report page) of a chapter in a course folder."""
    return course_dir / f"results-{assignment}.json", course_dir / f"report-{assignment}.html"


def write_report(plan: Plan, outcomes: dict[str, dict], course_dir: Path, names: dict[str, str] | None = None,
                 lateness: dict[str, Lateness] | None = None, late_policy: str = "") -> tuple[Path, ClassStats]:
    record_path, page_path = paths(course_dir, plan.assignment)
    record = run_record(plan, outcomes, names, lateness, late_policy)
    record["notebook"] = plan.notebook
    save_record(record, record_path)
    stats = class_stats(record)
    page_path.write_text(render_html(stats), encoding="utf-8")
    return page_path, stats


def rebuild(assignment: str, course_dir: Path) -> tuple[Path, ClassStats]:
    """The page again from the last run's record and the gradebook's current scores, without grading."""
    record_path, page_path = paths(course_dir, assignment)
    if not record_path.exists():
        raise FileNotFoundError(f"{record_path} not found: grade the chapter first (python -m autograder grade ...)")
    record = load_record(record_path)
    if (course_dir / "gradebook.db").exists():
        record = apply_gradebook_scores(record, course_dir)
    stats = class_stats(record)
    page_path.write_text(render_html(stats), encoding="utf-8")
    return page_path, stats
