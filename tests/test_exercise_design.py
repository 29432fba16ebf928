"""What a machine can check of the exercise-design rules (docs/authoring.md, section 4): no hint hands over the
answer's code, and a changed exercise has new grade_ids (tools/exercise_ids.py)."""

import re

import pytest

from coursetools import notebook
from coursetools.course import chapters
from tools import exercise_ids

CHAPTERS = pytest.mark.parametrize("ch", chapters(), ids=lambda c: c.id)
HINT = re.compile(r"<details>(.*?)</details>", re.DOTALL)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("`", " ")).strip()


def answer_lines(block: str) -> list[str]:
    """Lines of an answer long enough to be the answer's own code (not `return x`, comments or a signature)."""
    lines = (line.split("  #")[0].strip() for line in block.splitlines())
    return [_flat(line) for line in lines if len(line) > 12 and not line.startswith(("#", "def ", "class "))]


def exercises_with_hints(nb) -> list[tuple[str, str, str, str]]:
    """(grade_id, answer, hints, teaching code above it) for every solution cell: the hints are the <details> blocks
    of the markdown cells between the previous graded cell and the answer cell."""
    out, markdown, teaching = [], [], []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown":
            markdown.append(cell.source)
        elif not meta:
            teaching.append(cell.source)
        elif meta.get("solution") and not meta.get("grade"):
            hints = "\n".join(HINT.findall("\n".join(markdown)))
            out.append((meta["grade_id"], "\n".join(notebook.SOLUTION.findall(cell.source)), hints,
                        "\n".join(teaching)))
            markdown = []
        else:
            markdown = []
    return out


ASSIGNMENT = re.compile(r"^[\w\[\], :.]+ = (?P<value>.{20,})$")


def in_hint(line: str, hint_text: str) -> bool:
    """The answer's line is in the hint: whole, without its `return`, or the value it assigns (20+ characters)."""
    assigned = ASSIGNMENT.match(line)
    forms = {line, line.removeprefix("return ")} | ({assigned["value"]} if assigned else set())
    return any(len(form) > 12 and form in hint_text for form in forms)


@CHAPTERS
def test_hints_hold_no_answer_code(ch):
    """A hint may point to a teaching cell and explain; it never holds a line of the answer that the chapter has not
    shown already (a line the teaching code holds may be named: pointing to it is the hint's job)."""
    leaks = []
    for grade_id, answer, hints, teaching in exercises_with_hints(notebook.read(ch.source)):
        shown, hint_text = {_flat(line) for line in teaching.splitlines()}, _flat(hints)
        leaks += [f"{grade_id}: {line!r}" for line in answer_lines(answer) if line not in shown and in_hint(line, hint_text)]
    assert not leaks, (f"{ch.id}: a hint holds the reference answer's code (say what to use and why, or point to the "
                       "teaching cell, instead): " + "; ".join(leaks))


def test_hint_check_catches_a_hint_that_holds_the_answer():
    answer = "    shuffled = X.copy()\n    shuffled[:, j] = rng.permutation(shuffled[:, j])\n    return shuffled\n"
    hints = "Copy the array first: `shuffled = X.copy()`, then shuffle one column."
    assert [line for line in answer_lines(answer) if in_hint(line, _flat(hints))] == ["shuffled = X.copy()"]
    returned = "    return {lr: len(fit(X, y, lr=lr)[2]) for lr in rates}\n"
    assert in_hint(answer_lines(returned)[0], _flat("One line: `{lr: len(fit(X, y, lr=lr)[2]) for lr in rates}`."))
    assigned = "    spread = np.max(errors, axis=0) - np.min(errors, axis=0)\n"
    assert in_hint(answer_lines(assigned)[0], _flat("Compute `np.max(errors, axis=0) - np.min(errors, axis=0)`."))
    assert not in_hint(answer_lines(assigned)[0], _flat("Use `np.max` and `np.min` along the rows."))


@CHAPTERS
def test_changed_exercises_have_new_grade_ids(ch):
    problems = exercise_ids.problems(ch, exercise_ids.read_record())
    assert not problems, "\n".join(problems)


def test_exercise_record_names_no_unknown_chapter():
    assert set(exercise_ids.read_record()) <= {c.id for c in chapters()}, (
        "docs/exercise-ids.toml names a chapter that course.toml does not: run `python -m tools.exercise_ids`")


def test_a_changed_exercise_is_refused_under_its_old_grade_id(tmp_path, monkeypatch):
    ch = chapters()[0]
    record = exercise_ids.read_record()
    first = exercise_ids.exercises(ch)[0]
    changed = {**record, ch.id: {**record[ch.id], first.grade_id: "0" * 16}}
    assert any(first.grade_id in p and "new grade_ids" in p for p in exercise_ids.problems(ch, changed))
    retired = {**record, ch.id: {**record[ch.id], "retired": [first.grade_id]}}
    assert any("retired" in p for p in exercise_ids.problems(ch, retired))
    assert exercise_ids.update(changed, set()), "update must refuse a changed exercise"
    assert not exercise_ids.update(changed, {first.grade_id}), "--reworded accepts it"


@CHAPTERS
def test_at_most_one_warm_up_of_at_most_two_points(ch):
    """Transfer, not transcription: one exercise per chapter at most may follow a teaching cell closely, titled
    "Warm-up:", for at most 2 points (docs/authoring.md, section 4)."""
    nb = notebook.read(ch.source)
    points = notebook.points_by_exercise(nb)
    warm_ups = [(f"ex{n}", title) for c in nb.cells if c.cell_type == "markdown"
                for n, title in re.findall(r"^### Exercise (\d+) — (Warm-up:.*)$", c.source, re.MULTILINE)]
    assert len(warm_ups) <= 1, f"{ch.id}: {len(warm_ups)} warm-ups, at most one per chapter: {warm_ups}"
    for exercise, title in warm_ups:
        assert points[exercise] <= 2, f"{ch.id}: the warm-up {title!r} is worth {points[exercise]:g} points, at most 2"
