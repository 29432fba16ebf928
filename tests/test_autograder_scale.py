"""Scale-out and a real chapter: a Dask cluster of separate worker processes, and ch01 with two workers."""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import MINI, grade, submission, write

from coursetools import notebook
from coursetools.course import ROOT, chapter

RMS_TEST = "ex5_root_mean_square_test"
NOISY_RMS = """import os
import sys


def root_mean_square(x):
    # what TensorFlow's C++ and Python loggers do: write straight to file descriptor 2, and to sys.stderr
    os.write(2, b"I0000 00:00:1700000000.000000  1234 cpu_feature_guard.cc:210] This TensorFlow binary is optimized\\n")
    sys.stderr.write("WARNING:tensorflow:5 out of the last 5 calls triggered tf.function retracing.\\n")
    return tf.sqrt(tf.reduce_mean(tf.square(x)))
"""
FAST = ["--cell-timeout", "20", "--timeout", "120", "--memory", "2G", "--no-progress"]


@pytest.mark.xdist_group("autograder-dask")
def test_grades_on_a_dask_cluster_given_its_address(tmp_path):
    from distributed import LocalCluster

    folder = tmp_path / "in"
    write(submission(), folder / "alice_mini.ipynb")
    write(submission(wrong=["ex2_mean"]), folder / "bob_mini.ipynb")
    write(submission(append={"ex1_add": "import os\n\nos._exit(1)\n"}), folder / "carol_mini.ipynb")
    (folder / "dave_mini.ipynb").write_text("not json")
    course = tmp_path / "course"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(MINI), str(folder),
                               "--scheduler", cluster.scheduler_address, "--course-dir", str(course), *FAST],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        # the grading tasks went through this cluster's scheduler (to its worker processes)
        assert any(prefix.startswith("grade") for prefix in cluster.scheduler.task_prefixes)
    rows = {r["student"]: (r["status"], r["score"]) for r in csv.DictReader((course / "grades-mini.csv").open())}
    assert rows == {"alice": ("graded", "7"), "bob": ("graded", "4"), "carol": ("crashed", "0"),
                    "dave": ("invalid notebook", "0")}
    assert "4 submissions" in done.stdout


@pytest.mark.xdist_group("autograder-chapter")
def test_ch01_batch_with_two_workers(tmp_path):
    """A real chapter: TensorFlow's stderr lines cost nothing; fast mode is on; hidden tests stay hidden."""
    ch = chapter("ch01_tensors")
    folder = tmp_path / "in"
    folder.mkdir()
    # the instructor's solution, its last answer logging through TensorFlow's C++ and Python loggers to stderr
    noisy = nbformat.read(ch.source, as_version=4)
    notebook.replace_cell(noisy, "ex5_root_mean_square", NOISY_RMS)
    nbformat.write(noisy, folder / f"reference_{ch.id}.ipynb")
    shutil.copyfile(ch.release, folder / f"pristine_{ch.id}.ipynb")     # the untouched student notebook
    report = grade(folder, tmp_path / "course", workers=2, target=ch.id,
                   limits={"cell_timeout": 300.0, "notebook_timeout": 900.0, "memory": 8 << 30})
    ref, pristine = report.by_student("reference"), report.by_student("pristine")
    points = f"{sum(notebook.points_by_exercise(notebook.read(ch.source)).values()):g}"
    assert (ref["status"], ref["score"], ref["max_score"]) == ("graded", points, points), ref["reason"]
    assert (pristine["status"], pristine["score"]) == ("graded", "0"), pristine["reason"]
    assert all("is not answered yet" in t.message for t in report.outcomes["pristine"].tests.values())
    autograded = nbformat.read(tmp_path / "course" / "autograded" / "reference" / ch.id / f"{ch.id}.ipynb",
                               as_version=4)
    test = next(c for c in autograded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == RMS_TEST)
    assert any(o.get("name") == "stderr" for o in test.outputs), "the test cell wrote nothing to stderr"
    rms = report.outcomes["reference"].tests[RMS_TEST]
    assert rms.score == rms.points > 0, "TensorFlow's stderr lines cost points"
    page = (tmp_path / "course" / "feedback" / "pristine" / ch.id / f"{ch.id}.html").read_text()
    assert "BEGIN HIDDEN TESTS" not in page and "ex4_pairwise_sq_distances_test" in page
    assert "Exercise 4 is not answered yet" in page and "def check_pairwise(a, b, rtol):" in page, (
        "the page says what an untouched exercise needs, and shows the read-only helpers cell as the learner got it")
    rows = list(csv.DictReader(report.csv.open()))
    assert [r["student"] for r in rows] == ["pristine", "reference"]
