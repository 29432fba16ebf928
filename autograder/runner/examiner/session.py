"""The examiner: runs a test cell outside the learner's interpreter and decides pass or fail there.

    examiner = Examiner(link)                        # link: one request to the learner's kernel at a time
    verdict = examiner.run_test(grade_id, source, aliases)

`source` is the test cell as the plan holds it (its helpers, then the test, hidden tests included); it never goes to
the learner's kernel. It runs here in a fresh namespace (`TestGlobals`) holding the examiner's own modules under the
aliases the chapter uses (`np`, `tf`, `keras`); any other name the test reads is the learner's, fetched from the
kernel as plain data or as a handle (autograder/runner/examiner/handles.py). The one exception are the helpers'
*kernel helpers*, top-level functions named `kernel_…` or `_exN_kernel_…`: they build what the learner's code must
receive as its own (a model from a learner's layer class, a variable a learner function changes in place), so their
text (visible, never hidden) is defined in the kernel and the test calls them there (docs/authoring.md).

The verdict is a `Verdict`: passed, or failed with where the failure came from — the test's own assertion (its
message), the learner's code (the builtin type of the exception and the learner's line), the test itself (the type
only), or a kernel that broke the protocol (a finding for review).
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass

from autograder import messages as M
from autograder.runner.examiner import codec
from autograder.runner.examiner.errors import LearnerError, LearnerExit, learner_error
from autograder.runner.examiner.handles import Handle, handle_for, resolve_class

KERNEL_HELPER = re.compile(r"^_?(?:ex\d+_)?kernel_\w*$")
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.DOTALL)


class KernelGone(BaseException):
    """The learner's kernel stopped answering: `status` is "timeout" or "dead"."""

    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


@dataclass
class Verdict:
    status: str                    # ok | error | timeout | dead
    ename: str = ""                # the builtin type of the exception
    origin: str = ""               # assertion | student | test | protocol
    evalue: str = ""               # the assertion's message (origin "assertion") or the protocol problem
    line: str = ""                 # the learner's line that raised (origin "student")

    def reply(self) -> dict:
        """The agent's reply format, which the worker reads (worker._test_outcome)."""
        return {"status": self.status, "ename": self.ename, "origin": self.origin, "evalue": self.evalue,
                "line": self.line}


class Examiner:
    """One learner kernel seen from outside: its objects as handles, its answers decoded strictly."""

    def __init__(self, link):
        self.link = link
        self.handles: dict[int, Handle] = {}

    def op(self, op: str, **fields):
        request = {"op": op, **{k: v for k, v in fields.items() if k not in ("args", "kwargs")}}
        request["args"] = [codec.encode(a, self._number_of) for a in fields.get("args", ())]
        request["kwargs"] = {str(k): codec.encode(v, self._number_of) for k, v in fields.get("kwargs", {}).items()}
        answer = self.link.request(request)
        if type(answer) is not dict or not ({"value"} <= answer.keys() or {"error"} <= answer.keys()):
            raise LearnerError.protocol(M.PROTOCOL_EMPTY)
        if "error" in answer:
            record = answer["error"] if type(answer["error"]) is dict else {}
            raise learner_error(record, resolve_class)
        try:
            return codec.decode(answer["value"], self._handle)
        except codec.DecodeError as err:
            raise LearnerError.protocol(M.PROTOCOL_NOT_DATA.format(error=err)) from None

    def global_(self, name: str):
        try:
            return self.op("global", name=name)
        except NameError:
            raise NameError(f"name {name!r} is not defined") from None

    def _handle(self, number: int, types: tuple[str, ...]) -> Handle:
        known = self.handles.get(number)
        if known is None:
            known = self.handles[number] = handle_for(self, number, types)
        return known

    def _number_of(self, value):
        if issubclass(type(value), Handle) and object.__getattribute__(value, "_examiner") is self:
            return object.__getattribute__(value, "_number")
        return None

    # ------------------------------------------------------------------------------------------ a test cell
    def run_test(self, grade_id: str, source: str, aliases: dict) -> Verdict:
        try:
            tree = ast.parse(source)
            namespace = TestGlobals(self, aliases)
            self.define_kernel_helpers(tree, source, namespace)
            code = compile(tree, f"<autograder test {grade_id}>", "exec", dont_inherit=True)
            exec(code, namespace)
        except KernelGone as gone:
            return Verdict(gone.status)
        except LearnerExit:
            return Verdict("error", "KeyboardInterrupt", "student")
        except BaseException as err:    # noqa: BLE001 -- every failure is the test's verdict
            return classify(err)
        return Verdict("ok")

    def define_kernel_helpers(self, tree: ast.Module, source: str, namespace: dict) -> None:
        """Define the kernel helpers in the learner's kernel: only their own (visible) text goes there."""
        hidden = [m.span() for m in HIDDEN.finditer(source)]
        offsets = [0]
        for line in source.splitlines(keepends=True):
            offsets.append(offsets[-1] + len(line))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and KERNEL_HELPER.match(node.name):
                start = offsets[(node.decorator_list[0] if node.decorator_list else node).lineno - 1]
                end = offsets[node.end_lineno]
                if any(a < end and start < b for a, b in hidden):
                    raise RuntimeError(f"the kernel helper {node.name} is in a hidden test: it would reveal it")
                namespace[node.name] = self.op("define", name=node.name, source=source[start:end])
        tree.body = [n for n in tree.body if not (isinstance(n, ast.FunctionDef) and KERNEL_HELPER.match(n.name))]


class TestGlobals(dict):
    """A test's global namespace: the examiner's modules under the chapter's aliases, builtins, and else the
    learner's names, fetched once each from the kernel."""

    def __init__(self, examiner: Examiner, aliases: dict):
        super().__init__(aliases, __name__="__main__", __builtins__=builtins)
        self._examiner = examiner

    def __missing__(self, name: str):
        if name in vars(builtins) or (name.startswith("__") and name.endswith("__")):
            raise KeyError(name)          # Python then reads the examiner's builtins, whatever the notebook did
        value = self[name] = self._examiner.global_(name)
        return value

    def get(self, name, default=None):
        try:
            return self[name]
        except (KeyError, NameError):
            return default


def classify(err: BaseException) -> Verdict:
    if isinstance(err, LearnerError):
        if err.protocol_error:
            return Verdict("error", "ProtocolError", "protocol", str(err))
        ename = next((t.partition(":")[2] for t in err.learner_types if t.startswith("builtins:")), "Exception")
        site = err.learner_site or {}
        if isinstance(err, AssertionError) and site.get("helper"):
            # a kernel helper's own assertion (a probe the test gave the learner's code): the test's words
            return Verdict("error", "AssertionError", "assertion", str(err))
        return Verdict("error", ename, "student", line=str(site.get("line", "")))
    ename = next((c.__name__ for c in type(err).__mro__ if c.__module__ == "builtins"), "BaseException")
    if type(err) is AssertionError:
        try:
            text = BaseException.__str__(err)
        except Exception:              # noqa: BLE001 -- an assertion whose text cannot be made
            text = ""
        return Verdict("error", "AssertionError", "assertion", text)
    return Verdict("error", ename, "test")
