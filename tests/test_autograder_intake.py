"""Which file belongs to which student: LMS naming patterns, nbgrader's layout, zips (no grading here)."""

import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import CORRECT, cell, release, submission

from autograder import intake, plan

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


def test_custom_pattern_and_roster(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hw_s123456_final.ipynb").write_text("{}")
    (tmp_path / "roster.csv").write_text("id,name\ns123456,A\ns999999,B\n")
    subs, _ = intake.collect(tmp_path / "in", "mini", pattern=r"(?P<student>s\d{6})",
                             roster=intake.read_roster(tmp_path / "roster.csv"))
    assert [(s.student, s.status) for s in subs] == [("s123456", None), ("s999999", "missing notebook")]


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


# ---------------------------------------------------------------------------------------------- assembly

@pytest.fixture(scope="session")
def mini_plan():
    import tempfile

    from autograder_support import MINI

    from autograder.gradebook import prepare

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
