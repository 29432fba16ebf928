"""The `python -m autograder grade` command on nbgrader's layout and on an LMS zip: exports, gradebook, re-runs."""

import csv
import io
import sys
import zipfile
from contextlib import redirect_stdout
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import MINI, hashes, shared, submission, write

from autograder import cli

pytestmark = pytest.mark.xdist_group("autograder-batch")
FAST = ["--cell-timeout", "20", "--timeout", "120", "--memory", "2G", "--no-progress"]


def run_cli(*args) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["grade", str(MINI), *map(str, args), *FAST]) == 0
    return out.getvalue()


@pytest.fixture(scope="session")
def nbgrader_course(tmp_path_factory):
    return shared("autograder-nbgrader-layout", tmp_path_factory, run_twice)


# The course's late policy (nbgrader's documented example): 1 point per hour late.
SUBMARKS = """from nbgrader.plugins import LateSubmissionPlugin


class SubMarks(LateSubmissionPlugin):
    def late_submission_penalty(self, student_id, score, total_seconds_late):
        return round(total_seconds_late / 3600, 0)
"""


def run_twice(course: Path) -> dict:
    """An instructor's course root with nbgrader's submitted/ folder, graded twice with the same command; its
    nbgrader_config.py sets a per-hour late policy, and alice handed in 2 hours after the due date."""
    sub = course / "submitted"
    (course / "batch_late_policy.py").write_text(SUBMARKS)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\nc.AssignLatePenalties.plugin_class = 'batch_late_policy.SubMarks'\n")
    write(submission(), sub / "alice" / "mini" / "mini.ipynb")
    (sub / "alice" / "mini" / "timestamp.txt").write_text("2026-03-01 10:00:00.000000 UTC")
    (sub / "alice" / "mini" / "submission_secret.txt").write_text("0123abcd" * 16)  # as `nbgrader submit` writes
    write(submission(wrong=["ex2_mean"]), sub / "bob" / "mini" / "Copy of mini.ipynb")
    (sub / "carol" / "mini").mkdir(parents=True)
    (sub / "dave" / "mini").mkdir(parents=True)
    (sub / "dave" / "mini" / "report.pdf").write_bytes(b"%PDF-1.4")
    roster = course / "roster.csv"
    roster.write_text("id,first_name,last_name\nalice,Alice,Liddell\nbob,Bob,Builder\ncarol,,\ndave,,\ngina,,\n")
    before = hashes(sub)
    due = ("--due", "2026-03-01T08:00:00+00:00")
    first = run_cli(course, "--course-dir", course, "--workers", "2", "--roster", roster, *due)
    csv_first = (course / "grades-mini.csv").read_bytes()
    feedback_first = (course / "feedback" / "bob" / "mini" / "mini.html").read_text()
    second = run_cli(course, "--course-dir", course, "--workers", "2", "--roster", roster, *due)
    return {"course": course, "before": before, "first": first, "second": second, "csv_first": csv_first,
            "feedback_first": feedback_first, "report": (course / "report-mini.html").read_text(),
            "alice_feedback": (course / "feedback" / "alice" / "mini" / "mini.html").read_text()}


def test_statuses_and_scores(nbgrader_course):
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(nbgrader_course["csv_first"].decode()))}
    got = {s: (r["status"], r["score"]) for s, r in rows.items()}
    assert got == {"alice": ("graded", "7"), "bob": ("graded", "4"), "carol": ("missing notebook", "0"),
                   "dave": ("missing notebook", "0"), "gina": ("missing notebook", "0")}
    assert "Copy of mini.ipynb" in rows["bob"]["reason"]
    assert "report.pdf" in rows["dave"]["reason"]
    assert "roster" in rows["gina"]["reason"]
    assert "5 submissions (nbgrader layout)" in nbgrader_course["first"]


def test_late_submission_is_marked_late_everywhere(nbgrader_course):
    """alice's timestamp.txt says 10:00 UTC, 2 hours after the due date: late in the CSV, with the course policy's
    penalty (2 points), in the class report, on her feedback page and in the gradebook nbgrader reads."""
    from nbgrader.api import Gradebook

    from autograder.grading.gradebook import course_id, db_url

    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(nbgrader_course["csv_first"].decode()))}
    assert {s: (r["late"], r["late_penalty"]) for s, r in rows.items()} == {
        "alice": ("yes", "2"), "bob": ("unknown", "0"), "carol": ("unknown", "0"), "dave": ("unknown", "0"),
        "gina": ("unknown", "0")}
    assert rows["alice"]["name"] == "Alice Liddell" and rows["alice"]["score"] == "7"
    late = nbgrader_course["report"][nbgrader_course["report"].index("<h2>Late submissions</h2>"):]
    assert "<b>1</b> late" in late and "<code>alice</code>" in late and "2 h" in late and "timestamp.txt" in late
    assert "batch_late_policy.SubMarks" in late
    assert "late: 1 (alice −2)" in nbgrader_course["first"]
    assert "<b>Submitted late</b> by 2 h (timestamp.txt): late penalty −2 points" in nbgrader_course["alice_feedback"]
    assert "<b>Alice Liddell</b> (alice)" in nbgrader_course["alice_feedback"]
    with Gradebook(db_url(nbgrader_course["course"]), course_id()) as gb:
        alice = gb.find_submission("mini", "alice")
        assert gb.find_assignment("mini").duedate.isoformat() == "2026-03-01T08:00:00"
        assert (alice.total_seconds_late, alice.late_submission_penalty) == (7200, 2.0)
        assert gb.find_student("alice").first_name == "Alice"


