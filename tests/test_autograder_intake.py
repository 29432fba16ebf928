"""Which file belongs to which student: LMS naming patterns, nbgrader's layout, zips (no grading here)."""

import re
import shlex
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import CORRECT, cell, release, submission

from autograder.intake import submissions as intake
from autograder.intake.roster import read_roster
from autograder.runner import plan

FLAT = {
    "doejohn_12345_67890_mini.ipynb": ("12345", "doejohn"),                 # Canvas
    "doejohn_LATE_12345_67999_mini-1.ipynb": ("12345", "doejohn"),          # Canvas, later resubmission
    "Jane Roe_4242_assignsubmission_file_mini.ipynb": ("4242", "Jane Roe"),  # Moodle, file
    "Max Mustermann_777_assignsubmission_file_/mini.ipynb": ("777", "Max Mustermann"),  # Moodle, folder
    "mini_jsmith_attempt_2026-01-05-10-11-12_mini.ipynb": ("jsmith", ""),   # Blackboard
    "alice_mini.ipynb": ("alice", ""),                                       # nbgrader zip_collect style
    "mini_bob.ipynb": ("bob", ""),
    "carol/anything.ipynb": ("carol", ""),                                   # a folder per student
    "mini-dave/mini.ipynb": ("dave", ""),                                    # GitHub Classroom
    "erin.ipynb": ("erin", ""),                                              # just the student id
}


def make_flat(root: Path) -> None:
    for name in FLAT:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name)
    (root / "smithfrank_555_666_report.pdf").write_bytes(b"%PDF")


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_flat_exports_are_matched_to_students(tmp_path, as_zip):
    folder = tmp_path / "export"
    make_flat(folder)
    source = folder
    if as_zip:
        source = tmp_path / "export.zip"
        with zipfile.ZipFile(source, "w") as z:
            for path in folder.rglob("*"):
                if path.is_file():
                    z.write(path, path.relative_to(folder).as_posix())
            z.writestr("__MACOSX/._alice_mini.ipynb", "junk")
    subs, layout = intake.collect(source, "mini")
    assert layout == "flat"
    got = {s.student: s for s in subs}
    expected_ids = {v[0] for v in FLAT.values()} | {"555"}
    assert set(got) == expected_ids
    for student, display in FLAT.values():
        assert got[student].name == display
    assert got["12345"].data == b"doejohn_LATE_12345_67999_mini-1.ipynb", "the later Canvas resubmission wins"
    assert "2 notebooks" in got["12345"].notes[0]
    assert got["555"].status == "missing notebook" and "report.pdf" in got["555"].reason


def test_lms_names_and_markers(tmp_path):
    """What each LMS's file name says besides the id: Canvas's LATE, Blackboard's attempt time."""
    make_flat(tmp_path)
    got = {s.student: s for s in intake.collect(tmp_path, "mini")[0]}
    assert (got["12345"].lms, got["12345"].late_marker) == ("canvas", True)       # the LATE resubmission won
    assert (got["jsmith"].lms, got["jsmith"].timestamp) == ("blackboard", "2026-01-05 10:11:12")
    assert (got["4242"].lms, got["4242"].late_marker, got["4242"].timestamp) == ("moodle", None, None)
    assert got["alice"].lms == "zip_collect" and got["erin"].lms == "file name"


def test_canvas_prefers_the_latest_submission_by_number(tmp_path):
    """Canvas's submission ids grow: 10000 is later than 9999 (a string comparison would say otherwise)."""
    (tmp_path / "doejohn_12345_9999_mini.ipynb").write_text("old")
    (tmp_path / "doejohn_LATE_12345_10000_mini.ipynb").write_text("new")
    (sub,), _ = intake.collect(tmp_path, "mini")
    assert (sub.data, sub.late_marker) == (b"new", True)


