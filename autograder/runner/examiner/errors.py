"""Exceptions of the learner's code, as the examiner raises them again.

An operation in the learner's kernel that raises comes back as data: the names of the exception's classes, its
text (cut) and the function that raised it. The examiner raises a `LearnerError` that is also an instance of the
first of those classes it knows itself (a builtin, or a library's such as `tf.errors.InvalidArgumentError`), so a
test's `except ValueError:` and `isinstance(error, NotImplementedError)` mean what they mean in a notebook.
`learner_site` says where it was raised: `{"qualname", "name", "notebook"}` ("notebook": in the notebook's own
code rather than a library's); the helpers' `_exN_answered` reads it (docs/authoring.md).
"""

from __future__ import annotations


class LearnerError(Exception):
    """Raised by the learner's code in the learner's kernel; `str()` is its text there."""

    learner_site: dict | None = None
    learner_text = ""
    learner_types: tuple[str, ...] = ()
    protocol_error = False

    def __str__(self) -> str:
        return self.learner_text

    @classmethod
    def protocol(cls, text: str) -> LearnerError:
        """The learner's kernel broke the examiner's protocol (its encoder was changed)."""
        error = cls(text)
        error.learner_text, error.protocol_error = text, True
        return error


class LearnerExit(BaseException):
    """The learner's code raised KeyboardInterrupt or SystemExit (the kernel was interrupted, or exited)."""


_CLASSES: dict[type, type] = {}


def _with(base: type) -> type:
    known = _CLASSES.get(base)
    if known is None:
        try:
            known = type(base.__name__, (LearnerError, base), {"__module__": base.__module__,
                                                               "__qualname__": base.__qualname__})
        except TypeError:            # a layout that cannot be combined: the plain LearnerError
            known = LearnerError
        _CLASSES[base] = known
    return known


def learner_error(record: dict, resolve, depth: int = 0) -> BaseException:
    """The exception to raise for an error record; `resolve("module:qualname")` finds the examiner's class."""
    types = tuple(str(t) for t in record.get("types", ()) if isinstance(t, str))[:64]
    text = record.get("text") if isinstance(record.get("text"), str) else ""
    names = {t.partition(":")[2] for t in types if t.startswith("builtins:")}
    if names & {"KeyboardInterrupt", "SystemExit"}:
        return LearnerExit(text)
    base = Exception
    for name in types:
        cls = resolve(name)
        if cls is not None and issubclass(cls, Exception) and cls is not Exception:
            base = cls
            break
    error_class = _with(base) if base is not Exception else LearnerError
    error = BaseException.__new__(error_class)
    BaseException.__init__(error, text)
    error.learner_text, error.learner_types = text, types
    site = record.get("site")
    if isinstance(site, dict):
        error.learner_site = {"qualname": str(site.get("qualname", ""))[:200], "name": str(site.get("name", ""))[:200],
                              "notebook": site.get("notebook") is True, "line": str(site.get("line", ""))[:300],
                              "helper": site.get("helper") is True}
    if hasattr(base, "_message"):
        error._message = text         # tf.errors.OpError's str() and .message read it
    context = record.get("context")
    if isinstance(context, dict) and depth < 4:
        cause = learner_error(context, resolve, depth + 1)
        error.__context__ = cause if isinstance(cause, Exception) else None
    return error

