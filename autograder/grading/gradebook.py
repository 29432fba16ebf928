"""nbgrader's side of a batch: the assignment in the gradebook, the plan from nbgrader's own release, and the
single writer that records grades.

`prepare()` runs nbgrader's `generate_assignment` in a scratch course whose database is the real gradebook,
so the gradebook gets the assignment, its notebooks, grade cells and source cells exactly as nbgrader makes
them, and the repository's `notebooks/` is never rewritten. The plan is read back from that release and
from the gradebook's source cells (test cells with their hidden tests).

`GradebookWriter` is the only code that writes the gradebook during a batch: workers return results, the
main process records them one at a time (and retries if another program holds the SQLite lock), with the
submission time and late penalty where nbgrader keeps them (the submission's `timestamp`, the notebook's
`late_submission_penalty`), so nbgrader's own export and formgrader show the same lateness.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
from sqlalchemy.exc import OperationalError, SAWarning

from autograder.grading.assignment import NBGRADER_CONFIG
from autograder.runner.plan import Plan, build

if TYPE_CHECKING:
    from datetime import datetime

    from autograder.grading.lateness import Lateness
    from autograder.intake.roster import RosterEntry
    from autograder.runner.record import Outcome

# No PYTHONWARNINGS here: plain `nbgrader autograde` and the Validate button do not set it, so a test cell that a
# warning could reach silences it itself (`with warnings.catch_warnings(): warnings.simplefilter("ignore")`), and the
# suite grades with the same environment an instructor has.
GRADING_ENV = {
    "COURSE_FAST": "1",            # grading runs the chapter in fast mode, like CI
    "TF_CPP_MIN_LOG_LEVEL": "3",   # TensorFlow's C++ logs go to stderr
}


@contextlib.contextmanager
def grading_environment(tmpdir: Path | None = None):
    """Set GRADING_ENV for this process and the kernels it starts; restore it afterwards. With `tmpdir`, the
    kernels' temporary files (TensorFlow's autograph sources, the chapters' scratch folders) go there."""
    # nbgrader shells out to `alembic`; find it beside this interpreter even when the venv is not activated.
    changes = {**GRADING_ENV, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    if tmpdir is not None:
        Path(tmpdir).mkdir(parents=True, exist_ok=True)
        changes["TMPDIR"] = str(tmpdir)
    saved = {key: os.environ.get(key) for key in changes}
    os.environ.update(changes)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def nbgrader_api(root: Path, db_url: str | None = None):
    """nbgrader's Python API on the course folder `root`, with this course's nbgrader_config.py. With `db_url`, its
    gradebook (created here if new, see `ensure_gradebook`); without, generate_assignment keeps no gradebook (what the
    CLI's --no-db sets)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(NBGRADER_CONFIG.name, path=str(NBGRADER_CONFIG.parent)).load_config()
    if db_url is None:
        config.GenerateAssignment.no_database = True
        config.SaveCells.enabled = False
    else:
        ensure_gradebook(db_url)
        config.CourseDirectory.db_url = db_url
    config.CourseDirectory.root = str(root)
    return NbGraderAPI(coursedir=CourseDirectory(config=config, root=str(root)), config=config)


def course_config(course_dir: Path):
    """The course's nbgrader configuration: this repository's nbgrader_config.py, then the course folder's own one
    on top where `course_dir` is elsewhere and has one (where nbgrader itself would read it)."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(NBGRADER_CONFIG.name, path=str(NBGRADER_CONFIG.parent)).load_config()
    own = Path(course_dir).resolve() / NBGRADER_CONFIG.name
    if own.exists() and own != NBGRADER_CONFIG.resolve():
        config.merge(PyFileConfigLoader(own.name, path=str(own.parent)).load_config())
    return config


def db_url(course_dir: Path) -> str:
    return f"sqlite:///{Path(course_dir).resolve() / 'gradebook.db'}"


def course_id() -> str:
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(NBGRADER_CONFIG.name, path=str(NBGRADER_CONFIG.parent)).load_config()
    return config.CourseDirectory.get("course_id", "default_course")


def ensure_gradebook(url: str) -> None:
    """Create an empty gradebook exactly like nbgrader does (tables + alembic head), but in-process.

    nbgrader's Gradebook() asks the `alembic` command line for the head revision when the database is new,
    which costs a Python start-up with nbgrader's imports (seconds). The result is the same database.
    """
    from alembic.script import ScriptDirectory
    from nbgrader.api import Base
    from nbgrader.dbutil import ALEMBIC_DIR
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url, future=True)
    try:
        if inspect(engine).get_table_names():
            return
        head = ScriptDirectory(ALEMBIC_DIR).get_current_head()
        Base.metadata.create_all(bind=engine)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": head})
    finally:
        engine.dispose()


