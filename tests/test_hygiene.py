"""Static checks of every chapter: release up to date, nothing leaks to students, metadata sound, lint clean."""

import ast
import re
import subprocess
import sys

import pytest

from coursetools import notebook
from coursetools.course import ROOT, chapters
from coursetools.release import readme_is_current, stale
from tools.split_test_cells import answer_definitions, answered

CHAPTERS = pytest.mark.parametrize("ch", chapters(), ids=lambda c: c.id)


def meaningful_lines(block: str) -> list[str]:
    """Lines of a solution/hidden block long enough to be recognisable if they leaked."""
    return [line.strip() for line in block.splitlines() if len(line.strip()) > 12 and not line.strip().startswith("#")]


def test_every_chapter_folder_is_registered():
    registered = {c.id for c in chapters()}
    on_disk = {p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()}
    assert on_disk == registered, f"solutions/ and course.toml disagree: {on_disk ^ registered}"


def test_student_notebooks_match_a_fresh_release():
    bad = stale(chapters())
    assert not bad, f"notebooks/ is out of date or was edited by hand for {bad}: edit solutions/ and run `make release`"


def test_readme_chapter_table_is_current():
    assert readme_is_current(), "README.md's chapter table is out of date: run `make release`"


@CHAPTERS
def test_student_notebook_has_no_outputs(ch):
    nb = notebook.read(ch.release)
    with_outputs = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not with_outputs, f"cells {with_outputs} of {ch.release.name} hold outputs"


@CHAPTERS
def test_student_notebook_holds_no_solution_or_hidden_test(ch):
    source, student = notebook.read(ch.source), notebook.read(ch.release)
    student_text = "\n".join(c.source for c in student.cells)
    assert "BEGIN SOLUTION" not in student_text and "BEGIN HIDDEN TESTS" not in student_text
    # Lines that the source also shows in the open (teaching code, visible tests) may legitimately repeat.
    public = "\n".join(notebook.HIDDEN.sub("", notebook.SOLUTION.sub("", c.source)) for c in source.cells)
    for block in notebook.solution_blocks(source) + notebook.hidden_test_blocks(source):
        for line in meaningful_lines(block):
            if line not in public:
                assert line not in student_text, f"{ch.id}: student notebook contains {line!r}"


@CHAPTERS
def test_graded_cells_are_well_formed(ch):
    nb = notebook.read(ch.source)
    cells = notebook.nbgrader_cells(nb)
    ids = [c.grade_id for c in cells]
    assert len(ids) == len(set(ids)), f"duplicate grade_id in {ch.id}"
    runs = notebook.test_sources(nb)      # what each test runs: its helpers cell, then the test cell
    for cell in cells:
        if cell.grade_id == "check_all":       # the chapter's "check all my answers" cell belongs to no exercise
            continue
        assert notebook.exercise_of(cell.grade_id), f"{cell.grade_id}: grade_id must start with exN_"
        if cell.kind == "tests":
            assert cell.points > 0 and cell.points == int(cell.points), f"{cell.grade_id}: whole, positive points"
            assert "### BEGIN HIDDEN TESTS" in cell.source, f"{cell.grade_id}: no hidden tests"
            assert "print(" not in runs[cell.grade_id], f"{cell.grade_id}: test cells must print nothing"
            assert "mkdtemp(" not in runs[cell.grade_id], (
                f"{cell.grade_id}: test cells leave no files behind: use tempfile.TemporaryDirectory(), not mkdtemp")
        elif cell.kind == "helpers":
            assert cell.grade_id.removesuffix(notebook.HELPERS_SUFFIX) in runs, f"{cell.grade_id}: no test of that name"
            assert "BEGIN HIDDEN TESTS" not in cell.source, f"{cell.grade_id}: learners see helpers: no hidden tests"
        else:
            assert cell.kind == "solution" and "### BEGIN SOLUTION" in cell.source, cell.grade_id
    exercises = notebook.points_by_exercise(nb)
    solved = {notebook.exercise_of(c.grade_id) for c in cells if c.kind == "solution"}
    assert solved == set(exercises), f"exercises without a solution cell or without tests: {solved ^ set(exercises)}"
    assert len(exercises) >= 4, f"{ch.id}: {len(exercises)} graded exercises, at least 4 needed"
    assert sum(exercises.values()) >= 10, f"{ch.id}: {sum(exercises.values())} points, at least 10 needed"


