"""Turn a test's threshold asserts into recorders, so that one run yields every judged figure.

A test is its helpers cell and its test cell together (coursetools.notebook.test_sources): the constants and the asserts
that compare with them may sit in either.

`assert accuracy >= _EX3_MIN_ACCURACY, msg` becomes `__audit_record__("_EX3_MIN_ACCURACY", accuracy)`: the figure is
recorded and the cell goes on, so the hidden calls after a failing visible one are measured too. Every other line of
the cell runs as written.
"""

import ast
import sys

from tools.threshold_audit.spec import THRESHOLD_NAME

RECORDER = "__audit_record__"
HIDDEN_MARK = "### BEGIN HIDDEN TESTS"


def thresholds(source: str) -> dict[str, float]:
    """The threshold constants a test cell assigns at its top level (inside a top-level `with` too)."""
    out = {}
    todo = list(ast.parse(source).body)
    while todo:
        node = todo.pop(0)
        if isinstance(node, ast.With):
            todo[:0] = node.body
        elif (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
              and THRESHOLD_NAME.match(node.targets[0].id)):
            out[node.targets[0].id] = float(ast.literal_eval(node.value))
    return out


class _Recorders(ast.NodeTransformer):
    def __init__(self, names: set[str]):
        self.names = names
        self.found: set[str] = set()

    def visit_Assert(self, node: ast.Assert):
        test = node.test
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
            return node
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(right, ast.Name) and right.id in self.names and isinstance(op, (ast.GtE, ast.Gt, ast.LtE, ast.Lt)):
            name, figure = right.id, left
        elif isinstance(left, ast.Name) and left.id in self.names and isinstance(op, (ast.GtE, ast.Gt, ast.LtE, ast.Lt)):
            name, figure = left.id, right
        else:
            return node
        self.found.add(name)
        call = ast.Call(ast.Name(RECORDER, ast.Load()), [ast.Constant(name), figure], [])
        return ast.copy_location(ast.Expr(call), node)


def instrument(source: str, filename: str):
    """The test cell compiled with its threshold asserts as recorders; raises if a constant is never asserted."""
    names = set(thresholds(source))
    tree = ast.parse(source)
    transformer = _Recorders(names)
    tree = ast.fix_missing_locations(transformer.visit(tree))
    unused = names - transformer.found
    if unused:
        raise ValueError(f"{filename}: threshold constants never compared in an assert: {sorted(unused)}")
    return compile(tree, filename, "exec")


def hidden_from(source: str) -> int:
    """The first line number of the hidden tests (1-based), or a number past the end."""
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip() == HIDDEN_MARK:
            return number
    return len(source.splitlines()) + 1


def call_site(filename: str) -> int:
    """The line of the test cell's top-level statement that is running now (the cell's outermost frame)."""
    frame, line = sys._getframe(1), 0
    while frame is not None:
        if frame.f_code.co_filename == filename:
            line = frame.f_lineno
        frame = frame.f_back
    return line
