"""Grade one submission with nbgrader, in a scratch course folder.

    course = ScratchCourse(chapter("ch01_tensors"), Path(tmp))   # generates the assignment once
    result = course.grade("alice", Path("alice.ipynb"))          # nbgrader autograde, then read the gradebook
    result = course.grade_sandboxed("bob", Path("bob.ipynb"))    # the same with this project's batch grader
    result.score, result.max_score, result.cells["ex1_make_tensor_test"].message

The submitted file is copied, never modified. Grading runs in fast mode with TensorFlow's C++ logs
silenced; Python warnings are left on, as in plain nbgrader, so test cells must silence their own (nbgrader gives
0 points to a test cell that writes anything to stderr).
"""

import functools
import hashlib
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from autograder.grading.gradebook import db_url, grading_environment, nbgrader_api
from autograder.runner.record import Outcome
from coursetools.course import Chapter


@dataclass
class CellResult:
    grade_id: str
    score: float
    max_score: float
    message: str | None = None     # "AssertionError: ..." when the cell raised


@dataclass
class GradeResult:
    student: str
    chapter: str
    cells: dict[str, CellResult] = field(default_factory=dict)
    autograded: Path | None = None
    log: str = ""

    @property
    def score(self) -> float:
        return sum(c.score for c in self.cells.values())

    @property
    def max_score(self) -> float:
        return sum(c.max_score for c in self.cells.values())