PREPARED_VERSION = 1          # of the record a batch keeps of the last prepare(), in the course folder


def prepare(source: Path, assignment: str, course_dir: Path) -> tuple[Plan, nbformat.NotebookNode]:
    """Generate `assignment` from the instructor notebook `source` into the gradebook; return (plan, release).

    A course folder keeps the release of its last generation (`.autograder/prepared-<assignment>.json`), keyed by
    the instructor notebook's bytes, nbgrader's version and the course's nbgrader_config.py; the next batch reuses it
    (a second of nbgrader's work saved) while that key and the gradebook's own cells of the assignment are unchanged,
    and generates it again otherwise (a changed notebook, or a gradebook another tool regenerated)."""
    course_dir = Path(course_dir)
    course_dir.mkdir(parents=True, exist_ok=True)
    url = db_url(course_dir)
    key = _prepared_key(Path(source), assignment)
    record = course_dir / ".autograder" / f"prepared-{assignment}.json"
    kept = _kept_release(record, key, url, assignment)
    if kept is not None:
        return kept
    release = _generate(Path(source), assignment, url)
    cells = _gradebook_cells(url, assignment)
    with contextlib.suppress(OSError):          # a read-only course folder: the next batch generates again
        record.parent.mkdir(exist_ok=True)
        partial = record.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps({"key": key, "cells": cells, "release": nbformat.writes(release)}),
                           encoding="utf-8")
        partial.replace(record)                 # whole or not at all, for a batch started beside this one
    return build(assignment, assignment, release, cells["source"]), release


def _prepared_key(source: Path, assignment: str) -> str:
    import nbgrader

    digest = hashlib.sha256()
    for part in (str(PREPARED_VERSION), assignment, nbgrader.__version__):
        digest.update(part.encode() + b"\0")
    digest.update(source.read_bytes() + b"\0" + NBGRADER_CONFIG.read_bytes())
    return digest.hexdigest()


def _kept_release(record: Path, key: str, url: str, assignment: str):
    """(plan, release) from the last generation, if it is still what the gradebook holds; else None."""
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
        if kept.get("key") != key or kept.get("cells") != _gradebook_cells(url, assignment):
            return None
        release = nbformat.reads(kept["release"], as_version=4)
    except (OSError, ValueError, KeyError, TypeError):
        return None                    # no record, an unreadable one, or no such assignment in the gradebook
    return build(assignment, assignment, release, kept["cells"]["source"]), release


def _generate(source: Path, assignment: str, url: str) -> nbformat.NotebookNode:
    """nbgrader's generate_assignment of `source` into the gradebook at `url`; the student release it writes."""
    with tempfile.TemporaryDirectory(prefix="ag-course-") as tmp:
        scratch = Path(tmp)
        target = scratch / "solutions" / assignment
        target.mkdir(parents=True)
        shutil.copyfile(source, target / f"{assignment}.ipynb")
        api = nbgrader_api(scratch, url)
        with grading_environment():
            outcome = api.generate_assignment(assignment, force=True, create=True)
        if not outcome["success"]:
            raise RuntimeError(f"nbgrader generate_assignment {assignment} failed:\n{outcome.get('log', '')}\n"
                               f"{outcome.get('error', '')}")
        return nbformat.read(scratch / "notebooks" / assignment / f"{assignment}.ipynb", as_version=4)


def _gradebook_cells(url: str, assignment: str) -> dict:
    """The gradebook's cells of the assignment's notebook: {"source": {name: source}, "points": {name: max_score}}
    (raises nbgrader's MissingEntry, a ValueError, if it has none)."""
    from nbgrader.api import Gradebook

    ensure_gradebook(url)
    with Gradebook(url, course_id()) as gb:
        found = gb.find_notebook(assignment, assignment)
        return {"source": {cell.name: cell.source for cell in found.source_cells},
                "points": {cell.name: cell.max_score for cell in found.grade_cells}}


