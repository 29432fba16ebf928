"""Never let pytest (nbval, with --nbval-lax in addopts) execute the corpus notebooks: they are attacks.

They are graded only inside the autograder's sandbox, by tests/test_autograder_tamper.py.
"""

collect_ignore_glob = ["*.ipynb", "*.py"]
