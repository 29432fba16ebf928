"""Grade one submission: parse, assemble against the plan, run in a sandboxed kernel, score, return data.

`grade_submission(task) -> Outcome` (autograder/runner/record.py) is what local worker processes and Dask workers run. It never touches the
gradebook or any output folder and never raises: every problem becomes a status with a reason.

Scoring: a test cell earns its points when it ran to the end without an error (the reply and the outputs
agree), and the integrity check after it came back clean. Output on stderr (TensorFlow's logs, warnings,
anything a student prints there) neither costs nor earns points.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import v4

from autograder import messages as M
from autograder.runner import agent, tamper
from autograder.runner import plan as planmod
from autograder.runner.examiner.cell import examine
from autograder.runner.examiner.session import Examiner
from autograder.runner.kernel import KernelSession, KernelStartError
from autograder.runner.record import CRASHED, GRADED, INVALID, LIMIT, TAMPERED, TIMEOUT, Outcome, Task
from autograder.sandbox import zygote
from autograder.sandbox.environment import dataset_binds, default_datasets, kernel_env
from autograder.sandbox.limits import Limits
from autograder.sandbox.mode import detect
from autograder.sandbox.sandbox import Sandbox

MAX_NOTEBOOK_BYTES = 100 << 20
CHECK_TIMEOUT = 60.0

# The worst status wins; its reason comes first.
SEVERITY = [TAMPERED, CRASHED, TIMEOUT, LIMIT, GRADED]


def _human(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}".replace(".0 ", " ")
        n /= 1024
    return str(n)


# ---------------------------------------------------------------------------------------------- parsing

class InvalidNotebook(ValueError):
    pass


# ---------------------------------------------------------------------------------------------- warm kernels

@dataclass
class Warm:
    """A fresh sandboxed kernel that has run the preamble (imports + reference fingerprints) and nothing else."""
    key: str
    sandbox: Sandbox
    session: KernelSession
    thread: threading.Thread | None = None
    reference: dict | None = None
    error: Exception | None = None
    extra: dict = field(default_factory=dict)

    def ready(self) -> Warm:
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        return self

    def discard(self) -> None:
        if self.thread is not None:
            self.thread.join(timeout=60)
        self.session.shutdown()


class SpareKernel:
    """The one kernel a worker keeps warm for its next submission (started while the current one is graded)."""

    def __init__(self):
        self._warm: Warm | None = None
        self._lock = threading.Lock()

    def keep(self, warm: Warm) -> None:
        """Hold `warm` for the next submission (discarding one already held)."""
        with self._lock:
            old, self._warm = self._warm, warm
        if old is not None:
            old.discard()

    def take(self, key: str) -> Warm | None:
        """The held kernel if it was made for `key` (same plan, limits, sandbox), ready; else None."""
        with self._lock:
            warm, self._warm = self._warm, None
        if warm is None:
            return None
        if warm.key != key:
            warm.discard()
            return None
        return warm.ready()

    def discard(self) -> None:
        with self._lock:
            warm, self._warm = self._warm, None
        if warm is not None:
            warm.discard()


SPARE = SpareKernel()          # one per worker process


def warm_kernel(key: str, mode, limits: Limits, datasets: dict, threads, spec, imports, background: bool,
                preload: list[str] | None = None, files: dict | None = None, fingerprints: bool = True) -> Warm:
    """Launch a kernel (in this thread) and run the preamble (in a background thread if asked). With `preload`,
    the kernel is a fork of this worker's zygote, which has imported those modules; it copies the submission's
    other `files` into its folder when it starts."""
    sandbox = Sandbox(mode, limits, datasets=datasets, threads=threads, files=files or {},
                      zygote=_worker_zygote(mode, datasets, threads, preload))
    session = KernelSession(sandbox)
    warm = Warm(key, sandbox, session)
    try:
        session.launch()
    except OSError as err:
        warm.error = KernelStartError(f"the sandbox could not be started: {err}")
        return warm

    def finish() -> None:
        try:
            session.connect()
            nonce = tamper.new_nonce()
            msg_type = agent.new_msg_type()
            pre = session.execute(agent.preamble(tamper.agent_spec(spec, imports), msg_type, nonce),
                                  timeout=limits.startup_timeout, silent=True, store_history=False,
                                  keep_outputs=False)
            tamper.read_report(pre, nonce)
            warm.extra["msg_type"] = msg_type
            if not fingerprints:         # the examiner runs the tests: no reference state to compare with
                warm.reference = {}
                return
            nonce = tamper.new_nonce()
            ref = session.request(msg_type, {"op": "reference", "nonce": nonce}, timeout=limits.startup_timeout)
            if not isinstance(ref.reply, dict) or ref.reply.get("nonce") != nonce or "fp" not in ref.reply:
                raise tamper.CheckFailed(M.AGENT_NO_ANSWER.format(status=ref.status, reply=str(ref.reply)[:200]))
            warm.reference = ref.reply["fp"]
        except Exception as err:  # noqa: BLE001 - reported as the submission's status
            warm.error = err

    if background:
        warm.thread = threading.Thread(target=finish, name="autograder-warm-kernel", daemon=True)
        warm.thread.start()
    else:
        finish()
    return warm


def _worker_zygote(mode, datasets: dict, threads, preload: list[str] | None):
    """This worker's zygote for these settings, or None (not asked for, or it cannot start: then the kernel
    imports everything itself, as with --no-zygote)."""
    if preload is None:
        return None
    env = kernel_env(mode, datasets, threads, Path("/nonexistent"))
    try:
        return zygote.for_worker(env, dataset_binds(datasets), preload)
    except zygote.ZygoteError as err:
        zygote.stop_worker()
        logging.getLogger("autograder").warning("this worker's kernels import everything themselves: %s", err)
        return None


def end_worker(keep_zygote: bool = False) -> None:
    """Stop the kernel kept warm for a next submission and (unless kept for the next batch in this process) the
    worker's zygote: at the end of a batch, or when a worker process exits."""
    SPARE.discard()
    if not keep_zygote:
        zygote.stop_worker()


