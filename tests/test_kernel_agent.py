"""The grader's in-kernel agent (autograder/runner/kernel_agent.py), exercised in-process: no sandbox, no kernel.

A real IPython shell stands in for the kernel's, with a minimal kernel object around it; requests go straight to
the handler the agent registered, and replies are captured from the session's `send`.
"""

import linecache
import secrets
import types
import typing

import numpy as np
import pytest
from IPython.core.interactiveshell import InteractiveShell

from autograder.runner import agent, kernel_agent, tamper

SPEC = {"modules": ["builtins", "math", "operator", "numpy", "numpy.testing"],
        "aliases": {"np": ["numpy", None]}, "chains": ["np.allclose", "np.testing", "np.testing.assert_allclose"],
        "builtins_used": ["abs", "len", "open"], "packages": ["numpy"], "imports": ["numpy", "numpy.testing"]}


class FakeSession:
    sent: typing.ClassVar[list] = []

    def send(self, stream, msg_type, content, parent, ident):
        FakeSession.sent.append((msg_type, content))


class FakeKernel:
    def __init__(self):
        self.session = FakeSession()
        self.shell_handlers = {"execute_request": self.execute_request}

    def execute_request(self, *args):          # stands in for ipykernel's handler
        return None


@pytest.fixture(scope="module")
def shell():
    ip = InteractiveShell.instance()
    ip.kernel = FakeKernel()
    msg_type = agent.new_msg_type()
    assert kernel_agent.install(SPEC, msg_type, ip=ip) == {"installed": msg_type}
    ip.run_cell("import numpy as np", store_history=False)
    ns = types.SimpleNamespace(ip=ip, msg_type=msg_type)
    ns.reference = request(ns, {"op": "reference"})["fp"]
    yield ns
    ip.user_ns.pop("np", None)


def request(shell, content: dict) -> dict:
    nonce = tamper.new_nonce()
    handler = shell.ip.kernel.shell_handlers[shell.msg_type]
    handler("stream", [b"ident"], {"content": {**content, "nonce": nonce}})
    msg_type, reply = FakeSession.sent.pop()
    assert msg_type == shell.msg_type.replace("request", "reply")
    assert reply["nonce"] == nonce
    return reply


def run_test(shell, source: str, grade_id: str = "t1") -> dict:
    content = agent.test_request(grade_id, source, "")
    content.pop("nonce")
    reply = request(shell, content)
    assert reply["status"] in ("ok", "error"), reply
    reply["changed"] = sorted(set(tamper.differences(shell.reference, reply["fp_before"])
                                  + tamper.differences(shell.reference, reply["fp_after"])))
    return reply


def learner(shell, source: str) -> None:
    result = shell.ip.run_cell(source, store_history=False)
    assert result.error_in_exec is None, result.error_in_exec


def test_source_is_sent_as_text_with_the_spec_as_data():
    code = agent.preamble(SPEC, "autograder_x_request", "AGnonce")
    assert repr(agent.SOURCE) in code and "autograder.runner.kernel_agent" not in code.replace(repr(agent.SOURCE), "")
    assert "import autograder" not in code and "from autograder" not in code
    assert "'AGnonce'" in code and "autograder_x_request" in code
    compile(code, "<preamble>", "exec")


def test_a_passing_and_a_failing_test(shell):
    assert run_test(shell, "assert np.allclose([1.0], [1.0])")["status"] == "ok"
    reply = run_test(shell, "assert 1 + 1 == 3, 'expected 3, got 2'")
    assert reply["status"] == "error" and reply["origin"] == "assertion"
    assert reply["evalue"] == "expected 3, got 2" and reply["changed"] == [] and reply["probe"] == []
    assert reply["fp_before"] == reply["fp_after"] == {}          # an honest kernel's reply carries no fingerprints


def test_a_reply_carries_only_what_changed(shell):
    learner(shell, "import numpy\nf = numpy.testing.assert_allclose\n_orig_defaults = f.__defaults__\n"
                   "_orig_isclose = numpy.isclose\ndel numpy.isclose\nf.__defaults__ = (1.0, 1.0, True)\n")
    try:
        reply = run_test(shell, "assert True")
        assert reply["fp_before"]["numpy.isclose"] is None                  # gone from its module
        key = "numpy.testing.assert_allclose"
        assert reply["fp_before"][key] != shell.reference[key]              # its defaults were replaced
        assert len(reply["fp_before"]) < 10 and len(shell.reference) > 1000
        assert {"numpy.isclose", key} <= set(reply["changed"])
    finally:
        learner(shell, "numpy.isclose = _orig_isclose\nf.__defaults__ = _orig_defaults\n"
                       "del f, _orig_isclose, _orig_defaults")
    assert run_test(shell, "assert True")["changed"] == []


def test_an_error_in_student_code_is_reported_as_the_students_line(shell):
    learner(shell, "def ex1_answer(x):\n    raise ValueError('secret ' + str(x))\n")
    reply = run_test(shell, "ex1_answer(3)")
    assert reply["origin"] == "student" and reply["ename"] == "ValueError"
    assert "raise ValueError" in reply["line"] and "evalue" not in reply


