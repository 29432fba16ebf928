"""The honest corpus (tests/honest/*.ipynb): correct answers in tutorial spellings get full marks, `graded`.

Each notebook is graded by the batch grader (sandbox, fast mode) and by plain nbgrader (ScratchCourse); both
must give full marks, and the batch grader must not flag it. See tests/honest/build_corpus.py.
"""

import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import grade, shared

from coursetools.course import chapter

HONEST = Path(__file__).resolve().parent / "honest"
CORPUS = sorted(HONEST.glob("*.ipynb"))
pytestmark = pytest.mark.xdist_group("autograder-honest")
# Room for a TensorFlow chapter on a loaded machine (the grader's defaults are larger still).
LIMITS = {"cell_timeout": 300.0, "notebook_timeout": 900.0, "memory": 8 << 30, "max_output": 1 << 20,
          "max_notebook_output": 8 << 20}


def chapter_of(path: Path) -> str:
    return json.loads(path.read_text())["metadata"]["honest"]["chapter"]


@pytest.fixture(scope="session")
def batch(tmp_path_factory):
    return shared("autograder-honest", tmp_path_factory, run_batches)


def run_batches(base: Path) -> dict:
    rows = {}
    for ch_id in sorted({chapter_of(p) for p in CORPUS}):
        folder = base / ch_id / "submissions"
        folder.mkdir(parents=True)
        for path in CORPUS:
            if chapter_of(path) == ch_id:
                shutil.copy2(path, folder / path.name)
        report = grade(folder, base / ch_id / "course", workers=2, target=ch_id, limits=LIMITS)
        for student, out in report.outcomes.items():
            rows[student] = {k: getattr(out, k) for k in ("status", "score", "max_score", "reason", "tests")}
    return rows


def test_corpus_is_there():
    assert len(CORPUS) >= 4, "run tests/honest/build_corpus.py"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_batch_grader_gives_full_marks(path, batch):
    row = batch[path.stem]
    lost = {gid: t.message for gid, t in row["tests"].items() if t.score != t.points}
    assert row["status"] == "graded", row["reason"]
    assert not lost and row["score"] == row["max_score"] > 0, lost


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_nbgrader_gives_the_same_full_marks(path, tmp_path):
    from coursetools.scratch import ScratchCourse

    result = ScratchCourse(chapter(chapter_of(path)), tmp_path).grade("learner", path)
    lost = {c.grade_id: c.message for c in result.cells.values() if c.score != c.max_score}
    assert not lost and result.score == result.max_score > 0, lost
