"""The grader's agent: the code that runs *inside* the student's kernel (standard library only).

This module is never imported from the repository inside the sandbox: `autograder.runner.agent.preamble` sends its
source text to the kernel, which compiles it into a private namespace (not `sys.modules`, not the notebook's
namespace) before any student code runs, and calls `install(spec, msg_type)` with the watch spec as data.
Unit tests import it directly and exercise it in-process (tests/test_kernel_agent.py).

`install` registers a private shell-message handler under a random message type. From then on the grader never
sends its own code through IPython's `run_cell`: test cells and checks arrive as that message, and the agent

1. saves what the notebook changed and puts back the grader's known state: IPython's input and AST
   transformers, event callbacks, custom exception handler, display and exception hooks, tracing hooks,
   patched IPython/kernel methods, every watched function of the modules the tests use (and its code,
   defaults and keyword defaults), the module aliases the tests use (`np`, `tf`, `keras`: the real modules,
   whatever the notebook bound them to) and builtins the notebook shadowed;
2. compiles the test cell itself (with the builtins captured at start-up, under a file name that is in no
   cache, so `linecache`, `inspect`, IPython's history, `In`/`_ih` never hold it) and runs it in the
   notebook's namespace, catching every exception itself;
3. classifies a failure: an `AssertionError` raised by the test cell's own code (or by a library it
   called), with no student code in the traceback, keeps its message; anything else is reported as the
   exception type plus the student's line;
4. fingerprints everything again and probes classes created or changed since start-up, then restores the
   notebook's own state so the student's later cells see exactly what they set up. The reply carries only the
   fingerprints that differ from the reference (the grader holds the reference, sent once per kernel).

The reply echoes a nonce only the grader knows. Everything here shares the interpreter with student code,
so a determined attacker can still reach it (see autograder/README.md, "What is and is not guaranteed").
"""

import base64
import builtins
import importlib
import os
import sys
import time
import types
import zlib

# Builtins captured when the agent is installed (before any student code): later patches do not reach it.
B = builtins
_compile, _exec, _id, _isinstance, _getattr = B.compile, B.exec, B.id, B.isinstance, B.getattr
_type, _len, _list, _dict, _str, _repr, _tuple = B.type, B.len, B.list, B.dict, B.str, B.repr, B.tuple
_setattr, _callable, _sorted, _bool, _all, _map = B.setattr, B.callable, B.sorted, B.bool, B.all, B.map

MISSING = object()
FUNC_TYPES = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.BuiltinMethodType,
              types.WrapperDescriptorType, types.MethodDescriptorType, types.MethodWrapperType,
              staticmethod, classmethod, property, type)
FUNC_NAMES = ("_ArrayFunctionDispatcher", "ufunc", "cython_function_or_method", "fused_cython_function",
              "partial", "function")
# Special methods whose replacement can change what a comparison in a test means.
DUNDERS = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__", "__hash__",
           "__instancecheck__", "__subclasscheck__", "__array_function__", "__array_ufunc__",
           "__float__", "__abs__", "__sub__", "__rsub__", "__len__", "__getattr__", "__getattribute__")
DUNDER_SET = frozenset(DUNDERS)
IMMUTABLE = 1 << 8                  # Py_TPFLAGS_IMMUTABLETYPE
SKIP = {"__builtins__", "__loader__", "__spec__", "__doc__", "__name__", "__package__", "__file__",
        "__cached__", "__path__", "_", "__", "___"}
SHELL_NAMES = ("run_cell", "run_cell_async", "_run_cell", "run_code", "run_ast_nodes", "showtraceback",
               "_showtraceback", "showsyntaxerror", "showindentationerror", "transform_cell",
               "transform_ast", "should_run_async", "get_exception_only", "excepthook", "set_custom_exc",
               "InteractiveTB", "SyntaxTB", "CustomTB", "custom_exceptions", "ex", "ev",
               "run_cell_magic", "run_line_magic", "safe_execfile", "user_expressions")
KERNEL_NAMES = ("do_execute", "execute_request", "dispatch_shell", "process_one", "send_response",
                "_publish_execute_input", "_publish_status", "finish_metadata", "init_metadata",
                "pre_handler_hook", "post_handler_hook", "set_parent")
MAX_CLASSES = 400000

