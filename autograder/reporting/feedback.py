"""One self-contained HTML feedback page per student, with nothing of the hidden tests in it.

nbgrader's own `generate_feedback` renders the autograded notebook, hidden tests and their tracebacks
included. Here a test cell shows only what the student was given (its visible part), then its name, the
points and the message the grader kept for it (autograder/runner/worker.py: a test's own assertion message, or the
exception type and the student's line). Student cells show their code and, when they failed, the exception
type only (no message, no traceback: student code could compose either). As a last guard, every line of
hidden-test code is blanked wherever it might still appear. The header names the student and says whether the
submission was late, by how much and with what penalty (autograder/grading/lateness.py).
"""

from __future__ import annotations

import html
import re

import mistune

from autograder import messages as M
from autograder.grading.lateness import NO, UNKNOWN, Lateness, duration
from autograder.runner.plan import OWNED, Plan, exercise_of
from autograder.runner.record import GradedTest, Outcome

_markdown = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
MAX_MESSAGE = 600

STATUS_TEXT = {
    "graded": M.STATUS_GRADED,
    "timeout": M.STATUS_TIMEOUT,
    "limit exceeded": M.STATUS_LIMIT,
    "crashed": M.STATUS_CRASHED,
    "tampered": M.STATUS_TAMPERED,
    "invalid notebook": M.STATUS_INVALID,
    "missing notebook": M.STATUS_MISSING,
}

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1d2330;line-height:1.45}
h1{font-size:1.5rem}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccd;padding:.25rem .6rem;
text-align:left}pre{background:#f5f6f8;padding:.6rem;overflow-x:auto;border-radius:4px;font-size:.85rem}
.cell{margin:1rem 0}.test{border-left:4px solid #888;padding-left:.6rem}.pass{border-color:#2a8a3e}
.fail{border-color:#c0392b}.err{color:#a02020;white-space:pre-wrap}.meta{color:#556;font-size:.9rem}
.status{padding:.5rem .8rem;background:#eef2f7;border-radius:4px}
"""


def scrub(text: str, plan: Plan) -> str:
    """Blank any hidden-test line that shows up in `text`."""
    for line in plan.hidden_lines:
        if line in text:
            text = text.replace(line, "[hidden test]")
    return text


def _short(text: str, plan: Plan) -> str:
    text = M.localize(scrub(str(text or ""), plan), M.language_of(plan.metadata))
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)     # ANSI colours
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + " …"


def _pre(text: str) -> str:
    return f"<pre>{html.escape(text)}</pre>"


def _who(student: str, name: str) -> str:
    """The student's name with the id the course knows them by (the name alone can be ambiguous)."""
    e = html.escape
    return f"<b>{e(name)}</b> ({e(student)})" if name and name != student else f"<b>{e(student)}</b>"


def _late_line(verdict: Lateness | None, score: float, max_score: float, language: str = "") -> str:
    """The header's line on lateness: how late, by what account, and the penalty (none when nothing is known)."""
    if verdict is None or verdict.late == UNKNOWN:
        return ""
    e, _ = html.escape, lambda template: M.gettext(template, language)
    if verdict.late == NO:
        return f"<br><span class='meta'>{e(_(M.PAGE_ON_TIME).format(source=verdict.source))}</span>"
    how = (" " + _(M.PAGE_LATE_BY).format(duration=duration(verdict.seconds_late))
           if verdict.seconds_late is not None else "")
    text = f"<br><b>{e(_(M.PAGE_LATE))}</b>{e(how)} ({e(verdict.source)})"
    if verdict.penalty > 0:
        text += ": " + e(_(M.PAGE_PENALTY).format(penalty=f"{verdict.penalty:g}",
                                                   score=f"{max(0.0, score - verdict.penalty):g}",
                                                   max_score=f"{max_score:g}"))
    elif verdict.undecided:
        text += ": " + e(_(M.PAGE_UNDECIDED))
    return text + "."


def _test(outcome: Outcome, grade_id: str) -> GradedTest:
    """The test's outcome; a test the outcome does not have reads as not run, with no message."""
    return outcome.tests.get(grade_id) or GradedTest(0.0, state="", message="")


def render(outcome: Outcome, plan: Plan, autograded_nb=None, name: str = "", lateness: Lateness | None = None) -> str:
    """The page, in the language of the notebook's edition (autograder/messages.py)."""
    language = M.language_of(plan.metadata)
    e, _ = html.escape, lambda template: M.gettext(template, language)
    score, max_score, status = outcome.score, outcome.max_score, outcome.status
    title = _(M.PAGE_TITLE).format(assignment=plan.assignment)
    parts = [(f"<!DOCTYPE html><html lang='{language or 'en'}'><head><meta charset='utf-8'><title>{e(title)} — "
              f"{e(name or outcome.student)}</title><style>{CSS}</style></head><body>"),
             f"<h1>{e(title)}</h1>",
             f"<p class='meta'>{e(_(M.PAGE_STUDENT))} {_who(outcome.student, name)}</p>",
             (f"<p class='status'><b>{e(_(M.PAGE_SCORE))} {score:g} / {max_score:g}</b> — "
              f"{e(_(STATUS_TEXT[status]) if status in STATUS_TEXT else status)}"),
             _late_line(lateness, score, max_score, language)]
    if outcome.reason:
        parts.append(f"<br><span class='meta'>{e(_short(outcome.reason, plan))}</span>")
    parts.append("</p>")

    per_ex: dict[str, list[float]] = {}
    for c in plan.tests:
        acc = per_ex.setdefault(exercise_of(c.grade_id), [0.0, 0.0])
        acc[0] += float(_test(outcome, c.grade_id).score)
        acc[1] += c.points
    parts.append(f"<h2>{e(_(M.PAGE_TESTS))}</h2><table><tr><th>{e(_(M.PAGE_TEST))}</th><th>{e(_(M.PAGE_POINTS))}"
                 f"</th><th>{e(_(M.PAGE_RESULT))}</th></tr>")
    for c in plan.tests:
        t = _test(outcome, c.grade_id)
        msg = t.message or (M.PAGE_PASSED if t.state == "passed" else "")
        parts.append(f"<tr><td>{e(c.grade_id)}</td><td>{float(t.score):g} / {c.points:g}</td>"
                     f"<td>{e(_short(msg, plan))}</td></tr>")
    parts.append(f"</table><h2>{e(_(M.PAGE_EXERCISES))}</h2><table><tr><th>{e(_(M.PAGE_EXERCISE))}</th>"
                 f"<th>{e(_(M.PAGE_POINTS))}</th></tr>")
    for ex, (got, total) in per_ex.items():
        parts.append(f"<tr><td>{e(ex)}</td><td>{got:g} / {total:g}</td></tr>")
    parts.append("</table>")

    if autograded_nb is not None:
        parts.append(f"<h2>{e(_(M.PAGE_NOTEBOOK))}</h2>")
        for cell in autograded_nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader") or {}
            gid = meta.get("grade_id")
            plan_cell = next((c for c in plan.cells if c.grade_id == gid and gid), None)
            if cell.cell_type == "markdown":
                parts.append(f"<div class='cell'>{_markdown(scrub(cell.source, plan))}</div>")
                continue
            if cell.cell_type != "code":
                continue
            if plan_cell is not None and plan_cell.role in OWNED:
                visible = plan_cell.release_source
                if plan_cell.role == "test":
                    t = _test(outcome, gid)
                    ok = t.state == "passed"
                    msg = t.message or (M.PAGE_PASSED if ok else "")
                    points = _(M.PAGE_POINTS_OF).format(score=f"{float(t.score):g}",
                                                        points=f"{plan_cell.points:g}")
                    parts.append(f"<div class='cell test {'pass' if ok else 'fail'}'>{_pre(scrub(visible, plan))}"
                                 f"<p><b>{e(gid)}</b>: {e(points)}"
                                 f"{' — ' + e(_short(msg, plan)) if msg else ''}</p></div>")
                else:
                    parts.append(f"<div class='cell'>{_pre(scrub(visible, plan))}</div>")
                continue
            block = [f"<div class='cell'>{_pre(scrub(cell.source, plan))}"]
            # the type only, of the first error: a message is text the student's code composed, and a cell raises one
            # error (more error outputs are messages the student's code sent itself; see README, feedback rule)
            error = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
            if error is not None:
                ename = str(error.get("ename", ""))
                ename = ename if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]{0,40}", ename) else "an error"
                block.append(f"<p class='err'>{e(_(M.PAGE_CELL_RAISED).format(ename=ename))}</p>")
            block.append("</div>")
            parts.append("".join(block))
    parts.append("</body></html>")
    return "\n".join(parts)
