"""Split each graded test cell of the instructor sources into a read-only helpers cell and a short test cell.

    .venv/bin/python -m tools.split_test_cells [CHAPTER ...]      (no names: every chapter)

nbgrader's Validate dialog shows the whole source of every failing test cell above its error, so a test cell that
defines its checks buries the one line that matters (docs/authoring.md, section 2). This script moves the checks into
a read-only cell right above the test cell (locked, no points, grade_id "<test grade_id>_helpers"):

- the helpers cell gets the test's imports, functions and classes, and the constants assigned before the first check
  runs (names in capitals such as the thresholds, and literals, that read no answer), in their order;
- the test cell keeps what runs the checks, inside `with _exN_answered():` (defined at the end of the helpers cell),
  which turns an untouched answer's NotImplementedError into "Exercise N is not answered yet" (docs/authoring.md,
  section 4), and its hidden tests.

Nothing runs in another order than before: what moves either binds a name only or ran first anyway. A test cell that
has its helpers cell already keeps it; only its `_exN_answered` is written afresh from ANSWERED below, so the script
can run again and a change to ANSWERED reaches every chapter. The helpers' imports are put in ruff's order. Checked
outputs (`# NBVAL_CHECK_OUTPUT`) keep the execution count tools/refresh_outputs.py gives them, their position among
the code cells. Read every split before committing it: a test cell that is still long needs its top-level steps
turned into helper functions by hand, first.
"""

import ast
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coursetools import notebook
from coursetools.course import chapters
from tools.refresh_outputs import checked

HIDDEN_MARK, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CONSTANT = re.compile(r"^_?(?:EX\d+_)?[A-Z][A-Z0-9_]*$")
DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)

ANSWERED = '''class _ex{n}_answered:
    # `with _ex{n}_answered():` holds the test's checks. An answer left as given raises NotImplementedError; so does the
    # test, with words of its own, while the answer's names still hold their placeholders; a check may catch it and
    # raise advice (an AssertionError) instead. Either way the test says "not answered yet". Anything else is the
    # answer's own error and stays as it is, and so does a NotImplementedError raised inside a library.

    def not_answered(self, error):
        stub, cause = None, error
        while isinstance(cause, (AssertionError, NotImplementedError)):  # from the advice down to what was raised
            if isinstance(cause, NotImplementedError):
                stub = cause  # the first raised (Keras raises a layer's error again with more text)
            cause = cause.__context__
        site = getattr(stub, "learner_site", None)
        if site is None and stub is not None:
            last = stub.__traceback__
            while last is not None and last.tb_next is not None:
                last = last.tb_next
            code = last.tb_frame.f_code if last is not None else None
            site = code and {{"qualname": getattr(code, "co_qualname", code.co_name), "name": code.co_name,
                             "notebook": last.tb_frame.f_globals is globals()}}
        if not site or not site["notebook"]:
            return None
        name = site["qualname"]
        # the functions and classes of the other exercises' answers: one left as given is not this exercise's fault
        others = {others}
        other = others.get(name.split(".")[0])
        if other and not str(stub):
            return f"Exercise {n} calls `{{name}}` of Exercise {{other}}, which is not answered yet"
        why = str(stub) or ((f"`{{name}}` still raises NotImplementedError: " if site["name"] != "<module>" else "")
                            + "replace `raise NotImplementedError()` in the answer cell with your code")
        return "Exercise {n} is not answered yet: " + why

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        why = self.not_answered(error) if isinstance(error, Exception) else None
        if why:
            raise AssertionError(why) from None
'''


def _bound_names(tree: ast.Module) -> set[str]:
    """Names a cell binds at its top level (functions, classes, assignment targets, imports)."""
    out = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out |= {(a.asname or a.name).split(".")[0] for a in node.names}
        else:
            for child in ast.walk(node):
                if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                    out.add(child.id)
    return out


def answer_definitions(nb) -> dict[str, int]:
    """Each function and class an answer (solution) cell defines -> the number of its exercise."""
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and notebook.exercise_of(meta.get("grade_id", "")):
            try:
                body = ast.parse(cell.source).body
            except SyntaxError:
                continue
            number = int(notebook.exercise_of(meta["grade_id"])[2:])
            out |= {node.name: number for node in body if isinstance(node, DEFINITIONS[2:])}
    return out


def answer_names(nb) -> set[str]:
    """Every name an answer (solution) cell of the notebook binds: a helpers cell must not read them."""
    out = set()
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            try:
                out |= _bound_names(ast.parse(cell.source))
            except SyntaxError:
                pass
    return out


