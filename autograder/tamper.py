"""Detect, inside the student's kernel, what the grader cannot prevent there.

Test cells always come from the instructor (see plan.py) and the kernel is sandboxed, but student code
shares the kernel with the tests, so it could still patch what the tests rely on. Three checks:

1. **Fingerprints.** Before any student code runs, a *preamble* imports the modules the test cells use and
   records a fingerprint (object identity + code hash) of everything a test result depends on: builtins,
   `math`, NumPy (incl. `numpy.testing`), every attribute chain the tests use (`np.testing.assert_allclose`,
   `tf.is_tensor`, ...), the module aliases (`np`, `tf`), builtins shadowed in the user namespace, and
   IPython's machinery (`run_cell`, `showtraceback`, input/AST transformers, event callbacks, custom
   exception handlers, `sys.excepthook`, tracing hooks, the kernel's execute handler).
2. **Probe.** Classes defined by the notebook whose instances compare equal to anything (`__eq__` always
   true, `__ne__` always false) or that hijack NumPy's dispatch (`__array_function__`/`__array_ufunc__`).
3. **Canary.** The check itself must fail with a random nonce that only the grader knows in advance; if
   the failure does not come back (errors hidden, cells blanked, kernel answers faked), the grader cannot
   trust any result.

After every test cell the grader runs one check (fingerprints + probe, reported through the canary's
failure). A test cell's points count only if the check after it comes back clean; from the first failed
check on the submission is `tampered` and later tests are not counted.
"""

from __future__ import annotations

import ast
import builtins
import json
import secrets
from dataclasses import dataclass

# Modules whose whole namespace is fingerprinted when they are loaded (besides those the tests import).
ALWAYS_WATCHED = ["builtins", "math", "numpy", "numpy.testing", "numpy.testing._private.utils"]
# Friendly names for what a changed fingerprint means.
IPYTHON_PARTS = {
    "ipython.": "IPython's cell execution / error display",
    "kernel.": "the kernel's execute handler",
    "sys.": "Python's hooks",
    "shadow:": "a builtin used by the tests was redefined in the notebook",
    "alias:": "a module alias used by the tests was rebound",
    "chain:": "a function or class the tests call was replaced",
}

