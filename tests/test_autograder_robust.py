"""Bad input and misbehaving code: every submission gets a status and a clear reason, the batch never stops.

One flat batch (an LMS-style folder) holds good answers, broken files, an old nbformat, duplicated cells,
huge outputs, timeouts, memory/file/process limits, stderr noise, a hidden-test leak attempt. Its results
also serve the feedback and export checks.
"""

import csv
import io
import json
import os
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import CORRECT, cell, grade, hashes, release, shared, submission, write

from autograder.sandbox.mode import detect

pytestmark = pytest.mark.xdist_group("autograder-robust")

TF_LOG = "2026-01-01 00:00:00.000000: I tensorflow/core/util/port.cc:113] oneDNN custom operations are on.\\n"
HIDDEN_LINES = ["hidden_sample = np.linspace(-3.0, 11.0, 29)", "### BEGIN HIDDEN TESTS",
                "for first, second in [(10, -4), (2.5, 0.25)]:", "hypotenuse(5, 12) - 13.0"]

# student -> (expected status, expected score)
EXPECTED = {
    "good": ("graded", 7),
    "pristine": ("graded", 0),
    "empty": ("invalid notebook", 0),
    "junk": ("invalid notebook", 0),
    "badjson": ("invalid notebook", 0),
    "notanotebook": ("invalid notebook", 0),
    "future": ("invalid notebook", 0),
    "oldformat": ("graded", 7),
    "duplicated": ("graded", 7),
    "reordered": ("graded", 7),
    "helper": ("graded", 7),
    "huge_stored_output": ("graded", 7),
    "huge_runtime_output": ("limit exceeded", 7),
    "infinite_loop": ("timeout", 4),
    "ignores_interrupt": ("timeout", 5),
    "memory_hog": ("limit exceeded", 4),
    "big_file": ("limit exceeded", 7),
    "stderr_correct": ("graded", 7),
    "stderr_wrong": ("graded", 5),
    "leaker": ("graded", 5),
    "no_return": ("graded", 4),
    "broken_answer": ("graded", 4),
}


