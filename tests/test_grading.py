"""Grade every chapter the way an instructor would, and check the scores.

- the pristine student release scores 0 (and grading it does not crash), with plain nbgrader and with the batch grader,
  on its exercise slice, and every test says its exercise is "not answered yet" (docs/authoring.md, section 4);
- the reference solution, submitted as is, scores full marks with plain nbgrader, and none of its cells raises;
- each listed wrong answer loses all of its exercise's points, with a message that names the problem (wrong answers
  to different exercises are graded together, one notebook per bundle; that a wrong answer costs no points in another
  exercise is checked where right and wrong answers share a notebook: tests/test_translation.py);
- each listed alternative correct answer (another spelling of a right answer) scores full marks.

Wrong and alternative right answers go through this project's batch grader (sandbox, integrity checks; one
pre-imported interpreter per test process serves them all), so an honest answer flagged as tampered fails too.
They are graded on the exercise slice (tests/exercise_slice.py) of the exercises they answer: those exercises'
nbgrader cells, and only the teaching cells (and other answers) those need, against the instructor notebook sliced
the same way, so that only their tests run; the pristine release on the slice of every exercise. The teaching cells
run in full in the reference grading and under nbval; here they would only repeat, once per answer. A right answer
that scores full marks on the slice also shows that the slice left out nothing the tests need.
"""

import copy
import importlib.util
import os
import re

import pytest
from exercise_slice import exercise_slice, only

from coursetools import notebook
from coursetools.course import ROOT, Chapter, chapters
from coursetools.scratch import GradeResult, ScratchCourse, cells_that_raised, teaching_cells_that_raised

_courses: dict[str, ScratchCourse] = {}
THREADS = int(os.environ.get("TF_NUM_INTRAOP_THREADS", "0")) or None     # this worker's share (conftest.py)


