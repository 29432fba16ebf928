"""Read a course notebook's nbgrader structure for the tooling and the suite: graded cells, exercises, solution and
hidden-test text. The grader's own conventions (helpers cells, hidden-test markers, exercise ids) are
autograder/runner/notebook.py's."""

import re
from dataclasses import dataclass

import nbformat

from autograder.runner.notebook import HELPERS_SUFFIX, HIDDEN, exercise_of, is_helpers, with_helpers

SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)
# A code cell whose outputs nbval compares with the stored ones; the release strips the marker.
CHECK_MARK = "# NBVAL_CHECK_OUTPUT"


@dataclass(frozen=True)
class GradedCell:
    grade_id: str
    points: float
    kind: str           # "tests", "solution", "helpers" (a test's read-only helpers cell) or "other"
    source: str


def read(path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def nbgrader_cells(nb) -> list[GradedCell]:
    out = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if not meta:
            continue
        kind = ("tests" if meta.get("grade") else "solution" if meta.get("solution")
                else "helpers" if is_helpers(meta) else "other")
        out.append(GradedCell(meta.get("grade_id", ""), float(meta.get("points", 0)), kind, cell.source))
    return out


def test_sources(nb) -> dict[str, str]:
    """grade_id of each test cell -> the code it runs: its helpers cell's source, then its own."""
    helpers = {c.grade_id: c.source for c in nbgrader_cells(nb) if c.kind == "helpers"}
    return {c.grade_id: with_helpers(helpers.get(c.grade_id + HELPERS_SUFFIX, ""), c.source)
            for c in nbgrader_cells(nb) if c.kind == "tests"}


def points_by_exercise(nb) -> dict[str, float]:
    out: dict[str, float] = {}
    for cell in nbgrader_cells(nb):
        if cell.kind == "tests":
            out[exercise_of(cell.grade_id)] = out.get(exercise_of(cell.grade_id), 0) + cell.points
    return out


def solution_blocks(nb) -> list[str]:
    return [m for cell in nb.cells if cell.cell_type == "code" for m in SOLUTION.findall(cell.source)]


def hidden_test_blocks(nb) -> list[str]:
    return [m for cell in nb.cells if cell.cell_type == "code" for m in HIDDEN.findall(cell.source)]


def replace_cell(nb, grade_id: str, source: str) -> None:
    """Put `source` in the cell with this grade_id (how a student's answer lands in the notebook)."""
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
            cell.outputs = []
            return
    raise KeyError(f"no cell with grade_id {grade_id!r}")
