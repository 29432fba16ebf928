"""What travels between the batch and its workers: a `Task` to grade one submission, and its `Outcome`.

Both are plain data (they go through multiprocessing and Dask, so they pickle): the plan and the limits travel as
dicts, the submission as bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from autograder import messages as M

GRADED, TIMEOUT, LIMIT, CRASHED, TAMPERED = "graded", "timeout", "limit exceeded", "crashed", "tampered"
INVALID, MISSING = "invalid notebook", "missing notebook"


@dataclass
class Task:
    """One submission to grade, and how."""
    student: str
    plan: dict                                          # Plan.to_dict()
    data: bytes | None = None                           # the notebook file as submitted
    files: dict[str, bytes] = field(default_factory=dict)   # the student's other files, copied into the sandbox
    notes: list[str] = field(default_factory=list)      # what intake noticed, for the reason
    limits: dict = field(default_factory=dict)          # Limits' fields
    sandbox: str = "auto"                               # the sandbox asked for (--sandbox)
    threads: int | None = None                          # threads per kernel
    datasets: dict[str, str] = field(default_factory=dict)  # KERAS_HOME / SCIKIT_LEARN_DATA -> the grader's caches
    zygote: bool = False                                # fork the kernel from the worker's pre-imported interpreter
    prewarm: bool = False                               # start the next submission's kernel while grading this one


@dataclass(slots=True)
class GradedTest:
    """One test cell: its points, what it earned, and what the learner reads about it."""
    points: float
    score: float = 0.0
    state: str = "not run"                              # "passed", "failed", "untrusted" or "not run"
    message: str = M.NOT_RUN

    def update(self, **values) -> None:
        """Set these fields (`score`, `state`, `message`)."""
        for name, value in values.items():
            setattr(self, name, value)


@dataclass
class Outcome:
    """One graded submission."""
    student: str
    assignment: str
    notebook: str
    max_score: float
    tests: dict[str, GradedTest]                       # by grade_id, in the plan's order
    status: str = GRADED
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    score: float = 0.0
    answers: dict[str, bool] = field(default_factory=dict)   # answer cell's grade_id -> changed from the release
    autograded: str | None = None                       # the notebook as graded (nbformat JSON); dropped once written
    seconds: float = 0.0
    sandbox: str | None = None                          # the sandbox mode it ran in
    valid: bool = False                                 # the file was a notebook
    traceback: str = ""                                 # a grader bug's traceback

    @classmethod
    def empty(cls, student: str, plan) -> Outcome:
        """Nothing run yet: every test of `plan` at 0 points."""
        return cls(student, plan.assignment, plan.notebook, plan.max_score,
                   {c.grade_id: GradedTest(c.points) for c in plan.tests})

    def set_tests(self, **values) -> None:
        """Set the same fields of every test (`state`, `message`, `score`)."""
        for test in self.tests.values():
            test.update(**values)