# Accessors taken from `type` and `ModuleType` themselves: a class or module cannot fake them.
tflags = type.__dict__["__flags__"].__get__
tdict = type.__dict__["__dict__"].__get__
tsubs = type.__subclasses__
mdict = types.ModuleType.__dict__["__dict__"].__get__


# ---------------------------------------------------------------------------------------------- fingerprints

def is_func(o) -> bool:
    return _isinstance(o, FUNC_TYPES) or _type(o).__name__ in FUNC_NAMES


def modname(o) -> str:
    try:
        name = mdict(o).get("__name__")
    except Exception:
        name = None
    if _type(o) is not types.ModuleType and name is None:
        return "mod:lazy"           # a lazy loader (tf.keras, tf.losses...): it becomes the module on first use
    return "mod:" + _str(name)


# Where the code behind a function-like object is: a function, a method or static/class method, a NumPy
# dispatcher, a property. getattr with a default: a miss (builtins, ufuncs, classes) raises nothing, so it is cheap.
CODE_PATHS = (("__code__",), ("__func__", "__code__"), ("_implementation", "__code__"), ("fget", "__code__"))


def code_id(o) -> str:
    """':<id of its code>' for a function-like object, '' for anything else."""
    for path in CODE_PATHS:
        c = o
        try:
            for name in path:
                c = _getattr(c, name, MISSING)
                if c is MISSING:
                    break
        except Exception:
            continue
        if c is not MISSING:
            return ":%x" % (_id(c) & 0xFFFFFFFFFFFF)
    return ""


def fp(o) -> str:
    """A fingerprint of `o`: its identity, its code, defaults and (for a mutable class) its special methods."""
    if _isinstance(o, types.ModuleType):
        return modname(o)
    if _isinstance(o, (types.MethodType, types.BuiltinMethodType)) and _getattr(o, "__self__", None) is not None:
        inner = _getattr(o, "__func__", None)
        base = "m%x.%s" % (_id(o.__self__), _getattr(o, "__name__", "?"))
        return base + (":" + fp(inner) if inner is not None else "")
    s = "%x" % _id(o) + code_id(o)
    if _isinstance(o, types.FunctionType):
        s += "/%x/%x" % (_id(o.__defaults__), _id(o.__kwdefaults__))
    if _isinstance(o, type) and not (tflags(o) & IMMUTABLE):
        d = tdict(o)
        for name in DUNDERS:
            if name in d:
                s += "|%s=%s" % (name, fp(d[name]) if not _isinstance(d[name], type) else _id(d[name]))
    return s


def delta(reference: dict, current: dict) -> dict:
    """The fingerprints that differ from `reference`: key -> its value now, or None where it is gone. Keys that
    appeared since are left out (nothing the tests use can be new). Replies stay small: a few keys, not thousands."""
    return {k: current.get(k) for k, v in reference.items() if current.get(k) != v}


def is_learner_file(filename: str) -> bool:
    """Code compiled from a notebook cell (or by the notebook itself), not from a library file."""
    return ("ipykernel_" in filename or filename.startswith("<ipython-input") or filename == "<string>"
            or filename.startswith("<") and "autograder test" not in filename)


# ---------------------------------------------------------------------------------------------- reset/restore

def put(ns, name, value) -> None:
    if _isinstance(ns, _dict):
        if value is MISSING:
            ns.pop(name, None)
        else:
            ns[name] = value
    elif _isinstance(ns, type):
        type.__setattr__(ns, name, value)
    else:
        _setattr(ns, name, value)


def get(ns, name):
    if _isinstance(ns, _dict):
        return ns.get(name, MISSING)
    if _isinstance(ns, type):
        return tdict(ns).get(name, MISSING)
    return _getattr(ns, name, MISSING)


def reset(refs) -> list:
    """Put the reference values back; returns what the notebook had, to restore afterwards."""
    saved = []
    for ns, name, value in refs:
        cur = get(ns, name)
        if cur is not value:
            saved.append((ns, name, cur))
            try:
                put(ns, name, value)
            except Exception:
                pass
    return saved


def restore(saved) -> None:
    for ns, name, value in reversed(saved):
        try:
            put(ns, name, value)
        except Exception:
            pass


# ---------------------------------------------------------------------------------------------- the probe

