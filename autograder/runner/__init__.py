"""Running a submission: the plan, the learner's kernel and the grader's agent in it, integrity checks, the worker."""