def _chunks(lines: list[str], body: list[ast.stmt], floor: int) -> list[tuple[ast.stmt, str]]:
    """Each statement with its text (dedented), the comment lines right above it (after line `floor`) included."""
    out, previous_end = [], floor
    for node in body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        start = first - 1
        while start > previous_end and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        out.append((node, textwrap.dedent("\n".join(lines[start:node.end_lineno]))))
        previous_end = node.end_lineno
    return out


def _is_constant(node: ast.stmt, local_functions: set[str], answers: set[str]) -> bool:
    """An assignment of a constant: a name in capitals (a threshold, hints) or a literal (a list of class names), that
    reads no answer and calls no function of the cell. Data stays in the test cell, made afresh at every run: an
    answer may change an array it is given, and a learner reruns the test cell without the helpers cell."""
    if not isinstance(node, (ast.Assign, ast.AnnAssign)):
        return False
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if not all(isinstance(t, ast.Name) for t in targets):
        return False
    try:
        ast.literal_eval(node.value)
        literal = True
    except (ValueError, TypeError):
        literal = False
    read = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
    capitals = all(CONSTANT.match(t.id) for t in targets)
    return (literal or capitals) and not read & (answers | local_functions)


def _is_silencer(node: ast.stmt) -> bool:
    """`warnings.simplefilter("ignore")`, the line that goes with a `with warnings.catch_warnings():`."""
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "simplefilter")


def _silenced_block(tree: ast.Module, hidden_line: int) -> ast.With | None:
    """The top-level `with warnings.catch_warnings():` that holds the hidden tests, if the cell is written that way."""
    return next((n for n in tree.body if _is_quiet_block(n) and n.lineno < hidden_line <= n.end_lineno), None)


def _is_quiet_block(node: ast.stmt) -> bool:
    return isinstance(node, ast.With) and any("catch_warnings" in ast.unparse(i.context_expr) for i in node.items)


def _hoisted(lines: list[str], node: ast.With) -> tuple[list[tuple[ast.stmt, str]], str]:
    """The functions and classes a `with warnings.catch_warnings():` block defines (defining warns of nothing), and
    the block's text without them."""
    inner = _chunks(lines, node.body, node.lineno)
    definitions = [(n, chunk) for n, chunk in inner if isinstance(n, DEFINITIONS)]
    rest = [_indented(chunk) for n, chunk in inner if not isinstance(n, DEFINITIONS)]
    return definitions, "\n".join([lines[node.lineno - 1].strip(), *rest])


def _join(chunks: list[tuple[ast.stmt, str]]) -> str:
    """Statements separated as ruff format would: two blank lines around functions and classes."""
    text = ""
    for i, (node, chunk) in enumerate(chunks):
        if i:
            previous = chunks[i - 1][0]
            wide = isinstance(node, DEFINITIONS[2:]) or isinstance(previous, DEFINITIONS[2:])
            same = isinstance(node, DEFINITIONS[:2]) == isinstance(previous, DEFINITIONS[:2])
            text += "\n\n\n" if wide else "\n" if same else "\n\n"
        text += chunk
    return text


def _indented(text: str) -> str:
    return "\n".join("    " + line if line.strip() else "" for line in text.splitlines())


def _dict_literal(entries: dict[str, int], indent: int) -> str:
    """`{"name": 1, ...}` in lines of at most 120 characters, continued under the first key (`indent`: the column of
    the opening brace)."""
    lines, line = [], "{"
    for i, (name, number) in enumerate(entries.items()):
        item = f'"{name}": {number}' + (", " if i < len(entries) - 1 else "")
        if line.strip() not in ("{", "") and (0 if lines else indent) + len(line) + len(item.rstrip()) > 120:
            lines.append(line.rstrip())
            line = " " * (indent + 1)
        line += item
    return "\n".join([*lines, line + "}"])