_IN_KERNEL = r'''
def __NAME__():
    globals().pop("__NAME__", None)
    import sys, types, json, time
    _t0 = time.perf_counter()
    spec = json.loads(__SPEC__)
    nonce = __NONCE__
    probe_classes = __PROBE__
    B = sys.modules["builtins"]
    try:
        ip = sys.modules["IPython"].core.getipython.get_ipython()
    except Exception:
        ip = None
    user_ns = ip.user_ns if ip is not None else sys.modules["__main__"].__dict__
    MISSING = object()
    FUNC_TYPES = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.BuiltinMethodType,
                  types.WrapperDescriptorType, types.MethodDescriptorType, types.MethodWrapperType,
                  staticmethod, classmethod, property, type)
    FUNC_NAMES = ("_ArrayFunctionDispatcher", "ufunc", "cython_function_or_method", "fused_cython_function",
                  "partial", "function")
    DUNDERS = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__", "__hash__",
               "__instancecheck__", "__subclasscheck__", "__array_function__", "__array_ufunc__",
               "__float__", "__abs__", "__sub__", "__rsub__", "__len__", "__getattr__", "__getattribute__")
    IMMUTABLE = 1 << 8      # Py_TPFLAGS_IMMUTABLETYPE: built-in/extension types whose methods cannot be replaced
    SKIP = {"__builtins__", "__loader__", "__spec__", "__doc__", "__name__", "__package__", "__file__",
            "__cached__", "__path__", "_", "__", "___"}

    def code_hash(c):
        return "%x" % (hash(c) & 0xFFFFFFFFFFFF)

    def is_func(o):
        return isinstance(o, FUNC_TYPES) or type(o).__name__ in FUNC_NAMES

    def fp(o):
        if isinstance(o, (types.MethodType, types.BuiltinMethodType)) and getattr(o, "__self__", None) is not None:
            inner = getattr(o, "__func__", None)
            base = "m%x.%s" % (id(o.__self__), getattr(o, "__name__", "?"))
            return base + (":" + fp(inner) if inner is not None else "")
        s = "%x" % id(o)
        for get in (lambda o: o.__code__, lambda o: o.__func__.__code__, lambda o: o._implementation.__code__,
                    lambda o: o.fget.__code__):
            try:
                s += ":" + code_hash(get(o))
                break
            except Exception:
                pass
        if isinstance(o, type) and not (type.__dict__["__flags__"].__get__(o) & IMMUTABLE):
            d = type.__dict__["__dict__"].__get__(o)
            for name in DUNDERS:
                if name in d:
                    s += "|%s=%s" % (name, fp(d[name]) if not isinstance(d[name], type) else id(d[name]))
        return s

    fps = {}
    for modname in spec["modules"]:
        m = sys.modules.get(modname)
        if m is None:
            continue
        fps["module:" + modname] = str(id(m))
        try:
            items = list(vars(m).items())
        except TypeError:
            continue
        for k, v in items:
            if k in SKIP or not (is_func(v) or isinstance(v, types.ModuleType)):
                continue
            fps["%s.%s" % (modname, k)] = str(id(v)) if isinstance(v, types.ModuleType) else fp(v)
        fps["sys.modules:" + modname] = str(id(sys.modules.get(modname)))

    def root(alias):
        module, attr = spec["aliases"][alias]
        v = user_ns.get(alias, MISSING)
        if v is not MISSING:
            return v
        import importlib
        v = importlib.import_module(module)
        return getattr(v, attr) if attr else v

    for alias in spec["aliases"]:
        try:
            fps["alias:" + alias] = fp(root(alias))
        except Exception as err:
            fps["alias:" + alias] = "error:" + type(err).__name__
    for chain in spec["chains"]:
        head, *rest = chain.split(".")
        try:
            o = root(head)
            for part in rest:
                o = getattr(o, part)
        except Exception as err:
            fps["chain:" + chain] = "error:" + type(err).__name__
            continue
        fps["chain:" + chain] = fp(o)
        if isinstance(o, type):
            todo, seen = list(type.__subclasses__(o)), set()
            while todo and len(seen) < 300:
                c = todo.pop()
                if id(c) in seen:
                    continue
                seen.add(id(c))
                fps["sub:%s>%s.%s" % (chain, c.__module__, c.__qualname__)] = fp(c)
                todo.extend(type.__subclasses__(c))
    for name in spec["builtins_used"]:
        v = user_ns.get(name, MISSING)
        real = vars(B).get(name, MISSING)
        fps["shadow:" + name] = "shadowed" if (v is not MISSING and v is not real and callable(v)) else "-"

    fps["sys.excepthook"] = fp(sys.excepthook)
    fps["sys.displayhook"] = fp(sys.displayhook)
    fps["sys.trace"] = repr(sys.gettrace() is None) + repr(sys.getprofile() is None)
    if ip is not None:
        cls = type(ip)
        for name in ("run_cell", "run_cell_async", "_run_cell", "run_code", "run_ast_nodes", "showtraceback",
                     "_showtraceback", "showsyntaxerror", "showindentationerror", "transform_cell",
                     "transform_ast", "should_run_async", "get_exception_only", "excepthook", "set_custom_exc",
                     "InteractiveTB", "SyntaxTB", "CustomTB", "custom_exceptions", "ex", "ev",
                     "run_cell_magic", "run_line_magic", "safe_execfile", "user_expressions"):
            fps["ipython.class." + name] = fp(getattr(cls, name, None))
            d = vars(ip)
            fps["ipython.instance." + name] = fp(d[name]) if name in d else "-"
        fps["ipython.custom_exceptions"] = repr(ip.custom_exceptions)
        fps["ipython.exit_now"] = repr(bool(getattr(ip, "exit_now", False)))
        for name in ("input_transformers_cleanup", "input_transformers_post", "ast_transformers"):
            fps["ipython." + name] = ",".join(str(id(x)) for x in getattr(ip, name, []))
        tm = getattr(ip, "input_transformer_manager", None)
        for name in ("cleanup_transforms", "line_transforms", "token_transformers"):
            fps["ipython.tm." + name] = ",".join(str(id(x)) for x in getattr(tm, name, []))
        fps["ipython.tm.class"] = fp(type(tm))
        for event, callbacks in sorted(ip.events.callbacks.items()):
            names = []
            for cb in callbacks:
                # libraries register callbacks too (matplotlib's pyplot, the inline backend); only code
                # written in the notebook is suspicious
                mod = getattr(cb, "__module__", None) or "__main__"
                code = getattr(cb, "__code__", None) or getattr(getattr(cb, "__func__", None), "__code__", None)
                filename = getattr(code, "co_filename", "") if code is not None else ""
                if mod != "__main__" and "ipykernel_" not in filename and not filename.startswith("<"):
                    continue
                names.append("%s.%s" % (mod, getattr(cb, "__qualname__", type(cb).__name__)))
            fps["ipython.events." + event] = ",".join(names)
        k = getattr(ip, "kernel", None)
        if k is not None:
            for name in ("do_execute", "execute_request", "dispatch_shell", "process_one", "send_response",
                         "_publish_execute_input", "_publish_status", "finish_metadata", "init_metadata"):
                fps["kernel.class." + name] = fp(getattr(type(k), name, None))
                fps["kernel.instance." + name] = fp(vars(k)[name]) if name in vars(k) else "-"
            handler = getattr(k, "shell_handlers", {}).get("execute_request")
            fps["kernel.handler"] = fp(getattr(handler, "__func__", handler))
            fps["kernel.session.send"] = fp(type(k.session).send) + ("!" if "send" in vars(k.session) else "")

    probe = []
    if probe_classes:
        sentinels = (object(), nonce[-7:], -8.125e-300)
        todo, seen = [object], set()
        while todo and len(seen) < 400000:
            c = todo.pop()
            if id(c) in seen:
                continue
            seen.add(id(c))
            try:
                todo.extend(type.__subclasses__(c) if c is not type else type.__subclasses__(type))
            except TypeError:
                continue
            d = type.__dict__["__dict__"].__get__(c)
            if d.get("__module__") != "__main__":
                continue
            own = [n for n in DUNDERS if n in d]
            if not own:
                continue
            label = getattr(c, "__qualname__", "?")
            if "__array_function__" in own or "__array_ufunc__" in own:
                probe.append("%s overrides NumPy's dispatch (%s)" % (label, ", ".join(
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
                    return all(bool(f(s)) for s in sentinels)
                except Exception:
                    return False
            if "__eq__" in own and truthy(lambda s: inst == s):
                probe.append("%s: __eq__ says its objects equal anything" % label)
            if "__ne__" in own and truthy(lambda s: not (inst != s)):
                probe.append("%s: __ne__ says its objects equal anything" % label)
            if ("__lt__" in own or "__gt__" in own) and truthy(lambda s: (inst < s) and (inst > s)):
                probe.append("%s: compares both below and above anything" % label)
    return json.dumps({"fp": fps, "probe": probe, "seconds": round(time.perf_counter() - _t0, 4)})
class __NAME__E(AssertionError):
    def _render_traceback_(self):         # IPython shows this instead of formatting a traceback (faster)
        return ["AssertionError: autograder integrity check"]
__NAME__E.__name__ = __NAME__E.__qualname__ = "AssertionError"
try:
    raise __NAME__E(__NONCE__ + __NAME__())
finally:
    del __NAME__E
'''


