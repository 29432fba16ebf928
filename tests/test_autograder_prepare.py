"""The assignment a batch grades against: nbgrader's generation into the gradebook, kept for the next batch while
neither the instructor notebook nor the gradebook's copy of it changed (autograder/grading/gradebook.py)."""

import json
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import MINI

from autograder.grading import gradebook


@pytest.fixture
def generations(monkeypatch):
    """The calls of nbgrader's generate_assignment, by the instructor notebook's text."""
    calls = []
    real = gradebook._generate

    def counted(source, assignment, url):
        calls.append(Path(source).read_text(encoding="utf-8"))
        return real(source, assignment, url)
    monkeypatch.setattr(gradebook, "_generate", counted)
    return calls


def _with_points(tmp_path: Path, points: int) -> Path:
    """MINI with its first test worth `points`."""
    nb = nbformat.read(MINI, as_version=4)
    test = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))
    test.metadata["nbgrader"]["points"] = points
    path = tmp_path / f"points{points}" / "mini.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    return path


def _first_test_points(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    return next(c.metadata["nbgrader"]["points"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))


def test_a_second_batch_reuses_the_generated_assignment(tmp_path, generations):
    course = tmp_path / "course"
    first_plan, first_release = gradebook.prepare(MINI, "mini", course)
    second_plan, second_release = gradebook.prepare(MINI, "mini", course)
    assert len(generations) == 1
    assert second_plan.to_dict() == first_plan.to_dict() and second_release == first_release


def test_a_changed_notebook_is_generated_again(tmp_path, generations):
    course = tmp_path / "course"
    gradebook.prepare(MINI, "mini", course)
    plan, _ = gradebook.prepare(_with_points(tmp_path, 7), "mini", course)
    assert len(generations) == 2
    assert plan.tests[0].points == 7


def test_a_gradebook_regenerated_elsewhere_or_a_broken_record_is_generated_again(tmp_path, generations):
    course = tmp_path / "course"
    gradebook.prepare(MINI, "mini", course)
    # another tool (nbgrader itself) generates another version into the same gradebook: the record is stale
    gradebook._generate(_with_points(tmp_path, 7), "mini", gradebook.db_url(course))
    plan, _ = gradebook.prepare(MINI, "mini", course)
    assert len(generations) == 3 and plan.tests[0].points == _first_test_points(MINI) != 7
    record = course / ".autograder" / "prepared-mini.json"
    record.write_text(record.read_text()[:50])
    gradebook.prepare(MINI, "mini", course)
    assert len(generations) == 4
    assert json.loads(record.read_text())["key"]          # written whole again