def parse_notebook(data: bytes) -> tuple[nbformat.NotebookNode, list[str]]:
    """The submission as an nbformat-4 notebook, or InvalidNotebook saying what is wrong with it."""
    notes = []
    if data is None or len(data) == 0:
        raise InvalidNotebook("the file is empty")
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise InvalidNotebook(f"the file is {_human(len(data))}, more than the {_human(MAX_NOTEBOOK_BYTES)} accepted")
    if b"\x00" in data[:4096]:
        raise InvalidNotebook("the file holds binary data, not a notebook")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidNotebook("the file is not UTF-8 text, so not a notebook") from None
    try:
        raw = json.loads(text)
    except RecursionError:
        raise InvalidNotebook("the file is not valid JSON (nested too deeply)") from None
    except ValueError as err:
        raise InvalidNotebook(f"the file is not valid JSON ({err})") from None
    if not isinstance(raw, dict) or not ("cells" in raw or "worksheets" in raw):
        raise InvalidNotebook("the file is JSON but not a Jupyter notebook (no cells)")
    major = raw.get("nbformat")
    if major not in (3, 4):
        raise InvalidNotebook(f"nbformat {major!r} is not supported (expected 4, or 3 which is converted)")
    if major == 3:
        notes.append(M.NB3_CONVERTED)
    try:
        # nbformat warns (duplicate or missing cell ids, old minor versions) on the grader's stderr: keep it quiet,
        # those are the student's notebook's business and assembly does not rely on cell ids being unique
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            logger = logging.getLogger("nbformat")
            level, logger.level = logger.level, logging.ERROR
            try:
                nb = nbformat.reads(text, as_version=4, capture_validation_error={})
            finally:
                logger.level = level
    except Exception as err:  # noqa: BLE001 - any reader failure means an unusable file
        raise InvalidNotebook(f"nbformat cannot read it ({type(err).__name__}: {str(err)[:200]})") from None
    cells = nb.get("cells")
    if not isinstance(cells, list):
        raise InvalidNotebook("the notebook's cells are not a list")
    good = []
    for cell in cells:
        if isinstance(cell, dict) and cell.get("cell_type") in ("code", "markdown", "raw"):
            src = cell.get("source", "")
            cell["source"] = "".join(src) if isinstance(src, list) else str(src)
            if not isinstance(cell.get("metadata"), dict):
                cell["metadata"] = {}
            good.append(cell)
    if len(good) != len(cells):
        notes.append(M.MALFORMED.format(count=len(cells) - len(good)))
    nb["cells"] = good
    return nb, notes


