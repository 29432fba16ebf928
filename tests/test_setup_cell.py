"""The shared setup cell (docs/setup_cell.py) opens every chapter: on a machine without a GPU it must not greet the
learner with TensorFlow's red "Could not find cuda drivers" / "failed call to cuInit" lines, and it must still
show any other line the C++ core writes (a real error must not disappear)."""

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
SETUP = (ROOT / "docs" / "setup_cell.py").read_text()


def run_cells(*sources: str) -> list[list[dict]]:
    """Run the cells in a fresh kernel with the learner's environment (no TF_CPP_MIN_LOG_LEVEL, no fast mode);
    return each cell's outputs."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    env = {k: v for k, v in os.environ.items() if k not in ("TF_CPP_MIN_LOG_LEVEL", "COURSE_FAST")}
    saved = os.environ.copy()
    os.environ.clear()
    os.environ.update(env)                       # the kernel inherits this process's environment
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return [cell.outputs for cell in nb.cells]


def stderr_of(outputs: list[dict]) -> str:
    return "".join(o["text"] for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr")


def stdout_of(outputs: list[dict]) -> str:
    return "".join(o["text"] for o in outputs if o["output_type"] == "stream" and o["name"] == "stdout")


@pytest.fixture(scope="module")
def outputs():
    # A second cell writes through the same file descriptor after the first: a real error line, inside the filter,
    # and the usual start-up noise, which must go.
    probe = (
        "with start_up_log_filtered():\n"
        "    os.write(2, b'E0000 something.cc:1] a real problem\\n')\n"
        "    os.write(2, b'I0000 cudart_stub.cc:31] Could not find cuda drivers on your machine\\n')\n"
        "print('after', flush=True)\n"
    )
    return run_cells(SETUP, probe)


def test_setup_cell_writes_nothing_to_stderr_on_a_cpu_machine(outputs):
    setup = outputs[0]
    assert stderr_of(setup) == "", "the setup cell wrote to stderr:\n" + stderr_of(setup)
    assert not [o for o in setup if o["output_type"] == "error"]
    printed = stdout_of(setup)
    assert "TensorFlow " in printed and "Device: " in printed, printed


def test_other_start_up_lines_are_still_shown(outputs):
    probe = outputs[1]
    assert "a real problem" in stderr_of(probe), probe
    assert "cuda drivers" not in stderr_of(probe), probe
    assert "after" in stdout_of(probe)
