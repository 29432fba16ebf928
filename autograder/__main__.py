"""`python -m autograder grade CHAPTER SUBMISSIONS ...` — see autograder/README.md."""

import sys

from autograder import _fastimport  # noqa: F401  (before nbformat)
from autograder.cli import main

sys.exit(main())