def split(source: str, number: int, answers: set[str], answer_defs: dict[str, int] | None = None) -> tuple[str, str]:
    """(helpers source, test source) for one test cell's source (exercise `number`); `answer_defs`: the functions and
    classes of the notebook's answers, with their exercises (answer_definitions)."""
    lines = source.splitlines()
    begin = next(i for i, line in enumerate(lines, 1) if line.strip() == HIDDEN_MARK)
    end = next(i for i, line in enumerate(lines, 1) if line.strip() == HIDDEN_END)
    tree = ast.parse(source)
    silenced = _silenced_block(tree, begin)
    if silenced is None:
        statements, opener = tree.body, f"with _ex{number}_answered():"
    else:
        statements = tree.body[:tree.body.index(silenced)] + silenced.body + tree.body[tree.body.index(silenced) + 1:]
        with_line = lines[silenced.lineno - 1].strip()
        opener = f"with _ex{number}_answered(), {with_line.removeprefix('with ')}"
    visible = [n for n in statements if n.end_lineno < begin]
    after = [n for n in statements if n.lineno > end]
    chunks = _chunks(lines, visible, 0)
    local_functions = {n.name for n in visible if isinstance(n, DEFINITIONS[2:])}
    helpers, checks, leading = [], [], True
    for node, chunk in chunks:
        if isinstance(node, DEFINITIONS) or (leading and _is_constant(node, local_functions, answers)):
            helpers.append((node, chunk))
        elif silenced is not None and _is_silencer(node):
            checks.insert(0, chunk)
        elif _is_quiet_block(node) and any(isinstance(n, DEFINITIONS) for n in node.body):
            definitions, block = _hoisted(lines, node)
            helpers += definitions
            leading = False
            checks.append(block)
        else:
            leading = False
            checks.append(chunk)
    definition = answered(number, answer_defs or {})
    helpers.append((ast.parse(definition).body[0], definition))
    hidden = textwrap.dedent("\n".join(lines[begin:end - 1]))
    tail = [chunk for _, chunk in _chunks(lines, after, end)]
    test = "\n".join([f"# Tests of Exercise {number}: the checks are defined in the read-only cell above.", opener,
                      *map(_indented, checks), "    " + HIDDEN_MARK, _indented(hidden), "    " + HIDDEN_END,
                      *map(_indented, tail)])
    header = f"# Test helpers for Exercise {number} (read-only): the checks the test cell below runs.\n"
    return header + _join(helpers), test


def helpers_cell(test_cell, source: str):
    meta = test_cell.metadata["nbgrader"]
    cell = nbformat.v4.new_code_cell(source, id=f"{test_cell.get('id') or meta['grade_id']}-helpers")
    cell.metadata["nbgrader"] = {"grade": False, "solution": False, "locked": True,
                                 "grade_id": meta["grade_id"] + notebook.HELPERS_SUFFIX,
                                 "schema_version": meta.get("schema_version", 3)}
    return cell


def answered(number: int, answer_defs: dict[str, int]) -> str:
    """The source of `_exN_answered` for exercise `number` (`answer_defs`: answer_definitions of the notebook)."""
    others = {name: n for name, n in sorted(answer_defs.items()) if n != number}
    return ANSWERED.format(n=number, others=_dict_literal(others, indent=len("        others = "))).strip()


def refresh(helpers: str, number: int, answer_defs: dict[str, int]) -> str:
    """A helpers cell's source with its `_exN_answered` (always the cell's last definition) as this script writes it
    now."""
    start = helpers.index(f"class _ex{number}_answered:")
    return helpers[:start] + answered(number, answer_defs)


def split_notebook(nb, only: set[str] | None = None) -> int:
    """Split every test cell of `nb` (or those whose grade_id is in `only`) that has no helpers cell yet, and write
    `_exN_answered` afresh in those that have one; the number of cells split or changed."""
    answers, definitions, done, cells = answer_names(nb), answer_definitions(nb), 0, []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id", "")
        above = cells[-1] if cells else None
        has_helpers = above is not None and above.metadata.get("nbgrader", {}).get("grade_id") == \
            gid + notebook.HELPERS_SUFFIX
        if cell.cell_type == "code" and meta.get("grade") and (only is None or gid in only):
            number = int(notebook.exercise_of(gid)[2:])
            if not has_helpers:
                helpers, cell.source = split(cell.source, number, answers, definitions)
                cells.append(helpers_cell(cell, helpers))
                done += 1
            elif (fresh := refresh(above.source, number, definitions)) != above.source:
                above.source = fresh
                done += 1
        cells.append(cell)
    nb.cells = cells
    for number, cell in enumerate((c for c in nb.cells if c.cell_type == "code"), start=1):
        if checked(cell) and cell.execution_count:
            cell.execution_count = number
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = number
    return done


def main(names: list[str]) -> None:
    for ch in chapters():
        if names and ch.id not in names:
            continue
        nb = nbformat.read(ch.source, as_version=4)
        done = split_notebook(nb)
        if done:
            nbformat.write(nb, ch.source)
            # the helpers cell's imports in ruff's order (the standard library's first, a blank line, then the rest)
            subprocess.run([str(Path(sys.executable).parent / "ruff"), "check", "--quiet", "--fix", "--select", "I001",
                            str(ch.source)], cwd=ROOT, check=False)
        print(f"{ch.id}: {done} test cell(s) split or their _exN_answered written afresh")


if __name__ == "__main__":
    main(sys.argv[1:])