@CHAPTERS
def test_chapter_structure(ch):
    nb = notebook.read(ch.source)
    assert nb.metadata.kernelspec.name == "python3"
    first, setup = nb.cells[0], nb.cells[2] if nb.cells[1].cell_type == "markdown" else nb.cells[1]
    assert first.source.startswith(f"# Chapter {ch.number} — "), "first cell: '# Chapter N — Title'"
    assert "COURSE_FAST" in setup.source and "keras.utils.set_random_seed" in setup.source, "setup cell missing"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for heading in ("## Summary", "## Glossary"):
        assert heading in text, f"{ch.id}: no '{heading}' section"
    assert any("\uac00" <= char <= "\ud7a3" for char in text.split("## Glossary")[1]), "glossary has no Korean terms"


GLOSSARY_TERMS = ROOT / "i18n" / "ko" / "terms.md"


def _table_rows(text: str) -> list[list[str]]:
    """The cells of each row of the markdown tables in `text` (header and separator rows left out)."""
    rows = []
    for line in text.splitlines():
        if line.startswith("|") and not set(line) <= set("|-: "):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if cells[0] != "English":
                rows.append(cells)
    return rows


def _term_key(english: str) -> str:
    return " ".join(english.replace("`", "").lower().split())


def _without_glosses(text: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)", " ", text).split())


def glossary_terms(ch) -> list[tuple[str, str]]:
    """(English, Korean) terms of a chapter's glossary; a row 'a / b | 가 / 나' holds two of them."""
    nb = notebook.read(ch.source)
    text = next(c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## Glossary"))
    terms = []
    for english, korean, *_ in _table_rows(text):
        en_parts, ko_parts = english.split(" / "), korean.split(" / ")
        terms += zip(en_parts, ko_parts) if len(en_parts) == len(ko_parts) else [(english, korean)]
    return [(english.strip(), " ".join(korean.split())) for english, korean in terms]


def course_terms() -> dict[str, str]:
    """i18n/ko/terms.md: the one Korean term of each concept, keyed by the English term."""
    rows = _table_rows(GLOSSARY_TERMS.read_text())
    keys = [_term_key(english) for english, _ in rows]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicated, f"i18n/ko/terms.md lists these terms twice: {duplicated}"
    return {_term_key(english): " ".join(korean.split()) for english, korean in rows}


@CHAPTERS
def test_glossary_uses_the_course_terms(ch):
    """One Korean term per concept across the course: every glossary term is the one of i18n/ko/terms.md."""
    terms = course_terms()
    for english, korean in glossary_terms(ch):
        key = _term_key(english)
        assert key in terms, (
            f"{ch.id}: the glossary term {english!r} ({korean}) is not in i18n/ko/terms.md: add it there, "
            "with the Korean term every chapter will use")
        assert korean == terms[key], (
            f"{ch.id}: the glossary writes {english!r} as {korean!r}, i18n/ko/terms.md as {terms[key]!r}: "
            "one Korean term per concept across the course")


def test_course_term_list_is_consistent():
    """The list itself: no term without a chapter, and one term per concept even where glosses differ."""
    terms = course_terms()
    used = {_term_key(english) for ch in chapters() for english, _ in glossary_terms(ch)}
    assert set(terms) <= used, f"i18n/ko/terms.md lists terms no glossary uses: {sorted(set(terms) - used)}"
    concepts: dict[str, set[str]] = {}
    for english, korean in terms.items():
        concepts.setdefault(_without_glosses(english), set()).add(_without_glosses(korean))
    drift = {concept: sorted(koreans) for concept, koreans in concepts.items() if len(koreans) > 1}
    assert not drift, f"i18n/ko/terms.md gives one concept several Korean terms: {drift}"


@CHAPTERS
def test_setup_cell_is_the_shared_one(ch):
    """Every chapter's setup cell is docs/setup_cell.py, with only its REQUIRED table changed (docs/authoring.md)."""
    def without_required(source: str) -> str:
        return re.sub(r"^REQUIRED = \{.*?\}$", "REQUIRED = {...}", source.strip(), count=1, flags=re.DOTALL | re.MULTILINE)

    setup = next(cell for cell in notebook.read(ch.source).cells if cell.cell_type == "code")
    shared = (ROOT / "docs" / "setup_cell.py").read_text()
    assert without_required(setup.source) == without_required(shared), (
        f"{ch.id}: the setup cell differs from docs/setup_cell.py; copy that file and change only REQUIRED")


@CHAPTERS
def test_check_all_cell_is_the_shared_one(ch):
    """One read-only "check all my answers" cell, docs/check_all_cell.py exactly, after the last graded test cell
    (`python -m tools.sync_check_all` puts it there)."""
    nb = notebook.read(ch.source)
    found = [i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "check_all"]
    assert len(found) == 1, f"{ch.id}: expected one check-all cell, found {len(found)}: run python -m tools.sync_check_all"
    cell = nb.cells[found[0]]
    assert cell.source.strip() == (ROOT / "docs" / "check_all_cell.py").read_text().strip(), (
        f"{ch.id}: the check-all cell differs from docs/check_all_cell.py: run python -m tools.sync_check_all")
    meta = cell.metadata["nbgrader"]
    assert meta.get("locked") and not meta.get("grade") and not meta.get("solution"), f"{ch.id}: {meta}"
    tests = [i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade")]
    assert found[0] > max(tests), f"{ch.id}: the check-all cell must come after every graded test cell"


def test_notebooks_pass_ruff():
    paths = [str(p) for ch in chapters() for p in (ch.source, ch.release)]
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *paths], check=False,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_python_code_passes_ruff():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)], check=False,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@CHAPTERS
def test_student_notebook_carries_no_test_machinery(ch):
    """No nbval markers and no execution timestamps in what learners open (the release strips both)."""
    nb = notebook.read(ch.release)
    marked = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "NBVAL_CHECK_OUTPUT" in c.source]
    assert not marked, f"cells {marked} of {ch.release.name} still carry '# NBVAL_CHECK_OUTPUT': run `make release`"
    stamped = [i for i, c in enumerate(nb.cells) if "execution" in c.metadata]
    assert not stamped, f"cells {stamped} of {ch.release.name} carry execution timestamps: run `make release`"


