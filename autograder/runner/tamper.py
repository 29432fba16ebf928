"""What the grader checks inside the student's kernel, and how it explains what it found.

Test cells always come from the instructor (see plan.py) and the kernel is sandboxed, but student code
shares the kernel with the tests. The design (autograder/runner/kernel_agent.py does the in-kernel work):

1. **Immunity first.** Test cells do not run through IPython's `run_cell`: the grader's agent compiles and
   runs them itself, after putting back the grader's known state (IPython hooks, watched library functions,
   the real modules behind `np`/`tf`/`keras` whatever the notebook bound those names to, builtins the
   notebook shadowed), and restores the notebook's own state afterwards. Lazy modules resolving
   themselves (`tf.keras`, `tf.losses`, ...) and aliases rebound to the same objects
   (`from tensorflow import keras`) are therefore not tampering and are not reported.
2. **Fingerprints.** Before any student code runs, the preamble records a fingerprint (object identity,
   code, defaults) of everything a test result depends on: builtins, `math`, `operator`, every loaded
   `numpy` module, the modules and attribute chains the tests use, and IPython's/the kernel's machinery.
   A fingerprint that differs before or after a test cell means the notebook changed it.
3. **Probe.** Classes created or changed since start-up whose instances compare equal to anything, or that
   hijack NumPy's dispatch, whatever module they claim to come from.
4. **Canary.** Every request carries a nonce only the grader knows; a reply without it is not trusted.

A test cell's points count only if nothing was found; from the first finding on the submission is
`tampered` and later tests are not counted (an instructor reviews it: see autograder/README.md).
"""
from __future__ import annotations

import ast
import builtins
import json
import secrets
from dataclasses import dataclass

from autograder import messages as M

# Modules whose whole namespace is fingerprinted when they are loaded (besides those the tests import).
ALWAYS_WATCHED = ["builtins", "math", "operator", "numpy", "numpy.testing", "numpy.testing._private.utils"]
# Packages whose every loaded module is watched (what the tests call reaches them indirectly).
PACKAGES = ["numpy"]
# Friendly names for what a changed fingerprint means.
IPYTHON_PARTS = {
    "ipython.": "IPython's cell execution / error display",
    "kernel.": "the kernel's execute handler",
    "sys.": "Python's hooks",
    "shadow:": "a builtin used by the tests was redefined in the notebook",
    "alias:": "a module alias used by the tests was rebound",
    "chain:": "a function or class the tests call was replaced",
}



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


def agent_spec(spec: WatchSpec, imports: list[str]) -> dict:
    """What the in-kernel agent needs: the watch spec, the packages watched whole, the modules to import."""
    return {**spec.to_dict(), "packages": list(PACKAGES), "imports": list(imports)}


def new_nonce() -> str:
    return "AG" + secrets.token_hex(16)


class CheckFailed(Exception):
    """The check's failure did not come back as expected: errors are hidden or the kernel is not honest."""


def read_report(result, nonce: str) -> dict:
    """The JSON report of the preamble, or CheckFailed if the canary's failure did not come back intact."""
    if result.status == "timeout":
        raise CheckFailed(M.CHECK_TIMED_OUT)
    if result.status == "dead":
        raise CheckFailed(M.CHECK_KERNEL_DIED)
    if result.status != "error" or result.ename != "AssertionError" or not (result.evalue or "").startswith(nonce):
        raise CheckFailed(M.CHECK_FAILURE_HIDDEN)
    try:
        return json.loads(result.evalue[len(nonce):])
    except ValueError as err:
        raise CheckFailed(M.CHECK_REPORT_GARBLED.format(error=err)) from None


def read_reply(result, nonce: str) -> dict:
    """The agent's reply to a test request, or CheckFailed when it cannot be trusted."""
    reply = result.reply
    if not isinstance(reply, dict) or reply.get("nonce") != nonce:
        raise CheckFailed(M.CHANNEL_REPLACED)
    if reply.get("status") == "agent-error":
        raise CheckFailed(M.CHECKS_NOT_RUN.format(error=str(reply.get("evalue", ""))[:200]))
    for key in ("fp_before", "fp_after", "probe", "notes"):
        if key not in reply:
            raise CheckFailed(M.CHANNEL_NO_REPORT)
    return reply


def _resolved(key: str, before, after) -> bool:
    """A module attribute that a library replaced by the module it stands for is not a change: a lazy loader that
    resolved itself (tf.keras), or an API module replaced by the module of that very name (TensorFlow swaps
    tf.summary and tf.compat when TensorBoard's summary API loads)."""
    if not (str(before).startswith("mod:") and str(after).startswith("mod:")):
        return False
    return before == "mod:lazy" or after == "mod:" + key


def differences(reference: dict, changes: dict) -> list[str]:
    """Fingerprint keys whose value changed since the preamble. `changes`: the agent's report (kernel_agent.delta),
    key -> its value now, or None where it is gone; keys not in the reference are ignored (new keys are fine)."""
    out = []
    for key, value in changes.items():
        if key not in reference:
            continue
        if value is None:
            if key.startswith(("module:", "sys.modules:")) or (
                    "." in key and not key.startswith(("sub:", "ipython.", "kernel.", "sys."))):
                out.append(key)            # removed from its module
        elif value != reference[key] and not _resolved(key, reference[key], value):
            out.append(key)
    return out


# Lazy modules that replace themselves on first use, and other keys no outcome depends on.
def _what(key: str) -> str:
    if key.startswith("ipython.events."):
        return f"an IPython event callback ({key.removeprefix('ipython.events.')})"
    if key.startswith(("ipython.input_transformers", "ipython.tm.")):
        return "an IPython input transformer (code that rewrites cells before they run)"
    if key == "ipython.ast_transformers":
        return "an IPython AST transformer (code that rewrites cells before they run)"
    if key == "ipython.custom_exceptions" or key.endswith((".CustomTB", ".set_custom_exc")):
        return "a custom exception handler (set_custom_exc)"
    if key.startswith("ipython.class."):
        return f"IPython's InteractiveShell.{key.removeprefix('ipython.class.')}"
    if key.startswith("ipython.instance."):
        return f"get_ipython().{key.removeprefix('ipython.instance.')}"
    if key.startswith("kernel."):
        return "the kernel's message handling (" + key.removeprefix("kernel.").replace("class.", "").replace(
            "instance.", "") + ")"
    if key.startswith("sys."):
        return {"sys.excepthook": "sys.excepthook", "sys.displayhook": "sys.displayhook",
                "sys.trace": "a tracing/profiling hook (sys.settrace/setprofile)"}.get(key, key)
    for prefix in ("module:", "chain:", "sys.modules:"):
        key = key.removeprefix(prefix)
    if key.startswith("builtins."):
        return f"the builtin {key.removeprefix('builtins.')}()"
    return key


def explain(keys: list[str]) -> str:
    """'numpy.allclose, the builtin abs()' style summary of changed fingerprints or notes."""
    shown = list(dict.fromkeys(_what(k) for k in keys))
    more = f" and {len(shown) - 6} more" if len(shown) > 6 else ""
    return ", ".join(shown[:6]) + more
