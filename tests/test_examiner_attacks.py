"""Attacks on the verdict, graded by the batch grader on a chapter whose tests run in the examiner (chapter 1).

Each submission is chapter 1's pristine release (which scores 0) with one cell added before the answers: the attacks
that scored full marks while the tests ran inside the learner's kernel (issue 27) — a thread that rewrites the
agent's reply while it is made, the same from a SIGPROF handler and from an audit hook's tracer, rebinding names in
the agent's globals (and replacing its operations), replacing the kernel session's serializer — and a spy that
records every text the kernel compiles and every request it answers, then leaks what it saw as printed lines and as
exception names. Every attack must score 0 (graded or held as tampered), no hidden-test line may reach the kernel,
any page or the learner's outputs, and the reference graded in the same batch keeps full marks.
"""

import json
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import decodings, grade

from coursetools import notebook
from coursetools.course import chapters

pytestmark = pytest.mark.xdist_group("ch01_tensors")
CHAPTER = next(ch for ch in chapters() if ch.id == "ch01_tensors")

# Rewrites whatever reply the grader's agent is making ("out" with the request's nonce) into a pass.
FORGE = '''
def _forge(frame):
    while frame is not None:
        out = frame.f_locals.get("out")
        if isinstance(out, dict) and "nonce" in out:
            out["status"] = "ok"
            out["learner"] = {"value": True}
        frame = frame.f_back
'''
ATTACKS = {
    "frame_thread": FORGE + '''
import sys, threading, time

def _watch():
    me = threading.get_ident()
    while True:
        for ident, frame in list(sys._current_frames().items()):
            if ident != me:
                _forge(frame)
        time.sleep(0.0002)

threading.Thread(target=_watch, daemon=True).start()
''',
    "sigprof_handler": FORGE + '''
import signal
signal.signal(signal.SIGPROF, lambda signum, frame: _forge(frame))
signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
''',
    "audit_hook_tracer": FORGE + '''
import sys

_NAMES = ("handle", "run", "apply", "run_test")

def _tracer(frame, event, arg):
    _forge(frame)
    return _tracer

def _calls(frame, event, arg):      # traces only the grader's frames: everything else runs at full speed
    return _tracer if frame.f_code.co_name in _NAMES else None

def _hook(event, args):
    if sys.gettrace() is None:
        sys.settrace(_calls)

sys.addaudithook(_hook)
''',
    "agent_globals": '''
for _handler in list(get_ipython().kernel.shell_handlers.values()):
    _agent = getattr(_handler, "__self__", None)
    if _agent is not None and hasattr(_agent, "spec"):
        _handler.__func__.__globals__["classify"] = lambda err, filename: {"ename": "AssertionError", "origin": "test"}
        _handler.__func__.__globals__["_exec"] = lambda *args: None
        if getattr(_agent, "ops", None) is not None:
            _agent.ops.run = lambda request: {"value": True}
''',
    "session_serializer": '''
_session = get_ipython().kernel.session
_pack = _session.pack

def _forged(message):
    if isinstance(message, dict) and "nonce" in message:
        message = dict(message, status="ok", learner={"value": True})
    return _pack(message)

_session.pack = _forged
''',
    "spy_and_leak": '''
import sys
_seen = []

def _spy(event, args):
    if event in ("compile", "exec") and args and isinstance(args[0], (str, bytes)):
        _seen.append(args[0] if isinstance(args[0], str) else args[0].decode("utf-8", "replace"))

sys.addaudithook(_spy)
for _handler in list(get_ipython().kernel.shell_handlers.values()):
    _agent = getattr(_handler, "__self__", None)
    if getattr(_agent, "ops", None) is not None:
        _run = _agent.ops.run
        _agent.ops.run = lambda request, _run=_run: (_seen.append(repr(request)), _run(request))[1]
''',
}
LEAK = '''
for _text in globals().get("_seen", []):
    print(_text)
_Leak = type("".join(c for c in " ".join(globals().get("_seen", []))[-3000:] if c.isalnum() or c == "_") or "none",
             (Exception,), {})
raise _Leak()
'''


def _submission(attack: str | None) -> nbformat.NotebookNode:
    nb = notebook.read(CHAPTER.release if attack else CHAPTER.source)
    first_answer = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("solution"))
    if attack:
        nb.cells.insert(first_answer, nbformat.v4.new_code_cell(ATTACKS[attack]))
        nb.cells.append(nbformat.v4.new_code_cell(LEAK))
    return nb


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    base = tmp_path_factory.mktemp("examiner-attacks")
    folder = base / "submissions"
    folder.mkdir()
    for name in [*ATTACKS, None]:
        nbformat.write(_submission(name), folder / f"{name or 'reference'}.ipynb")
    course = base / "course"
    report = grade(folder, course, workers=2, target=CHAPTER.source,
                   limits={"cell_timeout": 60.0, "notebook_timeout": 300.0, "memory": 4 << 30})
    return {"report": report, "course": course}


def test_the_chapter_is_graded_by_the_examiner():
    assert notebook.read(CHAPTER.source).metadata["autograder"] == {"examiner": True}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_an_attack_on_the_verdict_scores_nothing(attacked, attack):
    outcome = attacked["report"].outcomes[attack]
    # what matters is the score; the status says what happened to the kernel: a tracer on the agent's frames can make
    # it exit (crashed, the cells before counted), a thread that walks every frame in a loop can slow it past a
    # cell's time limit on a loaded machine (timeout)
    assert outcome.status in ("graded", "tampered", "crashed", "timeout"), (outcome.status, outcome.reason)
    assert outcome.score == 0, {gid: (t.score, t.message) for gid, t in outcome.tests.items()}


def test_the_reference_beside_the_attacks_keeps_full_marks(attacked):
    outcome = attacked["report"].outcomes["reference"]
    assert (outcome.status, outcome.score) == ("graded", outcome.max_score), outcome.reason


def _hidden_lines() -> list[str]:
    blocks = notebook.hidden_test_blocks(notebook.read(CHAPTER.source))
    return [line.strip() for block in blocks for line in block.splitlines()
            if len(line.strip()) >= 10 and not line.strip().startswith("###")]


def test_no_hidden_test_line_reaches_the_kernel_or_any_page(attacked):
    hidden = _hidden_lines()
    assert len(hidden) >= 5
    course = attacked["course"]
    spied = notebook.read(course / "autograded" / "spy_and_leak" / CHAPTER.id / f"{CHAPTER.id}.ipynb")
    seen = json.dumps([o for c in spied.cells if c.cell_type == "code" and not c.metadata.get("nbgrader", {}).get("grade")
                       for o in c.get("outputs", [])])
    # the spy worked: it saw the kernel helper's text (visible code) and the examiner's requests
    assert "_ex3_kernel_variable" in seen and "'op': 'call'" in seen
    pages = sorted((course / "feedback").rglob("*.html"))
    assert len(pages) == len(ATTACKS) + 1
    for text, where in [(seen, "what the spy saw"), *((p.read_text(), p.parent.parent.name) for p in pages)]:
        leaked = [line for line in hidden if any(line in decoded for decoded in decodings(text))]
        assert not leaked, f"{where}: hidden lines {leaked[:3]}"
