"""The grader's own words to a learner, in the language of the notebook's edition (gettext catalogues, Babel).

Every note the grader writes into a submission's result (a limit hit, a timeout, a crash, a cell held for review and
why: what the notebook changed, or the check or examiner protocol its kernel broke; a test message the grader
composed) is one of the templates below, filled with `.format(...)`. The result keeps the English text: the class
report, the CSV and the gradebook read the same words in every edition. A feedback page of a Korean notebook
(`metadata.course.edition == "ko"`, set by coursetools/translate.py) shows it in Korean: `localize` reads the English
text back through the templates and writes each note with its Korean template from
`autograder/locale/ko/LC_MESSAGES/autograder.po`, the values it held translated the same way. Text that matches no
template (a test's own assertion message, already Korean in a Korean notebook; an error's own text) is shown as it is.

To add a note: add a template here (wrapped in `N_`), use it, and translate it in every catalogue; the
translation test fails while a template has no translation with the same placeholders.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

LOCALE = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("ko",)


def N_(template: str) -> str:
    """Marks a template for the catalogues (`pybabel extract -k N_`); the template itself is the English."""
    return template


# where something happened
WHERE_TEST = N_("test {grade_id}")
WHERE_ANSWER = N_("the answer cell {grade_id}")
WHERE_CELL = N_("cell {number}")
WHERE_TEST_CELL = N_("test cell {grade_id}")
WHERE_HELPERS_CELL = N_("the test helpers cell {grade_id}")
WHERE_ADDED = N_("a cell you added")

# reading and assembling the submission
NB3_CONVERTED = N_("the notebook was converted from the old nbformat 3")
NB3_UNMATCHED = N_("the notebook is in the old nbformat 3 without nbgrader's cell metadata, so its answer cells could "
                   "not be matched to the exercises (open and save it in a current Jupyter, or copy the answers into "
                   "the released notebook); every test ran after its cells")
MALFORMED = N_("{count} malformed cells were skipped")
TURNED_INTO = N_("{what} was turned into a {cell_type} cell; the instructor's code cell was graded")
EDITED = N_("{what} was edited; the instructor's version was graded")
METADATA_CHANGED = N_("the nbgrader metadata of {grade_id} was changed; it was ignored")
COPY_IGNORED = N_("a copy of test cell {grade_id} without its metadata was ignored")
LABELLED_GRADED = N_("a cell labelled as graded cell {grade_id} (not in the assignment) ran as ordinary code")
ANSWER_REPEATED = N_("answer cell {grade_id} appears {count} times; every copy ran, in order")
TEST_REPEATED = N_("test cell {grade_id} appears {count} times; it was graded once")
TEST_DELETED = N_("test cell {grade_id} was deleted; the instructor's version was graded")
ANSWER_MISSING = N_("answer cell {grade_id} is missing (deleted or its metadata removed)")
SEVERAL_NOTEBOOKS = N_("{count} notebooks from this student; graded {name}")
RENAMED_NOTEBOOK = N_("the notebook is named {name}, not {canonical}; it was graded")
BIG_FILES = N_("other submitted files over 100 MiB were not copied into the sandbox")

# running it
GRADER_ERROR = N_("grader error ({error}); please report it")
KERNEL_NOT_STARTED = N_("the kernel could not be started: {error}")
PREAMBLE_FAILED = N_("grader error: the kernel's integrity preamble failed ({error})")
NOTEBOOK_TIMEOUT = N_("the notebook ran longer than the {limit} s limit; {where} and everything after it did not run")
OUTPUT_CUT = N_("output of {where} was cut at the output limit ({per_cell} per cell, {per_notebook} per notebook)")
REPLY_DROPPED = N_("the kernel's reply to {where} was larger than {size} and was dropped unread")
OUT_OF_MEMORY = N_("{where} ran out of memory (limit {limit})")
FILE_TOO_LARGE = N_("{where} tried to write a file larger than {limit}")
PROCESS_LIMIT = N_("{where} hit the process limit ({limit} processes/threads)")
FILLED_DISK = N_("{where} filled a file system of the sandbox ({sizes})")
CGROUP_MEMORY = N_("{where} ran out of memory: the submission's processes together reached its {limit} limit and one "
                   "was stopped")
CPU_THROTTLED = N_("{where} kept more processors busy than the submission's share ({cores} cores) most of the time "
                   "it ran, and was slowed down to that share")
TIMEOUT_KILLED = N_("{where} ran longer than {limit} and the kernel did not respond to an interrupt; later cells did "
                    "not run")
TIMEOUT_INTERRUPTED = N_("{where} ran longer than {limit} and was interrupted")
KERNEL_DIED = N_("the kernel died during {where} ({description}); later cells did not run")
KERNEL_DIED_MEMORY = N_("the kernel died during {where} ({description} (memory limit {limit}, or a crash in native "
                        "code)); later cells did not run")
TIMED_OUT_AFTER_CHANGE = N_("{where} timed out after the notebook changed {why} (see the test's message)")
EXIT_CALLED = N_("the notebook asked the kernel to exit (exit()/quit())")
DIED_IN_TEST = N_("{died} (test {grade_id}); that test was not counted and later cells did not run")
# {reason}: what the notebook changed (NOTEBOOK_CHANGED), or the check or protocol its kernel broke (below)
HELD = N_("held for review after test {grade_id}: {reason}{changed_where}. The tests may not have measured your own "
          "work, so this test and the later ones were not counted yet; your instructor will review the notebook and "
          "can restore the points")
NOTEBOOK_CHANGED = N_("the notebook changed {why}")
CHANGED_WHILE_TEST = N_(" while the test ran (in code of yours that the test called)")
CHANGED_IN = N_(" (in {cells}, run before test {grade_id}, or in code the test called)")

# why a test was not counted: the integrity check or the examiner's protocol broken (the kernel is not honest)
CHECK_TIMED_OUT = N_("the integrity check did not finish in time")
CHECK_KERNEL_DIED = N_("the kernel died during the integrity check")
CHECK_FAILURE_HIDDEN = N_("a failing check did not report its failure (errors are being hidden or altered)")
CHECK_REPORT_GARBLED = N_("the integrity check's report is garbled ({error})")
CHANNEL_REPLACED = N_("the grader's channel inside the kernel did not answer as expected (it was replaced or "
                      "intercepted)")
CHECKS_NOT_RUN = N_("the grader's checks could not run in the kernel ({error})")
CHANNEL_NO_REPORT = N_("the grader's channel inside the kernel answered without its report")
AGENT_NO_ANSWER = N_("the grader's agent did not answer ({status}: {reply})")
PROTOCOL_NO_ANSWER = N_("the grader's agent in the learner's kernel did not answer as it should")
PROTOCOL_EMPTY = N_("the learner's kernel answered an operation with no value and no error")
PROTOCOL_NOT_DATA = N_("the learner's kernel sent something that is not plain data ({error})")
PROTOCOL_WRONG_TYPE = N_("{what} of a learner object gave {got}, not {expected}")

# why later tests did not run
STOPPED_OUT_OF_TIME = N_("the notebook ran out of time")
STOPPED_AFTER_TIMEOUT = N_("the kernel was stopped after a timeout")
STOPPED_DIED = N_("the kernel died")
STOPPED_KERNEL = N_("the kernel stopped")
STOPPED_HELD = N_("the notebook is held for review")

# a test's message, when the grader wrote it
TEST_TIMEOUT = N_("timeout: the test ran longer than {seconds} s")
TEST_TIMEOUT_WHY = N_("timeout: the test ran longer than {seconds} s ({why})")
TEST_KERNEL_DIED = N_("the kernel died while the test ran")
TEST_NOT_COUNTED = N_("not counted: {why}")
TEST_HELD = N_("not counted yet, held for review: {reason}{changed_where}")
TEST_NOT_RUN = N_("not run: {why}")
NOT_RUN = N_("not run")
NOT_REACHED = N_("the test cell was not reached")
GRADING_STOPPED = N_("grading stopped")
TEST_FAILED_WITH = N_("the test failed: {why}")
ASSERTION_WITHHELD = N_("AssertionError: the test failed (its message was withheld because it carried text that did "
                        "not come from the test itself)")
ASSERTION_BARE = N_("AssertionError: the test failed")
RAISED_IN_YOUR_LINE = N_("{ename} raised in your code: `{line}`")
RAISED_IN_YOUR_CODE = N_("{ename} raised in your code")
RAISED_INSIDE_TEST = N_("{ename} raised inside the test: {hint}")
HINT_NAME = N_("a name it uses is not defined: check that your answer cell runs without an error and keeps the names "
               "the exercise gives")
HINT_TYPE = N_("check what your code returns: the type the exercise asks for (a tensor, an array, a float, a "
               "model...), and a function with no `return` gives None")
HINT_KEYS = N_("check what your code returns: the keys or names the exercise asks for")
HINT_LENGTH = N_("check what your code returns: the length and shape the exercise asks for")
HINT_OTHER = N_("check what your code returns: the type, shape and dtype the exercise asks for")

# the feedback page
PAGE_TITLE = N_("Feedback — {assignment}")
PAGE_STUDENT = N_("Student:")
PAGE_SCORE = N_("Score:")
PAGE_TESTS = N_("Tests")
PAGE_TEST = N_("test")
PAGE_POINTS = N_("points")
PAGE_RESULT = N_("result")
PAGE_EXERCISES = N_("Exercises")
PAGE_EXERCISE = N_("exercise")
PAGE_NOTEBOOK = N_("Your notebook, as graded")
PAGE_PASSED = N_("passed")
PAGE_POINTS_OF = N_("{score} / {points} points")
PAGE_CELL_RAISED = N_("this cell raised {ename}")
PAGE_ON_TIME = N_("Submitted on time ({source}).")
PAGE_LATE = N_("Submitted late")
PAGE_LATE_BY = N_("by {duration}")
PAGE_PENALTY = N_("late penalty −{penalty} points, score after the penalty {score} / {max_score}")
PAGE_UNDECIDED = N_("your instructor decides on any late penalty")
STATUS_GRADED = N_("graded")
STATUS_TIMEOUT = N_("graded, but a time limit was hit")
STATUS_LIMIT = N_("graded, but a resource limit was hit")
STATUS_CRASHED = N_("the kernel crashed: later tests did not run")
STATUS_TAMPERED = N_("held for review by the instructor")
STATUS_INVALID = N_("not graded: the file is not a usable notebook")
STATUS_MISSING = N_("not graded: no notebook was found")

TEMPLATES = tuple(value for name, value in list(globals().items()) if name.isupper() and isinstance(value, str)
                  and name not in ("LANGUAGES",))
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def language_of(metadata: dict) -> str:
    """The edition of a notebook ("" for English), from the metadata the Korean build sets."""
    course = metadata.get("course") if isinstance(metadata, dict) else None
    edition = course.get("edition") if isinstance(course, dict) else None
    return edition if edition in LANGUAGES else ""


@cache
def catalogue(language: str) -> dict[str, str]:
    """English template -> its translation (translated, not fuzzy entries of the language's catalogue)."""
    path = LOCALE / language / "LC_MESSAGES" / "autograder.po"
    if not language or not path.exists():
        return {}
    from babel.messages.pofile import read_po  # only a translated page needs it

    with path.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


# Placeholders that hold what one of these templates wrote, or nothing: matched as those templates, so that the
# placeholder right before one ("{why}{changed_where}") ends where it begins.
NESTED = {"changed_where": (CHANGED_WHILE_TEST, CHANGED_IN, "")}


def _body(template: str, named: bool = True) -> str:
    out = []
    for part in re.split(r"(\{\w+\})", template):
        if not PLACEHOLDER.fullmatch(part):
            out.append(re.escape(part))
            continue
        name = part[1:-1]
        inner = "|".join(_body(t, named=False) for t in NESTED[name]) if name in NESTED else ".+?"
        out.append(f"(?P<{name}>{inner})" if named else f"(?:{inner})")
    return "".join(out)


def _pattern(template: str) -> re.Pattern:
    return re.compile(_body(template) + r"(?=; |$)", re.DOTALL)


@cache
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((t, _pattern(t)) for t in sorted(TEMPLATES, key=len, reverse=True))


def gettext(template: str, language: str) -> str:
    return catalogue(language).get(template, template)


def localize(text: str, language: str) -> str:
    """`text` (one note, or notes joined by "; ") in `language`: each part that a template wrote, with its values,
    in that template's translation; anything else as it is."""
    if not language or not text or not catalogue(language):
        return text
    out, pos = [], 0
    while pos < len(text):
        best = None
        for template, pattern in _patterns():
            match = pattern.match(text, pos)
            if match and (best is None or match.end() > best[1].end()):
                best = (template, match)
        if best is None:
            end = text.find("; ", pos)
            end = len(text) if end < 0 else end
            out.append(text[pos:end])
        else:
            template, match = best
            values = {k: localize(v, language) for k, v in match.groupdict().items()}
            out.append(gettext(template, language).format(**values))
            end = match.end()
        if text.startswith("; ", end):
            out.append("; ")
            end += 2
        pos = end
    return "".join(out)