# ---------------------------------------------------------------------------------------------- grading

def grade_submission(task: Task) -> Outcome:
    """Grade one submission (see module doc)."""
    started = time.monotonic()
    plan = planmod.Plan.from_dict(task.plan)
    out = Outcome.empty(task.student, plan)
    try:
        _grade(task, plan, out)
    except Exception as err:  # noqa: BLE001 - a grader bug must not stop the batch
        out.status = CRASHED
        out.reason = M.GRADER_ERROR.format(error=f"{type(err).__name__}: {err}")
        out.traceback = traceback.format_exc()
        out.set_tests(score=0.0)
        out.score = 0.0
    out.seconds = round(time.monotonic() - started, 3)
    return out


def _datasets(task: Task) -> dict[str, str]:
    wanted = task.datasets or {}
    found = {k: v for k, v in wanted.items() if v and os.path.isdir(v)}
    if not found:
        local = default_datasets()
        names = ("KERAS_HOME", "SCIKIT_LEARN_DATA")
        for path in local:
            name = names[0] if "keras" in path.lower() else names[1]
            found.setdefault(name, path)
    return found


def _describe(cell: planmod.RunCell, number: int) -> str:
    if cell.role == "test":
        return M.WHERE_TEST.format(grade_id=cell.grade_id)
    if cell.role == "solution":
        return M.WHERE_ANSWER.format(grade_id=cell.grade_id)
    return M.WHERE_CELL.format(number=number)


def _grade(task: Task, plan: planmod.Plan, out: Outcome) -> None:
    read = _read_submission(task, out)
    if read is None:
        return
    nb, notes = read
    run_cells, notes = _assemble(nb, plan, notes, task, out)
    limits = Limits.from_dict(task.limits)
    warm = _kernel_for(task, plan, limits, out)
    run = _Run(plan, limits, warm, out, run_cells)
    try:
        if not run.sandbox.files:             # a sandbox made for a zygote's kernel was given them when made
            run.sandbox.add_files(task.files or {})
        run.check_kernel()
        run.run_all()
    except _Stop:
        run.mark_not_run(problems_first=True)
    finally:
        warm.session.shutdown()
    _conclude(out, run.problems, notes, _autograded(nb, plan, run.executed, out))


def _read_submission(task: Task, out: Outcome):
    """(notebook, notes), or None after recording an invalid notebook in `out`."""
    try:
        nb, notes = parse_notebook(task.data)
    except InvalidNotebook as err:
        out.status, out.reason = INVALID, str(err)
        out.set_tests(state="not run", message="not run: invalid notebook")
        return None
    out.valid = True
    return nb, notes


def _assemble(nb, plan: planmod.Plan, notes: list[str], task: Task, out: Outcome):
    """The cells to run (instructor's tests, student's answers) and every note for the reason."""
    run_cells, assembly_notes = planmod.assemble(nb, plan)
    if any("nbformat 3" in n for n in notes) and not any(
            (c.get("metadata") or {}).get("nbgrader") for c in nb.cells):
        # an nbformat-3 file without nbgrader metadata: say so once instead of "every test was deleted"
        assembly_notes = [n for n in assembly_notes if not (n.endswith("the instructor's version was graded")
                                                            or n.startswith("answer cell "))]
        assembly_notes.append(M.NB3_UNMATCHED)
    for cell in run_cells:
        if cell.role == "solution":
            out.answers[cell.grade_id] = planmod._norm(cell.source) != planmod._norm(cell.release_source)
    return run_cells, [*task.notes, *notes, *assembly_notes]


