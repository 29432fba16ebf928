"""Imported by the package `__init__`, so before any submodule imports nbformat: it skips a 2-4 s import that grading never uses.

jsonschema (pulled in by nbformat) imports `rfc3987_syntax`, which compiles a large grammar at import time,
only to validate the "iri" string format. Notebook schemas never use that format, so autograder processes
mark the module as unavailable; jsonschema handles that (it suppresses the ImportError).
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
