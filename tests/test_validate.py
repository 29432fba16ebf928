"""nbgrader's Validate, as a learner meets it: its dialog puts each message on screen, and `nbgrader validate` in a
terminal prints a test's whole message.

The Validate button's server handler calls `nbgrader.validator.Validator(config=...).validate(path)` and shows, for
every failing test cell, the cell's source and its traceback. Chapter 6's seven test cells once filled that dialog with
31 KB of test code; each test cell now holds a few lines (its checks sit in the read-only helpers cell above it,
docs/authoring.md, section 2), and an untouched exercise says "not answered yet".
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from exercise_slice import exercise_slice

from autograder.grading.gradebook import grading_environment
from coursetools import notebook
from coursetools.course import ROOT, chapter

CHAPTER = "ch06_fashion_mnist"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
MAX_SOURCE_LINES = 15          # a failing test cell's source in the dialog
MAX_DIALOG_CHARS = 12_000      # the whole dialog's text for the pristine chapter (31 KB before the helpers cells)
# chapter 6, exercise 4 with precision and recall swapped (tests/wrong_answers/ch06_fashion_mnist.py)
WRONG_AXIS = ("def precision_recall(cm, class_names):\n"
              "    cm = np.asarray(cm)\n"
              "    out = {}\n"
              "    for i, name in enumerate(class_names):\n"
              "        row, column = cm[i, :].sum(), cm[:, i].sum()\n"
              "        out[name] = (float(cm[i, i] / row) if row else 0.0, float(cm[i, i] / column) if column else 0.0)\n"
              "    return out\n")
WRONG_AXIS_MESSAGE = ("AssertionError: 'c': precision and recall are swapped: precision divides by the column sum (9, the "
                      "images predicted as 'c'), recall by the row sum (5, the images that truly are 'c')")


def config():
    """The repository's nbgrader configuration, as nbgrader's handler loads it for a notebook opened here."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()


def dialog_text(failed: list[dict]) -> str:
    """What the Validation Results dialog shows: each failing cell's source and its error, as text."""
    return "\n".join(cell["source"] + "\n" + ANSI.sub("", cell["raw_error"]) for cell in failed)


def test_the_dialog_is_short_and_says_not_answered_yet(tmp_path):
    from nbgrader.validator import Validator

    ch = chapter(CHAPTER)
    path = tmp_path / f"{ch.id}.ipynb"
    # every test cell and the teaching cells they read; the training runs in between add nothing to the dialog
    notebook.nbformat.write(exercise_slice(notebook.read(ch.release)), path)
    with grading_environment(tmp_path / "tmp"):
        result = Validator(config=config()).validate(str(path))
    failed = result.get("failed", [])
    tests = [c for c in notebook.nbgrader_cells(notebook.read(ch.release)) if c.kind == "tests"]
    assert len(failed) == len(tests), f"the pristine notebook fails every test cell: {result}"
    for cell in failed:
        lines = cell["source"].splitlines()
        assert len(lines) <= MAX_SOURCE_LINES, f"a test cell of {len(lines)} lines in the dialog:\n{cell['source']}"
        message = ANSI.sub("", cell["raw_error"]).strip().splitlines()[-1]
        assert message.startswith("AssertionError: Exercise ") and "is not answered yet" in message, message
    size = len(dialog_text(failed))
    assert size <= MAX_DIALOG_CHARS, f"the dialog holds {size} characters:\n{dialog_text(failed)[:3000]}"


def test_validate_in_a_terminal_prints_the_whole_message(tmp_path):
    """nbgrader cuts every printed line at Validator.width (90 by default): the course's configuration lets a message
    through whole. A learner runs it in the repository folder, where nbgrader_config.py is."""
    ch = chapter(CHAPTER)
    nb = notebook.read(ch.release)
    notebook.replace_cell(nb, "ex4_precision_recall", WRONG_AXIS)
    path = tmp_path / f"{ch.id}.ipynb"
    notebook.nbformat.write(exercise_slice(nb), path)   # the teaching cells the tests need, not the training runs
    shutil.copy2(ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    nbgrader = Path(sys.executable).parent / "nbgrader"
    with grading_environment(tmp_path / "tmp"):
        done = subprocess.run([str(nbgrader), "validate", path.name], cwd=tmp_path, capture_output=True, text=True,
                              timeout=600, check=False)
    out = ANSI.sub("", done.stdout)
    assert "VALIDATION FAILED" in out, done.stdout + done.stderr
    assert WRONG_AXIS_MESSAGE in out, f"the message was cut or changed:\n{out[-3000:]}"
    assert "not answered yet" in out, "the exercises left as given say so in the terminal too"
