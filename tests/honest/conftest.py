"""Never let pytest (nbval, with --nbval-lax in addopts) execute the corpus notebooks: they are graded, not run as tests.

They are graded by tests/test_autograder_honest.py (batch grader and plain nbgrader).
"""

collect_ignore_glob = ["*.ipynb", "*.py"]
