"""Every threshold on a trained model comes from the committed audit and keeps its margin (docs/authoring.md, §4).

The audit itself (`make threshold-audit`) trains hundreds of models and runs outside the suite; these checks tie the
notebooks to its committed results, so that a threshold changed by hand, or a test that judges a model without an
audit, fails here.
"""

import ast
import json
import re

import pytest

from coursetools import notebook
from coursetools.course import ROOT, chapters
from tools.threshold_audit.__main__ import audits
from tools.threshold_audit.instrument import instrument, thresholds

RESULTS = json.loads((ROOT / "results" / "threshold_audit.json").read_text())
# A figure of a trained model compared with a bare number in a test (its helpers cell included): it should be a named
# threshold.
JUDGED_FIGURE = re.compile(r"acc|loss|mae|mse|rmse|importance|gain", re.IGNORECASE)


def _test_cells():
    """(chapter, test grade_id, the code the test runs: its helpers cell, then the test cell) of every test."""
    for ch in chapters():
        for grade_id, source in notebook.test_sources(notebook.read(ch.source)).items():
            yield ch.id, grade_id, source


TEST_CELLS = list(_test_cells())
AUDITED = {(a.chapter, a.test_cell) for a in audits()}


@pytest.mark.parametrize(("chapter", "test", "source"), [c for c in TEST_CELLS if thresholds(c[2])],
                         ids=[f"{c[0]}-{c[1]}" for c in TEST_CELLS if thresholds(c[2])])
def test_every_threshold_is_audited_with_its_current_value(chapter, test, source):
    assert (chapter, test) in AUDITED, f"{chapter} {test} has thresholds but no audit in tools/threshold_audit/specs"
    instrument(source, test)                  # every constant is compared in an assert the audit can record
    rows = [r for r in RESULTS["rows"] if (r["chapter"], r["test"]) == (chapter, test)]
    for constant, value in thresholds(source).items():
        mine = [r for r in rows if r["constant"] == constant]
        assert mine, f"{chapter} {test}: {constant} is not in results/threshold_audit.json (run make threshold-audit)"
        for row in mine:
            assert row["threshold"] == value, (
                f"{chapter} {test}: {constant} = {value}, but the audit judged {row['threshold']}: "
                "re-judge with `python -m tools.threshold_audit --report`")
            assert row["ok"], (f"{chapter} {test} {constant} ({row['site']}): the worst reasonable answer is "
                               f"{row['right_distance']} from the threshold, the margin is {row['margin']}; right "
                               f"answers that failed: {row['right_failures']}")
    rejected = [r for r in RESULTS["wrong"] if (r["chapter"], r["test"]) == (chapter, test)]
    assert rejected and rejected[0]["ok"], (
        f"{chapter} {test}: a wrong answer that passes every other check misses no threshold by the margin: "
        f"{rejected[0] if rejected else 'no audit of the wrong answers'}")


def test_every_audit_names_a_test_with_thresholds():
    with_constants = {(ch, test) for ch, test, source in TEST_CELLS if thresholds(source)}
    assert AUDITED <= with_constants, f"audits of tests without threshold constants: {AUDITED - with_constants}"


def test_the_audit_covers_the_grid_the_authoring_guide_promises():
    assert RESULTS["seeds"] >= 10 and set(RESULTS["threads"]) >= {1, 2}, (RESULTS["seeds"], RESULTS["threads"])


def _bare_judgements(source: str) -> list[str]:
    """Asserts comparing a figure named like an accuracy or a loss with a number literal instead of a constant
    (`abs(got - expected) < tol` compares with a reference, not a threshold)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1:
            sides = [node.test.left, node.test.comparators[0]]
            literal = any(isinstance(s, ast.Constant) and isinstance(s.value, float) for s in sides)
            named = any(isinstance(n, ast.Name) and JUDGED_FIGURE.search(n.id) for s in sides for n in ast.walk(s))
            ordering = isinstance(node.test.ops[0], (ast.Gt, ast.GtE, ast.Lt, ast.LtE))
            tolerance = any(isinstance(s, ast.Call) and getattr(s.func, "id", "") == "abs" for s in sides)
            if literal and named and ordering and not tolerance:
                found.append(ast.unparse(node.test))
    return found


@pytest.mark.parametrize("ch", chapters(), ids=lambda c: c.id)
def test_no_trained_model_is_judged_against_a_bare_number(ch):
    bare = {test: _bare_judgements(source) for chapter, test, source in TEST_CELLS if chapter == ch.id}
    bare = {test: found for test, found in bare.items() if found}
    assert not bare, f"{ch.id}: compare with a named, audited threshold (docs/authoring.md, section 4): {bare}"
