"""The exercise slice keeps every cell a graded cell needs, and only those (tests/exercise_slice.py)."""

import nbformat
import pytest
from exercise_slice import exercise_slice, names, only
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursetools import notebook
from coursetools.course import chapters
from coursetools.scratch import teaching_cells_that_raised


def graded(source: str, grade_id: str):
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "solution": True, "grade": False, "locked": False}
    return cell


def kept(cells) -> list[str]:
    """The first lines of the code cells the slice keeps."""
    return [c.source.splitlines()[0] for c in exercise_slice(new_notebook(cells=cells)).cells if c.cell_type == "code"]


def test_keeps_what_the_graded_cells_read_and_drops_the_rest():
    cells = [new_code_cell("import numpy as np\nimport time"),
             new_code_cell("X = np.ones(3)\nmodel = make()"),
             new_code_cell("slow = train_for_an_hour()"),
             new_markdown_cell("## Exercises"),
             graded("def f():\n    return np.sum(X)", "ex1_f")]
    assert kept(cells) == ["import numpy as np", "X = np.ones(3)", "def f():"]
    assert len(exercise_slice(new_notebook(cells=cells)).cells) == 4     # markdown stays


def test_a_cell_that_changes_a_needed_object_in_place_stays():
    cells = [new_code_cell("model = make()"),
             new_code_cell("model.fit(X)"),
             new_code_cell("model.summary()"),
             new_code_cell("table['new'] = 1"),
             graded("answer = model.predict(table)", "ex1_a")]
    assert kept(cells) == ["model = make()", "model.fit(X)", "table['new'] = 1", "answer = model.predict(table)"]


def test_a_rebinding_hides_earlier_bindings_unless_it_reads_them():
    cells = [new_code_cell("model = first()"),
             new_code_cell("model = second()"),
             graded("m = model", "ex1_a")]
    assert kept(cells) == ["model = second()", "m = model"]
    cells[1] = new_code_cell("model = wrap(model)")
    assert kept(cells) == ["model = first()", "model = wrap(model)", "m = model"]


def test_a_slice_of_some_exercises_keeps_another_exercises_answer_only_where_it_is_called():
    def locked(source, grade_id):
        cell = graded(source, grade_id)
        cell.metadata["nbgrader"].update(solution=False, locked=True)
        return cell

    cells = [new_code_cell("import numpy as np"),
             new_code_cell("data = load()"),
             graded("def scale(x):\n    return x / 2", "ex1_scale"),
             graded("_ex1_check(scale)", "ex1_scale_test"),
             graded("def total(x):\n    return np.sum(scale(x))", "ex2_total"),
             graded("_ex2_check(total, data)", "ex2_total_test"),
             graded("def other():\n    return 3", "ex3_other"),
             graded("_ex3_check(other)", "ex3_other_test"),
             locked("check_all_my_answers()", "check_all")]
    sliced = exercise_slice(new_notebook(cells=cells), only({"ex2"}))
    kept_ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in sliced.cells]
    # ex1's answer stays (ex2's answer calls it), its test goes; ex3 goes whole; a cell of no exercise stays
    assert kept_ids == [None, None, "ex1_scale", "ex2_total", "ex2_total_test", "check_all"]


@pytest.mark.parametrize(("source", "reads"), [
    ("x = x + 1", {"x"}),
    ("x += 1", {"x"}),
    ("if FAST:\n    y = y[:10]", {"FAST", "y"}),
    ("r = {a: b for a, b in pairs}", {"pairs"}),
    ("for k in keys:\n    total = k", {"keys"}),
    ("with open(path) as f:\n    text = f.read()", {"open", "path"}),
    ("def helper():\n    return weights * scale\nscale = 2", {"weights"}),
    ("@register(pkg)\nclass Layer(Base):\n    pass", {"register", "pkg", "Base"}),
])
def test_reads_are_the_names_used_before_the_cell_binds_them(source, reads):
    assert names(source)[2] == reads


def test_magics_are_read_as_python():
    binds, _, reads = names("%matplotlib inline\n!pip list\nz = 1")
    assert "z" in binds and reads == {"get_ipython"}


def test_teaching_cells_that_raised_names_only_them(tmp_path):
    nb = new_notebook(cells=[new_code_cell("x = y"), graded("x", "ex1_a")])
    for cell in nb.cells:
        cell.outputs = [nbformat.v4.new_output("error", ename="NameError", evalue="y", traceback=[])]
    nbformat.write(nb, tmp_path / "executed.ipynb")
    assert teaching_cells_that_raised(tmp_path / "executed.ipynb") == ["cell 0: NameError: y"]


@pytest.mark.parametrize("ch", chapters(), ids=lambda c: c.id)
def test_every_chapter_slice_keeps_every_graded_cell_in_order(ch):
    nb = notebook.read(ch.source)
    sliced = exercise_slice(nb)
    assert [c.grade_id for c in notebook.nbgrader_cells(sliced)] == [c.grade_id for c in notebook.nbgrader_cells(nb)]
    assert [c for c in nb.cells if any(c is s for s in sliced.cells)] == sliced.cells      # order kept, no copies
    assert len(sliced.cells) < len(nb.cells)