def _errors(notebook: Path):
    """(cell index, grade_id or None, 'Name: message') for every error output of an executed notebook."""
    for n, cell in enumerate(nbformat.read(notebook, as_version=4).cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                yield n, cell.metadata.get("nbgrader", {}).get("grade_id"), f"{output.ename}: {output.evalue}"


def cells_that_raised(notebook: Path) -> list[str]:
    """'cell N: Name: message' for every code cell of an executed notebook that raised, graded or not."""
    return [f"cell {n}: {error}" for n, _, error in _errors(notebook)]


def teaching_cells_that_raised(notebook: Path) -> list[str]:
    """'cell N: Name: message' for every code cell outside the graded ones (a teaching cell) that raised."""
    return [f"cell {n}: {error}" for n, grade_id, error in _errors(notebook) if not grade_id]


def error_messages(notebook: Path) -> dict[str, str]:
    """grade_id -> 'Name: message' for every graded cell of an executed notebook that raised."""
    return {grade_id: error for _, grade_id, error in _errors(notebook) if grade_id}


def _check(outcome: dict, what: str) -> None:
    if not outcome["success"]:
        raise RuntimeError(f"nbgrader {what} failed:\n{outcome.get('log', '')}\n{outcome.get('error', '')}")


class ScratchCourse:
    """A throwaway nbgrader course for one chapter; grade any number of submissions against it.

    nbgrader runs in this process through its Python API, so it is imported once however many
    submissions are graded; every submission still runs in a fresh kernel.
    """

    def __init__(self, ch: Chapter, root: Path):
        self.chapter, self.root = ch, Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(ch.source.parent, self.root / "solutions" / ch.id, dirs_exist_ok=True)
        self.api = nbgrader_api(self.root, db_url(self.root))
        with grading_environment():
            _check(self.api.generate_assignment(ch.id, force=True, create=True), f"generate_assignment {ch.id}")

    def grade(self, student: str, notebook: Path) -> GradeResult:
        ch = self.chapter
        submitted = self.root / "submitted" / student / ch.id
        submitted.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, submitted / f"{ch.id}.ipynb")
        with grading_environment(tmpdir=self.root / "tmp"):
            outcome = self.api.autograde(ch.id, student, force=True, create=True)
        _check(outcome, f"autograde {ch.id} for {student}")
        autograded = self.root / "autograded" / student / ch.id / f"{ch.id}.ipynb"
        result = GradeResult(student, ch.id, autograded=autograded, log=outcome.get("log", ""))
        messages = error_messages(autograded)
        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gb:
            submission = gb.find_submission_notebook(ch.id, ch.id, student)
            for grade in submission.grades:
                if grade.cell.cell_type != "code":
                    continue
                name = grade.cell.name
                result.cells[name] = CellResult(name, grade.score, grade.max_score, messages.get(name))
        return result

    def grade_sandboxed(self, student: str, notebook: Path, threads: int | None = None,
                        source: nbformat.NotebookNode | None = None) -> GradeResult:
        """Grade with this project's batch grader instead of plain nbgrader (sandbox, integrity checks, and in this
        process, so that its pre-imported interpreter serves every call); the same result shape as `grade`.
        `threads`: the kernel's thread count (default: every core). `source`: grade against this instructor
        notebook instead of the chapter's (a part of it: its own plan, its own tests)."""
        return self.grade_sandboxed_many({student: notebook}, threads, source)[student]

    def grade_sandboxed_many(self, notebooks: dict[str, Path], threads: int | None = None,
                             source: nbformat.NotebookNode | None = None) -> dict[str, GradeResult]:
        """`grade_sandboxed` for several submissions ({student: notebook}) in one batch: one plan, one warm kernel
        pool, one after the other."""
        from autograder.grading.batch import Options, grade_batch

        target, course_dir = self._target(source)
        folder = course_dir / "incoming" / "-".join(sorted(notebooks))[:100]
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for student, path in notebooks.items():
            shutil.copyfile(path, folder / f"{student}.ipynb")
        report = grade_batch(Options(target=str(target), submissions=folder, course_dir=course_dir,
                                     workers=1, progress=False, feedback=False, class_page=False, stream=io.StringIO(),
                                     threads=threads))
        return {student: self._result(student, report.outcomes[student], course_dir) for student in notebooks}

    @functools.cached_property
    def preload(self) -> list[str]:
        """What the batch grader's pre-imported interpreter (zygote) imports for the whole chapter, in its order."""
        from autograder.grading.gradebook import prepare
        from autograder.sandbox.zygote import preload_for

        with grading_environment():
            plan, _release = prepare(self.chapter.source, self.chapter.id, self.root / "batch")
        return preload_for(plan)

    def _target(self, source: nbformat.NotebookNode | None) -> tuple[Path, Path]:
        """(instructor notebook, batch course folder): the chapter's, or one course folder per distinct `source`
        (each has its own gradebook entry for the assignment, which a changed set of tests would conflict with).

        A `source` gets a first cell importing what the whole chapter's zygote imports, in its order: the batch
        grader keys its pre-imported interpreter by the modules the instructor notebook imports, and a part of the
        chapter importing fewer would start a new one (seconds of TensorFlow import) each time this process goes from
        one part to another. Only the plan reads that cell: a teaching cell runs from the submission."""
        if source is None:
            return self.chapter.source, self.root / "batch"
        imports = "\n".join(f"import {module}" for module in self.preload)
        source = source.copy()
        source.cells = [nbformat.v4.new_code_cell(imports, id="chapter-imports"), *source.cells]
        text = nbformat.writes(source)
        key = hashlib.sha256(text.encode()).hexdigest()[:12]
        target = self.root / "sources" / key / self.chapter.source.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return target, self.root / f"batch-{key}"

    def _result(self, student: str, out: Outcome, course_dir: Path) -> GradeResult:
        status = "" if out.status == "graded" else f" [{out.status}: {out.reason}]"
        autograded = course_dir / "autograded" / student / self.chapter.id / f"{self.chapter.id}.ipynb"
        # the error as the instructor sees it in the autograded notebook (the learner's feedback is shorter)
        errors = error_messages(autograded) if autograded.exists() else {}
        result = GradeResult(student, self.chapter.id, autograded=autograded, log=f"{out.status}: {out.reason}")
        for grade_id, test in out.tests.items():
            lost = test.score != test.points
            message = errors.get(grade_id, test.message) + status
            result.cells[grade_id] = CellResult(grade_id, test.score, test.points, message if lost else None)
        return result
