"""Change the code of an instructor cell in the English source and its Korean translation in one step.

    .venv/bin/python -m tools.edit_code_cell CHAPTER GRADE_ID EDITS.json
    .venv/bin/python -m tools.edit_code_cell CHAPTER --class-not-type     every test and helpers cell: `x.__class__`
                                                                          for `type(x)` (docs/authoring.md, section 4)

EDITS.json: a list of [old, new] pairs of code (no comments, no sentences: what both editions share). Each `old`
must occur in the English cell and in its Korean translation exactly once; both get `new`. The catalogue entry then
still matches the English cell, so it is not marked fuzzy, and the Korean cell stays the English one up to comments
and sentences (tests/test_translation.py). A change to prose goes through `coursetools.translate` as usual.
"""

import json
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coursetools.course import chapters
from coursetools.translate import catalogue_path, read_catalogue, update, write_catalogue


def _replace(text: str, old: str, new: str, where: str) -> str:
    if text.count(old) != 1:
        raise SystemExit(f"{where}: the code to change occurs {text.count(old)} times, not once:\n{old}")
    return text.replace(old, new)


def edit(chapter_id: str, grade_id: str, edits: list[tuple[str, str]]) -> None:
    def change(text: str, where: str) -> str:
        for old, new in edits:
            text = _replace(text, old, new, where)
        return text
    transform(chapter_id, [grade_id], change)


TYPE_CALL = re.compile(r"\btype\(([A-Za-z_][\w.]*(?:\[[^\[\]()]*\])?)\)")


def class_not_type(chapter_id: str) -> None:
    """`type(x)` -> `x.__class__` in every test and helpers cell: an examiner's handle reports the learner's class
    through `__class__` (autograder/runner/examiner/handles.py), and for any other value the two are the same."""
    nb = nbformat.read(next(c for c in chapters() if c.id == chapter_id).source, as_version=4)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if c.cell_type == "code"
           and c.metadata.get("nbgrader", {}).get("grade_id", "").endswith(("_test", "_test_helpers"))]
    transform(chapter_id, ids, lambda text, where: TYPE_CALL.sub(r"\1.__class__", text))


def transform(chapter_id: str, grade_ids: list[str], change) -> None:
    """Apply `change(text, where)` to these cells' code, in the English source and in both sides of their entries."""
    ch = next(c for c in chapters() if c.id == chapter_id)
    nb = nbformat.read(ch.source, as_version=4)
    path = catalogue_path(chapter_id)
    catalogue = read_catalogue(path)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") not in grade_ids:
            continue
        english = cell.source
        cell.source = change(cell.source, f"{chapter_id} {cell.id}")
        message = next((m for m in catalogue if m.context == cell.id and m.id == english), None)
        if message is None or cell.source == english:
            continue
        message.id = change(message.id, f"{path.name} {cell.id} (English)")
        if message.string:
            message.string = change(message.string, f"{path.name} {cell.id} (Korean)")
        catalogue.delete(english, context=cell.id)
        catalogue[message.id] = message
    nbformat.write(nb, ch.source)
    write_catalogue(catalogue, path)
    update([ch])        # the catalogue back in the notebook's order


if __name__ == "__main__":
    if sys.argv[2] == "--class-not-type":
        class_not_type(sys.argv[1])
    else:
        edit(sys.argv[1], sys.argv[2], json.loads(Path(sys.argv[3]).read_text(encoding="utf-8")))
