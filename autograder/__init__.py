"""Course tooling on top of nbgrader: release student notebooks and grade submissions."""
