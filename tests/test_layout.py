"""The grader's layout (autograder/README.md, "Modules"): no import cycle between its modules, short functions and
classes, and the course tooling (coursetools/) on top of the grader, never under it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRADER, TOOLING = "autograder", "coursetools"
MAX_FUNCTION_LINES = 80
MAX_CLASS_LINES = 200
# `python -m autograder bench` runs the benchmark, which is course tooling: the one way from the grader into it.
ALLOWED_TOOLING_IMPORTS = {("autograder.cli", "coursetools.bench")}
# Sent as source text into a sandbox or a learner's kernel and run there: standard library only.
SENT_AS_SOURCE = ("autograder.runner.kernel_agent", "autograder.runner.examiner.learner", "autograder.sandbox.zygote_main", "autograder.sandbox._launch")


def modules(package: str) -> dict[str, ast.Module]:
    """Dotted module name -> its parsed source, for every module of `package` (its __init__ files left out)."""
    out = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        if path.name != "__init__.py":
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            out[name] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return out


def imported(tree: ast.Module, known: set[str]) -> set[str]:
    """The modules of `known` (and the top-level names of anything else) that `tree` imports, anywhere in it."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = {f"{node.module}.{alias.name}" for alias in node.names}
            out.update(names & known or {node.module})
    return out


def graph(package: str) -> dict[str, set[str]]:
    trees = modules(package)
    return {name: imported(tree, set(trees)) for name, tree in trees.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module, or one that imports itself (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, set()) & set(edges)):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges[v]:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle_between_the_graders_modules():
    assert cycles(graph(GRADER)) == []


def test_the_cycle_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_between_the_tooling_modules():
    assert cycles(graph(TOOLING)) == []


def test_the_grader_never_imports_the_course_tooling():
    wrong = sorted((name, target) for name, targets in graph(GRADER).items() for target in targets
                   if target.split(".")[0] == TOOLING and (name, target) not in ALLOWED_TOOLING_IMPORTS)
    assert not wrong, f"the grader imports the course tooling: {wrong}"


def test_code_sent_as_source_imports_nothing_of_the_project():
    trees = modules(GRADER)
    wrong = {name: sorted(t for t in imported(trees[name], set(trees)) if t.split(".")[0] in (GRADER, TOOLING))
             for name in SENT_AS_SOURCE}
    assert not any(wrong.values()), wrong


def test_functions_are_short():
    long = [f"{name}:{node.lineno} {node.name}() is {node.end_lineno - node.lineno + 1} lines"
            for package in (GRADER, TOOLING) for name, tree in modules(package).items() for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"split these into functions of at most {MAX_FUNCTION_LINES} lines: {long}"


def test_classes_are_short():
    long = [f"{name}:{node.lineno} {node.name} is {node.end_lineno - node.lineno + 1} lines"
            for package in (GRADER, TOOLING) for name, tree in modules(package).items() for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES]
    assert not long, f"split these into classes of at most {MAX_CLASS_LINES} lines: {long}"