def _kernel_for(task: Task, plan: planmod.Plan, limits: Limits, out: Outcome) -> Warm:
    """A fresh kernel for this submission (the spare if one was made for the same plan); with prewarm, the next
    submission's kernel starts in the background now."""
    mode = detect(task.sandbox)
    out.sandbox = mode.name
    datasets = _datasets(task)
    examined = planmod.examined(plan)       # the examiner runs the tests: the kernel needs no reference fingerprints
    key = json.dumps([plan.watch, plan.imports, task.limits, mode.name, task.threads, datasets, examined],
                     sort_keys=True)
    args = (key, mode, limits, datasets, task.threads, plan.watch_spec(), plan.imports)
    fingerprints = not examined
    if task.zygote and mode.name == "bwrap":
        # a fork of the worker's zygote starts in well under a second: no spare kernel needed
        return warm_kernel(*args, background=False, preload=zygote.preload_for(plan), files=task.files,
                           fingerprints=fingerprints)
    warm = SPARE.take(key) or warm_kernel(*args, background=False, fingerprints=fingerprints)
    if task.prewarm:
        SPARE.keep(warm_kernel(*args, background=True, fingerprints=fingerprints))
    return warm


def _conclude(out: Outcome, problems: dict, notes: list[str], autograded) -> None:
    """Score, the worst status, the reason (each problem once, then the notes), the autograded notebook."""
    out.score = float(sum(t.score for t in out.tests.values()))
    status = next((s for s in SEVERITY if problems[s]), GRADED)
    reasons = [r for s in SEVERITY for r in dict.fromkeys(problems[s])]  # each once, in order
    out.status = status
    out.reason = "; ".join(reasons + notes)
    out.notes = notes
    out.autograded = nbformat.writes(autograded)