def _answer_list(folder: str, ch: Chapter, name: str) -> list[dict]:
    path = ROOT / "tests" / folder / f"{ch.id}.py"
    if not path.exists():
        return []
    spec = importlib.util.spec_from_file_location(f"{folder}_{ch.id}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def wrong_answers(ch: Chapter) -> list[dict]:
    return _answer_list("wrong_answers", ch, "WRONG_ANSWERS")


def right_answers(ch: Chapter) -> list[dict]:
    """Alternative correct answers: {"name": ..., "cells": {solution grade_id: source, ...}} graded as one notebook."""
    return _answer_list("right_answers", ch, "RIGHT_ANSWERS")


def bundles(answers: list[dict]) -> list[list[dict]]:
    """Wrong answers grouped so that no bundle holds two for the same exercise (first fit, in list order).

    An entry with `"alone": True` is graded on its own (for an answer that would disturb other exercises)."""
    out: list[list[dict]] = []
    for answer in answers:
        target = notebook.exercise_of(answer["cell"])
        home = None if answer.get("alone") else next(
            (b for b in out if not b[0].get("alone") and target not in {notebook.exercise_of(a["cell"]) for a in b}),
            None)
        if home is None:
            out.append([answer])
        else:
            home.append(answer)
    return out


def same_worker(ch: Chapter):
    """One test process grades all of a chapter (`--dist loadgroup`, Makefile): the batch grader's pre-imported
    interpreter (zygote) is made per chapter, and a process that went from chapter to chapter would start a new one,
    seconds of TensorFlow import, at every change."""
    return pytest.mark.xdist_group(ch.id)


CHAPTERS = [pytest.param(ch, id=ch.id, marks=same_worker(ch)) for ch in chapters()]
WRONG = [pytest.param(ch, i, bundle, marks=same_worker(ch),
                      id=f"{ch.id}-bundle{i}-" + "+".join(notebook.exercise_of(a["cell"]) for a in bundle))
         for ch in chapters() for i, bundle in enumerate(bundles(wrong_answers(ch)))]
RIGHT = [pytest.param(ch, answer, id=f"{ch.id}-{answer['name']}", marks=same_worker(ch))
         for ch in chapters() for answer in right_answers(ch)]


@pytest.fixture
def course(tmp_path_factory):
    """One scratch nbgrader course per chapter and worker process, reused by that worker's gradings."""
    def get(ch: Chapter) -> ScratchCourse:
        if ch.id not in _courses:
            _courses[ch.id] = ScratchCourse(ch, tmp_path_factory.mktemp(f"course-{ch.id}"))
        return _courses[ch.id]
    return get


def _not_answered(ch: Chapter, result: GradeResult) -> None:
    """The untouched release scores 0, and every test says its exercise is not answered yet (nothing else)."""
    expected_max = sum(notebook.points_by_exercise(notebook.read(ch.source)).values())
    assert result.max_score == expected_max
    assert result.score == 0, {c.grade_id: c.score for c in result.cells.values() if c.score}
    for cell in result.cells.values():
        number = notebook.exercise_of(cell.grade_id)[2:]
        assert cell.message and cell.message.startswith(f"AssertionError: Exercise {number} is not answered yet: "), (
            cell.grade_id, cell.message)


def _pristine_slice(ch: Chapter, tmp_path):
    # sliced like the answers below: every exercise cell and test cell, and the teaching cells they read; the whole
    # release's teaching cells are the reference solution's (tests/test_hygiene.py), which run in full next
    release = tmp_path / f"{ch.id}.ipynb"
    notebook.nbformat.write(exercise_slice(notebook.read(ch.release)), release)
    return release


@pytest.mark.parametrize("ch", CHAPTERS)
def test_pristine_release_scores_zero(ch, course, tmp_path):
    result = course(ch).grade("pristine", _pristine_slice(ch, tmp_path))
    raised = teaching_cells_that_raised(result.autograded)
    assert not raised, f"teaching cells of the sliced release raised: {raised}"
    _not_answered(ch, result)


@pytest.mark.parametrize("ch", CHAPTERS)
def test_pristine_release_says_not_answered_yet_in_the_batch_grader(ch, course, tmp_path):
    """The same through the batch grader: the message its feedback page and class report show for each test."""
    result = course(ch).grade_sandboxed("pristine", _pristine_slice(ch, tmp_path), THREADS)
    assert "graded" in result.log, result.log
    _not_answered(ch, result)


@pytest.mark.parametrize("ch", CHAPTERS)
def test_reference_solution_scores_full_marks(ch, course):
    result = course(ch).grade("reference", ch.source)
    lost = {c.grade_id: c.message for c in result.cells.values() if c.score != c.max_score}
    assert not lost, f"the reference solution lost points: {lost}"
    assert result.score == result.max_score > 0
    # every teaching cell runs too (nbval checks outputs in the Colab-like environment: `make colab-test`)
    raised = cells_that_raised(result.autograded)
    assert not raised, f"cells of the reference solution raised under plain nbgrader: {raised}"


@pytest.mark.parametrize("ch", CHAPTERS)
def test_every_exercise_has_a_wrong_answer(ch):
    exercises = set(notebook.points_by_exercise(notebook.read(ch.source)))
    covered = {notebook.exercise_of(answer["cell"]) for answer in wrong_answers(ch)}
    assert exercises <= covered, f"exercises without a wrong answer in tests/wrong_answers: {exercises - covered}"


def _grade_slice(course: ScratchCourse, student: str, answers: dict[str, str], tmp_path) -> GradeResult:
    """The reference solution with these cells replaced ({grade_id: source}), sliced to the exercises they answer,
    through the batch grader, against the instructor notebook sliced the same way (its plan holds only their tests).
    """
    source = notebook.read(course.chapter.source)
    exercises = {notebook.exercise_of(grade_id) for grade_id in answers}
    nb = copy.deepcopy(source)
    for grade_id, answer in answers.items():
        notebook.replace_cell(nb, grade_id, answer)
    part = None if exercises >= set(notebook.points_by_exercise(source)) else exercise_slice(source, only(exercises))
    submission = tmp_path / f"{course.chapter.id}.ipynb"
    notebook.nbformat.write(exercise_slice(nb, only(exercises)), submission)
    result = course.grade_sandboxed(student, submission, THREADS, source=part)
    assert {notebook.exercise_of(g) for g in result.cells} == exercises, (
        f"the slice for {sorted(exercises)} graded {sorted(result.cells)}")
    raised = teaching_cells_that_raised(result.autograded)
    assert not raised, f"teaching cells of the exercise slice raised (a cell they need was left out?): {raised}"
    return result


@pytest.mark.parametrize(("ch", "index", "bundle"), WRONG)
def test_wrong_answers_lose_exactly_their_points(ch, index, bundle, course, tmp_path):
    result = _grade_slice(course(ch), f"wrong{index}", {a["cell"]: a["source"] for a in bundle}, tmp_path)
    targets = {notebook.exercise_of(answer["cell"]): answer for answer in bundle}
    problems = [f"{cell.grade_id} gave {cell.score} points to the wrong answer "
                f"{targets[notebook.exercise_of(cell.grade_id)]['source']!r}"
                for cell in result.cells.values() if cell.score != 0]
    for target, answer in targets.items():
        messages = [c.message or "" for c in result.cells.values() if notebook.exercise_of(c.grade_id) == target]
        if not _names_the_problem(answer, messages):
            problems.append(f"{target}: no failure message contains {answer['message']!r}: {messages}")
    assert not problems, "\n".join(problems)


def _names_the_problem(answer: dict, messages: list[str]) -> bool:
    """The expected words are in a message; or, where the error was raised in the learner's own code, the grader
    names its type and shows the learner's line (it never shows that error's text, which could carry test data)."""
    if any(answer["message"] in m for m in messages):
        return True
    own_lines = {line.strip() for line in answer["source"].splitlines() if line.strip()}
    return any(shown in own_lines for m in messages for shown in re.findall(r"`([^`]+)`", m))


@pytest.mark.parametrize(("ch", "answer"), RIGHT)
def test_alternative_correct_answer_scores_full_marks(ch, answer, course, tmp_path):
    result = _grade_slice(course(ch), f"right-{answer['name']}", answer["cells"], tmp_path)
    lost = {c.grade_id: c.message for c in result.cells.values() if c.score != c.max_score}
    assert not lost, f"a correct answer written another way ({answer['name']}) lost points: {lost}"
