"""Read the nbgrader structure of a notebook: graded cells, exercises, solution and hidden-test text."""

import re
from dataclasses import dataclass

import nbformat

SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n?(.*?)### END HIDDEN TESTS", re.DOTALL)
EXERCISE = re.compile(r"^(ex\d+)_")


@dataclass(frozen=True)
class GradedCell:
    grade_id: str
    points: float
    kind: str           # "tests" or "solution"
    source: str


def read(path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def nbgrader_cells(nb) -> list[GradedCell]:
    out = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if not meta:
            continue
        kind = "tests" if meta.get("grade") else "solution" if meta.get("solution") else "other"
        out.append(GradedCell(meta.get("grade_id", ""), float(meta.get("points", 0)), kind, cell.source))
    return out


def exercise_of(grade_id: str) -> str | None:
    """'ex3' for 'ex3_update_in_place_test'; None for cells outside the exN_ convention."""
    match = EXERCISE.match(grade_id)
    return match.group(1) if match else None


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