class _Run:
    """Running one submission's cells in its kernel and recording what happened: problems by severity, the
    executed cells with their results, each test's state, score and message."""

    def __init__(self, plan: planmod.Plan, limits: Limits, warm: Warm, out: Outcome, run_cells):
        self.plan, self.limits, self.warm, self.out, self.run_cells = plan, limits, warm, out, run_cells
        self.sandbox, self.session = warm.sandbox, warm.session
        self.problems: dict[str, list[str]] = {s: [] for s in SEVERITY}
        self.executed: list[tuple[planmod.RunCell, object]] = []
        self.stopped: str | None = None
        self.student_lines = {line.strip() for c in run_cells if c.origin == "student" and c.cell_type == "code"
                              for line in c.source.splitlines() if line.strip()}
        self.examiner = Examiner(None) if planmod.examined(plan) else None

    def check_kernel(self) -> None:
        if isinstance(self.warm.error, KernelStartError):
            self.problems[CRASHED].append(M.KERNEL_NOT_STARTED.format(error=self.warm.error))
            raise _Stop from None
        if self.warm.error is not None:
            self.problems[CRASHED].append(M.PREAMBLE_FAILED.format(error=self.warm.error))
            raise _Stop from None

    def run_all(self) -> None:
        deadline = time.monotonic() + self.limits.notebook_timeout
        for number, cell in enumerate(self.run_cells, start=1):
            # a helpers cell runs as the start of its test (plan.py), not on its own
            if cell.cell_type != "code" or cell.role == "helpers" or self.stopped or not cell.source.strip():
                self.executed.append((cell, None))
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.problems[TIMEOUT].append(M.NOTEBOOK_TIMEOUT.format(
                    limit=f"{self.limits.notebook_timeout:.0f}", where=_describe(cell, number)))
                self.stopped = M.STOPPED_OUT_OF_TIME
                self.executed.append((cell, None))
                continue
            result = self.execute(cell, min(self.limits.timeout_for(cell), remaining))
            self.executed.append((cell, result))
            where = _describe(cell, number)
            self.note_limits(result, where)
            self.note_timeout_or_death(cell, result, where)
            if cell.role == "test":
                self.record_test(cell, result, where)
        self.mark_not_run()

    def execute(self, cell: planmod.RunCell, timeout: float):
        """A test cell goes to the grader's agent; any other cell runs through IPython as the learner's."""
        if cell.role != "test":
            return self.session.execute(cell.source, timeout=timeout)
        if self.examiner is not None:
            result = examine(self.examiner, self.session, self.warm.extra["msg_type"], cell.grade_id, cell.source,
                                self.plan.watch["aliases"], timeout)
            _verdict_outcome(result, self.student_lines)
            return result
        nonce = tamper.new_nonce()
        result = self.session.request(self.warm.extra["msg_type"],
                                      agent.test_request(cell.grade_id, cell.source, nonce), timeout=timeout)
        _test_outcome(result, nonce, self.student_lines)
        return result

    def note_limits(self, result, where: str) -> None:
        limits, evalue = self.limits, result.evalue or ""
        if result.truncated:
            self.problems[LIMIT].append(M.OUTPUT_CUT.format(where=where, per_cell=_human(limits.max_output),
                                                            per_notebook=_human(limits.max_notebook_output)))
        if result.reply_dropped:
            self.problems[LIMIT].append(M.REPLY_DROPPED.format(where=where, size=_human(limits.max_message())))
        if result.ename == "MemoryError":
            self.problems[LIMIT].append(M.OUT_OF_MEMORY.format(where=where, limit=_human(limits.memory)))
        if "[Errno 27]" in evalue or "File too large" in evalue:
            self.problems[LIMIT].append(M.FILE_TOO_LARGE.format(where=where, limit=_human(limits.max_file_size)))
        if "Resource temporarily unavailable" in evalue or "can't start new thread" in evalue \
                or self.sandbox.pids_limit_hit():
            self.problems[LIMIT].append(M.PROCESS_LIMIT.format(where=where, limit=limits.max_procs))
        self.problems[LIMIT] += self.sandbox.limit_notes(result, where)

    def note_timeout_or_death(self, cell, result, where: str) -> None:
        if result.status == "timeout":
            if result.killed:
                self.problems[TIMEOUT].append(M.TIMEOUT_KILLED.format(where=where,
                                                                      limit=self.limits.timeout_text(cell)))
                self.stopped = M.STOPPED_AFTER_TIMEOUT
            else:
                self.problems[TIMEOUT].append(M.TIMEOUT_INTERRUPTED.format(where=where,
                                                                           limit=self.limits.timeout_text(cell)))
        elif result.status == "dead":
            desc = self.sandbox.exit_description()
            if "SIGKILL" in desc or "SIGABRT" in desc or "SIGSEGV" in desc:
                died = M.KERNEL_DIED_MEMORY.format(where=where, description=desc, limit=_human(self.limits.memory))
            else:
                died = M.KERNEL_DIED.format(where=where, description=desc)
            self.problems[CRASHED].append(died)
            self.stopped = M.STOPPED_DIED

    def record_test(self, cell, result, where: str) -> None:
        """The test's state, score and message; a finding of the integrity checks holds it (and later ones)."""
        test = self.out.tests[cell.grade_id]
        passed = result.status == "ok" and not result.error_outputs
        findings = _findings(result, self.warm.reference)
        if result.status == "timeout":
            seconds = f"{self.limits.timeout_for(cell):.0f}"
            test.update(state="failed", message=M.TEST_TIMEOUT_WHY.format(seconds=seconds, why=findings["why"])
                        if findings["why"] else M.TEST_TIMEOUT.format(seconds=seconds))
            if findings["why"]:
                self.problems[TIMEOUT].append(M.TIMED_OUT_AFTER_CHANGE.format(where=where, why=findings["why"]))
        elif result.status == "dead":
            test.update(state="failed", message=M.TEST_KERNEL_DIED)
        elif passed:
            test.update(state="passed", message="")
        else:
            test.update(state="failed", message=result.message[:1000])
        if passed:
            test.score = cell.points
        if self.stopped or result.status == "timeout":
            return
        why, broken, died = findings["why"], findings["broken"], findings["died"]
        if died:
            self.problems[CRASHED].append(M.DIED_IN_TEST.format(died=died, grade_id=cell.grade_id))
            test.update(score=0.0, state="failed", message=M.TEST_NOT_COUNTED.format(why=died))
            self.stopped = M.STOPPED_KERNEL
        elif why or broken:
            # a check or the examiner's protocol that broke is said as it is, not as "the notebook changed ..."
            reason = broken or M.NOTEBOOK_CHANGED.format(why=why)
            changed = _changed_where(self.executed, cell)
            self.problems[TAMPERED].append(M.HELD.format(grade_id=cell.grade_id, reason=reason, changed_where=changed))
            test.update(score=0.0, state="untrusted",
                        message=M.TEST_HELD.format(reason=reason, changed_where=changed)[:1000])
            self.stopped = M.STOPPED_HELD

    def mark_not_run(self, problems_first: bool = False) -> None:
        """Say why each test that did not run did not run."""
        for test in self.out.tests.values():
            if test.state != "not run":
                continue
            if problems_first:
                why = self.problems[CRASHED][-1] if self.problems[CRASHED] else M.GRADING_STOPPED
            else:
                why = self.stopped or M.NOT_REACHED
            test.message = M.TEST_NOT_RUN.format(why=why)


