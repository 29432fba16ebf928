"""Intake: one submission per student from an LMS export or nbgrader's layout, with ids, names and times."""