def test_custom_pattern_and_roster(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hw_s123456_final.ipynb").write_text("{}")
    (tmp_path / "roster.csv").write_text("id,name\ns123456,A\ns999999,B\n")
    subs, _ = intake.collect(tmp_path / "in", "mini", pattern=r"(?P<student>s\d{6})",
                             roster=read_roster(tmp_path / "roster.csv"))
    assert [(s.student, s.status) for s in subs] == [("s123456", None), ("s999999", "missing notebook")]


def test_rosters_of_each_lms_give_ids_and_names(tmp_path):
    """nbgrader's students.csv, Canvas's gradebook export, Blackboard's Grade Center, Moodle's grading worksheet."""
    files = {
        "nbgrader.csv": "id,first_name,last_name,email\n1001,Alice,Liddell,a@example.org\n",
        "canvas.csv": ('Student,ID,SIS User ID,SIS Login ID,Section,ch01 (1)\n'
                       '    Points Possible,,,,,7\n"Liddell, Alice",1001,s1,alice,Sec 1,\n'),
        "blackboard.csv": '"Last Name","First Name","Username","Student ID"\n"Smith","John","jsmith","900"\n',
        "moodle.csv": "Identifier,Full name,Email address,Status\nParticipant 4242,Jane Roe,j@example.org,Submitted\n",
        "plain.txt": "# ids\nalice\nbob\n",
    }
    expected = {"nbgrader.csv": [("1001", "Alice Liddell")], "canvas.csv": [("1001", "Liddell, Alice")],
                "blackboard.csv": [("jsmith", "John Smith")], "moodle.csv": [("4242", "Jane Roe")],
                "plain.txt": [("alice", ""), ("bob", "")]}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
        assert [(e.student, e.name) for e in read_roster(tmp_path / name)] == expected[name], name


def test_nbgrader_layout(tmp_path):
    root = tmp_path / "course" / "submitted"
    (root / "alice" / "mini").mkdir(parents=True)
    (root / "alice" / "mini" / "mini.ipynb").write_text("{}")
    (root / "alice" / "mini" / "timestamp.txt").write_text("2026-03-01 10:00:00.000000 UTC")
    (root / "alice" / "mini" / "data").mkdir()
    (root / "alice" / "mini" / "data" / "values.csv").write_text("1,2")
    (root / "bob" / "mini").mkdir(parents=True)
    (root / "bob" / "mini" / "Copy of mini.ipynb").write_text("{}")
    (root / "carol" / "mini").mkdir(parents=True)
    (root / "dave" / "mini").mkdir(parents=True)
    (root / "dave" / "mini" / "report.pdf").write_text("%PDF")
    (root / "erin").mkdir(parents=True)
    (root / "fr@nk smith" / "mini").mkdir(parents=True)
    (root / "fr@nk smith" / "mini" / "mini.ipynb").write_text("{}")
    for source in (tmp_path / "course", root.parent):      # the course root, or its submitted/ folder
        subs, layout = intake.collect(source, "mini")
        assert layout == "nbgrader"
        got = {s.student: s for s in subs}
        assert set(got) == {"alice", "bob", "carol", "dave", "erin", "fr@nk_smith"}
        assert got["alice"].files == {"data/values.csv": b"1,2"}
        assert got["alice"].timestamp == "2026-03-01 10:00:00.000000 UTC"
        assert got["bob"].status is None and "Copy of mini.ipynb" in got["bob"].notes[0]
        for student in ("carol", "dave", "erin"):
            assert got[student].status == "missing notebook", student
        assert "report.pdf" in got["dave"].reason


def test_sanitize_student_ids():
    assert intake.sanitize("Jane Roe") == "Jane_Roe"
    assert intake.sanitize("../../etc/passwd") == "etc_passwd"
    assert intake.sanitize("") == "unknown"


# ---------------------------------------------------------------------------------------------- the documented routes

DOC = Path(__file__).resolve().parents[1] / "docs" / "instructors.md"


def doc_section(start: str, end: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    return text[text.index(start):text.index(end)]


def documented_lms_table() -> dict[str, tuple[list[str], list[str]]]:
    """LMS -> (its example file names, the student ids they carry), from the table in the guide's section 3."""
    table = {}
    for line in doc_section("## 3. Collect submissions", "## 4. Grade").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.strip().startswith("|") and len(cells) == 6 and cells[0] != "LMS" and not cells[0].startswith("-"):
            table[cells[0]] = (re.findall(r"`([^`]+)`", cells[1]), re.findall(r"`([^`]+)`", cells[2]))
    return table


def documented_zip_collect() -> dict[str, list[str]]:
    """LMS -> the documented `nbgrader zip_collect` command line, as argv."""
    section = doc_section("## 3. Collect submissions", "## 4. Grade")
    found = re.findall(r"# (\w+)\n\s*(nbgrader zip_collect [^\n]*\\\n[^\n]*)\n", section)
    return {lms: shlex.split(command.replace("\\\n", " ")) for lms, command in found}


def run_zip_collect(argv: list[str], course: Path) -> list[str]:
    """nbgrader's own zip_collect, run in `course` as the guide says; the student folders it made in submitted/."""
    from nbgrader.apps import ZipCollectApp

    assert argv[:2] == ["nbgrader", "zip_collect"], argv
    app = ZipCollectApp()
    app.initialize(argv[2:])
    app.start()
    assignment = argv[2]
    students = sorted(p.name for p in (course / "submitted").iterdir())
    assert all((course / "submitted" / s / assignment / f"{assignment}.ipynb").exists() for s in students)
    return students


@pytest.mark.parametrize("lms", ["Canvas", "Moodle", "Blackboard"])
def test_zip_collect_as_documented_and_the_batch_grader_take_the_same_ids(tmp_path, monkeypatch, lms):
    """One id per LMS on both routes: the guide's zip_collect expression and the batch grader's intake, run on the
    example file names of the guide's table, find exactly the ids the table gives."""
    names, ids = documented_lms_table()[lms]
    archive = tmp_path / "downloaded" / "ch01_tensors" / "archive"
    archive.mkdir(parents=True)
    for name in names:
        (archive / name).write_text("{}")
    monkeypatch.chdir(tmp_path)
    collected = run_zip_collect(documented_zip_collect()[lms], tmp_path)
    subs, layout = intake.collect(archive, "ch01_tensors")
    assert layout == "flat"
    assert collected == sorted(s.student for s in subs) == sorted(ids)


def test_the_documented_roster_uses_those_ids_and_names_the_students(tmp_path):
    """The guide's students.csv (nbgrader db student import, and --roster) holds the Canvas ids of the table; its
    names win over the file name's `liddellalice` on the feedback page."""
    roster_text = re.search(r"cat > students.csv <<'EOF'\n(.*?)\nEOF\n",
                            doc_section("## 2. Release", "## 3. Collect"), re.DOTALL).group(1)
    (tmp_path / "students.csv").write_text(roster_text + "\n")
    roster = read_roster(tmp_path / "students.csv")
    names, ids = documented_lms_table()["Canvas"]
    assert [e.student for e in roster] == ids
    for name in names:
        (tmp_path / "export" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "export" / name).write_text("{}")
    subs, _ = intake.collect(tmp_path / "export", "ch01_tensors", roster=roster)
    assert {s.student: (s.name, s.status) for s in subs} == {"1001": ("Alice Liddell", None),
                                                            "1002": ("Bob Builder", None)}
    alone, _ = intake.collect(tmp_path / "export", "ch01_tensors")
    assert [s.name for s in alone] == ["liddellalice", "builderbob"]


# ---------------------------------------------------------------------------------------------- assembly

@pytest.fixture(scope="session")
def mini_plan():
    import tempfile

    from autograder_support import MINI

    from autograder.grading.gradebook import prepare

    with tempfile.TemporaryDirectory() as tmp:
        p, _ = prepare(MINI, "mini", Path(tmp))
    return p


def roles(cells):
    return [(c.role, c.grade_id) for c in cells if c.role != "student" or c.grade_id]


def test_instructor_cells_are_restored_once_in_place(mini_plan):
    nb = submission()
    test = cell(nb, "ex1_add_test")
    test.source = "pass"
    nb.cells.insert(nb.cells.index(test), nbformat.from_dict(dict(test)))
    del nb.cells[nb.cells.index(cell(nb, "ex2_mean_test"))]
    cells, notes = plan.assemble(nb, mini_plan)
    assert roles(cells) == [("solution", "ex1_add"), ("test", "ex1_add_test"), ("solution", "ex2_mean"),
                            ("test", "ex2_mean_test"), ("solution", "ex3_hypotenuse"), ("test", "ex3_hypotenuse_test")]
    tests = [c for c in cells if c.role == "test"]
    assert all("BEGIN HIDDEN TESTS" in c.source for c in tests), "tests run with their hidden part"
    assert any("ex1_add_test appears 2 times" in n for n in notes)
    assert any("ex1_add_test was edited" in n for n in notes)
    assert any("ex2_mean_test was deleted" in n for n in notes)


def test_tests_follow_moved_answers_and_helper_cells(mini_plan):
    nb = submission()
    ex3 = cell(nb, "ex3_hypotenuse")
    nb.cells.remove(ex3)
    nb.cells.insert(1, ex3)
    helper = nbformat.v4.new_code_cell("HELPER = 1")
    nb.cells.insert(nb.cells.index(cell(nb, "ex1_add")) + 1, helper)
    cells, _ = plan.assemble(nb, mini_plan)
    sources = [c.source for c in cells]
    assert sources.index("HELPER = 1") < sources.index(next(c.source for c in cells if c.grade_id == "ex1_add_test"))
    order = [c.grade_id for c in cells if c.grade_id]
    assert order.index("ex3_hypotenuse") < order.index("ex3_hypotenuse_test")


def test_release_alone_needs_no_notes(mini_plan):
    cells, notes = plan.assemble(release(), mini_plan)
    assert notes == []
    assert next(c.source for c in cells if c.role == "solution") != CORRECT["ex1_add"]


def test_feedback_page_shows_the_students_name_and_id(mini_plan):
    from autograder.reporting import feedback
    from autograder.runner.record import Outcome

    outcome = Outcome.empty("1001", mini_plan)
    page = feedback.render(outcome, mini_plan, name="Alice Liddell")
    assert "Student: <b>Alice Liddell</b> (1001)" in page
    assert "Student: <b>1001</b>" in feedback.render(outcome, mini_plan)


def test_feedback_page_names_one_error_per_cell_whatever_the_cell_sent(mini_plan):
    """A cell raises one error; more error outputs are messages the learner's code published itself (issue 27: names
    of raised errors carried hidden lines out, without a cap). Only the first is named, and only a short name."""
    import nbformat

    from autograder.reporting import feedback
    from autograder.runner.record import Outcome

    cell = nbformat.v4.new_code_cell("raise Boom()")
    cell.outputs = [nbformat.v4.new_output("error", ename="Boom", evalue="", traceback=[]),
                    *(nbformat.v4.new_output("error", ename=f"leak{i}_secret_line", evalue="", traceback=[])
                      for i in range(50)),
                    nbformat.v4.new_output("error", ename="x" * 300, evalue="", traceback=[])]
    page = feedback.render(Outcome.empty("1001", mini_plan), mini_plan, autograded_nb=nbformat.v4.new_notebook(
        cells=[cell]))
    assert page.count("this cell raised") == 1 and "this cell raised Boom" in page
    assert "secret_line" not in page and "x" * 50 not in page