class _Stop(Exception):
    pass


BLOB = re.compile(r"[A-Za-z0-9+/=_\-]{48,}|(?:\\x[0-9a-fA-F]{2}){12,}")


def _without_array_dump(evalue: str) -> str:
    """NumPy's assert_allclose message without the arrays it compared (they may hold the hidden tests' data):
    the test's own err_msg and the tolerance stay."""
    lines = evalue.splitlines()
    cut = next((i for i, line in enumerate(lines) if line.startswith(("Mismatched elements", " x:", "(shapes"))), None)
    if cut is None:
        return evalue
    return "\n".join(line for line in lines[:cut] if line.strip()) + " (the arrays compared are not shown)"


# What to check when an error was raised inside a test (not by its assertion, not in the learner's code), by the
# error's built-in type. The error's own text is never shown: it may carry the hidden test's data.
_INSIDE_TEST_HINTS = {"NameError": M.HINT_NAME, "TypeError": M.HINT_TYPE, "AttributeError": M.HINT_TYPE,
                      "KeyError": M.HINT_KEYS, "IndexError": M.HINT_LENGTH}


def _inside_test_message(ename: str) -> str:
    return M.RAISED_INSIDE_TEST.format(ename=ename, hint=_INSIDE_TEST_HINTS.get(ename, M.HINT_OTHER))


def _test_outcome(result, nonce: str, student_lines: set[str]) -> None:
    """Turn the agent's reply to a test request into the result's status, message and error output.

    The learner-facing message keeps a test's own words only for an AssertionError raised by the test cell
    (or a library it called) with no student code in the traceback; otherwise it gives the exception type
    and the student's line (only if that line is in the student's submitted code)."""
    result.message = ""
    result.findings = None
    reply = result.reply if isinstance(result.reply, dict) else None
    if reply is not None and reply.get("nonce") == nonce and reply.get("status") in ("ok", "error"):
        result.findings = reply
    if result.status in ("timeout", "dead"):
        return
    if result.reply_dropped:
        result.status, result.ename, result.evalue = "error", "OutputLimitExceeded", result.reply["evalue"]
        result.message = M.TEST_FAILED_WITH.format(why=result.evalue)
        result.error_outputs = [(result.ename, result.evalue)]
        return
    try:
        reply = tamper.read_reply(result, nonce)
    except tamper.CheckFailed as err:
        result.status, result.ename, result.evalue = "error", "CheckFailed", str(err)
        result.message = M.TEST_NOT_COUNTED.format(why=err)
        result.findings = {"failed": str(err)}
        return
    _message(result, reply, student_lines)


def _verdict_outcome(result, student_lines: set[str]) -> None:
    """The examiner's verdict as the result's status and message; a kernel that broke the examiner's protocol is a
    finding (the test is not counted, the submission is held for review)."""
    result.message, result.findings = "", None
    if result.status in ("timeout", "dead"):
        return
    if result.reply.get("origin") == "protocol":
        result.status, result.ename, result.evalue = "error", "CheckFailed", result.reply["evalue"]
        result.message = M.TEST_NOT_COUNTED.format(why=result.evalue)
        result.findings = {"failed": result.evalue}
        return
    _message(result, result.reply, student_lines)


