"""The "check all my answers" cell (docs/check_all_cell.py): one table, the same verdicts as the test cells.

Chapter 1's reference solution, its pristine student release and a bundle of its wrong answers run top to bottom in
a kernel that knows its notebook's path, as Jupyter starts it (JPY_SESSION_NAME), going on after errors; each test
cell's own verdict (what Validate reports) must be the check-all table's verdict for that exercise, with the
test's message, and nothing hidden may run.
"""

import os
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from exercise_slice import exercise_slice
from test_grading import bundles, wrong_answers

from coursetools import notebook
from coursetools.course import chapters

CHAPTER = next(ch for ch in chapters() if ch.id == "ch01_tensors")
ROW = re.compile(r"^(ok |-- )(\S+)\s+(\S+) pt  (.*)$")


def _run(nb, path: Path) -> nbformat.NotebookNode:
    nbformat.write(nb, path)
    env = {**os.environ, "COURSE_FAST": "1", "JPY_SESSION_NAME": str(path), "TF_CPP_MIN_LOG_LEVEL": "3"}
    client = NotebookClient(nb, timeout=300, allow_errors=True, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.km = client.create_kernel_manager()
    client.km.extra_env = env           # the kernel's own environment, as Jupyter's session manager sets it
    client.execute(env=env)
    return nb


def _verdicts(nb) -> tuple[dict, dict]:
    """(each test cell's verdict from its own run, the check-all table's), by exercise name."""
    own, table = {}, {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            errors = [o for o in cell.outputs if o.output_type == "error"]
            own[meta["grade_id"].removesuffix("_test")] = errors[0].evalue if errors else "passed"
        if meta.get("grade_id") == "check_all":
            text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
            for line in text.splitlines():
                match = ROW.match(line)
                if match:
                    table[match.group(2)] = match.group(4)
    return own, table


def _same(own: dict, table: dict) -> None:
    assert set(own) == set(table), f"exercises: tests {sorted(own)}, table {sorted(table)}"
    for name, verdict in own.items():
        if verdict == "passed":
            assert table[name] == "passed", f"{name}: its test cell passed, the table says {table[name]!r}"
        else:
            first = verdict.strip().splitlines()[0] if verdict.strip() else ""
            digits = re.compile(r"\d+")      # a wrong answer's random draws differ from run to run
            assert table[name] != "passed" and digits.sub("#", first) in digits.sub("#", table[name]), (
                f"{name}: its test cell failed with {first!r}, the table says {table[name]!r}")


def _reference_answers() -> dict[str, str]:
    """The reference solution's answer cells without nbgrader's solution markers (as a learner would type them)."""
    out = {}
    for cell in notebook.read(CHAPTER.source).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade"):
            lines = cell.source.splitlines()
            out[meta["grade_id"]] = "\n".join(x for x in lines if x.strip() not in ("### BEGIN SOLUTION",
                                                                                      "### END SOLUTION")) + "\n"
    return out


def _release_with(answers: dict[str, str]) -> nbformat.NotebookNode:
    nb = notebook.read(CHAPTER.release)
    for grade_id, source in answers.items():
        notebook.replace_cell(nb, grade_id, source)
    return nb


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("check-all")
    reference = _reference_answers()
    bundle = bundles(wrong_answers(CHAPTER))[-1]
    wrong = {**reference, **{a["cell"]: a["source"] for a in bundle}}
    # on the exercise slice (tests/exercise_slice.py): the teaching cells no exercise needs do not run
    return {"reference": _run(exercise_slice(_release_with(reference)), folder / "reference.ipynb"),
            "pristine": _run(exercise_slice(notebook.read(CHAPTER.release)), folder / "pristine.ipynb"),
            "wrong": _run(exercise_slice(_release_with(wrong)), folder / "wrong.ipynb"),
            "wrong_exercises": {notebook.exercise_of(a["cell"]) for a in bundle}}


@pytest.mark.parametrize("which", ["reference", "pristine", "wrong"])
def test_the_table_gives_each_test_cells_verdict(runs, which):
    own, table = _verdicts(runs[which])
    _same(own, table)
    failing = {notebook.exercise_of(name) for name, verdict in table.items() if verdict != "passed"}
    everything = {notebook.exercise_of(name) for name in table}
    assert failing == {"reference": set(), "pristine": everything, "wrong": runs["wrong_exercises"]}[which]


def test_nothing_hidden_runs(runs):
    cell = next(c for c in runs["reference"].cells if c.metadata.get("nbgrader", {}).get("grade_id") == "check_all")
    assert "HIDDEN TESTS" not in "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    source = cell.source
    assert "### BEGIN HIDDEN" not in source      # nbgrader would take it for a marker


def test_without_a_notebook_path_it_says_so_and_runs_nothing(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell((ROOT / "docs" / "check_all_cell.py").read_text())])
    env = {k: v for k, v in os.environ.items() if k != "JPY_SESSION_NAME"}
    NotebookClient(nb, timeout=60, kernel_name="python3").execute(env=env)
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert "checks answers in Jupyter, VS Code or Colab" in text
