"""Put the shared "check all my answers" cell (docs/check_all_cell.py) into every chapter's instructor source.

    .venv/bin/python -m tools.sync_check_all        then  .venv/bin/python -m coursetools.release

The cell goes right after the chapter's last graded test cell (or its helpers), under a short markdown cell, as a
read-only nbgrader cell (grade_id "check_all", no points), and is brought up to date where it exists. Run it
again after editing docs/check_all_cell.py; tests/test_hygiene.py fails while a chapter's copy differs.
"""

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coursetools.course import chapters

SHARED = ROOT / "docs" / "check_all_cell.py"
GRADE_ID = "check_all"
HEADING = (
    "### Check all my answers\n"
    "\n"
    "Run the cell below to run every visible test of this chapter on your current answers and see them in one "
    "table: each exercise, whether its visible tests pass (or the first message of the one that fails) and its "
    "points. It does not stop at a failing test, so it is the quickest way to see where you stand, in Colab too. "
    "Run your answer cells first. The grader also runs hidden tests, so a passing line here is a good sign, not a "
    "promise."
)


def check_all_source() -> str:
    return SHARED.read_text().strip()


def _is_test(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade") and not meta.get("solution"))


def sync(nb) -> bool:
    """Insert or update the cell pair in `nb`; True if it changed."""
    source = check_all_source()
    existing = [i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == GRADE_ID]
    if existing:
        cell = nb.cells[existing[0]]
        changed = cell.source != source
        cell.source = source
        return changed
    last_test = max(i for i, c in enumerate(nb.cells) if _is_test(c))
    heading = nbformat.v4.new_markdown_cell(HEADING, id="check-all-md")
    code = nbformat.v4.new_code_cell(source, id="check-all")
    code.metadata["nbgrader"] = {"grade": False, "grade_id": GRADE_ID, "locked": True, "schema_version": 3,
                                 "solution": False}
    nb.cells[last_test + 1:last_test + 1] = [heading, code]
    return True


def main() -> None:
    for ch in chapters():
        nb = nbformat.read(ch.source, as_version=4)
        if sync(nb):
            nbformat.write(nb, ch.source)
            print(f"{ch.id}: check-all cell written")


if __name__ == "__main__":
    main()