def _headings(nb) -> list[str]:
    """Markdown headings of a notebook, normalised (curly apostrophes, case, trailing colons)."""
    out = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    out.append(line.replace("\u2019", "'").rstrip(" :").lower())
    return out


SCAFFOLD = ["## how this notebook works", "## summary", "## glossary", "## what's next"]


@CHAPTERS
def test_chapter_follows_the_scaffold(ch):
    """The headings every chapter shares, in order (COMMON scaffold; docs/authoring.md section 2)."""
    nb = notebook.read(ch.source)
    title = nb.cells[0].source
    assert "what you will learn" in title.lower() and "prerequisite" in title.lower(), (
        f"{ch.id}: the title cell needs 'What you will learn' and 'Prerequisites'")
    headings = _headings(nb)
    positions = []
    for wanted in SCAFFOLD:
        found = [i for i, h in enumerate(headings) if h.startswith(wanted)]
        assert found, f"{ch.id}: no '{wanted}' heading (docs/authoring.md, section 2)"
        positions.append(found[0])
    assert positions == sorted(positions), f"{ch.id}: the scaffold headings are out of order: {SCAFFOLD}"
    assert any(h.startswith(("## exercises", "### exercise")) for h in headings), f"{ch.id}: no exercises"


@CHAPTERS
def test_whats_next_points_to_the_next_chapter(ch):
    registered = chapters()
    later = [c for c in registered if c.number == ch.number + 1]
    if not later:
        return
    nb = notebook.read(ch.source)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").replace("\u2019", "'")
    section = text.split("## What's next", 1)[-1].lower()
    assert f"chapter {later[0].number}" in section or later[0].title.lower() in section, (
        f"{ch.id}: 'What's next' should name chapter {later[0].number} ({later[0].title})")


@CHAPTERS
def test_chapter_prints_course_results_once(ch):
    nb = notebook.read(ch.source)
    cells = [c for c in nb.cells if c.cell_type == "code" and 'print("COURSE_RESULTS"' in c.source]
    assert len(cells) == 1, f"{ch.id}: expected one COURSE_RESULTS cell (docs/authoring.md, section 5), got {len(cells)}"


@CHAPTERS
def test_chapter_has_enough_graded_work(ch):
    exercises = notebook.points_by_exercise(notebook.read(ch.source))
    assert len(exercises) >= 5, f"{ch.id}: {len(exercises)} graded exercises, at least 5 needed"
    assert sum(exercises.values()) >= 12, f"{ch.id}: {sum(exercises.values())} points, at least 12 needed"


# The Validate dialog shows each failing test cell's whole source above its error: a test cell stays short so that the
# message is on screen (docs/authoring.md, section 2); its checks live in the read-only helpers cell right above it.
MAX_TEST_LINES = 12


def _test_and_helpers(nb):
    """(helpers cell or None, test cell) for every test cell of `nb`, the helpers cell being the one right above."""
    cells = nb.cells
    for i, cell in enumerate(cells):
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            above = cells[i - 1] if i else None
            name = above.metadata.get("nbgrader", {}).get("grade_id") if above is not None else None
            yield (above if name == meta["grade_id"] + notebook.HELPERS_SUFFIX else None), cell


