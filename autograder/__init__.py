"""Course tooling on top of nbgrader: release student notebooks and grade submissions."""

from autograder import _fastimport  # noqa: F401  (runs before any submodule imports nbformat)