class GradebookWriter:
    """Records outcomes in nbgrader's gradebook, one submission per transaction."""

    def __init__(self, course_dir: Path, plan: Plan, retries: int = 30):
        from nbgrader.api import Gradebook

        self.plan = plan
        self.retries = retries
        self.gb = self._retry(lambda: Gradebook(db_url(course_dir), course_id()))

    def close(self) -> None:
        self.gb.close()

    def _retry(self, action):
        """Run `action`, waiting while another program holds SQLite's lock ("database is locked")."""
        for attempt in range(self.retries):
            try:
                return action()
            except OperationalError as err:
                if getattr(self, "gb", None) is not None:
                    self.gb.db.rollback()
                if "locked" not in str(err) or attempt == self.retries - 1:
                    raise
                time.sleep(min(2.0, 0.1 * (attempt + 1)))
        return None

    def record(self, outcome: Outcome, lateness: Lateness | None = None, person: RosterEntry | None = None) -> None:
        self._retry(lambda: self._record(outcome, lateness, person))

    def deadline(self, student: str) -> datetime | None:
        """The student's due date (UTC): the assignment's, plus the extension the gradebook gives the student."""
        from nbgrader.api import MissingEntry

        if self.gb.find_assignment(self.plan.assignment).duedate is None:
            return None                                 # (nbgrader's duedate would add an extension to None)
        try:
            return self.gb.find_submission(self.plan.assignment, student).duedate
        except MissingEntry:
            return self.gb.find_assignment(self.plan.assignment).duedate

    def set_due(self, due: datetime) -> None:
        """The assignment's due date (UTC), as `nbgrader db assignment add --duedate` sets it."""
        def update():
            self.gb.update_or_create_assignment(self.plan.assignment, duedate=due)
            self.gb.db.commit()
        self._retry(update)

    def _record(self, outcome: Outcome, lateness: Lateness | None, person: RosterEntry | None) -> None:
        with warnings.catch_warnings():
            # nbgrader's add_submission triggers SQLAlchemy autoflush warnings (harmless, also under nbgrader)
            warnings.simplefilter("ignore", SAWarning)
            self._record_grades(outcome, lateness, person)

    def _record_grades(self, outcome: Outcome, lateness: Lateness | None, person: RosterEntry | None) -> None:
        from nbgrader.api import MissingEntry

        gb, plan, student = self.gb, self.plan, outcome.student
        # the roster's names, for nbgrader's export and formgrader; never blank out names imported with nbgrader db
        names = {k: v for k, v in (("first_name", person and person.first_name),
                                   ("last_name", person and person.last_name)) if v}
        gb.update_or_create_student(student, **names)
        if lateness is not None and lateness.submitted is not None:
            # nbgrader computes total_seconds_late from it, so its export and formgrader show the same lateness
            gb.update_or_create_submission(plan.assignment, student, timestamp=lateness.submitted)
        else:
            gb.update_or_create_submission(plan.assignment, student)
        review = outcome.status in ("tampered", "crashed")
        for grade_id, test in outcome.tests.items():
            grade = gb.find_grade(grade_id, plan.notebook, plan.assignment, student)
            grade.auto_score = float(test.score)
            grade.needs_manual_grade = grade.manual_score is not None or (review and test.state != "passed")
        for cell in plan.cells:
            if cell.role != "solution" or not cell.grade_id:
                continue
            try:
                comment = gb.find_comment(cell.grade_id, plan.notebook, plan.assignment, student)
            except MissingEntry:                        # a cell nbgrader keeps no comment for
                continue
            changed = outcome.answers.get(cell.grade_id)
            comment.auto_comment = "No response." if not changed else None
        notebook = gb.find_submission_notebook(plan.notebook, plan.assignment, student)
        # what nbgrader's AssignLatePenalties would store (None when not late); export subtracts it from the score
        penalty = lateness.penalty if lateness is not None and lateness.penalty > 0 else None
        notebook.late_submission_penalty = penalty
        # a late submission whose penalty the policy could not compute waits for a decision, like a held test
        notebook.flagged = review or (lateness is not None and lateness.undecided)
        gb.db.commit()
