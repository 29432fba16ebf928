"""A test whose checks sit in a read-only helpers cell right above it (docs/authoring.md, sections 2 and 3), graded by
the batch grader.

The mini assignment with exercise 2's test written as the chapters write theirs, checks in a function, and split by
tools/split_test_cells.py. Its helpers run as the start of the test, so an assertion inside a helper keeps its message;
an untouched answer fails as "not answered yet", one that calls another exercise's untouched answer names that
exercise, and the answer's own errors (a NameError, even one raised while handling a NotImplementedError) keep their
type; what a learner does to the helpers cell (edit, delete) or to the helpers' names changes nothing; a
NotImplementedError raised inside a library is not mistaken for an untouched answer.
"""

import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import CORRECT, MINI, WRONG, cell, grade, shared

from autograder.grading.gradebook import prepare
from autograder.runner import notebook, plan
from tools.split_test_cells import split_notebook

pytestmark = pytest.mark.xdist_group("autograder-helpers")

EX2_TEST = '''def _ex2_check(values, expected):
    got = mean(values)
    assert isinstance(got, float), f"mean must return a float, got {type(got).__name__}"
    assert abs(got - expected) < 1e-9, f"mean({values}) should be {expected}, got {got}"


_ex2_check([1.0, 2.0, 3.0], 2.0)
### BEGIN HIDDEN TESTS
_ex2_check([float(v) for v in np.linspace(-3.0, 11.0, 29)], 4.0)
### END HIDDEN TESTS
'''
HELPERS_ID = "ex2_mean_test" + notebook.HELPERS_SUFFIX
NOT_ANSWERED = ("Exercise 2 is not answered yet: `mean` still raises NotImplementedError: replace "
                "`raise NotImplementedError()` in the answer cell with your code")
# student -> (score, the start of ex2's message)
EXPECTED = {
    "good": (7, ""),
    "pristine": (0, "AssertionError: " + NOT_ANSWERED),
    "wrong": (4, "AssertionError: mean([1.0, 2.0, 3.0]) should be 2.0, got 0.0"),
    "integer": (4, "AssertionError: mean must return a float, got int"),
    "edited_helpers": (4, "AssertionError: mean([1.0, 2.0, 3.0]) should be 2.0, got 0.0"),
    "deleted_helpers": (7, ""),
    "shadowed_helpers": (4, "AssertionError: mean([1.0, 2.0, 3.0]) should be 2.0, got 0.0"),
    "library_error": (4, "NotImplementedError raised in your code"),
    # the answer's own errors are not "not answered yet", even one raised while handling a NotImplementedError
    "name_error": (4, "NameError raised in your code"),
    "name_error_in_except": (4, "NameError raised in your code"),
    # an answer that calls another exercise's function left as given: that exercise is named
    "calls_unanswered_add": (2, "AssertionError: Exercise 2 calls `add` of Exercise 1, which is not answered yet"),
}


def mini_with_helpers() -> nbformat.NotebookNode:
    nb = nbformat.read(MINI, as_version=4)
    cell(nb, "ex2_mean_test").source = EX2_TEST
    assert split_notebook(nb, {"ex2_mean_test"}) == 1, "only the cell asked for"
    assert split_notebook(nb, {"ex2_mean_test"}) == 0, "a split cell is left alone"
    return nb


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    source = tmp_path_factory.mktemp("mini-helpers") / "mini.ipynb"
    nbformat.write(mini_with_helpers(), source)
    the_plan, release = prepare(source, "mini", tmp_path_factory.mktemp("mini-helpers-course"))
    return source, the_plan, release


def answered(release, mean: str) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(release)
    for gid, answer in CORRECT.items():
        cell(nb, gid).source = mean if gid == "ex2_mean" else answer
    return nb


