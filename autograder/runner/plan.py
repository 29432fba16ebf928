"""What gets run for a submission: the instructor's plan, and a submission assembled against it.

The *plan* comes from nbgrader's own artefacts: the release notebook that `generate_assignment` wrote
(cell order, ids, nbgrader metadata with checksums) and the gradebook's source cells (test cells with
their hidden tests). It is plain data, so it travels to worker processes and Dask workers.

*Assembly* decides what runs, trusting nothing but the grade_ids of solution cells in the submission:

- every cell the instructor owns (tests, their read-only helpers cells, other locked cells) is taken from the plan,
  once, whatever the student did to it: edited, deleted, duplicated, retyped, re-labelled, its id or metadata changed;
- a test's helpers cell (grade_id "<test grade_id>_helpers", docs/authoring.md) does not run on its own: its source
  runs as the start of the test's own code, so that an assertion in a helper is the test's own assertion (the agent
  keeps a message only when no other code is in the traceback) and the student's code never sees the helpers run;
- the student's cells run in the student's order: answers (matched by grade_id), and any cells they added;
  a duplicated answer cell runs every copy, like the student saw it top to bottom;
- each instructor cell goes after the last student cell that precedes it in the release (matched by cell
  id or grade_id) and any cells the student added right behind that one; with no such cell, at the end.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from autograder import messages as M
from autograder.runner import notebook, tamper
from autograder.runner.notebook import HELPERS_SUFFIX, HIDDEN, is_helpers, with_helpers

META_KEYS = ("grade", "solution", "locked", "points", "grade_id", "schema_version", "task")
OWNED = ("test", "helpers", "locked")   # the instructor's cells: always taken from the plan


@dataclass
class PlanCell:
    index: int
    id: str | None
    cell_type: str
    role: str                       # test | helpers | solution | locked | free
    grade_id: str | None
    points: float
    source: str                     # what runs (tests: their helpers, then the full instructor source, hidden tests
                                    # included; helpers: their instructor source, which runs as part of the test)
    release_source: str             # what the student was given
    nbgrader: dict | None = None    # the release's nbgrader metadata


@dataclass
class Plan:
    assignment: str
    notebook: str
    cells: list[PlanCell]
    watch: dict
    imports: list[str]
    hidden_lines: list[str]
    exercises: dict[str, float]
    metadata: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Plan:
        return cls(**{**d, "cells": [PlanCell(**c) for c in d["cells"]]})

    @property
    def tests(self) -> list[PlanCell]:
        return [c for c in self.cells if c.role == "test"]

    @property
    def max_score(self) -> float:
        return sum(c.points for c in self.tests)

    def watch_spec(self) -> tamper.WatchSpec:
        return tamper.WatchSpec(**self.watch)


def examined(plan: Plan) -> bool:
    """Whether the chapter's tests run in the examiner, outside the learner's interpreter: its instructor notebook's
    metadata says `"autograder": {"examiner": true}` once its tests follow the examiner's rules (docs/authoring.md);
    the others still run inside the kernel, through the agent."""
    settings = plan.metadata.get("autograder") if isinstance(plan.metadata, dict) else None
    return isinstance(settings, dict) and settings.get("examiner") is True


def exercise_of(grade_id: str | None) -> str:
    """notebook.exercise_of, with cells outside the exN_ convention grouped under their own id."""
    return notebook.exercise_of(grade_id or "") or grade_id or "other"


def _meta(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader") if isinstance(cell.get("metadata"), dict) else None
    return meta if isinstance(meta, dict) else {}


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")


def _role(cell, meta: dict, test_ids: set[str]) -> str:
    gid = meta.get("grade_id")
    if meta.get("grade") and not meta.get("solution") and cell.cell_type == "code":
        return "test"
    if meta.get("solution"):
        return "solution"
    if cell.cell_type == "code" and is_helpers(meta) and gid.removesuffix(HELPERS_SUFFIX) in test_ids:
        return "helpers"
    return "locked" if meta.get("locked") and gid else "free"


def build(assignment: str, notebook: str, release_nb, full_sources: dict[str, str]) -> Plan:
    """Plan from the release notebook and {grade_id: instructor source} of its test and locked cells."""
    test_ids = {_meta(c).get("grade_id") for c in release_nb.cells
                if _meta(c).get("grade") and not _meta(c).get("solution") and c.cell_type == "code"}
    cells = []
    for i, cell in enumerate(release_nb.cells):
        meta = _meta(cell)
        gid = meta.get("grade_id")
        role = _role(cell, meta, test_ids)
        source = full_sources.get(gid, cell.source) if role in OWNED else cell.source
        points = float(meta.get("points", 0) or 0) if role == "test" else 0.0
        cells.append(PlanCell(i, cell.get("id"), cell.cell_type, role, gid, points, source, cell.source,
                              dict(meta) if meta else None))
    helpers = {c.grade_id.removesuffix(HELPERS_SUFFIX): c.source for c in cells if c.role == "helpers"}
    for c in cells:
        if c.role == "test" and c.grade_id in helpers:
            c.source = with_helpers(helpers[c.grade_id], c.source)
    code = [c.source for c in cells if c.cell_type == "code"]
    tests = [c.source for c in cells if c.role == "test"]
    spec = tamper.watch_spec(code, tests)
    hidden = []
    for c in cells:
        if c.role in OWNED:
            for block in HIDDEN.findall(c.source):
                hidden += [line.strip() for line in block.splitlines() if len(line.strip()) >= 10]
                hidden += ["### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"]
    exercises: dict[str, float] = {}
    for c in cells:
        if c.role == "test":
            exercises[exercise_of(c.grade_id)] = exercises.get(exercise_of(c.grade_id), 0.0) + c.points
    return Plan(assignment, notebook, cells, spec.to_dict(), tamper.preimports(spec), sorted(set(hidden)),
                exercises, dict(release_nb.metadata))


# ---------------------------------------------------------------------------------------------- assembly

@dataclass
class RunCell:
    cell_type: str
    source: str
    role: str                  # test | helpers | locked | solution | student
    origin: str                # instructor | student
    grade_id: str | None = None
    points: float = 0.0
    id: str | None = None
    nbgrader: dict | None = None
    release_source: str = ""


def _norm(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _what(cell: PlanCell) -> str:
    return (M.WHERE_TEST_CELL if cell.role != "helpers" else M.WHERE_HELPERS_CELL).format(grade_id=cell.grade_id)


def assemble(student_nb, plan: Plan) -> tuple[list[RunCell], list[str]]:
    owned = {c.grade_id: c for c in plan.cells if c.role in OWNED and c.grade_id}
    owned_ids = {c.id: c for c in plan.cells if c.role in OWNED and c.id}
    owned_text = {_norm(c.release_source): c for c in plan.cells if c.role == "test" and len(c.release_source) > 20}
    solutions = {c.grade_id: c for c in plan.cells if c.role == "solution" and c.grade_id}
    by_id = {c.id: c for c in plan.cells if c.id and c.role not in OWNED}
    notes: list[str] = []
    seen_owned: dict[str, int] = {}
    seen_solution: dict[str, int] = {}
    kept: list[tuple[int | None, RunCell]] = []

    for cell in student_nb.cells:
        meta = _meta(cell)
        gid = meta.get("grade_id") if isinstance(meta.get("grade_id"), str) else None
        cid = cell.get("id")
        source = _text(cell.get("source", ""))
        cell_type = cell.get("cell_type") if cell.get("cell_type") in ("code", "markdown", "raw") else "raw"
        target = owned.get(gid) or (owned_ids.get(cid) if cid else None)
        if target is not None:
            seen_owned[target.grade_id] = seen_owned.get(target.grade_id, 0) + 1
            if seen_owned[target.grade_id] == 1:
                if cell_type != target.cell_type:
                    notes.append(M.TURNED_INTO.format(what=_what(target), cell_type=cell_type))
                elif _norm(source) != _norm(target.release_source):
                    notes.append(M.EDITED.format(what=_what(target)))
                if gid != target.grade_id or any(meta.get(k) != (target.nbgrader or {}).get(k) for k in META_KEYS
                                                 if k != "task"):
                    notes.append(M.METADATA_CHANGED.format(grade_id=target.grade_id))
            continue
        if cell_type == "code" and _norm(source) in owned_text:
            copy_of = owned_text[_norm(source)].grade_id
            notes.append(M.COPY_IGNORED.format(grade_id=copy_of))
            seen_owned.setdefault(copy_of, 0)
            continue
        if gid in solutions:
            plan_cell = solutions[gid]
            seen_solution[gid] = seen_solution.get(gid, 0) + 1
            if seen_solution[gid] == 1:
                kept.append((plan_cell.index, RunCell(plan_cell.cell_type if cell_type != "raw" else "raw", source,
                                                      "solution", "student", gid, 0.0, cid, plan_cell.nbgrader,
                                                      plan_cell.release_source)))
            else:
                kept.append((plan_cell.index, RunCell(cell_type, source, "student", "student", None, 0.0, cid)))
            continue
        if (meta.get("grade") or meta.get("solution") or meta.get("locked")) and cell_type == "code":
            notes.append(M.LABELLED_GRADED.format(grade_id=repr(gid)))
        anchor = by_id[cid].index if cid in by_id else None
        kept.append((anchor, RunCell(cell_type, source, "student", "student", None, 0.0, cid)))

    notes += _count_notes(owned, solutions, seen_owned, seen_solution)
    return _place_instructor_cells(plan, kept), list(dict.fromkeys(notes))  # repeated notes once, in order


def _count_notes(owned: dict, solutions: dict, seen_owned: dict[str, int], seen_solution: dict[str, int]) -> list[str]:
    """Notes on answers and tests the submission repeats or lacks."""
    notes: list[str] = []
    for gid, n in seen_solution.items():
        if n > 1:
            notes.append(M.ANSWER_REPEATED.format(grade_id=gid, count=n))
    for gid, n in seen_owned.items():
        if n > 1:
            notes.append(M.TEST_REPEATED.format(grade_id=gid, count=n))
    for gid, c in owned.items():
        if c.role == "test" and gid not in seen_owned:
            notes.append(M.TEST_DELETED.format(grade_id=gid))
    for gid in solutions:
        if gid not in seen_solution:
            notes.append(M.ANSWER_MISSING.format(grade_id=gid))
    return notes


def _place_instructor_cells(plan: Plan, kept: list[tuple[int | None, RunCell]]) -> list[RunCell]:
    """The student's kept cells with the instructor's cells put back among them."""
    # Each instructor cell goes after the last student cell that precedes it in the release (and after any
    # cells the student added right behind that one); with no such cell, at the end.
    slots: dict[int, list[PlanCell]] = {}
    for plan_cell in (c for c in plan.cells if c.role in OWNED):
        last = max((i for i, (anchor, _) in enumerate(kept) if anchor is not None and anchor < plan_cell.index),
                   default=None)
        if last is None:
            point = len(kept)
        else:
            point = last + 1
            while point < len(kept) and kept[point][0] is None:
                point += 1
        slots.setdefault(point, []).append(plan_cell)
    out: list[RunCell] = []
    for point in range(len(kept) + 1):
        for plan_cell in slots.get(point, []):
            out.append(RunCell(plan_cell.cell_type, plan_cell.source, plan_cell.role, "instructor",
                               plan_cell.grade_id, plan_cell.points, plan_cell.id, plan_cell.nbgrader,
                               plan_cell.release_source))
        if point < len(kept):
            out.append(kept[point][1])
    return out