def all_classes() -> list:
    todo, seen, out = [object], set(), []
    while todo and _len(seen) < MAX_CLASSES:
        c = todo.pop()
        if _id(c) in seen:
            continue
        seen.add(_id(c))
        out.append(c)
        try:
            todo.extend(tsubs(c) if c is not type else tsubs(type))
        except TypeError:
            continue
    return out


def dunder_ids(c) -> tuple:
    d = tdict(c)
    return _tuple(_map(_id, _map(d.get, DUNDERS)))     # C-level loops: this runs for every class on every test


def probe(nonce: str, known: dict) -> list[str]:
    """Classes created or changed since start-up (`known`: id -> dunder_ids) whose objects equal anything,
    compare both below and above anything, or hijack NumPy's dispatch."""
    out = []
    sentinels = (object(), nonce[-7:], -8.125e-300)
    for c in all_classes():
        if tflags(c) & IMMUTABLE:
            continue
        d = tdict(c)
        if DUNDER_SET.isdisjoint(d) or known.get(_id(c)) == dunder_ids(c):
            continue                          # no special methods of its own, or the same ones as at start-up
        own = [n for n in DUNDERS if n in d]
        label = "%s.%s" % (d.get("__module__", "?"), _getattr(c, "__qualname__", "?"))
        if "__array_function__" in own or "__array_ufunc__" in own:
            out.append("%s overrides NumPy's dispatch (%s)" % (label, ", ".join(
                n for n in own if n.startswith("__array"))))
        inst = None
        for make in (lambda: object.__new__(c), lambda: c.__new__(c)):
            try:
                inst = make()
                break
            except Exception:
                pass
        if inst is None:
            continue

        def truthy(f):
            try:
                return _all(_bool(f(s)) for s in sentinels)
            except Exception:
                return False
        if "__eq__" in own and truthy(lambda s: inst == s):
            out.append("%s: __eq__ says its objects equal anything" % label)
        if "__ne__" in own and truthy(lambda s: not (inst != s)):
            out.append("%s: __ne__ says its objects equal anything" % label)
        if ("__lt__" in own or "__gt__" in own) and truthy(lambda s: (inst < s) and (inst > s)):
            out.append("%s: compares both below and above anything" % label)
    return out


# ---------------------------------------------------------------------------------------------- failures

def library_function(f, learner_dir: str) -> bool:
    """A function of a module imported from an installed file (IPython's own `open`, say), not one the notebook
    defined or a module in the learner's folder (`learner_dir`)."""
    code, g = _getattr(f, "__code__", None), _getattr(f, "__globals__", None)
    name = g.get("__name__") if _isinstance(g, _dict) else None
    mod = sys.modules.get(name) if _isinstance(name, _str) else None
    if code is None or mod is None or mdict(mod) is not g or g.get("__file__") != code.co_filename:
        return False
    installed = _getattr(sys, "prefix"), _getattr(sys, "base_prefix"), _getattr(sys, "exec_prefix")
    return (code.co_filename.startswith(tuple(p + os.sep for p in installed))
            or not code.co_filename.startswith(learner_dir + os.sep))


def genuine_library(frame) -> bool:
    """The frame runs code of a module imported from a file (not code the notebook compiled under its name)."""
    g = frame.f_globals
    name = g.get("__name__")
    mod = sys.modules.get(name) if _isinstance(name, _str) else None
    return mod is not None and mdict(mod) is g and g.get("__file__") == frame.f_code.co_filename


def classify(err: BaseException, filename: str) -> dict:
    """What the grader may show of a failed test: the builtin exception type, where it came from (the test's
    own assertion, the student's code, or the test), the student's line, the assertion's message."""
    frames = []
    tb = err.__traceback__
    while tb is not None:
        frames.append((tb.tb_frame, tb.tb_lineno))
        tb = tb.tb_next
    frames = frames[1:]                       # the agent's own frame
    learner = [(f, n) for f, n in frames
               if f.f_code.co_filename != filename and not genuine_library(f)]
    builtin_type = next((c for c in _type(err).__mro__ if c.__module__ == "builtins"), BaseException)
    out = {"ename": builtin_type.__name__, "origin": "test", "line": None, "lineno": None, "file": None}
    if learner:
        f, n = learner[-1]
        out["origin"] = "student"
        out["file"], out["lineno"] = f.f_code.co_filename, n
        try:
            import linecache
            out["line"] = linecache.getline(f.f_code.co_filename, n).strip()[:300]
        except Exception:
            pass
    elif builtin_type is AssertionError and _type(err) is AssertionError:
        out["origin"] = "assertion"
        try:
            out["evalue"] = _str(BaseException.__str__(err))
        except Exception:
            out["evalue"] = ""
    return out