def submissions(release) -> dict[str, nbformat.NotebookNode]:
    out = {"good": answered(release, CORRECT["ex2_mean"]), "pristine": nbformat.from_dict(release),
           "wrong": answered(release, WRONG["ex2_mean"]),
           "integer": answered(release, "def mean(values):\n    return int(sum(values) / len(values))\n"),
           "edited_helpers": answered(release, WRONG["ex2_mean"]),
           "deleted_helpers": answered(release, CORRECT["ex2_mean"]),
           "shadowed_helpers": answered(release, WRONG["ex2_mean"] + "\n\ndef _ex2_check(*args):\n    pass\n"),
           "library_error": answered(release, "import logging\n\n\ndef mean(values):\n"
                                              "    return logging.Handler().emit(None)\n"),
           "name_error": answered(release, "def mean(values):\n    return total_of(values) / len(values)\n"),
           "name_error_in_except": answered(release, "def mean(values):\n    try:\n        raise NotImplementedError()\n"
                                                     "    except NotImplementedError:\n"
                                                     "        return total_of(values) / len(values)\n"),
           "calls_unanswered_add": answered(release, "def mean(values):\n    return add(sum(values), 0.0) / len(values)\n")}
    cell(out["calls_unanswered_add"], "ex1_add").source = cell(nbformat.from_dict(release), "ex1_add").source
    cell(out["edited_helpers"], HELPERS_ID).source = "def _ex2_check(*args):\n    pass\n"
    out["deleted_helpers"].cells.remove(cell(out["deleted_helpers"], HELPERS_ID))
    return out


@pytest.fixture(scope="module")
def batch(released, tmp_path_factory):
    source, _, release = released

    def run(folder: Path):
        incoming = folder / "in"
        incoming.mkdir()
        for student, nb in submissions(release).items():
            nbformat.write(nb, incoming / f"{student}.ipynb")
        report = grade(incoming, folder / "course", workers=2, target=source)
        page = (folder / "course" / "feedback" / "pristine" / "mini" / "mini.html").read_text()
        return {"outcomes": report.outcomes, "page": page}

    return shared("autograder-helpers", tmp_path_factory, run)


def test_the_split_keeps_the_test_short_and_its_checks_above(released):
    source, the_plan, _ = released
    nb = nbformat.read(source, as_version=4)
    names = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    assert names.index(HELPERS_ID) + 1 == names.index("ex2_mean_test"), "the helpers cell sits right above its test"
    helpers = cell(nb, HELPERS_ID)
    assert helpers.metadata.nbgrader == {"grade": False, "solution": False, "locked": True, "grade_id": HELPERS_ID,
                                         "schema_version": 3}
    assert "def _ex2_check(" in helpers.source and "class _ex2_answered:" in helpers.source
    test = cell(nb, "ex2_mean_test").source
    assert "def " not in test and test.splitlines()[1] == "with _ex2_answered():"
    roles = {c.grade_id: c.role for c in the_plan.cells if c.grade_id}
    assert roles[HELPERS_ID] == "helpers" and roles["ex2_mean_test"] == "test"
    run = next(c for c in the_plan.cells if c.grade_id == "ex2_mean_test")
    assert run.source.startswith(helpers.source) and run.source.endswith(cell(nb, "ex2_mean_test").source), (
        "the test runs its helpers, then its own code")
    assert "def _ex2_check(" not in run.release_source, "the learner's copy of the test is the test cell alone"


def test_a_deleted_or_edited_helpers_cell_is_the_instructors(released):
    _, the_plan, release = released
    subs = submissions(release)
    for student in ("edited_helpers", "deleted_helpers"):
        cells, notes = plan.assemble(subs[student], the_plan)
        helpers = [c for c in cells if c.grade_id == HELPERS_ID]
        assert len(helpers) == 1 and helpers[0].origin == "instructor" and "def _ex2_check(values" in helpers[0].source
        expected = ["the test helpers cell ex2_mean_test_helpers was edited; the instructor's version was graded"]
        assert notes == (expected if student == "edited_helpers" else []), notes


@pytest.mark.parametrize("student", EXPECTED)
def test_scores_and_messages(student, batch):
    out = batch["outcomes"][student]
    score, message = EXPECTED[student]
    assert (out.status, out.score) == ("graded", score), out.reason
    got = out.tests["ex2_mean_test"].message
    assert got.startswith(message) if message else got == "", got


def test_an_untouched_answer_says_not_answered_yet_only_where_the_test_has_helpers(batch):
    tests = batch["outcomes"]["pristine"].tests
    assert NOT_ANSWERED in tests["ex2_mean_test"].message
    # the mini assignment's other tests keep the plain form: the grader names the error and the learner's line
    assert tests["ex1_add_test"].message.startswith("NotImplementedError raised in your code")


def test_the_feedback_page_shows_the_helpers_and_says_not_answered_yet(batch):
    page = batch["page"]
    assert "def _ex2_check(values, expected):" in page and NOT_ANSWERED in page
    assert "np.linspace(-3.0, 11.0, 29)" not in page, "hidden tests stay hidden"
