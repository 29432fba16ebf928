"""One audit process: a chapter's slice set up once, then every (answer, seed) run through the instrumented test.

Started by `tools.threshold_audit.run` with the thread count in its environment (TensorFlow reads it at start-up),
fast mode on and the dataset caches seeded, as the suite's kernels are. Reads a job (JSON) from argv[1], writes one
JSON record per run to argv[2].
"""

import ast
import contextlib
import gc
import io
import json
import sys
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from exercise_slice import exercise_slice

from coursetools import notebook
from coursetools.course import Chapter
from tools.threshold_audit.instrument import RECORDER, call_site, hidden_from, instrument

SEED_STEP = 1000      # seed k adds k * SEED_STEP to every seed the test (or the answer) sets


def _grade_id(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


def _is_test(cell) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("grade"))


def _given(source: str) -> str:
    """The code an answer cell gives before its solution block, when it runs on its own (data, constants)."""
    prefix = source.split("### BEGIN SOLUTION")[0] if "### BEGIN SOLUTION" in source else ""
    try:
        ast.parse(prefix)
    except SyntaxError:                 # the block sits inside a def: the answer brings the whole function
        return ""
    return prefix


def _plan(job: dict):
    """(cells to run once, cells to run after each answer, the test's source: its helpers cell, then the test cell,
    the answer cell's given code), from the chapter's slice."""
    nb = notebook.read(Chapter(job["chapter"], "").source)
    answer, test = job["answer_cell"], job["answer_cell"] + "_test"
    helpers = test + notebook.HELPERS_SUFFIX
    everything = "\n".join(a["source"] + "\n" + "\n".join(a["before"].values()) for a in job["answers"])
    for cell in nb.cells:          # what every answer reads decides which teaching cells stay
        if _grade_id(cell) == answer:
            given = _given(cell.source)
            cell.source = given + everything
    sliced = exercise_slice(nb, root=lambda cell: _grade_id(cell) in (answer, helpers, test)).cells
    position = {_grade_id(c): n for n, c in enumerate(sliced)}
    base = [c.source for c in sliced[:position[answer]]
            if c.cell_type == "code" and not _is_test(c) and _grade_id(c) not in job["before_cells"]]
    # the helpers cell runs as the start of the test, as the batch grader runs it
    between = [c.source for c in sliced[position[answer] + 1:position[test]]
               if c.cell_type == "code" and _grade_id(c) != helpers]
    source = notebook.with_helpers(sliced[position[helpers]].source if helpers in position else "",
                                   sliced[position[test]].source)
    return base, between, source, given


def _run_cell(shell, source: str) -> str | None:
    """Run a cell quietly; the error's type and message if it raised."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        result = shell.run_cell(source, silent=True, store_history=False)
    error = result.error_before_exec or result.error_in_exec
    return None if error is None else f"{type(error).__name__}: {str(error)[:300]}"


def _seeded(keras, offset: int):
    """keras.utils.set_random_seed with every seed moved by `offset` (the test's own calls included)."""
    original = keras.utils.set_random_seed.__wrapped__ if hasattr(keras.utils.set_random_seed, "__wrapped__") \
        else keras.utils.set_random_seed

    def set_random_seed(seed):
        return original(int(seed) + offset)
    set_random_seed.__wrapped__ = original
    keras.utils.set_random_seed = set_random_seed


def _one_run(shell, job, answer, k, between, code, filename, hidden_line) -> dict:
    import keras

    figures = []

    def record(name, value):
        line = call_site(filename)
        figures.append({"constant": name, "line": line, "hidden": line >= hidden_line, "value": float(value)})

    _seeded(keras, k * SEED_STEP)
    keras.utils.set_random_seed(42)                 # the setup cell's seed, moved like the test's
    started = time.perf_counter()
    # As in nbgrader, an answer cell that raises (say in a trial call after its def) does not stop the test cell.
    cells = [*answer["before"].values(), answer["source"] if answer["whole_cell"] else job["given"] + answer["source"],
             *between]
    answer_errors = [e for e in (_run_cell(shell, source) for source in cells) if e]
    shell.user_ns[RECORDER] = record
    error = None
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            exec(code, shell.user_ns)  # noqa: S102 -- the course's own test cell
    except BaseException as exc:  # noqa: BLE001 -- a failing check is a result, not a crash
        error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}"
    gc.collect()
    return {"answer": answer["name"], "right": answer["right"], "seed": k, "threads": job["threads"],
            "figures": figures, "error": error, "answer_errors": answer_errors,
            "seconds": round(time.perf_counter() - started, 2)}


def main(job_path: str, out_path: str) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    job = json.loads(Path(job_path).read_text())
    shell = InteractiveShell.instance()
    base, between, test_source, job["given"] = _plan(job)
    for source in base:
        error = _run_cell(shell, source)
        if error:
            raise SystemExit(f"{job['chapter']}: a teaching cell raised {error}:\n{source[:500]}")
    filename = f"<audit {job['chapter']}:{job['answer_cell']}_test>"
    code, hidden_line = instrument(test_source, filename), hidden_from(test_source)
    with open(out_path, "a") as out:
        for answer in job["answers"]:
            for k in job["seeds"]:
                try:
                    record = _one_run(shell, job, answer, k, between, code, filename, hidden_line)
                except Exception:  # noqa: BLE001
                    record = {"answer": answer["name"], "right": answer["right"], "seed": k,
                              "threads": job["threads"], "figures": [], "error": traceback.format_exc()[-300:]}
                out.write(json.dumps(record) + "\n")
                out.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
