"""`python -m autograder grade CHAPTER SUBMISSIONS ...` — see autograder/README.md."""

import sys

from autograder.cli import main

sys.exit(main())
