"""The threshold audit: every test that judges a trained model, run against a grid of reasonable and wrong answers.

A test cell that judges a trained model compares a figure with a named constant (docs/authoring.md, section 4):

    _EX3_MIN_ACCURACY = 0.40          # set from the audit (results/threshold_audit.json), never from one run
    ...
    assert accuracy >= _EX3_MIN_ACCURACY, "..."

The audit runs the chapter's real test cell (visible and hidden parts) after each answer of a grid (specs/), over
several seeds and thread counts, with every such assert turned into a recorder, and reports per assert and call site
the minimum, median and maximum of the figure for the reasonable answers and for the wrong ones, against the
threshold and the margin it must keep.

    python -m tools.threshold_audit                      # every audited test, writes results/threshold_audit.json
    python -m tools.threshold_audit ch06_fashion_mnist   # one chapter (or a test's grade_id), printed only
"""
