"""The tamper corpus of the examiner: attacks on the verdict, each a cell added to chapter 1's pristine release.

The issue-27 attacks that scored full marks while the tests ran inside the learner's kernel, and a spy. Each entry:
the cell's code, and what the batch grader must report (`EXPECTED`: the statuses it may give, and the score, 0).
They are not notebooks in this folder because they are built on the chapter's current release, which changes with
the chapter; tests/test_examiner_attacks.py builds and grades them (pytest never imports this folder's files as
tests: conftest.py).
"""

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

# What the grader must report for each: 0 points, and a status saying what became of the kernel. Graded: the attack
# ran and changed nothing the examiner decides. Crashed: a tracer on the agent's frames can make the kernel exit.
# Timeout: a thread walking every frame in a loop can slow the kernel past a cell's limit on a loaded machine.
# Tampered: a forged reply that is not plain data (the decoder's finding).
EXPECTED = {name: {"statuses": ("graded", "tampered", "crashed", "timeout"), "score": 0} for name in ATTACKS}