def test_source(content: dict) -> str:
    """The test cell's text from a request (it travels compressed: see autograder.runner.agent.test_request)."""
    return zlib.decompress(base64.b64decode(content.pop("code"))).decode()


# ---------------------------------------------------------------------------------------------- the agent

def install(spec: dict, msg_type: str, ip=None) -> dict:
    """Install the agent in the running kernel (`ip`: the IPython shell, by default the current one).

    `spec`: the watch spec (autograder.runner.tamper.agent_spec): modules to import and fingerprint, packages
    watched whole, the aliases and attribute chains the tests use, the builtins they use."""
    if ip is None:
        ip = sys.modules["IPython"].core.getipython.get_ipython()
    agent = Agent(spec, msg_type, ip)
    agent.kernel.shell_handlers[msg_type] = agent.handler
    return {"installed": msg_type}


def import_all(names) -> None:
    for m in names:
        try:
            importlib.import_module(m)
        except Exception:
            pass


def load_plot_backend() -> None:
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        try:
            # load the plotting backend now: IPython rewraps pyplot functions when it loads (activate_matplotlib),
            # which a notebook's first plot would otherwise do after the reference fingerprints
            plt._get_backend_mod()
        except Exception:
            pass


def learner_ops(source, namespace: dict):
    """The examiner's operations on the notebook's objects (autograder/runner/examiner/learner.py, sent as source)."""
    if not source:
        return None
    scope = {"__name__": "autograder_examiner_learner", "__builtins__": B}
    _exec(_compile(source, "<autograder examiner>", "exec", dont_inherit=True), scope)
    return scope["Ops"](namespace)


def real_aliases(aliases: dict) -> dict:
    """alias -> the object the tests mean by it (`np` -> numpy), for the aliases that import."""
    real = {}
    for alias, (module, attr) in aliases.items():
        try:
            m = importlib.import_module(module)
            real[alias] = _getattr(m, attr) if attr else m
        except Exception:
            pass
    return real


# ------------------------------------------------------------------------------------ the agent: fingerprints