@dataclass
class WatchSpec:
    modules: list[str]          # preimported and fingerprinted whole
    aliases: dict[str, list]    # alias -> [module, attribute or None]
    chains: list[str]           # dotted names the tests use, rooted at an alias
    builtins_used: list[str]

    def to_dict(self) -> dict:
        return {"modules": self.modules, "aliases": self.aliases, "chains": self.chains,
                "builtins_used": self.builtins_used}


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except SyntaxError:
        pass
    try:
        from IPython.core.inputtransformer2 import TransformerManager
        return ast.parse(TransformerManager().transform_cell(source))
    except (SyntaxError, ValueError, ImportError):
        return None


def import_aliases(sources: list[str]) -> dict[str, list]:
    """name -> [module, attribute or None] for every import in the instructor's code cells."""
    out: dict[str, list] = {}
    for source in sources:
        tree = _parse(source)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        out[a.asname] = [a.name, None]
                    else:
                        out[a.name.split(".")[0]] = [a.name.split(".")[0], None]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for a in node.names:
                    if a.name != "*":
                        out[a.asname or a.name] = [node.module, a.name]
    return out


def _chain(node: ast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


def watch_spec(all_code: list[str], test_code: list[str]) -> WatchSpec:
    aliases = import_aliases(all_code)
    used_aliases: set[str] = set()
    chains: set[str] = set()
    names_loaded: set[str] = set()
    names_bound: set[str] = set()
    for source in test_code:
        tree = _parse(source)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                parts = _chain(node)
                if parts and parts[0] in aliases:
                    for i in range(2, len(parts) + 1):
                        chains.add(".".join(parts[:i]))
            elif isinstance(node, ast.Name):
                (names_loaded if isinstance(node.ctx, ast.Load) else names_bound).add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names_bound.add(node.name)
    for name in names_loaded:
        if name in aliases:
            used_aliases.add(name)
    for chain in chains:
        used_aliases.add(chain.split(".")[0])
    builtins_used = sorted(n for n in names_loaded - names_bound if n in vars(builtins) and n not in aliases)
    used = {a: aliases[a] for a in sorted(used_aliases)}
    modules = list(ALWAYS_WATCHED)
    for module, attr in used.values():
        for mod in (module, f"{module}.{attr}" if attr else None):
            if mod and mod not in modules:
                modules.append(mod)
    # submodules the chains walk through (np.testing -> numpy.testing) are imported by the preamble too
    return WatchSpec(modules, used, sorted(chains), builtins_used)


def preimports(spec: WatchSpec) -> list[str]:
    """Modules the preamble imports before student code (those the tests use, plus NumPy if installed)."""
    mods = []
    for module, attr in spec.aliases.values():
        mods.append(module)
    return sorted(set(mods) | {"numpy", "numpy.testing", "math"})


def program(spec: WatchSpec, nonce: str, probe: bool, imports: list[str] = ()) -> str:
    """The in-kernel check: it always ends in AssertionError(nonce + JSON report of every fingerprint)."""
    name = "_ag_" + secrets.token_hex(6)
    pre = ""
    if imports:
        pre = (f"import importlib as _ag_il\nfor _ag_m in {list(imports)!r}:\n    try:\n"
               "        _ag_il.import_module(_ag_m)\n    except Exception:\n        pass\ndel _ag_il, _ag_m\n")
    code = _IN_KERNEL.replace("__NAME__", name).replace("__SPEC__", repr(json.dumps(spec.to_dict())))
    code = code.replace("__NONCE__", repr(nonce)).replace("__PROBE__", repr(bool(probe)))
    # One short cell line: IPython then spends far less time on the cell and on the failure's traceback.
    return "exec(%r)" % (pre + code)


def new_nonce() -> str:
    return "AG" + secrets.token_hex(16)


class CheckFailed(Exception):
    """The check's failure did not come back as expected: errors are hidden or the kernel is not honest."""


def read_report(result, nonce: str) -> dict:
    """The JSON report of a check run, or CheckFailed if the canary's failure did not come back intact."""
    if result.status == "timeout":
        raise CheckFailed("the integrity check did not finish in time")
    if result.status == "dead":
        raise CheckFailed("the kernel died during the integrity check")
    if result.status != "error" or result.ename != "AssertionError" or not (result.evalue or "").startswith(nonce):
        raise CheckFailed("a failing check did not report its failure (errors are being hidden or altered)")
    if not any(ename == "AssertionError" and evalue == result.evalue for ename, evalue in result.error_outputs):
        raise CheckFailed("a failing check's error was not displayed (error display is patched)")
    try:
        return json.loads(result.evalue[len(nonce):])
    except ValueError as err:
        raise CheckFailed(f"the integrity check's report is garbled ({err})") from None


def differences(reference: dict, current: dict) -> list[str]:
    """Fingerprint keys whose value changed since the preamble (new keys are fine)."""
    out = []
    for key, value in reference.items():
        if key not in current:
            if key.startswith(("module:", "sys.modules:")) or (
                    "." in key and not key.startswith(("sub:", "ipython.", "kernel.", "sys."))):
                out.append(key)            # removed from its module
        elif current[key] != value:
            out.append(key)
    return out


def explain(keys: list[str]) -> str:
    """'numpy.allclose, math.isclose replaced' style summary."""
    shown = []
    for key in keys[:6]:
        for prefix in ("module:", "chain:", "alias:", "shadow:", "sub:", "sys.modules:"):
            key = key.removeprefix(prefix)
        key = key.replace("ipython.class.", "IPython ").replace("ipython.instance.", "IPython shell.")
        shown.append(key)
    more = f" and {len(keys) - 6} more" if len(keys) > 6 else ""
    return ", ".join(shown) + more