def test_test_source_never_reaches_linecache(shell):
    marker = f"hidden_{secrets.token_hex(4)}"
    run_test(shell, f"{marker} = 1\nassert {marker} == 1", grade_id="hidden")
    assert not any(marker in "".join(lines[2] or []) for lines in linecache.cache.values() if len(lines) > 2)
    shell.ip.user_ns.pop(marker, None)


def test_patched_numpy_is_reset_for_the_test_and_flagged(shell):
    learner(shell, "import numpy\n_orig_allclose = numpy.allclose\nnumpy.allclose = lambda *a, **k: True\n")
    try:
        reply = run_test(shell, "assert np.allclose([1.0], [2.0]), 'not close'")
        assert reply["status"] == "error" and reply["evalue"] == "not close"   # immune: the real allclose ran
        assert "numpy.allclose" in reply["changed"]
        assert np.allclose.__name__ == "<lambda>"                           # the notebook's own state is back
    finally:
        learner(shell, "numpy.allclose = _orig_allclose\ndel _orig_allclose")


def test_an_alias_is_the_real_module_during_the_test(shell):
    learner(shell, "class Fake:\n    def allclose(self, *a, **k):\n        return True\nnp = Fake()\n")
    try:
        reply = run_test(shell, "assert not np.allclose([1.0], [2.0])")
        assert reply["status"] == "ok"
        assert any(n.startswith("alias:np|") for n in reply["notes"])
    finally:
        learner(shell, "import numpy as np\ndel Fake")


def test_shadowed_builtin_is_hidden_from_the_test(shell):
    learner(shell, "abs = lambda x: 0\n")
    try:
        reply = run_test(shell, "assert abs(-2) == 2")
        assert reply["status"] == "ok"
        assert any(n.startswith("shadow:abs|") for n in reply["notes"])
    finally:
        learner(shell, "del abs")


def test_ipythons_own_open_is_not_taken_for_a_learners(shell):
    # IPython puts its own open() (a function of IPython.core.interactiveshell) in every notebook's namespace
    assert shell.ip.user_ns.get("open") is not open
    reply = run_test(shell, "assert open is not None")
    assert reply["status"] == "ok" and not any(n.startswith("shadow:open|") for n in reply["notes"]), reply["notes"]
    saved = shell.ip.user_ns["open"]
    learner(shell, "def open(*args, **kwargs):\n    return None\n")
    try:
        reply = run_test(shell, "assert open is not None")
        assert any(n.startswith("shadow:open|") for n in reply["notes"])
    finally:
        shell.ip.user_ns["open"] = saved


def test_probe_finds_a_class_that_equals_anything(shell):
    learner(shell, "class Always:\n    def __eq__(self, other):\n        return True\n    __hash__ = None\n")
    try:
        reply = run_test(shell, "pass")
        assert any("equal anything" in p for p in reply["probe"])
    finally:
        learner(shell, "del Always")


def test_hooks_are_put_back_before_the_test_and_restored_after(shell):
    learner(shell, "import ast\nclass T(ast.NodeTransformer):\n    pass\n_t = T()\n"
                   "get_ipython().ast_transformers.append(_t)\n")
    try:
        seen = {}
        shell.ip.user_ns["_seen"] = seen
        reply = run_test(shell, "_seen['n'] = len(get_ipython().ast_transformers)")
        assert reply["status"] == "ok" and seen["n"] == 0
        assert "ipython.ast_transformers" in reply["changed"]
        assert shell.ip.ast_transformers[-1] is shell.ip.user_ns["_t"]
    finally:
        shell.ip.ast_transformers.clear()
        learner(shell, "del T, _t, _seen")


def test_requests_before_the_reference_are_refused():
    ip = types.SimpleNamespace(kernel=FakeKernel(), user_ns={}, events=types.SimpleNamespace(callbacks={}))
    kernel_agent.install({**SPEC, "imports": []}, "autograder_y_request", ip=ip)
    ip.kernel.shell_handlers["autograder_y_request"]("s", [], {"content": {"op": "test", "nonce": "n1", "code": ""}})
    _, reply = FakeSession.sent.pop()
    assert reply["status"] == "agent-error" and "no reference state" in reply["evalue"]


def test_fingerprint_and_learner_file_helpers():
    assert kernel_agent.modname(np) == "mod:numpy"
    f = lambda x=1: x
    before = kernel_agent.fp(f)
    f.__defaults__ = (2,)
    assert kernel_agent.fp(f) != before
    assert kernel_agent.is_learner_file("/tmp/ipykernel_12/123.py")
    assert kernel_agent.is_learner_file("<string>")
    assert not kernel_agent.is_learner_file("<autograder test ex1>")
    assert not kernel_agent.is_learner_file(np.__file__)


def test_numpy_assertion_messages_keep_the_tests_words_not_the_arrays():
    from autograder.runner.worker import _without_array_dump
    try:
        np.testing.assert_allclose(np.ones((16, 1)), np.zeros((16, 1)), atol=1e-5, err_msg="main differs: activation='tanh'")
    except AssertionError as err:
        shown = _without_array_dump(str(err))
    assert "main differs: activation='tanh'" in shown and "array(" not in shown and "DESIRED" not in shown
    assert _without_array_dump("expected 3, got 4") == "expected 3, got 4"