class Fingerprints:
    """The agent's fingerprints of what the tests rely on: the watched modules' functions, the attribute chains the
    tests use, the interpreter's hooks, IPython's and the kernel's methods, transformers and callbacks, and the
    agent's own handler (a part of `Agent`: it reads the agent's spec, ip, kernel, real, state, msg_type, handler)."""

    def watched_modules(self):
        names = _list(self.spec["modules"])
        for prefix in self.spec["packages"]:
            names += [n for n in _list(sys.modules) if n.startswith(prefix + ".")]
        return names

    def fingerprints(self):
        fps = {}
        self.module_fingerprints(fps)
        self.chain_fingerprints(fps)
        fps["sys.excepthook"] = fp(sys.excepthook)
        fps["sys.displayhook"] = fp(sys.displayhook)
        fps["sys.trace"] = _repr(sys.gettrace() is None) + _repr(sys.getprofile() is None)
        self.shell_fingerprints(fps)
        self.event_fingerprints(fps)
        self.kernel_fingerprints(fps)
        return fps

    def module_fingerprints(self, fps: dict) -> None:
        for name in self.watched_modules():
            m = sys.modules.get(name)
            if m is None:
                continue
            fps["module:" + name] = modname(m)
            try:
                items = _list(mdict(m).items())
            except TypeError:
                continue
            for k, v in items:
                if k in SKIP or not (is_func(v) or _isinstance(v, types.ModuleType)):
                    continue
                fps["%s.%s" % (name, k)] = fp(v)

    def chain_fingerprints(self, fps: dict) -> None:
        for chain in self.spec["chains"]:
            head, *rest = chain.split(".")
            try:
                o = self.real[head]
                for part in rest:
                    o = _getattr(o, part)
            except Exception as err:
                fps["chain:" + chain] = "error:" + _type(err).__name__
                continue
            fps["chain:" + chain] = fp(o)

    def shell_fingerprints(self, fps: dict) -> None:
        ip = self.ip
        cls = _type(ip)
        for name in SHELL_NAMES:
            fps["ipython.class." + name] = fp(_getattr(cls, name, None))
            d = vars(ip)
            fps["ipython.instance." + name] = fp(d[name]) if name in d else "-"
        fps["ipython.custom_exceptions"] = _repr(ip.custom_exceptions)
        fps["ipython.exit_now"] = _repr(_bool(_getattr(ip, "exit_now", False)))
        for name in ("input_transformers_cleanup", "input_transformers_post", "ast_transformers"):
            fps["ipython." + name] = ",".join(_str(_id(x)) for x in _getattr(ip, name, []))
        tm = _getattr(ip, "input_transformer_manager", None)
        for name in ("cleanup_transforms", "line_transforms", "token_transformers"):
            fps["ipython.tm." + name] = ",".join(_str(_id(x)) for x in _getattr(tm, name, []))
        fps["ipython.tm.class"] = fp(_type(tm))

    def event_fingerprints(self, fps: dict) -> None:
        for event, callbacks in _sorted(self.ip.events.callbacks.items()):
            names = []
            for cb in callbacks:
                # libraries register callbacks too (matplotlib, the inline backend, autoreload); only code
                # written in the notebook is reported (test cells never run through these callbacks anyway)
                mod = _getattr(cb, "__module__", None) or "__main__"
                code = _getattr(cb, "__code__", None) or _getattr(_getattr(cb, "__func__", None), "__code__", None)
                filename = _getattr(code, "co_filename", "") if code is not None else ""
                if _id(cb) in self.state["callbacks"].get(event, ()) or (
                        mod != "__main__" and not is_learner_file(filename)):
                    continue
                names.append("%s.%s" % (mod, _getattr(cb, "__qualname__", _type(cb).__name__)))
            fps["ipython.events." + event] = ",".join(names)

    def kernel_fingerprints(self, fps: dict) -> None:
        kernel = self.kernel
        for name in KERNEL_NAMES:
            fps["kernel.class." + name] = fp(_getattr(_type(kernel), name, None))
            fps["kernel.instance." + name] = fp(vars(kernel)[name]) if name in vars(kernel) else "-"
        fps["kernel.handler"] = fp(_getattr(kernel.shell_handlers.get("execute_request"), "__func__", None))
        fps["kernel.agent"] = "ok" if kernel.shell_handlers.get(self.msg_type) is self.handler else "replaced"
        fps["kernel.session.send"] = fp(_type(kernel.session).send) + ("!" if "send" in vars(kernel.session) else "")


# ---------------------------------------------------------------------------------- the agent: grader's state

