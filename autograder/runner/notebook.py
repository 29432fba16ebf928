"""nbgrader's cell conventions as the grader reads them: hidden-test markers, exercise ids, a test's helpers cell."""

import re

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n?(.*?)### END HIDDEN TESTS", re.DOTALL)
EXERCISE = re.compile(r"^(ex\d+)_")
# A test cell's checks sit in a read-only cell right above it, grade_id "<test grade_id>_helpers" (locked, no points):
# the test cell itself stays a few lines long (docs/authoring.md, sections 2 and 3).
HELPERS_SUFFIX = "_helpers"


def is_helpers(meta: dict) -> bool:
    """The nbgrader metadata of a test's helpers cell: locked, neither graded nor an answer, named after its test."""
    return (bool(meta.get("locked")) and not meta.get("grade") and not meta.get("solution")
            and str(meta.get("grade_id", "")).endswith(HELPERS_SUFFIX))


def with_helpers(helpers: str, test: str) -> str:
    """The code a test runs: its helpers cell, then the test cell, as one piece (blank lines keep them apart)."""
    return f"{helpers.rstrip()}\n\n\n{test}" if helpers.strip() else test


def exercise_of(grade_id: str) -> str | None:
    """'ex3' for 'ex3_update_in_place_test'; None for cells outside the exN_ convention."""
    match = EXERCISE.match(grade_id)
    return match.group(1) if match else None
