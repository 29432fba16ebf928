"""Course tooling on top of the grader: the chapter list, releases, the Korean edition, full runs, the benchmark,
and scratch nbgrader courses for the suite. It may import the grader (`autograder`); the grader never imports it."""
