"""nbgrader configuration: the repository root is the course root.

`nbgrader generate_assignment ch01_tensors` reads `solutions/ch01_tensors/` and writes the
student version to `notebooks/ch01_tensors/`; autograding uses `submitted/`, `autograded/`
and `feedback/` beside them (all ignored by git).
"""

c = get_config()  # noqa: F821  (injected by traitlets)

c.CourseDirectory.course_id = "tf-keras-course"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"

# Only notebooks travel with a release (datasets come from the Keras / scikit-learn caches);
# collect keeps nbgrader's own timestamp and secret files, which release_feedback needs.
c.CourseDirectory.include = ["*.ipynb", "timestamp.txt", "submission_secret.txt"]

# What a student sees in place of a solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Grading is reproducible: generous per-cell timeout, one kernel per notebook.
c.ExecutePreprocessor.timeout = 300

# Late submissions: nbgrader's default policy, no penalty but lateness recorded, needs no line here. A penalty
# (docs/instructors.md, "Late submissions"), for nbgrader autograde and the batch grader alike:
# c.LateSubmissionPlugin.penalty_method = 'zero'            # a late submission scores 0
# c.AssignLatePenalties.plugin_class = 'late.SubMarks'      # late.py beside this file, e.g. 1 point per hour late

# `nbgrader validate` in a terminal cuts every line of the failing code and of its error at this width (nbgrader's
# default is 90), which cut a test's message, one line of up to a few hundred characters, before its advice. The batch
# grader keeps at most 1000 characters of a message; binder/postBuild sets the same for learners.
c.Validator.width = 1000