def build(folder: Path) -> None:
    write(submission(), folder / "good.ipynb")
    write(release(), folder / "pristine.ipynb")
    (folder / "empty.ipynb").write_bytes(b"")
    (folder / "junk.ipynb").write_bytes(bytes(range(256)) * 40)
    (folder / "badjson.ipynb").write_text('{"cells": [{"cell_type": "code", "source": "1"')
    (folder / "notanotebook.ipynb").write_text('{"hello": "world"}')
    future = json.loads(nbformat.writes(submission()))
    future["nbformat"] = 5
    (folder / "future.ipynb").write_text(json.dumps(future))
    (folder / "oldformat.ipynb").write_text(nbformat.writes(nbformat.convert(submission(), 3), version=3))

    nb = submission(wrong=["ex1_add"])
    sol, test = cell(nb, "ex1_add"), cell(nb, "ex1_add_test")
    fixed = nbformat.from_dict(dict(sol, source=CORRECT["ex1_add"]))
    i = nb.cells.index(sol)
    nb.cells.insert(i + 1, fixed)                                   # the answer, edited in a duplicate
    nb.cells.insert(i + 3, nbformat.from_dict(dict(test)))           # a duplicated test cell, same id
    (folder / "duplicated.ipynb").write_text(json.dumps(nb))         # duplicate ids: nbformat would refuse

    nb = submission()
    ex3 = cell(nb, "ex3_hypotenuse")
    nb.cells.remove(ex3)
    nb.cells.insert(2, ex3)
    write(nb, folder / "reordered.ipynb")

    nb = submission(replace={"ex1_add": "def add(a, b):\n    return plus(a, b)\n"})
    nb.cells.insert(nb.cells.index(cell(nb, "ex1_add")) + 1,
                    nbformat.v4.new_code_cell("def plus(a, b):\n    return a + b\n"))
    write(nb, folder / "helper.ipynb")

    nb = submission()
    big = nbformat.v4.new_code_cell("print('x')")
    big.outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * (30 << 20))]
    nb.cells.insert(2, big)
    write(nb, folder / "huge_stored_output.ipynb")

    write(submission(append={"ex1_add": "print('y' * (4 << 20))\n"}), folder / "huge_runtime_output.ipynb")
    write(submission(replace={"ex2_mean": "while True:\n    pass\n" + CORRECT["ex2_mean"]}),
          folder / "infinite_loop.ipynb")
    write(submission(replace={"ex3_hypotenuse": "import signal\nimport time\n\n"
                                                "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                                "while True:\n    time.sleep(0.05)\n"}),
          folder / "ignores_interrupt.ipynb")
    write(submission(replace={"ex2_mean": "hog = bytearray(3 << 30)\n" + CORRECT["ex2_mean"]}),
          folder / "memory_hog.ipynb")
    write(submission(append={"ex1_add": "with open('big.bin', 'wb') as f:\n    f.write(b'0' * (20 << 20))\n"}),
          folder / "big_file.ipynb")
    noisy = "import sys\n\n\ndef add(a, b):\n    sys.stderr.write(\"" + TF_LOG + "\")\n    return a {} b\n"
    write(submission(replace={"ex1_add": noisy.format("+")}), folder / "stderr_correct.ipynb")
    write(submission(replace={"ex1_add": noisy.format("-")}), folder / "stderr_wrong.ipynb")
    leak = ("import inspect\n\n\ndef add(a, b):\n    caller = inspect.currentframe().f_back\n"
            "    global LEAK\n    LEAK = inspect.getsource(caller)\n    raise ValueError(LEAK)\n")
    write(submission(replace={"ex2_mean": "def mean(values):\n    float(np.mean(values))\n"}),
          folder / "no_return.ipynb")
    write(submission(replace={"ex2_mean": "def mean(values)\n    return float(np.mean(values))\n"}),
          folder / "broken_answer.ipynb")
    nb = submission(replace={"ex1_add": leak})
    nb.cells.append(nbformat.v4.new_code_cell("print(LEAK)\nraise RuntimeError(LEAK)"))
    write(nb, folder / "leaker.ipynb")


@pytest.fixture(scope="session")
def batch(tmp_path_factory):
    return shared("autograder-robust", tmp_path_factory, run_batch)


def run_batch(base: Path) -> dict:
    folder = base / "submissions"
    folder.mkdir()
    build(folder)
    extra = {}
    if detect("auto").procs != "none":
        write(submission(append={"ex1_add": "import subprocess\n\n"
                                            "procs = [subprocess.Popen(['sleep', '30']) for _ in range(400)]\n"}),
              folder / "many_processes.ipynb")
        extra["many_processes"] = ("limit exceeded", 7)
    course = base / "course"
    before = hashes(folder)
    # 10 s: room for spawning processes up to the limit on a loaded 2-core machine; the loops still cost 10 s only
    report = grade(folder, course, workers=2, limits={"cell_timeout": 10.0})
    return {"report": report, "folder": folder, "course": course, "before": before,
            "expected": {**EXPECTED, **extra}}


def test_every_submission_gets_its_status_and_score(batch):
    rows = {r["student"]: r for r in batch["report"].rows}
    assert set(rows) == set(batch["expected"])
    wrong = {s: (rows[s]["status"], float(rows[s]["score"]), rows[s]["reason"]) for s, exp in batch["expected"].items()
             if (rows[s]["status"], float(rows[s]["score"])) != exp}
    assert not wrong, wrong


@pytest.mark.parametrize(("student", "words"), [
    ("empty", "empty"), ("junk", "binary"), ("badjson", "not valid JSON"), ("notanotebook", "not a Jupyter notebook"),
    ("future", "nbformat 5"), ("oldformat", "nbformat 3"), ("duplicated", "appears 2 times"),
    ("infinite_loop", "ran longer than 10 s"), ("ignores_interrupt", "did not respond to an interrupt"),
    ("memory_hog", "out of memory"), ("big_file", "larger than"), ("huge_runtime_output", "output limit"),
])
def test_reasons_say_what_happened(batch, student, words):
    assert words in batch["report"].by_student(student)["reason"]


@pytest.mark.parametrize(("student", "words"), [
    ("no_return", "TypeError raised inside the test: check what your code returns"),
    ("no_return", "a function with no `return` gives None"),
    ("broken_answer", "NameError raised inside the test: a name it uses is not defined"),
])
def test_errors_inside_a_test_say_what_to_check(batch, student, words):
    """The error's own text stays hidden (it may carry test data); the message says what to check instead."""
    message = batch["report"].outcomes[student].tests["ex2_mean_test"].message
    assert words in message, message


def test_limits_kill_only_the_submission(batch):
    if "many_processes" not in batch["expected"]:
        pytest.skip("no process limit on this machine")
    assert "process limit" in batch["report"].by_student("many_processes")["reason"]


def test_original_submissions_are_never_modified(batch):
    assert hashes(batch["folder"]) == batch["before"]


def test_csv_has_one_row_per_submission_with_exercise_points(batch):
    rows = list(csv.DictReader(io.StringIO(batch["report"].csv.read_text())))
    assert [r["student"] for r in rows] == sorted(batch["expected"])
    assert list(rows[0]) == ["student", "name", "chapter", "status", "score", "max_score", "late", "late_penalty",
                             "ex1", "ex2", "ex3", "reason", "file"]
    assert {r["late"] for r in rows} == {"unknown"} and {r["late_penalty"] for r in rows} == {"0"}   # no times here
    good = next(r for r in rows if r["student"] == "infinite_loop")
    assert (good["ex1"], good["ex2"], good["ex3"], good["max_score"]) == ("2", "0", "2", "7")


def test_gradebook_holds_the_grades(batch):
    from nbgrader.api import Gradebook

    from autograder.grading.gradebook import course_id, db_url

    rows = {r["student"]: r for r in batch["report"].rows}
    with Gradebook(db_url(batch["course"]), course_id()) as gb:
        assert {s.id for s in gb.students} == set(rows)
        for student, row in rows.items():
            assert gb.find_submission("mini", student).score == float(row["score"]), student


def test_autograded_notebooks_are_in_nbgrader_layout(batch):
    nb = nbformat.read(batch["course"] / "autograded" / "good" / "mini" / "mini.ipynb", as_version=4)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.metadata.nbgrader.grade_id for c in tests] == ["ex1_add_test", "ex2_mean_test", "ex3_hypotenuse_test"]
    assert all("BEGIN HIDDEN TESTS" in c.source for c in tests), "autograded notebooks keep the hidden tests"
    assert (batch["course"] / "submitted" / "good" / "mini" / "mini.ipynb").exists()
    assert not (batch["course"] / "autograded" / "junk").exists()


def test_stderr_neither_costs_nor_earns_points(batch):
    nb = nbformat.read(batch["course"] / "autograded" / "stderr_correct" / "mini" / "mini.ipynb", as_version=4)
    test = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "ex1_add_test")
    assert any(o.get("name") == "stderr" for o in test.outputs), "the test cell did write to stderr"
    report = batch["report"]
    assert report.outcomes["stderr_correct"].tests["ex1_add_test"].score == 2
    assert report.outcomes["stderr_wrong"].tests["ex1_add_test"].score == 0


