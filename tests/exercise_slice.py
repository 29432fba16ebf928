"""A chapter's exercise slice: its nbgrader cells plus only the teaching cells they need.

Wrong and alternative right answers, and the pristine release, test the chapter's test cells, not its teaching cells
(those run in full in the reference grading and under nbval). Grading them on the slice skips the teaching cells'
training runs. A teaching code cell stays when it may bind or change a name that a kept cell reads (found with `ast`
and `symtable`, cell by cell, back to the top); other teaching code cells go, markdown stays. Tests use private
copies, never a teaching cell's leftovers (docs/authoring.md, section 4), so a slice grades as the whole notebook
does. A cell the analysis missed shows up as an error in a kept teaching cell
(`coursetools.scratch.teaching_cells_that_raised`) or as points lost by a right answer, never as a silent pass.
"""

import ast
import symtable

from IPython.core.inputtransformer2 import TransformerManager

from coursetools.notebook import exercise_of


def _graded(cell) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("grade_id"))


def only(exercises: set[str]):
    """A `root` for `exercise_slice`: the nbgrader cells of these exercises ("ex3") and those of no exercise (the
    check-all cell). Another exercise's cells go, as teaching cells do, unless a kept cell needs them (an answer
    that a kept exercise calls stays; tests and helpers cells only bind names of their own, so they go)."""
    def root(cell) -> bool:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        return bool(grade_id) and exercise_of(grade_id) in {*exercises, None}
    return root


# Methods that change their object in place: a cell calling one on an earlier cell's object changes that name.
MUTATORS = {"fit", "partial_fit", "compile", "build", "add", "set_weights", "load_weights", "assign", "assign_add",
            "assign_sub", "append", "extend", "insert", "update", "setdefault", "pop", "remove", "clear", "sort",
            "shuffle"}


def _root(node) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _mutated(tree: ast.Module) -> set[str]:
    """Names a cell changes without rebinding them: `x[i] = ...`, `x.a = ...`, `x.fit(...)` outside functions."""
    out = set()
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for node in ast.walk(statement):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else [])
            out |= {_root(t) for t in targets if isinstance(t, (ast.Attribute, ast.Subscript))}
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
                out.add(_root(node.func.value))
    return out - {None}


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


class _Flow:
    """Walks a cell's statements in the order they run: which names are read before the cell binds them."""

    def __init__(self):
        self.reads: set[str] = set()
        self.bound: set[str] = set()

    def visit(self, *nodes) -> None:
        """Names in expressions (or assignment targets), left to right; nested scopes are symtable's business."""
        todo = list(reversed(nodes))
        while todo:
            node = todo.pop()
            if node is None or isinstance(node, _SCOPES):
                continue
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                if node.id not in self.bound:
                    self.reads.add(node.id)
            elif isinstance(node, ast.Name):
                self.bound.add(node.id)
            todo.extend(reversed(list(ast.iter_child_nodes(node))))

    def block(self, statements) -> None:
        for statement in statements:
            self.statement(statement)

    def statement(self, s) -> None:
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.bound.add(s.name)
        elif isinstance(s, (ast.Import, ast.ImportFrom)):
            self.bound |= {(alias.asname or alias.name).split(".")[0] for alias in s.names}
        elif isinstance(s, (ast.Assign, ast.AnnAssign)):
            self.visit(s.value, *getattr(s, "targets", [getattr(s, "target", None)]))
        elif isinstance(s, ast.AugAssign):
            self.visit(ast.Name(s.target.id, ast.Load()) if isinstance(s.target, ast.Name) else None, s.value, s.target)
        elif isinstance(s, (ast.For, ast.AsyncFor)):
            self.visit(s.iter, s.target)
            self.block(s.body + s.orelse)
        elif isinstance(s, (ast.If, ast.While)):
            self.visit(s.test)
            self.block(s.body + s.orelse)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            for item in s.items:
                self.visit(item.context_expr, item.optional_vars)
            self.block(s.body)
        elif isinstance(s, ast.Try):
            self.block(s.body)
            for handler in s.handlers:
                self.visit(handler.type)
                self.bound |= {handler.name} - {None}
                self.block(handler.body)
            self.block(s.orelse + s.finalbody)
        else:
            self.visit(s)


def names(source: str) -> tuple[set[str], set[str], set[str]] | None:
    """(names the cell binds, names it changes in place, global names it reads before binding them); None if it is
    not Python."""
    try:
        code = TransformerManager().transform_cell(source)
        tree = ast.parse(code)
        table = symtable.symtable(code, "<cell>", "exec")
    except SyntaxError:
        return None
    flow = _Flow()
    flow.block(tree.body)
    binds = flow.bound
    # names read where the walk does not look (a comprehension's first iterable, decorators, defaults)
    reads = flow.reads | ({s.get_name() for s in table.get_symbols() if s.is_referenced()} - binds)
    scopes = list(table.get_children())
    while scopes:                                  # function and class bodies read globals when they run
        scope = scopes.pop()
        reads |= {s.get_name() for s in scope.get_symbols() if s.is_global() and s.is_referenced()} - binds
        scopes.extend(scope.get_children())
    return binds, _mutated(tree), reads


def exercise_slice(nb, root=_graded):
    """A copy of `nb` without the teaching code cells that no graded cell needs, directly or through other cells.

    `root(cell)` says which cells are kept whatever they read (every nbgrader cell by default; the threshold audit
    keeps one answer and its test)."""
    cells = nb.cells
    needed: set[str] = set()
    keep = [False] * len(cells)
    for i in reversed(range(len(cells))):
        cell = cells[i]
        if cell.cell_type != "code":
            keep[i] = True
            continue
        found = names(cell.source)
        if found is None:                          # not Python: kept, and what it reads is unknown
            keep[i] = True
            continue
        binds, changes, reads = found
        keep[i] = root(cell) or bool((binds | changes) & needed)
        if keep[i]:
            needed = (needed - binds) | reads
    out = nb.copy()
    out.cells = [cell for cell, kept in zip(cells, keep) if kept]
    return out