@CHAPTERS
def test_every_test_cell_has_its_helpers_cell_right_above(ch):
    nb = notebook.read(ch.source)
    for helpers, test in _test_and_helpers(nb):
        gid = test.metadata.nbgrader.grade_id
        assert helpers is not None, f"{ch.id} {gid}: no helpers cell {gid}{notebook.HELPERS_SUFFIX} right above it"
        assert helpers.metadata.nbgrader == {"grade": False, "solution": False, "locked": True,
                                             "grade_id": gid + notebook.HELPERS_SUFFIX, "schema_version": 3}, (
            f"{ch.id} {gid}: the helpers cell is read-only, without points (docs/authoring.md, section 3)")
        number = notebook.exercise_of(gid)[2:]
        assert helpers.source.startswith(f"# Test helpers for Exercise {number} (read-only)"), (
            f"{ch.id} {gid}: the helpers cell starts with '# Test helpers for Exercise {number} (read-only): ...'")
        assert helpers.source.endswith(answered(int(number), answer_definitions(nb))), (
            f"{ch.id} {gid}: the helpers cell ends with _ex{number}_answered as tools/split_test_cells.py writes it "
            "now: run `python -m tools.split_test_cells` (docs/authoring.md, section 4)")


@CHAPTERS
def test_test_cells_are_short_and_say_not_answered_yet(ch):
    """The learner's test cell (the release, hidden tests gone) is a few lines: the checks are called, not defined; it
    runs them inside `with _exN_answered():`, which its helpers cell defines (an untouched answer: "not answered
    yet")."""
    release = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in notebook.read(ch.release).cells}
    for helpers, test in _test_and_helpers(notebook.read(ch.source)):
        gid = test.metadata.nbgrader.grade_id
        shown = release[gid].source.strip().splitlines()
        assert len(shown) <= MAX_TEST_LINES, (
            f"{ch.id} {gid}: the learner's test cell has {len(shown)} lines, at most {MAX_TEST_LINES}: move what it "
            "defines or sets up into the helpers cell above, or into a check function there")
        tree = ast.parse(test.source)
        hidden_from = next(i for i, line in enumerate(test.source.splitlines(), 1) if "BEGIN HIDDEN TESTS" in line)
        defined = [n.name for n in ast.walk(tree)
                   if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.lineno < hidden_from]
        assert not defined, f"{ch.id} {gid}: the test cell defines {defined}: they belong in the helpers cell"
        number = notebook.exercise_of(gid)[2:]
        first = tree.body[0]
        assert isinstance(first, ast.With) and len(tree.body) == 1 and ast.unparse(first.items[0].context_expr) == (
            f"_ex{number}_answered()"), f"{ch.id} {gid}: the test cell's code runs inside `with _ex{number}_answered():`"
        assert f"class _ex{number}_answered:" in (helpers.source if helpers is not None else ""), (
            f"{ch.id} {gid}: the helpers cell defines _ex{number}_answered (tools/split_test_cells.py writes it)")


@CHAPTERS
def test_tests_the_examiner_runs_follow_its_rules(ch):
    """Every chapter is graded by the examiner (metadata "autograder": {"examiner": true}) and keeps the rules of
    docs/authoring.md, section 4, "Tests that the examiner runs": `x.__class__`, never `type(x)`, in test and helpers
    cells; kernel helpers (`_exN_kernel_...`) defined at the top level of a helpers cell only, never in a test cell
    (whose hidden part must not reach the kernel)."""
    from autograder.runner.examiner.session import KERNEL_HELPER

    nb = notebook.read(ch.source)
    assert nb.metadata.get("autograder", {}).get("examiner") is True, (
        f"{ch.id}: the course's tests run in the examiner; its instructor notebook's metadata says "
        '"autograder": {"examiner": true} (docs/authoring.md, section 4)')
    for helpers, test in _test_and_helpers(nb):
        gid = test.metadata.nbgrader.grade_id
        for cell in (helpers, test):
            tree = ast.parse(cell.source)
            calls = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Call)
                     and isinstance(n.func, ast.Name) and n.func.id == "type" and len(n.args) == 1]
            assert not calls, f"{ch.id} {gid}: write x.__class__ instead of {calls[0]} (a handle's type is Handle)"
            nested = [n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                      and KERNEL_HELPER.match(n.name) and (cell is test or n not in tree.body)]
            assert not nested, f"{ch.id} {gid}: the kernel helper {nested[0]} belongs at the top of the helpers cell"