def test_feedback_shows_tests_but_never_hidden_code(batch):
    for student in batch["expected"]:
        page = (batch["course"] / "feedback" / student / "mini" / "mini.html").read_text()
        for line in HIDDEN_LINES:
            assert line not in page, f"{student}: feedback leaks {line!r}"
    page = (batch["course"] / "feedback" / "infinite_loop" / "mini" / "mini.html").read_text()
    for name in ("ex1_add_test", "ex2_mean_test", "ex3_hypotenuse_test"):
        assert name in page
    assert "0 / 3" in page and "2 / 2" in page and "NameError" in page
    assert "4 / 7" in page


def test_rlimit_fallback_still_grades(tmp_path):
    folder = tmp_path / "in"
    write(submission(), folder / "fine.ipynb")
    write(submission(wrong=["ex2_mean"]), folder / "half.ipynb")
    report = grade(folder, tmp_path / "course", workers=1, sandbox="rlimit")
    assert "WARNING" in report.log and "resource limits only" in report.log
    assert [(r["student"], r["status"], r["score"]) for r in report.rows] == [("fine", "graded", "7"),
                                                                              ("half", "graded", "4")]
    assert report.sandbox == "rlimit"


def test_environment_is_fast_mode_and_private(tmp_path):
    isolated = detect("auto").name == "bwrap"
    probe = ("import os\n\nassert os.environ.get('COURSE_FAST') == '1'\n"
             "keras_home = os.environ['KERAS_HOME']\n"
             "assert os.listdir(os.path.join(keras_home, 'datasets')), 'the dataset cache is visible'\n"
             f"if {isolated}:\n"
             "    try:\n        open(os.path.join(keras_home, 'x'), 'w')\n    except OSError:\n        pass\n"
             "    else:\n        raise AssertionError('the dataset cache is writable')\n"
             "assert not any(k.startswith(('GITHUB_', 'PYTEST_')) for k in os.environ)\n"
             "assert 'notes.txt' in os.listdir('.') and not any(n.endswith('.ipynb') for n in os.listdir('.'))\n")
    nb = submission(append={"ex1_add": probe})
    sub = tmp_path / "in" / "submitted" / "zoe" / "mini"
    write(nb, sub / "mini.ipynb")
    (sub / "notes.txt").write_text("mine")
    os.environ["PYTEST_PROBE_SECRET"] = "1"
    try:
        report = grade(tmp_path / "in", tmp_path / "course", workers=1)
    finally:
        del os.environ["PYTEST_PROBE_SECRET"]
    out = report.outcomes["zoe"]
    autograded = nbformat.read(tmp_path / "course" / "autograded" / "zoe" / "mini" / "mini.ipynb", as_version=4)
    errors = [o for c in autograded.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors
    assert out.score == 7