def _message(result, reply: dict, student_lines: set[str]) -> None:
    if reply["status"] == "ok":
        result.status = "ok"
        return
    result.status = "error"
    ename = reply.get("ename") if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,40}", str(reply.get("ename"))) else "Error"
    origin = reply.get("origin")
    if origin == "assertion":
        evalue = _without_array_dump(str(reply.get("evalue") or ""))
        if BLOB.search(evalue) or len(evalue) > 800:
            message = M.ASSERTION_WITHHELD
        else:
            message = f"AssertionError: {evalue}" if evalue else M.ASSERTION_BARE
    elif origin == "student":
        line = (reply.get("line") or "").strip()
        shown = line and line in student_lines and len(line) <= 200
        message = (M.RAISED_IN_YOUR_LINE.format(ename=ename, line=line) if shown
                   else M.RAISED_IN_YOUR_CODE.format(ename=ename))
    else:
        message = _inside_test_message(ename)
    result.ename, result.evalue, result.message = ename, message.split(": ", 1)[-1], message
    result.error_outputs = [(ename, result.evalue)]
    result.outputs.append(v4.new_output("error", ename=ename, evalue=result.evalue, traceback=[message]))


def _findings(result, reference: dict) -> dict:
    """{'why': what the notebook changed, 'broken': which check or protocol the kernel broke, 'died': why the kernel
    stopped}, each None when there is nothing to say."""
    f = getattr(result, "findings", None)
    if not isinstance(f, dict):
        return {"why": None, "broken": None, "died": None}
    if "failed" in f:
        return {"why": None, "broken": f["failed"], "died": None}
    keys = list(dict.fromkeys(tamper.differences(reference, f.get("fp_before", {}))
                              + tamper.differences(reference, f.get("fp_after", {}))))
    if "ipython.exit_now" in keys:
        return {"why": None, "broken": None, "died": M.EXIT_CALLED}
    notes = [str(n).split("|", 1)[-1] for n in f.get("notes", [])]
    parts = ([tamper.explain(keys)] if keys else []) + notes + list(f.get("probe", []))[:3]
    return {"why": "; ".join(dict.fromkeys(parts)) if parts else None, "broken": None, "died": None}


def _changed_where(executed, test_cell) -> str:
    """' (in the answer cell ex2_mean)' style: the student cells run since the previous test cell."""
    since = []
    for cell, _ in reversed(executed[:-1] if executed and executed[-1][0] is test_cell else executed):
        if cell.role == "test":
            break
        if cell.origin == "student" and cell.cell_type == "code" and cell.source.strip():
            since.append(cell)
    if not since:
        return M.CHANGED_WHILE_TEST
    names = []
    for cell in reversed(since):
        names.append(M.WHERE_ANSWER.format(grade_id=cell.grade_id) if cell.role == "solution" else M.WHERE_ADDED)
    names = list(dict.fromkeys(names))
    return M.CHANGED_IN.format(cells=", ".join(names[:3]), grade_id=test_cell.grade_id)


def _autograded(student_nb, plan: planmod.Plan, executed, out: Outcome) -> nbformat.NotebookNode:
    """The notebook as graded, in nbgrader's autograded format (instructor-side: hidden tests included)."""
    nb = v4.new_notebook(metadata=dict(plan.metadata))
    used_ids: set[str] = set()
    for i, (cell, result) in enumerate(executed):
        cid = cell.id if cell.id and cell.id not in used_ids and len(cell.id) <= 64 else f"ag-{i}"
        used_ids.add(cid)
        if cell.cell_type == "markdown":
            node = v4.new_markdown_cell(cell.source, id=cid)
        elif cell.cell_type == "raw":
            node = v4.new_raw_cell(cell.source, id=cid)
        else:
            node = v4.new_code_cell(cell.source, id=cid)
            if result is not None:
                node.outputs = result.outputs
                node.execution_count = result.execution_count if isinstance(result.execution_count, int) else None
        if cell.role in (*planmod.OWNED, "solution") and cell.nbgrader:
            node.metadata["nbgrader"] = dict(cell.nbgrader)
        if cell.role == "test":
            test = out.tests.get(cell.grade_id)
            node.metadata["autograder"] = {"state": test and test.state, "score": test and test.score,
                                           "message": test and test.message}
        nb.cells.append(node)
    return nb