class GraderState:
    """The grader's known state, taken before any learner code and put back around every test cell: watched
    functions and their code, IPython's and the kernel's methods, transformers, callbacks, hooks and handlers
    (a part of `Agent`)."""

    def attr_refs(self):
        """(namespace, name, value) of everything reset before a test cell."""
        refs = []
        for name in self.watched_modules():
            m = sys.modules.get(name)
            if m is None:
                continue
            d = mdict(m)
            for k, v in _list(d.items()):
                if k in SKIP or _isinstance(v, types.ModuleType) or not is_func(v):
                    continue
                refs.append((d, k, v))
                if _isinstance(v, types.FunctionType):
                    refs.append((v, "__code__", v.__code__))
                    refs.append((v, "__defaults__", v.__defaults__))
                    refs.append((v, "__kwdefaults__", v.__kwdefaults__))
        for klass, names in ((_type(self.ip), SHELL_NAMES), (_type(self.kernel), KERNEL_NAMES)):
            for c in klass.__mro__:
                if c is object:
                    continue
                cd = tdict(c)
                for n in names:
                    if n in cd:
                        refs.append((c, n, cd[n]))
        refs.append((_type(self.kernel.session), "send", _type(self.kernel.session).send))
        return refs

    def shell_state(self):
        ip, kernel = self.ip, self.kernel
        tm = ip.input_transformer_manager
        return {
            "lists": [(ip.input_transformers_cleanup, _list(ip.input_transformers_cleanup)),
                      (ip.input_transformers_post, _list(ip.input_transformers_post)),
                      (ip.ast_transformers, _list(ip.ast_transformers)),
                      (tm.cleanup_transforms, _list(tm.cleanup_transforms)),
                      (tm.line_transforms, _list(tm.line_transforms)),
                      (tm.token_transformers, _list(tm.token_transformers))],
            "events": {k: _list(v) for k, v in ip.events.callbacks.items()},
            "inst_shell": {n: vars(ip)[n] for n in SHELL_NAMES if n in vars(ip)},
            "inst_kernel": {n: vars(kernel)[n] for n in KERNEL_NAMES if n in vars(kernel)},
            "custom_exceptions": ip.custom_exceptions,
            "hooks": (sys.displayhook, sys.excepthook, sys.gettrace(), sys.getprofile()),
            "handlers": _dict(kernel.shell_handlers),
        }

    def set_shell_state(self, saved):
        ip, kernel = self.ip, self.kernel
        for target, items in saved["lists"]:
            target[:] = items
        for k in _list(ip.events.callbacks):
            ip.events.callbacks[k][:] = saved["events"].get(k, [])
        for inst, key, names in ((ip, "inst_shell", SHELL_NAMES), (kernel, "inst_kernel", KERNEL_NAMES)):
            d = vars(inst)
            for n in names:
                if n in saved[key]:
                    d[n] = saved[key][n]
                else:
                    d.pop(n, None)
        ip.custom_exceptions = saved["custom_exceptions"]
        sys.displayhook, sys.excepthook = saved["hooks"][0], saved["hooks"][1]
        sys.settrace(saved["hooks"][2])
        sys.setprofile(saved["hooks"][3])
        kernel.shell_handlers.clear()
        kernel.shell_handlers.update(saved["handlers"])

    def take_reference(self):
        # taken outside any cell: IPython swaps hooks while a cell runs
        state = self.state
        state["shell"] = self.shell_state()
        state["callbacks"] = {k: {_id(cb) for cb in v} for k, v in self.ip.events.callbacks.items()}
        state["refs"] = self.attr_refs()
        state["classes"] = {_id(c): dunder_ids(c) for c in all_classes() if not DUNDER_SET.isdisjoint(tdict(c))}


# -------------------------------------------------------------------------------- the agent: notebook's names

class LearnerBindings:
    """The notebook's names around a test cell: the aliases the tests use point at the real modules and builtins
    the notebook shadowed are hidden while it runs; what looks like an attempt is reported (a part of `Agent`)."""

    def learner_bindings(self):
        """Hide the notebook's aliases and builtin shadows from the test; report the suspicious ones."""
        saved, notes = [], []
        self.hide_aliases(saved, notes)
        user_ns = self.user_ns
        if user_ns.get("__builtins__", MISSING) is not B:
            saved.append((user_ns, "__builtins__", user_ns.get("__builtins__", MISSING)))
            user_ns["__builtins__"] = B
        self.hide_builtin_shadows(saved, notes)
        return saved, notes

    def hide_aliases(self, saved: list, notes: list) -> None:
        user_ns = self.user_ns
        for alias, obj in self.real.items():
            cur = user_ns.get(alias, MISSING)
            if cur is obj:
                continue
            saved.append((user_ns, alias, cur))
            user_ns[alias] = obj
            if cur is MISSING or not _isinstance(obj, types.ModuleType):
                continue
            if not _isinstance(cur, types.ModuleType):
                notes.append("alias:%s|%s was rebound to a %s object, not the %s module" % (
                    alias, alias, _type(cur).__name__, mdict(obj).get("__name__")))
                continue
            note = self.alias_leads_elsewhere(alias, cur, obj)
            if note:
                notes.append(note)

    def alias_leads_elsewhere(self, alias: str, cur, obj):
        """A note if an attribute chain the tests use leads to another object through the notebook's module."""
        for chain in self.spec["chains"]:
            head, *rest = chain.split(".")
            if head != alias:
                continue
            try:
                a, b = cur, obj
                for part in rest:
                    a, b = _getattr(a, part), _getattr(b, part)
            except Exception:
                continue
            if a is not b and not (_isinstance(a, types.ModuleType) and _isinstance(b, types.ModuleType)):
                return "alias:%s|%s now leads to another object for %s" % (alias, alias, chain)
        return None

    def hide_builtin_shadows(self, saved: list, notes: list) -> None:
        user_ns = self.user_ns
        for name in self.spec["builtins_used"]:
            cur = user_ns.get(name, MISSING)
            if cur is MISSING:
                continue
            saved.append((user_ns, name, cur))
            del user_ns[name]
            if cur is not vars(B).get(name) and _callable(cur):
                code = _getattr(cur, "__code__", None) or _getattr(_getattr(cur, "__call__", None), "__code__", None)
                if library_function(cur, self.learner_dir):
                    continue                 # e.g. IPython puts its own open() in the notebook's namespace
                if _isinstance(cur, types.FunctionType) or (code is not None and is_learner_file(code.co_filename)):
                    notes.append("shadow:%s|the builtin %s() was redefined in the notebook" % (name, name))

    def bindings_changed(self):
        out = []
        user_ns = self.user_ns
        for alias, obj in self.real.items():
            if user_ns.get(alias, MISSING) is not obj:
                out.append("alias:%s|%s was rebound while the test ran" % (alias, alias))
        for name in self.spec["builtins_used"]:
            if name in user_ns and user_ns[name] is not vars(B).get(name):
                out.append("shadow:%s|the builtin %s() was redefined while the test ran" % (name, name))
        return out


