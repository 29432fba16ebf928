"""Grading a batch: the assignment, executors, lateness, and the single writer of nbgrader's gradebook."""