def test_rerun_is_safe_and_gives_the_same_grades(nbgrader_course):
    course = nbgrader_course["course"]
    assert (course / "grades-mini.csv").read_bytes() == nbgrader_course["csv_first"]
    assert (course / "feedback" / "bob" / "mini" / "mini.html").read_text() == nbgrader_course["feedback_first"]
    assert hashes(course / "submitted") == nbgrader_course["before"], "submissions were modified"
    from nbgrader.api import Gradebook

    from autograder.grading.gradebook import course_id, db_url

    with Gradebook(db_url(course), course_id()) as gb:
        assignment = gb.find_assignment("mini")
        assert len(assignment.submissions) == 5
        assert gb.find_submission("mini", "alice").score == 7
        assert gb.find_submission("mini", "alice").timestamp.year == 2026
        assert gb.find_submission("mini", "bob").score == 4
        grade = gb.find_grade("ex2_mean_test", "mini", "mini", "bob")
        assert (grade.auto_score, grade.max_score, grade.needs_manual_grade) == (0, 3, False)


def test_nbgrader_reads_the_autograded_notebooks(nbgrader_course):
    """nbgrader's own API sees the submissions as autograded (what formgrader shows)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    from autograder.grading.gradebook import course_id, db_url

    course = nbgrader_course["course"]
    config = Config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.db_url = db_url(course)
    config.CourseDirectory.course_id = course_id()
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    subs = {s["student"]: s for s in api.get_submissions("mini")}
    assert subs["alice"]["autograded"] and subs["alice"]["score"] == 7
    assert subs["bob"]["autograded"] and subs["bob"]["score"] == 4


def test_feedback_goes_back_through_the_exchange(nbgrader_course, tmp_path):
    """`nbgrader release_feedback` files the batch grader's page where the student's Fetch Feedback looks: under the
    hash of the submission's secret (kept beside the page with the timestamp). Submissions from elsewhere carry no
    secret, and their feedback stays out of the exchange."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import notebook_hash
    from traitlets.config import Config

    from autograder.grading.gradebook import course_id, db_url

    course = nbgrader_course["course"]
    alice = course / "feedback" / "alice" / "mini"
    assert (alice / "timestamp.txt").read_text() == "2026-03-01 10:00:00.000000 UTC"
    assert (alice / "submission_secret.txt").read_text() == "0123abcd" * 16
    assert not (course / "feedback" / "bob" / "mini" / "submission_secret.txt").exists()
    config = Config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.db_url = db_url(course)
    config.CourseDirectory.course_id = course_id()
    config.Exchange.root = str(tmp_path / "exchange")
    (tmp_path / "exchange").mkdir(mode=0o777)
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    result = api.release_feedback("mini", "alice")
    assert result["success"], result
    released = tmp_path / "exchange" / course_id() / "feedback" / (
        notebook_hash(secret="0123abcd" * 16, notebook_id="mini") + ".html")
    assert released.read_text() == (alice / "mini.html").read_text()


def test_lms_zip_export(tmp_path):
    """A Canvas export: the user ids, the names from the file names, Canvas's LATE marker (no time, no penalty under
    the default policy, which only records lateness)."""
    folder = tmp_path / "export"
    write(submission(), folder / "roejane_1001_5001_mini.ipynb")
    write(submission(wrong=["ex1_add", "ex3_hypotenuse"]), folder / "doejohn_LATE_1002_5002_mini.ipynb")
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in folder.iterdir():
            z.write(path, path.name)
    course = tmp_path / "course"
    out = run_cli(archive, "--course-dir", course, "--workers", "1", "--csv", tmp_path / "grades.csv")
    rows = {r["student"]: r for r in csv.DictReader((tmp_path / "grades.csv").open())}
    assert {s: (r["name"], r["score"], r["late"], r["late_penalty"]) for s, r in rows.items()} == {
        "1001": ("roejane", "7", "no", "0"), "1002": ("doejohn", "3", "yes", "0")}
    assert "2 submissions (flat layout)" in out and "late: 1 (1002)" in out
    page = (course / "feedback" / "1002" / "mini" / "mini.html").read_text()
    assert "<b>doejohn</b> (1002)" in page and "<b>Submitted late</b> (Canvas&#x27;s LATE marker)" in page
    late = (tmp_path / "report-mini.html").read_text().split("<h2>Late submissions</h2>")[1]
    assert "<code>1002</code>" in late and "no time given" in late and "<code>1001</code>" not in late


def test_single_writer_waits_out_a_locked_gradebook(tmp_path):
    """Another program (formgrader, a script) holding SQLite's lock delays the writer; no grade is lost."""
    import sqlite3
    import threading
    import time

    from autograder.grading.gradebook import GradebookWriter, prepare
    from autograder.runner.record import Outcome

    plan, _ = prepare(MINI, "mini", tmp_path)
    outcome = Outcome.empty("alice", plan)
    for test in outcome.tests.values():
        test.update(score=test.points, state="passed")
    outcome.score = 7.0
    locked = threading.Event()

    def hold_lock():
        conn = sqlite3.connect(tmp_path / "gradebook.db", isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        locked.set()
        time.sleep(6.5)                       # longer than SQLite's 5 s busy timeout
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    locked.wait()
    writer = GradebookWriter(tmp_path, plan)
    try:
        writer.record(outcome)
    finally:
        writer.close()
        holder.join()
    from nbgrader.api import Gradebook

    from autograder.grading.gradebook import course_id, db_url

    with Gradebook(db_url(tmp_path), course_id()) as gb:
        assert gb.find_submission("mini", "alice").score == 7