# ---------------------------------------------------------------------------------------- the agent: requests

class Agent(Fingerprints, GraderState, LearnerBindings):
    """The agent in one kernel: the shell-message handler, the reference state taken before any learner code, and
    the reset, fingerprints and probe around every test cell."""

    def __init__(self, spec: dict, msg_type: str, ip):
        self.spec, self.msg_type, self.ip = spec, msg_type, ip
        self.kernel = ip.kernel
        self.user_ns = ip.user_ns
        self.send = _type(self.kernel.session).send   # captured now: a later patch of Session.send does not reach it
        self.state: dict = {}
        self.learner_dir = os.getcwd()     # the submission's folder: installed before any learner code runs
        import_all(spec["imports"])
        load_plot_backend()
        self.real = real_aliases(spec["aliases"])
        self.ops = learner_ops(spec.get("examiner_source"), self.user_ns)
        self.handler = self.handle         # one bound method: what the kernel's handler table holds

    # ------------------------------------------------------------------------------------------ requests

    def run_test(self, content):
        state = self.state
        filename = "<autograder test %s>" % content.get("grade_id", "")
        source = test_source(content)
        code_obj = _compile(source, filename, "exec", dont_inherit=True)
        del source
        before = self.fingerprints()
        shell = self.shell_state()
        self.set_shell_state(state["shell"])
        saved_attrs = reset(state["refs"])
        saved_names, notes = self.learner_bindings()
        result = {"status": "ok"}
        try:
            _exec(code_obj, self.user_ns)
        except BaseException as err:
            result = {"status": "error"}
            result.update(classify(err, filename))
            err.__traceback__ = None
            del err
        del code_obj
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            pass
        during = self.bindings_changed()
        after = self.fingerprints()
        found = probe(content.get("nonce", "x" * 8), state["classes"])
        restore(saved_names)
        restore(saved_attrs)
        self.set_shell_state(shell)
        self.kernel.shell_handlers[self.msg_type] = self.handler
        result.update(fp_before=delta(state["fp"], before), fp_after=delta(state["fp"], after), probe=found,
                      notes=notes + during)
        return result

    def reply(self, stream, ident, parent, content):
        self.send(self.kernel.session, stream, self.msg_type.replace("request", "reply"), content, parent, ident)

    def handle(self, stream, ident, msg):
        content = msg["content"]
        nonce = content.get("nonce", "")
        t0 = time.perf_counter()
        out = {"nonce": nonce, "status": "ok"}
        try:
            if content.get("op") == "learner" and self.ops is not None:
                out["learner"] = self.ops.run(content.get("request") or {})
            elif content.get("op") == "reference":
                if not self.state:
                    self.take_reference()
                self.state["fp"] = out["fp"] = self.fingerprints()
            elif "fp" not in self.state:
                raise RuntimeError("no reference state")
            else:
                out.update(self.run_test(content))
        except BaseException as err:          # the agent itself failed: the grader reports it
            out = {"nonce": nonce, "status": "agent-error", "evalue": "%s: %s" % (_type(err).__name__, err)}
        out["seconds"] = round(time.perf_counter() - t0, 4)
        self.reply(stream, ident, msg, out)
